/**
 * No dead ends (issue 16, point 6), over the API against a real database (PGlite; PostgreSQL when
 * DATABASE_URL is set): the province keeps 齐鲁电商贷's partner banks (name, regions served,
 * contact) — nobody else; a bank's staff account names a bank of that list, in a region it
 * serves; an enterprise whose region no bank serves is refused, naming why and what to do, until a
 * bank serves it. Administrators disable, enable and reset accounts inside their jurisdiction
 * only, never their own; a disabled account cannot sign in and its sessions end; a reset password
 * is one-time. Each refusal leaves the database as it was; each change is in the audit log.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, listBanks, openSession, type Store } from '@duixian/store';
import { up as banksMigration } from '../../store/src/migrations/014-banks.js';
import { BACKENDS, storesFor } from '../../store/test/backends.js';
import { PASSWORD, platform, sender, USCC_E2, type Client, type Platform } from './platform.js';

const count = async (store: Store, t: string) => Number((await sql<{ n: string | number }>`select count(*) as n from ${sql.table(t)}`.execute(store.db)).rows[0]!.n);
const audit = async (store: Store, action: string) => (await store.db.selectFrom('audit_log').select(['actor', 'entity', 'before', 'after']).where('action', '=', action).orderBy('seq').execute());
const account = (store: Store, username: string) => store.db.selectFrom('accounts').select(['id', 'disabled', 'must_change_password', 'bank']).where('username', '=', username).executeTakeFirstOrThrow();
const sessions = async (store: Store, username: string) => Number((await store.db.selectFrom('sessions').innerJoin('accounts', 'accounts.id', 'sessions.account_id')
  .select((eb) => eb.fn.countAll<string>().as('n')).where('username', '=', username).executeTakeFirstOrThrow()).n);

describe.each(BACKENDS)('partner banks and accounts on $name', (backend) => {
  let p: Platform;
  /** the user of E2 (东营示例电商有限公司, 东营区 370502) */
  let e2: Client;
  const CCB = { name: '建设银行济宁分行', regions: ['370800', '370100'], contact: '李经理', phone: '0537-2233445' };

  beforeAll(async () => {
    p = await platform(backend);
    const a = await createAccount(p.store, { username: 'e2-user', password: PASSWORD, role: 'enterprise', uscc: USCC_E2 }, 'test', false);
    const s = await openSession(p.store, a, 3600_000, 'test');
    e2 = { cookie: s.token, csrf: s.csrf, req: sender(p.app, s.token, s.csrf) };
  }, 120_000);
  afterAll(async () => {
    await p?.dispose();
  });

  it('the province adds and edits partner banks, every field checked and named; nobody else may; each change audited', async () => {
    const banks = await count(p.store, 'banks');
    // another administrator, an auditor, an enterprise: refused, nothing written
    for (const who of ['jining-admin', 'rencheng-admin', 'sd-auditor', 'e1-user'] as const) {
      const r = await p.as(who).req('POST', '/api/banks', CCB);
      expect([who, r.statusCode, r.json().error.code]).toEqual([who, 403, 'forbidden']);
    }
    const bad = await p.as('sd-admin').req('POST', '/api/banks', { name: 'x', regions: ['330100', '370800', '370800'], contact: ' ', phone: 'call me' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(['name', 'regions[0]', 'regions', 'contact', 'phone']);
    expect((await p.as('sd-admin').req('POST', '/api/banks', { ...CCB, regions: [] })).json().error.details.map((d: { path: string }) => d.path)).toEqual(['regions']);
    expect(await count(p.store, 'banks')).toBe(banks);

    const made = await p.as('sd-admin').req('POST', '/api/banks', CCB);
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ ...CCB, regions: ['370100', '370800'], createdBy: 'sd-admin' });
    const twice = await p.as('sd-admin').req('POST', '/api/banks', { ...CCB, regions: ['370500'] });
    expect([twice.statusCode, twice.json().error.code, twice.json().error.details[0].path]).toEqual([409, 'bank-exists', 'name']);
    // administrators and auditors read the list (the jining-bank fixture's 齐鲁银行 besides); an enterprise or a bank does not
    const list = (await p.as('jining-auditor').req('GET', '/api/banks')).json().items;
    expect(list.map((b: { name: string; regions: string[] }) => [b.name, b.regions])).toEqual([['建设银行济宁分行', ['370100', '370800']], ['齐鲁银行', ['370800']]]);
    expect((await p.as('e1-user').req('GET', '/api/banks')).json().error.code).toBe('forbidden');
    expect((await p.as('jining-bank').req('GET', '/api/banks')).json().error.code).toBe('forbidden');
    const id = made.json().id as string;
    expect((await p.as('jining-admin').req('POST', `/api/banks/${id}`, { ...CCB, contact: '张三' })).statusCode).toBe(403);
    expect((await p.as('sd-admin').req('POST', `/api/banks/${id}`, { ...CCB, phone: '' })).json().error.details.map((d: { path: string }) => d.path)).toEqual(['phone']);
    expect((await p.as('sd-admin').req('POST', '/api/banks/999999', CCB)).statusCode).toBe(404);
    const edited = await p.as('sd-admin').req('POST', `/api/banks/${id}`, { ...CCB, contact: '张经理', phone: '13805371234' });
    expect([edited.statusCode, edited.json().contact, edited.json().phone, edited.json().updatedBy]).toEqual([200, '张经理', '13805371234', 'sd-admin']);
    expect((await audit(p.store, 'bank.create')).map((e) => [e.actor, e.entity])).toEqual([['sd-admin', `banks/${id}`]]);
    expect((await audit(p.store, 'bank.update')).map((e) => [e.actor, (e.before as { contact: string }).contact, (e.after as { contact: string }).contact])).toEqual([['sd-admin', '李经理', '张经理']]);
  });

  it('a bank account is made for a bank of the list, in a region it serves', async () => {
    const accounts = await count(p.store, 'accounts');
    const make = (body: Record<string, unknown>) => p.as('sd-admin').req('POST', '/api/accounts', { username: 'ccb-rencheng', role: 'bank', region: '370811', bank: '建设银行济宁分行', ...body });
    const unknown = await make({ bank: '不存在银行' });
    expect([unknown.statusCode, unknown.json().error.details[0].path]).toEqual([422, 'bank']);
    expect(unknown.json().error.message.zh).toContain('合作银行');
    const elsewhere = await make({ region: '370500' }); // 东营: the bank serves 济宁 and 济南
    expect([elsewhere.statusCode, elsewhere.json().error.details[0].path]).toEqual([422, 'region']);
    expect(elsewhere.json().error.message.zh).toContain('济宁市');
    expect(await count(p.store, 'accounts')).toBe(accounts);
    const made = await make({}); // 任城, inside 济宁
    expect([made.statusCode, made.json().account.bank]).toEqual([201, '建设银行济宁分行']);
    const office = await make({ username: 'ccb-province', region: '370000' }); // its provincial office: above what it serves
    expect(office.statusCode).toBe(201);
  });

  it('an enterprise whose region no bank serves is refused, told why and what to do; once a bank serves it, it applies', async () => {
    const loans = await count(p.store, 'loan_applications');
    const audits = await count(p.store, 'audit_log');
    // E2 lies in 东营: 齐鲁银行 serves 济宁, 建设银行济宁分行 济宁 and 济南
    expect((await e2.req('GET', '/api/loans/banks')).json()).toMatchObject({ subject: 'E2', region: '370502', banks: [] });
    const apply = (bank: string) => e2.req('POST', '/api/loans', { subject: 'E2', amount: '50万元', termMonths: 12, purpose: '备货采购', bank, consent: true });
    for (const bank of ['齐鲁银行', '']) {
      const r = await apply(bank);
      expect([r.statusCode, r.json().error.code, r.json().error.details[0].path], bank).toEqual([409, 'no-bank-serves', 'bank']);
      expect(r.json().error.message.zh).toContain('东营市东营区暂无齐鲁电商贷合作银行');
      expect(r.json().error.message.zh).toContain('请联系当地商务主管部门');
    }
    expect([await count(p.store, 'loan_applications'), await count(p.store, 'audit_log')]).toEqual([loans, audits]);
    // the province extends 齐鲁银行 to the city of 东营: E2 now has one bank to choose, and applies
    const qlb = (await p.as('sd-admin').req('GET', '/api/banks')).json().items.find((b: { name: string }) => b.name === '齐鲁银行');
    expect((await p.as('sd-admin').req('POST', `/api/banks/${qlb.id}`, { name: qlb.name, regions: ['370800', '370500'], contact: qlb.contact, phone: qlb.phone })).statusCode).toBe(200);
    expect((await e2.req('GET', '/api/loans/banks')).json().banks).toEqual(['齐鲁银行']);
    const made = await apply('齐鲁银行');
    expect([made.statusCode, made.json().state, made.json().region]).toEqual([201, 'queued', '370502']);
  });

  it('a rename is carried to the bank\'s staff and its applications', async () => {
    const qlb = (await p.as('sd-admin').req('GET', '/api/banks')).json().items.find((b: { name: string }) => b.name === '齐鲁银行');
    const renamed = await p.as('sd-admin').req('POST', `/api/banks/${qlb.id}`, { ...qlb, id: undefined, createdBy: undefined, updatedBy: undefined, name: '齐鲁银行股份有限公司' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await account(p.store, 'jining-bank')).bank).toBe('齐鲁银行股份有限公司');
    expect((await p.store.db.selectFrom('loan_applications').select('bank').distinct().execute()).map((r) => r.bank)).toEqual(['齐鲁银行股份有限公司']);
    expect((await e2.req('GET', '/api/loans/banks')).json().banks).toEqual(['齐鲁银行股份有限公司']);
  });

  it('disable and enable: inside one\'s jurisdiction only, never one\'s own; a disabled account cannot sign in and its sessions end', async () => {
    const disable = (who: 'sd-admin' | 'jining-admin' | 'rencheng-admin' | 'jining-auditor', target: string) => account(p.store, target).then((a) => p.as(who).req('POST', `/api/accounts/${a.id}/disable`));
    // refused: the province's or the city's account by a county, another county's, a bank's by a city, one's own, by an auditor
    for (const [who, target, status, code] of [
      ['rencheng-admin', 'sd-admin', 403, 'outside-jurisdiction'], ['rencheng-admin', 'jining-admin', 403, 'outside-jurisdiction'],
      ['rencheng-admin', 'yanzhou-admin', 403, 'outside-jurisdiction'], ['jining-admin', 'jining-bank', 403, 'outside-jurisdiction'],
      ['jining-admin', 'jining-admin', 403, 'own-account'], ['sd-admin', 'sd-admin', 403, 'own-account'], ['jining-auditor', 'rencheng-admin', 403, 'forbidden'],
      ['jining-admin', 'e2-user', 403, 'outside-jurisdiction'], // E2 lies in 东营
    ] as const) {
      const r = await disable(who, target);
      expect([who, target, r.statusCode, r.json().error?.code]).toEqual([who, target, status, code]);
      expect((await account(p.store, target)).disabled).toBe(false);
    }
    expect((await p.as('sd-admin').req('POST', '/api/accounts/999999/disable')).statusCode).toBe(404);
    expect(await audit(p.store, 'account.disable')).toEqual([]);

    // 济宁 disables 任城's administrator: it is out at once and cannot sign in
    expect((await p.as('rencheng-admin').req('GET', '/api/session')).statusCode).toBe(200);
    const done = await disable('jining-admin', 'rencheng-admin');
    expect([done.statusCode, done.json().account.disabled]).toEqual([200, true]);
    expect((await account(p.store, 'rencheng-admin')).disabled).toBe(true);
    expect(await sessions(p.store, 'rencheng-admin')).toBe(0);
    expect((await p.as('rencheng-admin').req('GET', '/api/session')).statusCode).toBe(401);
    const signIn = () => p.anonymous.req('POST', '/api/session', { username: 'rencheng-admin', password: PASSWORD });
    expect((await signIn()).statusCode).toBe(401);
    const again = await disable('jining-admin', 'rencheng-admin');
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'account-unchanged']);
    expect((await audit(p.store, 'account.disable')).map((e) => [e.actor, e.after])).toEqual([['jining-admin', { disabled: true }]]);
    // the list shows it disabled; enabled again, it signs in
    const listed = (await p.as('jining-admin').req('GET', '/api/accounts?pageSize=100')).json().items.find((a: { username: string }) => a.username === 'rencheng-admin');
    expect(listed).toMatchObject({ disabled: true, createdBy: 'test' });
    const id = (await account(p.store, 'rencheng-admin')).id;
    expect((await p.as('yanzhou-admin').req('POST', `/api/accounts/${id}/enable`)).statusCode).toBe(403);
    expect((await p.as('jining-admin').req('POST', `/api/accounts/${id}/enable`)).json().account.disabled).toBe(false);
    expect((await signIn()).statusCode).toBe(200);
    expect((await audit(p.store, 'account.enable')).map((e) => e.actor)).toEqual(['jining-admin']);
    // a bank's staff by the province
    expect((await disable('sd-admin', 'jining-bank')).statusCode).toBe(200);
    expect((await p.as('jining-bank').req('GET', '/api/loans')).statusCode).toBe(401);
  });

  it('reset password: a new one-time password, shown once, to change at the next sign-in; the old one and its sessions end', async () => {
    const target = await account(p.store, 'yanzhou-admin');
    expect((await p.as('dongying-admin').req('POST', `/api/accounts/${target.id}/reset-password`)).json().error.code).toBe('outside-jurisdiction'); // another city's
    expect((await p.as('jining-auditor').req('POST', `/api/accounts/${target.id}/reset-password`)).json().error.code).toBe('forbidden');
    expect(await audit(p.store, 'account.reset-password')).toEqual([]);
    const r = await p.as('jining-admin').req('POST', `/api/accounts/${target.id}/reset-password`);
    expect(r.statusCode, r.body).toBe(200);
    const password = r.json().oneTimePassword as string;
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(r.json().account).toMatchObject({ username: 'yanzhou-admin', mustChangePassword: true });
    expect((await account(p.store, 'yanzhou-admin')).must_change_password).toBe(true);
    expect(await sessions(p.store, 'yanzhou-admin')).toBe(0);
    expect((await p.as('yanzhou-admin').req('GET', '/api/session')).statusCode).toBe(401);
    const signIn = (pw: string) => p.anonymous.req('POST', '/api/session', { username: 'yanzhou-admin', password: pw });
    expect((await signIn(PASSWORD)).statusCode).toBe(401);
    const fresh = await signIn(password);
    expect([fresh.statusCode, fresh.json().account.mustChangePassword]).toEqual([200, true]);
    // the one-time password opens nothing but the change of it
    const cookie = /duixian_session=([^;]+)/.exec(String(fresh.headers['set-cookie']))![1]!;
    expect((await sender(p.app, cookie, fresh.json().csrf)('GET', '/api/subjects')).statusCode).toBe(403);
    expect((await audit(p.store, 'account.reset-password')).map((e) => [e.actor, e.entity])).toEqual([['jining-admin', `accounts/${target.id}`]]);
  });
});

describe.each(BACKENDS)('migration 014 on $name', (backend) => {
  const stores = storesFor(backend);
  it('keeps the banks named before it, each serving the regions of its enabled staff', async () => {
    const store = await stores.withExample();
    // the store as it was before 014: banks only as names on staff accounts and applications
    await sql`drop table bank_regions`.execute(store.db);
    await sql`drop table banks`.execute(store.db);
    const staff = (username: string, bank: string, region: string, disabled = false) => ({ username, role: 'bank' as const, region, bank, disabled, password_hash: 'x', created_by: 'test' });
    await store.db.insertInto('accounts').values([
      staff('qlb-jining', '齐鲁银行', '370800'), staff('qlb-rencheng', '齐鲁银行', '370811'), staff('qlb-dongying', '齐鲁银行', '370500', true),
      staff('icbc-jinan', '工商银行', '370100'),
    ]).execute();
    await store.db.insertInto('loan_applications').values({ subject_id: 'E1', region: '370811', bank: '日照银行', amount_fen: 50_000_000, term_months: 12, purpose: '备货', consent: false, state: 'declined', by: 'test' }).execute();
    await banksMigration(store.db);
    // a disabled account's region is not served; a bank named only by an application serves nothing until the province edits it
    expect((await listBanks(store)).map((b) => [b.name, b.regions, b.createdBy])).toEqual([
      ['工商银行', ['370100'], 'migration'], ['日照银行', [], 'migration'], ['齐鲁银行', ['370800', '370811'], 'migration'], // by code point
    ]);
  }, 120_000);
});
