/**
 * A run: evaluate every rule in force for the year over the dataset, then settle what
 * qualifies into what is granted — once-only, blacklist, exclusive groups (with I-vacancy),
 * document-wide exclusivity, pools — and finally the honors that follow a won group.
 * The output is interchange format v1; the same input gives byte-identical output.
 */
import { RunContext } from './context.js';
import type { AnyDataset } from './columns.js';
import { yuanString } from './format.js';
import { resolveReadings, type ReadingId, type Readings } from './interpretations.js';
import { applyBlacklist, applyDocumentExclusive, applyGroups, applyHistory, applyHonorHistory, applyOnce, applyPool, documentBudget, rulePool, type PoolResult } from './resolve.js';
import { RuleRun, type Decision } from './rule-run.js';
import type { Corpus, PolicyDocument, Rule } from './rule.js';
import type { Explanation, Outcome, Step } from './trace.js';
import { mulDivFloor } from './awards.js';
import { combineShares, shareSteps, Versions, type Share, type YearPlan } from './versions.js';

export interface EvaluateOptions {
  readonly year?: number;
  readonly documents?: readonly string[];
  /** only these rules (a what-if on a few rules; the benchmark's like-for-like comparison) */
  readonly rules?: readonly string[];
  /** switches over the dataset's own `interpretations` (`id` or `id@document` → value) */
  readonly interpretations?: Readonly<Record<string, string>>;
  readonly explain?: boolean;
}

export interface AwardRow {
  readonly subject: string;
  readonly rule: string;
  readonly document: string;
  readonly article: string;
  readonly type: 'money' | 'honor' | 'recommendation' | 'pending';
  readonly amount: string | null;
  readonly ceiling: boolean;
  readonly funder: string;
  readonly rank: number | null;
  readonly interpretations: readonly string[];
  readonly funderShares?: Readonly<Record<string, string>>;
  readonly explanation?: Explanation;
}

export interface WithheldRow {
  readonly subject: string;
  readonly rule: string;
  readonly amount: string | null;
  readonly reason: string;
  readonly group?: string;
  readonly keptRule?: string;
  readonly explanation?: Explanation;
}

/** One decision's outcome and steps (see `Run.traceAt`). */
export interface DecisionTrace {
  readonly rule: Rule;
  readonly doc: PolicyDocument;
  readonly outcome: Outcome;
  readonly steps: readonly Step[];
  /** facts that would decide it ("E1 physicalGoodsOnlineRetail@2023") when the outcome is `missing`; else none */
  readonly missing: readonly string[];
  readonly decision: Decision | undefined;
  /** the readings the decision used */
  readonly readings: ReadonlySet<ReadingId>;
}

export interface MissingRow {
  readonly subject: string;
  readonly rule: string;
  readonly facts: readonly string[];
  /** facts of other subjects the decision needed (a benchmark region, CN's cnyPerUsd), by subject */
  readonly of?: Readonly<Record<string, readonly string[]>>;
}

/** A ranked rule whose peer set (全省的市, 全市的县) has members without the ranked figure (I-rank-incomplete). */
export interface IncompleteRow {
  readonly rule: string;
  readonly lacking: readonly string[];
}

export interface Evaluation {
  readonly format: 'duixian/v1';
  readonly year: number;
  readonly interpretations: Readonly<Record<string, string>>;
  readonly awards: readonly AwardRow[];
  readonly withheld: readonly WithheldRow[];
  readonly missing: readonly MissingRow[];
  /** present only when not empty */
  readonly incomplete?: readonly IncompleteRow[];
  readonly pools: readonly PoolResult[];
  readonly totals: { readonly byFunder: Readonly<Record<string, string>> };
}

/** Calendar years a document covers under I-year-in-force, and whether `year` is partial. */
export function yearInForce(doc: PolicyDocument, year: number, reading: Readings['I-year-in-force']): { inForce: boolean; partial: boolean } {
  const fromY = Number(doc.validFrom.slice(0, 4));
  const toY = doc.validTo ? Number(doc.validTo.slice(0, 4)) : Infinity;
  const startsLate = year === fromY && doc.validFrom.slice(5) !== '01-01';
  const endsEarly = year === toY && doc.validTo?.slice(5) !== '12-31';
  const partial = startsLate || endsEarly;
  const overlaps = year >= fromY && year <= toY;
  return { inForce: overlaps && (reading === 'overlap' || !partial), partial: overlaps && partial };
}

/** The whole run, kept so that any single decision can be explained afterwards. */
export class Run {
  readonly ctx: RunContext;
  readonly runs = new Map<string, RuleRun>();
  readonly decisions = new Map<string, Decision[]>();
  readonly pools: PoolResult[] = [];
  /** rules that amendments or dated figures touch: how each stands in the run's year (I-split-year) */
  private readonly plans = new Map<string, YearPlan>();
  /** under I-split-year = pro-rata-days, the versions whose days make up a rule's award */
  private readonly shareRuns = new Map<string, { readonly share: Share; readonly run: RuleRun }[]>();
  private readonly versions: Versions;

  constructor(readonly corpus: Corpus, dataset: AnyDataset, readonly options: EvaluateOptions = {}) {
    const year = options.year ?? dataset.year;
    this.ctx = new RunContext(corpus, dataset, year, resolveReadings({ ...dataset.interpretations, ...options.interpretations }, corpus));
    const versions = (this.versions = versionsOf(corpus));
    const wonGroup = (i: number, g: string) => this.wonGroup(i, g);
    for (const rule of corpus.rules) {
      const plan = versions.plan(rule, year, this.ctx.readingsFor(rule.document));
      if (plan) this.plans.set(rule.id, plan);
      const doc = this.ctx.documents.get(rule.document)!;
      if (options.documents && !options.documents.includes(doc.id)) continue;
      if (options.rules && !options.rules.includes(rule.id)) continue;
      if (!this.inForce(rule, doc)) continue;
      // a rule reads its own document's readings (a per-document switch wins over the run's)
      this.runs.set(rule.id, new RuleRun(this.ctx.forDocument(doc.id), plan?.inForce ? plan.rule : rule, doc, wonGroup));
      if (plan?.inForce && plan.shares) this.shareRuns.set(rule.id, plan.shares.map((share) => ({ share, run: new RuleRun(this.ctx.forDocument(doc.id), share.rule, share.doc, wonGroup) })));
    }
    this.settle();
  }

  inForce(rule: Rule, doc: PolicyDocument): boolean {
    const plan = this.plans.get(rule.id);
    if (plan) return plan.inForce;
    const y = this.ctx.year;
    return yearInForce(doc, y, this.ctx.readingsFor(doc.id)['I-year-in-force']).inForce && (!rule.years || rule.years.includes(y));
  }

  /** A rule's decisions: its own, or (pro-rata-days) one per subject from its versions' days. */
  private decide(run: RuleRun): Decision[] {
    const shares = this.shareRuns.get(run.rule.id);
    return shares ? combineShares(run, shares, this.ctx.year) : run.decideAll();
  }

  private derived = (r: RuleRun) => r.rule.conditions.some((c) => 'wonGroup' in c);

  private settle(): void {
    const first = [...this.runs.values()].filter((r) => !this.derived(r));
    for (const r of first) this.decisions.set(r.rule.id, this.decide(r));
    this.resolveExclusivity();
    for (const r of first.filter((x) => x.rule.pool)) this.pools.push(applyPool(this.ctx, this.all(), rulePool(this.ctx, r.rule)));
    // a document's budget (年度资金总额) after its rules' own pools: it shares what they granted
    const budgeted = new Set(first.filter((r) => r.doc.budget).map((r) => r.doc));
    for (const doc of budgeted) this.pools.push(applyPool(this.ctx, this.all(), documentBudget(this.corpus, doc)));
    for (const r of [...this.runs.values()].filter(this.derived)) {
      const ds = this.decide(r);
      this.decisions.set(r.rule.id, ds);
      applyBlacklist(this.ctx, ds);
      applyHonorHistory(ds, (i, g) => this.grantedBefore(i, g));
    }
  }

  /** Once, blacklist, groups, the document rule and history; under I-vacancy = move-up, re-rank without those who gave a prize up. */
  private resolveExclusivity(): void {
    const movesUp = (d: Decision) => this.ctx.readingsFor(d.rule.document)['I-vacancy'] === 'move-up';
    for (let round = 0; round < 50; round++) {
      const all = this.all();
      for (const d of all) {
        d.withheld = undefined;
        d.granted = undefined;
        d.after.length = 0;
      }
      applyOnce(this.ctx, all, this.versions.sameAward);
      applyBlacklist(this.ctx, all);
      const lost = [...applyGroups(this.ctx, all, this.corpus.groups), ...applyDocumentExclusive(this.ctx, all, this.corpus)];
      // a prize given way to one already granted does not move down the ranking: what moves up under
      // I-vacancy is decided when the prizes are decided together, and money already paid cannot be
      // re-ranked, so the batches of a year never pay more than one run over all of them would
      applyHistory(this.ctx, all, this.corpus, this.versions.sameAward);
      const changed = new Set<string>();
      for (const d of lost.filter(movesUp)) {
        const run = this.runs.get(d.rule.id)!;
        if (d.rank === null || !run.isRanked || run.excludes(d.i)) continue;
        run.exclude([d.i]);
        for (const s of this.shareRuns.get(d.rule.id) ?? []) s.run.exclude([d.i]);
        changed.add(d.rule.id);
      }
      if (!changed.size) return;
      for (const id of changed) {
        // the vacated decisions stay (withheld again next round); whoever now ranks in is added
        const run = this.runs.get(id)!;
        const vacated = this.decisions.get(id)!.filter((d) => run.excludes(d.i));
        this.decisions.set(id, [...vacated, ...this.decide(run)]);
      }
    }
    throw new Error('internal: exclusivity did not settle in 50 rounds');
  }

  all(): Decision[] {
    return [...this.decisions.values()].flat();
  }

  /**
   * Did subject i win an award of the group? A win withheld for the blacklist still counts, so
   * that the honour that goes with it is withheld for the blacklist too (I-blacklist: 荣誉一并不予);
   * so does one withheld because an award of the group was already granted (the honour came with it).
   */
  private wonGroup(i: number, group: string): boolean {
    return this.winnersOf(group).has(i);
  }

  /** The rule already granted that a subject's award of the group gave way to, when it won nothing else of it. */
  private grantedBefore(i: number, group: string): string | undefined {
    return this.winnersOf(group).get(i) ?? undefined;
  }

  /** winners per group (null: a live win; a rule: only a win given way to a grant of that rule), formed once exclusivity is settled */
  private winnersOf(group: string): Map<number, string | null> {
    let winners = this.winners.get(group);
    if (winners) return winners;
    winners = new Map();
    const rules = this.corpus.groups.find((x) => x.id === group)?.rules ?? [];
    for (const d of rules.flatMap((r) => this.decisions.get(r) ?? [])) {
      if (d.status !== 'award') continue;
      const reason = d.withheld?.reason;
      if (reason === undefined || reason === 'blacklist') winners.set(d.i, null);
      else if (reason === 'exclusive-history' && !winners.has(d.i)) winners.set(d.i, d.withheld!.keptRule!);
    }
    this.winners.set(group, winners);
    return winners;
  }

  /** winners per group (derived rules run after exclusivity is settled) */
  private readonly winners = new Map<string, Map<number, string | null>>();

  /** The funder of an award: the document's, or the subject's city/county where the article says so. */
  funderOf(d: Decision): { funder: string; shares?: Map<string, number> } {
    const doc = this.ctx.documents.get(d.rule.document)!;
    const code = this.ctx.population.regionCode(d.i);
    switch (d.rule.funder ?? 'document') {
      case 'document': return { funder: doc.funder };
      case 'subject-city': return { funder: (code === undefined ? undefined : this.ctx.regions.cityOf(code)) ?? doc.funder };
      case 'subject-county': return { funder: code && code.length === 6 && !code.endsWith('00') ? code : doc.funder };
      case 'city-county': return this.sharedFunder(d, doc, code);
    }
  }

  /** 市、县区按现行财政体制分级负担: the city's share is the `cityShare.<county>` (or `cityShare`) parameter. */
  private sharedFunder(d: Decision, doc: PolicyDocument, code: string | undefined): { funder: string; shares?: Map<string, number> } {
    const amount = d.granted ?? d.fen;
    const county = code && !code.endsWith('00') ? code : undefined;
    const share = (county === undefined ? undefined : this.ctx.parameter(d.rule.id, `cityShare.${county}`)) ?? this.ctx.parameter(d.rule.id, 'cityShare');
    if (amount === null || !county || share === undefined) return { funder: doc.funder };
    const cityPart = mulDivFloor(amount, share, 1_000_000);
    return { funder: doc.funder, shares: new Map([[doc.funder, cityPart], [county, amount - cityPart]]) };
  }

  /** The explanation of one decision (any outcome), with what happened after it. */
  explain(subjectId: string, ruleId: string): Explanation {
    const i = this.ctx.population.index(subjectId);
    if (i === undefined) throw new Error(`unknown subject ${subjectId}`);
    return this.explainAt(i, ruleId);
  }

  /** The same by the subject's position (what the decisions hold): no lookup of a million ids by name. */
  private explainAt(i: number, ruleId: string): Explanation {
    const { rule, doc, outcome, steps, missing, decision, readings } = this.traceAt(i, ruleId);
    const subject = this.ctx.population.subjects.at(i);
    return {
      rule: rule.id, document: doc.id, number: doc.number, article: rule.article, title: rule.title, text: rule.text,
      subject: subject.id, subjectName: subject.name, year: this.ctx.year,
      outcome, summary: outcome === 'not-in-force' ? steps[0]!.text : this.summary(rule, outcome, decision, missing), steps,
      readings: Object.fromEntries([...readings].sort().map((id) => [id, this.ctx.readingsFor(doc.id)[id]!])),
      ...(outcome === 'missing' ? { missing } : {}),
    };
  }

  /**
   * How one decision came about: its outcome and the steps from the document's validity to what
   * happened after it (a group, a pool), with the facts it lacked. What an explanation is made of,
   * without the parts a caller answering many subjects quickly (政策计算器) does not send.
   */
  traceAt(i: number, ruleId: string): DecisionTrace {
    const rule = this.ctx.rules.get(ruleId);
    if (!rule) throw new Error(`unknown rule ${ruleId}`);
    const doc = this.ctx.documents.get(rule.document)!;
    const validity = this.validityStep(rule, doc);
    const run = this.runs.get(ruleId);
    if (!run) return { rule, doc, outcome: 'not-in-force', steps: [validity], missing: [], decision: undefined, readings: new Set() };
    const traced = run.trace(i);
    const decision = this.decisionOf(ruleId, i);
    const shares = decision?.shares ? this.shareStepsOf(ruleId, i, decision.shares) : [];
    const steps: Step[] = [validity, ...traced.steps, ...shares, ...(decision?.after ?? [])];
    if (rule.note) steps.push({ kind: 'note', text: `本系统对条文的理解：${rule.note}` });
    // a pro-rata award is its versions' (the subject may qualify under the old version only)
    const status = decision?.shares ? decision.status : traced.status;
    const outcome: Outcome = decision?.withheld ? 'withheld' : status;
    const lacking = decision?.shares ? decision.missing : traced.missing;
    const missing = outcome === 'missing' ? [...new Set(lacking.map((m) => `${m.subject} ${m.key}@${m.year}`))] : [];
    return { rule, doc, outcome, steps, missing, decision, readings: decision?.readings ?? run.readings };
  }

  /** Each version's part of a pro-rata award, with the condition that failed under a version that pays nothing. */
  private shareStepsOf(ruleId: string, i: number, shares: NonNullable<Decision['shares']>): Step[] {
    const runs = this.shareRuns.get(ruleId) ?? [];
    const failing = (k: number) => runs[k]?.run.trace(i).steps.find((s) => s.holds === false)?.text;
    return shareSteps(shares, this.ctx.year, failing);
  }

  /** Each rule's decisions by subject position, built on first use: explaining every decision of a rule stays linear. */
  private readonly byPosition = new WeakMap<readonly Decision[], Map<number, Decision>>();

  /** The first decision of the rule about subject i (what a search of the rule's list would find). */
  decisionOf(ruleId: string, i: number): Decision | undefined {
    const ds = this.decisions.get(ruleId);
    if (!ds) return undefined;
    let at = this.byPosition.get(ds);
    if (!at) {
      at = new Map();
      for (const d of ds) if (!at.has(d.i)) at.set(d.i, d);
      this.byPosition.set(ds, at);
    }
    return at.get(i);
  }

  /** Whether the document is in force is the same for every subject: one step per rule, shared. */
  private readonly validity = new Map<string, Step>();
  private validityStep(rule: Rule, doc: PolicyDocument): Step {
    let step = this.validity.get(rule.id) ?? this.plans.get(rule.id)?.step;
    if (!step) this.validity.set(rule.id, (step = this.validityOf(rule, doc)));
    return step;
  }
  private validityOf(rule: Rule, doc: PolicyDocument): Step {
    const y = this.ctx.year;
    const f = yearInForce(doc, y, this.ctx.readingsFor(doc.id)['I-year-in-force']);
    const period = `${doc.validFrom} 至 ${doc.validTo ?? '长期'}`;
    if (!f.inForce) return { kind: 'validity', holds: false, text: `${doc.number} 有效期 ${period}，${y}年${f.partial ? '仅部分时间在有效期内（I-year-in-force=full）' : '不在有效期内'}` };
    if (rule.years && !rule.years.includes(y)) return { kind: 'validity', holds: false, text: `本条仅适用于${rule.years.join('、')}年度` };
    return { kind: 'validity', holds: true, text: `${doc.number} 有效期 ${period}，${y}年${f.partial ? '部分时间在有效期内（I-year-in-force=overlap，按全年考核，特此提示）' : '在有效期内'}` };
  }

  /** The decision in one sentence: the amount, or what a title or recommendation is (never empty for an award). */
  private summary(rule: Rule, outcome: Outcome, d: Decision | undefined, missing: readonly string[]): string {
    if (outcome === 'withheld') return d!.withheld!.text;
    if (outcome === 'missing') return `缺少：${missing.join('、')}`;
    if (outcome !== 'award' || !d) return '';
    const amount = d.granted ?? d.fen;
    if (d.type === 'money') return `金额 ${yuanString(amount!)} 元${d.ceiling ? '（最高额，评审可核减）' : ''}`;
    if (d.type === 'pending') return '金额待定';
    if ('honor' in rule.award) return `荣誉：${rule.award.honor}`;
    return 'recommendation' in rule.award ? rule.award.recommendation : '';
  }

  /**
   * I-rank-incomplete: the ranked rules whose peer set lacks figures (reported), or under `missing`
   * the members lacking them that no decision names (absent from the data, or present with no fact
   * of the rule); members present with part of the data already have their own missing row.
   */
  private fieldGaps(ruleRank: ReadonlyMap<string, number>): { incomplete: IncompleteRow[]; missing: MissingRow[] } {
    const incomplete: IncompleteRow[] = [];
    const missing: MissingRow[] = [];
    for (const run of this.runs.values()) {
      const gap = run.field();
      if (!gap) continue;
      if (run.ctx.readings['I-rank-incomplete'] === 'reported') {
        incomplete.push({ rule: run.rule.id, lacking: gap.lacking });
        continue;
      }
      const decided = new Set((this.decisions.get(run.rule.id) ?? []).map((d) => this.ctx.population.subjects.id(d.i)));
      const facts = gap.facts.map((k) => `${k}@${this.ctx.year}`);
      for (const code of gap.lacking) if (!decided.has(code)) missing.push({ subject: code, rule: run.rule.id, facts });
    }
    incomplete.sort((a, b) => ruleRank.get(a.rule)! - ruleRank.get(b.rule)!);
    return { incomplete, missing };
  }

  /** Interchange v1 output. */
  result(): Evaluation {
    const pop = this.ctx.population;
    const id = (d: Decision) => pop.subjects.id(d.i);
    // document, rule, then subject id: the rule ids ranked once, so the sort compares numbers first
    const ruleRank = new Map([...this.corpus.rules].sort((a, b) => cmpStr(a.document, b.document) || cmpStr(a.id, b.id)).map((r, k) => [r.id, k]));
    const keyed = this.all().map((d) => ({ d, r: ruleRank.get(d.rule.id)!, s: id(d) }));
    keyed.sort((a, b) => a.r - b.r || cmpStr(a.s, b.s));
    const all = keyed.map((k) => k.d);
    const explain = this.options.explain === true;
    const awards: AwardRow[] = [];
    const withheld: WithheldRow[] = [];
    const missing: MissingRow[] = [];
    const byFunder = new Map<string, number>();
    for (const d of all) {
      if (d.status === 'missing') {
        missing.push(missingRow(id(d), d));
        continue;
      }
      const amount = d.granted ?? d.fen;
      const explanation = explain ? this.explainAt(d.i, d.rule.id) : undefined;
      if (d.withheld) {
        withheld.push({
          subject: id(d), rule: d.rule.id, amount: amount === null ? null : yuanString(d.fen!), reason: d.withheld.reason,
          ...(d.withheld.group ? { group: d.withheld.group } : {}), ...(d.withheld.keptRule ? { keptRule: d.withheld.keptRule } : {}),
          ...(explanation ? { explanation } : {}),
        });
        continue;
      }
      const { funder, shares } = this.funderOf(d);
      if (d.type === 'money' && amount !== null) {
        for (const [f, v] of shares ?? [[funder, amount]]) byFunder.set(f, (byFunder.get(f) ?? 0) + v);
      }
      awards.push({
        subject: id(d), rule: d.rule.id, document: d.rule.document, article: d.rule.article, type: d.type,
        amount: d.type === 'money' && amount !== null ? yuanString(amount) : null,
        ceiling: d.ceiling, funder, rank: d.rank, interpretations: [...d.readings].sort(),
        ...(shares ? { funderShares: Object.fromEntries([...shares].map(([f, v]) => [f, yuanString(v)])) } : {}),
        ...(explanation ? { explanation } : {}),
      });
    }
    const gaps = this.fieldGaps(ruleRank);
    if (gaps.missing.length) {
      missing.push(...gaps.missing);
      missing.sort((a, b) => ruleRank.get(a.rule)! - ruleRank.get(b.rule)! || cmpStr(a.subject, b.subject));
    }
    return {
      format: 'duixian/v1', year: this.ctx.year, interpretations: this.ctx.runReadings.switched, awards, withheld, missing,
      ...(gaps.incomplete.length ? { incomplete: gaps.incomplete } : {}),
      pools: [...this.pools].sort((a, b) => cmpStr(a.rule, b.rule)),
      totals: { byFunder: Object.fromEntries([...byFunder.entries()].sort(([a], [b]) => cmpStr(a, b)).map(([k, v]) => [k, yuanString(v)])) },
    };
  }
}

function missingRow(subject: string, d: Decision): MissingRow {
  const ref = (m: { key: string; year: number }) => `${m.key}@${m.year}`;
  const facts = [...new Set(d.missing.map(ref))].sort();
  const of = new Map<string, Set<string>>();
  for (const m of d.missing) if (m.subject !== subject) of.set(m.subject, (of.get(m.subject) ?? new Set()).add(ref(m)));
  if (!of.size) return { subject, rule: d.rule.id, facts };
  return { subject, rule: d.rule.id, facts, of: Object.fromEntries([...of].sort(([a], [b]) => cmpStr(a, b)).map(([k, v]) => [k, [...v].sort()])) };
}

const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A corpus's versions, worked out once per corpus (runs of one corpus share them). */
const VERSIONS = new WeakMap<Corpus, Versions>();
function versionsOf(corpus: Corpus): Versions {
  let v = VERSIONS.get(corpus);
  if (!v) VERSIONS.set(corpus, (v = new Versions(corpus)));
  return v;
}

/** Evaluate a dataset against a corpus (the engine's one entry point for batch runs). */
export function evaluate(corpus: Corpus, dataset: AnyDataset, options: EvaluateOptions = {}): Evaluation {
  return new Run(corpus, dataset, options).result();
}

