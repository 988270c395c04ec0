/**
 * Every figure a rule encodes is stated in one of its cites, with an equal value, and the
 * comparison word the rule reads it with governs it there. A tier typed 6万元 where the law says
 * 5万元, a threshold of 500 where it says 5000 m², 超过 where it says 以上: each is a problem naming
 * the rule, the figure and its field.
 */
import { parseQuantity, type Condition, type Rule } from '@duixian/engine';
import type { CorpusProblem } from './check.js';
import { citedFigures, governs, hasWord, type CitedFigure } from './cited-figures.js';
import type { EncodedFigure } from './encoded-figures.js';

export interface Cited {
  readonly id: string;
  readonly cites: readonly string[];
}

/** The value of an encoded figure at its unit's scale, or why it does not parse. */
function valueOf(f: EncodedFigure): { ok: true; value: number } | { ok: false; error: string } {
  if (f.unit === 'rank') return { ok: true, value: f.top ?? Number.NaN };
  return parseQuantity(f.written, f.unit);
}

/** Where the cites state `f`'s value: each cite with the figure in it. */
function statedAt(cites: readonly string[], f: EncodedFigure, value: number): Array<{ cite: string; figure: CitedFigure }> {
  return cites.flatMap((cite) => citedFigures(cite).filter((c) => c.unit === f.unit && c.value === value).map((figure) => ({ cite, figure })));
}

function figureProblem(entry: Cited, f: EncodedFigure): CorpusProblem | undefined {
  const v = valueOf(f);
  if (!v.ok) return { where: entry.id, message: `figure ${f.written} (${f.path}): ${v.error}` };
  const stated = statedAt(entry.cites, f, v.value);
  if (stated.length === 0) {
    return { where: entry.id, message: `${f.written} (${f.path}) is not in any cite of the rule — 规则引文中没有这个数：${f.written}` };
  }
  const legal = f.legal;
  if (legal && !stated.some((s) => governs(s.cite, s.figure, legal.word))) {
    const where = stated.map((s) => `"${s.figure.text}"`).join(', ');
    return {
      where: entry.id,
      message: `${legal.word} (${legal.path}) does not govern ${f.written} (${f.path}) in any cite of the rule (cited as ${where}) — 规则引文中${f.written}前后没有“${legal.word}”`,
    };
  }
  return undefined;
}

/** The problems of one rule or validation: its figures against its cites. */
export function figuresNotCited(entry: Cited, figures: readonly EncodedFigure[]): CorpusProblem[] {
  return figures.flatMap((f) => figureProblem(entry, f) ?? []);
}

/**
 * A comparison with a regional average (高于全省平均增幅) has no figure to cite: its word must be
 * in the rule's text.
 */
export function benchmarkWordsNotInText(rule: Rule): CorpusProblem[] {
  const walk = (c: Condition, at: string): CorpusProblem[] => {
    if ('anyOf' in c) return c.anyOf.flatMap((x, i) => walk(x, `${at}.anyOf[${i}]`));
    if (!('benchmark' in c) || hasWord(rule.text, c.legal)) return [];
    return [{ where: rule.id, message: `${c.legal} (${at}.legal) is not in the rule's text — 规则原文中没有“${c.legal}”` }];
  };
  return rule.conditions.flatMap((c, i) => walk(c, `conditions[${i}]`));
}
