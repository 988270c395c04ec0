/** The store against every available database: import, re-import, revisions, bad input, concurrency, round trip. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readObject, type Known } from '@duixian/interchange';
import { evaluate, type Dataset } from '@duixian/engine';
import { CORPUS } from '@duixian/corpus';
import { factRevisions, importDataset, importRead, loadDataset, readAndImport, type Database, type Store } from '@duixian/store';
import { BAD_USCC, USCC, example, known, type Loose } from '../../interchange/test/fixtures.js';
import { BACKENDS, count, snapshot } from './backends.js';

const dir = mkdtempSync(join(tmpdir(), 'duixian-store-'));
let n = 0;
const write = (data: Loose | string, ext = 'json'): string => {
  const p = join(dir, `f${n++}.${ext}`);
  writeFileSync(p, typeof data === 'string' ? data : JSON.stringify(data));
  return p;
};
const datasetOf = (data: Loose, k: Known = known): Dataset => {
  const r = readObject(data, k);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return r.dataset;
};
const by = { by: 'tester', reason: 'test' };

/** A dataset in a canonical order, without the reader's subject positions: equal means the same data. */
function canonical(ds: Dataset): unknown {
  const key = (x: object) => JSON.stringify(Object.entries(x).sort());
  return {
    year: ds.year,
    subjects: [...ds.subjects].map((s) => ({ ...s, tags: [...s.tags].sort() })).sort((a, b) => a.id.localeCompare(b.id)),
    facts: ds.facts.map(({ subjectIndex: _, ...f }) => f).sort((a, b) => key(a).localeCompare(key(b))),
    history: [...ds.history].sort((a, b) => key(a).localeCompare(key(b))),
    parameters: [...ds.parameters].sort((a, b) => key(a).localeCompare(key(b))),
    interpretations: ds.interpretations,
  };
}

describe.each(BACKENDS)('store on $name', (backend) => {
  const open: { dispose(): Promise<void> }[] = [];
  const shared: { dispose(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0)) await o.dispose();
  });
  afterAll(async () => {
    for (const o of shared.splice(0)) await o.dispose();
  });
  const fresh = async (): Promise<Store> => {
    const f = await backend.fresh();
    open.push(f);
    return f.store;
  };

  it('imports the interchange example into rows', async () => {
    const store = await fresh();
    const r = await importDataset(store, datasetOf(example()), by);
    expect(r.importId).not.toBeNull();
    expect(r.subjects).toEqual({ added: 5, changed: 0, unchanged: 0 });
    expect(r.facts).toEqual({ added: 4, revised: 0, unchanged: 0 });
    expect(r.history).toEqual({ added: 1, changed: 0, unchanged: 0 });
    expect(r.parameters).toEqual({ added: 1, changed: 0, unchanged: 0 });
    expect(r.interpretations).toEqual({ added: 1, changed: 0, unchanged: 0 });
    expect(await count(store, 'subjects')).toBe(5);
    expect(await count(store, 'subject_tags')).toBe(2);
    expect(await count(store, 'facts')).toBe(4);
    expect(await count(store, 'imports')).toBe(1);
    const e1 = await store.db.selectFrom('facts').selectAll().where('subject_id', '=', 'E1').where('key', '=', 'physicalGoodsOnlineRetail').executeTakeFirstOrThrow();
    expect(Number(e1.value)).toBe(12_000_000_000); // 1.2亿元 in fen, exact
    const growth = await store.db.selectFrom('facts').selectAll().where('key', '=', 'onlineRetailGrowth').executeTakeFirstOrThrow();
    expect(growth.source).toBe('统计局');
    const imp = await store.db.selectFrom('imports').selectAll().executeTakeFirstOrThrow();
    expect(imp.by).toBe('tester');
  });

  it('importing the same file twice changes nothing: no revision, no second import row', async () => {
    const store = await fresh();
    const file = write(example());
    const first = await readAndImport(file, known, store, by);
    expect(first.ok).toBe(true);
    const before = await snapshot(store);
    const second = await readAndImport(file, known, store, { by: 'someone else', reason: 'again' });
    if (!second.ok) throw new Error('expected ok');
    expect(second.result.importId).toBeNull();
    expect(second.result.facts).toEqual({ added: 0, revised: 0, unchanged: 4 });
    expect(second.result.subjects).toEqual({ added: 0, changed: 0, unchanged: 5 });
    expect(await snapshot(store)).toEqual(before);
    expect(await count(store, 'fact_revisions')).toBe(0);
  });

  it('a changed value becomes exactly one revision: old → new, who, when, why', async () => {
    const store = await fresh();
    await importDataset(store, datasetOf(example()), by);
    const changed = example();
    changed.facts[0].value = '1.3亿元';
    const r = await importDataset(store, datasetOf(changed), { by: '王科长', reason: '统计局更正' });
    expect(r.facts).toEqual({ added: 0, revised: 1, unchanged: 3 });
    const revs = await store.db.selectFrom('fact_revisions').selectAll().execute();
    expect(revs).toHaveLength(1);
    const rev = revs[0]!;
    expect([Number(rev.old_value), Number(rev.new_value), rev.changed_by, rev.reason, String(rev.import_id)])
      .toEqual([12_000_000_000, 13_000_000_000, '王科长', '统计局更正', r.importId]);
    expect(rev.changed_at).toBeInstanceOf(Date);
    const fact = await store.db.selectFrom('facts').selectAll().where('id', '=', rev.fact_id).executeTakeFirstOrThrow();
    expect([fact.subject_id, fact.key, Number(fact.value)]).toEqual(['E1', 'physicalGoodsOnlineRetail', 13_000_000_000]);
    expect(await count(store, 'facts')).toBe(4);
    const history = await factRevisions(store, 'E1');
    expect(history).toEqual([{
      subject: 'E1', year: 2023, key: 'physicalGoodsOnlineRetail', oldValue: 12_000_000_000, newValue: 13_000_000_000,
      oldSource: '', newSource: '', by: '王科长', at: rev.changed_at, reason: '统计局更正', importId: r.importId,
    }]);
    expect(await factRevisions(store, '370871')).toEqual([]);
  });

  it('a changed tag closes the old interval and opens a new one; the subject change is a revision', async () => {
    const store = await fresh();
    await importDataset(store, datasetOf(example()), by);
    const changed = example();
    changed.subjects[4].tags = ['inStatsLibrary', 'onlineRetailer'];
    const r = await importDataset(store, datasetOf(changed), by);
    expect(r.subjects).toEqual({ added: 0, changed: 1, unchanged: 4 });
    const tags = await store.db.selectFrom('subject_tags').selectAll().where('subject_id', '=', 'E1').orderBy('tag').execute();
    expect(tags.map((t) => [t.tag, t.valid_to === null])).toEqual([['inStatsLibrary', true], ['onlineRetailer', true], ['tradeCirculation', false]]);
    expect(await count(store, 'revisions')).toBe(1);
    const ds = await loadDataset(store, 2023);
    expect(ds.subjects.find((s) => s.id === 'E1')!.tags).toEqual(['inStatsLibrary', 'onlineRetailer']);
  });

  it('every provenance id names an import, and a row changed later names the import that changed it (no foreign key checks this since migration 005)', async () => {
    const store = await fresh();
    const first = await importDataset(store, datasetOf(example()), by);
    const changed = example();
    changed.subjects[4].tags = ['inStatsLibrary', 'onlineRetailer'];
    changed.facts[0].value = '1.3亿元';
    changed.subjects[4].name = '示例电商（改名）有限公司';
    const second = await importDataset(store, datasetOf(changed), by);
    expect(second.importId).not.toBe(first.importId);
    const dangling = await sql<{ n: string | number }>`
      select (select count(*) from subjects s where not exists (select 1 from imports i where i.id = s.import_id))
           + (select count(*) from facts f where not exists (select 1 from imports i where i.id = f.import_id))
           + (select count(*) from subject_tags t where not exists (select 1 from imports i where i.id = t.added_by))
           + (select count(*) from subject_tags t where t.removed_by is not null and not exists (select 1 from imports i where i.id = t.removed_by)) as n`.execute(store.db);
    expect(Number(dangling.rows[0]!.n)).toBe(0);
    // no foreign key on the big tables since migration 016: a fact's and a tag's subject are checked per statement (next test)
    const keys = await sql<{ conname: string }>`select conname from pg_constraint where contype = 'f' and conrelid in ('subjects'::regclass, 'subject_tags'::regclass, 'facts'::regclass) order by conname`.execute(store.db);
    expect(keys.rows.map((r) => r.conname)).toEqual([]);
    const e1 = await store.db.selectFrom('subjects').select('import_id').where('id', '=', 'E1').executeTakeFirstOrThrow();
    const fact = await store.db.selectFrom('facts').select('import_id').where('subject_id', '=', 'E1').where('key', '=', 'physicalGoodsOnlineRetail').executeTakeFirstOrThrow();
    const closed = await store.db.selectFrom('subject_tags').select(['added_by', 'removed_by']).where('subject_id', '=', 'E1').where('tag', '=', 'tradeCirculation').executeTakeFirstOrThrow();
    expect([String(e1.import_id), String(fact.import_id), String(closed.added_by), String(closed.removed_by)]).toEqual([second.importId, second.importId, first.importId, second.importId]);
  });

  it('a fact or tag without its subject is refused per statement, and a subject with facts or tags cannot be deleted (migration 016)', async () => {
    const store = await fresh();
    await importDataset(store, datasetOf(example()), by);
    const importId = String((await store.db.selectFrom('imports').select('id').executeTakeFirstOrThrow()).id);
    const refused = async (statement: Promise<unknown>): Promise<string> => {
      try {
        await statement;
      } catch (e) {
        return `${(e as { code?: string }).code} ${(e as Error).message}`;
      }
      return 'accepted';
    };
    const fact = (subject: string) => ({ subject_id: subject, year: 2023, quarter: 0, key: 'onlineRetail', item: 'x', rule: '', value: '1', source: '', import_id: importId });
    // one statement with a known and an unknown subject: refused whole, naming the unknown one
    expect(await refused(store.db.insertInto('facts').values([fact('E1'), fact('NOBODY')]).execute())).toMatch(/^23503 .*facts\.subject_id 'NOBODY' names no subject/);
    expect(await refused(store.db.insertInto('subject_tags').values({ subject_id: 'NOBODY', tag: 'onlineRetailer', added_by: importId }).execute())).toMatch(/^23503 .*subject_tags\.subject_id 'NOBODY'/);
    expect(await refused(store.db.updateTable('facts').set({ subject_id: 'NOBODY' }).where('subject_id', '=', 'E1').execute())).toMatch(/^23503 /);
    expect(await count(store, 'facts')).toBe(example().facts.length);
    // the other side: the subject a fact names stays; a known subject is accepted
    await store.db.insertInto('subjects').values({ id: 'S-ONLY', kind: 'enterprise', name: '只有事实', import_id: importId }).execute();
    await store.db.insertInto('facts').values(fact('S-ONLY')).execute();
    expect(await refused(store.db.deleteFrom('subjects').where('id', '=', 'S-ONLY').execute())).toMatch(/^23503 .*subject 'S-ONLY' still has facts or tags \(DELETE refused\)/);
    expect(await refused(store.db.updateTable('subjects').set({ id: 'S-RENAMED' }).where('id', '=', 'S-ONLY').execute())).toMatch(/^23503 .*\(UPDATE refused\)/);
    expect(await refused(store.db.insertInto('facts').values(fact('E1')).execute())).toBe('accepted');
    expect(await refused(store.db.updateTable('subjects').set({ name: '改名' }).where('id', '=', 'E1').execute())).toBe('accepted');
  });

  it('a statement of 100,000 facts or more is checked by hash (migration 017): one unknown subject among them refuses it whole', async () => {
    const store = await fresh();
    await importDataset(store, datasetOf(example()), by);
    const importId = String((await store.db.selectFrom('imports').select('id').executeTakeFirstOrThrow()).id);
    // rows 1..n, all E1's but row `bad`'s, told apart by item
    const insert = (n: number, bad: number, db: Kysely<Database> = store.db) => sql`insert into facts (subject_id, year, quarter, key, item, rule, value, source, import_id)
      select case when g = ${bad} then 'NOBODY' else 'E1' end, 2023, 0, 'onlineRetail', 'bulk ' || g, '', 1, '', ${importId}::bigint
      from generate_series(1, ${n}::integer) g`.execute(db);
    const before = await count(store, 'facts');
    await expect(insert(100_000, 99_999)).rejects.toMatchObject({ code: '23503', message: expect.stringMatching(/facts\.subject_id 'NOBODY' names no subject/) });
    await expect(insert(99_999, 99_999)).rejects.toMatchObject({ code: '23503' }); // the index lookup, just below the bound
    expect(await count(store, 'facts')).toBe(before);
    // accepted; and in the same transaction, the planner's setting the big check turns off for its one query is back as it was
    const nestloop = await store.db.transaction().execute(async (tx) => {
      await insert(100_000, 0, tx);
      return (await sql<{ v: string }>`select current_setting('enable_nestloop') as v`.execute(tx)).rows[0]!.v;
    });
    expect(nestloop).toBe('on');
    expect(await count(store, 'facts')).toBe(before + 100_000);
  }, 120_000);

  describe('bad input leaves every table unchanged, and every problem comes back with its place', () => {
    // one store for every kind: it holds the example, and no bad file may add to it
    let store: Store;
    let before: Record<string, string>;
    beforeAll(async () => {
      const f = await backend.fresh();
      shared.push(f);
      store = f.store;
      await importDataset(store, datasetOf(example()), by);
      before = await snapshot(store);
    });
    const kinds: [string, (d: Loose) => Loose | string][] = [
      ['unknown key', (d) => ({ ...d, extra: 1 })],
      ['unknown subject', (d) => (d.facts[0].subject = 'NOBODY', d)],
      ['duplicate id', (d) => (d.subjects.push({ ...d.subjects[4] }), d)],
      ['wrong USCC check character', (d) => (d.subjects[4].uscc = BAD_USCC, d)],
      ['unparseable amount', (d) => (d.facts[0].value = '一点二亿元', d)],
      ['negative money', (d) => (d.facts[0].value = '-5元', d)],
      ['unknown kind', (d) => (d.subjects[4].kind = 'company', d)],
      ['region not in table', (d) => (d.subjects[4].region = '379999', d)],
      ['malformed JSON', (d) => JSON.stringify(d).slice(0, -7)],
      ['a CSV pair with a bad cell', () => 'csv'],
    ];
    it.each(kinds)('%s', async (_name, spoil) => {
      const changed = example();
      changed.facts[1].value = 80000; // a good change that must not get in with the bad one
      const bad = spoil(changed);
      let file: string;
      if (bad === 'csv') {
        const stem = join(dir, `bad${n++}`);
        writeFileSync(`${stem}.subjects.csv`, `id,kind,name,region,uscc,tags\nE1,enterprise,示例电商有限公司,370811,${USCC},\n`);
        writeFileSync(`${stem}.facts.csv`, 'subject,year,key,value\nE1,2023,onlineRetail,1.2亿元\nE1,2023,onlineSales,很多\n');
        file = `${stem}.facts.csv`;
      } else file = write(bad);
      const r = await readAndImport(file, known, store, by);
      if (r.ok) throw new Error('expected problems');
      expect(r.problems.length).toBeGreaterThan(0);
      for (const p of r.problems) expect(p.path).not.toBe('');
      if (bad === 'csv') expect(r.problems.map((p) => p.path)).toEqual(['f.facts.csv!D3'.replace('f', `bad${n - 1}`)]);
      expect(await snapshot(store)).toEqual(before);
    });

    it('a failure inside the transaction rolls back everything written before it', async () => {
      const ds = datasetOf(example());
      const changed = { ...ds, facts: ds.facts.map((f) => ({ ...f, value: f.value + 1 })), history: [{ subject: 'GHOST', rule: 'r', year: 2022, amount: 1 }] };
      await expect(importDataset(store, changed, by)).rejects.toThrow();
      expect(await snapshot(store)).toEqual(before);
    });

    it('an extra validation (the CLI passes the corpus ones) blocks the import', async () => {
      const changed = example();
      changed.facts[0].value = '2亿元';
      const r = await readAndImport(write(changed), known, store, { ...by, validate: () => [{ path: 'facts[0].value', message: 'out of range' }] });
      expect(r).toEqual({ ok: false, problems: [{ path: 'facts[0].value', message: 'out of range' }] });
      expect(await snapshot(store)).toEqual(before);
    });
  });

  it('two concurrent imports of the same file give one result', async () => {
    const f = await backend.fresh();
    open.push(f);
    // PostgreSQL: a second pool, as a second server process would have; PGlite in memory is one process's own
    const other = 'url' in f.place ? await backend.reopen(f.place) : f.store;
    const file = write(example());
    const [a, b] = await Promise.all([readAndImport(file, known, f.store, by), readAndImport(file, known, other, by)]);
    if (other !== f.store) await other.close();
    if (!a.ok || !b.ok) throw new Error('expected both ok');
    expect([a.result.importId === null, b.result.importId === null].sort()).toEqual([false, true]);
    expect(a.result.facts.added + b.result.facts.added).toBe(4);
    expect(await count(f.store, 'facts')).toBe(4);
    expect(await count(f.store, 'subjects')).toBe(5);
    expect(await count(f.store, 'imports')).toBe(1);
    expect(await count(f.store, 'fact_revisions')).toBe(0);
  });

  it('importRead takes any reader\'s result (the API: a JSON body, uploaded bytes); problems write nothing', async () => {
    const store = await fresh();
    const bad = example();
    bad.facts[2].value = 'abc';
    const refused = await importRead(readObject(bad, known), store, by);
    expect(refused.ok ? [] : refused.problems.map((p) => p.path)).toEqual(['facts[2].value']);
    expect(await count(store, 'imports')).toBe(0);
    const r = await importRead(readObject(example(), known), store, { ...by, name: 'POST /imports' });
    expect(r.ok && r.result.facts.added).toBe(4);
    expect((await store.db.selectFrom('imports').select('name').executeTakeFirstOrThrow()).name).toBe('POST /imports');
  });

  it('loadDataset gives back what was imported', async () => {
    const store = await fresh();
    const data = example();
    data.facts.push({ subject: 'E1', year: 2022, key: 'physicalGoodsOnlineRetail', value: '9000万元', quarter: 4, source: '企业自报' });
    const ds = datasetOf(data);
    await importDataset(store, ds, by);
    const back = await loadDataset(store, 2023);
    expect(canonical(back)).toEqual(canonical(ds));
    for (const f of back.facts) expect(back.subjects[f.subjectIndex!]!.id).toBe(f.subject);
    // a year before: no 2023 facts, parameters or readings
    // the engine decides the same from the database as from the file
    const run = (d: Dataset) => JSON.stringify(evaluate(CORPUS, d, { year: 2023, interpretations: {}, explain: true }));
    expect(run(back)).toBe(run(ds));
    expect(JSON.parse(run(back)).awards.length).toBeGreaterThan(0);
    const earlier = await loadDataset(store, 2022);
    expect(earlier.facts.map((f) => f.year)).toEqual([2022]);
    expect(earlier.parameters).toEqual([]);
  });
});
