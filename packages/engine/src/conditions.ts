/**
 * Conditions compiled for a run. Each condition becomes a Check with two faces built from
 * the same values: `test` (fast, no allocation: holds 1 / fails 0 / unknown −1) for whole
 * populations, and `explain` (the step with the legal word, actual and threshold values,
 * and the gap) for explanations. A property test holds the two faces to agreement.
 */
import type { RunContext } from './context.js';
import { decimalText, formatRatioQ, formatValue, formatYuan } from './format.js';
import type { InterpretationId } from './interpretations.js';
import { holds, noteOf, operatorOf, SYMBOL, NEGATED, type LegalWord, type Operator } from './legal.js';
import { benchmark, measure, metricLabel, metricUnit, showMetric, type MissingFact } from './metrics.js';
import { scaled } from './quantity.js';
import { cmp, fromScaled } from './rational.js';
import type { RankTable } from './ranking.js';
import type { Benchmark, Condition, Metric, PolicyDocument, Ranking, Rule } from './rule.js';
import type { Step } from './trace.js';
import { factInfo, tagLabel, UNITS, type FactKey, type Tag } from './vocabulary.js';

export type Tri = 1 | 0 | -1;

export interface Check {
  /** the subject's own facts this condition reads (a subject with none of a rule's facts is not a claimant) */
  readonly ownFacts: readonly FactKey[];
  /** a claim that does not show in the subject's own facts (a count derived from member enterprises) */
  readonly claimedBy?: (i: number) => boolean;
  test(i: number): Tri;
  explain(i: number): { readonly step: Step; readonly missing: readonly MissingFact[] };
}

export interface CheckEnv {
  readonly ctx: RunContext;
  readonly rule: Rule;
  readonly doc: PolicyDocument;
  readonly ranks: () => RankTable;
  readonly top: () => number;
  readonly wonGroup: (i: number, group: string) => boolean;
}

const tri = (b: boolean): Tri => (b ? 1 : 0);
const ok = (t: Tri): boolean | null => (t === 1 ? true : t === 0 ? false : null);
const subjectId = (env: CheckEnv, i: number) => env.ctx.population.subjects.id(i);

/** The readings a condition depends on, from its shape alone (the same for every run). */
export function conditionReadings(c: Condition): InterpretationId[] {
  if ('compare' in c) return [...wordReadings(c.legal), ...metricReadings(c.compare), ...('benchmark' in c ? ['I-avg' as const] : [])];
  if ('usd' in c) return ['I-usd'];
  if ('anyOf' in c) return c.anyOf.flatMap(conditionReadings);
  if ('rank' in c) return ['I-rank-ties', 'I-rank-scope', ...metricReadings(c.rank.by)];
  return [];
}

export function compileCondition(c: Condition, env: CheckEnv): Check {
  if ('compare' in c && 'value' in c && 'fact' in c.compare) return factThreshold(c.compare.fact, c.legal, c.value, env, c.label);
  if ('compare' in c && 'value' in c) return metricThreshold(c.compare, c.legal, c.value, env, c.label);
  if ('compare' in c) return againstBenchmark(c, env);
  if ('usd' in c) return usdThreshold(c, env);
  if ('flag' in c) return flag(c.flag, env, c.label);
  if ('tag' in c) return tagCheck(c.tag, env);
  if ('notTag' in c) return notTag(c.notTag, c.label, env);
  if ('dateInForce' in c) return dateInForce(c.dateInForce, env, c.label);
  if ('anyOf' in c) return anyOf(c.anyOf.map((x) => compileCondition(x, env)), c.label);
  if ('rank' in c) return rankCheck(c.rank, env);
  if ('awardedBefore' in c) return awardedBefore(c.awardedBefore, c.yearsBefore, c.label, env);
  return wonGroup(c.wonGroup, env, c.label);
}

const wordReadings = (w: LegalWord): InterpretationId[] => (w === '过' ? ['I-guo'] : []);

/** 实物商品网络零售额 1.23亿元 ≥ 1亿元（以上，含本数）; the common, fast case. */
function factThreshold(key: FactKey, legal: LegalWord, value: string, env: CheckEnv, label?: string): Check {
  const { ctx } = env;
  const unit = factInfo(ctx.vocabulary, key).unit;
  const t = scaled(unit, value);
  const guo = ctx.readings['I-guo'];
  const op = operatorOf(legal, guo);
  const read = ctx.population.reader(key, ctx.year);
  const name = label ?? factInfo(ctx.vocabulary, key).label;
  return {
    ownFacts: [key],
    test(i) {
      const v = read(i);
      return v === undefined ? -1 : tri(holds(op, v - t));
    },
    explain(i) {
      const v = read(i);
      const shown = `${value}（${noteOf(legal, guo)}）`;
      if (v === undefined) {
        return { step: step(`${name} 无数据，无法判断是否${legal}${value}`, null, { legal, threshold: value }), missing: [{ subject: subjectId(env, i), key, year: ctx.year }] };
      }
      const h = holds(op, v - t);
      const gap = h ? null : gapText(unit, op, v, t, value);
      const text = `${name} ${formatValue(unit, v)} ${h ? SYMBOL[op] : NEGATED[op]} ${shown}${gap ? `，${gap}` : ''}`;
      return { step: step(text, h, { legal, op, fact: key, actual: formatValue(unit, v), threshold: value, gap }), missing: [] };
    },
  };
}

/** 还差 1,200万元 达到 1亿元 — how far a failing subject is from the bound. */
export function gapText(unit: string, op: Operator, v: number, t: number, written: string): string | null {
  if (op === '<' || op === '<=') return null;
  const diff = t - v;
  const amount = unit === 'yuan' ? formatYuan(diff) : formatValue(unit as keyof typeof UNITS, diff);
  return op === '>' ? `还差 ${amount} 达到 ${written}（且须超过）` : `还差 ${amount} 达到 ${written}`;
}

function metricThreshold(m: Metric, legal: LegalWord, value: string, env: CheckEnv, label?: string): Check {
  const { ctx } = env;
  const unit = metricUnit(ctx.vocabulary, m);
  if (unit === 'q') throw new Error(`${env.rule.id}: a composite score has no fixed threshold`);
  const t = fromScaled(scaled(unit, value), UNITS[unit].scale);
  const op = operatorOf(legal, ctx.readings['I-guo']);
  const name = label ?? metricLabel(ctx.vocabulary, m);
  return {
    ownFacts: ownFactsOf(m),
    ...('newlyOver' in m ? { claimedBy: (i: number) => measure(ctx, i, m).ok } : {}),
    test(i) {
      const r = measure(ctx, i, m);
      return r.ok ? tri(holds(op, cmp(r.q, t))) : -1;
    },
    explain(i) {
      const r = measure(ctx, i, m);
      if (!r.ok) return { step: step(`${name} ${r.text}，无法判断是否${legal}${value}`, null, { legal, threshold: value }), missing: r.missing };
      const h = holds(op, cmp(r.q, t));
      return { step: step(`${name} ${r.text} ${h ? SYMBOL[op] : NEGATED[op]} ${value}（${noteOf(legal, ctx.readings['I-guo'])}）`, h, { legal, op, actual: showMetric(ctx.vocabulary, m, r.q), threshold: value }), missing: [] };
    },
  };
}

const BENCH_NAME = { province: '全省平均', city: '全市平均', country: '全国平均' } as const;

/** 全省平均增幅 / 全国平均水平: the regional average a condition compares with. */
export const benchmarkName = (b: Benchmark): string => `${BENCH_NAME[b.average]}${'growth' in b.metric ? '增幅' : '水平'}`;

/** 增幅高于全省平均增幅: the subject's metric against a regional benchmark (I-avg). */
function againstBenchmark(c: Condition & { compare: Metric; benchmark: object }, env: CheckEnv): Check {
  const cc = c as { compare: Metric; legal: LegalWord; benchmark: { average: 'province' | 'city' | 'country'; metric: Metric }; label?: string };
  const { ctx } = env;
  const op = operatorOf(cc.legal, ctx.readings['I-guo']);
  const name = cc.label ?? metricLabel(ctx.vocabulary, cc.compare);
  const benchName = benchmarkName(cc.benchmark);
  return {
    ownFacts: ownFactsOf(cc.compare),
    test(i) {
      const a = measure(ctx, i, cc.compare);
      const b = benchmark(ctx, i, cc.benchmark, env.doc.issuer);
      return a.ok && b.ok ? tri(holds(op, cmp(a.q, b.q))) : -1;
    },
    explain(i) {
      const a = measure(ctx, i, cc.compare);
      const b = benchmark(ctx, i, cc.benchmark, env.doc.issuer);
      const missing = [...(a.ok ? [] : a.missing), ...(b.ok ? [] : b.missing)];
      if (!a.ok || !b.ok) {
        return { step: step(`${name} ${a.text}；${benchName} ${b.text}：无法比较`, null, { legal: cc.legal }), missing };
      }
      const h = holds(op, cmp(a.q, b.q));
      const text = `${name} ${a.text} ${h ? SYMBOL[op] : NEGATED[op]} ${benchName} ${b.text}（${noteOf(cc.legal)}）`;
      return { step: step(text, h, { legal: cc.legal, op, actual: showMetric(ctx.vocabulary, cc.compare, a.q), benchmark: formatRatioQ(b.q), benchmarkRegion: b.name }), missing: [] };
    },
  };
}

/** 跨境电商交易额超过1000万美元: USD as given, else yuan against the threshold at the year's rate (I-usd). */
function usdThreshold(c: Condition & { usd: object }, env: CheckEnv): Check {
  const cc = c as { usd: { usdFact: FactKey; yuanFact: FactKey }; legal: LegalWord; value: string; label?: string };
  const { ctx } = env;
  const op = operatorOf(cc.legal);
  const tCents = scaled('usd', cc.value);
  const cn = ctx.population.index('CN');
  const rate = (): number | undefined => (cn === undefined ? undefined : ctx.population.value(cn, 'cnyPerUsd', ctx.year));
  const name = cc.label ?? '跨境电商交易额';
  // c = sign(actual − threshold), exactly: yuan·10^6 against cents·rate(millionths)
  const compare = (i: number): { c: number; text: string } | { missing: MissingFact[] } => {
    const usd = ctx.population.value(i, cc.usd.usdFact, ctx.year);
    if (usd !== undefined) return { c: Math.sign(usd - tCents), text: `${name} ${formatValue('usd', usd)}` };
    const yuan = ctx.population.value(i, cc.usd.yuanFact, ctx.year);
    if (yuan === undefined) return { missing: [{ subject: subjectId(env, i), key: cc.usd.usdFact, year: ctx.year }] };
    const r = rate();
    if (r === undefined) return { missing: [{ subject: 'CN', key: 'cnyPerUsd', year: ctx.year }] };
    const lhs = BigInt(yuan) * 1_000_000n;
    const rhs = BigInt(tCents) * BigInt(r);
    const threshold = formatYuan(rhs / 1_000_000n);
    return { c: lhs > rhs ? 1 : lhs < rhs ? -1 : 0, text: `${name} ${formatYuan(yuan)}（按${ctx.year}年人民币对美元平均汇率 ${decimalText(r, UNITS.ratio.scale)} 折合门槛 ${threshold}）` };
  };
  return {
    ownFacts: [cc.usd.usdFact, cc.usd.yuanFact],
    test(i) {
      const r = compare(i);
      return 'missing' in r ? -1 : tri(holds(op, r.c));
    },
    explain(i) {
      const r = compare(i);
      if ('missing' in r) return { step: step(`${name} 无法与${cc.value}比较：缺少${r.missing.map((m) => `${m.subject} ${m.key}@${m.year}`).join('、')}（不作推测，I-usd）`, null, { legal: cc.legal }), missing: r.missing };
      const h = holds(op, r.c);
      return { step: step(`${r.text} ${h ? SYMBOL[op] : NEGATED[op]} ${cc.value}（${noteOf(cc.legal)}）`, h, { legal: cc.legal, op, threshold: cc.value }), missing: [] };
    },
  };
}

/** A yes/no fact of the year: absent means no (称号 are given only when obtained). */
function flag(key: FactKey, env: CheckEnv, label?: string): Check {
  const { ctx } = env;
  const name = label ?? factInfo(ctx.vocabulary, key).label;
  const get = (i: number) => ctx.population.value(i, key, ctx.year) === 1;
  return {
    ownFacts: [key],
    test: (i) => tri(get(i)),
    explain: (i) => ({ step: step(`${name}（${ctx.year}年）：${get(i) ? '是' : '否'}`, get(i), { fact: key }), missing: [] }),
  };
}

function tagCheck(tag: Tag, env: CheckEnv): Check {
  const pop = env.ctx.population;
  return {
    ownFacts: [],
    test: (i) => tri(pop.hasTag(i, tag)),
    explain: (i) => ({ step: step(`${tagLabel(env.ctx.vocabulary, tag)}：${pop.hasTag(i, tag) ? '是' : '否'}`, pop.hasTag(i, tag), { tag }), missing: [] }),
  };
}

/** An exception: the rule does not apply to subjects with the tag. */
function notTag(tag: Tag, label: string, env: CheckEnv): Check {
  const pop = env.ctx.population;
  return {
    ownFacts: [],
    test: (i) => tri(!pop.hasTag(i, tag)),
    explain: (i) => ({ step: step(`例外“${label}”：${pop.hasTag(i, tag) ? `该主体${tagLabel(env.ctx.vocabulary, tag)}，不适用` : '不涉及'}`, !pop.hasTag(i, tag), { tag }), missing: [] }),
  };
}

/** 政策施行期内: a date fact between the document's first and last day. */
function dateInForce(key: FactKey, env: CheckEnv, label?: string): Check {
  const { ctx, doc } = env;
  const from = Number(doc.validFrom.replace(/-/g, ''));
  const to = doc.validTo ? Number(doc.validTo.replace(/-/g, '')) : Infinity;
  const name = label ?? factInfo(ctx.vocabulary, key).label;
  const read = (i: number) => ctx.population.value(i, key, ctx.year);
  return {
    ownFacts: [key],
    test(i) {
      const v = read(i);
      return v === undefined ? -1 : tri(v >= from && v <= to);
    },
    explain(i) {
      const v = read(i);
      if (v === undefined) return { step: step(`${name} 无数据`, null, {}), missing: [{ subject: subjectId(env, i), key, year: ctx.year }] };
      const h = v >= from && v <= to;
      return { step: step(`${name} ${formatValue('date', v)} ${h ? '在' : '不在'}政策施行期内（${doc.validFrom} 至 ${doc.validTo ?? '长期'}）`, h, { date: formatValue('date', v) }), missing: [] };
    },
  };
}

function anyOf(parts: Check[], label?: string): Check {
  // a part that reads none of the subject's facts (经认定: a tag) holds without data: a subject it holds for claims the rule
  const factless = parts.filter((p) => !p.ownFacts.length && !p.claimedBy).map((p) => (i: number) => p.test(i) === 1);
  const claimers = [...parts.flatMap((p) => (p.claimedBy ? [p.claimedBy] : [])), ...factless];
  return {
    ownFacts: parts.flatMap((p) => p.ownFacts),
    ...(claimers.length ? { claimedBy: (i: number) => claimers.some((c) => c(i)) } : {}),
    test(i) {
      let unknown = false;
      for (const p of parts) {
        const t = p.test(i);
        if (t === 1) return 1;
        if (t === -1) unknown = true;
      }
      return unknown ? -1 : 0;
    },
    explain(i) {
      const ex = parts.map((p) => p.explain(i));
      const t = this.test(i);
      const text = `${label ?? '满足其一即可'}：${ex.map((e) => e.step.text).join('；或 ')}`;
      return { step: step(text, ok(t), {}), missing: t === -1 ? ex.flatMap((e) => e.missing) : [] };
    },
  };
}

/** 前N名 over the peer set, ranked once per run (ties per I-rank-ties). */
function rankCheck(ranking: Ranking, env: CheckEnv): Check {
  const { ctx } = env;
  const label = ranking.label;
  return {
    ownFacts: ownFactsOf(ranking.by),
    test(i) {
      const t = env.ranks();
      const r = t.rank.get(i);
      return r === undefined ? (t.missing.has(i) ? -1 : 0) : tri(r <= env.top());
    },
    explain(i) {
      const t = env.ranks();
      const r = t.rank.get(i);
      const scope = ctx.readings['I-rank-scope'] === 'all' ? '全部参评对象' : '满足其他条件的对象';
      if (r === undefined) {
        const miss = t.missing.get(i);
        return { step: step(`${label}：${miss ? '缺少排名所需数据，无法排名' : '未参与排名'}`, miss ? null : false, { top: env.top() }), missing: miss ?? [] };
      }
      const h = r <= env.top();
      const text = `${label}：第${r}名（共${t.ranked}个${scope}参与排名，${t.method}，得分 ${showScore(t.score.get(i)!)}）${h ? '' : `，未进入前${env.top()}名`}`;
      return { step: { kind: 'rank', text, holds: h, data: { rank: r, of: t.ranked, top: env.top(), method: t.method } }, missing: [] };
    },
  };
}

const showScore = (s: { n: bigint; d: bigint }): string => {
  const v = Number(s.n) / Number(s.d); // display only, never a decision
  return Number.isInteger(v) ? String(v) : `≈${v.toFixed(4)}`;
};

function wonGroup(group: string, env: CheckEnv, label?: string): Check {
  return {
    ownFacts: [],
    test: (i) => tri(env.wonGroup(i, group)),
    explain: (i) => ({ step: step(`${label ?? `获得${group}组奖励`}：${env.wonGroup(i, group) ? '是' : '否'}`, env.wonGroup(i, group), { group }), missing: [] }),
  };
}

/** 次年度: the award of `rule` granted exactly `yearsBefore` years before the run's year (the history). */
function awardedBefore(rule: string, yearsBefore: number, label: string, env: CheckEnv): Check {
  const { ctx } = env;
  const year = ctx.year - yearsBefore;
  const granted = (i: number) => ctx.awardedYears(subjectId(env, i), rule).includes(year);
  return {
    ownFacts: [],
    test: (i) => tri(granted(i)),
    explain: (i) => ({ step: step(`${label}：${year}年${granted(i) ? '已获' : '未获'} ${rule} 奖励`, granted(i), { rule, year }), missing: [] }),
  };
}

function ownFactsOf(m: Metric): FactKey[] {
  if ('fact' in m) return [m.fact];
  if ('growth' in m) return [m.growth, ...(m.published ? [m.published] : [])];
  if ('ratio' in m) return [...m.ratio, ...(m.published ? [m.published] : [])];
  if ('sumOverYears' in m) return [m.sumOverYears];
  if ('newlyOver' in m) return [m.published];
  return m.composite.flatMap(ownFactsOf);
}

function metricReadings(m: Metric): InterpretationId[] {
  if ('growth' in m) return ['I-growth'];
  if ('newlyOver' in m) return ['I-guo'];
  if ('composite' in m) return ['I-composite'];
  return [];
}

const step = (text: string, holds: boolean | null, data: Record<string, string | number | boolean | null>): Step => ({
  kind: 'condition', text, holds, data,
});

