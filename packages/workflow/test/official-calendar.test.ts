/**
 * The working-day calendar the server uses: the State Council's holidays and 调休 workdays as the
 * `chinese-days` package keeps them (every year it has a notice for), plus a bureau's additions.
 * 2025 and 2026 are counted by hand from the official notices (国办发明电〔2024〕12号,
 * 国办发明电〔2025〕7号); 2023–2024 must agree day by day with the lists written out here before.
 */
import { describe, expect, it } from 'vitest';
import { addDays, CHINA_2023_2024, CHINA_OFFICIAL, isWorkingDay, missingYears, noticeEnd, withAdditions, workingDaysBetween } from '../src/index.js';

const CN = CHINA_OFFICIAL;

describe('the official calendar (chinese-days)', () => {
  it('agrees with the written-out 2023–2024 notices on every day of both years', () => {
    const differ: string[] = [];
    for (let d = '2023-01-01'; d <= '2024-12-31'; d = addDays(d, 1)) {
      if (isWorkingDay(CN, d) !== isWorkingDay(CHINA_2023_2024, d)) differ.push(d);
    }
    expect(differ).toEqual([]);
  });

  // 国庆节、中秋节 2025: 10月1日至8日放假调休，9月28日（周日）、10月11日（周六）上班
  it.each([
    ['2025-09-26', 'Fri before the holiday', true],
    ['2025-09-27', 'an ordinary Saturday', false],
    ['2025-09-28', '调休 Sunday', true],
    ['2025-10-01', '国庆 (Wed)', false],
    ['2025-10-06', '中秋 (Mon)', false],
    ['2025-10-08', 'last day off (Wed)', false],
    ['2025-10-09', 'back to work (Thu)', true],
    ['2025-10-11', '调休 Saturday', true],
    ['2025-10-12', 'an ordinary Sunday', false],
  ])('2025: %s %s → working day: %s', (date, _what, working) => {
    expect(isWorkingDay(CN, date)).toBe(working);
  });

  it('5 working days from Fri 2025-09-26 over 国庆+中秋: 9/26, 9/28 (Sun, worked), 9/29, 9/30, 10/9', () => {
    expect(noticeEnd(CN, '2025-09-26', 5)).toBe('2025-10-09');
    expect(noticeEnd(CHINA_2023_2024, '2025-09-26', 5)).toBe('2025-10-02'); // what the 2023–2024 lists alone made of it
  });

  // 2026: 春节 2月15日至23日放假调休，2月14日（周六）、2月28日（周六）上班;
  // 中秋 9月25日至27日; 国庆 10月1日至7日，9月20日（周日）、10月10日（周六）上班
  it('5 working days from Thu 2026-02-12 over 春节: 2/12, 2/13, 2/14 (Sat, worked), 2/24, 2/25', () => {
    expect(noticeEnd(CN, '2026-02-12', 5)).toBe('2026-02-25');
    expect(isWorkingDay(CN, '2026-02-28')).toBe(true); // the second 调休 Saturday
  });

  it('5 working days from Thu 2026-09-24 over 中秋 and 国庆: 9/24, 9/28, 9/29, 9/30, 10/8', () => {
    expect(noticeEnd(CN, '2026-09-24', 5)).toBe('2026-10-08');
    expect([isWorkingDay(CN, '2026-09-20'), isWorkingDay(CN, '2026-10-10'), isWorkingDay(CN, '2026-10-07')]).toEqual([true, true, false]);
  });

  // 2025: 365 days, 261 Monday–Fridays; off on weekdays: 元旦 1, 春节 6 (1/28–1/31, 2/3, 2/4), 清明 1,
  // 劳动节 3 (5/1, 5/2, 5/5), 端午 1 (6/2), 国庆中秋 6 (10/1–10/3, 10/6–10/8) = 18; 调休 workdays 5 → 248.
  it('has 248 working days in 2025', () => {
    expect(workingDaysBetween(CN, '2024-12-31', '2025-12-31')).toBe(248);
  });

  it('knows which years it has a notice for: 2023 to 2026, not 2027', () => {
    for (const y of [2023, 2024, 2025, 2026]) expect(CN.years, String(y)).toContain(y);
    expect(CN.years).not.toContain(2027);
    expect(CHINA_2023_2024.years).toEqual([2023, 2024]);
  });
});

describe('missingYears: the current or next year without the State Council\'s notice', () => {
  it.each([
    ['2025-06-30', []],
    ['2026-01-01', [2027]],
    ['2026-12-31', [2027]],
    ['2027-03-01', [2027, 2028]],
  ])('on %s: %j', (today, missing) => {
    expect(missingYears(CN, today)).toEqual(missing);
  });
  it('a calendar that says nothing of its years lacks both', () => {
    expect(missingYears({ holidays: [], workdays: [] }, '2025-01-01')).toEqual([2025, 2026]);
  });
});

describe('DUIXIAN_CALENDAR additions on top of the official calendar', () => {
  const notice2027 = { years: [2027], holidays: ['2027-01-01', '2027-10-01'], workdays: ['2027-09-26'] };

  it('a file that declares a year\'s notice covers that year; its days count', () => {
    const r = withAdditions(CN, notice2027);
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(missingYears(r.calendar, '2026-12-01')).toEqual([]);
    expect([isWorkingDay(r.calendar, '2027-10-01'), isWorkingDay(r.calendar, '2027-09-26'), isWorkingDay(r.calendar, '2025-10-08')]).toEqual([false, true, false]);
  });

  it('a local holiday alone does not make its year covered', () => {
    const r = withAdditions(CN, { holidays: ['2027-05-20'] });
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect(missingYears(r.calendar, '2026-12-01')).toEqual([2027]);
    expect(isWorkingDay(r.calendar, '2027-05-20')).toBe(false);
  });

  it.each([
    [{ years: 2027 }, 'years: give a list of years'],
    [{ years: ['2027'] }, 'years[0]: "2027" is not a year'],
    [{ years: [2027.5] }, 'years[0]: 2027.5 is not a year'],
    [{ years: [2028], holidays: ['2027-10-01'] }, 'years[0]: 2028 is declared, but no holiday of 2028 is listed'],
  ])('refuses %j, naming the entry', (extra, problem) => {
    const r = withAdditions(CN, extra);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.problems.join('; ')).toContain(problem);
  });
});
