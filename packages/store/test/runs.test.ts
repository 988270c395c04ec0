/**
 * Evaluation runs from the database (issue 3 point 4): immutable, reproducible (same input and
 * result hash on unchanged data), simulations never official unless promoted, comparable.
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { CORPUS } from '@duixian/corpus';
import { compareRuns, createRun, promoteRun, readRun } from '@duixian/store';
import { BACKENDS, storesFor } from './backends.js';

describe.each(BACKENDS)('runs on $name', (backend) => {
  const { withExample: withData } = storesFor(backend);

  it('stores every row with its explanation; re-running unchanged data gives the same hashes', async () => {
    const store = await withData();
    const a = await createRun(store, CORPUS, { year: 2023, by: 'tester' });
    const b = await createRun(store, CORPUS, { year: 2023, by: 'tester' });
    expect(a.kind).toBe('official');
    expect([b.inputHash, b.resultHash]).toEqual([a.inputHash, a.resultHash]);
    expect(b.id).not.toBe(a.id);
    const stored = (await readRun(store, a.id))!;
    const traffic = stored.evaluation.awards.find((x) => x.rule === 'sd-2022-42/2.traffic')!;
    expect([traffic.subject, traffic.amount]).toEqual(['E1', '24000.00']);
    expect(traffic.explanation?.steps.length).toBeGreaterThan(2);
    expect(stored.evaluation.totals.byFunder['370000']).toBe('24000.00');
  });

  it('a run cannot be changed or deleted, not even by a direct query', async () => {
    const store = await withData();
    const run = await createRun(store, CORPUS, { year: 2023, by: 'tester' });
    await expect(sql`update runs set by = 'someone else' where id = ${run.id}`.execute(store.db)).rejects.toThrow(/immutable/);
    await expect(sql`delete from run_rows where run_id = ${run.id}`.execute(store.db)).rejects.toThrow(/immutable/);
    expect((await readRun(store, run.id))!.by).toBe('tester');
  });

  it('changed figures make a simulation, official only when promoted; runs compare', async () => {
    const store = await withData();
    const official = await createRun(store, CORPUS, { year: 2023, by: 'tester' });
    // pay 3元 instead of 2元 for every full 万元: 1.2亿元 → 12000 × 3元 = 36000元 (+12000元)
    const sim = await createRun(store, CORPUS, { year: 2023, by: 'tester', changes: [{ rule: 'sd-2022-42/2.traffic', key: 'pay', value: '3元' }] });
    expect(sim.kind).toBe('simulation');
    expect(sim.inputHash).not.toBe(official.inputHash);
    expect((await readRun(store, sim.id))!.promoted).toBe(false);
    const c = await compareRuns(store, official.id, sim.id);
    expect(c.gainers).toEqual([{ subject: 'E1', before: '224000.00', after: '236000.00', delta: '12000.00', gained: [], lost: [] }]);
    expect(c.byFunder['370000']).toEqual({ before: '24000.00', after: '36000.00', delta: '12000.00' });
    await promoteRun(store, sim.id, 'director', '经局务会研究同意');
    expect((await readRun(store, sim.id))!.promoted).toBe(true);
    await expect(promoteRun(store, official.id, 'director', 'x')).rejects.toThrow(/already official/);
  });
});
