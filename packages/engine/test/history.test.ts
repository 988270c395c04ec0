/**
 * What history does to one decision, as the explanation and the output say it (issue 14, point 1):
 * a top-up names the award already granted; a pool reports what earlier grants used.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, Run, type Dataset } from '@duixian/engine';
import { CORPUS } from '@duixian/corpus';

const wholesaleThenRetail = (readings: Record<string, string> = {}): Dataset => ({
  year: 2023,
  subjects: [{ id: 'E1', kind: 'enterprise', name: '示例', region: '370115', tags: ['ecommerceWholesaleRetail', 'onlineRetailer'] }],
  facts: [{ subject: 'E1', year: 2023, key: 'onlineRetail', value: 6000_0000_00 }], // 6000万元 → 30万元
  history: [{ subject: 'E1', rule: 'jiyang-2021-80/5.wholesale', year: 2022, amount: 5_0000_00 }],
  parameters: [],
  interpretations: readings,
});

describe('awards already granted, in the explanation and the output', () => {
  it('a top-up pays the difference and its explanation names the award already granted (30万元 − 5万元 = 25万元)', () => {
    const run = new Run(CORPUS, wholesaleThenRetail(), { explain: true });
    const e = run.explain('E1', 'jiyang-2021-80/5.retail');
    expect(e.outcome).toBe('award');
    expect(e.summary).toBe('金额 250000.00 元');
    const step = e.steps.find((s) => s.kind === 'exclusive')!;
    expect(step.text).toContain('2022年 jiyang-2021-80/5.wholesale（5万元）');
    expect(step.text).toContain('30万元 − 5万元 = 25万元（I-group-history=top-up）');
    expect(e.readings['I-group-history']).toBe('top-up');
    const out = evaluate(CORPUS, wholesaleThenRetail(), {});
    expect(out.awards.find((a) => a.rule === 'jiyang-2021-80/5.retail')).toMatchObject({ amount: '250000.00', interpretations: expect.arrayContaining(['I-group-history']) });
    expect(out.totals.byFunder).toEqual({ '370115': '250000.00' });
  });

  it('under I-group-history=none nothing more is paid, the switch is recorded and the withheld row names the grant', () => {
    const out = evaluate(CORPUS, wholesaleThenRetail({ 'I-group-history': 'none' }), {});
    expect(out.interpretations).toEqual({ 'I-group-history': 'none' });
    expect(out.awards.filter((a) => a.type === 'money')).toEqual([]);
    expect(out.withheld.find((w) => w.rule === 'jiyang-2021-80/5.retail')).toEqual({
      subject: 'E1', rule: 'jiyang-2021-80/5.retail', amount: '300000.00', reason: 'exclusive-history', keptRule: 'jiyang-2021-80/5.wholesale',
    });
  });

  it('a pool reports what grants of its period had used (400万元 of 500万元), and the two new 100万元 share the rest', () => {
    const ds: Dataset = {
      year: 2023,
      subjects: ['H1', 'E1', 'E2'].map((id) => ({ id, kind: 'enterprise' as const, name: id, region: '370102', tags: [] })),
      facts: ['E1', 'E2'].map((subject) => ({ subject, year: 2023, key: 'physicalGoodsOnlineRetail' as const, value: 50_0000_0000_00 })),
      history: [{ subject: 'H1', rule: 'sd-2022-42/2.traffic', year: 2023, amount: 400_0000_00 }],
      parameters: [],
      interpretations: {},
    };
    const out = evaluate(CORPUS, ds, {});
    expect(out.pools).toEqual([{ rule: 'sd-2022-42/2.traffic', cap: '5000000.00', requested: '2000000.00', granted: '1000000.00', grantedBefore: '4000000.00' }]);
    // without the history the pool is reported as before: no grantedBefore
    expect(evaluate(CORPUS, { ...ds, history: [] }, {}).pools).toEqual([{ rule: 'sd-2022-42/2.traffic', cap: '5000000.00', requested: '2000000.00', granted: '2000000.00' }]);
  });
});
