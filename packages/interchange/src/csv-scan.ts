/**
 * CSV read from bytes as they arrive, as csv-parse read it with csv.ts's options (bom,
 * relax_column_count, blank lines kept as records) but about three times faster: csv-parse decodes
 * the file into strings, then copies every cell through its own buffers; here each cell is decoded
 * once from the file's bytes (as Latin-1 when it is ASCII, the cheap case). RFC 4180 quoting: a cell
 * that starts with `"` runs to the next lone `"`, `""` inside it is one `"`, and it may span lines.
 * The line end is the first CRLF, LF or CR outside quotes, as csv-parse discovers it; another line
 * end in an unquoted cell is text. Whether the bytes are UTF-8 is decided as they arrive.
 */
import { isUtf8 } from 'node:buffer';
import { RecentColumns, decode } from './recent-cells.js';

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The record delimiter, once discovered. */
const enum Eol {
  Unknown,
  Lf,
  Cr,
  CrLf,
}

/** A record runs past the bytes held: scan it again from its start when more arrive. */
const MORE = -1;
/**
 * The longest record held while more bytes arrive. A row of statistics is under a kilobyte; a quote
 * left open turns the rest of the file into one record, scanned again from its start with each
 * chunk (and copied): refused here instead of taking time that grows with the square of its length.
 */
export const MAX_RECORD = 4 << 20;

/** Where the bytes stop holding whole UTF-8 characters: before a character the chunk cut, else the end. */
function charBoundary(buf: Buffer): number {
  const n = buf.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const b = buf[n - k]!;
    if (b < 0x80) return n;
    if (b >= 0xc0) return (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) > k ? n - k : n;
  }
  return n;
}

/** Line breaks in buf[start, end): CRLF, LF and CR each count one. */
function breaks(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (buf[i] === LF || (buf[i] === CR && buf[i + 1] !== LF)) n++;
  return n;
}

export class CsvScanner {
  /** the first way the bytes are not CSV; scanning stops there (UTF-8 is still checked to the end) */
  error: Error | undefined;
  /** false from the first byte that is not UTF-8 on: the caller reads the file again in another encoding */
  utf8 = true;
  /** the bytes of a record not complete yet */
  private held: Buffer | undefined;
  /** the last bytes of `held` not yet checked as UTF-8 (a character the chunk cut) */
  private unchecked = 0;
  private eol = Eol.Unknown;
  private bomLooked = false;
  private final = false;
  /** the line the record being scanned starts on, for messages */
  private line = 1;
  /** the cells of the record being scanned; `onRecord` gets this same array each time */
  private readonly cells: string[] = [];
  /** the bytes of the unquoted cell last scanned, or-ed (see decode) */
  private hi = 0;
  /** each column's recent cells */
  private readonly recent = new RecentColumns();

  constructor(private readonly onRecord: (cells: string[]) => void) {}

  /** The next bytes of the file; records they complete go to `onRecord`. */
  push(bytes: Buffer): void {
    if (!this.utf8) return;
    const held = this.held;
    const buf = held === undefined ? bytes : Buffer.concat([held, bytes]);
    const checked = this.final ? buf.length : charBoundary(buf);
    if (!isUtf8(buf.subarray(held === undefined ? 0 : held.length - this.unchecked, checked))) {
      this.utf8 = false;
      this.held = undefined;
      return;
    }
    let pos = 0;
    if (!this.bomLooked) {
      if (buf.length < BOM.length && !this.final && BOM.subarray(0, buf.length).equals(buf)) return this.hold(buf, 0, checked);
      this.bomLooked = true;
      if (buf.subarray(0, BOM.length).equals(BOM)) pos = BOM.length;
    }
    if (this.error === undefined) {
      try {
        pos = this.records(buf, pos);
        if (buf.length - pos > MAX_RECORD) throw new Error(`Record Too Long: the record that starts at line ${this.line} runs on for more than ${MAX_RECORD >> 20} MB; is a quote left open?`);
      } catch (e) {
        this.error = e as Error;
      }
    }
    this.hold(buf, this.error === undefined ? pos : checked, checked);
  }

  /** The file has ended: its last record, and whether it ended inside a character or a quoted cell. */
  end(): void {
    this.final = true;
    this.push(Buffer.alloc(0));
  }

  /** Keeps buf[from…] for the next push (a copy: the stream may reuse its buffer). */
  private hold(buf: Buffer, from: number, checked: number): void {
    this.held = from < buf.length ? Buffer.from(buf.subarray(from)) : undefined;
    this.unchecked = buf.length - checked;
  }

  /** Scans the whole records from `pos`; where the first incomplete one starts. */
  private records(buf: Buffer, pos: number): number {
    while (pos < buf.length) {
      const next = this.record(buf, pos);
      if (next === MORE) break;
      this.onRecord(this.cells);
      pos = next;
    }
    return pos;
  }

  /** The record at `pos` into `cells`; the position after its line end, or MORE. */
  private record(buf: Buffer, pos: number): number {
    const cells = this.cells;
    cells.length = 0;
    let lines = 0; // line breaks inside quoted cells
    for (let p = pos; ; ) {
      let value: string;
      if (buf[p] === QUOTE && p < buf.length) {
        const close = this.closingQuote(buf, p, pos, lines);
        if (close === MORE) return MORE;
        lines += breaks(buf, p, close);
        value = this.quotedText(buf, p + 1, close);
        p = close + 1;
        if (buf[p] === 0 && p < buf.length) {
          // csv-parse takes a NUL after the closing quote as the cell's end, then reads it as text of the cell
          const end = this.unquoted(buf, p, this.line + lines);
          if (end === MORE) return MORE;
          value += decode(buf, p, end, this.hi);
          p = end;
        }
      } else {
        const end = this.unquoted(buf, p, this.line + lines);
        if (end === MORE) return MORE;
        value = this.recent.text(cells.length, buf, p, end, this.hi);
        p = end;
      }
      if (p === buf.length && !this.final) return MORE;
      cells.push(value);
      if (p === buf.length) return p;
      if (buf[p] === COMMA) {
        p++;
        continue;
      }
      this.line += lines + 1;
      return p + this.eolAt(buf, p); // a field ends at a comma, a line end, or the end
    }
  }

  /** The end of the unquoted cell at `p`: a comma, the line end, or the end of the bytes. */
  private unquoted(buf: Buffer, p: number, line: number): number {
    let hi = 0;
    let i = p;
    for (; i < buf.length; i++) {
      const b = buf[i]!;
      if (b === COMMA) break;
      if (b === QUOTE) throw new Error(`Invalid Opening Quote: a quote inside the unquoted cell ${JSON.stringify(decode(buf, p, i, 0xff))} at line ${line + breaks(buf, p, i)}; quote the whole cell and double the quote ("a ""b""")`);
      if (b === LF || b === CR) {
        const n = this.eolAt(buf, i);
        if (n === MORE) return MORE;
        if (n > 0) break;
      }
      hi |= b;
    }
    this.hi = hi;
    return i;
  }

  /** The position of the quote closing the cell opened at `open`, or MORE. */
  private closingQuote(buf: Buffer, open: number, record: number, lines: number): number {
    for (let from = open + 1; ; ) {
      const at = buf.indexOf(QUOTE, from);
      if (at < 0 || (at + 1 === buf.length && !this.final)) {
        if (!this.final) return MORE;
        throw new Error(`Quote Not Closed: the file ends inside the quoted cell that starts at line ${this.line + breaks(buf, record, open)}`);
      }
      if (at + 1 === buf.length) return at;
      const next = buf[at + 1]!;
      if (next === QUOTE) {
        from = at + 2; // "" is a quote inside the cell
        continue;
      }
      if (next === COMMA || next === 0) return at;
      const eol = next === LF || next === CR ? this.eolAt(buf, at + 1) : 0;
      if (eol === MORE) return MORE;
      if (eol > 0) return at;
      throw new Error(`Invalid Closing Quote: got ${JSON.stringify(String.fromCharCode(next))} at line ${this.line + lines + breaks(buf, open, at)} after the quoted cell instead of a comma or line end`);
    }
  }

  /** The text of a quoted cell, buf[start, end) with "" read as ". */
  private quotedText(buf: Buffer, start: number, end: number): string {
    let hi = 0;
    let quotes = false;
    for (let i = start; i < end; i++) {
      hi |= buf[i]!;
      if (buf[i] === QUOTE) quotes = true;
    }
    const text = decode(buf, start, end, hi);
    return quotes ? text.replaceAll('""', '"') : text;
  }

  /** The length of the line end at `i` (0 when the byte there is text), discovering it on the first; MORE when the next byte decides. */
  private eolAt(buf: Buffer, i: number): number {
    const b = buf[i];
    const last = i + 1 === buf.length;
    if (this.eol === Eol.Unknown) {
      if (b === LF) this.eol = Eol.Lf;
      else if (b !== CR) return 0;
      else if (last && !this.final) return MORE;
      else this.eol = !last && buf[i + 1] === LF ? Eol.CrLf : Eol.Cr;
    }
    if (this.eol === Eol.Lf) return b === LF ? 1 : 0;
    if (this.eol === Eol.Cr) return b === CR ? 1 : 0;
    if (b !== CR) return 0;
    if (last) return this.final ? 0 : MORE;
    return buf[i + 1] === LF ? 2 : 0;
  }
}
