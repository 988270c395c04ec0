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
import { CopyOut } from './copy-out.js';
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
  /**
   * PostgreSQL: where it is (URL and schema), so that a worker thread can open a connection of its
   * own to the same database (the server's imports). PGlite has none: its one process holds it.
   */
  readonly place?: { readonly url: string; readonly schema?: string };
  /**
   * Read-only work on one snapshot of the database (a repeatable-read transaction): what an import
   * commits meanwhile is not seen. For reading a year's millions of rows (load.ts).
   */
  readSnapshot<T>(work: (s: Snapshot) => Promise<T>): Promise<T>;
  /**
   * Work that may finish after the caller has its answer (writing a year snapshot): run now, its
   * failure reported on stderr and otherwise ignored, and waited for by close().
   */
  background(what: string, task: () => Promise<void>): void;
  /** Once no background work is left (a test, a benchmark timing it apart). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface CopyOptions {
  readonly lane?: 0 | 1;
  readonly binary?: boolean;
}

const copyFormat = (o: CopyOptions | undefined) => (o?.binary ? ' with (format binary)' : '');

export interface Snapshot {
  /** queries inside the snapshot */
  readonly db: Kysely<Database>;
  /**
   * `COPY (query) TO STDOUT` in PostgreSQL's text format (or its binary one), as its bytes come.
   * Lane 1 streams beside lane 0 where the backend can (PostgreSQL); PGlite, one session, takes
   * them in turn.
   */
  copyOut(query: string, options?: CopyOptions): AsyncIterable<Uint8Array>;
}

/** DATABASE_URL, else DUIXIAN_DATA_DIR (default ./data): what the CLI and the server open. */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StoreOptions {
  const url = env.DATABASE_URL;
  return url ? { url } : { dataDir: env.DUIXIAN_DATA_DIR || './data' };
}

export async function openStore(opts: StoreOptions = {}): Promise<Store> {
  let db: Kysely<Database>;
  let backend: Store['backend'];
  let readSnapshot: Store['readSnapshot'];
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
    readSnapshot = (work) => postgresSnapshot(pool, work);
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
    readSnapshot = (work) => pgliteSnapshot(db, work);
  }
  const pending = new Set<Promise<void>>();
  const background = (what: string, task: () => Promise<void>) => {
    const p = task().catch((e: unknown) => {
      process.stderr.write(`duixian: ${what} failed (nothing depends on it): ${e instanceof Error ? e.message : String(e)}\n`);
    }).finally(() => pending.delete(p));
    pending.add(p);
  };
  const idle = async () => {
    while (pending.size) await Promise.all(pending);
  };
  const close = async () => {
    try {
      await idle();
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
  const place = opts.url ? { url: opts.url, ...(opts.schema ? { schema: opts.schema } : {}) } : undefined;
  return { db, backend, ...(place ? { place } : {}), readSnapshot, background, idle, close };
}

/**
 * A snapshot reads whole tables in order: at a million enterprises the facts' and tags' sorts
 * spilled to disk under PostgreSQL's default work_mem of 4 MB (75 MB for the tags). For these
 * read-only transactions alone (a parallel sort's workers take as much each).
 */
const SORT_MEMORY = "set local work_mem = '128MB'";

/**
 * PostgreSQL: one connection of the pool, held for the snapshot. COPY needs the driver's own
 * client (Kysely does not stream COPY), so the snapshot's queries go through a Kysely bound to
 * that client alone. A COPY asked for on lane 1 runs on a second connection in the same snapshot
 * (exported, as pg_dump's parallel workers share one), so two tables stream at once.
 */
async function postgresSnapshot<T>(pool: pg.Pool, work: (s: Snapshot) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // not from the pool: a reader holding one pooled connection must never wait for a second
  let second: Promise<pg.Client> | undefined;
  try {
    await client.query('begin isolation level repeatable read read only');
    await client.query(SORT_MEMORY);
    const exported = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]!.id;
    // Kysely "releases" what it connected after each query: a stand-in keeps the pool's own release for the end
    const held = { query: client.query.bind(client), release: () => {} };
    const one = { connect: async () => held, end: async () => {} };
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: one as unknown as pg.Pool }) });
    const lane = (k: 0 | 1): Promise<pg.Client | pg.PoolClient> => k === 0 ? Promise.resolve(client) : (second ??= joined(pool, exported));
    const result = await work({
      db,
      async *copyOut(query, o) {
        yield* (await lane(o?.lane ?? 0)).query(new CopyOut(`copy (${query}) to stdout${copyFormat(o)}`));
      },
    });
    if (second) await (await second).end();
    await client.query('commit');
    client.release();
    return result;
  } catch (e) {
    // a connection that failed, perhaps mid-COPY, may be in any state: it is closed (which ends the
    // read-only transaction), never handed out again
    client.release(e instanceof Error ? e : new Error(String(e)));
    await second?.then((c) => c.end(), () => {}).catch(() => {});
    throw e;
  }
}

/** A connection of its own in the transaction snapshot `exported`. */
async function joined(pool: pg.Pool, exported: string): Promise<pg.Client> {
  const c = new pg.Client(pool.options);
  c.on('error', () => {}); // a dropped connection fails the COPY it serves; it must not end the process
  await c.connect();
  await c.query('begin isolation level repeatable read read only');
  await c.query(`set transaction snapshot '${exported.replace(/'/g, "''")}'`);
  await c.query(SORT_MEMORY);
  return c;
}

/**
 * PGlite: a Kysely transaction, which holds the one session; COPY writes to PGlite's '/dev/blob',
 * whose bytes the dialect hands back as the query's one row.
 */
async function pgliteSnapshot<T>(db: Kysely<Database>, work: (s: Snapshot) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').execute((tx) => work({
    db: tx,
    async *copyOut(query: string, o?: CopyOptions) {
      const { rows } = await sql<{ blob: Uint8Array }>`copy (${sql.raw(query)}) to '/dev/blob'${sql.raw(copyFormat(o))}`.execute(tx);
      const blob = rows[0]?.blob; // none when the query had no rows
      if (blob) yield blob;
    },
  }));
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
