/**
 * PGlite runs in the server's own thread: an import's inserts of new subjects (with their tags) and
 * of new facts go in ranges of 2,500 staged rows a statement, so that no one statement holds every
 * other request (issue 17 point 4: one statement of 47k facts held it 1.6 s). The ranges must add
 * up to the one statement PostgreSQL runs: every row once, the counts, a fact given twice refused
 * even when its two copies fall in different ranges.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { importDataset, openStore, type Store } from '@duixian/store';
import type { Dataset, Fact, Subject } from '@duixian/engine';
import { BACKENDS, count, snapshot } from './backends.js';

/** `n` enterprises of 任城区 (P00000…), two tags and two facts each. */
function dataset(n: number): Dataset {
  const subjects: Subject[] = [];
  const facts: Fact[] = [];
  for (let k = 0; k < n; k++) {
    const id = `P${String(k).padStart(5, '0')}`;
    subjects.push({ id, kind: 'enterprise', name: `分段导入电商${k}`, region: '370811', tags: ['inStatsLibrary', 'tradeCirculation'] });
    facts.push({ subject: id, year: 2023, key: 'onlineRetail', value: 1_000_000 + k }, { subject: id, year: 2023, key: 'physicalGoodsOnlineRetail', value: 500_000 + k });
  }
  return { year: 2023, subjects, facts, history: [], parameters: [], interpretations: {} };
}

describe.each(BACKENDS)('an import in ranges of rows ($name)', (backend) => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await dispose?.();
  });
  const fresh = async (): Promise<Store> => {
    const f = await backend.fresh();
    dispose = f.dispose;
    return f.store;
  };

  it('5,001 subjects (ranges of 2,500, 2,500 and 1) and their 10,002 facts: every row once, counted once', async () => {
    const store = await fresh();
    const statements: string[] = [];
    const query = PGlite.prototype.query;
    vi.spyOn(PGlite.prototype, 'query').mockImplementation(function (this: PGlite, q: string, ...rest: unknown[]) {
      const into = /^\s*(?:with fresh as \(\s*)?insert into (subjects|facts) \(/.exec(q)?.[1];
      if (into) statements.push(into);
      return (query as (...a: unknown[]) => ReturnType<PGlite['query']>).call(this, q, ...rest);
    });
    const r = await importDataset(store, dataset(5001), { by: 'tester' });
    expect([r.subjects, r.facts]).toEqual([{ added: 5001, changed: 0, unchanged: 0 }, { added: 10_002, revised: 0, unchanged: 0 }]);
    // PostgreSQL runs in its own process: one statement each there
    expect(statements).toEqual(backend.name === 'pglite' ? [...Array(3).fill('subjects'), ...Array(5).fill('facts')] : []);
    expect([await count(store, 'subjects'), await count(store, 'subject_tags'), await count(store, 'facts')]).toEqual([5001, 10_002, 10_002]);
    // each subject and fact once, with its own values: the last of the last range too
    const last = await sql<{ id: string; tags: string; value: string }>`
      select s.id, (select string_agg(tag, ',' order by tag) from subject_tags t where t.subject_id = s.id) as tags,
        (select value::text from facts f where f.subject_id = s.id and f.key = 'onlineRetail') as value
      from subjects s where s.id in ('P02499', 'P02500', 'P05000') order by s.id`.execute(store.db);
    expect(last.rows).toEqual([
      { id: 'P02499', tags: 'inStatsLibrary,tradeCirculation', value: '1002499' },
      { id: 'P02500', tags: 'inStatsLibrary,tradeCirculation', value: '1002500' },
      { id: 'P05000', tags: 'inStatsLibrary,tradeCirculation', value: '1005000' },
    ]);
  }, 120_000);

  it('a fact given twice, its copies in the first and the third range, is refused with nothing written', async () => {
    const store = await fresh();
    const before = await snapshot(store);
    const ds = dataset(3000);
    const twice = { ...ds.facts[0]!, value: 7 };
    const facts = [...ds.facts.slice(0, 5500), twice, ...ds.facts.slice(5500)];
    await expect(importDataset(store, { ...ds, facts }, { by: 'tester' })).rejects.toThrow('the dataset gives one fact twice');
    expect(await snapshot(store)).toEqual(before);
  }, 120_000);
});

describe('PGlite between statements', () => {
  it('a timer that is due runs between two statements awaited one after the other (it ran after all of them)', async () => {
    const store = await openStore({ dataDir: 'memory:' });
    try {
      const order: string[] = [];
      setTimeout(() => order.push('timer'), 0);
      const due = performance.now() + 5;
      while (performance.now() < due); // the timer is due before the first statement is sent
      for (let k = 0; k < 3; k++) {
        await sql`select 1`.execute(store.db);
        order.push(`statement ${k}`);
      }
      await new Promise((r) => setTimeout(r, 0));
      expect(order.indexOf('timer')).toBeGreaterThanOrEqual(0);
      expect(order.indexOf('timer')).toBeLessThan(order.indexOf('statement 2'));
    } finally {
      await store.close();
    }
  }, 120_000);
});
