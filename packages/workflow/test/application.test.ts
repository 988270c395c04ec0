import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APPLICATION_ACTIONS, APPLICATION_STATES, CHINA_2023_2024 as CN, STATE_NAMES, TERMINAL_STATES, TRANSITIONS,
  approvedAmount, availableActions, deadlineStatus, initialState, reviewChain, reviewDue, transition,
  type ApplicationAction, type ApplicationState, type Level, type Role,
} from '../src/index.js';

const ROLES: readonly Role[] = ['enterprise', 'county-admin', 'city-admin', 'province-admin', 'auditor', 'bank'];
const CHAINS: readonly (readonly Level[])[] = [['county'], ['county', 'city'], ['county', 'city', 'province']];
const REASONS: readonly (readonly string[] | undefined)[] = [undefined, [], [''], ['  '], ['材料不全，请补充发票']];

type Expected = { ok: true; to: ApplicationState } | { ok: false; code: string };

/**
 * The rules of the brief, written again without the table: who does what from where.
 * Checked in this order: the action exists from the state (not-allowed), the role is of the
 * right kind (not-your-role), an administrator is of the right level (wrong-level), a reason.
 */
function expected(state: ApplicationState, action: ApplicationAction, role: Role, chain: readonly Level[], reasons?: readonly string[]): Expected {
  const no = (code: string): Expected => ({ ok: false, code });
  const issuer = chain[chain.length - 1];
  const admin = role === 'county-admin' ? 'county' : role === 'city-admin' ? 'city' : role === 'province-admin' ? 'province' : null;
  const reasoned = (reasons ?? []).some((r) => r.trim().length > 0);
  const reviewing = state === 'county-review' ? 'county' : state === 'city-review' ? 'city' : state === 'province-review' ? 'province' : null;
  const byEnterprise = (allowed: boolean, to: ApplicationState): Expected => (!allowed ? no('not-allowed') : role !== 'enterprise' ? no('not-your-role') : { ok: true, to });
  const byIssuer = (allowed: boolean, to: ApplicationState): Expected =>
    !allowed ? no('not-allowed') : admin === null ? no('not-your-role') : admin !== issuer ? no('wrong-level') : { ok: true, to };
  switch (action) {
    case 'save':
      return byEnterprise(state === 'draft' || state === 'returned', state);
    case 'submit':
      return byEnterprise(state === 'draft' || state === 'returned', 'county-review'); // every chain starts at the county
    case 'withdraw':
      return byEnterprise(state === 'draft' || state === 'returned' || state === 'county-review', 'withdrawn');
    case 'approve':
    case 'return':
    case 'reject': {
      if (reviewing === null || !chain.includes(reviewing)) return no('not-allowed');
      if (admin === null) return no('not-your-role');
      if (admin !== reviewing) return no('wrong-level');
      if (action === 'return') return reasoned ? { ok: true, to: 'returned' } : no('reason-required');
      if (action === 'reject') return reasoned ? { ok: true, to: 'rejected' } : no('reason-required');
      if (reviewing === issuer) return { ok: true, to: 'approved' };
      return { ok: true, to: reviewing === 'county' ? 'city-review' : 'province-review' };
    }
    case 'publish':
      return byIssuer(state === 'approved', 'on-notice');
    case 'uphold-objection':
      return byIssuer(state === 'on-notice', 'rejected');
    case 'finalize':
      return byIssuer(state === 'on-notice', 'final');
    case 'pay': // the funder's level (the issuer's when no funder is named), or the province for any
      return state !== 'final' ? no('not-allowed') : admin === null ? no('not-your-role') : admin === issuer || admin === 'province' ? { ok: true, to: 'paid' } : no('wrong-level');
  }
}

describe('the application state machine: every (state × action × role × chain × reason)', () => {
  it('agrees with the independently written rules on all 9900 combinations', () => {
    const wrong: string[] = [];
    let allowed = 0;
    for (const chain of CHAINS) for (const state of APPLICATION_STATES) for (const action of APPLICATION_ACTIONS) for (const role of ROLES) for (const reasons of REASONS) {
      const got = transition({ state, action, role, chain, ...(reasons ? { reasons } : {}) });
      const want = expected(state, action, role, chain, reasons);
      const same = got.ok === want.ok && (got.ok ? want.ok && got.to === want.to : !want.ok && got.code === want.code);
      if (!same) wrong.push(`${chain.join('>')} ${state} ${action} by ${role} ${JSON.stringify(reasons)}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      if (got.ok && reasons?.[0] === '材料不全，请补充发票') allowed++;
      if (!got.ok) expect(got.zh.length > 0 && got.en.length > 0).toBe(true);
    }
    expect(wrong).toEqual([]);
    // with a reason, per chain: 7 enterprise moves + 3 per review level + 4 by the issuer, + the province's payment
    // where the issuer is not the province → 15, 18, 20
    expect(allowed).toBe(15 + 18 + 20);
  });

  it('spells out the allowed moves of a province document', () => {
    const chain = reviewChain('province');
    const moves = APPLICATION_STATES.flatMap((state) =>
      ROLES.flatMap((role) => availableActions(state, role, chain).map((a) => `${state} ${a} by ${role} → ${(transition({ state, action: a, role, chain, reasons: ['理由'] }) as { to: string }).to}`)),
    );
    expect(moves).toEqual([
      'draft save by enterprise → draft',
      'draft submit by enterprise → county-review',
      'draft withdraw by enterprise → withdrawn',
      'county-review withdraw by enterprise → withdrawn',
      'county-review approve by county-admin → city-review',
      'county-review return by county-admin → returned',
      'county-review reject by county-admin → rejected',
      'city-review approve by city-admin → province-review',
      'city-review return by city-admin → returned',
      'city-review reject by city-admin → rejected',
      'province-review approve by province-admin → approved',
      'province-review return by province-admin → returned',
      'province-review reject by province-admin → rejected',
      'returned save by enterprise → returned',
      'returned submit by enterprise → county-review',
      'returned withdraw by enterprise → withdrawn',
      'approved publish by province-admin → on-notice',
      'on-notice uphold-objection by province-admin → rejected',
      'on-notice finalize by province-admin → final',
      'final pay by province-admin → paid',
    ]);
  });

  it('refuses with the code that says why', () => {
    const p = reviewChain('province');
    const c = reviewChain('city');
    const cases: [Parameters<typeof transition>[0], string][] = [
      [{ state: 'county-review', action: 'approve', role: 'city-admin', chain: p }, 'wrong-level'],
      [{ state: 'city-review', action: 'approve', role: 'county-admin', chain: p }, 'wrong-level'],
      [{ state: 'county-review', action: 'approve', role: 'enterprise', chain: p }, 'not-your-role'],
      [{ state: 'county-review', action: 'approve', role: 'auditor', chain: p }, 'not-your-role'],
      [{ state: 'draft', action: 'submit', role: 'county-admin', chain: p }, 'not-your-role'],
      [{ state: 'county-review', action: 'return', role: 'county-admin', chain: p }, 'reason-required'],
      [{ state: 'county-review', action: 'return', role: 'county-admin', chain: p, reasons: ['', ' '] }, 'reason-required'],
      [{ state: 'city-review', action: 'reject', role: 'city-admin', chain: c }, 'reason-required'],
      [{ state: 'province-review', action: 'approve', role: 'province-admin', chain: c }, 'not-allowed'], // a city document has no province review
      [{ state: 'approved', action: 'publish', role: 'city-admin', chain: p }, 'wrong-level'], // the issuing level publishes
      [{ state: 'approved', action: 'publish', role: 'province-admin', chain: c }, 'wrong-level'],
      [{ state: 'city-review', action: 'withdraw', role: 'enterprise', chain: p }, 'not-allowed'], // too late to withdraw
      [{ state: 'draft', action: 'pay', role: 'province-admin', chain: p }, 'not-allowed'],
      [{ state: 'paid', action: 'pay', role: 'province-admin', chain: p }, 'not-allowed'],
      [{ state: 'rejected', action: 'submit', role: 'enterprise', chain: p }, 'not-allowed'],
    ];
    for (const [input, code] of cases) {
      const r = transition(input);
      expect(r.ok ? 'ok' : r.code, JSON.stringify(input)).toBe(code);
    }
  });

  it('says so in Chinese and English', () => {
    const r = transition({ state: 'county-review', action: 'approve', role: 'city-admin', chain: reviewChain('province') });
    expect(r).toMatchObject({ ok: false, code: 'wrong-level' });
    if (!r.ok) {
      expect(r.zh).toContain('县级');
      expect(r.en).toContain('county');
    }
  });

  it('lets the funder\'s level pay: a county pays its own award under a province document, a city does not', () => {
    const p: Level[] = ['county', 'city', 'province'];
    const pay = (role: Role, funder?: Level) => transition({ state: 'final', action: 'pay', role, chain: p, ...(funder ? { funder } : {}) });
    expect([pay('county-admin', 'county').ok, pay('province-admin', 'county').ok]).toEqual([true, true]);
    expect([pay('city-admin', 'county'), pay('county-admin')].map((t) => (t.ok ? 'ok' : t.code))).toEqual(['wrong-level', 'wrong-level']);
  });

  it('refuses a chain that is no issuing level’s', () => {
    expect(() => transition({ state: 'draft', action: 'submit', role: 'enterprise', chain: ['city', 'province'] })).toThrow(RangeError);
    expect(() => initialState('automatic', [])).toThrow(RangeError);
  });

  it('starts an application as a draft and a 免申即享 entry at the county review', () => {
    for (const chain of CHAINS) {
      expect(initialState('application', chain)).toBe('draft');
      expect(initialState('automatic', chain)).toBe('county-review');
    }
  });

  it('names every state in Chinese as the brief does, and ends in rejected, paid or withdrawn', () => {
    expect(Object.fromEntries(APPLICATION_STATES.map((s) => [s, STATE_NAMES[s].zh]))).toEqual({
      draft: '草稿', 'county-review': '待县级初审', 'city-review': '待市级审核', 'province-review': '待省级终审',
      returned: '待补正', rejected: '不予支持', approved: '审核通过待公示', 'on-notice': '公示中', final: '已确定',
      paid: '已拨付', withdrawn: '已撤回',
    });
    expect([...TERMINAL_STATES].sort()).toEqual(['paid', 'rejected', 'withdrawn']);
  });

  it('has one row per (state, action) and lets the enterprise only save, submit and withdraw', () => {
    const keys = TRANSITIONS.map((r) => `${r.from} ${r.action}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of TRANSITIONS) expect(r.by === 'enterprise', `${r.from} ${r.action}`).toBe(['save', 'submit', 'withdraw'].includes(r.action));
  });
});

describe('properties of any sequence of actions', () => {
  const step = fc.record({
    // forward: one of the allowed moves that carry the application on, when there is one;
    // allowed: any allowed move; anything: any action by any role, most of them refused
    how: fc.constantFrom('forward', 'forward', 'forward', 'allowed', 'anything'),
    k: fc.nat(),
    action: fc.constantFrom(...APPLICATION_ACTIONS),
    role: fc.constantFrom(...ROLES),
    reasons: fc.constantFrom<readonly string[] | undefined>(undefined, [], ['理由']),
  });
  const FORWARD: readonly ApplicationAction[] = ['submit', 'approve', 'publish', 'finalize', 'pay'];
  const choose = (state: ApplicationState, chain: readonly Level[], s: { how: string; k: number; action: ApplicationAction; role: Role }): [ApplicationAction, Role] | null => {
    if (s.how === 'anything') return [s.action, s.role];
    const moves = ROLES.flatMap((r) => availableActions(state, r, chain).map((a) => [a, r] as [ApplicationAction, Role]));
    const forward = moves.filter(([a]) => FORWARD.includes(a));
    const from = s.how === 'forward' && forward.length ? forward : moves;
    return from.length ? from[s.k % from.length]! : null;
  };

  it('reaches approved only after every level of the chain approved in order, and paid only through 公示 and 确定', () => {
    let paid = 0;
    fc.assert(
      fc.property(fc.constantFrom(...CHAINS), fc.constantFrom('application' as const, 'automatic' as const), fc.array(step, { maxLength: 60 }), (chain, kind, steps) => {
        let state = initialState(kind, chain);
        let approvals: Level[] = []; // the levels that approved since the application last entered review
        const history: ApplicationState[] = [state];
        for (const s of steps) {
          const move = choose(state, chain, s);
          if (!move) break;
          const [action, role] = move;
          const r = transition({ state, action, role, chain, reasons: s.how === 'anything' ? s.reasons : ['理由'] });
          if (!r.ok) continue;
          if (action === 'approve') approvals.push(state.replace('-review', '') as Level);
          if (action === 'submit') approvals = [];
          expect(approvals).toEqual(chain.slice(0, approvals.length)); // never a level skipped or repeated
          if (r.to === 'approved') expect(approvals).toEqual([...chain]);
          if (r.to === 'paid') {
            expect(approvals).toEqual([...chain]);
            expect(history.slice(-3)).toEqual(['approved', 'on-notice', 'final']);
          }
          state = r.to;
          history.push(state);
        }
        if (state === 'paid') paid++;
      }),
      { numRuns: 300 },
    );
    expect(paid).toBeGreaterThan(10); // the walks do get there: the property is not vacuous
  });

  it('never leaves rejected, paid or withdrawn, and never moves outside the table', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CHAINS), fc.constantFrom(...APPLICATION_STATES), step, (chain, state, s) => {
        const r = transition({ state, action: s.action, role: s.role, chain, reasons: s.reasons });
        if (TERMINAL_STATES.includes(state)) expect(r.ok).toBe(false);
        if (r.ok) expect(TRANSITIONS.some((row) => row.from === state && row.action === s.action)).toBe(true);
      }),
    );
  });
});

describe('approved amounts (最高给予 vs 给予)', () => {
  const D = 5_000_000; // 5万元
  const cases: [string, Parameters<typeof approvedAmount>[0], number | string][] = [
    ['ceiling, nothing changed', { decidedFen: D, ceiling: true }, D],
    ['ceiling, the ceiling itself', { decidedFen: D, ceiling: true, approveFen: D }, D],
    ['ceiling, one fen less with a reason', { decidedFen: D, ceiling: true, approveFen: D - 1, reason: '部分发票不符合要求' }, D - 1],
    ['ceiling, one fen less without a reason', { decidedFen: D, ceiling: true, approveFen: D - 1 }, 'reason-required'],
    ['ceiling, less with a blank reason', { decidedFen: D, ceiling: true, approveFen: 3_000_000, reason: '  ' }, 'reason-required'],
    ['ceiling, one fen more', { decidedFen: D, ceiling: true, approveFen: D + 1, reason: '追加' }, 'more-than-decided'],
    ['ceiling, nothing at all with a reason', { decidedFen: D, ceiling: true, approveFen: 0, reason: '费用均不符合' }, 0],
    ['negative', { decidedFen: D, ceiling: true, approveFen: -1, reason: 'x' }, 'negative'],
    ['a fraction of a fen', { decidedFen: D, ceiling: true, approveFen: 100.5, reason: 'x' }, 'not-fen'],
    ['not a number', { decidedFen: D, ceiling: true, approveFen: Number.NaN, reason: 'x' }, 'not-fen'],
    ['fixed, unchanged', { decidedFen: D, ceiling: false, approveFen: D }, D],
    ['fixed, nothing given', { decidedFen: D, ceiling: false }, D],
    ['fixed, one fen less with a reason', { decidedFen: D, ceiling: false, approveFen: D - 1, reason: 'x' }, 'fixed-amount'],
    ['fixed, one fen more', { decidedFen: D, ceiling: false, approveFen: D + 1 }, 'fixed-amount'],
  ];
  it.each(cases)('%s', (_what, input, want) => {
    const r = approvedAmount(input);
    expect(r.ok ? r.fen : r.code).toBe(want);
  });

  it('says the amounts in yuan', () => {
    const r = approvedAmount({ decidedFen: D, ceiling: true, approveFen: D + 1 });
    expect(r).toMatchObject({ ok: false, zh: '核定金额 5.000001万元 超过最高额度 5万元', en: '50000.01 yuan is more than the ceiling of 50000.00 yuan' });
  });

  it('refuses a decided amount that is not whole fen', () => {
    expect(() => approvedAmount({ decidedFen: 1.5, ceiling: true })).toThrow(RangeError);
    expect(() => approvedAmount({ decidedFen: -1, ceiling: true })).toThrow(RangeError);
  });

  it('never approves more than decided, nor a changed fixed amount', () => {
    fc.assert(
      fc.property(fc.nat(), fc.boolean(), fc.integer({ min: -10, max: 2 ** 40 }), fc.constantFrom('', '理由'), (decided, ceiling, approve, reason) => {
        const r = approvedAmount({ decidedFen: decided, ceiling, approveFen: approve, reason });
        if (!r.ok) return;
        expect(r.fen).toBeGreaterThanOrEqual(0);
        expect(r.fen).toBeLessThanOrEqual(decided);
        if (!ceiling || reason === '') expect(r.fen).toBe(decided);
      }),
    );
  });
});

describe('review deadlines (审核时限)', () => {
  it('gives 10 working days by default', () => {
    // 9/28, 10/7, 10/8, 10/9, 10/10, 10/11, 10/12, 10/13, 10/16, 10/17
    expect(reviewDue(CN, '2023-09-27')).toBe('2023-10-17');
    expect(reviewDue(CN, '2023-11-17')).toBe('2023-12-01');
    expect(reviewDue(CN, '2023-11-17', 3)).toBe('2023-11-22');
  });

  const cases: [string, string, string][] = [
    ['2023-12-01', '2023-12-02', 'overdue'],
    ['2023-12-01', '2023-12-01', 'due-soon'], // the last day
    ['2023-12-01', '2023-11-30', 'due-soon'],
    ['2023-12-01', '2023-11-29', 'due-soon'], // two working days left
    ['2023-12-01', '2023-11-28', 'ok'], // three
    ['2023-11-27', '2023-11-24', 'due-soon'], // Friday before a Monday deadline: one working day left
    ['2023-11-27', '2023-11-22', 'ok'], // 23, 24, 27
    ['2023-11-27', '2023-11-23', 'due-soon'],
    ['2023-11-24', '2023-11-26', 'overdue'], // a Sunday after a Friday deadline
    ['2023-10-09', '2023-09-28', 'ok'], // 10/7, 10/8, 10/9 over the holiday
    ['2023-10-09', '2023-10-07', 'due-soon'],
  ];
  it.each(cases)('due %s, today %s → %s', (due, today, status) => {
    expect(deadlineStatus(CN, due, today)).toBe(status);
  });
});
