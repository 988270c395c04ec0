/**
 * 排名: ranks over a peer set with ties (I-rank-ties), by one metric or by a composite
 * score (综合评价, I-composite: panel scores when every ranked subject has one, else the
 * equal-weight sum of min–max normalised metrics, or weights set as rule parameters). A ranking of
 * 全省 cities or 全市 counties also knows which members of its peer set lack the figure (I-rank-incomplete).
 */
import { weightKeyOf } from './parameters.js';
import type { RunContext } from './context.js';
import { keyOf, measure, metricLabel, type MissingFact } from './metrics.js';
import { add, cmp, div, fromScaled, mul, sub, ZERO, ONE, type Q } from './rational.js';
import type { Metric, PolicyDocument, Rule } from './rule.js';
import type { Step } from './trace.js';
import { factInfo, UNITS } from './vocabulary.js';

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
    const sc = UNITS[factInfo(ctx.vocabulary, by.fact).unit].scale;
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
  return { score, missing, method: `按${metricLabel(ctx.vocabulary, by)}排名` };
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
  const names = parts.map((m) => metricLabel(ctx.vocabulary, m)).join('、');
  const how = reading === 'weighted' ? `按规则参数设定的权重` : '等权';
  return { score, missing, method: `${names}分别最小—最大标准化后${how}相加（I-composite=${reading}）` };
}

/** A part's weight: the `weight.<key>` parameter under I-composite=weighted, else 1. */
function weightOf(ctx: RunContext, rule: Rule, p: Metric, reading: string): Q {
  if (reading !== 'weighted') return ONE;
  const key = weightKeyOf(p);
  const w = key ? ctx.parameter(rule.id, `weight.${key}`) : undefined;
  return w === undefined ? ONE : fromScaled(w, UNITS.ratio.scale);
}


/**
 * The members of a ranking's peer set that have no figure (I-rank-incomplete). A rule ranking
 * cities or counties ranks 全省的市 / 全市的县（市、区）: every member the region table has inside the
 * issuer, not only those the data holds, so "前5位" over 6 of 16 cities is said to be over 6.
 */
export interface RankField {
  /** members of the peer set in the region table */
  readonly members: number;
  /** the codes of those without the figure (absent, or present without it), in code order */
  readonly lacking: readonly string[];
  /** the facts a member without any of them lacks ("onlineRetailGrowth"), for its missing row */
  readonly facts: readonly string[];
}

/** Does the rule rank regions of one level (cities or counties) with no tag narrowing who they are? */
export function ranksRegionField(rule: Rule): boolean {
  const { kinds, tags = [], anyTags = [] } = rule.recipient;
  const ranked = rule.conditions.some((c) => 'rank' in c);
  return ranked && kinds.length === 1 && (kinds[0] === 'city' || kinds[0] === 'county') && !tags.length && !anyTags.length;
}

/**
 * The gap in the peer set of `rule` ranked by `by`, or undefined when the field is complete, when
 * the rule does not rank regions, or when no member has the figure (then nothing was ranked: a
 * dataset of enterprises alone does not make every city ranking "incomplete").
 */
export function rankField(ctx: RunContext, rule: Rule, by: Metric, doc: PolicyDocument, claims: (i: number) => boolean): RankField | undefined {
  if (!ranksRegionField(rule)) return undefined;
  const kind = rule.recipient.kinds[0] as 'city' | 'county';
  const members = ctx.regions.regionsOfLevel(kind, doc.issuer);
  const pop = ctx.population;
  const present = members.map((r) => pop.index(r.code)).filter((i): i is number => i !== undefined && pop.subjects.kind(i) === kind && claims(i));
  const having = new Set([...rankPeers(ctx, rule, by, present).score.keys()].map((i) => pop.subjects.id(i)));
  const lacking = members.filter((r) => !having.has(r.code)).map((r) => r.code);
  if (!having.size || !lacking.length) return undefined;
  const facts = 'composite' in by ? by.composite.map(keyOf) : [keyOf(by)];
  return { members: members.length, lacking, facts };
}

/** Under I-rank-incomplete = missing nobody takes a place; who lacked data still lacks it. */
export const unranked = (t: RankTable): RankTable => ({ ...t, rank: new Map(), ranked: 0 });

/** The warning each decision of the rule carries: how many of how many members have the figure. */
export function rankFieldStep(ctx: RunContext, doc: PolicyDocument, rule: Rule, field: RankField): Step {
  const kind = rule.recipient.kinds[0];
  const scope = ctx.regions.region(doc.issuer)?.level === 'province' ? '全省' : '全市';
  const noun = kind === 'city' ? '设区的市' : '县级单位（县、市、区及功能区）';
  const having = field.members - field.lacking.length;
  const names = field.lacking.map((c) => ctx.regions.region(c)?.name ?? c).join('、');
  const reading = ctx.readings['I-rank-incomplete'];
  const then = reading === 'reported'
    ? `名次只在有数据的${having}个中排定，数据补齐后可能不同（I-rank-incomplete=reported）`
    : `本条不予评定，缺少数据的${field.lacking.length}个列入缺少数据（I-rank-incomplete=missing）`;
  return {
    kind: 'rank',
    text: `⚠ 排名范围不完整：${scope}${field.members}个${noun}中只有${having}个有排名所需数据，缺少${names}；${then}`,
    ...(reading === 'missing' ? { holds: false } : {}),
    data: { members: field.members, having, lacking: field.lacking },
  };
}
