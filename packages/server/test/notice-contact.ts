import { act, enlist, setBudget, type Store } from '@duixian/store';
import { CHINA_OFFICIAL } from '@duixian/workflow';

/** Where objections to a test's 公示 go: every notice names the office, its telephone and address (required since issue 16). */
export const NOTICE_CONTACT = { office: '济宁市商务局电子商务科', phone: '0537-2345678', address: '济宁市任城区太白湖新区圣贤路9号' } as const;

/** The document of the tests' notices: 济宁's, county first review, then the city decides and publishes. */
export const NOTICE_DOCUMENT = 'jining-2022-54';
const DOCUMENT = NOTICE_DOCUMENT;

/** E1 (任城) under 国家级示范称号 with 10万元, E3 (兖州) under the 2023 tiers with 20万元: approved by county and city. */
export async function approved(store: Store, today: string): Promise<{ e1: string; e3: string }> {
  await setBudget(store, { document: DOCUMENT, funder: '370800', year: 2023, totalFen: 30_0000_00 }, 'test');
  await enlist(store, [
    { subjectId: 'E1', rule: `${DOCUMENT}/2.national-title`, fen: 10_0000_00, region: '370811' },
    { subjectId: 'E3', rule: `${DOCUMENT}/2.retail-2023`, fen: 20_0000_00, region: '370812' },
  ].map((a) => ({
    subjectId: a.subjectId, rule: a.rule, document: DOCUMENT, year: 2023, chain: ['county', 'city'] as const, region: a.region, runId: null,
    decided: { fen: a.fen, ceiling: false, funder: '370800', explanation: null },
  })), 'test', today, CHINA_OFFICIAL);
  const ids = (await store.db.selectFrom('applications').select(['id', 'subject_id']).where('document', '=', DOCUMENT).execute());
  for (const { id } of ids) {
    await act(store, String(id), { action: 'approve', role: 'county-admin', version: 1 }, 'county-reviewer', today, CHINA_OFFICIAL);
    await act(store, String(id), { action: 'approve', role: 'city-admin', version: 2 }, 'city-reviewer', today, CHINA_OFFICIAL);
  }
  const of = (s: string) => String(ids.find((r) => r.subject_id === s)!.id);
  return { e1: of('E1'), e3: of('E3') };
}
