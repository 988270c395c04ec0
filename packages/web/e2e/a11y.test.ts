/**
 * Every page of the menu, as each role sees it, at the desk (1366×768) and on a phone (390×844),
 * looks right (checks.ts): no sideways scrolling, no covered button, no placeholder-only field, no
 * internal word in the visible text, no serious or critical axe-core violation (issue 16, points 7
 * and 9). And the keyboard alone signs in and asks the calculator (point 9). The world is the demo
 * (300 enterprises) with the official 2023 run, so that the pages have rows to show.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN } from '@duixian/corpus';
import { readObject } from '@duixian/interchange';
import { importDataset } from '@duixian/store';
import { generateDemo } from '../../cli/src/demo/generate';
import { serializeDemo } from '../../cli/src/demo/write';
import { startWorld, WORLD_PASSWORD, type AccountSeed, type World } from './app';
import { lookAt } from './checks';

let world: World;

const demo = JSON.parse(serializeDemo(generateDemo({ enterprises: 300 }))) as { subjects: { id: string; kind: string; region: string; uscc?: string }[] };
/** An enterprise of 济阳区 (the demo's busiest county), with its credit code: the enterprise user's. */
const enterprise = demo.subjects.find((s) => s.kind === 'enterprise' && s.region === '370115' && s.uscc)!;

const ROLES: readonly AccountSeed[] = [
  ['sd-admin', 'province-admin', { region: '370000' }],
  ['jiyang-admin', 'county-admin', { region: '370115' }],
  ['jinan-audit', 'auditor', { region: '370100' }],
  ['ent-user', 'enterprise', { uscc: enterprise.uscc! }],
  ['bank-user', 'bank', { region: '370000', bank: '齐鲁银行' }],
];

beforeAll(async () => {
  // the demo imported whole, as `duixian import` would (its zones, such as 济南高新区, are the corpus's regions)
  world = await startWorld({ subjects: [], accounts: ROLES });
  const data = readObject(demo, KNOWN);
  if (!data.ok) throw new Error(JSON.stringify(data.problems.slice(0, 3)));
  await importDataset(world.store, data.dataset, { by: 'e2e' });
  await world.asUser('sd-admin', 'POST', '/api/runs', { year: 2023 });
}, 300_000);
afterAll(async () => world?.close());

/** The names of the menu's pages; on a phone the menu is behind the header's ☰. */
async function menuOf(p: Page, phone: boolean): Promise<string[]> {
  if (phone) await p.getByTestId('menu-button').click();
  const names = await p.getByRole('menuitem').allTextContents();
  if (phone) await p.keyboard.press('Escape');
  return names;
}

/** Opens a page from the menu and waits until nothing on it is loading any more. */
async function open(p: Page, name: string, phone: boolean): Promise<void> {
  if (phone) await p.getByTestId('menu-button').click();
  await p.getByRole('menuitem', { name, exact: true }).click();
  await p.waitForFunction(() => !document.querySelector('[data-testid="page-loading"], .ant-spin-spinning, .ant-skeleton-active'));
}

describe('every page, as each role, at both sizes', { timeout: 600_000 }, () => {
  for (const size of ['desk', 'phone'] as const) {
    for (const [username, role] of ROLES) {
      it(`${role} (${username}) at the ${size}`, async () => {
        const p = await world.signedIn(username, size);
        const found: Record<string, string[]> = {};
        for (const name of await menuOf(p, size === 'phone')) {
          await open(p, name, size === 'phone');
          const problems = await lookAt(p, `a11y-${size}-${role}-${name}`);
          if (problems.length) found[name] = problems;
        }
        await p.context().close();
        expect(found).toEqual({});
      });
    }
  }
});

/**
 * Tabs through the page from its top: the controls reached, each named by its label, in the order
 * reached, and the page's focusable controls in document order (what Tab should reach, in that order).
 */
async function tabbing(p: Page, presses: number): Promise<{ reached: string[]; controls: string[] }> {
  const nameOf = () => p.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    return e ? e.getAttribute('aria-label') || e.id || e.textContent?.trim().slice(0, 20) || e.tagName : '';
  });
  const controls = await p.evaluate(() => [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')]
    // a radio group is one stop (its checked option, drawn by antd over a hidden input)
    .filter((e) => e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled && e.checkVisibility({ visibilityProperty: true })
      && (e instanceof HTMLInputElement && e.type === 'radio' ? e.checked : e.getBoundingClientRect().width > 0))
    .map((e) => e.getAttribute('aria-label') || e.id || e.textContent?.trim().slice(0, 20) || e.tagName));
  await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const reached: string[] = [];
  for (let i = 0; i < presses; i++) {
    await p.keyboard.press('Tab');
    reached.push(await nameOf());
  }
  return { reached, controls };
}

describe('the keyboard alone', { timeout: 120_000 }, () => {
  it('signs in: Tab reaches 用户名, 密码 and 登录 in order, Enter submits', async () => {
    const context = await world.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const p = await context.newPage();
    p.setDefaultTimeout(60_000);
    await p.goto(world.base);
    await p.getByLabel('用户名').waitFor();
    const focused = () => p.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id ?? '');
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      await p.keyboard.press('Tab');
      order.push(await focused());
    }
    expect(order.filter((f) => ['username', 'password'].includes(f))).toEqual(['username', 'password']);
    await p.getByLabel('用户名').focus();
    await p.keyboard.type('ent-user');
    await p.keyboard.press('Tab');
    await p.keyboard.type(WORLD_PASSWORD);
    await p.keyboard.press('Enter');
    await p.getByTestId('who').waitFor();
    await context.close();
  });

  it('asks the calculator: Tab reaches every control in order, a year typed asks again', async () => {
    const p = await world.signedIn('ent-user');
    await p.getByTestId('matches').locator('tr.ant-table-row').first().waitFor();
    const { reached, controls } = await tabbing(p, 12);
    expect(reached).toEqual(controls.slice(0, 12));
    expect(reached).toContain('calculator-year');
    await p.getByLabel('年度').focus();
    const asked = p.waitForRequest((r) => r.url().includes('/match?year=2022'));
    await p.keyboard.press('ControlOrMeta+A');
    await p.keyboard.type('2022');
    await asked;
    await p.context().close();
  });
});
