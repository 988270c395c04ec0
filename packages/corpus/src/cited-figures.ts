/**
 * The figures a cite states, as exact quantities: "20 万元" and "200000元" are both 20万元 in fen,
 * "5000 m²" is 5000 square metres, "前三名" is a rank of 3. `duixian check` compares a rule's
 * encoded figures with these by value, never as strings ("500" is inside "5000" but is not it).
 * Also: which comparison word (以上, 超过 …) governs a figure where the cite states it.
 */
import { LEGAL_WORDS, parseQuantity, type LegalWord, type Unit } from '@duixian/engine';
import { scanFigures } from './figures.js';

/** The engine's units, plus the place of a ranking (前N名/前N位), which is no count of anything. */
export type FigureUnit = Unit | 'rank';

export interface CitedFigure {
  readonly text: string; // as the cite writes it: "20 万元", "前三名", "过亿元"
  readonly start: number; // span [start, end) in the cite
  readonly end: number;
  readonly unit: FigureUnit;
  readonly value: number; // at the unit's scale (fen, millionths, …), as parseQuantity holds it
}

/** The unit word of a figure → the engine's unit and the suffix parseQuantity reads for it. */
const BASE_UNITS: ReadonlyArray<readonly [RegExp, Unit, string]> = [
  [/美元$/, 'usd', '美元'],
  [/元$/, 'yuan', '元'],
  [/^(?:%|％)$/, 'ratio', '%'],
  [/^(?:平米|平方米|m²|㎡)$/, 'sqm', ''],
  // 个月 counts months (连续缴纳6个月): the facts it is compared with are counts
  [/^(?:家|个|个月|名|位|件|人|次|处)$/, 'count', ''],
];

const CN_DIGITS: Readonly<Record<string, number>> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_TENS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** "三" → 3, "十五" → 15, "二十" → 20, "一百零五" → 105; Arabic digits pass through. */
export function chineseNumber(s: string): string {
  if (/^\d/.test(s)) return s;
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in CN_DIGITS) digit = CN_DIGITS[ch]!;
    else {
      total += (digit || 1) * CN_TENS[ch]!;
      digit = 0;
    }
  }
  return String(total + digit);
}

const NUMBER_AND_UNIT = /^(\d+(?:\.\d+)?|[零一二两三四五六七八九十百千]+)\s?((?:万亿|万|亿)?)(.+)$/u;

/** One figure scanFigures found, as a quantity; undefined for what no rule encodes (years, 年). */
function quantityOf(text: string): { unit: FigureUnit; value: number } | undefined {
  const rank = /^前\s?(.+?)\s?[位名]$/u.exec(text);
  if (rank) return { unit: 'rank', value: Number(chineseNumber(rank[1]!)) };
  if (text === '过亿元') return { unit: 'yuan', value: parsed('1亿元', 'yuan')! };
  const m = NUMBER_AND_UNIT.exec(text);
  if (!m) return undefined;
  const [, number, multiplier, word] = m;
  const base = BASE_UNITS.find(([re]) => re.test(word!));
  if (!base) return undefined;
  const [, unit, suffix] = base;
  const value = parsed(`${chineseNumber(number!)}${multiplier}${suffix}`, unit);
  return value === undefined ? undefined : { unit, value };
}

const parsed = (text: string, unit: Unit): number | undefined => {
  const p = parseQuantity(text, unit);
  return p.ok ? p.value : undefined;
};

/** "每件包裹", "每家企业": one of something, the `per` of a per-unit award written without a number. */
const EACH = /每(?:件|个|家|人|名|位|次|处)/gu;

export function citedFigures(cite: string): CitedFigure[] {
  const out: CitedFigure[] = [];
  for (const f of scanFigures(cite)) {
    const q = quantityOf(f.text);
    if (q) out.push({ text: f.text, start: f.start, end: f.end, ...q });
  }
  for (const m of cite.matchAll(EACH)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length, unit: 'count', value: 1 });
  return out;
}

// ---- the comparison word governing a figure ----

/** Words written after their figure (5000万元以上); every other word comes before it (超过2亿元). */
const AFTER: ReadonlySet<LegalWord> = new Set<LegalWord>(['以上', '以下', '以上（含）']);

/** How a word is written: 以上（含） appears as "以上（含1000万元）". */
const WRITTEN: Partial<Record<LegalWord, readonly string[]>> = { '以上（含）': ['以上（含', '以上(含'] };

interface WordAt { readonly word: LegalWord; readonly start: number; readonly end: number }

/**
 * Every comparison word in `clause`, longest first: "不超过" is not "超过", "不低于" not "低于",
 * "超过" not "过". A word inside a longer one at the same place is left out.
 */
function wordsIn(clause: string): WordAt[] {
  const all: WordAt[] = [];
  for (const word of Object.keys(LEGAL_WORDS) as LegalWord[]) {
    for (const form of WRITTEN[word] ?? [word]) {
      for (let i = clause.indexOf(form); i !== -1; i = clause.indexOf(form, i + 1)) all.push({ word, start: i, end: i + form.length });
    }
  }
  const inside = (a: WordAt, b: WordAt): boolean => a !== b && b.start <= a.start && a.end <= b.end && b.end - b.start > a.end - a.start;
  return all.filter((a) => !all.some((b) => inside(a, b)));
}

/** Is `word` itself in `text` (not only inside a longer word: 超过 in 不超过)? */
export const hasWord = (text: string, word: LegalWord): boolean => wordsIn(text).some((w) => w.word === word);

const CLAUSE_END = /[，,；;。：:！？!?\n]/u;

/** The clause of `cite` around [start, end): up to the nearest ，；。： on either side (、 joins a list). */
function clauseAround(cite: string, start: number, end: number): { text: string; offset: number } {
  let from = start;
  while (from > 0 && !CLAUSE_END.test(cite.charAt(from - 1))) from--;
  let to = end;
  while (to < cite.length && !CLAUSE_END.test(cite.charAt(to))) to++;
  return { text: cite.slice(from, to), offset: from };
}

/**
 * Does `word` govern the figure at `f` in `cite`? A word written after its figure must follow it
 * at once ("1亿元以上"); one written before must be the nearest comparison word before it in its
 * clause ("达到5000万元、1亿元、2亿元" governs all three). "过亿元" carries its own word.
 */
export function governs(cite: string, f: CitedFigure, word: LegalWord): boolean {
  if (f.text.startsWith(word)) return true;
  const clause = clauseAround(cite, f.start, f.end);
  const words = wordsIn(clause.text).map((w) => ({ ...w, start: w.start + clause.offset, end: w.end + clause.offset }));
  const following = words.find((w) => AFTER.has(w.word) && w.start >= f.end && cite.slice(f.end, w.start).trim() === '');
  const preceding = words.filter((w) => !AFTER.has(w.word) && w.end <= f.start).sort((a, b) => b.end - a.end)[0];
  return following?.word === word || preceding?.word === word;
}
