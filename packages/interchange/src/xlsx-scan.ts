/**
 * The few parts of SpreadsheetML that a dataset needs, scanned from a stream of XML bytes without
 * building a document: a worksheet's rows and cells (`<row r>`, `<c r t s><v>…</v><is>…</is></c>`),
 * the shared strings, and which cell styles are dates. Cells come out as exceljs gave them before:
 * shared and inline strings (rich text joined, phonetic guides left out), a formula's cached result,
 * an error's code (`#N/A`), booleans, numbers, and a Date for a number in a date format.
 * Text is decoded from XML entities and from Excel's `_xHHHH_` escapes (`_x0000_` is a NUL).
 */
import type { Cell } from './rows.js';
import { shiftDecimal } from './decimal.js';
import { RecentColumns, decode } from './recent-cells.js';
import { StartTag, UNREAD, bytesAt, columnAt, numberAt } from './xml-bytes.js';

const enum Ch {
  Lt = 0x3c,
  Gt = 0x3e,
  Slash = 0x2f,
  Space = 0x20,
  Tab = 0x09,
  Newline = 0x0a,
  Return = 0x0d,
}

/** A tag name is over when a space, `>` or `/` follows it (so `<c` is not `<cols`). */
const endsName = (b: number | undefined): boolean => b === Ch.Space || b === Ch.Gt || b === Ch.Slash || b === Ch.Newline || b === Ch.Return || b === Ch.Tab;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML entities, then Excel's `_xHHHH_` escapes. */
export function decodeText(s: string): string {
  let t = s;
  if (t.includes('&')) {
    t = t.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e]!);
  }
  if (t.includes('_x')) t = t.replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return t;
}

/** An attribute's value in a start tag's text, e.g. `r` of ` r="D14" t="s"`; undefined when absent. */
export function attribute(tag: string, name: string): string | undefined {
  let at = tag.indexOf(`${name}="`);
  while (at > 0 && !/\s/.test(tag[at - 1]!)) at = tag.indexOf(`${name}="`, at + 1);
  if (at < 0) return undefined;
  const start = at + name.length + 2;
  const end = tag.indexOf('"', start);
  return end < 0 ? undefined : tag.slice(start, end);
}

/** `D14` → 3 (0-based column); −1 when there are no letters. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + c - 64;
  }
  return i === 0 ? -1 : col - 1;
}

/** The names (with the document's namespace prefix, e.g. `x:`) a scanner looks for, as bytes. */
class Tags {
  readonly open: Buffer;
  readonly close: Buffer;
  constructor(prefix: string, name: string) {
    this.open = Buffer.from(`<${prefix}${name}`);
    this.close = Buffer.from(`</${prefix}${name}>`);
  }
}

/** The prefix SpreadsheetML elements carry in this document (`x:` in some generators), from its root tag. */
function prefixOf(head: string): string | undefined {
  const m = /<(?:(\w+):)?(?:worksheet|sst)[\s>]/.exec(head);
  return m ? (m[1] === undefined ? '' : `${m[1]}:`) : undefined;
}

/**
 * The text of a rich or plain string item (`<si>` or `<is>`) between `start` and `end`: every
 * `<t>` joined, except inside `<rPh>` (a phonetic guide, not part of the text).
 */
function stringItem(buf: Buffer, start: number, end: number, t: Tags, rPh: Tags): string {
  let out = '';
  let at = start;
  for (;;) {
    const open = buf.indexOf(t.open, at);
    if (open < 0 || open >= end) break;
    const guide = buf.indexOf(rPh.open, at);
    if (guide >= 0 && guide < open) {
      const over = buf.indexOf(rPh.close, guide);
      at = over < 0 ? end : over + rPh.close.length;
      continue;
    }
    const after = open + t.open.length;
    if (!endsName(buf[after])) {
      at = after;
      continue;
    }
    const gt = buf.indexOf(Ch.Gt, after);
    if (buf[gt - 1] === Ch.Slash) {
      at = gt + 1;
      continue;
    }
    const close = buf.indexOf(t.close, gt);
    if (close < 0 || close > end) break;
    out += buf.toString('utf8', gt + 1, close);
    at = close + t.close.length;
  }
  return decodeText(out);
}

/**
 * Cuts a stream of XML into complete elements named `name`, each given to `each` as a range of
 * the bytes held (no Buffer made per element: a sheet has millions of rows);
 * what is cut off at a chunk's end waits for the next chunk. `before` sees the text before the
 * first element (a worksheet's dimension), once.
 */
const EMPTY = Buffer.alloc(0);

class ElementCutter {
  private carry: Buffer = EMPTY;
  private tags: Tags | undefined;
  private prefix: string | undefined;

  constructor(
    private readonly name: string,
    private readonly each: (buf: Buffer, start: number, end: number, prefix: string) => void,
    private readonly before?: (head: string) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.tags !== undefined && this.carry.length > 0) this.across(chunk, this.tags);
    else if (this.tags !== undefined) this.keep(chunk, this.elements(chunk, 0, this.tags));
    else this.first(this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk);
  }

  /** The document's start: its prefix, the text before the first element, then its elements. */
  private first(buf: Buffer): void {
    this.prefix = prefixOf(buf.toString('latin1', 0, Math.min(buf.length, 4096)));
    if (this.prefix === undefined) {
      if (buf.length > 64 * 1024) throw new Error(`no <${this.name}> document`);
      this.carry = buf;
      return;
    }
    const tags = (this.tags = new Tags(this.prefix, this.name));
    const first = buf.indexOf(tags.open);
    this.before?.(buf.toString('latin1', 0, first < 0 ? Math.min(buf.length, 64 * 1024) : first));
    this.keep(buf, this.elements(buf, 0, tags));
  }

  /**
   * A chunk after one whose end cut an element: the element is completed from the chunk's head
   * alone (up to the first closing tag), so that the chunk itself is not copied behind the carry.
   * Scanning the head and then the chunk from the same place gives what scanning both joined would.
   */
  private across(chunk: Buffer, tags: Tags): void {
    const close = chunk.indexOf(tags.close);
    const headEnd = close < 0 ? chunk.length : close + tags.close.length;
    const head = Buffer.concat([this.carry, chunk.subarray(0, headEnd)]);
    const left = this.elements(head, 0, tags);
    const from = headEnd - (head.length - left); // the same place in the chunk
    if (from >= 0) this.keep(chunk, this.elements(chunk, from, tags));
    else {
      const rest = Buffer.concat([head.subarray(left), chunk.subarray(headEnd)]);
      this.keep(rest, this.elements(rest, 0, tags));
    }
  }

  /** Keeps buf[at…], the start of an element not complete yet, for the next chunk. */
  private keep(buf: Buffer, at: number): void {
    // a copy: a slice would keep the whole chunk alive
    this.carry = at < buf.length ? Buffer.from(buf.subarray(at)) : EMPTY;
  }

  /** Each complete element of buf from `at` to `each`; where the first incomplete one (or a possible start of a tag) begins. */
  private elements(buf: Buffer, at: number, tags: Tags): number {
    for (;;) {
      const open = buf.indexOf(tags.open, at);
      if (open < 0) {
        // keep a possible start of a tag cut by the chunk's end
        at = Math.max(at, buf.length - tags.open.length);
        break;
      }
      const after = open + tags.open.length;
      if (after >= buf.length) {
        at = open;
        break;
      }
      if (!endsName(buf[after])) {
        at = after;
        continue;
      }
      const gt = buf.indexOf(Ch.Gt, after);
      if (gt < 0) {
        at = open;
        break;
      }
      if (buf[gt - 1] === Ch.Slash) {
        this.each(buf, open, gt + 1, this.prefix!);
        at = gt + 1;
        continue;
      }
      const close = buf.indexOf(tags.close, gt);
      if (close < 0) {
        at = open;
        break;
      }
      this.each(buf, open, close + tags.close.length, this.prefix!);
      at = close + tags.close.length;
    }
    return at;
  }
}

/** The shared strings (xl/sharedStrings.xml), in order. */
export class SharedStrings {
  readonly strings: string[] = [];
  private readonly items = new ElementCutter('si', (buf, start, end, prefix) => {
    const t = tagsFor(prefix);
    // a view of the item alone: stringItem's searches (for a phonetic guide) then stop at its end
    const si = buf.subarray(start, end);
    this.strings.push(stringItem(si, 0, si.length, t.t, t.rPh));
  });

  push(chunk: Buffer): void {
    this.items.push(chunk);
  }
}

/** Built-in number formats that are dates or times (ECMA-376 18.8.30). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Built-in number formats that show a percentage (0%, 0.00%). */
const PERCENT_FORMAT_IDS = new Set([9, 10]);

/** A format code without what is quoted, bracketed or escaped: the letters and signs that format. */
const formatting = (code: string): string => code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/general/gi, '');

/** A format code shows a date when it has date or time letters outside quotes and brackets (as exceljs decides). */
const isDateCode = (code: string): boolean => /[ymdhsb]/i.test(formatting(code));

/**
 * How a cell style shows a number, where that changes what the number means: a date (the number
 * is a serial day), a percentage (0.153 is shown, typed and meant as 15.3%), or as it is.
 */
export type NumberStyle = 'date' | 'percent' | undefined;

/** For each cell style (`s`), how its number format shows a number; from xl/styles.xml. */
export function numberStyles(xml: string): NumberStyle[] {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\s[^>]*>/g)) {
    const id = attribute(m[0], 'numFmtId');
    const code = attribute(m[0], 'formatCode');
    if (id !== undefined && code !== undefined) custom.set(Number(id), decodeText(code));
  }
  const xfs = /<(?:\w+:)?cellXfs[\s>][\s\S]*?<\/(?:\w+:)?cellXfs>/.exec(xml)?.[0] ?? '';
  const out: NumberStyle[] = [];
  for (const m of xfs.matchAll(/<(?:\w+:)?xf[\s>/][^>]*>/g)) {
    const id = Number(attribute(m[0], 'numFmtId') ?? 0);
    const code = custom.get(id);
    if (code === undefined) out.push(DATE_FORMAT_IDS.has(id) ? 'date' : PERCENT_FORMAT_IDS.has(id) ? 'percent' : undefined);
    else out.push(isDateCode(code) ? 'date' : formatting(code).includes('%') ? 'percent' : undefined);
  }
  return out;
}

/** An Excel serial date as a Date, as exceljs made it (1900 system, or 1904). */
const excelDate = (serial: number, date1904: boolean): Date => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));

export interface SheetContext {
  readonly strings: readonly string[];
  readonly styles: readonly NumberStyle[];
  readonly date1904: boolean;
}

/** A cell's type (its `t`), as the value's reading depends on it. */
const enum Type {
  Number, // n, absent, or a type no value reading knows (read as a number, as before)
  Shared, // s
  Inline, // inlineStr
  Text, // str (a formula's text) and e (an error's code)
  Bool, // b
  Iso, // d (an ISO 8601 date)
}

const INLINE_STR = Buffer.from('inlineStr');

/** The type named by the bytes buf[start, end). */
function typeAt(buf: Buffer, start: number, end: number): Type {
  if (end - start === 1) {
    const b = buf[start];
    return b === 0x73 ? Type.Shared : b === 0x62 ? Type.Bool : b === 0x65 ? Type.Text : b === 0x64 ? Type.Iso : Type.Number;
  }
  if (end - start === INLINE_STR.length && bytesAt(buf, start, INLINE_STR)) return Type.Inline;
  return end - start === 3 && buf.toString('latin1', start, end) === 'str' ? Type.Text : Type.Number;
}

const TYPES = new Map<string, Type>([['s', Type.Shared], ['inlineStr', Type.Inline], ['str', Type.Text], ['e', Type.Text], ['b', Type.Bool], ['d', Type.Iso]]);

/** Whether a cell's text holds nothing: empty or spaces (checked without trim when a letter, digit or ideograph comes first). */
function blank(s: string): boolean {
  const c = s.charCodeAt(0);
  if ((c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) return false;
  return s.trim() === '';
}

const LT = 0x3c;
const AMP = 0x26;
const UNDERSCORE = 0x5f;

/**
 * A worksheet's rows, each given to `onRow(row, cells)` (cells reused: copy what is kept) with
 * `onCell` told of every cell (for the limits) and `onDimension` of the declared range first.
 * A cell of the shape Excel and our own writer give (`<c r s t>` then `<v>…</v>` or
 * `<is><t>…</t></is>`) is read from its bytes (fastCell); any other shape (a formula, rich text,
 * a tag it cannot read) the general way, from its tag's text (generalCell), with the same result.
 */
export class SheetRows {
  private readonly rows: ElementCutter;
  private lastRow = 0;
  private readonly cells: Cell[] = [];
  /** the column of the cell last read in the row */
  private col = -1;
  private readonly tag = new StartTag();
  /** each column's repeated texts (a key, a year, a kind), decoded once */
  private readonly recent = new RecentColumns();
  /** the text inlineText read */
  private text = '';

  constructor(
    private readonly ctx: SheetContext,
    private readonly onRow: (row: number, cells: readonly Cell[]) => void,
    private readonly onCell: () => void,
    onDimension: (ref: string) => void,
  ) {
    this.rows = new ElementCutter('row', (buf, start, end, prefix) => this.row(buf, start, end, tagsFor(prefix)), (head) => {
      const ref = /<(?:\w+:)?dimension\s[^>]*>/.exec(head);
      const range = ref ? attribute(ref[0], 'ref') : undefined;
      if (range !== undefined) onDimension(range);
    });
  }

  push(chunk: Buffer): void {
    this.rows.push(chunk);
  }

  /** The row element buf[start, end). */
  private row(buf: Buffer, start: number, end: number, t: CellTags): void {
    let gt = this.tag.read(buf, start + t.rowName, end);
    let row: number;
    if (gt === UNREAD) {
      gt = buf.indexOf(Ch.Gt, start);
      const r = attribute(buf.toString('latin1', start, gt), 'r');
      row = r === undefined ? this.lastRow + 1 : Number(r);
    } else row = this.tag.rStart < 0 ? this.lastRow + 1 : numberAt(buf, this.tag.rStart, this.tag.rEnd);
    this.lastRow = row;
    const cells = this.cells;
    cells.length = 0;
    this.col = -1;
    if (buf[gt - 1] !== Ch.Slash) this.rowCells(buf, gt + 1, end, t);
    this.onRow(row, cells);
  }

  private rowCells(buf: Buffer, from: number, end: number, t: CellTags): void {
    let at = from;
    const last = end - t.rowClose; // where the row's `</row>` starts: no cell after it
    for (;;) {
      if (at >= last) return;
      // the next cell most often starts right here; otherwise search (whitespace, other elements)
      const open = bytesAt(buf, at, t.c.open) ? at : buf.indexOf(t.c.open, at);
      if (open < 0 || open >= end) return;
      const after = open + t.c.open.length;
      if (!endsName(buf[after])) {
        at = after;
        continue;
      }
      this.onCell();
      const gt = this.tag.read(buf, after, end);
      at = gt === UNREAD ? this.generalCell(buf, after, end, t) : this.fastCell(buf, after, gt, end, t);
      if (at < 0) return; // the row ends inside the cell
    }
  }

  /** The cell whose start tag (read into this.tag) ends at `gt`: the position after it, or −1. */
  private fastCell(buf: Buffer, after: number, gt: number, end: number, t: CellTags): number {
    const tag = this.tag;
    const c = tag.rStart < 0 ? -1 : columnAt(buf, tag.rStart, tag.rEnd);
    const col = (this.col = c < 0 ? this.col + 1 : c);
    if (buf[gt - 1] === Ch.Slash) return gt + 1;
    const type = tag.tStart < 0 ? Type.Number : typeAt(buf, tag.tStart, tag.tEnd);
    const p = gt + 1;
    if (type !== Type.Inline && bytesAt(buf, p, t.v.open)) {
      const from = p + t.v.open.length;
      let close = from;
      while (close < end && buf[close] !== LT) close++;
      if (bytesAt(buf, close, t.v.close) && bytesAt(buf, close + t.v.close.length, t.c.close)) {
        // <v></v>: nothing cached (Number('') would make it 0)
        if (close > from) this.put(col, this.valueOf(type, tag.sStart < 0 ? undefined : this.ctx.styles[numberAt(buf, tag.sStart, tag.sEnd)], buf, from, close));
        return close + t.v.close.length + t.c.close.length;
      }
    } else if (type === Type.Inline && bytesAt(buf, p, t.isT)) {
      const close = this.inlineText(buf, p + t.isT.length, end, col);
      if (bytesAt(buf, close, t.tIsC)) {
        this.put(col, this.text);
        return close + t.tIsC.length;
      }
    }
    return this.generalValue(buf, after, gt, end, t, col);
  }

  /**
   * The text of `<t>` from `from` to the next `<` of column `col`, into this.text (the caller checks
   * that `</t></is></c>` follows, else reads the cell the general way): the position of that `<`.
   */
  private inlineText(buf: Buffer, from: number, end: number, col: number): number {
    let hi = 0;
    let escaped = false; // an entity or an _xHHHH_ escape may be inside: decodeText, and not remembered
    let close = from;
    for (; close < end; close++) {
      const b = buf[close]!;
      if (b === LT) break;
      if (b === AMP || b === UNDERSCORE) escaped = true;
      hi |= b;
    }
    this.text = escaped ? decodeText(decode(buf, from, close, hi)) : this.recent.text(col, buf, from, close, hi);
    return close;
  }

  /** A cell read from its start tag's text (a tag StartTag cannot read): the position after it, or −1. */
  private generalCell(buf: Buffer, after: number, end: number, t: CellTags): number {
    const gt = buf.indexOf(Ch.Gt, after);
    if (gt < 0 || gt >= end) return -1;
    const ref = attribute(buf.toString('latin1', after, gt), 'r');
    const c = ref === undefined ? -1 : columnOf(ref);
    this.col = c < 0 ? this.col + 1 : c;
    return buf[gt - 1] === Ch.Slash ? gt + 1 : this.generalValue(buf, after, gt, end, t, this.col);
  }

  /** The content of a cell whose start tag is buf[after, gt), searched for its value as SpreadsheetML allows. */
  private generalValue(buf: Buffer, after: number, gt: number, end: number, t: CellTags, col: number): number {
    const close = buf.indexOf(t.c.close, gt);
    if (close < 0 || close >= end) return -1;
    this.put(col, this.value(buf.subarray(gt + 1, close), buf.toString('latin1', after, gt), t));
    return close + t.c.close.length;
  }

  private put(col: number, v: Cell): void {
    if (v !== undefined && (typeof v !== 'string' || !blank(v))) this.cells[col] = v;
  }

  /** A cell's value from its content and its start tag's attributes. */
  private value(buf: Buffer, tag: string, t: CellTags): Cell {
    const type = TYPES.get(attribute(tag, 't') ?? 'n') ?? Type.Number;
    if (type === Type.Inline) {
      const is = buf.indexOf(t.is.open);
      return is < 0 ? undefined : stringItem(buf, is, buf.length, t.t, t.rPh);
    }
    const open = buf.indexOf(t.v.open);
    if (open < 0) return undefined; // a formula without a cached result, or an empty styled cell
    const close = buf.indexOf(t.v.close, open);
    const from = open + t.v.open.length;
    if (close <= from) return undefined; // <v></v>: nothing cached (Number('') would make it 0)
    const s = attribute(tag, 's');
    return this.valueOf(type, s === undefined ? undefined : this.ctx.styles[Number(s)], buf, from, close);
  }

  /** The value of `<v>` buf[from, close) in a cell of `type` and number style `style`. */
  private valueOf(type: Type, style: NumberStyle, buf: Buffer, from: number, close: number): Cell {
    switch (type) {
      case Type.Shared:
        return this.ctx.strings[numberAt(buf, from, close)];
      case Type.Bool:
        return buf.toString('latin1', from, close).trim() === '1';
      case Type.Text:
        return decodeText(buf.toString('utf8', from, close));
      case Type.Iso:
        return new Date(buf.toString('latin1', from, close));
      default: {
        if (style === 'date') return excelDate(numberAt(buf, from, close), this.ctx.date1904);
        // a percentage as the person typed and sees it (15.3%): read as a number it would be 0.153 under a header (2023,%)
        if (style === 'percent') {
          const text = buf.toString('latin1', from, close);
          return percentText(text) ?? Number(text);
        }
        return numberAt(buf, from, close);
      }
    }
  }
}

interface CellTags {
  readonly rowName: number; // bytes of `<row` with the prefix
  readonly rowClose: number; // bytes of `</row>`
  readonly c: Tags;
  readonly v: { open: Buffer; close: Buffer };
  readonly is: Tags;
  readonly t: Tags;
  readonly rPh: Tags;
  /** an inline string's usual shape, `<is><t>` text `</t></is></c>`, read without searching */
  readonly isT: Buffer;
  readonly tIsC: Buffer;
}

const CELL_TAGS = new Map<string, CellTags>();

function tagsFor(prefix: string): CellTags {
  let t = CELL_TAGS.get(prefix);
  if (t === undefined) {
    t = {
      rowName: `<${prefix}row`.length,
      rowClose: `</${prefix}row>`.length,
      c: new Tags(prefix, 'c'),
      v: { open: Buffer.from(`<${prefix}v>`), close: Buffer.from(`</${prefix}v>`) },
      is: new Tags(prefix, 'is'),
      t: new Tags(prefix, 't'),
      rPh: new Tags(prefix, 'rPh'),
      isT: Buffer.from(`<${prefix}is><${prefix}t>`),
      tIsC: Buffer.from(`</${prefix}t></${prefix}is></${prefix}c>`),
    };
    CELL_TAGS.set(prefix, t);
  }
  return t;
}

/** The cached value of a percentage cell (0.153) as its text shows it (15.3%), exactly: the decimal point moved, not multiplied. */
const percentText = (value: string): string | undefined => {
  const shown = shiftDecimal(value.trim(), 2);
  return shown === undefined ? undefined : `${shown}%`;
};
