/**
 * Sign-in attempts counted in the database, so that every server process over one PostgreSQL
 * counts the same attempts: a row per attempt and counted key, kept until its window ends.
 * (Attempts in flight stay counted per process: they bound that process's password hashing.)
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('login_attempts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('expires', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index login_attempts_key on login_attempts (key, expires)`.execute(db);
  await sql`create index login_attempts_expires on login_attempts (expires)`.execute(db);
}
