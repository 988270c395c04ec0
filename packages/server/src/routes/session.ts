/**
 * Signing in and out (登录), and changing the password. A session is a cookie the page cannot read
 * (HttpOnly) plus a CSRF token the page sends back on every write. Failed sign-ins are rate
 * limited per address and username; the answer never says whether the username exists.
 */
import type { FastifyInstance } from 'fastify';
import { AccountError, authenticate, changePassword, closeSession, openSession, type Account, type Store } from '@duixian/store';
import { ApiError } from '../errors.js';
import { accountOf, guard, sessionCookie } from '../auth/guard.js';
import { sessionCache } from '../auth/session-cache.js';
import { SIGNED_IN } from '../auth/access.js';
import type { LoginLimiter } from '../auth/rate-limit.js';

export const SESSION_HOURS = 12;

const view = (a: Account) => ({ username: a.username, role: a.role, region: a.region, uscc: a.uscc, bank: a.bank, mustChangePassword: a.mustChangePassword });

export function accountError(e: unknown): never {
  if (e instanceof AccountError) throw new ApiError(422, 'invalid-account', e.zh, e.en, [{ path: e.field, message: e.en }]);
  throw e;
}

export function sessionRoutes(store: Store, limiter: LoginLimiter) {
  return async (app: FastifyInstance): Promise<void> => {
    const signedIn = guard(store, SIGNED_IN, { beforePasswordChange: true });

    app.post<{ Body: { username: string; password: string } }>('/api/session', {
      schema: {
        tags: ['账户'], summary: 'Sign in: sets the session cookie, returns the account and its CSRF token',
        body: { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string', maxLength: 64 }, password: { type: 'string', maxLength: 256 } } },
      },
    }, async (req, reply) => {
      const { username, password } = req.body;
      const wait = limiter.retryAfter(req.ip, username);
      if (wait > 0) {
        void reply.header('retry-after', String(wait));
        throw new ApiError(429, 'too-many-attempts', `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试`, `Too many failed sign-ins; try again in ${wait} s`);
      }
      const account = await authenticate(store, username, password);
      if (!account) {
        limiter.fail(req.ip, username);
        throw new ApiError(401, 'bad-credentials', '用户名或密码不正确', 'Wrong username or password');
      }
      limiter.succeed(req.ip, username);
      const s = await openSession(store, account, SESSION_HOURS * 3600_000, req.ip);
      void reply.header('set-cookie', sessionCookie(s.token, SESSION_HOURS * 3600));
      return { account: view(account), csrf: s.csrf, expiresAt: s.expiresAt.toISOString() };
    });

    app.get('/api/session', { preHandler: signedIn, schema: { tags: ['账户'], summary: 'The signed-in account and its CSRF token' } },
      async (req) => ({ account: view(accountOf(req)), csrf: req.csrfToken }));

    app.delete('/api/session', { preHandler: signedIn, schema: { tags: ['账户'], summary: 'Sign out' } }, async (req, reply) => {
      await closeSession(store, req.sessionToken!, accountOf(req));
      sessionCache(store).forgetAll();
      void reply.header('set-cookie', sessionCookie('', 0));
      return { ok: true };
    });

    app.post<{ Body: { oldPassword: string; newPassword: string } }>('/api/session/password', {
      preHandler: signedIn,
      schema: {
        tags: ['账户'], summary: 'Change the password (required after the first sign-in); other sessions end',
        body: { type: 'object', required: ['oldPassword', 'newPassword'], properties: { oldPassword: { type: 'string', maxLength: 256 }, newPassword: { type: 'string', maxLength: 256 } } },
      },
    }, async (req) => {
      await changePassword(store, accountOf(req), req.body.oldPassword, req.body.newPassword, req.sessionToken!).catch(accountError);
      sessionCache(store).forgetAll(); // the other sessions of the account have ended
      return { ok: true };
    });
  };
}
