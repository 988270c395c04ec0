/**
 * A Dataset back out of the store for one year, so the engine evaluates from the database: every
 * subject with its current tags, the facts, history and parameters up to that year (growth rates
 * and once-only rules look back), and the year's switches of reading.
 */
import type { Dataset, Fact, FactKey, HistoryEntry, Parameter, Subject, SubjectKind, Tag } from '@duixian/engine';
import type { Transaction } from 'kysely';
import type { Store } from './db.js';
import type { Database } from './schema.js';
import { int } from './import.js';

export async function loadDataset(store: Store, year: number): Promise<Dataset> {
  // one snapshot: an import committing between two of the reads cannot give facts of an unread subject
  return store.db.transaction().setIsolationLevel('repeatable read').execute((db) => read(db, year));
}

async function read(db: Transaction<Database>, year: number): Promise<Dataset> {
  const subjectRows = await db.selectFrom('subjects').selectAll().orderBy('id').execute();
  const tagRows = await db.selectFrom('subject_tags').select(['subject_id', 'tag']).where('valid_to', 'is', null).orderBy('subject_id').orderBy('tag').execute();
  const tags = new Map<string, Tag[]>();
  for (const t of tagRows) (tags.get(t.subject_id) ?? tags.set(t.subject_id, []).get(t.subject_id)!).push(t.tag as Tag);
  const index = new Map<string, number>();
  const subjects: Subject[] = subjectRows.map((r, i) => {
    index.set(r.id, i);
    return {
      id: r.id, kind: r.kind as SubjectKind, name: r.name,
      ...(r.region !== null ? { region: r.region } : {}),
      ...(r.uscc !== null ? { uscc: r.uscc } : {}),
      tags: tags.get(r.id) ?? [],
    };
  });
  const factRows = await db.selectFrom('facts').selectAll().where('year', '<=', year)
    .orderBy('subject_id').orderBy('year').orderBy('quarter').orderBy('key').orderBy('item').orderBy('rule').execute();
  const facts: Fact[] = factRows.map((r) => ({
    subject: r.subject_id, subjectIndex: index.get(r.subject_id)!, year: r.year, key: r.key as FactKey, value: int(r.value),
    ...(r.item !== '' ? { item: r.item } : {}),
    ...(r.rule !== '' ? { rule: r.rule } : {}),
    ...(r.quarter !== 0 ? { quarter: r.quarter as 1 | 2 | 3 | 4 } : {}),
    ...(r.source !== '' ? { source: r.source } : {}),
  }));
  const history: HistoryEntry[] = (await db.selectFrom('award_history').selectAll().where('year', '<=', year)
    .orderBy('subject_id').orderBy('rule').orderBy('year').execute())
    .map((r) => ({ subject: r.subject_id, rule: r.rule, year: r.year, amount: r.amount === null ? null : int(r.amount) }));
  const parameters: Parameter[] = (await db.selectFrom('parameters').selectAll().where('year', '<=', year)
    .orderBy('rule').orderBy('year').orderBy('key').execute())
    .map((r) => ({ rule: r.rule, year: r.year, key: r.key, value: int(r.value) }));
  const interpretations: Record<string, string> = {};
  for (const r of await db.selectFrom('interpretations').selectAll().where('year', '=', year).orderBy('id').execute()) interpretations[r.id] = r.value;
  return { year, subjects, facts, history, parameters, interpretations };
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
