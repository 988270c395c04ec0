/**
 * How large a file duixian agrees to read, checked as an .xlsx is read (xlsx.ts streams it: one
 * implementation). An .xlsx is a zip: 1.2 MB can inflate to 1.2 GB. So a workbook is refused by
 *  - its bytes as sent (`fileBytes`);
 *  - its entries' inflated sizes, as the zip's central directory declares them (all together,
 *    `inflatedBytes`, and each against its compressed size, `entryRatio`), before anything is
 *    inflated; AND as they really inflate, since a directory can lie: an entry that inflates past
 *    what it declared is refused at that chunk (so the total, too, never passes `inflatedBytes`);
 *  - its cells (`cells`, all sheets together): from each sheet's `<dimension ref="A1:H227001"/>`
 *    first, then counted as the sheet is read (a dimension can lie too).
 * The reader holds a chunk of XML at a time, so refusing costs a few MB whatever the file claims.
 */
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
 * Uploads (the server): the 100,000-enterprise demo is at most 100k subjects × 6 columns + ~227k
 * facts × 8 columns, about 2.4M cells (computed from the columns, not measured): admitted with
 * twice the room. A million enterprises (~24M cells) is beyond these: import it as CSV or JSON, or
 * raise the server's limits. Deflate inflates at most ~1032×: a bomb sits there, a spreadsheet's
 * XML far below 100×.
 */
export const UPLOAD_LIMITS: UploadLimits = { fileBytes: 100 * MB, inflatedBytes: 1024 * MB, entryRatio: 100, cells: 5_000_000, listBytes: 8 * MB, csvBytes: 1024 * MB };

/**
 * A file read from disk by the CLI (readFile): the 1M-enterprise workbook is ~1M subjects × 6 +
 * ~2.26M facts × 8 = ~24M cells, ~1.1 GB of sheet XML (about 45 bytes a cell with its tags) and
 * ~150 MB as a file (computed from the columns, not measured); admitted with room: 1 GB as a file,
 * 8 GB inflated, 40M cells. Memory is bounded by what the rows hold, not by these (rows.ts).
 */
export const FILE_LIMITS: UploadLimits = { fileBytes: 1024 * MB, inflatedBytes: 8192 * MB, entryRatio: 100, cells: 40_000_000, listBytes: 8 * MB, csvBytes: 1024 * MB };

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

/** The sizes the directory declares, before anything is inflated. */
export function declaredTooLarge(entries: readonly ZipEntry[], limits: UploadLimits, file: string): TooLarge | undefined {
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

/** Thrown by a reader when the file passes a limit as it is read; the reader returns `refused`. */
export class Refused extends Error {
  constructor(readonly refused: TooLarge) {
    super(refused.problems[0]!.message);
  }
}

/** The limits an .xlsx reader checks as it inflates and reads: each throws Refused once passed. */
export class ReadBudget {
  private cellsRead = 0;

  constructor(readonly limits: UploadLimits) {}

  /** Entry `e` has inflated to `bytes` so far: no more than it declared (and so than the directory's total). */
  inflated(e: ZipEntry, bytes: number): void {
    if (bytes > e.size) throw new Refused(tooLarge(e.name, `the zip directory declares ${n(e.size)} bytes for this entry, and it inflates to more: the file is crafted or damaged; save it again from Excel (文件已损坏)`));
  }

  /** A sheet's `<dimension ref>` (`A1:H227001`), checked before its rows are read. */
  dimension(sheet: string, ref: string): void {
    const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref);
    if (!m) return;
    const [, c1, r1, c2 = c1!, r2 = r1!] = m;
    const declared = (Math.abs(columnNumber(c2) - columnNumber(c1!)) + 1) * (Math.abs(Number(r2) - Number(r1)) + 1);
    if (this.cellsRead + declared <= this.limits.cells) return;
    const range = m[3] === undefined ? `${c1}${r1}` : `${c1}${r1}:${c2}${r2}`;
    throw new Refused(tooLarge(sheet, `the sheet declares the range ${range}, ${n(declared)} cells; at most ${n(this.limits.cells)} cells are read from a workbook, all sheets together: ${WHAT_TO_DO}`));
  }

  /** One more cell of `sheet` read. */
  cell(sheet: string): void {
    if (++this.cellsRead <= this.limits.cells) return;
    throw new Refused(tooLarge(sheet, `the workbook holds more than ${n(this.limits.cells)} cells (counted up to this sheet); at most ${n(this.limits.cells)} are read: ${WHAT_TO_DO}`));
  }
}

const columnNumber = (letters: string): number => [...letters].reduce((k, ch) => k * 26 + ch.charCodeAt(0) - 64, 0);

/** The zip's central directory; undefined when there is none to read. ZIP64 sizes are read from their extra field. */
export function centralDirectory(bytes: Buffer): ZipEntry[] | undefined {
  const end = endOfDirectory(bytes);
  return end === undefined ? undefined : directoryEntries(bytes.subarray(end.offset), end.count);
}

/** Where the central directory is and how many entries it has, from a zip's last bytes (at least its last 22). */
export function endOfDirectory(tail: Buffer): { count: number; size: number; offset: number } | undefined {
  const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > tail.length) return undefined;
  return { count: tail.readUInt16LE(end + 10), size: tail.readUInt32LE(end + 12), offset: tail.readUInt32LE(end + 16) };
}

/** The `count` entries of a central directory whose bytes start `dir`. */
export function directoryEntries(dir: Buffer, count: number): ZipEntry[] | undefined {
  let at = 0;
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > dir.length || dir.readUInt32LE(at) !== 0x02014b50) return undefined;
    const nameLength = dir.readUInt16LE(at + 28);
    const extraLength = dir.readUInt16LE(at + 30);
    const name = dir.toString('utf8', at + 46, at + 46 + nameLength);
    const sizes = zip64(dir.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), {
      size: dir.readUInt32LE(at + 24), compressed: dir.readUInt32LE(at + 20), offset: dir.readUInt32LE(at + 42),
    });
    entries.push({ name, method: dir.readUInt16LE(at + 10), ...sizes });
    at += 46 + nameLength + extraLength + dir.readUInt16LE(at + 32);
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
