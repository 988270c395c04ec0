/**
 * Guessing is slow. Sign-in attempts are counted per (address, username) and per address in a
 * sliding window, and each attempt is counted at its START, before its scrypt hash is spent: 40
 * guesses sent together are 40 attempts, not 40 hashes that fail later. A success gives its
 * attempt back (and clears that username's count from that address). Attempts in flight are also
 * capped per username (from any address) and per address, answered at once with Retry-After: 1,
 * so that no one keeps many 128 MiB hashes running. Kept in memory: one server process; a restart
 * forgets counts. Over PostgreSQL the counts are the fleet's (shared-limit.ts), attempts in flight
 * stay this process's (they bound its own hashing).
 */
import { canonicalUsername } from '@duixian/store';

export interface LimiterOptions {
  readonly windowMs: number;
  /** attempts of one username from one address */
  readonly perAccount: number;
  /** attempts from one address over all usernames */
  readonly perAddress: number;
  /** attempts of one username being checked at once, from any address (default 2) */
  readonly inFlightPerUsername?: number;
  /** attempts from one address being checked at once (default 4) */
  readonly inFlightPerAddress?: number;
  readonly now?: () => number;
}

export const LOGIN_LIMITS: LimiterOptions = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 20, inFlightPerUsername: 2, inFlightPerAddress: 4 };

/** Wrong old passwords at a password change: per account, so a stolen session cannot guess it. */
export const OLD_PASSWORD_LIMITS = { windowMs: 15 * 60_000, perAccount: 5 } as const;

/** An attempt let through: say how it ended, once. */
export interface Attempt {
  /** the password was right: the attempt is given back and the key's count cleared */
  succeeded(): void | Promise<void>;
  /** the password was wrong: the attempt stays counted for the window */
  failed(): void | Promise<void>;
  /** the password was never checked (the request was refused before): the attempt is given back, the rest stays */
  untried(): void | Promise<void>;
}

/** Takes an attempt of `A` (an address and username, an account), or says the seconds to wait. */
export interface Limiter<A extends unknown[]> {
  attempt(...a: A): Attempt | number | Promise<Attempt | number>;
}

/** What one attempt counts against, and the keys a success clears. */
export interface Limits {
  readonly limits: readonly Limit[];
  readonly clear: readonly string[];
}

/** One counted thing: at most `count` attempts in the window, and at most `inFlight` at once. */
export interface Limit {
  readonly key: string;
  readonly count?: number;
  readonly inFlight?: number;
}

/** Keys with no attempt left in the window are forgotten once there are this many (a guesser may vary names and addresses). */
const KEPT = 10_000;

/** Counts attempts per key in a sliding window and in flight; the shared machinery of both limiters. */
export class Attempts {
  private readonly times = new Map<string, number[]>();
  private readonly busy = new Map<string, number>();
  private sweptAt = 0;

  constructor(private readonly windowMs: number, private readonly now: () => number) {}

  /** An attempt reserved against every limit, or the seconds to wait when any is reached (nothing reserved then). */
  reserve(limits: readonly Limit[], clearOnSuccess: readonly string[]): Attempt | number {
    const wait = Math.max(0, ...limits.map((l) => this.wait(l)));
    if (wait > 0) return wait;
    const at = this.now();
    this.sweep(at);
    for (const l of limits) {
      if (l.count !== undefined) this.times.set(l.key, [...this.recent(l.key), at]);
      if (l.inFlight !== undefined) this.busy.set(l.key, (this.busy.get(l.key) ?? 0) + 1);
    }
    let open = true;
    const end = (counted: boolean, clear: readonly string[]) => {
      if (!open) return;
      open = false;
      for (const l of limits) {
        if (l.inFlight !== undefined) this.release(l.key);
        if (!counted && l.count !== undefined) this.giveBack(l.key, at);
      }
      for (const key of clear) this.times.delete(key);
    };
    return { succeeded: () => end(false, clearOnSuccess), failed: () => end(true, []), untried: () => end(false, []) };
  }

  private wait(l: Limit): number {
    if (l.inFlight !== undefined && (this.busy.get(l.key) ?? 0) >= l.inFlight) return 1;
    if (l.count === undefined) return 0;
    const times = this.recent(l.key);
    return times.length < l.count ? 0 : Math.ceil((times[times.length - l.count]! + this.windowMs - this.now()) / 1000);
  }

  private release(key: string): void {
    const n = (this.busy.get(key) ?? 1) - 1;
    if (n > 0) this.busy.set(key, n);
    else this.busy.delete(key);
  }

  private giveBack(key: string, at: number): void {
    const times = this.recent(key);
    const i = times.lastIndexOf(at);
    if (i >= 0) times.splice(i, 1);
    if (!times.length) this.times.delete(key);
  }

  /** How many keys have attempts in memory (for tests and diagnosis). */
  get keys(): number {
    return this.times.size;
  }

  private sweep(now: number): void {
    if (this.times.size <= KEPT || now - this.sweptAt < 1000) return;
    this.sweptAt = now;
    for (const key of [...this.times.keys()]) this.recent(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const times = (this.times.get(key) ?? []).filter((t) => t > since);
    if (times.length) this.times.set(key, times);
    else this.times.delete(key);
    return times;
  }
}

export class LoginLimiter {
  private readonly attempts: Attempts;
  private readonly o: Required<Omit<LimiterOptions, 'now'>>;

  constructor(o: LimiterOptions = LOGIN_LIMITS) {
    this.o = { inFlightPerUsername: 2, inFlightPerAddress: 4, ...o };
    this.attempts = new Attempts(o.windowMs, o.now ?? Date.now);
  }

  /**
   * Take an attempt to sign in as `username` from `address` before checking its password, or the
   * seconds to wait. The username is counted as it is stored, so Admin and ａｄｍｉｎ are admin.
   */
  attempt(address: string, username: string): Attempt | number {
    const l = this.limitsOf(address, username);
    return this.attempts.reserve(l.limits, l.clear);
  }

  limitsOf(address: string, username: string): Limits {
    const name = canonicalUsername(username);
    const account = `a|${address}|${name}`;
    return {
      limits: [
        { key: account, count: this.o.perAccount },
        { key: `a|${address}`, count: this.o.perAddress, inFlight: this.o.inFlightPerAddress },
        { key: `u|${name}`, inFlight: this.o.inFlightPerUsername },
      ],
      clear: [account],
    };
  }

  get windowMs(): number {
    return this.o.windowMs;
  }

  /** How many (address, username) and address counts are held in memory. */
  get tracked(): number {
    return this.attempts.keys;
  }
}

/** Old-password checks at a password change, counted per account; one at a time. */
export class OldPasswordLimiter {
  private readonly attempts: Attempts;

  constructor(private readonly o: { readonly windowMs: number; readonly perAccount: number; readonly now?: () => number } = OLD_PASSWORD_LIMITS) {
    this.attempts = new Attempts(o.windowMs, o.now ?? Date.now);
  }

  get windowMs(): number {
    return this.o.windowMs;
  }

  attempt(accountId: string): Attempt | number {
    const l = this.limitsOf(accountId);
    return this.attempts.reserve(l.limits, l.clear);
  }

  limitsOf(accountId: string): Limits {
    const key = `p|${accountId}`;
    return { limits: [{ key, count: this.o.perAccount, inFlight: 1 }], clear: [key] };
  }
}
