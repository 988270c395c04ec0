/**
 * 政策模拟: a draft policy is the corpus with some figures changed — an amount, a threshold, a
 * cap, a rate, a pool, a prize ladder, a tier, N of a top-N. Rules are data, so a draft is a
 * transformed copy, evaluated by the same engine and explained in the draft's own figures.
 * Every change is checked: an unknown rule, a change the rule has no place for, or a figure that
 * does not parse is an error naming the change.
 */
import { parseQuantity } from './quantity.js';
import type { Award, Condition, Corpus, Rule } from './rule.js';
import { UNITS, type FactKey, type Unit, type Vocabulary } from './vocabulary.js';

export type ChangeKey =
  | 'amount' // 给予X: a fixed amount
  | 'threshold' // the rule's one threshold condition (e.g. 1亿元以上)
  | 'cap' // per-subject cap (per-unit) or per-year cap (cost share)
  | 'itemCap' // per-item cap of a cost share
  | 'rate' // rate of a cost share
  | 'pay' // per-unit pay (每实现1万元 … 2元)
  | 'pool' // total cap of the rule (全省补贴总额)
  | 'prizes' // a prize ladder, "50万元,40万元,30万元"
  | 'top' // N of a top-N ranking
  | `tier${number}.from`
  | `tier${number}.money`;

export interface Change {
  readonly rule: string;
  readonly key: ChangeKey;
  readonly value: string; // as a document writes it: "80万元", "60%", "5"
}

export class DraftError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** The corpus with the changes applied; its version says it is a draft of which corpus. */
export function draftCorpus(corpus: Corpus, changes: readonly Change[]): Corpus {
  const problems: string[] = [];
  const rules = new Map(corpus.rules.map((r) => [r.id, r]));
  changes.forEach((c, k) => {
    const rule = rules.get(c.rule);
    if (!rule) return void problems.push(`changes[${k}].rule: unknown rule "${c.rule}"`);
    try {
      rules.set(rule.id, applyChange(rule, c, corpus.vocabulary));
    } catch (e) {
      problems.push(`changes[${k}] (${c.rule} ${c.key}): ${(e as Error).message}`);
    }
  });
  if (problems.length) throw new DraftError(problems);
  return { ...corpus, version: `${corpus.version}+draft`, rules: corpus.rules.map((r) => rules.get(r.id)!) };
}

/** `unit` undefined: a fact the vocabulary at hand does not declare, so any unit's figure will do. */
function check(value: string, unit: Unit | undefined): string {
  if (unit === undefined) {
    const fits = (Object.keys(UNITS) as Unit[]).find((u) => parseQuantity(value, u).ok);
    return check(value, fits ?? 'yuan');
  }
  const p = parseQuantity(value, unit);
  if (!p.ok) throw new Error(p.error);
  if (p.value < 0) throw new Error(`${value} is negative`);
  return value;
}

function applyChange(rule: Rule, c: Change, vocabulary: Vocabulary): Rule {
  const note = `模拟：${c.key} 改为 ${c.value}`;
  const r = withFigure(rule, c.key, c.value, vocabulary);
  return { ...r, note: r.note ? `${r.note}；${note}` : note };
}

/**
 * The rule with one figure changed (a draft's change, or a figure's dated value from a day on):
 * `key` names the figure as a Change does; an unknown key, a figure the rule has no place for or
 * one that does not parse throws, naming it. A threshold or tier is checked in its fact's unit, from
 * `vocabulary` (without one, any unit's figure will do).
 */
export function withFigure(rule: Rule, key: string, value: string, vocabulary?: Vocabulary): Rule {
  const unitOf = (fact: FactKey): Unit | undefined => (vocabulary && Object.hasOwn(vocabulary.facts, fact) ? vocabulary.facts[fact]!.unit : undefined);
  const a = rule.award;
  switch (key) {
    case 'amount':
      if (!('money' in a)) throw new Error('the rule has no fixed amount');
      return { ...rule, award: { ...a, money: check(value, 'yuan') } };
    case 'threshold':
      return { ...rule, conditions: withThreshold(rule.conditions, value, unitOf) };
    case 'cap':
      if ('perUnit' in a) return { ...rule, award: { ...a, cap: check(value, 'yuan') } };
      if ('costShare' in a) return { ...rule, award: { ...a, costShare: { ...a.costShare, yearCap: check(value, 'yuan') } } };
      throw new Error('the rule has no cap');
    case 'itemCap':
      if (!('costShare' in a)) throw new Error('the rule is not a cost share');
      return { ...rule, award: { ...a, costShare: { ...a.costShare, itemCap: check(value, 'yuan') } } };
    case 'rate':
      if (!('costShare' in a)) throw new Error('the rule is not a cost share');
      return { ...rule, award: { ...a, costShare: { ...a.costShare, rate: check(value, 'ratio') } } };
    case 'pay':
      if (!('perUnit' in a)) throw new Error('the rule pays no amount per unit');
      return { ...rule, award: { ...a, perUnit: { ...a.perUnit, pay: check(value, 'yuan') } } };
    case 'pool':
      if (!rule.pool) throw new Error('the rule has no total cap');
      return { ...rule, pool: { ...rule.pool, cap: check(value, 'yuan') } };
    case 'prizes': {
      if (!('prizes' in a)) throw new Error('the rule has no prize ladder');
      const prizes = value.split(/[,，、]/).map((p) => check(p.trim(), 'yuan'));
      if (prizes.length !== a.prizes.length) throw new Error(`give ${a.prizes.length} prizes, one for each place`);
      return { ...rule, award: { ...a, prizes } };
    }
    case 'top':
      return { ...rule, conditions: rule.conditions.map((x) => ('rank' in x ? { rank: { ...x.rank, top: topOf(value) } } : x)) };
    default:
      return { ...rule, award: withTier(a, key, value, unitOf) };
  }
}

/** The rule's single fixed threshold; a rule with several is ambiguous and refused. */
function withThreshold(conditions: readonly Condition[], value: string, unitOf: (fact: FactKey) => Unit | undefined): Condition[] {
  const at = conditions.flatMap((x, k) => ('compare' in x && 'value' in x ? [k] : []));
  if (at.length !== 1) throw new Error(at.length ? 'the rule has several thresholds: change the rule itself' : 'the rule has no threshold');
  return conditions.map((x, k) => {
    if (k !== at[0] || !('compare' in x) || !('value' in x)) return x;
    const unit = 'fact' in x.compare ? unitOf(x.compare.fact) : 'count';
    return { ...x, value: check(value, unit) };
  });
}

function topOf(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${value} is not a number of places`);
  return n;
}

function withTier(a: Award, key: string, value: string, unitOf: (fact: FactKey) => Unit | undefined): Award {
  const m = /^tier(\d+)\.(from|money)$/.exec(key);
  if (!m) throw new Error(`unknown change "${key}"`);
  if (!('tiers' in a)) throw new Error('the rule has no tiers');
  const k = Number(m[1]) - 1;
  if (!a.tiers[k]) throw new Error(`the rule has ${a.tiers.length} tiers`);
  const unit = m[2] === 'money' ? 'yuan' : unitOf(a.on);
  const tiers = a.tiers.map((t, j) => (j === k ? { ...t, [m[2]!]: check(value, unit) } : t));
  return { ...a, tiers };
}
