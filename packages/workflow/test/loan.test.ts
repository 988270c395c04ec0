import { describe, expect, it } from 'vitest';
import { LOAN_MAX_FEN, LOAN_MIN_FEN, checkLoan, type LoanApplication } from '../src/index.js';

const good: LoanApplication = { amountFen: 50_000_000, termMonths: 12, purpose: '备货采购', consent: true };
const paths = (l: Partial<LoanApplication>): string[] => checkLoan({ ...good, ...l }).map((p) => p.path);

describe('齐鲁电商贷 (鲁政字〔2022〕42号 第十二条：单户贷款额度为10万元至1000万元)', () => {
  it('takes its bounds from the catalogue: 10万元 and 1000万元', () => {
    expect(LOAN_MIN_FEN).toBe(10_000_000);
    expect(LOAN_MAX_FEN).toBe(1_000_000_000);
  });

  const amounts: [string, number, boolean][] = [
    ['99,999.99元', 9_999_999, false],
    ['100,000.00元', 10_000_000, true],
    ['10,000,000.00元', 1_000_000_000, true],
    ['10,000,000.01元', 1_000_000_001, false],
    ['0元', 0, false],
    ['a fraction of a fen', 10_000_000.5, false],
  ];
  it.each(amounts)('%s → accepted: %s', (_what, amountFen, ok) => {
    expect(paths({ amountFen })).toEqual(ok ? [] : ['amountFen']);
  });

  it('says what to do, with the article', () => {
    const [low] = checkLoan({ ...good, amountFen: 9_999_999 });
    expect(low!.message).toContain('低于单户下限 10万元');
    expect(low!.message).toContain('请申请不少于 10万元');
    expect(low!.message).toContain('第十二条');
    const [high] = checkLoan({ ...good, amountFen: 1_000_000_001 });
    expect(high!.message).toContain('超过单户上限 1000万元');
    expect(high!.message).toContain('请申请不超过 1000万元');
  });

  it('needs a term in whole months, a purpose and the consent to share the data summary', () => {
    expect(paths({ termMonths: 1 })).toEqual([]);
    for (const termMonths of [0, -1, 1.5, Number.NaN]) expect(paths({ termMonths }), String(termMonths)).toEqual(['termMonths']);
    for (const purpose of ['', '   ']) expect(paths({ purpose })).toEqual(['purpose']);
    expect(paths({ consent: false })).toEqual(['consent']);
    expect(checkLoan({ ...good, consent: false })[0]!.message).toContain('电商经营数据摘要');
  });

  it('lists every problem at once', () => {
    expect(paths({ amountFen: 1, termMonths: 0, purpose: '', consent: false })).toEqual(['amountFen', 'termMonths', 'purpose', 'consent']);
  });

  it('refuses fields of the wrong type, as a parsed request may carry', () => {
    const bad = { amountFen: '100000', termMonths: '12', purpose: null, consent: 'yes' } as unknown as LoanApplication;
    expect(checkLoan(bad).map((p) => p.path)).toEqual(['amountFen', 'termMonths', 'purpose', 'consent']);
  });
});
