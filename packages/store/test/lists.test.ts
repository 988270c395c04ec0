/**
 * The lists, loans and task reports in the store, on every backend: the credit blacklist read with
 * a year's data (which entries count, at both ends of the year), the digest following it; imports
 * all or nothing; the database's own checks on bank accounts; and writes arriving at once — five
 * proposals for one subject, five first reports of one quarter, five loan applications to one bank —
 * of which exactly one goes through (on PostgreSQL really at once, through a pool: without the
 * lists' advisory lock, or the subject's row lock of a loan, more than one does).
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { INTERPRETATION_VALUES, rowsOf, usccCheckChar } from '@duixian/engine';
import { RULE_IDS, VOCABULARY } from '@duixian/corpus';
import { readObject } from '@duixian/interchange';
import {
  applyForLoan, createAccount, createBank, fileTaskReport, importDataset, loadWithDigest, ProcessError, ProcessProblems, proposeEntries, removeEntry, reviewEntry,
  type EntryInput, type Store,
} from '@duixian/store';
import { BACKENDS, storesFor } from './backends.js';

const uscc = (first17: string) => first17 + usccCheckChar(first17)!;
/** Six enterprises of 任城; B6 is stored with a USCC that only a blacklist entry names. */
const SUBJECTS = ['B1', 'B2', 'B3', 'B4', 'B5', 'B6'].map((id, k) => ({ id, kind: 'enterprise', name: `任城示例${id}`, region: '370811', uscc: uscc(`91370811MA3C0B${k}0X`) }));
const everywhere = { by: 'tester', today: '2023-09-01', action: 'propose' as const, within: () => true };

async function withSubjects(store: Store): Promise<void> {
  const read = readObject({ format: 'duixian/v1', year: 2023, subjects: SUBJECTS, facts: [] }, { rules: RULE_IDS, interpretations: INTERPRETATION_VALUES, vocabulary: VOCABULARY });
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  await importDataset(store, read.dataset, { by: 'tester' });
}

/** Propose, then approve by another. */
async function active(store: Store, e: EntryInput): Promise<string> {
  const [p] = await proposeEntries(store, [e], everywhere);
  return (await reviewEntry(store, p!.id, { approve: true, version: 1 }, 'reviewer', '2023-09-01')).id;
}

const tagged = async (store: Store, year: number) =>
  rowsOf((await loadWithDigest(store, year)).dataset).subjects.filter((s) => s.tags.includes('creditBlacklisted')).map((s) => s.id);

const rows = async (store: Store, t: string) => Number((await sql<{ n: string | number }>`select count(*) as n from ${sql.table(t)}`.execute(store.db)).rows[0]!.n);

describe.each(BACKENDS)('lists, loans and tasks in the store on $name', (backend) => {
  const stores = storesFor(backend);

  it('the blacklist of a year: active entries in force on at least one of its days, by subject or USCC; the digest follows it', async () => {
    const store = await stores.withExample();
    await withSubjects(store);
    const { digest: plain } = await loadWithDigest(store, 2023);
    const black = (subject: string, validFrom: string, validTo: string | null = null): EntryInput => ({ list: 'black', subject, reason: '失信', validFrom, validTo });
    await active(store, black('B1', '2022-01-01', '2022-12-31')); // ends the day before 2023
    await active(store, black('B2', '2022-06-01', '2023-01-01')); // in force on 2023's first day
    await active(store, black('B3', '2023-12-31')); // from 2023's last day
    await active(store, black('B4', '2024-01-01')); // from the day after
    await proposeEntries(store, [black('B5', '2023-01-01')], everywhere); // pending: does not count
    await active(store, { list: 'black', uscc: SUBJECTS[5]!.uscc, reason: '失信', validFrom: '2023-03-01', validTo: '2023-03-01' }); // by USCC, one day
    expect(await tagged(store, 2023)).toEqual(['B2', 'B3', 'B6']);
    expect(await tagged(store, 2022)).toEqual(['B1', 'B2']);
    expect(await tagged(store, 2024)).toEqual(['B3', 'B4']);
    const { digest: listed } = await loadWithDigest(store, 2023);
    expect(listed).not.toBe(plain);
    // refusing the pending one changes nothing; removing B2, B3 and B6 gives back the data as it was
    const pending = (await store.db.selectFrom('list_entries').select(['id', 'version']).where('subject_id', '=', 'B5').executeTakeFirstOrThrow());
    await reviewEntry(store, String(pending.id), { approve: false, reason: '证据不足', version: pending.version }, 'reviewer', '2023-09-02');
    expect((await loadWithDigest(store, 2023)).digest).toBe(listed);
    const entries = await store.db.selectFrom('list_entries').select(['id', 'version']).where('state', '=', 'active').where('valid_from', '>=', '2022-06-01').where('valid_from', '<=', '2023-12-31').execute();
    expect(entries).toHaveLength(3);
    for (const e of entries) await removeEntry(store, String(e.id), { reason: '信用修复', version: e.version }, 'reviewer', '2023-09-03');
    expect(await tagged(store, 2023)).toEqual([]);
    expect((await loadWithDigest(store, 2023)).digest).toBe(plain);
    // a whitelist entry is no blacklist
    await active(store, { list: 'white', category: 'service', subject: 'B5', validFrom: '2023-01-01' });
    expect((await loadWithDigest(store, 2023)).digest).toBe(plain);
  });

  it('all or nothing: a batch with one bad entry, or one outside the jurisdiction, writes nothing; the reviewer is not the proposer', async () => {
    const store = await stores.withExample();
    await withSubjects(store);
    const counts = async () => `${await rows(store, 'list_entries')} ${await rows(store, 'list_events')} ${await rows(store, 'audit_log')}`;
    const before = await counts();
    const good: EntryInput = { list: 'white', category: 'park', name: '任城电商产业园', region: '370811', validFrom: '2023-01-01' };
    const refused = async (entries: EntryInput[], within: (region: string) => boolean = () => true) => {
      const e = await proposeEntries(store, entries, { ...everywhere, action: 'import', within }).then(() => undefined, (x: unknown) => x);
      expect(e).toBeInstanceOf(ProcessProblems);
      return (e as ProcessProblems).problems.map((p) => `${p.index} ${p.field}`);
    };
    expect(await refused([good, { ...good, validFrom: '2023-13-01' }, { ...good, category: null }])).toEqual(['1 validFrom', '2 category']);
    expect(await refused([good, { list: 'black', subject: 'B1', reason: 'x', validFrom: '2023-01-01' }, { list: 'black', uscc: SUBJECTS[0]!.uscc, reason: 'y', validFrom: '2023-06-01' }])).toEqual(['2 subject']);
    expect(await refused([good, { ...good, region: '370812' }], (r: string) => r === '370811')).toEqual(['1 region']);
    expect(await counts()).toBe(before);
    const [p] = await proposeEntries(store, [good], everywhere);
    const own = await reviewEntry(store, p!.id, { approve: true, version: 1 }, 'tester', '2023-09-01').then(() => undefined, (x: unknown) => x);
    expect([own instanceof ProcessError, (own as ProcessError).code]).toEqual([true, 'own-proposal']);
  });

  it('the database refuses a bank account without its bank, and a bank name on any other account', async () => {
    const store = await stores.withExample();
    const insert = (role: string, bank: string | null) => store.db.insertInto('accounts')
      .values({ username: `${role}-${bank ?? 'none'}`, role: role as never, region: '370800', bank, password_hash: 'x', created_by: 'test' }).execute();
    await expect(insert('bank', null)).rejects.toThrow(/accounts_bank/);
    await expect(insert('city-admin', '齐鲁银行')).rejects.toThrow(/accounts_bank/);
    await expect(insert('teller', null)).rejects.toThrow(/accounts_role/);
    await insert('bank', '齐鲁银行');
    expect(await rows(store, 'accounts')).toBe(1);
  });

  it('at once: five proposals for one subject, five first reports of one quarter, five applications to one bank — one of each goes through', async () => {
    const store = await stores.withExample();
    await withSubjects(store);
    // open the pool's connections first (PostgreSQL), so that the writes below start together rather than one per new connection
    await Promise.all(Array.from({ length: 10 }, () => sql`select pg_sleep(0.05)`.execute(store.db)));
    const settled = async (ps: Promise<unknown>[]) => {
      const rs = await Promise.allSettled(ps);
      return [rs.filter((r) => r.status === 'fulfilled').length, rs.flatMap((r) => (r.status === 'rejected' ? [r.reason instanceof ProcessError ? r.reason.code : r.reason instanceof ProcessProblems ? r.reason.problems.map((p) => p.field).join() : String(r.reason)] : []))];
    };
    const proposal = (k: number) => proposeEntries(store, [{ list: 'black', subject: 'B1', reason: `第${k}次`, validFrom: '2023-01-01' }], everywhere);
    expect(await settled(Array.from({ length: 5 }, (_, k) => proposal(k)))).toEqual([1, Array(4).fill('subject')]);
    const report = (k: number) => fileTaskReport(store, { task: 'sd-2022-42/art-9', period: '2023Q3', department: '省商务厅', progress: `进展${k}` }, `admin${k}`, '2023-10-10');
    expect(await settled(Array.from({ length: 5 }, (_, k) => report(k)))).toEqual([1, Array(4).fill('already-reported')]);
    await createBank(store, { name: '齐鲁银行', regions: ['370800'], contact: '王经理', phone: '0537-2345678' }, 'test');
    await createAccount(store, { username: 'qlb', password: 'correct horse battery staple', role: 'bank', region: '370800', bank: '齐鲁银行' }, 'test', false);
    const loan = (k: number) => applyForLoan(store, { subjectId: 'B2', amountFen: 10_000_000 * k, termMonths: 12, purpose: '备货', bank: '齐鲁银行', consent: true }, 'b2-user', '2023-10-10');
    expect(await settled(Array.from({ length: 5 }, (_, k) => loan(k + 1)))).toEqual([1, Array(4).fill('already-queued')]);
    expect([await rows(store, 'list_entries'), await rows(store, 'task_reports'), await rows(store, 'loan_applications')]).toEqual([1, 1, 1]);
  });
});
