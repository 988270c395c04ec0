/**
 * Review that fits the work (issue 16, point 4), through the API against a real database: the
 * queue names the enterprise and filters by clause, region and amount; a to-do count per account;
 * and batch approval — 100 免申即享 awards approved in one call, each row applied exactly as the
 * single approval is (its level, its budget, decided again on today's data), each audited on its
 * own, and a row whose decision changed (a blacklist entered after queueing) refused with its
 * change while the others go through.
 *
 * The data: 100 enterprises B000…B099 in 任城 (370811, 济宁), each with 6000万元 of online retail
 * — 济宁 二's 2023 tiered award gives each at most 10万元 (the 5000万元 tier), no application
 * needed; E1 (任城, 1.2亿元) gets 20万元 under the same rule. 任城 reviews first, 济宁 decides.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckChar } from '@duixian/engine';
import { BACKENDS } from '../../store/test/backends.js';
import { dated, partnerBank, platform, type Platform, type Username } from './platform.js';

const RULE = 'jining-2022-54/2.retail-2023';
const N = 100;
const B = (k: number) => `B${String(k).padStart(3, '0')}`;
const uscc = (k: number) => { const first = `91370811MA3D${String(k).padStart(5, '0')}`; return first + usccCheckChar(first)!; };
const REASON = '统计局数据核验无误，集体研究同意';

interface Row { id: string; subjectId: string; subjectName: string; state: string; decided: string | null; region: string; rule: string }
interface Outcome { id: string; subjectId: string; subjectName: string; outcome: 'done' | 'refused'; state: string; error?: { code: string; message: { zh: string; en: string } }; changes?: { code: string }[] }

describe.each(BACKENDS)('review that fits the work on $name', (backend) => {
  let p: Platform;
  let d: Awaited<ReturnType<typeof dated>>;
  const as = (who: Username) => d.as(who);
  const queue = async (who: Username, query: string) => {
    const r = await as(who)('GET', `/api/applications?pageSize=200&${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { total: number; items: Row[] };
  };
  const todo = async (who: Username) => (await as(who)('GET', '/api/todo')).json();
  const batch = (who: Username, body: Record<string, unknown>) => as(who)('POST', '/api/applications/batch', body);
  const approvals = async (entity: string) => p.store.db.selectFrom('audit_log').select(['action', 'actor']).where('entity', '=', entity).where('action', '=', 'application.approve').execute();

  beforeAll(async () => {
    p = await platform(backend);
    d = await dated(p, () => '2023-09-04');
    const subjects = Array.from({ length: N }, (_, k) => ({ id: B(k), kind: 'enterprise', name: `任城示例商贸${B(k)}有限公司`, region: '370811', uscc: uscc(k), tags: ['inStatsLibrary', 'tradeCirculation'] }));
    const facts = subjects.map((s) => ({ subject: s.id, year: 2023, key: 'physicalGoodsOnlineRetail', value: '6000万元', source: '统计局' }));
    const imported = await p.as('sd-admin').req('POST', '/api/imports?reason=batch', { format: 'duixian/v1', year: 2023, subjects, facts });
    expect(imported.statusCode, imported.body).toBe(200);
    expect((await as('jining-admin')('POST', '/api/budgets', { document: 'jining-2022-54', funder: '370800', year: 2023, total: '2000万元' })).statusCode).toBe(200);
    const run = await as('sd-admin')('POST', '/api/runs', { year: 2023 });
    expect(run.statusCode, run.body).toBe(201);
    const listed = await as('rencheng-admin')('POST', `/api/runs/${run.json().id}/enlist`);
    expect(listed.statusCode, listed.body).toBe(200);
  }, 240_000);
  afterAll(async () => {
    await d?.app.close();
    await p?.dispose();
  });

  it('the queue names the enterprise, and filters by clause, region and amount (both sides of each bound)', async () => {
    const all = await queue('rencheng-admin', `rule=${RULE}`);
    expect(all.total).toBe(N + 1); // B000…B099 and E1
    expect(all.items.find((a) => a.subjectId === 'B007')).toMatchObject({ subjectName: '任城示例商贸B007有限公司', decided: '100000.00', state: 'county-review' });
    expect(all.items.find((a) => a.subjectId === 'E1')).toMatchObject({ subjectName: '示例电商有限公司', decided: '200000.00' });
    // E1's 20万元 is the only one at or above 20万元; 10万元 is at most 10万元, not at most 99999.99
    expect((await queue('rencheng-admin', `rule=${RULE}&min=200000`)).items.map((a) => a.subjectId)).toEqual(['E1']);
    expect((await queue('rencheng-admin', `rule=${RULE}&min=20万元`)).total).toBe(1);
    expect((await queue('rencheng-admin', `rule=${RULE}&min=200000.01`)).total).toBe(0);
    expect((await queue('rencheng-admin', `rule=${RULE}&max=100000`)).total).toBe(N);
    expect((await queue('rencheng-admin', `rule=${RULE}&max=99999.99`)).total).toBe(0);
    expect((await queue('rencheng-admin', `rule=${RULE}&min=100000&max=100000`)).total).toBe(N);
    // a region inside the jurisdiction narrows it; 济宁 sees 任城's under 济宁 and under 任城, none under 兖州
    expect((await queue('jining-admin', `rule=${RULE}&region=370811`)).total).toBe(N + 1);
    expect((await queue('jining-admin', `rule=${RULE}&region=370800`)).total).toBe(N + 1);
    expect((await queue('jining-admin', `rule=${RULE}&region=370812`)).total).toBe(0);
    // another clause: none of these
    expect((await queue('rencheng-admin', 'rule=jining-2022-54/2.national-title')).total).toBe(0);
    // a region outside the jurisdiction, an unknown one, a bad amount: refused naming the field
    const outside = await as('rencheng-admin')('GET', '/api/applications?region=370812');
    expect([outside.statusCode, outside.json().error.code]).toEqual([403, 'outside-jurisdiction']);
    const unknown = await as('rencheng-admin')('GET', '/api/applications?region=379999');
    expect([unknown.statusCode, unknown.json().error.details?.[0]?.path]).toEqual([422, 'region']);
    const bad = await as('rencheng-admin')('GET', '/api/applications?min=很多');
    expect([bad.statusCode, bad.json().error.details?.[0]?.path]).toEqual([422, 'min']);
    const crossed = await as('rencheng-admin')('GET', '/api/applications?min=2&max=1');
    expect([crossed.statusCode, crossed.json().error.details?.[0]?.path]).toEqual([422, 'max']);
  });

  it('the detail names the enterprise and shows the facts the decision used, with units', async () => {
    const id = (await queue('rencheng-admin', `rule=${RULE}&max=100000`)).items.find((a) => a.subjectId === 'B001')!.id;
    const detail = (await as('rencheng-admin')('GET', `/api/applications/${id}`)).json();
    expect(detail.subjectName).toBe('任城示例商贸B001有限公司');
    expect(detail.used).toEqual([{ key: 'physicalGoodsOnlineRetail', year: 2023, item: null, value: '6,000万元', source: '统计局' }]);
  });

  it('100 awards approved in one call, each as the single approval: its level, its budget, its own history and audit entry; the to-do counts follow', async () => {
    expect((await todo('rencheng-admin')).approvals).toBeGreaterThanOrEqual(N + 1);
    const before = (await todo('rencheng-admin')).approvals as number;
    expect((await todo('jining-admin')).approvals).toBe(0);
    const ids = (await queue('rencheng-admin', `rule=${RULE}&max=100000`)).items.map((a) => a.id);
    expect(ids).toHaveLength(N);
    const r = await batch('rencheng-admin', { ids, action: 'approve', reason: REASON });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ total: N, done: N, refused: 0 });
    expect((r.json().items as Outcome[]).every((o) => o.outcome === 'done' && o.state === 'city-review' && o.subjectName.startsWith('任城示例商贸'))).toBe(true);
    const rows = await p.store.db.selectFrom('applications').select(['id', 'state', 'held_fen']).where('id', 'in', ids).execute();
    expect(rows.every((x) => x.state === 'city-review' && Number(x.held_fen) === 10_0000_00)).toBe(true);
    const budget = (await as('jining-admin')('GET', '/api/budgets?year=2023')).json().items.find((b: { document: string; funder: string }) => b.document === 'jining-2022-54' && b.funder === '370800');
    expect(budget).toMatchObject({ reserved: '10000000.00', committed: '0.00' });
    for (const id of [ids[0]!, ids[57]!, ids[99]!]) {
      expect(await approvals(`applications/${id}`)).toEqual([{ action: 'application.approve', actor: 'rencheng-admin' }]);
      const events = await p.store.db.selectFrom('application_events').select(['action', 'reasons', 'by']).where('application_id', '=', id).where('action', '=', 'approve').execute();
      expect(events.map((e) => [e.by, JSON.parse(JSON.stringify(e.reasons))])).toEqual([['rencheng-admin', [REASON]]]);
    }
    expect((await todo('rencheng-admin')).approvals).toBe(before - N);
    expect((await todo('jining-admin')).approvals).toBe(N);
    // approved rows are not at 任城's level any more: the same call again refuses each, changing nothing
    const again = await batch('rencheng-admin', { ids: ids.slice(0, 3), action: 'approve', reason: REASON });
    expect(again.json()).toMatchObject({ done: 0, refused: 3 });
    expect((again.json().items as Outcome[]).map((o) => [o.outcome, o.state])).toEqual([['refused', 'city-review'], ['refused', 'city-review'], ['refused', 'city-review']]);
    expect(await approvals(`applications/${ids[0]}`)).toHaveLength(1);
  });

  it('all filtered at the city: a subject blacklisted since queueing is refused with its change, the other 99 are approved', async () => {
    const proposed = await as('rencheng-admin')('POST', '/api/lists', { list: 'black', subject: 'B007', validFrom: '2023-01-01', reason: '严重失信主体' });
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect((await as('jining-admin')('POST', `/api/lists/${proposed.json().id}/review`, { approve: true, version: proposed.json().version })).json().state).toBe('active');
    const r = await batch('jining-admin', { filter: { rule: RULE, max: '10万元' }, action: 'approve', reason: REASON });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ total: N, done: N - 1, refused: 1 });
    const refused = (r.json().items as Outcome[]).filter((o) => o.outcome === 'refused');
    expect(refused).toEqual([expect.objectContaining({ subjectId: 'B007', state: 'city-review', error: expect.objectContaining({ code: 'decision-changed' }), changes: [expect.objectContaining({ code: 'blacklisted' })] })]);
    const states = await p.store.db.selectFrom('applications').select(['subject_id', 'state']).where('rule', '=', RULE).where('subject_id', 'like', 'B%').execute();
    expect(states.filter((s) => s.state === 'approved')).toHaveLength(N - 1);
    expect(states.find((s) => s.subject_id === 'B007')!.state).toBe('city-review');
    const b7 = (await queue('jining-admin', `rule=${RULE}&max=100000&state=city-review`)).items;
    expect(b7.map((a) => a.subjectId)).toEqual(['B007']);
    expect(await approvals(`applications/${b7[0]!.id}`)).toHaveLength(1); // the county's only
    const budget = (await as('jining-admin')('GET', '/api/budgets?year=2023')).json().items.find((b: { document: string; funder: string }) => b.document === 'jining-2022-54' && b.funder === '370800');
    expect(budget).toMatchObject({ reserved: '100000.00', committed: '9900000.00' });
    expect((await todo('jining-admin')).approvals).toBe(1);
  });

  it('bad batches are refused whole, naming the field; other people\'s rows are refused row by row', async () => {
    const [e1] = (await queue('rencheng-admin', `rule=${RULE}&min=200000`)).items;
    const blank = await batch('rencheng-admin', { ids: [e1!.id], action: 'approve', reason: '  ' });
    expect([blank.statusCode, blank.json().error.details?.[0]?.path]).toEqual([422, 'reason']);
    const neither = await batch('rencheng-admin', { action: 'approve', reason: REASON });
    expect([neither.statusCode, neither.json().error.details?.[0]?.path]).toEqual([422, 'ids']);
    const many = await batch('rencheng-admin', { ids: Array.from({ length: 501 }, (_, k) => String(k + 1)), action: 'approve', reason: REASON });
    expect(many.statusCode).toBe(400);
    expect((await batch('e1-user', { ids: [e1!.id], action: 'approve', reason: REASON })).statusCode).toBe(403);
    const foreign = await batch('yanzhou-admin', { ids: [e1!.id], action: 'approve', reason: REASON });
    expect((foreign.json().items as Outcome[]).map((o) => [o.outcome, o.error?.code])).toEqual([['refused', 'outside-jurisdiction']]);
    expect((await queue('rencheng-admin', `rule=${RULE}&min=200000`)).items[0]!.state).toBe('county-review');
    expect(await approvals(`applications/${e1!.id}`)).toEqual([]);
  });

  it('a to-do count per role: lists to review, loans for a bank, nothing for an enterprise', async () => {
    const proposed = await as('rencheng-admin')('POST', '/api/lists', { list: 'white', category: 'service', subject: 'B001', validFrom: '2023-01-01', reason: '重点培育企业' });
    expect(proposed.statusCode, proposed.body).toBe(201);
    // its proposer does not review it: not a to-do of 任城's; 济宁's yes
    expect((await todo('rencheng-admin')).lists).toBe(0);
    expect((await todo('jining-admin')).lists).toBe(1);
    expect((await todo('dongying-admin')).lists).toBe(0);
    expect(await todo('jining-bank')).toMatchObject({ loans: 0 });
    await partnerBank(p.store, '齐鲁银行', ['370800']);
    const loan = await as('e1-user')('POST', '/api/loans', { subject: 'E1', amount: '50万元', termMonths: 12, purpose: '备货采购', bank: '齐鲁银行', consent: true });
    expect(loan.statusCode, loan.body).toBe(201);
    expect(await todo('jining-bank')).toEqual({ approvals: 0, notices: 0, lists: 0, loans: 1 });
    expect(await todo('e1-user')).toMatchObject({ approvals: 0, lists: 0, notices: 0, loans: 0 });
  });
}, 600_000);
