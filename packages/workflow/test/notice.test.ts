import { describe, expect, it } from 'vitest';
import { CHINA_2023_2024 as CN, canFinalize, type Objection } from '../src/index.js';

const codes = (r: ReturnType<typeof canFinalize>): string[] => (r.ok ? [] : r.reasons.map((x) => x.code));

describe('公示: the result is fixed only after the period, with every objection heard', () => {
  // published Wed 2023-09-27 for 5 working days: 9/27, 9/28, 10/7, 10/8, 10/9
  const notice = { published: '2023-09-27', days: 5 };
  const cases: [string, string, Objection[], string[]][] = [
    ['on the last day of the period', '2023-10-09', [], ['notice-running']],
    ['in the holiday inside the period', '2023-10-03', [], ['notice-running']],
    ['the day after the last day', '2023-10-10', [], []],
    ['after the period, an objection still open', '2023-10-10', [{ id: 'O1', status: 'open' }], ['objection-open']],
    ['after the period, objections upheld and dismissed', '2023-10-10', [{ id: 'O1', status: 'upheld' }, { id: 'O2', status: 'dismissed' }], []],
    ['during the period with two open objections: every reason', '2023-09-28', [{ id: 'O1', status: 'open' }, { id: 'O2', status: 'open' }], ['notice-running', 'objection-open', 'objection-open']],
  ];
  it.each(cases)('%s', (_what, today, objections, want) => {
    expect(codes(canFinalize(CN, notice, objections, today))).toEqual(want);
  });

  it('counts 5 working days when no period is given, from the next working day when published on a Saturday', () => {
    // Sat 2023-11-18 → Mon 20 … Fri 24
    expect(codes(canFinalize(CN, { published: '2023-11-18' }, [], '2023-11-24'))).toEqual(['notice-running']);
    expect(codes(canFinalize(CN, { published: '2023-11-18' }, [], '2023-11-25'))).toEqual([]);
  });

  it('names the last day and the open objection', () => {
    const r = canFinalize(CN, notice, [{ id: 'O7', status: 'open' }], '2023-10-01');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reasons[0]!.zh).toContain('2023-10-09');
    expect(r.reasons[1]).toMatchObject({ code: 'objection-open', objection: 'O7' });
    expect(r.reasons[1]!.zh).toContain('O7');
  });

  it('refuses a period of 0 days', () => {
    expect(() => canFinalize(CN, { published: '2023-09-27', days: 0 }, [], '2023-12-01')).toThrow(RangeError);
  });
});
