/**
 * Login rate limiting: failed sign-ins are counted per (address, username) and per address in a
 * sliding window; past the limit, sign-in is refused with the seconds to wait, even with the right
 * password, so guessing costs time. Kept in memory: one server process; a restart forgets counts.
 */
export interface LimiterOptions {
  readonly windowMs: number;
  /** failures of one username from one address */
  readonly perAccount: number;
  /** failures from one address over all usernames */
  readonly perAddress: number;
  readonly now?: () => number;
}

export const LOGIN_LIMITS: LimiterOptions = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 20 };

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(private readonly o: LimiterOptions = LOGIN_LIMITS) {
    this.now = o.now ?? Date.now;
  }

  /** Seconds to wait before `username` may try again from `address`, or 0. */
  retryAfter(address: string, username: string): number {
    const wait = (key: string, limit: number) => {
      const times = this.recent(key);
      return times.length < limit ? 0 : Math.ceil((times[times.length - limit]! + this.o.windowMs - this.now()) / 1000);
    };
    return Math.max(wait(`a|${address}|${username}`, this.o.perAccount), wait(`a|${address}`, this.o.perAddress));
  }

  fail(address: string, username: string): void {
    for (const key of [`a|${address}|${username}`, `a|${address}`]) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  /** A successful sign-in clears that username's failures from that address. */
  succeed(address: string, username: string): void {
    this.failures.delete(`a|${address}|${username}`);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.o.windowMs;
    const times = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (times.length) this.failures.set(key, times);
    else this.failures.delete(key);
    return times;
  }
}
