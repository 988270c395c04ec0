import { describe, expect, it } from 'vitest';
import { parseQuantity, type Unit } from '../src/index.js';

const ok = (raw: unknown, unit: Unit, value: number) => [raw, unit, value] as const;

describe('parseQuantity: exact values at the unit scale', () => {
  it.each([
    ok('1.2亿元', 'yuan', 12_000_000_000),
    ok('1亿元', 'yuan', 10_000_000_000),
    ok('5000万元', 'yuan', 5_000_000_000),
    ok('1,200万元', 'yuan', 1_200_000_000),
    ok('0.20元', 'yuan', 20),
    ok('99999999.99', 'yuan', 9_999_999_999),
    ok(70000, 'yuan', 7_000_000),
    ok('1万亿元', 'yuan', 100_000_000_000_000),
    ok('15.3%', 'ratio', 153_000),
    ok('27.6%', 'ratio', 276_000),
    ok(0.276, 'ratio', 276_000),
    ok('6.7261', 'ratio', 6_726_100),
    ok('1000万美元', 'usd', 1_000_000_000),
    ok('1万', 'count', 10_000),
    ok('1200', 'count', 1200),
    ok('5000平方米', 'sqm', 500_000),
    ok(91.5, 'score', 91_500_000),
    ok(1, 'flag', 1),
    ok('2022-02-22', 'date', 20220222),
    ok('1e3', 'count', 1000),
  ])('%s (%s) = %d', (raw, unit, value) => {
    expect(parseQuantity(raw, unit)).toEqual({ ok: true, value });
  });

  it('27.7% > 27.6% and "27.6%" equals 0.276, with no binary fraction in between', () => {
    const a = parseQuantity('27.7%', 'ratio');
    const b = parseQuantity('27.6%', 'ratio');
    const c = parseQuantity(0.276, 'ratio');
    expect(a.ok && b.ok && a.value > b.value).toBe(true);
    expect(b).toEqual(c);
  });

  it.each([
    ['1.2亿美元', 'yuan', /not a money/],
    ['abc', 'yuan', /not a money/],
    ['0.001元', 'yuan', /more precise than a fen/],
    ['1.5', 'count', /more than 0 decimal places/],
    ['2', 'flag', /not a flag/],
    ['2023-02-30', 'date', /not a date/],
    [null, 'yuan', /not a money/],
    ['1e400', 'yuan', /too large/],
    [Number.NaN, 'ratio', /not a ratio/],
  ] as const)('%s (%s) is refused', (raw, unit, message) => {
    const r = parseQuantity(raw, unit as Unit);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toMatch(message);
  });

  it('negative numbers parse (the reader refuses negative money; growth may be negative)', () => {
    expect(parseQuantity('-3.5%', 'ratio')).toEqual({ ok: true, value: -35_000 });
  });
});
