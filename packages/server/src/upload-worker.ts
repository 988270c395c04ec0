/**
 * The reading worker's entry (uploads.ts starts it): reads one upload and posts what came of it.
 * It runs the built module (dist/upload-worker.js), also under the tests: a worker cannot load .ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RegionTable } from '@duixian/engine';
import { readUpload } from './upload-read.js';
import type { WorkerInput } from './uploads.js';

const { upload, known, opts } = workerData as WorkerInput;
// the corpus's region table crosses to the worker as plain data, without its methods: built again from its rows
const regions = known.regions ? new RegionTable(known.regions.rows) : undefined;
parentPort!.postMessage(await readUpload(upload, { ...known, ...(regions ? { regions } : {}) }, opts));
