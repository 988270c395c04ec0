/**
 * The hash-chained audit log. hash = SHA-256(prev_hash | canonical entry); the first entry's
 * prev_hash is GENESIS. Entries are appended inside the transaction of the write they record,
 * under an advisory lock so that two writers never chain onto the same predecessor.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Store } from './db.js';
import { jsonValue } from './json.js';
import type { Database } from './schema.js';

const AUDIT_LOCK = 0x61756469;
export const GENESIS = '0'.repeat(64);

export interface AuditEntry {
  readonly actor: string;
  readonly action: string; // import, run.create, run.promote, …
  readonly entity: string; // imports/12, runs/3
  readonly before?: unknown;
  readonly after?: unknown;
  /** the HTTP request it is written for; where not given, that of `duringRequest` around the write */
  readonly requestId?: string | null;
}

/**
 * The request being answered, for the entries written meanwhile. The server wraps each request's
 * work in `duringRequest` once, rather than every write of every module passing the id along;
 * what the work starts (a job answered later) keeps it, as async context does.
 */
const REQUEST = new AsyncLocalStorage<string>();

export const duringRequest = <T>(requestId: string, work: () => T): T => REQUEST.run(requestId, work);

/** The id of the request being answered here, if any (a worker thread is handed it: it has no context of ours). */
export const currentRequestId = (): string | undefined => REQUEST.getStore();

/** JSON with object keys sorted at every level: jsonb does not keep key order, the hash must not depend on it. */
export function canonical(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object') {
    return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The request id is hashed only when there is one: entries from before migration 020 hash as they always did. */
const hashOf = (prev: string, seq: string, at: Date, e: AuditEntry): string => {
  const fields = [seq, at.toISOString(), e.actor, e.action, e.entity, e.before ?? null, e.after ?? null, ...(e.requestId ? [e.requestId] : [])];
  return createHash('sha256').update(`${prev}|${canonical(fields)}`).digest('hex');
};

/** Append one entry, complete with its hash, in the caller's transaction. */
export async function appendAudit(tx: Transaction<Database>, entry: AuditEntry): Promise<void> {
  const e = { ...entry, requestId: entry.requestId ?? REQUEST.getStore() ?? null };
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
  const last = await tx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const prev = last?.hash ?? GENESIS;
  const seq = String(BigInt(last?.seq ?? 0) + 1n);
  const at = new Date(Date.now()); // millisecond precision: it reads back exactly as written
  await tx.insertInto('audit_log').values({
    seq, at, actor: e.actor, action: e.action, entity: e.entity,
    before: e.before === undefined ? null : JSON.stringify(e.before), after: e.after === undefined ? null : JSON.stringify(e.after),
    prev_hash: prev, hash: hashOf(prev, seq, at, e), request_id: e.requestId,
  }).execute();
}

export type AuditCheck = { ok: true; entries: number } | { ok: false; entries: number; seq: string; problem: string };

/** Walk the chain from the first entry; the first entry that does not hash to its record, or does not link, is reported. */
export async function verifyAudit(store: Store | { db: Kysely<Database> }): Promise<AuditCheck> {
  const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prev = GENESIS;
  for (const r of rows) {
    const e: AuditEntry = { actor: r.actor, action: r.action, entity: r.entity, before: jsonValue(r.before), after: jsonValue(r.after), requestId: r.request_id };
    const seq = String(r.seq);
    if (r.prev_hash !== prev) return { ok: false, entries: rows.length, seq, problem: 'does not link to the entry before it (an entry was removed or reordered)' };
    if (hashOf(prev, seq, new Date(r.at), e) !== r.hash) return { ok: false, entries: rows.length, seq, problem: 'its content does not match its hash (the entry was changed)' };
    prev = r.hash;
  }
  return { ok: true, entries: rows.length };
}
