/**
 * Award primitives: how much a qualifying subject gets. Each computation records its steps
 * (tier reached, units counted, rate × cost, caps applied) so the amount explains itself.
 * Money is integer fen; every fraction of a fen is rounded down (I-money-rounding = floor).
 */
import type { RunContext } from './context.js';
import { formatRatio, formatValue, formatYuan } from './format.js';
import type { ReadingId } from './interpretations.js';
import { holds, noteOf, operatorOf } from './legal.js';
import type { MissingFact } from './metrics.js';
import { scaled } from './quantity.js';
import type { Award, CostPick, Rule, Tier } from './rule.js';
import type { Step } from './trace.js';
import { UNITS, type FactKey } from './vocabulary.js';

export type AwardType = 'money' | 'honor' | 'recommendation' | 'pending';

export interface Computed {
  readonly status: 'award' | 'not-eligible' | 'missing';
  readonly type: AwardType;
  readonly fen: number | null;
  readonly ceiling: boolean;
  readonly steps: readonly Step[];
  readonly missing: readonly MissingFact[];
  readonly readings: readonly ReadingId[];
}

/** floor(a × b / c) for non-negative integers, exact beyond 2^53 through BigInt. */
export function mulDivFloor(a: number, b: number, c: number): number {
  const p = a * b;
  if (Number.isSafeInteger(p)) return Math.floor(p / c);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

const compute = (s: string, data: Record<string, string | number | null> = {}): Step => ({ kind: 'compute', text: s, data });
const cap = (s: string): Step => ({ kind: 'cap', text: s });

/** The facts an award reads from the subject (with a rule's conditions: is the subject a claimant?). */
export function awardFacts(a: Award): FactKey[] {
  if ('tiers' in a) return [a.on];
  if ('perUnit' in a) return [a.perUnit.fact];
  if ('costShare' in a) return [...a.costShare.facts];
  return [];
}

export function awardReadings(a: Award): ReadingId[] {
  if ('tiers' in a) return a.tiers.some((t) => t.to !== undefined) ? ['I-tier-range'] : [];
  if ('perUnit' in a) return ['I-per-unit'];
  if ('costShare' in a) return a.costShare.pick ? [a.costShare.pick.reading] : [];
  return [];
}

/**
 * The amount for subject i. With `explain` false (the population path) no step text is built;
 * the amount is computed by exactly the same code either way.
 */
export function computeAward(ctx: RunContext, rule: Rule, i: number, rank: number | undefined, explain: boolean): Computed {
  const a = rule.award;
  const st = staticOf(a);
  const base: Base = { ceiling: st.ceiling, readings: st.readings, explain };
  const steps: Step[] = [];
  const say = sayer(base, steps);
  if ('money' in a) {
    const fen = scaled('yuan', a.money);
    say(() => compute(`${base.ceiling ? '最高' : ''}给予 ${formatYuan(fen)}`, { amount: fen }));
    return result(base, 'award', 'money', fen, steps);
  }
  if ('honor' in a) {
    say(() => compute(`授予：${a.honor}`));
    return result(base, 'award', 'honor', null, steps);
  }
  if ('recommendation' in a) {
    say(() => compute(a.recommendation));
    return result(base, 'award', 'recommendation', null, steps);
  }
  if ('pending' in a) return pending(ctx, rule, a.pending, base);
  if ('prizes' in a) {
    const r = rank!;
    const fen = scaled('yuan', a.prizes[r - 1]!);
    say(() => compute(`第${r}名奖励 ${formatYuan(fen)}（${a.prizes.join(' / ')}）`, { rank: r, amount: fen }));
    return result(base, 'award', 'money', fen, steps);
  }
  if ('tiers' in a) return tiered(ctx, a, i, base);
  if ('perUnit' in a) return perUnit(ctx, a, i, base);
  return costShare(ctx, a, i, base);
}

/** What does not depend on the subject, worked out once per award. */
const STATIC = new WeakMap<Award, { ceiling: boolean; readings: ReadingId[] }>();
function staticOf(a: Award): { ceiling: boolean; readings: ReadingId[] } {
  let s = STATIC.get(a);
  if (!s) STATIC.set(a, (s = { ceiling: 'ceiling' in a && a.ceiling === true, readings: awardReadings(a) }));
  return s;
}

type Base = { ceiling: boolean; readings: ReadingId[]; explain: boolean };

/** A result without object spreads (this runs for every qualifying subject of a million). */
function result(b: Base, status: Computed['status'], type: AwardType, fen: number | null, steps: readonly Step[], missing: readonly MissingFact[] = []): Computed {
  return { status, type, fen, ceiling: b.ceiling, steps, missing, readings: b.readings };
}

/** Steps only when explaining: `say(() => step)` costs nothing on the population path. */
const sayer = (b: Base, steps: Step[]) => (make: () => Step): void => {
  if (b.explain) steps.push(make());
};

function pending(ctx: RunContext, rule: Rule, text: string, base: Base): Computed {
  const set = ctx.parameter(rule.id, 'amount');
  const steps: Step[] = [];
  const say = sayer(base, steps);
  if (set === undefined) {
    say(() => compute(`${text}：符合条件，金额待定（待设定${ctx.year}年该条款的金额参数 amount）`));
    return result(base, 'award', 'pending', null, steps);
  }
  say(() => ({ kind: 'parameter', text: `${text}：按设定的${ctx.year}年金额标准给予 ${formatYuan(set)}（参数 amount）`, data: { amount: set } }));
  return result(base, 'award', 'money', set, steps);
}

function tierHolds(ctx: RunContext, t: Tier, v: number, unit: keyof typeof UNITS): boolean {
  const from = scaled(unit, t.from);
  if (t.to === undefined) return holds(operatorOf(t.legal ?? '以上'), v - from);
  const to = scaled(unit, t.to);
  return ctx.readings['I-tier-range'] === 'lower-inclusive' ? from <= v && v < to : from < v && v <= to;
}

function tierText(ctx: RunContext, t: Tier): string {
  if (t.to === undefined) return `${t.from}${t.legal ?? '以上'}（${noteOf(t.legal ?? '以上')}）`;
  return ctx.readings['I-tier-range'] === 'lower-inclusive' ? `${t.from}（含）至${t.to}（不含）` : `${t.from}（不含）至${t.to}（含）`;
}

/** The highest tier reached (分档奖励，就高). */
function tiered(ctx: RunContext, a: Extract<Award, { tiers: unknown }>, i: number, base: Base): Computed {
  const { unit, label: name } = ctx.vocabulary.facts[a.on]!; // per subject: the corpus's check declared it
  const v = ctx.population.value(i, a.on, ctx.year);
  if (v === undefined) {
    return result(base, 'missing', 'money', null, [], [{ subject: ctx.population.subjects.id(i), key: a.on, year: ctx.year }]);
  }
  for (let k = a.tiers.length - 1; k >= 0; k--) {
    const t = a.tiers[k]!;
    if (!tierHolds(ctx, t, v, unit)) continue;
    const fen = scaled('yuan', t.money);
    const next = a.tiers[k + 1];
    const steps: Step[] = [];
    sayer(base, steps)(() => {
      const gap = next ? `；距下一档（${next.from}，${next.money}）还差 ${formatValue(unit, scaled(unit, next.from) - v)}` : '';
      return compute(`${name} ${formatValue(unit, v)}，达到第${k + 1}档 ${tierText(ctx, t)} → ${base.ceiling ? '最高' : ''}${formatYuan(fen)}${gap}`, { tier: k + 1, amount: fen, indicator: `${name} ${formatValue(unit, v)}` });
    });
    return result(base, 'award', 'money', fen, steps);
  }
  const first = a.tiers[0]!;
  const steps: Step[] = [];
  sayer(base, steps)(() => {
    const gapFen = scaled(unit, first.from) - v;
    const gap = gapFen > 0 ? `，还差 ${formatValue(unit, gapFen)} 达到 ${first.from}` : '';
    return { kind: 'condition', holds: false, text: `${name} ${formatValue(unit, v)} 未达到任何一档（最低档 ${tierText(ctx, first)}）${gap}`, data: { gap: gap || null } };
  });
  return result(base, 'not-eligible', 'money', null, steps);
}

/** 每实现1万元给予2元: full units by default (I-per-unit), then the per-subject cap. */
function perUnit(ctx: RunContext, a: Extract<Award, { perUnit: unknown }>, i: number, base: Base): Computed {
  const pu = a.perUnit;
  const capText = a.cap;
  const fact = ctx.vocabulary.facts[pu.fact]!;
  const unit = fact.unit;
  const v = ctx.population.value(i, pu.fact, ctx.year);
  if (v === undefined) return result(base, 'missing', 'money', null, [], [{ subject: ctx.population.subjects.id(i), key: pu.fact, year: ctx.year }]);
  const per = scaled(unit, pu.per);
  const pay = scaled('yuan', pu.pay);
  const steps: Step[] = [];
  const say = sayer(base, steps);
  let fen: number;
  if (ctx.readings['I-per-unit'] === 'full-units') {
    const units = Math.floor(v / per);
    fen = units * pay;
    say(() => compute(`${fact.label} ${formatValue(unit, v)} ÷ ${pu.per} = ${units}个完整单位（I-per-unit=full-units，不足一个单位不计）× ${pu.pay} = ${formatYuan(fen)}`, { units, amount: fen, indicator: `${fact.label} ${formatValue(unit, v)}` }));
  } else {
    fen = mulDivFloor(v, pay, per);
    say(() => compute(`${fact.label} ${formatValue(unit, v)} ÷ ${pu.per} × ${pu.pay} = ${formatYuan(fen)}（I-per-unit=proportional，不足一分舍去）`, { amount: fen, indicator: `${fact.label} ${formatValue(unit, v)}` }));
  }
  if (capText !== undefined) {
    const c = scaled('yuan', capText);
    const before = fen;
    if (fen > c) fen = c;
    say(() => cap(before > c ? `每家最高 ${capText}：${formatYuan(before)} → ${formatYuan(c)}` : `未超过每家最高 ${capText}`));
  }
  return result(base, 'award', 'money', fen, steps);
}

/** rate × cost per item, per-item cap, the sum, per-year cap (按实际发生费用的80%，每次不超过5万元，年内累计不超过10万元). */
function costShare(ctx: RunContext, a: Extract<Award, { costShare: unknown }>, i: number, base: Base): Computed {
  const cs = a.costShare;
  const rate = scaled('ratio', cs.rate);
  const steps: Step[] = [];
  const say = sayer(base, steps);
  const subject = ctx.population.subjects.id(i);
  let items = cs.facts.flatMap((k) => (ctx.population.items(i, k, ctx.year) ?? []).map((it) => ({ ...it, key: k })));
  if (cs.pick) {
    const chosen = pickOne(ctx, i, cs.facts, cs.pick, items);
    if ('missing' in chosen) return result(base, 'missing', 'money', null, steps, [{ subject, key: chosen.missing, year: ctx.year }]);
    say(() => compute(chosen.text));
    items = chosen.items;
  }
  if (!items.length) return result(base, 'missing', 'money', null, steps, cs.facts.map((key) => ({ subject, key, year: ctx.year })));
  if (cs.except) {
    items = leaveOutSubsidised(ctx, i, cs.except, items, say);
    if (!items.length) return result(base, 'not-eligible', 'money', null, steps);
  }
  let total = 0;
  for (const it of items) {
    const share = mulDivFloor(it.value, rate, 10 ** UNITS.ratio.scale);
    const capped = cs.itemCap !== undefined && share > scaled('yuan', cs.itemCap);
    const fen = capped ? scaled('yuan', cs.itemCap!) : share;
    say(() => compute(`${ctx.vocabulary.facts[it.key]!.label}${it.item ? `「${it.item}」` : ''} ${formatYuan(it.value)} × ${formatRatio(rate)} = ${formatYuan(share)}${capped ? `，每次（项）不超过 ${cs.itemCap} → ${formatYuan(fen)}` : ''}`, { item: it.item, amount: fen }));
    total += fen;
  }
  const sum = total;
  if (items.length > 1) say(() => compute(`合计 ${formatYuan(sum)}`, { amount: sum }));
  if (cs.yearCap !== undefined && total > scaled('yuan', cs.yearCap)) {
    say(() => cap(`每年累计不超过 ${cs.yearCap}：${formatYuan(sum)} → ${cs.yearCap}`));
    total = scaled('yuan', cs.yearCap);
  }
  return result(base, 'award', 'money', total, steps);
}

type Item = { item: string; value: number; key: FactKey };

/**
 * 已享受其他补贴的不再重复补贴: the cost items the `except` flag marks (same item name; a flag
 * without an item marks every item) are left out of the base; the rest is paid as usual.
 */
function leaveOutSubsidised(ctx: RunContext, i: number, except: FactKey, items: Item[], say: (make: () => Step) => void): Item[] {
  const marked = (ctx.population.items(i, except, ctx.year) ?? []).filter((m) => m.value === 1).map((m) => m.item);
  if (!marked.length) return items;
  const out = items.filter((it) => !marked.includes(it.item) && !marked.includes(''));
  for (const it of items) {
    if (!out.includes(it)) say(() => compute(`${ctx.vocabulary.facts[it.key]!.label}${it.item ? `「${it.item}」` : ''} ${formatYuan(it.value)} 已享受其他补贴，不再重复补贴，不计入`, { item: it.item, amount: 0 }));
  }
  return out;
}

/** 一项最高50%: the largest item, or the one named in the application (the document's reading says which). */
function pickOne(ctx: RunContext, i: number, facts: readonly FactKey[], pick: CostPick, items: Item[]): { items: Item[]; text: string } | { missing: FactKey } {
  const reading = `${pick.reading}=${ctx.readings[pick.reading]}`;
  if (ctx.readings[pick.reading] === pick.appliedWhen) {
    const k = ctx.population.value(i, pick.applied, ctx.year);
    const key = k === undefined ? undefined : facts[k - 1];
    if (!key) return { missing: pick.applied };
    const chosen = items.filter((x) => x.key === key);
    if (!chosen.length) return { missing: key };
    return { items: chosen, text: `按企业申请的一项计算：${ctx.vocabulary.facts[key]!.label}（${reading}）` };
  }
  if (!items.length) return { items, text: '' };
  const best = items.reduce((b, x) => (x.value > b.value ? x : b));
  return { items: [best], text: `三项费用中取最大的一项：${ctx.vocabulary.facts[best.key]!.label} ${formatYuan(best.value)}（${reading}）` };
}
