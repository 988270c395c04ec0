/** Lists paginate: `page` (from 1) and `pageSize` (1–500, default 50); answers say the total. */
export interface PageQuery {
  page?: number;
  pageSize?: number;
}

export const PAGE_PROPERTIES = {
  page: { type: 'integer', minimum: 1, default: 1 },
  pageSize: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
} as const;

export const PAGE_QUERY = { type: 'object', properties: PAGE_PROPERTIES } as const;

export function pageOf(q: PageQuery) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  return {
    page, pageSize, offset: (page - 1) * pageSize,
    info: (total: number) => ({ page, pageSize, total }),
    /** the page of an in-memory list */
    slice: <T>(xs: readonly T[]) => xs.slice((page - 1) * pageSize, page * pageSize),
  };
}
