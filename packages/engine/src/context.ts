/**
 * What one evaluation run knows: the population, the year, the readings, the parameters,
 * and the corpus lookups. Built once per run; everything else reads from it.
 */
import type { AnyDataset } from './columns.js';
import type { Readings, RunReadings } from './interpretations.js';
import { parameterUnit } from './parameters.js';
import { Population } from './population.js';
import { regionTableOf, type RegionTable } from './regions.js';
import type { Corpus, PolicyDocument, Rule } from './rule.js';
import type { Vocabulary } from './vocabulary.js';

/** Money already granted (the input's `history`): of which rule, in which year, how much (fen). */
export interface Granted {
  readonly rule: string;
  readonly year: number;
  readonly amount: number;
}

export class RunContext {
  readonly population: Population;
  readonly year: number;
  /** the readings of the documents at hand: every document's, or (`forDocument`) one document's */
  readonly readings: Readings;
  /** the run's readings, with the documents a per-document switch names */
  readonly runReadings: RunReadings;
  readonly documents: ReadonlyMap<string, PolicyDocument>;
  readonly rules: ReadonlyMap<string, Rule>;
  /** the corpus's words: fact keys' labels and units, tags' and kinds' names */
  readonly vocabulary: Vocabulary;
  /** the corpus's region table over the national one: jurisdictions, cities, the peers of a ranking */
  readonly regions: RegionTable;
  /** rule → key → value, for the run's year only */
  private readonly params = new Map<string, Map<string, number>>();
  private readonly history = new Map<string, number[]>(); // `${subject}|${rule}` → years
  /**
   * history by subject id, built once: groups and caps look up a subject, never scan the history.
   * By id, not position: finding a million-subject list's positions would index every id (≈ 0.7 s).
   */
  private readonly grants = new Map<string, Granted[]>();
  /** rule → year → fen granted in all (pools count every subject's grants, listed in this dataset or not) */
  private readonly grantedByRule = new Map<string, Map<number, number>>();
  /** memo for benchmark values and rankings within the run */
  readonly memo = new Map<string, unknown>();

  constructor(readonly corpus: Corpus, dataset: AnyDataset, year: number, readings: RunReadings, population?: Population) {
    this.regions = regionTableOf(corpus);
    this.population = population ?? new Population(dataset, corpus.vocabulary, this.regions);
    this.year = year;
    this.runReadings = readings;
    this.readings = readings.all;
    this.documents = new Map(corpus.documents.map((d) => [d.id, d]));
    this.rules = new Map(corpus.rules.map((r) => [r.id, r]));
    this.vocabulary = corpus.vocabulary;
    for (const p of dataset.parameters) {
      if (p.year !== year || parameterUnit(p.key) === undefined) continue;
      let m = this.params.get(p.rule);
      if (!m) this.params.set(p.rule, (m = new Map()));
      m.set(p.key, p.value);
    }
    for (const h of dataset.history) this.remember(h);
  }

  private remember(h: AnyDataset['history'][number]): void {
    const k = `${h.subject}|${h.rule}`;
    const list = this.history.get(k);
    if (list) list.push(h.year);
    else this.history.set(k, [h.year]);
    if (h.amount === null) return; // an honour or recommendation: counts for once-only rules alone
    const g: Granted = { rule: h.rule, year: h.year, amount: h.amount };
    const mine = this.grants.get(h.subject);
    if (mine) mine.push(g);
    else this.grants.set(h.subject, [g]);
    let years = this.grantedByRule.get(h.rule);
    if (!years) this.grantedByRule.set(h.rule, (years = new Map()));
    years.set(h.year, (years.get(h.year) ?? 0) + h.amount);
  }

  /** Whether any money was granted before this run (if not, groups, caps and pools skip the history). */
  get hasHistory(): boolean {
    return this.grantedByRule.size > 0;
  }

  /** Money already granted to subject i, of any rule and year. */
  grantsOf(i: number): readonly Granted[] {
    return this.grants.size ? this.grants.get(this.population.subjects.id(i)) ?? [] : [];
  }

  /** Fen already granted by a rule to all subjects in the years `inPeriod` accepts. */
  grantedByRuleIn(rule: string, inPeriod: (year: number) => boolean): number {
    let sum = 0;
    for (const [year, fen] of this.grantedByRule.get(rule) ?? []) if (inPeriod(year)) sum += fen;
    return sum;
  }

  /** A rule's parameter for the run's year (scaled per PARAMETER_KEYS), or undefined. */
  parameter(rule: string, key: string): number | undefined {
    return this.params.get(rule)?.get(key);
  }

  /** Years in which the subject already received the rule's award. */
  awardedYears(subjectId: string, rule: string): readonly number[] {
    return this.history.get(`${subjectId}|${rule}`) ?? [];
  }

  /** The readings of one document's rules: a switch for that document wins over the run's. */
  readingsFor(document: string): Readings {
    return this.runReadings.byDocument.get(document) ?? this.runReadings.all;
  }

  /**
   * This run as one document's rules see it: the same population, history and memo, with the
   * document's readings. Itself when no switch names the document (the usual case).
   */
  forDocument(document: string): RunContext {
    const own = this.runReadings.byDocument.get(document);
    if (!own) return this;
    let view = this.views.get(document);
    if (!view) this.views.set(document, (view = Object.create(this, { readings: { value: own } }) as RunContext));
    return view;
  }

  private readonly views = new Map<string, RunContext>();

  memoize<T>(key: string, make: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const v = make();
    this.memo.set(key, v);
    return v;
  }
}
