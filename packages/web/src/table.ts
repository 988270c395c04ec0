/**
 * How tables sort. A list the server pages sorts on the server: the table's sorter becomes the
 * API's `sort` parameter (sortParam), and columns the API cannot sort stay unsorted — sorting the
 * visible page alone would mislead. A list held whole in memory sorts here: `by(value, compare)`
 * per column, money exactly, Chinese in pinyin order, rows without a value last either way.
 */
import type { CompareFn, SorterResult } from 'antd/es/table/interface';
import { compareYuan } from './money';

/** A table's sorter as the API's `sort` parameter: `field` ascending, `-field` descending, none when unsorted. */
export function sortParam<R>(sorter: SorterResult<R> | SorterResult<R>[]): string | undefined {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  return s?.order ? `${s.order === 'descend' ? '-' : ''}${String(s.field)}` : undefined;
}

/**
 * A column's sorter: `compare` on the rows' values, the rows without a value (shown as —) after
 * the others in either direction — antd negates the result for descending, so it is undone here.
 */
export function by<R, V>(value: (r: R) => V | null | undefined, compare: (a: V, b: V) => number): CompareFn<R> {
  return (a, b, order) => {
    const x = value(a);
    const y = value(b);
    if (x == null || y == null) {
      const last = x == null && y == null ? 0 : x == null ? 1 : -1;
      return order === 'descend' ? -last : last;
    }
    return compare(x, y);
  };
}

// one collator for every comparison: what localeCompare(b, 'zh-CN') does, without building one per call
const zhCN = new Intl.Collator('zh-CN');

/** Chinese (and Latin) text in dictionary order: 滨州市 before 济南市 before 青岛市. */
export const text = (a: string, b: string): number => zhCN.compare(a, b);

/** Codes, ids and ISO times, character by character (370100 before 370200, 2023-… before 2024-…). */
export const code = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const num = (a: number, b: number): number => a - b;

/** Yuan strings, exactly. */
export const yuan = (a: string, b: string): number => compareYuan(a, b);

/** Integer ids as the API writes them ("9" before "10"), exactly at any length. */
export const integer = (a: string, b: string): number => a.length - b.length || code(a, b);

/** A percentage as the API writes it ("87.6%", "≈10.57%", "-3%"): its number, for ordering and charts (never money). */
export const percent = (s: string | null): number | null => (s === null ? null : Number(s.replace(/[≈%]/g, '')));

/** Values in a given order (statuses, roles); values not listed come after those listed. */
export const inOrder = <V>(order: readonly V[]) => (a: V, b: V): number => {
  const rank = (v: V) => (order.includes(v) ? order.indexOf(v) : order.length);
  return rank(a) - rank(b);
};
