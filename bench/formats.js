// npm run bench:formats [-- N …]: the same synthetic demo in every input format (issue 17) — .json,
// the CSV pair, a long .xlsx and a wide .xlsx, generated once into bench/out/ — each evaluated by
// `duixian evaluate FILE --json > /dev/null` in its own process under /usr/bin/time -v (wall time
// and peak resident set), beside Node's bare JSON.parse of the .json; then `duixian import` of the
// CSV pair into a fresh PostgreSQL database (DATABASE_URL: `bash scripts/postgres.sh | tail -n 1`;
// skipped without it). N: 100000 and/or 1000000 (default: 100000 1000000; BENCH_FORMATS_SIZES too).
// Prints markdown tables and rewrites the "## Input formats (issue 17)" section of bench/results.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import { demoFile } from './demo-file.js';

const OUT = new URL('./out/', import.meta.url).pathname;
const CLI = 'packages/cli/bin/duixian.js';
const SECTION = '## Input formats (issue 17)';
const MB = 1e6;
const log = (s) => process.stderr.write(s + '\n');

const sizes = (process.argv.slice(2).length ? process.argv.slice(2) : (process.env.BENCH_FORMATS_SIZES ?? '100000 1000000').split(/[\s,]+/)).filter(Boolean).map(Number);
if (sizes.some((n) => !Number.isSafeInteger(n) || n <= 0)) throw new Error(`sizes are numbers of enterprises, e.g. 100000 1000000; got ${sizes.join(' ')}`);

/** The demo of n enterprises in every format, written once (each by `duixian demo --out`). */
function files(n) {
  const json = demoFile(n);
  const made = { json, csv: `${OUT}demo-${n}.subjects.csv`, xlsx: `${OUT}demo-${n}.xlsx`, wide: `${OUT}demo-${n}-wide.xlsx` };
  const outs = { csv: `${OUT}demo-${n}.csv`, xlsx: made.xlsx, wide: made.wide };
  for (const [format, out] of Object.entries(outs)) {
    if (existsSync(made[format])) continue;
    log(`generating ${n} enterprises → ${out}`);
    execFileSync(process.execPath, [CLI, 'demo', '--enterprises', String(n), '--out', out, ...(format === 'wide' ? ['--wide'] : [])], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return made;
}

/**
 * A command in its own process under /usr/bin/time -v: wall seconds, CPU seconds (user + system:
 * steadier than wall time on a machine others share), peak RSS in MB, and how it ended.
 */
function timed(args, env = {}) {
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  const field = (name) => new RegExp(`${name}: (.*)`).exec(r.stderr)?.[1]?.trim();
  const clock = field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)') ?? '0:0';
  const seconds = clock.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
  const peak = Number(field('Maximum resident set size \\(kbytes\\)') ?? NaN) * 1024 / MB;
  const cpu = Number(field('User time \\(seconds\\)') ?? NaN) + Number(field('System time \\(seconds\\)') ?? NaN);
  const status = Number(field('Exit status') ?? r.status);
  const failure = status === 0 ? undefined : (r.stderr.split('\n').find((l) => l.trim() && !l.startsWith('\t') && !l.startsWith('Command')) ?? `exit ${status}`);
  return { seconds, cpu, peak, failure };
}

/** A fresh database on the server of DATABASE_URL for one import, dropped afterwards. */
async function withFreshDatabase(url, run) {
  const name = `duixian_bench_formats_${process.pid}_${Date.now()}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
    const fresh = new URL(url);
    fresh.pathname = `/${name}`;
    return run(fresh.toString());
  } finally {
    await client.query(`DROP DATABASE IF EXISTS ${name}`).catch(() => undefined);
    await client.end();
  }
}

const megabytes = (bytes) => `${bytes < 10 * MB ? (bytes / MB).toFixed(1) : Math.round(bytes / MB)} MB`;
const size = (f) => megabytes(statSync(f).size);
const csvSize = (subjects) => {
  const stem = subjects.replace(/\.subjects\.csv$/, '');
  const parts = ['subjects', 'facts', 'history', 'parameters'].map((p) => `${stem}.${p}.csv`).filter(existsSync);
  return megabytes(parts.reduce((s, f) => s + statSync(f).size, 0));
};
const s = (x) => `${x.toFixed(1)} s`;
const mb = (x) => `${Math.round(x)} MB`;

async function measure(n) {
  const f = files(n);
  log(`${n}: JSON.parse of the .json…`);
  const parse = timed(['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(f.json)}, 'utf8'))`]);
  const runs = {};
  for (const [format, file] of Object.entries(f)) {
    log(`${n}: evaluate ${file}…`);
    runs[format] = timed([CLI, 'evaluate', file, '--json']);
  }
  let imported;
  if (process.env.DATABASE_URL) {
    log(`${n}: import ${f.csv} into a fresh PostgreSQL database…`);
    imported = await withFreshDatabase(process.env.DATABASE_URL, (url) => timed([CLI, 'import', f.csv, '--by', 'bench', '--reason', 'bench/formats.js'], { DATABASE_URL: url }));
  }
  return { n, f, parse, runs, imported };
}

const table = (rows) => [`| ${rows[0].join(' | ')} |`, `|${rows[0].map(() => '---').join('|')}|`, ...rows.slice(1).map((r) => `| ${r.join(' | ')} |`)].join('\n');
/** A measured figure, or why the command failed (said once, in the time column). */
const cell = (r, x) => (r.failure ? `failed: ${r.failure.replace(/\|/g, '\\|').slice(0, 160)}` : x);
const peakCell = (r) => (r.failure ? 'failed' : mb(r.peak));
const cpuCell = (r) => (r.failure ? '—' : s(r.cpu));

function rowsOf(m) {
  const { n, f, parse, runs } = m;
  const label = { json: `.json (${size(f.json)})`, csv: `CSV pair (${csvSize(f.csv)})`, xlsx: `.xlsx long (${size(f.xlsx)})`, wide: `.xlsx wide (${size(f.wide)})` };
  return [
    [n.toLocaleString('en'), `node JSON.parse of the .json (${size(f.json)})`, s(parse.seconds), s(parse.cpu), mb(parse.peak)],
    ...Object.keys(label).map((k) => [n.toLocaleString('en'), `evaluate --json, ${label[k]}`, cell(runs[k], s(runs[k].seconds)), cpuCell(runs[k]), peakCell(runs[k])]),
    ...(m.imported ? [[n.toLocaleString('en'), 'import of the CSV pair into PostgreSQL (fresh database)', cell(m.imported, s(m.imported.seconds)), cpuCell(m.imported), peakCell(m.imported)]] : []),
  ];
}

function targetsOf(m) {
  const { n, runs } = m;
  const ok = (r) => !r.failure;
  const out = [];
  for (const k of ['xlsx', 'wide']) {
    const ratio = runs[k].seconds / runs.csv.seconds;
    out.push([`${n.toLocaleString('en')}: .xlsx ${k === 'wide' ? 'wide' : 'long'} within 1.5× of the CSV time`, '≤ 1.5×', ok(runs[k]) && ok(runs.csv) ? `${s(runs[k].seconds)} vs ${s(runs.csv.seconds)} = ${ratio.toFixed(2)}×` : 'failed', ok(runs[k]) && ok(runs.csv) && ratio <= 1.5]);
  }
  if (n <= 100_000) {
    for (const [k, r] of Object.entries(runs)) out.push([`${n.toLocaleString('en')}: peak of evaluate from ${k === 'wide' ? '.xlsx wide' : k === 'xlsx' ? '.xlsx long' : k === 'csv' ? 'CSV' : '.json'}`, '< 400 MB', peakCell(r), ok(r) && r.peak < 400]);
  } else {
    for (const k of ['csv', 'xlsx', 'wide']) out.push([`${n.toLocaleString('en')}: peak of evaluate from ${k === 'csv' ? 'CSV' : `.xlsx ${k === 'wide' ? 'wide' : 'long'}`}`, '< 2.5 GB', peakCell(runs[k]), ok(runs[k]) && runs[k].peak < 2500]);
    if (m.imported) out.push([`${n.toLocaleString('en')}: import into PostgreSQL from CSV`, '< 90 s', cell(m.imported, s(m.imported.seconds)), ok(m.imported) && m.imported.seconds < 90]);
  }
  return out.map(([a, b, c, d]) => [a, b, c, d ? 'yes' : '**no**']);
}

const measured = [];
for (const n of sizes) measured.push(await measure(n));

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const md = `${SECTION}

Run: ${new Date().toISOString().slice(0, 10)} on ${machine}, by \`npm run bench:formats\` (\`node bench/formats.js N…\`).
The same synthetic demo written by \`duixian demo --out\` as .json, the CSV pair, a long .xlsx and a wide .xlsx
(\`--wide\`: indicators as columns of the subjects sheet). Each command runs in its own process under
\`/usr/bin/time -v\`: wall time from start to exit, CPU = user + system seconds (for the import the CLI's
alone, not PostgreSQL's), peak = maximum resident set size.
${measured.some((m) => m.imported) ? '' : 'Import into PostgreSQL not measured: DATABASE_URL was not set.\n'}
${table([['enterprises', 'what', 'time', 'CPU', 'peak'], ...measured.flatMap(rowsOf)])}

### Targets (issue 17)

${table([['target', 'goal', 'measured', 'met'], ...measured.flatMap(targetsOf)])}
`;

const results = new URL('./results.md', import.meta.url);
const previous = existsSync(results) ? readFileSync(results, 'utf8') : '# Benchmark results\n';
const at = previous.indexOf(`\n${SECTION}\n`);
const next = at < 0 ? -1 : previous.indexOf('\n## ', at + 1);
const updated = at < 0 ? `${previous.trimEnd()}\n\n${md}` : `${previous.slice(0, at + 1)}${md}${next < 0 ? '' : `\n${previous.slice(next + 1)}`}`;
writeFileSync(results, updated);
process.stdout.write(md);
