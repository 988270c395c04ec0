/**
 * Fifty final approvals arriving at once against one budget (issue 5): each is a transaction
 * that takes the budget's row lock, so they go one after another and the budget is never
 * overspent — on PostgreSQL through a pool of connections really at once, on PGlite in turn.
 * Then the same against a rule's pool (奖补资金池) smaller than the budget.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { INTERPRETATION_VALUES } from '@duixian/engine';
import { RULE_IDS, VOCABULARY } from '@duixian/corpus';
import { readObject } from '@duixian/interchange';
import { CHINA_2023_2024 } from '@duixian/workflow';
import { act, enlist, importDataset, listApplications, listBudgets, ProcessError, setBudget, type Store } from '@duixian/store';
import { BACKENDS } from './backends.js';

const N = 50;
const AMOUNT = 50_000_00; // 5万元 each, in fen
const RULE = 'jiyang-2021-80/2.agri-sales'; // a county document: one review level, the county's

async function fiftyEntries(store: Store): Promise<string[]> {
  const subjects = Array.from({ length: N }, (_, k) => ({ id: `R${String(k).padStart(2, '0')}`, kind: 'enterprise', name: `济阳示例企业${k}`, region: '370115' }));
  const read = readObject({ format: 'duixian/v1', year: 2023, subjects, facts: [] }, { rules: RULE_IDS, interpretations: INTERPRETATION_VALUES, vocabulary: VOCABULARY });
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  await importDataset(store, read.dataset, { by: 'test' });
  await enlist(store, subjects.map((s) => ({
    subjectId: s.id, rule: RULE, document: 'jiyang-2021-80', year: 2023, chain: ['county'], region: '370115', runId: null,
    decided: { fen: AMOUNT, ceiling: false, funder: '370115', explanation: null },
  })), 'test', '2023-09-01', CHINA_2023_2024);
  return (await listApplications(store, { rule: RULE }, { limit: 100, offset: 0 })).items.map((a) => a.id);
}

/** All N approvals at once; how many went through and why the others did not. */
async function approveAll(store: Store, ids: readonly string[], poolFen?: number) {
  const results = await Promise.allSettled(ids.map((id) => act(store, id, { action: 'approve', role: 'county-admin', version: 1, ...(poolFen ? { poolFen } : {}) }, 'jiyang-admin', '2023-09-05', CHINA_2023_2024)));
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason instanceof ProcessError ? r.reason.code : String(r.reason)));
  return { approved: results.filter((r) => r.status === 'fulfilled').length, refused };
}

describe.each(BACKENDS)('50 approvals at once on $name', (backend) => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => dispose?.());

  it('never overspend the budget: exactly as many as it holds are approved, the rest refused as over budget', async () => {
    const fresh = await backend.fresh();
    dispose = fresh.dispose;
    const ids = await fiftyEntries(fresh.store);
    expect(ids).toHaveLength(N);
    await setBudget(fresh.store, { document: 'jiyang-2021-80', funder: '370115', year: 2023, totalFen: 17 * AMOUNT + 1 }, 'test');
    const { approved, refused } = await approveAll(fresh.store, ids);
    expect(approved).toBe(17);
    expect(refused).toEqual(Array(N - 17).fill('over-budget'));
    const [budget] = await listBudgets(fresh.store);
    expect(budget).toMatchObject({ committedFen: 17 * AMOUNT, totalFen: 17 * AMOUNT + 1 });
    const states = (await listApplications(fresh.store, { rule: RULE }, { limit: 100, offset: 0 })).items;
    expect(states.filter((a) => a.state === 'approved').map((a) => a.approvedFen)).toEqual(Array(17).fill(AMOUNT));
    expect(states.filter((a) => a.state === 'county-review')).toHaveLength(N - 17);
  }, 120_000);

  it('never overspend a rule\'s pool either, when the pool is the smaller', async () => {
    const fresh = await backend.fresh();
    dispose = fresh.dispose;
    const ids = await fiftyEntries(fresh.store);
    await setBudget(fresh.store, { document: 'jiyang-2021-80', funder: '370115', year: 2023, totalFen: N * AMOUNT }, 'test');
    const { approved, refused } = await approveAll(fresh.store, ids, 9 * AMOUNT);
    expect([approved, new Set(refused)]).toEqual([9, new Set(['over-pool'])]);
    expect((await listBudgets(fresh.store))[0]!.committedFen).toBe(9 * AMOUNT);
  }, 120_000);
});
