/** Interchange format v1 as an Excel workbook (.xlsx): one sheet per section. */
import type ExcelJS from 'exceljs';
import { loadExcel } from './excel.js';
import { UPLOAD_LIMITS, xlsxTooLarge } from './limits.js';
import { SECTIONS, SHEETS, sectionOfSheet, sheetName, type Section } from './headers.js';
import { readTables, type Cell, type Row, type Table } from './sheets.js';
import type { Known, Problem, ReadOptions, ReadResult } from './types.js';

export function readXlsx(data: Uint8Array, known: Known, opts?: ReadOptions): Promise<ReadResult> {
  return readXlsxAt(data, known, opts, '(file)');
}

export async function readXlsxAt(data: Uint8Array, known: Known, opts: ReadOptions | undefined, file: string): Promise<ReadResult> {
  const notZip = notXlsx(data);
  if (notZip !== undefined) return { ok: false, problems: [{ path: file, message: notZip }] };
  const over = await xlsxTooLarge(data, { ...UPLOAD_LIMITS, ...opts?.limits }, file);
  if (over) return { ok: false, ...over };
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(Buffer.from(data.buffer, data.byteOffset, data.byteLength) as unknown as ExcelJS.Buffer);
  } catch (e) {
    return { ok: false, problems: [{ path: file, message: `not a readable .xlsx workbook: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  const problems: Problem[] = [];
  const tables: Partial<Record<Section, Table>> = {};
  wb.eachSheet((ws) => {
    const section = sectionOfSheet(ws.name);
    if (section === 'ignored') return;
    const rows = rowsOf(ws);
    if (section === undefined) {
      // An unknown sheet may be a misspelt section: its rows would silently be lost.
      if (rows.length > 0) problems.push({ path: ws.name, message: `unknown sheet ${JSON.stringify(ws.name)}: the sheets are ${SECTIONS.map(sheetName).join(', ')} and 说明(keys); rename it or delete it` });
      return;
    }
    const other = tables[section];
    if (other !== undefined) {
      problems.push({ path: ws.name, message: `sheet ${JSON.stringify(ws.name)} and sheet ${JSON.stringify(other.sheet)} are both ${sheetName(section)}; keep one` });
      return;
    }
    tables[section] = { sheet: ws.name, rows };
  });
  for (const s of SECTIONS) {
    if (SHEETS[s].required && tables[s] === undefined) {
      problems.push({ path: sheetName(s), message: `missing sheet: the workbook needs a sheet named ${sheetName(s)} (or ${SHEETS[s].zh} / ${s})` });
    }
  }
  return readTables(tables, known, opts, file, problems);
}

/** Say what a file is when it is not a workbook, before a zip library says something obscure. */
function notXlsx(data: Uint8Array): string | undefined {
  const b = (i: number) => data[i] ?? -1;
  if (b(0) === 0x50 && b(1) === 0x4b && b(2) === 0x03 && b(3) === 0x04) return undefined;
  if (b(0) === 0xd0 && b(1) === 0xcf && b(2) === 0x11 && b(3) === 0xe0) return 'an old-style .xls workbook: save it in Excel as .xlsx (Excel 工作簿) and read that';
  return 'not an .xlsx workbook (an .xlsx file is a zip archive, and this is not one)';
}

function rowsOf(ws: ExcelJS.Worksheet): Row[] {
  const rows: Row[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    let any = false;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      const v = plain(cell.value);
      if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return;
      cells[col - 1] = v;
      any = true;
    });
    if (any) rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** A cell's value as typed or computed: rich text joined, a formula's result, a link's text, an error's code. */
function plain(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('error' in v) return v.error;
  if ('formula' in v || 'sharedFormula' in v) return plain((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue | undefined);
  if ('text' in v) return typeof v.text === 'string' ? v.text : plain(v.text as ExcelJS.CellValue);
  return undefined;
}
