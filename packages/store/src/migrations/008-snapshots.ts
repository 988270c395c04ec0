/**
 * Year snapshots: the subjects, tags and facts of a year as the loader read them, kept in a form
 * Node reads in a second (snapshot.ts), so that a run in a fresh process does not take a million
 * subjects apart row by row. A snapshot is used only at the version it was made at: every
 * statement that writes subjects, subject_tags or facts — an import, a correction, a DBA's
 * UPDATE — moves `rows_version` on, so a snapshot can never stand for data
 * it does not hold. The count moves in the writing transaction, so it commits (or not) with the rows.
 */
import { sql, type Kysely } from 'kysely';

const WATCHED = ['subjects', 'subject_tags', 'facts'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('rows_version')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into rows_version (id, version) values (1, 0)`.execute(db);
  await sql`create function duixian_rows_changed() returns trigger language plpgsql as $$
    begin update rows_version set version = version + 1 where id = 1; return null; end $$`.execute(db);
  for (const t of WATCHED) {
    await sql`create trigger ${sql.raw(`${t}_rows_changed`)} after insert or update or delete or truncate on ${sql.table(t)}
      for each statement execute function duixian_rows_changed()`.execute(db);
  }
  await db.schema.createTable('year_snapshots')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('part', 'integer', (c) => c.notNull())
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addColumn('made_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('year_snapshots_pk', ['year', 'version', 'part'])
    .execute();
  // already compact: compressing it would cost more time than the bytes it saves
  await sql`alter table year_snapshots alter column data set storage external`.execute(db);
}
