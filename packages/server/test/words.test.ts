/**
 * What the pages need from the API to show names and words instead of ids (issue 16, points 1 and 3):
 * a simulation's gainers and losers carry the enterprise's name, and the vocabulary gives each rule
 * parameter's Chinese description (an explanation's 参数 topN reads as 名次数（前N名）). Against
 * PGlite, and PostgreSQL with DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../store/test/backends.js';
import { platform, platformData, runAs, type Platform } from './platform.js';

describe.each(BACKENDS)('names and words for the pages on $name', (backend) => {
  let p: Platform;
  beforeAll(async () => {
    p = await platform(backend);
  }, 120_000);
  afterAll(async () => p?.dispose());

  it('a comparison names who gains and who loses', async () => {
    const official = await runAs(p, 'sd-admin');
    // 1.5 times the traffic subsidy's pay: E2 (3亿元) and E3 (1.5亿元) above 1亿元 gain
    const sim = await runAs(p, 'sd-admin', { year: 2023, simulation: true, changes: [{ rule: 'sd-2022-42/2.traffic', key: 'pay', value: '3元' }] });
    const cmp = (await p.as('sd-admin').req('GET', `/api/runs/${official}/compare/${sim}`)).json();
    const names = new Map(platformData().subjects.map((s: { id: string; name: string }) => [s.id, s.name]));
    const people = [...cmp.gainers, ...cmp.losers] as { subject: string; subjectName: string | null }[];
    expect(people.map((c) => c.subject)).toEqual(expect.arrayContaining(['E2', 'E3']));
    for (const c of people) expect(c.subjectName, c.subject).toBe(names.get(c.subject));
    expect(people.find((c) => c.subject === 'E2')!.subjectName).toBe('东营示例电商有限公司');
  });

  it('the vocabulary gives each rule parameter\'s Chinese description', async () => {
    const v = (await p.anonymous.req('GET', '/api/vocabulary')).json();
    expect(v.parameters).toEqual(expect.arrayContaining([
      { key: 'topN', label: '名次数（前N名）', unit: 'count' },
      { key: 'amount', label: '金额（待定奖励的金额标准）', unit: 'yuan' },
    ]));
  });
});
