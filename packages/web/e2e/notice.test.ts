/**
 * A 公示 the public can read, in a real browser (issue 16, point 2): 济宁's administrator picks
 * approved awards by enterprise name and clause, is told to name the office, telephone and address
 * for objections before anything is published, publishes; the notice lists each award's enterprise,
 * USCC, clause (文号 article title) and amount in 万元, its period and where to object; the objection
 * picker offers enterprise names with their clause, never application numbers; an upheld objection
 * takes an entry off. Then the public, not signed in (from the sign-in page's link, at the desk and
 * on a phone), and the enterprise on the list read the same. Every page passes looksRight.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckChar } from '@duixian/engine';
import { act, enlist, setBudget } from '@duixian/store';
import { CHINA_OFFICIAL } from '@duixian/workflow';
import { startWorld, type World } from './app';
import { PHONE } from './browser';
import { looksRight } from './checks';

const uscc = (first17: string) => first17 + usccCheckChar(first17);
const RENCHENG = { id: 'NE1', name: '任城示例电商有限公司', uscc: uscc('91370811MA3C0NNNN') };
const YANZHOU = { id: 'NE2', name: '兖州示例直播电商有限公司', uscc: uscc('91370812MA3C0PPPP') };
const DOCUMENT = 'jining-2022-54';
const NATIONAL = '济政字〔2022〕54号 第二条 国家级示范称号一次性奖励';
const TIERS = '济政字〔2022〕54号 第二条 2023年度电商龙头企业分档一次性奖励';
const CONTACT = { office: '济宁市商务局电子商务科', phone: '0537-2345678', address: '济宁市任城区太白湖新区圣贤路9号' };
const PERIOD = '2023-09-27 至 2023-10-09（5个工作日）';

let world: World;

/** Both enterprises' awards, approved by the county and the city as review would leave them. */
async function approvedAwards(today: string): Promise<void> {
  await setBudget(world.store, { document: DOCUMENT, funder: '370800', year: 2023, totalFen: 30_0000_00 }, 'e2e');
  await enlist(world.store, [
    { subjectId: RENCHENG.id, rule: `${DOCUMENT}/2.national-title`, fen: 10_0000_00, region: '370811' },
    { subjectId: YANZHOU.id, rule: `${DOCUMENT}/2.retail-2023`, fen: 20_0000_00, region: '370812' },
  ].map((a) => ({
    subjectId: a.subjectId, rule: a.rule, document: DOCUMENT, year: 2023, chain: ['county', 'city'] as const, region: a.region, runId: null,
    decided: { fen: a.fen, ceiling: false, funder: '370800', explanation: null },
  })), 'e2e', today, CHINA_OFFICIAL);
  for (const { id } of await world.store.db.selectFrom('applications').select('id').execute()) {
    await act(world.store, String(id), { action: 'approve', role: 'county-admin', version: 1 }, 'county-reviewer', today, CHINA_OFFICIAL);
    await act(world.store, String(id), { action: 'approve', role: 'city-admin', version: 2 }, 'city-reviewer', today, CHINA_OFFICIAL);
  }
}

/** What a reader of the notice must see of it: the award left on it, the period and where to object. */
async function readsTheNotice(p: Page): Promise<void> {
  const sheet = p.locator('[data-testid^="notice-sheet-"]').first();
  await sheet.getByText(RENCHENG.name).waitFor();
  const shown = await sheet.innerText();
  for (const words of [RENCHENG.uscc, NATIONAL, '10.00万元', PERIOD, CONTACT.office, CONTACT.phone, CONTACT.address]) expect(shown, words).toContain(words);
}

beforeAll(async () => {
  world = await startWorld({
    subjects: [
      { id: RENCHENG.id, kind: 'enterprise', name: RENCHENG.name, region: '370811', uscc: RENCHENG.uscc, tags: ['inStatsLibrary'] },
      { id: YANZHOU.id, kind: 'enterprise', name: YANZHOU.name, region: '370812', uscc: YANZHOU.uscc, tags: ['inStatsLibrary'] },
    ],
    accounts: [['jining-admin', 'city-admin', { region: '370800' }], ['ne1-user', 'enterprise', { uscc: RENCHENG.uscc }]],
    today: '2023-09-27',
  });
  await approvedAwards('2023-09-27');
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('公示 in the browser', { timeout: 300_000 }, () => {
  it('the city publishes with office and contact, by names; the objection picker offers names; an upheld objection takes an entry off', async () => {
    const p = await world.signedIn('jining-admin');
    await p.goto(`${world.base}/#/notices`);
    const approved = p.getByTestId('approved-list');
    await approved.getByText(RENCHENG.name).waitFor();
    const rows = await approved.innerText();
    for (const words of [YANZHOU.name, NATIONAL, TIERS, '10.00万元', '20.00万元']) expect(rows, words).toContain(words);
    await approved.getByRole('checkbox').first().check(); // the header's: every row
    await p.getByTestId('notice-title').fill('2023年度济宁市电子商务政策拟支持名单');
    // without the office and contact nothing is published, and the form says what is missing
    await p.getByTestId('notice-publish').click();
    for (const missing of ['请填写异议受理单位', '请填写联系电话', '请填写联系地址']) await p.getByText(missing).waitFor();
    expect(await world.store.db.selectFrom('notices').select('id').execute()).toEqual([]);
    await p.getByTestId('notice-office').fill(CONTACT.office);
    await p.getByTestId('notice-phone').fill(CONTACT.phone);
    await p.getByTestId('notice-address').fill(CONTACT.address);
    await p.getByTestId('notice-publish').click();
    await p.getByTestId('notices').getByText(PERIOD).click();
    await readsTheNotice(p);
    const notice = (await world.store.db.selectFrom('notices').select(['id', 'office', 'phone', 'address']).executeTakeFirstOrThrow());
    expect({ office: notice.office, phone: notice.phone, address: notice.address }).toEqual(CONTACT);

    // the objection picker: enterprise and clause, never an application number
    await p.getByTestId(`objection-entry-${notice.id}`).click();
    const options = p.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    expect(await options.allInnerTexts()).toEqual([`${RENCHENG.name} · ${NATIONAL}`, `${YANZHOU.name} · ${TIERS}`]);
    await options.filter({ hasText: YANZHOU.name }).click();
    await p.getByTestId(`objection-text-${notice.id}`).fill('该企业2023年网络零售额不实');
    await p.getByTestId(`objection-add-${notice.id}`).click();
    const objections = p.getByTestId(`objections-${notice.id}`);
    await objections.getByText(YANZHOU.name).waitFor();
    expect(await objections.innerText()).toContain(TIERS);
    await looksRight(p, 'notice-objection');
    await objections.getByText('成立（撤出名单）').click();
    await objections.locator('[data-testid^="resolution-"]').fill('经核查，网络零售额不实，异议成立');
    await objections.locator('[data-testid^="resolve-"]').click();
    await p.getByText('已撤出（异议成立）').waitFor();
    await looksRight(p, 'notice-publisher');
    await p.context().close();
  });

  for (const size of ['desk', 'phone'] as const) {
    it(`the public reads it without signing in (${size}): name, USCC, clause, amount, period and where to object; not the entry taken off`, async () => {
      const context = await world.browser.newContext({ locale: 'zh-CN', ...(size === 'phone' ? { viewport: PHONE } : {}) });
      const p = await context.newPage();
      p.setDefaultTimeout(60_000);
      await p.goto(world.base);
      await p.getByTestId('public-notices-link').click();
      await p.getByTestId('public-notices').waitFor();
      await readsTheNotice(p);
      expect(await p.getByTestId('public-notices').innerText()).not.toContain(YANZHOU.name);
      await looksRight(p, `notice-public-${size}`);
      await context.close();
    });
  }

  it('the enterprise on the list reads the same notice on its phone, as published', async () => {
    const p = await world.signedIn('ne1-user', 'phone');
    await p.goto(`${world.base}/#/notices`);
    await p.getByTestId('notices').getByText(PERIOD).click();
    await readsTheNotice(p);
    expect(await p.getByTestId('notices').innerText()).not.toContain(YANZHOU.name); // taken off, as the public reads it
    await looksRight(p, 'notice-enterprise-phone');
    await p.context().close();
  });
});
