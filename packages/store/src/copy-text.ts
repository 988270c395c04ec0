/**
 * PostgreSQL's COPY text format read in place, from its bytes: rows end in a newline, fields end in
 * a tab, NULL is \N, and a backslash escapes a tab, newline, carriage return or backslash in a
 * value. Integers are read from the digits, a subject id is compared with the id expected, and a
 * value that repeats (a kind, a key, a tag, a region) is matched against the few met before: a
 * string is made only for what is new. For millions of rows this is most of the cost of a read.
 */

const TAB = 9;
const NEWLINE = 10;
const BACKSLASH = 92;
const MINUS = 45;
const ZERO = 48;
const N = 78;

/**
 * Chunks of whole rows, each handed to `seen` (the digest) before it is taken apart. COPY's
 * readers (copy-out.ts, PGlite's blob) hand out whole rows; a chunk that ends inside a row is refused.
 */
export async function* wholeRows(chunks: AsyncIterable<Uint8Array>, seen: (bytes: Uint8Array) => void): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    if (!chunk.byteLength) continue;
    if (chunk[chunk.byteLength - 1] !== NEWLINE) throw new Error('COPY output: a chunk ends inside a row');
    seen(chunk);
    yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

/** The fields of the rows of one chunk from `wholeRows`, read left to right. */
export class CopyFields {
  private pos = 0;
  /** whether the field fieldEnd() found has a backslash in it */
  private escaped = false;
  /** whether it has a byte outside ASCII (UTF-8 to decode) */
  private wide = false;
  constructor(private readonly bytes: Buffer) {}

  /** Whether a row starts here. */
  more(): boolean {
    return this.pos < this.bytes.length;
  }

  /** Where the field at pos ends (its tab or newline); sets `escaped` and `wide`. */
  private fieldEnd(): number {
    const b = this.bytes;
    let i = this.pos;
    let escaped = false;
    let wide = false;
    for (let c = b[i]!; c !== TAB && c !== NEWLINE; c = b[++i]!) {
      if (c === BACKSLASH) escaped = true;
      else if (c > 127) wide = true;
    }
    if (i >= b.length) throw new Error('COPY text: a row without its newline');
    this.escaped = escaped;
    this.wide = wide;
    return i;
  }

  private decode(start: number, end: number): string {
    return this.bytes.toString(this.wide ? 'utf8' : 'latin1', start, end);
  }

  /** The next field as a string, or null for \N. */
  text(): string | null {
    const end = this.fieldEnd();
    const start = this.pos;
    this.pos = end + 1;
    if (!this.escaped) return this.decode(start, end);
    if (end - start === 2 && this.bytes[start + 1] === N) return null;
    return unescape(this.decode(start, end));
  }

  /** Whether the next field is empty; if so it is read. */
  empty(): boolean {
    const c = this.bytes[this.pos];
    if (c !== TAB && c !== NEWLINE) return false;
    this.pos++;
    return true;
  }

  /** The next field as a string from `pool`, which keeps one copy of each value met (kinds, keys, regions). */
  shared(pool: Interned): string | null {
    const end = this.fieldEnd();
    const start = this.pos;
    if (this.escaped || this.wide) return pool.add(this.text());
    this.pos = end + 1;
    return pool.at(this.bytes, start, end);
  }

  /** Whether the next field is exactly `s`, an ASCII string with no escape; if so it is read, else nothing is. */
  nextIs(s: string): boolean {
    const b = this.bytes;
    const start = this.pos;
    const n = s.length;
    const c = b[start + n];
    if (c !== TAB && c !== NEWLINE) return false;
    for (let k = 0; k < n; k++) if (b[start + k] !== s.charCodeAt(k)) return false;
    this.pos = start + n + 1;
    return true;
  }

  /** Whether the next field reads as `s` (any text, escapes undone); if so it is read, else nothing is. */
  nextIsText(s: string): boolean {
    const start = this.pos;
    if (this.text() === s) return true;
    this.pos = start;
    return false;
  }

  /** The next field as a safe integer (the store's integer and bigint columns). */
  int(): number {
    const b = this.bytes;
    let i = this.pos;
    const negative = b[i] === MINUS;
    if (negative) i++;
    let v = 0;
    const first = i;
    for (let c = b[i]!; c !== TAB && c !== NEWLINE; c = b[++i]!) {
      const d = c - ZERO;
      if (d < 0 || d > 9 || i >= b.length) throw new Error(`COPY text: ${JSON.stringify(b.toString('latin1', this.pos, Math.min(i + 1, b.length)))} is not an integer`);
      v = v * 10 + d;
    }
    if (i === first || !Number.isSafeInteger(v)) throw new Error(`COPY text: ${JSON.stringify(b.toString('latin1', this.pos, i))} is not a safe integer`);
    this.pos = i + 1;
    return negative ? -v : v;
  }

  /** The row has no more fields: the next read starts the next row. */
  endRow(): void {
    if (this.bytes[this.pos - 1] !== NEWLINE) throw new Error('COPY text: a row has more fields than read');
  }
}

/**
 * One copy of each value of a column that repeats a few values: a value is found by a hash of its
 * bytes and a comparison in place with those met before of that hash.
 */
export class Interned {
  private readonly byHash = new Map<number, string[]>();

  /** The ASCII value in bytes[start, end). */
  at(bytes: Uint8Array, start: number, end: number): string {
    let h = end - start;
    for (let i = start; i < end; i++) h = (Math.imul(h, 31) + bytes[i]!) | 0;
    let met = this.byHash.get(h);
    if (met === undefined) this.byHash.set(h, (met = []));
    search: for (let k = 0; k < met.length; k++) {
      const m = met[k]!;
      if (m.length !== end - start) continue;
      for (let j = 0; j < m.length; j++) if (m.charCodeAt(j) !== bytes[start + j]) continue search;
      return m;
    }
    const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', start, end);
    met.push(s);
    return s;
  }

  /** values read as strings already (escaped, or not ASCII): rare, so kept by the string itself */
  private readonly other = new Map<string, string>();

  add(s: string | null): string | null {
    if (s === null) return null;
    const known = this.other.get(s);
    if (known !== undefined) return known;
    this.other.set(s, s);
    return s;
  }
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** A field with backslash escapes, as COPY TO writes them (it writes no octal or hex forms). */
function unescape(s: string): string {
  return s.replace(/\\(.)/g, (whole, c: string) => {
    const plain = ESCAPES[c];
    if (plain === undefined) throw new Error(`COPY text: unknown escape ${whole}`);
    return plain;
  });
}

const BINARY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/**
 * The values of a one-column binary COPY (`with (format binary)`): the signature, flags and header
 * extension, then per row a field count (1) and the value's length and bytes, then -1.
 */
export function byteaColumn(bytes: Buffer): Buffer[] {
  if (!bytes.subarray(0, BINARY_SIGNATURE.length).equals(BINARY_SIGNATURE)) throw new Error('binary COPY: no signature');
  let at = BINARY_SIGNATURE.length + 4;
  at += 4 + bytes.readUInt32BE(at);
  const out: Buffer[] = [];
  for (;;) {
    const fields = bytes.readInt16BE(at);
    at += 2;
    if (fields === -1) break;
    if (fields !== 1) throw new Error(`binary COPY: a row of ${fields} fields, expected 1`);
    const length = bytes.readInt32BE(at);
    if (length < 0 || at + 4 + length > bytes.length) throw new Error('binary COPY: a value cut short or NULL');
    out.push(bytes.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return out;
}

/** A value of a binary COPY row: an integer (4 bytes), a bigint (8 bytes), or bytes. */
export type BinaryValue = { readonly int4: number } | { readonly int8: bigint } | Uint8Array;

/** Rows in binary COPY's input format (`copy … from … with (format binary)`), as byteaColumn reads its output. */
export function binaryCopy(rows: readonly (readonly BinaryValue[])[]): Buffer {
  const out: Buffer[] = [BINARY_SIGNATURE, Buffer.alloc(8)]; // flags, header extension length: both 0
  for (const row of rows) {
    const head = Buffer.alloc(2);
    head.writeInt16BE(row.length);
    out.push(head);
    for (const v of row) {
      const field = v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : Buffer.alloc('int4' in v ? 4 : 8);
      if ('int4' in v) field.writeInt32BE(v.int4);
      else if ('int8' in v) field.writeBigInt64BE(v.int8);
      const length = Buffer.alloc(4);
      length.writeInt32BE(field.length);
      out.push(length, field);
    }
  }
  out.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(out);
}
