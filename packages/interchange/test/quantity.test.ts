import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQuantity, type Unit } from '@duixian/engine';
import { fastQuantity, quantity } from '../src/quantity.js';

const UNITS: Unit[] = ['yuan', 'usd', 'ratio', 'count', 'sqm', 'score', 'flag'];

/** Text that looks like a number, often just inside or outside what the fast path takes. */
const numericText = fc
  .tuple(
    fc.constantFrom('', '-', '+', ' '),
    fc.stringMatching(/^[0-9]{0,17}$/),
    fc.constantFrom('', '.', '.0', '.5', '.25', '.125', '.1234567', '.000001', 'e3', ','),
    fc.constantFrom('', '%', '万', '亿', '万亿', '元', '万元', '亿元', '万亿元', '美元', '万美元', '亿万元', '分', '个', '平方米', '万%'),
  )
  .map(([sign, digits, tail, unit]) => sign + digits + tail + unit);

describe('the fast path agrees with parseQuantity', () => {
  it.each([
    ['yuan', '123456.78', 12345678],
    ['yuan', 70000, 7000000],
    ['yuan', '-0.00', 0],
    ['yuan', 1234.5, 123450],
    ['ratio', '0.153', 153000],
    ['count', '12', 12],
    ['yuan', '1.2亿元', 12_000_000_000],
    ['yuan', '5000万元', 5_000_000_000],
    ['usd', '1000万美元', 1_000_000_000],
    ['ratio', '15.3%', 153_000],
    ['count', '3万', 30_000],
    ['ratio', '0.1234567%', 'more than 6 decimal places'], // a negative shift: left to the engine
    ['yuan', '999999999999999', 'too large'], // 15 digits, but beyond 2^53 in fen: left to the engine
    ['count', '1.5', 'more than 0 decimal places'],
  ] as [Unit, unknown, number | string][])('%s %j → %j', (unit, raw, expected) => {
    const got = quantity(raw, unit);
    expect(got).toEqual(parseQuantity(raw, unit));
    expect(got.ok ? got.value : got.error).toEqual(typeof expected === 'number' ? expected : expect.stringContaining(expected));
  });

  it('on numeric text', () => {
    fc.assert(
      fc.property(numericText, fc.constantFrom(...UNITS), (raw, unit) => {
        expect(quantity(raw, unit)).toEqual(parseQuantity(raw, unit));
      }),
      { numRuns: 20_000 },
    );
  });

  it('on JSON numbers', () => {
    const decimals = (scale: number) => fc.integer({ min: -(2 ** 53), max: 2 ** 53 }).map((n) => n / 10 ** scale);
    const numbers = fc.oneof(fc.double({ noNaN: false }), fc.integer(), fc.maxSafeInteger(), decimals(1), decimals(2), decimals(3), decimals(6), decimals(7), fc.double({ min: 2 ** 40, max: 2 ** 56 }));
    fc.assert(
      fc.property(numbers, fc.constantFrom(...UNITS), (raw, unit) => {
        expect(quantity(raw, unit)).toEqual(parseQuantity(raw, unit));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('the fast path takes the common forms itself', () => {
  it.each([
    ['yuan', 123456.78, true],
    ['yuan', '1234.5万元', true],
    ['yuan', '1.2亿元', true],
    ['ratio', '15.3%', true],
    ['usd', '12.5万美元', true],
    ['yuan', '1,234.50', false], // separators: the engine strips them
    ['yuan', '2万亿元', false],
    ['flag', 1, false],
  ] as [Unit, unknown, boolean][])('%s %j: %s', (unit, raw, fast) => {
    expect(Number.isNaN(fastQuantity(raw, unit))).toBe(!fast);
  });
});
