/** Money as people write it: the unit chosen by size, two decimals, separators, half up — exactly, from the API's yuan strings. */
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../src/money';

describe('formatMoney', () => {
  it.each([
    ['876977362300.00', '8,769.77亿元'], // the example: never 876977362300.00
    ['42083300.00', '4,208.33万元'],
    ['164976552.48', '1.65亿元'], // never 1.6497655248亿元
    ['100000000.00', '1.00亿元'], // 1亿元 itself reads in 亿
    ['99999999.99', '10,000.00万元'], // just under 1亿元 stays in 万 (rounded up in display only)
    ['10000.00', '1.00万元'],
    ['9999.99', '9,999.99元'], // just under 1万元 stays in 元
    ['8000', '8,000.00元'],
    ['0.5', '0.50元'],
    ['0', '0.00元'],
    ['12345.00', '1.23万元'], // 1.2345 → 1.23 (half up: below half)
    ['12350.00', '1.24万元'], // 1.235 → 1.24 (exactly half goes up)
    ['-25000.00', '-2.50万元'],
    ['9007199254740993.01', '90,071,992.55亿元'], // past 2^53 fen: still exact
  ])('%s → %s', (yuan, want) => expect(formatMoney(yuan)).toBe(want));

  it('reads nothing as —', () => {
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(undefined)).toBe('—');
  });

  it('refuses what is not an amount', () => expect(() => formatMoney('1.6亿元')).toThrow(/not a yuan amount/));
});
