/**
 * On PostgreSQL the server reads a year in a worker thread (year-load.ts, issue 17 point 4): the
 * main thread goes on answering while a year is read after an import. What the worker sends back
 * must be the very year the store gives in process: the same digest (a run's input hash), every
 * subject and fact; and the worker keeps the year's snapshot before the store
 * closes. On PGlite the year is read in process.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { INTERPRETATION_VALUES, rowsOf } from '@duixian/engine';
import { REGION_TABLE, RULE_IDS, VOCABULARY } from '@duixian/corpus';
import { readObject } from '@duixian/interchange';
import { importRead, loadWithDigest, type Store } from '@duixian/store';
import { generateDemo } from '../../cli/src/demo/index.js';
import { BACKENDS } from '../../store/test/backends.js';
import { readsInWorker, yearLoader } from '../src/year-load.js';

// The worker runs the built code (dist), as `npm start` does: build it if it is stale.
beforeAll(() => {
  spawnSync('npx', ['tsc', '-b', 'packages/server'], { cwd: new URL('../../..', import.meta.url), stdio: 'inherit' });
}, 300_000);

describe.each(BACKENDS)('a year read by the server ($name)', (backend) => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await dispose?.();
    dispose = undefined;
  });

  /** A store holding 300 demo enterprises of 2023. */
  async function demoStore(): Promise<Store> {
    const f = await backend.fresh();
    dispose = f.dispose;
    const read = readObject(generateDemo({ enterprises: 300, seed: 7 }), { rules: RULE_IDS, interpretations: INTERPRETATION_VALUES, vocabulary: VOCABULARY, regions: REGION_TABLE });
    const imported = await importRead(read, f.store, { by: 'tester' });
    if (!imported.ok) throw new Error('the demo did not import');
    return f.store;
  }

  it('gives the year the store gives in process: digest, subjects, facts; progress to the end; the snapshot kept', async () => {
    const store = await demoStore();
    expect(readsInWorker(store)).toBe(backend.name === 'postgres');
    const reports: [number, number][] = [];
    const got = await yearLoader(store)(2023, (done, total) => reports.push([done, total]));
    await store.idle(); // the worker keeps the snapshot after sending the year
    const snapshots = await store.db.selectFrom('year_snapshots').select('year').execute();
    const here = await loadWithDigest(store, 2023);
    expect(here.from, 'the snapshot was kept, so the year reads from it').toBe('snapshot');
    expect(snapshots.map((s) => s.year)).toEqual([2023]);
    expect(got.digest).toBe(here.digest);
    const [a, b] = [rowsOf(got.dataset), rowsOf(here.dataset)];
    expect([a.subjects.length, a.facts.length]).toEqual([b.subjects.length, b.facts.length]);
    expect(a).toEqual(b);
    expect(reports.at(-1)).toEqual([2 * a.subjects.length, 2 * a.subjects.length]);
  }, 120_000);
});
