/** A table's sorter as the API's `sort` parameter: `field` ascending, `-field` descending, none when unsorted. */
import type { SorterResult } from 'antd/es/table/interface';

export function sortParam<R>(sorter: SorterResult<R> | SorterResult<R>[]): string | undefined {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  return s?.order ? `${s.order === 'descend' ? '-' : ''}${String(s.field)}` : undefined;
}
