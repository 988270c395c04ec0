/**
 * A USCC (统一社会信用代码) names one subject. Without this, an administrator could import a
 * subject of its own county carrying another county's enterprise's USCC, bind an enterprise
 * account to it, and read and act for the other enterprise (its facts, its loans). The import
 * refuses such a file with the row named (import.ts); this constraint holds it whoever writes.
 * Deferred to the end of the transaction, so that one import may move codes between subjects.
 * A database that already holds a code twice is not silently "fixed": the migration stops and
 * names them, for a person to decide which subject the code belongs to.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  const twice = await sql<{ uscc: string; ids: string }>`
    select uscc, string_agg(id, ', ' order by id) as ids from subjects where uscc is not null group by uscc having count(*) > 1 order by uscc limit 20`.execute(db);
  if (twice.rows.length) {
    const list = twice.rows.map((r) => `${r.uscc}: ${r.ids}`).join('; ');
    throw new Error(`migration 009: these USCCs are held by more than one subject; give each code to one subject (update or clear the others' uscc), then start again — ${list}`);
  }
  await sql`alter table subjects add constraint subjects_uscc_unique unique (uscc) deferrable initially deferred`.execute(db);
}
