// A small seeded PRNG: xoshiro128** (Blackman & Vigna), seeded through splitmix32. Only 32-bit
// integer arithmetic (Math.imul, >>> 0), so the sequence is the same on every platform and Node
// version. Sub-streams are derived from (seed, tag, index) so that every enterprise draws from its
// own stream and can be generated independently of the others.

/** splitmix32 step: a good 32-bit mixer, used to expand seeds. */
export function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a of a string, for turning a textual seed or tag into 32 bits. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A seed as given (integer or text) reduced to 32 bits. */
export function normaliseSeed(seed: number | string): number {
  if (typeof seed === "string") return hashString(seed);
  // Fold the high part of a large integer in, so 1 and 2^32+1 differ.
  const hi = Math.floor(seed / 0x1_0000_0000);
  return (splitmix32(seed >>> 0) ^ splitmix32((hi >>> 0) ^ 0x5bd1e995)) >>> 0;
}

/**
 * mulberry32: a one-line uniform [0, 1) generator for callers that need a plain `() => number`
 * (bootstrap resampling, the chaos fault plan); the same seed gives the same numbers everywhere.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface WeightedItem<T> {
  readonly value: T;
  readonly weight: number;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | undefined;

  /** A stream from a 32-bit seed and any number of 32-bit path components (tags, indexes). */
  constructor(seed: number, ...path: number[]) {
    let s = splitmix32(seed >>> 0);
    for (const p of path) s = splitmix32((s ^ splitmix32(p >>> 0)) >>> 0);
    this.a = splitmix32(s);
    this.b = splitmix32(this.a ^ 0x6a09e667);
    this.c = splitmix32(this.b ^ 0xbb67ae85);
    this.d = splitmix32(this.c ^ 0x3c6ef372);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** Next 32-bit unsigned integer (xoshiro128**). */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number {
    return this.nextU32() / 0x1_0000_0000;
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Marsaglia polar method; the spare value is kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== undefined) {
      const v = this.spareNormal;
      this.spareNormal = undefined;
      return mean + sd * v;
    }
    let u: number, v: number, s: number;
    do {
      u = this.next() * 2 - 1;
      v = this.next() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * m;
    return mean + sd * u * m;
  }

  /** Log-normal given its median and the sd of its logarithm. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Poisson count: Knuth's method for small means, a rounded normal approximation above 30. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Beta-like draw in [0, 1] with the given mean (a cheap two-uniform blend; good enough for shares). */
  share(mean: number, spread = 0.25): number {
    const x = mean + spread * (this.next() + this.next() - 1);
    return Math.min(1, Math.max(0, x));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Pick a key of a weight table (weights need not sum to 1; zero weights are never picked). */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    let total = 0;
    for (const k in weights) total += Math.max(0, weights[k]);
    if (!(total > 0)) throw new RangeError("weighted pick with no positive weight");
    let x = this.next() * total;
    let last: K | undefined;
    for (const k in weights) {
      const w = Math.max(0, weights[k]);
      if (w <= 0) continue;
      last = k;
      if (x < w) return k;
      x -= w;
    }
    return last as K;
  }

  /** A random UUID (version 4 layout, RFC 9562) drawn from this stream: deterministic for a seed. */
  uuid(): string {
    const w0 = this.nextU32(),
      w1 = this.nextU32(),
      w2 = this.nextU32(),
      w3 = this.nextU32();
    const h = hex8(w0) + hex8(((w1 & 0xffff0fff) | 0x00004000) >>> 0) + hex8(((w2 & 0x3fffffff) | 0x80000000) >>> 0) + hex8(w3);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => (i < 16 ? "0" : "") + i.toString(16));

function hex8(n: number): string {
  return HEX_BYTE[(n >>> 24) & 0xff]! + HEX_BYTE[(n >>> 16) & 0xff]! + HEX_BYTE[(n >>> 8) & 0xff]! + HEX_BYTE[n & 0xff]!;
}

/** Tags of the sub-streams, so that adding draws to one part of the model does not shift another. */
export const STREAM_TAGS = {
  province: 1,
  enterprise: 2,
  world: 3,
  delivery: 4,
  ids: 5,
  /** Union responses (responses.ts): their own stream, so they never shift another part's draws. */
  responses: 6,
  /** The union fee: its own stream, so adding it changed no other event of any seed. */
  unionFees: 7,
  /** The half-yearly labour-use report (a registry entry): its own stream, so adding it changed no other event. */
  labourUse: 8,
} as const;
