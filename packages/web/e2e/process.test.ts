/**
 * The award process end to end in a real browser (issue 5): an enterprise applies, the county,
 * the city and the province review, the province publishes the list (公示) and an objection is
 * recorded and dismissed, the list becomes final after its working days, the payment is recorded
 * and the enterprise sees its award as paid; then the lists, 齐鲁电商贷 and the tasks pages; and an
 * application whose subject is blacklisted after it was queued: the county sees the change and
 * approves only with an acknowledgement (issue 14). The server runs in this process over an embedded
 * database, with its date moved by the test (the notice runs on working days: nobody waits a week).
 * Every page is checked at 1366×768 and its screenshot saved under test-output/screenshots.
 */
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckChar } from '@duixian/engine';
import { setBudget, setWindow, type Store } from '@duixian/store';
import { startWorld, type World } from './app';
import { visited as seen } from './browser';

const RULE = 'sd-2022-42/11.sorting-centre';
const USCC = '91370811MA3C0KKKK' + usccCheckChar('91370811MA3C0KKKK');
const USCC2 = '91370811MA3C0LLLL' + usccCheckChar('91370811MA3C0LLLL');
const TAGS = ['expressCompany', 'newlyEstablished', 'firstLevel', 'nationalCoverage', 'provinceCoverage'];

let world: World;
let store: Store;

/** Signed in through the form, in a browser context of one's own. */
const signedIn = (username: string): Promise<Page> => world.signedIn(username);
const visited = (p: Page, name: string) => seen(p, `process-${name}`);
const asUser = (username: string, url: string, body: Record<string, unknown>) => world.asUser(username, 'POST', url, body);

/** Open a page from the side menu and wait for its content. */
async function open(p: Page, menu: string, testId: string): Promise<void> {
  await p.getByRole('menuitem', { name: menu }).click();
  await p.getByTestId(testId).waitFor();
}

/** As a reviewer: open the application from the list and take one step; the new state is shown. */
async function review(username: string, action: 'approve', expected: string): Promise<void> {
  const p = await signedIn(username);
  await open(p, '审核', 'applications');
  await p.getByTestId('applications').locator('tr[data-row-key]').first().click(); // a row of data, not antd's empty placeholder
  await p.getByTestId(`action-${action}`).click();
  await expect.poll(() => p.getByTestId('application-state').textContent()).toBe(expected);
  await visited(p, `review-${username}`);
  await p.context().close();
}

beforeAll(async () => {
  world = await startWorld({
    subjects: [
      { id: 'SC1', kind: 'sortingCentre', name: '示例快递任城一级分拨中心', region: '370811', uscc: USCC, tags: TAGS },
      { id: 'SC2', kind: 'sortingCentre', name: '示例物流任城一级分拨中心', region: '370811', uscc: USCC2, tags: TAGS },
    ],
    accounts: [
      ['sc-user', 'enterprise', { uscc: USCC }], ['rencheng-admin', 'county-admin', { region: '370811' }],
      ['jining-admin', 'city-admin', { region: '370800' }], ['sd-admin', 'province-admin', { region: '370000' }],
      ['bank-user', 'bank', { region: '370000', bank: '齐鲁银行' }], ['sc2-user', 'enterprise', { uscc: USCC2 }],
    ],
  });
  store = world.store;
  await setWindow(store, { rule: RULE, year: 2023, opens: '2023-09-01', closes: '2023-09-30' }, 'sd-admin');
  await setBudget(store, { document: 'sd-2022-42', funder: '370000', year: 2023, totalFen: 500_0000_00 }, 'sd-admin');
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('the award process in the browser', { timeout: 240_000 }, () => {
  it('apply → three reviews → 公示 with an objection → final → payment → the enterprise sees it paid', async () => {
    // the enterprise applies for the province's one-time support of a new first-level sorting centre
    const ent = await signedIn('sc-user');
    await open(ent, '申报', 'my-applications');
    await ent.getByTestId('apply-rule').click();
    await ent.keyboard.type('一级分拨中心');
    await ent.keyboard.press('Enter');
    await ent.locator('input[data-testid="apply-year"], [data-testid="apply-year"] input').fill('2023');
    await ent.getByTestId('apply-start').click();
    await ent.getByTestId('action-submit').click();
    await ent.getByRole('button', { name: '确认提交' }).click(); // what is submitted is shown once more first
    await expect.poll(() => ent.getByTestId('application-state').textContent()).toBe('待县级初审');
    await visited(ent, 'apply');
    await ent.context().close();

    await review('rencheng-admin', 'approve', '待市级审核');
    await review('jining-admin', 'approve', '待省级终审');
    await review('sd-admin', 'approve', '审核通过待公示');

    // 公示 from Wednesday 27 September 2023: five working days end on 9 October (the National Day holiday skipped)
    world.setToday('2023-09-27');
    const sd = await signedIn('sd-admin');
    await open(sd, '公示', 'notices');
    await sd.getByTestId('approved-list').getByRole('checkbox').last().check();
    await sd.getByTestId('notice-title').fill('2023年度省级电商政策拟支持名单');
    await sd.getByTestId('notice-office').fill('山东省商务厅电子商务处');
    await sd.getByTestId('notice-phone').fill('0531-51760000');
    await sd.getByTestId('notice-address').fill('济南市历下区省府前街1号');
    await sd.getByTestId('notice-publish').click();
    await sd.getByText('2023-09-27 至 2023-10-09（5个工作日）').click();
    await sd.locator('[data-testid^="objection-entry-"]').click();
    await sd.keyboard.press('Enter');
    await sd.locator('[data-testid^="objection-text-"]').fill('该分拨中心并非2023年新设');
    await sd.locator('[data-testid^="objection-add-"]').click();
    await sd.getByText('待处理').waitFor();
    await sd.locator('[data-testid^="resolution-"]').fill('经核实为2023年新设，异议不成立');
    await sd.locator('[data-testid^="resolve-"]').click();
    await sd.getByText('异议不成立').first().waitFor();
    await visited(sd, 'notice');
    // the list becomes final only after its last day
    await sd.locator('[data-testid^="finalize-"]').click();
    await sd.getByRole('alert').getByText('公示期').waitFor();
    world.setToday('2023-10-10');
    await sd.locator('[data-testid^="finalize-"]').click();
    await sd.getByText('已确定').first().waitFor();

    // the payment, with the finance system's order number
    await open(sd, '预算与拨付', 'budgets');
    const year = sd.locator('input[data-testid="budget-year"], [data-testid="budget-year"] input');
    await year.fill('2023');
    await year.press('Enter');
    const row = sd.getByTestId('to-pay').locator('tr[data-row-key]').first();
    const id = (await row.getAttribute('data-row-key'))!;
    await sd.getByTestId(`pay-order-${id}`).fill('ZF2023-0001');
    await sd.getByTestId(`pay-date-${id}`).click();
    await sd.keyboard.type('2023-10-10');
    await sd.keyboard.press('Enter');
    await sd.getByTestId(`pay-${id}`).click();
    await sd.getByTestId('payments').getByText('ZF2023-0001').waitFor();
    expect(await sd.getByTestId('budgets').locator('tr[data-row-key]').first().textContent()).toContain('300.00万元'); // 3000000.00 yuan, as people write it
    await visited(sd, 'budgets');
    await sd.context().close();

    // the enterprise sees its award paid, with every step
    const back = await signedIn('sc-user');
    await open(back, '申报', 'my-applications');
    await back.getByTestId('my-applications').locator('tr[data-row-key]').first().click();
    await expect.poll(() => back.getByTestId('application-state').textContent()).toBe('已拨付');
    await back.getByText('拨付完毕').waitFor();
    await visited(back, 'paid');
    await back.context().close();
  });

  it('名单管理: the province proposes a blacklist entry, the city approves it, and it is in force', async () => {
    const sd = await signedIn('sd-admin');
    await open(sd, '名单管理', 'white-entries');
    await sd.getByRole('tab', { name: '信用黑名单' }).click();
    await sd.getByTestId('black-subject').click(); // the subject found by its name
    await sd.keyboard.type('示例快递');
    await sd.locator('.ant-select-item-option').filter({ hasText: '示例快递任城一级分拨中心' }).click();
    await sd.getByTestId('black-reason').fill('列入失信被执行人名单');
    await sd.getByTestId('black-from').click(); // a date picker: typed, then the day picked
    await sd.keyboard.type('2023-10-01');
    await sd.locator('.ant-picker-dropdown:visible td[title="2023-10-01"]').click();
    await sd.getByTestId('black-propose').click();
    await sd.getByTestId('black-entries').getByText('待审核').waitFor();
    await sd.context().close();
    const city = await signedIn('jining-admin');
    await open(city, '名单管理', 'white-entries');
    await city.getByRole('tab', { name: '信用黑名单' }).click();
    await city.locator('[data-testid^="entry-approve-"]').click();
    await city.getByTestId('black-entries').getByText('生效中').waitFor();
    await visited(city, 'blacklist');
    await city.context().close();
  });

  it('齐鲁电商贷: the enterprise applies with its consent; the bank sees the summary in its queue and accepts', async () => {
    const ent = await signedIn('sc-user');
    await open(ent, '齐鲁电商贷', 'loans');
    await ent.getByTestId('loan-amount').fill('50万元');
    await ent.locator('input[data-testid="loan-term"], [data-testid="loan-term"] input').fill('12');
    await ent.getByTestId('loan-bank').click();
    await ent.keyboard.press('Enter');
    await ent.getByTestId('loan-purpose').fill('备货');
    await ent.getByTestId('loan-submit').click();
    await ent.getByRole('alert').getByText('consent', { exact: false }).or(ent.getByRole('alert').getByText('同意', { exact: false })).first().waitFor(); // no consent: refused
    await ent.locator('input[data-testid="loan-consent"], [data-testid="loan-consent"] input').check();
    await ent.getByTestId('loan-submit').click();
    await ent.getByTestId('loans').getByText('银行受理中').waitFor();
    await visited(ent, 'loan-applied');
    await ent.context().close();
    const bank = await signedIn('bank-user');
    // its one menu item, with the badge counting the one application waiting on it
    await expect.poll(() => bank.getByRole('menuitem').allTextContents()).toEqual(['齐鲁电商贷1']);
    await bank.getByTestId('loans').locator('tr[data-row-key]').first().waitFor();
    await bank.getByTestId('loans').locator('.ant-table-row-expand-icon').first().click();
    await bank.getByText('示例快递任城一级分拨中心', { exact: false }).first().waitFor(); // the consented summary
    await bank.locator('[data-testid^="loan-accept-"]').click();
    await bank.getByTestId('loans').getByText('银行已受理').waitFor();
    await visited(bank, 'loan-bank');
    await bank.context().close();
  });

  it('任务督办: a task\'s departments by quarter, a report filed, the summary per department', async () => {
    const sd = await signedIn('sd-admin');
    await open(sd, '任务督办', 'tasks');
    await sd.getByTestId('tasks').locator('tr[data-row-key]').first().waitFor();
    await sd.getByTestId('report-task').click();
    await sd.keyboard.press('Enter');
    await sd.getByTestId('report-department').click();
    await sd.keyboard.press('Enter');
    await sd.getByTestId('report-period').click();
    await sd.keyboard.press('Enter');
    await sd.getByTestId('report-progress').fill('已召开专题推进会，完成年度任务分解');
    await sd.getByTestId('report-file').click();
    await expect.poll(() => sd.getByTestId('report-progress').inputValue()).toBe(''); // filed: the form is cleared
    await sd.getByRole('tab', { name: '按部门汇总' }).click();
    await sd.getByTestId('task-summary').locator('tr[data-row-key]').first().waitFor();
    await visited(sd, 'tasks');
    await sd.context().close();
  });

  it('黑名单 after queueing: the county sees the change, approves only with an acknowledgement reason, and the application moves on', async () => {
    // a second sorting centre applies in a second round, with room in the province's budget for it
    await setWindow(store, { rule: RULE, year: 2023, opens: '2023-10-09', closes: '2023-10-31' }, 'sd-admin');
    await setBudget(store, { document: 'sd-2022-42', funder: '370000', year: 2023, totalFen: 1000_0000_00 }, 'sd-admin');
    const draft = await asUser('sc2-user', '/api/applications', { subject: 'SC2', rule: RULE, year: 2023 });
    const queued = await asUser('sc2-user', `/api/applications/${draft.id}/actions`, { action: 'submit', version: draft.version });
    expect(queued.state).toBe('county-review');
    // then its subject is blacklisted: proposed by the province, approved by the city
    const entry = await asUser('sd-admin', '/api/lists', { list: 'black', subject: 'SC2', validFrom: '2023-10-01', reason: '列入失信被执行人名单' });
    expect((await asUser('jining-admin', `/api/lists/${entry.id}/review`, { approve: true, version: entry.version })).state).toBe('active');

    const p = await signedIn('rencheng-admin');
    await open(p, '审核', 'applications');
    await p.getByTestId('applications').locator(`tr[data-row-key="${draft.id}"]`).click();
    expect(await p.getByTestId('changes').textContent()).toContain('与列入名单时相比有变化');
    expect(await p.getByTestId('changes').textContent()).toContain('信用黑名单');
    expect(await p.getByTestId('action-approve').isDisabled()).toBe(true);
    expect(await p.getByTestId('approve-blocked').textContent()).toContain('确认理由');
    await p.getByLabel('确认理由（已知悉上述变化）').fill('失信名单列入在分拨中心建成之后，经集体研究先行审核');
    await expect.poll(() => p.getByTestId('action-approve').isDisabled()).toBe(false);
    await p.getByTestId('action-approve').click();
    await expect.poll(() => p.getByTestId('application-state').textContent()).toBe('待市级审核');
    await p.getByText('已知悉变化', { exact: false }).first().waitFor(); // the acknowledgement in the steps taken
    await visited(p, 'recheck-acknowledged');
    await p.context().close();
  });
});
