/** Parameter keys a rule may take (interchange `parameters[].key`), with their units. */
import type { Metric, Rule } from './rule.js';
import type { Unit } from './vocabulary.js';

export const PARAMETER_KEYS = {
  amount: { unit: 'yuan', label: '金额（待定奖励的金额标准）' },
  topN: { unit: 'count', label: '名次数（前N名）' },
  cityShare: { unit: 'ratio', label: '市级财政负担比例' },
  rate: { unit: 'ratio', label: '补贴比例' },
  cap: { unit: 'yuan', label: '封顶金额' },
  threshold: { unit: 'yuan', label: '门槛' },
} as const satisfies Record<string, { unit: Unit; label: string }>;
export type ParameterKey = keyof typeof PARAMETER_KEYS;
export const isParameterKey = (k: string): k is ParameterKey => Object.hasOwn(PARAMETER_KEYS, k);

/**
 * Keyed families: `weight.<factKey>`, the weight of one metric in a composite score
 * (I-composite = weighted); `cityShare.<county code>`, the city's share of a shared cost.
 */
const FAMILY_RE = /^(?:weight\.[A-Za-z0-9]+|cityShare\.\d{6})$/;

/** The unit of a parameter key, or undefined when the key is not in the vocabulary. */
export function parameterUnit(key: string): Unit | undefined {
  if (isParameterKey(key)) return PARAMETER_KEYS[key].unit;
  return FAMILY_RE.test(key) ? 'ratio' : undefined;
}

/** The fact whose `weight.<key>` weighs a composite's part (ranking.ts weightOf reads the same key). */
export function weightKeyOf(p: Metric): string | undefined {
  return 'fact' in p ? p.fact : 'growth' in p ? (p.published ?? p.growth) : 'ratio' in p ? (p.published ?? p.ratio[0]) : undefined;
}

/**
 * The parameter keys a rule reads, derived from its shapes: `amount` of a pending award, `topN` of
 * a ranking that takes it, `weight.<fact>` of a composite's parts (I-composite = weighted), the
 * city's share of a cost 市、县区分级负担 (`cityShare`, `cityShare.<县区代码>`). Anything else given
 * for the rule would be read by nothing.
 */
export function parametersRead(rule: Rule): string[] {
  const out: string[] = [];
  if ('pending' in rule.award) out.push('amount');
  for (const c of rule.conditions) {
    if (!('rank' in c)) continue;
    if (c.rank.topParameter) out.push(c.rank.topParameter);
    if ('composite' in c.rank.by) for (const p of c.rank.by.composite) { const k = weightKeyOf(p); if (k) out.push(`weight.${k}`); }
  }
  if (rule.funder === 'city-county') out.push('cityShare', 'cityShare.<县区代码>');
  return out;
}

/** Does `key` match one of `read` (a family `cityShare.<县区代码>` matches any six-digit code)? */
export function readsParameter(read: readonly string[], key: string): boolean {
  return read.includes(key) || (read.includes('cityShare.<县区代码>') && /^cityShare\.\d{6}$/.test(key));
}
