/**
 * Signing in and out (登录), and changing the password. A session is a cookie the page cannot read
 * (HttpOnly) plus a CSRF token the page sends back on every write. Sign-in attempts are rate
 * limited per address and username, counted before the password is hashed; wrong old passwords
 * at a change are limited per account (auth/rate-limit.ts). The answer never says whether the
 * username exists.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses, Ok, PasswordChange, Session, SessionAccount, SignedIn, SignIn } from '@duixian/api';
import { AccountError, authenticate, changePassword, closeSession, openSession, type Account, type Store } from '@duixian/store';
import { ApiError } from '../errors.js';
import { accountOf, guard, sessionCookie } from '../auth/guard.js';
import { sessionCache } from '../auth/session-cache.js';
import { SIGNED_IN } from '../auth/access.js';
import { OldPasswordLimiter, type Attempt, type Limiter } from '../auth/rate-limit.js';

export const SESSION_HOURS = 12;

const view = (a: Account): SessionAccount => ({ username: a.username, role: a.role, region: a.region, uscc: a.uscc, bank: a.bank, mustChangePassword: a.mustChangePassword });

export function accountError(e: unknown): never {
  if (e instanceof AccountError) throw new ApiError(422, 'invalid-account', e.zh, e.en, [{ path: e.field, message: e.en }]);
  throw e;
}

/** The attempt, or a 429 with the seconds to wait (a second when only attempts in flight are full). */
function allowed(attempt: Attempt | number, reply: FastifyReply, zh: string, en: string): Attempt {
  if (typeof attempt !== 'number') return attempt;
  void reply.header('retry-after', String(attempt));
  const after = attempt < 60 ? `${attempt} 秒` : `${Math.ceil(attempt / 60)} 分钟`;
  throw new ApiError(429, 'too-many-attempts', `${zh}，请 ${after}后再试`, `${en}; try again in ${attempt} s`);
}

/** A sign-in's body is a name and a password: a few hundred bytes. */
const SIGN_IN_BODY_LIMIT = 16 * 1024;

export function sessionRoutes(store: Store, limiter: Limiter<[string, string]>, oldPasswords: Limiter<[string]> = new OldPasswordLimiter()) {
  return async (untyped: FastifyInstance): Promise<void> => {
    const app = untyped.withTypeProvider<TypeBoxTypeProvider>();
    const signedIn = guard(store, SIGNED_IN, { beforePasswordChange: true });

    app.post('/api/session', {
      bodyLimit: SIGN_IN_BODY_LIMIT,
      schema: {
        tags: ['账户'], summary: '登录：设置会话 cookie，返回账户及其 CSRF 令牌', description: 'Sign in: sets the session cookie, returns the account and its CSRF token',
        body: SignIn, response: { 200: SignedIn, ...errorResponses(400, 401, 413, 429) },
      },
    }, async (req, reply) => {
      const { username, password } = req.body;
      const attempt = allowed(await limiter.attempt(req.ip, username), reply, '登录尝试过多', 'Too many sign-in attempts');
      const account = await authenticate(store, username, password).catch(async (e: unknown) => {
        await attempt.untried();
        throw e;
      });
      if (!account) {
        await attempt.failed();
        throw new ApiError(401, 'bad-credentials', '用户名或密码不正确', 'Wrong username or password');
      }
      await attempt.succeeded();
      const s = await openSession(store, account, SESSION_HOURS * 3600_000, req.ip);
      void reply.header('set-cookie', sessionCookie(s.token, SESSION_HOURS * 3600));
      return { account: view(account), csrf: s.csrf, expiresAt: s.expiresAt.toISOString() };
    });

    app.get('/api/session', {
      preHandler: signedIn,
      schema: { tags: ['账户'], summary: '当前账户及其 CSRF 令牌', description: 'The signed-in account and its CSRF token', response: { 200: Session, ...errorResponses(401) } },
    }, async (req) => ({ account: view(accountOf(req)), csrf: req.csrfToken! }));

    app.delete('/api/session', {
      preHandler: signedIn, schema: { tags: ['账户'], summary: '退出登录', description: 'Sign out', response: { 200: Ok, ...errorResponses(401, 403) } },
    }, async (req, reply) => {
      await closeSession(store, req.sessionToken!, accountOf(req));
      sessionCache(store).forgetAll();
      void reply.header('set-cookie', sessionCookie('', 0));
      return { ok: true } as const;
    });

    app.post('/api/session/password', {
      preHandler: signedIn,
      schema: {
        tags: ['账户'], summary: '修改密码（首次登录后必须）；其他会话结束', description: 'Change the password (required after the first sign-in); other sessions end',
        body: PasswordChange, response: { 200: Ok, ...errorResponses(400, 401, 403, 422, 429) },
      },
    }, async (req, reply) => {
      const me = accountOf(req);
      const attempt = allowed(await oldPasswords.attempt(me.id), reply, '原密码错误次数过多', 'Too many wrong current passwords');
      await changePassword(store, me, req.body.oldPassword, req.body.newPassword, req.sessionToken!).catch(async (e: unknown) => {
        // only a checked, wrong old password counts: a refused new password never reached the check
        if (e instanceof AccountError && e.field === 'oldPassword') await attempt.failed();
        else await attempt.untried();
        return accountError(e);
      });
      await attempt.succeeded();
      sessionCache(store).forgetAll(); // the other sessions of the account have ended
      return { ok: true } as const;
    });
  };
}
