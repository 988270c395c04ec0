/**
 * What a server asks of its database before taking traffic (GET /api/ready): that it answers at
 * all, quickly, and that every migration this code knows is applied. A process started by a newer
 * release than the database's (migrations pending: another process is migrating, or failed to)
 * must not be sent requests whose tables may not exist yet.
 */
import { Migrator, sql } from 'kysely';
import type { Store } from './db.js';
import { migrations } from './migrations/index.js';

/** `select 1` within `timeoutMs`: a pool waiting for a free connection counts as not answering. */
export async function databaseAnswers(store: Store, timeoutMs: number): Promise<{ ok: true } | { ok: false; problem: string }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([sql`select 1`.execute(store.db), late]);
    return { ok: true };
  } catch (e) {
    return { ok: false, problem: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
  }
}

/** The names of this code's migrations not applied to the database (none: it is current). */
export async function pendingMigrations(store: Store): Promise<string[]> {
  // the bookkeeping tables are in our own schema, as migrate() in db.ts names them
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]?.s ?? 'public';
  const known = await new Migrator({ db: store.db, provider: migrations, migrationTableSchema: schema }).getMigrations();
  return known.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
