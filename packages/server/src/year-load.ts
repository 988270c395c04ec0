/**
 * How the server reads a year (year-data.ts). On PostgreSQL, in a worker thread over a connection
 * of its own (year-worker.ts): the year comes back as columns, nothing of it taken apart on the
 * main thread, which goes on answering requests (/api/health) while a year is read after an
 * import. PGlite runs in this process (its directory lock allows one), so there, and when the
 * worker is not built, the year is read here.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ColumnarDataset } from '@duixian/engine';
import { loadWithDigest, type Store } from '@duixian/store';
import { unpackColumns, type PackedColumns } from './upload-columns.js';

/** How far a read is: subjects read, then subjects whose facts are read, of twice the subjects. */
type LoadProgress = (done: number, total: number) => void;

export type YearLoader = (year: number, onChunk?: LoadProgress) => Promise<{ dataset: ColumnarDataset; digest: string }>;

export interface YearWorkerInput {
  readonly place: NonNullable<Store['place']>;
  readonly year: number;
}

/** What the worker posts: how far it is; texts of the columns' strings; once the year. */
export type YearMessage =
  | { readonly done: number; readonly total: number }
  | { readonly text: string }
  | { readonly year: { readonly rest: Omit<ColumnarDataset, 'subjects' | 'facts'>; readonly digest: string; readonly columns: PackedColumns } };

/** Built, the worker is beside this module; run from source (the tests), it is the built one. */
const WORKER = new URL(import.meta.url.endsWith('.ts') ? '../dist/year-worker.js' : './year-worker.js', import.meta.url);
/** A year's reading heap: a million enterprises' rows and columns. */
const WORKER_HEAP_MB = 4096;

/** Whether `yearLoader` reads this store's years in a worker: PostgreSQL, with the worker built. */
export const readsInWorker = (store: Store): boolean => store.place !== undefined && existsSync(WORKER);

export function yearLoader(store: Store): YearLoader {
  const place = store.place;
  if (!place || !readsInWorker(store)) return (year, onChunk) => loadWithDigest(store, year, onChunk);
  return (year, onChunk) => inWorker(store, { place, year }, onChunk);
}

function inWorker(store: Store, input: YearWorkerInput, onChunk?: LoadProgress): ReturnType<YearLoader> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: input, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    // after sending the year the worker keeps its snapshot: the store's close() waits for it
    store.background(`keeping the ${input.year} snapshot`, () => new Promise((ended) => void worker.once('exit', () => ended())));
    let answered = false;
    const pieces: string[] = [];
    worker.on('message', (m: YearMessage) => {
      if ('total' in m) return onChunk?.(m.done, m.total);
      if ('text' in m) {
        pieces.push(m.text);
        return void setImmediate(() => worker.postMessage('more')); // after what else waits on this thread
      }
      answered = true;
      const { subjects, facts } = unpackColumns(m.year.columns, pieces);
      resolve({ dataset: { ...m.year.rest, subjects, facts }, digest: m.year.digest });
    });
    worker.once('error', (e) => {
      if (!answered) reject(e);
      answered = true;
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the year reader stopped (exit code ${code}) without the year`));
    });
  });
}
