/**
 * Accounts and sessions in the store. Each account has one role and one jurisdiction (管辖范围):
 * a region for administrators and auditors, a USCC for an enterprise user; a partner bank's staff
 * (bank) hold the region they serve and the bank they work for. Who may create whom is
 * the server's rule; here an account is checked for shape (the region is of the role's level, the
 * USCC is valid) and written with an audit entry. Sessions are random tokens kept as their hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { usccProblem } from '@duixian/engine';
import { region } from '@duixian/corpus';
import type { Store } from './db.js';
import type { Role } from './schema.js';
import { appendAudit } from './audit.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';
import { AccountError } from './account-error.js';
import { passwordProblem, strongPassword } from './password-strength.js';
import { canonicalUsername, usernameProblem } from './usernames.js';
import { BANK_NAME, bankAccountProblem } from './banks.js';
import { ProcessError } from './process-error.js';

export { AccountError } from './account-error.js';
export { MIN_PASSWORD, passwordProblem, strongPassword } from './password-strength.js';
export { canonicalUsername, usernameProblem } from './usernames.js';
export { BANK_NAME } from './banks.js';

export const ROLES: readonly Role[] = ['province-admin', 'city-admin', 'county-admin', 'enterprise', 'auditor', 'bank'];

export interface Account {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  /** the region code the account acts in (administrators, auditors) */
  readonly region: string | null;
  /** the enterprise an enterprise user acts for */
  readonly uscc: string | null;
  /** the partner bank a bank account works for (齐鲁电商贷) */
  readonly bank: string | null;
  readonly mustChangePassword: boolean;
}

export interface NewAccount {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly region?: string;
  readonly uscc?: string;
  readonly bank?: string;
}

const LEVEL: Partial<Record<Role, readonly string[]>> = {
  'province-admin': ['province'], 'city-admin': ['city'], 'county-admin': ['county'], auditor: ['province', 'city', 'county'], bank: ['province', 'city', 'county'],
};


/** The problem with an account's fields, or undefined. */
export function accountProblem(a: NewAccount): AccountError | undefined {
  const name = usernameProblem(a.username);
  if (name) return name;
  if (!ROLES.includes(a.role)) return new AccountError('role', `角色只能是 ${ROLES.join('、')}`, `role must be one of ${ROLES.join(', ')}`);
  const pw = passwordProblem(a.password, canonicalUsername(a.username));
  if (pw) return pw;
  if (a.role === 'enterprise') {
    if (a.bank) return new AccountError('bank', '只有银行用户填写所属银行', 'only bank users have a bank');
    if (!a.uscc || usccProblem(a.uscc)) return new AccountError('uscc', '企业用户须绑定一个有效的统一社会信用代码', 'an enterprise user needs one valid USCC');
    if (a.region) return new AccountError('region', '企业用户不设地区，按信用代码确定', 'an enterprise user has no region; its USCC decides');
    return undefined;
  }
  const r = a.region ? region(a.region) : undefined;
  if (!r || !LEVEL[a.role]!.includes(r.level) || r.code.slice(0, 2) !== '37') {
    return new AccountError('region', `${a.role} 的地区须为山东省内的${LEVEL[a.role]!.map((l) => ({ province: '省', city: '市', county: '县（区）' })[l]).join('或')}级代码`, `a ${a.role} needs a Shandong region code of level ${LEVEL[a.role]!.join(' or ')}`);
  }
  if (a.uscc) return new AccountError('uscc', '只有企业用户绑定信用代码', 'only enterprise users have a USCC');
  if (a.role === 'bank' && !(a.bank && BANK_NAME.test(a.bank))) return new AccountError('bank', '银行用户须填写所属合作银行（2至64个字，如 齐鲁银行济宁分行）', 'a bank user needs the name of its partner bank (2-64 characters)');
  if (a.role !== 'bank' && a.bank) return new AccountError('bank', '只有银行用户填写所属银行', 'only bank users have a bank');
  return undefined;
}

type Row = { id: string | number; username: string; role: Role; region: string | null; uscc: string | null; bank: string | null; must_change_password: boolean };
const account = (r: Row): Account => ({ id: String(r.id), username: r.username, role: r.role, region: r.region, uscc: r.uscc, bank: r.bank, mustChangePassword: r.must_change_password });
const COLUMNS = ['id', 'username', 'role', 'region', 'uscc', 'bank', 'must_change_password'] as const;

/** The account row a username names: by canonical form, so that accounts stored before it was enforced are found too. */
const named = (username: string) => sql<boolean>`lower(username) = ${canonicalUsername(username)}`;

export async function createAccount(store: Store, given: NewAccount, by: string, mustChange = true): Promise<Account> {
  const problem = accountProblem(given);
  if (problem) throw problem;
  const a = { ...given, username: canonicalUsername(given.username) };
  const hash = await hashPassword(a.password);
  return store.db.transaction().execute(async (tx) => {
    const taken = await tx.selectFrom('accounts').select('id').where(named(a.username)).executeTakeFirst();
    if (taken) throw new AccountError('username', `用户名 ${a.username} 已被使用`, `the username ${a.username} is taken`);
    const bank = a.role === 'bank' ? await bankAccountProblem(tx, a.bank!, a.region!) : undefined;
    if (bank) throw bank;
    const row = await tx.insertInto('accounts').values({
      username: a.username, role: a.role, region: a.region ?? null, uscc: a.uscc ?? null, bank: a.bank ?? null,
      password_hash: hash, must_change_password: mustChange, created_by: by,
    }).returning(COLUMNS).executeTakeFirstOrThrow();
    await appendAudit(tx, { actor: by, action: 'account.create', entity: `accounts/${row.id}`, after: { username: a.username, role: a.role, region: a.region ?? null, uscc: a.uscc ?? null, ...(a.bank ? { bank: a.bank } : {}) } });
    return account(row);
  });
}

const FIRST_ADMIN_LOCK = 0x61646d6e;

/**
 * On the first start only: a province administrator `admin` with a generated one-time password
 * (to be changed at first sign-in). Returns the password once; undefined when accounts exist.
 */
export async function ensureFirstAdmin(store: Store): Promise<{ username: string; password: string } | undefined> {
  const password = strongPassword('admin');
  const hash = await hashPassword(password);
  return store.db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${FIRST_ADMIN_LOCK})`.execute(tx);
    if (await tx.selectFrom('accounts').select('id').limit(1).executeTakeFirst()) return undefined;
    const row = await tx.insertInto('accounts').values({
      username: 'admin', role: 'province-admin', region: '370000', password_hash: hash, must_change_password: true, created_by: 'system',
    }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(tx, { actor: 'system', action: 'account.create', entity: `accounts/${row.id}`, after: { username: 'admin', role: 'province-admin', region: '370000', firstStart: true } });
    return { username: 'admin', password };
  });
}

/** The account for a username and password, or undefined (the same time is spent either way). */
export async function authenticate(store: Store, username: string, password: string): Promise<Account | undefined> {
  const row = await store.db.selectFrom('accounts').select([...COLUMNS, 'password_hash', 'disabled']).where(named(username)).executeTakeFirst();
  const ok = await verifyPassword(password, row?.password_hash ?? (await decoyHash()));
  return row && ok && !row.disabled ? account(row) : undefined;
}

export interface Session {
  readonly token: string;
  readonly csrf: string;
  readonly expiresAt: Date;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function openSession(store: Store, who: Account, ttlMs: number, from: string): Promise<Session> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlMs);
  await store.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('sessions').where('expires_at', '<', new Date()).execute(); // tidy as we go
    await tx.insertInto('sessions').values({ token_hash: tokenHash(token), account_id: who.id, csrf, expires_at: expiresAt }).execute();
    await appendAudit(tx, { actor: who.username, action: 'session.open', entity: `accounts/${who.id}`, after: { from } });
  });
  return { token, csrf, expiresAt };
}

/** The live session of a token with its account, or undefined (unknown, expired or disabled). */
export async function sessionOf(store: Store, token: string): Promise<{ account: Account; csrf: string; expiresAt: Date } | undefined> {
  const row = await store.db.selectFrom('sessions').innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select(['accounts.id', 'username', 'role', 'region', 'uscc', 'bank', 'must_change_password', 'disabled', 'csrf', 'expires_at'])
    .where('token_hash', '=', tokenHash(token)).executeTakeFirst();
  if (!row || row.disabled || new Date(row.expires_at) <= new Date()) return undefined;
  return { account: account(row), csrf: row.csrf, expiresAt: new Date(row.expires_at) };
}

export async function closeSession(store: Store, token: string, who: Account): Promise<void> {
  await store.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
    await appendAudit(tx, { actor: who.username, action: 'session.close', entity: `accounts/${who.id}` });
  });
}

/** A new password for an account that proves the old one; every other session of it ends. */
export async function changePassword(store: Store, who: Account, oldPassword: string, newPassword: string, keepToken: string): Promise<void> {
  const problem = passwordProblem(newPassword, who.username);
  if (problem) throw problem;
  if (oldPassword === newPassword) throw new AccountError('password', '新密码不能与旧密码相同', 'the new password must differ from the old one');
  if (!(await authenticate(store, who.username, oldPassword))) throw new AccountError('oldPassword', '原密码不正确', 'the current password is wrong');
  const hash = await hashPassword(newPassword);
  await store.db.transaction().execute(async (tx) => {
    await tx.updateTable('accounts').set({ password_hash: hash, must_change_password: false }).where('id', '=', who.id).execute();
    await tx.deleteFrom('sessions').where('account_id', '=', who.id).where('token_hash', '<>', tokenHash(keepToken)).execute();
    await appendAudit(tx, { actor: who.username, action: 'account.password', entity: `accounts/${who.id}`, before: { mustChangePassword: who.mustChangePassword }, after: { mustChangePassword: false } });
  });
}

/** An account as its administrators list it: whether it is disabled, and who made it. */
export interface ListedAccount extends Account {
  readonly disabled: boolean;
  readonly createdBy: string;
}

const LISTED = [...COLUMNS, 'disabled', 'created_by'] as const;
type ListedRow = Row & { disabled: boolean; created_by: string };
const listed = (r: ListedRow): ListedAccount => ({ ...account(r), disabled: r.disabled, createdBy: r.created_by });

/**
 * Accounts acting inside `regions` (codes): administrators and auditors of those regions and the
 * users of enterprises stored there. All accounts when `regions` is undefined.
 */
export async function listAccounts(store: Store, regions?: readonly string[]): Promise<ListedAccount[]> {
  let q = store.db.selectFrom('accounts').select(LISTED).orderBy('id');
  if (regions) {
    const inside = regions.length ? regions : [''];
    q = q.where((eb) => eb.or([
      eb('region', 'in', inside),
      eb('uscc', 'in', eb.selectFrom('subjects').select('uscc').where('region', 'in', inside).where('uscc', 'is not', null).$narrowType<{ uscc: string }>()),
    ]));
  }
  return (await q.execute()).map(listed);
}

/** One account by its id, or undefined. */
export async function readAccount(store: Store, id: string): Promise<ListedAccount | undefined> {
  if (!/^[0-9]{1,18}$/.test(id)) return undefined;
  const row = await store.db.selectFrom('accounts').select(LISTED).where('id', '=', id).executeTakeFirst();
  return row && listed(row);
}

/**
 * Disable an account (it can no longer sign in, and every session of it ends at once) or enable it
 * again. Who may is the server's rule; a change to the state it is in already is a conflict.
 */
export async function setAccountDisabled(store: Store, id: string, disabled: boolean, by: string): Promise<ListedAccount> {
  await store.db.transaction().execute(async (tx) => {
    const done = await tx.updateTable('accounts').set({ disabled }).where('id', '=', id).where('disabled', '=', !disabled).returning('username').executeTakeFirst();
    if (!done) {
      throw new ProcessError('conflict', 'account-unchanged', disabled ? '该账户已是停用状态' : '该账户未停用，无需启用', disabled ? 'The account is disabled already' : 'The account is not disabled');
    }
    if (disabled) await tx.deleteFrom('sessions').where('account_id', '=', id).execute();
    await appendAudit(tx, { actor: by, action: disabled ? 'account.disable' : 'account.enable', entity: `accounts/${id}`, before: { disabled: !disabled }, after: { disabled } });
  });
  return (await readAccount(store, id))!;
}

/**
 * A new one-time password for an account, returned once: the user must change it at the next
 * sign-in, and every session of the account ends (whoever held the old password is out).
 */
export async function resetPassword(store: Store, id: string, by: string): Promise<{ account: ListedAccount; password: string }> {
  const target = await readAccount(store, id);
  if (!target) throw new ProcessError('not-found', 'not-found', `没有账户 ${id}`, `No account ${id}`);
  const password = strongPassword(target.username);
  const hash = await hashPassword(password);
  await store.db.transaction().execute(async (tx) => {
    await tx.updateTable('accounts').set({ password_hash: hash, must_change_password: true }).where('id', '=', id).execute();
    await tx.deleteFrom('sessions').where('account_id', '=', id).execute();
    await appendAudit(tx, { actor: by, action: 'account.reset-password', entity: `accounts/${id}`, before: { mustChangePassword: target.mustChangePassword }, after: { mustChangePassword: true } });
  });
  return { account: (await readAccount(store, id))!, password };
}
