/**
 * Working days (工作日): the calendar every time limit of the workflow is counted in — the review
 * periods of the three-level review (审核时限), the 公示 period (公示期 N 个工作日) and the report
 * deadlines of tracked tasks. A working day is Monday to Friday, except the statutory holidays
 * (法定节假日放假), plus the weekend days the State Council moves into work (调休上班).
 *
 * Dates are ISO strings 'YYYY-MM-DD' with no time zone; day arithmetic is done on whole days
 * counted from 1970-01-01 (no Date object, no clock).
 */

export interface WorkCalendar {
  /** days off that would otherwise be working days (and may list the weekend days of a holiday) */
  readonly holidays: readonly string[];
  /** weekend days that are working days (调休上班) */
  readonly workdays: readonly string[];
  /**
   * The years whose State Council arrangement the lists hold in full. Outside them a weekday
   * holiday is counted as a working day, so a period running into such a year may end too early.
   */
  readonly years?: readonly number[];
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date `z` days after 1970-01-01 (civil_from_days). */
function civilFromDays(z: number): string {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Is `s` a real calendar date written 'YYYY-MM-DD' (2023-02-29 is not)? */
export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const z = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  return civilFromDays(z) === s;
}

/** Whole days since 1970-01-01; a malformed or impossible date is a programming error (RangeError). */
export function dayNumber(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`not a date 'YYYY-MM-DD': ${JSON.stringify(date)}`);
  const m = ISO.exec(date)!;
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The date `n` calendar days after `date` (n may be negative). */
export function addDays(date: string, n: number): string {
  return civilFromDays(dayNumber(date) + n);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(date: string): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** Per calendar: its two lists as sets, built once. */
const SETS = new WeakMap<WorkCalendar, { holidays: ReadonlySet<string>; workdays: ReadonlySet<string> }>();
function setsOf(cal: WorkCalendar): { holidays: ReadonlySet<string>; workdays: ReadonlySet<string> } {
  let s = SETS.get(cal);
  if (!s) SETS.set(cal, (s = { holidays: new Set(cal.holidays), workdays: new Set(cal.workdays) }));
  return s;
}

export function isWorkingDay(cal: WorkCalendar, date: string): boolean {
  const wd = weekday(date); // validates the date
  const s = setsOf(cal);
  if (s.workdays.has(date)) return true;
  if (s.holidays.has(date)) return false;
  return wd !== 0 && wd !== 6;
}

const wholeCount = (n: number, what: string): void => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number ≥ 0, got ${n}`);
};

/** The n-th working day after `date` (`date` itself is not counted); n = 0 gives `date`. */
export function addWorkingDays(cal: WorkCalendar, date: string, n: number): string {
  wholeCount(n, 'working days');
  let z = dayNumber(date);
  for (let left = n; left > 0; ) {
    z += 1;
    if (isWorkingDay(cal, civilFromDays(z))) left -= 1;
  }
  return civilFromDays(z);
}

/** Working days in (from, to]; negative when `to` is before `from` (−(working days in (to, from])). */
export function workingDaysBetween(cal: WorkCalendar, from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (b < a) return 0 - workingDaysBetween(cal, to, from); // 0 − 0 is +0, not −0
  let n = 0;
  for (let z = a + 1; z <= b; z++) if (isWorkingDay(cal, civilFromDays(z))) n += 1;
  return n;
}

/**
 * The last day of a 公示 period of `days` working days that starts on the publication day when
 * that is a working day, else on the next working day (公示期为N个工作日).
 */
export function noticeEnd(cal: WorkCalendar, published: string, days = 5): string {
  if (!Number.isSafeInteger(days) || days < 1) throw new RangeError(`a 公示 period lasts at least 1 working day, got ${days}`);
  const first = isWorkingDay(cal, published) ? published : addWorkingDays(cal, published, 1);
  return addWorkingDays(cal, first, days - 1);
}

/** Every date from `from` to `to` inclusive (helper for the official lists below). */
function span(from: string, to: string): string[] {
  const out: string[] = [];
  for (let z = dayNumber(from); z <= dayNumber(to); z++) out.push(civilFromDays(z));
  return out;
}

/**
 * The State Council's holiday arrangements (国务院办公厅关于部分节假日安排的通知):
 * 2023 — 国办发明电〔2022〕16号; 2024 — 国办发明电〔2023〕7号. Holidays are the whole 放假 spans as
 * announced (weekend days inside a span included); workdays are the announced 调休上班 days.
 * Dates outside 2023–2024 fall back to Monday–Friday: add the next year's notice before relying on it.
 */
export const CHINA_2023_2024: WorkCalendar = Object.freeze({
  years: Object.freeze([2023, 2024]),
  holidays: Object.freeze([
    // 2023
    ...span('2022-12-31', '2023-01-02'), // 元旦：2022年12月31日至2023年1月2日放假调休，共3天
    ...span('2023-01-21', '2023-01-27'), // 春节：1月21日至27日放假调休，共7天
    '2023-04-05', // 清明节：4月5日放假，共1天
    ...span('2023-04-29', '2023-05-03'), // 劳动节：4月29日至5月3日放假调休，共5天
    ...span('2023-06-22', '2023-06-24'), // 端午节：6月22日至24日放假调休，共3天
    ...span('2023-09-29', '2023-10-06'), // 中秋节、国庆节：9月29日至10月6日放假调休，共8天
    // 2024
    '2024-01-01', // 元旦：1月1日放假，与周末连休
    ...span('2024-02-10', '2024-02-17'), // 春节：2月10日至17日放假调休，共8天
    ...span('2024-04-04', '2024-04-06'), // 清明节：4月4日至6日放假调休，共3天
    ...span('2024-05-01', '2024-05-05'), // 劳动节：5月1日至5日放假调休，共5天
    '2024-06-10', // 端午节：6月10日放假，与周末连休
    ...span('2024-09-15', '2024-09-17'), // 中秋节：9月15日至17日放假调休，共3天
    ...span('2024-10-01', '2024-10-07'), // 国庆节：10月1日至7日放假调休，共7天
  ]),
  workdays: Object.freeze([
    '2023-01-28', '2023-01-29', // 春节：1月28日（星期六）、1月29日（星期日）上班
    '2023-04-23', '2023-05-06', // 劳动节：4月23日（星期日）、5月6日（星期六）上班
    '2023-06-25', // 端午节：6月25日（星期日）上班
    '2023-10-07', '2023-10-08', // 中秋节、国庆节：10月7日（星期六）、10月8日（星期日）上班
    '2024-02-04', '2024-02-18', // 春节：2月4日（星期日）、2月18日（星期日）上班
    '2024-04-07', // 清明节：4月7日（星期日）上班
    '2024-04-28', '2024-05-11', // 劳动节：4月28日（星期日）、5月11日（星期六）上班
    '2024-09-14', // 中秋节：9月14日（星期六）上班
    '2024-09-29', '2024-10-12', // 国庆节：9月29日（星期日）、10月12日（星期六）上班
  ]),
});

/**
 * The current and the next year (of `today`) for which the calendar has no State Council notice:
 * a 公示 or review period counted into them treats their holidays as working days. The next
 * year matters because a period started in December ends in January.
 */
export function missingYears(cal: WorkCalendar, today: string): number[] {
  dayNumber(today); // validates the date
  const year = Number(today.slice(0, 4));
  return [year, year + 1].filter((y) => !(cal.years ?? []).includes(y));
}

/**
 * A calendar with a bureau's own additions (a later year's State Council notice, a local holiday):
 * `extra` as read from a JSON file `{ "years": [...], "holidays": [...], "workdays": [...] }`, every
 * entry checked. `years` declares the years whose whole notice the file holds (a local holiday
 * alone does not make its year known). Problems name the entry (`holidays[3]`) and say what to
 * write; nothing is merged from a bad file.
 */
export function withAdditions(base: WorkCalendar, extra: unknown): { ok: true; calendar: WorkCalendar } | { ok: false; problems: string[] } {
  if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) return { ok: false, problems: ['the calendar file is an object: { "years": [...], "holidays": [...], "workdays": [...] }'] };
  const problems: string[] = [];
  const file = extra as Record<string, unknown>;
  const isDate = (d: unknown): d is string => typeof d === 'string' && isIsoDate(d);
  const isYear = (y: unknown): y is number => Number.isSafeInteger(y) && (y as number) >= 1949 && (y as number) <= 9999;
  const holidays = entries(file, 'holidays', isDate, 'a list of dates "YYYY-MM-DD"', 'is not a date "YYYY-MM-DD"', problems);
  const workdays = entries(file, 'workdays', isDate, 'a list of dates "YYYY-MM-DD"', 'is not a date "YYYY-MM-DD"', problems);
  const years = entries(file, 'years', isYear, 'a list of years, e.g. [2027]', 'is not a year', problems);
  for (const d of holidays) if (workdays.includes(d)) problems.push(`${d} is both a holiday and a workday`);
  years.forEach((y, k) => {
    // a declared year with none of its holidays is a typo, not a year without holidays
    if (!holidays.some((d) => d.startsWith(`${y}-`))) problems.push(`years[${k}]: ${y} is declared, but no holiday of ${y} is listed; add that year's holidays or leave it out`);
  });
  if (problems.length) return { ok: false, problems };
  const known = [...new Set([...(base.years ?? []), ...years])].sort((a, b) => a - b);
  return { ok: true, calendar: { holidays: [...base.holidays, ...holidays], workdays: [...base.workdays, ...workdays], years: known } };
}

/** The entries of `file[name]` that pass `ok`, each other one reported at `name[k]`; absent is none. */
function entries<T>(file: Record<string, unknown>, name: string, ok: (v: unknown) => v is T, list: string, bad: string, problems: string[]): T[] {
  const v = file[name];
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    problems.push(`${name}: give ${list}`);
    return [];
  }
  v.forEach((x, k) => { if (!ok(x)) problems.push(`${name}[${k}]: ${JSON.stringify(x)} ${bad}`); });
  return v.filter(ok);
}
