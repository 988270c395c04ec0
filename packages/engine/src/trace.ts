/**
 * Explanations: every decision carries the steps that made it, in the documents' words.
 * A step has Chinese text for people and a few machine fields; `holds` is true/false for
 * a condition that passed/failed and null when facts are missing.
 */
export type StepKind =
  | 'recipient' | 'validity' | 'condition' | 'benchmark' | 'rank' | 'compute' | 'cap'
  | 'parameter' | 'once' | 'blacklist' | 'exclusive' | 'pool' | 'interpretation' | 'note';

export type Datum = string | number | boolean | null | readonly string[];

export interface Step {
  readonly kind: StepKind;
  readonly text: string;
  readonly holds?: boolean | null;
  readonly data?: Readonly<Record<string, Datum>>;
}

/** Who decided what, for one subject and rule. */
export type Outcome = 'award' | 'withheld' | 'not-eligible' | 'missing' | 'not-in-force' | 'not-recipient';

export interface Explanation {
  readonly rule: string;
  readonly document: string;
  readonly number: string; // 文号
  readonly article: string;
  readonly title: string;
  readonly text: string; // the article's words
  readonly subject: string;
  readonly subjectName: string;
  readonly year: number;
  readonly outcome: Outcome;
  readonly summary: string; // one Chinese sentence
  readonly steps: readonly Step[];
  readonly readings: Readonly<Record<string, string>>;
  /** facts that would decide it, when the outcome is `missing` ("E1 physicalGoodsOnlineRetail@2023") */
  readonly missing?: readonly string[];
}

const OUTCOME_ZH: Record<Outcome, string> = {
  award: '给予',
  withheld: '符合条件但不予发放',
  'not-eligible': '不符合条件',
  missing: '数据不足，无法判定',
  'not-in-force': '文件在该年度不适用',
  'not-recipient': '不属于该条款的支持对象',
};

/** 第二条 for a whole article ("二", "5"); a sub-item ("三(五)") as the corpus writes it. */
export const articleLabel = (article: string): string => (/^([一二三四五六七八九十]+|\d+)$/.test(article) ? `第${article}条` : article);

/** The explanation as Chinese text, one step per line, for `duixian explain`. */
export function renderExplanation(e: Explanation): string {
  const lines = [
    `${e.number} ${articleLabel(e.article)} ${e.title}（${e.rule}）`,
    `原文：${e.text}`,
    `主体：${e.subjectName}（${e.subject}），考核年度：${e.year}`,
    '',
  ];
  e.steps.forEach((s, i) => {
    const mark = s.holds === true ? '✓' : s.holds === false ? '✗' : s.holds === null ? '?' : '·';
    lines.push(`${String(i + 1).padStart(2)}. ${mark} ${s.text}`);
  });
  const readings = Object.entries(e.readings).map(([k, v]) => `${k}=${v}`);
  if (readings.length) lines.push('', `适用口径：${readings.join('，')}`);
  lines.push('', `结论：${OUTCOME_ZH[e.outcome]}。${e.summary}`);
  return lines.join('\n');
}
