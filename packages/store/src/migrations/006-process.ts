/**
 * From a decided award to money paid (issue 5): applications (申报) and the entries that need no
 * application (免申即享), their review level by level with every step kept, attachments with their
 * checksums, the public notice (公示) with its objections, budgets per document, funder and year,
 * disbursements, the ecosystem whitelist and the credit blacklist with their history, 齐鲁电商贷
 * loan applications and progress reports on the measures that are tasks. States are checked by
 * the database too (CHECK), so that nothing outside the state machine's vocabulary is stored.
 */
import { sql, type Kysely } from 'kysely';

/** A day as 'YYYY-MM-DD' text: the same on every driver and in every time zone; ISO order is date order. */
const day = (column: string) => sql`${sql.ref(column)} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`;

const STATES = `'draft', 'county-review', 'city-review', 'province-review', 'returned', 'rejected', 'approved', 'on-notice', 'final', 'paid', 'withdrawn'`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  // 申报窗口: when enterprises may apply for a rule's award of a year
  await db.schema.createTable('application_windows')
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('opens', 'text', (c) => c.notNull().check(day('opens')))
    .addColumn('closes', 'text', (c) => c.notNull().check(day('closes')))
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('application_windows_pk', ['rule', 'year'])
    .addCheckConstraint('application_windows_order', sql`opens <= closes`)
    .execute();

  // one subject's way to one rule's award of one year, applied for or entered from the statistics
  await db.schema.createTable('applications')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id'))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('application', 'automatic')`))
    .addColumn('state', 'text', (c) => c.notNull().check(sql.raw(`state in (${STATES})`)))
    .addColumn('chain', 'text', (c) => c.notNull()) // review levels in order: 'county,city,province'
    .addColumn('region', 'text', (c) => c.notNull()) // the subject's county: whose first review it is
    .addColumn('funder', 'text', (c) => c.notNull())
    .addColumn('decided_fen', 'bigint') // the engine's amount (null: not a money award, or not yet decided)
    .addColumn('ceiling', 'boolean', (c) => c.notNull().defaultTo(false)) // 最高: a reviewer may approve less
    .addColumn('approved_fen', 'bigint') // what the final review approved
    .addColumn('run_id', 'bigint', (c) => c.references('runs.id')) // the run that decided an automatic entry
    .addColumn('facts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`)) // what the enterprise filled in
    .addColumn('explanation', 'jsonb') // the engine's explanation of decided_fen
    .addColumn('review_due', 'text', (c) => c.check(day('review_due')))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)) // bumped by every change: stale writes are refused
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('applications_once', ['subject_id', 'rule', 'year'])
    .addCheckConstraint('applications_amounts', sql`approved_fen is null or (approved_fen >= 0 and (decided_fen is null or approved_fen <= decided_fen))`)
    .execute();
  await db.schema.createIndex('applications_state').on('applications').columns(['state', 'region']).execute();
  await db.schema.createIndex('applications_budget').on('applications').columns(['document', 'funder', 'year']).execute();

  // every step an application took: who, at which level, from → to, why, for how much
  await db.schema.createTable('application_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('application_id', 'bigint', (c) => c.notNull().references('applications.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('level', 'text') // the reviewer's level
    .addColumn('reasons', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('amount_fen', 'bigint')
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('application_events_of').on('application_events').column('application_id').execute();

  await db.schema.createTable('attachments')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('application_id', 'bigint', (c) => c.notNull().references('applications.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('attachments_of').on('attachments').column('application_id').execute();

  // 公示: a list published by one level for N working days
  await db.schema.createTable('notices')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull()) // the publishing level's region
    .addColumn('published', 'text', (c) => c.notNull().check(day('published')))
    .addColumn('days', 'integer', (c) => c.notNull().check(sql`days > 0`))
    .addColumn('ends', 'text', (c) => c.notNull().check(day('ends')))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('running', 'final')`))
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finalized_by', 'text')
    .addColumn('finalized_at', 'timestamptz')
    .execute();
  await db.schema.createTable('notice_entries')
    .addColumn('notice_id', 'bigint', (c) => c.notNull().references('notices.id'))
    .addColumn('application_id', 'bigint', (c) => c.notNull().references('applications.id').unique())
    .addPrimaryKeyConstraint('notice_entries_pk', ['notice_id', 'application_id'])
    .execute();
  await db.schema.createTable('objections')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('notice_id', 'bigint', (c) => c.notNull().references('notices.id'))
    .addColumn('application_id', 'bigint', (c) => c.notNull().references('applications.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('from_whom', 'text', (c) => c.notNull()) // as given: a name or 匿名; recorded by the account below
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'upheld', 'dismissed')`))
    .addColumn('resolution', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'timestamptz')
    .execute();

  // 预算: what a funder set aside for a document's awards of a year; committed grows with each final approval
  await db.schema.createTable('budgets')
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('funder', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('total_fen', 'bigint', (c) => c.notNull().check(sql`total_fen >= 0`))
    .addColumn('committed_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('budgets_pk', ['document', 'funder', 'year'])
    .addCheckConstraint('budgets_not_overspent', sql`committed_fen >= 0 and committed_fen <= total_fen`)
    .execute();

  // 拨付: payments against a final award; the order number is the finance system's
  await db.schema.createTable('disbursements')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('application_id', 'bigint', (c) => c.notNull().references('applications.id'))
    .addColumn('order_no', 'text', (c) => c.notNull().unique())
    .addColumn('paid_on', 'text', (c) => c.notNull().check(day('paid_on')))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // 白名单 / 信用黑名单 entries with validity; every change an event
  await db.schema.createTable('list_entries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('list', 'text', (c) => c.notNull().check(sql`list in ('white', 'black')`))
    .addColumn('category', 'text') // whitelist: park, mcn, training, supply-chain, service
    .addColumn('subject_id', 'text', (c) => c.references('subjects.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uscc', 'text')
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull().check(day('valid_from')))
    .addColumn('valid_to', 'text', (c) => c.check(day('valid_to')))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'active', 'refused', 'removed')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('list_entries_validity', sql`valid_to is null or valid_from <= valid_to`)
    .addCheckConstraint('list_entries_category', sql`(list = 'white') = (category is not null)`)
    .execute();
  await db.schema.createTable('list_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('entry_id', 'bigint', (c) => c.notNull().references('list_entries.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // 齐鲁电商贷: an application routed to a partner bank, with the data summary the enterprise consented to share
  await db.schema.createTable('loan_applications')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id'))
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('bank', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen between 10000000 and 1000000000`))
    .addColumn('term_months', 'integer', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('consent', 'boolean', (c) => c.notNull())
    .addColumn('consent_at', 'timestamptz')
    .addColumn('summary', 'jsonb') // shared with the bank only with consent
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('queued', 'accepted', 'declined', 'withdrawn')`))
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('loan_applications_consent', sql`(summary is null) or consent`)
    .execute();

  // 任务: progress reports on the measures that award nothing, one per task and quarter
  await db.schema.createTable('task_reports')
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull()) // 2023Q4
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('progress', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('task_reports_pk', ['task', 'period', 'department'])
    .execute();

  // the history tables are append-only, like the runs
  for (const t of ['application_events', 'list_events', 'disbursements']) {
    await sql`create trigger ${sql.raw(`${t}_immutable`)} before update or delete on ${sql.table(t)}
      for each row execute function duixian_immutable()`.execute(db);
  }
}
