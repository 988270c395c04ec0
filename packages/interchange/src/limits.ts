/**
 * How large a file duixian agrees to read, and the check of an .xlsx against it before the
 * workbook is parsed. An .xlsx is a zip: 1.2 MB can inflate to 1.2 GB, and exceljs holds a
 * workbook whole (about 440 bytes a cell: 10M cells took 4.4 GB). So a workbook is refused by
 *  - its bytes as sent (`fileBytes`);
 *  - its entries' inflated sizes, as the zip's central directory declares them (all together,
 *    `inflatedBytes`, and each against its compressed size, `entryRatio`) AND as they really
 *    inflate, since a directory can lie: an entry that inflates past what it declared is refused;
 *  - its cells (`cells`, all sheets together): from each sheet's `<dimension ref="A1:H227001"/>`
 *    first, then counted as the sheet inflates (a dimension can lie too).
 * Inflating here streams: nothing is kept but a count, so the check itself costs a few MB.
 * A streaming .xlsx reader can replace exceljs behind the same check.
 */
import { createInflateRaw } from 'node:zlib';
import type { Problem } from './types.js';

export interface UploadLimits {
  /** bytes of a file as sent (an .xlsx: compressed) */
  readonly fileBytes: number;
  /** bytes of an .xlsx's entries inflated, all together */
  readonly inflatedBytes: number;
  /** how many times its compressed size an entry of an .xlsx may inflate to (beyond a megabyte) */
  readonly entryRatio: number;
  /** cells of an .xlsx, all sheets together */
  readonly cells: number;
  /** bytes of a white or black list import (CSV or JSON): 10,000 entries of a few hundred bytes each */
  readonly listBytes: number;
  /** bytes of a CSV dataset uploaded as files (all its files together): spooled to disk and read by rows, so its size costs disk, not memory */
  readonly csvBytes: number;
}

const MB = 2 ** 20;

/**
 * The 100,000-enterprise demo is at most 100k subjects × 6 columns + ~227k facts × 8 columns,
 * about 2.4M cells (computed from the columns, not measured): admitted with twice the room. A
 * million enterprises (~24M cells, ~10 GB in exceljs) is beyond these: import it as CSV or JSON.
 * Deflate inflates at most ~1032×: a bomb sits there, a spreadsheet's XML far below 100×.
 */
export const UPLOAD_LIMITS: UploadLimits = { fileBytes: 100 * MB, inflatedBytes: 1024 * MB, entryRatio: 100, cells: 5_000_000, listBytes: 8 * MB, csvBytes: 1024 * MB };

/** A file refused for its size: a 413, not a problem of its data. */
export interface TooLarge {
  readonly tooLarge: true;
  readonly problems: Problem[];
}

const n = (x: number) => x.toLocaleString('en-US');
const WHAT_TO_DO = 'split the file into several, or import it as CSV (文件过大：请拆分，或改用CSV导入)';

/** A file over `fileBytes`; `path` names it. */
export function fileTooLarge(bytes: number, limits: UploadLimits, path: string): TooLarge | undefined {
  if (bytes <= limits.fileBytes) return undefined;
  return tooLarge(path, `the file is ${n(bytes)} bytes; at most ${n(limits.fileBytes)} bytes are read: ${WHAT_TO_DO}`);
}

const tooLarge = (path: string, message: string): TooLarge => ({ tooLarge: true, problems: [{ path, message }] });

/** One entry of a zip's central directory (an .xlsx, or a 政策库 document folder: server/src/corpus-zip.ts). */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressed: number;
  /** inflated size, as the directory declares it */
  readonly size: number;
  /** where its local header starts */
  readonly offset: number;
}

/**
 * Whether the .xlsx `data` (already known to start as a zip) is within `limits`; undefined when
 * it is, or when it is no readable zip (exceljs then says what is wrong). `file` names it.
 */
export async function xlsxTooLarge(data: Uint8Array, limits: UploadLimits, file: string): Promise<TooLarge | undefined> {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const over = fileTooLarge(bytes.length, limits, file);
  if (over) return over;
  const entries = centralDirectory(bytes);
  if (entries === undefined) return undefined;
  return declaredTooLarge(entries, limits, file) ?? await inflatedTooLarge(bytes, entries, limits);
}

/** The sizes the directory declares, before anything is inflated. */
function declaredTooLarge(entries: readonly ZipEntry[], limits: UploadLimits, file: string): TooLarge | undefined {
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > limits.inflatedBytes) {
    return tooLarge(file, `the workbook inflates to ${n(total)} bytes, as its zip directory declares; at most ${n(limits.inflatedBytes)} bytes are read: ${WHAT_TO_DO}`);
  }
  const bomb = entries.find((e) => e.size > MB && e.size > e.compressed * limits.entryRatio);
  if (bomb) {
    return tooLarge(bomb.name, `${n(bomb.compressed)} bytes inflate to ${n(bomb.size)}, more than ${limits.entryRatio} times: no spreadsheet compresses so well; the file is crafted or damaged (压缩比异常)`);
  }
  return undefined;
}

/** Every entry inflated (streaming, nothing kept): none may exceed what it declared; the cells counted. */
async function inflatedTooLarge(bytes: Buffer, entries: readonly ZipEntry[], limits: UploadLimits): Promise<TooLarge | undefined> {
  const sheets = await sheetNames(bytes, entries);
  const cells = { counted: 0 };
  for (const e of entries) {
    const sheet = sheets.get(e.name);
    const counter = sheet === undefined ? undefined : new CellCounter(sheet, cells, limits.cells);
    const result = await inflate(bytes, e, (chunk) => counter?.add(chunk));
    if (result === 'more') return tooLarge(e.name, `the zip directory declares ${n(e.size)} bytes for this entry, and it inflates to more: the file is crafted or damaged; save it again from Excel (文件已损坏)`);
    if (typeof result === 'object') return result;
  }
  return undefined;
}

/**
 * Inflate entry `e` in chunks, each given to `onChunk` (which may refuse the file); 'more' when it
 * inflates beyond its declared size; undefined when it could not be read (exceljs will say why).
 */
function inflate(bytes: Buffer, e: ZipEntry, onChunk: (chunk: Buffer) => TooLarge | undefined): Promise<'more' | TooLarge | undefined> {
  const start = dataStart(bytes, e);
  if (start === undefined || start + e.compressed > bytes.length) return Promise.resolve(undefined);
  const data = bytes.subarray(start, start + e.compressed);
  if (e.method === 0) return Promise.resolve(onChunk(data));
  if (e.method !== 8) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const z = createInflateRaw();
    let total = 0;
    const stop = (r: 'more' | TooLarge | undefined) => {
      z.removeAllListeners('data');
      z.destroy();
      resolve(r);
    };
    z.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > e.size) return stop('more');
      const refused = onChunk(chunk);
      if (refused) stop(refused);
    });
    z.on('end', () => resolve(undefined));
    z.on('error', () => resolve(undefined));
    z.end(data);
  });
}

/**
 * Counts a sheet's cells as its XML passes: each `<c ` (or `<c>`, `<c/>`) is one; text inside
 * cells is escaped (`&lt;`), so no value is miscounted. The dimension, near the start, is
 * checked first: a sheet that declares too many cells is refused before it is inflated further.
 */
class CellCounter {
  /** the sheet's first bytes, until its dimension is found or cannot be there */
  private head: string | undefined = '';
  private carry: Buffer = Buffer.alloc(0);

  constructor(private readonly sheet: string, private readonly cells: { counted: number }, private readonly limit: number) {}

  add(chunk: Buffer): TooLarge | undefined {
    return (this.head === undefined ? undefined : this.dimension(chunk)) ?? this.count(chunk);
  }

  private dimension(chunk: Buffer): TooLarge | undefined {
    const head = this.head + chunk.subarray(0, 4096).toString('latin1');
    const ref = /<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/.exec(head);
    this.head = ref || head.length >= 4096 ? undefined : head;
    if (!ref) return undefined;
    const [, c1, r1, c2 = c1!, r2 = r1!] = ref;
    const declared = (Math.abs(columnNumber(c2) - columnNumber(c1!)) + 1) * (Math.abs(Number(r2) - Number(r1)) + 1);
    if (this.cells.counted + declared <= this.limit) return undefined;
    const range = ref[3] === undefined ? `${c1}${r1}` : `${c1}${r1}:${c2}${r2}`;
    return tooLarge(this.sheet, `the sheet declares the range ${range}, ${n(declared)} cells; at most ${n(this.limit)} cells are read from a workbook, all sheets together: ${WHAT_TO_DO}`);
  }

  private count(chunk: Buffer): TooLarge | undefined {
    const text = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    let at = text.indexOf('<c');
    while (at !== -1 && at + 2 < text.length) {
      const next = text[at + 2];
      if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x0a || next === 0x0d || next === 0x09) this.cells.counted++;
      at = text.indexOf('<c', at + 2);
    }
    // a tag cut by the chunk's end is counted with the next chunk
    this.carry = at === -1 ? text.subarray(text.length - 1) : text.subarray(at);
    if (this.cells.counted <= this.limit) return undefined;
    return tooLarge(this.sheet, `the workbook holds more than ${n(this.limit)} cells (counted up to this sheet); at most ${n(this.limit)} are read: ${WHAT_TO_DO}`);
  }
}

const columnNumber = (letters: string): number => [...letters].reduce((k, ch) => k * 26 + ch.charCodeAt(0) - 64, 0);

/** The zip's central directory; undefined when there is none to read. ZIP64 sizes are read from their extra field. */
export function centralDirectory(bytes: Buffer): ZipEntry[] | undefined {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > bytes.length) return undefined;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return undefined;
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const sizes = zip64(bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), {
      size: bytes.readUInt32LE(at + 24), compressed: bytes.readUInt32LE(at + 20), offset: bytes.readUInt32LE(at + 42),
    });
    entries.push({ name, method: bytes.readUInt16LE(at + 10), ...sizes });
    at += 46 + nameLength + extraLength + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

type Sizes = { size: number; compressed: number; offset: number };

/** A ZIP64 extra field (0x0001) holds, in this order, each of the sizes and offset marked 0xFFFFFFFF. */
function zip64(extra: Buffer, s: Sizes): Sizes {
  const FULL = 0xffffffff;
  for (let at = 0; at + 4 <= extra.length; at += 4 + extra.readUInt16LE(at + 2)) {
    if (extra.readUInt16LE(at) !== 1) continue;
    let p = at + 4;
    const next = () => {
      const v = p + 8 <= extra.length ? Number(extra.readBigUInt64LE(p)) : FULL;
      p += 8;
      return v;
    };
    const size = s.size === FULL ? next() : s.size;
    const compressed = s.compressed === FULL ? next() : s.compressed;
    const offset = s.offset === FULL ? next() : s.offset;
    return { size, compressed, offset };
  }
  return s;
}

/** Where entry `e`'s compressed bytes start (after its local header); undefined when that header is not there. */
export function dataStart(bytes: Buffer, e: ZipEntry): number | undefined {
  if (e.offset + 30 > bytes.length || bytes.readUInt32LE(e.offset) !== 0x04034b50) return undefined;
  return e.offset + 30 + bytes.readUInt16LE(e.offset + 26) + bytes.readUInt16LE(e.offset + 28);
}

/** Each worksheet's entry → the sheet's name (from xl/workbook.xml and its relationships), for messages. */
async function sheetNames(bytes: Buffer, entries: readonly ZipEntry[]): Promise<Map<string, string>> {
  const text = async (name: string) => {
    const e = entries.find((x) => x.name === name);
    if (!e || e.size > 16 * MB) return '';
    const chunks: Buffer[] = [];
    await inflate(bytes, e, (c) => void chunks.push(c));
    return Buffer.concat(chunks).toString('utf8');
  };
  const targets = new Map<string, string>();
  for (const m of (await text('xl/_rels/workbook.xml.rels')).matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const names = new Map<string, string>();
  for (const m of (await text('xl/workbook.xml')).matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const target = targets.get(/\br:id="([^"]*)"/.exec(m[0])?.[1] ?? '');
    if (name !== undefined && target) names.set(target, unescapeXml(name));
  }
  // a worksheet no sheet names is still counted, under its entry's name
  for (const e of entries) if (/^xl\/worksheets\/[^/]+\.xml$/.test(e.name) && !names.has(e.name)) names.set(e.name, e.name);
  return names;
}

const unescapeXml = (s: string) => s.replace(/&(lt|gt|quot|apos|amp);/g, (_, x: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[x]!);
