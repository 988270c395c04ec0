/**
 * The public endpoints (政策库 and the posted-profile 政策计算器) answer anyone, so each address
 * gets a token bucket: `burst` requests at once, refilled at `perSecond`; past it, 429 with
 * Retry-After before the body is read. Default 20 a second with a burst of 40, which a person
 * browsing never reaches. Kept in memory per process. Behind a proxy set trustProxy (the serve
 * command's DUIXIAN_TRUST_PROXY=1), or every client shares the proxy's bucket.
 *
 * A fleet of N processes behind a load balancer lets an address up to N times the rate (each
 * process its own bucket): set DUIXIAN_PUBLIC_RATE to the fleet's rate divided by N, or limit at
 * the proxy (nginx limit_req). Not in the database on purpose: a bucket upserted per request cost
 * p50 19 ms / p99 94 ms (10,000 addresses) and p50 40 ms / p99 363 ms (one address's row hot),
 * 50 at once over 10 connections on the shared 2-core test machine — the 政策计算器's whole budget
 * is p99 < 20 ms (bench/results.md), and this limit is against floods, not guessing.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';

export interface PublicLimits {
  readonly perSecond: number;
  readonly burst: number;
  readonly now?: () => number;
}

export const PUBLIC_LIMITS: PublicLimits = { perSecond: 20, burst: 40 };

/** DUIXIAN_PUBLIC_RATE, `PER_SECOND[/BURST]` (the burst twice the rate unless given): the limits, none when unset, or what is wrong. */
export function publicLimitsOf(raw: string | undefined): { ok: true; limits?: PublicLimits } | { ok: false; problem: string } {
  if (!raw) return { ok: true };
  const m = /^(\d{1,9})(?:\/(\d{1,9}))?$/.exec(raw.trim());
  const perSecond = Number(m?.[1]);
  const burst = m?.[2] ? Number(m[2]) : 2 * perSecond;
  if (!m || perSecond < 1 || burst < 1) return { ok: false, problem: `${raw} is not requests a second per address with an optional burst, whole numbers above 0, e.g. 20/40` };
  return { ok: true, limits: { perSecond, burst } };
}

/** Buckets of full addresses are forgotten once there are this many (a full bucket is the same as none). */
const KEPT = 10_000;

export class PublicLimiter {
  // thousandths of a request, so that refilling by the millisecond stays in integers: perSecond of them a ms
  private readonly buckets = new Map<string, { milli: number; at: number }>();
  private readonly now: () => number;
  private readonly full: number;
  private sweptAt = 0;

  constructor(private readonly o: PublicLimits = PUBLIC_LIMITS) {
    if (!(Number.isSafeInteger(o.perSecond) && o.perSecond > 0 && Number.isSafeInteger(o.burst) && o.burst > 0)) {
      throw new Error(`public limits must be whole numbers above 0 (got ${o.perSecond}/s, burst ${o.burst})`);
    }
    this.now = o.now ?? Date.now;
    this.full = o.burst * 1000;
  }

  /** Take one request for `address`: 0, or the whole seconds until one is there. */
  take(address: string): number {
    const now = this.now();
    const b = this.buckets.get(address) ?? { milli: this.full, at: now };
    b.milli = Math.min(this.full, b.milli + (now - b.at) * this.o.perSecond);
    b.at = now;
    this.buckets.set(address, b);
    if (b.milli >= 1000) {
      b.milli -= 1000;
      this.sweep(now);
      return 0;
    }
    return Math.ceil((1000 - b.milli) / this.o.perSecond / 1000);
  }

  /** An onRequest hook: refuses before the body is read. */
  readonly hook = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const wait = this.take(req.ip);
    if (wait === 0) return;
    void reply.header('retry-after', String(wait));
    throw new ApiError(429, 'too-many-requests', `请求过于频繁，请 ${wait} 秒后再试`, `Too many requests from this address; try again in ${wait} s`);
  };

  /** How many addresses' buckets are held in memory (for tests and diagnosis). */
  get tracked(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    if (this.buckets.size <= KEPT || now - this.sweptAt < 1000) return;
    this.sweptAt = now;
    for (const [address, b] of this.buckets) if (b.milli + (now - b.at) * this.o.perSecond >= this.full) this.buckets.delete(address);
  }
}
