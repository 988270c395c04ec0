/**
 * Sign-in limits counted in PostgreSQL (auth/shared-limit.ts, migration 019), two limiters over
 * two connections standing for two server processes: attempts on both add up; the last attempt
 * taken on both at once goes to one only; a success clears that username's count from that
 * address, an unchecked attempt is given back. Skipped without DATABASE_URL (PGlite: one process,
 * counted in memory — guessing.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@duixian/store';
import { LoginLimiter, type Attempt } from '../src/auth/rate-limit.js';
import { AttemptRows, SharedLimiter } from '../src/auth/shared-limit.js';
import { BACKENDS } from '../../store/test/backends.js';

const postgres = BACKENDS.find((b) => b.name === 'postgres');
const LIMITS = { windowMs: 60_000, perAccount: 3, perAddress: 10, inFlightPerUsername: 10, inFlightPerAddress: 10 };

describe.skipIf(!postgres)('sign-in attempts counted for the fleet', () => {
  let store: Store;
  let other: Store;
  let dispose: () => Promise<void>;
  const limiter = (s: Store) => {
    const login = new LoginLimiter(LIMITS);
    return new SharedLimiter(new AttemptRows(s.db, LIMITS.windowMs), (address: string, username: string) => login.limitsOf(address, username));
  };

  beforeAll(async () => {
    const fresh = await postgres!.fresh();
    [store, dispose] = [fresh.store, fresh.dispose];
    other = await postgres!.reopen(fresh.place);
  }, 120_000);

  afterAll(async () => {
    await other?.close();
    await dispose?.();
  });

  it('two failures on A and one on B use up perAccount 3: the fourth waits on either, about the window', async () => {
    const [a, b] = [limiter(store), limiter(other)];
    for (const l of [a, a, b]) await ((await l.attempt('10.0.0.1', 'admin')) as Attempt).failed();
    const wait = await b.attempt('10.0.0.1', 'ADMIN'); // the username as stored: Admin is admin
    expect(typeof wait === 'number' && wait > 50 && wait <= 60).toBe(true);
    expect(await a.attempt('10.0.0.1', 'admin')).toBe(wait);
    expect(typeof await a.attempt('10.0.0.2', 'admin')).toBe('object'); // another address is its own count
  });

  it('the last attempt asked on both at once goes to one of them only', async () => {
    const [a, b] = [limiter(store), limiter(other)];
    for (let i = 0; i < 2; i++) await ((await a.attempt('10.0.0.3', 'u')) as Attempt).failed();
    const both = await Promise.all([a.attempt('10.0.0.3', 'u'), b.attempt('10.0.0.3', 'u')]);
    expect(both.filter((x) => typeof x === 'object')).toHaveLength(1);
  });

  it('a success clears the username\'s count from that address; an unchecked attempt is given back', async () => {
    const [a, b] = [limiter(store), limiter(other)];
    for (let i = 0; i < 2; i++) await ((await a.attempt('10.0.0.4', 'v')) as Attempt).failed();
    await ((await b.attempt('10.0.0.4', 'v')) as Attempt).untried();
    await ((await b.attempt('10.0.0.4', 'v')) as Attempt).succeeded(); // the third, given back with the other two
    for (let i = 0; i < 3; i++) await ((await a.attempt('10.0.0.4', 'v')) as Attempt).failed();
    expect(typeof await b.attempt('10.0.0.4', 'v')).toBe('number');
  });
});
