/**
 * The contract of 名单, 齐鲁电商贷 (and its partner banks), 公示 and 工作任务 (issue 18, part A3): each
 * operation of routes/{lists,loans,notices,tasks}.ts is called and its answer — the 2xx body and the
 * errors it gives — validated against the schema @duixian/api declares for it. What leaves the
 * server is what the schema says: a loan's amount in fen, which the store holds, stays in; the
 * pages' fields (a loan's consentAt and note, a task's documentNumber, an entry's inForce and
 * actions) are declared, so required and present. Against PGlite, and PostgreSQL with DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import * as api from '@duixian/api';
import { PROGRESS_MAX, readLoan, SUMMARY_KEYS } from '@duixian/store';
import { WHITELIST_CATEGORIES } from '@duixian/workflow';
import { BACKENDS } from '../../store/test/backends.js';
import { USCC } from '../../interchange/test/fixtures.js';
import { conforms, mismatches, refused } from './conforms.js';
import { approved, NOTICE_CONTACT } from './notice-contact.js';
import { dated, platform, sender, type Platform, type Send, type Username } from './platform.js';

const TASK = 'sd-2022-42/art-9'; // 鲁政字〔2022〕42号, in force 2022-02-22 to 2023-12-31, led by 省商务厅
const reports = `/api/tasks/${encodeURIComponent(TASK)}/reports`;

it('what @duixian/api repeats of the domain (it depends on typebox alone) is the domain\'s', () => {
  expect([...api.WHITELIST_CATEGORY_IDS]).toEqual(Object.keys(WHITELIST_CATEGORIES));
  expect(api.PROGRESS_MAX).toBe(PROGRESS_MAX);
  expect([...api.SUMMARY_KEYS]).toEqual([...SUMMARY_KEYS]);
});

describe.each(BACKENDS)('the contract of 名单, 齐鲁电商贷, 公示 and 工作任务 on $name', (backend) => {
  let p: Platform;
  let app: FastifyInstance;
  let as: (who: Username) => Send;
  let today = '2025-09-26'; // a Friday: a 公示 of 5 working days ends on 2025-10-09

  beforeAll(async () => {
    p = await platform(backend);
    const d = await dated(p, () => today);
    app = d.app;
    as = d.as;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await p?.dispose();
  });

  it('名单: list, propose, read with its history, review, remove, import (JSON and CSV), and each refusal', async () => {
    const entry = conforms(await as('rencheng-admin')('POST', '/api/lists', { list: 'white', category: 'mcn', subject: 'E1', validFrom: '2025-01-01', reason: 'MCN机构' }), 201, api.ListEntry);
    expect(entry).toMatchObject({ list: 'white', category: 'mcn', categoryName: 'MCN机构', subjectId: 'E1', state: 'pending', inForce: false, version: 1, actions: ['approve', 'refuse'] });
    const page = conforms(await as('jining-admin')('GET', '/api/lists?list=white'), 200, api.ListEntryPage);
    expect([page.page, page.pageSize, page.total, page.items.map((e: api.ListEntry) => e.id)]).toEqual([1, 50, 1, [entry.id]]);
    const reviewed = conforms(await as('jining-admin')('POST', `/api/lists/${entry.id}/review`, { approve: true, version: 1 }), 200, api.ListEntry);
    expect([reviewed.state, reviewed.inForce, reviewed.actions]).toEqual(['active', true, ['remove']]);
    const detail = conforms(await as('e1-user')('GET', `/api/lists/${entry.id}`), 200, api.ListEntryDetail);
    expect(detail.events.map((e: api.ListEvent) => `${e.action} ${e.by}`)).toEqual(['propose rencheng-admin', 'approve jining-admin']);
    expect(detail.actions).toEqual([]); // an enterprise reads, and may do nothing
    const removed = conforms(await as('jining-admin')('POST', `/api/lists/${entry.id}/remove`, { reason: '已整改', version: 2 }), 200, api.ListEntry);
    expect([removed.state, removed.removedOn]).toEqual(['removed', today]);

    const json = conforms(await as('jining-admin')('POST', '/api/lists/import', [{ list: 'black', subject: 'E3', reason: '严重失信', validFrom: '2025-09-01' }]), 201, api.EntriesImported);
    expect([json.imported, json.items[0].list, json.items[0].state]).toEqual([1, 'black', 'pending']);
    const csv = await as('jining-admin')('POST', '/api/lists/import', '名单,类别,主体编号,生效日期\n白名单,park,E3,2025-09-01\n', { 'content-type': 'text/csv' });
    expect(conforms(csv, 201, api.EntriesImported).items[0]).toMatchObject({ category: 'park', categoryName: '电商园区', subjectId: 'E3' });

    // the refusals: the schema's (the same messages as before it moved to @duixian/api), the guard's, the store's
    const missing = refused(await as('jining-admin')('POST', '/api/lists', { list: 'white' }), 400, 'bad-request');
    expect(missing.error.details).toEqual([{ path: 'body.validFrom', message: 'must have required property \'validFrom\'' }]);
    const long = refused(await as('jining-admin')('POST', '/api/lists', { list: 'white', validFrom: '2025-01-01', name: '名'.repeat(201) }), 400, 'bad-request');
    expect(long.error.details).toEqual([{ path: 'body.name', message: 'must NOT have more than 200 characters' }]);
    refused(await as('jining-admin')('GET', '/api/lists?state=gone'), 400, 'bad-request');
    refused(await as('e1-user')('POST', '/api/lists', { list: 'white', validFrom: '2025-01-01' }), 403, 'forbidden');
    refused(await as('dongying-admin')('GET', `/api/lists/${entry.id}`), 403, 'outside-jurisdiction');
    refused(await as('jining-admin')('GET', '/api/lists/999999'), 404, 'not-found');
    refused(await as('jining-admin')('POST', `/api/lists/${entry.id}/remove`, { reason: '再次', version: 1 }), 409, 'stale');
    refused(await as('jining-admin')('POST', '/api/lists/import', [{ list: 'white', validFrom: '2025-01-01', colour: 'red' }]), 422, 'invalid-input');
    refused(await sender(app, '', '')('GET', '/api/lists'), 401, 'unauthenticated');
  });

  it('齐鲁电商贷: the partner banks, the banks serving an enterprise, apply, the queue, decide, withdraw; the amount leaves in yuan only', async () => {
    const banks = conforms(await as('jining-auditor')('GET', '/api/banks'), 200, api.BankList);
    expect(banks.items.map((b: api.Bank) => `${b.name} ${b.regions.join()}`)).toEqual(['齐鲁银行 370800']);
    const made = conforms(await as('sd-admin')('POST', '/api/banks', { name: '日照银行济宁分行', regions: ['370811'], contact: '李经理', phone: '0537-7654321' }), 201, api.Bank);
    expect([made.createdBy, made.updatedBy]).toEqual(['sd-admin', null]);
    const edited = conforms(await as('sd-admin')('POST', `/api/banks/${made.id}`, { name: '日照银行济宁分行', regions: ['370811', '370812'], contact: '李经理', phone: '0537-7654321' }), 200, api.Bank);
    expect([edited.regions, edited.updatedBy]).toEqual([['370811', '370812'], 'sd-admin']);
    refused(await as('sd-admin')('POST', '/api/banks', { name: '日照银行济宁分行', regions: ['370811'], contact: '李经理', phone: '0537-7654321' }), 409, 'bank-exists');
    refused(await as('sd-admin')('POST', '/api/banks/999999', { name: '无此银行', regions: ['370811'], contact: '李经理', phone: '0537-7654321' }), 404, 'not-found');
    refused(await as('jining-admin')('POST', '/api/banks', { name: '某银行', regions: ['370800'], contact: '李经理', phone: '0537-7654321' }), 403, 'forbidden');

    const serving = conforms(await as('e1-user')('GET', '/api/loans/banks'), 200, api.LoanBanks);
    expect(serving).toEqual({ subject: 'E1', region: '370811', banks: ['日照银行济宁分行', '齐鲁银行'], min: '100000.00', max: '10000000.00' });
    refused(await as('jining-admin')('GET', '/api/loans/banks?subject=nobody'), 404, 'not-found');

    const apply = (body: Record<string, unknown>) => as('e1-user')('POST', '/api/loans', { subject: 'E1', amount: '50万元', termMonths: 12, purpose: '备货采购', bank: '齐鲁银行', consent: true, ...body });
    const loan = conforms(await apply({}), 201, api.Loan);
    expect(loan).toMatchObject({ amount: '500000.00', state: 'queued', consent: true, by: 'e1-user', note: null, decidedAt: null, actions: ['withdraw'] });
    expect(loan.summary.facts.map((f: { key: string }) => f.key)).toEqual([...SUMMARY_KEYS]);
    // the store holds the amount in fen; the answer's schema has it in yuan only, and so has the answer
    expect((await readLoan(p.store, loan.id)).amountFen).toBe(50_000_000);
    expect(Object.keys(loan)).not.toContain('amountFen');
    expect(mismatches(api.Loan, { ...loan, consentAt: 'yesterday' })).not.toEqual([]); // the check can fail
    refused(await apply({ amount: '五十万' }), 422, 'invalid-input');
    refused(await apply({}), 409, 'already-queued');
    refused(await apply({ termMonths: 'twelve' }), 400, 'bad-request');

    const queue = conforms(await as('jining-bank')('GET', '/api/loans?state=queued'), 200, api.LoanPage);
    expect(queue.items.map((l: api.Loan) => [l.id, l.actions])).toEqual([[loan.id, ['accept', 'decline']]]);
    conforms(await as('jining-auditor')('GET', `/api/loans/${loan.id}`), 200, api.Loan);
    refused(await as('dongying-admin')('GET', `/api/loans/${loan.id}`), 403, 'outside-jurisdiction');
    refused(await as('jining-bank')('POST', `/api/loans/${loan.id}/decision`, { accept: false }), 422, 'reason-required');
    const declined = conforms(await as('jining-bank')('POST', `/api/loans/${loan.id}/decision`, { accept: false, note: '材料不全' }), 200, api.Loan);
    expect([declined.state, declined.note, declined.decidedBy, typeof declined.decidedAt]).toEqual(['declined', '材料不全', 'jining-bank', 'string']);
    refused(await as('jining-bank')('POST', `/api/loans/${loan.id}/decision`, { accept: true }), 409, 'not-queued');

    const second = conforms(await apply({ bank: '日照银行济宁分行' }), 201, api.Loan);
    const withdrawn = conforms(await as('e1-user')('POST', `/api/loans/${second.id}/withdraw`), 200, api.Loan);
    expect([withdrawn.state, withdrawn.actions]).toEqual(['withdrawn', []]);
    refused(await as('e1-user')('POST', `/api/loans/${second.id}/withdraw`), 409, 'not-queued');
    refused(await as('e1-user')('GET', '/api/loans/999999'), 404, 'not-found');
  });

  it('公示: publish, list, read (staff and enterprise), object, resolve, finalize; the public\'s page', async () => {
    const ids = await approved(p.store, today);
    refused(await as('jining-admin')('POST', '/api/notices', { title: '拟支持名单', applications: [ids.e1], ...NOTICE_CONTACT, office: '' }), 422, 'notice-contact');
    refused(await as('jining-admin')('POST', '/api/notices', { title: '拟支持名单', applications: ['999999'], ...NOTICE_CONTACT }), 404, 'not-found');
    refused(await as('rencheng-admin')('POST', '/api/notices', { title: '拟支持名单', applications: [ids.e3], ...NOTICE_CONTACT }), 403, 'outside-jurisdiction');
    refused(await as('jining-admin')('POST', '/api/notices', { title: '', applications: [ids.e1], ...NOTICE_CONTACT }), 400, 'bad-request');
    const notice = conforms(await as('jining-admin')('POST', '/api/notices', { title: '2023年度济宁市电商政策拟支持名单', applications: [ids.e1, ids.e3], ...NOTICE_CONTACT }), 201, api.Notice);
    expect([notice.published, notice.days, notice.ends, notice.state, notice.entries.length]).toEqual([today, 5, '2025-10-09', 'running', 2]);

    const objected = conforms(await as('jining-admin')('POST', `/api/notices/${notice.id}/objections`, { application: ids.e3, text: '数据不实', fromWhom: '张先生' }), 201, api.Notice);
    const objection = objected.objections[0] as api.Objection;
    expect([objection.status, objection.fromWhom]).toEqual(['open', '张先生']);
    refused(await as('jining-admin')('POST', `/api/notices/${notice.id}/objections`, { application: '999999', text: '不在名单' }), 422, 'not-on-notice');
    refused(await as('jining-admin')('POST', `/api/notices/${notice.id}/finalize`), 409, 'notice-running');
    refused(await as('yanzhou-admin')('POST', `/api/notices/${notice.id}/finalize`), 403, 'outside-jurisdiction');

    const staff = conforms(await as('jining-auditor')('GET', '/api/notices'), 200, api.NoticeList);
    expect(staff.items.map((n: api.Notice) => [n.id, n.objections.length])).toEqual([[notice.id, 1]]);
    // an enterprise on the list reads it as published: without who objected to whom
    const mine = conforms(await as('e1-user')('GET', `/api/notices/${notice.id}`), 200, api.Notice);
    expect([mine.entries.length, mine.objections]).toEqual([2, []]);
    conforms(await as('e1-user')('GET', '/api/notices'), 200, api.NoticeList);
    refused(await as('dongying-admin')('GET', `/api/notices/${notice.id}`), 403, 'outside-jurisdiction');
    refused(await as('jining-admin')('GET', '/api/notices/999999'), 404, 'not-found');

    const resolved = conforms(await as('jining-admin')('POST', `/api/objections/${objection.id}/resolve`, { upheld: true, resolution: '经核实，数据不实' }), 200, api.Notice);
    expect(resolved.entries.map((e: api.NoticeEntry) => e.listed)).toEqual([true, false]);
    refused(await as('jining-admin')('POST', `/api/objections/${objection.id}/resolve`, { upheld: false, resolution: '再议' }), 409, 'already-resolved');
    refused(await as('jining-admin')('POST', '/api/objections/999999/resolve', { upheld: false, resolution: '无' }), 404, 'not-found');
    refused(await as('jining-admin')('POST', `/api/objections/${objection.id}/resolve`, { upheld: false }), 400, 'bad-request');

    const pub = conforms(await sender(app, '', '')('GET', '/api/public/notices?pageSize=5'), 200, api.PublicNoticePage);
    expect([pub.total, pub.pageSize, pub.items[0].publisher, pub.items[0].entries]).toEqual([1, 5, '济宁市', [
      { subjectName: '示例电商有限公司', uscc: USCC, clause: '济政字〔2022〕54号 第二条 国家级示范称号一次性奖励', amount: '100000.00' },
    ]]);
    refused(await sender(app, '', '')('GET', '/api/public/notices?pageSize=21'), 400, 'bad-request');

    today = '2025-10-10'; // the day after the last
    try {
      const final = conforms(await as('jining-admin')('POST', `/api/notices/${notice.id}/finalize`), 200, api.Notice);
      expect(final.state).toBe('final');
      refused(await as('jining-admin')('POST', `/api/notices/${notice.id}/finalize`), 409, 'already-final');
    } finally {
      today = '2025-09-26';
    }
  });

  it('工作任务: the tasks, the summary per department, a report, its correction, and each refusal', async () => {
    const tasks = conforms(await as('sd-admin')('GET', '/api/tasks?document=sd-2022-42'), 200, api.TaskList);
    const task = tasks.items.find((t: api.Task) => t.id === TASK) as api.Task;
    expect([tasks.today, task.documentNumber, task.validTo, task.canReport, task.lead]).toEqual([today, '鲁政字〔2022〕42号', '2023-12-31', true, ['省商务厅']]);
    refused(await as('sd-admin')('GET', '/api/tasks?document=nope'), 422, 'unknown-document');
    refused(await as('e1-user')('GET', '/api/tasks'), 403, 'forbidden');

    const filed = conforms(await as('sd-admin')('POST', reports, { period: '2023Q3', department: '省商务厅', progress: '已发布白名单' }), 201, api.TaskReport);
    expect(filed).toMatchObject({ task: TASK, period: '2023Q3', by: 'sd-admin', reportedOn: today, corrections: 0 });
    refused(await as('sd-admin')('POST', reports, { period: '2023Q3', department: '省商务厅', progress: '再报' }), 409, 'already-reported');
    const corrected = conforms(await as('sd-admin')('POST', reports, { period: '2023Q3', department: '省商务厅', progress: '已发布白名单，共86家', correction: true }), 200, api.TaskReport);
    expect(corrected.corrections).toBe(1);
    refused(await as('sd-admin')('POST', reports, { period: '2024Q1', department: '省商务厅', progress: '期外' }), 422, 'invalid-input');
    refused(await as('sd-admin')('POST', reports, { period: '2023Q5', department: '省商务厅', progress: '无此季度' }), 400, 'bad-request');
    refused(await as('sd-admin')('POST', `/api/tasks/${encodeURIComponent('sd-2022-42/none')}/reports`, { period: '2023Q3', department: '省商务厅', progress: '无' }), 404, 'not-found');
    refused(await as('jining-admin')('POST', reports, { period: '2023Q3', department: '省商务厅', progress: '越级' }), 403, 'outside-jurisdiction');

    const withReport = conforms(await as('sd-admin')('GET', `/api/tasks?document=sd-2022-42&department=${encodeURIComponent('省商务厅')}`), 200, api.TaskList);
    const q3 = (withReport.items.find((t: api.Task) => t.id === TASK) as api.Task).departments[0]!.periods.find((x) => x.period === '2023Q3')!;
    expect([q3.status, q3.report?.progress, q3.report?.corrections]).toEqual(['filed', '已发布白名单，共86家', 1]);
    const summary = conforms(await as('sd-admin')('GET', `/api/tasks/summary?department=${encodeURIComponent('省商务厅')}`), 200, api.TaskSummary);
    expect(summary.items.map((r: api.DepartmentSummary) => `${r.issuerName} ${r.department} ${r.tasks} ${r.leadTasks}`)).toEqual(['山东省 省商务厅 3 3']);
  });
});
