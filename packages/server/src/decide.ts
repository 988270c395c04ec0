/**
 * What the engine decides on an application: the subject as stored for the year, with the facts
 * the enterprise filled in put in place of stored ones of the same key and item, evaluated for the
 * rule and the rules it shares a 不重复奖励 group with. Over the subject and the regions (their
 * figures, and the national ones some rules compare with) — unless a rule ranks its peers (前3名):
 * then over its peers as stored too, so the applicant is ranked among the others, not alone
 * (alone it would always come first).
 */
import { fenOf, INTERPRETATION_VALUES, isRegionKind, isWithin, placeOf, Run, type Dataset, type Fact, type Subject } from '@duixian/engine';
import { CORPUS, RULE_IDS } from '@duixian/corpus';
import { readObject } from '@duixian/interchange';
import type { Decided, FilledFact } from '@duixian/store';
import { ApiError } from './errors.js';
import type { YearView } from './year-data.js';

const KNOWN = { rules: RULE_IDS, interpretations: INTERPRETATION_VALUES };

/** The filled facts read exactly as an imported file's facts sheet is; problems name `facts[k].field`. */
export function readFilled(view: YearView, subjectId: string, year: number, filled: readonly FilledFact[]): readonly Fact[] {
  const subject = view.subjects.get(subjectId)!;
  const read = readObject({ format: 'duixian/v1', year, subjects: [subject], facts: filled.map((f) => ({ subject: subjectId, year, ...f, source: '企业自报' })) }, KNOWN);
  if (!read.ok) throw new ApiError(422, 'invalid-facts', '填报的数据有误，请逐项修改', 'The facts filled in have problems', read.problems);
  return read.dataset.facts;
}

type Replaced = (f: Fact) => boolean;
const positionless = ({ subjectIndex: _, ...f }: Fact): Fact => f;

/** The year as stored, the stored facts keeping their subject positions. */
function theWholeYear(view: YearView, replaced: Replaced, own: readonly Fact[]): Dataset {
  return { ...view.dataset, facts: [...view.dataset.facts.filter((f) => !replaced(f)), ...own] };
}

/** The regions held for the year and the subject, its own rows found by one pass. */
function alone(view: YearView, subjectId: string, replaced: Replaced, own: readonly Fact[]): Dataset {
  const { regions } = view;
  const subject = view.subjects.get(subjectId)!;
  const region = isRegionKind(subject.kind);
  const mine = <T extends { readonly subject: string }>(rows: readonly T[]) => (region ? [] : rows.filter((r) => r.subject === subjectId));
  const facts = [...regions.facts, ...mine(view.dataset.facts).map(positionless)].filter((f) => !replaced(f));
  return { ...regions, subjects: region ? regions.subjects : [...regions.subjects, subject], facts: [...facts, ...own], history: [...regions.history, ...mine(view.dataset.history)] };
}

/**
 * The regions and every subject the rules could rank (of their recipients' kinds, inside their
 * issuers' jurisdictions), in the stored order: the applicant is ranked among the same peers as
 * in the year's run, without a run over a million enterprises of other cities.
 */
function withPeers(view: YearView, subjectId: string, rules: readonly string[], replaced: Replaced, own: readonly Fact[]): Dataset {
  const reach = rules.map((id) => CORPUS.rules.find((r) => r.id === id)!).map((r) => ({ kinds: r.recipient.kinds as readonly string[], issuer: CORPUS.documents.find((d) => d.id === r.document)!.issuer }));
  const inside = new Map<string, Map<string, boolean>>(); // by kind, then place: both are few
  const peer = (s: Subject) => {
    const place = placeOf(s);
    if (place === undefined) return false;
    let byPlace = inside.get(s.kind);
    if (!byPlace) inside.set(s.kind, (byPlace = new Map()));
    let r = byPlace.get(place);
    if (r === undefined) byPlace.set(place, (r = reach.some((x) => x.kinds.includes(s.kind) && isWithin(place, x.issuer))));
    return r;
  };
  const subjects = view.dataset.subjects.filter((s) => s.id === subjectId || isRegionKind(s.kind) || peer(s));
  const ids = new Set(subjects.map((s) => s.id));
  const keep = <T extends { readonly subject: string }>(rows: readonly T[]) => rows.filter((r) => ids.has(r.subject));
  const facts = keep(view.dataset.facts).filter((f) => !replaced(f)).map(positionless);
  return { ...view.dataset, subjects, facts: [...facts, ...own], history: keep(view.dataset.history) };
}

/**
 * `wholeYear` evaluates over the whole year whatever the rule (what the narrower data must agree
 * with; the tests compare them).
 */
export function decide(view: YearView, subjectId: string, ruleId: string, year: number, filled: readonly FilledFact[], wholeYear = false): Decided {
  const rule = CORPUS.rules.find((r) => r.id === ruleId)!;
  const own = readFilled(view, subjectId, year, filled);
  const same = (a: Fact, b: Fact) => a.key === b.key && (a.item ?? '') === (b.item ?? '') && a.year === b.year && (a.quarter ?? 0) === (b.quarter ?? 0);
  const replaced = (f: Fact) => f.subject === subjectId && own.some((o) => same(o, f));
  const group = CORPUS.groups.find((g) => g.rules.includes(rule.id));
  const rules = [...new Set([rule.id, ...(group?.rules ?? [])])];
  const ranks = rules.some((id) => CORPUS.rules.find((r) => r.id === id)!.conditions.some((c) => 'rank' in c));
  const ds = wholeYear ? theWholeYear(view, replaced, own) : ranks ? withPeers(view, subjectId, rules, replaced, own) : alone(view, subjectId, replaced, own);
  const run = new Run(CORPUS, ds, { year, rules, explain: true });
  const out = run.result();
  const award = out.awards.find((a) => a.subject === subjectId && a.rule === ruleId);
  if (award) {
    const fen = award.amount === null ? null : fenOf(award.amount);
    return { fen, ceiling: award.ceiling, funder: award.funder, explanation: award.explanation };
  }
  const missing = out.missing.find((m) => m.subject === subjectId && m.rule === ruleId);
  if (missing) throw new ApiError(422, 'undecidable', `还缺少数据：${missing.facts.join('、')}`, `Facts are missing: ${missing.facts.join(', ')}`, missing.facts.map((f) => ({ path: 'facts', message: f })));
  const withheld = out.withheld.find((w) => w.subject === subjectId && w.rule === ruleId);
  if (withheld) {
    throw new ApiError(422, 'withheld', `本项不予重复奖励或暂缓：${withheld.reason}${withheld.keptRule ? `（就高享受 ${withheld.keptRule}）` : ''}`, `Withheld (${withheld.reason})${withheld.keptRule ? `: ${withheld.keptRule} is kept` : ''}`, [{ path: 'rule', message: withheld.reason }]);
  }
  const failing = run.explain(subjectId, ruleId).steps.filter((s) => s.holds === false).map((s) => s.text);
  throw new ApiError(422, 'not-eligible', `按填报的数据，本项条件不满足：${failing.join('；')}`, `With the facts given, the rule's conditions do not hold: ${failing.join('; ')}`, failing.map((message) => ({ path: 'facts', message })));
}
