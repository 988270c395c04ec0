/**
 * What the white and black lists, 齐鲁电商贷 and the task reports need beyond migration 006:
 *  - a partner bank's staff as an account of their own (role 'bank'): the bank it works for and,
 *    as every non-enterprise account, the region it serves; nothing else of the platform is theirs;
 *  - the day a list entry was removed (the process's date, which tests move), and indexes for the
 *    blacklist read with every year's data;
 *  - a loan's decision (who, when, with what note) and the indexes of a bank's queue;
 *  - the day a task report was filed and how often it was corrected (the old text is in the audit log).
 */
import { sql, type Kysely } from 'kysely';

const day = (column: string) => sql`${sql.ref(column)} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  // PostgreSQL names a column's CHECK <table>_<column>_check: migration 004 created this one unnamed
  await sql`alter table accounts drop constraint accounts_role_check`.execute(db);
  await db.schema.alterTable('accounts')
    .addCheckConstraint('accounts_role', sql`role in ('province-admin', 'city-admin', 'county-admin', 'enterprise', 'auditor', 'bank')`).execute();
  await db.schema.alterTable('accounts').addColumn('bank', 'text').execute();
  await db.schema.alterTable('accounts').addCheckConstraint('accounts_bank', sql`(role = 'bank') = (bank is not null)`).execute();

  await db.schema.alterTable('list_entries').addColumn('removed_on', 'text', (c) => c.check(day('removed_on'))).execute();
  await db.schema.alterTable('list_entries').addCheckConstraint('list_entries_removed', sql`(state = 'removed') = (removed_on is not null)`).execute();
  await db.schema.createIndex('list_entries_subject').on('list_entries').columns(['subject_id', 'list', 'state']).execute();
  await db.schema.createIndex('list_entries_uscc').on('list_entries').columns(['uscc', 'list', 'state']).execute();
  await db.schema.createIndex('list_events_of').on('list_events').column('entry_id').execute();

  await db.schema.alterTable('loan_applications').addColumn('decided_by', 'text').execute();
  await db.schema.alterTable('loan_applications').addColumn('decided_at', 'timestamptz').execute();
  await db.schema.alterTable('loan_applications').addColumn('note', 'text').execute();
  await db.schema.createIndex('loan_applications_queue').on('loan_applications').columns(['bank', 'state', 'region']).execute();
  await db.schema.createIndex('loan_applications_subject').on('loan_applications').column('subject_id').execute();

  await db.schema.alterTable('task_reports').addColumn('reported_on', 'text', (c) => c.check(day('reported_on'))).execute();
  await db.schema.alterTable('task_reports').addColumn('corrections', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
