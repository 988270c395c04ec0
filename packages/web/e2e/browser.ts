/**
 * What the end-to-end tests share (not a test file): a browser of one's own, signed in through the
 * form; and a page as seen — at 1366×768 its layout does not scroll sideways, and its screenshot
 * is saved under test-output/screenshots (not committed).
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;
export const SHOTS = join(ROOT, 'test-output/screenshots');
export const VIEWPORT = { width: 1366, height: 768 }; // the common office laptop screen
export const PHONE = { width: 390, height: 844 }; // a common phone, held upright

/** The page checked for sideways scrolling at its own viewport's width, and its screenshot saved as `name`.png. */
export async function visited(p: Page, name: string): Promise<void> {
  const width = await p.evaluate(() => document.documentElement.scrollWidth);
  const viewport = p.viewportSize()?.width ?? VIEWPORT.width;
  await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  expect(width, `${name} scrolls sideways at ${viewport} px`).toBeLessThanOrEqual(viewport);
}

/** A new browser context (no cookies shared) at the viewport (the desk's unless given), signed in through the form as `username`. */
export async function signedIn(browser: Browser, base: string, username: string, password: string, viewport = VIEWPORT): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000); // the e2e shares the machine with the rest of the suite
  await page.goto(base);
  await page.getByRole('button', { name: '登录', exact: true }).waitFor();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByTestId('who').waitFor();
  return { context, page };
}

/**
 * Press Tab until the focused element's name (its test id, else its id) matches `wanted`, at most
 * `presses` times; the name reached. The keyboard-alone tests walk a page with it; when the wanted
 * control is never reached, the message lists what Tab went through instead (a trap shows as one name).
 */
export async function tabTo(p: Page, wanted: RegExp, presses = 60): Promise<string> {
  const seen: string[] = [];
  for (let i = 0; i < presses; i++) {
    await p.keyboard.press('Tab');
    const name = await p.evaluate(() => {
      const e = document.activeElement;
      return e?.getAttribute('data-testid') || e?.id || `(${e?.tagName ?? ''} ${e?.getAttribute('aria-label') ?? e?.textContent?.trim().slice(0, 12) ?? ''})`;
    });
    if (wanted.test(name)) return name;
    seen.push(name);
  }
  throw new Error(`${presses} presses of Tab never reached ${wanted}: ${[...new Set(seen)].slice(0, 40).join(', ')}`);
}
