// npm run bench:held — what a server holding a year of 1M enterprises spends, on its one event loop,
// for the requests that read the held year besides matching (issue 3): the targets, the monitoring
// report, and the engine's decision on an application (a plain rule, a ranking rule), each over the
// data it now reads and over the whole year (what it read before). Uses the database bench:match
// leaves (duixian_bench_match on the local PostgreSQL); writes the "Held year" section of results.md.
// Also what a full garbage collection costs with the year held as the server holds it (columns) and
// as it was held before (a Subject and a Fact object per row): run with --expose-gc.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const RESULTS = new URL('./results.md', import.meta.url).pathname;
const log = (s) => process.stderr.write(s + '\n');
const { loadWithDigest, openStore } = await import('../packages/store/dist/index.js');
const { rowsOf, Run } = await import('../packages/engine/dist/index.js');
const { CORPUS, TARGETS, cityReport, targetProgress } = await import('../packages/corpus/dist/index.js');
const { decide } = await import('../packages/server/dist/decide.js');
const { regionsOf, yearView } = await import('../packages/server/dist/year-data.js');

const serverUrl = execFileSync('bash', ['scripts/postgres.sh'], { encoding: 'utf8' }).trim().split('\n').pop();
const store = await openStore({ url: serverUrl.replace(/\/[^/]*$/, '/duixian_bench_match') }).catch((e) => {
  throw new Error(`the database of npm run bench:match is needed: run it first (${e.message})`);
});
log('reading the year…');
const { dataset, digest } = await loadWithDigest(store, 2023);
await store.close();
const view = yearView(dataset, digest);
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc (npm run bench:held does)');

/** A full collection's time (median of five, ms) while `held` is kept alive. */
function collection(held) {
  const ms = [];
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    globalThis.gc();
    ms.push(performance.now() - t);
  }
  if (!held) throw new Error('nothing held');
  return Math.round(ms.sort((a, b) => a - b)[2]);
}
/** A full collection's time and the JS heap after it, with the year held as `hold` makes it (in a function: nothing of it outlives the call). */
function heldCollection(hold) {
  const held = hold();
  return { ms: collection(held), heap: process.memoryUsage().heapUsed };
}
log('timing full collections…');
// as held before: a Subject and a Fact object per row, and a run over them
const objects = heldCollection(() => {
  const rows = rowsOf(dataset);
  const run = new Run(CORPUS, rows);
  run.result();
  return { rows, run };
});
const columns = heldCollection(() => {
  view.run.result();
  return view;
});
const asRows = rowsOf(dataset); // what the whole-year answers below are computed over
const enterprises = asRows.subjects.filter((s) => s.kind === 'enterprise');
if (!enterprises.length) throw new Error('no enterprises in duixian_bench_match: run npm run bench:match first');

/** median of five timings, in ms, and the last result */
function time(f) {
  const ms = [];
  let out;
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    try {
      out = f();
    } catch (e) {
      out = e.code ?? e.message;
    }
    ms.push(performance.now() - t);
  }
  return { ms: Math.round(ms.sort((a, b) => a - b)[2]), out };
}
const same = (a, b) => JSON.stringify(a.out) === JSON.stringify(b.out);
const row = (what, now, before) => ({ what, now: now.ms, before: before.ms, same: same(now, before) });

const first = time(() => regionsOf(dataset)); // what the first targets or report request pays once per version
const regions = view.regions;
const dongying = enterprises.find((s) => s.region?.startsWith('3705'));
const jining = enterprises.find((s) => s.region?.startsWith('3708'));
const filled = [{ key: 'onlineRetail', value: '50亿元' }, { key: 'physicalGoodsOnlineRetail', value: '2亿元' }];
const rows = [
  row('GET /api/targets (all targets)', time(() => targetProgress(TARGETS, regions, 2023)), time(() => targetProgress(TARGETS, asRows, 2023))),
  row('GET /api/monitoring (the year)', time(() => cityReport(regions, 2023)), time(() => cityReport(asRows, 2023))),
  row('GET /api/monitoring (quarter 2)', time(() => cityReport(regions, 2023, 2)), time(() => cityReport(asRows, 2023, 2))),
  row(`application decision, jining-2022-54/2.retail-2023 (${jining.id})`, time(() => decide(view, jining.id, 'jining-2022-54/2.retail-2023', 2023, filled)), time(() => decide(view, jining.id, 'jining-2022-54/2.retail-2023', 2023, filled, true))),
  row(`application decision, dongying-2020-9/3.3.leader (ranked; ${dongying.id})`, time(() => decide(view, dongying.id, 'dongying-2020-9/3.3.leader', 2023, filled)), time(() => decide(view, dongying.id, 'dongying-2020-9/3.3.leader', 2023, filled, true))),
];
for (const r of rows) if (!r.same) throw new Error(`${r.what}: the narrow answer differs from the whole year's`);
process.stdout.write(JSON.stringify({ enterprises: enterprises.length, facts: dataset.facts.length, regionsMs: first.ms, rows, gcObjects: objects.ms, gcColumns: columns.ms, heapObjects: objects.heap, heapColumns: columns.heap }) + '\n');
const mb = (b) => `${Math.round(b / 1e6)} MB`;

const section = `## Held year: targets, monitoring, application decisions (issue 3)

Latest run: ${new Date().toISOString().slice(0, 10)}. \`npm run bench:held\` (after \`npm run bench:match\`, whose database it reads):
the year of ${enterprises.length.toLocaleString('en')} enterprises and ${dataset.facts.length.toLocaleString('en')} facts as a server holds it, each
computation timed in-process (median of five), over the data it reads now and over the whole year; each pair
gives the same answer (the bench refuses to write otherwise). Each is time the server's one event loop spends, in
which it answers nothing else. The regions (country, province, cities, counties and their facts) are taken from the
held year once per data version: ${first.ms} ms. Until stop 10 the targets, the report and a ranking rule's decision
read the whole year; a plain rule's decision narrowed it by a scan of its own (~110 ms, measured apart).

A full garbage collection with the year held and evaluated (the run's results made), median of five forced ones:
**${columns.ms} ms** with its subjects and facts held as columns, as the server holds them since stop 11 (JS heap
${mb(columns.heap)}); **${objects.ms} ms** with a Subject and a Fact object per row, as before (JS heap ${mb(objects.heap)}).
A major collection in a busy server marks what is held: this is the work that set the matching tail (see above).

| request | now | over the whole year |
|---|---|---|
${rows.map((r) => `| ${r.what} | ${r.now} ms | ${r.before} ms |`).join('\n')}
`;
const md = readFileSync(RESULTS, 'utf8');
const re = /## Held year: targets, monitoring, application decisions \(issue 3\)[\s\S]*?(?=\n## |$)/;
writeFileSync(RESULTS, re.test(md) ? md.replace(re, section.trimEnd() + '\n') : md.trimEnd() + '\n\n' + section);
log('bench/results.md updated');
