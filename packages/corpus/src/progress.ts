/**
 * 目标监测: each target of the corpus with its actual value from the data, progress, and whether
 * it is on track — by projecting the last year's growth to the year the target is due. A target
 * whose indicator is not a fact of a region is reported as not measurable, with what it needs.
 */
import { isFactKey, parseQuantity, Population, yuanString, type Dataset, type FactKey, type RegionTable, type Vocabulary } from '@duixian/engine';
import { REGION_TABLE } from './region-table.js';
import { CORPUS } from './rules.js';
import type { Target } from './types.js';

export type TargetStatus = 'met' | 'on-track' | 'off-track' | 'no-data' | 'not-measurable';

export interface TargetProgress {
  readonly target: string;
  readonly document: string;
  readonly description: string;
  readonly due: number;
  readonly value: string; // the text's figure
  readonly status: TargetStatus;
  readonly actual: string | null; // exact decimal in the key's unit (yuan with two places)
  /** actual ÷ target, as a percentage with one decimal (display), or null */
  readonly progress: string | null;
  /** projected value in the due year from last year's growth, or null */
  readonly projected: string | null;
  readonly why?: string;
}

const WORDS_MEANING_AT_LEAST = new Set(['达到', '突破', '以上', '不少于', '超过', '过']);

/** Progress on the targets, the dataset's places read in the corpus's region table (the one in use unless given). */
export function targetProgress(targets: readonly Target[], dataset: Dataset, year: number, vocabulary: Vocabulary = CORPUS.vocabulary, regions: RegionTable = REGION_TABLE): TargetProgress[] {
  const pop = new Population(dataset, vocabulary, regions);
  return targets.map((t) => progressOf(t, pop, year, vocabulary));
}

function progressOf(t: Target, pop: Population, year: number, vocabulary: Vocabulary): TargetProgress {
  const base = { target: t.id, document: t.document, description: t.description, due: t.year, value: t.value };
  const ind = t.indicator;
  if (!ind || !('key' in ind) || !isFactKey(vocabulary, ind.key)) {
    const why = ind && 'computed' in ind ? ind.computed : 'no indicator in the data';
    return { ...base, status: 'not-measurable', actual: null, progress: null, projected: null, why };
  }
  const key: FactKey = ind.key;
  const unit = vocabulary.facts[key]!.unit;
  const goal = parseQuantity(t.value.replace(/\s/g, ''), unit);
  const i = pop.index(ind.subject);
  const now = i === undefined ? undefined : pop.value(i, key, year);
  if (!goal.ok) return { ...base, status: 'not-measurable', actual: null, progress: null, projected: null, why: `the figure ${t.value} is not a ${unit} amount` };
  if (now === undefined) return { ...base, status: 'no-data', actual: null, progress: null, projected: null, why: `${ind.subject} ${key}@${year}` };
  const last = i === undefined ? undefined : pop.value(i, key, year - 1);
  const atLeast = WORDS_MEANING_AT_LEAST.has(t.legal);
  const strict = t.legal === '超过' || t.legal === '突破' || t.legal === '过';
  const reached = (v: number) => (atLeast ? (strict ? v > goal.value : v >= goal.value) : v <= goal.value);
  const projected = projection(now, last, t.year - year);
  const status: TargetStatus = reached(now) ? 'met' : projected !== undefined && reached(projected) ? 'on-track' : projected === undefined ? 'no-data' : 'off-track';
  const show = (v: number) => (unit === 'yuan' ? yuanString(v) : String(v));
  return {
    ...base, status,
    actual: show(now),
    progress: permille(now, goal.value),
    projected: projected === undefined ? null : show(projected),
    ...(status === 'no-data' ? { why: `${ind.subject} ${key}@${year - 1} (needed to project)` } : {}),
  };
}

/** now × (now ÷ last)^years, floored, exact in BigInt; undefined without last year's value. */
function projection(now: number, last: number | undefined, years: number): number | undefined {
  if (years <= 0) return now;
  if (last === undefined || last <= 0) return undefined;
  let n = BigInt(now);
  let d = 1n;
  for (let k = 0; k < years; k++) {
    n *= BigInt(now);
    d *= BigInt(last);
  }
  return Number(n / d);
}

/** actual ÷ goal as a percentage with one decimal, floored, exactly (fen can exceed 2^53 ÷ 1000) */
function permille(now: number, goal: number): string | null {
  if (goal <= 0) return null;
  const p = (BigInt(now) * 1000n) / BigInt(goal);
  return `${p / 10n}${p % 10n ? `.${p % 10n}` : ''}%`;
}
