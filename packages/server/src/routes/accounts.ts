/**
 * Accounts (账户管理): administrators create accounts inside their own jurisdiction — a county
 * administrator for its county, its auditors and the users of its enterprises. A new account gets
 * a one-time password, shown once, to be changed at first sign-in. A partner bank's staff (bank,
 * with the bank's name and the region it serves) are created by the province only.
 */
import type { FastifyInstance } from 'fastify';
import { createAccount, generatePassword, listAccounts, ROLES, type Account, type Role, type Store } from '@duixian/store';
import { ApiError } from '../errors.js';
import { accountOf, guard, outsideJurisdiction } from '../auth/guard.js';
import { ADMINS, canCreate, canSeeSubject, READERS, regionsWithin, seesAll } from '../auth/access.js';
import { accountError } from './session.js';
import { pageOf, PAGE_QUERY, type PageQuery } from '../paging.js';

export function accountRoutes(store: Store) {
  /**
   * An enterprise user acts for the one stored subject its USCC names, inside the creator's
   * jurisdiction (the province's too): a code no subject or two subjects carry binds to nothing.
   */
  async function bindable(me: Account, uscc: string | undefined): Promise<void> {
    const holders = uscc ? await store.db.selectFrom('subjects').select(['id', 'region', 'uscc']).where('uscc', '=', uscc).limit(2).execute() : [];
    if (!holders.length) throw new ApiError(422, 'unknown-subject', `库中没有信用代码为 ${uscc ?? ''} 的企业，请先导入该企业`, `No stored enterprise has the USCC ${uscc ?? ''}; import it first`, [{ path: 'uscc', message: 'no stored subject has this code' }]);
    if (!holders.every((h) => canSeeSubject(me, h))) throw outsideJurisdiction(`企业 ${uscc} `, `The enterprise ${uscc}`);
    if (holders.length > 1) throw new ApiError(409, 'ambiguous-uscc', `信用代码 ${uscc} 对应多个主体，请先核实并更正后再绑定账户`, `The USCC ${uscc} names more than one subject; correct the data before binding an account`, [{ path: 'uscc', message: holders.map((h) => h.id).join(', ') }]);
  }

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
      if (b.role === 'enterprise') await bindable(me, b.uscc);
      const password = generatePassword();
      const account = await createAccount(store, { ...b, password }, me.username).catch(accountError);
      void reply.status(201);
      return { account, oneTimePassword: password };
    });
  };
}
