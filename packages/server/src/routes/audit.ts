/**
 * 审计日志: the append-only, hash-chained log of every write, for the province's administrators and
 * auditors (an entry names accounts and regions of the whole province), and its verification.
 */
import type { FastifyInstance } from 'fastify';
import { verifyAudit, type Store } from '@duixian/store';
import { accountOf, guard } from '../auth/guard.js';
import { READERS, seesAll } from '../auth/access.js';
import { ApiError } from '../errors.js';
import { pageOf, PAGE_QUERY, type PageQuery } from '../paging.js';

export function auditRoutes(store: Store) {
  return async (app: FastifyInstance): Promise<void> => {
    const provinceOnly = (req: Parameters<typeof accountOf>[0]) => {
      const me = accountOf(req);
      if (!seesAll(me) || (me.role !== 'province-admin' && me.role !== 'auditor')) {
        throw new ApiError(403, 'forbidden', '审计日志仅供省级管理员和省级审计人员查看', 'The audit log is for the province\'s administrators and auditors');
      }
    };

    app.get<{ Querystring: PageQuery }>('/api/audit', {
      preHandler: [guard(store, READERS)], schema: { tags: ['审计'], summary: 'The audit log, newest first', querystring: PAGE_QUERY },
    }, async (req) => {
      provinceOnly(req);
      const page = pageOf(req.query);
      const total = Number((await store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(page.pageSize).offset(page.offset).execute();
      return { ...page.info(total), items: rows.map((r) => ({ ...r, seq: String(r.seq) })) };
    });

    app.get('/api/audit/verify', { preHandler: guard(store, READERS), schema: { tags: ['审计'], summary: 'Recompute the hash chain; the first broken entry if any' } }, async (req) => {
      provinceOnly(req);
      return verifyAudit(store);
    });
  };
}
