/**
 * What happens between "qualifies" and "is paid": once-only rules (一次性, I-once), the
 * credit blacklist (I-blacklist), exclusive groups (不重复奖励 / 就高不就低, I-exclusive),
 * document-wide exclusivity (jining, I-jining-doc-exclusive) and pools (总额不超过, I-pool).
 * Each step marks decisions withheld or scaled and says why, in the decision's `after` steps.
 */
import type { RunContext } from './context.js';
import { formatYuan, yuanString } from './format.js';
import { mulDivFloor } from './awards.js';
import { scaled } from './quantity.js';
import type { Decision } from './rule-run.js';
import type { Corpus, ExclusiveGroup } from './rule.js';

const live = (d: Decision) => d.status === 'award' && !d.withheld;
const subjectId = (ctx: RunContext, d: Decision) => ctx.population.subjects.id(d.i);

/** 一次性: an earlier award of the same rule in the history (I-once = ever), or this year's (per-year). */
export function applyOnce(ctx: RunContext, decisions: Decision[]): void {
  const perYear = ctx.readings['I-once'] === 'per-year';
  for (const d of decisions) {
    if (!live(d) || !d.rule.once) continue;
    const years = ctx.awardedYears(subjectId(ctx, d), d.rule.id).filter((y) => (perYear ? y === ctx.year : y <= ctx.year));
    if (!years.length) continue;
    const text = `一次性奖励：该主体已于${years.join('、')}年获得本项奖励，不再重复给予（I-once=${ctx.readings['I-once']}）`;
    d.withheld = { reason: 'once', text };
    d.after.push({ kind: 'once', text, holds: false });
  }
}

/** 信用黑名单: no award of any kind (I-blacklist = no-money), or ignored. */
export function applyBlacklist(ctx: RunContext, decisions: Decision[]): void {
  if (ctx.readings['I-blacklist'] === 'ignore') return;
  for (const d of decisions) {
    if (!live(d) || !ctx.population.hasTag(d.i, 'creditBlacklisted')) continue;
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

export function applyGroups(decisions: Decision[], groups: readonly ExclusiveGroup[]): Decision[] {
  return groups.flatMap((g) => keepHighest(decisions, g.rules, g.id, 'exclusive', `${g.text}（I-exclusive=highest）`));
}

/** 以上奖励政策按就高原则执行，不重复享受: at most one money award per subject from the document. */
export function applyDocumentExclusive(ctx: RunContext, decisions: Decision[], corpus: Corpus): Decision[] {
  const out: Decision[] = [];
  for (const doc of corpus.documents) {
    if (!doc.exclusive) continue;
    const reading = ctx.readings[doc.exclusive.interpretation as 'I-jining-doc-exclusive'];
    if (reading !== 'document') continue;
    const order = corpus.rules.filter((r) => r.document === doc.id).map((r) => r.id);
    out.push(...keepHighest(decisions, order, doc.id, 'document-exclusive', `${doc.exclusive.text}（${doc.exclusive.interpretation}=document）`));
  }
  return out;
}

export interface PoolResult { readonly rule: string; readonly cap: string; readonly requested: string; readonly granted: string }

/** 全省补贴总额不超过500万元: scale all awards of the rule by cap / requested (I-pool = pro-rata), or pay largest first. */
export function applyPool(ctx: RunContext, decisions: Decision[], ruleId: string, capText: string, text: string): PoolResult {
  const awards = decisions.filter((d) => live(d) && d.rule.id === ruleId && d.fen !== null);
  const cap = scaled('yuan', capText);
  const requested = awards.reduce((s, d) => s + d.fen!, 0);
  let granted = 0;
  if (requested <= cap) {
    for (const d of awards) {
      d.granted = d.fen!;
      d.after.push({ kind: 'pool', holds: true, text: `${text}：申请合计 ${formatYuan(requested)} 未超过总额 ${capText}，全额给予` });
    }
    granted = requested;
  } else if (ctx.readings['I-pool'] === 'pro-rata') {
    for (const d of awards) {
      d.granted = mulDivFloor(d.fen!, cap, requested);
      granted += d.granted;
      d.after.push({ kind: 'pool', holds: true, text: `${text}：申请合计 ${formatYuan(requested)} 超过总额 ${capText}，按比例 ${capText} ÷ ${formatYuan(requested)} 同比例核减：${formatYuan(d.fen!)} → ${formatYuan(d.granted)}（不足一分舍去，I-pool=pro-rata）`, data: { before: yuanString(d.fen!), after: yuanString(d.granted) } });
    }
  } else {
    const order = [...awards].sort((a, b) => b.fen! - a.fen! || (subjectId(ctx, a) < subjectId(ctx, b) ? -1 : 1));
    let left = cap;
    for (const d of order) {
      d.granted = Math.min(d.fen!, left);
      left -= d.granted;
      granted += d.granted;
      const t = `${text}：按金额从大到小全额给予，至总额 ${capText} 用完为止（I-pool=largest-first）：本项 ${formatYuan(d.granted)}`;
      d.after.push({ kind: 'pool', holds: d.granted > 0, text: t });
      if (d.granted === 0) d.withheld = { reason: 'pool', text: `${text}：总额已用完` };
    }
  }
  return { rule: ruleId, cap: yuanString(cap), requested: yuanString(requested), granted: yuanString(granted) };
}
