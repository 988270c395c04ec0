/**
 * Importing a validated Dataset: one transaction, all or nothing. What is new is added, what is
 * the same is left alone, what differs is changed with a revision (who, when, old → new, why):
 * a correction never overwrites silently. Importing the same data again changes nothing at all,
 * not even the import log (an import that changes nothing leaves no row: see `importId`).
 * Imports take turns through a transaction-level advisory lock, so two concurrent imports of one
 * file give one result: the second sees the first's rows and finds nothing to do.
 *
 * Set-based, for a million subjects: subjects, tags and facts go first into temporary tables
 * (dropped at commit), each statement carrying BATCH rows as one array parameter per column (so
 * PostgreSQL's 65,535 bind parameters per statement never limit it). Joins then find which are
 * stored already (into another temporary table: no statement reads the table it fills, see
 * `matchFirst`), one statement inserts everything new, and only the rows that differ are revised.
 * Plain PostgreSQL throughout (no COPY), so PGlite and the compatible servers run it too.
 */
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Dataset, Fact, HistoryEntry, Parameter, Subject } from '@duixian/engine';
import type { Database } from './schema.js';
import type { Store } from './db.js';
import { appendAudit } from './audit.js';

export interface ImportOptions {
  /** who imports (an account or a name): recorded on every revision */
  readonly by: string;
  /** why: recorded on every revision */
  readonly reason?: string;
  /** sha256 of the file's bytes, hex */
  readonly fileHash?: string;
  /** the file's name */
  readonly name?: string;
  /** called inside the transaction after each batch of facts is written to the import's stage (a progress line; the SIGKILL test) */
  readonly onProgress?: (factsDone: number, factsTotal: number) => void;
  /**
   * whether the importer may be told where a stored subject is (its id and region), when the file
   * gives that subject's USCC to another: an administrator learns nothing of other jurisdictions.
   * Default: yes (the CLI, the province).
   */
  readonly maySee?: (holder: { id: string; region: string | null }) => boolean;
}

/**
 * A file whose subjects take USCCs that stored subjects hold: nothing is written. A USCC names one
 * subject (migration 009), so that no one can bind an account to another's enterprise.
 */
export class UsccTaken extends Error {
  constructor(readonly problems: readonly { path: string; message: string }[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  }
}

export interface Counts { added: number; changed: number; unchanged: number }

export interface ImportResult {
  /** the import's row in `imports`; null when the data was all there already and nothing was written */
  readonly importId: string | null;
  readonly subjects: Counts;
  readonly facts: { added: number; revised: number; unchanged: number };
  readonly history: Counts;
  readonly parameters: Counts;
  readonly interpretations: Counts;
}

/** One key for all imports ("duix" in ASCII): they are rare and short enough to take turns. */
const IMPORT_LOCK = 0x64756978;
/** rows per statement, for staging and for writing changed rows back */
const BATCH = 2000;
/**
 * PGlite: new subjects (with their tags) or facts a statement inserts. PGlite runs in the
 * server's thread, so one statement holds every request for its whole length: inserting 20k
 * subjects and their tags took 0.8 s as one statement, 47k facts 1.6 s (measured here); ranges
 * of this many rows take about 100 ms each, and other requests are answered between them.
 * PostgreSQL inserts all in one statement (it runs in its own process).
 */
const PGLITE_ROWS = 2500;

type Tx = Transaction<Database>;

/**
 * Import a dataset. Subject ids and fact identities (subject, year, quarter, key, item, rule) are
 * unique within it, as the interchange readers guarantee (an exact duplicate fact is dropped, a
 * conflicting one refused); a dataset that repeats one is refused here, with nothing written.
 */
export async function importDataset(store: Store, ds: Dataset, opts: ImportOptions): Promise<ImportResult> {
  return store.db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(tx);
    const row = await tx.insertInto('imports')
      .values({ file_hash: opts.fileHash ?? '', name: opts.name ?? '', by: opts.by, reason: opts.reason ?? '', counts: '{}' })
      .returning('id').executeTakeFirstOrThrow();
    const ctx: Ctx = {
      tx, importId: String(row.id), by: opts.by, reason: opts.reason ?? '', maySee: opts.maySee ?? (() => true),
      insertRows: store.backend === 'pglite' ? PGLITE_ROWS : Infinity, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    };
    const subjects = await importSubjects(ctx, ds.subjects);
    const facts = await importFacts(ctx, ds.facts);
    const history = await importHistory(ctx, ds.history);
    const parameters = await importParameters(ctx, ds.parameters);
    const interpretations = await importInterpretations(ctx, ds.year, ds.interpretations);
    const counts = { subjects, facts, history, parameters, interpretations };
    const changed = subjects.added + subjects.changed + facts.added + facts.revised + history.added + history.changed
      + parameters.added + parameters.changed + interpretations.added + interpretations.changed;
    if (changed === 0) {
      await tx.deleteFrom('imports').where('id', '=', ctx.importId).execute();
      return { importId: null, ...counts };
    }
    await tx.updateTable('imports').set({ counts: JSON.stringify(counts) }).where('id', '=', ctx.importId).execute();
    await appendAudit(tx, { actor: opts.by, action: 'import', entity: `imports/${ctx.importId}`, after: { counts, file: opts.name ?? '', fileHash: opts.fileHash ?? '', reason: opts.reason ?? '' } });
    return { importId: ctx.importId, ...counts };
  });
}

interface Ctx {
  tx: Tx; importId: string; by: string; reason: string; maySee: NonNullable<ImportOptions['maySee']>;
  /** staged rows an insert of new ones takes at a time (PGLITE_ROWS), or all */
  insertRows: number;
  onProgress?: (done: number, total: number) => void;
}

const counts = (): Counts => ({ added: 0, changed: 0, unchanged: 0 });

function* batches<T>(xs: readonly T[], size = BATCH): Generator<readonly T[]> {
  for (let i = 0; i < xs.length; i += size) yield xs.slice(i, i + size);
}

/** A bigint column as a JS number: the engine's values are safe integers by construction. */
export function int(v: string | number | bigint): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`stored value ${String(v)} is not a safe integer`);
  return n;
}

type Revision = { entity: string; key: string; old: unknown; now: unknown };

async function revise(ctx: Ctx, entity: string, key: string, old: unknown, now: unknown): Promise<void> {
  await reviseAll(ctx, [{ entity, key, old, now }]);
}

/** Revisions in one statement per BATCH, in the order given. */
async function reviseAll(ctx: Ctx, revisions: readonly Revision[]): Promise<void> {
  for (const part of batches(revisions)) {
    await ctx.tx.insertInto('revisions').values(part.map((r) => ({
      entity: r.entity, entity_key: r.key, old: JSON.stringify(r.old), new: JSON.stringify(r.now), changed_by: ctx.by, reason: ctx.reason, import_id: ctx.importId,
    }))).execute();
  }
}

type SqlType = 'text' | 'integer' | 'bigint';
interface Column { readonly name: string; readonly type: SqlType; readonly at: (i: number) => string | number | null }
/** a row's position in the input */
const ORD: Column = { name: 'ord', type: 'integer', at: (i) => i };

const QUOTE = /["\\]/;
const QUOTES = /["\\]/g;

/**
 * Rows from..to-1 of a column as the text of a PostgreSQL array ({"a","b\"c",NULL,3}), cast to
 * an array on the server: one bind parameter however many rows. Written here rather than by the
 * driver, which takes three times as long over a million values.
 */
function arrayLiteral(c: Column, from: number, to: number): string {
  let out = '{';
  for (let i = from; i < to; i++) {
    const v = c.at(i);
    if (i > from) out += ',';
    if (v === null) out += 'NULL';
    else if (typeof v === 'number') out += String(v);
    else out += `"${QUOTE.test(v) ? v.replace(QUOTES, '\\$&') : v}"`;
  }
  return `${out}}`;
}

const arrays = (columns: readonly Column[], from: number, to: number) =>
  columns.map((c) => sql`${arrayLiteral(c, from, to)}::${sql.raw(c.type)}[]`);

/**
 * A temporary table (dropped at commit) holding `n` input rows and their position `ord`, filled
 * BATCH rows a statement; `after` is told how many are in after each statement.
 */
async function stage(tx: Tx, table: string, n: number, columns: readonly Column[], after?: (done: number) => void): Promise<void> {
  await sql`create temporary table ${sql.table(table)} (ord integer not null, ${sql.join(columns.map((c) => sql`${sql.ref(c.name)} ${sql.raw(c.type)}`))}) on commit drop`.execute(tx);
  // the next statement's text is made while the server inserts the previous one's rows (the driver sends it when that ends)
  let previous: Promise<unknown> = Promise.resolve();
  for (let from = 0; from < n; from += BATCH) {
    const to = Math.min(n, from + BATCH);
    const inserted = sql`insert into ${sql.table(table)} select * from unnest(${sql.join(arrays([ORD, ...columns], from, to))})`.execute(tx);
    inserted.catch(() => undefined); // awaited below, after the previous one: a failure must not be unhandled meanwhile
    await previous;
    previous = inserted.then(() => after?.(to));
  }
  await previous;
  // temporary tables are never analysed automatically: the joins below are planned on real counts
  await sql`analyze ${sql.table(table)}`.execute(tx);
}

const first = <T>(r: { rows: T[] }): T => r.rows[0]!;

/**
 * The condition that a staged row `s` is not among the `n` rows of `table` (found stored already).
 * Nothing at all when there are none, as in a first import: the planner, which sees an empty
 * table as one of a single row, would otherwise look into it once for each of millions of rows.
 */
const unlessIn = (table: 'import_known' | 'import_matched', n: number): RawBuilder<unknown> =>
  n === 0 ? sql`true` : sql`not exists (select 1 from ${sql.table(table)} k where k.ord = s.ord)`;

/**
 * `insert(range)` for consecutive ranges of the `n` staged rows' `ord`, `ctx.insertRows` at a time
 * (see PGLITE_ROWS; the PGlite dialect lets other work run before each statement); `range` is the
 * condition on the staged table `s`, none when one statement takes them all. The sum of what each insert counts.
 */
async function inRanges(ctx: Ctx, n: number, insert: (range: RawBuilder<unknown>) => Promise<number>): Promise<number> {
  if (n <= ctx.insertRows) return insert(sql``);
  let total = 0;
  for (let from = 0; from < n; from += ctx.insertRows) {
    total += await insert(sql`and s.ord >= ${from} and s.ord < ${from + ctx.insertRows}`);
  }
  return total;
}

/*
 * matchFirst: a statement never reads the table it writes. Which rows of the file are stored
 * already is found by a query of its own, into a temporary table, before the rows are written.
 * An INSERT … WHERE NOT EXISTS (select from the same table) planned on an empty, vacuumed table
 * (after an import that failed, say) becomes a nested loop over a sequential scan of the very
 * table it fills: quadratic, hours for a million rows.
 */

async function importSubjects(ctx: Ctx, subjects: readonly Subject[]): Promise<Counts> {
  const c = counts();
  if (!subjects.length) return c;
  const { tx, importId } = ctx;
  await stage(tx, 'import_subjects', subjects.length, [
    { name: 'id', type: 'text', at: (i) => subjects[i]!.id },
    { name: 'kind', type: 'text', at: (i) => subjects[i]!.kind },
    { name: 'name', type: 'text', at: (i) => subjects[i]!.name },
    { name: 'region', type: 'text', at: (i) => subjects[i]!.region ?? null },
    { name: 'uscc', type: 'text', at: (i) => subjects[i]!.uscc ?? null },
  ]);
  const tagSubject: string[] = [];
  const tagName: string[] = [];
  for (const s of subjects) {
    for (const tag of s.tags.length > 1 ? new Set(s.tags) : s.tags) {
      tagSubject.push(s.id);
      tagName.push(tag);
    }
  }
  await stage(tx, 'import_tags', tagSubject.length, [
    { name: 'subject_id', type: 'text', at: (i) => tagSubject[i]! },
    { name: 'tag', type: 'text', at: (i) => tagName[i]! },
  ]);
  await refuseTakenUsccs(ctx, subjects);

  // Which of them are stored already: looked up before anything is written (see `matchFirst`).
  await sql`create temporary table import_known on commit drop as
    select s.ord from import_subjects s join subjects x using (id)`.execute(tx);
  await sql`analyze import_known`.execute(tx);

  // Stored subjects whose fields or current tags differ from the file's: normally few, each a revision.
  const differ = await sql<{ ord: number }>`
    select ord from (
      select s.ord from import_subjects s join subjects x using (id)
      where s.kind <> x.kind or s.name <> x.name or s.region is distinct from x.region or s.uscc is distinct from x.uscc
      union
      select s.ord from import_subjects s join (
        select coalesce(n.subject_id, o.subject_id) as id
        from import_tags n full join (
          select t.subject_id, t.tag from subject_tags t join import_subjects s on s.id = t.subject_id where t.valid_to is null
        ) o on o.subject_id = n.subject_id and o.tag = n.tag
        where n.subject_id is null or o.subject_id is null
      ) d using (id) join import_known k using (ord)
    ) changed order by ord`.execute(tx);
  for (const part of batches(differ.rows.map((r) => subjects[r.ord]!))) c.changed += await reviseSubjects(ctx, part);

  // Everything new, with its tags, in one statement; a tag's subject is checked at the statement's end (migration 016).
  // Not even run when nothing is new: a statement on subjects moves rows_version (migration 008), even one that writes no row.
  const known = Number(first(await sql<{ n: string | number }>`select count(*) as n from import_known`.execute(tx)).n);
  if (known === subjects.length) {
    c.unchanged = subjects.length - c.changed;
    return c;
  }
  c.added = await inRanges(ctx, subjects.length, async (range) => Number(first(await sql<{ n: string | number }>`
    with fresh as (
      insert into subjects (id, kind, name, region, uscc, import_id)
      select s.id, s.kind, s.name, s.region, s.uscc, ${importId}::bigint from import_subjects s
      where ${unlessIn('import_known', known)} ${range}
      returning id
    ), tags as (
      insert into subject_tags (subject_id, tag, added_by)
      select t.subject_id, t.tag, ${importId}::bigint from import_tags t join fresh on fresh.id = t.subject_id
      returning 1
    )
    select count(*) as n from fresh`.execute(tx)).n));
  c.unchanged = subjects.length - c.added - c.changed;
  return c;
}

/**
 * The file's subjects whose USCC a stored subject holds, unless the file gives that subject
 * another code (or none) at the same time. Refused with each row named; where the holder lies
 * outside what the importer may see, the message says only that it is someone else's.
 */
async function refuseTakenUsccs(ctx: Ctx, subjects: readonly Subject[]): Promise<void> {
  const taken = await sql<{ ord: number; holder: string; region: string | null }>`
    select s.ord, x.id as holder, x.region from import_subjects s join subjects x on x.uscc = s.uscc
    where x.id <> s.id and not exists (select 1 from import_subjects m where m.id = x.id and m.uscc is distinct from x.uscc)
    order by s.ord limit 100`.execute(ctx.tx);
  if (!taken.rows.length) return;
  throw new UsccTaken(taken.rows.map((t) => {
    const s = subjects[t.ord]!;
    const where = ctx.maySee({ id: t.holder, region: t.region })
      ? `the stored subject ${t.holder}${t.region ? ` (${t.region})` : ''}; import under that id, or correct the code (该信用代码已属于主体 ${t.holder})`
      : 'a stored subject outside your jurisdiction; check the code against the business licence, or ask the province administrator (该信用代码已属于其他地区的主体)';
    return { path: `subjects[${t.ord}].uscc`, message: `${s.id}: the unified social credit code ${s.uscc} already names ${where}` };
  }));
}

/** The subjects given, stored and different: each one revision (old → new, tags included), its row updated, its tags' intervals closed or opened. */
async function reviseSubjects(ctx: Ctx, batch: readonly Subject[]): Promise<number> {
  const { tx, importId } = ctx;
  const ids = batch.map((s) => s.id);
  const rows = await tx.selectFrom('subjects').selectAll().where('id', 'in', ids).execute();
  const tagRows = await tx.selectFrom('subject_tags').select(['subject_id', 'tag']).where('subject_id', 'in', ids).where('valid_to', 'is', null).execute();
  const existing = new Map(rows.map((r) => [r.id, r]));
  const tagsOf = new Map<string, Set<string>>();
  for (const t of tagRows) (tagsOf.get(t.subject_id) ?? tagsOf.set(t.subject_id, new Set()).get(t.subject_id)!).add(t.tag);
  const revisions: Revision[] = [];
  const updated: { id: string; kind: string; name: string; region: string | null; uscc: string | null }[] = [];
  const gone: { subject: string; tag: string }[] = [];
  const added: { subject_id: string; tag: string; added_by: string }[] = [];
  for (const s of batch) {
    const old = existing.get(s.id)!;
    const oldTags = tagsOf.get(s.id) ?? new Set<string>();
    const tags = new Set<string>(s.tags);
    const was = { kind: old.kind, name: old.name, region: old.region, uscc: old.uscc, tags: [...oldTags].sort() };
    const now = { kind: s.kind, name: s.name, region: s.region ?? null, uscc: s.uscc ?? null, tags: [...tags].sort() };
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    revisions.push({ entity: 'subject', key: s.id, old: was, now });
    updated.push({ id: s.id, kind: now.kind, name: now.name, region: now.region, uscc: now.uscc });
    // history: a tag's interval closes, it is never deleted
    for (const tag of oldTags) if (!tags.has(tag)) gone.push({ subject: s.id, tag });
    for (const tag of tags) if (!oldTags.has(tag)) added.push({ subject_id: s.id, tag, added_by: importId });
  }
  await reviseAll(ctx, revisions);
  if (updated.length) {
    const col = (f: (u: (typeof updated)[number]) => string | null) => updated.map(f);
    await sql`update subjects x set kind = u.kind, name = u.name, region = u.region, uscc = u.uscc, import_id = ${importId}
      from unnest(${col((u) => u.id)}::text[], ${col((u) => u.kind)}::text[], ${col((u) => u.name)}::text[], ${col((u) => u.region)}::text[], ${col((u) => u.uscc)}::text[])
        as u(id, kind, name, region, uscc)
      where x.id = u.id`.execute(tx);
  }
  if (gone.length) {
    await sql`update subject_tags t set valid_to = now(), removed_by = ${importId}
      from unnest(${gone.map((g) => g.subject)}::text[], ${gone.map((g) => g.tag)}::text[]) as g(subject_id, tag)
      where t.subject_id = g.subject_id and t.tag = g.tag and t.valid_to is null`.execute(tx);
  }
  for (const part of batches(added)) await tx.insertInto('subject_tags').values([...part]).execute();
  return revisions.length;
}

async function importFacts(ctx: Ctx, facts: readonly Fact[]): Promise<{ added: number; revised: number; unchanged: number }> {
  if (!facts.length) return { added: 0, revised: 0, unchanged: 0 };
  const { tx, importId } = ctx;
  const f = (i: number) => facts[i]!;
  await stage(tx, 'import_facts', facts.length, [
    { name: 'subject_id', type: 'text', at: (i) => f(i).subject },
    { name: 'year', type: 'integer', at: (i) => f(i).year },
    { name: 'quarter', type: 'integer', at: (i) => f(i).quarter ?? 0 },
    { name: 'key', type: 'text', at: (i) => f(i).key },
    { name: 'item', type: 'text', at: (i) => f(i).item ?? '' },
    { name: 'rule', type: 'text', at: (i) => f(i).rule ?? '' },
    { name: 'value', type: 'bigint', at: (i) => f(i).value },
    // null: not given (a missing source never erases a recorded one)
    { name: 'source', type: 'text', at: (i) => f(i).source ?? null },
  ], (done) => ctx.onProgress?.(done, facts.length));

  // The stored facts the file gives again, looked up before anything is written (see `matchFirst`),
  // with what a revision of each would record.
  await sql`create temporary table import_matched on commit drop as
    select s.ord, f.id as fact_id, f.value as old_value, s.value as new_value, f.source as old_source, coalesce(s.source, f.source) as new_source
    from import_facts s join facts f using (subject_id, year, quarter, key, item, rule)`.execute(tx);
  await sql`analyze import_matched`.execute(tx);
  const revised = Number(first(await sql<{ n: string | number }>`
    select count(*) as n from import_matched where new_value <> old_value or new_source <> old_source`.execute(tx)).n);
  if (revised) {
    const changed = sql`(select * from import_matched where new_value <> old_value or new_source <> old_source)`;
    const updated = await sql`update facts f set value = c.new_value, source = c.new_source, import_id = ${importId}
      from ${changed} c where f.id = c.fact_id`.execute(tx);
    // a stored fact given twice would be updated once and revised twice
    if (Number(updated.numAffectedRows) !== revised) throw new Error(TWICE);
    await sql`insert into fact_revisions (fact_id, old_value, new_value, old_source, new_source, changed_by, reason, import_id)
      select fact_id, old_value, new_value, old_source, new_source, ${ctx.by}::text, ${ctx.reason}::text, ${importId}::bigint
      from ${changed} c order by ord`.execute(tx);
  }
  // not run when nothing is new: any statement on facts moves rows_version (migration 008)
  const matched = Number(first(await sql<{ n: string | number }>`select count(*) as n from import_matched`.execute(tx)).n);
  if (matched >= facts.length) return { added: 0, revised, unchanged: facts.length - revised };
  const added = await inRanges(ctx, facts.length, async (range) => Number((await sql`
    insert into facts (subject_id, year, quarter, key, item, rule, value, source, import_id)
    select subject_id, year, quarter, key, item, rule, value, coalesce(source, ''), ${importId}::bigint from import_facts s
    where ${unlessIn('import_matched', matched)} ${range}`.execute(tx)
    .catch((e: unknown) => {
      throw (e as { code?: string }).code === '23505' ? new Error(TWICE, { cause: e }) : e;
    })).numAffectedRows));
  return { added, revised, unchanged: facts.length - added - revised };
}

const TWICE = 'the dataset gives one fact twice (same subject, year, quarter, key, item and rule): keep one';

const historyKey = (subject: string, rule: string, year: number) => JSON.stringify([subject, rule, year]);

async function importHistory(ctx: Ctx, history: readonly HistoryEntry[]): Promise<Counts> {
  const c = counts();
  const { tx, importId } = ctx;
  for (const batch of batches(history)) {
    const rows = await sql<{ subject_id: string; rule: string; year: number; amount: string | number | null }>`
      select h.subject_id, h.rule, h.year, h.amount from award_history h
      join unnest(${batch.map((h) => h.subject)}::text[], ${batch.map((h) => h.rule)}::text[], ${batch.map((h) => h.year)}::integer[]) as k(subject_id, rule, year)
      using (subject_id, rule, year)`.execute(tx);
    const existing = new Map(rows.rows.map((r) => [historyKey(r.subject_id, r.rule, r.year), r.amount === null ? null : int(r.amount)]));
    const fresh: HistoryEntry[] = [];
    const changes = new Map<string, HistoryEntry>(); // the last amount for a key, which a repeated entry may change again
    const revisions: Revision[] = [];
    for (const h of batch) {
      const key = historyKey(h.subject, h.rule, h.year);
      const old = existing.get(key);
      if (old === undefined) {
        fresh.push(h);
        c.added++;
      } else if (old === h.amount) {
        c.unchanged++;
      } else {
        c.changed++;
        revisions.push({ entity: 'history', key, old: { amount: old }, now: { amount: h.amount } });
        changes.set(key, h);
      }
      existing.set(key, h.amount);
    }
    if (fresh.length) {
      await tx.insertInto('award_history').values(fresh.map((h) => ({ subject_id: h.subject, rule: h.rule, year: h.year, amount: h.amount, import_id: importId }))).execute();
    }
    await reviseAll(ctx, revisions);
    if (changes.size) {
      const ch = [...changes.values()];
      await sql`update award_history h set amount = u.amount, import_id = ${importId}
        from unnest(${ch.map((x) => x.subject)}::text[], ${ch.map((x) => x.rule)}::text[], ${ch.map((x) => x.year)}::integer[], ${ch.map((x) => x.amount)}::bigint[])
          as u(subject_id, rule, year, amount)
        where h.subject_id = u.subject_id and h.rule = u.rule and h.year = u.year`.execute(tx);
    }
  }
  return c;
}

async function importParameters(ctx: Ctx, parameters: readonly Parameter[]): Promise<Counts> {
  const c = counts();
  if (!parameters.length) return c;
  const { tx, importId } = ctx;
  const rows = await tx.selectFrom('parameters').selectAll().where('year', 'in', [...new Set(parameters.map((p) => p.year))]).execute();
  const existing = new Map(rows.map((r) => [JSON.stringify([r.rule, r.year, r.key]), int(r.value)]));
  const fresh = new Map<string, Parameter>(); // a repeated parameter changes the row not yet written
  const changes = new Map<string, Parameter>();
  const revisions: Revision[] = [];
  for (const p of parameters) {
    const key = JSON.stringify([p.rule, p.year, p.key]);
    const old = existing.get(key);
    if (old === undefined) {
      fresh.set(key, p);
      c.added++;
    } else if (old === p.value) {
      c.unchanged++;
    } else {
      c.changed++;
      revisions.push({ entity: 'parameter', key, old: { value: old }, now: { value: p.value } });
      if (fresh.has(key)) fresh.set(key, p);
      else changes.set(key, p);
    }
    existing.set(key, p.value);
  }
  for (const part of batches([...fresh.values()])) {
    await tx.insertInto('parameters').values(part.map((p) => ({ rule: p.rule, year: p.year, key: p.key, value: p.value, import_id: importId }))).execute();
  }
  await reviseAll(ctx, revisions);
  for (const part of batches([...changes.values()])) {
    await sql`update parameters p set value = u.value, import_id = ${importId}
      from unnest(${part.map((x) => x.rule)}::text[], ${part.map((x) => x.year)}::integer[], ${part.map((x) => x.key)}::text[], ${part.map((x) => x.value)}::bigint[])
        as u(rule, year, key, value)
      where p.rule = u.rule and p.year = u.year and p.key = u.key`.execute(tx);
  }
  return c;
}

/** The file's switches of reading, kept per year; a switch the file does not mention is left as it was. */
async function importInterpretations(ctx: Ctx, year: number, interpretations: Readonly<Record<string, string>>): Promise<Counts> {
  const c = counts();
  const entries = Object.entries(interpretations);
  if (!entries.length) return c;
  const rows = await ctx.tx.selectFrom('interpretations').selectAll().where('year', '=', year).execute();
  const existing = new Map(rows.map((r) => [r.id, r.value]));
  for (const [id, value] of entries) {
    const old = existing.get(id);
    if (old === undefined) {
      await ctx.tx.insertInto('interpretations').values({ year, id, value, import_id: ctx.importId }).execute();
      c.added++;
    } else if (old === value) {
      c.unchanged++;
    } else {
      c.changed++;
      await revise(ctx, 'interpretation', JSON.stringify([year, id]), { value: old }, { value });
      await ctx.tx.updateTable('interpretations').set({ value, import_id: ctx.importId }).where('year', '=', year).where('id', '=', id).execute();
    }
  }
  return c;
}
