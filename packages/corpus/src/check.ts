/**
 * `duixian check`: the corpus against itself and the texts. Structural problems (an unknown
 * rule in a group, a cite not in the text, a threshold that does not parse) and coverage: every
 * figure in a document's text is linked to a rule or target, or marked not computable.
 */
import { FACT_KEYS, isFactKey, parseQuantity, type Award, type Condition, type Corpus, type Metric } from '@duixian/engine';
import { coverage } from './coverage.js';
import { MEASURES, NOT_COMPUTABLE, TARGETS } from './documents/index.js';
import { TEXTS } from './texts.js';

export interface CorpusProblem { readonly where: string; readonly message: string }

export function checkCorpus(corpus: Corpus): { problems: CorpusProblem[]; report: ReturnType<typeof coverage> } {
  const problems: CorpusProblem[] = [];
  const ids = new Set<string>();
  for (const r of corpus.rules) {
    if (ids.has(r.id)) problems.push({ where: r.id, message: 'duplicate rule id' });
    ids.add(r.id);
    if (!corpus.documents.some((d) => d.id === r.document)) problems.push({ where: r.id, message: `unknown document ${r.document}` });
    if (!r.id.startsWith(`${r.document}/`)) problems.push({ where: r.id, message: 'rule id does not start with its document id' });
    for (const v of valuesOf(r.conditions, r.award)) {
      const p = parseQuantity(v.value, v.unit);
      if (!p.ok) problems.push({ where: r.id, message: `figure ${v.value}: ${p.error}` });
    }
    for (const c of r.conditions) {
      if ('awardedBefore' in c && !corpus.rules.some((x) => x.id === c.awardedBefore)) problems.push({ where: r.id, message: `awardedBefore names unknown rule ${c.awardedBefore}` });
    }
    if (r.exclusiveGroup && !corpus.groups.some((g) => g.id === r.exclusiveGroup && g.rules.includes(r.id))) {
      problems.push({ where: r.id, message: `exclusiveGroup ${r.exclusiveGroup} does not list this rule` });
    }
  }
  for (const g of corpus.groups) {
    for (const id of g.rules) if (!ids.has(id)) problems.push({ where: g.id, message: `group lists unknown rule ${id}` });
  }
  const report = coverage({
    texts: TEXTS, measures: MEASURES, targets: TARGETS, notComputable: NOT_COMPUTABLE,
    ruleCites: [...corpus.rules, ...corpus.validations].map((r) => ({ rule: r.id, document: r.document, cites: r.cites })),
  });
  return { problems, report };
}

type Figure = { value: string; unit: 'yuan' | 'usd' | 'ratio' | 'count' | 'sqm' };

/** The written figures of a rule (thresholds, amounts, rates, caps), each with the unit it must parse in. */
function valuesOf(conditions: readonly Condition[], award: Award): Figure[] {
  const out: Figure[] = [];
  const metricUnit = (m: Metric): Figure['unit'] => ('fact' in m && isFactKey(m.fact) ? unitOfFact(m.fact) : 'count');
  const walk = (c: Condition): void => {
    if ('anyOf' in c) c.anyOf.forEach(walk);
    else if ('usd' in c) out.push({ value: c.value, unit: 'usd' });
    else if ('compare' in c && 'value' in c) out.push({ value: c.value, unit: metricUnit(c.compare) });
  };
  conditions.forEach(walk);
  if ('money' in award) out.push({ value: award.money, unit: 'yuan' });
  if ('prizes' in award) award.prizes.forEach((p) => out.push({ value: p, unit: 'yuan' }));
  if ('tiers' in award) award.tiers.forEach((t) => out.push({ value: t.money, unit: 'yuan' }));
  if ('costShare' in award) out.push({ value: award.costShare.rate, unit: 'ratio' });
  return out;
}

const unitOfFact = (k: keyof typeof FACT_KEYS): Figure['unit'] => {
  const u = FACT_KEYS[k].unit;
  return u === 'yuan' || u === 'usd' || u === 'ratio' || u === 'sqm' ? u : 'count';
};
