/**
 * Uploaded datasets are read off the event loop. Parsing an .xlsx is seconds of CPU (exceljs holds
 * the whole workbook), and a JSON body of many megabytes is a long JSON.parse: done on the main
 * thread, either stops every other request, /api/health included. So each is read in a
 * `worker_threads` Worker (upload-worker.js), its bytes transferred, not copied; what comes back is
 * the dataset or its problems. The database writing stays here: it is asynchronous I/O.
 *
 * A small JSON body is parsed by Fastify and read in place (a worker costs ~50 ms to start and
 * such a body ~1 ms to read); an .xlsx is always read in a worker, since its cost is in what it
 * inflates to, not in its size. At most READERS files are read at once; others wait their turn,
 * so concurrent uploads cannot multiply the memory a reading takes.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KNOWN } from '@duixian/corpus';
import type { Known, ReadOptions, UploadLimits } from '@duixian/interchange';
import { readUpload, type Upload, type UploadRead } from './upload-read.js';

/** What the worker is given. */
export interface WorkerInput {
  readonly upload: Upload;
  readonly known: Known;
  readonly opts: ReadOptions;
}

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

  async read(upload: Upload, year: number | undefined): Promise<UploadRead> {
    const opts: ReadOptions = { limits: this.limits, ...(year === undefined ? {} : { year }) };
    if (upload.kind === 'object') return readUpload(upload, KNOWN, opts);
    await this.turn();
    try {
      return await inWorker({ upload: transferable(upload), known: KNOWN, opts });
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

/** The bytes in a buffer of their own, which can be moved to the worker (a Buffer may share a pooled one). */
function transferable(upload: Upload & { bytes: Uint8Array }): Upload & { bytes: Uint8Array } {
  const b = upload.bytes;
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer ? upload : { ...upload, bytes: new Uint8Array(b) };
}

function inWorker(input: WorkerInput & { upload: { bytes: Uint8Array } }): Promise<UploadRead> {
  if (!existsSync(WORKER)) throw new Error(`${fileURLToPath(WORKER)} is missing: build the server (npm run build) before reading uploads`);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      workerData: input, transferList: [input.upload.bytes.buffer as ArrayBuffer], resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let done = false;
    worker.once('message', (r: UploadRead) => {
      done = true;
      resolve(r);
    });
    worker.once('error', (e: Error & { code?: string }) => {
      done = true;
      if (e.code !== 'ERR_WORKER_OUT_OF_MEMORY') return reject(e);
      const message = `reading the file took more than the ${WORKER_HEAP_MB} MB a reading may use: split the file into several, or import it as CSV (文件过大：请拆分，或改用CSV导入)`;
      resolve({ result: { ok: false, tooLarge: true, problems: [{ path: '(file)', message }] }, hash: '' });
    });
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`the reading worker stopped (exit code ${code}) without an answer`));
    });
  });
}
