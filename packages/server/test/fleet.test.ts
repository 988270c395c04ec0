/**
 * A fleet over one PostgreSQL (issue 18 point 3, and SIGTERM of point 4): two real `duixian serve`
 * processes, A and B, on a database of their own, as behind a load balancer. A job started on A is
 * followed on B to its end; sign-in attempts on both count against one limit; an import through A
 * is in B's next run; a sign-out on A ends the session on B too; SIGTERM to A in the middle of a
 * job leaves the job failed (visible from B, saying to start it again), A exits 0, and the same
 * request sent again to B does the work; a process killed outright leaves its job failed once its
 * lease lapses. The imports are held at their lock by the test (the
 * store's import advisory lock), so "in the middle of a job" does not depend on how fast anything is.
 * Skipped without DATABASE_URL.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, openStore } from '@duixian/store';
import { platformData } from './platform.js';

const url = process.env.DATABASE_URL;
const ROOT = new URL('../../..', import.meta.url).pathname;
const BIN = `${ROOT}packages/cli/bin/duixian.js`;
const IMPORT_LOCK = 0x64756978; // store/src/import.ts: imports take turns under it
const PASSWORD = 'fleet test password 兑现 2026';

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

interface Server {
  readonly child: ChildProcess;
  readonly api: string;
  readonly exited: Promise<number | null>;
  stderr: string;
}

/** `duixian serve` on a free port over `databaseUrl`; resolves once it listens. */
async function serve(databaseUrl: string, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), DUIXIAN_LOG: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const server: Server = { child, api: `http://127.0.0.1:${port}/api`, exited: new Promise((r) => child.once('exit', r)), stderr: '' };
  await new Promise<void>((resolve, reject) => {
    child.stderr!.setEncoding('utf8').on('data', (c: string) => {
      server.stderr += c;
      if (server.stderr.includes('duixian API on')) resolve();
    });
    void server.exited.then((code) => reject(new Error(`serve exited with ${code}: ${server.stderr}`)));
  });
  return server;
}

interface Session { cookie: string; csrf: string }

async function signIn(s: Server, username: string, password: string): Promise<Response> {
  return fetch(`${s.api}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
}

async function session(s: Server): Promise<Session> {
  const r = await signIn(s, 'fleet-admin', PASSWORD);
  expect(r.status).toBe(200);
  return { cookie: r.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await r.json()) as { csrf: string }).csrf };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers read as the API sends them
type Json = any;

async function call(s: Server, who: Session, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Json }> {
  const r = await fetch(`${s.api}${path}`, {
    method, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: r.status, json: await r.json() };
}

/** Poll a job on `s` until `done` says so (the job as B sees it). */
async function follow(s: Server, who: Session, id: string, done: (job: Json) => boolean): Promise<Json> {
  for (;;) {
    const r = await call(s, who, 'GET', `/jobs/${id}`);
    expect(r.status).toBe(200);
    if (done(r.json)) return r.json;
    await new Promise((res) => setTimeout(res, 50));
  }
}

/** The import lock held by the test until `release` (an import waits at it, its job running). */
async function holdImports(databaseUrl: string): Promise<{ release(): Promise<void> }> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  await c.query('begin');
  await c.query('select pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
  return { async release() { await c.query('commit'); await c.end(); } };
}

const enterprise = (id: string, name: string, value: string) => ({
  format: 'duixian/v1', year: 2023,
  subjects: [{ id, kind: 'enterprise', name, region: '370811', tags: ['inStatsLibrary'] }],
  facts: [{ subject: id, year: 2023, key: 'physicalGoodsOnlineRetail', value, source: '统计局' }],
});

describe.skipIf(!url)('two server processes over one PostgreSQL', () => {
  const database = `duixian_fleet_${randomBytes(5).toString('hex')}`;
  const databaseUrl = url ? Object.assign(new URL(url), { pathname: `/${database}` }).href : '';
  let a: Server;
  let b: Server;

  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try { await c.query(sql); } finally { await c.end(); }
  };

  beforeAll(async () => {
    spawnSync('npx', ['tsc', '-b'], { cwd: ROOT, stdio: 'ignore' }); // the processes run the built dist
    await admin(`create database ${database}`);
    const store = await openStore({ url: databaseUrl }); // migrated here once; the servers find it current
    await store.db.insertInto('accounts').values({
      username: 'fleet-admin', role: 'province-admin', region: '370000', uscc: null, bank: null,
      password_hash: await hashPassword(PASSWORD), must_change_password: false, created_by: 'test',
    }).execute();
    await store.close();
    a = await serve(databaseUrl);
    b = await serve(databaseUrl);
  }, 180_000);

  afterAll(async () => {
    for (const s of [a, b]) if (s && s.child.exitCode === null) {
      s.child.kill('SIGTERM');
      await s.exited;
    }
    if (url) await admin(`drop database if exists ${database} with (force)`);
  }, 60_000);

  it('a job started on A is followed on B: running while its import waits, then its result', async () => {
    const [onA, onB] = [await session(a), await session(b)];
    const held = await holdImports(databaseUrl);
    const started = await call(a, onA, 'POST', '/imports?reason=fleet', platformData(), { prefer: 'respond-async' });
    expect(started.status).toBe(202);
    const running = await call(b, onB, 'GET', `/jobs/${started.json.id}`);
    expect([running.status, running.json.kind, running.json.state]).toEqual([200, 'import', 'running']);
    await held.release();
    const job = await follow(b, onB, started.json.id, (j) => j.state !== 'running');
    expect([job.state, job.status, job.result.subjects.added]).toEqual(['done', 200, platformData().subjects.length]);
  }, 120_000);

  it('sign-in attempts on A and B count against one limit (5 per address and username): the 6th is 429 on either', async () => {
    for (const s of [a, a, a, a, b]) expect((await signIn(s, 'guessed', 'wrong password')).status).toBe(401);
    const [onA, onB] = [await signIn(a, 'guessed', 'wrong password'), await signIn(b, 'guessed', 'wrong password')];
    expect([onA.status, onB.status]).toEqual([429, 429]);
    expect(Number(onB.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 120_000);

  it('an import through A is in B\'s next run', async () => {
    const [onA, onB] = [await session(a), await session(b)];
    const before = await call(b, onB, 'POST', '/runs', { year: 2023 });
    expect(before.status).toBe(201);
    const imported = await call(a, onA, 'POST', '/imports?reason=fleet', enterprise('F1', '舰队测试电商有限公司', '2亿元'));
    expect(imported.status).toBe(200);
    const [onBNow, onANow] = [await call(b, onB, 'POST', '/runs', { year: 2023 }), await call(a, onA, 'POST', '/runs', { year: 2023 })];
    expect(onBNow.json.inputHash).not.toBe(before.json.inputHash);
    expect(onBNow.json.inputHash).toBe(onANow.json.inputHash); // B evaluated what A holds: the year with F1
    const rows = (r: Json) => r.json.awards + r.json.withheld + r.json.missing;
    expect(rows(onBNow)).toBeGreaterThan(rows(before));
  }, 120_000);

  it('a sign-out on A ends the session on B (within the session cache\'s 5 s)', async () => {
    const s = await session(a);
    expect((await call(b, s, 'GET', '/session')).status).toBe(200);
    expect((await call(a, s, 'DELETE', '/session')).status).toBe(200);
    let status = 200;
    for (let i = 0; i < 200 && status === 200; i++) {
      status = (await call(b, s, 'GET', '/session')).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(401);
  }, 60_000);

  it('a process killed in the middle of a job (SIGKILL: no shutdown) leaves it failed on B once its lease lapses, saying the process stopped', async () => {
    const c = await serve(databaseUrl, { DUIXIAN_JOB_LEASE_S: '2' });
    const [onC, onB] = [await session(c), await session(b)];
    const held = await holdImports(databaseUrl);
    const started = await call(c, onC, 'POST', '/imports?reason=fleet', enterprise('K1', '断电测试电商有限公司', '1亿元'), { prefer: 'respond-async' });
    expect(started.status).toBe(202);
    c.child.kill('SIGKILL');
    await c.exited;
    const job = await follow(b, onB, started.json.id, (j) => j.state !== 'running');
    expect([job.state, job.status, job.error.code]).toEqual(['failed', 503, 'job-lost']);
    expect(job.error.message.en).toMatch(/process running this job stopped; start it again/);
    await held.release();
  }, 120_000);

  it('SIGTERM to A in the middle of a job: A exits 0, the job is failed on B saying to start again; sent again to B, it is done', async () => {
    const [onA, onB] = [await session(a), await session(b)];
    const held = await holdImports(databaseUrl);
    const body = enterprise('G1', '停机测试电商有限公司', '1亿元');
    const started = await call(a, onA, 'POST', '/imports?reason=fleet', body, { prefer: 'respond-async' });
    expect(started.status).toBe(202);
    expect((await call(b, onB, 'GET', `/jobs/${started.json.id}`)).json.state).toBe('running');
    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    const job = (await call(b, onB, 'GET', `/jobs/${started.json.id}`)).json;
    expect([job.state, job.status, job.error.code]).toEqual(['failed', 503, 'server-stopped']);
    expect(job.error.message.en).toMatch(/start it again/);
    await held.release();
    const again = await call(b, onB, 'POST', '/imports?reason=fleet', body, { prefer: 'respond-async' });
    const done = await follow(b, onB, again.json.id, (j) => j.state !== 'running');
    expect([done.state, done.result.subjects.added]).toEqual(['done', 1]);
    const g1 = await call(b, onB, 'GET', '/subjects/G1');
    expect([g1.status, JSON.stringify(g1.json).includes('停机测试电商有限公司')]).toEqual([200, true]);
  }, 120_000);
});
