/** Parameter keys a rule may take (interchange `parameters[].key`), with their units. */
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
