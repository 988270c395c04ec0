/**
 * 审计日志: the append-only, hash-chained log of every write, for the province's administrators and
 * auditors (an entry names accounts and regions of the whole province), and its verification.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AuditCheck, AuditLog, errorResponses, PageQuery } from '@duixian/api';
import { verifyAudit, type Store } from '@duixian/store';
import { accountOf, guard } from '../auth/guard.js';
import { READERS, seesAll } from '../auth/access.js';
import { ApiError } from '../errors.js';
import { pageOf } from '../paging.js';

export function auditRoutes(store: Store) {
  return async (untyped: FastifyInstance): Promise<void> => {
    const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
    const provinceOnly = (req: Parameters<typeof accountOf>[0]) => {
      const me = accountOf(req);
      if (!seesAll(me) || (me.role !== 'province-admin' && me.role !== 'auditor')) {
        throw new ApiError(403, 'forbidden', '审计日志仅供省级管理员和省级审计人员查看', 'The audit log is for the province\'s administrators and auditors');
      }
    };

    app.get('/api/audit', {
      preHandler: [guard(store, READERS)],
      schema: { tags: ['审计'], summary: '审计日志，新的在前', description: 'The audit log, newest first', querystring: PageQuery, response: { 200: AuditLog, ...errorResponses(400, 401, 403) } },
    }, async (req) => {
      provinceOnly(req);
      const page = pageOf(req.query);
      const total = Number((await store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await store.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(page.pageSize).offset(page.offset).execute();
      return { ...page.info(total), items: rows.map((r) => ({ ...r, seq: String(r.seq), at: r.at.toISOString() })) };
    });

    app.get('/api/audit/verify', {
      preHandler: guard(store, READERS),
      schema: { tags: ['审计'], summary: '重新计算哈希链；如有，第一条被改动的记录', description: 'Recompute the hash chain; the first broken entry if any', response: { 200: AuditCheck, ...errorResponses(401, 403) } },
    }, async (req) => {
      provinceOnly(req);
      return verifyAudit(store);
    });
  };
}
