/**
 * A Dataset back out of the store for one year, so the engine evaluates from the database: every
 * subject with its current tags, the facts, history and parameters up to that year (growth rates
 * and once-only rules look back), and the year's switches of reading. A subject on the credit
 * blacklist during the year (an active entry, lists.ts) carries the tag creditBlacklisted, so the
 * engine withholds its awards (I-blacklist); the entries are part of the digest.
 *
 * For a million subjects the subjects, tags and facts come from the year's snapshot (snapshot.ts)
 * when one stands at the current rows version, else from their rows (read-rows.ts), in seconds
 * either way; a read from rows leaves a snapshot for the next.
 */
import { createHash, type Hash } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import { rowsOf, type ColumnarDataset, type Dataset, type HistoryEntry, type Parameter, type SubjectColumns } from '@duixian/engine';
import type { Snapshot, Store } from './db.js';
import { int } from './import.js';
import { binaryCopy, byteaColumn } from './copy-text.js';
import { blacklistedIn } from './lists.js';
import { readRows, type LoadProgress } from './read-rows.js';
import { columnsOfRows, decodeRows, encodeRows, type YearColumns } from './snapshot.js';

export type { LoadProgress } from './read-rows.js';

/** The digest's scheme: a run's input hash changes with it, so a change of how the year is read is never silent. */
const DIGEST_SCHEME = 'duixian-load/3 rows-digest';

/** The year as a Dataset of objects (for a file, a test, a small tool; a server holds the columns `loadWithDigest` gives). */
export async function loadDataset(store: Store, year: number): Promise<Dataset> {
  return rowsOf((await loadWithDigest(store, year)).dataset);
}

export interface Loaded {
  /** the subjects and facts as columns: a million enterprises held as a few dozen objects */
  readonly dataset: ColumnarDataset;
  readonly digest: string;
  /** where the subjects, tags and facts came from: their rows, or the year's snapshot */
  readonly from: 'rows' | 'snapshot';
}

/**
 * The dataset and a SHA-256 digest of it, computed on the way in from the bytes the database sent
 * (which the dataset is a function of), so that a run's input hash costs no second serialisation.
 *
 * The subjects, tags and facts come from the year's snapshot when one was made at the current
 * rows_version (snapshot.ts, migration 008), else from the rows, after which a snapshot is made in
 * the background for the next reader. Either way the dataset and the digest are the same.
 */
export async function loadWithDigest(store: Store, year: number, onProgress?: LoadProgress): Promise<Loaded> {
  const progress = onProgress ?? (() => {});
  // one snapshot: an import committing between two of the reads cannot give facts of an unread subject
  const got = await store.readSnapshot(async (s) => {
    const version = String((await s.db.selectFrom('rows_version').select('version').executeTakeFirstOrThrow()).version);
    const kept = await keptRows(s, year, version);
    const rows = kept ?? columnsOfRows(await readRows(s, year, progress));
    return { ...await withTheRest(s, year, rows), made: kept ? undefined : rows, version };
  });
  const made = got.made;
  if (made) store.background(`keeping the ${year} snapshot`, () => keepRows(store, year, got.version, made));
  return { dataset: got.dataset, digest: got.digest, from: made ? 'rows' : 'snapshot' };
}

/**
 * The year's snapshot kept at the current rows version (after an import: the next run then need not
 * read rows). 'kept' when it was made now, 'there' when it stood already.
 */
export async function keepYear(store: Store, year: number): Promise<'kept' | 'there'> {
  const { from } = await loadWithDigest(store, year);
  await store.idle();
  return from === 'rows' ? 'kept' : 'there';
}

/** The year's snapshot at `version`, if one was kept and reads back whole. */
async function keptRows(s: Snapshot, year: number, version: string): Promise<YearColumns | undefined> {
  // binary COPY: a query would bring the bytes as hex text, twice their size, kept as a string
  const chunks: Uint8Array[] = [];
  const query = `select data from year_snapshots where year = ${Number(year)} and version = ${BigInt(version)} order by part`;
  for await (const c of s.copyOut(query, { binary: true })) chunks.push(c);
  const parts = byteaColumn(Buffer.concat(chunks));
  if (!parts.length) return undefined;
  try {
    return decodeRows(parts);
  } catch (e) {
    // not fatal: the rows are there to read
    process.stderr.write(`duixian: the ${year} snapshot at version ${version} is unreadable (${e instanceof Error ? e.message : String(e)}); reading the rows\n`);
    return undefined;
  }
}

/**
 * Keep the rows as the year's snapshot at `version` (what was read at it), in place of older ones
 * of the year and of an unreadable one at the same version.
 */
async function keepRows(store: Store, year: number, version: string, rows: YearColumns): Promise<void> {
  const parts = encodeRows(rows);
  await store.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('year_snapshots').where('year', '=', year).where('version', '<=', version).execute();
    if (store.backend === 'pglite') {
      // PGlite takes a bytea parameter at ~2 MB/s (148 MB would hold its one session for a minute); COPY takes the bytes as they are
      const copy = binaryCopy(parts.map((data, part) => [{ int4: year }, { int8: BigInt(version) }, { int4: part }, data]));
      await tx.executeQuery(CompiledQuery.raw("copy year_snapshots (year, version, part, data) from '/dev/blob' with (format binary)", [copy]));
      return;
    }
    for (const [part, data] of parts.entries()) {
      await tx.insertInto('year_snapshots').values({ year, version, part, data }).onConflict((c) => c.doNothing()).execute();
    }
  });
}

/**
 * The dataset: the rows, the credit blacklist's tags on them, and the year's history, parameters
 * and readings, all of it in the digest.
 */
async function withTheRest(s: Snapshot, year: number, rows: YearColumns): Promise<{ dataset: ColumnarDataset; digest: string }> {
  const hash = createHash('sha256').update(`${DIGEST_SCHEME}\n${rows.digest}\n`);
  const subjects = await markBlacklisted(s.db, year, rows.subjects, hash);
  const history: HistoryEntry[] = (await s.db.selectFrom('award_history').select(['subject_id', 'rule', 'year', 'amount']).where('year', '<=', year)
    .orderBy('subject_id').orderBy('rule').orderBy('year').execute())
    .map((r) => ({ subject: r.subject_id, rule: r.rule, year: r.year, amount: r.amount === null ? null : int(r.amount) }));
  const parameters: Parameter[] = (await s.db.selectFrom('parameters').select(['rule', 'year', 'key', 'value']).where('year', '<=', year)
    .orderBy('rule').orderBy('year').orderBy('key').execute())
    .map((r) => ({ rule: r.rule, year: r.year, key: r.key, value: int(r.value) }));
  const interpretations: Record<string, string> = {};
  for (const r of await s.db.selectFrom('interpretations').select(['id', 'value']).where('year', '=', year).orderBy('id').execute()) interpretations[r.id] = r.value;
  hash.update(JSON.stringify({ year, history, parameters, interpretations }));
  return { dataset: { year, subjects, facts: rows.facts, history, parameters, interpretations }, digest: hash.digest('hex') };
}

/**
 * 信用黑名单: each stored subject with an active blacklist entry in force on a day of the year gets
 * the tag creditBlacklisted (once); the entries go into the digest, so a run's input hash changes
 * with the blacklist even for a subject that had the tag already.
 */
async function markBlacklisted(db: Snapshot['db'], year: number, subjects: SubjectColumns, hash: Hash): Promise<SubjectColumns> {
  const listed = await blacklistedIn(db, year);
  if (!listed.length) return subjects; // the digest of data without a blacklist is what it was before there were lists
  hash.update(`blacklist:${JSON.stringify(listed)}`);
  const positions = listed.map((l) => subjects.indexOf(l.subject)).filter((i) => i !== undefined);
  // new columns: the rows as read stay as they are (a snapshot is made of them)
  return subjects.withTag(positions, 'creditBlacklisted');
}

/** One change of a fact's value, as a reviewer reads it: which fact, old → new, who, when, why. */
export interface FactRevision {
  readonly subject: string;
  readonly year: number;
  readonly quarter?: number;
  readonly key: string;
  readonly item?: string;
  readonly rule?: string;
  readonly oldValue: number;
  readonly newValue: number;
  readonly oldSource: string;
  readonly newSource: string;
  readonly by: string;
  readonly at: Date;
  readonly reason: string;
  readonly importId: string;
}

/** Every revision of a subject's facts, oldest first. */
export async function factRevisions(store: Store, subject: string): Promise<FactRevision[]> {
  const rows = await store.db.selectFrom('fact_revisions as r').innerJoin('facts as f', 'f.id', 'r.fact_id')
    .select(['f.subject_id', 'f.year', 'f.quarter', 'f.key', 'f.item', 'f.rule', 'r.old_value', 'r.new_value', 'r.old_source', 'r.new_source', 'r.changed_by', 'r.changed_at', 'r.reason', 'r.import_id', 'r.id'])
    .where('f.subject_id', '=', subject).orderBy('r.id').execute();
  return rows.map((r) => ({
    subject: r.subject_id, year: r.year, key: r.key,
    ...(r.quarter !== 0 ? { quarter: r.quarter } : {}),
    ...(r.item !== '' ? { item: r.item } : {}),
    ...(r.rule !== '' ? { rule: r.rule } : {}),
    oldValue: int(r.old_value), newValue: int(r.new_value), oldSource: r.old_source, newSource: r.new_source,
    by: r.changed_by, at: r.changed_at, reason: r.reason, importId: String(r.import_id),
  }));
}
