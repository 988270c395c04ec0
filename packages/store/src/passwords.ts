/**
 * Password hashing with scrypt (node:crypto), at the cost OWASP recommends (N=2^17, r=8, p=1:
 * 128 MiB and a few hundred milliseconds a hash). The parameters travel in the stored string, so
 * raising them later leaves old hashes verifiable. At most HASHES_AT_ONCE hashes run at once in
 * the process; the rest wait their turn, so a flood of sign-ins costs time, not 128 MiB each.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const DEFAULT = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

/** 4 × 128 MiB at most; and libuv's default pool has 4 threads, so a fifth would only queue there, unbounded. */
export const HASHES_AT_ONCE = 4;
let running = 0;
const waiting: (() => void)[] = [];

/** How many hashes are running and how many wait for a turn (for tests and diagnosis). */
export const hashesRunning = (): { running: number; waiting: number } => ({ running, waiting: waiting.length });

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running < HASHES_AT_ONCE) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve)); // the finishing hash hands its place over
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...o, maxmem: 256 * o.N * o.r }; // room for 128·N·r and node's overhead
  return inTurn(() => new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (e, key) => (e ? reject(e) : resolve(key)))));
}

/** `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string, o: { N: number; r: number; p: number } = DEFAULT): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, o);
  return ['scrypt', o.N, o.r, o.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [tag, N, r, p, salt, hash] = stored.split('$');
  if (tag !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of nothing, verified against when a username is unknown, so that timing does not tell which names exist. */
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(16).toString('hex')));

/** A password for a first administrator or a reset: 20 characters from an alphabet without look-alikes. */
export function generatePassword(length = 20): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const unbiased = 256 - (256 % alphabet.length); // bytes at or above this would favour the first letters
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length)) if (b < unbiased && out.length < length) out += alphabet[b % alphabet.length];
  }
  return out;
}
