/**
 * What one evaluation run knows: the population, the year, the readings, the parameters,
 * and the corpus lookups. Built once per run; everything else reads from it.
 */
import type { AnyDataset } from './columns.js';
import type { Readings } from './interpretations.js';
import { parameterUnit } from './parameters.js';
import { Population } from './population.js';
import type { Corpus, PolicyDocument, Rule } from './rule.js';

export class RunContext {
  readonly population: Population;
  readonly year: number;
  readonly readings: Readings;
  readonly documents: ReadonlyMap<string, PolicyDocument>;
  readonly rules: ReadonlyMap<string, Rule>;
  /** rule → key → value, for the run's year only */
  private readonly params = new Map<string, Map<string, number>>();
  private readonly history = new Map<string, number[]>(); // `${subject}|${rule}` → years
  /** memo for benchmark values and rankings within the run */
  readonly memo = new Map<string, unknown>();

  constructor(readonly corpus: Corpus, dataset: AnyDataset, year: number, readings: Readings, population?: Population) {
    this.population = population ?? new Population(dataset);
    this.year = year;
    this.readings = readings;
    this.documents = new Map(corpus.documents.map((d) => [d.id, d]));
    this.rules = new Map(corpus.rules.map((r) => [r.id, r]));
    for (const p of dataset.parameters) {
      if (p.year !== year || parameterUnit(p.key) === undefined) continue;
      let m = this.params.get(p.rule);
      if (!m) this.params.set(p.rule, (m = new Map()));
      m.set(p.key, p.value);
    }
    for (const h of dataset.history) {
      const k = `${h.subject}|${h.rule}`;
      const list = this.history.get(k);
      if (list) list.push(h.year);
      else this.history.set(k, [h.year]);
    }
  }

  /** A rule's parameter for the run's year (scaled per PARAMETER_KEYS), or undefined. */
  parameter(rule: string, key: string): number | undefined {
    return this.params.get(rule)?.get(key);
  }

  /** Years in which the subject already received the rule's award. */
  awardedYears(subjectId: string, rule: string): readonly number[] {
    return this.history.get(`${subjectId}|${rule}`) ?? [];
  }

  memoize<T>(key: string, make: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const v = make();
    this.memo.set(key, v);
    return v;
  }
}
