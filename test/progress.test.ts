/** 目标监测: progress against the documents' targets, projected from last year's growth (by hand). */
import { describe, expect, it } from 'vitest';
import { parseQuantity, type Dataset } from '@duixian/engine';
import { TARGETS, targetProgress } from '@duixian/corpus';

const fen = (s: string) => {
  const p = parseQuantity(s, 'yuan');
  if (!p.ok) throw new Error(s);
  return p.value;
};
const province = (y2021: string, y2022: string): Dataset => ({
  year: 2022, history: [], parameters: [], interpretations: {},
  subjects: [{ id: '370000', kind: 'province', name: '山东省', tags: [] }],
  facts: [
    { subject: '370000', year: 2021, key: 'onlineRetail', value: fen(y2021) },
    { subject: '370000', year: 2022, key: 'onlineRetail', value: fen(y2022) },
  ],
});
const retailTarget = (ds: Dataset, year: number) => targetProgress(TARGETS, ds, year).find((p) => p.target === 'sd-2022-42/T.online-retail')!;

describe('targetProgress', () => {
  it('on track: 9000亿元 in 2022 after 8000亿元 projects 9000 × 9000/8000 = 10125亿元 ≥ 1万亿元 by 2023', () => {
    const p = retailTarget(province('8000亿元', '9000亿元'), 2022);
    expect([p.status, p.actual, p.projected, p.progress]).toEqual(['on-track', '900000000000.00', '1012500000000.00', '90%']);
  });

  it('off track: 8000亿元 after 7000亿元 projects ≈9142.86亿元 < 1万亿元', () => {
    const p = retailTarget(province('7000亿元', '8000亿元'), 2022);
    expect([p.status, p.projected]).toEqual(['off-track', '914285714285.71']);
  });

  it('met: exactly 1万亿元 (达到 includes the figure)', () => {
    expect(retailTarget(province('9000亿元', '1万亿元'), 2022).status).toBe('met');
  });

  it('no data for the indicator, and targets that are not facts of a region say what they need', () => {
    const empty: Dataset = { year: 2022, subjects: [], facts: [], history: [], parameters: [], interpretations: {} };
    const all = targetProgress(TARGETS, empty, 2022);
    expect(all).toHaveLength(TARGETS.length);
    expect(retailTarget(empty, 2022).status).toBe('no-data');
    const other = all.find((p) => p.status === 'not-measurable')!;
    expect(other.why).toBeTruthy();
  });
});
