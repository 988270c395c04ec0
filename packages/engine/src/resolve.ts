/**
 * What happens between "qualifies" and "is paid": once-only rules (一次性, I-once), the
 * credit blacklist (I-blacklist), exclusive groups (不重复奖励 / 就高不就低, I-exclusive),
 * document-wide exclusivity (jining: the document's own reading says when), awards already granted
 * (history: I-group-history, I-pool-period) and pools (总额不超过, I-pool).
 * Each step marks decisions withheld or scaled and says why, in the decision's `after` steps.
 * Each decision is settled under its own document's readings (`ctx.readingsFor`).
 */
import type { Granted, RunContext } from './context.js';
import { formatYuan, yuanString } from './format.js';
import { mulDivFloor } from './awards.js';
import { scaled } from './quantity.js';
import type { Decision } from './rule-run.js';
import type { Corpus, ExclusiveGroup, PolicyDocument, Rule } from './rule.js';
import { articleLabel } from './trace.js';

const live = (d: Decision) => d.status === 'award' && !d.withheld;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const subjectId = (ctx: RunContext, d: Decision) => ctx.population.subjects.id(d.i);

/** The versions of a rule's award (versions.ts `sameAward`): a rule alone unless an amendment continues it. */
export type SameAward = (rule: string) => readonly string[];
const alone: SameAward = (rule) => [rule];

/** 一次性: an earlier award of the same rule (or a version of it) in the history (I-once = ever), or this year's (per-year). */
export function applyOnce(ctx: RunContext, decisions: Decision[], sameAward: SameAward = alone): void {
  for (const d of decisions) {
    if (!live(d) || !d.rule.once) continue;
    const once = ctx.readingsFor(d.rule.document)['I-once'];
    const perYear = once === 'per-year';
    const id = subjectId(ctx, d);
    const years = sameAward(d.rule.id).flatMap((r) => ctx.awardedYears(id, r)).filter((y) => (perYear ? y === ctx.year : y <= ctx.year));
    if (!years.length) continue;
    const text = `一次性奖励：该主体已于${years.join('、')}年获得本项奖励，不再重复给予（I-once=${once}）`;
    d.withheld = { reason: 'once', text };
    d.after.push({ kind: 'once', text, holds: false });
  }
}

/** 信用黑名单: no award of any kind (I-blacklist = no-money), or ignored. */
export function applyBlacklist(ctx: RunContext, decisions: Decision[]): void {
  for (const d of decisions) {
    if (!live(d) || !ctx.population.hasTag(d.i, 'creditBlacklisted')) continue;
    if (ctx.readingsFor(d.rule.document)['I-blacklist'] === 'ignore') continue;
    const text = '该主体列入信用黑名单，不予奖励（I-blacklist=no-money，荣誉一并不予）';
    d.withheld = { reason: 'blacklist', text };
    d.after.push({ kind: 'blacklist', text, holds: false });
  }
}

/** The amount an award competes with inside a group: its money (最高 = the ceiling); non-money never wins. */
const weight = (d: Decision): number => (d.type === 'money' && d.fen !== null ? d.fen : -1);

/**
 * Keep each subject's highest money award of a set of rules; ties keep the rule listed first.
 * Returns the decisions withheld by this pass.
 */
function keepHighest(decisions: Decision[], order: readonly string[], group: string, reason: 'exclusive' | 'document-exclusive', text: string): Decision[] {
  const pos = new Map(order.map((r, k) => [r, k]));
  const bySubject = new Map<number, Decision[]>();
  for (const d of decisions) {
    if (!live(d) || d.type !== 'money' || !pos.has(d.rule.id)) continue;
    const list = bySubject.get(d.i);
    if (list) list.push(d);
    else bySubject.set(d.i, [d]);
  }
  const withheld: Decision[] = [];
  for (const list of bySubject.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => weight(b) - weight(a) || pos.get(a.rule.id)! - pos.get(b.rule.id)!);
    const kept = list[0]!;
    kept.after.push({ kind: 'exclusive', holds: true, text: `${text}：本项为该主体在${group}中金额最高的一项，予以保留` });
    for (const d of list.slice(1)) {
      const why = `${text}：该主体同时符合 ${kept.rule.id}（${formatYuan(kept.fen ?? 0)}），就高保留该项，本项（${formatYuan(d.fen ?? 0)}）不予重复给予`;
      d.withheld = { reason, group, keptRule: kept.rule.id, text: why };
      d.after.push({ kind: 'exclusive', holds: false, text: why });
      withheld.push(d);
    }
  }
  return withheld;
}

export function applyGroups(ctx: RunContext, decisions: Decision[], groups: readonly ExclusiveGroup[]): Decision[] {
  return groups.flatMap((g) => keepHighest(decisions, g.rules, g.id, 'exclusive', `${groupText(ctx, g)}（I-exclusive=highest）`));
}

/**
 * A group's words, with the document and article that declare them when its rules are of several
 * documents (同一事项不重复享受 across levels): a rule is then excluded by another document's text.
 */
function groupText(ctx: RunContext, g: ExclusiveGroup): string {
  const documents = new Set(g.rules.map((r) => ctx.rules.get(r)?.document));
  if (documents.size < 2) return g.text;
  const doc = ctx.documents.get(g.document);
  return `${doc?.number ?? g.document}${g.article ? ` ${articleLabel(g.article)}` : ''}（跨文件）：${g.text}`;
}

/**
 * 以上奖励政策按就高原则执行，不重复享受: at most one money award per subject from the document, when
 * the document's own reading reads as its `exclusive` declares (else each group alone).
 */
export function applyDocumentExclusive(ctx: RunContext, decisions: Decision[], corpus: Corpus): Decision[] {
  const out: Decision[] = [];
  for (const doc of corpus.documents) {
    if (!documentWide(ctx, doc)) continue;
    const { interpretation, documentWide: wide, text } = doc.exclusive!;
    const order = corpus.rules.filter((r) => r.document === doc.id).map((r) => r.id);
    out.push(...keepHighest(decisions, order, doc.id, 'document-exclusive', `${text}（${interpretation}=${wide}）`));
  }
  return out;
}

/** Whether the document's 全文就高 holds in this run (its reading reads `documentWide`). */
const documentWide = (ctx: RunContext, doc: PolicyDocument): boolean =>
  doc.exclusive !== undefined && ctx.readingsFor(doc.id)[doc.exclusive.interpretation] === doc.exclusive.documentWide;

export interface PoolResult {
  /** the rule whose awards share the cap; for a document's budget, the document */
  readonly rule: string;
  /** present for a document's budget (年度资金总额): every money award of the document shares it */
  readonly budget?: true;
  readonly cap: string;
  readonly requested: string;
  readonly granted: string;
  /** what awards of the period granted before this run (history) had already used; absent when nothing */
  readonly grantedBefore?: string;
}

/** The amount an award asks of a pool: what is still due after history (a top-up), else what was decided. */
const due = (d: Decision): number => d.granted ?? d.fen!;

/** What shares one cap: a rule's awards (its pool), or every money award of a document (its budget). */
export interface Pool {
  readonly id: string;
  readonly rules: ReadonlySet<string>;
  readonly doc: PolicyDocument;
  readonly cap: string;
  readonly text: string;
  readonly budget?: true;
}

/** 全省补贴总额不超过500万元: one rule's pool (with its figures of the year). */
export const rulePool = (ctx: RunContext, rule: Rule): Pool => ({
  id: rule.id, rules: new Set([rule.id]), doc: ctx.documents.get(rule.document)!, cap: rule.pool!.cap, text: rule.pool!.text,
});

/** 年度资金总额不超过…: every rule of the document, under the document's number and article. */
export const documentBudget = (corpus: Corpus, doc: PolicyDocument): Pool => ({
  id: doc.id, rules: new Set(corpus.rules.filter((r) => r.document === doc.id).map((r) => r.id)), doc, cap: doc.budget!.cap,
  text: `${doc.number}${doc.budget!.article ? ` ${articleLabel(doc.budget!.article)}` : ''}：${doc.budget!.text}`, budget: true,
});

/**
 * 全省补贴总额不超过500万元: what awards of the pool's period already granted (history, I-pool-period)
 * use up the cap first; the new requests share what is left, scaled by left / requested (I-pool =
 * pro-rata) or paid largest first.
 */
export function applyPool(run: RunContext, decisions: Decision[], pool: Pool): PoolResult {
  const { text, doc } = pool;
  const ctx = run.forDocument(doc.id);
  const awards = decisions.filter((d) => live(d) && pool.rules.has(d.rule.id) && d.fen !== null);
  const capText = pool.cap;
  const cap = scaled('yuan', capText);
  const before = ctx.hasHistory ? [...pool.rules].reduce((s, r) => s + ctx.grantedByRuleIn(r, periodOf(ctx, doc)), 0) : 0;
  const left = Math.max(0, cap - before);
  const capSaid = before > 0 ? `${capText}（已给予 ${formatYuan(before)}，${periodText(ctx)}剩余 ${formatYuan(left)}）` : capText;
  const requested = awards.reduce((s, d) => s + due(d), 0);
  let granted = 0;
  if (requested <= left) {
    for (const d of awards) {
      d.granted = due(d);
      d.after.push({ kind: 'pool', holds: true, text: `${text}：申请合计 ${formatYuan(requested)} 未超过总额 ${capSaid}，全额给予` });
    }
    granted = requested;
  } else if (left === 0) {
    for (const d of awards) {
      const why = `${text}：总额已由此前给予的 ${formatYuan(before)} 用完（I-pool-period=${ctx.readings['I-pool-period']}），本项不予补贴`;
      d.granted = 0;
      d.withheld = { reason: 'pool', text: why };
      d.after.push({ kind: 'pool', holds: false, text: why });
    }
  } else if (ctx.readings['I-pool'] === 'pro-rata') {
    for (const d of awards) {
      const asked = due(d);
      d.granted = mulDivFloor(asked, left, requested);
      granted += d.granted;
      d.after.push({ kind: 'pool', holds: true, text: `${text}：申请合计 ${formatYuan(requested)} 超过${before > 0 ? '剩余额度' : '总额'} ${capSaid}，按比例 ${formatYuan(left)} ÷ ${formatYuan(requested)} 同比例核减：${formatYuan(asked)} → ${formatYuan(d.granted)}（不足一分舍去，I-pool=pro-rata）`, data: { before: yuanString(asked), after: yuanString(d.granted) } });
    }
  } else {
    const order = [...awards].sort((a, b) => due(b) - due(a) || cmp(subjectId(ctx, a), subjectId(ctx, b)) || cmp(a.rule.id, b.rule.id));
    let rest = left;
    for (const d of order) {
      d.granted = Math.min(due(d), rest);
      rest -= d.granted;
      granted += d.granted;
      const t = `${text}：按金额从大到小全额给予，至${before > 0 ? '剩余额度' : '总额'} ${capSaid} 用完为止（I-pool=largest-first）：本项 ${formatYuan(d.granted)}`;
      d.after.push({ kind: 'pool', holds: d.granted > 0, text: t });
      if (d.granted === 0) d.withheld = { reason: 'pool', text: `${text}：总额已用完` };
    }
  }
  return { rule: pool.id, ...(pool.budget ? { budget: true as const } : {}), cap: yuanString(cap), requested: yuanString(requested), granted: yuanString(granted), ...(before > 0 ? { grantedBefore: yuanString(before) } : {}) };
}

/** The years a pool or a per-subject cap runs over (I-pool-period): the run's year, or every year of the document's validity. */
function periodOf(ctx: RunContext, doc: PolicyDocument): (year: number) => boolean {
  if (ctx.readings['I-pool-period'] === 'year') return (y) => y === ctx.year;
  const from = Number(doc.validFrom.slice(0, 4));
  const to = doc.validTo ? Number(doc.validTo.slice(0, 4)) : Infinity;
  return (y) => y >= from && y <= to;
}

const periodText = (ctx: RunContext): string => (ctx.readings['I-pool-period'] === 'year' ? `${ctx.year}年` : '有效期内');

/**
 * One limit that awards already granted put on a new award: the most it may still pay, and the
 * grant that limits it (named in the explanation).
 */
interface Limit {
  readonly room: number;
  readonly reason: 'exclusive-history' | 'cap-history';
  readonly by: Granted;
  readonly text: string;
}

const grantText = (gs: readonly Granted[]): string => gs.map((g) => `${g.year}年 ${g.rule}（${formatYuan(g.amount)}）`).join('、');
const paidIn = (gs: readonly Granted[]): number => gs.reduce((s, g) => s + g.amount, 0);

/** The highest grant, named as the award kept (ties: the first listed). */
const highest = (gs: readonly Granted[]): Granted => gs.reduce((b, g) => (g.amount > b.amount ? g : b));

/**
 * Awards already granted (history) count as if decided in this run: in the rule's own year (a
 * re-run pays only what is still due), in its exclusive group and in the document's 就高 (the
 * subject's total is its highest single award: I-group-history = top-up pays the difference, none
 * pays nothing more), and in a per-subject cap of the period (I-pool-period).
 */
export function applyHistory(ctx: RunContext, decisions: Decision[], corpus: Corpus, sameAward: SameAward = alone): void {
  if (!ctx.hasHistory) return;
  const groups = new Map(corpus.groups.map((g) => [g.id, g]));
  for (const d of decisions) {
    if (!live(d) || d.type !== 'money' || d.fen === null) continue;
    const grants = ctx.grantsOf(d.i);
    if (!grants.length) continue;
    const limits = limitsOn(ctx, d, grants, groups, sameAward(d.rule.id));
    if (!limits.length) continue;
    const tight = limits.reduce((a, b) => (b.room < a.room ? b : a));
    if (tight.room <= 0) {
      d.withheld = { reason: tight.reason, keptRule: tight.by.rule, text: tight.text };
      d.after.push({ kind: 'exclusive', holds: false, text: tight.text });
      continue;
    }
    if (tight.room >= d.fen) continue;
    d.granted = tight.room;
    d.after.push({ kind: 'exclusive', holds: true, text: tight.text, data: { decided: yuanString(d.fen), due: yuanString(tight.room), granted: tight.by.rule } });
  }
}

function limitsOn(run: RunContext, d: Decision, grants: readonly Granted[], groups: ReadonlyMap<string, ExclusiveGroup>, versions: readonly string[]): Limit[] {
  const ctx = run.forDocument(d.rule.document);
  const out: Limit[] = [];
  const thisYear = (g: Granted) => g.year === ctx.year;
  // a version of the award granted for the year (before an amendment) is this award's grant
  const own = grants.filter((g) => versions.includes(g.rule) && thisYear(g));
  if (own.length) out.push(topUp(d, own, `本项奖励本年度已给予：${grantText(own)}，同一年度不重复给予`, 'top-up'));
  const group = d.rule.exclusiveGroup === undefined ? undefined : groups.get(d.rule.exclusiveGroup);
  if (group) {
    const inGroup = grants.filter((g) => group.rules.includes(g.rule) && groupPeriod(ctx, group)(g.year));
    if (inGroup.length) out.push(topUp(d, inGroup, `${groupText(ctx, group)}：该主体已获得同组奖励 ${grantText(inGroup)}`, ctx.readings['I-group-history']));
  }
  const doc = ctx.documents.get(d.rule.document)!;
  if (documentWide(ctx, doc)) {
    const inDoc = grants.filter((g) => thisYear(g) && ctx.rules.get(g.rule)?.document === doc.id);
    if (inDoc.length) out.push(topUp(d, inDoc, `${doc.exclusive!.text}：该主体${ctx.year}年已获得本文件奖励 ${grantText(inDoc)}`, ctx.readings['I-group-history']));
  }
  const cap = 'perUnit' in d.rule.award ? d.rule.award.cap : undefined;
  if (cap !== undefined && ctx.readings['I-pool-period'] === 'validity') {
    const inPeriod = grants.filter((g) => g.rule === d.rule.id && periodOf(ctx, doc)(g.year));
    if (inPeriod.length) {
      const room = Math.max(0, scaled('yuan', cap) - paidIn(inPeriod));
      const text = `每家最高 ${cap}，按文件有效期计（I-pool-period=validity）：该主体已获得 ${grantText(inPeriod)}，本项最多 ${formatYuan(room)}${room < d.fen! ? `：${formatYuan(d.fen!)} → ${formatYuan(room)}` : ''}`;
      out.push({ room, reason: 'cap-history', by: highest(inPeriod), text });
    }
  }
  return out;
}

/** 就高: the new award pays what it exceeds the grants by (top-up), or nothing once any was granted (none). */
function topUp(d: Decision, gs: readonly Granted[], said: string, reading: 'top-up' | 'none'): Limit {
  const by = highest(gs);
  const paid = paidIn(gs);
  const fen = d.fen!;
  if (reading === 'none') return { room: 0, reason: 'exclusive-history', by, text: `${said}，不再给予其他奖励（I-group-history=none）` };
  if (paid >= fen) return { room: 0, reason: 'exclusive-history', by, text: `${said}，合计不低于本项 ${formatYuan(fen)}，就高不重复给予（I-group-history=top-up）` };
  return { room: fen - paid, reason: 'exclusive-history', by, text: `${said}，就高补差：${formatYuan(fen)} − ${formatYuan(paid)} = ${formatYuan(fen - paid)}（I-group-history=top-up）` };
}

/**
 * The years whose grants count in a group: a group of 一次性 awards is enjoyed once over the
 * document's validity (as I-once reads 一次性), any other group once a year.
 */
function groupPeriod(ctx: RunContext, group: ExclusiveGroup): (year: number) => boolean {
  const onceOnly = group.rules.every((r) => ctx.rules.get(r)?.once === true);
  if (onceOnly && ctx.readings['I-once'] === 'ever') return (y) => y <= ctx.year;
  return (y) => y === ctx.year;
}

/**
 * An honour that goes with a group's award (济阳 5: 并授予荣誉称号) is not given again when the
 * subject's award of the group was withheld because one was already granted: it came with that one.
 */
export function applyHonorHistory(decisions: Decision[], grantedBefore: (i: number, group: string) => string | undefined): void {
  for (const d of decisions) {
    if (!live(d)) continue;
    for (const c of d.rule.conditions) {
      if (!('wonGroup' in c)) continue;
      const kept = grantedBefore(d.i, c.wonGroup);
      if (kept === undefined) continue;
      const text = `该主体已获得同组奖励（${kept}），荣誉随该奖励授予，不再重复授予`;
      d.withheld = { reason: 'exclusive-history', group: c.wonGroup, keptRule: kept, text };
      d.after.push({ kind: 'exclusive', holds: false, text });
      break;
    }
  }
}
