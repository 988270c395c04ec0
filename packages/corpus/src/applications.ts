/**
 * Which awards need an application (申报, with evidence) and which are granted without one
 * (免申即享: the platform finds the subject eligible from statistics and the review starts by
 * itself). A rule needs an application when anything it decides on is only known from the
 * subject's own papers — a cost and its invoices, a title's certificate, an event, a hire's
 * social-insurance record, a choice the subject makes — rather than from official statistics or
 * the government's own registers and lists. Awards to regions (市、县) are never applied for: their
 * figures are statistics and any panel score is the higher level's own evaluation.
 */
import { isRegionKind, kindLabel, tagLabel, type Award, type Condition, type FactKey, type Metric, type Rule, type SubjectKind, type Tag } from '@duixian/engine';
import { follow, IN_USE } from './in-use.js';
import type { LoadedCorpus } from './load.js';

/**
 * The corpus says, word by word (its vocabulary.yaml's `evidence` and `registers`), what a subject
 * must evidence and how, and what the government already holds and whose.
 */
/** Facts the subject must evidence, and why (中文). */
export let EVIDENCED_FACTS: Readonly<Partial<Record<FactKey, string>>>;
/** Facts that come from official statistics (统计、商务、海关、平台监测数据), and whose. */
export let STATISTICAL_FACTS: Readonly<Partial<Record<FactKey, string>>>;
/** Tags the subject must evidence, and why. */
export let EVIDENCED_TAGS: Readonly<Partial<Record<Tag, string>>>;
/** Tags the government already holds in its own registers and lists, and which. */
export let REGISTER_TAGS: Readonly<Partial<Record<Tag, string>>>;
/** Recipients that no register or statistic shows (境外、门店、服务能力): they must apply. */
export let EVIDENCED_KINDS: Readonly<Partial<Record<SubjectKind, string>>>;

function metricFacts(m: Metric): FactKey[] {
  if ('fact' in m) return [m.fact];
  if ('growth' in m) return [m.growth, ...(m.published ? [m.published] : [])];
  if ('ratio' in m) return [...m.ratio, ...(m.published ? [m.published] : [])];
  if ('sumOverYears' in m) return [m.sumOverYears];
  if ('newlyOver' in m) return [m.newlyOver, m.published];
  // 综合评价: the metrics, and the panel's scores where it has them (I-composite)
  return [...m.composite.flatMap(metricFacts), 'panelScore'];
}

function conditionFacts(c: Condition): FactKey[] {
  if ('compare' in c) return [...metricFacts(c.compare), ...('benchmark' in c ? metricFacts(c.benchmark.metric) : [])];
  if ('usd' in c) return [c.usd.usdFact, c.usd.yuanFact, 'cnyPerUsd'];
  if ('flag' in c) return [c.flag];
  if ('dateInForce' in c) return [c.dateInForce];
  if ('anyOf' in c) return c.anyOf.flatMap(conditionFacts);
  if ('rank' in c) return metricFacts(c.rank.by);
  return []; // tag, notTag, wonGroup
}

/** The facts an award reads (the engine's awardFacts), and the fact naming the item applied for (a cost share's pick). */
function awardFactKeys(a: Award): FactKey[] {
  if ('tiers' in a) return [a.on];
  if ('perUnit' in a) return [a.perUnit.fact];
  if ('costShare' in a) {
    const { facts, pick, except } = a.costShare;
    return [...facts, ...(pick ? [pick.applied] : []), ...(except ? [except] : [])];
  }
  return [];
}

/** Every fact key a rule reads: its conditions (benchmarks and rankings included) and its award. */
export function ruleFactKeys(rule: Rule): FactKey[] {
  return [...new Set([...rule.conditions.flatMap(conditionFacts), ...awardFactKeys(rule.award)])];
}

/** Every tag a rule reads: its recipient's (with `inCity` where I-recipient-place may read it) and its conditions'. */
export function ruleTags(rule: Rule): Tag[] {
  const fromConditions = (c: Condition): Tag[] =>
    'tag' in c ? [c.tag] : 'notTag' in c ? [c.notTag] : 'anyOf' in c ? c.anyOf.flatMap(fromConditions) : [];
  const { tags = [], anyTags = [], byActivity } = rule.recipient;
  return [...new Set([...tags, ...anyTags, ...(byActivity ? ['inCity' as const] : []), ...rule.conditions.flatMap(fromConditions)])];
}

export interface Evidence {
  readonly kind: 'fact' | 'tag' | 'recipient';
  readonly key: string;
  readonly label: string;
  readonly why: string;
}

/** What a subject must evidence to claim a rule (empty: 免申即享), in the words of the rule's corpus. */
export function evidenceOf(rule: Rule, corpus: Pick<LoadedCorpus, 'vocabulary' | 'evidence'> = IN_USE): Evidence[] {
  if (rule.recipient.kinds.every(isRegionKind)) return [];
  const { vocabulary, evidence } = corpus;
  const facts = ruleFactKeys(rule).flatMap((k): Evidence[] => {
    const why = evidence.facts[k];
    return why ? [{ kind: 'fact', key: k, label: vocabulary.facts[k]?.label ?? k, why }] : [];
  });
  const tags = ruleTags(rule).flatMap((t): Evidence[] => {
    const why = evidence.tags[t];
    return why ? [{ kind: 'tag', key: t, label: tagLabel(vocabulary, t), why }] : [];
  });
  const kinds = rule.recipient.kinds.flatMap((k): Evidence[] => {
    const why = evidence.kinds[k];
    return why ? [{ kind: 'recipient', key: k, label: kindLabel(vocabulary, k), why }] : [];
  });
  return [...facts, ...tags, ...kinds];
}

export type ApplicationMode = 'application' | 'automatic';

export function applicationMode(rule: Rule, corpus: Pick<LoadedCorpus, 'vocabulary' | 'evidence'> = IN_USE): ApplicationMode {
  return evidenceOf(rule, corpus).length ? 'application' : 'automatic';
}

/** The corpus's rule ids by mode, in corpus order. */
export let APPLICATION_RULES: readonly string[];
export let AUTOMATIC_RULES: readonly string[];

follow((loaded) => {
  ({ facts: EVIDENCED_FACTS, tags: EVIDENCED_TAGS, kinds: EVIDENCED_KINDS } = loaded.evidence);
  ({ facts: STATISTICAL_FACTS, tags: REGISTER_TAGS } = loaded.registers);
  const byMode = (mode: ApplicationMode) => loaded.corpus.rules.filter((r) => applicationMode(r, loaded) === mode).map((r) => r.id);
  APPLICATION_RULES = byMode('application');
  AUTOMATIC_RULES = byMode('automatic');
});
