/**
 * The demo as an .xlsx workbook, written as a stream: plain SpreadsheetML in a zip (zip.ts), text
 * as inline strings (no shared-string table to hold), codes in cells formatted as text (@), amounts
 * as numbers where that is exact (see exactNumber). A sheet
 * holds at most 1,048,576 rows, header included: a longer section continues on sheets named
 * 事实(facts)(2), 事实(facts)(3)…, each starting with the same header row. The workbook's parts are
 * written before its sheets, so that a reader streaming the zip meets the sheet names first.
 */
import { continuationSheetName, sheetName } from '@duixian/interchange';
import type { SheetValue } from '@duixian/interchange';
import { prepareDemo } from './generate.js';
import { writeOut } from './out.js';
import { demoTables, plan, type SheetTable } from './rows.js';
import type { DemoOptions } from './types.js';
import { ZipWriter } from './zip.js';

/** Excel's rows per sheet. */
export const EXCEL_ROWS = 1_048_576;

export interface XlsxLayout {
  /** the bureau's wide layout: indicators as columns of the subjects sheet */
  readonly wide?: boolean;
  /** rows per sheet, header included (tests make it small to see continuation sheets) */
  readonly rowsPerSheet?: number;
}

export interface Written {
  readonly subjects: number;
  /** facts written, in rows of the facts sheets or (wide) as cells of the subjects sheet */
  readonly facts: number;
  /** rows of the facts sheets, headers not counted */
  readonly factRows: number;
  readonly bytes: number;
  readonly sheets: readonly string[];
}

/** `事实(facts)`, then `事实(facts)(2)`…: the names the readers take as one section. */
const continued = (section: SheetTable['section'], n: number): string => (n === 1 ? sheetName(section) : continuationSheetName(section, n));

interface Sheet {
  readonly name: string;
  readonly table: SheetTable;
  /** data rows of the table on this sheet: [from, to) */
  readonly from: number;
  readonly to: number;
}

export async function writeDemoXlsx(path: string, opts: DemoOptions | undefined, layout: XlsxLayout = {}): Promise<Written> {
  const perSheet = (layout.rowsPerSheet ?? EXCEL_ROWS) - 1;
  if (!(perSheet >= 1)) throw new RangeError(`rowsPerSheet must be at least 2, got ${layout.rowsPerSheet}`);
  const d = prepareDemo(opts);
  const p = plan(d, layout.wide === true);
  const sheets: Sheet[] = [];
  for (const table of demoTables(d, p)) {
    const parts = Math.max(1, Math.ceil(table.count / perSheet));
    for (let k = 0; k < parts; k++) sheets.push({ name: continued(table.section, k + 1), table, from: k * perSheet, to: Math.min(table.count, (k + 1) * perSheet) });
  }
  const bytes = await writeOut(path, async (out) => {
    const zip = new ZipWriter(out);
    await zip.add('[Content_Types].xml', [contentTypes(sheets.length)]);
    await zip.add('_rels/.rels', [ROOT_RELS]);
    await zip.add('xl/workbook.xml', [workbook(sheets.map((s) => s.name))]);
    await zip.add('xl/_rels/workbook.xml.rels', [workbookRels(sheets.length)]);
    await zip.add('xl/styles.xml', [STYLES]);
    // a table's rows are made once, in order, and shared out over its sheets
    let rows: Iterator<readonly SheetValue[]> | undefined;
    for (const [i, s] of sheets.entries()) {
      if (s.from === 0) rows = s.table.rows()[Symbol.iterator]();
      await zip.add(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s, rows!));
    }
    await zip.finish();
  });
  return { subjects: p.subjects, facts: p.facts + p.wideCells, factRows: p.facts, bytes, sheets: sheets.map((s) => s.name) };
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const BATCH = 1 << 20; // characters of XML per piece

const escape = (s: string): string => (/[&<>]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s);

function columnLetters(n: number): string[] {
  const out: string[] = [];
  for (let i = 1; i <= n; i++) {
    let s = '';
    for (let k = i; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
    out.push(s);
  }
  return out;
}

/** Style 1: text (@), for codes; style 2: bold, for the header. */
const TEXT_STYLE = 1;
const HEADER_STYLE = 2;

/**
 * Text that is a plain decimal number of at most 15 significant digits, written the way JavaScript
 * writes that number back ("5237883.07", not "5237883.070" or "1e21"): as a number cell it reads
 * back as exactly the same amount (the double nearest it prints as it), and smaller and faster to
 * read than a string.
 */
export function exactNumber(text: string): number | undefined {
  if (!/^-?\d+(\.\d+)?$/.test(text) || text.replace(/^-?0*|\./g, '').length > 15) return undefined;
  const n = Number(text);
  return String(n) === text ? n : undefined;
}

/**
 * One row. Every cell keeps its reference (r="D14"): Excel reads a cell without one as the next
 * column, but exceljs, for one, fails on it.
 */
function rowXml(r: number, cells: readonly SheetValue[], letters: readonly string[], text: readonly boolean[] | undefined, header: boolean): string {
  let s = `<row r="${r}">`;
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c];
    if (v === null || v === undefined || v === '') continue;
    const at = ` r="${letters[c]}${r}"`;
    const code = text?.[c] === true;
    const n = typeof v === 'number' ? v : header || code ? undefined : exactNumber(v);
    if (n !== undefined) {
      s += `<c${at}><v>${n}</v></c>`;
      continue;
    }
    const t = String(v);
    const style = header ? HEADER_STYLE : code ? TEXT_STYLE : 0;
    const space = /^\s|\s$/.test(t) ? ' xml:space="preserve"' : '';
    s += `<c${at}${style ? ` s="${style}"` : ''} t="inlineStr"><is><t${space}>${escape(t)}</t></is></c>`;
  }
  return s + '</row>';
}

function* sheetXml(s: Sheet, rows: Iterator<readonly SheetValue[]>): Generator<string> {
  const letters = columnLetters(s.table.header.length);
  let xml = `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>`;
  xml += rowXml(1, s.table.header, letters, undefined, true);
  for (let i = s.from, r = 2; i < s.to; i++, r++) {
    const next = rows.next();
    if (next.done) throw new Error(`internal: ${s.name} has ${i} rows, ${s.table.count} were counted`);
    xml += rowXml(r, next.value, letters, s.table.text, false);
    if (xml.length >= BATCH) {
      yield xml;
      xml = '';
    }
  }
  yield xml + '</sheetData></worksheet>';
}

const sheetNumbers = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

const contentTypes = (n: number): string =>
  `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  sheetNumbers(n).map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
  '</Types>';

const ROOT_RELS =
  `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const workbook = (names: readonly string[]): string =>
  `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>` +
  names.map((name, i) => `<sheet name="${escape(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
  '</sheets></workbook>';

const workbookRels = (n: number): string =>
  `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  sheetNumbers(n).map((i) => `<Relationship Id="rId${i}" Type="${REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`).join('') +
  `<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;

const STYLES =
  `${XML}<styleSheet xmlns="${MAIN}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
