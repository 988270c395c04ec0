// npm run bench:match — 政策计算器 under load (issue 3): the API server as `duixian serve` runs it,
// over PostgreSQL holding the synthetic 1M-enterprise dataset, measured with autocannon at 200
// concurrent connections on loopback. Two endpoints: matching a stored enterprise (signed in,
// checked by jurisdiction, from the cached year) and matching a posted profile (public, nothing
// stored). Writes the "Policy matching" section of bench/results.md.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
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
const env = { ...process.env, DATABASE_URL: url, DUIXIAN_LOG: '0', PORT: String(PORT) };

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
/** autocannon with CONNECTIONS connections; at saturation, or at `rate` requests a second over all of them. */
async function load(title, { path = '', ...opts }, rate) {
  log(`${title}: ${CONNECTIONS} connections, ${SECONDS} s${rate ? `, ${rate} req/s offered` : ', saturated'} (after 3 s of warm-up)…`);
  // the first seconds compile the hot paths and index each rule's decisions: not what a running server does
  await autocannon({ url: base + path, connections: CONNECTIONS, duration: 3, ...opts });
  const r = await autocannon({ url: base + path, connections: CONNECTIONS, duration: SECONDS, ...(rate ? { overallRate: rate } : {}), ...opts });
  return { title: `${title}, ${rate ? `${rate} req/s offered` : 'saturated'}`, requests: r.requests.total, rps: Math.round(r.requests.average), p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, errors: r.errors + r.non2xx + r.timeouts };
}
const RATE = Number(process.env.BENCH_RATE ?? 500);
const storedOpts = () => ({
  headers: { cookie },
  requests: [{ setupRequest: (req) => ({ ...req, path: `/api/subjects/${enterprise(1 + (next() % N))}/match?year=2023` }) }],
});
// the floor: what this machine and one Node process give for an endpoint that does nothing
const health = await load('GET /api/health (floor)', { path: '/api/health' });
const stored = await load('stored enterprise', storedOpts());
const storedPaced = await load('stored enterprise', storedOpts(), RATE);
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
const posted = await load('posted profile', postedOpts);
const postedPaced = await load('posted profile', postedOpts, RATE);
const rss = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
server.kill('SIGTERM');

const out = { enterprises: N, importMs, firstMatchMs: firstMs, rulesInAnswer: sample.matches.length, serverPeakMiB: Math.round(rss), health, stored, storedPaced, posted, postedPaced };
process.stdout.write(JSON.stringify(out) + '\n');

const row = (x) => `| ${x.title} | ${x.requests} | ${x.rps} | ${x.p50} ms | ${x.p90} ms | ${x.p99} ms | ${x.max} ms | ${x.errors} |`;
const section = `## Policy matching (issue 3)

Latest run: ${new Date().toISOString().slice(0, 10)}. \`npm run bench:match\`: the server as \`duixian serve\` runs it (one Node process)
over PostgreSQL 15 on the same machine holding the synthetic dataset of ${N.toLocaleString('en')} enterprises (imported by
\`duixian import\` in ${(importMs / 1000).toFixed(1)} s); autocannon in the bench process, ${CONNECTIONS} concurrent connections on
loopback for ${SECONDS} s each. "Stored enterprise" is \`GET /api/subjects/:id/match?year=2023\` for a random enterprise
each request, signed in (session lookup, jurisdiction check, then every rule that could apply, with explanations:
${sample.matches.length} rules in the answer for ${enterprise(1)}); the year's data is loaded once, on the first request
(${(firstMs / 1000).toFixed(1)} s), and kept until an import changes it. "Posted profile" is the public \`POST /api/match\` with the
interchange example (nothing stored). Server peak memory ${Math.round(rss)} MiB.

| endpoint | requests | req/s | p50 | p90 | p99 | max | errors |
|---|---|---|---|---|---|---|---|
${row(health)}
${row(stored)}
${row(storedPaced)}
${row(posted)}
${row(postedPaced)}

Each row follows 3 s of the same load as warm-up. At saturation every connection always has a request waiting, so latency is
the queue: about connections ÷ throughput (${CONNECTIONS} ÷ ${stored.rps} req/s ≈ ${Math.round((CONNECTIONS / stored.rps) * 1000)} ms for stored enterprises). The paced rows offer
${RATE} req/s over the same ${CONNECTIONS} connections; autocannon paces per second (each connection sends its quota at the start
of each second), so they measure ${CONNECTIONS} requests arriving together, not an even stream. The first row is the floor: the same
load on \`GET /api/health\`, which does nothing; no endpoint on this machine can have a lower p99 than it.

| target | goal | measured | met |
|---|---|---|---|
| (floor) \`/api/health\` p99, 200 connections, saturated | — | ${health.p99} ms | ${health.p99 < 20 ? 'below 20 ms' : 'above 20 ms: the goal is below this machine\'s floor'} |
| matching p99, 200 connections, saturated (stored enterprise) | < 20 ms | ${stored.p99} ms | ${stored.p99 < 20 ? 'yes' : 'no'} |
| matching p99, 200 connections, ${RATE} req/s (stored enterprise) | < 20 ms | ${storedPaced.p99} ms | ${storedPaced.p99 < 20 ? 'yes' : 'no'} |
| matching p99, 200 connections, saturated (posted profile) | < 20 ms | ${posted.p99} ms | ${posted.p99 < 20 ? 'yes' : 'no'} |
| matching p99, 200 connections, ${RATE} req/s (posted profile) | < 20 ms | ${postedPaced.p99} ms | ${postedPaced.p99 < 20 ? 'yes' : 'no'} |
`;
const md = readFileSync(RESULTS, 'utf8');
const re = /## Policy matching \(issue 3\)[\s\S]*?(?=\n## |$)/;
writeFileSync(RESULTS, re.test(md) ? md.replace(re, section.trimEnd() + '\n') : md.trimEnd() + '\n\n' + section);
log('bench/results.md updated');
