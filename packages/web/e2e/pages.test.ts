/**
 * The pages end to end, in a real browser: Debian's Chromium driven by playwright-core against
 * `duixian serve` on a fresh embedded database. The path a bureau takes: sign in with the first
 * start's one-time password and change it, import the demo file, run 2023, open an explanation,
 * export the 公示 list and read it back, ask the policy calculator. Then the other roles: an
 * enterprise user sees its own pages and result only, an auditor reads without the controls that
 * write. Every page visited is checked at 1366×768 for horizontal scrolling and its screenshot
 * saved under test-output/screenshots (not committed).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** An amount as the pages show it (4,208.33万元, 1.65亿元, 8,000.00元) in yuan, for ordering: the display rounds, its order holds. */
const shownYuan = (s: string): number => {
  const m = /^(-?[\d,]+\.\d\d)(亿|万)?元$/.exec(s);
  if (!m) throw new Error(`not an amount as the pages show it: ${s}`);
  return Number(m[1]!.replace(/,/g, '')) * (m[2] === '亿' ? 1e8 : m[2] === '万' ? 1e4 : 1);
};
const compareShown = (a: string, b: string): number => shownYuan(a) - shownYuan(b);
import { SHOTS, signedIn, visited, VIEWPORT } from './browser';

const ROOT = new URL('../../../', import.meta.url).pathname;
const CLI = join(ROOT, 'packages/cli/bin/duixian.js');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const NEW_PASSWORD = 'bureau password 2024';

let server: ChildProcess;
let browser: Browser;
let page: Page;
let base: string;
let otp: string;
const requested: string[] = []; // every URL the first page asked for, in order
const dir = mkdtempSync(join(tmpdir(), 'duixian-e2e-'));
const demo = join(dir, 'demo.json');

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

/** A signed-in API session from outside the browser: the cookie and CSRF token the pages would hold. */
async function apiSession(username: string, password: string) {
  const r = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!r.ok) throw new Error(`sign-in as ${username}: ${r.status} ${await r.text()}`);
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrf } = (await r.json()) as { csrf: string };
  return async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const a = await fetch(`${base}${path}`, { method, headers: { cookie, 'x-csrf-token': csrf, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    if (!a.ok) throw new Error(`${method} ${path}: ${a.status} ${await a.text()}`);
    return (await a.json()) as T;
  };
}

/**
 * An account made by the province administrator through the API, its one-time password changed at
 * once as the first sign-in requires (the form for that is driven above); returns its password.
 */
async function newAccount(body: { username: string; role: string; region?: string; uscc?: string }): Promise<string> {
  const admin = await apiSession('admin', NEW_PASSWORD);
  const { oneTimePassword } = await admin<{ oneTimePassword: string }>('POST', '/api/accounts', body);
  const password = `${body.username} password 2024`;
  await (await apiSession(body.username, oneTimePassword))('POST', '/api/session/password', { oldPassword: oneTimePassword, newPassword: password });
  return password;
}

const menu = (p: Page) => p.getByRole('menuitem').allTextContents();
/** A table's rows of data: an empty or loading table has a placeholder row, which this leaves out. */
const rowsOf = (testId: string, p: Page = page) => p.getByTestId(testId).locator('tbody tr.ant-table-row');
const selectedMenu = (p: Page) => p.locator('.ant-menu-item-selected').textContent();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: run scripts/chromium.sh (installs Debian's chromium)`);
  if (!existsSync(join(ROOT, 'packages/web/dist/index.html'))) throw new Error('the pages are not built: npm run build');
  mkdirSync(SHOTS, { recursive: true });
  execFileSync(process.execPath, [CLI, 'demo', '--enterprises', '300', '--out', demo], { stdio: 'ignore' });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _, ...env } = process.env;
  server = spawn(process.execPath, [CLI, 'serve'], { env: { ...env, PORT: String(port), DUIXIAN_DATA_DIR: join(dir, 'data'), DUIXIAN_LOG: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  otp = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    server.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
    server.stderr!.setEncoding('utf8').on('data', (c: string) => {
      err += c;
      if (err.includes('duixian API on')) resolve(/one-time password: (\S+)/.exec(out)![1]!);
    });
    server.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', acceptDownloads: true });
  page = await context.newPage();
  page.setDefaultTimeout(60_000); // the e2e shares the machine with the rest of the suite
  page.on('request', (r) => void requested.push(r.url()));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
});

describe('the pages, as a province administrator', { timeout: 180_000 }, () => {
  it('signs in with the one-time password and must change it first', async () => {
    await page.goto(base);
    await page.getByLabel('用户名').waitFor();
    await visited(page, '00-sign-in');
    // each page is its own chunk: signing in loads no page, and no chart
    const scripts = requested.filter((u) => u.endsWith('.js')).map((u) => new URL(u).pathname);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((u) => /\/(echarts|Targets|Simulate|chart)-/.test(u))).toEqual([]);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('wrong password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('用户名或密码不正确');
    await page.getByLabel('密码').fill(otp);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('首次登录：请修改密码').waitFor();
    await visited(page, '01-change-password');
    await page.getByLabel('一次性密码').fill(otp);
    await page.getByLabel('新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByTestId('who').waitFor();
    expect(await page.getByTestId('who').textContent()).toContain('admin · 省级管理员');
  });

  it('政策库: an article beside its rules, the figures linked to the rule', async () => {
    await page.getByRole('menuitem', { name: '政策库' }).click();
    const cite = page.locator('a.cite', { hasText: '1亿元以上企业' }).first();
    await cite.waitFor();
    expect(await cite.getAttribute('href')).toBe('#rule-sd-2022-42/2.traffic');
    await visited(page, '02-library');
    // at 1366 px the five documents and 解释口径 all fit: antd hides its overflow menu ("…") when nothing overflows
    expect(await page.locator('.ant-tabs-nav-operations').first().getAttribute('class')).toContain('ant-tabs-nav-operations-hidden');
    await page.getByRole('tab', { name: '解释口径' }).click();
    await page.getByTestId('readings').locator('tr[data-row-key]').first().waitFor();
  });

  it('数据: the demo file is checked first, then imported', async () => {
    await page.getByRole('menuitem', { name: '数据' }).click();
    await page.locator('input[type=file]').setInputFiles(demo);
    await page.getByTestId('import-checked').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-checked').textContent()).toMatch(/检查通过，尚未写入：2023 年度，主体 \d+ 个/);
    await page.getByPlaceholder(/导入原因/).fill('演示数据');
    await page.getByTestId('commit-import').click();
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-done').textContent()).toMatch(/已导入（第 1 次导入）/);
    await rowsOf('subjects').first().waitFor();
    await visited(page, '03-data');
  });

  it('评审: runs 2023, opens an explanation, exports the 公示 list and reads it back', async () => {
    await page.getByRole('menuitem', { name: '评审' }).click();
    await page.getByTestId('start-run').click();
    await page.getByTestId('confirm-run').click(); // a run is kept for good: the page asks first
    await rowsOf('awards').first().waitFor({ timeout: 60_000 });
    const rows = rowsOf('awards');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rowsOf('totals-funder').filter({ hasText: '山东省' }).textContent()).toMatch(/^山东省[\d,]+\.\d\d[万亿]?元$/);
    // a money award's explanation (the list starts with 东营's titles and recommendations, whose summary is the title)
    await rows.filter({ hasText: '资金' }).first().getByRole('button', { name: '依据' }).click();
    await page.getByTestId('explanation-summary').waitFor();
    expect(await page.getByTestId('explanation-summary').textContent()).toMatch(/给予|金额/);
    await visited(page, '04-explanation');
    await page.keyboard.press('Escape');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('公示名单')!;
    expect(sheet.getRow(3).values).toEqual([undefined, '文件', '文号', '条款', '奖励项目', '主体名称', '统一社会信用代码', '所在地区', '依据指标', '奖励类型', '金额（元）', '资金来源']);
    expect(sheet.rowCount).toBeGreaterThan(3);
    await visited(page, '05-review');
  });

  it('评审: the award list sorts by amount on the server and pages past the first page', async () => {
    const awards = page.getByTestId('awards');
    const amounts = async () => (await rowsOf('awards').locator('td:nth-child(4)').allTextContents()).map((v) => v.replace('最高 ', ''));
    const sorted = page.waitForResponse((r) => r.url().includes('/awards?') && r.url().includes('sort=amount'));
    await awards.getByRole('columnheader', { name: '金额', exact: true }).click();
    await sorted;
    await rowsOf('awards').first().waitFor(); // the rows of the answer: the table empties while it waits
    const up = (await amounts()).filter((v) => v !== '—');
    expect(up.length).toBeGreaterThan(1);
    expect(up).toEqual([...up].sort(compareShown));
    // page 2 of the same order, not page 1 again
    const second = page.waitForResponse((r) => r.url().includes('/awards?') && r.url().includes('page=2') && r.url().includes('sort=amount'));
    const pages = page.locator('.ant-table-wrapper', { has: awards }); // the pagination sits beside the table, not in it
    await pages.locator('.ant-pagination-item-2').click();
    await second;
    await rowsOf('awards').first().waitFor(); // the rows of the answer: the table empties while it waits
    expect(await pages.locator('.ant-pagination-item-active').textContent()).toBe('2');
    const next = (await amounts()).filter((v) => v !== '—');
    if (next.length) expect(compareShown(next[0]!, up.at(-1)!)).toBeGreaterThanOrEqual(0);
    await page.getByRole('tab', { name: /暂缓/ }).click();
    await rowsOf('withheld').first().waitFor();
    expect(await rowsOf('withheld').count()).toBeGreaterThan(0);
    await visited(page, '05b-review-withheld');
    await page.getByRole('tab', { name: /奖励名单/ }).click();
  });

  it('政策计算器: every rule that could apply to an enterprise, with amounts or gaps', async () => {
    await page.getByRole('menuitem', { name: '政策计算器' }).click();
    await page.getByTestId('subject-picker').locator('input').fill('P-SD-TRAFFIC-1');
    await page.locator('.ant-select-item-option').first().click();
    await rowsOf('matches').first().waitFor({ timeout: 60_000 });
    expect(Number(await page.getByTestId('eligible-count').textContent())).toBeGreaterThan(0);
    await visited(page, '06-calculator');
  });

  it('政策计算器 for a described enterprise: 8,800万元 is 1,200万元 short of the province\'s traffic subsidy', async () => {
    await page.getByRole('tab', { name: '填写企业情况' }).click();
    await page.getByTestId('profile-region').click();
    await page.getByRole('menuitemcheckbox', { name: '济宁市' }).click();
    await page.getByRole('menuitemcheckbox', { name: '任城区' }).click();
    await page.getByTestId('profile-value-0').fill('8800万元');
    await page.getByTestId('profile-submit').click();
    const gap = page.getByText('实物商品网络零售额 8,800万元 < 1亿元（以上，含本数），还差 1,200万元 达到 1亿元');
    await gap.first().waitFor();
    await visited(page, '06b-calculator-profile');
  });

  it('政策模拟: a changed per-unit pay, run as a simulation and compared with the official run', async () => {
    await page.getByRole('menuitem', { name: '政策模拟' }).click();
    const choose = async (testId: string, text: string) => {
      await page.getByTestId(testId).click();
      await page.keyboard.type(text);
      await page.keyboard.press('Enter'); // the first option that matches
    };
    await page.getByTestId('base-run').getByText(/测算 \d+/).waitFor();
    await choose('change-rule-0', '电商龙头企业流量补贴'); // sd-2022-42/2.traffic, by its title
    await choose('change-key-0', '单位奖励'); // pay
    await page.getByTestId('change-value-0').fill('3元');
    await page.getByTestId('run-simulation').click();
    await page.getByTestId('sim-chart').locator('canvas').waitFor({ timeout: 60_000 });
    // one and a half times the pay: the traffic subsidies grow (the pool may scale them back)
    expect(await page.getByTestId('sim-delta').textContent()).not.toMatch(/^-|^0\.00元$/);
    expect(await rowsOf('gainers').count()).toBeGreaterThan(0);
    await visited(page, '07-simulation');
  });

  it('目标监测: targets, the map of Shandong, the quarterly city report', async () => {
    await page.getByRole('menuitem', { name: '目标监测' }).click();
    await page.getByTestId('targets-map').locator('canvas').waitFor();
    await rowsOf('city-report').nth(15).waitFor();
    expect(await rowsOf('city-report').count()).toBe(16);
    expect(await rowsOf('targets').count()).toBeGreaterThan(0);
    await visited(page, '08-targets');
  });

  it('账户 and role: a county administrator made here sees its county only', async () => {
    await page.getByRole('menuitem', { name: '账户' }).click();
    await page.getByTestId('new-username').fill('rencheng');
    await page.getByTestId('new-region').click(); // a 市 → 县 cascader, picked by name
    await page.locator('.ant-cascader-menu-item').filter({ hasText: '济宁市' }).click();
    await page.locator('.ant-cascader-menu-item').filter({ hasText: '任城区' }).click();
    await page.getByTestId('create-account').click();
    await page.getByTestId('one-time-password').waitFor();
    const password = (await page.getByTestId('one-time-password').locator('code').textContent())!;
    await visited(page, '09-accounts');
    await page.getByRole('button', { name: '退出登录' }).click();
    // the accounts form has a 用户名 field too: wait until the sign-in form has replaced the page
    await page.getByRole('button', { name: '登录', exact: true }).waitFor();
    await page.getByLabel('用户名').fill('rencheng');
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    // wait for either outcome, and say which
    const changeForm = page.getByText('首次登录：请修改密码');
    await Promise.race([changeForm.waitFor(), page.getByRole('alert').waitFor()]);
    if (!(await changeForm.isVisible())) throw new Error(`sign-in as rencheng failed: ${await page.getByRole('alert').textContent()}`);
    await page.getByLabel('一次性密码').fill(password);
    await page.getByLabel('新密码').fill('county password 2024');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByTestId('who').waitFor();
    await expect.poll(() => page.getByTestId('who').textContent()).toContain('rencheng · 县级管理员 · 济宁市任城区'); // the jurisdiction by its name, once the names have come
    await page.getByRole('menuitem', { name: '数据' }).click();
    const rows = rowsOf('subjects');
    await rows.first().locator('td').nth(3).waitFor();
    const regions = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[3]?.textContent ?? ''));
    expect(regions.length).toBeGreaterThan(0);
    expect(new Set(regions)).toEqual(new Set(['济宁市任城区'])); // 370811
    await visited(page, '10-county-data');
  });

  it('English on a switch', async () => {
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('menuitem', { name: 'What can I get' }).waitFor();
    await page.getByText('中文', { exact: true }).click();
  });
});

describe('the pages, as an enterprise user', { timeout: 180_000 }, () => {
  let own: { name: string; uscc: string };
  let context: BrowserContext;
  let p: Page;
  afterAll(() => context?.close());

  it('signs in and sees 政策库 and 政策计算器 only, with its own enterprise\'s result', async () => {
    const admin = await apiSession('admin', NEW_PASSWORD);
    const found = await admin<{ items: { name: string; uscc: string }[] }>('GET', '/api/subjects?q=P-SD-TRAFFIC-1');
    own = found.items[0]!;
    const password = await newAccount({ username: 'traffic1', role: 'enterprise', uscc: own.uscc });
    ({ context, page: p } = await signedIn(browser, base, 'traffic1', password));
    expect(await p.getByTestId('who').textContent()).toContain('traffic1 · 企业用户');
    expect(await menu(p)).toEqual(['政策库', '政策计算器', '申报', '公示', '齐鲁电商贷']);
    // the calculator is an enterprise user's first page, on its own enterprise
    await p.getByText(`${own.name}（${own.uscc}）`).waitFor();
    await rowsOf('matches', p).first().waitFor();
    expect(Number(await p.getByTestId('eligible-count').textContent())).toBeGreaterThan(0);
    expect(await p.getByTestId('subject-picker').count()).toBe(0);
    await visited(p, '11-enterprise-calculator');
  });

  it('政策库: a cited figure scrolls to its rule and stays on the page', async () => {
    await p.getByRole('menuitem', { name: '政策库' }).click();
    const cite = p.locator('a.cite', { hasText: '1亿元以上企业' }).first();
    await cite.click();
    await p.locator('[id="rule-sd-2022-42/2.traffic"]').waitFor();
    expect(await selectedMenu(p)).toBe('政策库');
    await visited(p, '12-enterprise-library');
  });

  it('cannot reach the administrators\' pages by the URL\'s hash, nor their data through the API', async () => {
    for (const hash of ['#/review', '#/data', '#/simulate', '#/targets', '#/accounts']) {
      await p.getByRole('menuitem', { name: '政策库' }).click();
      await p.locator('a.cite').first().waitFor();
      await p.evaluate((h) => (location.hash = h), hash);
      await rowsOf('matches', p).first().waitFor();
      expect(await selectedMenu(p), hash).toBe('政策计算器');
      for (const testId of ['runs', 'subjects', 'run-simulation', 'targets', 'accounts']) expect(await p.getByTestId(testId).count(), `${hash} ${testId}`).toBe(0);
    }
    await visited(p, '13-enterprise-admin-hash');
    const status = (path: string) => p.evaluate((u) => fetch(u).then((r) => r.status), path);
    expect(await status('/api/runs')).toBe(403);
    expect(await status('/api/accounts')).toBe(403);
    const subjects = await p.evaluate(() => fetch('/api/subjects').then((r) => r.json()));
    expect(subjects.items.map((s: { uscc: string }) => s.uscc)).toEqual([own.uscc]);
  });
});

describe('the pages, as an auditor', { timeout: 180_000 }, () => {
  let context: BrowserContext;
  let p: Page;
  afterAll(() => context?.close());

  it('signs in and sees the readers\' pages, without 政策模拟', async () => {
    const password = await newAccount({ username: 'jining-audit', role: 'auditor', region: '370800' });
    ({ context, page: p } = await signedIn(browser, base, 'jining-audit', password));
    await expect.poll(() => p.getByTestId('who').textContent()).toContain('jining-audit · 审计人员 · 济宁市');
    expect(await menu(p)).toEqual(['政策库', '数据', '评审', '目标监测', '政策计算器', '审核', '公示', '预算与拨付', '名单管理', '齐鲁电商贷', '任务督办', '账户']);
    await p.locator('a.cite').first().waitFor();
    await visited(p, '14-auditor-library');
  });

  it('评审: reads the runs and its city\'s awards, and cannot start a run', async () => {
    await p.getByRole('menuitem', { name: '评审' }).click();
    await rowsOf('runs', p).first().waitFor();
    expect(await p.getByTestId('start-run').count()).toBe(0);
    await rowsOf('runs', p).filter({ hasText: '正式' }).first().click();
    await rowsOf('awards', p).first().waitFor();
    // the totals by city: Jining's only
    await rowsOf('totals-city', p).first().waitFor();
    const cities = await rowsOf('totals-city', p).locator('td:first-child').allTextContents();
    expect(cities).toEqual(['济宁市']); // 370800
    await visited(p, '15-auditor-review');
  });

  it('数据, 目标监测, 账户: read, with no import, commit or new account', async () => {
    await p.getByRole('menuitem', { name: '数据' }).click();
    await rowsOf('subjects', p).first().waitFor();
    await p.getByTestId('imports').waitFor();
    expect(await p.getByTestId('dropzone').count()).toBe(0);
    expect(await p.getByTestId('commit-import').count()).toBe(0);
    await visited(p, '16-auditor-data');
    await p.getByRole('menuitem', { name: '目标监测' }).click();
    await p.getByTestId('targets-map').locator('canvas').waitFor();
    await rowsOf('city-report', p).first().waitFor();
    await visited(p, '17-auditor-targets');
    await p.getByRole('menuitem', { name: '账户' }).click();
    await rowsOf('accounts', p).first().waitFor();
    expect(await p.getByTestId('create-account').count()).toBe(0);
    expect(await rowsOf('accounts', p).filter({ hasText: 'jining-audit' }).count()).toBe(1);
    await visited(p, '18-auditor-accounts');
    await p.getByRole('menuitem', { name: '政策计算器' }).click();
    await p.getByTestId('subject-picker').waitFor();
    await visited(p, '19-auditor-calculator');
  });

  it('政策模拟 by the URL\'s hash: the first page instead, with nothing to run', async () => {
    await p.evaluate(() => (location.hash = '#/simulate'));
    await p.locator('a.cite').first().waitFor();
    expect(await selectedMenu(p)).toBe('政策库');
    expect(await p.getByTestId('run-simulation').count()).toBe(0);
  });
});
