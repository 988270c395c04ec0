/**
 * The platform's endpoints against a real database (PGlite; PostgreSQL when DATABASE_URL is set):
 * signing in, sessions, CSRF, rate limiting, accounts, imports (JSON, CSV, .xlsx) all or nothing,
 * subjects and revisions, runs and simulations, the award list and its exports, matching a stored
 * enterprise, targets, monitoring, the audit log. Who may do what is permissions.test.ts.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authenticate, createAccount, createRun, ensureFirstAdmin, importDataset } from '@duixian/store';
import { CORPUS, isWithin, KNOWN as CORPUS_KNOWN, RULE_IDS, VOCABULARY, TARGETS } from '@duixian/corpus';
import { INTERPRETATION_VALUES } from '@duixian/engine';
import { readObject, writeTemplate } from '@duixian/interchange';
import { BACKENDS, snapshot } from '../../store/test/backends.js';
import { PASSWORD, platform, platformData, runAs, type Platform } from './platform.js';

/** The documents with targets whose issuer's region overlaps `region` (above, at or inside it): what its accounts monitor. */
function targetDocumentsSeenFrom(region: string): Set<string> {
  const issuer = new Map(CORPUS.documents.map((d) => [d.id, d.issuer]));
  return new Set(TARGETS.map((t) => t.document).filter((doc) => isWithin(region, issuer.get(doc)!) || isWithin(issuer.get(doc)!, region)));
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ids = (items: { id: string }[]) => items.map((s) => s.id);
const pick = (r: { inputHash: string; resultHash: string }) => ({ inputHash: r.inputHash, resultHash: r.resultHash });
const KNOWN = { rules: RULE_IDS, interpretations: INTERPRETATION_VALUES, vocabulary: VOCABULARY };

describe.each(BACKENDS)('the platform on $name', (backend) => {
  let p: Platform;
  beforeAll(async () => {
    p = await platform(backend);
  }, 60_000);
  afterAll(async () => {
    await p?.dispose();
  });

  describe('signing in', () => {
    it('the first start creates admin with a one-time password that must be changed; only once', async () => {
      const empty = await backend.fresh();
      try {
        const first = await ensureFirstAdmin(empty.store);
        expect(first?.username).toBe('admin');
        expect(first!.password).toMatch(/^[A-Za-z2-9]{20}$/);
        expect(await ensureFirstAdmin(empty.store)).toBeUndefined();
        expect(await authenticate(empty.store, 'admin', first!.password)).toMatchObject({ role: 'province-admin', region: '370000', mustChangePassword: true });
        expect(await ensureFirstAdmin(p.store)).toBeUndefined(); // a store with accounts gets none
      } finally {
        await empty.dispose();
      }
    });

    it('sign in: HttpOnly, Secure, SameSite=Strict cookie and a CSRF token; a changed password is required first', async () => {
      const created = await p.as('sd-admin').req('POST', '/api/accounts', { username: 'first-timer', role: 'county-admin', region: '370811' });
      expect(created.statusCode).toBe(201);
      const otp = created.json().oneTimePassword as string;
      const login = await p.anonymous.req('POST', '/api/session', { username: 'first-timer', password: otp });
      expect(login.statusCode).toBe(200);
      const cookie = String(login.headers['set-cookie']);
      expect(cookie).toMatch(/^duixian_session=[\w-]{40,}; Path=\/; HttpOnly; Secure; SameSite=Strict; Max-Age=43200$/);
      const token = /duixian_session=([\w-]+)/.exec(cookie)![1]!;
      const { csrf, account } = login.json();
      expect(account).toMatchObject({ username: 'first-timer', role: 'county-admin', region: '370811', mustChangePassword: true });
      const headers = { cookie: `duixian_session=${token}` };
      const req = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, h: Record<string, string> = { 'x-csrf-token': csrf }) =>
        p.app.inject({ method, url, headers: { ...headers, ...h }, ...(body === undefined ? {} : { payload: body as never }) });
      expect((await req('GET', '/api/subjects')).json().error.code).toBe('password-change-required');
      const short = await req('POST', '/api/session/password', { oldPassword: otp, newPassword: 'short' });
      expect([short.statusCode, short.json().error.details[0].path]).toEqual([422, 'password']);
      const wrongOld = await req('POST', '/api/session/password', { oldPassword: 'not the password', newPassword: 'a much longer secret' });
      expect([wrongOld.statusCode, wrongOld.json().error.details[0].path]).toEqual([422, 'oldPassword']);
      expect((await req('POST', '/api/session/password', { oldPassword: otp, newPassword: 'a much longer secret' })).statusCode).toBe(200);
      expect((await req('GET', '/api/subjects')).statusCode).toBe(200);
      expect((await req('DELETE', '/api/session')).statusCode).toBe(200);
      expect((await req('GET', '/api/subjects')).json().error.code).toBe('unauthenticated');
      expect((await p.anonymous.req('POST', '/api/session', { username: 'first-timer', password: otp })).statusCode).toBe(401);
      expect((await p.anonymous.req('POST', '/api/session', { username: 'first-timer', password: 'a much longer secret' })).statusCode).toBe(200);
    });

    it('sessions are remembered for seconds only: a password change ends the other sessions at once, a deleted one within 5 s', async () => {
      const probe = await createAccount(p.store, { username: 'cache-probe', password: PASSWORD, role: 'city-admin', region: '370500' }, 'test', false);
      const signIn = async () => {
        const r = await p.anonymous.req('POST', '/api/session', { username: 'cache-probe', password: PASSWORD });
        const token = /duixian_session=([\w-]+)/.exec(String(r.headers['set-cookie']))![1]!;
        return { cookie: `duixian_session=${token}`, csrf: r.json().csrf as string };
      };
      const get = (s: { cookie: string }) => p.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: s.cookie } });
      const [a, b, c] = [await signIn(), await signIn(), await signIn()];
      expect([(await get(a)).statusCode, (await get(b)).statusCode, (await get(c)).statusCode]).toEqual([200, 200, 200]); // now cached
      const change = (from: typeof a, oldPassword: string, newPassword: string) =>
        p.app.inject({ method: 'POST', url: '/api/session/password', headers: { cookie: from.cookie, 'x-csrf-token': from.csrf }, payload: { oldPassword, newPassword } });
      expect((await change(a, PASSWORD, 'another long secret')).statusCode).toBe(200);
      expect([(await get(a)).statusCode, (await get(b)).json().error.code]).toEqual([200, 'unauthenticated']);
      // a session ended elsewhere (another server process, a DBA): served from memory for at most 5 s
      await p.store.db.deleteFrom('sessions').where('account_id', '=', probe.id).execute();
      const now = Date.now();
      const clock = vi.spyOn(Date, 'now');
      try {
        clock.mockReturnValue(now + 4_000);
        expect((await get(a)).statusCode).toBe(200);
        clock.mockReturnValue(now + 5_001);
        expect((await get(a)).json().error.code).toBe('unauthenticated');
      } finally {
        clock.mockRestore();
      }
    });

    it('a wrong password and an unknown user get the same answer; after 3 failures even the right password waits', async () => {
      const wrong = await p.anonymous.req('POST', '/api/session', { username: 'jining-admin', password: 'wrong password!' });
      const unknown = await p.anonymous.req('POST', '/api/session', { username: 'nobody-here', password: 'wrong password!' });
      expect([wrong.statusCode, wrong.json().error]).toEqual([unknown.statusCode, unknown.json().error]);
      expect(wrong.json().error.code).toBe('bad-credentials');
      await p.anonymous.req('POST', '/api/session', { username: 'jining-admin', password: 'wrong again!!' });
      await p.anonymous.req('POST', '/api/session', { username: 'jining-admin', password: 'wrong thrice!' });
      const limited = await p.anonymous.req('POST', '/api/session', { username: 'jining-admin', password: PASSWORD });
      expect([limited.statusCode, limited.json().error.code]).toEqual([429, 'too-many-attempts']);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      // another account from the same address is not locked out by them
      expect((await p.anonymous.req('POST', '/api/session', { username: 'dongying-admin', password: PASSWORD })).statusCode).toBe(200);
    });

    it('a write without the session\'s CSRF token is refused and writes nothing; a form post cannot sign in', async () => {
      const before = await p.store.db.selectFrom('runs').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      const admin = p.as('sd-admin');
      const none = await admin.req('POST', '/api/runs', { year: 2023 }, { 'x-csrf-token': '' });
      const other = await admin.req('POST', '/api/runs', { year: 2023 }, { 'x-csrf-token': p.as('jining-admin').csrf });
      expect([none.statusCode, none.json().error.code, other.statusCode, other.json().error.code]).toEqual([403, 'csrf', 403, 'csrf']);
      const after = await p.store.db.selectFrom('runs').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      const form = await p.app.inject({ method: 'POST', url: '/api/session', payload: `username=sd-admin&password=${PASSWORD}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(form.statusCode).toBe(415);
    });
  });

  describe('accounts', () => {
    it('an administrator creates accounts inside its jurisdiction only; problems name the field', async () => {
      const county = p.as('rencheng-admin');
      const e1 = await county.req('POST', '/api/accounts', { username: 'e1-clerk', role: 'enterprise', uscc: platformData().subjects[4].uscc });
      expect([e1.statusCode, e1.json().account.role]).toEqual([201, 'enterprise']);
      expect((await county.req('POST', '/api/accounts', { username: 'e3-clerk', role: 'enterprise', uscc: platformData().subjects[6].uscc })).json().error.code).toBe('outside-jurisdiction');
      expect((await county.req('POST', '/api/accounts', { username: 'city-boss', role: 'city-admin', region: '370800' })).json().error.code).toBe('outside-jurisdiction');
      const unknown = await county.req('POST', '/api/accounts', { username: 'ghost', role: 'enterprise', uscc: '91370811MA3C0ZZZZ0' });
      expect([unknown.statusCode, unknown.json().error.code]).toEqual([422, 'unknown-subject']);
      const level = await p.as('sd-admin').req('POST', '/api/accounts', { username: 'wrong-level', role: 'county-admin', region: '370800' });
      expect([level.statusCode, level.json().error.details[0].path]).toEqual([422, 'region']);
      const taken = await p.as('sd-admin').req('POST', '/api/accounts', { username: 'e1-clerk', role: 'auditor', region: '370000' });
      expect([taken.statusCode, taken.json().error.details[0].path]).toEqual([422, 'username']);
    });

    it('lists the accounts of the jurisdiction only', async () => {
      const names = (await p.as('rencheng-admin').req('GET', '/api/accounts')).json().items.map((a: { username: string }) => a.username);
      expect(names).toEqual(expect.arrayContaining(['rencheng-admin', 'e1-user']));
      expect(names).not.toEqual(expect.arrayContaining(['yanzhou-admin']));
      expect(names).not.toContain('jining-admin');
      const paged = (await p.as('rencheng-admin').req('GET', '/api/accounts?pageSize=1&page=2')).json();
      expect([paged.total, paged.items.map((a: { username: string }) => a.username)]).toEqual([names.length, [names[1]]]);
      expect(JSON.stringify(paged)).not.toContain('scrypt'); // no password hash ever leaves the server
    });
  });

  describe('imports', () => {
    it('JSON: a changed value becomes a revision with who and why; the same file twice changes nothing', async () => {
      const d = { format: 'duixian/v1', year: 2023, subjects: [platformData().subjects[4]], facts: [{ subject: 'E1', year: 2023, key: 'physicalGoodsOnlineRetail', value: '1.3亿元', source: '统计局' }] };
      const first = await p.as('rencheng-admin').req('POST', '/api/imports?reason=' + encodeURIComponent('四季度更正'), d);
      expect(first.statusCode).toBe(200);
      expect(first.json().facts).toEqual({ added: 0, revised: 1, unchanged: 0 });
      // the server reads the year at once after an import that changed it, and keeps its snapshot for the next run
      await p.store.idle();
      const version = (await p.store.db.selectFrom('rows_version').select('version').executeTakeFirstOrThrow()).version;
      expect((await p.store.db.selectFrom('year_snapshots').select(['year', 'version']).distinct().execute()).map((r) => [r.year, String(r.version)])).toEqual([[2023, String(version)]]);
      const again = await p.as('rencheng-admin').req('POST', '/api/imports?reason=again', d);
      expect([again.json().importId, again.json().facts]).toEqual([null, { added: 0, revised: 0, unchanged: 1 }]);
      const revs = (await p.as('e1-user').req('GET', '/api/subjects/E1/revisions')).json().items;
      expect(revs.at(-1)).toMatchObject({ key: 'physicalGoodsOnlineRetail', oldValue: 12_000_000_000, newValue: 13_000_000_000, by: 'rencheng-admin', reason: '四季度更正' });
      const log = (await p.as('sd-admin').req('GET', '/api/imports')).json();
      expect(log.items[0]).toMatchObject({ by: 'rencheng-admin', reason: '四季度更正' });
      expect(ids((await p.as('rencheng-admin').req('GET', '/api/imports')).json().items)).toEqual([log.items[0].id]);
    });

    it('the Excel template and a CSV pair import; a bad cell is named by sheet, row and column and nothing is written', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'duixian-api-'));
      const template = (await writeTemplate(dir, CORPUS_KNOWN)).find((f) => f.endsWith('.xlsx'))!;
      // the template's example enterprise is E1 with another USCC: renamed, so that the platform's E1 stays as it is
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(template);
      for (const sheet of ['主体(subjects)', '事实(facts)', '历史奖励(history)']) wb.getWorksheet(sheet)!.getCell('A2').value = 'T1';
      wb.getWorksheet('主体(subjects)')!.getCell('D2').value = '370102'; // in 济南, outside every matrix account but the province's
      const xlsx = join(dir, 'renamed.xlsx');
      await wb.xlsx.writeFile(xlsx);
      const before = await snapshot(p.store);
      const checked = await p.as('sd-admin').req('POST', '/api/imports?dryRun=true', readFileSync(xlsx), { 'content-type': XLSX });
      expect([checked.statusCode, checked.json().dryRun, checked.json().rows.subjects]).toEqual([200, true, 1]);
      expect(await snapshot(p.store)).toEqual(before); // a check writes nothing
      const ok = await p.as('sd-admin').req('POST', '/api/imports?name=template.xlsx', readFileSync(xlsx), { 'content-type': XLSX });
      expect([ok.statusCode, ok.json().subjects.added]).toEqual([200, 1]);
      const csv = await p.as('sd-admin').req('POST', '/api/imports', { csv: { subjects: '编号,类型,名称,区划代码\n370871,县（市、区）及功能区,济宁高新区,370871\n', facts: '主体编号,年度,指标,值,季度,来源\n370871,2023,网络零售额,"5,000万元",Q2,统计局\n' } });
      expect([csv.statusCode, csv.json().facts.added]).toEqual([200, 1]);
      wb.getWorksheet('事实(facts)')!.getCell('D2').value = '很多钱';
      const unchanged = await snapshot(p.store);
      const bad = await p.as('sd-admin').req('POST', '/api/imports', Buffer.from(await wb.xlsx.writeBuffer()), { 'content-type': XLSX });
      expect([bad.statusCode, bad.json().error.code]).toEqual([422, 'invalid-data']);
      expect(bad.json().error.details.map((d: { path: string }) => d.path)).toContain('事实(facts)!D2');
      const garbage = await p.as('sd-admin').req('POST', '/api/imports', Buffer.from('not a workbook'), { 'content-type': XLSX });
      expect(garbage.statusCode).toBe(422);
      expect(await snapshot(p.store)).toEqual(unchanged);
    });

    it('every bad-input kind leaves the database unchanged: invalid values, other jurisdictions, province settings, bad CSV', async () => {
      const before = await snapshot(p.store);
      const county = p.as('rencheng-admin');
      const badValue = platformData();
      badValue.facts[0].value = 'abc';
      const r1 = await p.as('sd-admin').req('POST', '/api/imports', badValue);
      expect([r1.statusCode, r1.json().error.details.map((d: { path: string }) => d.path)]).toEqual([422, ['facts[0].value']]);
      // the whole example as the county: 东营's and 兖州's enterprises, the regions, parameters and readings are not its to import
      const r2 = await county.req('POST', '/api/imports', platformData());
      expect([r2.statusCode, r2.json().error.code]).toEqual([403, 'outside-jurisdiction']);
      expect(r2.json().error.details.map((d: { path: string }) => d.path)).toEqual([
        'subjects[0].region', 'subjects[1].region', 'subjects[2].region', 'subjects[3].region', 'subjects[5].region', 'subjects[6].region',
        'parameters[0]', 'interpretations.I-pool',
      ]);
      // moving another county's enterprise into one's own county is refused too
      const moved = { format: 'duixian/v1', year: 2023, subjects: [{ ...platformData().subjects[6], region: '370811' }], facts: [] };
      const r3 = await county.req('POST', '/api/imports', moved);
      expect([r3.statusCode, r3.json().error.details[0].path]).toEqual([403, 'subjects[0].id']);
      const r4 = await county.req('POST', '/api/imports', { csv: { subjects: 'x' } });
      expect([r4.statusCode, r4.json().error.details[0].path]).toEqual([422, 'csv']);
      const loan = platformData();
      loan.facts.push({ subject: 'E1', year: 2023, key: 'loanAmount', value: '5万元' });
      const r5 = await p.as('sd-admin').req('POST', '/api/imports', loan);
      expect(r5.statusCode).toBe(422);
      expect(await snapshot(p.store)).toEqual(before);
    });

    it('two concurrent imports of the same file give one result', async () => {
      const d = { format: 'duixian/v1', year: 2023, subjects: [platformData().subjects[5]], facts: [{ subject: 'E2', year: 2023, key: 'onlineRetail', value: '4亿元' }] };
      const [a, b] = await Promise.all([p.as('sd-admin').req('POST', '/api/imports', d), p.as('dongying-admin').req('POST', '/api/imports', d)]);
      expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
      expect([a.json().importId, b.json().importId].filter((x) => x !== null)).toHaveLength(1);
      const facts = await p.store.db.selectFrom('facts').select('value').where('subject_id', '=', 'E2').where('key', '=', 'onlineRetail').execute();
      expect(facts.map((f) => Number(f.value))).toEqual([40_000_000_000]);
    });
  });

  describe('subjects', () => {
    it('each reader lists its own jurisdiction: the province all, a city its counties, a county its own, an enterprise itself', async () => {
      const list = async (who: Parameters<Platform['as']>[0]) => ids((await p.as(who).req('GET', '/api/subjects?pageSize=500')).json().items);
      expect(await list('sd-admin')).toEqual(['370000', '370800', '370871', 'CN', 'E1', 'E2', 'E3', 'T1']);
      expect(await list('jining-admin')).toEqual(['370800', '370871', 'E1', 'E3']);
      expect(await list('rencheng-admin')).toEqual(['E1']);
      expect(await list('e1-user')).toEqual(['E1']);
    });

    it('filters and pages: kind, region, search by name, id or USCC; the total is of the filter', async () => {
      const admin = p.as('sd-admin');
      const page = (await admin.req('GET', '/api/subjects?kind=enterprise&pageSize=2&page=2')).json();
      expect([page.total, page.page, ids(page.items)]).toEqual([4, 2, ['E3', 'T1']]);
      expect(ids((await admin.req('GET', '/api/subjects?region=370800')).json().items)).toEqual(['370800', '370871', 'E1', 'E3']);
      expect(ids((await admin.req('GET', `/api/subjects?q=${encodeURIComponent('兖州')}`)).json().items)).toEqual(['E3']);
      expect(ids((await admin.req('GET', `/api/subjects?q=${platformData().subjects[5].uscc}`)).json().items)).toEqual(['E2']);
      expect(ids((await admin.req('GET', `/api/subjects?q=${encodeURIComponent('%')}`)).json().items)).toEqual([]);
      const byRegion = (await admin.req('GET', '/api/subjects?kind=enterprise&sort=-region')).json().items.map((x: { region: string }) => x.region);
      expect(byRegion).toEqual([...byRegion].sort().reverse());
      expect(ids((await admin.req('GET', '/api/subjects?kind=enterprise&sort=-id')).json().items)).toEqual(['T1', 'E3', 'E2', 'E1']);
      expect((await admin.req('GET', '/api/subjects?sort=size')).statusCode).toBe(400);
      expect((await admin.req('GET', '/api/subjects?page=0')).statusCode).toBe(400);
      expect((await admin.req('GET', '/api/subjects?pageSize=501')).statusCode).toBe(400);
    });

    it('one subject: tags with their history, facts with source, award history; unknown is 404', async () => {
      const r = (await p.as('e1-user').req('GET', '/api/subjects/E1')).json();
      expect(r.subject).toMatchObject({ id: 'E1', region: '370811' });
      expect(r.tags.map((t: { tag: string }) => t.tag)).toEqual(['inStatsLibrary', 'tradeCirculation']);
      expect(r.facts.find((f: { key: string }) => f.key === 'contestEventCost')).toMatchObject({ year: 2023, item: '5月直播大赛', value: 7_000_000 });
      expect(r.history).toEqual([{ rule: 'jining-2022-54/2.retail-2022', year: 2022, amount: 5_000_000 }]);
      expect((await p.as('sd-admin').req('GET', '/api/subjects/NOPE')).statusCode).toBe(404);
    });

    it('政策计算器 for a stored enterprise: amounts, and the gap for what it misses', async () => {
      const d = { format: 'duixian/v1', year: 2023, subjects: [platformData().subjects[6]], facts: [{ subject: 'E3', year: 2023, key: 'physicalGoodsOnlineRetail', value: '8800万元', source: '统计局' }] };
      expect((await p.as('sd-admin').req('POST', '/api/imports', d)).statusCode).toBe(200);
      const r = await p.as('yanzhou-admin').req('GET', '/api/subjects/E3/match?year=2023');
      const matches = r.json().matches as { rule: string; status: string; amount: string | null; failing: string[] }[];
      expect(matches.find((m) => m.rule === 'sd-2022-42/2.traffic')).toMatchObject({ status: 'not-eligible', failing: ['实物商品网络零售额 8,800万元 < 1亿元（以上，含本数），还差 1,200万元 达到 1亿元'] });
      expect(matches.find((m) => m.rule === 'jining-2022-54/2.retail-2023')).toMatchObject({ status: 'eligible', amount: '100000.00' });
      expect((await p.as('yanzhou-admin').req('GET', '/api/subjects/E3/match')).statusCode).toBe(400);
    });
  });

  describe('runs', () => {
    it('a run stores its hashes and rows; re-running unchanged data reproduces it exactly', async () => {
      const a = await p.as('sd-admin').req('POST', '/api/runs', { year: 2023 });
      const b = await p.as('sd-admin').req('POST', '/api/runs', { year: 2023 });
      expect([a.statusCode, a.json().kind, a.json().official]).toEqual([201, 'official', true]);
      expect([b.json().inputHash, b.json().resultHash]).toEqual([a.json().inputHash, a.json().resultHash]);
      expect(a.json().id).not.toBe(b.json().id);
      const run = (await p.as('sd-admin').req('GET', `/api/runs/${a.json().id}`)).json();
      expect(run).toMatchObject({ year: 2023, by: 'sd-admin', scope: '370000', corpusVersion: a.json().corpusVersion });
      expect(run.counts.award).toBe(a.json().awards);
    });

    it('a run evaluates the year the server holds in memory only while the database still holds it: an import elsewhere is seen at once', async () => {
      const direct = () => createRun(p.store, CORPUS, { year: 2023, by: 'direct' }); // a fresh read of the database
      const before = (await p.as('sd-admin').req('POST', '/api/runs', { year: 2023 })).json();
      expect([before.inputHash, before.resultHash]).toEqual(Object.values(pick(await direct())));
      // another process imports (straight into the store: this server is not told)
      const d = readObject({ format: 'duixian/v1', year: 2023, subjects: [platformData().subjects[5]], facts: [{ subject: 'E2', year: 2023, key: 'physicalGoodsOnlineRetail', value: '3.5亿元', source: '统计局' }] }, KNOWN);
      if (!d.ok) throw new Error(JSON.stringify(d.problems));
      expect((await importDataset(p.store, d.dataset, { by: 'another-process', reason: 'test' })).importId).not.toBeNull();
      const after = (await p.as('sd-admin').req('POST', '/api/runs', { year: 2023 })).json();
      expect(after.inputHash).not.toBe(before.inputHash);
      expect([after.inputHash, after.resultHash]).toEqual(Object.values(pick(await direct())));
    });

    it('a long request as a job (Prefer: respond-async): 202 at once, its progress, then the response it would have had; its owner only', async () => {
      const async = { prefer: 'respond-async' };
      const admin = p.as('sd-admin');
      const follow = async (who: typeof admin, started: { statusCode: number; headers: Record<string, unknown>; json(): { id: string } }) => {
        expect([started.statusCode, started.headers.location, started.headers['preference-applied']]).toEqual([202, `/api/v1/jobs/${started.json().id}`, 'respond-async']);
        for (let k = 0; k < 200; k++) {
          const job = (await who.req('GET', `/api/jobs/${started.json().id}`)).json();
          if (job.state !== 'running') return job;
          await new Promise((r) => setTimeout(r, 25));
        }
        throw new Error('the job did not end');
      };
      const waited = (await admin.req('POST', '/api/runs', { year: 2023 })).json();
      const started = await admin.req('POST', '/api/runs', { year: 2023 }, async);
      const run = await follow(admin, started);
      expect(run).toMatchObject({ kind: 'run', state: 'done', status: 201, result: { inputHash: waited.inputHash, resultHash: waited.resultHash, official: true } });
      const rows = run.result.awards + run.result.withheld + run.result.missing;
      expect(run.progress).toEqual({ phase: 'store', done: rows, total: rows }); // the last report: every row stored
      // another account (even a province administrator) cannot see it; an unknown id is the same 404
      const other = await p.as('sd-auditor').req('GET', `/api/jobs/${started.json().id}`);
      const unknown = await admin.req('GET', '/api/jobs/00000000-0000-0000-0000-000000000000');
      expect([other.statusCode, other.json().error.code, unknown.statusCode]).toEqual([404, 'not-found', 404]);
      // a failure ends the job with the error the request would have had, problems and all, and writes nothing
      const bad = { format: 'duixian/v1', year: 2023, subjects: [platformData().subjects[4]], facts: [{ subject: 'E1', year: 2023, key: 'physicalGoodsOnlineRetail', value: '很多' }] };
      const failed = await follow(admin, await admin.req('POST', '/api/imports', bad, async));
      expect([failed.state, failed.status, failed.error.code, failed.error.details[0].path]).toEqual(['failed', 422, 'invalid-data', 'facts[0].value']);
      // E2 as the earlier test left it (or revised, when this test runs alone): one fact either way
      const good = { format: 'duixian/v1', year: 2023, subjects: [platformData().subjects[5]], facts: [{ subject: 'E2', year: 2023, key: 'physicalGoodsOnlineRetail', value: '3.5亿元', source: '统计局' }] };
      const imported = await follow(admin, await admin.req('POST', '/api/imports?reason=job', good, async));
      const { added, revised, unchanged } = imported.result.facts;
      expect([imported.state, imported.status, added + revised + unchanged]).toEqual(['done', 200, 1]);
      expect(imported.progress).toEqual({ phase: 'write', done: 1, total: 1 });
    });

    it('the simulator: draft changes make a simulation; it compares with the official run and becomes official only when promoted', async () => {
      const official = await runAs(p, 'sd-admin');
      const sim = await p.as('sd-admin').req('POST', '/api/runs', { year: 2023, changes: [{ rule: 'sd-2022-42/2.traffic', key: 'pay', value: '3元' }] });
      expect([sim.statusCode, sim.json().kind, sim.json().official]).toEqual([201, 'simulation', false]);
      const cmp = (await p.as('jining-admin').req('GET', `/api/runs/${official}/compare/${sim.json().id}`)).json();
      expect(cmp.total.delta).not.toBe('0.00');
      expect(cmp.gainers.length + cmp.losers.length).toBeGreaterThan(0);
      const promoted = await p.as('sd-admin').req('POST', `/api/runs/${sim.json().id}/promote`, { reason: '2024年3月局务会审定' });
      expect([promoted.statusCode, promoted.json().official, promoted.json().kind]).toEqual([200, true, 'simulation']);
      const twice = await p.as('sd-admin').req('POST', `/api/runs/${sim.json().id}/promote`, { reason: '再次' });
      expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'already-official']);
    });

    it('a run may carry its own parameters: recorded with it, part of its input hash, checked like an imported sheet', async () => {
      const plain = await p.as('sd-admin').req('POST', '/api/runs', { year: 2023 });
      const own = await p.as('sd-admin').req('POST', '/api/runs', { year: 2023, parameters: [{ rule: 'jinan-2021-cbec/2.2.park', key: 'amount', value: '80万元' }] });
      expect(own.statusCode).toBe(201);
      expect(own.json().inputHash).not.toBe(plain.json().inputHash);
      const stored = (await p.as('sd-admin').req('GET', `/api/runs/${own.json().id}`)).json();
      expect(stored.options.parameters).toEqual([{ rule: 'jinan-2021-cbec/2.2.park', year: 2023, key: 'amount', value: 80_000_000 }]);
      const bad = await p.as('sd-admin').req('POST', '/api/runs', { year: 2023, parameters: [{ rule: 'jinan-2021-cbec/2.2.park', key: 'amount', value: '很多' }] });
      expect([bad.statusCode, bad.json().error.details.map((d: { path: string }) => d.path)]).toEqual([422, ['parameters[0].value']]);
    });

    it('bad run requests are refused with the field named, and write nothing', async () => {
      const before = await p.store.db.selectFrom('runs').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      const admin = p.as('sd-admin');
      const draft = await admin.req('POST', '/api/runs', { year: 2023, changes: [{ rule: 'sd-2022-42/2.traffic', key: 'threshold', value: '很多' }] });
      expect([draft.statusCode, draft.json().error.code]).toEqual([422, 'invalid-draft']);
      const reading = await admin.req('POST', '/api/runs', { year: 2023, interpretations: { 'I-pool': 'biggest' } });
      expect([reading.statusCode, reading.json().error.details[0].path]).toEqual([422, 'interpretations.I-pool']);
      // documents are the corpus in force's, checked per request (not a schema enum fixed at start): 422 naming the entry
      const unknown = await admin.req('POST', '/api/runs', { year: 2023, documents: ['nope'] });
      expect([unknown.statusCode, unknown.json().error.code, unknown.json().error.details[0].path]).toEqual([422, 'invalid-run', 'documents[0]']);
      expect((await admin.req('POST', '/api/runs', {})).statusCode).toBe(400);
      expect((await admin.req('GET', '/api/runs/abc')).statusCode).toBe(400);
      expect((await admin.req('GET', '/api/runs/999999')).statusCode).toBe(404);
      const after = await p.store.db.selectFrom('runs').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('the award list: only the rows of one\'s jurisdiction, filters, totals by funder and city, pages', async () => {
      const run = await runAs(p, 'sd-admin');
      const all = (await p.as('sd-admin').req('GET', `/api/runs/${run}/awards?pageSize=500`)).json();
      const subjects = new Set(all.items.map((r: { subject: string }) => r.subject));
      expect([...subjects]).toEqual(expect.arrayContaining(['E1', 'E3']));
      const county = (await p.as('rencheng-admin').req('GET', `/api/runs/${run}/awards?pageSize=500`)).json();
      expect(new Set(county.items.map((r: { subject: string }) => r.subject))).toEqual(new Set(['E1']));
      const e1Money = county.items.filter((r: { type: string }) => r.type === 'money').reduce((n: bigint, r: { amount: string }) => n + BigInt(r.amount.replace('.', '')), 0n);
      expect(Object.values(county.totals.byCity)).toEqual([`${e1Money / 100n}.${String(e1Money % 100n).padStart(2, '0')}`]);
      const mine = (await p.as('e1-user').req('GET', `/api/runs/${run}/awards?pageSize=500`)).json();
      expect(mine.items).toEqual(county.items);
      const rule = 'jining-2022-54/2.retail-2023';
      const byRule = (await p.as('sd-admin').req('GET', `/api/runs/${run}/awards?rule=${rule}`)).json();
      expect(byRule.items.every((r: { rule: string }) => r.rule === rule)).toBe(true);
      expect(byRule.total).toBe(all.items.filter((r: { rule: string }) => r.rule === rule).length);
      const region = (await p.as('sd-admin').req('GET', `/api/runs/${run}/awards?region=370812`)).json();
      expect(new Set(region.items.map((r: { subject: string }) => r.subject))).toEqual(new Set(['E3']));
      for (const f of ['document=jining-2022-54', 'funder=370800', 'type=money']) {
        const [k, v] = f.split('=') as [string, string];
        const got = (await p.as('sd-admin').req('GET', `/api/runs/${run}/awards?${f}&pageSize=500`)).json().items;
        expect(got.length).toBeGreaterThan(0);
        expect(got.every((r: Record<string, string>) => r[k] === v)).toBe(true);
      }
      const paged = (await p.as('sd-admin').req('GET', `/api/runs/${run}/awards?pageSize=1&page=2`)).json();
      expect([paged.total, paged.items]).toEqual([all.total, [all.items[1]]]);
      const fen = (r: { amount: string | null }) => (r.amount === null ? null : BigInt(r.amount.replace('.', '')));
      const desc = (await p.as('sd-admin').req('GET', `/api/runs/${run}/awards?sort=-amount&pageSize=500`)).json().items.map(fen).filter((v: bigint | null) => v !== null);
      expect(desc.length).toBeGreaterThan(1);
      expect(desc.every((v: bigint, k: number) => k === 0 || desc[k - 1] >= v)).toBe(true);
      const asc = (await p.as('sd-admin').req('GET', `/api/runs/${run}/awards?sort=amount&pageSize=500`)).json().items.map(fen).filter((v: bigint | null) => v !== null);
      expect(asc).toEqual([...desc].reverse().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect((await p.as('sd-admin').req('GET', `/api/runs/${run}/awards?sort=size`)).statusCode).toBe(400);
      const withheld = (await p.as('sd-admin').req('GET', `/api/runs/${run}/awards?section=missing`)).json();
      expect(withheld.totals).toBeUndefined();
    });

    it('exports the 公示 list as CSV and .xlsx with the document, article, subject, USCC, region, figures and amount', async () => {
      const run = await runAs(p, 'sd-admin');
      const csv = await p.as('jining-admin').req('GET', `/api/runs/${run}/awards?format=csv&rule=jining-2022-54/2.retail-2023`);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toMatch(/attachment; filename="duixian-run-\d+-2023\.csv"/);
      const lines = csv.body.replace(/^\ufeff/, '').trim().split('\r\n');
      expect(lines[0]).toBe('文件,文号,条款,奖励项目,主体名称,统一社会信用代码,所在地区,依据指标,奖励类型,金额（元）,资金来源');
      expect(lines.slice(1).some((l) => l.includes(platformData().subjects[4].uscc) && l.includes('任城区（370811）') && l.includes('济政字〔2022〕54号'))).toBe(true);
      const xlsx = await p.as('jining-admin').req('GET', `/api/runs/${run}/awards?format=xlsx`);
      expect(xlsx.headers['content-type']).toBe(XLSX);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('公示名单')!;
      expect(sheet.getRow(3).getCell(6).value).toBe('统一社会信用代码');
      // the header in row 3 (the notice's title above it), one row per award, then the 合计 row
      expect(sheet.rowCount - 4).toBe((await p.as('jining-admin').req('GET', `/api/runs/${run}/awards?pageSize=500`)).json().total);
      expect(sheet.getRow(sheet.rowCount).getCell(1).value).toBe('合计');
    });
  });

  describe('targets, monitoring, audit', () => {
    it('targets: actual value, progress and the projection to the due year, for the caller\'s documents', async () => {
      const d = {
        format: 'duixian/v1', year: 2023, subjects: [platformData().subjects[1]],
        facts: [{ subject: '370000', year: 2022, key: 'onlineRetail', value: '9000亿元' }, { subject: '370000', year: 2023, key: 'onlineRetail', value: '9500亿元' }],
      };
      expect((await p.as('sd-admin').req('POST', '/api/imports', d)).statusCode).toBe(200);
      const items = (await p.as('jining-admin').req('GET', '/api/targets?year=2023')).json().items as { target: string; document: string; status: string; actual: string | null }[];
      expect(items.find((t) => t.target === 'sd-2022-42/T.online-retail')).toMatchObject({ status: 'off-track', actual: '950000000000.00' });
      expect(new Set(items.map((t) => t.document))).toEqual(targetDocumentsSeenFrom('370800')); // today: the province's only, 济宁's document sets no quantified targets
      const dongying = (await p.as('dongying-admin').req('GET', '/api/targets?year=2023')).json().items as { document: string }[];
      expect(new Set(dongying.map((t) => t.document))).toEqual(targetDocumentsSeenFrom('370500'));
      expect(targetDocumentsSeenFrom('370500').size).toBeLessThan(new Set(TARGETS.map((t) => t.document)).size); // so that the filter is tested
    });

    it('the quarterly city report: the cities of one\'s jurisdiction, ranked among all sixteen', async () => {
      const d = {
        format: 'duixian/v1', year: 2023,
        subjects: [platformData().subjects[2], { id: '370500', kind: 'city', name: '东营市', region: '370500' }],
        facts: [
          { subject: '370800', year: 2023, quarter: 1, key: 'onlineRetail', value: '100亿元' },
          { subject: '370500', year: 2023, quarter: 1, key: 'onlineRetail', value: '120亿元' },
        ],
      };
      expect((await p.as('sd-admin').req('POST', '/api/imports', d)).statusCode).toBe(200);
      const all = (await p.as('sd-admin').req('GET', '/api/monitoring?year=2023&quarter=1')).json().cities;
      expect(all).toHaveLength(16);
      const county = (await p.as('rencheng-admin').req('GET', '/api/monitoring?year=2023&quarter=1')).json().cities;
      expect(county.map((c: { city: string }) => c.city)).toEqual(['370800']);
      expect(county[0].onlineRetail).toMatchObject({ value: '10000000000.00', rank: 2 });
      expect((await p.as('sd-admin').req('GET', '/api/monitoring?year=2023&quarter=5')).statusCode).toBe(400);
    });

    it('every write above is in the audit log with its actor, and the chain verifies', async () => {
      const log = (await p.as('sd-auditor').req('GET', '/api/audit?pageSize=500')).json();
      const actions = new Set(log.items.map((e: { action: string }) => e.action));
      expect([...actions]).toEqual(expect.arrayContaining(['import', 'run.create', 'run.promote', 'account.create', 'account.password', 'session.open', 'session.close']));
      expect(log.items.find((e: { action: string }) => e.action === 'run.promote')).toMatchObject({ actor: 'sd-admin' });
      expect((await p.as('sd-auditor').req('GET', '/api/audit/verify')).json()).toEqual({ ok: true, entries: log.total });
      expect((await p.as('jining-auditor').req('GET', '/api/audit')).statusCode).toBe(403);
    });
  });
});
