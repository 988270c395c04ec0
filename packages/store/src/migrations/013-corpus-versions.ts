/**
 * Corpus versions (issue 15): every corpus the platform has used or been given, content-addressed
 * by the SHA-256 of its files, so that a stored run can be decided again with exactly the law it
 * was decided with, whatever corpus the process holds today. A version is `built-in` (a process
 * started with it), `draft` (uploaded by the province) or `published` (a draft the province made
 * the corpus runs use from its `effective` date). Its files never change: a trigger refuses any
 * change of them and any deletion; only a draft's publication is written afterwards.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('corpus_versions')
    .addColumn('hash', 'text', (c) => c.primaryKey()) // sha256 of the files (corpusFilesHash)
    .addColumn('version', 'text', (c) => c.notNull()) // the engine's corpus.version, as runs record it
    .addColumn('files', 'jsonb', (c) => c.notNull()) // {"sd-2022-42/rules.yaml": "…", …}
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('built-in', 'draft', 'published')`))
    .addColumn('stored_by', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('effective', 'text', (c) => c.check(sql`effective ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`)) // YYYY-MM-DD, a Beijing date, as the notices keep theirs
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'timestamptz')
    .addColumn('reason', 'text')
    .addCheckConstraint('corpus_versions_published', sql`(state = 'published') = (effective is not null and published_by is not null and published_at is not null)`)
    .execute();
  await db.schema.createIndex('corpus_versions_in_force').on('corpus_versions').columns(['state', 'effective']).execute();
  await sql`create function duixian_corpus_version_kept() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' or new.hash <> old.hash or new.version <> old.version or new.files::text <> old.files::text or new.stored_by <> old.stored_by then
        raise exception 'duixian: a corpus version''s files are kept as stored (% refused)', tg_op;
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger corpus_versions_kept before update or delete on corpus_versions
    for each row execute function duixian_corpus_version_kept()`.execute(db);
  // the corpus each run was decided with; null for runs made before versions were kept
  await sql`alter table runs add column corpus_hash text references corpus_versions(hash)`.execute(db);
}
