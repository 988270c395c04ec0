import { describe, expect, it } from 'vitest';
import { add, cmp, div, floor, fraction, mul, q, sub, toFixed } from '../src/index.js';

describe('exact rationals', () => {
  it('normalise sign and gcd', () => {
    expect(q(2n, -4n)).toEqual({ n: -1n, d: 2n });
    expect(fraction(q(6n, 3n))).toBe('2');
  });
  it('arithmetic', () => {
    expect(add(q(1n, 3n), q(1n, 6n))).toEqual(q(1n, 2n));
    expect(sub(q(1n), q(1n, 3n))).toEqual(q(2n, 3n));
    expect(mul(q(2n, 3n), q(3n, 4n))).toEqual(q(1n, 2n));
    expect(div(q(1n, 2n), q(1n, 4n))).toEqual(q(2n));
  });
  it('growth (this − last) / last compares exactly with a published rate', () => {
    const growth = div(sub(q(110n), q(100n)), q(100n)); // 10%
    expect(cmp(growth, q(100_000n, 1_000_000n))).toBe(0);
    expect(cmp(div(sub(q(1100000001n), q(1000000000n)), q(1000000000n)), q(1n, 10n))).toBe(1);
  });
  it('floor toward −∞ and truncated decimals', () => {
    expect(floor(q(-7n, 2n))).toBe(-4n);
    expect(floor(q(7n, 2n))).toBe(3n);
    expect(toFixed(q(2n, 3n), 4)).toBe('0.6666');
  });
  it('division by zero is refused', () => expect(() => q(1n, 0n)).toThrow(/division by zero/));
});
