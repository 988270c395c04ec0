/**
 * Exact rational numbers for computed quantities (growth rates, shares, composite scores):
 * (this − last) / last is rarely a finite decimal, and a benchmark comparison must not round.
 */
export interface Q {
  readonly n: bigint; // sign lives here
  readonly d: bigint; // always > 0, gcd(n, d) = 1
}

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

export function q(n: bigint | number, d: bigint | number = 1n): Q {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError('division by zero');
  if (dd < 0n) [nn, dd] = [-nn, -dd];
  const g = gcd(nn, dd) || 1n;
  return { n: nn / g, d: dd / g };
}

/** A value held as an integer at `scale` decimal places (see quantity.ts) as an exact rational. */
export const fromScaled = (v: number, scale: number): Q => q(BigInt(v), 10n ** BigInt(scale));

export const add = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Q, b: Q): Q => q(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
export const div = (a: Q, b: Q): Q => q(a.n * b.d, a.d * b.n);
export const cmp = (a: Q, b: Q): -1 | 0 | 1 => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const isZero = (a: Q): boolean => a.n === 0n;
export const ZERO = q(0n);
export const ONE = q(1n);

/** floor(a), as a bigint */
export function floor(a: Q): bigint {
  const t = a.n / a.d;
  return a.n < 0n && t * a.d !== a.n ? t - 1n : t;
}

/** Decimal text with `places` digits, truncated toward −∞ (explanations say "≈" where it matters). */
export function toFixed(a: Q, places: number): string {
  const scale = 10n ** BigInt(places);
  const v = floor(q(a.n * scale, a.d));
  const neg = v < 0n;
  const abs = (neg ? -v : v).toString().padStart(places + 1, '0');
  const head = abs.slice(0, abs.length - places);
  const tail = places > 0 ? '.' + abs.slice(abs.length - places) : '';
  return (neg ? '-' : '') + head + tail;
}

/** True when the decimal expansion terminates within `places` digits. */
export const isExactAt = (a: Q, places: number): boolean => (a.n * 10n ** BigInt(places)) % a.d === 0n;

/** "n/d" for machines (JSON explanations keep the exact value). */
export const fraction = (a: Q): string => (a.d === 1n ? `${a.n}` : `${a.n}/${a.d}`);
