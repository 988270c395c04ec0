/**
 * 申报与评审 in the database: an application (or an entry that needs none, 免申即享) moves only
 * through the transitions of @duixian/workflow's state machine, one at a time (the row is locked
 * and its version checked: a reviewer acting on a stale page is refused, never silently overrides),
 * and every step is an event and an audit entry. The last level's approval commits the amount to
 * the budget of the document, funder and year — under that budget's row lock, so fifty approvals
 * arriving at once are taken one after another and the budget (and the rule's pool) is never
 * overspent; an objection upheld during 公示 gives the amount back.
 */
import { sql, type Transaction } from 'kysely';
import {
  approvedAmount, canCommit, initialState, levelOfRole, reviewDue, transition,
  type ApplicationAction, type ApplicationState, type Level, type WorkCalendar,
} from '@duixian/workflow';
import { yuanString } from '@duixian/engine';
import type { Store } from './db.js';
import { jsonValue } from './json.js';
import type { Database, Role } from './schema.js';
import { appendAudit } from './audit.js';
import { int } from './import.js';
import { notFound, ProcessError } from './process-error.js';

type Tx = Transaction<Database>;

/** What the enterprise filled in: facts in the interchange's own terms (value as written, e.g. "7万元"). */
export interface FilledFact {
  readonly key: string;
  readonly item?: string;
  readonly value: string;
}

/** The engine's decision on an application's facts (made by the caller, which holds the year's data). */
export interface Decided {
  readonly fen: number | null;
  readonly ceiling: boolean;
  readonly funder: string;
  readonly explanation: unknown;
}

export interface Application {
  readonly id: string;
  readonly subjectId: string;
  readonly rule: string;
  readonly document: string;
  readonly year: number;
  readonly mode: 'application' | 'automatic';
  readonly state: ApplicationState;
  readonly chain: readonly Level[];
  readonly region: string;
  readonly funder: string;
  readonly decidedFen: number | null;
  readonly ceiling: boolean;
  readonly approvedFen: number | null;
  readonly runId: string | null;
  readonly facts: readonly FilledFact[];
  readonly explanation: unknown;
  readonly reviewDue: string | null;
  readonly version: number;
  readonly createdBy: string;
}

const intOrNull = (v: string | number | null) => (v === null ? null : int(v));

function applicationOf(r: Awaited<ReturnType<typeof selectOne>>): Application {
  const a = r!;
  return {
    id: String(a.id), subjectId: a.subject_id, rule: a.rule, document: a.document, year: a.year, mode: a.mode,
    state: a.state as ApplicationState, chain: a.chain.split(',') as Level[], region: a.region, funder: a.funder,
    decidedFen: intOrNull(a.decided_fen), ceiling: a.ceiling, approvedFen: intOrNull(a.approved_fen),
    runId: a.run_id === null ? null : String(a.run_id), facts: jsonValue<FilledFact[]>(a.facts), explanation: jsonValue(a.explanation),
    reviewDue: a.review_due, version: a.version, createdBy: a.created_by,
  };
}

const selectOne = (db: Tx | Store['db'], id: string, lock = false) => {
  const q = db.selectFrom('applications').selectAll().where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
};

export async function readApplication(store: Store, id: string): Promise<Application> {
  const r = await selectOne(store.db, id);
  if (!r) throw notFound(`申报 ${id}`, `application ${id}`);
  return applicationOf(r);
}

// ---- 申报窗口 ---------------------------------------------------------------------------------

export interface Window {
  readonly rule: string;
  readonly year: number;
  readonly opens: string;
  readonly closes: string;
}

export async function setWindow(store: Store, w: Window, by: string): Promise<void> {
  if (w.opens > w.closes) throw new ProcessError('invalid', 'window-order', '申报开始日期不能晚于截止日期', 'The window must open before it closes', 'closes');
  await store.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('application_windows').selectAll().where('rule', '=', w.rule).where('year', '=', w.year).executeTakeFirst();
    await tx.insertInto('application_windows').values({ ...w, set_by: by })
      .onConflict((oc) => oc.columns(['rule', 'year']).doUpdateSet({ opens: w.opens, closes: w.closes, set_by: by, set_at: sql`now()` })).execute();
    await appendAudit(tx, { actor: by, action: 'window.set', entity: `application_windows/${w.rule}/${w.year}`, before: before ? { opens: before.opens, closes: before.closes } : undefined, after: w });
  });
}

export async function windowOf(store: Store | { db: Tx }, rule: string, year: number): Promise<Window | undefined> {
  const r = await store.db.selectFrom('application_windows').select(['rule', 'year', 'opens', 'closes']).where('rule', '=', rule).where('year', '=', year).executeTakeFirst();
  return r ?? undefined;
}

// ---- 申报 (an enterprise's draft) -------------------------------------------------------------

/** Whose way to which award: the subject, the rule of a document and year, its review chain and the subject's county. */
export interface Placed {
  readonly subjectId: string;
  readonly rule: string;
  readonly document: string;
  readonly year: number;
  readonly chain: readonly Level[];
  readonly region: string;
}

export interface NewApplication extends Placed {
  readonly funder: string;
  readonly facts: readonly FilledFact[];
}

/** A draft, inside the rule's application window; one per subject, rule and year. */
export async function createApplication(store: Store, a: NewApplication, by: string, today: string): Promise<Application> {
  return store.db.transaction().execute(async (tx) => {
    await insideWindow(tx, a.rule, a.year, today);
    const taken = await tx.selectFrom('applications').select(['id', 'state']).where('subject_id', '=', a.subjectId).where('rule', '=', a.rule).where('year', '=', a.year).executeTakeFirst();
    if (taken) throw new ProcessError('conflict', 'already-applied', `已有本年度该项申报（编号 ${taken.id}），请在原申报上修改`, `There is already an application for this rule and year (${taken.id})`);
    const row = await tx.insertInto('applications').values({
      subject_id: a.subjectId, rule: a.rule, document: a.document, year: a.year, mode: 'application',
      state: initialState('application', [...a.chain]), chain: a.chain.join(','), region: a.region, funder: a.funder,
      facts: JSON.stringify(a.facts), created_by: by,
    }).returning('id').executeTakeFirstOrThrow();
    const id = String(row.id);
    await event(tx, id, 'create', null, 'draft', null, [], null, by);
    await appendAudit(tx, { actor: by, action: 'application.create', entity: `applications/${id}`, after: { ...a } });
    return applicationOf(await selectOne(tx, id));
  });
}

/** A draft (or an application returned for correction) with its facts changed; decided again by the caller. */
export async function saveFacts(store: Store, id: string, version: number, facts: readonly FilledFact[], by: string): Promise<Application> {
  return store.db.transaction().execute(async (tx) => {
    const a = await locked(tx, id, version);
    const t = transition({ state: a.state, action: 'save', role: 'enterprise', chain: [...a.chain] });
    if (!t.ok) throw refusal(t);
    await tx.updateTable('applications').set({ facts: JSON.stringify(facts), version: a.version + 1, updated_at: sql`now()` }).where('id', '=', id).execute();
    await event(tx, id, 'save', a.state, a.state, null, [], null, by);
    await appendAudit(tx, { actor: by, action: 'application.save', entity: `applications/${id}`, before: { facts: a.facts }, after: { facts } });
    return applicationOf(await selectOne(tx, id));
  });
}

// ---- 免申即享 ---------------------------------------------------------------------------------

export interface AutomaticEntry extends Placed {
  readonly decided: Decided;
  /** the official run that decided it (null: entered by other means, e.g. a migration of an older list) */
  readonly runId: string | null;
}

/** Awards of an official run that need no application, onto the review list; those already there are left alone. */
export async function enlist(store: Store, entries: readonly AutomaticEntry[], by: string, today: string, cal: WorkCalendar): Promise<{ created: number; existing: number }> {
  return store.db.transaction().execute(async (tx) => {
    let created = 0;
    for (const e of entries) {
      const state = initialState('automatic', [...e.chain]);
      const row = await tx.insertInto('applications').values({
        subject_id: e.subjectId, rule: e.rule, document: e.document, year: e.year, mode: 'automatic', state,
        chain: e.chain.join(','), region: e.region, funder: e.decided.funder, decided_fen: e.decided.fen, ceiling: e.decided.ceiling,
        run_id: e.runId, explanation: JSON.stringify(e.decided.explanation ?? null), review_due: reviewDue(cal, today), created_by: by,
      }).onConflict((oc) => oc.columns(['subject_id', 'rule', 'year']).doNothing()).returning('id').executeTakeFirst();
      if (!row) continue;
      created++;
      await event(tx, String(row.id), 'enlist', null, state, null, [], e.decided.fen, by);
    }
    await appendAudit(tx, { actor: by, action: 'application.enlist', entity: `runs/${entries[0]?.runId ?? '-'}`, after: { created, existing: entries.length - created } });
    return { created, existing: entries.length - created };
  });
}

// ---- 评审: one step of the state machine -------------------------------------------------------

export interface Act {
  readonly action: ApplicationAction;
  readonly role: Role;
  /** the version the actor saw: a step on a stale page is refused */
  readonly version: number;
  readonly reasons?: readonly string[];
  /** a reviewer approving less than a 最高 ceiling */
  readonly approveFen?: number;
  /** submit: the engine's decision on the filled facts */
  readonly decided?: Decided;
  /** the last approval: the rule's pool (奖补资金池) in fen, when it has one */
  readonly poolFen?: number;
}

export async function act(store: Store, id: string, a: Act, by: string, today: string, cal: WorkCalendar): Promise<Application> {
  return store.db.transaction().execute((tx) => actIn(tx, id, a, by, today, cal));
}

/** The same step inside the caller's transaction (an upheld objection: the step and the objection's resolution together). */
export async function actIn(tx: Tx, id: string, a: Act, by: string, today: string, cal: WorkCalendar): Promise<Application> {
  const app = await locked(tx, id, a.version);
  const t = transition({ state: app.state, action: a.action, role: a.role, chain: [...app.chain], ...(a.reasons ? { reasons: [...a.reasons] } : {}) });
  if (!t.ok) throw refusal(t);
  const set: Record<string, unknown> = { state: t.to, version: app.version + 1, updated_at: sql`now()`, review_due: t.to.endsWith('-review') ? reviewDue(cal, today) : null };
  let amount: number | null = null;
  if (a.action === 'submit') {
    if (app.state === 'draft' && app.mode === 'application') await insideWindow(tx, app.rule, app.year, today);
    if (!a.decided) throw new Error('submit needs the engine\'s decision');
    Object.assign(set, { decided_fen: a.decided.fen, ceiling: a.decided.ceiling, funder: a.decided.funder, explanation: JSON.stringify(a.decided.explanation ?? null), approved_fen: null });
  }
  if (a.action === 'approve') {
    amount = approval(app, a);
    set.approved_fen = amount;
    if (t.to === 'approved' && amount !== null) await commit(tx, app, amount, a.poolFen);
  }
  if (a.action === 'uphold-objection' && app.approvedFen !== null) await release(tx, app, app.approvedFen);
  await tx.updateTable('applications').set(set).where('id', '=', id).execute();
  const level = levelOfRole(a.role) ?? null;
  await event(tx, id, a.action, app.state, t.to, level, a.reasons ?? [], amount, by);
  await appendAudit(tx, { actor: by, action: `application.${a.action}`, entity: `applications/${id}`, before: { state: app.state, approvedFen: app.approvedFen }, after: { state: t.to, approvedFen: amount ?? app.approvedFen, reasons: a.reasons ?? [] } });
  return applicationOf(await selectOne(tx, id));
}

/** A refused step as the process's error: no such step now (conflict), not this actor's step (forbidden), no reason (invalid). */
export function refusal(t: Extract<ReturnType<typeof transition>, { ok: false }>): ProcessError {
  const kind = t.code === 'reason-required' ? 'invalid' : t.code === 'not-allowed' ? 'conflict' : 'forbidden';
  return new ProcessError(kind, t.code, t.zh, t.en, t.code === 'reason-required' ? 'reasons' : undefined);
}

/** The amount a reviewer approves: the decided one, or less than a 最高 ceiling with a reason; never more. */
function approval(app: Application, a: Act): number | null {
  const current = app.approvedFen ?? app.decidedFen;
  if (app.decidedFen === null) {
    if (a.approveFen !== undefined) throw new ProcessError('invalid', 'not-money', '该奖励不是资金奖励，不能核定金额', 'This award is not money: no amount can be approved', 'approveFen');
    return null;
  }
  if (a.approveFen === undefined) return current;
  const r = approvedAmount({ decidedFen: app.decidedFen, ceiling: app.ceiling, approveFen: a.approveFen, ...(a.reasons?.[0] ? { reason: a.reasons[0] } : {}) });
  if (!r.ok) throw new ProcessError('invalid', r.code, r.zh, r.en, 'approveFen');
  return r.fen;
}

const yuan = yuanString;

/** Commit an approved amount to its budget (and its rule's pool), under the budget's row lock. */
async function commit(tx: Tx, app: Application, fen: number, poolFen: number | undefined): Promise<void> {
  const budget = await tx.selectFrom('budgets').select(['total_fen', 'committed_fen']).where('document', '=', app.document).where('funder', '=', app.funder).where('year', '=', app.year).forUpdate().executeTakeFirst();
  if (!budget) {
    throw new ProcessError('conflict', 'no-budget', `${app.document} ${app.year}年度 ${app.funder} 尚未设定预算，请先设定预算再终审`, `No budget is set for ${app.document}, funder ${app.funder}, ${app.year}: set one before the final approval`);
  }
  const total = int(budget.total_fen);
  const committed = int(budget.committed_fen);
  if (!canCommit(total, committed, fen)) {
    throw new ProcessError('conflict', 'over-budget', `预算不足：剩余 ${yuan(total - committed)} 元，本项 ${yuan(fen)} 元`, `Over budget: ${yuan(total - committed)} yuan left, this award is ${yuan(fen)} yuan`);
  }
  if (poolFen !== undefined) {
    const used = await tx.selectFrom('applications').select((eb) => eb.fn.coalesce(eb.fn.sum<string | number>('approved_fen'), sql<number>`0`).as('fen'))
      .where('rule', '=', app.rule).where('year', '=', app.year).where('state', 'in', ['approved', 'on-notice', 'final', 'paid']).executeTakeFirstOrThrow();
    if (int(used.fen) + fen > poolFen) {
      throw new ProcessError('conflict', 'over-pool', `超出本条资金池：池 ${yuan(poolFen)} 元，已核定 ${yuan(int(used.fen))} 元`, `Over the rule's pool: ${yuan(poolFen)} yuan, ${yuan(int(used.fen))} already approved`);
    }
  }
  await tx.updateTable('budgets').set({ committed_fen: committed + fen }).where('document', '=', app.document).where('funder', '=', app.funder).where('year', '=', app.year).execute();
}

async function release(tx: Tx, app: Application, fen: number): Promise<void> {
  await tx.updateTable('budgets').set((eb) => ({ committed_fen: eb('committed_fen', '-', fen) }))
    .where('document', '=', app.document).where('funder', '=', app.funder).where('year', '=', app.year).execute();
}

/** Applying and the first submission happen inside the rule's window (a correction after 待补正 does not wait for one). */
async function insideWindow(tx: Tx, rule: string, year: number, today: string): Promise<void> {
  const w = await windowOf({ db: tx }, rule, year);
  if (!w || today < w.opens || today > w.closes) {
    throw new ProcessError('conflict', 'window-closed',
      w ? `${rule} ${year}年度的申报时间为 ${w.opens} 至 ${w.closes}，当前不在申报期内` : `${rule} ${year}年度尚未开放申报，请留意主管部门通知`,
      w ? `Applications for ${rule} ${year} are open ${w.opens} to ${w.closes}` : `Applications for ${rule} ${year} are not open`);
  }
}

/** The application, locked for this transaction, if the caller saw its current version. */
async function locked(tx: Tx, id: string, version: number): Promise<Application> {
  const r = await selectOne(tx, id, true);
  if (!r) throw notFound(`申报 ${id}`, `application ${id}`);
  const a = applicationOf(r);
  if (a.version !== version) {
    throw new ProcessError('conflict', 'stale', '该申报已被他人更新，请刷新后再操作', `The application changed since you read it (version ${a.version}, you sent ${version}): reload it`);
  }
  return a;
}

/** One step of an application into its history (application_events, append-only). */
export async function event(tx: Tx, id: string, action: string, from: string | null, to: string, level: string | null, reasons: readonly string[], fen: number | null, by: string): Promise<void> {
  await tx.insertInto('application_events').values({ application_id: id, action, from_state: from, to_state: to, level, reasons: JSON.stringify(reasons), amount_fen: fen, by }).execute();
}

export interface ApplicationEvent {
  readonly action: string;
  readonly from: string | null;
  readonly to: string;
  readonly level: string | null;
  readonly reasons: readonly string[];
  readonly amountFen: number | null;
  readonly by: string;
  readonly at: Date;
}

export async function applicationEvents(store: Store, id: string): Promise<ApplicationEvent[]> {
  const rows = await store.db.selectFrom('application_events').selectAll().where('application_id', '=', id).orderBy('id').execute();
  return rows.map((r) => ({ action: r.action, from: r.from_state, to: r.to_state, level: r.level, reasons: jsonValue<string[]>(r.reasons), amountFen: intOrNull(r.amount_fen), by: r.by, at: r.at }));
}

export interface ApplicationFilter {
  /** regions the caller sees (undefined: all) */
  readonly regions?: readonly string[];
  readonly subjectId?: string;
  readonly states?: readonly ApplicationState[];
  readonly year?: number;
  readonly rule?: string;
}

export async function listApplications(store: Store, f: ApplicationFilter, page: { limit: number; offset: number }): Promise<{ total: number; items: Application[] }> {
  let q = store.db.selectFrom('applications');
  if (f.regions) q = q.where('region', 'in', f.regions.length ? [...f.regions] : ['-']);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
  if (f.states?.length) q = q.where('state', 'in', [...f.states]);
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  if (f.rule) q = q.where('rule', '=', f.rule);
  const total = Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll().orderBy('id').limit(page.limit).offset(page.offset).execute();
  return { total, items: rows.map((r) => applicationOf(r)) };
}
