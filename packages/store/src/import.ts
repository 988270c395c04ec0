/**
 * Importing a validated Dataset: one transaction, all or nothing. What is new is added, what is
 * the same is left alone, what differs is changed with a revision (who, when, old → new, why):
 * a correction never overwrites silently. Importing the same data again changes nothing at all,
 * not even the import log (an import that changes nothing leaves no row: see `importId`).
 * Imports take turns through a transaction-level advisory lock, so two concurrent imports of one
 * file give one result: the second sees the first's rows and finds nothing to do.
 */
import { sql, type Transaction } from 'kysely';
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
  /** called inside the transaction after each batch of facts is written (a progress line; the SIGKILL test) */
  readonly onProgress?: (factsDone: number, factsTotal: number) => void;
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
const BATCH = 2000;

type Tx = Transaction<Database>;

export async function importDataset(store: Store, ds: Dataset, opts: ImportOptions): Promise<ImportResult> {
  return store.db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(tx);
    const row = await tx.insertInto('imports')
      .values({ file_hash: opts.fileHash ?? '', name: opts.name ?? '', by: opts.by, reason: opts.reason ?? '', counts: '{}' })
      .returning('id').executeTakeFirstOrThrow();
    const ctx: Ctx = { tx, importId: String(row.id), by: opts.by, reason: opts.reason ?? '', ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) };
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

interface Ctx { tx: Tx; importId: string; by: string; reason: string; onProgress?: (done: number, total: number) => void }

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

async function revise(ctx: Ctx, entity: string, key: string, old: unknown, now: unknown): Promise<void> {
  await ctx.tx.insertInto('revisions').values({
    entity, entity_key: key, old: JSON.stringify(old), new: JSON.stringify(now), changed_by: ctx.by, reason: ctx.reason, import_id: ctx.importId,
  }).execute();
}

async function importSubjects(ctx: Ctx, subjects: readonly Subject[]): Promise<Counts> {
  const c = counts();
  for (const batch of batches(subjects)) {
    const ids = batch.map((s) => s.id);
    const rows = await ctx.tx.selectFrom('subjects').selectAll().where('id', 'in', ids).execute();
    const tagRows = await ctx.tx.selectFrom('subject_tags').select(['subject_id', 'tag']).where('subject_id', 'in', ids).where('valid_to', 'is', null).execute();
    const existing = new Map(rows.map((r) => [r.id, r]));
    const tagsOf = new Map<string, Set<string>>();
    for (const t of tagRows) (tagsOf.get(t.subject_id) ?? tagsOf.set(t.subject_id, new Set()).get(t.subject_id)!).add(t.tag);
    const fresh: Subject[] = [];
    const addTags: { subject_id: string; tag: string; added_by: string }[] = [];
    for (const s of batch) {
      const old = existing.get(s.id);
      const tags = new Set<string>(s.tags);
      if (!old) {
        fresh.push(s);
        for (const tag of tags) addTags.push({ subject_id: s.id, tag, added_by: ctx.importId });
        continue;
      }
      const oldTags = tagsOf.get(s.id) ?? new Set<string>();
      const was = { kind: old.kind, name: old.name, region: old.region, uscc: old.uscc, tags: [...oldTags].sort() };
      const now = { kind: s.kind, name: s.name, region: s.region ?? null, uscc: s.uscc ?? null, tags: [...tags].sort() };
      if (JSON.stringify(was) === JSON.stringify(now)) {
        c.unchanged++;
        continue;
      }
      c.changed++;
      await revise(ctx, 'subject', s.id, was, now);
      await ctx.tx.updateTable('subjects').set({ kind: now.kind, name: now.name, region: now.region, uscc: now.uscc, import_id: ctx.importId }).where('id', '=', s.id).execute();
      const gone = [...oldTags].filter((t) => !tags.has(t));
      if (gone.length) {
        // history: the tag's interval closes, it is never deleted
        await ctx.tx.updateTable('subject_tags').set({ valid_to: sql<Date>`now()`, removed_by: ctx.importId })
          .where('subject_id', '=', s.id).where('tag', 'in', gone).where('valid_to', 'is', null).execute();
      }
      for (const tag of tags) if (!oldTags.has(tag)) addTags.push({ subject_id: s.id, tag, added_by: ctx.importId });
    }
    if (fresh.length) {
      await ctx.tx.insertInto('subjects').values(fresh.map((s) => ({
        id: s.id, kind: s.kind, name: s.name, region: s.region ?? null, uscc: s.uscc ?? null, import_id: ctx.importId,
      }))).execute();
      c.added += fresh.length;
    }
    for (const part of batches(addTags)) await ctx.tx.insertInto('subject_tags').values([...part]).execute();
  }
  return c;
}

/** The identity of a fact as one string: absent quarter, item and rule are 0 and ''. */
const factId = (subject: string, year: number, quarter: number, key: string, item: string, rule: string): string =>
  JSON.stringify([subject, year, quarter, key, item, rule]);

async function importFacts(ctx: Ctx, facts: readonly Fact[]): Promise<{ added: number; revised: number; unchanged: number }> {
  const c = { added: 0, revised: 0, unchanged: 0 };
  let done = 0;
  for (const batch of batches(facts)) {
    const col = <T>(f: (x: Fact) => T): T[] => batch.map(f);
    // Look the batch's identities up in one query: a join with the unnested identity columns.
    const rows = await sql<{ id: string | number; subject_id: string; year: number; quarter: number; key: string; item: string; rule: string; value: string | number; source: string }>`
      select f.id, f.subject_id, f.year, f.quarter, f.key, f.item, f.rule, f.value, f.source
      from facts f join unnest(
        ${col((x) => x.subject)}::text[], ${col((x) => x.year)}::integer[], ${col((x) => x.quarter ?? 0)}::integer[],
        ${col((x) => x.key as string)}::text[], ${col((x) => x.item ?? '')}::text[], ${col((x) => x.rule ?? '')}::text[]
      ) as k(subject_id, year, quarter, key, item, rule)
      using (subject_id, year, quarter, key, item, rule)`.execute(ctx.tx);
    const existing = new Map(rows.rows.map((r) => [factId(r.subject_id, r.year, r.quarter, r.key, r.item, r.rule), r]));
    const fresh = new Map<string, Fact>();
    for (const f of batch) {
      const id = factId(f.subject, f.year, f.quarter ?? 0, f.key, f.item ?? '', f.rule ?? '');
      const old = existing.get(id);
      if (!old) {
        fresh.set(id, f);
        continue;
      }
      // a missing source never erases a recorded one
      const source = f.source ?? old.source;
      if (int(old.value) === f.value && source === old.source) {
        c.unchanged++;
        continue;
      }
      c.revised++;
      await ctx.tx.updateTable('facts').set({ value: f.value, source, import_id: ctx.importId }).where('id', '=', old.id).execute();
      await ctx.tx.insertInto('fact_revisions').values({
        fact_id: old.id, old_value: old.value, new_value: f.value, old_source: old.source, new_source: source,
        changed_by: ctx.by, reason: ctx.reason, import_id: ctx.importId,
      }).execute();
    }
    if (fresh.size) {
      await ctx.tx.insertInto('facts').values([...fresh.values()].map((f) => ({
        subject_id: f.subject, year: f.year, quarter: f.quarter ?? 0, key: f.key, item: f.item ?? '', rule: f.rule ?? '',
        value: f.value, source: f.source ?? '', import_id: ctx.importId,
      }))).execute();
      c.added += fresh.size;
    }
    done += batch.length;
    ctx.onProgress?.(done, facts.length);
  }
  return c;
}

async function importHistory(ctx: Ctx, history: readonly HistoryEntry[]): Promise<Counts> {
  const c = counts();
  for (const batch of batches(history)) {
    const rows = await ctx.tx.selectFrom('award_history').selectAll().where('subject_id', 'in', [...new Set(batch.map((h) => h.subject))]).execute();
    const existing = new Map(rows.map((r) => [JSON.stringify([r.subject_id, r.rule, r.year]), r]));
    for (const h of batch) {
      const key = JSON.stringify([h.subject, h.rule, h.year]);
      const old = existing.get(key);
      if (!old) {
        await ctx.tx.insertInto('award_history').values({ subject_id: h.subject, rule: h.rule, year: h.year, amount: h.amount, import_id: ctx.importId }).execute();
        existing.set(key, { subject_id: h.subject, rule: h.rule, year: h.year, amount: h.amount, import_id: ctx.importId });
        c.added++;
      } else if ((old.amount === null ? null : int(old.amount)) === h.amount) {
        c.unchanged++;
      } else {
        c.changed++;
        await revise(ctx, 'history', key, { amount: old.amount === null ? null : int(old.amount) }, { amount: h.amount });
        await ctx.tx.updateTable('award_history').set({ amount: h.amount, import_id: ctx.importId })
          .where('subject_id', '=', h.subject).where('rule', '=', h.rule).where('year', '=', h.year).execute();
      }
    }
  }
  return c;
}

async function importParameters(ctx: Ctx, parameters: readonly Parameter[]): Promise<Counts> {
  const c = counts();
  if (!parameters.length) return c;
  const rows = await ctx.tx.selectFrom('parameters').selectAll().where('year', 'in', [...new Set(parameters.map((p) => p.year))]).execute();
  const existing = new Map(rows.map((r) => [JSON.stringify([r.rule, r.year, r.key]), int(r.value)]));
  for (const p of parameters) {
    const key = JSON.stringify([p.rule, p.year, p.key]);
    const old = existing.get(key);
    if (old === undefined) {
      await ctx.tx.insertInto('parameters').values({ rule: p.rule, year: p.year, key: p.key, value: p.value, import_id: ctx.importId }).execute();
      c.added++;
    } else if (old === p.value) {
      c.unchanged++;
    } else {
      c.changed++;
      await revise(ctx, 'parameter', key, { value: old }, { value: p.value });
      await ctx.tx.updateTable('parameters').set({ value: p.value, import_id: ctx.importId })
        .where('rule', '=', p.rule).where('year', '=', p.year).where('key', '=', p.key).execute();
    }
    existing.set(key, p.value);
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
