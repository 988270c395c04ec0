import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetUse, canCommit, type BudgetWarning } from '../src/index.js';

describe('budget use and its warnings at 70%, 90% and 100%', () => {
  const cases: [number, number, BudgetWarning, number][] = [
    // total, committed, warning, permille
    [1000, 0, 'none', 0],
    [1000, 699, 'none', 699],
    [1000, 700, '70', 700],
    [1000, 899, '70', 899],
    [1000, 900, '90', 900],
    [1000, 999, '90', 999],
    [1000, 1000, 'exhausted', 1000],
    [1000, 1001, 'exhausted', 1001],
    // 70% of 333 fen is 233.1: 233 is below it, 234 reaches it; 90% is 299.7
    [333, 233, 'none', 699],
    [333, 234, '70', 702],
    [333, 299, '70', 897],
    [333, 300, '90', 900],
    [333, 332, '90', 996],
    [333, 333, 'exhausted', 1000],
    // 全省补贴总额不超过500万元 (sd-2022-42 第二条): 350万 and 450万 are the warnings
    [500_000_000, 349_999_999, 'none', 699],
    [500_000_000, 350_000_000, '70', 700],
    [500_000_000, 449_999_999, '70', 899],
    [500_000_000, 450_000_000, '90', 900],
    [500_000_000, 500_000_000, 'exhausted', 1000],
    [0, 0, 'exhausted', 1000], // nothing to spend
  ];
  it.each(cases)('total %i fen, committed %i → %s (%i‰)', (total, committed, warning, permille) => {
    const u = budgetUse(total, committed);
    expect(u.warning).toBe(warning);
    expect(u.permille).toBe(permille);
    expect(u.usedFen).toBe(committed);
    expect(u.remainingFen).toBe(Math.max(0, total - committed));
    expect(u.overFen).toBe(Math.max(0, committed - total));
  });

  it('is exact where floating point is not: 70% of 2^53 − 1 fen', () => {
    const total = Number.MAX_SAFE_INTEGER; // 9007199254740991; × 0.7 = 6305039478318693.7
    expect(budgetUse(total, 6305039478318693).warning).toBe('none');
    expect(budgetUse(total, 6305039478318694).warning).toBe('70');
  });

  it('refuses amounts that are not whole fen', () => {
    expect(() => budgetUse(1000, -1)).toThrow(RangeError);
    expect(() => budgetUse(1000.5, 1)).toThrow(RangeError);
    expect(() => canCommit(1000, 0, 0.1)).toThrow(RangeError);
    expect(() => canCommit(1000, 0, -1)).toThrow(RangeError);
  });

  it('warns more, never less, as more is committed', () => {
    const order: BudgetWarning[] = ['none', '70', '90', 'exhausted'];
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), (total, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(order.indexOf(budgetUse(total, lo).warning)).toBeLessThanOrEqual(order.indexOf(budgetUse(total, hi).warning));
      }),
    );
  });
});

describe('commitments never exceed the budget', () => {
  const cases: [number, number, number, boolean][] = [
    [1000, 900, 100, true], // exactly the rest
    [1000, 900, 101, false], // one fen over
    [1000, 1000, 0, true],
    [1000, 1001, 0, false], // already over (the total was lowered)
    [0, 0, 1, false],
    [500_000_000, 400_000_000, 100_000_000, true], // the last 100万 of 500万
    [500_000_000, 400_000_001, 100_000_000, false],
  ];
  it.each(cases)('total %i, committed %i, amount %i → %s', (total, committed, amount, ok) => {
    expect(canCommit(total, committed, amount)).toBe(ok);
  });

  it('agrees with exact arithmetic', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.maxSafeNat(), fc.maxSafeNat(), (t, c, a) => {
        expect(canCommit(t, c, a)).toBe(BigInt(c) + BigInt(a) <= BigInt(t));
      }),
    );
  });
});
