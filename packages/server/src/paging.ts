/** Lists paginate: `page` (1 to a million) and `pageSize` (1–500, default 50); answers say the total. */
export interface PageQuery {
  page?: number;
  pageSize?: number;
}

export const PAGE_PROPERTIES = {
  page: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 }, // past any list here, and a page past it is a 400, not an offset PostgreSQL refuses
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
