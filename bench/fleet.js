// npm run bench:fleet — 政策计算器 at steady rates with TWO `duixian serve` processes over one
// PostgreSQL (issue 18): the rows of "Policy matching" measured at a rate (bench/paced.js), the
// load spread over both servers round robin by connection (connection c to server c % 2), as a
// proxy keeping each client's keep-alive connection on one server would. The two servers and
// the load generator share the machine's cores. Writes the "Policy matching, two server
// processes" section of bench/results.md. BENCH_ENTERPRISES, BENCH_STORED_RATES, BENCH_POSTED_RATES,
// BENCH_SECONDS as bench/match.js.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';
import { paced } from './paced.js';
import { demoFile } from './demo-file.js';

const N = Number(process.env.BENCH_ENTERPRISES ?? 1_000_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PORTS = [3927, 3928];
const RESULTS = new URL('./results.md', import.meta.url).pathname;
const CLI = 'packages/cli/bin/duixian.js';
const DB = 'duixian_bench_fleet';
const log = (s) => process.stderr.write(s + '\n');

// a database of its own on the local PostgreSQL (scripts/postgres.sh starts one and prints its URL)
const serverUrl = execFileSync('bash', ['scripts/postgres.sh'], { encoding: 'utf8' }).trim().split('\n').pop();
const url = serverUrl.replace(/\/[^/]*$/, `/${DB}`);
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`drop database if exists ${DB}`);
await admin.query(`create database ${DB}`);
await admin.end();
const env = { ...process.env, DATABASE_URL: url, DUIXIAN_LOG: '0', DUIXIAN_PUBLIC_RATE: '1000000' }; // the load generator is one address

const file = demoFile(N);
log(`importing ${file} into PostgreSQL…`);
let t = Date.now();
execFileSync(process.execPath, ['--max-old-space-size=8192', CLI, 'import', file, '--by', 'bench', '--reason', 'bench'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
const importMs = Date.now() - t;

const { createAccount, openStore } = await import('../packages/store/dist/index.js');
const store = await openStore({ url });
const PASSWORD = 'bench password 12345';
await createAccount(store, { username: 'bench', password: PASSWORD, role: 'province-admin', region: '370000' }, 'bench', false);
await store.close();

/** One `duixian serve` on `port`, resolved once it listens. */
async function serve(port) {
  const server = spawn(process.execPath, ['--max-old-space-size=8192', CLI, 'serve'], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise((resolve, reject) => {
    let err = '';
    server.stderr.setEncoding('utf8').on('data', (c) => {
      err += c;
      if (err.includes('duixian API on')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`serve on ${port} exited ${code}: ${err}`)));
  });
  return server;
}
log('starting two servers…');
const servers = await Promise.all(PORTS.map(serve));
const bases = PORTS.map((p) => `http://127.0.0.1:${p}`);
// signed in on the first; the session is in the database, so the second knows it too
const login = await fetch(`${bases[0]}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: PASSWORD }) });
const cookie = login.headers.get('set-cookie').split(';')[0];

const enterprise = (k) => `E${String(k).padStart(7, '0')}`;
// each server reads and holds the year on its first match
const firstMs = [];
for (const base of bases) {
  t = Date.now();
  const first = await fetch(`${base}/api/subjects/${enterprise(1)}/match?year=2023`, { headers: { cookie } });
  if (first.status !== 200) throw new Error(`first match on ${base}: ${first.status} ${await first.text()}`);
  await first.arrayBuffer();
  firstMs.push(Date.now() - t);
}

let seed = 12345;
const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
const WARM_UP = 3;
const loads = [];
/** `rate` requests a second as an even stream over the connections, spread over both servers. */
async function atRate(title, request, rate) {
  log(`${title}: ${CONNECTIONS} connections over ${bases.length} servers, ${rate} req/s, ${SECONDS} s (after ${WARM_UP} s of the same)…`);
  await paced({ urls: bases, connections: CONNECTIONS, rate, seconds: WARM_UP, request });
  loads.push(loadavg()[0]);
  const r = await paced({ urls: bases, connections: CONNECTIONS, rate, seconds: SECONDS, request });
  return { title: `${title}, ${rate} req/s`, ...r };
}
const rates = (name, fallback) => (process.env[name] ?? fallback).split(',').map(Number);
const STORED_RATES = rates('BENCH_STORED_RATES', '500,1000,1500,2000');
const POSTED_RATES = rates('BENCH_POSTED_RATES', '250,500,750,1000');
const storedPath = () => `/api/subjects/${enterprise(1 + (next() % N))}/match?year=2023`;
const { usccCheckChar } = await import('../packages/engine/dist/index.js');
// the interchange format's own example, as bench/match.js posts it
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
const posted = { path: '/api/match', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subject: 'E1', dataset: profile }) };

const load0 = loadavg()[0];
const rows = [await atRate('GET /api/health (floor)', () => ({ path: '/api/health' }), Math.max(...STORED_RATES))];
for (const rate of STORED_RATES) rows.push(await atRate('stored enterprise', () => ({ path: storedPath(), headers: { cookie } }), rate));
for (const rate of POSTED_RATES) rows.push(await atRate('posted profile', () => posted, rate));
const rss = servers.map((s) => Math.round(Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${s.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024));
for (const s of servers) s.kill('SIGTERM');

const out = { enterprises: N, importMs, firstMatchMs: firstMs, serverPeakMiB: rss, loadBefore: load0, loadDuring: loads, rows };
process.stdout.write(JSON.stringify(out) + '\n');

const cell = (x) => `| ${x.title} | ${x.requests} | ${x.rps} | ${x.p50} ms | ${x.p90} ms | ${x.p95} ms | ${x.p99} ms | ${x.max} ms | ${x.errors} |`;
const section = `## Policy matching, two server processes (issue 18)

Latest run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. \`npm run bench:fleet\`: two \`duixian serve\` processes over one
PostgreSQL 15 (database \`${DB}\`, the synthetic ${N.toLocaleString('en')} enterprises imported by \`duixian import\` in
${(importMs / 1000).toFixed(1)} s), each holding the year (first match ${firstMs.map((m) => (m / 1000).toFixed(1) + ' s').join(' and ')}); the load generator
(\`bench/paced.js\`, steady rates, latency from when each request was due) sends over ${CONNECTIONS} keep-alive connections,
connection c to server c mod 2 — round robin by connection from the generator, no proxy in between. ${SECONDS} s a row after
${WARM_UP} s of the same load. Servers' peak memory ${rss.join(' and ')} MiB. The two servers, PostgreSQL and the load
generator share the machine's 2 cores; 1-minute load average ${load0.toFixed(2)} before, ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} during.

| load | requests | req/s | p50 | p90 | p95 | p99 | max | errors |
|---|---|---|---|---|---|---|---|---|
${rows.map(cell).join('\n')}
`;
const md = readFileSync(RESULTS, 'utf8');
const re = /## Policy matching, two server processes \(issue 18\)[\s\S]*?(?=\n## |$)/;
writeFileSync(RESULTS, re.test(md) ? md.replace(re, section.trimEnd() + '\n') : md.trimEnd() + '\n\n' + section);
log('bench/results.md updated');
