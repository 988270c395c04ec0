/**
 * Jobs (`Prefer: respond-async`) kept in the database when several server processes share one
 * PostgreSQL: a job started on one process is followed from any other. The process running a job
 * holds a lease on it, renewed while it lives (a heartbeat, and each progress written); a job whose
 * lease has lapsed belongs to a process that stopped, and whoever reads it marks it failed.
 * PGlite keeps its jobs in memory (one process holds its directory): the table stays empty there.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('running', 'done', 'failed')`))
    .addColumn('progress', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('result', 'jsonb')
    .addColumn('error', 'jsonb')
    .addColumn('started', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('ended', 'timestamptz')
    // the process running it (host, pid and a random part), and until when it is known to be alive
    .addColumn('process', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index jobs_running on jobs (lease_until) where state = 'running'`.execute(db);
  await sql`create index jobs_ended on jobs (ended) where ended is not null`.execute(db);
}
