/**
 * A zip archive (an .xlsx) read an entry at a time, from a file on disk or from bytes already in
 * memory: the central directory first (limits.ts parses it), then each entry wanted inflated as a
 * stream of chunks, never whole. Reading from a file holds no more of it than a chunk.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { directoryEntries, endOfDirectory, type ReadBudget, type ZipEntry } from './limits.js';

/** Bytes of an archive: read at a position, or streamed over a range. */
export interface ZipSource {
  readonly size: number;
  read(position: number, length: number): Promise<Buffer>;
  stream(start: number, end: number): Readable;
  close(): Promise<void>;
}

export function bytesSource(data: Uint8Array): ZipSource {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return {
    size: bytes.length,
    read: (position, length) => Promise.resolve(bytes.subarray(position, position + length)),
    stream: (start, end) => Readable.from([bytes.subarray(start, end)], { objectMode: false }),
    close: () => Promise.resolve(),
  };
}

/** Reading in chunks of this size: larger ones gain little and cost memory per entry. */
const CHUNK = 256 * 1024;

export async function fileSource(path: string): Promise<ZipSource> {
  const file: FileHandle = await open(path, 'r');
  const size = (await file.stat()).size;
  return {
    size,
    async read(position, length) {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
      if (buf.length > 0) await file.read(buf, 0, buf.length, position);
      return buf;
    },
    // a stream of its own per entry: one made from the handle closes the handle when it is destroyed
    stream: (start, end) => createReadStream(path, { start, end: end - 1, highWaterMark: CHUNK }),
    close: () => file.close(),
  };
}

/** The zip's central directory: undefined when the file has none that can be read. */
export async function readDirectory(src: ZipSource): Promise<ZipEntry[] | undefined> {
  // the end record is the last 22 bytes, after a comment of at most 65,535
  const tailLength = Math.min(src.size, 22 + 65_535);
  const end = endOfDirectory(await src.read(src.size - tailLength, tailLength));
  if (end === undefined || end.offset + end.size > src.size) return undefined;
  return directoryEntries(await src.read(end.offset, end.size), end.count);
}

/** An archive that cannot be read as a zip (a damaged or truncated file). */
export class NotAZip extends Error {}

/**
 * Inflating runs in libuv's threads: room for a few chunks ahead lets it go on while the main
 * thread scans the chunk before (with the default 16 KB it waited for each chunk to be taken).
 */
const INFLATE = { chunkSize: CHUNK, readableHighWaterMark: 4 * CHUNK };

/**
 * Entry `e` inflated, a chunk at a time; each chunk is counted against what the directory declared
 * (ReadBudget throws Refused past it). Stopping early (a `break`, a throw) stops the inflating.
 */
export async function* entryChunks(src: ZipSource, e: ZipEntry, budget: ReadBudget): AsyncGenerator<Buffer> {
  const local = await src.read(e.offset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw new NotAZip(`no zip entry where the directory puts ${e.name}`);
  const start = e.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (start + e.compressed > src.size) throw new NotAZip(`${e.name} runs past the end of the file`);
  if (e.method !== 0 && e.method !== 8) throw new NotAZip(`${e.name} is compressed by method ${e.method}, which no .xlsx uses`);
  if (e.compressed === 0) return;
  const input = src.stream(start, start + e.compressed);
  const chunks: AsyncIterable<Buffer> = e.method === 0 ? input : input.pipe(createInflateRaw(INFLATE));
  let bytes = 0;
  try {
    for await (const chunk of chunks) {
      bytes += chunk.length;
      budget.inflated(e, bytes);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('Z_')) throw new NotAZip(`${e.name}: ${err.message}`);
    throw err;
  } finally {
    input.destroy();
    if (chunks !== input) (chunks as Readable).destroy();
  }
}
