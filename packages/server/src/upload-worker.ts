/**
 * The reading worker's entry (uploads.ts starts it): reads one upload, posts how many rows it has
 * read as it goes, and then what came of it, the dataset's subjects and facts as columns whose
 * arrays are moved, not copied, their long strings in pieces before (upload-columns.ts): a
 * structured clone of 227k Fact objects took the main thread seconds to take apart.
 * It runs the built module (dist/upload-worker.js), also under the tests: a worker cannot load .ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RegionTable } from '@duixian/engine';
import type { ReadOptions } from '@duixian/interchange';
import { readUpload } from './upload-read.js';
import { packed } from './upload-columns.js';
import type { WorkerInput, WorkerMessage } from './uploads.js';

const { upload, known, opts } = workerData as WorkerInput;
// the corpus's region table crosses to the worker as plain data, without its methods: built again from its rows
const regions = known.regions ? new RegionTable(known.regions.rows) : undefined;
const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);
/** Rows read, posted as the reader counts them (every few thousand rows of an .xlsx or CSV). */
const withProgress = (o: ReadOptions): ReadOptions => ({ ...o, onProgress: (rows) => post({ rows }) });
const read = await readUpload(upload, { ...known, ...(regions ? { regions } : {}) }, withProgress(opts));
const { pieces, message, transfer } = packed(read);
// one piece of text at a time, the next when the main thread asks for it: pieces posted at once
// would all be received in one go (a port delivers what is queued together), holding the main thread as long as one message
let next = 0;
const more = () => (next < pieces.length ? post({ text: pieces[next++]! }) : (parentPort!.off('message', more), post(message, transfer)));
parentPort!.on('message', more);
more();
