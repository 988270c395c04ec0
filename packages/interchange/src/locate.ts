/**
 * Where a problem is. The validator is shared by JSON and spreadsheets; a Locator turns
 * (section, record index, field) into a path in the reader's own terms. Paths are built only
 * when a problem is reported, so a valid million-row file never builds a path string.
 */
import { columnTitle, type Section } from './headers.js';

export interface Locator {
  /** `facts[12].value` or `事实(facts)!D14`; without a field, the whole record */
  path(section: Section, index: number, field?: string): string;
  /** what a message starts with: `row 14, column 值(value): ` for sheets, nothing for JSON */
  lead(section: Section, index: number, field?: string): string;
  /** another record named inside a message: `subjects[2]` or `row 4` */
  ref(section: Section, index: number): string;
}

export class JsonLocator implements Locator {
  /** `interpretations` is an object, so its records are named by key, in this order */
  constructor(private readonly interpretationIds: readonly string[] = []) {}

  path(section: Section, index: number, field?: string): string {
    if (section === 'interpretations') return `interpretations.${this.interpretationIds[index] ?? index}`;
    return field === undefined ? `${section}[${index}]` : `${section}[${index}].${field}`;
  }

  lead(): string {
    return '';
  }

  ref(section: Section, index: number): string {
    return this.path(section, index);
  }
}

/** One sheet (or CSV file) as read: its name, each record's row, each field's column. */
export interface SheetLayout {
  readonly sheet: string;
  /** 1-based spreadsheet row of each record */
  readonly rows: ArrayLike<number>;
  /** the sheet record `index` is on; only when the section continues over several sheets (rows.ts) */
  readonly sheetOf?: (index: number) => string;
  /** field → 0-based column */
  readonly columns: ReadonlyMap<string, number>;
}

/**
 * The facts given in wide columns of the subjects sheet (wide.ts), after the facts sheet's: fact
 * `first + k` is the k-th of them, found at its cell of the subjects sheet.
 */
export interface WideLayout {
  readonly first: number;
  cellOf(k: number): { readonly sheet: string; readonly row: number; readonly col: number; readonly title: string };
}

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** `tags[1]` is reported at the `tags` cell. */
const baseField = (field: string): string => {
  const b = field.indexOf('[');
  return b < 0 ? field : field.slice(0, b);
};

export class SheetLocator implements Locator {
  constructor(
    private readonly layouts: Readonly<Partial<Record<Section, SheetLayout>>>,
    private readonly wide?: WideLayout,
  ) {}

  /** The subjects-sheet cell of a fact given in a wide column; undefined for any other record. */
  private wideCell(section: Section, index: number) {
    return section === 'facts' && this.wide !== undefined && index >= this.wide.first ? this.wide.cellOf(index - this.wide.first) : undefined;
  }

  private layout(section: Section): SheetLayout {
    return this.layouts[section] ?? { sheet: section, rows: [], columns: new Map() };
  }

  private row(section: Section, index: number): number {
    return this.layout(section).rows[index] ?? index + 2;
  }

  path(section: Section, index: number, field?: string): string {
    const w = this.wideCell(section, index);
    if (w !== undefined) return `${w.sheet}!${columnLetter(w.col)}${w.row}`; // the cell holds the whole fact
    const l = this.layout(section);
    const row = this.row(section, index);
    const col = field === undefined ? undefined : l.columns.get(baseField(field));
    // A record, or a field whose column the sheet lacks, is located by its row (`14:14`).
    const sheet = l.sheetOf?.(index) ?? l.sheet;
    return col === undefined ? `${sheet}!${row}:${row}` : `${sheet}!${columnLetter(col)}${row}`;
  }

  lead(section: Section, index: number, field?: string): string {
    const w = this.wideCell(section, index);
    if (w !== undefined) return `row ${w.row}, column ${w.title}: `;
    const row = this.row(section, index);
    if (field === undefined) return `row ${row}: `;
    const f = baseField(field);
    const missing = this.layout(section).columns.has(f) ? '' : ' (no such column in the sheet)';
    return `row ${row}, column ${columnTitle(section, f)}${missing}: `;
  }

  ref(section: Section, index: number): string {
    const w = this.wideCell(section, index);
    if (w !== undefined) return `row ${w.row} of ${w.sheet}, column ${w.title}`;
    // beside wide facts, a fact of the facts sheet is named with its sheet: "row 3" alone could be either
    if (section === 'facts' && this.wide !== undefined) return `row ${this.row(section, index)} of ${this.layout(section).sheetOf?.(index) ?? this.layout(section).sheet}`;
    // a section over several sheets (事实(facts), 事实(facts)(2)): "row 3" alone could be on either
    const sheet = this.layout(section).sheetOf?.(index);
    if (sheet !== undefined) return `row ${this.row(section, index)} of ${sheet}`;
    return `row ${this.row(section, index)}`;
  }
}
