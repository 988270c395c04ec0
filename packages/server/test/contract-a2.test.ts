/**
 * The contract of 申报与评审, 申报指南, 预算与拨付 and the working-day calendar (issue 18, part A2):
 * each operation of routes/{applications,apply-guide,budgets,calendar}.ts is called and its answer
 * — the 2xx body and the errors it gives — validated against the schema @duixian/api declares for
 * it. What leaves the server is what the schema says: the store's `createdBy` stays in; the
 * enterprise's name, which the pages show beside every application, is in every answer; who
 * attached a file and when, which the detail's table shows, is declared.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import {
  APPLICATION_STATES as API_STATES, ApplicationDetail, ApplicationPage, ApplicationView, ApplyGuide, Attachment, BatchResult, Budget, Budgets, CalendarInfo,
  DisbursementsAnswer, Enlisted, ErrorBody, Todo, Windows, WindowSet,
} from '@duixian/api';
import { readApplication } from '@duixian/store';
import { APPLICATION_STATES } from '@duixian/workflow';
import { BACKENDS } from '../../store/test/backends.js';
import { dated, platform, runAs, type Platform, type Send, type Username } from './platform.js';
import { conforms } from './conforms.js';

/** The answer, after checking its status and that its body is what `schema` declares (errors: the error shape). */
const answer = (res: LightMyRequestResponse, status: number, schema: TSchema = ErrorBody): Record<string, unknown> =>
  conforms(res, status, schema) as Record<string, unknown>;

const RULE = 'jining-2022-54/2.national-title'; // 济宁: county first review, then the city's final review; 最高50万元
const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(500, 0x20)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(BACKENDS)('the contract of 申报, 申报指南, 预算 and the calendar on $name', (backend) => {
  let p: Platform;
  let app: FastifyInstance;
  let as: (who: Username) => Send;
  let id: string;
  const today = '2023-09-04';

  beforeAll(async () => {
    p = await platform(backend);
    ({ app, as } = await dated(p, () => today));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await p?.dispose();
  });

  it('the states the API declares are the workflow\'s', () => {
    expect([...API_STATES]).toEqual([...APPLICATION_STATES]);
  });

  it('windows, budgets and the guide: each answer as declared', async () => {
    answer(await as('jining-admin')('POST', '/api/windows', { rule: RULE, year: 2023, opens: '2023-09-01', closes: '2023-09-30' }), 200, WindowSet);
    answer(await as('jining-admin')('POST', '/api/windows', { rule: RULE, year: 2023, opens: '2023-09-30', closes: '2023-09-01' }), 422);
    answer(await as('rencheng-admin')('POST', '/api/windows', { rule: RULE, year: 2023, opens: '2023-09-01', closes: '2023-09-30' }), 403);
    expect(answer(await as('jining-admin')('POST', '/api/budgets', { document: 'jining-2022-54', funder: '370800', year: 2023, total: '100万元' }), 200, Budget)).toMatchObject({ total: '1000000.00', warning: 'none' });
    const early = answer(await as('jining-admin')('POST', '/api/budgets', { document: 'jining-2022-54', funder: '370800', year: 1999, total: '100万元' }), 400) as ErrorBody;
    expect(early.error.details).toEqual([{ path: 'body.year', message: 'must be >= 2000' }]);
    const windows = answer(await as('e1-user')('GET', `/api/windows?rule=${encodeURIComponent(RULE)}`), 200, Windows);
    expect(windows.items).toEqual([{ rule: RULE, year: 2023, opens: '2023-09-01', closes: '2023-09-30', state: 'open' }]);
    const guide = answer(await as('e1-user')('GET', '/api/apply-guide'), 200, ApplyGuide) as { clauses: { rule: string; applicable: boolean }[] };
    expect(guide.clauses.find((c) => c.rule === RULE)?.applicable).toBe(true);
    answer(await as('rencheng-admin')('GET', '/api/apply-guide'), 403);
    answer(await p.anonymous.req('GET', '/api/calendar'), 401);
    expect(answer(await as('jining-admin')('GET', '/api/calendar'), 200, CalendarInfo)).toMatchObject({ today });
  });

  it('an application from draft to approval: every answer as declared; the store\'s createdBy stays in, the enterprise\'s name goes out', async () => {
    const created = answer(await as('e1-user')('POST', '/api/applications', { subject: 'E1', rule: RULE, year: 2023, facts: [] }), 201, ApplicationView);
    id = created.id as string;
    // the store keeps who created it; the API does not say (the first event does)
    expect((await readApplication(p.store, id)).createdBy).toBe('e1-user');
    expect(created).not.toHaveProperty('createdBy');
    expect(created).toMatchObject({ state: 'draft', subjectName: expect.any(String) as string, actions: ['save', 'submit', 'withdraw'] });
    answer(await as('e1-user')('POST', '/api/applications', { subject: 'E1', rule: 'sd-2022-42/2.traffic', year: 2023 }), 422);
    answer(await as('e1-user')('POST', '/api/applications', { subject: 'NOPE', rule: RULE, year: 2023 }), 404);

    const saved = answer(await as('e1-user')('POST', `/api/applications/${id}/facts`, { version: 1, facts: [{ key: 'nationalTitle', value: '1' }] }), 200, ApplicationView);
    expect(saved).toMatchObject({ version: 2, subjectName: created.subjectName });
    answer(await as('e1-user')('POST', `/api/applications/${id}/facts`, { version: 1, facts: [] }), 409);

    const file = answer(await as('e1-user')('POST', `/api/applications/${id}/attachments`, pdf, { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('公示.pdf'), 'x-content-sha256': sha(pdf) }), 201, Attachment);
    answer(await as('e1-user')('POST', `/api/applications/${id}/attachments`, pdf, { 'content-type': 'image/gif', 'x-content-sha256': sha(pdf) }), 415);
    const back = await as('rencheng-admin')('GET', `/api/applications/${id}/attachments/${String(file.id)}`);
    expect([back.statusCode, back.headers['content-type'], sha(back.rawPayload)]).toEqual([200, 'application/pdf', sha(pdf)]);
    answer(await as('rencheng-admin')('GET', `/api/applications/${id}/attachments/999999`), 404);

    const submitted = answer(await as('e1-user')('POST', `/api/applications/${id}/actions`, { action: 'submit', version: 2 }), 200, ApplicationView);
    expect(submitted).toMatchObject({ state: 'county-review', decided: '500000.00', deadline: 'ok' });
    const detail = answer(await as('rencheng-admin')('GET', `/api/applications/${id}`), 200, ApplicationDetail) as { attachments: unknown[]; events: { action: string }[]; explanation: { summary?: string } };
    // who attached the file and when: the detail's table shows them, so the schema declares them
    expect(detail.attachments).toEqual([{ id: file.id, name: '公示.pdf', type: 'application/pdf', size: pdf.length, sha256: sha(pdf), by: 'e1-user', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string }]);
    expect(detail.events.map((e) => e.action)).toEqual(['create', 'save', 'submit']);
    expect(detail.explanation.summary).toEqual(expect.any(String));
    expect(detail).not.toHaveProperty('createdBy');
    answer(await as('dongying-admin')('GET', `/api/applications/${id}`), 403);

    const queue = answer(await as('rencheng-admin')('GET', '/api/applications?state=county-review'), 200, ApplicationPage) as { items: { id: string }[] };
    expect(queue.items.map((a) => a.id)).toContain(id);
    const refused = answer(await as('rencheng-admin')('GET', '/api/applications?state=nope'), 400) as ErrorBody;
    expect(refused.error.details).toEqual([{ path: 'query.state', message: 'must be equal to one of the allowed values' }]);
    answer(await as('rencheng-admin')('GET', '/api/applications?min=abc'), 422);
    expect(answer(await as('rencheng-admin')('GET', '/api/todo'), 200, Todo)).toMatchObject({ approvals: 1 });

    answer(await as('rencheng-admin')('POST', `/api/applications/${id}/actions`, { action: 'approve', version: 1 }), 409);
    answer(await as('rencheng-admin')('POST', `/api/applications/${id}/actions`, { action: 'approve', version: 3 }), 200, ApplicationView);
    answer(await as('jining-admin')('POST', `/api/applications/${id}/amount`, { version: 4, amount: '1万元', reason: '试' }), 409);
    const batch = answer(await as('jining-admin')('POST', '/api/applications/batch', { ids: [id], action: 'approve', reason: '材料齐全' }), 200, BatchResult);
    expect(batch).toMatchObject({ total: 1, done: 1, refused: 0, items: [{ id, outcome: 'done', state: 'approved', subjectName: created.subjectName }] });
    answer(await as('jining-admin')('POST', '/api/applications/batch', { action: 'approve', reason: ' ' }), 422);
  });

  it('budgets, payments and 免申即享: each answer as declared', async () => {
    const budgets = answer(await as('jining-admin')('GET', '/api/budgets?year=2023'), 200, Budgets) as { items: { document: string; committed: string }[] };
    expect(budgets.items.find((b) => b.document === 'jining-2022-54')?.committed).toBe('500000.00');
    answer(await as('jining-admin')('POST', '/api/disbursements', { application: id, orderNo: 'ZF-1', paidOn: '2023-09-04', amount: '1万元' }), 409);
    answer(await as('jining-admin')('POST', '/api/disbursements', { application: '999999', orderNo: 'ZF-1', paidOn: '2023-09-04', amount: '1万元' }), 404);
    const payments = await as('jining-admin')('GET', '/api/disbursements?year=2023');
    expect(answer(payments, 200, DisbursementsAnswer.content['application/json'].schema)).toEqual({ items: [] });
    const csv = await as('jining-admin')('GET', '/api/disbursements?year=2023&format=csv');
    expect([csv.statusCode, csv.headers['content-type']]).toEqual([200, 'text/csv; charset=utf-8']);

    const run = await runAs(p, 'sd-admin');
    const enlisted = answer(await as('rencheng-admin')('POST', `/api/runs/${run}/enlist`), 200, Enlisted);
    expect(enlisted.created).toBeGreaterThan(0);
    answer(await as('rencheng-admin')('POST', '/api/runs/999999/enlist'), 404);
    // an entry that needs no application: its explanation is the run's, its runId the run
    const listed = answer(await as('rencheng-admin')('GET', '/api/applications?state=county-review&pageSize=500'), 200, ApplicationPage) as { items: { mode: string; runId: string | null }[] };
    expect(listed.items.filter((a) => a.mode === 'automatic').every((a) => a.runId === run)).toBe(true);
  });
});
