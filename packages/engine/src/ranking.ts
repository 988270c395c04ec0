/**
 * 排名: ranks over a peer set with ties (I-rank-ties), by one metric or by a composite
 * score (综合评价, I-composite: panel scores when every ranked subject has one, else the
 * equal-weight sum of min–max normalised metrics, or weights set as rule parameters).
 */
import type { RunContext } from './context.js';
import { measure, metricLabel, type MissingFact } from './metrics.js';
import { add, cmp, div, fromScaled, mul, sub, ZERO, ONE, type Q } from './rational.js';
import type { Metric, Rule } from './rule.js';
import { FACT_KEYS, UNITS } from './vocabulary.js';

export interface RankTable {
  /** competition rank (1, 1, 3 …) of each ranked subject */
  readonly rank: ReadonlyMap<number, number>;
  readonly score: ReadonlyMap<number, Q>;
  /** peers that could not be ranked for lack of data */
  readonly missing: ReadonlyMap<number, readonly MissingFact[]>;
  readonly ranked: number; // how many were ranked
  readonly method: string; // how scores were formed, in Chinese
}

const byScoreThenId = (ctx: RunContext, score: Map<number, Q>) => (a: number, b: number): number => {
  const c = cmp(score.get(b)!, score.get(a)!);
  if (c !== 0) return c;
  const ia = ctx.population.subjects.id(a);
  const ib = ctx.population.subjects.id(b);
  return ia < ib ? -1 : ia > ib ? 1 : 0;
};

/**
 * Rank `peers` of `rule` by `by`. Scores are formed over every peer; subjects in `vacated` (who
 * gave their prize up, I-vacancy = move-up) keep their score but take no place, so the next in
 * rank moves up without anyone's composite score changing.
 */
export function rankPeers(ctx: RunContext, rule: Rule, by: Metric, peers: readonly number[], vacated: ReadonlySet<number> = new Set()): RankTable {
  const { score, missing, method } = 'composite' in by ? compositeScores(ctx, rule, by.composite, peers) : metricScores(ctx, by, peers);
  const order = [...score.keys()].filter((i) => !vacated.has(i)).sort(byScoreThenId(ctx, score));
  const rank = new Map<number, number>();
  const ties = ctx.readings['I-rank-ties'];
  order.forEach((s, pos) => {
    const prev = order[pos - 1];
    // competition ranking: a tie takes the rank of the first of its equals (1, 1, 3)
    const tied = ties === 'share' && prev !== undefined && cmp(score.get(prev)!, score.get(s)!) === 0;
    rank.set(s, tied ? rank.get(prev)! : pos + 1);
  });
  return { rank, score, missing, ranked: order.length, method };
}

type Scores = { score: Map<number, Q>; missing: Map<number, MissingFact[]>; method: string };

function metricScores(ctx: RunContext, by: Metric, peers: readonly number[]): Scores {
  const score = new Map<number, Q>();
  const missing = new Map<number, MissingFact[]>();
  if ('fact' in by) {
    // the common case (rank enterprises by a fact): read the column, no per-subject rationals until needed
    const read = ctx.population.reader(by.fact, ctx.year);
    const sc = UNITS[FACT_KEYS[by.fact].unit].scale;
    for (const i of peers) {
      const v = read(i);
      if (v === undefined) missing.set(i, [{ subject: ctx.population.subjects.id(i), key: by.fact, year: ctx.year }]);
      else score.set(i, fromScaled(v, sc));
    }
  } else {
    for (const i of peers) {
      const m = measure(ctx, i, by);
      if (m.ok) score.set(i, m.q);
      else missing.set(i, [...m.missing]);
    }
  }
  return { score, missing, method: `按${metricLabel(by)}排名` };
}

function compositeScores(ctx: RunContext, rule: Rule, parts: readonly Metric[], peers: readonly number[]): Scores {
  const panel = new Map<number, Q>();
  for (const i of peers) {
    const v = ctx.population.scoped(i, 'panelScore', ctx.year, rule.id);
    if (v !== undefined) panel.set(i, fromScaled(v, UNITS.score.scale));
  }
  const reading = ctx.readings['I-composite'];
  if (reading === 'panel-or-minmax' && peers.length > 0 && panel.size === peers.length) {
    return { score: panel, missing: new Map(), method: '按专家评审综合评价得分（panelScore）排名' };
  }
  // every part measured for every peer; a peer missing any part cannot be scored
  const values = parts.map(() => new Map<number, Q>());
  const missing = new Map<number, MissingFact[]>();
  for (const i of peers) {
    parts.forEach((p, k) => {
      const m = measure(ctx, i, p);
      if (m.ok) values[k]!.set(i, m.q);
      else missing.set(i, [...(missing.get(i) ?? []), ...m.missing]);
    });
  }
  const scored = peers.filter((i) => !missing.has(i));
  const weights = parts.map((p) => weightOf(ctx, rule, p, reading));
  const score = new Map<number, Q>(scored.map((i) => [i, ZERO]));
  parts.forEach((_, k) => {
    const vals = scored.map((i) => values[k]!.get(i)!);
    if (!vals.length) return;
    const min = vals.reduce((a, b) => (cmp(a, b) <= 0 ? a : b));
    const max = vals.reduce((a, b) => (cmp(a, b) >= 0 ? a : b));
    const span = sub(max, min);
    for (const i of scored) {
      // all equal: every subject is at the top of that metric
      const norm = span.n === 0n ? ONE : div(sub(values[k]!.get(i)!, min), span);
      score.set(i, add(score.get(i)!, mul(norm, weights[k]!)));
    }
  });
  const names = parts.map(metricLabel).join('、');
  const how = reading === 'weighted' ? `按规则参数设定的权重` : '等权';
  return { score, missing, method: `${names}分别最小—最大标准化后${how}相加（I-composite=${reading}）` };
}

/** A part's weight: the `weight.<key>` parameter under I-composite=weighted, else 1. */
function weightOf(ctx: RunContext, rule: Rule, p: Metric, reading: string): Q {
  if (reading !== 'weighted') return ONE;
  const key = 'fact' in p ? p.fact : 'growth' in p ? (p.published ?? p.growth) : 'ratio' in p ? (p.published ?? p.ratio[0]) : undefined;
  const w = key ? ctx.parameter(rule.id, `weight.${key}`) : undefined;
  return w === undefined ? ONE : fromScaled(w, UNITS.ratio.scale);
}

