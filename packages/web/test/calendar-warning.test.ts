/** The admin pages' warning when the working-day calendar lacks the current or next year's holidays. */
import { describe, expect, it } from 'vitest';
import { calendarWarning } from '../src/calendar';

describe('calendarWarning', () => {
  it('says nothing when no year is missing', () => {
    expect(calendarWarning([])).toBeNull();
  });

  it('names the missing year and what to do, in Chinese and English', () => {
    expect(calendarWarning([2028])).toEqual({
      zh: '工作日历缺少 2028 年的法定节假日数据，公示期和评审期限可能计算不准；请升级或通过 DUIXIAN_CALENDAR 补充',
      en: 'The working-day calendar has no public holidays for 2028: notice periods and review deadlines may be counted wrong. Upgrade, or add them with DUIXIAN_CALENDAR',
    });
  });

  it('names both years when the current and the next are missing', () => {
    const w = calendarWarning([2027, 2028])!;
    expect(w.zh).toContain('缺少 2027、2028 年的');
    expect(w.en).toContain('for 2027 and 2028:');
  });
});
