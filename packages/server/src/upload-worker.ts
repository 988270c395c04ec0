/**
 * The reading worker's entry (uploads.ts starts it): reads one upload and posts what came of it.
 * It runs the built module (dist/upload-worker.js), also under the tests: a worker cannot load .ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readUpload } from './upload-read.js';
import type { WorkerInput } from './uploads.js';

const { upload, known, opts } = workerData as WorkerInput;
parentPort!.postMessage(await readUpload(upload, known, opts));
