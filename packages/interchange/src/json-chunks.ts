/**
 * Reading a large JSON file without holding it whole. Decoding 400 MB of UTF-8 into one string and
 * JSON.parse-ing it into millions of objects at once needs gigabytes; instead the bytes are scanned
 * once for the structure of the top-level object, every value but `subjects` and `facts` is parsed
 * from its own slice, and the elements of those two arrays are parsed a chunk at a time, each chunk
 * validated and dropped before the next is made.
 *
 * The scan checks only structure (strings, brackets, commas, colons); the grammar of every value is
 * still checked by JSON.parse of its slice or chunk. Anything the scan does not like gives
 * undefined (or ChunkError later, from a chunk), and the caller reads the file the ordinary way,
 * which says where the syntax error is.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import type { Elements } from './elements.js';

/**
 * Bytes of JSON's structure. A const enum, so the compiled scan compares with literals: module-level
 * constants are read from the module's context with a TDZ check, and that made the scan half as fast.
 */
const enum B {
  Quote = 0x22,
  Backslash = 0x5c,
  Comma = 0x2c,
  Colon = 0x3a,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
  OpenBracket = 0x5b,
  CloseBracket = 0x5d,
  Space = 0x20,
  Newline = 0x0a,
  Return = 0x0d,
  Tab = 0x09,
}

/** The arrays read in chunks: the only sections that grow with the number of enterprises. */
const CHUNKED: ReadonlySet<string> = new Set(['subjects', 'facts']);

/** A chunk was not valid JSON: the file is read again as a whole to say where. */
export class ChunkError extends Error {}

/** JSON whitespace (not U+FEFF nor other Unicode spaces, as JSON.parse). */
function isSpace(b: number): boolean {
  return b === B.Space || b === B.Newline || b === B.Return || b === B.Tab;
}

function skipSpace(buf: Uint8Array, i: number): number {
  while (i < buf.length && isSpace(buf[i]!)) i++;
  return i;
}

/** From an opening quote to just after its closing quote, or −1. UTF-8 continuation bytes are ≥ 0x80, so never a quote. */
function stringEnd(buf: Uint8Array, i: number): number {
  for (i++; i < buf.length; i++) {
    const b = buf[i];
    if (b === B.Quote) return i + 1;
    if (b === B.Backslash) i++;
  }
  return -1;
}

/** Just after the value starting at `i` (string, object, array or scalar), or −1. */
function valueEnd(buf: Uint8Array, i: number): number {
  const first = buf[i];
  if (first === B.Quote) return stringEnd(buf, i);
  if (first === B.OpenBrace || first === B.OpenBracket) {
    let depth = 0;
    for (; i < buf.length; i++) {
      const b = buf[i]!;
      if (b === B.Quote) {
        i = stringEnd(buf, i) - 1;
        if (i < 0) return -1;
      } else if (b === B.OpenBrace || b === B.OpenBracket) depth++;
      else if ((b === B.CloseBrace || b === B.CloseBracket) && --depth === 0) return i + 1;
    }
    return -1;
  }
  // A number, true, false or null: up to what may follow a value (JSON.parse judges the text).
  const start = i;
  while (i < buf.length) {
    const b = buf[i]!;
    if (isSpace(b) || b === B.Comma || b === B.CloseBrace || b === B.CloseBracket) break;
    i++;
  }
  return i > start ? i : -1;
}

/**
 * The elements of an array, still as bytes. `seps` holds the array's `[`, each comma between
 * elements and its `]`: element k is the bytes strictly between seps[k] and seps[k+1]. Offsets are
 * doubles since a file may pass 2 GiB.
 */
export class ByteElements implements Elements {
  /** every element has been parsed (and so checked) */
  complete = false;

  constructor(
    private readonly buf: Buffer,
    private readonly seps: Float64Array,
    readonly length: number,
    private readonly chunk: number,
  ) {}

  forEach(visit: (item: unknown, index: number) => void): void {
    for (let first = 0; first < this.length; first += this.chunk) {
      const last = Math.min(this.length, first + this.chunk);
      let items: unknown;
      try {
        // The commas between the chunk's elements come along, so the slice is an array's inside.
        items = JSON.parse(`[${this.text(this.seps[first]! + 1, this.seps[last]!)}]`);
      } catch {
        throw new ChunkError(`elements ${first}–${last - 1} are not valid JSON`);
      }
      // Commas split elements exactly, so valid JSON has one item per element; checked all the same.
      if (!Array.isArray(items) || items.length !== last - first) throw new ChunkError(`elements ${first}–${last - 1} do not parse one by one`);
      for (let j = 0; j < items.length; j++) visit(items[j], first + j);
    }
    this.complete = true;
  }

  /** ASCII (most facts) is copied as Latin-1, a third of the time of decoding it as UTF-8. */
  private text(start: number, end: number): string {
    return this.buf.toString(isAscii(this.buf.subarray(start, end)) ? 'latin1' : 'utf8', start, end);
  }
}

/** The elements of the array whose `[` is at `open`, and where it ends; undefined if malformed. */
function scanArray(buf: Buffer, open: number, chunk: number): { list: ByteElements; end: number } | undefined {
  let seps: Float64Array = new Float64Array(16); // small, so that growing is seen before the loop is optimised
  seps[0] = open;
  let n = 0; // elements ended so far
  let depth = 0; // of objects and arrays inside the current element
  let filled = false; // the current element has something other than whitespace
  const end = buf.length;
  for (let i = open + 1; i < end; i++) {
    const b = buf[i]!;
    if (b === B.Quote) {
      // Inline rather than stringEnd: most bytes are in strings, and this loop is the whole cost of the scan.
      for (i++; i < end; i++) {
        const c = buf[i];
        if (c === B.Quote) break;
        if (c === B.Backslash) i++;
      }
      filled = true;
    } else if (b === B.OpenBrace || b === B.OpenBracket) {
      depth++;
      filled = true;
    } else if (b === B.CloseBrace || b === B.CloseBracket) {
      if (depth > 0) {
        depth--;
        continue;
      }
      // The array's end: `]` after an element, or `[ ]`; not `[1,]` nor `[1}`.
      if (b !== B.CloseBracket || (!filled && n > 0)) return undefined;
      if (filled) {
        if (n + 1 >= seps.length) seps = grow(seps);
        seps[++n] = i;
      }
      return { list: new ByteElements(buf, seps.slice(0, n + 1), n, chunk), end: i + 1 };
    } else if (b === B.Comma && depth === 0) {
      if (!filled) return undefined; // `[,` or `,,`
      if (n + 1 >= seps.length) seps = grow(seps);
      seps[++n] = i;
      filled = false;
    } else if (!isSpace(b)) {
      filled = true;
    }
  }
  return undefined;
}

function grow(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

export interface Scanned {
  /** the top-level object, with ByteElements for `subjects` and `facts` when they are arrays */
  readonly obj: Record<string, unknown>;
  /** every array read as bytes, including one a duplicate key replaced: all must be parsed */
  readonly lists: readonly ByteElements[];
}

/**
 * The top-level object of a JSON file, or undefined when the bytes are not a well-formed object
 * of UTF-8 text (with or without BOM). `chunk` is how many elements are parsed at a time.
 */
export function scanJson(buf: Buffer, chunk: number): Scanned | undefined {
  if (!isUtf8(buf)) return undefined; // toString would replace bad bytes; the whole-text path names them
  const n = buf.length;
  let i = n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  i = skipSpace(buf, i);
  if (buf[i] !== B.OpenBrace) return undefined;
  const obj: Record<string, unknown> = {};
  const lists: ByteElements[] = [];
  i = skipSpace(buf, i + 1);
  try {
    if (buf[i] === B.CloseBrace) i++;
    else {
      for (;;) {
        if (buf[i] !== B.Quote) return undefined;
        const keyEnd = stringEnd(buf, i);
        if (keyEnd < 0) return undefined;
        const key: unknown = JSON.parse(buf.toString('utf8', i, keyEnd));
        if (typeof key !== 'string') return undefined;
        i = skipSpace(buf, keyEnd);
        if (buf[i] !== B.Colon) return undefined;
        i = skipSpace(buf, i + 1);
        let value: unknown;
        if (CHUNKED.has(key) && buf[i] === B.OpenBracket) {
          const array = scanArray(buf, i, chunk);
          if (array === undefined) return undefined;
          lists.push(array.list);
          value = array.list;
          i = array.end;
        } else {
          const end = valueEnd(buf, i);
          if (end < 0) return undefined;
          value = JSON.parse(buf.toString('utf8', i, end));
          i = end;
        }
        // As JSON.parse: an own property even for `__proto__`; a repeated key keeps its place, last value wins.
        Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
        i = skipSpace(buf, i);
        if (buf[i] === B.CloseBrace) {
          i++;
          break;
        }
        if (buf[i] !== B.Comma) return undefined;
        i = skipSpace(buf, i + 1);
      }
    }
  } catch {
    return undefined; // a key or value that JSON.parse rejects
  }
  return skipSpace(buf, i) === n ? { obj, lists } : undefined;
}
