/**
 * Budgets checked at the first step (issue 14): an application's amount is reserved against its
 * budget when the FIRST review level approves it — so that no level approves into a budget that
 * is not there — and committed at the final approval; a rejection, a return for correction, a
 * withdrawal or an upheld objection gives it back. `held_fen` is what the application holds of
 * its budget (reserved while in review, committed once approved; null: nothing held), so that
 * what is given back is exactly what was taken. A 金额待定 award is `amount_pending`: its funder
 * sets the amount (into decided_fen) before the final approval.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('budgets').addColumn('reserved_fen', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  await sql`alter table budgets drop constraint budgets_not_overspent`.execute(db);
  await sql`alter table budgets add constraint budgets_not_overspent check (committed_fen >= 0 and reserved_fen >= 0 and committed_fen + reserved_fen <= total_fen)`.execute(db);
  await db.schema.alterTable('applications').addColumn('held_fen', 'bigint', (c) => c.check(sql`held_fen >= 0`)).execute();
  await db.schema.alterTable('applications').addColumn('amount_pending', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  // what final approvals committed before this migration is held by their applications
  await sql`update applications set held_fen = approved_fen where approved_fen is not null and state in ('approved', 'on-notice', 'final', 'paid')`.execute(db);
}
