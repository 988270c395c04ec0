/**
 * `duixian serve` (npm start) as a user starts it, on a fresh data directory: the first start
 * prints the administrator's one-time password, which signs in and must be changed; a second
 * start prints none and keeps the changed password. Over real HTTP on loopback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { cpSync, writeFileSync } from 'node:fs';
import { BUILT_IN_CORPUS_DIR, CORPUS } from '@duixian/corpus';
import { afterEach, describe, expect, it } from 'vitest';
import { tmp } from './run-cli.js';

const BIN = new URL('../bin/duixian.js', import.meta.url).pathname;

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
});

/** Start the server; resolve with its stdout once it listens. */
function serve(dataDir: string, port: number, more: { env?: Record<string, string>; args?: string[] } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _, ...inherited } = process.env; // the embedded database, whatever the test run uses
    const env = { ...inherited, PORT: String(port), DUIXIAN_DATA_DIR: dataDir, DUIXIAN_LOG: '0', ...more.env };
    child = spawn(process.execPath, [BIN, 'serve', ...(more.args ?? [])], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr!.setEncoding('utf8').on('data', (c: string) => {
      err += c;
      if (err.includes('duixian API on')) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

const stop = async () => {
  const exited = new Promise((r) => child!.once('exit', r));
  child!.kill('SIGTERM');
  expect(await exited).toBe(0);
};

describe('duixian serve', () => {
  it('first start: a one-time admin password, shown once, which must be changed', async () => {
    const dir = tmp();
    const port = await freePort();
    const out = await serve(dir, port);
    const password = /one-time password: (\S+)/.exec(out)?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{20}$/);
    const api = `http://127.0.0.1:${port}/api`;
    expect(await (await fetch(`${api}/health`)).json()).toMatchObject({ ok: true, database: 'pglite' });
    const login = await fetch(`${api}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrf, account } = (await login.json()) as { csrf: string; account: { mustChangePassword: boolean } };
    expect(account.mustChangePassword).toBe(true);
    const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
    expect((await fetch(`${api}/runs`, { headers })).status).toBe(403);
    const changed = await fetch(`${api}/session/password`, { method: 'POST', headers, body: JSON.stringify({ oldPassword: password, newPassword: 'the bureau\'s own secret' }) });
    expect(changed.status).toBe(200);
    expect((await fetch(`${api}/runs`, { headers })).status).toBe(200);
    await stop();

    const again = await serve(dir, port);
    expect(again).not.toContain('one-time password');
    const relogin = await fetch(`${api}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'the bureau\'s own secret' }) });
    expect(relogin.status).toBe(200);
    await stop();
  }, 60_000);
});

describe('duixian serve with another corpus folder', () => {
  const SIXTH = new URL('../../../test/fixtures/sixth-document/example-2025-1/', import.meta.url).pathname;
  const documents = async (port: number) =>
    ((await (await fetch(`http://127.0.0.1:${port}/api/documents`)).json()) as { items: { id: string }[] }).items.map((d) => d.id);

  it('DUIXIAN_CORPUS or serve --corpus: the 政策库 lists that folder\'s documents, a sixth one included', async () => {
    const dir = tmp();
    const corpus = `${dir}/corpus`;
    cpSync(BUILT_IN_CORPUS_DIR, corpus, { recursive: true });
    cpSync(SIXTH, `${corpus}/example-2025-1`, { recursive: true });
    const port = await freePort();
    await serve(`${dir}/data`, port, { env: { DUIXIAN_CORPUS: corpus } });
    expect(await documents(port)).toEqual([...CORPUS.documents.map((d) => d.id), 'example-2025-1']);
    await stop();
    await serve(`${dir}/data`, port, { args: ['--corpus', corpus] });
    expect(await documents(port)).toContain('example-2025-1');
    await stop();
  }, 120_000);
});

describe('duixian serve with DUIXIAN_CALENDAR', () => {
  const start = (dataDir: string, calendar: string) => new Promise<{ code: number | null; err: string }>((resolve) => {
    const { DATABASE_URL: _, ...inherited } = process.env;
    child = spawn(process.execPath, [BIN, 'serve'], { env: { ...inherited, PORT: '0', DUIXIAN_DATA_DIR: dataDir, DUIXIAN_LOG: '0', DUIXIAN_CALENDAR: calendar }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (c: string) => {
      err += c;
      if (err.includes('duixian API on')) resolve({ code: null, err });
    });
    child.once('exit', (code) => resolve({ code, err }));
  });

  it('a bad calendar file stops the start with exit 2, each bad entry named; a good one starts', async () => {
    const dir = tmp();
    const bad = `${dir}/bad-calendar.json`;
    writeFileSync(bad, JSON.stringify({ holidays: ['2025-10-01', '2025-02-30'], workdays: 'soon' }));
    const r = await start(`${dir}/data`, bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain('holidays[1]: "2025-02-30" is not a date');
    expect(r.err).toContain('workdays: give a list of dates');
    const good = `${dir}/calendar.json`;
    writeFileSync(good, JSON.stringify({ holidays: ['2025-10-01'], workdays: ['2025-09-28'] }));
    expect((await start(`${dir}/data`, good)).code).toBeNull(); // listening
  });
});
