/**
 * Metrics: quantities measured on a subject for the run's year (a fact, a growth rate, a
 * share, a multi-year sum, a count of newly cultivated enterprises) and the regional
 * benchmarks they are compared with (全省/全市/全国平均, I-avg). Exact rationals throughout.
 */
import type { RunContext } from './context.js';
import { formatQ, formatRatioQ, formatValue } from './format.js';
import { holds, operatorOf, SYMBOL } from './legal.js';
import { scaled } from './quantity.js';
import { add, div, fromScaled, q, sub, type Q } from './rational.js';
import type { Benchmark, Metric } from './rule.js';
import { factInfo, UNITS, type FactKey, type Unit, type Vocabulary } from './vocabulary.js';

export interface MissingFact { readonly subject: string; readonly key: string; readonly year: number }
export type Measured =
  | { readonly ok: true; readonly q: Q; readonly text: string }
  | { readonly ok: false; readonly missing: readonly MissingFact[]; readonly text: string };

const unitOf = (v: Vocabulary, k: FactKey): Unit => factInfo(v, k).unit;

/** The unit a metric's value is in, for thresholds and display. */
export function metricUnit(v: Vocabulary, m: Metric): Unit | 'q' {
  if ('fact' in m) return unitOf(v, m.fact);
  if ('sumOverYears' in m) return unitOf(v, m.sumOverYears);
  if ('newlyOver' in m) return 'count';
  if ('composite' in m) return 'q';
  return 'ratio';
}

export const metricLabel = (v: Vocabulary, m: Metric): string => metricLabelIn(m, (k) => factInfo(v, k).label);

/** The metric in words, naming fact keys by `l` (a corpus may declare its own labels). */
export function metricLabelIn(m: Metric, l: (k: FactKey) => string): string {
  if ('fact' in m) return l(m.fact);
  if ('growth' in m) return m.published ? l(m.published) : `${l(m.growth)}增幅`;
  if ('ratio' in m) return m.published ? l(m.published) : `${l(m.ratio[0])}占${l(m.ratio[1])}比重`;
  if ('sumOverYears' in m) return `${m.from}—${m.to}年${l(m.sumOverYears)}合计`;
  if ('newlyOver' in m) return l(m.published);
  return `综合评价得分（${m.composite.map((x) => metricLabelIn(x, l)).join('、')}）`;
}

/** Render a metric value for people in its unit. */
export function showMetric(words: Vocabulary, m: Metric, v: Q): string {
  const u = metricUnit(words, m);
  if (u === 'ratio') return formatRatioQ(v);
  if (u === 'q') return formatQ(v);
  const held = v.n * 10n ** BigInt(UNITS[u].scale);
  return held % v.d === 0n ? formatValue(u, Number(held / v.d)) : formatQ(v);
}

const fact = (ctx: RunContext, i: number, k: FactKey, year: number): Q | undefined => {
  const v = ctx.population.value(i, k, year);
  return v === undefined ? undefined : fromScaled(v, UNITS[ctx.vocabulary.facts[k]!.unit].scale);
};
const missingFact = (ctx: RunContext, i: number, key: string, year: number): MissingFact => ({
  subject: ctx.population.subjects.id(i), key, year,
});
const none = (missing: MissingFact[], text: string): Measured => ({ ok: false, missing, text });

/** Measure a metric on subject i for the run's year (I-growth: the published rate first). */
export function measure(ctx: RunContext, i: number, m: Metric): Measured {
  const y = ctx.year;
  if ('fact' in m) {
    const v = fact(ctx, i, m.fact, y);
    return v ? { ok: true, q: v, text: showMetric(ctx.vocabulary, m, v) } : none([missingFact(ctx, i, m.fact, y)], '无数据');
  }
  if ('growth' in m || 'ratio' in m) {
    const pub = m.published ? fact(ctx, i, m.published, y) : undefined;
    if (pub) return { ok: true, q: pub, text: `${showMetric(ctx.vocabulary, m, pub)}（公布值）` };
    return 'growth' in m ? computedGrowth(ctx, i, m) : computedRatio(ctx, i, m);
  }
  if ('sumOverYears' in m) return sumOverYears(ctx, i, m);
  if ('newlyOver' in m) return newlyOver(ctx, i, m);
  throw new Error('internal: a composite is measured by the ranking, not per subject');
}

function computedGrowth(ctx: RunContext, i: number, m: Extract<Metric, { growth: unknown }>): Measured {
  const now = fact(ctx, i, m.growth, ctx.year);
  const last = fact(ctx, i, m.growth, ctx.year - 1);
  if (!now || !last || last.n === 0n) {
    const miss = [
      ...(m.published ? [missingFact(ctx, i, m.published, ctx.year)] : []),
      ...(!now ? [missingFact(ctx, i, m.growth, ctx.year)] : []),
      ...(!last || last.n === 0n ? [missingFact(ctx, i, m.growth, ctx.year - 1)] : []),
    ];
    return none(miss, last?.n === 0n ? '上年为零，增幅无法计算' : '无公布增幅，且缺少两年数据');
  }
  const g = div(sub(now, last), last);
  const show = (v: Q) => showMetric(ctx.vocabulary, { fact: m.growth }, v);
  return { ok: true, q: g, text: `${formatRatioQ(g)}（(${show(now)} − ${show(last)}) ÷ ${show(last)}，${ctx.year}年对${ctx.year - 1}年）` };
}

function computedRatio(ctx: RunContext, i: number, m: Extract<Metric, { ratio: unknown }>): Measured {
  const [a, b] = m.ratio;
  const num = fact(ctx, i, a, ctx.year);
  const den = fact(ctx, i, b, ctx.year);
  if (!num || !den || den.n === 0n) {
    const miss = [
      ...(m.published ? [missingFact(ctx, i, m.published, ctx.year)] : []),
      ...(!num ? [missingFact(ctx, i, a, ctx.year)] : []),
      ...(!den || den.n === 0n ? [missingFact(ctx, i, b, ctx.year)] : []),
    ];
    return none(miss, '无公布比重，且缺少计算所需数据');
  }
  const r = div(num, den);
  return { ok: true, q: r, text: `${formatRatioQ(r)}（${showMetric(ctx.vocabulary, { fact: a }, num)} ÷ ${showMetric(ctx.vocabulary, { fact: b }, den)}）` };
}

function sumOverYears(ctx: RunContext, i: number, m: Extract<Metric, { sumOverYears: unknown }>): Measured {
  let total = q(0n);
  const miss: MissingFact[] = [];
  for (let y = m.from; y <= m.to; y++) {
    const v = fact(ctx, i, m.sumOverYears, y);
    if (v) total = add(total, v);
    else miss.push(missingFact(ctx, i, m.sumOverYears, y));
  }
  if (miss.length) return none(miss, `缺少${miss.map((x) => x.year).join('、')}年数据`);
  return { ok: true, q: total, text: `${showMetric(ctx.vocabulary, m, total)}（${m.from}—${m.to}年合计）` };
}

/** 新培育过X企业数: the published count, else derived from member enterprises (I-guo decides 过). */
function newlyOver(ctx: RunContext, i: number, m: Extract<Metric, { newlyOver: unknown }>): Measured {
  const pub = fact(ctx, i, m.published, ctx.year);
  if (pub) return { ok: true, q: pub, text: `${showMetric(ctx.vocabulary, m, pub)}（公布值）` };
  const counts = ctx.memoize(`newlyOver|${m.newlyOver}|${m.value}|${m.legal}|${ctx.readings['I-guo']}`, () => countNewlyOver(ctx, m));
  const code = ctx.population.regionCode(i);
  const c = code === undefined ? undefined : counts.get(code);
  if (c === undefined) return none([missingFact(ctx, i, m.published, ctx.year)], '无公布数，辖区内也无企业数据');
  const op = operatorOf(m.legal, ctx.readings['I-guo']);
  return {
    ok: true, q: q(c),
    text: `${c}家（按辖区企业${factInfo(ctx.vocabulary, m.newlyOver).label}推算：本年${SYMBOL[op]}${m.value}且上年未达到；I-guo=${ctx.readings['I-guo']}）`,
  };
}

function countNewlyOver(ctx: RunContext, m: Extract<Metric, { newlyOver: unknown }>): Map<string, number> {
  const pop = ctx.population;
  const op = operatorOf(m.legal, ctx.readings['I-guo']);
  const t = scaled(unitOf(ctx.vocabulary, m.newlyOver), m.value);
  const now = pop.reader(m.newlyOver, ctx.year);
  const last = pop.reader(m.newlyOver, ctx.year - 1);
  const counts = new Map<string, number>();
  for (const e of pop.ofKind('enterprise')) {
    const code = pop.regionCode(e);
    const v = now(e);
    if (code === undefined || v === undefined) continue;
    counts.set(code, counts.get(code) ?? 0); // the county has data, even if the count stays 0
    const before = last(e);
    const passedLast = before !== undefined && holds(op, Math.sign(before - t));
    if (holds(op, Math.sign(v - t)) && !passedLast) counts.set(code, counts.get(code)! + 1);
  }
  return counts;
}

/** The region a benchmark refers to for subject i, and the regions that make it up. */
function benchmarkRegion(ctx: RunContext, i: number, b: Benchmark, issuer: string): { code: string; name: string; members: string[] } | undefined {
  if (b.average === 'country') return { code: 'CN', name: '全国', members: [] };
  if (b.average === 'province') return provinceRegion(ctx, issuer);
  const code = ctx.population.regionCode(i);
  const city = code === undefined ? undefined : ctx.regions.cityOf(code);
  return city ? { code: city, name: '全市', members: ctx.regions.childrenOf(city).map((r) => r.code) } : undefined;
}

/** 全省: the province of the document's issuer (a province's own document, or a city's within it), made up of its cities. */
function provinceRegion(ctx: RunContext, issuer: string): { code: string; name: string; members: string[] } | undefined {
  const province = ctx.regions.provinceOf(issuer);
  return province ? { code: province, name: '全省', members: ctx.regions.childrenOf(province).map((r) => r.code) } : undefined;
}

/** A benchmark (全省/全市/全国平均) for subject i under a document issued by `issuer`, under I-avg; memoised per region. */
export function benchmark(ctx: RunContext, i: number, b: Benchmark, issuer: string): Measured & { name: string } {
  const reg = benchmarkRegion(ctx, i, b, issuer);
  if (!reg && b.average === 'province') return { ...none([], '无法确定发文机关所在省'), name: '全省' };
  if (!reg) return { ...none([], '无法确定所在市'), name: '全市' };
  const key = `bench|${reg.code}|${JSON.stringify(b.metric)}|${ctx.readings['I-avg']}`;
  const r = ctx.memoize(key, () => regionValue(ctx, reg, b.metric));
  return { ...r, name: reg.name };
}

function regionValue(ctx: RunContext, reg: { code: string; members: string[] }, m: Metric): Measured {
  const pop = ctx.population;
  const own = pop.index(reg.code);
  const memberIdx = reg.members.map((c) => pop.index(c)).filter((x): x is number => x !== undefined);
  // member-mean needs member regions; the country has none in the data, so it keeps its published figure
  if (ctx.readings['I-avg'] === 'member-mean' && memberIdx.length) return memberMean(ctx, memberIdx, m);
  if (own !== undefined) {
    const r = measure(ctx, own, m);
    if (r.ok) return r;
  }
  if (memberIdx.length && reg.members.length === memberIdx.length) {
    const r = fromMemberTotals(ctx, memberIdx, m);
    if (r.ok) return r;
  }
  return none(own !== undefined ? missingOf(ctx, own, m) : [{ subject: reg.code, key: keyOf(m), year: ctx.year }],
    '无公布值，也无法由总量或下辖地区数据计算');
}

/** The fact a metric is mainly read from (its published figure first), to name what a subject without it lacks. */
export const keyOf = (m: Metric): string => ('growth' in m ? (m.published ?? m.growth) : 'ratio' in m ? (m.published ?? m.ratio[0]) : 'fact' in m ? m.fact : 'metric');
const missingOf = (ctx: RunContext, i: number, m: Metric): MissingFact[] => {
  const r = measure(ctx, i, m);
  return r.ok ? [] : [...r.missing];
};

function memberMean(ctx: RunContext, members: number[], m: Metric): Measured {
  if (!members.length) return none([], '无下辖地区数据');
  let total = q(0n);
  for (const i of members) {
    const r = measure(ctx, i, m);
    if (!r.ok) return none([...r.missing], '下辖地区数据不全，无法计算简单平均');
    total = add(total, r.q);
  }
  const mean = div(total, q(members.length));
  return { ok: true, q: mean, text: `${showMetric(ctx.vocabulary, m, mean)}（${members.length}个下辖地区的简单平均，I-avg=member-mean）` };
}

/** Σthis / Σlast − 1 (growth) or Σnum / Σden (share) over the member regions. */
function fromMemberTotals(ctx: RunContext, members: number[], m: Metric): Measured {
  const sumOf = (k: FactKey, y: number): Q | undefined => {
    let t = q(0n);
    for (const i of members) {
      const v = fact(ctx, i, k, y);
      if (!v) return undefined;
      t = add(t, v);
    }
    return t;
  };
  if ('growth' in m) {
    const now = sumOf(m.growth, ctx.year);
    const last = sumOf(m.growth, ctx.year - 1);
    if (!now || !last || last.n === 0n) return none([], '');
    const g = div(sub(now, last), last);
    return { ok: true, q: g, text: `${formatRatioQ(g)}（由${members.length}个下辖地区两年合计计算）` };
  }
  if ('ratio' in m) {
    const num = sumOf(m.ratio[0], ctx.year);
    const den = sumOf(m.ratio[1], ctx.year);
    if (!num || !den || den.n === 0n) return none([], '');
    const r = div(num, den);
    return { ok: true, q: r, text: `${formatRatioQ(r)}（由${members.length}个下辖地区合计计算）` };
  }
  return none([], '');
}
