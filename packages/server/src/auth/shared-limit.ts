/**
 * Sign-in limits shared by every server process over one PostgreSQL (migration 019): each attempt
 * is a row per counted key, kept until its window ends, so that attempts made on two processes
 * add up (an attacker behind a load balancer gets no more guesses than one process allows).
 * Counting and recording happen under a per-key advisory lock, so two processes taking the last
 * attempt at once cannot both have it. Attempts in flight stay counted in this process's memory:
 * that cap bounds this process's own password hashing. The windows are the database's clock.
 */
import { sql, type Kysely } from 'kysely';
import type { Database, Store } from '@duixian/store';
import { Attempts, LoginLimiter, OldPasswordLimiter, type Attempt, type Limiter, type Limit, type Limits, type LimiterOptions } from './rate-limit.js';

/** the first half of every advisory lock key taken here (two-integer locks: apart from the store's one-bigint locks) */
const LOCK_SPACE = sql`hashtext('duixian login attempts')`;
const PRUNE_MS = 60_000;

/** Attempts counted in the database for a window of `windowMs`. */
export class AttemptRows {
  private prunedAt = 0;

  constructor(private readonly db: Kysely<Database>, private readonly windowMs: number) {}

  /** An attempt recorded against every limit, or the seconds to wait when one is reached (nothing recorded then). */
  async reserve(limits: readonly Required<Pick<Limit, 'key' | 'count'>>[], clear: readonly string[]): Promise<Attempt | number> {
    await this.prune();
    const keys = [...new Set(limits.map((l) => l.key))].sort(); // locks in one order: no two processes wait on each other
    const ids = await this.db.transaction().execute(async (tx) => {
      for (const key of keys) await sql`select pg_advisory_xact_lock(${LOCK_SPACE}, hashtext(${key}))`.execute(tx);
      let wait = 0;
      for (const l of limits) {
        // the count-th newest attempt in the window: the attempt after it may come when it leaves
        const r = await sql<{ ms: number | string }>`select extract(epoch from (expires - now())) * 1000 as ms from login_attempts
          where key = ${l.key} and expires > now() order by expires desc offset ${l.count - 1} limit 1`.execute(tx);
        if (r.rows[0]) wait = Math.max(wait, Math.max(1, Math.ceil(Number(r.rows[0].ms) / 1000)));
      }
      if (wait > 0) return wait;
      const rows = await tx.insertInto('login_attempts')
        .values(limits.map((l) => ({ key: l.key, expires: sql<Date>`now() + ${this.windowMs} * interval '1 millisecond'` })))
        .returning('id').execute();
      return rows.map((r) => String(r.id));
    });
    if (typeof ids === 'number') return ids;
    const giveBack = (alsoKeys: readonly string[]) => this.db.deleteFrom('login_attempts')
      .where((eb) => eb.or([eb('id', 'in', ids), ...(alsoKeys.length ? [eb('key', 'in', alsoKeys)] : [])])).execute().then(() => {});
    return { succeeded: () => giveBack(clear), failed: () => {}, untried: () => giveBack([]) };
  }

  /** Attempts whose window ended are deleted, at most once a minute from each process. */
  private async prune(): Promise<void> {
    if (Date.now() - this.prunedAt < PRUNE_MS) return;
    this.prunedAt = Date.now();
    await this.db.deleteFrom('login_attempts').where('expires', '<', sql<Date>`now()`).execute();
  }
}

/** Counts in the database, attempts in flight in this process's memory. */
export class SharedLimiter<A extends unknown[]> implements Limiter<A> {
  private readonly inFlight = new Attempts(1, Date.now); // in-flight limits only: no window

  constructor(private readonly rows: AttemptRows, private readonly limitsOf: (...a: A) => Limits) {}

  async attempt(...a: A): Promise<Attempt | number> {
    const { limits, clear } = this.limitsOf(...a);
    const held = this.inFlight.reserve(limits.filter((l) => l.inFlight !== undefined).map(({ key, inFlight }) => ({ key, inFlight })), []);
    if (typeof held === 'number') return held;
    let counted: Attempt | number;
    try {
      counted = await this.rows.reserve(limits.flatMap(({ key, count }) => (count === undefined ? [] : [{ key, count }])), clear);
    } catch (e) {
      held.untried();
      throw e;
    }
    if (typeof counted === 'number') {
      held.untried();
      return counted;
    }
    const c = counted;
    const both = (end: keyof Attempt) => async () => {
      held[end]();
      await c[end]();
    };
    return { succeeded: both('succeeded'), failed: both('failed'), untried: both('untried') };
  }
}

/** The sign-in and old-password limiters of a server: over PostgreSQL the fleet's, else this process's. */
export function signInLimiters(store: Store, o?: LimiterOptions): [Limiter<[string, string]>, Limiter<[string]>] {
  const login = new LoginLimiter(o);
  const oldPasswords = new OldPasswordLimiter();
  if (store.backend !== 'postgres') return [login, oldPasswords];
  return [
    new SharedLimiter(new AttemptRows(store.db, login.windowMs), (address: string, username: string) => login.limitsOf(address, username)),
    new SharedLimiter(new AttemptRows(store.db, oldPasswords.windowMs), (account: string) => oldPasswords.limitsOf(account)),
  ];
}
