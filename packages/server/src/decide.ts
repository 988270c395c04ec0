/**
 * What the engine decides on an application: the subject as stored for the year, with the facts
 * the enterprise filled in put in place of stored ones of the same key and item, evaluated for the
 * rule and the rules it shares a 不重复奖励 group with. Over the subject and the regions (their
 * figures, and the national ones some rules compare with) — unless a rule ranks its peers (前3名):
 * then over its peers as stored too, so the applicant is ranked among the others, not alone
 * (alone it would always come first). Awards already granted (`history`: in the platform, the
 * approved and paid applications) are given with the stored history, so that once-only rules,
 * exclusive groups and pools see them.
 */
import { fenOf, INTERPRETATION_VALUES, isRegionKind, placeAt, rowsOf, Run, type Dataset, type Fact, type HistoryEntry } from '@duixian/engine';
import { CORPUS, isWithin, REGION_TABLE, RULE_IDS, VOCABULARY } from '@duixian/corpus';
import { readObject } from '@duixian/interchange';
import type { Decided, FilledFact } from '@duixian/store';
import { ApiError } from './errors.js';
import type { YearView } from './year-data.js';

/** What the filled facts are read against: the corpus in force's rules and words, read when deciding. */
const known = () => ({ rules: RULE_IDS, interpretations: INTERPRETATION_VALUES, vocabulary: VOCABULARY, regions: REGION_TABLE });

/** The filled facts read exactly as an imported file's facts sheet is; problems name `facts[k].field`. */
export function readFilled(view: YearView, subjectId: string, year: number, filled: readonly FilledFact[]): readonly Fact[] {
  const subject = view.subject(subjectId)!;
  const read = readObject({ format: 'duixian/v1', year, subjects: [subject], facts: filled.map((f) => ({ subject: subjectId, year, ...f, source: '企业自报' })) }, known());
  if (!read.ok) throw new ApiError(422, 'invalid-facts', '填报的数据有误，请逐项修改', 'The facts filled in have problems', read.problems);
  return read.dataset.facts;
}

type Replaced = (f: Fact) => boolean;
const positionless = ({ subjectIndex: _, ...f }: Fact): Fact => f;

/**
 * The regions, the subject and the stored subjects for which `also` holds, in the stored order,
 * with the filled facts in place of the stored ones they replace.
 */
function filledIn(view: YearView, subjectId: string, also: (i: number) => boolean, replaced: Replaced, own: readonly Fact[], granted: readonly HistoryEntry[]): Dataset {
  const { subjects } = view.dataset;
  const me = subjects.indexOf(subjectId)!;
  const ds = rowsOf(view.dataset, (i) => i === me || isRegionKind(subjects.kind(i)) || also(i));
  const known = new Set(ds.history.map(grantKey));
  return { ...ds, facts: [...ds.facts.filter((f) => !replaced(f)), ...own.map(positionless)], history: [...ds.history, ...granted.filter((h) => !known.has(grantKey(h)))] };
}

/** An award granted is one per subject, rule and year: imported history and the platform's may both hold it. */
const grantKey = (h: HistoryEntry) => `${h.subject}|${h.rule}|${h.year}`;

/**
 * Every subject the rules could rank: of their recipients' kinds, inside their issuers'
 * jurisdictions. The applicant is then ranked among the same peers as in the year's run, without
 * a run over a million enterprises of other cities.
 */
function peersOf(view: YearView, rules: readonly string[]): (i: number) => boolean {
  const reach = rules.map((id) => CORPUS.rules.find((r) => r.id === id)!).map((r) => ({ kinds: r.recipient.kinds as readonly string[], issuer: CORPUS.documents.find((d) => d.id === r.document)!.issuer }));
  const { subjects } = view.dataset;
  const inside = new Map<string, Map<string, boolean>>(); // by kind, then place: both are few
  return (i) => {
    const place = placeAt(subjects, i, REGION_TABLE);
    if (place === undefined) return false;
    const kind = subjects.kind(i);
    let byPlace = inside.get(kind);
    if (!byPlace) inside.set(kind, (byPlace = new Map()));
    let r = byPlace.get(place);
    if (r === undefined) byPlace.set(place, (r = reach.some((x) => x.kinds.includes(kind) && isWithin(place, x.issuer))));
    return r;
  };
}

/** What the engine decides on an application: an award, or why not (facts missing, withheld, a condition failing). */
export type Outcome =
  | { readonly kind: 'award'; readonly decided: Decided }
  | { readonly kind: 'missing'; readonly facts: readonly string[] }
  | { readonly kind: 'withheld'; readonly reason: string; readonly keptRule?: string }
  /** the steps that fail; a `validity` step: the document or rule is not in force for the year */
  | { readonly kind: 'not-eligible'; readonly failing: readonly { readonly kind: string; readonly text: string }[] };

/**
 * The decision as an outcome. `wholeYear` evaluates over the whole year whatever the rule (what
 * the narrower data must agree with; the tests compare them); `granted` are awards already
 * granted besides the stored history.
 */
export function decision(view: YearView, subjectId: string, ruleId: string, year: number, filled: readonly FilledFact[], wholeYear = false, granted: readonly HistoryEntry[] = []): Outcome {
  const rule = CORPUS.rules.find((r) => r.id === ruleId)!;
  const own = readFilled(view, subjectId, year, filled);
  const same = (a: Fact, b: Fact) => a.key === b.key && (a.item ?? '') === (b.item ?? '') && a.year === b.year && (a.quarter ?? 0) === (b.quarter ?? 0);
  const replaced = (f: Fact) => f.subject === subjectId && own.some((o) => same(o, f));
  const group = CORPUS.groups.find((g) => g.rules.includes(rule.id));
  const rules = [...new Set([rule.id, ...(group?.rules ?? [])])];
  const ranks = rules.some((id) => CORPUS.rules.find((r) => r.id === id)!.conditions.some((c) => 'rank' in c));
  // the whole year; the regions, the subject and its peers; or the regions and the subject alone
  const also = wholeYear ? () => true : ranks ? peersOf(view, rules) : () => false;
  const ds = filledIn(view, subjectId, also, replaced, own, granted);
  const run = new Run(CORPUS, ds, { year, rules, explain: true });
  const out = run.result();
  const award = out.awards.find((a) => a.subject === subjectId && a.rule === ruleId);
  if (award) {
    const fen = award.amount === null ? null : fenOf(award.amount);
    return { kind: 'award', decided: { fen, ceiling: award.ceiling, funder: award.funder, explanation: award.explanation, pending: award.type === 'pending' } };
  }
  const missing = out.missing.find((m) => m.subject === subjectId && m.rule === ruleId);
  if (missing) return { kind: 'missing', facts: missing.facts };
  const withheld = out.withheld.find((w) => w.subject === subjectId && w.rule === ruleId);
  if (withheld) return { kind: 'withheld', reason: withheld.reason, ...(withheld.keptRule ? { keptRule: withheld.keptRule } : {}) };
  return { kind: 'not-eligible', failing: run.explain(subjectId, ruleId).steps.filter((s) => s.holds === false).map((s) => ({ kind: s.kind, text: s.text })) };
}

/** The engine's decision on an application, or a 422 saying why there is none. */
export function decide(view: YearView, subjectId: string, ruleId: string, year: number, filled: readonly FilledFact[], wholeYear = false, granted: readonly HistoryEntry[] = []): Decided {
  const o = decision(view, subjectId, ruleId, year, filled, wholeYear, granted);
  switch (o.kind) {
    case 'award':
      return o.decided;
    case 'missing':
      throw new ApiError(422, 'undecidable', `还缺少数据：${o.facts.join('、')}`, `Facts are missing: ${o.facts.join(', ')}`, o.facts.map((f) => ({ path: 'facts', message: f })));
    case 'withheld':
      throw new ApiError(422, 'withheld', `本项不予重复奖励或暂缓：${o.reason}${o.keptRule ? `（就高享受 ${o.keptRule}）` : ''}`, `Withheld (${o.reason})${o.keptRule ? `: ${o.keptRule} is kept` : ''}`, [{ path: 'rule', message: o.reason }]);
    case 'not-eligible': {
      const failing = o.failing.map((s) => s.text);
      throw new ApiError(422, 'not-eligible', `按填报的数据，本项条件不满足：${failing.join('；')}`, `With the facts given, the rule's conditions do not hold: ${failing.join('; ')}`, failing.map((message) => ({ path: 'facts', message })));
    }
  }
}
