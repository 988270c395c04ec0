/**
 * The set-based import and the column-wise load (issue 3's million rows): awkward text survives
 * both ways (quotes, backslashes, commas, newlines, braces, "NULL"), chunks of any size read back
 * the same dataset, changes in bulk become exactly the revisions a row-by-row import made, and a
 * dataset that repeats a fact is refused with nothing written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { CORPUS } from '@duixian/corpus';
import { evaluate, rowsOf, type AnyDataset, type ColumnarDataset, type Dataset, type Fact, type FactKey, type Subject, type Tag } from '@duixian/engine';
import { importDataset, loadDataset, type Store } from '@duixian/store';
import { binaryCopy, byteaColumn, CopyFields, Interned, wholeRows } from '../src/copy-text.js';
import { loadWithDigest } from '../src/load.js';
import { decodeRows, encodeRows } from '../src/snapshot.js';
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

/** Rows of COPY text as PostgreSQL writes them: tab between fields, \N for NULL, backslash escapes. */
const copyText = (rows: (string | number | null)[][]) => Buffer.from(rows.map((r) => `${r.map((v) => (v === null ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'))).join('\t')}\n`).join(''));

describe('COPY text read in place', () => {
  it('reads fields as they were: escapes, NULL, empty, non-ASCII, integers both sides of safe', () => {
    const f = new CopyFields(copyText([
      ['E1', 'tab\there', null, '', '中文，全角', 'emoji 😀', -15, 9007199254740991],
      ['back\\slash', 'new\nline', '\\N', 'NULL', 'a', 'a', 0, 2023],
    ]));
    const shared = new Interned();
    expect(f.more()).toBe(true);
    expect([f.text(), f.text(), f.text(), f.empty(), f.text(), f.text(), f.int(), f.int()]).toEqual(['E1', 'tab\there', null, true, '中文，全角', 'emoji 😀', -15, 9007199254740991]);
    f.endRow();
    expect([f.text(), f.text(), f.text(), f.shared(shared)]).toEqual(['back\\slash', 'new\nline', '\\N', 'NULL']);
    const [a, b] = [f.shared(shared), f.shared(shared)];
    expect([a, b]).toEqual(['a', 'a']);
    expect(a).toBe(b); // the same string, met before
    expect([f.int(), f.int()]).toEqual([0, 2023]);
    f.endRow();
    expect(f.more()).toBe(false);
    expect(() => new CopyFields(copyText([['9007199254740993']])).int()).toThrow(/safe integer/);
    expect(() => new CopyFields(copyText([['1.5']])).int()).toThrow(/integer/);
    expect(() => new CopyFields(copyText([['']])).int()).toThrow(/integer/);
    const extra = new CopyFields(copyText([['a', 'b']]));
    extra.text();
    expect(() => extra.endRow()).toThrow(/more fields/);
  });

  it('compares an id in place, and only a whole field', () => {
    const f = new CopyFields(copyText([['E12', 'E1'], ['中文', 'x']]));
    expect(f.nextIs('E')).toBe(false);
    expect(f.nextIs('E1')).toBe(false);
    expect(f.nextIs('E12')).toBe(true);
    expect(f.nextIs('E1')).toBe(true);
    expect(f.nextIs('中文')).toBe(false); // not ASCII: the loader reads it as text instead
    expect(f.text()).toBe('中文');
  });

  it('hands out whole rows only, and reads a one-column binary COPY', async () => {
    const seen: number[] = [];
    const chunks = async function* (parts: Uint8Array[]) {
      yield* parts;
    };
    const rows: Buffer[] = [];
    for await (const r of wholeRows(chunks([Buffer.from('a\tb\n'), Buffer.from('c\td\n')]), (b) => seen.push(b.length))) rows.push(r);
    expect([rows.map(String), seen]).toEqual([['a\tb\n', 'c\td\n'], [4, 4]]);
    await expect((async () => {
      for await (const _ of wholeRows(chunks([Buffer.from('a\tb')]), () => {})) void _;
    })()).rejects.toThrow(/inside a row/);
    const header = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
    const value = (b: Buffer) => Buffer.concat([Buffer.from([0, 1]), Buffer.from([0, 0, 0, b.length]), b]);
    const binary = Buffer.concat([header, value(Buffer.from([1, 2, 3])), value(Buffer.alloc(0)), Buffer.from([0xff, 0xff])]);
    expect(byteaColumn(binary).map((b) => [...b])).toEqual([[1, 2, 3], []]);
    // what binaryCopy writes (the snapshot's way into PGlite) reads back the same
    const written = binaryCopy([[Buffer.from([9, 8])], [Buffer.alloc(0)]]);
    expect(byteaColumn(written).map((b) => [...b])).toEqual([[9, 8], []]);
    expect(() => byteaColumn(Buffer.from('not a copy'))).toThrow(/signature/);
  });
});

describe('year snapshots', () => {
  it('give back the subjects and facts they were made of, awkward text and all; damage is refused', async () => {
    const ds = dataset(600);
    const positions = new Map(ds.subjects.map((s, i) => [s.id, i]));
    const rows = { subjects: ds.subjects, facts: ds.facts.map((f) => ({ ...f, subjectIndex: positions.get(f.subject)! })), digest: 'd'.repeat(64) };
    const parts = encodeRows(rows);
    // the columns decoded, made into rows again
    const back = (p: readonly Uint8Array[]) => {
      const { subjects, facts, digest } = decodeRows(p);
      return { ...rowsOf({ year: 2023, subjects, facts, history: [], parameters: [], interpretations: {} }), digest };
    };
    const expected = { year: 2023, subjects: rows.subjects, facts: rows.facts, history: [], parameters: [], interpretations: {}, digest: rows.digest };
    expect(back(parts)).toEqual(expected);
    expect(back([Buffer.concat(parts)])).toEqual(expected);
    const whole = Buffer.concat(parts);
    expect(() => decodeRows([whole.subarray(0, whole.length - 8)])).toThrow(/snapshot/);
    const other = Buffer.from(whole);
    other.write('DXSNAP9L', 'latin1');
    expect(() => decodeRows([other])).toThrow(/not a version-2 snapshot/);
    // the extras' sections are checked: positions ascending, texts it holds
    const section = (k: number) => {
      let at = Math.ceil((8 + 4 * 20) / 8) * 8; // magic, count, 19 lengths
      for (let j = 0; j < k; j++) at += Math.ceil(whole.readUInt32LE(8 + 4 * (1 + j)) / 8) * 8;
      return at;
    };
    expect(decodeRows([whole]).facts.extras.at.length).toBeGreaterThan(1);
    const unordered = Buffer.from(whole);
    unordered.writeInt32LE(unordered.readInt32LE(section(15) + 4), section(15)); // the first extra's position = the second's
    expect(() => decodeRows([unordered])).toThrow(/extras out of order/);
    const unknown = Buffer.from(whole);
    unknown.writeInt32LE(1_000_000, section(16)); // the first item names text 1,000,000
    expect(() => decodeRows([unknown])).toThrow(/a text it does not hold/);
    // a fact's position is checked against its subject's id, and found by the id when wrong
    expect(back(encodeRows({ ...rows, facts: [{ ...rows.facts[0]!, subjectIndex: 1 }] })).facts).toEqual([rows.facts[0]]);
    expect(() => encodeRows({ ...rows, facts: [{ ...rows.facts[0]!, subject: 'nobody', subjectIndex: undefined }] })).toThrow(/nobody, not a subject/);
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
    const first = await loadWithDigest(store, 2023);
    expect(first.from).toBe('rows');
    const back = rowsOf(first.dataset);
    expect(canonical(back)).toEqual(canonical(ds));
    for (const f of back.facts) expect(back.subjects[f.subjectIndex!]!.id).toBe(f.subject);
    await store.idle(); // the snapshot made from those rows
    const again = await loadWithDigest(store, 2023);
    expect([again.from, again.digest]).toEqual(['snapshot', first.digest]);
    expect(rowsOf(again.dataset)).toEqual(back);
    const run = (d: AnyDataset) => JSON.stringify(evaluate(CORPUS, d, { year: 2023, explain: true }));
    expect(run(back)).toBe(run(ds));
    expect(run(again.dataset)).toBe(run(ds)); // the columns the server holds decide the same
    expect((await loadDataset(store, 2022)).facts.every((f) => f.year === 2022 && f.value <= 0)).toBe(true);
  });

  it('a snapshot stands only for the rows it was made of: a changing import or a direct UPDATE sends the reader back to the rows, a re-import does not', async () => {
    const store = await fresh();
    const ds = dataset(50);
    await importDataset(store, ds, by);
    const first = await loadWithDigest(store, 2023);
    await store.idle();
    expect((await loadWithDigest(store, 2023)).from).toBe('snapshot');
    expect((await importDataset(store, ds, by)).importId).toBeNull(); // nothing written: the snapshot still stands
    expect((await loadWithDigest(store, 2023)).from).toBe('snapshot');

    const f0 = ds.facts.find((f) => f.year === 2023 && f.key === 'onlineRetail')!;
    const valueOf = (d: ColumnarDataset) => rowsOf(d).facts.find((f) => f.subject === f0.subject && f.key === f0.key && f.year === 2023)!.value;
    await importDataset(store, { ...ds, facts: ds.facts.map((f) => (f === f0 ? { ...f, value: f.value + 1 } : f)) }, by);
    const imported = await loadWithDigest(store, 2023);
    expect([imported.from, valueOf(imported.dataset)]).toEqual(['rows', f0.value + 1]);
    expect(imported.digest).not.toBe(first.digest);
    await store.idle();

    // behind the store's back, as a DBA would
    await sql`update facts set value = value + 1 where subject_id = ${f0.subject} and year = 2023 and key = ${f0.key}`.execute(store.db);
    const updated = await loadWithDigest(store, 2023);
    expect([updated.from, valueOf(updated.dataset)]).toEqual(['rows', f0.value + 2]);
    await store.idle();
    const kept = await loadWithDigest(store, 2023);
    expect([kept.from, kept.digest, valueOf(kept.dataset)]).toEqual(['snapshot', updated.digest, f0.value + 2]);

    // a damaged snapshot is not trusted: the rows are read again, the same dataset and digest
    await sql`update year_snapshots set data = overlay(data placing '\\x00000000'::bytea from 9 for 4) where year = 2023 and part = 0`.execute(store.db);
    const damaged = await loadWithDigest(store, 2023);
    expect([damaged.from, damaged.digest]).toEqual(['rows', updated.digest]);
    expect(rowsOf(damaged.dataset)).toEqual(rowsOf(kept.dataset));
  });

  it('a COPY that fails half way fails the read, and the store serves the next query', async () => {
    const store = await fresh();
    const read = (lane: 0 | 1) => store.readSnapshot(async (s) => {
      let bytes = 0;
      for await (const c of s.copyOut('select 1 / (5000 - i) from generate_series(1, 100000) i', { lane })) bytes += c.byteLength;
      return bytes;
    });
    await expect(read(0)).rejects.toThrow(/division by zero/);
    await expect(read(1)).rejects.toThrow(/division by zero/);
    expect((await sql<{ one: number }>`select 1 as one`.execute(store.db)).rows).toEqual([{ one: 1 }]);
    expect(await store.readSnapshot(async (s) => {
      let rows = 0;
      for await (const c of s.copyOut('select i from generate_series(1, 20000) i')) rows += new CopyFields(Buffer.from(c)).more() ? String(Buffer.from(c)).split('\n').length - 1 : 0;
      return rows;
    })).toBe(20000);
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
