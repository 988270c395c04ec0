/**
 * A Dataset back out of the store for one year, so the engine evaluates from the database: every
 * subject with its current tags, the facts, history and parameters up to that year (growth rates
 * and once-only rules look back), and the year's switches of reading. A subject on the credit
 * blacklist during the year (an active entry, lists.ts) carries the tag creditBlacklisted, so the
 * engine withholds its awards (I-blacklist); the entries are part of the digest.
 *
 * Read for a million subjects: subjects, tags and facts come CHUNK subjects at a time, each chunk
 * as a handful of rows of whole columns (a JSON array or a comma-separated list per column, built
 * by the server) rather than a row per fact, which the driver would decode field by field; the
 * next chunk is asked for before the current one is taken apart, so the server works while
 * Node builds objects.
 */
import { createHash, type Hash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Dataset, Fact, FactKey, HistoryEntry, Parameter, Subject, SubjectKind, Tag } from '@duixian/engine';
import type { Store } from './db.js';
import type { Database } from './schema.js';
import { int } from './import.js';
import { IntList, JsonColumn, plain } from './columns.js';
import { blacklistedIn } from './lists.js';

/** subjects per chunk: a few MB of text per column. The digest depends on it (it hashes each chunk's text). */
const CHUNK = 50_000;

export async function loadDataset(store: Store, year: number): Promise<Dataset> {
  return (await loadWithDigest(store, year)).dataset;
}

/**
 * The dataset and a SHA-256 digest of it, computed on the way in from the text the database sent
 * (which the dataset is a function of), so that a run's input hash costs no second serialisation.
 */
export async function loadWithDigest(
  store: Store, year: number, chunk = CHUNK, onChunk?: (done: number, total: number) => void,
): Promise<{ dataset: Dataset; digest: string }> {
  // one snapshot: an import committing between two of the reads cannot give facts of an unread subject
  return store.db.transaction().setIsolationLevel('repeatable read').execute(async (db) => {
    // Each chunk is a range of an index in the order wanted: read it along the index. A bitmap scan
    // then a sort, which the planner picks for a range this size, takes four times as long here.
    await sql`set local enable_bitmapscan = off`.execute(db);
    const hash = createHash('sha256');
    const dataset = await read(db, year, hash, chunk, onChunk);
    return { dataset, digest: hash.digest('hex') };
  });
}

type Tx = Transaction<Database>;
type Text = string | null;

/** The columns of one chunk as the server sent them: JSON arrays, or integers separated by commas. */
interface SubjectChunk { id: Text; kind: Text; name: Text; region: Text; uscc: Text }
interface TagChunk { subject: Text; tag: Text }
/** numbers: year, quarter, value of each fact; extra: null, or [item, rule, source] where one is not '' */
interface FactChunk { subject: Text; key: Text; numbers: Text; extra: Text }

/** The id of every chunk-th subject: the chunks' upper bounds (the last chunk has none). */
const bounds = async (db: Tx, chunk: number): Promise<string[]> => (await sql<{ id: string }>`
  select id from (select id, row_number() over (order by id) as n from subjects) s where n % ${chunk} = 0 order by id`.execute(db)).rows.map((r) => r.id);

/** The rows of column `c` with an id in (after, last]: one chunk */
const range = (c: string, after: string | undefined, last: string | undefined) => {
  const parts = [...(after === undefined ? [] : [sql`${sql.ref(c)} > ${after}`]), ...(last === undefined ? [] : [sql`${sql.ref(c)} <= ${last}`])];
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
};

const subjectChunk = (db: Tx, after: string | undefined, last: string | undefined) => sql<SubjectChunk>`
  select json_agg(id)::text as id, json_agg(kind)::text as kind, json_agg(name)::text as name,
    json_agg(region)::text as region, json_agg(uscc)::text as uscc
  from (select id, kind, name, region, uscc from subjects where ${range('id', after, last)} order by id) s`.execute(db);

const tagChunk = (db: Tx, after: string | undefined, last: string | undefined) => sql<TagChunk>`
  select json_agg(subject_id)::text as subject, json_agg(tag)::text as tag
  from (select subject_id, tag from subject_tags where valid_to is null and ${range('subject_id', after, last)} order by subject_id, tag) t`.execute(db);

const factChunk = (db: Tx, year: number, after: string | undefined, last: string | undefined) => sql<FactChunk>`
  select json_agg(subject_id)::text as subject, json_agg(key)::text as key,
    string_agg(concat(year, ',', quarter, ',', value), ',') as numbers,
    json_agg(case when item = '' and rule = '' and source = '' then null else json_build_array(item, rule, source) end)::text as extra
  from (select subject_id, year, quarter, key, item, rule, value, source from facts
    where year <= ${year} and ${range('subject_id', after, last)} order by subject_id, year, quarter, key, item, rule) f`.execute(db);

/** Every column of a chunk into the digest, in a fixed order, each with its length so no two chunkings collide. */
function digest(hash: Hash, what: string, columns: readonly Text[]): void {
  for (const c of columns) hash.update(`${what}:${c?.length ?? -1}:`).update(c ?? '');
}

/** chunks asked for ahead of the one being taken apart, so that the server always has one to work on */
const AHEAD = 2;

async function read(db: Tx, year: number, hash: Hash, chunk: number, onChunk?: (done: number, total: number) => void): Promise<Dataset> {
  const subjects: Subject[] = [];
  const facts: Fact[] = [];
  const upper = await bounds(db, chunk);
  const chunks = upper.length + 1;
  // Queries go out in order on the one connection: while Node takes chunk k apart, the server
  // works on chunk k + 1.
  const ask = (k: number) => {
    const after = upper[k - 1];
    const last = upper[k];
    const qs = [subjectChunk(db, after, last), tagChunk(db, after, last), factChunk(db, year, after, last)] as const;
    for (const q of qs) q.catch(() => {}); // a failure must not go unhandled while an earlier query is awaited
    return qs;
  };
  const asked: (ReturnType<typeof ask> | undefined)[] = Array.from({ length: Math.min(AHEAD, chunks) }, (_, k) => ask(k));
  for (let k = 0; k < chunks; k++) {
    if (k + AHEAD < chunks) asked.push(ask(k + AHEAD));
    const [subjectsQ, tagsQ, factsQ] = asked[k]!;
    const s = (await subjectsQ).rows[0]!;
    digest(hash, 'subjects', [s.id, s.kind, s.name, s.region, s.uscc]);
    const first = subjects.length;
    addSubjects(subjects, s);
    const t = (await tagsQ).rows[0]!;
    digest(hash, 'tags', [t.subject, t.tag]);
    const tag = new JsonColumn(t.tag);
    walk(subjects, first, new JsonColumn(t.subject), (p) => (subjects[p]!.tags as Tag[]).push(tag.nextShared() as Tag));
    const f = (await factsQ).rows[0]!;
    digest(hash, 'facts', [f.subject, f.key, f.numbers, f.extra]);
    addFacts(facts, subjects, first, f);
    asked[k] = undefined; // its text can go
    onChunk?.(k + 1, chunks);
  }
  await markBlacklisted(db, year, subjects, hash);
  const history: HistoryEntry[] = (await db.selectFrom('award_history').select(['subject_id', 'rule', 'year', 'amount']).where('year', '<=', year)
    .orderBy('subject_id').orderBy('rule').orderBy('year').execute())
    .map((r) => ({ subject: r.subject_id, rule: r.rule, year: r.year, amount: r.amount === null ? null : int(r.amount) }));
  const parameters: Parameter[] = (await db.selectFrom('parameters').select(['rule', 'year', 'key', 'value']).where('year', '<=', year)
    .orderBy('rule').orderBy('year').orderBy('key').execute())
    .map((r) => ({ rule: r.rule, year: r.year, key: r.key, value: int(r.value) }));
  const interpretations: Record<string, string> = {};
  for (const r of await db.selectFrom('interpretations').select(['id', 'value']).where('year', '=', year).orderBy('id').execute()) interpretations[r.id] = r.value;
  hash.update(JSON.stringify({ year, history, parameters, interpretations }));
  return { year, subjects, facts, history, parameters, interpretations };
}

/**
 * 信用黑名单: each stored subject with an active blacklist entry in force on a day of the year gets
 * the tag creditBlacklisted (once); the entries go into the digest, so a run's input hash changes
 * with the blacklist even for a subject that had the tag already.
 */
async function markBlacklisted(db: Tx, year: number, subjects: Subject[], hash: Hash): Promise<void> {
  const listed = await blacklistedIn(db, year);
  if (!listed.length) return; // the digest of data without a blacklist is what it was before there were lists
  hash.update(`blacklist:${JSON.stringify(listed)}`);
  const ids = new Set(listed.map((l) => l.subject));
  for (const s of subjects) {
    if (ids.has(s.id) && !s.tags.includes('creditBlacklisted')) (s.tags as Tag[]).push('creditBlacklisted');
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** One chunk's subjects, their tags still to come. */
function addSubjects(out: Subject[], s: SubjectChunk): void {
  const ids = new JsonColumn(s.id);
  const kind = new JsonColumn(s.kind);
  const name = new JsonColumn(s.name);
  const region = new JsonColumn(s.region);
  const uscc = new JsonColumn(s.uscc);
  while (!ids.done()) {
    const subject: Mutable<Subject> = { id: ids.next()!, kind: kind.nextShared() as SubjectKind, name: name.next()!, tags: [] };
    const r = region.nextShared();
    if (r !== null) subject.region = r;
    const u = uscc.next();
    if (u !== null) subject.uscc = u;
    out.push(subject);
  }
}

/**
 * Rows that belong to subjects, in the subjects' order (tags, facts): `each` is called with the
 * position of each row's subject. The column of subject ids is compared in place with the ids
 * expected next, so no id is read twice.
 */
function walk(subjects: readonly Subject[], first: number, column: JsonColumn, each: (p: number) => void): void {
  let p = first;
  let plainId = p < subjects.length && plain(subjects[p]!.id);
  while (!column.done()) {
    if (!(plainId && column.nextIs(subjects[p]!.id))) {
      let q = p + 1;
      while (q < subjects.length && q < p + 64 && !(plain(subjects[q]!.id) && column.nextIs(subjects[q]!.id))) q++;
      if (!(q < subjects.length && q < p + 64)) {
        // no rows for a while, or an id JSON escapes: read the id and look further ahead for it
        const id = column.next();
        q = p;
        while (q < subjects.length && subjects[q]!.id !== id) q++;
        if (q === subjects.length) throw new Error(`loadDataset: rows of subject ${String(id)} came out of the subjects' order`);
      }
      p = q;
      plainId = plain(subjects[p]!.id);
    }
    each(p);
  }
}

/** One chunk's facts, each with its subject's position. */
function addFacts(out: Fact[], subjects: readonly Subject[], first: number, f: FactChunk): void {
  const key = new JsonColumn(f.key);
  const numbers = new IntList(f.numbers);
  const extra = new JsonColumn(f.extra);
  walk(subjects, first, new JsonColumn(f.subject), (p) => {
    const fact: Mutable<Fact> = { subject: subjects[p]!.id, subjectIndex: p, year: numbers.next(), key: key.nextShared() as FactKey, value: 0 };
    const quarter = numbers.next();
    fact.value = numbers.next();
    const x = extra.nextArray<string>();
    if (x !== null) {
      if (x[0] !== '') fact.item = x[0]!;
      if (x[1] !== '') fact.rule = x[1]!;
    }
    if (quarter !== 0) fact.quarter = quarter as 1 | 2 | 3 | 4;
    if (x !== null && x[2] !== '') fact.source = x[2]!;
    out.push(fact);
  });
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
