/**
 * Whole columns as the server sends them for loadDataset: the text of a JSON array that
 * `json_agg` wrote (["a", "b", null]) or a comma-separated list of integers (`string_agg`), read
 * one element at a time without JSON.parse. A million facts repeat a handful of keys and a few
 * hundred region codes; a reader that hands back the string it already has for a repeated value,
 * and compares a subject id in place, allocates a string only for what is new, which is most of
 * the cost of reading millions of values in Node.
 */

const QUOTE = 34; // "
const BACKSLASH = 92; // \
const COMMA = 44; // ,
const MINUS = 45; // -
const ZERO = 48; // 0
const OPEN = 91; // [
const CLOSE = 93; // ]

/** Elements of a JSON array of strings (and nulls) as written by PostgreSQL's json_agg. */
export class JsonColumn {
  private pos: number;
  private readonly end: number;
  /** the first backslash at or after pos (an escape: rare), or end */
  private backslash = -1;
  /** values met so far, by length, first and last character */
  private readonly seen = new Map<number, string[]>();

  constructor(private readonly text: string | null) {
    this.pos = text === null ? 0 : text.indexOf('[') + 1;
    this.end = text === null ? 0 : text.lastIndexOf(']');
  }

  /** Whether every element has been read (and, if not, at the start of the next one). */
  done(): boolean {
    const t = this.text;
    if (t === null) return true;
    let c = t.charCodeAt(this.pos);
    while (this.pos < this.end && (c === COMMA || c === 32 || c === 10 || c === 13 || c === 9)) c = t.charCodeAt(++this.pos);
    return this.pos >= this.end;
  }

  /** The closing quote of the string at pos, or -1 when the string has an escape in it. */
  private close(): number {
    const t = this.text!;
    const end = t.indexOf('"', this.pos + 1);
    if (end < 0 || end > this.end) throw new Error('loadDataset: unterminated string in a column');
    if (this.backslash < this.pos) {
      this.backslash = t.indexOf('\\', this.pos);
      if (this.backslash < 0) this.backslash = this.end;
    }
    return this.backslash < end ? -1 : end;
  }

  /** The next element, a new string each time (ids, names: values that do not repeat). */
  next(): string | null {
    if (this.done()) throw new Error('loadDataset: a column ended before its rows did');
    const t = this.text!;
    if (t.charCodeAt(this.pos) !== QUOTE) return this.nullOrFail();
    const end = this.close();
    if (end < 0) return this.escaped();
    const s = t.slice(this.pos + 1, end);
    this.pos = end + 1;
    return s;
  }

  /** The next element; a value met before in this column comes back as the string already made. */
  nextShared(): string | null {
    if (this.done()) throw new Error('loadDataset: a column ended before its rows did');
    const t = this.text!;
    if (t.charCodeAt(this.pos) !== QUOTE) return this.nullOrFail();
    const end = this.close();
    if (end < 0) return this.escaped();
    const start = this.pos + 1;
    const length = end - start;
    this.pos = end + 1;
    const key = length * 0x100000000 + t.charCodeAt(start) * 0x10000 + t.charCodeAt(end - 1);
    const bucket = this.seen.get(key);
    if (bucket) {
      for (let k = 0; k < bucket.length; k++) if (t.startsWith(bucket[k]!, start)) return bucket[k]!;
    }
    const s = t.slice(start, end);
    if (bucket) bucket.push(s);
    else this.seen.set(key, [s]);
    return s;
  }

  /**
   * Whether the next element is exactly `s`, a string without characters JSON escapes (see
   * `plain`); read past it if so, else left where it is. Call `done()` first.
   */
  nextIs(s: string): boolean {
    const t = this.text!;
    const start = this.pos + 1;
    if (t.charCodeAt(this.pos) === QUOTE && t.charCodeAt(start + s.length) === QUOTE && t.startsWith(s, start)) {
      this.pos = start + s.length + 1;
      return true;
    }
    return false;
  }

  /** The next element that is an array (of a few values: parsed as JSON), or null. */
  nextArray<T>(): T[] | null {
    if (this.done()) throw new Error('loadDataset: a column ended before its rows did');
    const t = this.text!;
    if (t.charCodeAt(this.pos) !== OPEN) return this.nullOrFail();
    let i = this.pos + 1;
    let inString = false;
    for (;; i++) {
      if (i >= this.end) throw new Error('loadDataset: unterminated array in a column');
      const c = t.charCodeAt(i);
      if (inString) {
        if (c === BACKSLASH) i++;
        else if (c === QUOTE) inString = false;
      } else if (c === QUOTE) inString = true;
      else if (c === CLOSE) break;
    }
    const a = JSON.parse(t.slice(this.pos, i + 1)) as T[];
    this.pos = i + 1;
    return a;
  }

  /** The string at pos has an escape in it: found by walking it, read by JSON.parse. */
  private escaped(): string {
    const t = this.text!;
    let i = this.pos + 1;
    for (let c = t.charCodeAt(i); c !== QUOTE; c = t.charCodeAt(++i)) {
      if (c === BACKSLASH) i++;
      if (i >= this.end) throw new Error('loadDataset: unterminated string in a column');
    }
    const s = JSON.parse(t.slice(this.pos, i + 1)) as string;
    this.pos = i + 1;
    return s;
  }

  private nullOrFail(): null {
    if (this.text!.startsWith('null', this.pos)) {
      this.pos += 4;
      return null;
    }
    throw new Error(`loadDataset: unexpected ${JSON.stringify(this.text!.slice(this.pos, this.pos + 20))} in a column`);
  }
}

/** Whether JSON writes `s` as it is, between quotes (so JsonColumn.nextIs can compare it in place). */
export function plain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === QUOTE || c === BACKSLASH) return false;
  }
  return true;
}

/** Integers separated by commas (string_agg of integer columns), read without splitting. */
export class IntList {
  private pos = 0;
  constructor(private readonly text: string | null) {}

  next(): number {
    const t = this.text;
    if (t === null || this.pos > t.length) throw new Error('loadDataset: a list of numbers ended before its rows did');
    let i = this.pos;
    const negative = t.charCodeAt(i) === MINUS;
    if (negative) i++;
    let v = 0;
    const first = i;
    for (let c = t.charCodeAt(i); c >= ZERO && c <= ZERO + 9; c = t.charCodeAt(++i)) v = v * 10 + (c - ZERO);
    if (i === first || (i < t.length && t.charCodeAt(i) !== COMMA)) throw new Error(`loadDataset: not an integer at ${JSON.stringify(t.slice(this.pos, this.pos + 20))}`);
    // beyond 2^53 the sum above is no longer exact: such a value cannot be one of the engine's
    if (!Number.isSafeInteger(v)) throw new Error(`stored value ${t.slice(this.pos, i)} is not a safe integer`);
    this.pos = i + 1;
    return negative ? -v : v;
  }

  done(): boolean {
    return this.text === null || this.pos >= this.text.length;
  }
}
