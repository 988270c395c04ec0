/**
 * Review that fits the work, in a real browser (issue 16, point 4): 100 免申即享 awards of 任城
 * wait for the county. Its administrator arrives to a 待办 line and a badge of 100 beside 审核,
 * reads the queue by enterprise name and clause (文号 article title), never by code, approves all
 * the filtered rows in one batch with one reason, and the badge is gone; 济宁 then finds the 100
 * beside its own 审核 and opens one: the enterprise, the clause and the data it was decided on, by
 * the indicator's name with its unit; and by the keyboard alone opens one and approves it. At the
 * desk and on a phone; every page passes looksRight.
 *
 * The data: enterprises B000…B099 in 任城 with 6000万元 of online retail each — 济宁 二's 2023
 * tiered award, at most 10万元 each (the 5000万元 tier), decided by an official run and listed.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckChar } from '@duixian/engine';
import { startWorld, type World } from './app';
import { tabTo } from './browser';
import { looksRight } from './checks';

const N = 100;
const RULE = 'jining-2022-54/2.retail-2023';
const CLAUSE = '济政字〔2022〕54号 第二条 2023年度电商龙头企业分档一次性奖励';
const B = (k: number) => `B${String(k).padStart(3, '0')}`;
const nameOf = (k: number) => `任城示例商贸${B(k)}有限公司`;
const uscc = (k: number) => { const first = `91370811MA3D${String(k).padStart(5, '0')}`; return first + usccCheckChar(first); };

let world: World;

beforeAll(async () => {
  world = await startWorld({
    subjects: Array.from({ length: N }, (_, k) => ({ id: B(k), kind: 'enterprise', name: nameOf(k), region: '370811', uscc: uscc(k), tags: ['inStatsLibrary', 'tradeCirculation'] })),
    facts: Array.from({ length: N }, (_, k) => ({ subject: B(k), year: 2023, key: 'physicalGoodsOnlineRetail', value: '6000万元', source: '统计局' })),
    accounts: [['rencheng-admin', 'county-admin', { region: '370811' }], ['jining-admin', 'city-admin', { region: '370800' }], ['sd-admin', 'province-admin', { region: '370000' }]],
  });
  await world.asUser('jining-admin', 'POST', '/api/budgets', { document: 'jining-2022-54', funder: '370800', year: 2023, total: '1000万元' });
  const run = await world.asUser<{ id: string }>('sd-admin', 'POST', '/api/runs', { year: 2023 });
  const listed = await world.asUser<{ created: number }>('rencheng-admin', 'POST', `/api/runs/${run.id}/enlist`);
  expect(listed.created).toBe(N);
}, 240_000);
afterAll(async () => world?.close());

/** The page from the menu (on a phone: through ☰), its queue's first row of data there. */
async function openQueue(p: Page): Promise<void> {
  if (await p.getByTestId('menu-button').isVisible()) await p.getByTestId('menu-button').click();
  await p.getByRole('menuitem', { name: '审核' }).click();
  await p.getByTestId('applications').locator('tr[data-row-key]').first().waitFor();
}

const stateCounts = async () => Object.fromEntries((await world.store.db.selectFrom('applications').select((eb) => ['state', eb.fn.countAll<string>().as('n')]).where('rule', '=', RULE).groupBy('state').execute())
  .map((r) => [r.state, Number(r.n)]));

describe('review in the browser', { timeout: 300_000 }, () => {
  it('the county: 待办 and a badge of 100 on arrival, names in the queue, 100 approved in one batch, the badge gone', async () => {
    const p = await world.signedIn('rencheng-admin');
    await p.getByTestId('todo-summary').waitFor();
    expect(await p.getByTestId('todo-summary').innerText()).toContain(`审核 ${N} 项`);
    expect(await p.getByTestId('todo-approvals').innerText()).toBe(String(N));
    await openQueue(p);
    const queue = p.getByTestId('applications');
    const shown = await queue.innerText();
    for (const words of [nameOf(0), CLAUSE, '济宁市任城区', '10.00万元']) expect(shown, words).toContain(words);
    expect(shown).not.toContain('jining-2022-54/');
    await looksRight(p, 'review-queue');

    // every row waiting at the county, filtered by clause: one reason, one click
    await p.getByTestId('rule-filter').click();
    await p.keyboard.type('分档一次性奖励');
    await p.keyboard.press('Enter');
    await p.getByTestId('batch-filtered').getByText(`（${N} 项）`).waitFor();
    await p.getByTestId('batch-filtered').click();
    await p.getByTestId('batch-reason').fill('统计局数据核验无误，集体研究同意');
    await looksRight(p, 'review-batch-modal');
    await p.getByTestId('batch-confirm').click();
    await p.getByTestId('batch-result').getByText(`批量审核：通过 ${N} 项，未通过 0 项`).waitFor();
    expect(await stateCounts()).toEqual({ 'city-review': N });
    await expect.poll(() => p.getByTestId('todo-approvals').count()).toBe(0);
    await looksRight(p, 'review-batch-done');
    await p.context().close();
  });

  it('the city: the 100 beside its 审核; one opened shows the enterprise, the clause and the data it was decided on', async () => {
    const p = await world.signedIn('jining-admin');
    await p.getByTestId('todo-approvals').waitFor();
    expect(await p.getByTestId('todo-approvals').innerText()).toBe(String(N));
    await openQueue(p);
    await p.getByTestId('applications').getByText(nameOf(0)).click();
    const panel = p.getByTestId('application');
    await panel.getByTestId('used-facts').waitFor();
    expect(await panel.getByTestId('application-subject').innerText()).toContain(nameOf(0));
    const text = await panel.innerText();
    for (const words of [CLAUSE, '实物商品网络零售额', '6,000万元', '统计局', '济宁市任城区']) expect(text, words).toContain(words);
    await looksRight(p, 'review-detail');
    await p.context().close();
  });

  it('on a phone: the badge in the menu, the queue and its batch buttons usable at 390 px', async () => {
    const p = await world.signedIn('jining-admin', 'phone');
    await p.getByTestId('todo-summary').waitFor();
    await openQueue(p);
    expect(await p.getByTestId('applications').innerText()).toContain(nameOf(0));
    await p.getByTestId('batch-filtered').waitFor();
    await looksRight(p, 'review-queue-phone');
    await p.context().close();
  });

  it('the keyboard alone: Tab reaches an application in the queue, Enter opens it, Tab reaches 通过, Enter approves', async () => {
    const p = await world.signedIn('jining-admin');
    await openQueue(p);
    await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const opened = (await tabTo(p, /^open-/, 150)).slice('open-'.length);
    await p.keyboard.press('Enter');
    await expect.poll(() => p.getByTestId('application-state').textContent()).toBe('待市级审核');
    await tabTo(p, /^action-approve$/, 80);
    await p.keyboard.press('Enter');
    await expect.poll(() => p.getByTestId('application-state').textContent()).toBe('审核通过待公示');
    const row = await world.store.db.selectFrom('applications').select('state').where('id', '=', opened).executeTakeFirstOrThrow();
    expect(row.state).toBe('approved');
    await p.context().close();
  });
});
