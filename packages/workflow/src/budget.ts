/**
 * Budgets (资金预算): each programme's money for a year is a fixed total (e.g. 全省补贴总额不超过500万元,
 * 鲁政字〔2022〕42号 第二条). Approved amounts are committed against it; nothing may be committed
 * beyond it, and the administrators are warned when 70% and 90% of it are used (预算使用预警).
 * Money is integer fen; every comparison is exact (BigInt where a product could pass 2^53).
 */

export type BudgetWarning = 'none' | '70' | '90' | 'exhausted';

export interface BudgetUse {
  readonly usedFen: number;
  /** what is left (0 when over-committed) */
  readonly remainingFen: number;
  /** how far `committed` is over the total (0 unless the total was lowered below it) */
  readonly overFen: number;
  /** used / total in thousandths, rounded down (1000 for a total of 0) */
  readonly permille: number;
  readonly warning: BudgetWarning;
}

const fenAmount = (n: number, what: string): bigint => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be whole fen ≥ 0, got ${n}`);
  return BigInt(n);
};

export function budgetUse(totalFen: number, committedFen: number): BudgetUse {
  const total = fenAmount(totalFen, 'budget total');
  const used = fenAmount(committedFen, 'committed amount');
  const warning: BudgetWarning =
    used >= total ? 'exhausted' : used * 10n >= total * 9n ? '90' : used * 10n >= total * 7n ? '70' : 'none';
  return {
    usedFen: committedFen,
    remainingFen: Math.max(0, totalFen - committedFen),
    overFen: Math.max(0, committedFen - totalFen),
    permille: total === 0n ? 1000 : Number((used * 1000n) / total),
    warning,
  };
}

/** May `amountFen` more be committed? Never beyond the total. */
export function canCommit(totalFen: number, committedFen: number, amountFen: number): boolean {
  return fenAmount(committedFen, 'committed amount') + fenAmount(amountFen, 'amount') <= fenAmount(totalFen, 'budget total');
}
