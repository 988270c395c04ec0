/**
 * No dead ends, in Chromium (issue 16, point 6). 齐鲁电商贷 from the start: before any partner bank,
 * an enterprise of 任城 is told no bank serves 济宁市任城区 and whom to ask, with no form to send;
 * the province adds 齐鲁银行济宁分行 serving the city of 济宁 and makes its staff account on the 账户
 * page with the bank picked from the list; the enterprise applies; the bank sees the application
 * and accepts it — while an enterprise of 东营 is still told no bank serves its region. Then the
 * 账户 page: regions and roles by name, a row disabled (that user can no longer sign in), enabled
 * again, a password reset to a one-time one shown once. Then the blacklist form: the subject found
 * by its name, the dates picked, the entry listed by name, USCC and region name. Each page looks
 * right (checks.ts) at 1366×768 and the enterprise's at 390×844.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckChar } from '@duixian/engine';
import { hashPassword } from '@duixian/store';
import { startWorld, WORLD_PASSWORD, type World } from './app';
import { looksRight as checked } from './checks';

const uscc = (first17: string) => first17 + usccCheckChar(first17);
const RENCHENG = uscc('91370811MA3C0RRRR');
const DONGYING = uscc('91370502MA3C0DDDD');

let world: World;

beforeAll(async () => {
  world = await startWorld({
    subjects: [
      { id: 'RC1', kind: 'enterprise', name: '任城示例电商有限公司', region: '370811', uscc: RENCHENG, tags: ['inStatsLibrary'] },
      { id: 'DY1', kind: 'enterprise', name: '东营示例电商有限公司', region: '370502', uscc: DONGYING, tags: ['inStatsLibrary'] },
    ],
    facts: [{ subject: 'RC1', year: 2023, key: 'onlineRetail', value: '1.2亿元', source: '统计局' }],
    accounts: [
      ['sd-admin', 'province-admin', { region: '370000' }], ['jining-admin', 'city-admin', { region: '370800' }],
      ['rencheng-admin', 'county-admin', { region: '370811' }], ['rc-user', 'enterprise', { uscc: RENCHENG }], ['dy-user', 'enterprise', { uscc: DONGYING }],
    ],
  });
}, 120_000);
afterAll(async () => world?.close());

/** Open a page from the side menu and wait for its content. */
async function open(p: Page, menu: string, testId: string): Promise<void> {
  await p.getByRole('menuitem', { name: menu, exact: true }).click();
  await p.getByTestId(testId).waitFor();
}

/** Pick `label` in the open antd dropdown (a Select's or a Cascader's). */
const pick = (p: Page, label: string) => p.locator('.ant-select-item-option, .ant-cascader-menu-item').filter({ hasText: label }).first().click();

/** The page checked at rest: the mouse moved off the button it last pressed (a hovered button is lighter, a passing state). */
async function looksRight(p: Page, name: string): Promise<void> {
  await p.mouse.move(0, 0);
  await checked(p, name);
}

/** Say yes to the confirmation open now, and wait until it has faded out (the next one must not find it still there). */
async function confirm(p: Page): Promise<void> {
  const open = p.locator('.ant-popconfirm-buttons .ant-btn-primary:visible');
  await open.last().click();
  await expect.poll(() => open.count()).toBe(0);
}

/** The enterprise is told no bank serves its region, whom to ask, and has no form to send. */
async function toldNoBank(username: string, place: string, size: 'desk' | 'phone' = 'desk'): Promise<void> {
  const p = await world.signedIn(username, size);
  if (size === 'phone') await p.getByTestId('menu-button').click();
  await open(p, '齐鲁电商贷', 'loans');
  await p.getByTestId('no-bank').getByText(`${place}暂无齐鲁电商贷合作银行`).waitFor();
  await p.getByTestId('no-bank').getByText('请联系当地商务主管部门', { exact: false }).waitFor();
  expect(await p.getByTestId('loan-submit').count()).toBe(0);
  await looksRight(p, `loans-no-bank-${username}-${size}`);
  await p.context().close();
}

describe('no dead ends in the browser', { timeout: 600_000 }, () => {
  it('齐鲁电商贷: the province adds a bank serving 济宁 and its staff account; 任城 applies and the bank accepts; 东营 is told no bank serves it', async () => {
    await toldNoBank('rc-user', '济宁市任城区');

    // the province adds the bank, serving the whole city of 济宁
    const sd = await world.signedIn('sd-admin');
    await open(sd, '齐鲁电商贷', 'banks');
    await sd.getByTestId('bank-add').click();
    await sd.getByLabel('银行名称').fill('齐鲁银行济宁分行');
    await sd.getByTestId('bank-regions').click();
    await sd.locator('.ant-cascader-menu-item').filter({ hasText: '济宁市' }).locator('.ant-cascader-checkbox').click();
    await sd.keyboard.press('Escape');
    await sd.getByLabel('联系人').fill('王经理');
    await sd.getByLabel('联系电话').fill('0537-2345678');
    await sd.getByTestId('bank-save').click();
    const row = sd.getByTestId('banks').locator('tr', { hasText: '齐鲁银行济宁分行' });
    await row.getByText('济宁市', { exact: true }).waitFor();
    await row.getByText('0537-2345678').waitFor();
    await looksRight(sd, 'loans-banks-province');

    // and the bank's staff account, the bank picked from that list
    await open(sd, '账户', 'accounts');
    await sd.getByTestId('new-username').fill('jn-bank');
    await sd.getByTestId('new-role').click();
    await pick(sd, '合作银行');
    await sd.getByTestId('new-bank').click();
    await pick(sd, '齐鲁银行济宁分行');
    await sd.getByTestId('new-region').click();
    await pick(sd, '济宁市');
    await sd.keyboard.press('Escape');
    await sd.getByTestId('create-account').click();
    await sd.getByTestId('one-time-password').getByText('已创建 jn-bank', { exact: false }).waitFor();
    await sd.getByTestId('accounts').locator('tr', { hasText: 'jn-bank' }).getByText('齐鲁银行济宁分行').waitFor();
    await sd.context().close();
    const made = await world.store.db.selectFrom('accounts').select(['role', 'region', 'bank', 'must_change_password']).where('username', '=', 'jn-bank').executeTakeFirstOrThrow();
    expect(made).toEqual({ role: 'bank', region: '370800', bank: '齐鲁银行济宁分行', must_change_password: true });
    // the one-time password's handover and change are pages.test.ts's; here the staff have set their own
    await world.store.db.updateTable('accounts').set({ password_hash: await hashPassword(WORLD_PASSWORD), must_change_password: false }).where('username', '=', 'jn-bank').execute();

    // 任城 applies to the bank now serving it
    const ent = await world.signedIn('rc-user');
    await open(ent, '齐鲁电商贷', 'loans');
    await ent.getByRole('textbox', { name: /^金额（/ }).fill('50万元');
    await ent.getByRole('spinbutton', { name: '期限（月）' }).fill('12');
    await ent.getByTestId('loan-bank').click();
    await pick(ent, '齐鲁银行济宁分行');
    await ent.getByRole('textbox', { name: '用途' }).fill('备货');
    await ent.locator('input[data-testid="loan-consent"], [data-testid="loan-consent"] input').check();
    await ent.getByTestId('loan-submit').click();
    const mine = ent.getByTestId('loans').locator('tr[data-row-key]');
    await mine.getByText('银行受理中').waitFor();
    expect(await mine.first().innerText()).toContain('50.00万元');
    await looksRight(ent, 'loans-applied-enterprise');
    await ent.context().close();

    // the bank sees it, with the enterprise's name and region, and accepts
    const bank = await world.signedIn('jn-bank');
    const queued = bank.getByTestId('loans').locator('tr[data-row-key]');
    await queued.getByText('任城示例电商有限公司').waitFor();
    expect(await queued.first().innerText()).toContain('济宁市任城区');
    await bank.getByTestId('loans').locator('.ant-table-row-expand-icon').first().click();
    await bank.getByText('1.20亿元').waitFor(); // the consented summary: its online retail
    await looksRight(bank, 'loans-queue-bank');
    await bank.locator('[data-testid^="loan-accept-"]').click();
    await bank.getByTestId('loans').getByText('银行已受理').waitFor();
    await bank.context().close();

    // 东营 is still served by no bank: told so, at the desk and on a phone
    await toldNoBank('dy-user', '东营市东营区');
    await toldNoBank('dy-user', '东营市东营区', 'phone');
    expect(await world.store.db.selectFrom('loan_applications').select(['subject_id', 'bank', 'state']).execute()).toEqual([{ subject_id: 'RC1', bank: '齐鲁银行济宁分行', state: 'accepted' }]);
  });

  it('账户: names not codes; a row disabled (no more sign-in), enabled again, a password reset to a one-time one shown once', async () => {
    const city = await world.signedIn('jining-admin');
    await open(city, '账户', 'accounts');
    const row = (username: string) => city.getByTestId('accounts').locator('tr', { hasText: username });
    expect(await row('rencheng-admin').innerText()).toContain('济宁市任城区');
    expect(await row('rencheng-admin').innerText()).toContain('县级管理员');
    expect(await row('jining-admin').getByRole('button').count()).toBe(0); // not one's own

    await city.getByTestId('disable-rencheng-admin').click();
    await confirm(city);
    await row('rencheng-admin').getByText('已停用').waitFor();
    expect((await world.store.db.selectFrom('accounts').select('disabled').where('username', '=', 'rencheng-admin').executeTakeFirstOrThrow()).disabled).toBe(true);
    await looksRight(city, 'accounts-disabled');

    // the disabled user cannot sign in
    const out = await world.browser.newContext({ locale: 'zh-CN' });
    const p = await out.newPage();
    await p.goto(world.base);
    await p.getByLabel('用户名').fill('rencheng-admin');
    await p.getByLabel('密码').fill(WORLD_PASSWORD);
    await p.getByRole('button', { name: '登录', exact: true }).click();
    await p.getByText('用户名或密码不正确').waitFor();
    await out.close();

    await city.getByTestId('enable-rencheng-admin').click();
    await confirm(city);
    await row('rencheng-admin').getByText('正常').waitFor();

    await city.getByTestId('reset-rencheng-admin').click();
    await confirm(city);
    await city.getByTestId('one-time-password').getByText('已为 rencheng-admin 重置密码', { exact: false }).waitFor();
    const password = (await city.getByTestId('one-time-password').locator('code').textContent())!;
    expect(password.length).toBeGreaterThanOrEqual(12);
    await row('rencheng-admin').getByText('待修改一次性密码').waitFor();
    await city.context().close();
    expect((await world.store.db.selectFrom('audit_log').select('action').where('action', 'like', 'account.%').where('actor', '=', 'jining-admin').orderBy('seq').execute()).map((e) => e.action))
      .toEqual(['account.disable', 'account.enable', 'account.reset-password']);
  });

  it('名单管理: the blacklist\'s subject found by its name, dates picked; the entry listed by name, USCC and region', async () => {
    const sd = await world.signedIn('sd-admin');
    await open(sd, '名单管理', 'white-entries');
    await sd.getByRole('tab', { name: '信用黑名单' }).click();
    await sd.getByTestId('black-subject').click();
    await sd.keyboard.type('任城示例');
    await pick(sd, '任城示例电商有限公司');
    await sd.getByTestId('black-reason').fill('列入失信被执行人名单');
    await sd.getByTestId('black-from').click();
    await sd.keyboard.type('2023-10-01');
    await sd.locator('.ant-picker-dropdown:visible td[title="2023-10-01"]').click();
    await sd.getByTestId('black-propose').click();
    const entry = sd.getByTestId('black-entries').locator('tr[data-row-key]').first();
    await entry.getByText('待审核').waitFor();
    const text = await entry.innerText();
    for (const shown of ['任城示例电商有限公司', RENCHENG, '济宁市任城区', '2023-10-01']) expect(text).toContain(shown);
    expect(await world.store.db.selectFrom('list_entries').select(['list', 'subject_id', 'region', 'valid_from', 'valid_to']).execute())
      .toEqual([{ list: 'black', subject_id: 'RC1', region: '370811', valid_from: '2023-10-01', valid_to: null }]);
    await looksRight(sd, 'lists-blacklist-proposed');
    await sd.context().close();
  });
});
