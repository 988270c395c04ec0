/**
 * The databases the store tests run against: PGlite in memory always, and the PostgreSQL server
 * of DATABASE_URL when it is set (CI installs one). On PostgreSQL each store gets a fresh schema,
 * dropped when the test closes it, so tests never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach } from 'vitest';
import { INTERPRETATION_VALUES } from '@duixian/engine';
import { RULE_IDS, VOCABULARY } from '@duixian/corpus';
import { readObject } from '@duixian/interchange';
import { importRead, openStore, type Store } from '@duixian/store';
import { example } from '../../interchange/test/fixtures.js';

export interface Backend {
  readonly name: string;
  /** a fresh, empty store; `place` names it so that a second process can open the same one */
  fresh(): Promise<{ store: Store; place: Place; dispose(): Promise<void> }>;
  /** the same store again (another connection or another process) */
  reopen(place: Place): Promise<Store>;
}

export type Place = { url: string; schema: string } | { dataDir: string };

const url = process.env.DATABASE_URL;

const pglite: Backend = {
  name: 'pglite',
  async fresh() {
    const store = await openStore({ dataDir: 'memory:' });
    return { store, place: { dataDir: 'memory:' }, dispose: () => store.close() };
  },
  reopen: (place) => openStore(place),
};

const postgres = (url: string): Backend => ({
  name: 'postgres',
  async fresh() {
    const schema = `duixian_test_${randomBytes(6).toString('hex')}`;
    const store = await openStore({ url, schema });
    return {
      store, place: { url, schema },
      async dispose() {
        await store.close();
        await dropSchema(url, schema);
      },
    };
  },
  reopen: (place) => openStore(place),
});

export async function dropSchema(url: string, schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await c.end();
  }
}

export const BACKENDS: readonly Backend[] = url ? [pglite, postgres(url)] : [pglite];

export const TABLES = ['imports', 'subjects', 'subject_tags', 'facts', 'fact_revisions', 'parameters', 'award_history', 'interpretations', 'revisions'] as const;

/** Every table's row count and a hash of its rows: equal snapshots mean nothing was written. */
export async function snapshot(store: Store): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const r = await sql<{ n: string | number; h: string | null }>`select count(*) as n, md5(string_agg(t::text, '|' order by t::text)) as h from ${sql.table(t)} t`.execute(store.db);
    const row = r.rows[0]!;
    out[t] = `${Number(row.n)} ${row.h ?? ''}`;
  }
  return out;
}

export async function count(store: Store, table: (typeof TABLES)[number]): Promise<number> {
  const r = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)}`.execute(store.db);
  return Number(r.rows[0]!.n);
}

/**
 * Fresh stores for the tests of one describe block, each disposed after its test; `withExample`
 * gives one holding the interchange example, imported by `by`.
 */
export function storesFor(backend: Backend): { withExample(by?: string): Promise<Store> } {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await dispose?.();
    dispose = undefined;
  });
  return {
    async withExample(by = 'tester') {
      const f = await backend.fresh();
      dispose = f.dispose;
      const read = readObject(example(), { rules: RULE_IDS, interpretations: INTERPRETATION_VALUES, vocabulary: VOCABULARY });
      const imported = await importRead(read, f.store, { by, reason: 'fixture' });
      if (!imported.ok) throw new Error('the example did not import');
      return f.store;
    },
  };
}
