/**
 * Spreadsheet tables (xlsx sheets, CSV files) → the records JSON would have given, then the shared
 * validator. Headers may be Chinese or English; cells may be numbers or text; Chinese labels of
 * kinds, fact keys and tags become their English names. Each record remembers its spreadsheet row
 * and each field its column, so problems name the cell (`事实(facts)!D14`).
 */
import { Checker } from './check.js';
import { assemble, type Sections } from './assemble.js';
import { arrayElements, toArray, type Elements } from './elements.js';
import { SECTIONS, SHEETS, columnOfHeader, expectedHeaders, factKeyOfLabel, kindOfLabel, tagsOfCell, type CellKind, type Column, type Section } from './headers.js';
import { SheetLocator, columnLetter, type SheetLayout } from './locate.js';
import type { Cell, Row, RowStore, Table } from './rows.js';
import type { Known, Problem, ReadOptions, ReadResult } from './types.js';
import { wordsOf, type Words } from './words.js';
import { WideFacts, concatElements, placeWideHeader, type WideColumn } from './wide.js';

export type { Cell, Row, Table } from './rows.js';

type Rec = Record<string, unknown>;

/**
 * `problems` are what the reader already found (missing sheet, unknown sheet); they are reported
 * first, and the rest of the input is still checked so that all problems come out together.
 */
export function readTables(tables: Partial<Record<Section, Table>>, known: Known, opts: ReadOptions | undefined, file: string, problems: readonly Problem[], noFacts?: Problem): ReadResult {
  const pre: Problem[] = [...problems];
  const layouts: Partial<Record<Section, SheetLayout>> = {};
  const none = arrayElements([]);
  const records: Record<Section, Elements> = { subjects: none, facts: none, history: none, parameters: none, interpretations: none };
  const unreadable = new Set<Section>();
  let wide: WideFacts | undefined;
  for (const s of SECTIONS) {
    const t = tables[s];
    const read = t === undefined ? undefined : readTable(s, t, pre, wordsOf(known.vocabulary));
    if (read === undefined) {
      unreadable.add(s);
      continue;
    }
    layouts[s] = read.layout;
    records[s] = read.records;
    if (s === 'subjects' && read.wide.size > 0) wide = wideFacts(t!, read.wide, read.layout, wordsOf(known.vocabulary));
  }
  // A bureau's wide table is a whole dataset by itself: facts are missing only when no column carries any.
  const factsAbsent = tables.facts === undefined && wide === undefined;
  if (factsAbsent && noFacts !== undefined) pre.splice(problems.length, 0, noFacts);
  const c = new Checker(new SheetLocator(layouts, wide?.layout(records.facts.length)), known);
  c.problems.push(...pre);
  const sections: Sections = {
    subjects: records.subjects,
    facts: wide === undefined ? records.facts : concatElements(records.facts, wide),
    history: toArray(records.history),
    parameters: toArray(records.parameters),
    interpretations: toArray(records.interpretations).map((r) => [(r as Rec).id, (r as Rec).value] as const),
  };
  return assemble(c, sections, { file, subjectsUnreliable: unreadable.has('subjects'), factsUnreliable: tables.facts === undefined ? factsAbsent : unreadable.has('facts') }, opts);
}

/** The records of one table, or undefined when its header makes the rows unreadable. */
function readTable(s: Section, t: Table, problems: Problem[], words: Words): { records: Elements; layout: SheetLayout; wide: ReadonlyMap<number, WideColumn> } | undefined {
  const header = t.header;
  if (header === undefined) {
    if (SHEETS[s].required) problems.push({ path: t.sheet, message: `the sheet is empty: it needs a header row (${expectedHeaders(s)}) and one row per ${s === 'subjects' ? 'subject' : 'fact'}` });
    return undefined;
  }
  const at = (col: number) => `${t.sheet}!${columnLetter(col)}${header.row}`;
  const lead = (col: number) => `row ${header.row}, column ${columnLetter(col)}: `;
  const byCol: (Column | undefined)[] = [];
  const columns = new Map<string, number>();
  const wide = new Map<number, WideColumn>();
  header.cells.forEach((cell, col) => {
    const text = cellText(cell);
    if (text === undefined) return;
    const column = columnOfHeader(s, text);
    if (column === undefined) {
      // the subjects sheet may carry the bureau's indicator columns (wide.ts)
      const why = s === 'subjects' ? placeWideHeader(text, col, wide, words, t.sheet) : `unknown column ${JSON.stringify(text)}: the columns of ${t.sheet} are ${expectedHeaders(s)}`;
      if (why !== undefined) problems.push({ path: at(col), message: `${lead(col)}${why}` });
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

  checkCells(t, byCol, header, problems);
  const rows = t.rows;
  return { records: recordsOf(s, rows, byCol, words), layout: { sheet: t.sheet, rows: rows.rowsView(), columns, sheetOf: rows.sheets.length > 1 ? (i) => rows.sheet(i) : undefined }, wide };
}

/** The facts of the subjects sheet's wide columns, for the subject each row's id names. */
function wideFacts(t: Table, columns: ReadonlyMap<number, WideColumn>, layout: SheetLayout, words: Words): WideFacts {
  const id = layout.columns.get('id')!;
  return new WideFacts(t.rows, columns, (i) => cellText(t.rows.cell(i, id)), (rec) => normaliseDate(rec, words));
}

/** Problems a cell has before validation, in row order: a value under no header, a code stored as a number, a NUL. */
function checkCells(t: Table, byCol: readonly (Column | undefined)[], header: Row, problems: Problem[]): void {
  const rows = t.rows;
  for (let i = 0; i < rows.length; i++) {
    for (let col = 0; col < rows.width; col++) {
      const cell = rows.cell(i, col);
      if (cell === undefined || cell === null) continue;
      const what = cellProblem(byCol[col], header.cells[col], col, cell);
      if (what === undefined) continue;
      const row = rows.row(i);
      problems.push({ path: `${rows.sheet(i)}!${columnLetter(col)}${row}`, message: `row ${row}, column ${what}` });
    }
  }
}

/** What is wrong with a cell, after `row N, column `; undefined when nothing is. */
function cellProblem(column: Column | undefined, header: Cell, col: number, cell: Cell): string | undefined {
  if (column === undefined) {
    return cellText(header) === undefined && cellText(cell) !== undefined ? `${columnLetter(col)}: a value under an empty header; name the column or clear it` : undefined;
  }
  if (codeAsNumber(column, cell)) return `${column.zh}(uscc): the code is stored as a number, which cannot hold 18 digits exactly; format the column as text (文本) and type the code again`;
  // PostgreSQL stores no NUL in text: the import would fail there, not here at the cell (read on, so no other problem is invented)
  if (typeof cell === 'string' && cell.includes('\u0000')) return `${column.zh}(${column.field}): the cell holds a NUL character (U+0000; _x0000_ in an .xlsx), which no text may hold; delete it`;
  return undefined;
}

const codeAsNumber = (column: Column, cell: Cell): boolean => column.field === 'uscc' && typeof cell === 'number';

/** The records of a table, made one at a time as the validator walks them (nothing holds them all). */
function recordsOf(s: Section, rows: RowStore, byCol: readonly (Column | undefined)[], words: Words): Elements {
  return {
    length: rows.length,
    forEach(visit) {
      for (let i = 0; i < rows.length; i++) visit(recordAt(s, rows, i, byCol, words), i);
    },
  };
}

function recordAt(s: Section, rows: RowStore, i: number, byCol: readonly (Column | undefined)[], words: Words): Rec {
  const rec: Rec = {};
  for (let col = 0; col < byCol.length; col++) {
    const column = byCol[col];
    const cell = column === undefined ? undefined : rows.cell(i, col);
    if (column === undefined || cell === undefined || cell === null || codeAsNumber(column, cell)) continue;
    const v = convert(column.kind, cell, words);
    if (v !== undefined) rec[column.field] = v;
  }
  if (s === 'facts') normaliseDate(rec, words);
  return rec;
}

/** Cell text as a person reads it; undefined for an empty cell. */
function cellText(cell: Cell): string | undefined {
  if (cell === undefined || cell === null) return undefined;
  const t = cell instanceof Date ? isoDate(cell) : String(cell).trim();
  return t === '' ? undefined : t;
}

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

const DIGITS = /^\d+$/;

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
      if (DIGITS.test(text)) return Number(text); // the common case, without exec's match array per cell of millions
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
