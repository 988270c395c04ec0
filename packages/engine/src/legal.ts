/**
 * The legal comparison words of the documents as named operators. The word is kept so
 * that every explanation can quote it: 以上 ≥ (含本数), 超过 > (不含本数) — 民法典 第1259条
 * (I-bounds = civil-code). 过 follows I-guo (strict by default, as 超过).
 */
export type LegalWord =
  | '以上' | '达到' | '不低于' | '不少于' | '以上（含）'
  | '超过' | '高于' | '过'
  | '以下' | '不高于' | '不超过'
  | '低于' | '不满' | '不足';

export type Operator = '>=' | '>' | '<=' | '<';

interface WordInfo { readonly op: Operator; readonly note: string }

export const LEGAL_WORDS: Readonly<Record<LegalWord, WordInfo>> = {
  以上: { op: '>=', note: '以上，含本数' },
  '以上（含）': { op: '>=', note: '以上（含本数）' },
  达到: { op: '>=', note: '达到，含本数' },
  不低于: { op: '>=', note: '不低于，含本数' },
  不少于: { op: '>=', note: '不少于，含本数' },
  超过: { op: '>', note: '超过，不含本数' },
  高于: { op: '>', note: '高于，不含本数' },
  过: { op: '>', note: '过，按“超过”理解，不含本数' },
  以下: { op: '<=', note: '以下，含本数' },
  不高于: { op: '<=', note: '不高于，含本数' },
  不超过: { op: '<=', note: '不超过，含本数' },
  低于: { op: '<', note: '低于，不含本数' },
  不满: { op: '<', note: '不满，不含本数' },
  不足: { op: '<', note: '不足，不含本数' },
};

export const SYMBOL: Readonly<Record<Operator, string>> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' };
export const NEGATED: Readonly<Record<Operator, string>> = { '>=': '<', '>': '≤', '<=': '>', '<': '≥' };

/** The operator a word means under the run's readings (only 过 is switchable, by I-guo). */
export function operatorOf(word: LegalWord, guo: 'strict' | 'inclusive' = 'strict'): Operator {
  if (word === '过') return guo === 'inclusive' ? '>=' : '>';
  return LEGAL_WORDS[word].op;
}

export function noteOf(word: LegalWord, guo: 'strict' | 'inclusive' = 'strict'): string {
  if (word === '过' && guo === 'inclusive') return '过，按“达到”理解，含本数（I-guo=inclusive）';
  return LEGAL_WORDS[word].note;
}

/** Compare with the operator; `c` is the sign of (actual − threshold). */
export function holds(op: Operator, c: number): boolean {
  switch (op) {
    case '>=': return c >= 0;
    case '>': return c > 0;
    case '<=': return c <= 0;
    case '<': return c < 0;
  }
}
