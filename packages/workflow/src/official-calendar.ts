/**
 * The State Council's holiday arrangements (国务院办公厅关于部分节假日安排的通知) for every year the
 * `chinese-days` package has one, read once from its data table into a WorkCalendar. The package
 * is maintained as each year's notice comes out (usually in November for the next year): upgrade
 * it to learn a new year, or add the year through DUIXIAN_CALENDAR (withAdditions) meanwhile.
 */
import table from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { WorkCalendar } from './calendar.js';

/** The table's shape: date → "English name,中文名,number of days off" */
interface HolidayTable {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

/**
 * A year counts as known when the table has its 春节: a notice arranges the whole year at once,
 * and 春节 always falls inside its own year, whereas 元旦's days off may start on 31 December of
 * the year before (2023's did) and would make that year look known.
 */
function yearsOf(t: HolidayTable): number[] {
  const years = Object.entries(t.holidays).filter(([, name]) => name.includes('春节')).map(([date]) => Number(date.slice(0, 4)));
  return [...new Set(years)].sort((a, b) => a - b);
}

function fromTable(t: HolidayTable): WorkCalendar {
  return Object.freeze({
    holidays: Object.freeze(Object.keys(t.holidays).sort()),
    workdays: Object.freeze(Object.keys(t.workdays).sort()),
    years: Object.freeze(yearsOf(t)),
  });
}

/** The calendar the server counts working days in, unless told otherwise. */
export const CHINA_OFFICIAL: WorkCalendar = fromTable(table as HolidayTable);
