/**
 * Evaluation runs from the database: the year's data as stored, evaluated with the corpus (or a
 * draft of it), written once and never changed. A run records what it was given (input hash,
 * corpus and engine versions, readings, draft changes) and what it decided (result hash, every
 * award, withheld and missing row with its explanation), so re-running on unchanged data can be
 * shown to reproduce it exactly. Changed figures always make a simulation; only a promotion,
 * recorded on its own, makes a simulation official.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { performance } from 'node:perf_hooks';
import {
  compareEvaluations, draftCorpus, ENGINE_VERSION, evaluate,
  type AnyDataset, type Change, type Comparison, type Corpus, type Evaluation, type HistoryEntry, type Parameter,
} from '@duixian/engine';
import { REGION_TABLE } from '@duixian/corpus';
import { GRANTED_STATES } from '@duixian/workflow';
import type { Store } from './db.js';
import { jsonValue } from './json.js';
import { loadWithDigest } from './load.js';
import { appendAudit } from './audit.js';
import { notFound } from './process-error.js';

export interface RunOptions {
  readonly year: number;
  readonly documents?: readonly string[];
  readonly interpretations?: Readonly<Record<string, string>>;
  /** draft changes (政策模拟): any change makes the run a simulation */
  readonly changes?: readonly Change[];
  readonly simulation?: boolean;
  /**
   * parameters for this run only (a 金额待定 rule's amount, a 东营 city share): they replace the stored ones of the
   * same rule, year and key; recorded with the run and part of its input hash
   */
  readonly parameters?: readonly Parameter[];
  readonly by: string;
  /**
   * the year as already read from this store (`loadWithDigest`), when the caller holds it and knows
   * it is still what is stored (the server's cached year at the current version); read otherwise
   */
  readonly data?: { readonly dataset: AnyDataset; readonly digest: string };
  /** told what the run is doing and how far it is (chunks read, rows stored): a progress bar */
  readonly onProgress?: (p: RunProgress) => void;
  /** told how long each part took, in milliseconds: reading the data, evaluating, hashing, storing (the benchmark's breakdown) */
  readonly onPhase?: (phase: 'load' | 'evaluate' | 'hash' | 'store', ms: number) => void;
  /** the corpus version (corpus_versions.hash, kept before) whose files `corpus` was read from: a re-run reads them again */
  readonly corpusHash?: string;
}

export interface RunProgress {
  readonly phase: 'load' | 'evaluate' | 'hash' | 'store';
  readonly done?: number;
  readonly total?: number;
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
  /** the figures given that are not the law's (see `Deviation`) */
  readonly deviations: readonly Deviation[];
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** run rows per statement */
const BATCH = 2000;

/** The dataset with the run's own parameters in place of stored ones of the same rule, year and key. */
function withParameters<D extends AnyDataset>(ds: D, given: readonly Parameter[]): D {
  if (!given.length) return ds;
  const key = (p: Parameter) => `${p.rule}|${p.year}|${p.key}`;
  const replaced = new Set(given.map(key));
  return { ...ds, parameters: [...ds.parameters.filter((p) => !replaced.has(key(p))), ...given] };
}

/**
 * The awards the platform has granted up to `year`, as history: a run counts them as it counts
 * the imported award_history (once-only rules, groups, the document's 就高, pools, caps), so that a
 * second run of a year never lists again what was already approved. In a stable order (the hash).
 */
async function platformGrants(store: Store, year: number): Promise<HistoryEntry[]> {
  const rows = await store.db.selectFrom('applications').select(['subject_id', 'rule', 'year', 'approved_fen'])
    .where('state', 'in', [...GRANTED_STATES]).where('year', '<=', year).orderBy('subject_id').orderBy('rule').orderBy('year').execute();
  return rows.map((r) => ({ subject: r.subject_id, rule: r.rule, year: r.year, amount: r.approved_fen === null ? null : Number(r.approved_fen) }));
}

/** The dataset with the platform's grants in its history; an imported entry of the same subject, rule and year stands for its grant. */
function withGrants<D extends AnyDataset>(ds: D, grants: readonly HistoryEntry[]): D {
  if (!grants.length) return ds;
  const key = (h: HistoryEntry) => `${h.subject}|${h.rule}|${h.year}`;
  const imported = new Set(ds.history.map(key));
  return { ...ds, history: [...ds.history, ...grants.filter((g) => !imported.has(key(g)))] };
}

export async function createRun(store: Store, corpus: Corpus, opts: RunOptions): Promise<RunSummary> {
  let t = performance.now();
  const phase = (name: 'load' | 'evaluate' | 'hash' | 'store') => {
    const now = performance.now();
    opts.onPhase?.(name, now - t);
    t = now;
  };
  const report = opts.onProgress ?? (() => {});
  const { kind, options, runCorpus, result, sections, inputHash, resultHash } = await decide(store, corpus, opts, phase);
  const rowCount = sections.awards.length + sections.withheld.length + sections.missing.length;
  report({ phase: 'store', done: 0, total: rowCount });
  const id = await store.db.transaction().execute(async (tx) => {
    const run = await tx.insertInto('runs').values({
      kind, year: opts.year, options: JSON.stringify(options), readings: JSON.stringify(result.interpretations),
      input_hash: inputHash, result_hash: resultHash, corpus_version: runCorpus.version, engine_version: ENGINE_VERSION,
      totals: JSON.stringify(result.totals), pools: JSON.stringify(result.pools), incomplete: result.incomplete ? JSON.stringify(result.incomplete) : null, by: opts.by,
      ...(opts.corpusHash ? { corpus_hash: opts.corpusHash } : {}),
    }).returning('id').executeTakeFirstOrThrow();
    let seq = 0;
    for (const [section, rows] of [['award', sections.awards], ['withheld', sections.withheld], ['missing', sections.missing]] as const) {
      for (let k = 0; k < rows.length; k += BATCH) {
        // BATCH rows as one JSON array: one parameter, parsed once by the server
        const part = rows.slice(k, k + BATCH);
        await sql`insert into run_rows (run_id, seq, section, subject_id, rule, row)
          select ${run.id}::bigint, ${seq}::integer + (o - 1)::integer, ${section}::text, r->>'subject', r->>'rule', r
          from jsonb_array_elements(${`[${part.join(',')}]`}::jsonb) with ordinality as x(r, o)`.execute(tx);
        seq += part.length;
        report({ phase: 'store', done: seq, total: rowCount });
      }
    }
    await appendAudit(tx, { actor: opts.by, action: 'run.create', entity: `runs/${run.id}`, after: { kind, year: opts.year, inputHash, resultHash, options } });
    return String(run.id);
  });
  phase('store');
  return {
    id, kind, year: opts.year, inputHash, resultHash, corpusVersion: runCorpus.version,
    awards: result.awards.length, withheld: result.withheld.length, missing: result.missing.length, deviations: deviationsOf(options),
  };
}

/** What a run decides and its hashes, before anything is stored: a new run's, or a stored run's again. */
async function decide(store: Store, corpus: Corpus, opts: RunOptions, phase: (name: 'load' | 'evaluate' | 'hash') => void) {
  const report = opts.onProgress ?? (() => {});
  report({ phase: 'load' });
  const loaded = opts.data ?? await loadWithDigest(store, opts.year, (done, total) => report({ phase: 'load', done, total }));
  const { digest } = loaded;
  const grants = await platformGrants(store, opts.year);
  const dataset = withGrants(withParameters(loaded.dataset, opts.parameters ?? []), grants);
  phase('load');
  report({ phase: 'evaluate' });
  const changes = opts.changes ?? [];
  const runCorpus = changes.length ? draftCorpus(corpus, changes) : corpus;
  const kind: 'official' | 'simulation' = opts.simulation || changes.length ? 'simulation' : 'official';
  const options = {
    documents: opts.documents ?? null, interpretations: opts.interpretations ?? {}, changes: changes.map(canonicalChange),
    ...(opts.parameters?.length ? { parameters: opts.parameters.map(canonicalParameter) } : {}),
  };
  const result = evaluate(runCorpus, dataset, {
    year: opts.year, explain: true,
    ...(opts.documents ? { documents: opts.documents } : {}),
    ...(opts.interpretations ? { interpretations: opts.interpretations } : {}),
  });
  phase('evaluate');
  report({ phase: 'hash' });
  // the data as read (its digest), what the run was asked, and which corpus and engine answered
  // (the platform's grants only when there are some: a run of a year with none hashes as it always did)
  const inputHash = sha256(JSON.stringify({ data: digest, options, corpus: runCorpus.version, engine: ENGINE_VERSION, ...(grants.length ? { grants } : {}) }));
  // each row as JSON once: stored as it is, and hashed in place within the whole result's JSON
  const sections = { awards: result.awards.map((r) => JSON.stringify(r)), withheld: result.withheld.map((r) => JSON.stringify(r)), missing: result.missing.map((r) => JSON.stringify(r)) };
  const resultHash = hashJson(result, sections);
  phase('hash');
  return { kind, options, runCorpus, result, sections, inputHash, resultHash };
}

/**
 * A change and a parameter with their keys in one order: the input hash is of their JSON, and a
 * request's body (or jsonb, reading a stored run back) may give the same entry in another order.
 */
const canonicalChange = (c: Change): Change => ({ rule: c.rule, key: c.key, value: c.value });
const canonicalParameter = (p: Parameter): Parameter => ({ rule: p.rule, year: p.year, key: p.key, value: p.value });

/** How a stored run was asked: its year, options and the corpus version it was decided with (null before versions were kept). */
export async function runRequest(store: Store, id: string): Promise<{ year: number; corpusHash: string | null; options: RerunOptions } | undefined> {
  const run = await store.db.selectFrom('runs').select(['year', 'options', 'corpus_hash']).where('id', '=', id).executeTakeFirst();
  if (!run) return undefined;
  const o = jsonValue<{ documents: string[] | null; interpretations: Record<string, string>; changes: Change[]; parameters?: Parameter[] }>(run.options);
  const options: RerunOptions = {
    ...(o.documents ? { documents: o.documents } : {}), interpretations: o.interpretations,
    ...(o.changes.length ? { changes: o.changes.map(canonicalChange) } : {}),
    ...(o.parameters?.length ? { parameters: o.parameters.map(canonicalParameter) } : {}),
  };
  return { year: run.year, corpusHash: run.corpus_hash, options };
}

export type RerunOptions = Pick<RunOptions, 'documents' | 'interpretations' | 'changes' | 'parameters'>;

/**
 * A stored run decided again with `corpus` (the caller reads the run's own corpus version) on the
 * data as stored today: nothing is written. On unchanged data and grants its hashes are the
 * stored ones, whatever corpus the process holds now.
 */
export async function rerun(store: Store, id: string, corpus: Corpus, data?: RunOptions['data']): Promise<{ inputHash: string; resultHash: string; corpusVersion: string }> {
  const asked = await runRequest(store, id);
  if (!asked) throw notFound(`测算 ${id}`, `run ${id}`);
  const { inputHash, resultHash, runCorpus } = await decide(store, corpus, { year: asked.year, by: '', ...asked.options, ...(data ? { data } : {}) }, () => {});
  return { inputHash, resultHash, corpusVersion: runCorpus.version };
}

/**
 * SHA-256 of JSON.stringify(value), with the arrays named in `sections` given as their elements'
 * JSON already made: the same digest without writing the whole result out a second time.
 */
function hashJson(value: object, sections: Readonly<Record<string, readonly string[]>>): string {
  const h = createHash('sha256');
  let first = true;
  h.update('{');
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function') continue;
    h.update(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    const rows = sections[key];
    if (rows) {
      h.update('[');
      rows.forEach((r, i) => h.update(i ? `,${r}` : r));
      h.update(']');
    } else h.update(JSON.stringify(v));
  }
  return h.update('}').digest('hex');
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
  const section = <T>(s: string): T[] => rows.filter((r) => r.section === s).map((r) => jsonValue<T>(r.row));
  return {
    id: String(run.id), kind: run.kind, promoted, inputHash: run.input_hash, resultHash: run.result_hash,
    corpusVersion: run.corpus_version, by: run.by,
    evaluation: {
      format: 'duixian/v1', year: run.year, interpretations: jsonValue(run.readings),
      awards: section('award'), withheld: section('withheld'), missing: section('missing'),
      ...(run.incomplete ? { incomplete: jsonValue(run.incomplete) } : {}),
      pools: jsonValue(run.pools), totals: jsonValue(run.totals),
    },
  };
}

/**
 * A figure a run was given that is not the law's as the corpus and the province's stored data
 * hold it: a draft change (政策模拟), a parameter for this run only, or a reading chosen for this
 * run. Any of them makes the run's money something other than what the documents grant, so only
 * the province may make such a run official (the server's rule); the run lists them.
 */
export type Deviation =
  | { readonly kind: 'change'; readonly rule: string; readonly key: string; readonly value: string }
  | { readonly kind: 'parameter'; readonly rule: string; readonly year: number; readonly key: string; readonly value: number }
  | { readonly kind: 'reading'; readonly id: string; readonly value: string };

/** The deviations recorded in a run's options (as `createRun` stores them). */
export function deviationsOf(options: unknown): Deviation[] {
  const o = (options ?? {}) as { changes?: Change[]; parameters?: Parameter[]; interpretations?: Record<string, string> };
  return [
    ...(o.changes ?? []).map((c): Deviation => ({ kind: 'change', rule: c.rule, key: c.key, value: c.value })),
    ...(o.parameters ?? []).map((p): Deviation => ({ kind: 'parameter', rule: p.rule, year: p.year, key: p.key, value: p.value })),
    ...Object.entries(o.interpretations ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, value]): Deviation => ({ kind: 'reading', id, value })),
  ];
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

/** Who gains, who loses, totals by funder and city (the corpus in use's cities, zones included), between two stored runs. */
export async function compareRuns(store: Store, before: string, after: string): Promise<Comparison> {
  const [a, b] = await Promise.all([readRun(store, before), readRun(store, after)]);
  if (!a || !b) throw new Error(`no run ${!a ? before : after}`);
  const places = new Map((await store.db.selectFrom('subjects').select(['id', 'region']).execute()).map((s) => [s.id, s.region ?? s.id]));
  return compareEvaluations(a.evaluation, b.evaluation, (s) => places.get(s), REGION_TABLE);
}
