import { describe, expect, it } from 'vitest';
import { decimalText, formatRatio, formatRatioQ, formatYuan, q, yuanString } from '../src/index.js';

describe('money and ratios rendered exactly', () => {
  it.each([
    [12_300_000_000, '1.23亿元'],
    [10_000_000_000, '1亿元'],
    [1_200_000_000, '1,200万元'],
    [2_400_000, '2.4万元'],
    [20, '0.20元'],
    [100, '1元'],
    [999_999, '9,999.99元'],
    [12_345_678_912, '1.2345678912亿元'],
  ])('formatYuan(%d fen) = %s', (fen, text) => expect(formatYuan(fen)).toBe(text));

  it.each([
    [2_400_000, '24000.00'],
    [499_999_998, '4999999.98'],
    [5, '0.05'],
    [0, '0.00'],
  ])('yuanString(%d) = %s (interchange output: two places, no grouping)', (fen, text) => expect(yuanString(fen)).toBe(text));

  it('ratios', () => {
    expect(formatRatio(276_000)).toBe('27.6%');
    expect(formatRatioQ(q(1n, 3n))).toBe('≈33.3333%');
    expect(formatRatioQ(q(1n, 8n))).toBe('12.5%');
    expect(decimalText(-1234567n, 2)).toBe('-12,345.67');
  });
});
