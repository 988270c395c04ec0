/**
 * Spreadsheet tables (xlsx sheets, CSV files) → the records JSON would have given, then the shared
 * validator. Headers may be Chinese or English; cells may be numbers or text; Chinese labels of
 * kinds, fact keys and tags become their English names. Each record remembers its spreadsheet row
 * and each field its column, so problems name the cell (`事实(facts)!D14`).
 */
import { Checker } from './check.js';
import { assemble, type Sections } from './assemble.js';
import { arrayElements } from './elements.js';
import { SECTIONS, SHEETS, columnOfHeader, expectedHeaders, factKeyOfLabel, kindOfLabel, tagsOfCell, type CellKind, type Column, type Section } from './headers.js';
import { SheetLocator, columnLetter, type SheetLayout } from './locate.js';
import type { Known, Problem, ReadOptions, ReadResult } from './types.js';
import { wordsOf, type Words } from './words.js';

export type Cell = string | number | boolean | Date | null | undefined;

export interface Row {
  readonly row: number; // 1-based, as the spreadsheet shows it
  readonly cells: readonly Cell[];
}

/** A sheet or CSV file as read, empty rows already left out. */
export interface Table {
  readonly sheet: string; // the name used in paths: `事实(facts)`, `demo.facts.csv`
  readonly rows: readonly Row[];
}

type Rec = Record<string, unknown>;

/**
 * `problems` are what the reader already found (missing sheet, unknown sheet); they are reported
 * first, and the rest of the input is still checked so that all problems come out together.
 */
export function readTables(tables: Partial<Record<Section, Table>>, known: Known, opts: ReadOptions | undefined, file: string, problems: readonly Problem[]): ReadResult {
  const pre: Problem[] = [...problems];
  const layouts: Partial<Record<Section, SheetLayout>> = {};
  const records: Record<Section, Rec[]> = { subjects: [], facts: [], history: [], parameters: [], interpretations: [] };
  const unreadable = new Set<Section>();
  for (const s of SECTIONS) {
    const t = tables[s];
    const read = t === undefined ? undefined : readTable(s, t, pre, wordsOf(known.vocabulary));
    if (read === undefined) {
      unreadable.add(s);
      continue;
    }
    layouts[s] = read.layout;
    records[s] = read.records;
  }
  const c = new Checker(new SheetLocator(layouts), known);
  c.problems.push(...pre);
  const sections: Sections = {
    subjects: arrayElements(records.subjects),
    facts: arrayElements(records.facts),
    history: records.history,
    parameters: records.parameters,
    interpretations: records.interpretations.map((r) => [r.id, r.value] as const),
  };
  return assemble(c, sections, { file, subjectsUnreliable: unreadable.has('subjects'), factsUnreliable: unreadable.has('facts') }, opts);
}

/** The records of one table, or undefined when its header makes the rows unreadable. */
function readTable(s: Section, t: Table, problems: Problem[], words: Words): { records: Rec[]; layout: SheetLayout } | undefined {
  const header = t.rows[0];
  if (header === undefined) {
    if (SHEETS[s].required) problems.push({ path: t.sheet, message: `the sheet is empty: it needs a header row (${expectedHeaders(s)}) and one row per ${s === 'subjects' ? 'subject' : 'fact'}` });
    return undefined;
  }
  const at = (col: number) => `${t.sheet}!${columnLetter(col)}${header.row}`;
  const lead = (col: number) => `row ${header.row}, column ${columnLetter(col)}: `;
  const byCol: (Column | undefined)[] = [];
  const columns = new Map<string, number>();
  header.cells.forEach((cell, col) => {
    const text = cellText(cell);
    if (text === undefined) return;
    const column = columnOfHeader(s, text);
    if (column === undefined) {
      problems.push({ path: at(col), message: `${lead(col)}unknown column ${JSON.stringify(text)}: the columns of ${t.sheet} are ${expectedHeaders(s)}` });
    } else if (columns.has(column.field)) {
      problems.push({ path: at(col), message: `${lead(col)}${JSON.stringify(text)} repeats column ${columnLetter(columns.get(column.field)!)} (${column.zh}/${column.field}); keep one` });
    } else {
      columns.set(column.field, col);
      byCol[col] = column;
    }
  });
  const missing = SHEETS[s].columns.filter((col) => col.required && !columns.has(col.field));
  for (const col of missing) {
    problems.push({ path: `${t.sheet}!${header.row}:${header.row}`, message: `row ${header.row}: missing column ${col.zh}(${col.field}); the header row needs ${SHEETS[s].columns.filter((x) => x.required).map((x) => `${x.zh}/${x.field}`).join(', ')}` });
  }
  if (missing.length > 0) return undefined;

  const records: Rec[] = [];
  const rows: number[] = [];
  for (let r = 1; r < t.rows.length; r++) {
    const { row, cells } = t.rows[r]!;
    const rec: Rec = {};
    for (let col = 0; col < cells.length; col++) {
      const cell = cells[col];
      if (cell === undefined || cell === null) continue;
      const column = byCol[col];
      if (column === undefined) {
        if (cellText(header.cells[col]) === undefined && cellText(cell) !== undefined) {
          problems.push({ path: `${t.sheet}!${columnLetter(col)}${row}`, message: `row ${row}, column ${columnLetter(col)}: a value under an empty header; name the column or clear it` });
        }
        continue;
      }
      if (column.field === 'uscc' && typeof cell === 'number') {
        problems.push({ path: `${t.sheet}!${columnLetter(col)}${row}`, message: `row ${row}, column ${column.zh}(uscc): the code is stored as a number, which cannot hold 18 digits exactly; format the column as text (文本) and type the code again` });
        continue;
      }
      if (typeof cell === 'string' && cell.includes('\u0000')) {
        // PostgreSQL stores no NUL in text: the import would fail there, not here at the cell (read on, so no other problem is invented)
        problems.push({ path: `${t.sheet}!${columnLetter(col)}${row}`, message: `row ${row}, column ${column.zh}(${column.field}): the cell holds a NUL character (U+0000; _x0000_ in an .xlsx), which no text may hold; delete it` });
      }
      const v = convert(column.kind, cell, words);
      if (v !== undefined) rec[column.field] = v;
    }
    if (s === 'facts') normaliseDate(rec, words);
    records.push(rec);
    rows.push(row);
  }
  return { records, layout: { sheet: t.sheet, rows, columns } };
}

/** Cell text as a person reads it; undefined for an empty cell. */
function cellText(cell: Cell): string | undefined {
  if (cell === undefined || cell === null) return undefined;
  const t = cell instanceof Date ? isoDate(cell) : String(cell).trim();
  return t === '' ? undefined : t;
}

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

const CHINESE_QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };

/** What the JSON form of a cell would be; a cell that cannot be read is passed on as text for the validator to name. */
function convert(kind: CellKind, cell: Cell, words: Words): unknown {
  if (kind === 'value') {
    if (typeof cell === 'number' || typeof cell === 'boolean') return cell;
    return cellText(cell);
  }
  const text = cellText(cell);
  if (text === undefined) return undefined;
  switch (kind) {
    case 'text':
      return text;
    case 'integer': {
      if (typeof cell === 'number') return cell;
      const m = /^(\d+)年?$/.exec(text);
      return m ? Number(m[1]) : text;
    }
    case 'quarter': {
      if (typeof cell === 'number') return cell;
      const m = /^(?:[Qq]|第)?([1-4一二三四])(?:季度)?$/.exec(text);
      return m ? (CHINESE_QUARTER[m[1]!] ?? Number(m[1])) : text;
    }
    case 'kind':
      return kindOfLabel(words, text);
    case 'key':
      return factKeyOfLabel(words, text);
    case 'tags':
      return tagsOfCell(words, text);
  }
}

/** A date fact typed as 2022/5/1 or 2022年5月1日 (as Excel shows dates) reads as 2022-05-01. */
function normaliseDate(rec: Rec, words: Words): void {
  const key = rec.key;
  if (typeof key !== 'string' || words.keys.get(key)?.unit !== 'date' || typeof rec.value !== 'string') return;
  const m = /^(\d{4})[/.年-](\d{1,2})[/.月-](\d{1,2})日?$/.exec(rec.value);
  if (m) rec.value = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}
