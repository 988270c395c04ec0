/**
 * Issue 14, point 4: a stored run keeps the engine's `incomplete` section (I-rank-incomplete), so the
 * run's page can say that a 全省 ranking was taken over 6 of 16 cities.
 */
import { describe, expect, it } from 'vitest';
import { CORPUS } from '@duixian/corpus';
import type { Dataset } from '@duixian/engine';
import { createRun, readRun } from '@duixian/store';
import { BACKENDS, storesFor } from './backends.js';

const CITIES = ['370100', '370200', '370300', '370400', '370500', '370600', '370700', '370800', '370900', '371000', '371100', '371300', '371400', '371500', '371600', '371700'];

/** 一 增幅列全省前5位: growth (millionths) for the first `n` cities, 20% down by 1% each; CN 9%, 山东 10%. */
function cities(n: number): Dataset {
  const region = (id: string, kind: 'country' | 'province' | 'city') => ({ id, kind, name: id, tags: [] });
  const growth = (subject: string, value: number) => ({ subject, year: 2023, key: 'onlineRetailGrowth' as const, value });
  return {
    year: 2023,
    subjects: [region('CN', 'country'), region('370000', 'province'), ...CITIES.slice(0, n).map((c) => region(c, 'city'))],
    facts: [growth('CN', 90_000), growth('370000', 100_000), ...CITIES.slice(0, n).map((c, k) => growth(c, 200_000 - k * 10_000))],
    history: [], parameters: [], interpretations: {},
  };
}

describe.each(BACKENDS)('a run over an incomplete field of cities on $name', (backend) => {
  const { withExample } = storesFor(backend);

  it('keeps the rule and the 10 cities lacking the figure, and the warning in each award', async () => {
    const store = await withExample();
    const run = await createRun(store, CORPUS, { year: 2023, by: 'tester', documents: ['sd-2022-42'], data: { dataset: cities(6), digest: 'six-cities' } });
    const stored = (await readRun(store, run.id))!.evaluation;
    expect(stored.incomplete).toEqual([{ rule: 'sd-2022-42/1.growth', lacking: CITIES.slice(6) }]);
    const first = stored.awards.find((a) => a.rule === 'sd-2022-42/1.growth' && a.subject === '370100')!;
    expect(first.explanation!.steps.map((s) => s.text)).toContainEqual(expect.stringMatching(/^⚠ 排名范围不完整：全省16个设区的市中只有6个有排名所需数据/));
  }, 120_000);

  it('stores no incomplete section when all 16 cities have the figure', async () => {
    const store = await withExample();
    const run = await createRun(store, CORPUS, { year: 2023, by: 'tester', documents: ['sd-2022-42'], data: { dataset: cities(16), digest: 'all-cities' } });
    const stored = (await readRun(store, run.id))!.evaluation;
    expect(stored.awards.filter((a) => a.rule === 'sd-2022-42/1.growth').map((a) => a.subject)).toEqual(CITIES.slice(0, 5));
    expect(stored).not.toHaveProperty('incomplete');
  }, 120_000);
});
