/**
 * The pages end to end, in a real browser: Debian's Chromium driven by playwright-core against
 * `duixian serve` on a fresh embedded database. The path a bureau takes: sign in with the first
 * start's one-time password and change it, import the demo file, run 2023, open an explanation,
 * export the 公示 list and read it back, ask the policy calculator. A screenshot of every page is
 * saved under test-output/screenshots (not committed).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;
const CLI = join(ROOT, 'packages/cli/bin/duixian.js');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = join(ROOT, 'test-output/screenshots');
const NEW_PASSWORD = 'bureau password 2024';

let server: ChildProcess;
let browser: Browser;
let page: Page;
let base: string;
let otp: string;
const dir = mkdtempSync(join(tmpdir(), 'duixian-e2e-'));
const demo = join(dir, 'demo.json');

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

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
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true });
  page = await context.newPage();
  page.setDefaultTimeout(60_000); // the e2e shares the machine with the rest of the suite
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
    await shot('00-sign-in');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('wrong password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('用户名或密码不正确');
    await page.getByLabel('密码').fill(otp);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('首次登录：请修改密码').waitFor();
    await shot('01-change-password');
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
    await shot('02-library');
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
    await page.getByTestId('subjects').locator('tbody tr').first().waitFor();
    await shot('03-data');
  });

  it('评审: runs 2023, opens an explanation, exports the 公示 list and reads it back', async () => {
    await page.getByRole('menuitem', { name: '评审' }).click();
    await page.getByTestId('start-run').click();
    await page.getByTestId('awards').locator('tbody tr td').first().waitFor({ timeout: 60_000 });
    const rows = page.getByTestId('awards').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await page.getByTestId('totals-funder').textContent()).toMatch(/370000: \d+\.\d\d/);
    await rows.first().getByRole('button', { name: '依据' }).click();
    await page.getByTestId('explanation-summary').waitFor();
    expect(await page.getByTestId('explanation-summary').textContent()).toMatch(/给予|金额/);
    await shot('04-explanation');
    await page.keyboard.press('Escape');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('公示名单')!;
    expect(sheet.getRow(3).values).toEqual([undefined, '文件', '文号', '条款', '奖励项目', '主体名称', '统一社会信用代码', '所在地区', '依据指标', '奖励类型', '金额（元）', '资金来源']);
    expect(sheet.rowCount).toBeGreaterThan(3);
    await shot('05-review');
  });

  it('政策计算器: every rule that could apply to an enterprise, with amounts or gaps', async () => {
    await page.getByRole('menuitem', { name: '政策计算器' }).click();
    await page.getByTestId('subject-picker').locator('input').fill('P-SD-TRAFFIC-1');
    await page.locator('.ant-select-item-option').first().click();
    await page.getByTestId('matches').locator('tbody tr td').first().waitFor({ timeout: 60_000 });
    expect(Number(await page.getByTestId('eligible-count').textContent())).toBeGreaterThan(0);
    await shot('06-calculator');
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
    await shot('06b-calculator-profile');
  });

  it('政策模拟: a changed per-unit pay, run as a simulation and compared with the official run', async () => {
    await page.getByRole('menuitem', { name: '政策模拟' }).click();
    const choose = async (testId: string, text: string) => {
      await page.getByTestId(testId).click();
      await page.keyboard.type(text);
      await page.keyboard.press('Enter'); // the first option that matches
    };
    await page.getByTestId('base-run').getByText(/测算 \d+/).waitFor();
    await choose('change-rule-0', 'sd-2022-42/2.traffic');
    await choose('change-key-0', 'pay');
    await page.getByTestId('change-value-0').fill('3元');
    await page.getByTestId('run-simulation').click();
    await page.getByTestId('sim-chart').locator('canvas').waitFor({ timeout: 60_000 });
    // one and a half times the pay: the traffic subsidies grow (the pool may scale them back)
    expect(await page.getByTestId('sim-delta').textContent()).not.toMatch(/^-|^0\.00$/);
    expect(await page.getByTestId('gainers').locator('tbody tr').count()).toBeGreaterThan(0);
    await shot('07-simulation');
  });

  it('目标监测: targets, the map of Shandong, the quarterly city report', async () => {
    await page.getByRole('menuitem', { name: '目标监测' }).click();
    await page.getByTestId('targets-map').locator('canvas').waitFor();
    await page.getByTestId('city-report').locator('tbody tr').nth(15).waitFor();
    expect(await page.getByTestId('city-report').locator('tbody tr').count()).toBe(16);
    expect(await page.getByTestId('targets').locator('tbody tr').count()).toBeGreaterThan(0);
    await shot('08-targets');
  });

  it('账户 and role: a county administrator made here sees its county only', async () => {
    await page.getByRole('menuitem', { name: '账户' }).click();
    await page.getByTestId('new-username').fill('rencheng');
    await page.getByTestId('new-region').fill('370811');
    await page.getByTestId('create-account').click();
    await page.getByTestId('one-time-password').waitFor();
    const password = (await page.getByTestId('one-time-password').locator('code').textContent())!;
    await shot('09-accounts');
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
    expect(await page.getByTestId('who').textContent()).toContain('rencheng · 县级管理员 · 370811');
    await page.getByRole('menuitem', { name: '数据' }).click();
    const rows = page.getByTestId('subjects').locator('tbody tr');
    await rows.first().locator('td').nth(3).waitFor();
    const regions = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[3]?.textContent ?? ''));
    expect(regions.length).toBeGreaterThan(0);
    expect(new Set(regions)).toEqual(new Set(['370811']));
    await shot('10-county-data');
  });

  it('English on a switch', async () => {
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('menuitem', { name: 'What can I get' }).waitFor();
    await page.getByText('中文', { exact: true }).click();
  });
});
