/**
 * Evaluation runs from the database (issue 3 point 4): immutable, reproducible (same input and
 * result hash on unchanged data), simulations never official unless promoted, comparable.
 */
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { CORPUS } from '@duixian/corpus';
import { compareRuns, createRun, enlist, promoteRun, readRun } from '@duixian/store';
import { CHINA_OFFICIAL } from '@duixian/workflow';
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

  it('awards the platform granted count as history: a second run of the year does not list them again', async () => {
    const store = await withData();
    const first = await createRun(store, CORPUS, { year: 2023, by: 'tester' });
    await enlist(store, [{
      subjectId: 'E1', rule: 'sd-2022-42/2.traffic', document: 'sd-2022-42', year: 2023, chain: ['county', 'city', 'province'], region: '370811', runId: first.id,
      decided: { fen: 2_400_000, ceiling: true, funder: '370000', explanation: null },
    }], 'tester', '2023-09-01', CHINA_OFFICIAL);
    // queued, not granted: the run is as before, to the hash
    const queued = await createRun(store, CORPUS, { year: 2023, by: 'tester' });
    expect([queued.inputHash, queued.resultHash]).toEqual([first.inputHash, first.resultHash]);
    await sql`update applications set state = 'approved', approved_fen = 2400000 where subject_id = 'E1'`.execute(store.db);
    const second = await createRun(store, CORPUS, { year: 2023, by: 'tester' });
    expect(second.inputHash).not.toBe(first.inputHash);
    const again = (await readRun(store, second.id))!.evaluation;
    expect(again.awards.find((x) => x.subject === 'E1' && x.rule === 'sd-2022-42/2.traffic')).toBeUndefined();
    expect(again.withheld.filter((x) => x.subject === 'E1' && x.rule === 'sd-2022-42/2.traffic')).toHaveLength(1);
    expect(again.pools.find((x) => x.rule === 'sd-2022-42/2.traffic')).toMatchObject({ grantedBefore: '24000.00' });
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
