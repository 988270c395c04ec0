/**
 * A run keeps the engine's `incomplete` section (issue 14, I-rank-incomplete): the ranked rules whose
 * peer set of cities or counties lacked figures. Null when there was none, as for every earlier run.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table runs add column incomplete jsonb`.execute(db);
}
