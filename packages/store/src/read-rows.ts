/**
 * A year's subjects, tags and facts read from their rows (load.ts decides when): each table as one
 * `COPY … TO STDOUT` in the order of its index, taken apart as the bytes arrive (copy-text.ts), each
 * tag and fact placed by comparing its subject id in place with the subject expected next. The
 * facts stream on the snapshot's second lane from the start, while Node takes the subjects apart.
 * Row objects from the driver, or JSON built by the server, would cost more than the reading.
 */
import { createHash, type Hash } from 'node:crypto';
import { setImmediate as othersFirst } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Fact, FactKey, Mutable, Subject, SubjectKind, Tag } from '@duixian/engine';
import type { Snapshot } from './db.js';
import { CopyFields, Interned, wholeRows } from './copy-text.js';
import type { YearRows } from './snapshot.js';

/**
 * Rows taken apart between two turns of the event loop: PGlite hands a table over as one block, and
 * 47k facts taken apart at once held the server's thread ~0.2 s (20k enterprises).
 */
const ROWS_AT_ONCE = 10_000;

/** How far the read is: subjects read, then subjects whose facts are read, of twice the subjects. */
export type LoadProgress = (done: number, total: number) => void;

/** The rows of COPY output in chunks of whole rows, every byte into the digest under `name`. */
async function* copied(chunks: AsyncIterable<Uint8Array>, hash: Hash, name: string): AsyncGenerator<CopyFields> {
  let bytes = 0;
  hash.update(`${name}\n`);
  for await (const rows of wholeRows(chunks, (b) => {
    bytes += b.byteLength;
    hash.update(b);
  })) yield new CopyFields(rows);
  hash.update(`\n${name}:${bytes}\n`); // its length: no two splits of the bytes into streams collide
}

/**
 * Start reading `chunks` now and keep what comes until it is asked for: the database streams one
 * table while Node takes another apart (the facts, which need the subjects first).
 */
function ahead(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const kept: (Uint8Array | undefined)[] = [];
  let next = 0;
  let ended = false;
  let failed: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  void (async () => {
    try {
      for await (const c of chunks) {
        kept.push(c);
        wake?.();
      }
    } catch (error) {
      failed = { error };
    } finally {
      ended = true;
      wake?.();
    }
  })();
  return {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (next < kept.length) {
          const c = kept[next]!;
          kept[next++] = undefined; // taken: its bytes can go
          yield c;
        } else if (failed) throw failed.error;
        else if (ended) return;
        else await new Promise<void>((r) => (wake = r));
      }
    },
  };
}

const FACTS = (year: number) => `select subject_id, year, quarter, key, item, rule, value, source from facts
  where year <= ${Number(year)} order by subject_id, year, quarter, key, item, rule`;

/** Subjects, tags and facts from their rows, with the digest of the bytes the database sent. */
export async function readRows(s: Snapshot, year: number, progress: LoadProgress): Promise<YearRows> {
  const hash = createHash('sha256');
  const count = Number((await sql<{ n: string }>`select count(*) as n from subjects`.execute(s.db)).rows[0]!.n);
  const factBytes = ahead(s.copyOut(FACTS(year), { lane: 1 })); // the largest table, on the second lane from the start
  const subjects = await readSubjects(s, hash, (n) => progress(n, 2 * count));
  if (subjects.length !== count) throw new Error(`loadDataset: ${subjects.length} subjects read of ${count}`);
  await readTags(s, hash, subjects);
  const facts = await readFacts(factBytes, hash, subjects, (p) => progress(count + p, 2 * count));
  progress(2 * count, 2 * count);
  return { subjects, facts, digest: hash.digest('hex') };
}

/** no tags: one array shared by every subject without any (never changed in place) */
const NO_TAGS: readonly Tag[] = [];

async function readSubjects(s: Snapshot, hash: Hash, progress: (n: number) => void): Promise<Subject[]> {
  const out: Subject[] = [];
  const kinds = new Interned();
  const regions = new Interned();
  for await (const f of copied(s.copyOut('select id, kind, name, region, uscc from subjects order by id'), hash, 'subjects')) {
    while (f.more()) {
      const subject: Mutable<Subject> = { id: f.text()!, kind: f.shared(kinds) as SubjectKind, name: f.text()!, tags: NO_TAGS };
      const region = f.shared(regions);
      if (region !== null) subject.region = region;
      const uscc = f.text();
      if (uscc !== null) subject.uscc = uscc;
      f.endRow();
      if (out.push(subject) % ROWS_AT_ONCE === 0) await othersFirst();
    }
    progress(out.length);
  }
  return out;
}

/**
 * The subjects as the rows of tags and facts name them, in the same order: each row's subject is
 * the current one or one after it, its id compared in place (an id with a character beyond ASCII,
 * or one COPY escapes, is read as text and compared whole).
 */
class SubjectCursor {
  p = -1;
  private readonly plain: Uint8Array;
  constructor(private readonly subjects: readonly Subject[]) {
    this.plain = Uint8Array.from(subjects, (s) => (/^[\x20-\x5b\x5d-\x7e]*$/.test(s.id) ? 1 : 0));
  }

  /** The position of the subject of the row at `f`, its id read. */
  next(f: CopyFields): number {
    const { subjects, plain } = this;
    for (let q = Math.max(this.p, 0); q < subjects.length; q++) {
      if (plain[q] ? f.nextIs(subjects[q]!.id) : f.nextIsText(subjects[q]!.id)) return (this.p = q);
    }
    throw new Error(`loadDataset: rows of subject ${String(f.text())} came out of the subjects' order`);
  }
}

/** A node of the tags met so far in a subject's rows: its tags as one array, shared by every subject that has them. */
interface TagSet { readonly tags: readonly Tag[]; readonly next: Map<string, TagSet> }

/** Current tags; subjects with the same tags share one array, as the file readers make them. */
async function readTags(s: Snapshot, hash: Hash, subjects: Subject[]): Promise<void> {
  const none: TagSet = { tags: NO_TAGS, next: new Map() };
  const names = new Interned();
  const at = new SubjectCursor(subjects);
  let p = -1;
  let set = none;
  let rows = 0;
  for await (const f of copied(s.copyOut('select subject_id, tag from subject_tags where valid_to is null order by subject_id, tag'), hash, 'tags')) {
    while (f.more()) {
      const q = at.next(f);
      if (q !== p) {
        p = q;
        set = none;
      }
      const tag = f.shared(names)!;
      let next = set.next.get(tag);
      if (next === undefined) set.next.set(tag, (next = { tags: [...set.tags, tag as Tag], next: new Map() }));
      (subjects[p] as Mutable<Subject>).tags = (set = next).tags;
      f.endRow();
      if (++rows % ROWS_AT_ONCE === 0) await othersFirst();
    }
  }
}

async function readFacts(bytes: AsyncIterable<Uint8Array>, hash: Hash, subjects: readonly Subject[], progress: (p: number) => void): Promise<Fact[]> {
  const out: Fact[] = [];
  const keys = new Interned();
  const extras = new Interned();
  const at = new SubjectCursor(subjects);
  let p = 0;
  for await (const f of copied(bytes, hash, 'facts')) {
    while (f.more()) {
      p = at.next(f);
      const fact: Mutable<Fact> = { subject: subjects[p]!.id, subjectIndex: p, year: f.int(), key: '' as FactKey, value: 0 };
      const quarter = f.int();
      fact.key = f.shared(keys) as FactKey;
      const item = f.empty() ? '' : f.shared(extras)!;
      const rule = f.empty() ? '' : f.shared(extras)!;
      fact.value = f.int();
      const source = f.empty() ? '' : f.shared(extras)!;
      f.endRow();
      if (item !== '') fact.item = item;
      if (rule !== '') fact.rule = rule;
      if (quarter !== 0) fact.quarter = quarter as 1 | 2 | 3 | 4;
      if (source !== '') fact.source = source;
      if (out.push(fact) % ROWS_AT_ONCE === 0) await othersFirst();
    }
    progress(p);
  }
  return out;
}
