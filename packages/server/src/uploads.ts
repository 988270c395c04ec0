/**
 * Uploaded datasets are read off the event loop. Reading an .xlsx or a CSV pair of a million rows
 * is seconds of CPU, and a JSON body of many megabytes is a long JSON.parse: done on the main
 * thread, either stops every other request, /api/health included. So each is read in a
 * `worker_threads` Worker (upload-worker.js) from the file the body was spooled to
 * (upload-spool.ts); the worker posts the rows it has read as it goes, and at the end the dataset
 * as columns whose arrays are moved, not copied (upload-columns.ts), or its problems. The
 * database writing stays here: it is asynchronous I/O.
 *
 * A small JSON body is parsed by Fastify and read in place (a worker costs ~50 ms to start and
 * such a body ~1 ms to read). At most READERS files are read at once; others wait their turn,
 * so concurrent uploads cannot multiply the memory a reading takes.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KNOWN } from '@duixian/corpus';
import type { Known, ReadOptions, UploadLimits } from '@duixian/interchange';
import { readUpload, type Upload, type UploadRead } from './upload-read.js';
import { unpacked, type Packed } from './upload-columns.js';

/** What the worker is given. */
export interface WorkerInput {
  readonly upload: Upload;
  readonly known: Known;
  readonly opts: ReadOptions;
}

/** What the worker posts: rows read so far; then the texts of the dataset's string columns, in pieces; then once what came of the reading. */
export type WorkerMessage = { readonly rows: number } | { readonly text: string } | Packed;

/** Readings at once: each may hold a workbook of up to the cell limit (~2 GB in exceljs). */
const READERS = 2;
/** A reading's heap: beyond it the worker, not the server, runs out of memory. */
const WORKER_HEAP_MB = 4096;

/** Built, the worker is beside this module; run from source (the tests), it is the built one. */
const WORKER = new URL(import.meta.url.endsWith('.ts') ? '../dist/upload-worker.js' : './upload-worker.js', import.meta.url);

export class UploadReader {
  private reading = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly limits: UploadLimits) {}

  /** `upload` read; `onRows` is told how many rows the reader has gone through (when it counts them). */
  async read(upload: Upload, year: number | undefined, onRows: (rows: number) => void = () => {}): Promise<UploadRead> {
    const opts: ReadOptions = { limits: this.limits, ...(year === undefined ? {} : { year }) };
    if (upload.kind === 'object') return readUpload(upload, KNOWN, opts);
    await this.turn();
    try {
      const { packed, pieces } = await inWorker({ upload, known: KNOWN, opts }, onRows);
      return await unpacked(packed, pieces);
    } finally {
      this.reading--;
      this.queue.shift()?.();
    }
  }

  private async turn(): Promise<void> {
    if (this.reading >= READERS) await new Promise<void>((go) => this.queue.push(go));
    this.reading++;
  }
}

function inWorker(input: WorkerInput, onRows: (rows: number) => void): Promise<{ packed: Packed; pieces: string[] }> {
  if (!existsSync(WORKER)) throw new Error(`${fileURLToPath(WORKER)} is missing: build the server (npm run build) before reading uploads`);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: input, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    let done = false;
    const pieces: string[] = [];
    worker.on('message', (m: WorkerMessage) => {
      if ('rows' in m) return onRows(m.rows);
      if ('text' in m) {
        pieces.push(m.text);
        return void setImmediate(() => worker.postMessage('more')); // after what else waits on this thread
      }
      done = true;
      resolve({ packed: m, pieces });
    });
    worker.once('error', (e: Error & { code?: string }) => {
      done = true;
      if (e.code !== 'ERR_WORKER_OUT_OF_MEMORY') return reject(e);
      const message = `reading the file took more than the ${WORKER_HEAP_MB} MB a reading may use: split the file into several, or import it as CSV (文件过大：请拆分，或改用CSV导入)`;
      resolve({ packed: { result: { ok: false, tooLarge: true, problems: [{ path: '(file)', message }] }, hash: '' }, pieces: [] });
    });
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`the reading worker stopped (exit code ${code}) without an answer`));
    });
  });
}
