/**
 * 申报与评审 in the database: an application (or an entry that needs none, 免申即享) moves only
 * through the transitions of @duixian/workflow's state machine, one at a time (the row is locked
 * and its version checked: a reviewer acting on a stale page is refused, never silently overrides),
 * and every step is an event and an audit entry. The FIRST level's approval reserves the amount in
 * the budget of the document, funder and year (so that no level approves into a budget that is not
 * there) and the last level's commits it — under that budget's row lock, so fifty approvals
 * arriving at once are taken one after another and the budget (and the rule's pool) is never
 * overspent; a rejection, a return for correction, a withdrawal or an objection upheld during 公示
 * gives back what the application held. A 金额待定 award gets its amount from its funder before
 * the final approval.
 */
import { sql, type Transaction } from 'kysely';
import {
  approvedAmount, canCommit, initialState, levelOfRole, levelOfState, reviewDue, STATE_NAMES, transition,
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
  /** 金额待定: a money award whose amount its funder sets (fen is null until then) */
  readonly pending?: boolean;
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
  /** what it holds of its budget: reserved in review, committed once approved; null: nothing */
  readonly heldFen: number | null;
  /** 金额待定: decidedFen stays null until the funder sets the amount */
  readonly amountPending: boolean;
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
    heldFen: intOrNull(a.held_fen), amountPending: a.amount_pending,
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
        chain: e.chain.join(','), region: e.region, funder: e.decided.funder, decided_fen: e.decided.fen, ceiling: e.decided.ceiling, amount_pending: e.decided.pending ?? false,
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
  /** an approval: the rule's pool (奖补资金池) in fen, when it has one */
  readonly poolFen?: number;
  /** an approval despite what changed since the application was queued, and why */
  readonly acknowledged?: Acknowledgement;
}

/** What changed since an application was queued (黑名单、已享受同组奖励…), as the reviewer was shown it. */
export interface Change {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

export interface Acknowledgement {
  readonly reason: string;
  readonly changes: readonly Change[];
}

/** Steps that end an application's claim on its budget: what it held goes back. */
const GIVING_BACK: readonly ApplicationAction[] = ['reject', 'return', 'withdraw', 'uphold-objection'];

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
    Object.assign(set, {
      decided_fen: a.decided.fen, ceiling: a.decided.ceiling, funder: a.decided.funder, explanation: JSON.stringify(a.decided.explanation ?? null),
      approved_fen: null, amount_pending: a.decided.pending ?? false,
    });
  }
  if (a.action === 'approve') {
    amount = approval(app, a);
    if (t.to === 'approved' && app.amountPending && amount === null) throw amountNotSet(app);
    set.approved_fen = amount;
    // money (or money whose amount is still to be set) needs its budget from the first level on
    if (app.decidedFen !== null || app.amountPending) set.held_fen = await hold(tx, app, amount ?? 0, t.to === 'approved', a.poolFen);
  }
  if (GIVING_BACK.includes(a.action) && app.heldFen !== null) {
    await release(tx, app, app.heldFen);
    set.held_fen = null;
  }
  await tx.updateTable('applications').set(set).where('id', '=', id).execute();
  const level = levelOfRole(a.role) ?? null;
  const reasons = [...(a.reasons ?? []), ...(a.acknowledged ? [acknowledgement(a.acknowledged)] : [])];
  await event(tx, id, a.action, app.state, t.to, level, reasons, amount, by);
  await appendAudit(tx, {
    actor: by, action: `application.${a.action}`, entity: `applications/${id}`, before: { state: app.state, approvedFen: app.approvedFen },
    after: { state: t.to, approvedFen: amount ?? app.approvedFen, reasons: a.reasons ?? [], ...(a.acknowledged ? { acknowledged: a.acknowledged } : {}) },
  });
  return applicationOf(await selectOne(tx, id));
}

/** The acknowledgement as the step's reason in its history: what changed, and why the reviewer goes on. */
const acknowledgement = (k: Acknowledgement) => `已知悉变化（${k.changes.map((c) => c.zh).join('；')}）：${k.reason}`;

const amountNotSet = (app: Application) => new ProcessError('conflict', 'amount-not-set',
  `该奖励金额待定，须由资金承担方（${app.funder}）先设定金额并说明理由，才能终审通过`,
  `The amount of this award is pending: its funder (${app.funder}) must set it, with a reason, before the final approval`);

export interface AmountSetting {
  /** the version the funder saw */
  readonly version: number;
  readonly fen: number;
  readonly reason: string;
  /** the most the rule's text allows (最高…), when it says */
  readonly capFen?: number;
  /** the rule's pool (奖补资金池), when it has one */
  readonly poolFen?: number;
}

/**
 * 金额待定: the funder sets the amount of a pending award while it is in review, with a reason.
 * Once a level has approved it, the amount is reserved in the budget at once (the budget must have
 * room); the next approvals take it as a fixed amount.
 */
export async function setAmount(store: Store, id: string, s: AmountSetting, by: string): Promise<Application> {
  if (!s.reason.trim()) throw new ProcessError('invalid', 'reason-required', '设定金额须写明理由（依据的标准或集体研究意见）', 'Setting the amount needs a reason', 'reason');
  return store.db.transaction().execute(async (tx) => {
    const app = await locked(tx, id, s.version);
    if (!app.amountPending) throw new ProcessError('conflict', 'not-pending', '该奖励金额由政策条文确定，不能另行设定', 'The amount of this award is set by the text: it cannot be set by hand');
    if (!levelOfState(app.state)) throw new ProcessError('conflict', 'not-in-review', `“${STATE_NAMES[app.state].zh}”状态下不能设定金额，只能在审核中设定`, `The amount is set while the application is in review, not when it is ${STATE_NAMES[app.state].en}`);
    if (s.capFen !== undefined && s.fen > s.capFen) {
      throw new ProcessError('invalid', 'over-cap', `设定金额 ${yuan(s.fen)} 元超过条文规定的最高 ${yuan(s.capFen)} 元`, `${yuan(s.fen)} yuan is more than the text's ceiling of ${yuan(s.capFen)} yuan`, 'amount');
    }
    const held = app.heldFen === null ? null : await hold(tx, app, s.fen, false, s.poolFen);
    await tx.updateTable('applications').set({ decided_fen: s.fen, ceiling: false, approved_fen: null, held_fen: held, version: app.version + 1, updated_at: sql`now()` }).where('id', '=', id).execute();
    await event(tx, id, 'set-amount', app.state, app.state, null, [s.reason], s.fen, by);
    await appendAudit(tx, { actor: by, action: 'application.set-amount', entity: `applications/${id}`, before: { decidedFen: app.decidedFen }, after: { decidedFen: s.fen, reason: s.reason } });
    return applicationOf(await selectOne(tx, id));
  });
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

/** The budget row of the application's document, funder and year. */
const budgetOf = (tx: Tx, app: Application) => tx.selectFrom('budgets').where('document', '=', app.document).where('funder', '=', app.funder).where('year', '=', app.year);
const budgetRow = (tx: Tx, app: Application) => tx.updateTable('budgets').where('document', '=', app.document).where('funder', '=', app.funder).where('year', '=', app.year);

/**
 * Hold `fen` of the application's budget (and of its rule's pool) in place of what it held:
 * reserved while it is in review, committed at the final approval; under the budget's row lock.
 * The budget must exist from the first level's approval on. Returns what it now holds.
 */
async function hold(tx: Tx, app: Application, fen: number, final: boolean, poolFen: number | undefined): Promise<number> {
  const budget = await budgetOf(tx, app).select(['total_fen', 'committed_fen', 'reserved_fen']).forUpdate().executeTakeFirst();
  if (!budget) {
    throw new ProcessError('conflict', 'no-budget', `${app.document} ${app.year}年度 ${app.funder} 尚未设定预算，请资金承担方先设定预算再审核`, `No budget is set for ${app.document}, funder ${app.funder}, ${app.year}: the funder sets one before any level approves`);
  }
  const total = int(budget.total_fen);
  const before = app.heldFen ?? 0; // held in review: a reservation
  const others = int(budget.committed_fen) + int(budget.reserved_fen) - before;
  if (!canCommit(total, others, fen)) {
    throw new ProcessError('conflict', 'over-budget', `预算不足：剩余 ${yuan(total - others)} 元，本项 ${yuan(fen)} 元`, `Over budget: ${yuan(total - others)} yuan left, this award is ${yuan(fen)} yuan`);
  }
  if (poolFen !== undefined) {
    const used = await tx.selectFrom('applications').select((eb) => eb.fn.coalesce(eb.fn.sum<string | number>('held_fen'), sql<number>`0`).as('fen'))
      .where('rule', '=', app.rule).where('year', '=', app.year).where('id', '!=', app.id).executeTakeFirstOrThrow();
    if (int(used.fen) + fen > poolFen) {
      throw new ProcessError('conflict', 'over-pool', `超出本条资金池：池 ${yuan(poolFen)} 元，已预留及核定 ${yuan(int(used.fen))} 元`, `Over the rule's pool: ${yuan(poolFen)} yuan, ${yuan(int(used.fen))} already reserved or approved`);
    }
  }
  await budgetRow(tx, app).set((eb) => ({
    reserved_fen: eb(eb('reserved_fen', '-', before), '+', final ? 0 : fen),
    committed_fen: eb('committed_fen', '+', final ? fen : 0),
  })).execute();
  return fen;
}

/** Give back what the application held: its reservation while in review, its commitment once approved. */
async function release(tx: Tx, app: Application, fen: number): Promise<void> {
  const column = levelOfState(app.state) ? 'reserved_fen' : 'committed_fen';
  await budgetRow(tx, app).set((eb) => ({ [column]: eb(column, '-', fen) })).execute();
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
  /** the amount as it stands (approved, else decided), in fen, both ends included; 金额待定 has none and falls outside */
  readonly minFen?: number;
  readonly maxFen?: number;
}

export async function listApplications(store: Store, f: ApplicationFilter, page: { limit: number; offset: number }): Promise<{ total: number; items: Application[] }> {
  let q = store.db.selectFrom('applications');
  if (f.regions) q = q.where('region', 'in', f.regions.length ? [...f.regions] : ['-']);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
  if (f.states?.length) q = q.where('state', 'in', [...f.states]);
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  if (f.rule) q = q.where('rule', '=', f.rule);
  if (f.minFen !== undefined) q = q.where((eb) => eb.fn.coalesce('approved_fen', 'decided_fen'), '>=', f.minFen);
  if (f.maxFen !== undefined) q = q.where((eb) => eb.fn.coalesce('approved_fen', 'decided_fen'), '<=', f.maxFen);
  const total = Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll().orderBy('id').limit(page.limit).offset(page.offset).execute();
  return { total, items: rows.map((r) => applicationOf(r)) };
}
