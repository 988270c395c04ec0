/**
 * The statistics bureau's wide tables: one row per enterprise, one column per indicator and year.
 * A subjects sheet may carry such columns besides its own (编号, 类型, 名称…): a header
 * `网络零售额(2023)`, `实物商品网络零售额（2023年）`, `onlineRetail@2023` or `2023年网络零售额` names a
 * fact key and a year, and each non-empty cell below it is a fact of that key and year for the
 * row's subject. The unit may be in the header (`网络零售额(2023,万元)`, `网络零售额（万元）（2023年）`,
 * `网络零售额增幅(2023,%)`), then it scales a plain number in the cell exactly (decimal text, never a
 * binary float), or in the cell (`1.2亿元`), read as in the facts sheet.
 *
 * The facts made here join the facts sheet's after them, in row order and, within a row, column
 * order: the validator checks them like any other (duplicates included) and the locator places
 * their problems at their cell of the subjects sheet.
 */
import type { FactKey, Unit } from '@duixian/engine';
import { MAX_YEAR, MIN_YEAR } from './check.js';
import type { Elements } from './elements.js';
import { SHEETS, norm } from './headers.js';
import { editDistance } from './nearest.js';
import { shiftDecimal } from './decimal.js';
import { columnLetter, type WideLayout } from './locate.js';
import type { Cell } from './rows.js';
import type { KeyInfo, Words } from './words.js';

export { shiftDecimal }; // tested with the wide cells (wide.test.ts)

/** A subjects-sheet column that holds one fact key of one year. */
export interface WideColumn {
  readonly key: FactKey;
  readonly year: number;
  /** the key's unit */
  readonly unit: Unit;
  /** the header's unit as a power of ten on a plain number (万元 4, 亿元 8, % −2); absent: no unit in the header */
  readonly shift?: number;
  /** the header as written, for messages (`row 14, column 网络零售额(2023): …`) */
  readonly title: string;
}

export type WideHeader = { readonly ok: true; readonly column: WideColumn } | { readonly ok: false; readonly message: string };

/** The unit words a header may give, per unit of the key, and the power of ten each is (normalised spelling). */
const HEADER_UNITS: Readonly<Record<Unit, Readonly<Record<string, number>>>> = {
  yuan: { 元: 0, 万元: 4, 亿元: 8 },
  usd: { 美元: 0, 万美元: 4, 亿美元: 8 },
  count: { 个: 0, 家: 0, 件: 0, 人: 0, 名: 0, 次: 0, 万个: 4, 万家: 4, 万件: 4, 万人: 4, 万次: 4 },
  ratio: { '%': -2 },
  sqm: { 平方米: 0, 平米: 0, m2: 0, 'm²': 0, 万平方米: 4 },
  score: { 分: 0 },
  flag: {},
  date: {},
};
const UNIT_WORDS: ReadonlySet<string> = new Set(Object.values(HEADER_UNITS).flatMap((words) => Object.keys(words)));

/** `(2023)`, `(2023年)`, `(2023年度)`, `(2023,万元)`, `(万元,2023年)`, `(万元)`: a year, a unit, or both. */
interface Group {
  readonly year?: number;
  readonly unit?: string;
  /** a year with a word that is no unit (`(2023,斤)`) */
  readonly badUnit?: string;
}

const YEAR = /^(\d{4})(?:年度?)?$/;
const SEPARATOR = /[,，、;；/]/;

function groupOf(text: string): Group | undefined {
  const y = YEAR.exec(text);
  if (y) return { year: Number(y[1]) };
  if (UNIT_WORDS.has(text)) return { unit: text };
  const parts = text.split(SEPARATOR);
  if (parts.length !== 2) return undefined;
  const at = YEAR.test(parts[0]!) ? 0 : YEAR.test(parts[1]!) ? 1 : -1;
  if (at < 0) return undefined;
  const year = Number(YEAR.exec(parts[at]!)![1]);
  const word = parts[1 - at]!;
  return UNIT_WORDS.has(word) ? { year, unit: word } : { year, badUnit: word };
}

/** A header read as a name and the year/unit groups after it: `label` and what the groups say. */
interface Split {
  readonly label: string;
  readonly year: number;
  readonly unit?: string;
  readonly badUnit?: string;
}

/**
 * The ways a normalised header splits into a label and trailing year/unit groups, the longest label
 * first: a label may hold parentheses itself (`跨境电商交易额(美元)(2023)`), so the first split whose
 * label is a key wins. A year may also be written `label@2023` or `2023年label`. At most two groups
 * (a year and a unit) can be taken, so only the last two are looked at: a header is read in time
 * proportional to its length, however many groups a crafted one holds.
 */
function splits(n: string): Split[] {
  const groups: string[] = []; // the last two parenthesised groups, in order
  let base = n;
  while (groups.length < 2 && base.endsWith(')')) {
    const open = base.lastIndexOf('(');
    if (open < 0) break;
    groups.unshift(base.slice(open + 1, -1));
    base = base.slice(0, open);
  }
  const out: Split[] = [];
  for (let k = 0; k <= groups.length; k++) {
    const taken = groups.slice(groups.length - k).map(groupOf);
    if (taken.some((g) => g === undefined)) break; // a group that is neither year nor unit belongs to the label, and so do all before it
    let label = base + groups.slice(0, groups.length - k).map((g) => `(${g})`).join('');
    const years = taken.filter((g) => g!.year !== undefined).map((g) => g!.year!);
    const at = /@(\d{4})$/.exec(label) ?? /^(\d{4})年度?/.exec(label);
    if (at) {
      years.push(Number(at[1]));
      label = at.index === 0 ? label.slice(at[0].length) : label.slice(0, at.index);
    }
    const units = taken.filter((g) => g!.unit !== undefined || g!.badUnit !== undefined);
    if (years.length !== 1 || units.length > 1 || label === '') continue;
    out.push({ label, year: years[0]!, unit: units[0]?.unit, badUnit: units[0]?.badUnit });
  }
  return out; // the longest label (the most groups left to it) first
}

/**
 * What a subjects-sheet header that is none of the sheet's own columns means: a wide column, or a
 * problem saying why it cannot be one and what to do (the message follows `row 1, column H: `).
 * `sheet` is the sheet's name as paths give it.
 */
export function wideHeader(text: string, words: Words, sheet: string): WideHeader {
  const candidates = splits(norm(text).replace(/％/g, '%'));
  for (const s of candidates) {
    const key = words.keyByLabel.get(s.label);
    if (key !== undefined) return columnOf(text, s, words.keys.get(key)!);
  }
  const quoted = shown(text);
  // the shortest label: the one without any year or unit group
  const guess = candidates.at(-1);
  if (guess !== undefined) {
    const near = nearestKeys(guess.label, words);
    return fail(`unknown indicator in column ${quoted}: no fact key is called ${shown(guess.label)}${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''} (the keys and their Chinese names are listed in the template's 说明(keys) sheet)`);
  }
  const plain = words.keyByLabel.get(norm(text));
  if (plain !== undefined) {
    const info = words.keys.get(plain)!;
    return fail(`${quoted} is an indicator (${info.key}) without a year: name the year in the header, as ${info.label}(2023) or ${info.key}@2023, or give its facts in the facts sheet`);
  }
  const near = nearestColumns(text);
  const example = [...words.keys.values()].find((k) => !k.ruleScoped && !k.itemised);
  const indicators = example === undefined ? '' : `, and indicators with their year, such as ${example.label}(2023)`;
  return fail(`unknown column ${quoted}: the columns of ${sheet} are ${SHEETS.subjects.columns.map((c) => `${c.zh}/${c.field}`).join(', ')}${indicators}${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''}`);
}

const fail = (message: string): WideHeader => ({ ok: false, message });

/** Header text quoted in a message, a long one cut short: a sheet of crafted headers must not make megabytes of messages. */
const shown = (text: string): string => JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);

/**
 * A subjects-sheet header at column `col` that is none of the sheet's own columns: added to
 * `columns` when it is a wide column, else what is wrong with it (a problem of the header cell).
 */
export function placeWideHeader(text: string, col: number, columns: Map<number, WideColumn>, words: Words, sheet: string): string | undefined {
  const h = wideHeader(text, words, sheet);
  if (!h.ok) return h.message;
  for (const [other, c] of columns) {
    if (c.key === h.column.key && c.year === h.column.year) return `${shown(text)} repeats column ${columnLetter(other)} (${c.title}): both are ${c.key} of ${c.year}; keep one`;
  }
  columns.set(col, h.column);
  return undefined;
}

function columnOf(title: string, s: Split, info: KeyInfo): WideHeader {
  const named = `${info.label} (${info.key})`;
  if (info.ruleScoped) return fail(`${named} is scoped to one rule, which a column cannot say: give it in the facts sheet, with its rule (规则)`);
  if (info.itemised) return fail(`${named} may have several items a year, which a column cannot tell apart: give it in the facts sheet, one row per item (事项)`);
  if (s.year < MIN_YEAR || s.year > MAX_YEAR) return fail(`${s.year} is not a year: give a year from ${MIN_YEAR} to ${MAX_YEAR} in the header`);
  if (s.badUnit !== undefined) return fail(`${shown(s.badUnit)} is not a unit: ${unitsOf(info)}`);
  if (s.unit === undefined) return { ok: true, column: { key: info.key, year: s.year, unit: info.unit, title } };
  const shift = HEADER_UNITS[info.unit][s.unit];
  if (shift === undefined) return fail(`the unit ${s.unit} does not fit ${named}: ${unitsOf(info)}`);
  return { ok: true, column: { key: info.key, year: s.year, unit: info.unit, shift, title } };
}

function unitsOf(info: KeyInfo): string {
  const words = Object.keys(HEADER_UNITS[info.unit]);
  return words.length === 0 ? `${info.label} takes no unit in the header` : `${info.label} is given in ${words.join(', ')}, or without a unit in the header`;
}

/** Up to three fact keys a mistyped label or English key may have meant, as `网络零售额 (onlineRetail)`. */
function nearestKeys(label: string, words: Words): string[] {
  return nearest(label, [...words.keys.values()].map((k) => ({ name: `${k.label} (${k.key})`, forms: [norm(k.label), norm(k.key)] })));
}

function nearestColumns(text: string): string[] {
  return nearest(norm(text), SHEETS.subjects.columns.map((c) => ({ name: `${c.zh}(${c.field})`, forms: [c.zh, c.field, ...(c.aliases ?? [])].map(norm) })));
}

/**
 * The names whose forms are a few edits from `wanted` (a third of its length, at least one), closest
 * first. Forms whose length alone puts them further are not compared: a long crafted header costs nothing.
 */
function nearest(wanted: string, names: readonly { name: string; forms: readonly string[] }[]): string[] {
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  const distance = (f: string) => (Math.abs(f.length - wanted.length) > limit ? Infinity : editDistance(wanted, f));
  return names
    .map((n, order) => ({ name: n.name, order, d: Math.min(...n.forms.map(distance)) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.order - b.order)
    .slice(0, 3)
    .map((x) => x.name);
}

/**
 * The value a wide cell gives, as the facts sheet's value column would hold it; undefined for an
 * empty cell (no fact). A plain number under a header with a unit is scaled by moving its decimal
 * point in its shortest decimal text (1234.56 under 万元 is "12345600" 元): exact, where multiplying
 * the double would not be.
 */
export function wideValue(column: WideColumn, cell: Cell): unknown {
  if (cell === undefined || cell === null) return undefined;
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return column.shift === undefined ? cell : shiftDecimal(String(cell), column.shift) ?? cell;
  const text = cell.trim();
  if (text === '') return undefined;
  if (column.shift === undefined) return text;
  return shiftDecimal(text.replace(/[,，\s]/g, ''), column.shift) ?? text; // with its own unit (1.2亿元), the cell is read as written
}

/** The rows of the subjects sheet as wide facts need them (rows.ts's RowStore). */
export interface WideRows {
  readonly length: number;
  row(i: number): number;
  sheet(i: number): string;
  cell(i: number, col: number): Cell;
}

/**
 * The facts of a subjects sheet's wide columns, made one at a time as the validator walks them
 * (like the sheets' records): a fact is held only as a count per row, so a million enterprises with
 * three indicators each cost 4 MB here, not three million records.
 */
export class WideFacts implements Elements {
  readonly length: number;
  /** offsets[i]: how many wide facts the rows before row i give */
  private readonly offsets: Int32Array;
  private readonly cols: readonly number[];

  constructor(
    private readonly rows: WideRows,
    private readonly columns: ReadonlyMap<number, WideColumn>,
    /** the id of row i's subject, as the subjects' records read it; undefined when the row has none */
    private readonly subjectOf: (i: number) => string | undefined,
    /** what the facts sheet's records also go through (a date typed as 2022/5/1 → 2022-05-01) */
    private readonly finish: (rec: Record<string, unknown>) => void = () => {},
  ) {
    this.cols = [...columns.keys()].sort((a, b) => a - b);
    this.offsets = new Int32Array(rows.length + 1);
    let n = 0;
    for (let i = 0; i < rows.length; i++) {
      this.offsets[i] = n;
      if (this.subjectOf(i) !== undefined) for (const col of this.cols) if (this.valueAt(i, col) !== undefined) n++;
    }
    this.offsets[rows.length] = n;
    this.length = n;
  }

  forEach(visit: (item: unknown, index: number) => void): void {
    let k = 0;
    for (let i = 0; i < this.rows.length; i++) {
      const subject = this.subjectOf(i);
      if (subject === undefined) continue; // a row without an id: a problem of the subject already
      for (const col of this.cols) {
        const value = this.valueAt(i, col);
        if (value === undefined) continue;
        const c = this.columns.get(col)!;
        const rec = { subject, year: c.year, key: c.key, value };
        this.finish(rec);
        visit(rec, k++);
      }
    }
  }

  /** Where wide fact `k` is: its sheet, row, column and the column's header. */
  cellOf(k: number): { sheet: string; row: number; col: number; title: string } {
    // the last row whose offset is ≤ k (rows that give no fact share their offset with the next)
    let lo = 0;
    let hi = this.rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    let j = k - this.offsets[lo]!;
    for (const col of this.cols) {
      if (this.valueAt(lo, col) === undefined) continue;
      if (j-- === 0) return { sheet: this.rows.sheet(lo), row: this.rows.row(lo), col, title: this.columns.get(col)!.title };
    }
    throw new Error(`internal: no wide fact ${k}`);
  }

  /** The layout the locator needs, the wide facts coming after `first` facts of the facts sheet. */
  layout(first: number): WideLayout {
    return { first, cellOf: (k) => this.cellOf(k) };
  }

  private valueAt(i: number, col: number): unknown {
    return wideValue(this.columns.get(col)!, this.rows.cell(i, col));
  }
}

/** Two lists one after the other, as the facts of the facts sheet and then the wide facts. */
export function concatElements(a: Elements, b: Elements): Elements {
  return {
    length: a.length + b.length,
    forEach(visit) {
      a.forEach(visit);
      b.forEach((item, i) => visit(item, a.length + i));
    },
  };
}
