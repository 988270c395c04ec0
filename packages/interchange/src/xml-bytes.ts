/**
 * Small readers of XML bytes for the .xlsx row scanner's fast path (xlsx-scan.ts): a cell's start
 * tag, its column letters, a number from its digits. Each works on a range of a Buffer and makes
 * no string: a million-row sheet has tens of millions of cells, and decoding each tag to text and
 * searching it for `r="` was most of the read. Whatever they do not read (an attribute in single
 * quotes, spaces around `=`) they say so, and the caller reads that tag the general way.
 */

const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const QUOTE = 0x22;

/** XML whitespace, between attributes. */
export const isSpace = (b: number | undefined): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** Whether buf holds `bytes` at `at`. */
export function bytesAt(buf: Buffer, at: number, bytes: Buffer): boolean {
  if (at + bytes.length > buf.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[at + i] !== bytes[i]) return false;
  return true;
}

/** A start tag read by StartTag.read could not be read from its bytes: the caller reads it as text. */
export const UNREAD = -1;

/**
 * The `r`, `s` and `t` attributes of one start tag, as byte ranges ([start, end), start −1 when
 * absent; the first of a name when repeated, as `attribute` takes it).
 */
export class StartTag {
  rStart = -1;
  rEnd = -1;
  sStart = -1;
  sEnd = -1;
  tStart = -1;
  tEnd = -1;

  /**
   * Reads the attributes of the tag whose name ends at `p` (the byte there is whitespace, `>` or
   * `/`), not past `end`: the position of its `>`, or UNREAD.
   */
  read(buf: Buffer, p: number, end: number): number {
    this.rStart = this.sStart = this.tStart = -1;
    for (;;) {
      let b = buf[p];
      if (!isSpace(b)) return this.closing(buf, p, end);
      do b = buf[++p];
      while (isSpace(b));
      if (b === GT || b === SLASH || p >= end) return this.closing(buf, p, end);
      const name = p;
      while (p < end && (b = buf[p]) !== EQUALS && b !== GT && b !== SLASH && !isSpace(b)) p++;
      if (b !== EQUALS || buf[p + 1] !== QUOTE) return UNREAD;
      const value = p + 2;
      let q = value;
      while (q < end && buf[q] !== QUOTE) q++;
      if (q >= end) return UNREAD;
      if (p - name === 1) this.take(buf[name]!, value, q);
      p = q + 1;
    }
  }

  /** At `p`, the tag ends (`>` or `/>`): where its `>` is; UNREAD when something else is there. */
  private closing(buf: Buffer, p: number, end: number): number {
    if (p >= end) return UNREAD;
    if (buf[p] === GT) return p;
    return buf[p] === SLASH && buf[p + 1] === GT && p + 1 < end ? p + 1 : UNREAD;
  }

  private take(name: number, start: number, end: number): void {
    if (name === 0x72 /* r */ && this.rStart < 0) {
      this.rStart = start;
      this.rEnd = end;
    } else if (name === 0x73 /* s */ && this.sStart < 0) {
      this.sStart = start;
      this.sEnd = end;
    } else if (name === 0x74 /* t */ && this.tStart < 0) {
      this.tStart = start;
      this.tEnd = end;
    }
  }
}

/** The 0-based column of a reference's letters (`D14` → 3); −1 when it starts with no capital letter. */
export function columnAt(buf: Buffer, start: number, end: number): number {
  let col = 0;
  let i = start;
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c < 65 || c > 90) break;
    col = col * 26 + c - 64;
  }
  return i === start ? -1 : col - 1;
}

/**
 * Number(text) of buf[start, end), computed from the digits when they are only digits (an index,
 * a year, a count) and few enough to be exact; anything else (a sign, a point, an exponent,
 * spaces, nothing) goes through Number as before.
 */
export function numberAt(buf: Buffer, start: number, end: number): number {
  if (end === start || end - start > 15) return Number(buf.toString('latin1', start, end));
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 9) return Number(buf.toString('latin1', start, end));
    n = n * 10 + d;
  }
  return n;
}
