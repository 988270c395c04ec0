/** 省 十三: the quarterly monitoring report per city — indicators, growth on a year before, rank (by hand). */
import { describe, expect, it } from 'vitest';
import { parseQuantity, type Dataset, type Fact } from '@duixian/engine';
import { cityReport } from '@duixian/corpus';

const fen = (s: string) => {
  const p = parseQuantity(s, 'yuan');
  if (!p.ok) throw new Error(s);
  return p.value;
};
const f = (subject: string, key: Fact['key'], year: number, value: number, quarter?: 1 | 2 | 3 | 4): Fact => ({ subject, key, year, value, ...(quarter ? { quarter } : {}) });
const dataset: Dataset = {
  year: 2023, history: [], parameters: [], interpretations: {},
  subjects: ['370100', '370200', '370800'].map((c) => ({ id: c, kind: 'city' as const, name: c, tags: [] })),
  facts: [
    // Q1 2023 against Q1 2022: 济南 110亿 (+10%), 青岛 110亿 (+37.5%), 济宁 55亿 (no Q1 2022)
    f('370100', 'onlineRetail', 2023, fen('110亿元'), 1), f('370100', 'onlineRetail', 2022, fen('100亿元'), 1),
    f('370200', 'onlineRetail', 2023, fen('110亿元'), 1), f('370200', 'onlineRetail', 2022, fen('80亿元'), 1),
    f('370800', 'onlineRetail', 2023, fen('55亿元'), 1),
    // annual figures must not leak into the quarter
    f('370800', 'onlineRetail', 2023, fen('300亿元')),
    f('370100', 'physicalGoodsOnlineRetail', 2023, fen('30亿元'), 1), f('370100', 'totalRetailSales', 2023, fen('100亿元'), 1),
    f('370200', 'physicalGoodsOnlineRetail', 2023, fen('30亿元'), 1), f('370200', 'totalRetailSales', 2023, fen('120亿元'), 1),
  ],
};

describe('cityReport', () => {
  const report = cityReport(dataset, 2023, 1);
  const city = (c: string) => report.find((r) => r.city === c)!;

  it('has all 16 cities, with nothing invented for cities without figures', () => {
    expect(report).toHaveLength(16);
    expect(city('370300').onlineRetail).toEqual({ value: null, growth: null, rank: null });
  });

  it('ranks with ties (济南 and 青岛 both 110亿 → 1, 1; 济宁 3) and growth on the same quarter a year before', () => {
    expect(city('370100').onlineRetail).toEqual({ value: '11000000000.00', growth: '10%', rank: 1 });
    expect(city('370200').onlineRetail).toEqual({ value: '11000000000.00', growth: '37.5%', rank: 1 });
    expect(city('370800').onlineRetail).toEqual({ value: '5500000000.00', growth: null, rank: 3 });
  });

  it('share of physical goods in total retail sales: 30% and 25%', () => {
    expect(city('370100').share).toEqual({ value: '30%', rank: 1 });
    expect(city('370200').share).toEqual({ value: '25%', rank: 2 });
  });

  it('the annual report uses annual figures only', () => {
    expect(cityReport(dataset, 2023).find((r) => r.city === '370800')!.onlineRetail.value).toBe('30000000000.00');
  });
});
