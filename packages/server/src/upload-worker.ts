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
import { duringRequest, openStore } from '@duixian/store';
import { readUpload, type UploadRead } from './upload-read.js';
import { packed, postInPieces } from './upload-columns.js';
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
async function imported(read: UploadRead, { place, ask, requestId }: ImportInto) {
  const store = await openStore(place);
  try {
    const work = () => checkAndImport(read, store, ask, (progress) => post({ progress }));
    return await (requestId ? duringRequest(requestId, work) : work());
  } finally {
    await store.close();
  }
}

/** The dataset sent back as columns, their texts in pieces first. */
function sendBack(read: UploadRead): void {
  const { pieces, message, transfer } = packed(read);
  postInPieces(parentPort!, pieces, message, transfer);
}
