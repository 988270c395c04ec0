/**
 * The check in front of every protected endpoint: a live session (cookie `duixian_session`,
 * HttpOnly, Secure, SameSite=Strict), the CSRF token of that session on every write (header
 * `x-csrf-token`), a changed first password, and one of the endpoint's roles. The jurisdiction
 * check follows in the handler, which knows the resource.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Account, Role, Store } from '@duixian/store';
import { ApiError } from '../errors.js';
import { sessionCache } from './session-cache.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** the signed-in account (set by the guard) */
    account?: Account;
    /** the session token of the request (set by the guard) */
    sessionToken?: string;
    /** the session's CSRF token (set by the guard) */
    csrfToken?: string;
  }
}

export const SESSION_COOKIE = 'duixian_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The cookie `name` of the request, decoded; a value that is not percent-encoding is the sender's error (400). */
export function cookie(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodedHeader(part.slice(eq + 1).trim(), `cookie.${name}`);
  }
  return undefined;
}

/**
 * A percent-encoded header value (a cookie, x-file-name), decoded; refused with a 400 naming
 * `field` when it is not valid percent-encoding or decodes to a NUL, which no stored text may hold.
 */
export function decodedHeader(value: string, field: string): string {
  let text: string | undefined;
  try {
    text = decodeURIComponent(value);
  } catch {
    text = undefined;
  }
  if (text !== undefined && !text.includes('\u0000')) return text;
  const en = text === undefined ? `${field} is not valid percent-encoding (UTF-8, as encodeURIComponent writes it)` : `${field} holds a NUL character (U+0000): remove it`;
  const zh = text === undefined ? `${field} 不是有效的百分号编码（UTF-8），请按 encodeURIComponent 编码后重试` : `${field} 含有空字符（U+0000），请删除后重试`;
  throw new ApiError(400, 'bad-header', zh, en, [{ path: field, message: en }]);
}

export function sessionCookie(token: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=${maxAgeSeconds}`;
}

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export interface GuardOptions {
  /** reachable before the one-time password is changed (the session and password endpoints) */
  readonly beforePasswordChange?: boolean;
}

export function guard(store: Store, roles: readonly Role[], opts: GuardOptions = {}) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = cookie(req, SESSION_COOKIE);
    const session = token ? await sessionCache(store).get(token) : undefined;
    if (!token || !session) throw new ApiError(401, 'unauthenticated', '请先登录（或登录已过期）', 'Sign in first (or the session has expired)');
    const sent = req.headers[CSRF_HEADER];
    if (!SAFE_METHODS.has(req.method) && (typeof sent !== 'string' || !sameSecret(sent, session.csrf))) {
      throw new ApiError(403, 'csrf', '请求缺少有效的 CSRF 令牌，请刷新页面后重试', `A write needs the session's CSRF token in the ${CSRF_HEADER} header`);
    }
    if (session.account.mustChangePassword && !opts.beforePasswordChange) {
      throw new ApiError(403, 'password-change-required', '首次登录请先修改密码', 'Change the one-time password first (POST /api/session/password)');
    }
    if (!roles.includes(session.account.role)) {
      throw new ApiError(403, 'forbidden', '您的角色无权进行此操作', `The role ${session.account.role} may not do this`);
    }
    req.account = session.account;
    req.sessionToken = token;
    req.csrfToken = session.csrf;
  };
}

/** The guard's account (handlers behind a guard only). */
export function accountOf(req: FastifyRequest): Account {
  if (!req.account) throw new Error('no account on a guarded request: is the route missing its guard?');
  return req.account;
}

export const outsideJurisdiction = (what: string, en: string): ApiError =>
  new ApiError(403, 'outside-jurisdiction', `${what}不在您的管辖范围内`, `${en} is outside your jurisdiction`);
