/**
 * The set-based import and the column-wise load (issue 3's million rows): awkward text survives
 * both ways (quotes, backslashes, commas, newlines, braces, "NULL"), chunks of any size read back
 * the same dataset, changes in bulk become exactly the revisions a row-by-row import made, and a
 * dataset that repeats a fact is refused with nothing written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CORPUS } from '@duixian/corpus';
import { evaluate, type Dataset, type Fact, type FactKey, type Subject, type Tag } from '@duixian/engine';
import { importDataset, loadDataset, type Store } from '@duixian/store';
import { IntList, JsonColumn, plain } from '../src/columns.js';
import { loadWithDigest } from '../src/load.js';
import { BACKENDS, count, snapshot } from './backends.js';

const by = { by: 'tester', reason: 'bulk' };
const ODD = ['a,b', 'q"uote', 'back\\slash', 'new\nline', 'tab\there', '{brace}', 'NULL', '', ' lead', '中文，全角', 'emoji 😀', '\u0001ctl'];

/** n enterprises, every seventh with an awkward id and name, most with tags and facts (some with none). */
function dataset(n: number): Dataset {
  const subjects: Subject[] = [];
  const facts: Fact[] = [];
  for (let i = 0; i < n; i++) {
    const odd = ODD[i % ODD.length]!;
    const id = i % 7 === 3 ? `E${i}${odd}` : `E${String(i).padStart(6, '0')}`;
    const tags = (i % 5 === 0 ? [] : i % 3 === 0 ? ['onlineRetailer', 'tradeCirculation', `x${odd}`] : ['onlineRetailer']) as Tag[];
    subjects.push({ id, kind: 'enterprise', name: `企业${i}${odd}`, ...(i % 4 ? { region: '370811' } : {}), ...(i % 6 ? { uscc: `U${i}` } : {}), tags });
    if (i >= 100 && i < 200) continue; // a long run of subjects without facts
    facts.push({ subject: id, year: 2023, key: 'onlineRetail' as FactKey, value: i * 1000 });
    if (i % 2) facts.push({ subject: id, year: 2022, key: 'onlineRetail' as FactKey, value: -i, quarter: ((i % 4) + 1) as 1 | 2 | 3 | 4 });
    if (i % 9 === 0) facts.push({ subject: id, year: 2023, key: 'contestEventCost' as FactKey, item: `活动${odd}`, value: 7, source: `来源${odd}` });
    if (i % 11 === 0) facts.push({ subject: id, year: 2023, key: 'panelScore' as FactKey, rule: 'jining-2022-54/1.retail', value: 91_500_000 });
  }
  return { year: 2023, subjects, facts, history: [], parameters: [], interpretations: {} };
}

/** A dataset in a canonical order, without the reader's subject positions: equal means the same data. */
function canonical(ds: Dataset): unknown {
  const key = (x: object) => JSON.stringify(Object.entries(x).sort());
  return {
    year: ds.year,
    subjects: [...ds.subjects].map((s) => ({ ...s, tags: [...s.tags].sort() })).sort((a, b) => key(a).localeCompare(key(b))),
    facts: ds.facts.map(({ subjectIndex: _, ...f }) => f).sort((a, b) => key(a).localeCompare(key(b))),
    history: ds.history, parameters: ds.parameters, interpretations: ds.interpretations,
  };
}

describe('columns as the server sends them', () => {
  it('reads json_agg text: escapes, nulls, nested arrays, shared values', () => {
    const values = ['a', 'b"c', 'd\\e', 'new\nline', '', 'NULL', '中文', '😀', 'a'];
    const text = `[${values.map((v) => JSON.stringify(v)).join(', ')}, null, ["x", "", "y,z"], null]`;
    const c = new JsonColumn(text);
    const got = values.map((_, i) => (i % 2 ? c.next() : c.nextShared()));
    expect(got).toEqual(values);
    expect(c.next()).toBeNull();
    expect(c.nextArray()).toEqual(['x', '', 'y,z']);
    expect(c.nextArray()).toBeNull();
    expect(c.done()).toBe(true);
    expect(() => c.next()).toThrow(/ended/);
    const shared = new JsonColumn('["key", "key", "other", "key"]');
    const a = shared.nextShared();
    expect([shared.nextShared(), shared.nextShared(), shared.nextShared()]).toEqual(['key', 'other', 'key']);
    expect(a).toBe('key');
    expect(new JsonColumn(null).done()).toBe(true);
  });

  it('compares an id in place, and only a whole element', () => {
    const c = new JsonColumn('["E1", "E12", "E2"]');
    c.done();
    expect(c.nextIs('E')).toBe(false);
    expect(c.nextIs('E1')).toBe(true);
    c.done();
    expect(c.nextIs('E1')).toBe(false);
    expect(c.nextIs('E12')).toBe(true);
    expect([plain('E1'), plain('a"b'), plain('a\\b'), plain('a\nb'), plain('中文')]).toEqual([true, false, false, false, true]);
  });

  it('reads integers separated by commas, and refuses what is not one', () => {
    const l = new IntList('2023,0,-15,9007199254740991');
    expect([l.next(), l.next(), l.next(), l.next()]).toEqual([2023, 0, -15, 9007199254740991]);
    expect(l.done()).toBe(true);
    expect(() => l.next()).toThrow();
    expect(() => new IntList('9007199254740993').next()).toThrow(/safe integer/);
    expect(() => new IntList('1.5').next()).toThrow(/integer/);
  });
});

describe.each(BACKENDS)('bulk import and load on $name', (backend) => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await dispose?.();
    dispose = undefined;
  });
  const fresh = async (): Promise<Store> => {
    const f = await backend.fresh();
    dispose = f.dispose;
    return f.store;
  };

  it('awkward text survives import and load, in chunks of any size; the engine decides the same', async () => {
    const store = await fresh();
    const ds = dataset(600);
    const r = await importDataset(store, ds, by);
    expect(r.subjects).toEqual({ added: 600, changed: 0, unchanged: 0 });
    expect(r.facts).toEqual({ added: ds.facts.length, revised: 0, unchanged: 0 });
    const back = await loadDataset(store, 2023);
    expect(canonical(back)).toEqual(canonical(ds));
    for (const f of back.facts) expect(back.subjects[f.subjectIndex!]!.id).toBe(f.subject);
    for (const chunk of [5, 64, 599, 600, 601]) {
      const { dataset: d } = await loadWithDigest(store, 2023, chunk);
      expect(d).toEqual(back);
    }
    const a = await loadWithDigest(store, 2023);
    expect((await loadWithDigest(store, 2023)).digest).toBe(a.digest);
    const run = (d: Dataset) => JSON.stringify(evaluate(CORPUS, d, { year: 2023, explain: true }));
    expect(run(back)).toBe(run(ds));
    expect((await loadDataset(store, 2022)).facts.every((f) => f.year === 2022 && f.value <= 0)).toBe(true);
  });

  it('changes in bulk: each changed subject and fact one revision, the rest left alone', async () => {
    const store = await fresh();
    const ds = dataset(300);
    await importDataset(store, ds, by);
    const before = await snapshot(store);
    const again = await importDataset(store, ds, by);
    expect(again.importId).toBeNull();
    expect(await snapshot(store)).toEqual(before);

    const subjects = ds.subjects.map((s, i) => (i % 10 === 1 ? { ...s, name: `${s.name}（更名）` } : i % 10 === 2 ? { ...s, tags: [...s.tags.slice(1), 'mcn' as Tag] } : s));
    const facts = ds.facts.map((f, i) => (i % 25 === 0 ? { ...f, value: f.value + 1 } : i % 25 === 1 ? { ...f, source: '统计局' } : f));
    const extra: Fact = { subject: ds.subjects[0]!.id, year: 2021, key: 'onlineRetail' as FactKey, value: 5 };
    const r = await importDataset(store, { ...ds, subjects, facts: [...facts, extra] }, by);
    const changedSubjects = ds.subjects.filter((_, i) => i % 10 === 1 || i % 10 === 2).length;
    const revised = ds.facts.filter((f, i) => i % 25 === 0 || (i % 25 === 1 && f.source !== '统计局')).length;
    expect(r.subjects).toEqual({ added: 0, changed: changedSubjects, unchanged: 300 - changedSubjects });
    expect(r.facts).toEqual({ added: 1, revised, unchanged: ds.facts.length - revised });
    expect(await count(store, 'revisions')).toBe(changedSubjects);
    expect(await count(store, 'fact_revisions')).toBe(revised);
    // a fact given without a source keeps the one recorded
    const withSource = ds.facts.findIndex((f, i) => f.source !== undefined && i % 25 > 1);
    const noSource = { ...ds, subjects, facts: facts.map((f, i) => (i === withSource ? (({ source: _, ...rest }) => rest)(f) : f)) };
    expect((await importDataset(store, { ...noSource, facts: [...noSource.facts, extra] }, by)).importId).toBeNull();
    const back = await loadDataset(store, 2023);
    expect(canonical(back)).toEqual(canonical({ ...ds, subjects, facts: [...facts, extra].filter((f) => f.year <= 2023) }));
    const tags = await store.db.selectFrom('subject_tags').select(['tag', 'valid_to']).where('subject_id', '=', ds.subjects[2]!.id).orderBy('id').execute();
    expect(tags.map((t) => [t.tag, t.valid_to === null])).toEqual([['onlineRetailer', false], ['mcn', true]]);
  });

  it('a dataset giving one fact twice is refused, nothing written', async () => {
    const store = await fresh();
    const ds = dataset(20);
    await importDataset(store, ds, by);
    const before = await snapshot(store);
    const twiceNew = { ...ds, facts: [...ds.facts, { subject: ds.subjects[1]!.id, year: 2019, key: 'onlineRetail' as FactKey, value: 1 }, { subject: ds.subjects[1]!.id, year: 2019, key: 'onlineRetail' as FactKey, value: 2 }] };
    await expect(importDataset(store, twiceNew, by)).rejects.toThrow(/one fact twice/);
    const f0 = ds.facts[0]!;
    const twiceStored = { ...ds, facts: [...ds.facts, { ...f0, value: f0.value + 1 }, { ...f0, value: f0.value + 2 }] };
    await expect(importDataset(store, twiceStored, by)).rejects.toThrow(/one fact twice/);
    expect(await snapshot(store)).toEqual(before);
  });

  it('history and parameters given twice: as a row-by-row import, the last value stays and each change is a revision', async () => {
    const store = await fresh();
    const ds = dataset(5);
    const s = ds.subjects[1]!.id;
    await importDataset(store, { ...ds, history: [{ subject: s, rule: 'r', year: 2022, amount: 100 }], parameters: [{ rule: 'r', year: 2023, key: 'amount', value: 1 }] }, by);
    const r = await importDataset(store, {
      ...ds,
      history: [{ subject: s, rule: 'r', year: 2022, amount: 200 }, { subject: s, rule: 'r', year: 2022, amount: 300 }, { subject: s, rule: 'r', year: 2021, amount: null }, { subject: s, rule: 'r', year: 2021, amount: 5 }],
      parameters: [{ rule: 'r', year: 2023, key: 'amount', value: 2 }, { rule: 'r', year: 2023, key: 'topN', value: 3 }, { rule: 'r', year: 2023, key: 'topN', value: 4 }],
    }, by);
    expect(r.history).toEqual({ added: 1, changed: 3, unchanged: 0 });
    expect(r.parameters).toEqual({ added: 1, changed: 2, unchanged: 0 });
    const back = await loadDataset(store, 2023);
    expect(back.history).toEqual([{ subject: s, rule: 'r', year: 2021, amount: 5 }, { subject: s, rule: 'r', year: 2022, amount: 300 }]);
    expect(back.parameters).toEqual([{ rule: 'r', year: 2023, key: 'amount', value: 2 }, { rule: 'r', year: 2023, key: 'topN', value: 4 }]);
    expect(await count(store, 'revisions')).toBe(5);
  });
});
