// node bench/upload.js [NAME.subjects.csv] — a CSV pair imported through the API while the server
// keeps answering (issue 17): the server as `duixian serve` builds it, in this process, over a
// database of its own on the local PostgreSQL (scripts/postgres.sh); the pair sent as
// multipart/form-data files, streamed from disk, with `Prefer: respond-async`; /api/health asked
// every 50 ms the whole time. Prints the import's time and phases, the health answers' latency
// (max, p99) and the event loop's delay (max, p99), and the longest stalls with the phase they
// fell in (by the job's phase as last polled); then the same while the server reads the year
// again after the import (in the background: held for matching and runs). Default: the 1M pair in bench/out (make it with
// `node packages/cli/bin/duixian.js demo --enterprises 1000000 --out bench/out/demo-1000000.subjects.csv`).
// BENCH_PGLITE=1 runs over an embedded PGlite store instead.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import pg from 'pg';

const SUBJECTS = process.argv[2] ?? 'bench/out/demo-1000000.subjects.csv';
const PARTS = ['subjects', 'facts', 'history', 'parameters', 'interpretations'];
const HEALTH_EVERY_MS = 50;
const log = (s) => process.stderr.write(s + '\n');
if (!/\.subjects\.csv$/.test(SUBJECTS) || !existsSync(SUBJECTS)) throw new Error(`give NAME.subjects.csv (with NAME.facts.csv beside it): ${SUBJECTS}`);
const files = PARTS.map((part) => [part, SUBJECTS.replace(/subjects\.csv$/, `${part}.csv`)]).filter(([, path]) => existsSync(path));

const { buildApp, CSRF_HEADER, SESSION_COOKIE } = await import('../packages/server/dist/index.js');
const { createAccount, openSession, openStore } = await import('../packages/store/dist/index.js');

async function freshStore() {
  if (process.env.BENCH_PGLITE) {
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-upload-'));
    return { store: await openStore({ dataDir }), done: () => rmSync(dataDir, { recursive: true, force: true }), backend: 'PGlite' };
  }
  const serverUrl = execFileSync('bash', ['scripts/postgres.sh'], { encoding: 'utf8' }).trim().split('\n').pop();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query('drop database if exists duixian_bench_upload');
  await admin.query('create database duixian_bench_upload');
  await admin.end();
  return { store: await openStore({ url: serverUrl.replace(/\/[^/]*$/, '/duixian_bench_upload') }), done: () => {}, backend: 'PostgreSQL' };
}

const { store, done, backend } = await freshStore();
const account = await createAccount(store, { username: 'bench-admin', password: 'bench password 1234', role: 'province-admin', region: '370000' }, 'bench', false);
const session = await openSession(store, account, 3600_000, 'bench');
const app = await buildApp({ store });
await app.listen({ port: 0, host: '127.0.0.1' });
const port = app.server.address().port;
const auth = { cookie: `${SESSION_COOKIE}=${session.token}`, [CSRF_HEADER]: session.csrf };

/** A request to the server: its status, its JSON body and how long the answer took (ms). */
function ask(method, path, headers = {}, write) {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { ...auth, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c) => (text += c)).on('end', () => resolve({ status: res.statusCode, body: text ? JSON.parse(text) : undefined, ms: performance.now() - t0 }));
    });
    req.on('error', reject);
    if (write) write(req);
    else req.end();
  });
}

/** The pair as multipart/form-data, each file piped from disk (never held whole here either). */
async function sendFiles(req) {
  const boundary = 'bench-upload-boundary';
  for (const [part, path] of files) {
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="${part}"; filename="${path.split('/').pop()}"\r\nContent-Type: text/csv\r\n\r\n`);
    await new Promise((resolve, reject) => createReadStream(path).on('end', resolve).on('error', reject).pipe(req, { end: false }));
    req.write('\r\n');
  }
  req.end(`--${boundary}--\r\n`);
}

const bytes = files.reduce((n, [, path]) => n + statSync(path).size, 0);
log(`${backend}: importing ${files.map(([, p]) => p).join(', ')} (${(bytes / 2 ** 20).toFixed(0)} MB) through POST /api/imports…`);
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const health = [];
const healthAfter = []; // while the year is read again after the import
let afterImport = false;
let phase = 'upload';
const phases = [];
const stalls = []; // gaps between ticks of a 10 ms timer longer than 100 ms, with the phase they fell in
let last = performance.now();
const ticker = setInterval(() => {
  const now = performance.now();
  if (now - last > 100) stalls.push({ ms: Math.round(now - last), phase });
  last = now;
}, 10);
const collections = []; // garbage collections of over 50 ms: a stall that is the collector's, not a statement's
const gc = new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.duration > 50) collections.push(Math.round(e.duration)); });
gc.observe({ entryTypes: ['gc'] });
let importing = true;
// The client is in the server's process: while the loop is held it cannot even send. So a health
// answer's latency is counted from when it was due (every 50 ms from the start), not from when it was sent.
const polling = (async () => {
  const start = performance.now();
  for (let k = 1; importing; k++) {
    const due = start + k * HEALTH_EVERY_MS;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    const h = await ask('GET', '/api/health');
    if (h.status !== 200) throw new Error(`health answered ${h.status}`);
    (afterImport ? healthAfter : health).push(performance.now() - due);
    k = Math.max(k, Math.floor((performance.now() - start) / HEALTH_EVERY_MS)); // a request missed while held is not asked late
  }
})();
const t0 = performance.now();
const started = await ask('POST', '/api/imports?reason=bench&name=bench', { 'content-type': 'multipart/form-data; boundary=bench-upload-boundary', prefer: 'respond-async', 'transfer-encoding': 'chunked' }, (req) => void sendFiles(req));
if (started.status !== 202) throw new Error(`import answered ${started.status}: ${JSON.stringify(started.body)}`);
const uploadMs = performance.now() - t0;
let job;
for (;;) {
  job = (await ask('GET', `/api/jobs/${started.body.id}`)).body;
  const seen = `${job.progress.phase}`;
  if (seen !== phase) phases.push({ phase: (phase = seen), at: Math.round(performance.now() - t0), done: job.progress.done });
  if (job.state !== 'running') break;
  await new Promise((r) => setTimeout(r, 100));
}
const importMs = performance.now() - t0;
const importDelay = { max: delay.max, p99: delay.percentile(99) };
delay.reset();
afterImport = true;
phase = 'year read again';
await store.idle(); // the year read again after the import, and its snapshot kept
const yearMs = performance.now() - t0 - importMs;
importing = false;
await polling;
clearInterval(ticker);
delay.disable();
if (job.state !== 'done') throw new Error(`the import failed: ${JSON.stringify(job.error).slice(0, 2000)}`);

const ms = (x) => `${Math.round(x)} ms`;
/** max and p99 of latencies */
function spread(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  return `${xs.length} answers, max ${ms(sorted.at(-1) ?? 0)}, p99 ${ms(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0)}`;
}
console.log(`backend ${backend}; ${job.result.subjects.added} subjects, ${job.result.facts.added} facts; ${(bytes / 2 ** 20).toFixed(0)} MB sent`);
console.log(`upload (body streamed to disk) ${ms(uploadMs)}; import done after ${ms(importMs)}`);
console.log(`phases: ${phases.map((p) => `${p.phase} at ${p.at} ms${p.done === undefined ? '' : ` (${p.done})`}`).join('; ')}`);
console.log(`/api/health during the import: ${spread(health)}`);
console.log(`event loop delay during the import: max ${ms(importDelay.max / 1e6)}, p99 ${ms(importDelay.p99 / 1e6)}`);
console.log(`after it, the year read again in ${ms(yearMs)}: /api/health ${spread(healthAfter)}; event loop delay max ${ms(delay.max / 1e6)}, p99 ${ms(delay.percentile(99) / 1e6)}`);
gc.disconnect();
console.log(`garbage collections over 50 ms: ${collections.length ? collections.sort((a, b) => b - a).slice(0, 10).map((x) => `${x} ms`).join(', ') : 'none'}`);
console.log(`stalls over 100 ms: ${stalls.length ? stalls.sort((a, b) => b.ms - a.ms).slice(0, 10).map((s) => `${s.ms} ms (${s.phase})`).join(', ') : 'none'}`);
await app.close();
await store.close();
done();
