/**
 * A run whose ranking of 全省 cities stood on part of the field says so (I-rank-incomplete=reported):
 * GET /api/runs/:id carries the rule and the cities lacking the figure, for the run's page to warn.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../store/test/backends.js';
import { platform, runAs, type Platform } from './platform.js';

const GROWTH = { '370100': '20%', '370200': '18%', '370300': '15%', '370400': '12%', '370500': '11%', '370600': '10.5%' };

describe.each(BACKENDS)('an incomplete field on $name', (backend) => {
  let p: Platform;
  beforeAll(async () => {
    p = await platform(backend);
    const facts = [
      { subject: 'CN', year: 2023, key: 'onlineRetailGrowth', value: '9%' }, { subject: '370000', year: 2023, key: 'onlineRetailGrowth', value: '10%' },
      ...Object.entries(GROWTH).map(([city, value]) => ({ subject: city, year: 2023, key: 'onlineRetailGrowth', value })),
    ];
    const subjects = [{ id: 'CN', kind: 'country', name: '全国' }, { id: '370000', kind: 'province', name: '山东省' }, ...Object.keys(GROWTH).map((id) => ({ id, kind: 'city', name: id }))];
    const r = await p.as('sd-admin').req('POST', '/api/imports?reason=growth', { format: 'duixian/v1', year: 2023, subjects, facts });
    if (r.statusCode !== 200) throw new Error(r.body);
  }, 120_000);
  afterAll(async () => {
    await p?.dispose();
  });

  it('the run lists 省 一 as ranked over 6 of 16 cities, naming the 10 without the figure', async () => {
    const id = await runAs(p, 'sd-admin', { year: 2023, documents: ['sd-2022-42'] });
    const run = (await p.as('sd-admin').req('GET', `/api/runs/${id}`)).json();
    const growth = run.incomplete.find((g: { rule: string }) => g.rule === 'sd-2022-42/1.growth');
    expect(growth.lacking).toEqual(['370700', '370800', '370900', '371000', '371100', '371300', '371400', '371500', '371600', '371700']);
  });
});
