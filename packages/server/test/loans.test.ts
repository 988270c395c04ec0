/**
 * 齐鲁电商贷 over the API, against a real database (PGlite; PostgreSQL when DATABASE_URL is set):
 * bank accounts created by the province only; an application checked at both ends of 10万–1000万元
 * with every problem named by its field and nothing written, refused without consent; with
 * consent, the enterprise's data summary (hand-computed below) snapshotted and routed to its
 * bank's queue, which only that bank's staff in that region see; accept, decline with a reason,
 * withdraw while waiting; every write in the audit log.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, openSession, type Store } from '@duixian/store';
import { BACKENDS } from '../../store/test/backends.js';
import { USCC } from '../../interchange/test/fixtures.js';
import { PASSWORD, partnerBank, platform, platformData, type Client, type Platform } from './platform.js';

const count = async (store: Store, t: string) => Number((await sql<{ n: string | number }>`select count(*) as n from ${sql.table(t)}`.execute(store.db)).rows[0]!.n);

describe.each(BACKENDS)('齐鲁电商贷 on $name', (backend) => {
  let p: Platform;
  /** a 齐鲁银行 account serving 东营 and a 工商银行 account serving 济宁, besides jining-bank (齐鲁银行, 济宁) */
  const banks = new Map<string, Client>();

  beforeAll(async () => {
    p = await platform(backend);
    for (const [username, region, bank] of [['qlb-dongying', '370500', '齐鲁银行'], ['icbc-jining', '370800', '工商银行']] as const) {
      await partnerBank(p.store, bank, [region]);
      const a = await createAccount(p.store, { username, password: PASSWORD, role: 'bank', region, bank }, 'test', false);
      const s = await openSession(p.store, a, 3600_000, 'test');
      const c = p.as('jining-bank');
      banks.set(username, { cookie: s.token, csrf: s.csrf, req: (method, url, body, headers = {}) => c.req(method, url, body, { ...headers, cookie: `duixian_session=${s.token}`, 'x-csrf-token': s.csrf }) });
    }
    // E1's figures: 2022 whole year; 2023 physical goods whole year (the example's 1.2亿元) and online retail in two quarters
    const d = {
      format: 'duixian/v1', year: 2023, subjects: [platformData().subjects[4]],
      facts: [
        { subject: 'E1', year: 2022, key: 'onlineRetail', value: '2亿元', source: '统计局' },
        { subject: 'E1', year: 2023, quarter: 1, key: 'onlineRetail', value: '3000万元', source: '统计局' },
        { subject: 'E1', year: 2023, quarter: 2, key: 'onlineRetail', value: '3500.5万元', source: '统计局' },
      ],
    };
    expect((await p.as('sd-admin').req('POST', '/api/imports?reason=loans', d)).statusCode).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await p?.dispose();
  });

  it('bank accounts: created by the province only, with the bank\'s name; a bank user reads nothing of the platform', async () => {
    const city = await p.as('jining-admin').req('POST', '/api/accounts', { username: 'ccb-jining', role: 'bank', region: '370800', bank: '建设银行' });
    expect([city.statusCode, city.json().error.code]).toEqual([403, 'forbidden']);
    const nameless = await p.as('sd-admin').req('POST', '/api/accounts', { username: 'ccb-jining', role: 'bank', region: '370800' });
    expect([nameless.statusCode, nameless.json().error.details[0].path]).toEqual([422, 'bank']);
    const enterprise = await p.as('sd-admin').req('POST', '/api/accounts', { username: 'e1-banker', role: 'enterprise', uscc: USCC, bank: '建设银行' });
    expect([enterprise.statusCode, enterprise.json().error.details[0].path]).toEqual([422, 'bank']);
    await partnerBank(p.store, '建设银行', ['370800']); // on the province's list of partner banks first
    const made = await p.as('sd-admin').req('POST', '/api/accounts', { username: 'ccb-jining', role: 'bank', region: '370800', bank: '建设银行' });
    expect([made.statusCode, made.json().account]).toEqual([201, expect.objectContaining({ role: 'bank', region: '370800', bank: '建设银行' })]);
    expect((await p.as('jining-bank').req('GET', '/api/session')).json().account).toMatchObject({ role: 'bank', bank: '齐鲁银行', region: '370800' });
    for (const url of ['/api/subjects', '/api/subjects/E1', '/api/applications', '/api/lists', '/api/tasks', '/api/runs', '/api/loans/banks']) {
      expect((await p.as('jining-bank').req('GET', url)).json().error?.code, url).toBe('forbidden');
    }
    // the banks serving 任城 (济宁's, and the province's had there been one), for the enterprise to choose from
    expect((await p.as('e1-user').req('GET', '/api/loans/banks')).json()).toEqual({ subject: 'E1', region: '370811', banks: ['工商银行', '建设银行', '齐鲁银行'], min: '100000.00', max: '10000000.00' });
  });

  it('checked at both ends of 10万–1000万元, every problem named by its field, refused without consent: nothing written', async () => {
    const apply = (body: Record<string, unknown>) => p.as('e1-user').req('POST', '/api/loans', { subject: 'E1', amount: '50万元', termMonths: 12, purpose: '备货采购', bank: '齐鲁银行', consent: true, ...body });
    const before = `${await count(p.store, 'loan_applications')} ${await count(p.store, 'audit_log')}`;
    const paths = async (body: Record<string, unknown>) => {
      const r = await apply(body);
      expect(r.statusCode, r.body).toBe(422);
      return r.json().error.details.map((d: { path: string }) => d.path);
    };
    expect(await paths({ amount: '99999.99' })).toEqual(['amount']);
    expect(await paths({ amount: '10000000.01' })).toEqual(['amount']);
    expect(await paths({ amount: '0.001万元' })).toEqual(['amount']); // 10 yuan: readable, below the minimum
    expect(await paths({ amount: '十万' })).toEqual(['amount']);
    expect(await paths({ consent: false })).toEqual(['consent']);
    expect(await paths({ consent: undefined })).toEqual(['consent']); // not given: named like a refusal, not a malformed request
    expect(await paths({ amount: '99999.99', termMonths: 0, purpose: ' ', consent: false })).toEqual(['amount', 'termMonths', 'purpose', 'consent']);
    expect(await paths({ bank: '建设银行济南分行' })).toEqual(['bank']); // no such partner bank serves 任城
    expect(await paths({ bank: 'x' })).toEqual(['bank']);
    const message = (await apply({ consent: false })).json().error.details[0].message as string;
    expect(message).toContain('同意');
    // another's enterprise
    expect((await apply({ subject: 'E3' })).json().error.code).toBe('outside-jurisdiction');
    expect(`${await count(p.store, 'loan_applications')} ${await count(p.store, 'audit_log')}`).toBe(before);
  });

  it('with consent: the data summary snapshotted and routed to the bank\'s queue; accept, decline with a reason, withdraw', async () => {
    const apply = (amount: string, bank: string) => p.as('e1-user').req('POST', '/api/loans', { subject: 'E1', amount, termMonths: 24, purpose: '仓储物流', bank, consent: true });
    const low = await apply('100000.00', '齐鲁银行');
    expect(low.statusCode, low.body).toBe(201);
    const loan = low.json();
    expect(loan).toMatchObject({ subjectId: 'E1', region: '370811', bank: '齐鲁银行', amount: '100000.00', termMonths: 24, consent: true, state: 'queued', actions: ['withdraw'] });
    expect(new Date(loan.consentAt).getTime()).toBeGreaterThan(0);
    // 2023 is the latest year: online retail 3000万 + 3500.5万 = 65,005,000.00 yuan from Q1 and Q2; physical goods 1.2亿; no cross-border figure;
    // the award history (jining-2022-54/2.retail-2022, 2022, 5万元)
    expect(loan.summary).toEqual({
      asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), year: 2023,
      subject: { id: 'E1', name: '示例电商有限公司', uscc: USCC, region: '370811' },
      facts: [
        { key: 'onlineRetail', fen: 6_500_500_000, quarters: [1, 2], amount: '65005000.00' },
        { key: 'physicalGoodsOnlineRetail', fen: 12_000_000_000, amount: '120000000.00' },
        { key: 'crossBorderTransactions', fen: null, amount: null },
      ],
      awards: [{ rule: 'jining-2022-54/2.retail-2022', year: 2022, fen: 5_000_000, source: 'history', amount: '50000.00' }],
    });
    const twice = await apply('20万元', '齐鲁银行');
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'already-queued']);
    const high = await apply('10000000.00', '工商银行');
    expect([high.statusCode, high.json().amount]).toEqual([201, '10000000.00']);

    // each bank's staff see their own bank's queue, in the region they serve
    const queue = async (c: Client) => (await c.req('GET', '/api/loans')).json().items.map((l: { id: string }) => l.id);
    expect(await queue(p.as('jining-bank'))).toEqual([loan.id]);
    expect(await queue(banks.get('icbc-jining')!)).toEqual([high.json().id]);
    expect(await queue(banks.get('qlb-dongying')!)).toEqual([]); // 齐鲁银行 too, but 东营's staff
    expect((await banks.get('qlb-dongying')!.req('GET', `/api/loans/${loan.id}`)).json().error.code).toBe('outside-jurisdiction');
    const seen = (await p.as('jining-bank').req('GET', `/api/loans/${loan.id}`)).json();
    expect([seen.summary.facts[1].amount, seen.actions]).toEqual(['120000000.00', ['accept', 'decline']]);
    // 济宁's administrators follow the programme; 东营's do not see it
    expect(await queue(p.as('jining-admin'))).toEqual([loan.id, high.json().id]);
    expect(await queue(p.as('dongying-admin'))).toEqual([]);

    // the enterprise cannot decide; the bank declines only with a reason, then accepts
    expect((await p.as('e1-user').req('POST', `/api/loans/${loan.id}/decision`, { accept: true })).json().error.code).toBe('forbidden');
    const noReason = await p.as('jining-bank').req('POST', `/api/loans/${loan.id}/decision`, { accept: false });
    expect([noReason.statusCode, noReason.json().error.details[0].path]).toEqual([422, 'note']);
    const accepted = await p.as('jining-bank').req('POST', `/api/loans/${loan.id}/decision`, { accept: true, note: '已受理，客户经理将联系企业' });
    expect(accepted.json()).toMatchObject({ state: 'accepted', decidedBy: 'jining-bank', note: '已受理，客户经理将联系企业', actions: [] });
    const late = await p.as('e1-user').req('POST', `/api/loans/${loan.id}/withdraw`);
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'not-queued']);
    // withdrawn while waiting: the bank no longer sees the data summary
    expect((await p.as('e1-user').req('POST', `/api/loans/${high.json().id}/withdraw`)).json()).toMatchObject({ state: 'withdrawn' });
    expect((await banks.get('icbc-jining')!.req('GET', `/api/loans/${high.json().id}`)).json()).toMatchObject({ state: 'withdrawn', summary: null });
    const declined = await banks.get('icbc-jining')!.req('POST', `/api/loans/${high.json().id}/decision`, { accept: false, note: '不符合授信条件' });
    expect([declined.statusCode, declined.json().error.code]).toEqual([409, 'not-queued']);
    // a new application to the same bank after the first was decided
    expect((await apply('20万元', '齐鲁银行')).statusCode).toBe(201);

    const audit = (await p.as('sd-admin').req('GET', '/api/audit?pageSize=500')).json().items as { action: string; actor: string; entity: string }[];
    expect(audit.filter((a) => a.action.startsWith('loan.')).map((a) => `${a.action} ${a.actor}`).reverse()).toEqual([
      'loan.apply e1-user', 'loan.apply e1-user', 'loan.accept jining-bank', 'loan.withdraw e1-user', 'loan.apply e1-user',
    ]);
  });
}, 300_000);
