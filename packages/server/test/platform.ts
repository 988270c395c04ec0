/**
 * A platform to test against: a store (PGlite, or the PostgreSQL of DATABASE_URL) holding the
 * spec's example plus enterprises in two other places, accounts of every role in their own and
 * other jurisdictions, and the API over it. Sessions are opened in the store directly (scrypt
 * costs ~0.5 s a sign-in): sign-in itself is tested on its own.
 */
import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { usccCheckChar } from '@duixian/engine';
import { buildApp, CSRF_HEADER, SESSION_COOKIE, type AppOptions } from '@duixian/server';
import { createBank, hashPassword, listAccounts, listBanks, openSession, updateBank, type Role, type Store } from '@duixian/store';
import { example, USCC, type Loose } from '../../interchange/test/fixtures.js';
import type { Backend } from '../../store/test/backends.js';

export const PASSWORD = 'correct horse battery staple';
const uscc = (first17: string) => first17 + usccCheckChar(first17)!;
export const USCC_E2 = uscc('91370502MA3C0YYYY'); // 东营区
export const USCC_E3 = uscc('91370812MA3C0WWWW'); // 兖州区, 济宁

/** The example, plus E2 in 东营 (another city) and E3 in 兖州 (another county of 济宁). */
export function platformData(): Loose {
  const d = example();
  d.subjects.push(
    { id: 'E2', kind: 'enterprise', name: '东营示例电商有限公司', region: '370502', uscc: USCC_E2, tags: ['inStatsLibrary'] },
    { id: 'E3', kind: 'enterprise', name: '兖州示例电商有限公司', region: '370812', uscc: USCC_E3, tags: ['inStatsLibrary', 'tradeCirculation'] },
  );
  d.facts.push(
    { subject: 'E2', year: 2023, key: 'physicalGoodsOnlineRetail', value: '3亿元', source: '统计局' },
    { subject: 'E3', year: 2023, key: 'physicalGoodsOnlineRetail', value: '1.5亿元', source: '统计局' },
  );
  return d;
}

export const ACCOUNTS = {
  'sd-admin': { role: 'province-admin', region: '370000' },
  'jining-admin': { role: 'city-admin', region: '370800' },
  'dongying-admin': { role: 'city-admin', region: '370500' },
  'rencheng-admin': { role: 'county-admin', region: '370811' },
  'yanzhou-admin': { role: 'county-admin', region: '370812' },
  'e1-user': { role: 'enterprise', uscc: USCC },
  'jining-auditor': { role: 'auditor', region: '370800' },
  'sd-auditor': { role: 'auditor', region: '370000' },
  // a partner bank's staff serving 济宁 (齐鲁电商贷)
  'jining-bank': { role: 'bank', region: '370800', bank: '齐鲁银行' },
} as const satisfies Record<string, { role: Role; region?: string; uscc?: string; bank?: string }>;
export type Username = keyof typeof ACCOUNTS;

export type Send = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;

export interface Client {
  req: Send;
  readonly cookie: string;
  readonly csrf: string;
}

export interface Platform {
  readonly app: FastifyInstance;
  readonly store: Store;
  as(who: Username): Client;
  readonly anonymous: Client;
  dispose(): Promise<void>;
}

let hash: Promise<string> | undefined;

export async function platform(backend: Backend): Promise<Platform> {
  const { store, dispose } = await backend.fresh();
  const app = await buildApp({ store, loginLimits: { windowMs: 60_000, perAccount: 3, perAddress: 10 } });
  const client = (cookie: string, csrf: string): Client => ({ cookie, csrf, req: sender(app, cookie, csrf) });
  hash ??= hashPassword(PASSWORD);
  await store.db.insertInto('accounts').values(Object.entries(ACCOUNTS).map(([username, a]) => ({
    username, role: a.role, region: 'region' in a ? a.region : null, uscc: 'uscc' in a ? a.uscc : null, bank: 'bank' in a ? a.bank : null,
    password_hash: '', must_change_password: false, created_by: 'test',
  }))).execute();
  await store.db.updateTable('accounts').set({ password_hash: await hash }).execute();
  // jining-bank's bank, a partner bank serving 济宁 (as the province keeps it: migration 014)
  const bank = await store.db.insertInto('banks').values({ name: '齐鲁银行', contact: '王经理', phone: '0537-2345678', created_by: 'test' }).returning('id').executeTakeFirstOrThrow();
  await store.db.insertInto('bank_regions').values({ bank_id: Number(bank.id), region: '370800' }).execute();
  const sessions = new Map<string, Client>();
  for (const a of await listAccounts(store)) {
    const s = await openSession(store, a, 3600_000, 'test');
    sessions.set(a.username, client(s.token, s.csrf));
  }
  const as = (who: Username) => sessions.get(who)!;
  const imported = await as('sd-admin').req('POST', '/api/imports?reason=fixture', platformData());
  if (imported.statusCode !== 200) throw new Error(`the platform data did not import: ${imported.body}`);
  return {
    app, store, as, anonymous: client('', ''),
    async dispose() {
      await app.close();
      await dispose();
    },
  };
}

/** A partner bank serving `regions` besides those it serves already (added when new), as the province keeps it. */
export async function partnerBank(store: Store, name: string, regions: readonly string[]): Promise<void> {
  const held = (await listBanks(store)).find((b) => b.name === name);
  if (!held) await createBank(store, { name, regions, contact: '王经理', phone: '0537-2345678' }, 'test');
  else await updateBank(store, held.id, { ...held, regions: [...new Set([...held.regions, ...regions])] }, 'test');
}

/** Requests to `app` with a session's cookie and CSRF token (none: anonymous). */
export const sender = (app: FastifyInstance, cookie: string, csrf: string): Send => (method, url, body, headers = {}) => app.inject({
  method, url, ...(body === undefined ? {} : { payload: body as never }),
  headers: { ...(cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}), ...(csrf && method !== 'GET' ? { [CSRF_HEADER]: csrf } : {}), ...headers },
});

/**
 * A second app over the platform's store whose date the test sets (the award process, the lists
 * and the tasks run on dates), with the process's other settings if given; `as(who)` sends as
 * that account. Close `app` when done.
 */
export async function dated(p: Platform, today: () => string, settings: Omit<NonNullable<AppOptions['process']>, 'today'> = {}): Promise<{ app: FastifyInstance; as(who: Username): Send }> {
  const app = await buildApp({ store: p.store, process: { ...settings, today } });
  return { app, as: (who) => sender(app, p.as(who).cookie, p.as(who).csrf) };
}

/**
 * For a describe block: the platform and a dated app over it, made before its tests and disposed
 * after them; `store` and `as(who)` are there once the tests run.
 */
export function datedPlatform(backend: Backend, today: () => string): { readonly store: Store; as(who: Username): Send } {
  let p: Platform | undefined;
  let d: Awaited<ReturnType<typeof dated>> | undefined;
  beforeAll(async () => {
    p = await platform(backend);
    d = await dated(p, today);
  }, 120_000);
  afterAll(async () => {
    await d?.app.close();
    await p?.dispose();
  });
  return { get store() { return p!.store; }, as: (who) => d!.as(who) };
}

/** POST /api/runs as `who`; the new run's id. */
export async function runAs(p: Platform, who: Username, body: Record<string, unknown> = { year: 2023 }): Promise<string> {
  const r = await p.as(who).req('POST', '/api/runs', body);
  if (r.statusCode !== 201) throw new Error(`run by ${who}: ${r.statusCode} ${r.body}`);
  return r.json().id;
}
