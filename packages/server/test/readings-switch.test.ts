/**
 * POST /api/runs switches a reading for one document (`I-tier-range@jiyang-2021-80`), stores the
 * switch with the run, and refuses an unknown document or reading with 422 naming it, storing
 * nothing. Hand-computed: 济阳 5 at 年网络销售额 exactly 1亿元: default 1亿元至6亿元 → 10万元; with the
 * switch 2000万元至1亿元 → 5万元. E1 (济宁, 1.2亿元) keeps the province's 流量补贴 1.2亿 ÷ 1万 × 2元 = 2.4万元.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonValue } from '@duixian/store';
import { BACKENDS } from '../../store/test/backends.js';
import { platform, runAs, type Platform } from './platform.js';

const W = { format: 'duixian/v1', year: 2023, subjects: [{ id: 'W', kind: 'enterprise', name: '济阳批发企业', region: '370115', tags: ['ecommerceWholesaleRetail'] }], facts: [{ subject: 'W', year: 2023, key: 'onlineSales', value: '1亿元', source: '统计局' }] };
const SWITCH = { 'I-tier-range@jiyang-2021-80': 'upper-inclusive' };

describe.each(BACKENDS)('a reading switched for one document on $name', (backend) => {
  let p: Platform;
  beforeAll(async () => {
    p = await platform(backend);
    const imported = await p.as('sd-admin').req('POST', '/api/imports?reason=jiyang', W);
    if (imported.statusCode !== 200) throw new Error(imported.body);
  }, 120_000);
  afterAll(async () => {
    await p?.dispose();
  });

  const amount = async (run: string, subject: string, rule: string) => {
    const items = (await p.as('sd-admin').req('GET', `/api/runs/${run}/awards?pageSize=500`)).json().items as { subject: string; rule: string; amount: string }[];
    return items.find((a) => a.subject === subject && a.rule === rule)?.amount;
  };
  const runCount = async () => Number((await p.store.db.selectFrom('runs').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  it('pays 济阳 the lower tier, leaves the province\'s award as it was, and keeps the switch with the run', async () => {
    const plain = await runAs(p, 'sd-admin');
    const switched = await runAs(p, 'sd-admin', { year: 2023, interpretations: SWITCH });
    expect([await amount(plain, 'W', 'jiyang-2021-80/5.wholesale'), await amount(switched, 'W', 'jiyang-2021-80/5.wholesale')]).toEqual(['100000.00', '50000.00']);
    expect([await amount(plain, 'E1', 'sd-2022-42/2.traffic'), await amount(switched, 'E1', 'sd-2022-42/2.traffic')]).toEqual(['24000.00', '24000.00']);
    const stored = await p.store.db.selectFrom('runs').select(['readings', 'kind']).where('id', '=', switched).executeTakeFirstOrThrow();
    expect(jsonValue(stored.readings)).toEqual({ 'I-pool': 'largest-first', ...SWITCH }); // the imported example's own switch, and the run's
  });

  it.each([
    [{ 'I-tier-range@nowhere': 'upper-inclusive' }, 'interpretations.I-tier-range@nowhere', 'unknown document "nowhere"'],
    [{ 'I-tier-rang@jiyang-2021-80': 'upper-inclusive' }, 'interpretations.I-tier-rang@jiyang-2021-80', 'unknown interpretation I-tier-rang (known: '],
    [{ 'I-brand-item@jining-2022-54': 'applied' }, 'interpretations.I-brand-item@jining-2022-54', "jiyang-2021-80's own reading"],
  ])('%j is refused with 422 naming it, and no run is stored', async (interpretations, path, message) => {
    const before = await runCount();
    const r = await p.as('sd-admin').req('POST', '/api/runs', { year: 2023, interpretations });
    expect([r.statusCode, r.json().error.details]).toEqual([422, [{ path, message: expect.stringContaining(message) }]]);
    expect(await runCount()).toBe(before);
  });

  it('GET /api/interpretations lists the corpus\'s readings with their meanings and whose they are', async () => {
    const items = (await p.anonymous.req('GET', '/api/interpretations')).json().items as { id: string }[];
    expect(items.find((i) => i.id === 'I-split-year')).toMatchObject({ default: 'year-end', values: ['year-end', 'year-start', 'pro-rata-days'], meanings: [expect.stringContaining('12月31日'), expect.stringContaining('1月1日'), expect.stringContaining('天数')] });
    expect(items.find((i) => i.id === 'I-brand-item')).toMatchObject({ default: 'largest', documents: ['jiyang-2021-80'] });
  });
});
