/**
 * 预算与拨付: a budget per document, funder and year (what the first review's approvals reserve and
 * the last review's commit, see applications.ts), its use with the 70% and 90% warnings (counting
 * the reservations: that money is spoken for), and the
 * payments made against final awards — each with the finance system's payment order number —
 * until the award is paid in full. Never more than approved; an order number is used once.
 */
import { sql } from 'kysely';
import { yuanString } from '@duixian/engine';
import { budgetUse, levelOfRegion, transition } from '@duixian/workflow';
import type { Store } from './db.js';
import type { Role } from './schema.js';
import { appendAudit } from './audit.js';
import { event, refusal, type Acknowledgement } from './applications.js';
import { int } from './import.js';
import { notFound, ProcessError } from './process-error.js';

export interface BudgetKey {
  readonly document: string;
  readonly funder: string;
  readonly year: number;
}

export interface Budget extends BudgetKey {
  readonly totalFen: number;
  readonly committedFen: number;
  /** approved by a first level, not yet by the last */
  readonly reservedFen: number;
  readonly paidFen: number;
  readonly use: ReturnType<typeof budgetUse>;
}

/** Set (or change) a budget; never below what approvals have reserved and committed already. */
export async function setBudget(store: Store, b: BudgetKey & { totalFen: number }, by: string): Promise<Budget> {
  if (!Number.isSafeInteger(b.totalFen) || b.totalFen < 0) throw new ProcessError('invalid', 'budget-amount', '预算金额应为不小于 0 的金额', 'A budget is an amount of 0 or more', 'total');
  await store.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('budgets').select(['total_fen', 'committed_fen', 'reserved_fen']).where('document', '=', b.document).where('funder', '=', b.funder).where('year', '=', b.year).forUpdate().executeTakeFirst();
    const taken = before ? int(before.committed_fen) + int(before.reserved_fen) : 0;
    if (taken > b.totalFen) {
      throw new ProcessError('conflict', 'below-committed', `已预留及核定 ${yuanString(taken)} 元，预算不能低于此数`, `${yuanString(taken)} yuan is reserved or committed already: the budget cannot be less`, 'total');
    }
    await tx.insertInto('budgets').values({ document: b.document, funder: b.funder, year: b.year, total_fen: b.totalFen, set_by: by })
      .onConflict((oc) => oc.columns(['document', 'funder', 'year']).doUpdateSet({ total_fen: b.totalFen, set_by: by, set_at: sql`now()` })).execute();
    await appendAudit(tx, { actor: by, action: 'budget.set', entity: `budgets/${b.document}/${b.funder}/${b.year}`, before: before ? { totalFen: int(before.total_fen) } : undefined, after: { totalFen: b.totalFen } });
  });
  return (await listBudgets(store, { funders: [b.funder], year: b.year })).find((x) => x.document === b.document)!;
}

/** Budgets with their use: reserved by first approvals, committed by final ones, paid by disbursements. */
export async function listBudgets(store: Store, f: { funders?: readonly string[]; year?: number } = {}): Promise<Budget[]> {
  let q = store.db.selectFrom('budgets as b').select(['b.document', 'b.funder', 'b.year', 'b.total_fen', 'b.committed_fen', 'b.reserved_fen',
    (eb) => eb.selectFrom('disbursements as d').innerJoin('applications as a', 'a.id', 'd.application_id')
      .select((e) => e.fn.coalesce(e.fn.sum<string | number>('d.amount_fen'), sql<number>`0`).as('s'))
      .whereRef('a.document', '=', 'b.document').whereRef('a.funder', '=', 'b.funder').whereRef('a.year', '=', 'b.year').as('paid')]);
  if (f.funders) q = q.where('b.funder', 'in', f.funders.length ? [...f.funders] : ['-']);
  if (f.year !== undefined) q = q.where('b.year', '=', f.year);
  const rows = await q.orderBy('b.year').orderBy('b.document').orderBy('b.funder').execute();
  return rows.map((r) => {
    const totalFen = int(r.total_fen);
    const committedFen = int(r.committed_fen);
    const reservedFen = int(r.reserved_fen);
    return { document: r.document, funder: r.funder, year: r.year, totalFen, committedFen, reservedFen, paidFen: int(r.paid ?? 0), use: budgetUse(totalFen, committedFen + reservedFen) };
  });
}

export interface Payment {
  readonly applicationId: string;
  /** the finance system's payment order number (支付指令号) */
  readonly orderNo: string;
  readonly paidOn: string;
  readonly amountFen: number;
}

/**
 * A payment against a final award; the award becomes paid when payments reach the approved amount.
 * `acknowledged`: what changed since the award was queued, which the payer goes on despite, and why.
 */
export async function recordDisbursement(store: Store, p: Payment, role: Role, by: string, acknowledged?: Acknowledgement): Promise<{ paidFen: number; state: string }> {
  if (!Number.isSafeInteger(p.amountFen) || p.amountFen <= 0) throw new ProcessError('invalid', 'payment-amount', '拨付金额应大于 0', 'A payment is more than 0', 'amount');
  if (!p.orderNo.trim()) throw new ProcessError('invalid', 'order-required', '请填写支付指令号', 'Give the payment order number', 'orderNo');
  return store.db.transaction().execute(async (tx) => {
    const a = await tx.selectFrom('applications').select(['id', 'state', 'chain', 'version', 'approved_fen', 'funder']).where('id', '=', p.applicationId).forUpdate().executeTakeFirst();
    if (!a) throw notFound(`申报 ${p.applicationId}`, `application ${p.applicationId}`);
    if (a.state !== 'final') throw new ProcessError('conflict', 'not-final', '只有公示期满、已确定的奖励才能拨付', 'Only a final award (after its public notice) can be paid');
    if (a.approved_fen === null) throw new ProcessError('conflict', 'not-money', '该奖励不是资金奖励', 'This award is not money');
    const taken = await tx.selectFrom('disbursements').select('application_id').where('order_no', '=', p.orderNo).executeTakeFirst();
    if (taken) throw new ProcessError('conflict', 'order-used', `支付指令号 ${p.orderNo} 已使用`, `Payment order ${p.orderNo} is recorded already`, 'orderNo');
    const before = await tx.selectFrom('disbursements').select((eb) => eb.fn.coalesce(eb.fn.sum<string | number>('amount_fen'), sql<number>`0`).as('s')).where('application_id', '=', p.applicationId).executeTakeFirstOrThrow();
    const approved = int(a.approved_fen);
    const paid = int(before.s) + p.amountFen;
    if (paid > approved) {
      throw new ProcessError('invalid', 'over-approved', `拨付合计 ${yuanString(paid)} 元将超过核定金额 ${yuanString(approved)} 元`, `Payments would total ${yuanString(paid)} yuan, more than the ${yuanString(approved)} approved`, 'amount');
    }
    await tx.insertInto('disbursements').values({ application_id: p.applicationId, order_no: p.orderNo, paid_on: p.paidOn, amount_fen: p.amountFen, by }).execute();
    let state: string = a.state;
    if (paid === approved) {
      const funder = levelOfRegion(a.funder); // the funder's level pays (a county its own awards), as the server checked
      const t = transition({ state: 'final', action: 'pay', role, chain: a.chain.split(',') as never, ...(funder ? { funder } : {}) });
      if (!t.ok) throw refusal(t);
      state = t.to;
      await tx.updateTable('applications').set({ state, version: a.version + 1, updated_at: sql`now()` }).where('id', '=', p.applicationId).execute();
      await event(tx, p.applicationId, 'pay', 'final', state, null, [p.orderNo], paid, by);
    }
    await appendAudit(tx, { actor: by, action: 'disbursement.record', entity: `applications/${p.applicationId}`, after: { ...p, paidFen: paid, state, ...(acknowledged ? { acknowledged } : {}) } });
    return { paidFen: paid, state };
  });
}

export interface DisbursementRow extends Payment {
  readonly subjectId: string;
  readonly subjectName: string;
  readonly uscc: string | null;
  readonly rule: string;
  readonly document: string;
  readonly funder: string;
  readonly year: number;
}

/** Every payment, for the finance system's export: oldest first. */
export async function listDisbursements(store: Store, f: { funders?: readonly string[]; year?: number } = {}): Promise<DisbursementRow[]> {
  let q = store.db.selectFrom('disbursements as d').innerJoin('applications as a', 'a.id', 'd.application_id').innerJoin('subjects as s', 's.id', 'a.subject_id')
    .select(['d.application_id', 'd.order_no', 'd.paid_on', 'd.amount_fen', 'a.subject_id', 's.name', 's.uscc', 'a.rule', 'a.document', 'a.funder', 'a.year']);
  if (f.funders) q = q.where('a.funder', 'in', f.funders.length ? [...f.funders] : ['-']);
  if (f.year !== undefined) q = q.where('a.year', '=', f.year);
  return (await q.orderBy('d.id').execute()).map((r) => ({
    applicationId: String(r.application_id), orderNo: r.order_no, paidOn: r.paid_on, amountFen: int(r.amount_fen),
    subjectId: r.subject_id, subjectName: r.name, uscc: r.uscc, rule: r.rule, document: r.document, funder: r.funder, year: r.year,
  }));
}
