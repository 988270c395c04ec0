/**
 * The working-day calendar as the admin pages show it: a warning when it has no State Council
 * holidays for the current or next year (GET /api/calendar's `missing`). Without them a 公示 or
 * review period counts those holidays as working days and ends too early.
 */

export type { CalendarInfo } from '@duixian/api';

/** The banner's text in both languages, or null when no year is missing. */
export function calendarWarning(missing: readonly number[]): { zh: string; en: string } | null {
  if (!missing.length) return null;
  return {
    zh: `工作日历缺少 ${missing.join('、')} 年的法定节假日数据，公示期和评审期限可能计算不准；请升级或通过 DUIXIAN_CALENDAR 补充`,
    en: `The working-day calendar has no public holidays for ${missing.join(' and ')}: notice periods and review deadlines may be counted wrong. Upgrade, or add them with DUIXIAN_CALENDAR`,
  };
}
