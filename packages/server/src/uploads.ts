/**
 * Uploaded datasets are read off the event loop. Reading an .xlsx or a CSV pair of a million rows
 * is seconds of CPU, and a JSON body of many megabytes is a long JSON.parse: done on the main
 * thread, either stops every other request, /api/health included. So each is read in a
 * `worker_threads` Worker (upload-worker.js) from the file the body was spooled to
 * (upload-spool.ts); the worker posts the rows it has read as it goes, and at the end the dataset
 * as columns whose arrays are moved, not copied (upload-columns.ts), or its problems.
 *
 * On PostgreSQL the worker also checks and imports what it read, over a connection of its own
 * (`readAndImport`, upload-import.ts), and posts back only the outcome: the main thread then
 * never holds the dataset, whose objects (a million subjects, two million facts) and the import's
 * statements built from them held it for hundreds of milliseconds at a time (garbage collection).
 * PGlite runs in this process (its directory lock allows one), so there the import stays here.
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
import { currentRequestId, type Store } from '@duixian/store';
import { readUpload, type Upload, type UploadRead } from './upload-read.js';
import { unpacked, type Packed } from './upload-columns.js';
import type { ImportAsk, ImportOutcome } from './upload-import.js';
import type { Progress } from './jobs.js';

/** Where the worker imports what it read, and for whom. */
export interface ImportInto {
  readonly place: NonNullable<Store['place']>;
  readonly ask: ImportAsk;
  /** the request it is imported for, for the audit entries the worker writes (no async context crosses to a thread) */
  readonly requestId?: string;
}

/** What the worker is given: with `into`, it imports what it read; without, it sends the dataset back. */
export interface WorkerInput {
  readonly upload: Upload;
  readonly known: Known;
  readonly opts: ReadOptions;
  readonly into?: ImportInto;
}

/**
 * What the worker posts: rows read so far; then, sending the dataset back, the texts of its string
 * columns in pieces and once what came of the reading; importing, the import's progress and once its outcome.
 */
export type WorkerMessage =
  | { readonly rows: number }
  | { readonly text: string }
  | Packed
  | { readonly progress: Progress }
  | { readonly outcome: ImportOutcome };

/** The worker's last message. */
type Final = Extract<WorkerMessage, Packed | { outcome: ImportOutcome }>;

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
    const opts = this.options(year);
    if (upload.kind === 'object') return readUpload(upload, KNOWN, opts);
    const { last, pieces } = await this.inTurn({ upload, known: KNOWN, opts }, { onRows });
    if ('outcome' in last) throw new Error('the reading worker imported what it was only to read');
    return unpacked(last, pieces);
  }

  /** `upload` read, checked and imported by the worker into the PostgreSQL database at `into.place`; `report` hears its progress. */
  async readAndImport(upload: Exclude<Upload, { kind: 'object' }>, year: number | undefined, into: ImportInto, report: (p: Progress) => void): Promise<ImportOutcome> {
    const requestId = currentRequestId();
    const input = { upload, known: KNOWN, opts: this.options(year), into: { ...into, ...(requestId ? { requestId } : {}) } };
    const { last } = await this.inTurn(input, { onRows: (rows) => report({ phase: 'read', done: rows }), onProgress: report });
    if (!('outcome' in last)) throw new Error('the import worker sent a dataset, not what came of the import');
    return last.outcome;
  }

  private options(year: number | undefined): ReadOptions {
    return { limits: this.limits, ...(year === undefined ? {} : { year }) };
  }

  /** A worker run when it is this one's turn (at most READERS at once). */
  private async inTurn(input: WorkerInput, on: Listeners): Promise<{ last: Final; pieces: string[] }> {
    if (this.reading >= READERS) await new Promise<void>((go) => this.queue.push(go));
    this.reading++;
    try {
      return await inWorker(input, on);
    } finally {
      this.reading--;
      this.queue.shift()?.();
    }
  }
}

interface Listeners {
  readonly onRows: (rows: number) => void;
  readonly onProgress?: (p: Progress) => void;
}

function inWorker(input: WorkerInput, on: Listeners): Promise<{ last: Final; pieces: string[] }> {
  if (!existsSync(WORKER)) throw new Error(`${fileURLToPath(WORKER)} is missing: build the server (npm run build) before reading uploads`);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: input, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    let done = false;
    const pieces: string[] = [];
    worker.on('message', (m: WorkerMessage) => {
      if ('rows' in m) return on.onRows(m.rows);
      if ('progress' in m) return on.onProgress?.(m.progress);
      if ('text' in m) {
        pieces.push(m.text);
        return void setImmediate(() => worker.postMessage('more')); // after what else waits on this thread
      }
      done = true;
      resolve({ last: m, pieces });
    });
    worker.once('error', (e: Error & { code?: string }) => {
      done = true;
      if (e.code !== 'ERR_WORKER_OUT_OF_MEMORY') return reject(e);
      const message = `reading the file took more than the ${WORKER_HEAP_MB} MB a reading may use: split the file into several, or import it as CSV (文件过大：请拆分，或改用CSV导入)`;
      const problems = [{ path: '(file)', message }];
      resolve({ last: input.into ? { outcome: { kind: 'too-large', problems } } : { result: { ok: false, tooLarge: true, problems }, hash: '' }, pieces: [] });
    });
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`the reading worker stopped (exit code ${code}) without an answer`));
    });
  });
}
