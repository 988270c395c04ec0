/** 政策模拟: draft policies with changed figures, evaluated by the same engine (hand-computed). */
import { describe, expect, it } from 'vitest';
import { draftCorpus, DraftError, evaluate, parseQuantity, Run, type Dataset } from '@duixian/engine';
import { CORPUS } from '@duixian/corpus';

const fen = (s: string) => {
  const p = parseQuantity(s, 'yuan');
  if (!p.ok) throw new Error(s);
  return p.value;
};
const dataset: Dataset = {
  year: 2023, history: [], parameters: [], interpretations: {},
  subjects: [{ id: 'E1', kind: 'enterprise', name: 'E1', region: '370102', tags: [] }],
  facts: [{ subject: 'E1', year: 2023, key: 'physicalGoodsOnlineRetail', value: fen('8800万元') }],
};
const traffic = (corpus: typeof CORPUS) => evaluate(corpus, dataset, { rules: ['sd-2022-42/2.traffic'] }).awards.map((a) => a.amount);

describe('draftCorpus', () => {
  it('lowering the threshold to 8000万元 and paying 3元 a 万元: 8800 units × 3元 = 26400元', () => {
    expect(traffic(CORPUS)).toEqual([]);
    const draft = draftCorpus(CORPUS, [
      { rule: 'sd-2022-42/2.traffic', key: 'threshold', value: '8000万元' },
      { rule: 'sd-2022-42/2.traffic', key: 'pay', value: '3元' },
    ]);
    expect(traffic(draft)).toEqual(['26400.00']);
    expect(draft.version).toBe(`${CORPUS.version}+draft`);
    const steps = new Run(draft, dataset).explain('E1', 'sd-2022-42/2.traffic').steps.map((s) => s.text);
    expect(steps).toContain('实物商品网络零售额 8,800万元 ≥ 8000万元（以上，含本数）');
    expect(steps.some((s) => s.includes('模拟：threshold 改为 8000万元'))).toBe(true);
  });

  it('a cap below the amount caps it: 20000元 cap on 26400元', () => {
    const draft = draftCorpus(CORPUS, [
      { rule: 'sd-2022-42/2.traffic', key: 'threshold', value: '8000万元' },
      { rule: 'sd-2022-42/2.traffic', key: 'pay', value: '3元' },
      { rule: 'sd-2022-42/2.traffic', key: 'cap', value: '2万元' },
    ]);
    expect(traffic(draft)).toEqual(['20000.00']);
  });

  it('leaves the official corpus untouched', () => {
    draftCorpus(CORPUS, [{ rule: 'sd-2022-42/2.traffic', key: 'threshold', value: '1元' }]);
    expect(traffic(CORPUS)).toEqual([]);
  });

  it('refuses what a rule has no place for, naming the change', () => {
    const attempt = () => draftCorpus(CORPUS, [
      { rule: 'sd-2022-42/2.traffic', key: 'amount', value: '5万元' },
      { rule: 'no/such', key: 'amount', value: '5万元' },
      { rule: 'jining-2022-54/1.retail', key: 'prizes', value: '50万元,40万元' },
      { rule: 'dongying-2020-9/3.5.contest', key: 'rate', value: '八成' },
    ]);
    expect(attempt).toThrow(DraftError);
    try {
      attempt();
    } catch (e) {
      expect((e as DraftError).problems).toEqual([
        'changes[0] (sd-2022-42/2.traffic amount): the rule has no fixed amount',
        'changes[1].rule: unknown rule "no/such"',
        'changes[2] (jining-2022-54/1.retail prizes): give 3 prizes, one for each place',
        'changes[3] (dongying-2020-9/3.5.contest rate): "八成" is not a ratio value (expected 15.3% or 0.153)',
      ]);
    }
  });
});
