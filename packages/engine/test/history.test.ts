/**
 * What history does to one decision, as the explanation and the output say it (issue 14, point 1):
 * a top-up names the award already granted; a pool reports what earlier grants used.
 * On the synthetic corpus (synthetic.ts): 示例市 第一条's two awards are one group, 就高.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, Run, type Dataset } from '@duixian/engine';
import { R, SYNTHETIC } from './synthetic.js';

/** 2万元 of the sales tier granted earlier this year; now retail of 1亿元 decides 20万元 in the same group. */
const salesThenRetail = (readings: Record<string, string> = {}): Dataset => ({
  year: 2031,
  subjects: [{ id: 'E1', kind: 'enterprise', name: '示例', region: '370811', tags: [] }],
  facts: [{ subject: 'E1', year: 2031, key: 'onlineRetail', value: 1_0000_0000_00 }], // 1亿元 → 20万元
  history: [{ subject: 'E1', rule: R.sales, year: 2031, amount: 2_0000_00 }],
  parameters: [],
  interpretations: readings,
});

describe('awards already granted, in the explanation and the output', () => {
  it('a top-up pays the difference and its explanation names the award already granted (20万元 − 2万元 = 18万元)', () => {
    const run = new Run(SYNTHETIC, salesThenRetail(), { explain: true });
    const e = run.explain('E1', R.retail);
    expect(e.outcome).toBe('award');
    expect(e.summary).toBe('金额 180000.00 元');
    const step = e.steps.find((s) => s.kind === 'exclusive')!;
    expect(step.text).toContain(`2031年 ${R.sales}（2万元）`);
    expect(step.text).toContain('20万元 − 2万元 = 18万元（I-group-history=top-up）');
    expect(e.readings['I-group-history']).toBe('top-up');
    const out = evaluate(SYNTHETIC, salesThenRetail(), {});
    expect(out.awards.find((a) => a.rule === R.retail)).toMatchObject({ amount: '180000.00', interpretations: expect.arrayContaining(['I-group-history']) });
    expect(out.totals.byFunder).toEqual({ 370800: '180000.00' });
  });

  it('under I-group-history=none nothing more is paid, the switch is recorded and the withheld row names the grant', () => {
    const out = evaluate(SYNTHETIC, salesThenRetail({ 'I-group-history': 'none' }), {});
    expect(out.interpretations).toEqual({ 'I-group-history': 'none' });
    expect(out.awards.filter((a) => a.type === 'money')).toEqual([]);
    expect(out.withheld.find((w) => w.rule === R.retail)).toEqual({
      subject: 'E1', rule: R.retail, amount: '200000.00', reason: 'exclusive-history', keptRule: R.sales,
    });
  });

  it('a pool reports what grants of its period had used (80万元 of 100万元), and the two new 50万元 share the rest', () => {
    const ds: Dataset = {
      year: 2031,
      subjects: ['H1', 'E1', 'E2'].map((id) => ({ id, kind: 'enterprise' as const, name: id, region: '370102', tags: [] })),
      facts: ['E1', 'E2'].map((subject) => ({ subject, year: 2031, key: 'physicalGoodsOnlineRetail' as const, value: 50_0000_0000_00 })),
      history: [{ subject: 'H1', rule: R.scale, year: 2031, amount: 80_0000_00 }],
      parameters: [],
      interpretations: {},
    };
    const out = evaluate(SYNTHETIC, ds, {});
    expect(out.pools).toEqual([{ rule: R.scale, cap: '1000000.00', requested: '1000000.00', granted: '200000.00', grantedBefore: '800000.00' }]);
    // without the history the pool is reported as before: no grantedBefore
    expect(evaluate(SYNTHETIC, { ...ds, history: [] }, {}).pools).toEqual([{ rule: R.scale, cap: '1000000.00', requested: '1000000.00', granted: '1000000.00' }]);
  });
});
