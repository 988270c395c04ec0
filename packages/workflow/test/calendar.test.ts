import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHINA_2023_2024 as CN, CHINA_2023_2024, addDays, addWorkingDays, isIsoDate, isWorkingDay, noticeEnd, weekday, withAdditions, workingDaysBetween,
} from '../src/index.js';

describe('the official 2023–2024 calendar (国办发明电〔2022〕16号, 国办发明电〔2023〕7号)', () => {
  // Hand-counted: 2023 has 260 weekdays − 18 weekday holidays + 7 调休 weekend workdays = 249;
  // 2024 has 262 weekdays − 19 weekday holidays + 8 调休 weekend workdays = 251.
  it('has 249 working days in 2023 and 251 in 2024', () => {
    expect(workingDaysBetween(CN, '2022-12-31', '2023-12-31')).toBe(249);
    expect(workingDaysBetween(CN, '2023-12-31', '2024-12-31')).toBe(251);
  });

  const days: [string, string, boolean][] = [
    ['2023-01-02', '元旦 (Mon)', false],
    ['2023-01-03', 'after 元旦', true],
    ['2023-01-27', '春节 last day (Fri)', false],
    ['2023-01-28', '春节 调休 (Sat)', true],
    ['2023-01-29', '春节 调休 (Sun)', true],
    ['2023-04-05', '清明 (Wed)', false],
    ['2023-04-23', '劳动节 调休 (Sun)', true],
    ['2023-05-03', '劳动节 (Wed)', false],
    ['2023-05-06', '劳动节 调休 (Sat)', true],
    ['2023-06-24', '端午 (Sat)', false],
    ['2023-06-25', '端午 调休 (Sun)', true],
    ['2023-09-28', 'before 中秋国庆 (Thu)', true],
    ['2023-09-29', '中秋 (Fri)', false],
    ['2023-10-06', '国庆 last day (Fri)', false],
    ['2023-10-07', '国庆 调休 (Sat)', true],
    ['2023-10-08', '国庆 调休 (Sun)', true],
    ['2023-11-04', 'ordinary Saturday', false],
    ['2023-11-06', 'ordinary Monday', true],
    ['2024-01-01', '元旦 (Mon)', false],
    ['2024-02-04', '春节 调休 (Sun)', true],
    ['2024-02-09', '除夕: encouraged to rest, not a holiday (Fri)', true],
    ['2024-02-16', '春节 (Fri)', false],
    ['2024-02-18', '春节 调休 (Sun)', true],
    ['2024-04-07', '清明 调休 (Sun)', true],
    ['2024-04-28', '劳动节 调休 (Sun)', true],
    ['2024-05-03', '劳动节 (Fri)', false],
    ['2024-05-11', '劳动节 调休 (Sat)', true],
    ['2024-06-10', '端午 (Mon)', false],
    ['2024-09-14', '中秋 调休 (Sat)', true],
    ['2024-09-16', '中秋 (Mon)', false],
    ['2024-09-29', '国庆 调休 (Sun)', true],
    ['2024-10-07', '国庆 last day (Mon)', false],
    ['2024-10-12', '国庆 调休 (Sat)', true],
  ];
  it.each(days)('%s %s → working day: %s', (date, _what, working) => {
    expect(isWorkingDay(CN, date)).toBe(working);
  });

  it('lists only weekend days as 调休 workdays, and only 2023–2024 holidays (with 2022-12-31 of 2023 元旦)', () => {
    for (const d of CN.workdays) expect([0, 6], d).toContain(weekday(d));
    for (const d of CN.holidays) expect(d >= '2022-12-31' && d <= '2024-12-31', d).toBe(true);
  });

  it('falls back to Monday–Friday outside its years', () => {
    expect(isWorkingDay(CN, '2025-03-03')).toBe(true); // Monday
    expect(isWorkingDay(CN, '2025-03-01')).toBe(false); // Saturday
  });
});

describe('working-day arithmetic', () => {
  it('adds working days, the start day not counted', () => {
    expect(addWorkingDays(CN, '2023-09-28', 0)).toBe('2023-09-28');
    expect(addWorkingDays(CN, '2023-09-28', 1)).toBe('2023-10-07');
    expect(addWorkingDays(CN, '2024-02-08', 1)).toBe('2024-02-09');
    expect(addWorkingDays(CN, '2024-02-09', 1)).toBe('2024-02-18');
    expect(addWorkingDays(CN, '2024-02-09', 2)).toBe('2024-02-19');
    expect(addWorkingDays(CN, '2023-11-17', 1)).toBe('2023-11-20'); // Fri → Mon
    expect(addWorkingDays(CN, '2023-11-18', 1)).toBe('2023-11-20'); // Sat → Mon
  });

  it('counts working days in (from, to], negative backwards', () => {
    expect(workingDaysBetween(CN, '2023-09-28', '2023-10-09')).toBe(3); // 10/7, 10/8, 10/9
    expect(workingDaysBetween(CN, '2023-10-09', '2023-09-28')).toBe(-3);
    expect(workingDaysBetween(CN, '2023-09-28', '2023-09-28')).toBe(0);
    expect(workingDaysBetween(CN, '2023-09-28', '2023-10-06')).toBe(0);
  });

  it('refuses malformed and impossible dates and bad counts', () => {
    for (const bad of ['2023-02-29', '2023-9-01', '2024-13-01', '2024-00-10', '20240101', '']) {
      expect(isIsoDate(bad), bad).toBe(false);
      expect(() => isWorkingDay(CN, bad), bad).toThrow(RangeError);
    }
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(() => addWorkingDays(CN, '2023-01-01', -1)).toThrow(RangeError);
    expect(() => addWorkingDays(CN, '2023-01-01', 1.5)).toThrow(RangeError);
  });

  const date = fc.integer({ min: 0, max: 365 * 4 }).map((k) => addDays('2022-07-01', k));

  it('weekday agrees with the Gregorian calendar of JavaScript', () => {
    fc.assert(fc.property(date, (d) => weekday(d) === new Date(`${d}T00:00:00Z`).getUTCDay()));
  });

  it('addWorkingDays and workingDaysBetween are inverse, and land on a working day', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 60 }), (d, n) => {
        const e = addWorkingDays(CN, d, n);
        expect(workingDaysBetween(CN, d, e)).toBe(n);
        if (n > 0) expect(isWorkingDay(CN, e)).toBe(true);
        expect(workingDaysBetween(CN, e, d)).toBe(0 - n);
      }),
    );
  });
});

describe('公示 period (noticeEnd)', () => {
  const cases: [string, string, number, string][] = [
    ['published Wed before 中秋国庆: 9/27, 9/28, 10/7, 10/8, 10/9', '2023-09-27', 5, '2023-10-09'],
    ['across an ordinary weekend: Thu 16, Fri 17, Mon 20, Tue 21, Wed 22', '2023-11-16', 5, '2023-11-22'],
    ['published on a Saturday: counted from Monday 20 … Friday 24', '2023-11-18', 5, '2023-11-24'],
    ['published on a 调休 Saturday, which counts: 10/7 … 10/11', '2023-10-07', 5, '2023-10-11'],
    ['published during the holiday: from 10/7', '2023-10-01', 5, '2023-10-11'],
    ['one working day: the day itself', '2023-11-15', 1, '2023-11-15'],
    ['seven working days over 春节 2024: 2/7, 2/8, 2/9, 2/18, 2/19, 2/20, 2/21', '2024-02-07', 7, '2024-02-21'],
  ];
  it.each(cases)('%s', (_what, published, days, end) => {
    expect(noticeEnd(CN, published, days)).toBe(end);
  });

  it('lasts 5 working days by default', () => {
    expect(noticeEnd(CN, '2023-09-27')).toBe('2023-10-09');
  });

  it('refuses a period of 0, negative or fractional days', () => {
    for (const days of [0, -1, 2.5]) expect(() => noticeEnd(CN, '2023-09-27', days)).toThrow(RangeError);
  });

  it('always spans exactly `days` working days from the publication day, and ends on a working day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }).map((k) => addDays('2023-01-01', k)), fc.integer({ min: 1, max: 15 }), (published, days) => {
        const end = noticeEnd(CN, published, days);
        expect(isWorkingDay(CN, end)).toBe(true);
        expect(workingDaysBetween(CN, addDays(published, -1), end)).toBe(days);
      }),
    );
  });
});

describe('a calendar with a bureau\'s additions (DUIXIAN_CALENDAR)', () => {
  it('adds a later year\'s holidays and 调休 workdays: 2025 National Day (10-01 to 10-08 off, 9-28 and 10-11 worked)', () => {
    const r = withAdditions(CHINA_2023_2024, { holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'], workdays: ['2025-09-28', '2025-10-11'] });
    if (!r.ok) throw new Error(r.problems.join('; '));
    expect([isWorkingDay(r.calendar, '2025-09-28'), isWorkingDay(r.calendar, '2025-10-08'), isWorkingDay(r.calendar, '2025-10-09')]).toEqual([true, false, true]);
    expect(isWorkingDay(CHINA_2023_2024, '2025-10-08')).toBe(true); // the built-in calendar alone does not know it
    // a notice published Tue 2025-09-30 for 5 working days: 9-30, 10-09, 10-10, 10-11 (Sat, worked), 10-13
    expect(noticeEnd(r.calendar, '2025-09-30', 5)).toBe('2025-10-13');
    expect(isWorkingDay(r.calendar, '2023-10-02')).toBe(false); // the built-in days stay
  });
  it.each([
    [[], 'the calendar file is an object'],
    [{ holidays: '2025-10-01' }, 'holidays: give a list'],
    [{ holidays: ['2025-02-30'] }, 'holidays[0]: "2025-02-30" is not a date'],
    [{ workdays: ['2025-9-28'] }, 'workdays[0]: "2025-9-28" is not a date'],
    [{ holidays: ['2025-10-11'], workdays: ['2025-10-11'] }, '2025-10-11 is both a holiday and a workday'],
  ])('refuses %j, naming the entry', (extra, problem) => {
    const r = withAdditions(CHINA_2023_2024, extra);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.problems.join('; ')).toContain(problem);
  });
});
