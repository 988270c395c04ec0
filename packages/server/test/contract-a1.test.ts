/**
 * The contract of the session, accounts, imports, subjects, runs, jobs, 政策库, 政策库版本, 政策计算器,
 * monitoring, audit and health routes: each operation called as a client would, its answer checked
 * against the schema it declares in @duixian/api (with ajv, the validator Fastify itself uses), its
 * errors against the error shape — and what the schema leaves out does not leave the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOADED } from '@duixian/corpus';
import * as api from '@duixian/api';
import { example } from '../../interchange/test/fixtures.js';
import { BACKENDS } from '../../store/test/backends.js';
import { PASSWORD, platform, platformData, sender, type Platform } from './platform.js';
import { zipOf } from './zip.js';
import { conforms, refused } from './conforms.js';

describe.each(BACKENDS)('the contract of session, accounts, data, runs, corpus, monitoring and audit on $name', (backend) => {
  let p: Platform;
  beforeAll(async () => {
    p = await platform(backend);
  }, 120_000);
  afterAll(async () => {
    await p?.dispose();
  });

  it('health, and the public 政策库 and 政策计算器', async () => {
    const anyone = p.anonymous.req;
    conforms(await anyone('GET', '/api/health'), 200, api.Health);
    const docs = conforms(await anyone('GET', '/api/documents'), 200, api.Documents);
    // a document passes through whole (its definition is the corpus's): its exclusivity, budget… too
    expect(docs.items[0]).toEqual({ ...LOADED.corpus.documents[0], rules: expect.any(Number) });
    conforms(await anyone('GET', '/api/rules'), 200, api.RuleNames);
    const one = conforms(await anyone('GET', '/api/documents/sd-2022-42'), 200, api.DocumentDetail);
    expect(one.rules[0]).toMatchObject({ id: expect.any(String), sentences: expect.any(Array), facts: expect.any(Array) });
    refused(await anyone('GET', '/api/documents/nope'), 404, 'not-found');
    refused(await anyone('GET', '/api/templates/other.exe'), 400, 'bad-request');
    conforms(await anyone('GET', '/api/vocabulary'), 200, api.Vocabulary);
    conforms(await anyone('GET', '/api/interpretations'), 200, api.Readings);
    const m = conforms(await anyone('POST', '/api/match', { subject: 'E1', dataset: example() }), 200, api.MatchAnswer);
    expect(m.matches.length).toBeGreaterThan(0);
    refused(await anyone('POST', '/api/match', { subject: 'nobody', dataset: example() }), 422, 'unknown-subject');
    refused(await anyone('POST', '/api/match', { subject: 'E1' }), 400, 'bad-request');
  });

  it('session: sign in, who am I, sign out; a new account changes its one-time password', { timeout: 120_000 }, async () => {
    const signIn = await p.anonymous.req('POST', '/api/session', { username: 'jining-auditor', password: PASSWORD });
    const s = conforms(signIn, 200, api.SignedIn);
    expect(s.account).toEqual({ username: 'jining-auditor', role: 'auditor', region: '370800', uscc: null, bank: null, mustChangePassword: false });
    const cookie = /duixian_session=([^;]+)/.exec(String(signIn.headers['set-cookie']))![1]!;
    const mine = sender(p.app, cookie, s.csrf);
    conforms(await mine('GET', '/api/session'), 200, api.Session);
    conforms(await mine('DELETE', '/api/session'), 200, api.Ok);
    refused(await mine('GET', '/api/session'), 401, 'unauthenticated');
    refused(await p.anonymous.req('POST', '/api/session', { username: 'jining-auditor', password: 'wrong' }), 401, 'bad-credentials');

    const made = conforms(await p.as('jining-admin').req('POST', '/api/accounts', { username: 'contract-rencheng', role: 'county-admin', region: '370811' }), 201, api.AccountIssued);
    const first = await p.anonymous.req('POST', '/api/session', { username: 'contract-rencheng', password: made.oneTimePassword });
    const fresh = sender(p.app, /duixian_session=([^;]+)/.exec(String(first.headers['set-cookie']))![1]!, first.json().csrf);
    refused(await fresh('POST', '/api/session/password', { oldPassword: 'not it', newPassword: 'a new long passphrase 2026' }), 422, 'invalid-account');
    conforms(await fresh('POST', '/api/session/password', { oldPassword: made.oneTimePassword, newPassword: 'a new long passphrase 2026' }), 200, api.Ok);
  });

  it('accounts: list, create, disable, enable, reset', async () => {
    const admin = p.as('jining-admin').req;
    const list = conforms(await admin('GET', '/api/accounts?pageSize=500'), 200, api.AccountList);
    expect(list.items.every((a: { createdBy: string }) => a.createdBy.length > 0)).toBe(true);
    const made = conforms(await admin('POST', '/api/accounts', { username: 'contract-auditor', role: 'auditor', region: '370800' }), 201, api.AccountIssued);
    refused(await admin('POST', '/api/accounts', { username: 'x', role: 'king', region: '370800' }), 400, 'bad-request');
    const id = made.account.id;
    expect(conforms(await admin('POST', `/api/accounts/${id}/disable`), 200, api.AccountChanged).account.disabled).toBe(true);
    expect(conforms(await admin('POST', `/api/accounts/${id}/enable`), 200, api.AccountChanged).account.disabled).toBe(false);
    expect(conforms(await admin('POST', `/api/accounts/${id}/reset-password`), 200, api.AccountReset).account.mustChangePassword).toBe(true);
    refused(await admin('POST', '/api/accounts/99999/disable'), 404, 'not-found');
  });

  it('imports: a dry run, an import, one as a job followed to its end, the log', async () => {
    const admin = p.as('sd-admin').req;
    const dry = conforms(await admin('POST', '/api/imports?dryRun=true', platformData()), 200, api.ImportAnswer);
    expect(dry.dryRun).toBe(true);
    const again = conforms(await admin('POST', '/api/imports?reason=again', platformData()), 200, api.ImportAnswer);
    expect(again.importId).toBeNull(); // all there already
    const job = conforms(await admin('POST', '/api/imports?reason=as-a-job', platformData(), { prefer: 'respond-async' }), 202, api.Job);
    let seen = job;
    while (seen.state === 'running') seen = conforms(await admin('GET', `/api/jobs/${job.id}`), 200, api.Job);
    expect([seen.state, seen.status]).toEqual(['done', 200]);
    refused(await admin('GET', '/api/jobs/not-a-job'), 404, 'not-found');
    conforms(await admin('GET', '/api/imports'), 200, api.ImportLog);
    refused(await admin('POST', '/api/imports?year=1999', platformData()), 400, 'bad-request');
  });

  it('subjects: the list, one, its revisions, and what could apply to it', async () => {
    const admin = p.as('jining-admin').req;
    conforms(await admin('GET', '/api/subjects?sort=-name'), 200, api.SubjectList);
    conforms(await admin('GET', '/api/subjects/E1'), 200, api.SubjectDetail);
    conforms(await admin('GET', '/api/subjects/E1/revisions'), 200, api.FactRevisions);
    conforms(await admin('GET', '/api/subjects/E1/match?year=2023'), 200, api.MatchAnswer);
    refused(await admin('GET', '/api/subjects/E2'), 403, 'outside-jurisdiction');
  });

  it('runs: a run, the list, one, its sections, a simulation compared, promoted and decided again', async () => {
    const admin = p.as('sd-admin').req;
    const run = conforms(await admin('POST', '/api/runs', { year: 2023 }), 201, api.RunCreated);
    conforms(await admin('GET', '/api/runs'), 200, api.RunList);
    conforms(await admin('GET', `/api/runs/${run.id}`), 200, api.RunDetail);
    for (const section of ['award', 'withheld', 'missing']) conforms(await admin('GET', `/api/runs/${run.id}/awards?section=${section}`), 200, api.AwardList);
    const readings = (await admin('GET', '/api/interpretations')).json().items as { id: string; values: string[] }[];
    const switched = readings.find((r) => r.values.length > 1)!;
    const sim = conforms(await admin('POST', '/api/runs', { year: 2023, simulation: true, interpretations: { [switched.id]: switched.values[1] } }), 201, api.RunCreated);
    expect([sim.simulation, sim.deviations.length]).toEqual([true, 1]);
    const cmp = conforms(await admin('GET', `/api/runs/${run.id}/compare/${sim.id}`), 200, api.Comparison);
    // the pages show who gains by name: a field the engine's comparison has not, declared
    for (const c of [...cmp.gainers, ...cmp.losers]) expect(c).toHaveProperty('subjectName');
    conforms(await admin('POST', `/api/runs/${sim.id}/promote`, { reason: '经审定按模拟执行' }), 200, api.Run);
    refused(await admin('POST', `/api/runs/${sim.id}/promote`, { reason: '再次' }), 409, 'already-official');
    conforms(await admin('POST', `/api/runs/${run.id}/rerun`), 200, api.Rerun);
    refused(await admin('GET', '/api/runs/999999'), 404, 'not-found');
    refused(await admin('POST', '/api/runs', { year: 2023, changes: [{ rule: 'r', key: 'amount' }] }), 400, 'bad-request');
    refused(await p.anonymous.req('GET', '/api/runs'), 401, 'unauthenticated');
  });

  it('a property a stored row holds outside the schema does not leave the server', async () => {
    const admin = p.as('sd-admin').req;
    const run = conforms(await admin('POST', '/api/runs', { year: 2023 }), 201, api.RunCreated);
    // a stored award row with a field no schema names (an older engine's, or one written by hand;
    // rows are never updated, so it is one more row of the run)
    const last = await p.store.db.selectFrom('run_rows').selectAll().where('run_id', '=', run.id).where('section', '=', 'award').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    const held = typeof last.row === 'string' ? JSON.parse(last.row) : last.row;
    const seq = Number((await p.store.db.selectFrom('run_rows').select((eb) => eb.fn.max('seq').as('n')).where('run_id', '=', run.id).executeTakeFirstOrThrow()).n) + 1;
    await p.store.db.insertInto('run_rows').values({ ...last, seq, row: JSON.stringify({ ...held, rule: 'contract/extra', internalNote: 'not for the API' }) }).execute();
    const page = conforms(await admin('GET', `/api/runs/${run.id}/awards?pageSize=500`), 200, api.AwardList);
    const extra = page.items.find((i: { rule: string }) => i.rule === 'contract/extra');
    expect(extra).toMatchObject({ subject: held.subject, amount: held.amount, funder: held.funder });
    expect(extra).not.toHaveProperty('internalNote');
  });

  it('政策库版本: the versions, a draft uploaded and published', async () => {
    const admin = p.as('sd-admin').req;
    conforms(await admin('GET', '/api/corpus/versions'), 200, api.CorpusVersions);
    const folder = Object.fromEntries([...LOADED.files].filter(([path]) => path.startsWith('sd-2022-42/')));
    folder['sd-2022-42/rules.yaml'] += '\n# contract test: the same rules, another version\n';
    const draft = conforms(await admin('POST', '/api/corpus/drafts?year=2023', zipOf(folder), { 'content-type': 'application/zip' }), 201, api.Draft);
    expect(draft.version.state).toBe('draft');
    conforms(await admin('POST', `/api/corpus/drafts/${draft.version.hash}/publish`, { effective: '2099-01-01', reason: '合同测试' }), 200, api.Published);
    refused(await admin('POST', `/api/corpus/drafts/${draft.version.hash}/publish`, { effective: '2099-01-01', reason: '再次' }), 409, 'not-a-draft');
    refused(await p.as('jining-admin').req('GET', '/api/corpus/versions'), 403, 'forbidden');
  }, 120_000);

  it('monitoring and the audit log', async () => {
    const admin = p.as('sd-admin').req;
    conforms(await admin('GET', '/api/targets?year=2023'), 200, api.Targets);
    conforms(await admin('GET', '/api/monitoring?year=2023'), 200, api.Monitoring);
    conforms(await admin('GET', '/api/monitoring?year=2023&quarter=2'), 200, api.Monitoring);
    refused(await admin('GET', '/api/monitoring?year=2023&quarter=5'), 400, 'bad-request');
    const log = conforms(await admin('GET', '/api/audit'), 200, api.AuditLog);
    expect(log.total).toBeGreaterThan(0);
    expect(conforms(await admin('GET', '/api/audit/verify'), 200, api.AuditCheck)).toEqual({ ok: true, entries: log.total });
    refused(await p.as('jining-admin').req('GET', '/api/audit'), 403, 'forbidden');
  });
});
