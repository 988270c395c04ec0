/**
 * Accounts (账户管理): administrators create accounts inside their own jurisdiction — a county
 * administrator for its county, its auditors and the users of its enterprises. A new account gets
 * a one-time password, shown once, to be changed at first sign-in. A partner bank's staff (bank,
 * with the bank's name and the region it serves) are created by the province only.
 */
import type { FastifyInstance } from 'fastify';
import { createAccount, generatePassword, listAccounts, ROLES, type Role, type Store } from '@duixian/store';
import { ApiError } from '../errors.js';
import { accountOf, guard, outsideJurisdiction } from '../auth/guard.js';
import { ADMINS, canCreate, canSeeSubject, READERS, regionsWithin, seesAll } from '../auth/access.js';
import { accountError } from './session.js';
import { pageOf, PAGE_QUERY, type PageQuery } from '../paging.js';

export function accountRoutes(store: Store) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get<{ Querystring: PageQuery }>('/api/accounts', {
      preHandler: guard(store, READERS), schema: { tags: ['账户'], summary: 'The accounts acting inside your jurisdiction', querystring: PAGE_QUERY },
    }, async (req) => {
      const me = accountOf(req);
      const page = pageOf(req.query);
      const all = await listAccounts(store, seesAll(me) ? undefined : regionsWithin(me.region!));
      return { ...page.info(all.length), items: page.slice(all) };
    });

    app.post<{ Body: { username: string; role: Role; region?: string; uscc?: string; bank?: string } }>('/api/accounts', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['账户'], summary: 'Create an account in your jurisdiction; returns its one-time password once',
        body: {
          type: 'object', required: ['username', 'role'], additionalProperties: false,
          properties: { username: { type: 'string' }, role: { type: 'string', enum: [...ROLES] }, region: { type: 'string' }, uscc: { type: 'string' }, bank: { type: 'string', description: 'role bank: the partner bank (齐鲁电商贷) its staff work for' } },
        },
      },
    }, async (req, reply) => {
      const me = accountOf(req);
      const b = req.body;
      if (b.role === 'bank' && me.role !== 'province-admin') throw new ApiError(403, 'forbidden', '合作银行的账户由省级管理员创建', 'Partner banks\' accounts are created by the province administrator');
      if (!canCreate(me, { role: b.role, region: b.region })) throw outsideJurisdiction(`地区 ${b.region ?? ''} `, `Region ${b.region ?? ''}`);
      if (b.role === 'enterprise' && !seesAll(me)) {
        const subject = b.uscc ? await store.db.selectFrom('subjects').select(['id', 'region', 'uscc']).where('uscc', '=', b.uscc).executeTakeFirst() : undefined;
        if (!subject) throw new ApiError(422, 'unknown-subject', `库中没有信用代码为 ${b.uscc ?? ''} 的企业，请先导入该企业`, `No stored enterprise has the USCC ${b.uscc ?? ''}; import it first`);
        if (!canSeeSubject(me, subject)) throw outsideJurisdiction(`企业 ${b.uscc} `, `The enterprise ${b.uscc}`);
      }
      const password = generatePassword();
      const account = await createAccount(store, { ...b, password }, me.username).catch(accountError);
      void reply.status(201);
      return { account, oneTimePassword: password };
    });
  };
}
