/** Comparing two runs (issue 3 point 4): a simulation that lowers the traffic threshold, by hand. */
import { describe, expect, it } from 'vitest';
import { compareEvaluations, evaluate, parseQuantity, type Dataset } from '@duixian/engine';
import { CORPUS } from '@duixian/corpus';

const fen = (s: string) => {
  const p = parseQuantity(s, 'yuan');
  if (!p.ok) throw new Error(s);
  return p.value;
};
const subjects = [
  { id: 'A', kind: 'enterprise' as const, name: 'A', region: '370102', tags: [] },
  { id: 'B', kind: 'enterprise' as const, name: 'B', region: '370811', tags: [] },
];
const data = (a: string, b: string): Dataset => ({
  year: 2023, subjects, history: [], parameters: [], interpretations: {},
  facts: [
    { subject: 'A', year: 2023, key: 'physicalGoodsOnlineRetail', value: fen(a) },
    { subject: 'B', year: 2023, key: 'physicalGoodsOnlineRetail', value: fen(b) },
  ],
});
const place = (s: string) => subjects.find((x) => x.id === s)?.region;

describe('compareEvaluations', () => {
  it('who gains, who loses and by how much, with totals by funder and city', () => {
    // before: A 2亿元 → 40000元, B 9000万元 → nothing; after: A 1.5亿元 → 30000元, B 1.2亿元 → 24000元
    const before = evaluate(CORPUS, data('2亿元', '9000万元'), { rules: ['sd-2022-42/2.traffic'] });
    const after = evaluate(CORPUS, data('1.5亿元', '1.2亿元'), { rules: ['sd-2022-42/2.traffic'] });
    const c = compareEvaluations(before, after, place);
    expect(c.gainers).toEqual([{ subject: 'B', before: '0.00', after: '24000.00', delta: '24000.00', gained: ['sd-2022-42/2.traffic'], lost: [] }]);
    expect(c.losers).toEqual([{ subject: 'A', before: '40000.00', after: '30000.00', delta: '-10000.00', gained: [], lost: [] }]);
    expect(c.byFunder).toEqual({ '370000': { before: '40000.00', after: '54000.00', delta: '14000.00' } });
    expect(c.byCity).toEqual({
      '370100': { before: '40000.00', after: '30000.00', delta: '-10000.00' },
      '370800': { before: '0.00', after: '24000.00', delta: '24000.00' },
    });
    expect(c.total).toEqual({ before: '40000.00', after: '54000.00', delta: '14000.00' });
  });

  it('identical runs: no gainers, no losers', () => {
    const run = evaluate(CORPUS, data('2亿元', '9000万元'));
    const c = compareEvaluations(run, run, place);
    expect([c.gainers, c.losers, c.total.delta]).toEqual([[], [], '0.00']);
  });
});
