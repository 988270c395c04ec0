/**
 * The reading worker's entry (uploads.ts starts it): reads one upload, posting how many rows it
 * has read as it goes. Then, told where to import (PostgreSQL), it checks and imports the dataset
 * over a connection of its own and posts the import's progress and at last only its outcome
 * (upload-import.ts). Else it posts the dataset back: its subjects and facts as columns whose
 * arrays are moved, not copied, their long strings in pieces before (upload-columns.ts): a
 * structured clone of 227k Fact objects took the main thread seconds to take apart.
 * It runs the built module (dist/upload-worker.js), also under the tests: a worker cannot load .ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RegionTable } from '@duixian/engine';
import type { ReadOptions } from '@duixian/interchange';
import { openStore } from '@duixian/store';
import { readUpload, type UploadRead } from './upload-read.js';
import { packed } from './upload-columns.js';
import { checkAndImport } from './upload-import.js';
import type { ImportInto, WorkerInput, WorkerMessage } from './uploads.js';

const { upload, known, opts, into } = workerData as WorkerInput;
// the corpus's region table crosses to the worker as plain data, without its methods: built again from its rows
const regions = known.regions ? new RegionTable(known.regions.rows) : undefined;
const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);
/** Rows read, posted as the reader counts them (every few thousand rows of an .xlsx or CSV). */
const withProgress = (o: ReadOptions): ReadOptions => ({ ...o, onProgress: (rows) => post({ rows }) });
const read = await readUpload(upload, { ...known, ...(regions ? { regions } : {}) }, withProgress(opts));
if (into) post({ outcome: await imported(read, into) });
else sendBack(read);

/** The dataset checked and imported here; the connection closed whatever happens. */
async function imported(read: UploadRead, { place, ask }: ImportInto) {
  const store = await openStore(place);
  try {
    return await checkAndImport(read, store, ask, (progress) => post({ progress }));
  } finally {
    await store.close();
  }
}

/**
 * One piece of text at a time, the next when the main thread asks for it: pieces posted at once
 * would all be received in one go (a port delivers what is queued together), holding the main
 * thread as long as one message.
 */
function sendBack(read: UploadRead): void {
  const { pieces, message, transfer } = packed(read);
  let next = 0;
  const more = () => (next < pieces.length ? post({ text: pieces[next++]! }) : (parentPort!.off('message', more), post(message, transfer)));
  parentPort!.on('message', more);
  more();
}
