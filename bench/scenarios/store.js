// The database benchmarks (issue 3), one backend and one dataset per process:
//   node bench/scenarios/store.js postgres|pglite FILE [run|without-provenance-fks]
// Reads FILE as `duixian import` does (not timed as import), imports it into a fresh store (a schema
// of its own on DATABASE_URL, or a PGlite directory under bench/out/), imports it again (nothing to
// do), and with `run` makes an evaluation run from the database, timing its parts. With
// `without-provenance-fks` the store's foreign keys from import_id, added_by and removed_by to
// imports are dropped first (since migration 005 the schema has none: the mode now measures the same). The
// store is dropped afterwards. Prints one JSON line.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { sql } from 'kysely';
import { CORPUS } from '@duixian/corpus';
import { readFile } from '@duixian/interchange';
import { createRun, importDataset, loadWithDigest, openStore } from '@duixian/store';
import { KNOWN } from '../../packages/cli/dist/known.js';
import { now, report } from './common.js';

const [backend, file, what] = process.argv.slice(2);
const tag = randomBytes(4).toString('hex');
const url = process.env.DATABASE_URL;
if (backend === 'postgres' && !url) throw new Error('DATABASE_URL is not set: run `bash scripts/postgres.sh` and export the URL it prints');
const place = backend === 'postgres'
  ? { url, schema: `bench_store_${tag}` }
  : { dataDir: new URL(`../out/store-pglite-${tag}`, import.meta.url).pathname };

async function drop() {
  if ('dataDir' in place) return rmSync(place.dataDir, { recursive: true, force: true });
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`drop schema if exists ${place.schema} cascade`);
  } finally {
    await c.end();
  }
}

const log = (s) => process.stderr.write(`[store ${backend}] ${s}\n`);
const ms = (t) => Math.round(now() - t);
const out = { scenario: `store-${backend}${what ? `-${what}` : ''}`, backend };
let store;
try {
  let t = now();
  const read = await readFile(file, KNOWN, {});
  if (!read.ok) throw new Error(read.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('\n'));
  out.readMs = ms(t);
  out.subjects = read.dataset.subjects.length;
  out.facts = read.dataset.facts.length;
  out.tags = read.dataset.subjects.reduce((n, s) => n + s.tags.length, 0);
  log(`${out.subjects} subjects, ${out.tags} tags, ${out.facts} facts read in ${out.readMs} ms`);

  t = now();
  store = await openStore(place);
  out.openMs = ms(t);
  if (what === 'without-provenance-fks') {
    for (const [table, fk] of [['subjects', 'subjects_import_id_fkey'], ['subject_tags', 'subject_tags_added_by_fkey'], ['subject_tags', 'subject_tags_removed_by_fkey'], ['facts', 'facts_import_id_fkey']]) {
      await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(fk)}`.execute(store.db); // migration 005 drops them too
    }
  }
  t = now();
  const first = await importDataset(store, read.dataset, { by: 'bench', reason: 'benchmark' });
  out.importMs = ms(t);
  out.imported = first.facts.added;
  log(`import ${out.importMs} ms`);
  t = now();
  const again = await importDataset(store, read.dataset, { by: 'bench', reason: 'benchmark' });
  out.reimportMs = ms(t);
  if (again.importId !== null || again.facts.unchanged !== out.facts) throw new Error(`the second import changed something: ${JSON.stringify(again)}`);
  log(`re-import (nothing to do) ${out.reimportMs} ms`);

  if (what === 'run') {
    // The first run after the import, in this cold process, reads the rows (as `duixian run` would);
    // it leaves a year snapshot made in the background (timed apart, `idle`). Then a new process
    // runs again, reading the snapshot; then this one again, warm.
    const timed = async (key, opts = {}) => {
      globalThis.gc?.();
      const phases = {};
      const t0 = now();
      const run = await createRun(store, CORPUS, { year: read.dataset.year, by: 'bench', onPhase: (p, d) => (phases[p] = Math.round(d)), ...opts });
      out[key] = { totalMs: ms(t0), ...Object.fromEntries(Object.entries(phases).map(([p, d]) => [`${p}Ms`, d])), awards: run.awards, withheld: run.withheld, missing: run.missing, inputHash: run.inputHash, resultHash: run.resultHash };
      log(`${key} ${JSON.stringify(out[key])}`);
    };
    await timed('run');
    t = now();
    await store.idle();
    out.snapshotKeptMs = ms(t); // what was left of keeping it when the run ended
    if ('dataDir' in place) await store.close(); // PGlite: one process at a time in a data directory
    const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', new URL('./stored-run.js', import.meta.url).pathname, JSON.stringify(place), String(read.dataset.year)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (child.status !== 0) throw new Error(`stored-run.js exited ${child.status}`);
    out.snapshotRun = JSON.parse(child.stdout.trim().split('\n').pop());
    if ('dataDir' in place) store = await openStore(place);
    log(`snapshotRun ${JSON.stringify(out.snapshotRun)}`);
    if (out.snapshotRun.inputHash !== out.run.inputHash || out.snapshotRun.resultHash !== out.run.resultHash) throw new Error('the run from the snapshot differs from the run from the rows');
    await timed('warmRun');
    // the API server's case: the year already in memory at the current version (read once for an
    // earlier run, the 政策计算器 or the targets), so the run evaluates, hashes and stores only
    const data = await loadWithDigest(store, read.dataset.year);
    await timed('heldRun', { data });
  }
} finally {
  await store?.close();
  await drop();
}
report(out);
