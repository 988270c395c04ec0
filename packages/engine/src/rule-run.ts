/**
 * One rule evaluated over its peer set for a run: who the candidates are (recipient kinds
 * and tags inside the issuer's jurisdiction), which of them claim it (have any of its facts),
 * and the decision for each — fast for populations, with full steps when explaining.
 */
import { awardFacts, awardReadings, computeAward, type AwardType, type Computed } from './awards.js';
import { compileCondition, conditionReadings, type Check, type Tri } from './conditions.js';
import type { RunContext } from './context.js';
import type { ReadingId, Readings } from './interpretations.js';
import type { MissingFact } from './metrics.js';
import { Population } from './population.js';
import { rankField, rankFieldStep, rankPeers, ranksRegionField, unranked, type RankField, type RankTable } from './ranking.js';
import type { PolicyDocument, Ranking, Rule } from './rule.js';
import type { Step } from './trace.js';
import type { ShareDecided } from './versions.js';
import { kindLabel, tagLabel } from './vocabulary.js';

export type WithholdReason = 'exclusive' | 'document-exclusive' | 'once' | 'blacklist' | 'pool' | 'exclusive-history' | 'cap-history';

/** A subject's outcome for a rule that reaches the output (an award, later maybe withheld, or missing data). */
export interface Decision {
  readonly i: number;
  readonly rule: Rule;
  readonly status: 'award' | 'missing';
  readonly type: AwardType;
  readonly fen: number | null; // the amount decided (before pool scaling)
  readonly ceiling: boolean;
  readonly rank: number | null;
  readonly missing: readonly MissingFact[];
  readonly readings: ReadonlySet<ReadingId>;
  withheld?: { reason: WithholdReason; group?: string; keptRule?: string; text: string };
  granted?: number; // what is paid when not the decided amount: a top-up over history, a pool's share
  readonly after: Step[]; // what happened after the decision: once, blacklist, exclusivity, pool
  /** I-split-year = pro-rata-days: each version's amount and days that made `fen` */
  readonly shares?: readonly ShareDecided[];
}

export interface Traced {
  readonly status: 'award' | 'not-eligible' | 'missing' | 'not-recipient';
  readonly fen: number | null;
  readonly type: AwardType | null;
  readonly steps: readonly Step[];
  readonly missing: readonly MissingFact[];
}

/**
 * 在我市举办 / 在我市开展 / 面向全市服务 read as the activity's place (I-recipient-place = activity):
 * the subject may be registered anywhere, and the `inCity` tag places it instead of its region.
 */
export function placedByActivity(rule: Rule, readings: Readings): boolean {
  return rule.recipient.byActivity === true && readings['I-recipient-place'] === 'activity';
}

/**
 * Every reading a rule depends on, from its shapes and settings alone: what each award of the rule
 * lists, and what `duixian show` and the 政策库 page name beside the rule. `doc` adds its
 * document-wide exclusivity.
 */
export function ruleInterpretations(rule: Rule, doc?: PolicyDocument): ReadingId[] {
  return [...new Set([...rule.conditions.flatMap(conditionReadings), ...ruleReadings(rule, doc), ...awardReadings(rule.award)])];
}

/** Readings a rule depends on through its settings rather than its conditions. */
function ruleReadings(rule: Rule, doc: PolicyDocument | undefined): ReadingId[] {
  const ranked = rule.conditions.some((c) => 'rank' in c);
  const docExclusive = doc?.exclusive !== undefined && !('pending' in rule.award);
  // a document's budget (年度资金总额) is a pool over all its money awards
  const pooled = rule.pool !== undefined || doc?.budget !== undefined;
  const capped = pooled || ('perUnit' in rule.award && rule.award.cap !== undefined);
  return [
    ...(rule.interpretations ?? []),
    ...(rule.recipient.byActivity ? ['I-recipient-place' as const] : []),
    ...(ranksRegionField(rule) ? ['I-rank-incomplete' as const] : []),
    ...(rule.once ? ['I-once' as const] : []),
    ...(pooled ? ['I-pool' as const] : []),
    ...(capped ? ['I-pool-period' as const] : []),
    ...(rule.exclusiveGroup ? ['I-exclusive' as const, ...(ranked ? ['I-vacancy' as const] : [])] : []),
    ...(docExclusive ? [doc!.exclusive!.interpretation] : []),
    ...(rule.exclusiveGroup || docExclusive ? ['I-group-history' as const] : []),
  ];
}

export class RuleRun {
  readonly checks: readonly Check[];
  private readonly rankCheck?: Ranking;
  private readonly claimColumns: readonly Float64Array[];
  private readonly claimReaders: readonly ((i: number) => number | undefined)[];
  private readonly claimsAll: boolean;
  /** panel scores for this rule (a ranked subject with one claims the rule) */
  private readonly panelScores?: ReadonlyMap<number, number>;
  private readonly claimers: readonly ((i: number) => boolean)[];
  private readonly candidateList: Int32Array;
  private readonly excluded = new Set<number>();
  private ranksMemo?: RankTable;
  readonly readings: ReadonlySet<ReadingId>;

  constructor(
    readonly ctx: RunContext,
    readonly rule: Rule,
    readonly doc: PolicyDocument,
    wonGroup: (i: number, group: string) => boolean,
  ) {
    const env = { ctx, rule, doc, ranks: () => this.ranks(), top: () => this.top(), wonGroup };
    this.checks = rule.conditions.map((c) => compileCondition(c, env));
    this.rankCheck = rule.conditions.find((c): c is { rank: Ranking } => 'rank' in c)?.rank;
    const claimFacts = [...new Set([...this.checks.flatMap((c) => c.ownFacts), ...awardFacts(rule.award)])];
    // dense columns are read inline (the hot case: a million enterprises), the rest through readers
    const dense = claimFacts.map((k) => ctx.population.plainColumn(k, ctx.year));
    this.claimColumns = dense.filter((c): c is Float64Array => c !== undefined);
    this.claimReaders = claimFacts.filter((_, k) => !dense[k]).map((k) => ctx.population.reader(k, ctx.year));
    this.claimers = this.checks.flatMap((c) => (c.claimedBy ? [c.claimedBy] : []));
    this.claimsAll = !claimFacts.length && !this.claimers.length;
    this.panelScores = this.rankCheck ? ctx.population.scopedMap('panelScore', ctx.year, rule.id) : undefined;
    this.candidateList = this.findCandidates();
    this.readings = new Set(ruleInterpretations(rule, doc));
  }

  /** Recipients of the rule's kinds and tags inside the issuer's jurisdiction (the peer set). */
  private findCandidates(): Int32Array {
    const pop = this.ctx.population;
    const { kinds, tags = [], anyTags = [] } = this.rule.recipient;
    const byActivity = placedByActivity(this.rule, this.ctx.readings);
    const all = pop.maskOf(byActivity ? [...tags, 'inCity'] : tags);
    const any = pop.maskOf(anyTags);
    const lists = kinds.map((k) => pop.inRegion(k, byActivity ? 'CN' : this.doc.issuer));
    const joined = lists.length === 1 ? lists[0]! : Int32Array.from(lists.flatMap((l) => [...l]));
    return Population.isEmpty(all) && Population.isEmpty(any) ? joined : pop.withTags(joined, all, any);
  }

  /** Fixed amounts, honours and pending awards are the same for every subject: computed once. */
  private constantAward?: Computed;
  private award(i: number, rank: number | undefined): Computed {
    if (this.constantAward) return this.constantAward;
    const c = computeAward(this.ctx, this.rule, i, rank, false);
    const a = this.rule.award;
    if ('money' in a || 'honor' in a || 'recommendation' in a || 'pending' in a) this.constantAward = c;
    return c;
  }

  /**
   * A candidate claims the rule when it has any of the facts the rule reads, or a panel score
   * for it (or the rule reads no facts at all): subjects with no data for a rule are not
   * reported as missing it.
   */
  /** The candidates that claim the rule, in one tight pass (most candidates of a province-wide rule do not). */
  private claimants(): Int32Array {
    const list = this.candidateList;
    if (this.claimsAll) return list;
    const out = new Int32Array(list.length);
    const cols = this.claimColumns;
    const slow = this.claimReaders.length > 0 || this.claimers.length > 0 || this.panelScores !== undefined;
    let n = 0;
    for (let k = 0; k < list.length; k++) {
      const i = list[k]!;
      let hit = false;
      for (let j = 0; j < cols.length; j++) {
        const v = cols[j]![i]!;
        if (v === v) { // not NaN: the subject has the fact
          hit = true;
          break;
        }
      }
      if (hit || (slow && this.claims(i))) out[n++] = i;
    }
    return out.subarray(0, n);
  }

  claims(i: number): boolean {
    if (this.claimsAll) return true;
    for (const col of this.claimColumns) if (!Number.isNaN(col[i]!)) return true;
    for (const read of this.claimReaders) if (read(i) !== undefined) return true;
    for (const c of this.claimers) if (c(i)) return true;
    return this.panelScores?.has(i) === true;
  }

  private top(): number {
    const n = this.rankCheck?.topParameter ? this.ctx.parameter(this.rule.id, this.rankCheck.topParameter) : undefined;
    return n ?? this.rankCheck?.top ?? 0;
  }

  private ranks(): RankTable {
    if (this.ranksMemo) return this.ranksMemo;
    const r = this.rankCheck!;
    const others = this.checks.filter((_, k) => !('rank' in this.rule.conditions[k]!));
    let peers = this.candidateList.filter((i) => this.claims(i));
    if (this.ctx.readings['I-rank-scope'] === 'eligible') peers = peers.filter((i) => others.every((c) => c.test(i) === 1));
    const table = rankPeers(this.ctx, this.rule, r.by, Array.from(peers), this.excluded);
    return (this.ranksMemo = this.ctx.readings['I-rank-incomplete'] === 'missing' && this.field() ? unranked(table) : table);
  }

  private fieldMemo?: RankField | null;
  /** Members of the peer set (全省的市, 全市的县) without the ranked figure, when some have it and some not. */
  field(): RankField | undefined {
    if (this.fieldMemo === undefined) {
      const by = this.rankCheck?.by;
      this.fieldMemo = (by && rankField(this.ctx, this.rule, by, this.doc, (i) => this.claims(i))) || null;
    }
    return this.fieldMemo ?? undefined;
  }

  /** Leave subjects out of the ranking (prizes they gave up move to the next, I-vacancy = move-up). */
  exclude(subjects: Iterable<number>): void {
    for (const i of subjects) this.excluded.add(i);
    this.ranksMemo = undefined;
  }

  excludes(i: number): boolean {
    return this.excluded.has(i);
  }

  private candidateSet?: Set<number>;
  isCandidate(i: number): boolean {
    return (this.candidateSet ??= new Set(this.candidateList)).has(i);
  }

  get isRanked(): boolean {
    return this.rankCheck !== undefined;
  }

  /** Every award and missing-data decision over the peer set. Fast path: no steps. */
  decideAll(): Decision[] {
    const out: Decision[] = [];
    const anyExcluded = this.excluded.size > 0;
    for (const i of this.claimants()) {
      if (anyExcluded && this.excluded.has(i)) continue;
      const verdict = this.testAll(i);
      if (verdict === 0) continue;
      if (verdict === -1) {
        out.push(this.decision(i, 'missing', null, this.missingOf(i)));
        continue;
      }
      const rank = this.rankCheck ? this.ranks().rank.get(i)! : undefined;
      const c = this.award(i, rank);
      if (c.status === 'award') out.push(this.decision(i, 'award', c, [], rank));
      else if (c.status === 'missing') out.push(this.decision(i, 'missing', null, c.missing));
    }
    return out;
  }

  private testAll(i: number): Tri {
    let verdict: Tri = 1;
    for (const c of this.checks) {
      const t = c.test(i);
      if (t === 0) return 0;
      if (t === -1) verdict = -1;
    }
    return verdict;
  }

  private missingOf(i: number): MissingFact[] {
    return this.checks.filter((c) => c.test(i) === -1).flatMap((c) => c.explain(i).missing);
  }

  private decision(i: number, status: 'award' | 'missing', c: ReturnType<typeof computeAward> | null, missing: readonly MissingFact[], rank?: number): Decision {
    return {
      i, rule: this.rule, status,
      type: c?.type ?? (('pending' in this.rule.award) ? 'pending' : 'money'),
      fen: c?.fen ?? null,
      ceiling: c?.ceiling ?? false,
      rank: rank ?? null,
      missing,
      readings: this.readings,
      after: [],
    };
  }

  /** The tracing path: the same decision for one subject, with every step. */
  trace(i: number): Traced {
    const pop = this.ctx.population;
    const kind = pop.subjects.kind(i);
    const kindOk = this.rule.recipient.kinds.includes(kind);
    const candidate = this.isCandidate(i);
    const recipient: Step = {
      kind: 'recipient',
      holds: candidate,
      text: `支持对象：${this.rule.recipient.label}。本主体为${kindLabel(this.ctx.corpus.vocabulary, kind)}${this.placeText(i)}${this.tagText(i)}`,
      data: { kind, region: pop.regionCode(i) ?? null },
    };
    if (!candidate || !kindOk) return { status: 'not-recipient', fen: null, type: null, steps: [recipient], missing: [] };
    const steps: Step[] = [recipient];
    const missing: MissingFact[] = [];
    let verdict: Tri = 1;
    for (const c of this.checks) {
      const e = c.explain(i);
      steps.push(e.step);
      const t = c.test(i);
      if (t === 0) verdict = 0;
      else if (t === -1) {
        if (verdict === 1) verdict = -1;
        missing.push(...e.missing);
      }
    }
    const gap = this.field();
    if (gap) steps.push(rankFieldStep(this.ctx, this.doc, this.rule, gap));
    if (verdict === 0) return { status: 'not-eligible', fen: null, type: null, steps, missing: [] };
    if (verdict === -1) return { status: 'missing', fen: null, type: null, steps, missing };
    const rank = this.rankCheck ? this.ranks().rank.get(i) : undefined;
    const c = computeAward(this.ctx, this.rule, i, rank, true);
    steps.push(...c.steps);
    return { status: c.status, fen: c.fen, type: c.type, steps, missing: c.missing };
  }

  /** Where the subject stands for the rule: in the issuer's jurisdiction, or (I-recipient-place = activity) active in the city. */
  private placeText(i: number): string {
    const pop = this.ctx.population;
    if (placedByActivity(this.rule, this.ctx.readings)) {
      return `；${tagLabel(this.ctx.corpus.vocabulary, 'inCity')}：${pop.hasTag(i, 'inCity') ? '是' : '否'}（I-recipient-place=activity，不论注册地）`;
    }
    const how = this.rule.recipient.byActivity ? '（I-recipient-place=location，按注册地）' : '';
    return pop.isIn(i, this.doc.issuer) ? `，位于${this.doc.issuerName}辖区内${how}` : `，不在${this.doc.issuerName}辖区内${how}`;
  }

  private tagText(i: number): string {
    const need = [...(this.rule.recipient.tags ?? []), ...(this.rule.recipient.anyTags ?? [])];
    if (!need.length) return '';
    const pop = this.ctx.population;
    return '；' + need.map((t) => `${tagLabel(this.ctx.corpus.vocabulary, t)}：${pop.hasTag(i, t) ? '是' : '否'}`).join('，');
  }
}
