import { describe, expect, it } from 'vitest';
import { holds, operatorOf, type LegalWord } from '../src/index.js';

/** word, actual − threshold sign, holds? — both sides of every bound. */
const cases: [LegalWord, number, boolean][] = [
  ['以上', 0, true], ['以上', -1, false], ['以上', 1, true],
  ['达到', 0, true], ['达到', -1, false],
  ['不低于', 0, true], ['不少于', 0, true], ['不少于', -1, false],
  ['以上（含）', 0, true],
  ['超过', 0, false], ['超过', 1, true],
  ['高于', 0, false], ['高于', 1, true],
  ['过', 0, false], ['过', 1, true],
  ['以下', 0, true], ['以下', 1, false],
  ['低于', 0, false], ['低于', -1, true],
  ['不满', 0, false], ['不足', -1, true], ['不足', 0, false],
];

describe('legal comparison words keep their meaning (民法典 第1259条)', () => {
  it.each(cases)('%s with sign %d → %s', (word, sign, expected) => {
    expect(holds(operatorOf(word), sign)).toBe(expected);
  });
  it('过 is strict by default and inclusive under I-guo=inclusive', () => {
    expect(operatorOf('过')).toBe('>');
    expect(operatorOf('过', 'inclusive')).toBe('>=');
  });
});
