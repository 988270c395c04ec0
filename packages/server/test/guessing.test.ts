/**
 * Guessing is slow (issue "Authority and abuse", point 6, the sign-in half) and passwords and names
 * (point 9), through the API: an attempt is counted before its scrypt hash and concurrent attempts
 * are capped, wrong old passwords are counted, the public endpoints are rate- and size-limited, and
 * guessable passwords and look-alike usernames are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, LoginLimiter, PublicLimiter, publicLimitsOf, SESSION_COOKIE, type Attempt } from '@duixian/server';
import { createAccount, openSession, type Store } from '@duixian/store';
import { BACKENDS } from '../../store/test/backends.js';
import { example } from '../../interchange/test/fixtures.js';
import { PASSWORD, platform, type Platform } from './platform.js';

const signIn = (app: FastifyInstance, username: string, password: string, from = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/session', payload: { username, password }, remoteAddress: from });
const statuses = (rs: LightMyRequestResponse[]) => rs.map((r) => r.statusCode);
const count = (rs: LightMyRequestResponse[], status: number) => rs.filter((r) => r.statusCode === status).length;

describe('LoginLimiter: attempts reserved before hashing, capped in flight', () => {
  const limits = { windowMs: 60_000, perAccount: 3, perAddress: 10, inFlightPerUsername: 2, inFlightPerAddress: 4 };

  it('a third attempt for one username while two are in flight waits 1 s, from any address; a finished one frees its place', () => {
    const l = new LoginLimiter(limits);
    const a = l.attempt('10.0.0.1', 'jining-admin');
    const b = l.attempt('10.0.0.2', 'jining-admin');
    expect([typeof a, typeof b]).toEqual(['object', 'object']);
    expect(l.attempt('10.0.0.3', 'jining-admin')).toBe(1);
    expect(typeof l.attempt('10.0.0.3', 'dongying-admin')).toBe('object'); // another username is not held up
    (a as { failed(): void }).failed();
    expect(typeof l.attempt('10.0.0.3', 'jining-admin')).toBe('object');
  });

  it('an address with 4 attempts in flight waits for a fifth, whatever the usernames', () => {
    const l = new LoginLimiter(limits);
    const held = ['u1', 'u2', 'u3', 'u4'].map((u) => l.attempt('10.0.0.9', u));
    expect(held.every((t) => typeof t === 'object')).toBe(true);
    expect(l.attempt('10.0.0.9', 'u5')).toBe(1);
    expect(typeof l.attempt('10.0.0.8', 'u5')).toBe('object');
  });

  it('an attempt counts as a failure from its start; a success gives it back', () => {
    let now = 0;
    const l = new LoginLimiter({ ...limits, inFlightPerUsername: 10, inFlightPerAddress: 10, now: () => now });
    const first = l.attempt('10.0.0.1', 'u') as Attempt;
    const second = l.attempt('10.0.0.1', 'u') as Attempt;
    expect(typeof l.attempt('10.0.0.1', 'u')).toBe('object'); // the third of perAccount 3, though none has ended yet
    now = 1_000;
    expect(l.attempt('10.0.0.1', 'u')).toBe(59); // the fourth: all three count until the first leaves the window
    second.failed();
    first.succeeded();
    expect(typeof l.attempt('10.0.0.1', 'u')).toBe('object'); // the success cleared that username's count from that address
    // the address's count: 4 taken, the success's given back → 3 of perAddress 10, the oldest from t=0
    const others = Array.from({ length: 7 }, (_, i) => l.attempt('10.0.0.1', `v${i}`));
    expect(others.every((t) => typeof t === 'object')).toBe(true);
    expect(l.attempt('10.0.0.1', 'w')).toBe(59); // 0 + 60 s − 1 s
  });

  it('an attempt never tried (the request failed before the password was checked) is given back', () => {
    const l = new LoginLimiter(limits);
    for (let i = 0; i < 5; i++) (l.attempt('10.0.0.1', 'u') as Attempt).untried();
    expect(typeof l.attempt('10.0.0.1', 'u')).toBe('object');
  });

  it('counts that left the window are forgotten once more than 10,000 are held, so guessing from many addresses cannot fill memory', () => {
    let now = 0;
    const l = new LoginLimiter({ ...limits, now: () => now });
    for (let i = 0; i < 2_500; i++) (l.attempt(`10.1.${i >> 8}.${i & 255}`, `user${i}`) as Attempt).failed(); // 2 keys each
    expect(l.tracked).toBe(5_000);
    for (let i = 0; i < 2_501; i++) (l.attempt(`10.2.${i >> 8}.${i & 255}`, `user${i}`) as Attempt).failed();
    expect(l.tracked).toBe(10_002);
    now = 59_999; // still inside the window: nothing may be forgotten
    l.attempt('10.3.0.1', 'someone');
    expect(l.tracked).toBe(10_004);
    now = 61_000; // the first 10,002 have left it, and a second has passed since the last sweep (at most one a second)
    l.attempt('10.3.0.2', 'someone');
    expect(l.tracked).toBe(4); // 10.3.0.1's and 10.3.0.2's attempts, still in their window
  });

  it('usernames are counted as they are stored: Admin and ａｄｍｉｎ are admin', () => {
    const l = new LoginLimiter(limits);
    l.attempt('10.0.0.1', 'admin');
    l.attempt('10.0.0.2', 'Admin');
    expect(l.attempt('10.0.0.3', 'ａｄｍｉｎ')).toBe(1);
  });
});

describe.each(BACKENDS)('guessing through the API on $name', (backend) => {
  let p: Platform;
  beforeAll(async () => {
    p = await platform(backend); // sign-in limits: perAccount 3, perAddress 10 in 60 s
  }, 120_000);
  afterAll(async () => {
    await p?.dispose();
  });

  it('40 parallel wrong passwords for one user: at most 3 reach scrypt (401), the rest 429 at once; later the right one from another address works', async () => {
    const rs = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(p.app, 'jining-admin', `wrong guess number ${i}`)));
    const hashed = count(rs, 401);
    expect(hashed).toBeGreaterThanOrEqual(1);
    expect(hashed).toBeLessThanOrEqual(3);
    expect(count(rs, 429)).toBe(40 - hashed);
    for (const r of rs.filter((x) => x.statusCode === 429)) {
      expect(r.json().error.code).toBe('too-many-attempts');
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses([await signIn(p.app, 'jining-admin', PASSWORD, '10.1.2.3')])).toEqual([200]);
  }, 120_000);

  describe('POST /api/session/password: wrong old passwords are counted per account', () => {
    let store: Store;
    let changeAs: (oldPassword: string, newPassword: string) => Promise<LightMyRequestResponse>;
    beforeAll(async () => {
      store = p.store;
      const who = await createAccount(store, { username: 'old-pw-guess', password: PASSWORD, role: 'city-admin', region: '370500' }, 'test', false);
      const s = await openSession(store, who, 3600_000, 'test');
      changeAs = (oldPassword, newPassword) => p.app.inject({
        method: 'POST', url: '/api/session/password', payload: { oldPassword, newPassword }, headers: { cookie: `${SESSION_COOKIE}=${s.token}`, 'x-csrf-token': s.csrf },
      });
    }, 120_000);
    const hashOf = async () => (await store.db.selectFrom('accounts').select('password_hash').where('username', '=', 'old-pw-guess').executeTakeFirstOrThrow()).password_hash;

    it('the 5th wrong try is still 422; the 6th is 429 with Retry-After even with the right old password, and nothing changes', async () => {
      const before = await hashOf();
      for (let i = 1; i <= 5; i++) {
        const r = await changeAs(`not it, try ${i}`, 'a brand new long secret');
        expect([i, r.statusCode, r.json().error.details[0].path]).toEqual([i, 422, 'oldPassword']);
      }
      const sixth = await changeAs(PASSWORD, 'a brand new long secret');
      expect([sixth.statusCode, sixth.json().error.code]).toEqual([429, 'too-many-attempts']);
      expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(sixth.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
      expect(await hashOf()).toBe(before);
    }, 120_000);
  });

  it('a guessable new password is refused with zxcvbn\'s reason in Chinese and English, naming password', async () => {
    const who = await createAccount(p.store, { username: 'weak-changer', password: PASSWORD, role: 'city-admin', region: '370500' }, 'test', false);
    const s = await openSession(p.store, who, 3600_000, 'test');
    const r = await p.app.inject({
      method: 'POST', url: '/api/session/password', payload: { oldPassword: PASSWORD, newPassword: 'aaaaaaaaaaaa' }, headers: { cookie: `${SESSION_COOKIE}=${s.token}`, 'x-csrf-token': s.csrf },
    });
    expect([r.statusCode, r.json().error.code, r.json().error.details[0].path]).toEqual([422, 'invalid-account', 'password']);
    expect(r.json().error.message.zh).toMatch(/容易被猜中.*重复/);
    expect(r.json().error.message.en).toMatch(/easy to guess.*[Rr]epeat/);
  }, 120_000);

  it('an account named with a Cyrillic а, or Admin beside admin, is refused and not created', async () => {
    const admin = p.as('sd-admin');
    const cyrillic = await admin.req('POST', '/api/accounts', { username: 'аdmin', role: 'city-admin', region: '370500' });
    expect([cyrillic.statusCode, cyrillic.json().error.details[0].path]).toEqual([422, 'username']);
    expect(cyrillic.json().error.message.en).toContain('ASCII letters');
    const upper = await admin.req('POST', '/api/accounts', { username: 'SD-Admin', role: 'city-admin', region: '370500' });
    expect([upper.statusCode, upper.json().error.message.en]).toEqual([422, 'the username sd-admin is taken']);
    const rows = await p.store.db.selectFrom('accounts').select('username').where('username', 'in', ['аdmin', 'SD-Admin']).execute();
    expect(rows).toEqual([]);
  });
});

describe('public endpoints: rate- and size-limited per address', () => {
  let now = 0;
  let app: FastifyInstance;
  let store: Store;
  beforeAll(async () => {
    const { openStore } = await import('@duixian/store');
    store = await openStore({ dataDir: 'memory:' });
    app = await buildApp({ store, publicLimits: { perSecond: 20, burst: 40, now: () => now } });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });
  const get = (url: string, from = '127.0.0.1') => app.inject({ method: 'GET', url, remoteAddress: from });
  const match = (payload: string, from = '127.0.0.1') => app.inject({ method: 'POST', url: '/api/match', payload, headers: { 'content-type': 'application/json' }, remoteAddress: from });

  it('a burst of 40 is served, the 41st gets 429 with Retry-After; another address is not held up; 50 ms later one more is served', async () => {
    now = 1_000_000;
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => get(['/api/documents', '/api/interpretations', '/api/vocabulary'][i % 3]!)));
    expect(count(burst, 200)).toBe(40);
    const over = await get('/api/interpretations');
    expect([over.statusCode, over.json().error.code, over.headers['retry-after']]).toEqual([429, 'too-many-requests', '1']);
    expect((await match('{}')).statusCode).toBe(429); // 政策计算器 shares the address's budget
    expect((await get('/api/interpretations', '10.9.9.9')).statusCode).toBe(200);
    now += 49; // 20 a second: a token each 50 ms
    expect((await get('/api/interpretations')).statusCode).toBe(429);
    now += 1;
    expect(statuses([await get('/api/interpretations'), await get('/api/interpretations')])).toEqual([200, 429]);
  });

  it('POST /api/match: a 14 MB body is refused with 413 and the JSON error shape; 64 KB of profile is read', async () => {
    now += 10_000; // a full bucket
    const body = JSON.stringify({ subject: 'E1', dataset: example() });
    const huge = await match(body + ' '.repeat(14 * 1024 * 1024));
    expect([huge.statusCode, huge.json().error.code]).toEqual([413, 'too-large']);
    expect(huge.json().error.message.zh).toMatch(/过大/);
    const atLimit = await match(body + ' '.repeat(64 * 1024 - Buffer.byteLength(body)));
    expect(atLimit.statusCode).toBe(200);
    const over = await match(body + ' '.repeat(64 * 1024 - Buffer.byteLength(body) + 1));
    expect(over.statusCode).toBe(413);
  });
});

describe('PublicLimiter: a token bucket per address', () => {
  it('buckets that have filled up again are forgotten once more than 10,000 are held', () => {
    let now = 0;
    const l = new PublicLimiter({ perSecond: 20, burst: 40, now: () => now });
    for (let i = 0; i < 10_001; i++) expect(l.take(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`)).toBe(0);
    expect(l.tracked).toBe(10_001);
    now = 1_000; // one request taken from 40 comes back in 50 ms: all full again, but the newest
    for (let i = 0; i < 40; i++) l.take('10.9.9.9');
    expect(l.tracked).toBe(1); // only 10.9.9.9, whose bucket is empty
    expect(l.take('10.9.9.9')).toBe(1);
  });
});

describe('DUIXIAN_PUBLIC_RATE (duixian serve): what one address may ask of the public endpoints', () => {
  it.each([
    [undefined, { ok: true }],
    ['20', { ok: true, limits: { perSecond: 20, burst: 40 } }],
    ['100000/100000', { ok: true, limits: { perSecond: 100_000, burst: 100_000 } }],
    ['1/1', { ok: true, limits: { perSecond: 1, burst: 1 } }],
  ])('%s is %j', (raw, expected) => {
    expect(publicLimitsOf(raw)).toEqual(expected);
  });

  it.each(['0', '20/0', '-5', '2.5', 'fast', '20/'])('%s is refused, saying what to give', (raw) => {
    expect(publicLimitsOf(raw)).toEqual({ ok: false, problem: expect.stringContaining('e.g. 20/40') });
  });
});
