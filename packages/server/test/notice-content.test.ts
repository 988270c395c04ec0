/**
 * A 公示 the public can read (issue 16, point 2): every notice says where objections go (the office,
 * its telephone and address — required when publishing, each refused by name when missing), and
 * lists for each award the enterprise's name, its USCC, the clause (文号, article, title) and the
 * amount, as they stood on the day it was published. The public reads it without signing in, from
 * its first day, with nothing of ours in it (no application numbers, rule ids or subject ids); an
 * entry an upheld objection took off is no longer published. Against PGlite, and PostgreSQL with
 * DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, enlist } from '@duixian/store';
import { CHINA_OFFICIAL } from '@duixian/workflow';
import { BACKENDS } from '../../store/test/backends.js';
import { USCC } from '../../interchange/test/fixtures.js';
import { dated, platform, sender, USCC_E3, type Platform, type Username } from './platform.js';
import { approved, NOTICE_CONTACT, NOTICE_DOCUMENT } from './notice-contact.js';

const DOCUMENT = NOTICE_DOCUMENT;
const CONTACT = NOTICE_CONTACT;

/** What the public reads of each award, as written by hand from the corpus and the fixture. */
const E1_ENTRY = { subjectName: '示例电商有限公司', uscc: USCC, clause: '济政字〔2022〕54号 第二条 国家级示范称号一次性奖励', amount: '100000.00' };
const E3_ENTRY = { subjectName: '兖州示例电商有限公司', uscc: USCC_E3, clause: '济政字〔2022〕54号 第二条 2023年度电商龙头企业分档一次性奖励', amount: '200000.00' };

describe.each(BACKENDS)('公示 content on $name', (backend) => {
  let p: Platform;
  let today = '2025-09-26'; // a Friday; 5 working days end on 2025-10-09 (国庆+中秋 skipped)
  let app: Awaited<ReturnType<typeof dated>>;
  let ids: { e1: string; e3: string };
  let noticeId: string;
  const as = (who: Username) => app.as(who);
  const anyone = () => sender(app.app, '', '');
  const title = '2023年度济宁市电商政策拟支持名单';
  const publish = (body: Record<string, unknown>) => as('jining-admin')('POST', '/api/notices', { title, applications: [ids.e1, ids.e3], ...body });

  beforeAll(async () => {
    p = await platform(backend);
    app = await dated(p, () => today);
    ids = await approved(p.store, today);
  }, 120_000);
  afterAll(async () => {
    await app?.app.close();
    await p?.dispose();
  });

  it('publishing without the office, telephone or address is refused naming the field; a telephone must be one; nothing is written', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ phone: CONTACT.phone, address: CONTACT.address }, 'office', '受理异议的单位'],
      [{ ...CONTACT, office: '   ' }, 'office', '受理异议的单位'],
      [{ office: CONTACT.office, address: CONTACT.address }, 'phone', '联系电话'],
      [{ office: CONTACT.office, phone: CONTACT.phone }, 'address', '联系地址'],
      [{ ...CONTACT, phone: '找张科长' }, 'phone', '电话号码'],
      [{ ...CONTACT, phone: '12' }, 'phone', '电话号码'],
    ];
    for (const [body, field, words] of cases) {
      const r = await publish(body);
      expect([r.statusCode, r.json().error?.details?.[0]?.path], `${JSON.stringify(body)}: ${r.body}`).toEqual([422, field]);
      expect(r.json().error.message.zh).toContain(words);
    }
    expect(await p.store.db.selectFrom('notices').select('id').execute()).toEqual([]);
    expect((await p.store.db.selectFrom('applications').select('state').execute()).map((a) => a.state)).toEqual(['approved', 'approved']);
  });

  it('a published notice lists who gets what under which clause, and where to object; the audit keeps the office', async () => {
    const r = await publish({ ...CONTACT, phone: '0537-2345678转801' });
    expect(r.statusCode, r.body).toBe(201);
    noticeId = r.json().id;
    expect(r.json()).toMatchObject({ published: '2025-09-26', days: 5, ends: '2025-10-09', ...CONTACT, phone: '0537-2345678转801' });
    expect(r.json().entries).toEqual([
      { applicationId: ids.e1, rule: `${DOCUMENT}/2.national-title`, ...E1_ENTRY, listed: true },
      { applicationId: ids.e3, rule: `${DOCUMENT}/2.retail-2023`, ...E3_ENTRY, listed: true },
    ]);
    const row = await p.store.db.selectFrom('notices').select(['office', 'phone', 'address']).where('id', '=', noticeId).executeTakeFirstOrThrow();
    expect(row).toEqual({ ...CONTACT, phone: '0537-2345678转801' });
    const audit = await p.store.db.selectFrom('audit_log').select('after').where('entity', '=', `notices/${noticeId}`).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).toContain(CONTACT.office);
  });

  it('what was published stays: renaming the enterprise afterwards changes nothing on the notice', async () => {
    await p.store.db.updateTable('subjects').set({ name: '改名后的公司' }).where('id', '=', 'E1').execute();
    try {
      const n = (await as('jining-admin')('GET', `/api/notices/${noticeId}`)).json();
      expect(n.entries[0].subjectName).toBe('示例电商有限公司');
    } finally {
      await p.store.db.updateTable('subjects').set({ name: '示例电商有限公司' }).where('id', '=', 'E1').execute();
    }
  });

  it('the public reads it without signing in: name, USCC, clause, amount, period, office; no ids of ours, no objections', async () => {
    const r = await anyone()('GET', '/api/public/notices');
    expect(r.statusCode, r.body).toBe(200);
    expect([r.json().total, r.json().page, r.json().pageSize]).toEqual([1, 1, 10]);
    expect(r.json().items).toEqual([{
      id: noticeId, title, publisher: '济宁市', published: '2025-09-26', days: 5, ends: '2025-10-09', state: 'running',
      ...CONTACT, phone: '0537-2345678转801', entries: [E1_ENTRY, E3_ENTRY],
    }]);
    for (const internal of [`${DOCUMENT}/`, '"E1"', '"E3"', 'applicationId', 'objections', 'jining-admin']) expect(r.body).not.toContain(internal);
    // the enterprise on the list reads the same names in its own view
    const mine = (await as('e1-user')('GET', `/api/notices/${noticeId}`)).json();
    expect(mine.entries.map((e: { subjectName: string }) => e.subjectName)).toEqual(['示例电商有限公司', '兖州示例电商有限公司']);
  });

  it('a notice dated later is public from its first day, not before; a page at a time', async () => {
    await enlist(p.store, [{
      subjectId: 'E1', rule: `${DOCUMENT}/2.county-honor`, document: DOCUMENT, year: 2023, chain: ['county', 'city'], region: '370811', runId: null,
      decided: { fen: null, ceiling: false, funder: '370800', explanation: null },
    }], 'test', today, CHINA_OFFICIAL);
    const honour = String((await p.store.db.selectFrom('applications').select('id').where('rule', '=', `${DOCUMENT}/2.county-honor`).executeTakeFirstOrThrow()).id);
    await act(p.store, honour, { action: 'approve', role: 'county-admin', version: 1 }, 'county-reviewer', today, CHINA_OFFICIAL);
    await act(p.store, honour, { action: 'approve', role: 'city-admin', version: 2 }, 'city-reviewer', today, CHINA_OFFICIAL);
    const later = await as('jining-admin')('POST', '/api/notices', { title: '通报表扬名单', applications: [honour], published: '2025-09-29', ...CONTACT });
    expect(later.statusCode, later.body).toBe(201);
    const titles = async () => (await anyone()('GET', '/api/public/notices')).json().items.map((n: { title: string }) => n.title);
    expect(await titles()).toEqual([title]); // Friday: Monday's notice is not out yet
    today = '2025-09-29';
    expect(await titles()).toEqual(['通报表扬名单', title]);
    // a page at a time, newest first, at most 20 notices to a page
    const page = async (q: string) => (await anyone()('GET', `/api/public/notices?${q}`)).json();
    expect(await page('pageSize=1')).toMatchObject({ page: 1, pageSize: 1, total: 2, items: [{ title: '通报表扬名单' }] });
    expect(await page('page=2&pageSize=1')).toMatchObject({ page: 2, total: 2, items: [{ title }] });
    const tooMany = await anyone()('GET', '/api/public/notices?pageSize=21');
    expect([tooMany.statusCode, tooMany.json().error.details[0].path]).toEqual([400, 'query.pageSize']);
    // an honour has no amount: null, never 0
    const honours = (await anyone()('GET', '/api/public/notices')).json().items[0];
    expect(honours.entries).toEqual([{ subjectName: '示例电商有限公司', uscc: USCC, clause: '济政字〔2022〕54号 第二条 培育电商企业通报表扬', amount: null }]);
  });

  it('an upheld objection takes the entry off the public list; staff still see it, marked; the enterprise reads the list as published, without objections', async () => {
    const o = await as('jining-admin')('POST', `/api/notices/${noticeId}/objections`, { application: ids.e3, text: '该企业2023年网络零售额不实', fromWhom: '匿名' });
    expect(o.statusCode, o.body).toBe(201);
    const objection = o.json().objections[0].id as string;
    const upheld = await as('jining-admin')('POST', `/api/objections/${objection}/resolve`, { upheld: true, resolution: '经核查，数据不实' });
    expect(upheld.statusCode, upheld.body).toBe(200);
    expect(upheld.json().entries.map((e: { subjectName: string; listed: boolean }) => [e.subjectName, e.listed])).toEqual([['示例电商有限公司', true], ['兖州示例电商有限公司', false]]);
    const pub = (await anyone()('GET', '/api/public/notices')).json().items.find((n: { id: string }) => n.id === noticeId);
    expect(pub.entries).toEqual([E1_ENTRY]);
    // who objected to whom is the office's business: the enterprise on the list reads the list only
    const mine = (await as('e1-user')('GET', `/api/notices/${noticeId}`)).json();
    expect([mine.objections, mine.entries.map((e: { subjectName: string }) => e.subjectName)]).toEqual([[], ['示例电商有限公司']]);
    expect((await as('e1-user')('GET', '/api/notices')).json().items.find((n: { id: string }) => n.id === noticeId).objections).toEqual([]);
    expect((await as('jining-auditor')('GET', `/api/notices/${noticeId}`)).json().objections).toHaveLength(1);
  });
}, 300_000);
