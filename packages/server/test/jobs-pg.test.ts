/**
 * Jobs kept in PostgreSQL (jobs-pg.ts, migration 018), two books standing for two server
 * processes over one database: a job opened by one is followed on the other to its end; a job
 * whose process died (its lease lapsed) reads as failed, saying so, never running for ever; a
 * stopped process fails its own running jobs only, and a late end does not undo that.
 * Skipped without DATABASE_URL (PGlite keeps its jobs in memory: one process).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Store } from '@duixian/store';
import { PgJobBook } from '../src/jobs-pg.js';
import { STOPPED } from '../src/jobs.js';
import { BACKENDS } from '../../store/test/backends.js';

const postgres = BACKENDS.find((b) => b.name === 'postgres');

describe.skipIf(!postgres)('jobs in PostgreSQL, seen by every process', () => {
  let store: Store;
  let other: Store;
  let dispose: () => Promise<void>;
  let a: PgJobBook;
  let b: PgJobBook;

  beforeAll(async () => {
    const fresh = await postgres!.fresh();
    [store, dispose] = [fresh.store, fresh.dispose];
    other = await postgres!.reopen(fresh.place);
    a = new PgJobBook(store.db, { progressMs: 10 });
    b = new PgJobBook(other.db, { progressMs: 10 });
  }, 120_000);

  afterAll(async () => {
    await a?.stop(STOPPED);
    await b?.stop(STOPPED);
    await other?.close();
    await dispose?.();
  });

  const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> => {
    for (let i = 0; i < 500; i++) {
      const v = await read();
      if (ok(v)) return v;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('never came');
  };

  it('a job opened on A is followed on B: its progress, then its result; only its owner sees it', async () => {
    const job = await a.open('7', 'import');
    expect(await b.get(job.id, '7')).toMatchObject({ id: job.id, kind: 'import', state: 'running', progress: { phase: 'queued' } });
    expect(await b.get(job.id, '8')).toBeUndefined();
    a.progress(job.id, { phase: 'write', done: 1 });
    a.progress(job.id, { phase: 'write', done: 2, total: 4 });
    const seen = await until(() => b.get(job.id, '7'), (j) => j?.progress.done === 2);
    expect(seen?.progress).toEqual({ phase: 'write', done: 2, total: 4 });
    await a.end(job.id, { state: 'done', status: 200, result: { imported: 4, name: '东营' } });
    const ended = await b.get(job.id, '7');
    expect(ended).toMatchObject({ state: 'done', status: 200, result: { imported: 4, name: '东营' } });
    expect(Date.parse(ended!.ended!)).toBeGreaterThanOrEqual(Date.parse(ended!.started));
  });

  it('a job whose process died (lease lapsed) reads as failed on any process, saying the process stopped', async () => {
    await sql`insert into jobs (id, kind, owner, state, progress, process, lease_until)
      values ('dead-1', 'run', '7', 'running', '{"phase":"evaluate"}', 'gone:1:x', now() - interval '1 second')`.execute(store.db);
    const job = await b.get('dead-1', '7');
    expect(job).toMatchObject({ state: 'failed', status: 503, error: { code: 'job-lost' }, progress: { phase: 'evaluate' } });
    expect(job!.error!.message.en).toMatch(/process running this job stopped; start it again/);
    expect(job!.error!.message.zh).toMatch(/进程已停止/);
  });

  it('a stopped process fails its own running jobs, not another\'s; its late end does not undo that', async () => {
    const mine = await a.open('7', 'run');
    const theirs = await b.open('7', 'run');
    await a.stop(STOPPED);
    expect(await b.get(mine.id, '7')).toMatchObject({ state: 'failed', status: 503, error: { code: 'server-stopped' } });
    expect(await b.get(theirs.id, '7')).toMatchObject({ state: 'running' });
    await a.end(mine.id, { state: 'done', status: 201, result: {} });
    expect(await b.get(mine.id, '7')).toMatchObject({ state: 'failed' });
    await b.end(theirs.id, { state: 'failed', status: 422, error: { code: 'bad', message: { zh: '坏', en: 'bad' } } });
    expect(await a.get(theirs.id, '7')).toMatchObject({ state: 'failed', status: 422, error: { code: 'bad' } });
  });
});
