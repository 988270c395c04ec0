/**
 * Accounts (账户管理): administrators create accounts inside their own jurisdiction — a county
 * administrator for its county, its auditors and the users of its enterprises. A new account gets
 * a one-time password, shown once, to be changed at first sign-in. A partner bank's staff (bank,
 * with the bank's name and the region it serves) are created by the province only. The same
 * administrators disable an account (its sessions end), enable it again, or give it a new one-time
 * password — never their own account, and never one above or outside their jurisdiction.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AccountChanged, AccountIssued, AccountList, AccountParams, AccountReset, errorResponses, NewAccount, PageQuery } from '@duixian/api';
import { isWithin } from '@duixian/corpus';
import {
  createAccount, generatePassword, listAccounts, readAccount, resetPassword, setAccountDisabled,
  type Account, type ListedAccount, type Store,
} from '@duixian/store';
import { ApiError } from '../errors.js';
import { accountOf, guard, outsideJurisdiction } from '../auth/guard.js';
import { ADMINS, canCreate, canSeeSubject, READERS, regionsWithin, seesAll } from '../auth/access.js';
import { accountError } from './session.js';
import { pageOf } from '../paging.js';
import { processError } from '../process.js';
import { sessionCache } from '../auth/session-cache.js';

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

  /**
   * The account `me` may disable, enable or reset: not its own (a slip would lock it out; another
   * administrator does it); a bank's staff by the province only; an enterprise user whose
   * enterprise lies inside `me`'s jurisdiction (the province's: any); else an account whose region
   * lies inside it — so a county administrator never touches the city's or the province's.
   */
  async function manageable(me: Account, id: string): Promise<ListedAccount> {
    const target = await readAccount(store, id);
    if (!target) throw new ApiError(404, 'not-found', `没有账户 ${id}`, `No account ${id}`);
    if (target.id === me.id) throw new ApiError(403, 'own-account', '不能停用、启用或重置自己的账户；修改密码请用右上角的“修改密码”', 'You cannot disable, enable or reset your own account; change your password from your profile');
    const within = target.role === 'bank' ? me.role === 'province-admin'
      : target.role === 'enterprise' ? seesAll(me) || await enterpriseWithin(me, target.uscc)
        : target.region !== null && isWithin(target.region, me.region!);
    if (!within) throw outsideJurisdiction(`账户 ${target.username} `, `The account ${target.username}`);
    return target;
  }

  /** An enterprise user's enterprise lies inside `me`'s jurisdiction (every subject of its USCC). */
  async function enterpriseWithin(me: Account, uscc: string | null): Promise<boolean> {
    const holders = uscc ? await store.db.selectFrom('subjects').select(['id', 'region', 'uscc']).where('uscc', '=', uscc).execute() : [];
    return holders.length > 0 && holders.every((h) => canSeeSubject(me, h));
  }

  return async (untyped: FastifyInstance): Promise<void> => {
    const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
    const switches = [
      ['disable', true, '停用账户：不能登录，会话结束', 'Disable an account: it cannot sign in, its sessions end'],
      ['enable', false, '重新启用账户', 'Enable a disabled account again'],
    ] as const;
    for (const [path, disabled, zh, summary] of switches) {
      app.post(`/api/accounts/:id/${path}`, {
        preHandler: guard(store, ADMINS),
        schema: {
          tags: ['账户'], summary: `${zh}（管理员，限辖区内，不含自己）`, description: `${summary} (an administrator, inside its jurisdiction, never its own)`,
          params: AccountParams, response: { 200: AccountChanged, ...errorResponses(400, 401, 403, 404, 409) },
        },
      }, async (req) => {
        const me = accountOf(req);
        const target = await manageable(me, req.params.id);
        const account = await setAccountDisabled(store, target.id, disabled, me.username).catch((e) => processError(e));
        sessionCache(store).forgetAll(); // a disabled account's sessions end now, not within the cache's seconds
        return { account };
      });
    }

    app.post('/api/accounts/:id/reset-password', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['账户'], summary: '重置为新的一次性密码（仅显示一次），下次登录须修改，会话结束',
        description: 'A new one-time password for an account, returned once; it must be changed at the next sign-in, and the account\'s sessions end',
        params: AccountParams, response: { 200: AccountReset, ...errorResponses(400, 401, 403, 404, 409) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const target = await manageable(me, req.params.id);
      const { account, password } = await resetPassword(store, target.id, me.username).catch((e) => processError(e));
      sessionCache(store).forgetAll();
      return { account, oneTimePassword: password };
    });

    app.get('/api/accounts', {
      preHandler: guard(store, READERS),
      schema: {
        tags: ['账户'], summary: '辖区内的账户', description: 'The accounts acting inside your jurisdiction',
        querystring: PageQuery, response: { 200: AccountList, ...errorResponses(400, 401, 403) },
      },
    }, async (req) => {
      const me = accountOf(req);
      const page = pageOf(req.query);
      const all = await listAccounts(store, seesAll(me) ? undefined : regionsWithin(me.region!));
      return { ...page.info(all.length), items: page.slice(all) };
    });

    app.post('/api/accounts', {
      preHandler: guard(store, ADMINS),
      schema: {
        tags: ['账户'], summary: '在辖区内创建账户；一次性密码仅返回这一次', description: 'Create an account in your jurisdiction; returns its one-time password once',
        body: NewAccount, response: { 201: AccountIssued, ...errorResponses(400, 401, 403, 409, 422) },
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
