/**
 * Whether a new password is good enough: at least MIN_PASSWORD characters AND not guessable by
 * zxcvbn-ts (score ≥ 3 of 4, "safely unguessable" against an offline attack on a slow hash), with
 * its list of common passwords and diceware words, and with the username and the project's own
 * words counted as known to the guesser. Twelve characters alone let `aaaaaaaaaaaa` through.
 */
import { ZxcvbnFactory, type FeedbackType } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { AccountError } from './account-error.js';
import { generatePassword } from './passwords.js';

export const MIN_PASSWORD = 12;
const MIN_SCORE = 3;
/** What anyone attacking this system would try first besides the username. */
const KNOWN_WORDS = ['duixian', 'shandong', '兑现', '山东'];

let factory: ZxcvbnFactory | undefined;
// building the dictionaries takes ~50 ms and some MiB: only when a password is first checked
const zxcvbn = () => (factory ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }));

/** zxcvbn's warnings (its keys; the language packs are for browsers), as a person should read them. */
const WARNINGS: Record<string, [zh: string, en: string]> = {
  straightRow: ['键盘上连续的一排键', 'a straight row of keys'],
  keyPattern: ['简单的键盘图案', 'a short keyboard pattern'],
  simpleRepeat: ['重复的字符，如 aaa', 'repeated characters like aaa'],
  extendedRepeat: ['重复的字符组，如 abcabc', 'repeated groups like abcabc'],
  sequences: ['常见的序列，如 abc、123', 'a common sequence like abc or 123'],
  recentYears: ['最近的年份', 'a recent year'],
  dates: ['日期', 'a date'],
  topTen: ['最常用的密码之一', 'one of the most used passwords'],
  topHundred: ['很常用的密码', 'a very commonly used password'],
  common: ['常用密码', 'a commonly used password'],
  similarToCommon: ['与常用密码相似', 'something close to a commonly used password'],
  wordByItself: ['单个常见词', 'a single common word'],
  namesByThemselves: ['单独的姓名', 'a name by itself'],
  commonNames: ['常见姓名', 'a common name'],
  userInputs: ['用户名或本系统的名称（兑现、山东）', 'the username or this system\'s names (duixian, shandong)'],
  pwned: ['已泄露的密码', 'a password found in a data breach'],
};

function because(feedback: FeedbackType): [zh: string, en: string] {
  const w = feedback.warning ? WARNINGS[feedback.warning] : undefined;
  return w ? [`：含有${w[0]}`, `: it is ${w[1]}`] : ['', ''];
}

/** The problem with a new password for `username`, or undefined. */
export function passwordProblem(password: string, username = ''): AccountError | undefined {
  if (password.length < MIN_PASSWORD) return new AccountError('password', `密码至少 ${MIN_PASSWORD} 位`, `a password has at least ${MIN_PASSWORD} characters`);
  const check = zxcvbn().check(password, [...KNOWN_WORDS, ...(username ? [username, ...username.split(/[_.@-]/)] : [])]);
  if (check.score >= MIN_SCORE) return undefined;
  const [zh, en] = because(check.feedback);
  return new AccountError('password', `密码太容易被猜中${zh}。请用几个互不相关的词组成的短语，或更长、更随机的密码`,
    `the password is too easy to guess${en}. Use a phrase of a few unrelated words, or a longer and more random password`);
}

/** A generated password for `username` that passes the check: 20 random characters always have so far; the loop makes it certain. */
export function strongPassword(username: string): string {
  for (;;) {
    const password = generatePassword();
    if (!passwordProblem(password, username)) return password;
  }
}
