/**
 * The provenance columns of the three big tables — subjects.import_id, subject_tags.added_by and
 * removed_by, facts.import_id — lose their foreign keys. Only the import writes them, from its
 * own row in the same transaction, and the import log is never deleted from (an import that
 * changes nothing removes its own row before anything refers to it). The checks cost a trigger
 * call per row: at a million facts, 71.8 s with them against 51.4 s without (bench/results.md).
 * packages/store/test/store.test.ts checks that every provenance id names an import. The keys that
 * guard meaning — a fact's or tag's subject — stay.
 */
import { sql, type Kysely } from 'kysely';

const DROPPED = [
  ['subjects', 'subjects_import_id_fkey'],
  ['subject_tags', 'subject_tags_added_by_fkey'],
  ['subject_tags', 'subject_tags_removed_by_fkey'],
  ['facts', 'facts_import_id_fkey'],
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, constraint] of DROPPED) {
    await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(constraint)}`.execute(db);
  }
}
