/**
 * The cells of every CSV and .xlsx a user downloads (the 公示 list, the payments for the finance
 * system, the import template), made safe to open. Excel, WPS and LibreOffice take text starting
 * with = + - @ for a formula (after a leading tab or carriage return too) when a CSV is opened or a
 * cell is edited: a subject named =HYPERLINK("http://…"&A1,"点击") would send the sheet away, and
 * +cmd|' /C calc'!A0 would start a program. As OWASP advises (CSV injection), such text is written
 * with a leading apostrophe, which a spreadsheet shows as the text it is.
 */

/** What a spreadsheet reads as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number such as a negative amount ("-1200.50"): read as the number, never run. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export type SheetValue = string | number | null;

/** Text as it may stand in a cell: an apostrophe before anything a spreadsheet would run. */
export function spreadsheetText(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One cell's value: text made safe; numbers (and empty cells) stay what they are. */
export function spreadsheetValue<V extends SheetValue>(v: V): V | string {
  return typeof v === 'string' ? spreadsheetText(v) : v;
}

/** A row of cells for an .xlsx worksheet (exceljs `addRow`). */
export const spreadsheetRow = (values: readonly SheetValue[]): SheetValue[] => values.map(spreadsheetValue);

/** A CSV field: made safe, then quoted where it holds a quote, comma or line break. */
const csvField = (v: SheetValue): string => {
  const text = v === null ? '' : String(spreadsheetValue(v));
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One record of such a CSV file, with its CRLF (for files written a row at a time). */
export const spreadsheetCsvLine = (row: readonly SheetValue[]): string => row.map(csvField).join(',') + '\r\n';

/** A CSV file as Excel opens it: a BOM (so it reads UTF-8), safe fields, CRLF line ends. */
export function spreadsheetCsv(rows: readonly (readonly SheetValue[])[]): string {
  return '\ufeff' + rows.map(spreadsheetCsvLine).join('');
}
