/**
 * 政策计算器: every rule that could apply to one subject, with amount, failing condition and
 * gap, or missing facts — decided by the same run as the year's evaluation.
 */
import { describe, expect, it } from 'vitest';
import { isWithin, matchSubject, parseQuantity, Run, type Dataset } from '@duixian/engine';
import { CORPUS } from '@duixian/corpus';

const fen = (s: string) => {
  const p = parseQuantity(s, 'yuan');
  if (!p.ok) throw new Error(s);
  return p.value;
};

/** A 济宁 trade enterprise with 8800万元 and a 济阳 online retailer with 4100万元 (hand-set figures). */
const dataset: Dataset = {
  year: 2023,
  subjects: [
    { id: 'CN', kind: 'country', name: '全国', tags: [] },
    { id: 'J1', kind: 'enterprise', name: '济宁甲', region: '370811', tags: ['inStatsLibrary', 'tradeCirculation'] },
    { id: 'Y1', kind: 'enterprise', name: '济阳乙', region: '370115', tags: ['onlineRetailer'] },
    { id: 'X1', kind: 'enterprise', name: '济南丙', region: '370102', tags: [] },
  ],
  facts: [
    { subject: 'J1', year: 2023, key: 'physicalGoodsOnlineRetail', value: fen('8800万元') },
    { subject: 'Y1', year: 2023, key: 'onlineRetail', value: fen('4100万元') },
    { subject: 'X1', year: 2023, key: 'crossBorderTransactions', value: fen('8000万元') },
  ],
  history: [], parameters: [], interpretations: {},
};

describe('matchSubject (政策计算器)', () => {
  const run = new Run(CORPUS, dataset);

  it('a 济宁 enterprise sees province and 济宁 rules, not 东营/济阳/济南 ones', () => {
    const docs = new Set(matchSubject(run, 'J1').map((m) => m.document));
    // the documents issued for a jurisdiction 任城 lies in (today the province's and 济宁's), whatever else the corpus holds
    expect([...docs].sort()).toEqual(CORPUS.documents.filter((d) => isWithin('370811', d.issuer)).map((d) => d.id).sort());
    expect([...docs]).toEqual(expect.arrayContaining(['jining-2022-54', 'sd-2022-42']));
    for (const other of ['dongying-2020-9', 'jiyang-2021-80', 'jinan-2021-cbec']) expect(docs.has(other), other).toBe(false);
  });

  it('eligible with its amount: 8800万元 reaches the 5000万元 tier of jining 2023 → 最高10万元', () => {
    const m = matchSubject(run, 'J1').find((x) => x.rule === 'jining-2022-54/2.retail-2023')!;
    expect([m.status, m.amount, m.ceiling]).toEqual(['eligible', '100000.00', true]);
  });

  it('not eligible with the failing condition and the gap: 8800万元 → 还差 1,200万元 达到 1亿元', () => {
    const m = matchSubject(run, 'J1').find((x) => x.rule === 'sd-2022-42/2.traffic')!;
    expect(m.status).toBe('not-eligible');
    expect(m.failing).toEqual(['实物商品网络零售额 8,800万元 < 1亿元（以上，含本数），还差 1,200万元 达到 1亿元']);
  });

  it('the gap to the next tier: 4100万元 is in the 3000万–6000万 tier (20万元), 1,900万元 short of the next', () => {
    const m = matchSubject(run, 'Y1').find((x) => x.rule === 'jiyang-2021-80/5.retail')!;
    expect([m.status, m.amount]).toEqual(['eligible', '200000.00']);
    expect(m.steps.some((s) => s.text.includes('距下一档（6000万元，30万元）还差 1,900万元'))).toBe(true);
  });

  it('says what the full explanation says: the same steps and missing facts, the status its outcome', () => {
    const STATUS = { award: 'eligible', withheld: 'withheld', missing: 'undecidable', 'not-in-force': 'not-in-force', 'not-eligible': 'not-eligible', 'not-recipient': 'not-eligible' };
    for (const id of ['J1', 'Y1', 'X1']) {
      for (const m of matchSubject(run, id)) {
        const e = run.explain(id, m.rule);
        expect([m.status, m.steps, m.missing]).toEqual([STATUS[e.outcome], e.steps, e.missing ?? []]);
      }
    }
  });

  it('undecidable with the missing facts: a yuan figure against 1000万美元 needs the year\'s rate', () => {
    const m = matchSubject(run, 'X1').find((x) => x.rule === 'jinan-2021-cbec/1.1.leader')!;
    expect(m.status).toBe('undecidable');
    expect(m.missing).toEqual(['CN cnyPerUsd@2023']);
  });
});
