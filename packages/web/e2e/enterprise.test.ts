/**
 * An enterprise guided (issue 16, point 5), in Chromium: 示例任城电商 — an enterprise registered in
 * 任城区, 济宁 — opens 申报 and is offered only the clauses its place and kind can apply for (the
 * province's and 济宁's, for enterprises: nine), with their windows, the year defaulted to the open
 * window's (2023, while the real clock's last year is later), the data (indicator and year) and the
 * papers each clause needs; a closed window says so and cannot be started; the others are listed
 * apart with why (东营's document is for 东营). It starts a draft, fills its figure, attaches a file
 * (name, size and time shown, no checksum), confirms what it submits and is in review. The
 * calculator links an eligible clause to 申报 with the clause and year chosen. At the desk and on a phone.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckChar } from '@duixian/engine';
import { setWindow } from '@duixian/store';
import { startWorld, type World } from './app';
import { SHOTS, tabTo } from './browser';
import { looksRight } from './checks';

const USCC = '91370811MA3C0EEEE' + usccCheckChar('91370811MA3C0EEEE');
const SD_HIRING = 'sd-2022-42/10.hiring';
const SD_HIRING_NAME = '鲁政字〔2022〕42号 第十条 吸纳培训人员就业支持（有条件的市）';
const JINING_HIRING_NAME = '济政字〔2022〕54号 第八条 吸纳培训人员就业支持（县级）';
/** what E1 can apply for: the province's and 济宁's clauses for enterprises that need an application (packages/server/test/apply-guide.test.ts) */
const E1_CLAUSES = 9;
/** a PNG's first bytes: enough for the server's check of the type */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

let world: World;

beforeAll(async () => {
  world = await startWorld({
    today: '2024-03-15',
    subjects: [{ id: 'E1', kind: 'enterprise', name: '示例任城电商有限公司', region: '370811', uscc: USCC, tags: ['inStatsLibrary'] }],
    facts: [
      { subject: 'E1', year: 2023, key: 'physicalGoodsOnlineRetail', value: '1.2亿元', source: '统计局' },
      { subject: 'E1', year: 2023, key: 'trainedHireInsuredMonths', value: '8', source: '企业自报' },
    ],
    accounts: [['e1-user', 'enterprise', { uscc: USCC }]],
  });
  // the province's clause is open for 2023 (and was for 2022); 济宁's closed at the end of February
  await setWindow(world.store, { rule: SD_HIRING, year: 2023, opens: '2024-03-01', closes: '2024-03-31' }, 'e2e');
  await setWindow(world.store, { rule: SD_HIRING, year: 2022, opens: '2023-03-01', closes: '2023-03-31' }, 'e2e');
  await setWindow(world.store, { rule: 'jining-2022-54/8.hiring', year: 2023, opens: '2024-01-01', closes: '2024-02-29' }, 'e2e');
}, 120_000);

afterAll(async () => {
  await world?.close();
});

const yearField = (p: Page) => p.locator('#apply-year');

describe('an enterprise is guided to apply', { timeout: 240_000 }, () => {
  it('申报 offers only its clauses with their windows, defaults the year, says what each needs; a draft goes in with a confirmation', async () => {
    const p = await world.signedIn('e1-user');
    await p.getByRole('menuitem', { name: /^申报/ }).click(); // (a to-do badge may follow the name)
    await p.getByTestId('apply-subject').getByText('济宁市任城区', { exact: false }).waitFor();
    // the windows of its clauses, with year, dates and state; the year defaulted to the open one's
    const windows = p.getByTestId('apply-windows');
    await windows.getByText(SD_HIRING_NAME).first().waitFor();
    expect((await windows.locator('tr[data-row-key]').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      `${SD_HIRING_NAME} 2023 2024-03-01 至 2024-03-31 申报中 申报`,
      `${SD_HIRING_NAME} 2022 2023-03-01 至 2023-03-31 已截止`,
      `${JINING_HIRING_NAME} 2023 2024-01-01 至 2024-02-29 已截止`,
    ]);
    await expect.poll(() => yearField(p).inputValue()).toBe('2023');
    expect(await p.getByText('申报年度', { exact: true }).count()).toBe(1); // a visible label

    // only its nine clauses are offered: none of 东营's, 济阳's or 济南's, none for parks
    await p.getByTestId('apply-rule').click();
    const options = p.locator('.ant-select-item-option');
    await expect.poll(() => options.count()).toBe(E1_CLAUSES);
    const offered = await options.allInnerTexts();
    expect(offered.every((o) => o.startsWith('鲁政字〔2022〕42号') || o.startsWith('济政字〔2022〕54号')), offered.join('\n')).toBe(true);
    expect(offered.some((o) => o.includes('园区'))).toBe(false);

    // a clause whose window closed says so, and cannot be started
    await options.filter({ hasText: JINING_HIRING_NAME }).click();
    await p.getByTestId('apply-window').getByText('2023年度申报已于 2024-02-29 截止').waitFor();
    expect(await p.getByTestId('apply-start').isDisabled()).toBe(true);

    // the open one: what it needs, by the indicator's name and the year, and which papers
    await p.getByTestId('apply-rule').click();
    await options.filter({ hasText: SD_HIRING_NAME }).click();
    await p.getByTestId('apply-window').getByText('2023年度申报时间：2024-03-01 至 2024-03-31，正在申报中').waitFor();
    expect(await p.getByTestId('needs-data').innerText()).toBe('吸纳培训人员连续缴纳社保月数（2023年度）');
    expect(await p.getByTestId('needs-papers').innerText()).toContain('培训证明、劳动合同及社保缴费记录');

    // the rest apart, with why
    await p.getByTestId('not-applicable').getByRole('button').first().click();
    await p.getByTestId('not-applicable').getByText('东政发〔2020〕9号适用于注册在东营市的主体，贵单位注册在济宁市任城区', { exact: false }).first().waitFor();
    await looksRight(p, 'enterprise-apply');

    // the draft: its figure, a file (name, size and time; no checksum), then a confirmation of what is submitted
    await p.getByTestId('apply-start').click();
    await p.getByTestId('add-fact').click();
    await p.getByTestId('fact-value-0').fill('8');
    await p.getByTestId('save-facts').click();
    await p.locator('input[type=file]').setInputFiles({ name: '社保缴费记录.png', mimeType: 'image/png', buffer: PNG });
    const files = p.getByTestId('attachments');
    await files.getByText('社保缴费记录.png').waitFor();
    expect(await files.innerText()).toContain('上传时间');
    const text = await p.evaluate(() => document.body.innerText);
    expect(text).not.toMatch(/SHA-256|[0-9a-f]{16}/);
    await p.getByTestId('action-submit').click();
    const summary = p.getByTestId('submit-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toContain(`${SD_HIRING_NAME}（2023年度）`);
    expect(await summary.innerText()).toContain('吸纳培训人员连续缴纳社保月数：8');
    expect(await summary.innerText()).toContain('社保缴费记录.png');
    await p.screenshot({ path: join(SHOTS, 'enterprise-submit-confirm.png') }); // (the checker takes the confirmation's mask for a cover)
    await p.getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => p.getByTestId('application-state').textContent()).toBe('待县级初审');
    await p.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    await looksRight(p, 'enterprise-submitted');
    await p.context().close();
  });

  it('政策计算器 links a clause to 申报 with the clause and year chosen; 免申即享 needs none', async () => {
    const p = await world.signedIn('e1-user'); // the calculator is an enterprise's first page
    const matches = p.getByTestId('matches');
    await matches.locator('tr[data-row-key]').first().waitFor();
    expect(await matches.innerText()).toContain('免申即享'); // 流量补贴 on 1.2亿元: decided from the statistics
    await looksRight(p, 'enterprise-calculator');
    await p.getByTestId(`apply-link-${SD_HIRING}`).click();
    await p.getByTestId('apply-window').waitFor();
    expect(p.url()).toContain(`#/apply?rule=${encodeURIComponent(SD_HIRING)}&year=2023`);
    expect(await p.getByTestId('apply-rule').innerText()).toContain(SD_HIRING_NAME);
    expect(await yearField(p).inputValue()).toBe('2023');
    expect(await p.getByTestId('needs-data').innerText()).toBe('吸纳培训人员连续缴纳社保月数（2023年度）');
    await p.context().close();
  });

  it('on a phone: 申报 and the calculator fit, nothing covered; a clause and year applied for already is not started again', async () => {
    const p = await world.signedIn('e1-user', 'phone');
    await p.getByTestId('matches').locator('tr[data-row-key]').first().waitFor();
    await looksRight(p, 'enterprise-calculator-phone');
    await p.goto(`${world.base}/#/apply?rule=${encodeURIComponent(SD_HIRING)}&year=2023`);
    await p.getByTestId('apply-needs').waitFor();
    // applied for already (above): said, and not started twice
    await p.getByTestId('apply-existing').getByText('本条款2023年度已有申报', { exact: false }).waitFor();
    expect(await p.getByTestId('apply-start').isDisabled()).toBe(true);
    await looksRight(p, 'enterprise-apply-phone');
    await p.context().close();
  });
  it('the keyboard alone: Tab reaches 申报条款, typing picks a clause and its needs are listed, Tab reaches 申报年度, then the open window\'s 申报 button', async () => {
    const p = await world.signedIn('e1-user');
    await p.getByRole('menuitem', { name: /^申报/ }).click();
    await p.getByTestId('apply-windows').waitFor();
    await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(p, /^apply-rule$/);
    await p.keyboard.type('有条件的市');
    await p.keyboard.press('Enter');
    await expect.poll(() => p.locator('#apply-rule').evaluate((e) => e.closest('.ant-select')?.textContent ?? '')).toContain('有条件的市');
    await p.getByTestId('apply-needs').waitFor(); // what the chosen clause needs, listed
    await tabTo(p, /^apply-year$/);
    await tabTo(p, /^choose-/); // the windows table: 申报 on the open window, reached by Tab after the form
    await p.context().close();
  });
});
