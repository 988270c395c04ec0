/**
 * 登录 Signing in and out, and changing the password: a session is an HttpOnly cookie plus a CSRF
 * token the page sends back as x-csrf-token on every write.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum, Timestamp } from './common.js';

export const ROLE_NAMES = ['province-admin', 'city-admin', 'county-admin', 'enterprise', 'auditor', 'bank'] as const;
export const Role = StringEnum(ROLE_NAMES, { description: '角色：省/市/县管理员、企业、审计、合作银行 province, city or county administrator, enterprise user, auditor, partner bank' });
export type Role = Static<typeof Role>;

export const SignIn = Type.Object({
  username: Type.String({ maxLength: 64, description: '用户名 the username' }),
  password: Type.String({ maxLength: 256, description: '密码 the password' }),
}, { description: '登录 Sign in', examples: [{ username: 'jinan-admin', password: 'a long passphrase' }] });
export type SignIn = Static<typeof SignIn>;

/** The signed-in account as the pages see it (never its id, nor its password's hash). */
export const SessionAccount = Type.Object({
  username: Type.String(),
  role: Role,
  region: Nullable(Type.String({ description: '辖区代码 the region the account acts in (administrators, auditors, banks)' })),
  uscc: Nullable(Type.String({ description: '企业信用代码 the enterprise an enterprise user acts for' })),
  bank: Nullable(Type.String({ description: '合作银行 the partner bank a bank account works for' })),
  mustChangePassword: Type.Boolean({ description: '须先修改一次性密码 must change the one-time password first' }),
}, { description: '当前账户 The signed-in account' });
export type SessionAccount = Static<typeof SessionAccount>;

export const SignedIn = Type.Object({
  account: SessionAccount,
  csrf: Type.String({ description: '每次写操作须在 x-csrf-token 中发送 send as x-csrf-token on every write' }),
  expiresAt: Timestamp('会话到期时间 when the session ends'),
}, { description: '已登录（会话 cookie 已设置） Signed in: the session cookie is set' });
export type SignedIn = Static<typeof SignedIn>;

export const Session = Type.Object({ account: SessionAccount, csrf: Type.String() }, { description: '当前会话 The signed-in account and its CSRF token' });
export type Session = Static<typeof Session>;

export const PasswordChange = Type.Object({
  oldPassword: Type.String({ maxLength: 256, description: '原密码 the current password' }),
  newPassword: Type.String({ maxLength: 256, description: '新密码（至少12位） the new password' }),
}, { description: '修改密码 Change the password', examples: [{ oldPassword: 'the one-time password', newPassword: 'a new long passphrase' }] });
export type PasswordChange = Static<typeof PasswordChange>;
