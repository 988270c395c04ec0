/**
 * The award process over the API (issue 5), against a real database (PGlite; PostgreSQL when
 * DATABASE_URL is set): apply → county, city and province review → 公示 with an objection →
 * final → payments → paid; a return for correction and a lowered 最高 amount; refusals of steps
 * outside the state machine, of another level and of another jurisdiction; attachments refused
 * for type, size and checksum. The date is moved by the test (the process runs on working days).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { usccCheckChar } from '@duixian/engine';
import { buildApp, CSRF_HEADER, SESSION_COOKIE } from '@duixian/server';
import { createAccount, openSession } from '@duixian/store';
import { BACKENDS } from '../../store/test/backends.js';
import { PASSWORD, platform, type Platform, type Username } from './platform.js';
import { NOTICE_CONTACT } from './notice-contact.js';

const SC_USCC = '91370811MA3C0KKKK' + usccCheckChar('91370811MA3C0KKKK');
const sortingCentre = {
  format: 'duixian/v1', year: 2023,
  subjects: [{ id: 'SC1', kind: 'sortingCentre', name: '示例快递任城一级分拨中心', region: '370811', uscc: SC_USCC, tags: ['expressCompany', 'newlyEstablished', 'firstLevel', 'nationalCoverage', 'provinceCoverage'] }],
  facts: [],
};

describe.each(BACKENDS)('the award process on $name', (backend) => {
  let p: Platform;
  let app: FastifyInstance;
  let today = '2023-09-01';
  const clients = new Map<string, { cookie: string; csrf: string }>();
  const as = (who: string) => {
    const c = clients.get(who)!;
    return (method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) => app.inject({
      method, url, ...(body === undefined ? {} : { payload: body as never }),
      headers: { cookie: `${SESSION_COOKIE}=${c.cookie}`, ...(method === 'POST' ? { [CSRF_HEADER]: c.csrf } : {}), ...headers },
    });
  };

  beforeAll(async () => {
    p = await platform(backend);
    app = await buildApp({ store: p.store, process: { today: () => today } });
    const imported = await p.as('sd-admin').req('POST', '/api/imports?reason=test', sortingCentre);
    expect(imported.statusCode, imported.body).toBe(200);
    const sc = await createAccount(p.store, { username: 'sc-user', password: PASSWORD, role: 'enterprise', uscc: SC_USCC }, 'test', false);
    const s = await openSession(p.store, sc, 3600_000, 'test');
    clients.set('sc-user', { cookie: s.token, csrf: s.csrf });
    for (const who of ['sd-admin', 'jining-admin', 'rencheng-admin', 'yanzhou-admin', 'e1-user', 'sd-auditor', 'dongying-admin'] as Username[]) {
      clients.set(who, { cookie: p.as(who).cookie, csrf: p.as(who).csrf });
    }
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await p?.dispose();
  });

  const step = async (who: string, id: string, action: string, extra: Record<string, unknown> = {}) => {
    const current = (await as(who)('GET', `/api/applications/${id}`)).json();
    return as(who)('POST', `/api/applications/${id}/actions`, { action, version: current.version, ...extra });
  };

  it('apply → county, city and province review → 公示 with an objection → final → paid, each step in the record', async () => {
    const rule = 'sd-2022-42/11.sorting-centre';
    // the province opens the window and sets the budget; nobody may apply before the window opens
    expect((await as('jining-admin')('POST', '/api/windows', { rule, year: 2023, opens: '2023-09-04', closes: '2023-09-15' })).json().error.code).toBe('outside-jurisdiction');
    expect((await as('sd-admin')('POST', '/api/windows', { rule, year: 2023, opens: '2023-09-04', closes: '2023-09-15' })).statusCode).toBe(200);
    expect((await as('sd-admin')('POST', '/api/budgets', { document: 'sd-2022-42', funder: '370000', year: 2023, total: '500万元' })).json()).toMatchObject({ total: '5000000.00', committed: '0.00', warning: 'none' });
    const early = await as('sc-user')('POST', '/api/applications', { subject: 'SC1', rule, year: 2023 });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'window-closed']);
    today = '2023-09-04';
    const created = await as('sc-user')('POST', '/api/applications', { subject: 'SC1', rule, year: 2023 });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ state: 'draft', chain: ['county', 'city', 'province'], region: '370811', actions: ['save', 'submit', 'withdraw'] });
    // another enterprise cannot see it; a county of another place neither
    expect((await as('e1-user')('GET', `/api/applications/${id}`)).json().error.code).toBe('outside-jurisdiction');
    expect((await as('yanzhou-admin')('GET', `/api/applications/${id}`)).json().error.code).toBe('outside-jurisdiction');

    const submitted = await step('sc-user', id, 'submit');
    expect(submitted.json()).toMatchObject({ state: 'county-review', decided: '3000000.00', reviewDue: '2023-09-18', deadline: 'ok' });
    // out of turn: the city and the province wait for the county; the enterprise cannot approve
    const early3 = await step('jining-admin', id, 'approve');
    expect([early3.statusCode, early3.json().error.code]).toEqual([403, 'wrong-level']);
    const self = await step('sc-user', id, 'approve');
    expect([self.statusCode, self.json().error.code]).toEqual([403, 'not-your-role']);
    expect((await step('rencheng-admin', id, 'approve')).json()).toMatchObject({ state: 'city-review' });
    expect((await step('jining-admin', id, 'approve')).json()).toMatchObject({ state: 'province-review' });
    // a fixed amount cannot be changed by the last reviewer
    expect((await step('sd-admin', id, 'approve', { amount: '200万元', reasons: ['预算紧张'] })).json().error.code).toBe('fixed-amount');
    expect((await step('sd-admin', id, 'approve')).json()).toMatchObject({ state: 'approved', approved: '3000000.00' });
    expect((await as('sd-admin')('GET', '/api/budgets?year=2023')).json().items[0]).toMatchObject({ committed: '3000000.00', remaining: '2000000.00', warning: 'none' });

    // 公示 from Wed 27 September 2023 for 5 working days: 9/27, 9/28, then the National Day holiday, 10/7, 10/8 (调休), 10/9
    today = '2023-09-27';
    const notice = await as('sd-admin')('POST', '/api/notices', { title: '2023年度省级电商政策拟支持名单', applications: [id], ...NOTICE_CONTACT });
    expect([notice.statusCode, notice.json().ends, notice.json().days]).toEqual([201, '2023-10-09', 5]);
    const noticeId = notice.json().id as string;
    expect((await as('sc-user')('GET', `/api/applications/${id}`)).json().state).toBe('on-notice');
    expect((await as('e1-user')('GET', `/api/notices/${noticeId}`)).json().error.code).toBe('outside-jurisdiction'); // E1 is not on it
    expect((await as('sc-user')('GET', '/api/notices')).json().items.map((n: { id: string }) => n.id)).toEqual([noticeId]);
    const objected = await as('sd-admin')('POST', `/api/notices/${noticeId}/objections`, { application: id, text: '该分拨中心并非新设', fromWhom: '匿名' });
    expect(objected.statusCode).toBe(201);
    const objection = objected.json().objections[0].id as string;
    today = '2023-10-10';
    const early2 = await as('sd-admin')('POST', `/api/notices/${noticeId}/finalize`);
    expect([early2.statusCode, early2.json().error.code]).toEqual([409, 'objection-open']);
    expect((await as('sd-admin')('POST', `/api/objections/${objection}/resolve`, { upheld: false, resolution: '经核实为2023年新设，异议不成立' })).json().objections[0]).toMatchObject({ status: 'dismissed' });
    expect((await as('sd-admin')('POST', `/api/notices/${noticeId}/finalize`)).json().state).toBe('final');
    expect((await as('sc-user')('GET', `/api/applications/${id}`)).json().state).toBe('final');

    // payments (dated today: a payment is never dated ahead): in two parts; never more than approved; an order number once
    const pay = (orderNo: string, amount: string) => as('sd-admin')('POST', '/api/disbursements', { application: id, orderNo, paidOn: '2023-10-10', amount });
    expect((await pay('ZF2023-0001', '100万元')).json()).toMatchObject({ paid: '1000000.00', state: 'final' });
    expect((await pay('ZF2023-0001', '100万元')).json().error.code).toBe('order-used');
    expect((await pay('ZF2023-0002', '200.01万元')).json().error.code).toBe('over-approved');
    expect((await pay('ZF2023-0002', '200万元')).json()).toMatchObject({ paid: '3000000.00', state: 'paid' });
    const done = (await as('sc-user')('GET', `/api/applications/${id}`)).json();
    expect(done.state).toBe('paid');
    expect(done.events.map((e: { action: string; to: string; level: string | null }) => `${e.action}→${e.to}${e.level ? `@${e.level}` : ''}`)).toEqual([
      'create→draft', 'submit→county-review', 'approve→city-review@county', 'approve→province-review@city', 'approve→approved@province',
      'publish→on-notice', 'finalize→final', 'pay→paid',
    ]);
    const csv = await as('sd-admin')('GET', '/api/disbursements?format=csv');
    expect(csv.body.replace(/^\ufeff/, '').trim().split('\r\n')).toEqual([
      '支付指令号,拨付日期,金额（元）,申报编号,企业名称,统一社会信用代码,条款,文件,资金来源,年度',
      `ZF2023-0001,2023-10-10,1000000.00,${id},示例快递任城一级分拨中心,${SC_USCC},${rule},sd-2022-42,370000,2023`,
      `ZF2023-0002,2023-10-10,2000000.00,${id},示例快递任城一级分拨中心,${SC_USCC},${rule},sd-2022-42,370000,2023`,
    ]);
    expect((await as('sd-admin')('GET', '/api/budgets?year=2023')).json().totals).toEqual([{ funder: '370000', total: '5000000.00', committed: '3000000.00', reserved: '0.00', paid: '3000000.00' }]);
  });

  it('returned for correction, corrected, resubmitted; the city approves less than the 最高 ceiling, with a reason, never more', async () => {
    const rule = 'jining-2022-54/2.national-title'; // 济宁: county first review, then the city's final review; 最高50万元
    today = '2023-09-01';
    expect((await as('jining-admin')('POST', '/api/windows', { rule, year: 2023, opens: '2023-09-01', closes: '2023-09-30' })).statusCode).toBe(200);
    expect((await as('jining-admin')('POST', '/api/budgets', { document: 'jining-2022-54', funder: '370800', year: 2023, total: '100万元' })).statusCode).toBe(200);
    // a rule decided from the statistics needs no application
    const automatic = await as('e1-user')('POST', '/api/applications', { subject: 'E1', rule: 'sd-2022-42/2.traffic', year: 2023 });
    expect([automatic.statusCode, automatic.json().error.code]).toEqual([422, 'automatic-rule']);
    const id = (await as('e1-user')('POST', '/api/applications', { subject: 'E1', rule, year: 2023, facts: [] })).json().id as string;
    // without the title the engine says what fails; the draft is kept
    const bare = await step('e1-user', id, 'submit');
    expect([bare.statusCode, bare.json().error.code]).toEqual([422, 'not-eligible']);
    const saved = await as('e1-user')('POST', `/api/applications/${id}/facts`, { version: 1, facts: [{ key: 'nationalTitle', value: '1' }] });
    expect([saved.statusCode, saved.json().version]).toEqual([200, 2]);
    const stale = await as('e1-user')('POST', `/api/applications/${id}/facts`, { version: 1, facts: [] });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'stale']);
    expect((await step('e1-user', id, 'submit')).json()).toMatchObject({ state: 'county-review', decided: '500000.00', ceiling: true });
    expect((await step('rencheng-admin', id, 'return')).json().error.code).toBe('reason-required');
    expect((await step('rencheng-admin', id, 'return', { reasons: ['请上传商务部公示文件'] })).json().state).toBe('returned');
    expect((await step('e1-user', id, 'submit')).json().state).toBe('county-review');
    expect((await step('rencheng-admin', id, 'approve')).json().state).toBe('city-review');
    expect((await step('jining-admin', id, 'approve', { amount: '60万元', reasons: ['x'] })).json().error.code).toBe('more-than-decided');
    expect((await step('jining-admin', id, 'approve', { amount: '30万元' })).json().error.code).toBe('reason-required');
    expect((await step('jining-admin', id, 'approve', { amount: '30万元', reasons: ['按市级资金安排核定'] })).json()).toMatchObject({ state: 'approved', approved: '300000.00' });
    expect((await as('jining-admin')('GET', '/api/budgets?year=2023')).json().items.find((b: { document: string }) => b.document === 'jining-2022-54')).toMatchObject({ committed: '300000.00', remaining: '700000.00' });
    const events = (await as('jining-admin')('GET', `/api/applications/${id}`)).json().events as { action: string; reasons: string[]; amount: string | null }[];
    expect(events.map((e) => e.action)).toEqual(['create', 'save', 'submit', 'return', 'submit', 'approve', 'approve']);
    expect(events[3]!.reasons).toEqual(['请上传商务部公示文件']);
    expect(events.at(-1)).toMatchObject({ reasons: ['按市级资金安排核定'], amount: '300000.00' });
    // the province sees it (read), an auditor too; 东营 does not
    expect((await as('sd-auditor')('GET', `/api/applications/${id}`)).statusCode).toBe(200);
    expect((await as('dongying-admin')('GET', `/api/applications/${id}`)).json().error.code).toBe('outside-jurisdiction');
  });

  it('a rule that ranks (前3名) decides an application among the stored peers, not the applicant alone', async () => {
    const rule = 'dongying-2020-9/3.3.agri'; // 东营: 年网络零售额500万元以上、排名前3位 → 30万、20万、10万
    const agri = (id: string, retail: string, uscc?: string) => ({
      subject: { id, kind: 'enterprise', name: `东营农产品电商${id}`, region: '370502', tags: ['sellsLocalAgriProducts'], ...(uscc ? { uscc } : {}) },
      fact: { subject: id, year: 2023, key: 'onlineRetail', value: retail, source: '统计局' },
    });
    const uscc = (first17: string) => first17 + usccCheckChar(first17);
    const rows = [agri('AG1', '3000万元'), agri('AG2', '2000万元'), agri('AG3', '1000万元'), agri('AG4', '800万元', uscc('91370502MA3C0AAAA')), agri('AG5', '2500万元', uscc('91370502MA3C0BBBB'))];
    expect((await as('dongying-admin')('POST', '/api/imports?reason=test', { format: 'duixian/v1', year: 2023, subjects: rows.map((r) => r.subject), facts: rows.map((r) => r.fact) })).statusCode).toBe(200);
    today = '2023-09-05';
    expect((await as('dongying-admin')('POST', '/api/windows', { rule, year: 2023, opens: '2023-09-01', closes: '2023-09-30' })).statusCode).toBe(200);
    const apply = async (username: string, subject: string) => {
      const account = await createAccount(p.store, { username, password: PASSWORD, role: 'enterprise', uscc: rows.find((r) => r.subject.id === subject)!.subject.uscc! }, 'test', false);
      const s = await openSession(p.store, account, 3600_000, 'test');
      clients.set(username, { cookie: s.token, csrf: s.csrf });
      const id = (await as(username)('POST', '/api/applications', { subject, rule, year: 2023 })).json().id as string;
      return step(username, id, 'submit');
    };
    // 800万元 is 4th of five: over 500万元, but not in the first three — alone it would have been first (30万元)
    const fourth = await apply('ag4-user', 'AG4');
    expect([fourth.statusCode, fourth.json().error.code]).toEqual([422, 'not-eligible']);
    expect(fourth.json().error.message.zh).toContain('排名');
    // 2500万元 is 2nd (after 3000万元): 20万元
    expect((await apply('ag5-user', 'AG5')).json()).toMatchObject({ state: 'county-review', decided: '200000.00' });
  });

  it('attachments: the wrong type, a file that is not what it says, more than 10 MB, and a wrong checksum are refused; a good one reads back', async () => {
    today = '2023-09-02';
    const id = (await as('e1-user')('GET', '/api/applications?rule=jining-2022-54/2.national-title')).json().items[0].id as string;
    const draft = (await as('sc-user')('GET', '/api/applications')).json().items[0].id as string; // paid already
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1000, 0x20)]);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const upload = (who: string, app: string, body: Buffer, type: string, checksum = sha(body)) =>
      as(who)('POST', `/api/applications/${app}/attachments`, body, { 'content-type': type, 'x-file-name': encodeURIComponent('商务部公示.pdf'), 'x-content-sha256': checksum });
    const notEditable = await upload('sc-user', draft, pdf, 'application/pdf');
    expect([notEditable.statusCode, notEditable.json().error.code]).toEqual([409, 'not-editable']);
    // evidence goes with a draft: E1's title application is approved already, so a draft of another rule
    expect((await as('jining-admin')('POST', '/api/windows', { rule: 'jining-2022-54/8.hiring', year: 2023, opens: '2023-09-01', closes: '2023-09-30' })).statusCode).toBe(200);
    expect((await upload('e1-user', id, pdf, 'application/pdf')).json().error.code).toBe('not-editable');
    const fresh = await as('e1-user')('POST', '/api/applications', { subject: 'E1', rule: 'jining-2022-54/8.hiring', year: 2023 });
    expect(fresh.statusCode).toBe(201);
    const target = fresh.json().id as string;
    const wrongType = await upload('e1-user', target, Buffer.from('plain text'), 'text/plain');
    expect([wrongType.statusCode, wrongType.json().error.code]).toEqual([415, 'attachment-type']);
    const pretending = await upload('e1-user', target, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), 'application/pdf');
    expect([pretending.statusCode, pretending.json().error.code]).toEqual([415, 'attachment-type']);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 2 ** 20, 0x20)]);
    const oversize = await upload('e1-user', target, big, 'application/pdf');
    expect([oversize.statusCode, oversize.json().error.code]).toEqual([413, 'too-large']);
    const bad = await upload('e1-user', target, pdf, 'application/pdf', sha(Buffer.from('something else')));
    expect([bad.statusCode, bad.json().error.code]).toEqual([422, 'checksum-mismatch']);
    const good = await upload('e1-user', target, pdf, 'application/pdf');
    expect(good.json()).toMatchObject({ name: '商务部公示.pdf', type: 'application/pdf', size: pdf.length, sha256: sha(pdf) });
    const back = await as('rencheng-admin')('GET', `/api/applications/${target}/attachments/${good.json().id}`);
    expect([back.statusCode, back.headers['content-type'], sha(back.rawPayload)]).toEqual([200, 'application/pdf', sha(pdf)]);
    expect((await as('yanzhou-admin')('GET', `/api/applications/${target}/attachments/${good.json().id}`)).statusCode).toBe(403);
    const listed = (await as('e1-user')('GET', `/api/applications/${target}`)).json().attachments;
    expect(listed).toHaveLength(1);
  });

  it('免申即享: the awards of an official run that need no application go onto the county review list, once', async () => {
    const run = (await as('sd-admin')('POST', '/api/runs', { year: 2023 })).json().id as string;
    const first = await as('rencheng-admin')('POST', `/api/runs/${run}/enlist`);
    expect(first.statusCode).toBe(200);
    expect(first.json().created).toBeGreaterThan(0);
    expect((await as('rencheng-admin')('POST', `/api/runs/${run}/enlist`)).json()).toEqual({ created: 0, existing: first.json().created });
    const listed = (await as('rencheng-admin')('GET', '/api/applications?state=county-review')).json().items as { mode: string; region: string; decided: string | null; runId: string }[];
    const automatic = listed.filter((a) => a.mode === 'automatic');
    expect(automatic).toHaveLength(first.json().created);
    expect(automatic.every((a) => a.region === '370811' && a.runId === run)).toBe(true);
    const sim = (await as('sd-admin')('POST', '/api/runs', { year: 2023, simulation: true, interpretations: { 'I-pool': 'largest-first' } })).json().id as string;
    expect((await as('sd-admin')('POST', `/api/runs/${sim}/enlist`)).json().error.code).toBe('not-official');
  });
}, 300_000);
