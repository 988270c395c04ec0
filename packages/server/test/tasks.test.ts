/**
 * 工作任务 over the API, against a real database (PGlite; PostgreSQL when DATABASE_URL is set):
 * each department's quarters from the document's 施行日期, filed / due / overdue around the due
 * day (2023Q3's is 2023-10-18: the National Day holiday and its 调休 counted), reports by the
 * issuing government's region or above, once per task, quarter and department unless corrected
 * (the old text in the audit log), both ends of the quarters a report may name, and the summary
 * per department. The date is moved by the test.
 */
import { describe, expect, it } from 'vitest';
import { isWithin } from '@duixian/corpus';
import { tasksFromCorpus } from '@duixian/workflow';
import { BACKENDS } from '../../store/test/backends.js';
import { datedPlatform, type Username } from './platform.js';

const SD9 = 'sd-2022-42/art-9'; // 建立生态链企业“白名单”: 省商务厅 leads, 省委网信办 and 省市场监管局 are responsible
const JN7 = 'jining-2022-54/art-7'; // 济宁's: 市商务局, 市委网信办, 市发展改革委, 市市场监管局, no lead named
const reports = (task: string) => `/api/tasks/${encodeURIComponent(task)}/reports`;
/** The documents with tasks issued by a government above, at or inside `region`: what its accounts read. */
const taskDocumentsSeenFrom = (region: string) => new Set(tasksFromCorpus().filter((t) => t.issuer !== null && (isWithin(region, t.issuer) || isWithin(t.issuer, region))).map((t) => t.document));

interface Row { department: string; lead: boolean; overdue: number; due: number; periods: { period: string; due: string; status: string; report: { progress: string; by: string; reportedOn: string; corrections: number } | null }[] }

describe.each(BACKENDS)('tasks on $name', (backend) => {
  let today = '2023-10-10';
  const env = datedPlatform(backend, () => today);
  const as = (who: Username) => env.as(who);
  const summary = async (department: string) => {
    const rows = (await as('sd-admin')('GET', `/api/tasks/summary?department=${encodeURIComponent(department)}`)).json().items as { issuer: string; tasks: number; leadTasks: number; overdue: number; due: number }[];
    return rows.map((r) => `${r.issuer} ${r.tasks} tasks, ${r.leadTasks} lead, ${r.overdue} overdue, ${r.due} due`);
  };

  it('each department\'s quarters since the document\'s 施行日期: overdue, due until the due day, filed with its report', async () => {
    const sd = (await as('sd-admin')('GET', '/api/tasks?document=sd-2022-42')).json();
    expect([sd.today, sd.total, sd.items.map((t: { id: string }) => t.id)]).toEqual(['2023-10-10', 3, ['sd-2022-42/art-7', SD9, 'sd-2022-42/art-13']]);
    const art9 = sd.items[1];
    expect(art9).toMatchObject({ documentNumber: '鲁政字〔2022〕42号', validFrom: '2022-02-22', validTo: '2023-12-31', canReport: true, lead: ['省商务厅'], responsible: ['省委网信办', '省市场监管局'] });
    // 施行 2022-02-22: 2022Q1 … 2023Q3, the quarters ended by 2023-10-10; 2023Q3 is due on 2023-10-18, the others are overdue.
    // Due 10 working days after the quarter on the State Council's calendar: 2022Q1 counts 4/1, 4/2 (Saturday, worked), then
    // 清明 4/3–4/5 off, 4/6 … 4/15; 2022Q3 counts 10/8 and 10/9 (weekend, worked) after 国庆, then 10/10 … 10/19; 2022Q4 skips 元旦 2023
    const lead = (art9.departments as Row[])[0]!;
    expect(lead.periods.map((x) => `${x.period} ${x.due} ${x.status}`)).toEqual([
      '2022Q1 2022-04-15 overdue', '2022Q2 2022-07-14 overdue', '2022Q3 2022-10-19 overdue', '2022Q4 2023-01-16 overdue',
      '2023Q1 2023-04-17 overdue', '2023Q2 2023-07-14 overdue', '2023Q3 2023-10-18 due',
    ]);
    expect((art9.departments as Row[]).map((d) => `${d.department} ${d.lead} ${d.overdue} ${d.due}`)).toEqual(['省商务厅 true 6 1', '省委网信办 false 6 1', '省市场监管局 false 6 1']);

    const filed = await as('sd-admin')('POST', reports(SD9), { period: '2023Q3', department: '省商务厅', progress: '已发布第一批生态链企业白名单，共86家' });
    expect([filed.statusCode, filed.json()]).toEqual([201, expect.objectContaining({ task: SD9, period: '2023Q3', department: '省商务厅', by: 'sd-admin', reportedOn: '2023-10-10', corrections: 0 })]);
    const mine = (await as('sd-admin')('GET', `/api/tasks?document=sd-2022-42&department=${encodeURIComponent('省商务厅')}`)).json().items as { id: string; overdue: number; due: number; departments: Row[] }[];
    expect(mine.map((t) => `${t.id} ${t.departments.map((d) => d.department).join()} ${t.overdue} ${t.due}`)).toEqual([
      'sd-2022-42/art-7 省商务厅 6 1', `${SD9} 省商务厅 6 0`, 'sd-2022-42/art-13 省商务厅 6 1',
    ]);
    expect(mine[1]!.departments[0]!.periods.at(-1)).toMatchObject({ period: '2023Q3', status: 'filed', report: { progress: '已发布第一批生态链企业白名单，共86家', by: 'sd-admin', reportedOn: '2023-10-10', corrections: 0 } });

    // per department: 省商务厅 leads three tasks, 6 overdue quarters each, 2023Q3 filed for one of them
    expect(await summary('省商务厅')).toEqual(['370000 3 tasks, 3 lead, 18 overdue, 2 due']);
    expect(await summary('省委网信办')).toEqual(['370000 1 tasks, 0 lead, 6 overdue, 1 due']);
    today = '2023-10-18'; // the due day: still due
    expect(await summary('省委网信办')).toEqual(['370000 1 tasks, 0 lead, 6 overdue, 1 due']);
    today = '2023-10-19'; // the day after: overdue
    expect(await summary('省委网信办')).toEqual(['370000 1 tasks, 0 lead, 7 overdue, 0 due']);
    expect(await summary('省商务厅')).toEqual(['370000 3 tasks, 3 lead, 20 overdue, 0 due']);
    // 市商务局 is three bureaux: 济宁's, 东营's and 济南's, each with its own count
    expect((await summary('市商务局')).map((r) => r.split(' ')[0])).toEqual(expect.arrayContaining(['370800', '370500', '370100']));
  });

  it('reports: by the issuing government\'s region or above; once per quarter and department unless corrected; within the document\'s quarters', async () => {
    today = '2023-10-10';
    const report = (who: Username, task: string, body: Record<string, unknown>) => as(who)('POST', reports(task), { period: '2023Q3', department: '市商务局', progress: '组织直播电商培训3场', ...body });
    // a county administrator reads 济宁's tasks but does not speak for the city's bureaux; 济宁 does not report for the province
    expect((await report('rencheng-admin', JN7, {})).json().error.code).toBe('outside-jurisdiction');
    expect((await report('jining-admin', SD9, { department: '省商务厅' })).json().error.code).toBe('outside-jurisdiction');
    expect((await report('jining-auditor', JN7, {})).json().error.code).toBe('forbidden');
    expect((await report('jining-admin', 'jining-2022-54/art-99', {})).statusCode).toBe(404);
    expect((await report('jining-admin', JN7, { department: '省商务厅' })).json().error.details[0].path).toBe('department');
    // 施行 2022-11-10: from 2022Q4; today 2023-10-10: up to 2023Q4, the quarter begun
    expect((await report('jining-admin', JN7, { period: '2022Q3' })).json().error.details[0].path).toBe('period');
    expect((await report('jining-admin', JN7, { period: '2024Q1' })).json().error.details[0].path).toBe('period');
    expect((await report('jining-admin', JN7, { period: '2023Q5' })).statusCode).toBe(400);
    expect((await report('jining-admin', JN7, { progress: '   ' })).json().error.details[0].path).toBe('progress');
    expect((await report('jining-admin', JN7, { period: '2022Q4' })).statusCode).toBe(201);
    expect((await report('jining-admin', JN7, { period: '2023Q4', progress: '四季度计划' })).statusCode).toBe(201);

    const first = await report('jining-admin', JN7, {});
    expect(first.statusCode).toBe(201);
    expect((await report('sd-admin', JN7, { department: '市委网信办', progress: '督导检查' })).statusCode).toBe(201); // the province, above 济宁
    const again = await report('sd-admin', JN7, { progress: '重复报送' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'already-reported']);
    const nothing = await report('jining-admin', JN7, { department: '市发展改革委', correction: true });
    expect([nothing.statusCode, nothing.json().error.code]).toEqual([409, 'nothing-to-correct']);
    today = '2023-10-12';
    const corrected = await report('jining-admin', JN7, { progress: '组织直播电商培训4场，培训1200人次', correction: true });
    expect([corrected.statusCode, corrected.json()]).toEqual([200, expect.objectContaining({ progress: '组织直播电商培训4场，培训1200人次', reportedOn: '2023-10-12', corrections: 1 })]);
    const audit = (await as('sd-admin')('GET', '/api/audit?pageSize=500')).json().items as { action: string; entity: string; before: { progress: string } | null; after: { progress: string } }[];
    const trail = audit.filter((a) => a.entity === `task_reports/${JN7}/2023Q3/市商务局`).reverse();
    expect(trail.map((a) => [a.action, a.before?.progress ?? null, a.after.progress])).toEqual([
      ['task.report', null, '组织直播电商培训3场'], ['task.correct', '组织直播电商培训3场', '组织直播电商培训4场，培训1200人次'],
    ]);
    const row = ((await as('jining-admin')('GET', `/api/tasks?document=jining-2022-54&department=${encodeURIComponent('市商务局')}`)).json().items as { id: string; departments: Row[] }[])
      .find((t) => t.id === JN7)!.departments[0]!;
    // 2022Q4 … 2023Q3: the quarters ended; 2023Q4's report is kept, and shows once the quarter has ended
    expect(row.periods.map((x) => `${x.period} ${x.status}`)).toEqual(['2022Q4 filed', '2023Q1 overdue', '2023Q2 overdue', '2023Q3 filed']);
  });

  it('reads the tasks of one\'s own government, those above and inside it', async () => {
    const ids = async (who: Username) => new Set(((await as(who)('GET', '/api/tasks')).json().items as { document: string }[]).map((t) => t.document));
    // the corpus must give the filter something to leave out, or this test could not fail
    expect(taskDocumentsSeenFrom('370811').size).toBeGreaterThan(0);
    expect(taskDocumentsSeenFrom('370811').size).toBeLessThan(new Set(tasksFromCorpus().map((t) => t.document)).size);
    expect(await ids('rencheng-admin')).toEqual(taskDocumentsSeenFrom('370811'));
    expect(await ids('dongying-admin')).toEqual(taskDocumentsSeenFrom('370500'));
    expect(await ids('jining-auditor')).toEqual(taskDocumentsSeenFrom('370800'));
    expect((await as('sd-admin')('GET', '/api/tasks')).json().total).toBe(tasksFromCorpus().length);
    expect(((await as('rencheng-admin')('GET', '/api/tasks')).json().items as { canReport: boolean }[]).every((t) => !t.canReport)).toBe(true);
    expect((await as('e1-user')('GET', '/api/tasks')).json().error.code).toBe('forbidden');
  });
}, 300_000);
