/**
 * Decisions that never pay twice (issue 14, points 2 and 3), through the API against a real
 * database: the budget is checked and the amount reserved at the FIRST level's approval (not the
 * last), and given back on rejection and return for correction; a 金额待定 award reaches no final
 * approval until its funder has set the amount, with a reason, within the budget; and at every
 * review level and at payment the application is decided again on the data, lists and awards
 * granted as they are now — an award already granted (history), a blacklist entered after the
 * application was queued — each change shown in the detail and blocking the step until the
 * reviewer acknowledges it with a reason (audited) or refuses the application.
 *
 * E3 is 兖州's (370812, 济宁): 兖州 reviews first, 济宁 decides. Its title award (济宁 二) is the
 * city's money, at most 50万元 and once only; its hiring award (济宁 八) is 金额待定, the county's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '@duixian/server';
import { createAccount, openSession, type Store } from '@duixian/store';
import { BACKENDS, type Backend } from '../../store/test/backends.js';
import { ACCOUNTS, PASSWORD, platform, sender, USCC_E3, type Platform, type Username } from './platform.js';
import { NOTICE_CONTACT } from './notice-contact.js';

const TITLE = 'jining-2022-54/2.national-title';
const HIRING = 'jining-2022-54/8.hiring';
const DOCUMENT = 'jining-2022-54';
const CITY = '370800'; // 济宁's finance: the title award
const YANZHOU = '370812'; // 兖州's finance: the hiring award (有条件的县（市、区）)

type Who = Username | 'e3-user';
type Body = Record<string, unknown>;

/** The platform, with E3's enterprise account and a date the test moves. */
function processPlatform(backend: Backend) {
  let p: Platform | undefined;
  let app: FastifyInstance | undefined;
  const clock = { today: '2023-09-04' }; // a Monday
  const clients = new Map<string, { cookie: string; csrf: string }>();
  beforeAll(async () => {
    p = await platform(backend);
    app = await buildApp({ store: p.store, process: { today: () => clock.today } });
    const e3 = await createAccount(p.store, { username: 'e3-user', password: PASSWORD, role: 'enterprise', uscc: USCC_E3 }, 'test', false);
    const s = await openSession(p.store, e3, 3600_000, 'test');
    clients.set('e3-user', { cookie: s.token, csrf: s.csrf });
    for (const who of Object.keys(ACCOUNTS) as Username[]) clients.set(who, p.as(who));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await p?.dispose();
  });
  const as = (who: Who) => sender(app!, clients.get(who)!.cookie, clients.get(who)!.csrf);
  const detail = async (id: string) => (await as('jining-admin')('GET', `/api/applications/${id}`)).json();
  /** one step on the version the actor sees now */
  const step = async (who: Who, id: string, action: string, extra: Body = {}) =>
    as(who)('POST', `/api/applications/${id}/actions`, { action, version: (await detail(id)).version, ...extra });
  const setAmount = async (who: Who, id: string, body: Body) =>
    as(who)('POST', `/api/applications/${id}/amount`, { version: (await detail(id)).version, ...body });
  /** E3 applies for `rule` of `year` with `facts` and submits: the application's id */
  const applied = async (rule: string, year: number, facts: Body[]) => {
    const opened = await as('jining-admin')('POST', '/api/windows', { rule, year, opens: '2023-09-01', closes: '2023-09-30' });
    expect(opened.statusCode, opened.body).toBe(200);
    const created = await as('e3-user')('POST', '/api/applications', { subject: 'E3', rule, year, facts });
    expect(created.statusCode, created.body).toBe(201);
    const submitted = await step('e3-user', created.json().id, 'submit');
    expect([submitted.statusCode, submitted.json().state], submitted.body).toEqual([200, 'county-review']);
    return created.json().id as string;
  };
  const setBudget = (who: Who, funder: string, year: number, total: string) => as(who)('POST', '/api/budgets', { document: DOCUMENT, funder, year, total });
  const budgetOf = async (funder: string, year: number) =>
    ((await as('sd-admin')('GET', `/api/budgets?year=${year}`)).json().items as { document: string; funder: string }[]).find((b) => b.document === DOCUMENT && b.funder === funder);
  return { clock, as, detail, step, setAmount, applied, setBudget, budgetOf, store: (): Store => p!.store };
}

const titleFacts = [{ key: 'nationalTitle', value: '1' }];
const hiringFacts = [{ key: 'trainedHireInsuredMonths', value: '6' }];

describe.each(BACKENDS)('budgets at the first step, amounts before the last, on $name', (backend) => {
  const { detail, step, setAmount, applied, setBudget, budgetOf } = processPlatform(backend);

  it('a missing budget is refused at the FIRST level\'s approval; the amount is reserved there and given back on rejection', async () => {
    const id = await applied(TITLE, 2023, titleFacts);
    expect((await detail(id)).decided).toBe('500000.00');
    const none = await step('yanzhou-admin', id, 'approve');
    expect([none.statusCode, none.json().error.code]).toEqual([409, 'no-budget']);
    expect((await detail(id)).state).toBe('county-review');
    expect(await budgetOf(CITY, 2023)).toBeUndefined();
    // one fen short of the 50万元 ceiling: refused at the first level too
    expect((await setBudget('jining-admin', CITY, 2023, '499999.99')).statusCode).toBe(200);
    const short = await step('yanzhou-admin', id, 'approve');
    expect([short.statusCode, short.json().error.code]).toEqual([409, 'over-budget']);
    expect(await budgetOf(CITY, 2023)).toMatchObject({ reserved: '0.00', committed: '0.00' });
    expect((await setBudget('jining-admin', CITY, 2023, '50万元')).statusCode).toBe(200);
    expect((await step('yanzhou-admin', id, 'approve')).json().state).toBe('city-review');
    expect(await budgetOf(CITY, 2023)).toMatchObject({ total: '500000.00', reserved: '500000.00', committed: '0.00', remaining: '0.00', warning: 'exhausted' });
    // a budget is never set below what is reserved
    const lowered = await setBudget('jining-admin', CITY, 2023, '40万元');
    expect([lowered.statusCode, lowered.json().error.code]).toEqual([409, 'below-committed']);
    expect((await step('jining-admin', id, 'reject', { reasons: ['称号未经商务部公示'] })).json().state).toBe('rejected');
    expect(await budgetOf(CITY, 2023)).toMatchObject({ reserved: '0.00', committed: '0.00', remaining: '500000.00', warning: 'none' });
  });

  it('a return for correction gives the reservation back; a lower amount at the last level commits only what it approves', async () => {
    expect((await setBudget('jining-admin', CITY, 2022, '100万元')).statusCode).toBe(200);
    const id = await applied(TITLE, 2022, titleFacts);
    expect((await step('yanzhou-admin', id, 'approve')).json().state).toBe('city-review');
    expect(await budgetOf(CITY, 2022)).toMatchObject({ reserved: '500000.00', committed: '0.00', remaining: '500000.00' });
    expect((await step('jining-admin', id, 'return', { reasons: ['请补充公示文件'] })).json().state).toBe('returned');
    expect(await budgetOf(CITY, 2022)).toMatchObject({ reserved: '0.00', committed: '0.00', remaining: '1000000.00' });
    expect((await step('e3-user', id, 'submit')).json().state).toBe('county-review');
    expect((await step('yanzhou-admin', id, 'approve')).json().state).toBe('city-review');
    expect((await step('jining-admin', id, 'approve', { amount: '30万元', reasons: ['按市级资金安排核定'] })).json()).toMatchObject({ state: 'approved', approved: '300000.00' });
    expect(await budgetOf(CITY, 2022)).toMatchObject({ reserved: '0.00', committed: '300000.00', remaining: '700000.00' });
  });

  it('金额待定: no final approval until the funder sets the amount, with a reason, within its budget', async () => {
    expect((await setBudget('yanzhou-admin', YANZHOU, 2023, '10万元')).statusCode).toBe(200);
    const id = await applied(HIRING, 2023, hiringFacts);
    expect(await detail(id)).toMatchObject({ decided: null, amountPending: true });
    expect((await step('yanzhou-admin', id, 'approve')).json().state).toBe('city-review'); // the budget exists: nothing to reserve yet
    expect(await budgetOf(YANZHOU, 2023)).toMatchObject({ reserved: '0.00', committed: '0.00' });
    const blank = await step('jining-admin', id, 'approve');
    expect([blank.statusCode, blank.json().error.code]).toEqual([409, 'amount-not-set']);
    expect((await detail(id)).state).toBe('city-review');
    // only the funder (兖州) or the province sets it: not the city, not another county
    for (const who of ['jining-admin', 'rencheng-admin'] as const) {
      const r = await setAmount(who, id, { amount: '5万元', reason: '按县级标准' });
      expect([who, r.statusCode, r.json().error.code]).toEqual([who, 403, 'outside-jurisdiction']);
    }
    const noReason = await setAmount('yanzhou-admin', id, { amount: '5万元', reason: '  ' });
    expect([noReason.statusCode, noReason.json().error.details?.[0]?.path]).toEqual([422, 'reason']);
    const over = await setAmount('yanzhou-admin', id, { amount: '100000.01', reason: '按县级标准' });
    expect([over.statusCode, over.json().error.code]).toEqual([409, 'over-budget']);
    expect((await detail(id)).decided).toBeNull();
    const set = await setAmount('yanzhou-admin', id, { amount: '10万元', reason: '按县级标准每人1万元，共10人' });
    expect([set.statusCode, set.json().decided], set.body).toEqual([200, '100000.00']);
    expect(await budgetOf(YANZHOU, 2023)).toMatchObject({ reserved: '100000.00', committed: '0.00', remaining: '0.00' });
    expect((await step('jining-admin', id, 'approve')).json()).toMatchObject({ state: 'approved', approved: '100000.00' });
    expect(await budgetOf(YANZHOU, 2023)).toMatchObject({ reserved: '0.00', committed: '100000.00' });
    const events = (await detail(id)).events as { action: string; reasons: string[]; amount: string | null; by: string }[];
    expect(events.map((e) => e.action)).toEqual(['create', 'submit', 'approve', 'set-amount', 'approve']);
    expect(events[3]).toMatchObject({ reasons: ['按县级标准每人1万元，共10人'], amount: '100000.00', by: 'yanzhou-admin' });
  });
});

describe.each(BACKENDS)('re-decided at each review level and at payment, on $name', (backend) => {
  const { clock, as, detail, step, setAmount, applied, setBudget, store } = processPlatform(backend);
  const changeCodes = async (id: string) => ((await detail(id)).changes as { code: string }[]).map((c) => c.code);

  it('an award granted after queueing (once only) is shown and blocks the approval; the reviewer refuses it', async () => {
    for (const year of [2022, 2023]) expect((await setBudget('jining-admin', CITY, year, '100万元')).statusCode).toBe(200);
    const earlier = await applied(TITLE, 2022, titleFacts);
    const id = await applied(TITLE, 2023, titleFacts);
    expect(await changeCodes(id)).toEqual([]);
    // the 2022 title award is granted while the 2023 one waits
    expect((await step('yanzhou-admin', earlier, 'approve')).json().state).toBe('city-review');
    expect(await changeCodes(id)).toEqual([]); // reserved is not granted
    expect((await step('jining-admin', earlier, 'approve')).json().state).toBe('approved');
    const shown = (await detail(id)).changes;
    expect(shown).toEqual([expect.objectContaining({ code: 'once-granted', zh: expect.stringContaining('2022') })]);
    const blocked = await step('yanzhou-admin', id, 'approve');
    expect([blocked.statusCode, blocked.json().error.code]).toEqual([409, 'decision-changed']);
    expect(blocked.json().error.message.zh).toContain('一次性');
    const blank = await step('yanzhou-admin', id, 'approve', { acknowledge: { reason: ' ' } });
    expect([blank.statusCode, blank.json().error.details?.[0]?.path]).toEqual([422, 'acknowledge.reason']);
    expect((await detail(id)).state).toBe('county-review');
    expect((await step('yanzhou-admin', id, 'reject', { reasons: ['2022年已获得该项一次性奖励'] })).json().state).toBe('rejected');
  });

  it('a blacklist entered after queueing: each level sees it and approves only with a reason (audited); so does the payment', async () => {
    expect((await setBudget('yanzhou-admin', YANZHOU, 2023, '10万元')).statusCode).toBe(200);
    const id = await applied(HIRING, 2023, hiringFacts);
    expect(await changeCodes(id)).toEqual([]);
    const proposed = await as('yanzhou-admin')('POST', '/api/lists', { list: 'black', subject: 'E3', validFrom: '2023-01-01', reason: '严重失信主体' });
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect((await as('jining-admin')('POST', `/api/lists/${proposed.json().id}/review`, { approve: true, version: proposed.json().version })).json().state).toBe('active');
    const shown = (await detail(id)).changes;
    expect(shown).toEqual([expect.objectContaining({ code: 'blacklisted', zh: expect.stringContaining('黑名单'), en: expect.stringContaining('blacklist') })]);
    const blocked = await step('yanzhou-admin', id, 'approve');
    expect([blocked.statusCode, blocked.json().error.code]).toEqual([409, 'decision-changed']);
    expect((await detail(id)).state).toBe('county-review');
    const reason = '黑名单系2023年9月列入，申报事项发生在列入前，经集体研究先行审核';
    const county = await step('yanzhou-admin', id, 'approve', { acknowledge: { reason } });
    expect([county.statusCode, county.json().state], county.body).toEqual([200, 'city-review']);
    const audited = await store().db.selectFrom('audit_log').select(['actor', 'after']).where('action', '=', 'application.approve').where('entity', '=', `applications/${id}`).execute();
    expect(audited).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(audited[0]!.after))).toMatchObject({ acknowledged: { reason, changes: [expect.objectContaining({ code: 'blacklisted' })] } });
    // the city is shown the change too, and acknowledges for itself
    expect((await setAmount('yanzhou-admin', id, { amount: '5万元', reason: '按县级标准' })).statusCode).toBe(200);
    expect((await step('jining-admin', id, 'approve')).json().error.code).toBe('decision-changed');
    expect((await step('jining-admin', id, 'approve', { acknowledge: { reason: '同意县级意见' } })).json().state).toBe('approved');
    const approvals = (await detail(id)).events.filter((e: { action: string }) => e.action === 'approve') as { reasons: string[] }[];
    expect(approvals.map((e) => e.reasons.join('|'))).toEqual([expect.stringContaining(reason), expect.stringContaining('同意县级意见')]);
    // 公示 for 5 working days (Mon 4 – Fri 8 September), final on the 11th; the payment is re-checked too
    expect((await as('jining-admin')('POST', '/api/notices', { title: '2023年度济宁市吸纳培训人员就业支持拟支持名单', applications: [id], ...NOTICE_CONTACT })).statusCode).toBe(201);
    clock.today = '2023-09-11';
    const notice = (await as('jining-admin')('GET', '/api/notices')).json().items[0].id as string;
    expect((await as('jining-admin')('POST', `/api/notices/${notice}/finalize`)).json().state).toBe('final');
    // a first part; the last part (below) makes the award 已拨付: the funder's level (兖州's finance) pays it
    const payment = { application: id, orderNo: 'YZ2023-0001', paidOn: '2023-09-11', amount: '2万元' };
    const unpaid = await as('yanzhou-admin')('POST', '/api/disbursements', payment);
    expect([unpaid.statusCode, unpaid.json().error.code]).toEqual([409, 'decision-changed']);
    expect(await store().db.selectFrom('disbursements').select('order_no').execute()).toEqual([]);
    const paid = await as('yanzhou-admin')('POST', '/api/disbursements', { ...payment, acknowledge: { reason: '经财政局审定拨付' } });
    expect([paid.statusCode, paid.json()], paid.body).toEqual([201, { application: id, paid: '20000.00', approved: '50000.00', state: 'final' }]);
    const rest = await as('yanzhou-admin')('POST', '/api/disbursements', { ...payment, orderNo: 'YZ2023-0002', amount: '3万元', acknowledge: { reason: '经财政局审定拨付' } });
    expect([rest.statusCode, rest.json()], rest.body).toEqual([201, { application: id, paid: '50000.00', approved: '50000.00', state: 'paid' }]);
    const record = await store().db.selectFrom('audit_log').select('after').where('action', '=', 'disbursement.record').execute();
    expect(record.map((r) => JSON.parse(JSON.stringify(r.after)).acknowledged?.reason)).toEqual(['经财政局审定拨付', '经财政局审定拨付']);
  });
});
