// npm run bench:match — 政策计算器 under load (issue 3): the API server as `duixian serve` runs it,
// over PostgreSQL holding the synthetic 1M-enterprise dataset (BENCH_ENTERPRISES), at 200 concurrent
// connections on loopback: saturated (autocannon) and at given rates (bench/paced.js;
// BENCH_STORED_RATES, BENCH_POSTED_RATES). Two endpoints: matching a stored enterprise (signed in,
// checked by jurisdiction, from the held year) and matching a posted profile (public, nothing
// stored). Writes the "Policy matching" section of bench/results.md.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { paced } from './paced.js';
import { demoFile } from './demo-file.js';
import pg from 'pg';

const N = Number(process.env.BENCH_ENTERPRISES ?? 1_000_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3917);
const RESULTS = new URL('./results.md', import.meta.url).pathname;
const CLI = 'packages/cli/bin/duixian.js';
const log = (s) => process.stderr.write(s + '\n');

const FILE = demoFile(N);

// a database of its own on the local PostgreSQL (scripts/postgres.sh starts one and prints its URL)
const serverUrl = execFileSync('bash', ['scripts/postgres.sh'], { encoding: 'utf8' }).trim().split('\n').pop();
const url = serverUrl.replace(/\/[^/]*$/, '/duixian_bench_match');
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query('drop database if exists duixian_bench_match');
await admin.query('create database duixian_bench_match');
await admin.end();
const env = { ...process.env, DATABASE_URL: url, DUIXIAN_LOG: '0', PORT: String(PORT), DUIXIAN_PUBLIC_RATE: '1000000' }; // the load generator is one address: the public limit would refuse it

log(`importing ${FILE} into PostgreSQL…`);
let t = Date.now();
execFileSync(process.execPath, ['--max-old-space-size=8192', CLI, 'import', FILE, '--by', 'bench', '--reason', 'bench'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
const importMs = Date.now() - t;

const { createAccount, openStore } = await import('../packages/store/dist/index.js');
const store = await openStore({ url });
const PASSWORD = 'bench password 12345';
await createAccount(store, { username: 'bench', password: PASSWORD, role: 'province-admin', region: '370000' }, 'bench', false);
await store.close();

log('starting the server…');
const server = spawn(process.execPath, ['--max-old-space-size=8192', CLI, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
await new Promise((resolve, reject) => {
  let err = '';
  server.stderr.setEncoding('utf8').on('data', (c) => {
    err += c;
    if (err.includes('duixian API on')) resolve();
  });
  server.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
});
const base = `http://127.0.0.1:${PORT}`;
const login = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: PASSWORD }) });
const cookie = login.headers.get('set-cookie').split(';')[0];

const enterprise = (k) => `E${String(k).padStart(7, '0')}`;
t = Date.now();
const first = await fetch(`${base}/api/subjects/${enterprise(1)}/match?year=2023`, { headers: { cookie } });
if (first.status !== 200) throw new Error(`first match: ${first.status} ${await first.text()}`);
const firstMs = Date.now() - t;
const sample = await first.json();

let seed = 12345;
const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
const row = (title, r) => ({ title, requests: r.requests, rps: r.rps, p50: r.p50, p90: r.p90, p99: r.p99, max: r.max, errors: r.errors });
// the first seconds compile the hot paths and index each rule's decisions: not what a running server does
const WARM_UP = 3;
/** autocannon at saturation: every connection sends its next request as soon as its answer is in. */
async function saturated(title, { path = '', ...opts }) {
  log(`${title}: autocannon, ${CONNECTIONS} connections, saturated, ${SECONDS} s (after ${WARM_UP} s of the same)…`);
  await autocannon({ url: base + path, connections: CONNECTIONS, duration: WARM_UP, ...opts });
  const r = await autocannon({ url: base + path, connections: CONNECTIONS, duration: SECONDS, ...opts });
  return row(`${title}, saturated (autocannon)`, { requests: r.requests.total, rps: Math.round(r.requests.average), p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, errors: r.errors + r.non2xx + r.timeouts });
}
/** bench/paced.js: `rate` requests a second as an even stream over the same connections. */
async function atRate(title, request, rate) {
  log(`${title}: ${CONNECTIONS} connections, ${rate} req/s, ${SECONDS} s (after ${WARM_UP} s of the same)…`);
  await paced({ url: base, connections: CONNECTIONS, rate, seconds: WARM_UP, request });
  return row(`${title}, ${rate} req/s`, await paced({ url: base, connections: CONNECTIONS, rate, seconds: SECONDS, request }));
}
const rates = (name, fallback) => (process.env[name] ?? fallback).split(',').map(Number);
const STORED_RATES = rates('BENCH_STORED_RATES', '500,1000,1500,2000');
const POSTED_RATES = rates('BENCH_POSTED_RATES', '250,500,750,1000');
const storedPath = () => `/api/subjects/${enterprise(1 + (next() % N))}/match?year=2023`;

// the floor: what this machine and one Node process give for an endpoint that does nothing
const health = await saturated('GET /api/health (floor)', { path: '/api/health' });
const healthPaced = await atRate('GET /api/health (floor)', () => ({ path: '/api/health' }), Math.max(...STORED_RATES));
const stored = await saturated('stored enterprise', { headers: { cookie }, requests: [{ setupRequest: (req) => ({ ...req, path: storedPath() }) }] });
const storedPaced = [];
for (const rate of STORED_RATES) storedPaced.push(await atRate('stored enterprise', () => ({ path: storedPath(), headers: { cookie } }), rate));
// the interchange format's own example: one enterprise of 济宁 with its city and the province
const { usccCheckChar } = await import('../packages/engine/dist/index.js');
const profile = {
  format: 'duixian/v1', year: 2023,
  subjects: [
    { id: '370000', kind: 'province', name: '山东省' },
    { id: '370800', kind: 'city', name: '济宁市', region: '370800' },
    { id: 'E1', kind: 'enterprise', name: '示例电商有限公司', region: '370811', uscc: '91370811MA3C0XXXX' + usccCheckChar('91370811MA3C0XXXX'), tags: ['inStatsLibrary', 'tradeCirculation'] },
  ],
  facts: [
    { subject: 'E1', year: 2023, key: 'physicalGoodsOnlineRetail', value: '8800万元' },
    { subject: 'E1', year: 2023, key: 'contestEventCost', item: '5月直播大赛', value: 70000 },
  ],
};
const postedOpts = { path: '/api/match', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subject: 'E1', dataset: profile }) };
const posted = await saturated('posted profile', postedOpts);
const postedPaced = [];
for (const rate of POSTED_RATES) postedPaced.push(await atRate('posted profile', () => postedOpts, rate));
const rss = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
server.kill('SIGTERM');

const out = { enterprises: N, importMs, firstMatchMs: firstMs, rulesInAnswer: sample.matches.length, serverPeakMiB: Math.round(rss), health, healthPaced, stored, storedPaced, posted, postedPaced };
process.stdout.write(JSON.stringify(out) + '\n');

const cell = (x) => `| ${x.title} | ${x.requests} | ${x.rps} | ${x.p50} ms | ${x.p90} ms | ${x.p99} ms | ${x.max} ms | ${x.errors} |`;
const met = (x) => (x.errors ? `no (${x.errors} errors)` : x.p99 < 20 ? 'yes' : 'no');
const target = (what, x) => `| matching p99, ${CONNECTIONS} connections, ${x.title.replace(/^[^,]*, /, '')} (${what}) | < 20 ms | ${x.p99} ms | ${met(x)} |`;
const section = `## Policy matching (issue 3)

Latest run: ${new Date().toISOString().slice(0, 10)}. \`npm run bench:match\`: the server as \`duixian serve\` runs it (one Node process)
over PostgreSQL 15 on the same machine holding the synthetic dataset of ${N.toLocaleString('en')} enterprises (imported by
\`duixian import\` in ${(importMs / 1000).toFixed(1)} s); the load from the bench process, ${CONNECTIONS} concurrent keep-alive
connections on loopback for ${SECONDS} s each, after ${WARM_UP} s of the same load as warm-up. "Stored enterprise" is
\`GET /api/subjects/:id/match?year=2023\` for a random enterprise each request, signed in (session, jurisdiction check, then
every rule that could apply, with its steps: ${sample.matches.length} rules in the answer for ${enterprise(1)}); the year's data is
held by the server (first request ${(firstMs / 1000).toFixed(1)} s) until an import changes it. "Posted profile" is the public
\`POST /api/match\` with the interchange example (nothing stored). Server peak memory ${Math.round(rss)} MiB.

Two kinds of load. **Saturated** (autocannon): each connection sends its next request the moment its answer is in, so
there is always a queue and latency is about connections ÷ throughput (${CONNECTIONS} ÷ ${stored.rps} req/s ≈
${Math.round((CONNECTIONS / stored.rps) * 1000)} ms for stored enterprises): these rows measure throughput. **At a rate**
(\`bench/paced.js\`, as wrk2 does): the same ${CONNECTIONS} connections offer an even stream of so many requests a second, each
latency counted from when the request was due, so a slow answer also charges the requests queued behind it. autocannon's
own paced mode sends each connection's quota for the second at once (${CONNECTIONS} requests together each second) and
adds made-up samples for coordinated omission at a 1 ms interval, which is why earlier figures here at "500 req/s" read
~200 ms. The load generator shares the server's two cores.

| load | requests | req/s | p50 | p90 | p99 | max | errors |
|---|---|---|---|---|---|---|---|
${[health, healthPaced, stored, ...storedPaced, posted, ...postedPaced].map(cell).join('\n')}

| target | goal | measured | met |
|---|---|---|---|
| (floor) \`/api/health\` p99, ${CONNECTIONS} connections, saturated | — | ${health.p99} ms | ${health.p99 < 20 ? 'below 20 ms' : 'above 20 ms: below this machine\'s floor'} |
${[target('stored enterprise', stored), ...storedPaced.map((x) => target('stored enterprise', x)), target('posted profile', posted), ...postedPaced.map((x) => target('posted profile', x))].join('\n')}
`;
const md = readFileSync(RESULTS, 'utf8');
const re = /## Policy matching \(issue 3\)[\s\S]*?(?=\n## |$)/;
writeFileSync(RESULTS, re.test(md) ? md.replace(re, section.trimEnd() + '\n') : md.trimEnd() + '\n\n' + section);
log('bench/results.md updated');
