/**
 * Lists paginate: `page` (1 to a million) and `pageSize` (1–500, default 50); each answer says the
 * page it is, its size and the total, with the page's items.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const PageProperties = {
  // past any list here: a page past it is a 400, not an offset PostgreSQL refuses
  page: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1, description: '第几页 the page, from 1' }),
  pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 50, description: '每页条数 items per page (at most 500)' }),
};

export const PageQuery = Type.Object(PageProperties);
export type PageQuery = Static<typeof PageQuery>;

/** A page of `item`s with where it stands in the whole list. */
export const Page = <T extends TSchema>(item: T, description: string) => Type.Object({
  page: Type.Integer({ description: '第几页 the page' }),
  pageSize: Type.Integer({ description: '每页条数 items per page' }),
  total: Type.Integer({ description: '共几条 items in the whole list' }),
  items: Type.Array(item),
}, { description });
export type Page<T> = { page: number; pageSize: number; total: number; items: T[] };
