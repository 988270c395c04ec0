/**
 * Corpus versions (issue 15): the files of every corpus the platform has used or been given, kept
 * by the SHA-256 of those files. The hash is of ALL files (rules, texts, cases, targets…), not the
 * engine's `corpus.version` (a hash of what it evaluates only): a draft that corrects nothing but
 * a text or a case is still a new version the province reviews and publishes, and anyone holding
 * the files can recompute the key. The engine's version is kept beside it, as runs record it.
 *
 * The store does not read YAML: callers give the files and the engine's version (the server reads
 * them with `corpusFromFiles`), and get the files back to read them again.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Store } from './db.js';
import { appendAudit } from './audit.js';
import { jsonValue } from './json.js';
import { ProcessError, notFound } from './process-error.js';

export type CorpusState = 'built-in' | 'draft' | 'published';

export interface CorpusVersion {
  readonly hash: string;
  /** the engine's corpus.version (what runs record in corpus_version and hash in their input) */
  readonly version: string;
  readonly state: CorpusState;
  readonly storedBy: string;
  readonly storedAt: Date;
  readonly effective: string | null;
  readonly publishedBy: string | null;
  readonly publishedAt: Date | null;
  readonly reason: string | null;
}

/** The key of a corpus: SHA-256 over its files in path order, each path and content length-delimited by JSON. */
export function corpusFilesHash(files: ReadonlyMap<string, string>): string {
  const sorted = [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

export interface NewCorpusVersion {
  readonly files: ReadonlyMap<string, string>;
  readonly version: string;
  readonly state: 'built-in' | 'draft';
  readonly by: string;
}

/**
 * Keep a corpus's files (idempotent: a version already kept is left as it is, whatever its state).
 * Looked up before it is written, so that a server starting with a corpus it already keeps sends
 * no files to the database.
 */
export async function keepCorpusVersion(store: Store, v: NewCorpusVersion): Promise<{ hash: string; kept: boolean }> {
  const hash = corpusFilesHash(v.files);
  if (await store.db.selectFrom('corpus_versions').select('hash').where('hash', '=', hash).executeTakeFirst()) return { hash, kept: false };
  const kept = await store.db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('corpus_versions')
      .values({ hash, version: v.version, files: JSON.stringify(Object.fromEntries(v.files)), state: v.state, stored_by: v.by })
      .onConflict((oc) => oc.column('hash').doNothing()).returning('hash').executeTakeFirst();
    if (row) await appendAudit(tx, { actor: v.by, action: 'corpus.keep', entity: `corpus_versions/${hash}`, after: { state: v.state, version: v.version, files: v.files.size } });
    return row !== undefined;
  });
  return { hash, kept };
}

const columns = ['hash', 'version', 'state', 'stored_by', 'stored_at', 'effective', 'published_by', 'published_at', 'reason'] as const;
type Row = { hash: string; version: string; state: CorpusState; stored_by: string; stored_at: Date; effective: string | null; published_by: string | null; published_at: Date | null; reason: string | null };
const toVersion = (r: Row): CorpusVersion => ({
  hash: r.hash, version: r.version, state: r.state, storedBy: r.stored_by, storedAt: r.stored_at,
  effective: r.effective, publishedBy: r.published_by, publishedAt: r.published_at, reason: r.reason,
});

export async function readCorpusVersion(store: Store, hash: string): Promise<CorpusVersion | undefined> {
  const r = await store.db.selectFrom('corpus_versions').select(columns).where('hash', '=', hash).executeTakeFirst();
  return r && toVersion(r);
}

/** Every version kept, newest first (without their files). */
export async function listCorpusVersions(store: Store): Promise<CorpusVersion[]> {
  return (await store.db.selectFrom('corpus_versions').select(columns).orderBy('stored_at', 'desc').orderBy('hash').execute()).map(toVersion);
}

/** A version's files (path → content), to be read again with corpusFromFiles. */
export async function corpusVersionFiles(store: Store, hash: string): Promise<Map<string, string> | undefined> {
  const r = await store.db.selectFrom('corpus_versions').select('files').where('hash', '=', hash).executeTakeFirst();
  return r && new Map(Object.entries(jsonValue<Record<string, string>>(r.files)));
}

/**
 * The corpus runs use on `today`: the published version with the latest effective date not after
 * it (of two on one date, the later publication); none before the first takes effect.
 */
export async function corpusInForce(store: Store, today: string): Promise<CorpusVersion | undefined> {
  const r = await store.db.selectFrom('corpus_versions').select(columns).where('state', '=', 'published').where('effective', '<=', today)
    .orderBy('effective', 'desc').orderBy('published_at', 'desc').limit(1).executeTakeFirst();
  return r && toVersion(r);
}

export interface Publication {
  readonly effective: string;
  readonly reason: string;
  readonly by: string;
}

/** A draft becomes the corpus runs use from its effective date: who and why in the audit log. */
export async function publishCorpusVersion(store: Store, hash: string, p: Publication): Promise<CorpusVersion> {
  await store.db.transaction().execute(async (tx) => {
    // locked: two publications of one draft do not both pass the state check
    const row = await tx.selectFrom('corpus_versions').select(['state', 'version']).where('hash', '=', hash).forUpdate().executeTakeFirst();
    if (!row) throw notFound(`政策库版本 ${hash}`, `corpus version ${hash}`);
    if (row.state !== 'draft') {
      throw new ProcessError('conflict', 'not-a-draft', `政策库版本 ${hash.slice(0, 12)} 不是草案（${row.state}），无需发布`, `Corpus version ${hash.slice(0, 12)} is ${row.state}, not a draft: only a draft is published`);
    }
    await tx.updateTable('corpus_versions').set({ state: 'published', effective: p.effective, published_by: p.by, published_at: sql<Date>`now()`, reason: p.reason })
      .where('hash', '=', hash).execute();
    await appendAudit(tx, { actor: p.by, action: 'corpus.publish', entity: `corpus_versions/${hash}`, before: { state: 'draft' }, after: { state: 'published', effective: p.effective, reason: p.reason, version: row.version } });
  });
  return (await readCorpusVersion(store, hash))!;
}
