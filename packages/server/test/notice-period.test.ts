/**
 * 公示 lasts its full period, starting no earlier than it is published (authority and abuse,
 * point 3). The abuse: a notice "published" on a past date for one day and finalized at once.
 * Now `published` is the server's today or later, the period is at least the configured minimum
 * (DUIXIAN_NOTICE_MIN_DAYS, default 5 working days, counted on the State Council's calendar of
 * the year — 国庆+中秋 2025 here), finalizing before its last day has passed is refused, and
 * publishing and finalizing are audit entries. Against PGlite, and PostgreSQL with DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, enlist, setBudget, type Store } from '@duixian/store';
import { CHINA_OFFICIAL } from '@duixian/workflow';
import { BACKENDS } from '../../store/test/backends.js';
import { dated, platform, type Platform, type Username } from './platform.js';
import { NOTICE_CONTACT } from './notice-contact.js';

const DOCUMENT = 'jining-2022-54'; // 济宁: county first review, then the city decides and publishes
const RULES = ['jining-2022-54/2.national-title', 'jining-2022-54/8.hiring', 'jining-2022-54/2.county-honor', 'jining-2022-54/2.retail-2023'];
const AMOUNT = 10_0000_00; // 10万元 in fen

/** E1 (任城, 济宁) approved under each rule by the county and the city, as the review would leave it. */
async function approvedApplications(store: Store, today: string): Promise<string[]> {
  await setBudget(store, { document: DOCUMENT, funder: '370800', year: 2023, totalFen: RULES.length * AMOUNT }, 'test');
  await enlist(store, RULES.map((rule) => ({
    subjectId: 'E1', rule, document: DOCUMENT, year: 2023, chain: ['county', 'city'], region: '370811', runId: null,
    decided: { fen: AMOUNT, ceiling: false, funder: '370800', explanation: null },
  })), 'test', today, CHINA_OFFICIAL);
  const rows = await store.db.selectFrom('applications').select('id').where('document', '=', DOCUMENT).orderBy('id').execute();
  const ids = rows.map((r) => String(r.id));
  for (const id of ids) {
    await act(store, id, { action: 'approve', role: 'county-admin', version: 1 }, 'county-reviewer', today, CHINA_OFFICIAL);
    await act(store, id, { action: 'approve', role: 'city-admin', version: 2 }, 'city-reviewer', today, CHINA_OFFICIAL);
  }
  return ids;
}

describe.each(BACKENDS)('公示 period on $name', (backend) => {
  let p: Platform;
  let today = '2025-09-26'; // a Friday, two working days before 国庆+中秋 2025
  let app: Awaited<ReturnType<typeof dated>>;
  let strict: Awaited<ReturnType<typeof dated>>; // DUIXIAN_NOTICE_MIN_DAYS=7
  let ids: string[];
  const as = (who: Username) => app.as(who);

  beforeAll(async () => {
    p = await platform(backend);
    app = await dated(p, () => today);
    strict = await dated(p, () => today, { noticeMinDays: 7 });
    ids = await approvedApplications(p.store, today);
  }, 120_000);
  afterAll(async () => {
    await app?.app.close();
    await strict?.app.close();
    await p?.dispose();
  });

  const stateOf = async (id: string) => (await p.store.db.selectFrom('applications').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;
  const notices = async () => (await p.store.db.selectFrom('notices').select(['id', 'published', 'days', 'ends']).orderBy('id').execute()).map((n) => ({ ...n, id: String(n.id) }));
  const audited = async (entity: string) => (await p.store.db.selectFrom('audit_log').select(['action', 'actor']).where('entity', '=', entity).orderBy('seq').execute());
  const publish = (body: Record<string, unknown>, send = as('jining-admin')) => send('POST', '/api/notices', { title: '2023年度济宁市电商政策拟支持名单', ...NOTICE_CONTACT, ...body });

  it('a notice dated before today is refused, naming `published`; nothing is written', async () => {
    for (const published of ['2025-09-25', '2023-01-03']) {
      const r = await publish({ applications: [ids[0]], published, days: 5 });
      expect([r.statusCode, r.json().error?.details?.[0]?.path], r.body).toEqual([422, 'published']);
      expect(r.json().error.message.zh).toContain('2025-09-26');
    }
    expect(await notices()).toEqual([]);
    expect(await stateOf(ids[0]!)).toBe('approved');
    expect(await p.store.db.selectFrom('audit_log').select('seq').where('action', '=', 'notice.publish').execute()).toEqual([]);
  });

  it('a period shorter than the minimum (5 working days) is refused, naming `days`; 5 is accepted', async () => {
    for (const days of [1, 4]) {
      const r = await publish({ applications: [ids[0]], days });
      expect([r.statusCode, r.json().error?.details?.[0]?.path], r.body).toEqual([422, 'days']);
      expect(r.json().error.message.zh).toContain('5');
    }
    expect(await notices()).toEqual([]);
    expect(await stateOf(ids[0]!)).toBe('approved');
    // today, 5 working days: 9/26, 9/28 (Sunday, worked), 9/29, 9/30, then 10/1–10/8 off, 10/9
    const r = await publish({ applications: [ids[0]], days: 5 });
    expect([r.statusCode, r.json().published, r.json().days, r.json().ends], r.body).toEqual([201, '2025-09-26', 5, '2025-10-09']);
    expect(await stateOf(ids[0]!)).toBe('on-notice');
  });

  it('a later date is allowed, and the period counts from it', async () => {
    // Monday 9/29: 9/29, 9/30, 10/9, 10/10, 10/11 (Saturday, worked)
    const r = await publish({ applications: [ids[1]], published: '2025-09-29' });
    expect([r.statusCode, r.json().published, r.json().days, r.json().ends], r.body).toEqual([201, '2025-09-29', 5, '2025-10-11']);
  });

  it('the minimum is the configured one (DUIXIAN_NOTICE_MIN_DAYS=7): 6 refused, 7 by default', async () => {
    const six = await publish({ applications: [ids[2]], days: 6 }, strict.as('jining-admin'));
    expect([six.statusCode, six.json().error?.details?.[0]?.path], six.body).toEqual([422, 'days']);
    expect(six.json().error.message.zh).toContain('7');
    expect(await stateOf(ids[2]!)).toBe('approved');
    // 9/26, 9/28, 9/29, 9/30, 10/9, 10/10, 10/11
    const r = await publish({ applications: [ids[2]] }, strict.as('jining-admin'));
    expect([r.statusCode, r.json().days, r.json().ends], r.body).toEqual([201, 7, '2025-10-11']);
  });

  it('finalizing on the last day is refused; on the next working day the list is final; both are audit entries', async () => {
    const notice = (await notices()).find((n) => n.published === '2025-09-26' && n.days === 5)!;
    expect(notice.ends).toBe('2025-10-09');
    for (const day of ['2025-09-26', '2025-10-08', '2025-10-09']) {
      today = day;
      const early = await as('jining-admin')('POST', `/api/notices/${notice.id}/finalize`);
      expect([early.statusCode, early.json().error?.code], `${day}: ${early.body}`).toEqual([409, 'notice-running']);
      expect(early.json().error.message.zh).toContain('2025-10-09');
    }
    expect(await stateOf(ids[0]!)).toBe('on-notice');
    expect(await audited(`notices/${notice.id}`)).toEqual([{ action: 'notice.publish', actor: 'jining-admin' }]);
    today = '2025-10-10';
    const done = await as('jining-admin')('POST', `/api/notices/${notice.id}/finalize`);
    expect([done.statusCode, done.json().state], done.body).toEqual([200, 'final']);
    expect(await stateOf(ids[0]!)).toBe('final');
    expect(await audited(`notices/${notice.id}`)).toEqual([{ action: 'notice.publish', actor: 'jining-admin' }, { action: 'notice.finalize', actor: 'jining-admin' }]);
  });

  it('GET /api/calendar: the years the calendar knows and the current or next one it lacks, to administrators only', async () => {
    today = '2026-12-05';
    const r = await as('sd-admin')('GET', '/api/calendar');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ today: '2026-12-05', missing: [2027], noticeMinDays: 5 });
    expect(r.json().years).toEqual(expect.arrayContaining([2023, 2024, 2025, 2026]));
    expect(r.json().years).not.toContain(2027);
    expect((await strict.as('jining-admin')('GET', '/api/calendar')).json()).toMatchObject({ missing: [2027], noticeMinDays: 7 });
    today = '2025-09-26';
    expect((await as('rencheng-admin')('GET', '/api/calendar')).json().missing).toEqual([]);
    for (const who of ['e1-user', 'sd-auditor', 'jining-bank'] as const) {
      expect((await as(who)('GET', '/api/calendar')).statusCode, who).toBe(403);
    }
  });
}, 300_000);
