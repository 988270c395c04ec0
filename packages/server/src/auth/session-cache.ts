/**
 * Sessions remembered for a few seconds, so that a busy endpoint (the 政策计算器 under load) does
 * not pay a database round trip per request just to learn who is asking. Sign-out and password
 * changes through this process forget at once; a session ended by another process (or an account
 * disabled in the database) stops working within TTL_MS. An expired session is never served.
 */
import { sessionOf, type Store } from '@duixian/store';

type Live = NonNullable<Awaited<ReturnType<typeof sessionOf>>>;

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

class SessionCache {
  private readonly entries = new Map<string, { session: Live; until: number }>();

  constructor(private readonly store: Store) {}

  async get(token: string): Promise<Live | undefined> {
    const now = Date.now();
    const hit = this.entries.get(token);
    if (hit && hit.until > now && hit.session.expiresAt.getTime() > now) return hit.session;
    this.entries.delete(token);
    const session = await sessionOf(this.store, token);
    if (session) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear(); // rare; a miss only costs a query
      this.entries.set(token, { session, until: now + TTL_MS });
    }
    return session;
  }

  /** After a sign-out or a password change: every cached session is read again. */
  forgetAll(): void {
    this.entries.clear();
  }
}

const caches = new WeakMap<Store, SessionCache>();

/** The session cache of a store (one per store, shared by every guard of the app). */
export function sessionCache(store: Store): SessionCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new SessionCache(store)));
  return cache;
}
