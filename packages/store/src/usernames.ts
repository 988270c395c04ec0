/**
 * Usernames. A name is kept in one canonical form, NFKC-normalised (fullwidth ａｄｍｉｎ becomes
 * admin) and lower-cased, and two names are the same account when their forms are equal: Admin is
 * admin. The canonical form may hold only ASCII letters and digits, _ . @ -, and the CJK unified
 * ideographs U+4E00–U+9FFF for Chinese names, 2 to 64 of them: letters of other scripts are
 * refused, not folded, because their look-alikes (Cyrillic а, Greek ο) could pose as another
 * account on a screen. Sign-in looks a name up by the same canonical form.
 */
import { AccountError } from './account-error.js';

const ALLOWED = /^[a-z0-9_.@\-\u4e00-\u9fff]{2,64}$/;

export const canonicalUsername = (name: string): string => name.normalize('NFKC').toLowerCase();

/** The problem with a new username, or undefined; judged on its canonical form. */
export function usernameProblem(name: string): AccountError | undefined {
  if (ALLOWED.test(canonicalUsername(name))) return undefined;
  return new AccountError('username', '用户名为2至64个字符：英文字母、数字、_ . @ - 或汉字（不区分大小写；其他文字的字母如西里尔字母、希腊字母不可用）',
    'a username is 2-64 characters: ASCII letters, digits, _ . @ - or Chinese characters (case does not matter; letters of other scripts such as Cyrillic or Greek are not allowed)');
}
