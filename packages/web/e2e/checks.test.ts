/**
 * The checker every e2e test uses (checks.ts), tried on tiny static pages in Chromium: it must fail
 * each kind of problem it claims to find, and pass a clean page — a checker that never fails checks nothing.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS } from './browser';
import { internalWords, looksRight, problemsOf } from './checks';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: run scripts/chromium.sh`);
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 120_000);
afterAll(async () => browser?.close());

/** A page of `body` (in a Chinese document) at 390×844. */
async function pageOf(body: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.setContent(`<!doctype html><html lang="zh-CN"><head><title>检查</title></head><body style="margin:0"><main><h1>申报</h1>${body}</main></body></html>`);
  return page;
}

const CLEAN = '<p>济南市历城区 · 电商平台流量补贴 4,208.33万元</p><label for="u">用户名</label><input id="u"><button type="button">登录</button>';

describe('looksRight', { timeout: 120_000 }, () => {
  it('passes a clean page and saves its screenshot', async () => {
    const page = await pageOf(CLEAN);
    await looksRight(page, 'checks-clean');
    expect(existsSync(`${SHOTS}/checks-clean.png`)).toBe(true);
    await page.close();
  });

  it('fails a covered button, naming it and what covers it', async () => {
    const page = await pageOf(`${CLEAN}<button type="button" style="position:absolute;top:200px;left:20px">提交</button>
      <div style="position:absolute;top:190px;left:0;width:300px;height:60px;background:#eee">横幅</div>`);
    const problems = await problemsOf(page);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toBe('the button <button> "提交" at (41, 213) is covered by <div> "横幅"');
    await expect(looksRight(page, 'checks-covered')).rejects.toThrow(/covered/);
    await page.close();
  });

  it('skips a button behind an open dialog and one scrolled out of its own box', async () => {
    const page = await pageOf(`${CLEAN}<div style="width:200px;overflow-x:auto"><div style="width:900px"><button type="button" style="margin-left:250px">编辑</button></div></div>
      <div class="ant-modal-root"><div style="position:fixed;inset:0;background:rgba(0,0,0,.45)"></div></div>`);
    expect(await problemsOf(page)).toEqual([]);
    await page.close();
  });

  it('fails sideways scrolling at the viewport width', async () => {
    const page = await pageOf(`${CLEAN}<div class="wide" style="width:500px">宽表格</div>`);
    expect(await problemsOf(page)).toEqual(['the page scrolls sideways: 500 px wide in a 390 px window, past its edge: <div class="wide"> to 500 px']);
    await page.close();
  });

  it('fails internal words and English lines in the visible text, not in hidden text', async () => {
    const page = await pageOf(`${CLEAN}<p>按 I-pool 分配</p><p style="display:none">sd-2022-42/2.traffic</p>`);
    expect(await problemsOf(page)).toEqual(['a reading id "I-p" in the visible text: "按 I-pool 分配"']);
    await page.close();
  });

  it('fails a field named only by its placeholder', async () => {
    const page = await pageOf(`${CLEAN}<input id="amount" placeholder="金额"><input placeholder="年度" aria-label="申报年度">`);
    expect(await problemsOf(page)).toEqual(['the field "金额" (#amount) is named only by its placeholder: give it a label']);
    await page.close();
  });

  it('fails a field without any name (axe, critical)', async () => {
    const page = await pageOf(`${CLEAN}<input name="amount">`);
    const problems = await problemsOf(page);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^axe critical label \(.*\): input\[name="amount"\] <input name="amount">$/);
    await page.close();
  });
});

describe('internalWords', () => {
  it('names each internal word with its line', () => {
    expect(internalWords('申报\nME trainedHireInsuredMonths@2023 缺失\n依据 sd-2022-42/2.traffic\n来源 (policy-catalogue)')).toEqual([
      'a fact\'s year in the engine\'s notation "@2023" in the visible text: "ME trainedHireInsuredMonths@2023 缺失"',
      'a camelCase identifier "trainedHireInsuredMonths" in the visible text: "ME trainedHireInsuredMonths@2023 缺失"',
      'a rule id "sd-2022-42/2" in the visible text: "依据 sd-2022-42/2.traffic"',
      'a source name "policy-catalogue" in the visible text: "来源 (policy-catalogue)"',
    ]);
  });

  it('finds an English sentence of four words on a Chinese page, not three, not on an English page', () => {
    expect(internalWords('申报\nthe year is missing')).toEqual(['English "the year is missing" on a Chinese page: "the year is missing"']);
    expect(internalWords('申报\nPDF USCC EN')).toEqual([]);
    expect(internalWords('Apply\nthe year is missing')).toEqual([]);
  });

  it('lets a page allow a legitimate text', () => {
    expect(internalWords('联系 kefu@2024mail.cn', [/kefu@2024mail\.cn/])).toEqual([]);
    expect(internalWords('联系 kefu@2024mail.cn')).toHaveLength(1);
  });
});
