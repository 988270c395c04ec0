/**
 * The figures a rule or validation encodes — thresholds, tiers, amounts, rates, caps, prizes,
 * ranks — each with the field it sits in (`award.tiers[0].money`), the unit it is read in, and
 * the comparison word the rule gives it. `duixian check` parses each and looks for it in the
 * rule's cites.
 */
import type { Award, Condition, LegalWord, Metric, Rule, Unit, Validation } from '@duixian/engine';
import type { FigureUnit } from './cited-figures.js';

export interface EncodedFigure {
  readonly path: string; // the field, from the rule: "conditions[0].value", "award.tiers[1].money"
  readonly written: string; // as the rule writes it: "5万元", "5000", "前5"
  readonly unit: FigureUnit;
  /** the rank's place (rank.top), already a number */
  readonly top?: number;
  /** the comparison word the rule reads the figure with, and its field */
  readonly legal?: { readonly word: LegalWord; readonly path: string };
}

/** The unit of a fact key, or undefined when the key is not declared (reported on its own). */
export type UnitOfFact = (key: string) => Unit | undefined;

/** The unit a compared metric's value is written in. */
function metricUnit(m: Metric, unitOf: UnitOfFact): Unit | undefined {
  if ('fact' in m) return unitOf(m.fact);
  if ('sumOverYears' in m) return unitOf(m.sumOverYears);
  if ('growth' in m || 'ratio' in m) return 'ratio';
  if ('newlyOver' in m) return 'count'; // the number of enterprises newly over the line
  return 'score';
}

function conditionFigures(c: Condition, at: string, unitOf: UnitOfFact): EncodedFigure[] {
  if ('anyOf' in c) return c.anyOf.flatMap((x, i) => conditionFigures(x, `${at}.anyOf[${i}]`, unitOf));
  if ('rank' in c) {
    // a rank whose N is a parameter (综合排名靠前) has no N in the text: its `top` is our default
    if (c.rank.topParameter) return [];
    return [{ path: `${at}.rank.top`, written: `前${c.rank.top}`, unit: 'rank', top: c.rank.top }];
  }
  const out: EncodedFigure[] = [];
  const legal = (word: LegalWord, path: string): EncodedFigure['legal'] => ({ word, path });
  if ('usd' in c) out.push({ path: `${at}.value`, written: c.value, unit: 'usd', legal: legal(c.legal, `${at}.legal`) });
  if ('compare' in c && 'value' in c) {
    const unit = metricUnit(c.compare, unitOf);
    if (unit) out.push({ path: `${at}.value`, written: c.value, unit, legal: legal(c.legal, `${at}.legal`) });
    const m = c.compare;
    const inner = 'newlyOver' in m ? unitOf(m.newlyOver) : undefined;
    if ('newlyOver' in m && inner) out.push({ path: `${at}.compare.value`, written: m.value, unit: inner, legal: legal(m.legal, `${at}.compare.legal`) });
  }
  return out;
}

function awardFigures(a: Award, unitOf: UnitOfFact): EncodedFigure[] {
  const money = (path: string, written: string | undefined): EncodedFigure[] => (written === undefined ? [] : [{ path, written, unit: 'yuan' }]);
  if ('money' in a) return money('award.money', a.money);
  if ('prizes' in a) return a.prizes.flatMap((p, i) => money(`award.prizes[${i}]`, p));
  if ('tiers' in a) {
    const unit = unitOf(a.on);
    return a.tiers.flatMap((t, i): EncodedFigure[] => {
      const at = `award.tiers[${i}]`;
      const bounds: EncodedFigure[] = unit === undefined ? [] : [
        { path: `${at}.from`, written: t.from, unit, ...(t.legal ? { legal: { word: t.legal, path: `${at}.legal` } } : {}) },
        ...(t.to === undefined ? [] : [{ path: `${at}.to`, written: t.to, unit }]),
      ];
      return [...bounds, ...money(`${at}.money`, t.money)];
    });
  }
  if ('perUnit' in a) {
    const unit = unitOf(a.perUnit.fact);
    const per: EncodedFigure[] = unit === undefined ? [] : [{ path: 'award.perUnit.per', written: a.perUnit.per, unit }];
    return [...per, ...money('award.perUnit.pay', a.perUnit.pay), ...money('award.cap', a.cap)];
  }
  if ('costShare' in a) {
    const { rate, itemCap, yearCap } = a.costShare;
    return [{ path: 'award.costShare.rate', written: rate, unit: 'ratio' }, ...money('award.costShare.itemCap', itemCap), ...money('award.costShare.yearCap', yearCap)];
  }
  return []; // honor, recommendation, pending: no figure
}

export function ruleFigures(rule: Rule, unitOf: UnitOfFact): EncodedFigure[] {
  return [
    ...rule.conditions.flatMap((c, i) => conditionFigures(c, `conditions[${i}]`, unitOf)),
    ...awardFigures(rule.award, unitOf),
    ...(rule.pool ? [{ path: 'pool.cap', written: rule.pool.cap, unit: 'yuan' as const }] : []),
  ];
}

export function validationFigures(v: Validation, unitOf: UnitOfFact): EncodedFigure[] {
  const unit = unitOf(v.fact);
  return unit === undefined ? [] : [{ path: 'min', written: v.min, unit }, { path: 'max', written: v.max, unit }];
}
