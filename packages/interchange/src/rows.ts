/**
 * The rows of one section as read (a sheet and its continuation sheets, or a CSV file), held
 * column by column between a reader and the validator. A million-row sheet as `{row, cells[]}`
 * objects, then records, then facts, all at once, needs gigabytes; here a row costs a slot per
 * column and two numbers, and the validator's records are made one at a time from it (sheets.ts).
 * Cells that repeat (keys, years, sources, kinds) are held once: each column interns its strings
 * until it has seen too many different ones to be such a column (ids, names, values).
 */
import { columnOfHeader, norm, type Section } from './headers.js';
import { columnLetter } from './locate.js';
import type { Problem } from './types.js';

export type Cell = string | number | boolean | Date | null | undefined;

/** One spreadsheet row as a reader gives it: `cells[col]` for 0-based columns, holes for empty cells. */
export interface Row {
  readonly row: number; // 1-based, as the spreadsheet shows it
  readonly cells: readonly Cell[];
}

/** A column with more different strings than this is not one of repeated words: it stops interning. */
const INTERN_LIMIT = 4096;

/**
 * A column is held in blocks of this many cells: one array of millions grown by push is copied
 * again at each growth (seconds at 2M rows, and a peak of old and new copy); blocks are never copied.
 */
const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;
const IN_BLOCK = BLOCK - 1;

/** A column that begins at row `i` (a wider row than those before): blocks of empty cells up to it. */
function emptyColumn(i: number): Cell[][] {
  const blocks: Cell[][] = [];
  for (let b = 0; b <= i >>> BLOCK_BITS; b++) blocks.push(new Array<Cell>(BLOCK).fill(undefined));
  return blocks;
}

export class RowStore {
  /** the sheets the rows come from, in order (a section's first sheet, then its continuation sheets) */
  readonly sheets: string[] = [];
  /** columns[col][block][i & IN_BLOCK]: row i's cell in column col is in block i >>> BLOCK_BITS */
  private readonly columns: Cell[][][] = [];
  private readonly interned: (Map<string, string> | undefined)[] = [];
  private rowNumbers = new Int32Array(1024);
  private sheetIndexes = new Uint16Array(1024);
  private size = 0;

  /** rows held */
  get length(): number {
    return this.size;
  }

  /** columns: one past the last column any row has a cell in */
  get width(): number {
    return this.columns.length;
  }

  /** Starts a sheet: the rows added next come from it. */
  startSheet(name: string): void {
    this.sheets.push(name);
  }

  /** Appends spreadsheet row `row` of the current sheet; `cells` is copied (a reader may reuse it). */
  add(row: number, cells: readonly Cell[]): void {
    const i = this.size;
    if (i === this.rowNumbers.length) this.grow();
    this.rowNumbers[i] = row;
    this.sheetIndexes[i] = this.sheets.length - 1;
    while (this.columns.length < cells.length) {
      this.columns.push(emptyColumn(i));
      this.interned.push(new Map());
    }
    const b = i >>> BLOCK_BITS;
    const at = i & IN_BLOCK;
    for (let col = 0; col < this.columns.length; col++) {
      const blocks = this.columns[col]!;
      // sized up front and filled by index: a block is never copied either
      if (blocks.length === b) blocks.push(new Array<Cell>(BLOCK));
      const cell = cells[col];
      blocks[b]![at] = typeof cell === 'string' ? this.intern(col, cell) : cell;
    }
    this.size = i + 1;
  }

  /** The spreadsheet row number of row `i`. */
  row(i: number): number {
    return this.rowNumbers[i]!;
  }

  /** The sheet row `i` comes from. */
  sheet(i: number): string {
    return this.sheets[this.sheetIndexes[i]!]!;
  }

  cell(i: number, col: number): Cell {
    return this.columns[col]?.[i >>> BLOCK_BITS]?.[i & IN_BLOCK];
  }

  /** The row numbers of all rows, in order (for the locator). */
  rowsView(): Int32Array {
    return this.rowNumbers.subarray(0, this.size);
  }

  private intern(col: number, s: string): string {
    const m = this.interned[col];
    if (m === undefined) return s;
    const known = m.get(s);
    if (known !== undefined) return known;
    if (m.size >= INTERN_LIMIT) {
      this.interned[col] = undefined; // ids, names, amounts: all different, nothing to share
      return s;
    }
    m.set(s, s);
    return s;
  }

  private grow(): void {
    const rows = new Int32Array(this.rowNumbers.length * 2);
    rows.set(this.rowNumbers);
    this.rowNumbers = rows;
    const sheets = new Uint16Array(this.sheetIndexes.length * 2);
    sheets.set(this.sheetIndexes);
    this.sheetIndexes = sheets;
  }
}

/** A sheet or CSV file as read: its header row (the first row with a cell) and the rows below it, empty rows left out. */
export interface Table {
  /** the name used in paths: `事实(facts)`, `demo.facts.csv`; the first sheet's when a section continues */
  readonly sheet: string;
  readonly header: Row | undefined;
  readonly rows: RowStore;
}

/** How often a reader reports progress (`ReadOptions.onProgress`): every this many rows. */
export const PROGRESS_EVERY = 4096;

/** Counts rows read across all tables of a file and reports them every PROGRESS_EVERY rows. */
export class Progress {
  private count = 0;
  /** the last count reported: reports only go forward, also when a file is read again */
  private reported = 0;
  constructor(private readonly report: ((rows: number) => void) | undefined) {}

  row(): void {
    if (++this.count % PROGRESS_EVERY === 0 && this.count > this.reported) this.tell();
  }

  /** The count now, to go back to when a file is read again from its start (as GB18030: csv.ts). */
  mark(): number {
    return this.count;
  }

  /** Back to `mark`: the rows read again are not counted twice. */
  rewind(mark: number): void {
    this.count = mark;
  }

  /** The last report, when the file has been read. */
  done(): void {
    if (this.count !== this.reported) this.tell();
  }

  private tell(): void {
    this.reported = this.count;
    this.report?.(this.count);
  }
}

/**
 * Builds a Table from rows as they arrive: the first row is the header, later ones are stored.
 * An empty row (no cell with text) is left out, its number still counted by the reader.
 */
export class TableBuilder {
  readonly rows = new RowStore();
  header: Row | undefined;
  /** a continuation sheet has begun: its first row repeats the header */
  private repeated = false;

  /** `section`: what the sheet holds, so that a continuation's header may spell a column another way (数值 for 值) */
  constructor(readonly sheet: string, private readonly progress: Progress, private readonly problems: Problem[], private readonly section?: Section) {
    this.rows.startSheet(sheet);
  }

  /** The section continues on sheet `name` (`事实(facts)(2)`), which starts with the header row again. */
  continueOn(name: string): void {
    this.rows.startSheet(name);
    this.repeated = this.header !== undefined;
  }

  add(row: number, cells: readonly Cell[]): void {
    if (!cells.some(hasText)) return;
    this.progress.row();
    if (this.repeated) {
      this.repeated = false;
      this.sameHeader(row, cells);
    } else if (this.header === undefined) this.header = { row, cells: [...cells] };
    else this.rows.add(row, cells);
  }

  /** A continuation sheet's header must be the first sheet's: otherwise its columns would be misread. */
  private sameHeader(row: number, cells: readonly Cell[]): void {
    const first = this.header!;
    const sheet = this.rows.sheets[this.rows.sheets.length - 1]!;
    for (let col = 0; col < Math.max(cells.length, first.cells.length); col++) {
      const here = headerText(cells[col]);
      const there = headerText(first.cells[col]);
      if (sameColumn(this.section, here, there)) continue;
      const at = `${columnLetter(col)}${row}`;
      this.problems.push({ path: `${sheet}!${at}`, message: `row ${row}, column ${columnLetter(col)}: the header ${JSON.stringify(here)} is not the first sheet's (${this.sheet}!${columnLetter(col)}${first.row} is ${JSON.stringify(there)}): a continuation sheet starts with the same header row as ${this.sheet}` });
      return;
    }
  }

  table(): Table {
    return { sheet: this.sheet, header: this.header, rows: this.rows };
  }
}

/** Whether a cell holds something (a string of spaces does not). */
export function hasText(cell: Cell): boolean {
  return cell !== undefined && cell !== null && (typeof cell !== 'string' || cell.trim() !== '');
}

const headerText = (cell: Cell): string => (cell instanceof Date ? cell.toISOString().slice(0, 10) : hasText(cell) ? String(cell).trim() : '');

/** Two header cells name the same column: spelt alike, or two names of one column of the section (值, 数值, value). */
function sameColumn(section: Section | undefined, a: string, b: string): boolean {
  if (norm(a) === norm(b)) return true;
  const field = section === undefined ? undefined : columnOfHeader(section, a)?.field;
  return field !== undefined && field === columnOfHeader(section!, b)?.field;
}
