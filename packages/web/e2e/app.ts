/**
 * A world for an end-to-end test (not a test file): the server in this process over an embedded
 * database seeded with the subjects, facts and accounts a test names, its date set by the test (a
 * 公示 runs on working days: nobody waits a week), and a Chromium to look at it. What process.test.ts
 * began with, shared: each e2e file starts one world and closes it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { INTERPRETATION_VALUES } from '@duixian/engine';
import { RULE_IDS, VOCABULARY } from '@duixian/corpus';
import { readObject } from '@duixian/interchange';
import { buildApp, CSRF_HEADER, SESSION_COOKIE } from '@duixian/server';
import { createAccount, createBank, importDataset, listBanks, openSession, openStore, type Account, type Store } from '@duixian/store';
import { PHONE, SHOTS, signedIn, VIEWPORT } from './browser';

const ROOT = new URL('../../../', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** the built pages; DUIXIAN_E2E_PAGES points at a copy of them (a build running meanwhile then changes nothing under the test) */
const PAGES = process.env.DUIXIAN_E2E_PAGES ?? join(ROOT, 'packages/web/dist');

/** Every account of a world signs in with this password. */
export const WORLD_PASSWORD = 'world password 2024';

export type Role = 'province-admin' | 'city-admin' | 'county-admin' | 'enterprise' | 'auditor' | 'bank';
export type AccountSeed = readonly [username: string, role: Role, place: { region?: string; uscc?: string; bank?: string }];

export interface WorldSeed {
  /** the interchange file's subjects and facts (format duixian/v1), imported as the first data */
  readonly subjects: readonly Record<string, unknown>[];
  readonly facts?: readonly Record<string, unknown>[];
  readonly year?: number;
  readonly accounts: readonly AccountSeed[];
  /** the server's today, ISO date (default 2023-09-04); setToday moves it */
  readonly today?: string;
}

export interface World {
  readonly store: Store;
  readonly app: FastifyInstance;
  readonly base: string;
  readonly browser: Browser;
  readonly accounts: ReadonlyMap<string, Account>;
  setToday(date: string): void;
  /** signed in through the form in a browser context of its own, at the desk (1366×768) or on a phone (390×844) */
  signedIn(username: string, size?: 'desk' | 'phone'): Promise<Page>;
  /** a request to the API as `username`, outside the browser: what a step needs ready before the pages are looked at */
  asUser<T = Record<string, unknown>>(username: string, method: 'GET' | 'POST', url: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startWorld(seed: WorldSeed): Promise<World> {
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: run scripts/chromium.sh`);
  if (!existsSync(join(PAGES, 'index.html'))) throw new Error('the pages are not built: npm run build');
  mkdirSync(SHOTS, { recursive: true });
  let today = seed.today ?? '2023-09-04';
  const store = await openStore({ dataDir: 'memory:' });
  const data = readObject({ format: 'duixian/v1', year: seed.year ?? 2023, subjects: seed.subjects, facts: seed.facts ?? [] }, { rules: RULE_IDS, interpretations: INTERPRETATION_VALUES, vocabulary: VOCABULARY });
  if (!data.ok) throw new Error(`the world's data: ${JSON.stringify(data.problems)}`);
  await importDataset(store, data.dataset, { by: 'e2e' });
  const accounts = new Map<string, Account>();
  for (const [, role, place] of seed.accounts) {
    // a bank's staff work for a partner bank on the province's list: one serving their region, added here when the seed names a new one
    if (role === 'bank' && place.bank && place.region && !(await listBanks(store)).some((b) => b.name === place.bank)) {
      await createBank(store, { name: place.bank, regions: [place.region], contact: '王经理', phone: '0531-86000000' }, 'e2e');
    }
  }
  for (const [username, role, place] of seed.accounts) accounts.set(username, await createAccount(store, { username, password: WORLD_PASSWORD, role, ...place }, 'e2e', false));
  const app = await buildApp({ store, webRoot: PAGES, process: { today: () => today } });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  return {
    store, app, base, browser, accounts,
    setToday: (date) => void (today = date),
    signedIn: async (username, size = 'desk') => (await signedIn(browser, base, username, WORLD_PASSWORD, size === 'phone' ? PHONE : VIEWPORT)).page,
    asUser: async <T>(username: string, method: 'GET' | 'POST', url: string, body?: unknown) => {
      const account = accounts.get(username);
      if (!account) throw new Error(`no account ${username} in this world`);
      const s = await openSession(store, account, 3600_000, 'e2e');
      const r = await app.inject({ method, url, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }), headers: { cookie: `${SESSION_COOKIE}=${s.token}`, [CSRF_HEADER]: s.csrf } });
      if (r.statusCode >= 300) throw new Error(`${method} ${url} as ${username}: ${r.statusCode} ${r.body}`);
      return r.json() as T;
    },
    close: async () => {
      await browser.close();
      await app.close();
      await store.close();
    },
  };
}
