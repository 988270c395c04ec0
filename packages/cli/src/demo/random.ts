/**
 * Seeded pseudo-random numbers for the synthetic demo dataset. Everything the generator
 * draws comes from here (never Math.random, never the clock), so the same options give
 * byte-identical output. Streams are derived by hashing (seed, stream label, index), so the
 * i-th enterprise can be regenerated on its own (the streaming writer makes two passes).
 */

/** A 32-bit avalanche mix (MurmurHash3 fmix32). */
export function mix32(x: number): number {
  let a = x >>> 0;
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  return (a ^ (a >>> 16)) >>> 0;
}

/** A 32-bit hash of a string label (FNV-1a, then mixed). */
export function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/** The 32-bit seed of one stream: `label` of the run `seed`, item `index`. */
export function streamSeed(seed: number, label: string, index = 0): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 0x1_0000_0000) >>> 0;
  let h = mix32(lo ^ mix32(hi + 0x6a09e667));
  h = mix32(h ^ hashLabel(label));
  h = mix32(h + Math.imul(index >>> 0, 0x9e3779b9));
  return mix32(h ^ Math.floor(index / 0x1_0000_0000));
}

/** mulberry32: small, fast, good enough for synthetic data; fully determined by its 32-bit state. */
export class Rng {
  private state: number;
  constructor(seed32: number) {
    this.state = seed32 >>> 0;
  }

  static of(seed: number, label: string, index = 0): Rng {
    return new Rng(streamSeed(seed, label, index));
  }

  /** An unsigned 32-bit integer. */
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 0x1_0000_0000;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi] (both inclusive). */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const v = items[this.int(items.length)];
    if (v === undefined) throw new Error('pick from an empty list');
    return v;
  }

  /** Standard normal (Box–Muller; one value per call, the second is discarded for simplicity). */
  normal(): number {
    const u1 = (this.u32() + 1) / 0x1_0000_0001; // (0, 1]
    const u2 = this.next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Log-normal with the given median and log-space standard deviation. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Multiplicative noise around 1 (log-normal, median 1). */
  noise(sigma: number): number {
    return Math.exp(sigma * this.normal());
  }

  /** A Fisher–Yates shuffled copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const a = items.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
    return a;
  }
}
