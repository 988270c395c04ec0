/**
 * Passwords and usernames (issue "Authority and abuse", point 9, and the hashing half of point 6):
 * a password is long AND not guessable (zxcvbn-ts with its common-password list); a username is
 * NFKC-normalised, lower-cased and drawn from a documented set, so that look-alikes (Cyrillic а,
 * fullwidth ａ, Admin) cannot pose as another account; at most HASHES_AT_ONCE scrypt hashes run
 * at once in the process, so a flood of sign-ins cannot take all its memory.
 */
import { describe, expect, it } from 'vitest';
import {
  AccountError, authenticate, canonicalUsername, changePassword, createAccount, ensureFirstAdmin, generatePassword, hashPassword,
  hashesRunning, HASHES_AT_ONCE, openSession, passwordProblem, usernameProblem, verifyPassword, type Store,
} from '@duixian/store';
import { BACKENDS } from './backends.js';

const STRONG = 'correct horse battery staple';
const CHEAP = { N: 2 ** 10, r: 8, p: 1 }; // the same code path at a cost tests can afford many times

describe('passwords', () => {
  it.each(['aaaaaaaaaaaa', 'password1234', 'qwertyuiop12', 'admin1234567', '1qaz2wsx3edc', 'Password123!'])('%s is refused as guessable, naming the field with zxcvbn\'s reason', (weak) => {
    const p = passwordProblem(weak);
    expect(p).toBeInstanceOf(AccountError);
    expect(p!.field).toBe('password');
    expect(p!.zh).toMatch(/容易被猜中/);
    expect(p!.en).toMatch(/easy to guess/);
  });

  it('correct horse battery staple (the test platform\'s password) is accepted', () => {
    expect(passwordProblem(STRONG)).toBeUndefined();
    expect(passwordProblem(STRONG, 'sd-admin')).toBeUndefined();
  });

  it('length: 11 random characters are refused for length, 12 accepted', () => {
    expect(passwordProblem('Xk7mP2qR9vL')?.en).toMatch(/at least 12 characters/);
    expect(passwordProblem('Xk7mP2qR9vLw')).toBeUndefined();
  });

  it('the username and the words duixian and shandong count as known to a guesser', () => {
    expect(passwordProblem('duixian123456')?.field).toBe('password');
    expect(passwordProblem('shandong2024!')?.field).toBe('password');
    const own = 'zhangwei.jn2024';
    expect(passwordProblem(own, 'ZhangWei.JN')).toBeInstanceOf(AccountError);
  });

  it('100 generated passwords all pass', () => {
    const refused = Array.from({ length: 100 }, () => generatePassword()).filter((p) => passwordProblem(p, 'admin'));
    expect(refused).toEqual([]);
  });
});

describe('usernames', () => {
  it.each([
    ['аdmin', 'Cyrillic а'], ['αdmin', 'Greek α'], ['admin١', 'Arabic-Indic digit'], ['ad min', 'a space'], ['a', 'one character'], ['x'.repeat(65), '65 characters'],
  ])('%s is refused (%s), the message saying the set', (name) => {
    const p = usernameProblem(name);
    expect(p?.field).toBe('username');
    expect(p?.zh).toContain('汉字');
    expect(p?.en).toContain('ASCII letters');
  });

  it.each(['ab', 'x'.repeat(64), '张三', 'zhang.san@jining', 'bank_01-jn'])('%s is accepted', (name) => {
    expect(usernameProblem(name)).toBeUndefined();
  });

  it('NFKC then lower case: fullwidth ａｄｍｉｎ and Admin are admin', () => {
    expect(canonicalUsername('ａｄｍｉｎ')).toBe('admin');
    expect(canonicalUsername('Admin')).toBe('admin');
    expect(canonicalUsername('张三')).toBe('张三');
    expect(canonicalUsername('аdmin')).not.toBe('admin'); // a confusable is not folded: it is refused
  });
});

describe('scrypt hashes at once', () => {
  it(`at most ${HASHES_AT_ONCE} run together; the rest wait their turn and all finish`, async () => {
    expect(HASHES_AT_ONCE).toBe(4);
    const started = Array.from({ length: 10 }, (_, i) => hashPassword(`password number ${i}`, CHEAP));
    expect(hashesRunning()).toEqual({ running: 4, waiting: 6 });
    const hashes = await Promise.all(started);
    expect(hashesRunning()).toEqual({ running: 0, waiting: 0 });
    expect(await verifyPassword('password number 3', hashes[3]!)).toBe(true);
    expect(await verifyPassword('password number 3', hashes[4]!)).toBe(false);
  });

  it('a failing hash gives its turn back', async () => {
    const bad = Array.from({ length: 6 }, () => hashPassword('x', { N: 3, r: 8, p: 1 }).catch(() => 'refused')); // N must be a power of 2
    expect(await Promise.all(bad)).toEqual(Array(6).fill('refused'));
    expect(hashesRunning()).toEqual({ running: 0, waiting: 0 });
  });
});

describe.each(BACKENDS)('accounts on $name', (backend) => {
  const county = { role: 'county-admin', region: '370811' } as const;
  const inFreshStore = async (test: (store: Store) => Promise<void>) => {
    const f = await backend.fresh();
    try {
      await test(f.store);
    } finally {
      await f.dispose();
    }
  };

  it('the first administrator\'s generated password passes the check', () => inFreshStore(async (store) => {
    const first = await ensureFirstAdmin(store);
    expect(passwordProblem(first!.password, 'admin')).toBeUndefined();
  }), 120_000);

  it('look-alike usernames are refused or taken; a Chinese name is stored; sign-in folds case and width', () => inFreshStore(async (store) => {
    await createAccount(store, { username: 'admin', password: STRONG, ...county }, 'test', false);
    const refused = async (username: string) => createAccount(store, { username, password: STRONG, ...county }, 'test', false).then(() => undefined, (e: AccountError) => [e.field, e.en]);
    expect(await refused('аdmin')).toEqual(['username', expect.stringContaining('ASCII letters')]);
    expect(await refused('ａｄｍｉｎ')).toEqual(['username', 'the username admin is taken']);
    expect(await refused('Admin')).toEqual(['username', 'the username admin is taken']);
    const zhang = await createAccount(store, { username: '张三', password: STRONG, ...county }, 'test', false);
    expect(zhang.username).toBe('张三');
    const names = (await store.db.selectFrom('accounts').select('username').orderBy('id').execute()).map((r) => r.username);
    expect(names).toEqual(['admin', '张三']);
    expect((await authenticate(store, 'ADMIN', STRONG))?.username).toBe('admin');
    expect((await authenticate(store, 'ａｄｍｉｎ', STRONG))?.username).toBe('admin');
    expect(await authenticate(store, 'аdmin', STRONG)).toBeUndefined();
  }), 120_000);

  it('a guessable new password is refused at creation and at a change, and nothing is written', () => inFreshStore(async (store) => {
    await expect(createAccount(store, { username: 'weak-one', password: 'password1234', ...county }, 'test', false)).rejects.toMatchObject({ field: 'password' });
    expect(await store.db.selectFrom('accounts').select('id').execute()).toEqual([]);
    const who = await createAccount(store, { username: 'changer', password: STRONG, ...county }, 'test', false);
    const s = await openSession(store, who, 60_000, 'test');
    const before = await store.db.selectFrom('accounts').select('password_hash').where('id', '=', who.id).executeTakeFirstOrThrow();
    await expect(changePassword(store, who, STRONG, 'qwertyuiop12', s.token)).rejects.toMatchObject({ field: 'password' });
    const after = await store.db.selectFrom('accounts').select('password_hash').where('id', '=', who.id).executeTakeFirstOrThrow();
    expect(after.password_hash).toBe(before.password_hash);
    expect(await store.db.selectFrom('audit_log').select('seq').where('action', '=', 'account.password').execute()).toEqual([]);
  }), 120_000);
});
