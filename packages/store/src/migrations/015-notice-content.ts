/**
 * A 公示 the public can read (issue 16): the notice names the office that receives objections,
 * with its telephone and address, and each entry keeps what was published about it — the
 * enterprise's name and USCC, the clause (文号, article and title) and the amount — as it stood
 * on the day of publication, so that a later renaming of the subject, a new corpus version or a
 * changed rule never rewrites a list the public has read. Notices published before this
 * migration have no office (null); their entries get the name, USCC and amount from the rows
 * they point to, and their clause from the corpus when read.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notices').addColumn('office', 'text').execute();
  await db.schema.alterTable('notices').addColumn('phone', 'text').execute();
  await db.schema.alterTable('notices').addColumn('address', 'text').execute();
  await db.schema.alterTable('notice_entries').addColumn('subject_name', 'text').execute();
  await db.schema.alterTable('notice_entries').addColumn('uscc', 'text').execute();
  await db.schema.alterTable('notice_entries').addColumn('clause', 'text').execute();
  await db.schema.alterTable('notice_entries').addColumn('amount_fen', 'bigint').execute();
  await sql`update notice_entries e set subject_name = s.name, uscc = s.uscc, amount_fen = a.approved_fen
    from applications a join subjects s on s.id = a.subject_id where a.id = e.application_id`.execute(db);
}
