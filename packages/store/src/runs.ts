/**
 * Evaluation runs from the database: the year's data as stored, evaluated with the corpus (or a
 * draft of it), written once and never changed. A run records what it was given (input hash,
 * corpus and engine versions, readings, draft changes) and what it decided (result hash, every
 * award, withheld and missing row with its explanation), so re-running on unchanged data can be
 * shown to reproduce it exactly. Changed figures always make a simulation; only a promotion,
 * recorded on its own, makes a simulation official.
 */
import { createHash } from 'node:crypto';
import {
  compareEvaluations, draftCorpus, ENGINE_VERSION, evaluate,
  type Change, type Comparison, type Corpus, type Evaluation,
} from '@duixian/engine';
import type { Store } from './db.js';
import { loadDataset } from './load.js';
import { appendAudit } from './audit.js';

export interface RunOptions {
  readonly year: number;
  readonly documents?: readonly string[];
  readonly interpretations?: Readonly<Record<string, string>>;
  /** draft changes (政策模拟): any change makes the run a simulation */
  readonly changes?: readonly Change[];
  readonly simulation?: boolean;
  readonly by: string;
}

export interface RunSummary {
  readonly id: string;
  readonly kind: 'official' | 'simulation';
  readonly year: number;
  readonly inputHash: string;
  readonly resultHash: string;
  readonly corpusVersion: string;
  readonly awards: number;
  readonly withheld: number;
  readonly missing: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const BATCH = 1000;

export async function createRun(store: Store, corpus: Corpus, opts: RunOptions): Promise<RunSummary> {
  const dataset = await loadDataset(store, opts.year);
  const changes = opts.changes ?? [];
  const runCorpus = changes.length ? draftCorpus(corpus, changes) : corpus;
  const kind = opts.simulation || changes.length ? 'simulation' : 'official';
  const options = { documents: opts.documents ?? null, interpretations: opts.interpretations ?? {}, changes };
  const result = evaluate(runCorpus, dataset, {
    year: opts.year, explain: true,
    ...(opts.documents ? { documents: opts.documents } : {}),
    ...(opts.interpretations ? { interpretations: opts.interpretations } : {}),
  });
  const inputHash = sha256(JSON.stringify({ dataset, options, corpus: runCorpus.version, engine: ENGINE_VERSION }));
  const resultHash = sha256(JSON.stringify(result));
  const rows = [
    ...result.awards.map((r) => ({ section: 'award' as const, r })),
    ...result.withheld.map((r) => ({ section: 'withheld' as const, r })),
    ...result.missing.map((r) => ({ section: 'missing' as const, r })),
  ];
  const id = await store.db.transaction().execute(async (tx) => {
    const run = await tx.insertInto('runs').values({
      kind, year: opts.year, options: JSON.stringify(options), readings: JSON.stringify(result.interpretations),
      input_hash: inputHash, result_hash: resultHash, corpus_version: runCorpus.version, engine_version: ENGINE_VERSION,
      totals: JSON.stringify(result.totals), pools: JSON.stringify(result.pools), by: opts.by,
    }).returning('id').executeTakeFirstOrThrow();
    for (let k = 0; k < rows.length; k += BATCH) {
      await tx.insertInto('run_rows').values(rows.slice(k, k + BATCH).map(({ section, r }, j) => ({
        run_id: run.id, seq: k + j, section, subject_id: r.subject, rule: r.rule, row: JSON.stringify(r),
      }))).execute();
    }
    await appendAudit(tx, { actor: opts.by, action: 'run.create', entity: `runs/${run.id}`, after: { kind, year: opts.year, inputHash, resultHash, options } });
    return String(run.id);
  });
  return {
    id, kind, year: opts.year, inputHash, resultHash, corpusVersion: runCorpus.version,
    awards: result.awards.length, withheld: result.withheld.length, missing: result.missing.length,
  };
}

export interface StoredRun {
  readonly id: string;
  readonly kind: 'official' | 'simulation';
  readonly promoted: boolean;
  readonly inputHash: string;
  readonly resultHash: string;
  readonly corpusVersion: string;
  readonly by: string;
  readonly evaluation: Evaluation;
}

/** A run as stored, its rows back in the output's order. */
export async function readRun(store: Store, id: string): Promise<StoredRun | undefined> {
  const run = await store.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!run) return undefined;
  const rows = await store.db.selectFrom('run_rows').select(['section', 'row']).where('run_id', '=', id).orderBy('seq').execute();
  const promoted = (await store.db.selectFrom('run_promotions').select('run_id').where('run_id', '=', id).executeTakeFirst()) !== undefined;
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  const section = (s: string) => rows.filter((r) => r.section === s).map((r) => json(r.row));
  return {
    id: String(run.id), kind: run.kind, promoted, inputHash: run.input_hash, resultHash: run.result_hash,
    corpusVersion: run.corpus_version, by: run.by,
    evaluation: {
      format: 'duixian/v1', year: run.year, interpretations: json(run.readings),
      awards: section('award'), withheld: section('withheld'), missing: section('missing'),
      pools: json(run.pools), totals: json(run.totals),
    },
  };
}

/** A simulation becomes official by a promotion of its own; the run itself never changes. */
export async function promoteRun(store: Store, id: string, by: string, reason: string): Promise<void> {
  const run = await store.db.selectFrom('runs').select('kind').where('id', '=', id).executeTakeFirst();
  if (!run) throw new Error(`no run ${id}`);
  if (run.kind === 'official') throw new Error(`run ${id} is already official`);
  await store.db.transaction().execute(async (tx) => {
    await tx.insertInto('run_promotions').values({ run_id: id, by, reason }).execute();
    await appendAudit(tx, { actor: by, action: 'run.promote', entity: `runs/${id}`, before: { official: false }, after: { official: true, reason } });
  });
}

/** Who gains, who loses, totals by funder and city, between two stored runs. */
export async function compareRuns(store: Store, before: string, after: string): Promise<Comparison> {
  const [a, b] = await Promise.all([readRun(store, before), readRun(store, after)]);
  if (!a || !b) throw new Error(`no run ${!a ? before : after}`);
  const places = new Map((await store.db.selectFrom('subjects').select(['id', 'region']).execute()).map((s) => [s.id, s.region ?? s.id]));
  return compareEvaluations(a.evaluation, b.evaluation, (s) => places.get(s));
}
