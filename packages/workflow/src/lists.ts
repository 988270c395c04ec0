/**
 * Lists with periods of validity: the ecosystem whitelist (电商生态链企业“白名单”, 鲁政字〔2022〕42号
 * 第九条：在全省筛选一批……电商产业园区、MCN机构、人才培训机构、供应链企业以及代运营、内容制作等专业服务
 * 企业……实施动态管理; 济政字〔2022〕54号 第七条 likewise for 济宁) and the credit blacklist (信用黑名单,
 * 东政发〔2020〕9号 四(三): 推行电商诚信“黑名单”制度; under I-blacklist a listed subject gets no money award).
 * An entry is in force from validFrom to validTo (both included; open-ended when null) and not from
 * the day it is removed (removedOn, 动态管理 / 移出).
 */
import { dayNumber } from './calendar.js';

export const WHITELIST_CATEGORIES = {
  park: '电商园区',
  mcn: 'MCN机构',
  training: '培训机构',
  'supply-chain': '供应链企业',
  service: '服务企业',
} as const;
export type WhitelistCategory = keyof typeof WHITELIST_CATEGORIES;
export const isWhitelistCategory = (s: string): s is WhitelistCategory => Object.hasOwn(WHITELIST_CATEGORIES, s);

export interface ListEntry {
  readonly validFrom: string;
  /** the last day in force; null: until removed */
  readonly validTo: string | null;
  /** the day the entry was taken off the list (not in force that day) */
  readonly removedOn?: string | null;
}

/** The first and last day an entry is in force, as day numbers (last < first: never in force). */
function daysInForce(e: ListEntry): { first: number; last: number } {
  const first = dayNumber(e.validFrom);
  let last = e.validTo === null ? Number.POSITIVE_INFINITY : dayNumber(e.validTo);
  if (e.removedOn != null) last = Math.min(last, dayNumber(e.removedOn) - 1);
  return { first, last };
}

export function activeOn(entry: ListEntry, date: string): boolean {
  const d = dayNumber(date);
  const { first, last } = daysInForce(entry);
  return first <= d && d <= last;
}

/** Was any of the entries in force on at least one day of `year` (信用黑名单 within the performance year)? */
export function blacklistedDuring(entries: readonly ListEntry[], year: number): boolean {
  if (!Number.isSafeInteger(year) || year < 1 || year > 9999) throw new RangeError(`not a year: ${year}`);
  const y = String(year).padStart(4, '0');
  const jan1 = dayNumber(`${y}-01-01`);
  const dec31 = dayNumber(`${y}-12-31`);
  return entries.some((e) => {
    const { first, last } = daysInForce(e);
    return Math.max(first, jan1) <= Math.min(last, dec31);
  });
}
