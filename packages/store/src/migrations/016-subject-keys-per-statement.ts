/**
 * A fact's and a tag's subject must exist — checked once per statement instead of once per row.
 * The foreign keys facts.subject_id and subject_tags.subject_id → subjects(id) made PostgreSQL
 * look each row's subject up (and lock it FOR KEY SHARE) one at a time: at a million enterprises
 * (2.26M facts, 2M tags) that was about a third of an import (bench/results.md, "Statistics in").
 * The same rule is now kept by statement-level triggers over the statement's transition table:
 * one anti-join per INSERT or UPDATE, whatever its size, refusing the whole statement with
 * SQLSTATE 23503 (foreign_key_violation) and the first subject it could not find, as the key did.
 * The subjects' side: a DELETE, or an UPDATE that changes an id, may not leave a fact or tag without
 * its subject (the application does neither: a subject is never deleted, its id never changes).
 * Unlike a foreign key, the check takes no row lock: a concurrent transaction deleting a subject
 * while another adds its facts could both commit. Only a DBA deletes subjects, imports take turns
 * (import.ts), so this trade is made for the import's speed.
 */
import { sql, type Kysely } from 'kysely';

const REFERRING = ['facts', 'subject_tags'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create function duixian_subject_exists() returns trigger language plpgsql as $$
    declare missing text;
    begin
      select n.subject_id into missing from new_rows n
        where not exists (select 1 from subjects s where s.id = n.subject_id) limit 1;
      if found then
        raise exception using errcode = 'foreign_key_violation',
          message = format('duixian: %s.subject_id %L names no subject', tg_table_name, missing);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create function duixian_subject_kept() returns trigger language plpgsql as $$
    declare orphaned text;
    begin
      select o.id into orphaned from old_rows o
        where not exists (select 1 from subjects s where s.id = o.id)
          and (exists (select 1 from facts f where f.subject_id = o.id) or exists (select 1 from subject_tags t where t.subject_id = o.id))
        limit 1;
      if found then
        raise exception using errcode = 'foreign_key_violation',
          message = format('duixian: subject %L still has facts or tags (%s refused)', orphaned, tg_op);
      end if;
      return null;
    end $$`.execute(db);
  for (const t of REFERRING) {
    await sql`alter table ${sql.table(t)} drop constraint ${sql.id(`${t}_subject_id_fkey`)}`.execute(db);
    // transition tables take one event per trigger
    for (const event of ['insert', 'update'] as const) {
      await sql`create trigger ${sql.id(`${t}_subject_exists_${event}`)} after ${sql.raw(event)} on ${sql.table(t)}
        referencing new table as new_rows for each statement execute function duixian_subject_exists()`.execute(db);
    }
  }
  for (const event of ['delete', 'update'] as const) {
    await sql`create trigger ${sql.id(`subjects_kept_${event}`)} after ${sql.raw(event)} on subjects
      referencing old table as old_rows for each statement execute function duixian_subject_kept()`.execute(db);
  }
}
