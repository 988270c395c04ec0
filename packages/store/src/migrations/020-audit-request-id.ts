/**
 * The HTTP request an audit entry was written for (x-request-id, issue 18): the line of the
 * server's log and the entry of the audit log are found from each other. Null for entries written
 * before, or outside any request (the CLI); the hash covers it only when present, so the chain
 * kept so far verifies as it did.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('request_id', 'text').execute();
}
