/**
 * Opening the store: PostgreSQL through a URL (DATABASE_URL in production), else the embedded
 * PGlite with its data in a directory, so that a fresh machine needs nothing installed. Both run
 * the same migrations on open.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import { lockFile } from './lock.js';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

export interface StoreOptions {
  /** a PostgreSQL connection URL; when given, dataDir is ignored */
  readonly url?: string;
  /**
   * the embedded database's directory (PGlite's files in its `pglite/`, a lock file beside them so
   * that one process at a time uses it), or 'memory:' for a database that lives only in this process
   */
  readonly dataDir?: string;
  /** PostgreSQL only: work in this schema (created if absent), e.g. one per test file */
  readonly schema?: string;
}

export interface Store {
  readonly db: Kysely<Database>;
  readonly backend: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/** DATABASE_URL, else DUIXIAN_DATA_DIR (default ./data): what the CLI and the server open. */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StoreOptions {
  const url = env.DATABASE_URL;
  return url ? { url } : { dataDir: env.DUIXIAN_DATA_DIR || './data' };
}

export async function openStore(opts: StoreOptions = {}): Promise<Store> {
  let db: Kysely<Database>;
  let backend: Store['backend'];
  let unlock: (() => void) | undefined;
  if (opts.url) {
    if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(opts.schema)) throw new Error(`schema name "${opts.schema}": use lower-case letters, digits and _`);
    if (opts.schema) {
      const admin = new pg.Client({ connectionString: opts.url });
      await admin.connect();
      try {
        await admin.query(`create schema if not exists ${opts.schema}`);
      } finally {
        await admin.end();
      }
    }
    const pool = new pg.Pool({ connectionString: opts.url, ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}) });
    // An idle connection the server drops (a restart, a timeout) is an 'error' event: without a
    // listener it would end the process; the pool replaces the connection on next use instead.
    pool.on('error', () => {});
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    backend = 'postgres';
  } else {
    const dir = opts.dataDir ?? './data';
    let lite: PGlite;
    if (dir === 'memory:') lite = new PGlite();
    else {
      // PostgreSQL's own files go in a subdirectory: PGlite wants its directory to itself, and the lock sits beside it
      mkdirSync(dir, { recursive: true });
      unlock = await lockFile(join(dir, 'duixian.lock'));
      try {
        lite = new PGlite(join(dir, 'pglite'));
        await lite.waitReady;
      } catch (e) {
        unlock();
        throw e;
      }
    }
    db = new Kysely<Database>({ dialect: new PGliteDialect(lite) });
    backend = 'pglite';
  }
  const close = async () => {
    try {
      await db.destroy();
    } finally {
      unlock?.();
    }
  };
  try {
    await migrate(db);
  } catch (e) {
    await close();
    throw e;
  }
  return { db, backend, close };
}

async function migrate(db: Kysely<Database>): Promise<void> {
  // Kysely's Migrator locks (an advisory lock on PostgreSQL) so concurrent opens migrate once. Its
  // bookkeeping tables are named in our own schema: unnamed, it would take another schema's for ours.
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s ?? 'public';
  const { error, results } = await new Migrator({ db, provider: migrations, migrationTableSchema: schema }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`database migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
