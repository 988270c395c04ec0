/**
 * The year reader's entry (year-load.ts starts it, on PostgreSQL): reads one year over a
 * connection of its own, posting how far it is, then sends the year as columns (their texts in
 * pieces, their arrays moved: upload-columns.ts), and stays until the year's snapshot is kept.
 * Taking a hundred thousand enterprises' rows apart, turning them into columns and encoding the
 * snapshot held the server's thread 0.1 to 0.8 s at a time when done there.
 * It runs the built module (dist/year-worker.js): a worker cannot load .ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadWithDigest, openStore } from '@duixian/store';
import { packColumns, postInPieces } from './upload-columns.js';
import type { YearMessage, YearWorkerInput } from './year-load.js';

const { place, year } = workerData as YearWorkerInput;
const post = (m: YearMessage) => parentPort!.postMessage(m);
const store = await openStore(place);
try {
  const { dataset, digest } = await loadWithDigest(store, year, (done, total) => post({ done, total }));
  const { subjects, facts, ...rest } = dataset;
  // copies move: the snapshot being kept in the background is made of these very arrays
  const { columns, pieces, transfer } = packColumns(subjects, facts, true);
  postInPieces(parentPort!, pieces, { year: { rest, digest, columns } } satisfies YearMessage, transfer);
  await store.idle();
} finally {
  await store.close();
}
