// npm run bench:paint — the first load of the pages on a slow link (issue 16, point 8): Debian's
// Chromium (playwright-core) against the server as `duixian serve` builds it, over an embedded
// database, throttled by the DevTools protocol to 1.6 Mbps down, 750 kbps up, 150 ms round trip
// and a CPU 4× slower. Two pages, each on a cold cache (a new browser every time): the sign-in
// page, and 政策计算器 opened by a signed-in user (the session cookie kept, no asset cached).
// Per page, the median of BENCH_PAINT_RUNS (5) runs of first contentful paint (Chromium's paint
// timing) and of "ready" (the page's own control on screen: the sign-in button, the calculator's
// tabs), the bytes that came over the wire and the encoding the scripts came in. Writes the
// "First load on a slow link (issue 16)" section of bench/results.md. BENCH_PAINT_DIST measures
// another build of the pages (a directory like packages/web/dist), for a before and after;
// BENCH_PAINT_WRITE=0 only prints the table.
/* global document, PerformanceObserver -- in the functions run by the page */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildApp } from '../packages/server/dist/index.js';
import { createAccount, openStore } from '../packages/store/dist/index.js';

const RUNS = Number(process.env.BENCH_PAINT_RUNS ?? 5);
const DIST = process.env.BENCH_PAINT_DIST ?? new URL('../packages/web/dist', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const RESULTS = new URL('./results.md', import.meta.url).pathname;
const TITLE = 'First load on a slow link (issue 16)';
const TARGET_MS = 2500;
// the profile of the issue: a slow mobile or rural link, a low-end machine
const LINK = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
const CPU_SLOWDOWN = 4;
const USER = { username: 'bench-paint', password: 'bench paint password 2024' };
const log = (s) => process.stderr.write(s + '\n');

const PAGES = [
  { name: '登录 (sign-in)', hash: '', signedIn: false, ready: { role: 'button', text: '登录' } },
  { name: '政策计算器 (calculator, signed in)', hash: '#/calculator', signedIn: true, ready: { role: 'tab', text: '填写企业情况' } },
];

/** One cold load of `target`: a fresh browser, throttled before the first request. */
async function load(base, target, cookie) {
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    if (cookie) await context.addCookies([{ ...cookie, url: base }]);
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', LINK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const encodings = new Map();
    page.on('response', (r) => { if (/\.(js|css)$/.test(new URL(r.url()).pathname)) encodings.set(r.url(), r.headers()['content-encoding'] ?? 'none'); });
    await page.goto(`${base}/${target.hash}`, { waitUntil: 'commit' });
    // the moment the page's own control is in the document and laid out, on the page's clock
    const readyMs = await (await page.waitForFunction(({ role, text }) => {
      const found = [...document.querySelectorAll(role === 'tab' ? '[role=tab]' : 'button')].some((e) => e.textContent?.trim() === text && e.getBoundingClientRect().height > 0);
      return found && performance.now();
    }, target.ready, { polling: 'raf' })).jsonValue();
    const measured = await page.evaluate(() => new Promise((resolve) => {
      new PerformanceObserver((list, observer) => {
        const fcp = list.getEntries().find((e) => e.name === 'first-contentful-paint');
        if (!fcp) return;
        observer.disconnect();
        const resources = performance.getEntriesByType('resource');
        const nav = performance.getEntriesByType('navigation')[0];
        const scripts = resources.filter((r) => /\.js$/.test(new URL(r.name).pathname));
        resolve({
          fcpMs: fcp.startTime,
          scriptsInMs: Math.max(...scripts.map((r) => r.responseEnd)), // the last script's last byte
          wireBytes: resources.reduce((s, r) => s + r.transferSize, nav.transferSize),
          scriptWireBytes: scripts.reduce((s, r) => s + r.encodedBodySize, 0),
          scriptBytes: scripts.reduce((s, r) => s + r.decodedBodySize, 0),
          requests: resources.length + 1,
        });
      }).observe({ type: 'paint', buffered: true });
    }));
    return { ...measured, readyMs, encodings: [...new Set(encodings.values())].join('/'), version: browser.version() };
  } finally {
    await browser.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const kB = (n) => `${Math.round(n / 1000)} kB`;

const dataDir = mkdtempSync(join(tmpdir(), 'duixian-paint-'));
const store = await openStore({ dataDir });
await createAccount(store, { ...USER, role: 'province-admin', region: '370000' }, 'bench', false);
const app = await buildApp({ store, webRoot: DIST });
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(USER) });
const [cookieName, cookieValue] = signIn.headers.getSetCookie()[0].split(';')[0].split('=');
const cookie = { name: cookieName, value: cookieValue };

const rows = [];
const loadBefore = loadavg()[0]; // other work on the machine slows the throttled CPU further: said with the figures
const medianOf = (runs, key) => median(runs.map((r) => r[key]));
try {
  for (const target of PAGES) {
    const runs = [];
    for (let k = 0; k < RUNS; k++) {
      runs.push(await load(base, target, target.signedIn ? cookie : undefined));
      log(`${target.name} #${k + 1}: FCP ${s(runs.at(-1).fcpMs)}, ready ${s(runs.at(-1).readyMs)}, ${kB(runs.at(-1).wireBytes)} over the wire`);
    }
    const fcps = runs.map((r) => r.fcpMs);
    rows.push({
      page: target.name, fcp: median(fcps), range: [Math.min(...fcps), Math.max(...fcps)], ready: medianOf(runs, 'readyMs'), scriptsIn: medianOf(runs, 'scriptsInMs'),
      version: runs[0].version, wire: runs[0].wireBytes, scriptWire: runs[0].scriptWireBytes, script: runs[0].scriptBytes, requests: runs[0].requests, encoding: runs[0].encodings,
    });
  }
} finally {
  await app.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const table = [
  '| page | first contentful paint (median, range) | last script in (median) | ready (median) | over the wire | scripts: wire / decoded | requests | scripts encoded | FCP < 2.5 s |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.page} | **${s(r.fcp)}** (${s(r.range[0])}–${s(r.range[1])}) | ${s(r.scriptsIn)} | ${s(r.ready)} | ${kB(r.wire)} | ${kB(r.scriptWire)} / ${kB(r.script)} | ${r.requests} | ${r.encoding} | ${r.fcp < TARGET_MS ? 'yes' : `**no** (+${s(r.fcp - TARGET_MS)})`} |`),
].join('\n');
const section = `## ${TITLE}

Latest run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine} (load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after); Chromium ${rows[0]?.version} (${CHROMIUM}).
Throttled through the DevTools protocol: 1.6 Mbps down, 750 kbps up, 150 ms round trip, CPU ${CPU_SLOWDOWN}× slower. Every run
is a new browser (nothing cached); 政策计算器 is opened at #/calculator with a session cookie already set. The median of ${RUNS}
runs${process.env.BENCH_PAINT_DIST ? ` (pages built in ${DIST})` : ''}. "Last script in": the last byte of the last script the page asked for; "ready": the page's own
control laid out (the 登录 button, the calculator's tabs). Over the wire: every response's transfer size, headers included.
Reproduce with \`npm run bench:paint\` (\`BENCH_PAINT_RUNS\`, \`BENCH_PAINT_DIST\`, \`BENCH_PAINT_WRITE=0\` to only print).

${table}
`;

process.stdout.write(table + '\n');
if (process.env.BENCH_PAINT_WRITE === '0') process.exit(0);
// the other sections of results.md are kept as they were
const previous = readFileSync(RESULTS, 'utf8');
const parts = previous.split(/\n(?=## )/);
const ourPart = parts.findIndex((p) => p.startsWith(`## ${TITLE}`));
// notes written by hand under the table (### headings) stay
const kept = ourPart >= 0 && parts[ourPart].includes('\n### ') ? parts[ourPart].slice(parts[ourPart].indexOf('\n### ')) : '';
const ours = `${section}${kept}`;
if (ourPart >= 0) parts[ourPart] = ours;
else parts.push(ours);
writeFileSync(RESULTS, parts.map((p) => p.trimEnd()).join('\n\n') + '\n');
