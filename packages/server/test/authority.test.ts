/**
 * Authority and abuse (issue 13): only the law's money, decided by those entitled to decide it.
 * Each case is an attack an ordinary account made on the platform before these checks existed:
 * taking over another county's enterprise by its USCC, making a county's own figures official,
 * negative money, and approving one's own proposal with a second account. Run against PGlite,
 * and PostgreSQL when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { usccCheckChar } from '@duixian/engine';
import { createAccount, enlist, openSession, type Store } from '@duixian/store';
import { CHINA_2023_2024 } from '@duixian/workflow';
import { BACKENDS } from '../../store/test/backends.js';
import { PASSWORD, platform, sender, USCC_E2, USCC_E3, type Platform } from './platform.js';

const uscc = (first17: string) => first17 + usccCheckChar(first17)!;
const LOGISTICS = { rule: 'jinan-2021-cbec/4.3.logistics', key: 'amount', value: '1000万元' };

const subject = (id: string, region: string, code: string) => ({ id, kind: 'enterprise', name: `${id}电商有限公司`, region, uscc: code, tags: [] });
const file = (subjects: unknown[], extra: Record<string, unknown> = {}) => ({ format: 'duixian/v1', year: 2023, subjects, facts: [], ...extra });
const stored = async (store: Store, id: string) => (await store.db.selectFrom('subjects').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

describe.each(BACKENDS)('authority and abuse on $name', (backend) => {
  let p: Platform;
  beforeAll(async () => {
    p = await platform(backend);
  }, 120_000);
  afterAll(async () => {
    await p?.dispose();
  });

  /** Requests as an account made in the test (not one of the platform's). */
  async function signedIn(username: string) {
    const a = (await p.store.db.selectFrom('accounts').select(['id', 'username', 'role', 'region', 'uscc', 'bank', 'must_change_password']).where('username', '=', username).executeTakeFirstOrThrow());
    const s = await openSession(p.store, { id: String(a.id), username: a.username, role: a.role, region: a.region, uscc: a.uscc, bank: a.bank, mustChangePassword: false }, 3600_000, 'test');
    return sender(p.app, s.token, s.csrf);
  }

  describe('a USCC names one subject', () => {
    it('a county cannot import a subject carrying another county\'s enterprise\'s USCC, and learns nothing of it', async () => {
      const r = await p.as('rencheng-admin').req('POST', '/api/imports?reason=t', file([subject('X1', '370811', USCC_E2)]));
      expect(r.statusCode).toBe(422);
      const [problem, ...more] = r.json().error.details;
      expect(more).toEqual([]);
      expect(problem.path).toBe('subjects[0].uscc');
      expect(problem.message).toContain(USCC_E2);
      expect(problem.message).toContain('outside your jurisdiction');
      expect(problem.message.replace(USCC_E2, '')).not.toMatch(/E2|370502|东营/);
      expect(await stored(p.store, 'X1')).toBe(false);
      // and so no account can be bound to the code through it
      const bind = await p.as('rencheng-admin').req('POST', '/api/accounts', { username: 'x1-user', role: 'enterprise', uscc: USCC_E2 });
      expect(bind.statusCode).toBe(403);
      expect(await p.store.db.selectFrom('accounts').select('id').where('username', '=', 'x1-user').executeTakeFirst()).toBeUndefined();
    });

    it('the province is told which subject holds the code', async () => {
      const r = await p.as('sd-admin').req('POST', '/api/imports?reason=t', file([subject('X2', '370811', USCC_E2)]));
      expect(r.statusCode).toBe(422);
      expect(r.json().error.details[0].message).toMatch(/E2 \(370502\)/);
      expect(await stored(p.store, 'X2')).toBe(false);
    });

    it('a file cannot give one code to two subjects', async () => {
      const code = uscc('91370811MA3C0A001');
      const r = await p.as('rencheng-admin').req('POST', '/api/imports?reason=t', file([subject('X3', '370811', code), subject('X4', '370811', code)]));
      expect(r.statusCode).toBe(422);
      expect(r.json().error.details).toEqual([{ path: 'subjects[1].uscc', message: expect.stringContaining('subjects[0]') }]);
      expect(await stored(p.store, 'X3')).toBe(false);
    });

    it('one import may move codes between its own subjects (the constraint is checked at commit)', async () => {
      const [a, b] = [uscc('91370811MA3C0A002'), uscc('91370811MA3C0A003')];
      expect((await p.as('rencheng-admin').req('POST', '/api/imports?reason=t', file([subject('S1', '370811', a), subject('S2', '370811', b)]))).statusCode).toBe(200);
      expect((await p.as('rencheng-admin').req('POST', '/api/imports?reason=swap', file([subject('S1', '370811', b), subject('S2', '370811', a)]))).statusCode).toBe(200);
      const rows = await p.store.db.selectFrom('subjects').select(['id', 'uscc']).where('id', 'in', ['S1', 'S2']).orderBy('id').execute();
      expect(rows).toEqual([{ id: 'S1', uscc: b }, { id: 'S2', uscc: a }]);
    });

    it('the database refuses a second subject with the code, whoever writes it', async () => {
      const { id } = await p.store.db.selectFrom('imports').select('id').limit(1).executeTakeFirstOrThrow();
      await expect(p.store.db.insertInto('subjects').values({ id: 'X5', kind: 'enterprise', name: 'X5', region: '370811', uscc: USCC_E3, import_id: id }).execute()).rejects.toThrow(/subjects_uscc_unique/);
      expect(await stored(p.store, 'X5')).toBe(false);
    });

    it('an account binds only to a stored subject\'s code, for the province too', async () => {
      const r = await p.as('sd-admin').req('POST', '/api/accounts', { username: 'ghost-user', role: 'enterprise', uscc: uscc('91370811MA3C0A004') });
      expect(r.statusCode).toBe(422);
      expect(r.json().error.code).toBe('unknown-subject');
    });
  });

  describe('only the province sets the law\'s figures', () => {
    it('a county\'s own parameters make a simulation that it can neither enlist nor promote', async () => {
      const r = await p.as('rencheng-admin').req('POST', '/api/runs', { year: 2023, parameters: [LOGISTICS] });
      expect(r.statusCode).toBe(201);
      const run = r.json();
      expect([run.kind, run.official]).toEqual(['simulation', false]);
      expect(run.deviations).toEqual([{ kind: 'parameter', rule: LOGISTICS.rule, year: 2023, key: 'amount', value: 10_000_000_00 }]);
      const enlisted = await p.as('rencheng-admin').req('POST', `/api/runs/${run.id}/enlist`);
      expect([enlisted.statusCode, enlisted.json().error.code]).toEqual([409, 'not-official']);
      for (const who of ['rencheng-admin', 'jining-admin'] as const) {
        const promoted = await p.as(who).req('POST', `/api/runs/${run.id}/promote`, { reason: '局务会审定' });
        expect([who, promoted.statusCode, promoted.json().error.code]).toEqual([who, 403, 'province-only']);
      }
      expect(await p.store.db.selectFrom('run_promotions').select('run_id').where('run_id', '=', run.id).executeTakeFirst()).toBeUndefined();
      expect((await p.as('e1-user').req('GET', `/api/runs/${run.id}`)).statusCode).toBe(403); // not shown to enterprises as official
      // the province may make it official, with who and why on record
      const byProvince = await p.as('sd-admin').req('POST', `/api/runs/${run.id}/promote`, { reason: '省厅审定：物流奖励标准' });
      expect([byProvince.statusCode, byProvince.json().official]).toEqual([200, true]);
      expect(await p.store.db.selectFrom('run_promotions').select(['by', 'reason']).where('run_id', '=', run.id).execute()).toEqual([{ by: 'sd-admin', reason: '省厅审定：物流奖励标准' }]);
    });

    it('a city\'s readings and draft changes make simulations only the province promotes', async () => {
      const readings = await p.as('jining-admin').req('POST', '/api/runs', { year: 2023, interpretations: { 'I-pool': 'largest-first' } });
      expect([readings.json().kind, readings.json().deviations]).toEqual(['simulation', [{ kind: 'reading', id: 'I-pool', value: 'largest-first' }]]);
      const draft = await p.as('jining-admin').req('POST', '/api/runs', { year: 2023, changes: [{ rule: 'sd-2022-42/2.traffic', key: 'pay', value: '200元' }] });
      expect(draft.json().deviations).toEqual([{ kind: 'change', rule: 'sd-2022-42/2.traffic', key: 'pay', value: '200元' }]);
      for (const id of [readings.json().id, draft.json().id]) {
        expect((await p.as('jining-admin').req('POST', `/api/runs/${id}/promote`, { reason: '局务会审定' })).json().error.code).toBe('province-only');
      }
    });

    it('a simulation without a change is refused, naming what to change, and nothing is kept; the province\'s figures are official at once', async () => {
      const runs = async () => (await p.store.db.selectFrom('runs').select('id').execute()).length;
      const before = await runs();
      for (const who of ['rencheng-admin', 'sd-admin'] as const) {
        const plain = await p.as(who).req('POST', '/api/runs', { year: 2023, simulation: true });
        expect([plain.statusCode, plain.json().error.code, plain.json().error.details[0].path]).toEqual([422, 'nothing-changed', 'changes']);
      }
      expect(await runs()).toBe(before);
      const province = await p.as('sd-admin').req('POST', '/api/runs', { year: 2023, parameters: [LOGISTICS] });
      expect([province.json().kind, province.json().deviations.length]).toEqual(['official', 1]);
      const read = await p.as('sd-admin').req('GET', `/api/runs/${province.json().id}`);
      expect(read.json().deviations).toEqual([{ kind: 'parameter', rule: LOGISTICS.rule, year: 2023, key: 'amount', value: 10_000_000_00 }]);
    });
  });

  describe('no negative or absurd money', () => {
    /** a rule that reads each kind of parameter: a pending amount, a city's share, the N of a top-N */
    const READS = { amount: LOGISTICS.rule, cityShare: 'dongying-2020-9/3.5.promotion', topN: 'sd-2022-42/8.park-recommendation' } as const;

    it.each([
      ['-100万元', 'amount', /negative/],
      ['200亿元', 'amount', /100亿元/],
      ['150%', 'cityShare', /100%/],
      ['0', 'topN', /at least 1/],
    ] as const)('a run parameter %s (%s) is refused, naming the field, and no run is made', async (value, key, why) => {
      const before = await p.store.db.selectFrom('runs').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      const r = await p.as('sd-admin').req('POST', '/api/runs', { year: 2023, parameters: [{ rule: READS[key], key, value }] });
      expect(r.statusCode).toBe(422);
      expect(r.json().error.details).toEqual([{ path: 'parameters[0].value', message: expect.stringMatching(why) }]);
      const after = await p.store.db.selectFrom('runs').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('the bounds themselves pass: 0元, 100亿元, 100%, 1', async () => {
      for (const [key, value] of [['amount', '0元'], ['amount', '100亿元'], ['cityShare', '100%'], ['topN', '1']] as const) {
        const r = await p.as('sd-admin').req('POST', '/api/imports?reason=t&dryRun=true', file([], { parameters: [{ rule: READS[key], year: 2023, key, value }] }));
        expect([key, value, r.statusCode]).toEqual([key, value, 200]);
      }
    });

    it('a parameter the rule does not read is refused at a run, listing what it reads', async () => {
      const r = await p.as('sd-admin').req('POST', '/api/runs', { year: 2023, parameters: [{ rule: LOGISTICS.rule, key: 'cap', value: '1万元' }] });
      expect([r.statusCode, r.json().error.details]).toEqual([422, [{ path: 'parameters[0].key', message: expect.stringMatching(/amount/) }]]);
    });

    it('an imported negative parameter is refused too', async () => {
      const r = await p.as('sd-admin').req('POST', '/api/imports?reason=t', file([], { parameters: [{ rule: LOGISTICS.rule, year: 2023, key: 'amount', value: '-100万元' }] }));
      expect([r.statusCode, r.json().error.details[0].path]).toEqual([422, 'parameters[0].value']);
    });

    it('budgets and payments take no negative amount, and payments are dated in the award\'s year or after, never ahead', async () => {
      expect((await p.as('sd-admin').req('POST', '/api/budgets', { document: 'sd-2022-42', funder: '370000', year: 2023, total: '-1万元' })).json().error.details).toEqual([{ path: 'total', message: expect.stringMatching(/zero or more/) }]);
      const id = await entry(p.store, 'E1', '370811');
      const pay = (paidOn: string, amount = '1元') => p.as('sd-admin').req('POST', '/api/disbursements', { application: id, orderNo: 'N1', paidOn, amount });
      for (const amount of ['0元', '-1元']) expect((await pay('2023-10-20', amount)).json().error.details[0].path).toBe('amount');
      expect((await pay('2022-12-31')).json().error.details).toEqual([{ path: 'paidOn', message: expect.stringMatching(/before the award's year 2023/) }]);
      expect((await pay('2099-01-01')).json().error.details).toEqual([{ path: 'paidOn', message: expect.stringMatching(/in the future/) }]);
      // the first day of the year passes the date check; the award is not final, so the payment is refused for that
      expect((await pay('2023-01-01')).json().error.code).not.toBe('invalid-date');
    });
  });

  describe('four eyes mean two people', () => {
    /** a blacklist entry of an enterprise not stored (yet), in 任城 */
    const propose = (send: Awaited<ReturnType<typeof signedIn>>, name: string, code: string) =>
      send('POST', '/api/lists', { list: 'black', name, uscc: code, region: '370811', reason: '严重失信', validFrom: '2023-01-01' });
    const review = async (send: Awaited<ReturnType<typeof signedIn>>, id: string) => {
      const { version } = (await p.as('sd-admin').req('GET', `/api/lists/${id}`)).json();
      return send('POST', `/api/lists/${id}/review`, { approve: true, version });
    };

    it('a second account made by the proposer (or by one it made) does not approve its proposal', async () => {
      await createAccount(p.store, { username: 'rencheng-2', password: PASSWORD, role: 'county-admin', region: '370811' }, 'rencheng-admin', false);
      await createAccount(p.store, { username: 'rencheng-3', password: PASSWORD, role: 'county-admin', region: '370811' }, 'rencheng-2', false);
      const first = await signedIn('rencheng-admin');
      const proposed = (await propose(first, '失信示例一有限公司', uscc('91370811MA3C0B001'))).json();
      for (const puppet of ['rencheng-2', 'rencheng-3']) {
        const r = await review(await signedIn(puppet), proposed.id);
        expect([puppet, r.statusCode, r.json().error.code]).toEqual([puppet, 403, 'proposer-created-approver']);
      }
      expect((await p.as('sd-admin').req('GET', `/api/lists/${proposed.id}`)).json().state).toBe('pending');
      // another person of its region or above does
      expect((await review(await signedIn('jining-admin'), proposed.id)).json().state).toBe('active');
    });

    it('the creator of a new account does not approve its proposals until it is 30 days old', async () => {
      const second = await signedIn('rencheng-2');
      const young = (await propose(second, '失信示例二有限公司', uscc('91370811MA3C0B002'))).json();
      const r = await review(await signedIn('rencheng-admin'), young.id);
      expect([r.statusCode, r.json().error.code]).toEqual([403, 'approver-created-proposer']);
      await sql`update accounts set created_at = now() - interval '29 days' where username = 'rencheng-2'`.execute(p.store.db);
      expect((await review(await signedIn('rencheng-admin'), young.id)).json().error.code).toBe('approver-created-proposer');
      await sql`update accounts set created_at = now() - interval '31 days' where username = 'rencheng-2'`.execute(p.store.db);
      expect((await review(await signedIn('rencheng-admin'), young.id)).json().state).toBe('active');
    });

    it('a city sets neither a county\'s budget nor pays a county-funded award; the county and the province do', async () => {
      const budget = (who: 'jining-admin' | 'rencheng-admin' | 'sd-admin', funder: string) =>
        p.as(who).req('POST', '/api/budgets', { document: 'sd-2022-42', funder, year: 2024, total: '10万元' });
      expect([(await budget('jining-admin', '370811')).statusCode, (await budget('jining-admin', '370811')).json().error.code]).toEqual([403, 'outside-jurisdiction']);
      expect((await budget('jining-admin', '370800')).statusCode).toBe(200);
      expect((await budget('rencheng-admin', '370811')).statusCode).toBe(200);
      expect((await budget('sd-admin', '370811')).statusCode).toBe(200);
      const id = await entry(p.store, 'E1', '370811');
      const paid = await p.as('jining-admin').req('POST', '/api/disbursements', { application: id, orderNo: 'C1', paidOn: '2023-10-20', amount: '1元' });
      expect([paid.statusCode, paid.json().error.code]).toEqual([403, 'outside-jurisdiction']);
    });
  });
});

/** A 免申即享 entry of `subject`'s, funded by its county, on the review list (made once); its id. */
async function entry(store: Store, subject: string, county: string): Promise<string> {
  await enlist(store, [{
    subjectId: subject, rule: 'sd-2022-42/2.traffic', document: 'sd-2022-42', year: 2023, chain: ['county', 'city', 'province'], region: county, runId: null,
    decided: { fen: 100, ceiling: false, funder: county, explanation: null },
  }], 'test', '2023-09-01', CHINA_2023_2024);
  const row = await store.db.selectFrom('applications').select('id').where('subject_id', '=', subject).where('rule', '=', 'sd-2022-42/2.traffic').executeTakeFirstOrThrow();
  return String(row.id);
}
