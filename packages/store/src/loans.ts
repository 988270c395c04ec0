/**
 * 齐鲁电商贷 in the database: an enterprise applies for a loan of 10万–1000万元 (workflow's
 * checkLoan, both ends included) from a partner bank serving its region. Only with its consent,
 * recorded with the time it was given, is the application routed: a summary of its e-commerce data
 * as the store holds it then (its latest year's online retail, physical-goods online retail and
 * cross-border figures, and the awards it has received) is snapshotted into the application, and
 * the bank's staff see that summary in their queue. The bank accepts or declines; the enterprise
 * may withdraw while the application waits. Every write is an audit entry in its transaction.
 */
import { sql, type Transaction } from 'kysely';
import { checkLoan, type LoanApplication } from '@duixian/workflow';
import type { Store } from './db.js';
import { jsonValue } from './json.js';
import type { Database } from './schema.js';
import { appendAudit } from './audit.js';
import { BANK_NAME, banksServing, placeName } from './banks.js';
import { int } from './import.js';
import { notFound, ProcessError, ProcessProblems, type FieldProblem } from './process-error.js';

type Tx = Transaction<Database>;

export type LoanState = 'queued' | 'accepted' | 'declined' | 'withdrawn';

export interface LoanInput {
  readonly subjectId: string;
  readonly amountFen: number;
  readonly termMonths: number;
  readonly purpose: string;
  /** the partner bank, as its staff's accounts name it */
  readonly bank: string;
  readonly consent: boolean;
}

/** The e-commerce figures summarised for the bank (fen); a year's whole figure, else the sum of the quarters given. */
export const SUMMARY_KEYS = ['onlineRetail', 'physicalGoodsOnlineRetail', 'crossBorderTransactions'] as const;

export interface LoanSummary {
  /** the process's date the summary was taken */
  readonly asOf: string;
  readonly subject: { readonly id: string; readonly name: string; readonly uscc: string | null; readonly region: string | null };
  /** the latest year with any of the figures (null: none stored) */
  readonly year: number | null;
  readonly facts: readonly { readonly key: (typeof SUMMARY_KEYS)[number]; readonly fen: number | null; readonly quarters?: readonly number[] }[];
  /** awards received: imported history, and awards of the process that are final or paid */
  readonly awards: readonly { readonly rule: string; readonly year: number; readonly fen: number | null; readonly source: 'history' | 'process'; readonly state?: string }[];
}

export interface Loan {
  readonly id: string;
  readonly subjectId: string;
  readonly region: string;
  readonly bank: string;
  readonly amountFen: number;
  readonly termMonths: number;
  readonly purpose: string;
  readonly consent: boolean;
  readonly consentAt: Date | null;
  readonly summary: LoanSummary | null;
  readonly state: LoanState;
  readonly by: string;
  readonly at: Date;
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  readonly note: string | null;
}

const FIELD: Readonly<Record<keyof LoanApplication, string>> = { amountFen: 'amount', termMonths: 'termMonths', purpose: 'purpose', consent: 'consent' };

/** Every problem of an application's own fields, named by the API's field (amount, termMonths, purpose, consent, bank). */
export function loanProblems(l: Omit<LoanInput, 'subjectId'>): FieldProblem[] {
  const out: FieldProblem[] = checkLoan(l).map((p) => ({ field: FIELD[p.path], message: p.message }));
  if (Number.isSafeInteger(l.termMonths) && l.termMonths > 360) out.push({ field: 'termMonths', message: '贷款期限不超过360个月' });
  if (typeof l.purpose === 'string' && l.purpose.length > 500) out.push({ field: 'purpose', message: '贷款用途不超过500字' });
  if (typeof l.bank !== 'string' || !BANK_NAME.test(l.bank)) out.push({ field: 'bank', message: '请选择承贷的合作银行' });
  return out;
}

/** No partner bank serves the region: what the enterprise can do instead. */
export function noBankServes(place: string): ProcessError {
  const name = placeName(place);
  return new ProcessError('conflict', 'no-bank-serves',
    `${name}暂无齐鲁电商贷合作银行，无法提交申请。请联系当地商务主管部门，了解合作银行的引进安排或其他融资支持`,
    `No 齐鲁电商贷 partner bank serves ${place} yet, so no application can be made: ask your local commerce bureau about partner banks or other financing`, 'bank');
}

/**
 * Apply: checked (every problem named by its field), refused without consent, refused for a bank
 * that does not serve the subject's region and when the same bank has one of its applications
 * waiting already; else queued with the consent's time and the data summary.
 */
export async function applyForLoan(store: Store, l: LoanInput, by: string, today: string): Promise<Loan> {
  const problems = loanProblems(l);
  if (problems.length) {
    // no bank to choose is the reason that matters, and the one the enterprise can act on
    const s = await store.db.selectFrom('subjects').select('region').where('id', '=', l.subjectId).executeTakeFirst();
    if (s?.region && !(await banksServing(store, s.region)).length) throw noBankServes(s.region);
    throw new ProcessProblems('invalid', problems);
  }
  const id = await store.db.transaction().execute(async (tx) => {
    const s = await tx.selectFrom('subjects').select(['id', 'name', 'uscc', 'region']).where('id', '=', l.subjectId).forUpdate().executeTakeFirst();
    if (!s) throw notFound(`主体 ${l.subjectId}`, `subject ${l.subjectId}`);
    if (!s.region) throw new ProcessError('invalid', 'no-region', `主体 ${s.id} 没有所在地区，无法确定承贷银行`, `Subject ${s.id} has no region: no bank can be chosen`, 'subject');
    const serving = await banksServing({ db: tx }, s.region);
    if (!serving.length) throw noBankServes(s.region);
    if (!serving.includes(l.bank)) {
      throw new ProcessProblems('invalid', [{ field: 'bank', message: `${l.bank} 不是服务 ${s.region} 的合作银行，请从合作银行列表中选择` }]);
    }
    const waiting = await tx.selectFrom('loan_applications').select('id').where('subject_id', '=', s.id).where('bank', '=', l.bank).where('state', '=', 'queued').executeTakeFirst();
    if (waiting) throw new ProcessError('conflict', 'already-queued', `已有向 ${l.bank} 提交、尚在办理的申请（编号 ${waiting.id}），请等待银行处理或先撤回`, `An application to ${l.bank} is waiting already (${waiting.id}): wait for the bank, or withdraw it first`);
    const summary = await summaryOf(tx, s, today);
    const row = await tx.insertInto('loan_applications').values({
      subject_id: s.id, region: s.region, bank: l.bank, amount_fen: l.amountFen, term_months: l.termMonths, purpose: l.purpose.trim(),
      consent: true, consent_at: sql`now()`, summary: JSON.stringify(summary), state: 'queued', by,
    }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(tx, {
      actor: by, action: 'loan.apply', entity: `loan_applications/${row.id}`,
      after: { subjectId: s.id, bank: l.bank, amountFen: l.amountFen, termMonths: l.termMonths, purpose: l.purpose.trim(), consent: true, summary },
    });
    return String(row.id);
  });
  return readLoan(store, id);
}

/** The enterprise's e-commerce data as the store holds it now. */
async function summaryOf(tx: Tx, s: { id: string; name: string; uscc: string | null; region: string | null }, today: string): Promise<LoanSummary> {
  const facts = await tx.selectFrom('facts').select(['year', 'quarter', 'key', 'value'])
    .where('subject_id', '=', s.id).where('key', 'in', [...SUMMARY_KEYS]).where('item', '=', '').where('rule', '=', '').execute();
  const year = facts.length ? Math.max(...facts.map((f) => f.year)) : null;
  const ofYear = facts.filter((f) => f.year === year);
  const history = await tx.selectFrom('award_history').select(['rule', 'year', 'amount']).where('subject_id', '=', s.id).orderBy('year').orderBy('rule').execute();
  const process = await tx.selectFrom('applications').select(['rule', 'year', 'approved_fen', 'state'])
    .where('subject_id', '=', s.id).where('state', 'in', ['final', 'paid']).orderBy('year').orderBy('rule').execute();
  return {
    asOf: today, subject: { id: s.id, name: s.name, uscc: s.uscc, region: s.region }, year,
    facts: SUMMARY_KEYS.map((key) => {
      const whole = ofYear.find((f) => f.key === key && f.quarter === 0);
      if (whole) return { key, fen: int(whole.value) };
      const quarters = ofYear.filter((f) => f.key === key && f.quarter !== 0).sort((a, b) => a.quarter - b.quarter);
      return quarters.length ? { key, fen: quarters.reduce((a, f) => a + int(f.value), 0), quarters: quarters.map((f) => f.quarter) } : { key, fen: null };
    }),
    awards: [
      ...history.map((h) => ({ rule: h.rule, year: h.year, fen: h.amount === null ? null : int(h.amount), source: 'history' as const })),
      ...process.map((a) => ({ rule: a.rule, year: a.year, fen: a.approved_fen === null ? null : int(a.approved_fen), source: 'process' as const, state: a.state })),
    ],
  };
}

const selectLoan = (db: Tx | Store['db'], id: string) => db.selectFrom('loan_applications').selectAll().where('id', '=', id).executeTakeFirst();
type LoanRow = NonNullable<Awaited<ReturnType<typeof selectLoan>>>;
const loanOf = (r: LoanRow): Loan => ({
  id: String(r.id), subjectId: r.subject_id, region: r.region, bank: r.bank, amountFen: int(r.amount_fen), termMonths: r.term_months, purpose: r.purpose,
  consent: r.consent, consentAt: r.consent_at, summary: jsonValue<LoanSummary | null>(r.summary),
  state: r.state, by: r.by, at: r.at, decidedBy: r.decided_by, decidedAt: r.decided_at, note: r.note,
});

export async function readLoan(store: Store, id: string): Promise<Loan> {
  const r = await selectLoan(store.db, id);
  if (!r) throw notFound(`贷款申请 ${id}`, `loan application ${id}`);
  return loanOf(r);
}

/** One move of a waiting application (queued → to), or a conflict when it is not waiting any more. */
async function settle(store: Store, id: string, to: Exclude<LoanState, 'queued'>, note: string | null, by: string): Promise<Loan> {
  await store.db.transaction().execute(async (tx) => {
    const done = await tx.updateTable('loan_applications').set({ state: to, decided_by: by, decided_at: sql`now()`, note })
      .where('id', '=', id).where('state', '=', 'queued').returning('id').executeTakeFirst();
    if (!done) {
      const r = await selectLoan(tx, id);
      if (!r) throw notFound(`贷款申请 ${id}`, `loan application ${id}`);
      throw new ProcessError('conflict', 'not-queued', `该申请已办结（${r.state}），不能再${to === 'withdrawn' ? '撤回' : '处理'}`, `The application is ${r.state} already: it can no longer be ${to}`);
    }
    await appendAudit(tx, { actor: by, action: `loan.${to === 'withdrawn' ? 'withdraw' : to === 'accepted' ? 'accept' : 'decline'}`, entity: `loan_applications/${id}`, before: { state: 'queued' }, after: { state: to, note } });
  });
  return readLoan(store, id);
}

/** The bank's answer to a waiting application; a decline says why. */
export async function decideLoan(store: Store, id: string, d: { accept: boolean; note?: string }, by: string): Promise<Loan> {
  const note = d.note?.trim() || null;
  if (!d.accept && !note) throw new ProcessError('invalid', 'reason-required', '不予受理须说明理由', 'A decline needs its reason', 'note');
  return settle(store, id, d.accept ? 'accepted' : 'declined', note, by);
}

/** The enterprise withdraws a waiting application; the bank no longer sees its data summary. */
export const withdrawLoan = (store: Store, id: string, by: string): Promise<Loan> => settle(store, id, 'withdrawn', null, by);

export interface LoanFilter {
  /** a bank's staff: their bank's queue, in the regions they serve */
  readonly bank?: string;
  /** regions the caller sees (undefined: all) */
  readonly regions?: readonly string[];
  /** an enterprise: its subjects' applications */
  readonly subjectIds?: readonly string[];
  readonly state?: LoanState;
}

export async function listLoans(store: Store, f: LoanFilter, page: { limit: number; offset: number }): Promise<{ total: number; items: Loan[] }> {
  let q = store.db.selectFrom('loan_applications');
  if (f.bank !== undefined) q = q.where('bank', '=', f.bank);
  if (f.regions) q = q.where('region', 'in', f.regions.length ? [...f.regions] : ['-']);
  if (f.subjectIds) q = q.where('subject_id', 'in', f.subjectIds.length ? [...f.subjectIds] : ['']);
  if (f.state) q = q.where('state', '=', f.state);
  const total = Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.selectAll().orderBy('id').limit(page.limit).offset(page.offset).execute();
  return { total, items: rows.map(loanOf) };
}
