/**
 * Readiness (issue 18, operations): GET /api/ready answers 200 only when the database answers, its
 * migrations are all applied and the corpus in force is loaded; else 503 in the error shape, its
 * details naming the check that failed. A load balancer calls it: no session, no public limit.
 * Against PGlite, and PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '@duixian/server';
import type { Store } from '@duixian/store';
import { BACKENDS, dropSchema } from '../../store/test/backends.js';

describe.each(BACKENDS)('GET /api/ready ($name)', (backend) => {
  let store: Store;
  let app: FastifyInstance;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await backend.fresh());
    // a public limit of one request a second: readiness must not count against it
    app = await buildApp({ store, publicLimits: { perSecond: 1, burst: 1 } });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  it('is 200 with each check passed, without a session, however often it is asked', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ ready: true, checks: { database: 'ok', migrations: 'ok', corpus: 'ok' } });
    }
  });

  it('is 503 naming the migrations when one is not applied, and 200 again once it is', async () => {
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(store.db)).rows[0]!.s;
    const table = sql.table(`${schema}.kysely_migration`);
    const last = (await sql<{ name: string; timestamp: string }>`select name, timestamp from ${table} order by name desc limit 1`.execute(store.db)).rows[0]!;
    await sql`delete from ${table} where name = ${last.name}`.execute(store.db);
    try {
      const r = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(r.statusCode).toBe(503);
      expect(r.json().error.code).toBe('not-ready');
      expect(r.json().error.details).toEqual([{ path: 'migrations', message: `not applied: ${last.name}` }]);
    } finally {
      await sql`insert into ${table} (name, timestamp) values (${last.name}, ${last.timestamp})`.execute(store.db);
    }
    expect((await app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
  });

  it('is 503 naming the database when it does not answer, while /api/health stays 200 (liveness asks nothing of it)', async () => {
    const other = await backend.fresh();
    const lost = await buildApp({ store: other.store });
    try {
      await other.store.close(); // the database gone from under a running server
      const r = await lost.inject({ method: 'GET', url: '/api/ready' });
      expect(r.statusCode).toBe(503);
      expect(r.json().error.details.map((d: { path: string }) => d.path)).toContain('database');
      expect((await lost.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await lost.close().catch(() => {}); // what closing writes to the database cannot reach it: not this test's concern
      // its store is closed already: only a PostgreSQL schema is left to drop
      if ('schema' in other.place) await dropSchema(other.place.url, other.place.schema);
    }
  }, 120_000);
});
