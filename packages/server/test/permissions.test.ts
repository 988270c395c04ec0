/**
 * The permission matrix (issue 3, security): every role × every protected endpoint × a resource
 * in its own jurisdiction and one in another's, as one table. What each cell should give follows
 * from the rules written out below: the endpoint's roles, the jurisdiction of the resource (or,
 * for a job, its owner), and nothing at all without a session. Run against PGlite, and PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyForLoan, createAccount, enlist, proposeEntries, reviewEntry, type EntryInput, type Role } from '@duixian/store';
import { CHINA_2023_2024, tasksFromCorpus } from '@duixian/workflow';
import { BACKENDS } from '../../store/test/backends.js';
import { partnerBank, platform, platformData, runAs, type Platform, type Username } from './platform.js';

type Who = Role | 'anonymous';
type Side = 'own' | 'other';

/** The resources each matrix account holds as its own, and one of someone else's. */
interface Refs {
  readonly subject: Record<Side, string>;
  readonly run: Record<Side, string>;
  readonly simulation: Record<Side, string>;
  readonly region: Record<Side, string>;
  /** a funder the account answers for (本级财政: its own region's), and another's */
  readonly funder: Record<Side, string>;
  /** a job (Prefer: respond-async) started by the account, and one started by someone else */
  readonly job: Record<Side, string>;
  /** an award on its way (申报 / 免申即享 entry) of the subject above */
  readonly application: Record<Side, string>;
  /** a rule of a document issued by the account's own level, and one of another's (application windows) */
  readonly rule: Record<Side, string>;
  /** a 公示 published by the account's own region (an enterprise: one listing it), and one of another's */
  readonly notice: Record<Side, string>;
  /** an objection recorded on that notice */
  readonly objection: Record<Side, string>;
  /** an active whitelist entry naming the subject above */
  readonly list: Record<Side, string>;
  /** a 齐鲁电商贷 application of the subject above (a bank: one in its queue, and one routed to another bank) */
  readonly loan: Record<Side, string>;
  /** a task of the corpus: of the caller's government (or above it, for a county), and of another's */
  readonly task: Record<Side, string>;
}

const ACTOR: Record<Who, Username | null> = {
  'province-admin': 'sd-admin', 'city-admin': 'jining-admin', 'county-admin': 'rencheng-admin',
  enterprise: 'e1-user', auditor: 'jining-auditor', bank: 'jining-bank', anonymous: null,
};

interface Endpoint {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly url: (r: Refs, side: Side) => string;
  readonly body?: (r: Refs, side: Side, cell: number) => unknown;
  /** the roles that may call it at all */
  readonly roles: readonly Role[];
  /** whether a resource of another jurisdiction is refused (the province has no "other") */
  readonly scoped: boolean;
  /**
   * a resource that belongs to one account, not a jurisdiction (a job): anyone else's is not found,
   * for every role, and only these roles can have one of their own
   */
  readonly personal?: readonly Role[];
  /**
   * the roles that hold such a resource in their own jurisdiction at all: for the others even
   * their "own" is someone else's (a task is reported by its issuing government's region or above,
   * and no document of the corpus is 任城's)
   */
  readonly holders?: readonly Role[];
  /**
   * a write whose outcome depends on the state of things (a step of the award process): once the
   * caller has passed the role and jurisdiction checks, a refusal for the state (404, 409, 422)
   * counts as let through
   */
  readonly stateful?: boolean;
  /** a step on what only the province may decide: another administrator is refused it in its own jurisdiction too (province-only) */
  readonly provinceOnly?: boolean;
}

const ADMINS: Role[] = ['province-admin', 'city-admin', 'county-admin'];
const READERS: Role[] = [...ADMINS, 'auditor'];
const EVERYONE: Role[] = [...READERS, 'enterprise'];
/** a bank's staff sign in, and read their bank's queue: nothing else of the platform */
const SIGNED_IN: Role[] = [...EVERYONE, 'bank'];
const TASKS = tasksFromCorpus();
const departmentOf = (task: string) => { const t = TASKS.find((x) => x.id === task)!; return [...t.lead, ...t.responsible][0]!; };

const subjectOf = (id: string) => platformData().subjects.find((s: { id: string }) => s.id === id);

const ENDPOINTS: readonly Endpoint[] = [
  { name: 'GET /api/session', method: 'GET', url: () => '/api/session', roles: SIGNED_IN, scoped: false },
  { name: 'GET /api/accounts', method: 'GET', url: () => '/api/accounts', roles: READERS, scoped: false },
  {
    name: 'POST /api/accounts', method: 'POST', url: () => '/api/accounts', roles: ADMINS, scoped: true,
    body: (r, side, cell) => ({ username: `new-${cell}`, role: 'auditor', region: r.region[side] }),
  },
  {
    name: 'POST /api/imports', method: 'POST', url: () => '/api/imports?reason=matrix', roles: ADMINS, scoped: true,
    body: (r, side, cell) => ({
      format: 'duixian/v1', year: 2023, subjects: [subjectOf(r.subject[side])],
      facts: [{ subject: r.subject[side], year: 2023, key: 'onlineRetail', value: `${100 + cell}万元`, source: '企业自报' }],
    }),
  },
  { name: 'GET /api/imports', method: 'GET', url: () => '/api/imports', roles: READERS, scoped: false },
  { name: 'GET /api/subjects', method: 'GET', url: () => '/api/subjects', roles: EVERYONE, scoped: false },
  { name: 'GET /api/subjects/:id', method: 'GET', url: (r, s) => `/api/subjects/${r.subject[s]}`, roles: EVERYONE, scoped: true },
  { name: 'GET /api/subjects/:id/revisions', method: 'GET', url: (r, s) => `/api/subjects/${r.subject[s]}/revisions`, roles: EVERYONE, scoped: true },
  { name: 'GET /api/subjects/:id/match', method: 'GET', url: (r, s) => `/api/subjects/${r.subject[s]}/match?year=2023`, roles: EVERYONE, scoped: true },
  { name: 'POST /api/runs', method: 'POST', url: () => '/api/runs', body: () => ({ year: 2023, simulation: true, interpretations: { 'I-pool': 'largest-first' } }), roles: ADMINS, scoped: false },
  { name: 'GET /api/runs', method: 'GET', url: () => '/api/runs', roles: READERS, scoped: false },
  { name: 'GET /api/runs/:id', method: 'GET', url: (r, s) => `/api/runs/${r.run[s]}`, roles: EVERYONE, scoped: true },
  { name: 'GET /api/runs/:id/awards', method: 'GET', url: (r, s) => `/api/runs/${r.run[s]}/awards`, roles: EVERYONE, scoped: true },
  { name: 'GET /api/runs/:id/awards?format=xlsx', method: 'GET', url: (r, s) => `/api/runs/${r.run[s]}/awards?format=xlsx`, roles: EVERYONE, scoped: true },
  { name: 'GET /api/runs/:id/compare/:other', method: 'GET', url: (r, s) => `/api/runs/${r.run.own}/compare/${r.run[s]}`, roles: READERS, scoped: true },
  { name: 'POST /api/runs/:id/promote', method: 'POST', url: (r, s) => `/api/runs/${r.simulation[s]}/promote`, body: () => ({ reason: '局务会审定' }), roles: ADMINS, scoped: true,
    // every simulation carries figures other than the law's since one without a change is refused (issue 16): the province's to promote
    provinceOnly: true },
  { name: 'POST /api/runs/:id/rerun', method: 'POST', url: (r, s) => `/api/runs/${r.run[s]}/rerun`, roles: READERS, scoped: true },
  // 政策库 versions: the law is the province's (issue 15); a body that is no .zip and an unknown draft are refused for their state
  { name: 'GET /api/corpus/versions', method: 'GET', url: () => '/api/corpus/versions', roles: ['province-admin'], scoped: false },
  { name: 'POST /api/corpus/drafts', method: 'POST', url: () => '/api/corpus/drafts', body: () => ({}), roles: ['province-admin'], scoped: false, stateful: true },
  {
    name: 'POST /api/corpus/drafts/:hash/publish', method: 'POST', url: () => `/api/corpus/drafts/${'a'.repeat(64)}/publish`, body: () => ({ effective: '2023-01-01', reason: '矩阵' }),
    roles: ['province-admin'], scoped: false, stateful: true,
  },
  { name: 'GET /api/targets', method: 'GET', url: () => '/api/targets?year=2023', roles: READERS, scoped: false },
  { name: 'GET /api/monitoring', method: 'GET', url: () => '/api/monitoring?year=2023', roles: READERS, scoped: false },
  { name: 'GET /api/jobs/:id', method: 'GET', url: (r, s) => `/api/jobs/${r.job[s]}`, roles: EVERYONE, scoped: false, personal: ADMINS },
  // the award process (issue 5)
  { name: 'GET /api/applications', method: 'GET', url: () => '/api/applications', roles: EVERYONE, scoped: false },
  { name: 'GET /api/applications/:id', method: 'GET', url: (r, s) => `/api/applications/${r.application[s]}`, roles: EVERYONE, scoped: true },
  {
    name: 'POST /api/applications', method: 'POST', url: () => '/api/applications', roles: ['enterprise'], scoped: true, stateful: true,
    body: (r, s) => ({ subject: r.subject[s], rule: 'jining-2022-54/2.national-title', year: 2023 }),
  },
  {
    name: 'POST /api/applications/:id/actions', method: 'POST', url: (r, s) => `/api/applications/${r.application[s]}/actions`, roles: [...ADMINS, 'enterprise'], scoped: true, stateful: true,
    body: () => ({ action: 'withdraw', version: 0 }), // a stale version: nothing ever changes, the checks before it are what is tested
  },
  {
    // one reason for many: each row is the single approval, its jurisdiction refused row by row (review-batch.test.ts); a blank reason changes nothing
    name: 'POST /api/applications/batch', method: 'POST', url: () => '/api/applications/batch', roles: ADMINS, scoped: false, stateful: true,
    body: (r, s) => ({ ids: [r.application[s]], action: 'approve', reason: ' ' }),
  },
  { name: 'GET /api/todo', method: 'GET', url: () => '/api/todo', roles: SIGNED_IN, scoped: false },
  {
    // a 金额待定 amount is set by the award's funder (the entries are funded by their counties), or the province
    name: 'POST /api/applications/:id/amount', method: 'POST', url: (r, s) => `/api/applications/${r.application[s]}/amount`, roles: ADMINS, scoped: true, stateful: true,
    holders: ['province-admin', 'county-admin'], body: () => ({ version: 0, amount: '1万元', reason: '矩阵' }),
  },
  {
    name: 'POST /api/windows', method: 'POST', url: () => '/api/windows', roles: ADMINS, scoped: true, holders: ['province-admin', 'city-admin'], // no document is a county's here
    body: (r, s) => ({ rule: r.rule[s], year: 2023, opens: '2023-09-01', closes: '2023-09-30' }),
  },
  { name: 'POST /api/applications/:id/facts', method: 'POST', url: (r, s) => `/api/applications/${r.application[s]}/facts`, roles: ['enterprise'], scoped: true, stateful: true, body: () => ({ version: 0, facts: [] }) },
  { name: 'POST /api/applications/:id/attachments', method: 'POST', url: (r, s) => `/api/applications/${r.application[s]}/attachments`, roles: ['enterprise'], scoped: true, stateful: true, body: () => ({}) },
  { name: 'GET /api/applications/:id/attachments/:file', method: 'GET', url: (r, s) => `/api/applications/${r.application[s]}/attachments/1`, roles: EVERYONE, scoped: true, stateful: true },
  { name: 'GET /api/notices/:id', method: 'GET', url: (r, s) => `/api/notices/${r.notice[s]}`, roles: EVERYONE, scoped: true },
  { name: 'POST /api/notices/:id/objections', method: 'POST', url: (r, s) => `/api/notices/${r.notice[s]}/objections`, roles: ADMINS, scoped: true, stateful: true, body: (r) => ({ application: r.application.own, text: '矩阵' }) },
  { name: 'POST /api/objections/:id/resolve', method: 'POST', url: (r, s) => `/api/objections/${r.objection[s]}/resolve`, roles: ADMINS, scoped: true, stateful: true, body: () => ({ upheld: false, resolution: '矩阵' }) },
  { name: 'POST /api/notices/:id/finalize', method: 'POST', url: (r, s) => `/api/notices/${r.notice[s]}/finalize`, roles: ADMINS, scoped: true, stateful: true },
  { name: 'POST /api/runs/:id/enlist', method: 'POST', url: (r) => `/api/runs/${r.simulation.own}/enlist`, roles: ADMINS, scoped: false, stateful: true },
  {
    name: 'POST /api/notices', method: 'POST', url: () => '/api/notices', roles: ADMINS, scoped: true, stateful: true,
    body: (r, s) => ({ title: '矩阵', applications: [r.application[s]] }),
  },
  { name: 'GET /api/notices', method: 'GET', url: () => '/api/notices', roles: EVERYONE, scoped: false },
  { name: 'GET /api/calendar', method: 'GET', url: () => '/api/calendar', roles: ADMINS, scoped: false },
  {
    name: 'POST /api/budgets', method: 'POST', url: () => '/api/budgets', roles: ADMINS, scoped: true,
    body: (r, s) => ({ document: 'sd-2022-42', funder: r.funder[s], year: 2023, total: '1万元' }),
  },
  { name: 'GET /api/budgets', method: 'GET', url: () => '/api/budgets', roles: READERS, scoped: false },
  {
    // the entries are funded by their counties: a city pays none of them (the funder's level pays)
    name: 'POST /api/disbursements', method: 'POST', url: () => '/api/disbursements', roles: ADMINS, scoped: true, stateful: true, holders: ['province-admin', 'county-admin'],
    body: (r, s, cell) => ({ application: r.application[s], orderNo: `M${cell}`, paidOn: '2023-10-20', amount: '1元' }),
  },
  { name: 'GET /api/disbursements', method: 'GET', url: () => '/api/disbursements', roles: READERS, scoped: false },
  // 白名单与信用黑名单
  { name: 'GET /api/lists', method: 'GET', url: () => '/api/lists', roles: EVERYONE, scoped: false },
  { name: 'GET /api/lists/:id', method: 'GET', url: (r, s) => `/api/lists/${r.list[s]}`, roles: EVERYONE, scoped: true },
  {
    name: 'POST /api/lists', method: 'POST', url: () => '/api/lists', roles: ADMINS, scoped: true,
    body: (r, s, cell) => ({ list: 'white', category: 'service', name: `矩阵服务企业${cell}`, region: r.region[s], validFrom: '2023-01-01' }),
  },
  {
    name: 'POST /api/lists/import', method: 'POST', url: () => '/api/lists/import', roles: ADMINS, scoped: true,
    body: (r, s, cell) => [{ list: 'white', category: 'park', name: `矩阵园区${cell}`, region: r.region[s], validFrom: '2023-01-01' }],
  },
  // a stale version: nothing ever changes, the checks before it are what is tested
  { name: 'POST /api/lists/:id/review', method: 'POST', url: (r, s) => `/api/lists/${r.list[s]}/review`, roles: ADMINS, scoped: true, stateful: true, body: () => ({ approve: true, version: 0 }) },
  { name: 'POST /api/lists/:id/remove', method: 'POST', url: (r, s) => `/api/lists/${r.list[s]}/remove`, roles: ADMINS, scoped: true, stateful: true, body: () => ({ reason: '矩阵', version: 0 }) },
  // 齐鲁电商贷
  { name: 'GET /api/loans/banks', method: 'GET', url: () => '/api/loans/banks', roles: ['enterprise', ...READERS], scoped: false },
  { name: 'GET /api/loans', method: 'GET', url: () => '/api/loans', roles: SIGNED_IN, scoped: false },
  { name: 'GET /api/loans/:id', method: 'GET', url: (r, s) => `/api/loans/${r.loan[s]}`, roles: SIGNED_IN, scoped: true },
  {
    name: 'POST /api/loans', method: 'POST', url: () => '/api/loans', roles: ['enterprise'], scoped: true, stateful: true, // its own: one is waiting at that bank already
    body: (r, s) => ({ subject: r.subject[s], amount: '50万元', termMonths: 12, purpose: '备货采购', bank: '齐鲁银行', consent: true }),
  },
  { name: 'POST /api/loans/:id/decision', method: 'POST', url: (r, s) => `/api/loans/${r.loan[s]}/decision`, roles: ['bank'], scoped: true, stateful: true, body: () => ({ accept: true }) },
  { name: 'POST /api/loans/:id/withdraw', method: 'POST', url: (r, s) => `/api/loans/${r.loan[s]}/withdraw`, roles: ['enterprise'], scoped: true, stateful: true },
  // 工作任务
  { name: 'GET /api/tasks', method: 'GET', url: () => '/api/tasks', roles: READERS, scoped: false },
  { name: 'GET /api/tasks/summary', method: 'GET', url: () => '/api/tasks/summary', roles: READERS, scoped: false },
  {
    name: 'POST /api/tasks/:id/reports', method: 'POST', url: (r, s) => `/api/tasks/${encodeURIComponent(r.task[s])}/reports`, roles: ADMINS, scoped: true, stateful: true,
    holders: ['province-admin', 'city-admin'], body: (r, s) => ({ period: '2023Q1', department: departmentOf(r.task[s]), progress: '矩阵' }),
  },
  // the audit log names accounts and regions of the whole province: its administrators and auditors only
  { name: 'GET /api/audit', method: 'GET', url: () => '/api/audit', roles: ['province-admin'], scoped: false },
  { name: 'GET /api/audit/verify', method: 'GET', url: () => '/api/audit/verify', roles: ['province-admin'], scoped: false },
];

/** The rules: a session first, then the endpoint's roles, then the resource's jurisdiction (or owner). */
function expected(who: Who, e: Endpoint, side: Side): string {
  if (who === 'anonymous') return '401 unauthenticated';
  if (!e.roles.includes(who)) return '403 forbidden';
  if (e.personal && (side === 'other' || !e.personal.includes(who))) return '404 not-found';
  if (e.scoped && who !== 'province-admin' && (side === 'other' || (e.holders && !e.holders.includes(who)))) return '403 outside-jurisdiction';
  if (e.provinceOnly && who !== 'province-admin') return '403 province-only';
  return 'ok';
}

describe.each(BACKENDS)('the permission matrix on $name', (backend) => {
  let p: Platform;
  const refs = {} as Record<Who, Refs>;
  type Base = Omit<Refs, 'job' | 'application' | 'list' | 'loan' | 'task' | 'rule' | 'notice' | 'objection'>;

  beforeAll(async () => {
    p = await platform(backend);
    const run = async (who: Username) => runAs(p, who);
    const sim = async (who: Username) => runAs(p, who, { year: 2023, simulation: true, interpretations: { 'I-pool': 'largest-first' } });
    const runs = { sd: await run('sd-admin'), jining: await run('jining-admin'), dongying: await run('dongying-admin'), rencheng: await run('rencheng-admin'), yanzhou: await run('yanzhou-admin') };
    const sims = { sd: await sim('sd-admin'), jining: await sim('jining-admin'), dongying: await sim('dongying-admin'), rencheng: await sim('rencheng-admin'), yanzhou: await sim('yanzhou-admin') };
    const base = {} as Record<Who, Base>;
    base['province-admin'] = { subject: { own: 'E1', other: 'E2' }, run: { own: runs.sd, other: runs.dongying }, simulation: { own: sims.sd, other: sims.dongying }, region: { own: '370000', other: '370500' }, funder: { own: '370000', other: '370500' } };
    base['city-admin'] = { subject: { own: 'E1', other: 'E2' }, run: { own: runs.jining, other: runs.dongying }, simulation: { own: sims.jining, other: sims.dongying }, region: { own: '370811', other: '370502' }, funder: { own: '370800', other: '370811' } };
    base['county-admin'] = { subject: { own: 'E1', other: 'E3' }, run: { own: runs.rencheng, other: runs.yanzhou }, simulation: { own: sims.rencheng, other: sims.yanzhou }, region: { own: '370811', other: '370812' }, funder: { own: '370811', other: '370812' } };
    // an enterprise reads official runs only (its own rows): another's simulation is not for it
    base.enterprise = { subject: { own: 'E1', other: 'E3' }, run: { own: runs.sd, other: sims.rencheng }, simulation: { own: sims.rencheng, other: sims.yanzhou }, region: { own: '370811', other: '370812' }, funder: { own: '370811', other: '370812' } };
    base.auditor = { subject: { own: 'E1', other: 'E2' }, run: { own: runs.jining, other: runs.dongying }, simulation: { own: sims.jining, other: sims.dongying }, region: { own: '370800', other: '370500' }, funder: { own: '370800', other: '370500' } };
    base.bank = base.enterprise;
    base.anonymous = base['province-admin'];
    // a job of each administrator's own; others see someone else's (the enterprise and the auditor cannot start one)
    const job = async (who: Username) => (await p.as(who).req('POST', '/api/runs', { year: 2023, simulation: true, interpretations: { 'I-pool': 'largest-first' } }, { prefer: 'respond-async' })).json().id as string;
    const jobs = { sd: await job('sd-admin'), jining: await job('jining-admin'), rencheng: await job('rencheng-admin') };
    const jobOf: Record<Who, Record<Side, string>> = {
      'province-admin': { own: jobs.sd, other: jobs.jining }, 'city-admin': { own: jobs.jining, other: jobs.sd }, 'county-admin': { own: jobs.rencheng, other: jobs.jining },
      enterprise: { own: jobs.rencheng, other: jobs.jining }, auditor: { own: jobs.jining, other: jobs.sd }, bank: { own: jobs.rencheng, other: jobs.jining }, anonymous: { own: jobs.sd, other: jobs.jining },
    };
    // an entry on the review list for each of E1 (任城), E2 (东营) and E3 (兖州), funded by its own county
    const place = { E1: '370811', E2: '370502', E3: '370812' } as const;
    await enlist(p.store, (['E1', 'E2', 'E3'] as const).map((id) => ({
      subjectId: id, rule: 'sd-2022-42/2.traffic', document: 'sd-2022-42', year: 2023, chain: ['county', 'city', 'province'], region: place[id], runId: null,
      decided: { fen: 100, ceiling: false, funder: place[id], explanation: null },
    })), 'test', '2023-09-01', CHINA_2023_2024);
    const entries = await p.store.db.selectFrom('applications').select(['id', 'subject_id']).execute();
    const entry = (subject: string) => String(entries.find((e) => e.subject_id === subject)!.id);
    // an active whitelist entry naming each of E1, E2 and E3 (proposed and approved by two others)
    const listed = await proposeEntries(p.store, (['E1', 'E2', 'E3'] as const).map((id): EntryInput => ({ list: 'white', category: 'service', subject: id, validFrom: '2023-01-01' })), { by: 'test', today: '2023-09-01', action: 'import', within: () => true });
    for (const e of listed) await reviewEntry(p.store, e.id, { approve: true, version: e.version }, 'test-reviewer', '2023-09-01');
    const listEntry = (subject: string) => listed.find((e) => e.subjectId === subject)!.id;
    // 齐鲁电商贷: 齐鲁银行 serves 济宁 (jining-bank) and 东营; 工商银行 serves 济宁 too. E1 and E2 apply to 齐鲁银行, E3 to 工商银行
    await partnerBank(p.store, '工商银行', ['370800']);
    await partnerBank(p.store, '齐鲁银行', ['370500']);
    await createAccount(p.store, { username: 'icbc-jining', password: 'correct horse battery staple', role: 'bank', region: '370800', bank: '工商银行' }, 'test', false);
    await createAccount(p.store, { username: 'qlb-dongying', password: 'correct horse battery staple', role: 'bank', region: '370500', bank: '齐鲁银行' }, 'test', false);
    const bankOf = { E1: '齐鲁银行', E2: '齐鲁银行', E3: '工商银行' } as const;
    const loans = new Map<string, string>();
    for (const id of ['E1', 'E2', 'E3'] as const) {
      loans.set(id, (await applyForLoan(p.store, { subjectId: id, amountFen: 50_000_000, termMonths: 12, purpose: '备货', bank: bankOf[id], consent: true }, 'test', '2023-09-01')).id);
    }
    // tasks: the province's, 济宁's (a 任城 county administrator reads it but does not report on it) and 东营's
    const task = { sd: 'sd-2022-42/art-9', jining: 'jining-2022-54/art-7', dongying: 'dongying-2020-9/art-2-1' };
    const taskOf: Record<Who, Record<Side, string>> = {
      'province-admin': { own: task.sd, other: task.dongying }, 'city-admin': { own: task.jining, other: task.dongying }, 'county-admin': { own: task.jining, other: task.dongying },
      enterprise: { own: task.jining, other: task.dongying }, auditor: { own: task.jining, other: task.dongying }, bank: { own: task.jining, other: task.dongying }, anonymous: { own: task.sd, other: task.dongying },
    };
    // windows: a rule of the province's document, of 济宁's and of 东营's
    const rule = { sd: 'sd-2022-42/11.sorting-centre', jining: 'jining-2022-54/2.national-title', dongying: 'dongying-2020-9/3.5.promotion' };
    const ruleOf: Record<Who, Record<Side, string>> = {
      'province-admin': { own: rule.sd, other: rule.jining }, 'city-admin': { own: rule.jining, other: rule.dongying }, 'county-admin': { own: rule.jining, other: rule.dongying },
      enterprise: { own: rule.jining, other: rule.dongying }, auditor: { own: rule.jining, other: rule.dongying }, bank: { own: rule.jining, other: rule.dongying }, anonymous: { own: rule.sd, other: rule.dongying },
    };
    // notices far in the future (running, never final here), each with an objection; 任城's lists E1, 兖州's E3
    const notice = new Map<string, string>();
    const objection = new Map<string, string>();
    for (const scope of ['370000', '370800', '370500', '370811', '370812']) {
      const n = await p.store.db.insertInto('notices').values({ title: `矩阵 ${scope}`, scope, published: '2099-01-02', days: 5, ends: '2099-01-09', state: 'running', by: 'test' }).returning('id').executeTakeFirstOrThrow();
      notice.set(scope, String(n.id));
      const listed = { '370811': 'E1', '370812': 'E3' }[scope];
      if (listed) await p.store.db.insertInto('notice_entries').values({ notice_id: n.id, application_id: entry(listed) }).execute();
      const o = await p.store.db.insertInto('objections').values({ notice_id: n.id, application_id: entry('E1'), text: '矩阵', from_whom: '匿名', by: 'test' }).returning('id').executeTakeFirstOrThrow();
      objection.set(scope, String(o.id));
    }
    const noticeScopes: Record<Who, Record<Side, string>> = {
      'province-admin': { own: '370000', other: '370500' }, 'city-admin': { own: '370800', other: '370500' }, 'county-admin': { own: '370811', other: '370812' },
      enterprise: { own: '370811', other: '370812' }, auditor: { own: '370800', other: '370500' }, bank: { own: '370811', other: '370812' }, anonymous: { own: '370000', other: '370500' },
    };
    for (const who of Object.keys(base) as Who[]) {
      const subject = base[who].subject;
      const scopes = noticeScopes[who];
      // a bank's own: the application in its queue (E1's at 齐鲁银行); another's: E3's, routed to 工商银行
      const loan = { own: loans.get(subject.own)!, other: loans.get(subject.other)! };
      refs[who] = {
        ...base[who], job: jobOf[who], application: { own: entry(subject.own), other: entry(subject.other) },
        list: { own: listEntry(subject.own), other: listEntry(subject.other) }, loan, task: taskOf[who], rule: ruleOf[who],
        notice: { own: notice.get(scopes.own)!, other: notice.get(scopes.other)! }, objection: { own: objection.get(scopes.own)!, other: objection.get(scopes.other)! },
      };
    }
  }, 120_000);
  afterAll(async () => {
    await p?.dispose();
  });

  it('every role × endpoint × own and other jurisdiction', async () => {
    const got: string[] = [];
    const want: string[] = [];
    let cell = 0;
    for (const e of ENDPOINTS) {
      for (const who of Object.keys(ACTOR) as Who[]) {
        for (const side of ['own', 'other'] as const) {
          cell++;
          const actor = ACTOR[who];
          const client = actor ? p.as(actor) : p.anonymous;
          const r = await client.req(e.method, e.url(refs[who], side), e.body?.(refs[who], side, cell));
          const passed = r.statusCode < 300 || (e.stateful && ![401, 403].includes(r.statusCode));
          const status = passed ? 'ok' : r.statusCode;
          got.push(`${e.name} | ${who} | ${side} → ${status}${status === 'ok' ? '' : ` ${r.json().error.code}`}`);
          want.push(`${e.name} | ${who} | ${side} → ${expected(who, e, side)}`);
        }
      }
    }
    expect(got).toEqual(want);
    expect(got).toHaveLength(ENDPOINTS.length * Object.keys(ACTOR).length * 2);
  }, 120_000);
});

/**
 * Authority (issue 13): beyond role and jurisdiction, who may decide which money. Each row is an
 * act, who tries it, and what must come of it: the law's figures are the province's (anyone else's
 * make a simulation, and only the province makes one official), the funder's own level sets its
 * budget and pays, and a proposal is approved by a second person, not by an account of the proposer's.
 */
type Act = (p: Platform, who: Username) => Promise<string>;

const outcome = async (r: Promise<{ statusCode: number; json(): { error?: { code: string } } }>): Promise<string> => {
  const res = await r;
  return res.statusCode < 300 ? 'ok' : `${res.statusCode} ${res.json().error!.code}`;
};
const LAW_FIGURE = { rule: 'jinan-2021-cbec/4.3.logistics', key: 'amount', value: '1000万元' };

const ACTS: Record<string, Act> = {
  'run with its own parameter': async (p, who) => (await p.as(who).req('POST', '/api/runs', { year: 2023, parameters: [LAW_FIGURE] })).json().kind,
  'run with its own reading': async (p, who) => (await p.as(who).req('POST', '/api/runs', { year: 2023, interpretations: { 'I-pool': 'largest-first' } })).json().kind,
  'promote a draft of its own': async (p, who) => {
    const draft = await runAs(p, who, { year: 2023, changes: [{ rule: 'sd-2022-42/2.traffic', key: 'pay', value: '3元' }] });
    return outcome(p.as(who).req('POST', `/api/runs/${draft}/promote`, { reason: '审定' }));
  },
  // a simulation without a change would only repeat the law's run (issue 16): refused, so there is no such run to promote
  'run a simulation without a change': (p, who) => outcome(p.as(who).req('POST', '/api/runs', { year: 2023, simulation: true })),
  'set 任城\'s budget': (p, who) => outcome(p.as(who).req('POST', '/api/budgets', { document: 'sd-2022-42', funder: '370811', year: 2023, total: '1万元' })),
  'pay a 任城-funded award (date checked first)': async (p, who) => {
    const id = (await p.store.db.selectFrom('applications').select('id').where('funder', '=', '370811').executeTakeFirstOrThrow()).id;
    return outcome(p.as(who).req('POST', '/api/disbursements', { application: String(id), orderNo: 'A1', paidOn: '2099-01-01', amount: '1元' }));
  },
  // the entry's state is checked after the dates: any entry in the actor's jurisdiction shows the refusal
  'publish a 公示 dated yesterday': async (p, who) => outcome(p.as(who).req('POST', '/api/notices', { title: '回溯', applications: [await entry1(p)], published: '2023-01-03', days: 5 })),
  'publish a 公示 of 1 working day': async (p, who) => outcome(p.as(who).req('POST', '/api/notices', { title: '一日', applications: [await entry1(p)], days: 1 })),
  'finalize its running 公示 before it ends': async (p, who) => {
    const scope = (await p.store.db.selectFrom('accounts').select('region').where('username', '=', who).executeTakeFirstOrThrow()).region!;
    const n = await p.store.db.insertInto('notices').values({ title: `末日 ${who}`, scope, published: '2099-01-02', days: 5, ends: '2099-01-08', state: 'running', by: who }).returning('id').executeTakeFirstOrThrow();
    return outcome(p.as(who).req('POST', `/api/notices/${n.id}/finalize`));
  },
  'approve a proposal of an account it created': async (p, who) => {
    const made = `${who}-made`;
    await createAccount(p.store, { username: made, password: 'correct horse battery staple', role: 'county-admin', region: '370811' }, who, false);
    const [e] = await proposeEntries(p.store, [{ list: 'white', category: 'service', name: `${made}的服务企业`, region: '370811', validFrom: '2023-01-01' }], { by: made, today: '2023-09-01', action: 'propose', within: () => true });
    return outcome(p.as(who).req('POST', `/api/lists/${e!.id}/review`, { approve: true, version: e!.version }));
  },
  'approve a proposal of an older account of the same region': async (p, who) => {
    const [e] = await proposeEntries(p.store, [{ list: 'white', category: 'service', name: `${who}审核的服务企业`, region: '370811', validFrom: '2023-01-01' }], { by: 'yanzhou-admin', today: '2023-09-01', action: 'propose', within: () => true });
    return outcome(p.as(who).req('POST', `/api/lists/${e!.id}/review`, { approve: true, version: e!.version }));
  },
};

const entry1 = async (p: Platform) => String((await p.store.db.selectFrom('applications').select('id').where('subject_id', '=', 'E1').executeTakeFirstOrThrow()).id);

const AUTHORITY: readonly (readonly [keyof typeof ACTS & string, Username, string])[] = [
  ['run with its own parameter', 'sd-admin', 'official'],
  ['run with its own parameter', 'jining-admin', 'simulation'],
  ['run with its own parameter', 'rencheng-admin', 'simulation'],
  ['run with its own reading', 'sd-admin', 'official'],
  ['run with its own reading', 'jining-admin', 'simulation'],
  ['run with its own reading', 'rencheng-admin', 'simulation'],
  ['promote a draft of its own', 'sd-admin', 'ok'],
  ['promote a draft of its own', 'jining-admin', '403 province-only'],
  ['promote a draft of its own', 'rencheng-admin', '403 province-only'],
  ['run a simulation without a change', 'sd-admin', '422 nothing-changed'],
  ['run a simulation without a change', 'jining-admin', '422 nothing-changed'],
  ['run a simulation without a change', 'rencheng-admin', '422 nothing-changed'],
  ['set 任城\'s budget', 'sd-admin', 'ok'],
  ['set 任城\'s budget', 'jining-admin', '403 outside-jurisdiction'],
  ['set 任城\'s budget', 'rencheng-admin', 'ok'],
  ['set 任城\'s budget', 'yanzhou-admin', '403 outside-jurisdiction'],
  ['pay a 任城-funded award (date checked first)', 'sd-admin', '422 invalid-date'],
  ['pay a 任城-funded award (date checked first)', 'jining-admin', '403 outside-jurisdiction'],
  ['pay a 任城-funded award (date checked first)', 'rencheng-admin', '422 invalid-date'],
  ['publish a 公示 dated yesterday', 'sd-admin', '422 notice-backdated'],
  ['publish a 公示 dated yesterday', 'jining-admin', '422 notice-backdated'],
  ['publish a 公示 dated yesterday', 'rencheng-admin', '422 notice-backdated'],
  ['publish a 公示 of 1 working day', 'sd-admin', '422 notice-days'],
  ['publish a 公示 of 1 working day', 'rencheng-admin', '422 notice-days'],
  ['finalize its running 公示 before it ends', 'sd-admin', '409 notice-running'],
  ['finalize its running 公示 before it ends', 'jining-admin', '409 notice-running'],
  ['finalize its running 公示 before it ends', 'rencheng-admin', '409 notice-running'],
  ['approve a proposal of an account it created', 'sd-admin', '403 approver-created-proposer'],
  ['approve a proposal of an account it created', 'jining-admin', '403 approver-created-proposer'],
  ['approve a proposal of an account it created', 'rencheng-admin', '403 approver-created-proposer'],
  ['approve a proposal of an older account of the same region', 'sd-admin', 'ok'],
  ['approve a proposal of an older account of the same region', 'jining-admin', 'ok'],
  ['approve a proposal of an older account of the same region', 'rencheng-admin', 'ok'],
];

describe.each(BACKENDS)('the authority rows on $name', (backend) => {
  let p: Platform;
  beforeAll(async () => {
    p = await platform(backend);
    await enlist(p.store, [{
      subjectId: 'E1', rule: 'sd-2022-42/2.traffic', document: 'sd-2022-42', year: 2023, chain: ['county', 'city', 'province'], region: '370811', runId: null,
      decided: { fen: 100, ceiling: false, funder: '370811', explanation: null },
    }], 'test', '2023-09-01', CHINA_2023_2024);
  }, 120_000);
  afterAll(async () => {
    await p?.dispose();
  });

  it('who may set figures, promote, publish, finalize, set a budget, pay, and approve whose proposal', async () => {
    const got: string[] = [];
    for (const [act, who] of AUTHORITY) got.push(`${act} | ${who} → ${await ACTS[act]!(p, who)}`);
    expect(got).toEqual(AUTHORITY.map(([act, who, want]) => `${act} | ${who} → ${want}`));
  }, 120_000);
});
