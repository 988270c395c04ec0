/**
 * 申报指南 (issue 16, point 5) against a real database (PGlite; PostgreSQL when DATABASE_URL is set):
 * the example's E1 — an enterprise registered in 任城区, 济宁 — is offered exactly the clauses
 * needing an application whose document covers 任城 and that support enterprises (listed by hand
 * from the five documents), the others with why not; each clause with its windows and their state
 * on both sides of both dates, the data it reads (filled in or held by the government) and the
 * papers to attach. A clause for another kind of subject is refused at POST /api/applications as
 * one of another place is.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../../store/test/backends.js';
import { datedPlatform } from './platform.js';

/** The clauses needing an application that E1 can apply for: the province's and 济宁's, for enterprises. */
const E1_CLAUSES = [
  'sd-2022-42/3.relocation', 'sd-2022-42/6.live-commerce', 'sd-2022-42/7.export-to-domestic', 'sd-2022-42/10.hiring',
  'jining-2022-54/2.national-title', 'jining-2022-54/3.relocation', 'jining-2022-54/5.live-commerce', 'jining-2022-54/7.whitelist-recommendation', 'jining-2022-54/8.hiring',
];

interface Clause {
  rule: string; number: string; article: string; title: string; applicable: boolean;
  notApplicable: { code: string; zh: string }[];
  windows: { year: number; opens: string; closes: string; state: string }[];
  data: { key: string; label: string; unit: string; from: string; source: string }[];
  evidence: { label: string; why: string; papers: string | null }[];
}

describe.each(BACKENDS)('申报指南 on $name', (backend) => {
  let today = '2024-02-29';
  const p = datedPlatform(backend, () => today);
  const guide = async (): Promise<{ today: string; subject: { id: string; region: string }; clauses: Clause[] }> => (await p.as('e1-user')('GET', '/api/apply-guide')).json();
  const clause = async (rule: string) => (await guide()).clauses.find((c) => c.rule === rule)!;

  it('offers E1 (任城区, 企业) exactly the clauses of the province and 济宁 for enterprises; the others say why not', async () => {
    const g = await guide();
    expect(g.subject).toMatchObject({ id: 'E1', region: '370811' });
    expect(g.clauses.filter((c) => c.applicable).map((c) => c.rule)).toEqual(E1_CLAUSES);
    const why = (rule: string) => g.clauses.find((c) => c.rule === rule)!.notApplicable;
    // 东营's clause for enterprises: the place only
    expect(why('dongying-2020-9/3.5.promotion')).toEqual([expect.objectContaining({ code: 'region', zh: '东政发〔2020〕9号适用于注册在东营市的主体，贵单位注册在济宁市任城区' })]);
    // the province's clause for parks: the kind only
    expect(why('sd-2022-42/8.park-recommendation')).toEqual([expect.objectContaining({ code: 'kind', zh: '本条支持电商产业园区/集聚区，贵单位登记为企业' })]);
    // 济阳's clause for parks: both
    expect(why('jiyang-2021-80/1.cluster').map((x) => x.code)).toEqual(['region', 'kind']);
    // 免申即享 clauses are not in the guide at all
    expect(g.clauses.some((c) => c.rule === 'sd-2022-42/2.traffic')).toBe(false);
  });

  it('says which data each clause reads (filled in or held by the government) and which papers to attach', async () => {
    const hiring = await clause('jining-2022-54/8.hiring');
    expect(hiring).toMatchObject({ number: '济政字〔2022〕54号', article: '八' });
    expect(hiring.data).toEqual([{ key: 'trainedHireInsuredMonths', label: '吸纳培训人员连续缴纳社保月数', unit: 'count', from: 'enterprise', source: '吸纳培训人员就业及连续缴纳社会保险月数，须提供培训证明、劳动合同及社保缴费记录' }]);
    expect(hiring.evidence.map((e) => e.papers)).toEqual(['培训证明、劳动合同及社保缴费记录']);
    // the online retail figure comes from the statistics; the two tags (mcn, liveTeam) ask for the same papers: listed once
    const live = await clause('sd-2022-42/6.live-commerce');
    expect(live.data).toEqual([{ key: 'onlineRetail', label: '网络零售额', unit: 'yuan', from: 'government', source: '网络零售统计监测数据' }]);
    expect(live.evidence.map((e) => e.papers)).toEqual(['证明材料']);
  });

  it('lists the windows with their state today, on both sides of both dates; filtered by clause and year; everyone of the platform reads them', async () => {
    for (const [rule, year] of [['jining-2022-54/8.hiring', 2023], ['sd-2022-42/10.hiring', 2023], ['sd-2022-42/10.hiring', 2022]] as const) {
      const set = await p.as(rule.startsWith('jining') ? 'jining-admin' : 'sd-admin')('POST', '/api/windows', { rule, year, opens: year === 2023 ? '2024-03-01' : '2023-03-01', closes: year === 2023 ? '2024-03-31' : '2023-03-31' });
      expect(set.statusCode, set.body).toBe(200);
    }
    const state = async () => (await p.as('rencheng-admin')('GET', '/api/windows?rule=sd-2022-42/10.hiring&year=2023')).json().items.map((w: { state: string }) => w.state);
    for (const [day, expected] of [['2024-02-29', 'upcoming'], ['2024-03-01', 'open'], ['2024-03-31', 'open'], ['2024-04-01', 'closed']] as const) {
      today = day;
      expect(await state(), day).toEqual([expected]);
    }
    today = '2024-03-15';
    const all = (await p.as('e1-user')('GET', '/api/windows')).json();
    // in the corpus's order (the province's clause first), the newest year first
    expect(all).toEqual({
      today: '2024-03-15', items: [
        { rule: 'sd-2022-42/10.hiring', year: 2023, opens: '2024-03-01', closes: '2024-03-31', state: 'open' },
        { rule: 'sd-2022-42/10.hiring', year: 2022, opens: '2023-03-01', closes: '2023-03-31', state: 'closed' },
        { rule: 'jining-2022-54/8.hiring', year: 2023, opens: '2024-03-01', closes: '2024-03-31', state: 'open' },
      ],
    });
    expect((await p.as('e1-user')('GET', '/api/windows?year=2022')).json().items.map((w: { rule: string }) => w.rule)).toEqual(['sd-2022-42/10.hiring']);
    expect((await clause('sd-2022-42/10.hiring')).windows).toEqual([
      { year: 2023, opens: '2024-03-01', closes: '2024-03-31', state: 'open' }, { year: 2022, opens: '2023-03-01', closes: '2023-03-31', state: 'closed' },
    ]);
    expect((await clause('jining-2022-54/3.relocation')).windows).toEqual([]);
    // a bank's staff read nothing of the platform; the guide is an enterprise's own
    expect((await p.as('jining-bank')('GET', '/api/windows')).statusCode).toBe(403);
    expect((await p.as('rencheng-admin')('GET', '/api/apply-guide')).statusCode).toBe(403);
    const bad = await p.as('e1-user')('GET', '/api/windows?year=twenty');
    expect([bad.statusCode, bad.json().error.details[0].path]).toEqual([400, 'query.year']);
  });

  it('refuses to start an application for a clause of another kind of subject, as for one of another place', async () => {
    today = '2024-03-15';
    await p.as('sd-admin')('POST', '/api/windows', { rule: 'sd-2022-42/8.park-recommendation', year: 2023, opens: '2024-03-01', closes: '2024-03-31' });
    const park = await p.as('e1-user')('POST', '/api/applications', { subject: 'E1', rule: 'sd-2022-42/8.park-recommendation', year: 2023 });
    expect([park.statusCode, park.json().error.code, park.json().error.details[0].path]).toEqual([422, 'not-recipient', 'rule']);
    const elsewhere = await p.as('e1-user')('POST', '/api/applications', { subject: 'E1', rule: 'dongying-2020-9/3.5.promotion', year: 2023 });
    expect([elsewhere.statusCode, elsewhere.json().error.code]).toEqual([422, 'outside-document']);
    expect(await p.store.db.selectFrom('applications').select('id').execute()).toEqual([]);
    // one it may apply for, inside its window, is started
    const ok = await p.as('e1-user')('POST', '/api/applications', { subject: 'E1', rule: 'sd-2022-42/10.hiring', year: 2023 });
    expect([ok.statusCode, ok.json().state]).toEqual([201, 'draft']);
  });
});
