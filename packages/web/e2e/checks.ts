/**
 * What every end-to-end test checks on every page it shows (issue 16, points 3, 7 and 9): a page
 * "looks right" when, at the width of its own viewport (1366 px or a 390 px phone),
 *  - the document does not scroll sideways,
 *  - no visible, enabled button is covered by something else (a header, a fixed bar, a neighbour),
 *  - no field is named only by its placeholder (axe counts a placeholder as a name; people lose it once they type),
 *  - its visible text carries no internal words: reading ids (I-pool), fact years (@2023), rule ids
 *    (sd-2022-42/2.traffic), 'policy-catalogue', camelCase identifiers, English sentences on a Chinese page,
 *  - axe-core finds no serious or critical WCAG 2 A/AA violation,
 * and its screenshot is saved under test-output/screenshots/<name>.png. Each problem names what and
 * where, so a failing test says which button, which line, which element.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { SHOTS } from './browser';

/** axe-core's source, evaluated in the page (not a script tag: the server's Content-Security-Policy refuses inline scripts, rightly). */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface LooksRightOptions {
  /** Text the page may legitimately show although it matches an internal-word pattern (say, an email address); removed before the words are checked. */
  readonly allow?: readonly RegExp[];
}

/** Checks the page as it is now (see the file's comment) and saves its screenshot; fails naming every problem found. */
export async function looksRight(page: Page, name: string, opts: LooksRightOptions = {}): Promise<void> {
  expect(await lookAt(page, name, opts), `${name} (${page.viewportSize()?.width ?? '?'} px wide) does not look right`).toEqual([]);
}

/** The same, without failing: the screenshot saved, the problems returned (a test going through many pages reports them all at once). */
export async function lookAt(page: Page, name: string, opts: LooksRightOptions = {}): Promise<string[]> {
  await settled(page);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  return problemsOf(page, opts);
}

/** Every problem of the page, one line each; empty when it looks right. */
export async function problemsOf(page: Page, opts: LooksRightOptions = {}): Promise<string[]> {
  return [
    ...(await sidewaysScrolling(page)),
    ...(await coveredButtons(page)),
    ...(await placeholderOnlyFields(page)),
    ...internalWords(await page.evaluate(() => document.body.innerText), opts.allow ?? []),
    ...(await axeViolations(page)),
  ];
}

/** Waits until no finite animation is running (antd fades drawers and messages in: a half-faded text fails contrast). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
}

/** The document wider than the window, naming the outermost elements that stick out (not those their own scrolling box clips). */
async function sidewaysScrolling(page: Page): Promise<string[]> {
  const { scroll, width, culprits } = await page.evaluate(() => {
    const unclipped = (e: Element) => {
      for (let a = e.parentElement; a; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return false;
      return true;
    };
    const out = [...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5 && unclipped(e));
    const outermost = out.filter((e) => !out.some((o) => o !== e && o.contains(e)));
    return {
      scroll: document.documentElement.scrollWidth, width: innerWidth,
      culprits: outermost.slice(0, 3).map((e) => `<${e.tagName.toLowerCase()} class="${String(e.getAttribute('class') ?? '').slice(0, 60)}"> to ${Math.round(e.getBoundingClientRect().right)} px`),
    };
  });
  return scroll > width ? [`the page scrolls sideways: ${scroll} px wide in a ${width} px window${culprits.length ? `, past its edge: ${culprits.join(', ')}` : ''}`] : [];
}

/**
 * Buttons whose centre, hit-tested, is something else than the button or its content. Skipped: buttons
 * scrolled out of the window or out of their own scrolling box (a wide table's last column), buttons
 * behind an open dialog or drawer (its mask covers them on purpose), and tooltips or messages (gone in a moment).
 */
async function coveredButtons(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const OVERLAY = '.ant-modal-root, .ant-drawer, .ant-tooltip, .ant-message';
    const describe = (e: Element) => {
      const text = (e as HTMLElement).innerText?.trim().replace(/\s+/g, ' ').slice(0, 30);
      const cls = typeof e.className === 'string' ? e.className.split(' ').filter(Boolean).slice(0, 2).join('.') : '';
      return `<${e.tagName.toLowerCase()}${cls ? ` .${cls}` : ''}>${text ? ` "${text}"` : ''}`;
    };
    const clippedAway = (e: Element, x: number, y: number) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const r = a.getBoundingClientRect();
        if (x < r.left || x > r.right || y < r.top || y > r.bottom) return true;
      }
      return false;
    };
    const found: string[] = [];
    for (const b of document.querySelectorAll('button, [role="button"], input[type="submit"], input[type="button"]')) {
      if ((b as HTMLButtonElement).disabled || b.getAttribute('aria-disabled') === 'true' || !b.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const r = b.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight || clippedAway(b, x, y)) continue;
      const hit = document.elementFromPoint(x, y);
      if (!hit || b === hit || b.contains(hit)) continue;
      if (hit.closest(OVERLAY) && !b.closest(OVERLAY)) continue;
      found.push(`the button ${describe(b)} at (${Math.round(x)}, ${Math.round(y)}) is covered by ${describe(hit)}`);
    }
    return found;
  });
}

/** Visible fields whose only name is their placeholder: no label, aria-label, aria-labelledby or title. */
async function placeholderOnlyFields(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const named = (f: HTMLInputElement | HTMLTextAreaElement) =>
      !!f.getAttribute('aria-label')?.trim() || !!f.title.trim()
      || (f.getAttribute('aria-labelledby') ?? '').split(/\s+/).some((id) => !!document.getElementById(id)?.textContent?.trim())
      || [...(f.labels ?? [])].some((l) => !!l.textContent?.trim());
    return [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[placeholder], textarea[placeholder]')]
      .filter((f) => f.type !== 'hidden' && f.checkVisibility({ visibilityProperty: true }) && !named(f))
      .map((f) => `the field "${f.placeholder}" (${f.id ? `#${f.id}` : f.name || f.tagName.toLowerCase()}) is named only by its placeholder: give it a label`);
  });
}

/** The patterns of words only the code knows, each with what it is (the failure says which). */
const INTERNAL: readonly [RegExp, string][] = [
  [/\bI-[a-z]/, 'a reading id'],
  [/@20\d\d/, "a fact's year in the engine's notation"],
  [/\b(sd|jn|jining|dongying|jiyang|jinan)[-\w]*\/\d/, 'a rule id'],
  [/policy-catalogue/, 'a source name'],
  [/\b[a-z]+[A-Z][A-Za-z]+\b/, 'a camelCase identifier'],
];
/** Four ASCII words in a row (a sentence or message in English), which a Chinese page should not show. */
const ENGLISH_LINE = /\b[A-Za-z][A-Za-z'’]*(?:[ ,:;.()-]+[A-Za-z][A-Za-z'’]*){3,}/;
const HAN = /\p{Script=Han}/u;

/** The lines of visible text with an internal word, each named; English sentences only when the page is in Chinese. */
export function internalWords(text: string, allow: readonly RegExp[] = []): string[] {
  const clean = allow.reduce((t, a) => t.replace(new RegExp(a.source, a.flags.includes('g') ? a.flags : `${a.flags}g`), ' '), text);
  const chinese = HAN.test(clean);
  const found: string[] = [];
  for (const line of clean.split('\n').map((l) => l.trim()).filter(Boolean)) {
    for (const [pattern, what] of INTERNAL) {
      const m = pattern.exec(line);
      if (m) found.push(`${what} "${m[0]}" in the visible text: "${line.slice(0, 120)}"`);
    }
    const english = chinese ? ENGLISH_LINE.exec(line) : null;
    if (english) found.push(`English "${english[0].slice(0, 60)}" on a Chinese page: "${line.slice(0, 120)}"`);
  }
  return found;
}

interface AxeNode { readonly target: readonly unknown[]; readonly html?: string; readonly any?: readonly { data?: unknown }[] }
interface AxeResult { readonly violations: readonly { id: string; impact?: string | null; help: string; nodes: readonly AxeNode[] }[] }

/** An element axe found, with its colours when the problem is contrast (which colour to change), else its markup (which field). */
function axeNode(n: AxeNode): string {
  const c = n.any?.[0]?.data as { fgColor?: string; bgColor?: string; contrastRatio?: number } | undefined;
  return `${n.target.join(' ')}${c?.fgColor ? ` (${c.fgColor} on ${c.bgColor}: ${c.contrastRatio})` : n.html ? ` ${n.html.slice(0, 100)}` : ''}`;
}

/** axe-core's serious and critical WCAG 2 A/AA violations, each with the elements it found. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const result = await page.evaluate(() => (window as unknown as { axe: { run: (c: Document, o: object) => Promise<AxeResult> } })
    .axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `axe ${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 5).map(axeNode).join(' | ')}${v.nodes.length > 5 ? ` and ${v.nodes.length - 5} more` : ''}`);
}
