/**
 * The audit log: every write, who, when, what, before and after, each entry chained to the one
 * before by a SHA-256 hash. Append-only (the same trigger as runs refuses UPDATE and DELETE);
 * `duixian audit verify` recomputes the chain, so an entry changed behind the trigger's back
 * (by someone who can disable it) is still found.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('audit_log')
    .addColumn('seq', 'bigint', (c) => c.primaryKey()) // position in the chain, assigned under the audit lock
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`create trigger audit_log_immutable before update or delete on audit_log
    for each row execute function duixian_immutable()`.execute(db);
}
