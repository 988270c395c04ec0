/**
 * 白名单与信用黑名单 over the API, against a real database (PGlite; PostgreSQL when DATABASE_URL is
 * set): propose → review by another administrator of the region or above → remove, each step in
 * the entry's history and the audit log; every bad field named, and nothing written; imports of
 * JSON and CSV all or nothing, each problem at its row and column, each row outside the
 * jurisdiction named; and the blacklist withholding a subject's awards in the next run (with a
 * different input hash), until the entry is removed.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Store } from '@duixian/store';
import { BACKENDS } from '../../store/test/backends.js';
import { USCC } from '../../interchange/test/fixtures.js';
import { datedPlatform, USCC_E3, type Username } from './platform.js';

/** Rows of the tables the lists write: equal before and after means nothing was written. */
async function written(store: Store): Promise<string> {
  const n = async (t: string) => Number((await sql<{ n: string | number }>`select count(*) as n from ${sql.table(t)}`.execute(store.db)).rows[0]!.n);
  return `${await n('list_entries')} entries, ${await n('list_events')} events, ${await n('audit_log')} audit`;
}

const CSV_HEAD = '名单,类别,主体编号,名称,统一社会信用代码,地区,理由,生效日期,失效日期';

describe.each(BACKENDS)('white and black lists on $name', (backend) => {
  let today = '2023-09-01';
  const env = datedPlatform(backend, () => today);
  const as = (who: Username) => env.as(who);

  it('propose → refused for the proposer and another county → approved by the city → removed with a reason; history and audit', async () => {
    const proposed = await as('rencheng-admin')('POST', '/api/lists', { list: 'white', category: 'mcn', subject: 'E1', validFrom: '2023-01-01', validTo: '2023-12-31', reason: '2023年度MCN机构' });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const entry = proposed.json();
    // name, USCC and region come from the stored subject
    expect(entry).toMatchObject({ list: 'white', category: 'mcn', categoryName: 'MCN机构', subjectId: 'E1', name: '示例电商有限公司', uscc: USCC, region: '370811', state: 'pending', version: 1, inForce: false, actions: ['approve', 'refuse'] });
    const own = await as('rencheng-admin')('POST', `/api/lists/${entry.id}/review`, { approve: true, version: 1 });
    expect([own.statusCode, own.json().error.code]).toEqual([403, 'own-proposal']);
    const other = await as('yanzhou-admin')('POST', `/api/lists/${entry.id}/review`, { approve: true, version: 1 });
    expect([other.statusCode, other.json().error.code]).toEqual([403, 'outside-jurisdiction']);
    const stale = await as('jining-admin')('POST', `/api/lists/${entry.id}/review`, { approve: true, version: 0 });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'stale']);
    // a second entry of the same list for the same subject, in force at the same time, is refused while the first is pending
    const twice = await as('jining-admin')('POST', '/api/lists', { list: 'white', category: 'service', subject: 'E1', validFrom: '2023-12-31' });
    expect([twice.statusCode, twice.json().error.details.map((d: { path: string }) => d.path)]).toEqual([422, ['subject']]);
    // the day after its end it may be listed again
    const after = await as('jining-admin')('POST', '/api/lists', { list: 'white', category: 'service', subject: 'E1', validFrom: '2024-01-01' });
    expect(after.statusCode).toBe(201);

    const approved = await as('jining-admin')('POST', `/api/lists/${entry.id}/review`, { approve: true, version: 1 });
    expect(approved.json()).toMatchObject({ state: 'active', version: 2, inForce: true, actions: ['remove'] });
    const again = await as('sd-admin')('POST', `/api/lists/${entry.id}/review`, { approve: false, reason: 'x', version: 2 });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'not-allowed']);
    // in force on its first and last day, not the day before or after
    const on = async (day: string) => (await as('jining-admin')('GET', `/api/lists?list=white&activeOn=${day}`)).json().items.map((e: { id: string }) => e.id);
    expect([await on('2022-12-31'), await on('2023-01-01'), await on('2023-12-31'), await on('2024-01-01')]).toEqual([[], [entry.id], [entry.id], []]);
    // the enterprise sees its decided entry; not the pending one
    expect((await as('e1-user')('GET', '/api/lists')).json().items.map((e: { id: string }) => e.id)).toEqual([entry.id]);
    expect((await as('e1-user')('GET', `/api/lists/${after.json().id}`)).json().error.code).toBe('outside-jurisdiction');

    today = '2023-10-10';
    const noReason = await as('rencheng-admin')('POST', `/api/lists/${entry.id}/remove`, { reason: ' ', version: 2 });
    expect([noReason.statusCode, noReason.json().error.code, noReason.json().error.details]).toEqual([422, 'reason-required', [{ path: 'reason', message: 'A removal needs its reason' }]]);
    const removed = await as('rencheng-admin')('POST', `/api/lists/${entry.id}/remove`, { reason: '停止经营MCN业务', version: 2 });
    expect(removed.json()).toMatchObject({ state: 'removed', removedOn: '2023-10-10', inForce: false, actions: [] });
    expect(await on('2023-06-01')).toEqual([]);
    const history = (await as('jining-auditor')('GET', `/api/lists/${entry.id}`)).json();
    expect(history.events.map((e: { action: string; by: string; reason: string }) => `${e.action} ${e.by} ${e.reason}`)).toEqual([
      'propose rencheng-admin 2023年度MCN机构', 'approve jining-admin ', 'remove rencheng-admin 停止经营MCN业务',
    ]);
    expect((await as('dongying-admin')('GET', `/api/lists/${entry.id}`)).json().error.code).toBe('outside-jurisdiction');
    const audit = (await as('sd-admin')('GET', '/api/audit?pageSize=500')).json().items.filter((a: { entity: string }) => a.entity === `list_entries/${entry.id}`);
    expect(audit.map((a: { action: string; actor: string }) => `${a.action} ${a.actor}`).reverse()).toEqual(['list.propose rencheng-admin', 'list.approve jining-admin', 'list.remove rencheng-admin']);
    expect((await as('sd-admin')('GET', '/api/audit/verify')).json().ok).toBe(true);
  });

  it('every bad field of a proposal is named, and nothing is written', async () => {
    const before = await written(env.store);
    const bad = async (body: Record<string, unknown>) => {
      const r = await as('jining-admin')('POST', '/api/lists', body);
      expect(r.statusCode, r.body).toBe(422);
      return r.json().error.details.map((d: { path: string }) => d.path);
    };
    expect(await bad({ list: 'grey', name: 'x', region: '370800', validFrom: '2023-01-01' })).toEqual(['list']);
    expect(await bad({ list: 'white', name: '某园区', region: '370800', validFrom: '2023-01-01' })).toEqual(['category']);
    expect(await bad({ list: 'white', category: 'farm', name: '某园区', region: '370800', validFrom: '2023-01-01' })).toEqual(['category']);
    expect(await bad({ list: 'black', category: 'mcn', uscc: USCC_E3, validFrom: '2023-01-01' })).toEqual(['category', 'reason']);
    expect(await bad({ list: 'black', name: '某公司', region: '370800', reason: '失信被执行人', validFrom: '2023-01-01' })).toEqual(['uscc']);
    expect(await bad({ list: 'white', category: 'park', name: '某园区', region: '110000', validFrom: '2023-02-30', validTo: '2023-01-01' })).toEqual(['region', 'validFrom']);
    expect(await bad({ list: 'white', category: 'park', name: '某园区', region: '370800', validFrom: '2023-02-01', validTo: '2023-01-31' })).toEqual(['validTo']);
    expect(await bad({ list: 'white', category: 'park', subject: 'NOPE', validFrom: '2023-01-01' })).toEqual(['subject']);
    expect(await bad({ list: 'white', category: 'park', subject: 'E3', region: '370811', validFrom: '2023-01-01' })).toEqual(['region']);
    expect(await bad({ list: 'black', uscc: USCC.slice(0, 17) + (USCC[17] === '0' ? '1' : '0'), reason: 'x', validFrom: '2023-01-01' })).toEqual(['uscc']);
    // the schema's own checks: a missing required field
    expect((await as('jining-admin')('POST', '/api/lists', { list: 'white' })).statusCode).toBe(400);
    // Chinese labels are accepted: 白名单 / 电商园区; validTo the same day as validFrom is one day in force
    const ok = await as('jining-admin')('POST', '/api/lists', { list: '白名单', category: '电商园区', name: '济宁某电商产业园', region: '370800', validFrom: '2023-05-01', validTo: '2023-05-01' });
    expect(ok.json()).toMatchObject({ list: 'white', category: 'park', validTo: '2023-05-01', state: 'pending' });
    expect(await written(env.store)).not.toBe(before);
  });

  it('imports: CSV and JSON all or nothing, each problem at its row and column; rows outside the jurisdiction named', async () => {
    const before = await written(env.store);
    const csv = [
      CSV_HEAD,
      `白名单,供应链企业,,兖州供应链公司,,370812,,2023-01-01,`,
      `白名单,农场,,任城某园,,370811,,2023-01-01,`,
      `黑名单,,,,${USCC_E3},,,2023-01-01,`,
      `white,training,,任城培训学校,,370811,,2023/01/01,`,
    ].join('\n');
    const problems = await as('jining-admin')('POST', '/api/lists/import', csv, { 'content-type': 'text/csv' });
    expect(problems.statusCode).toBe(422);
    expect(problems.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'csv!B3 (row 3, 类别)', 'csv!G4 (row 4, 理由)', 'csv!H5 (row 5, 生效日期)',
    ]);
    // a header it does not know, and one missing
    const header = await as('jining-admin')('POST', '/api/lists/import', { csv: '名单,颜色\n白名单,红' });
    expect(header.json().error.details.map((d: { path: string }) => d.path)).toEqual(['csv!B1', 'csv!1:1']);
    // the county may not list 兖州's enterprise: each row outside is named; the row inside is not written either
    const county = [CSV_HEAD, `白名单,服务企业,,任城服务公司,,370811,,2023-01-01,`, `白名单,服务企业,,兖州服务公司,,370812,,2023-01-01,`, `黑名单,,,,${USCC_E3},,虚假交易,2023-01-01,`].join('\n');
    const outside = await as('rencheng-admin')('POST', '/api/lists/import', county, { 'content-type': 'text/csv' });
    expect([outside.statusCode, outside.json().error.code]).toEqual([403, 'outside-jurisdiction']);
    expect(outside.json().error.details.map((d: { path: string }) => d.path)).toEqual(['csv!F3 (row 3, 地区)', 'csv!F4 (row 4, 地区)']);
    // JSON: the same rules, paths into the array; two entries for one subject in one import
    const json = await as('jining-admin')('POST', '/api/lists/import', [
      { list: 'black', uscc: USCC_E3, reason: '虚假交易', validFrom: '2023-01-01' },
      { list: 'black', subject: 'E3', reason: '刷单', validFrom: '2023-06-01', validTo: '2023-06-30' },
      { list: 'white', category: 'park', name: '园区', region: '370800', validFrom: '20230101' },
    ]);
    expect(json.json().error.details.map((d: { path: string }) => d.path)).toEqual(['[2].validFrom']);
    const dup = await as('jining-admin')('POST', '/api/lists/import', [
      { list: 'black', uscc: USCC_E3, reason: '虚假交易', validFrom: '2023-01-01' },
      { list: 'black', subject: 'E3', reason: '刷单', validFrom: '2023-06-01', validTo: '2023-06-30' },
    ]);
    expect(dup.json().error.details.map((d: { path: string }) => d.path)).toEqual(['[1].subject']);
    expect(await written(env.store)).toBe(before);

    // a good file: every entry pending, each with its import event
    const good = await as('jining-admin')('POST', '/api/lists/import', [CSV_HEAD, `白名单,供应链企业,,兖州供应链公司,,370812,,2023-01-01,2023-12-31`, `黑名单,,,,${USCC_E3},,虚假交易（济商务〔2023〕1号）,2023-03-01,`].join('\r\n'), { 'content-type': 'text/csv' });
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json().imported).toBe(2);
    expect(good.json().items.map((e: { list: string; state: string; subjectId: string | null; region: string }) => `${e.list} ${e.state} ${e.subjectId} ${e.region}`)).toEqual(['white pending null 370812', 'black pending E3 370812']);
    const events = (await as('jining-admin')('GET', `/api/lists/${good.json().items[1].id}`)).json().events;
    expect(events.map((e: { action: string; by: string }) => `${e.action} ${e.by}`)).toEqual(['import jining-admin']);
  });

  it('the blacklist withholds: an active entry → the next run withholds the money awards (another input hash); removed → awarded again', async () => {
    const run = async () => {
      const r = await as('sd-admin')('POST', '/api/runs', { year: 2023 });
      expect(r.statusCode, r.body).toBe(201);
      const id = r.json().id as string;
      const rows = async (section: string) => (await as('sd-admin')('GET', `/api/runs/${id}/awards?section=${section}&pageSize=500`)).json().items
        .filter((x: { subject: string }) => x.subject === 'E1').map((x: { rule: string; amount: string; reason?: string }) => `${x.rule} ${x.amount}${x.reason ? ` ${x.reason}` : ''}`);
      return { inputHash: r.json().inputHash as string, award: await rows('award'), withheld: await rows('withheld') };
    };
    // the 政策计算器 reads the cached year (at most a second old): a change of the list through the API reaches it at once
    const calculator = async () => ((await as('e1-user')('GET', '/api/subjects/E1/match?year=2023')).json().matches as { rule: string; status: string }[])
      .filter((m) => m.rule === 'sd-2022-42/2.traffic').map((m) => m.status);
    const before = await run();
    expect(before).toMatchObject({ award: ['jining-2022-54/2.retail-2023 200000.00', 'sd-2022-42/2.traffic 24000.00'], withheld: [] });
    expect(await calculator()).toEqual(['eligible']);

    // named by its USCC only: the stored subject with that USCC is the one blacklisted
    const proposed = (await as('rencheng-admin')('POST', '/api/lists', { list: 'black', uscc: USCC, reason: '失信被执行人（(2023)鲁0811执123号）', validFrom: '2023-12-31' })).json();
    expect(proposed).toMatchObject({ subjectId: 'E1', region: '370811', state: 'pending' });
    expect((await run()).withheld).toEqual([]); // pending does not count
    await as('jining-admin')('POST', `/api/lists/${proposed.id}/review`, { approve: true, version: 1 });
    expect(await calculator()).toEqual(['withheld']); // before any run reloads the year
    const blacklisted = await run();
    expect(blacklisted.award).toEqual([]);
    expect(blacklisted.withheld).toEqual(['jining-2022-54/2.retail-2023 200000.00 blacklist', 'sd-2022-42/2.traffic 24000.00 blacklist']);
    expect(blacklisted.inputHash).not.toBe(before.inputHash);
    await as('jining-admin')('POST', `/api/lists/${proposed.id}/remove`, { reason: '已履行，信用修复', version: 2 });
    expect(await calculator()).toEqual(['eligible']);
    const restored = await run();
    expect(restored).toEqual(before); // the same data as before the entry: the same input hash
  });

  it('the endpoints of the lists, 齐鲁电商贷 and the tasks are in the OpenAPI document, each with its summary', async () => {
    const doc = (await as('sd-admin')('GET', '/api/openapi.json')).json() as { paths: Record<string, Record<string, { summary?: string; tags?: string[] }>> };
    const ours = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ at: `${method.toUpperCase()} ${path}`, ...op })))
      .filter((op) => /^\w+ \/api\/v1\/(lists|loans|tasks)/.test(op.at));
    // documented under /api/v1 (the /api alias is not documented twice)
    expect(ours.map((op) => op.at.replace('/api/v1/', '/api/')).sort()).toEqual([
      'GET /api/lists', 'GET /api/lists/{id}', 'GET /api/loans', 'GET /api/loans/banks', 'GET /api/loans/{id}', 'GET /api/tasks', 'GET /api/tasks/summary',
      'POST /api/lists', 'POST /api/lists/import', 'POST /api/lists/{id}/remove', 'POST /api/lists/{id}/review',
      'POST /api/loans', 'POST /api/loans/{id}/decision', 'POST /api/loans/{id}/withdraw', 'POST /api/tasks/{id}/reports',
    ]);
    expect(ours.every((op) => (op.summary ?? '').length > 20 && op.tags?.length === 1)).toBe(true);
  });
}, 300_000);
