/**
 * Seeded randomness and inverse cumulative distribution functions for the Monte Carlo simulation.
 * Pure and deterministic: no Math.random, no clock. The same seed gives the same stream on every
 * platform (32-bit integer arithmetic with Math.imul, IEEE doubles).
 *
 * - splitmix32: turns a 32-bit seed (or a seed and a key) into well-mixed 32-bit words;
 * - xoshiro128**: the generator (Blackman & Vigna 2018), 128-bit state seeded by splitmix32;
 * - uniforms in the open interval (0, 1): (u32 + 0.5) / 2^32, never 0 or 1, so every inverse CDF
 *   is finite;
 * - standard normals by inversion: Wichura's AS 241 (PPND16), accurate to about 1e-16 relative;
 * - the normal CDF: Hart's double-precision algorithm (as given by West 2005), about 1e-15;
 * - inverse CDFs of the normal, uniform, triangular and lognormal distributions.
 */

const TWO_POW_M32 = 2.3283064365386963e-10; // 2^-32

/** splitmix32 step: advances the 32-bit state `a` and returns [next state, output word]. */
function splitmixWord(a: number): number {
  let t = a ^ (a >>> 16);
  t = Math.imul(t, 0x21f0aaad);
  t ^= t >>> 15;
  t = Math.imul(t, 0x735a2d97);
  t ^= t >>> 15;
  return t >>> 0;
}

/** A splitmix32 generator of 32-bit words (unsigned) from a 32-bit seed. */
export function splitmix32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    return splitmixWord(a);
  };
}

/** FNV-1a hash of a string (UTF-16 code units), 32-bit unsigned. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A seed for an independent stream named `key` under a master seed: used to give every uncertain
 * assumption its own stream, so adding or removing another assumption leaves its draws unchanged
 * (common random numbers across scenarios).
 */
export function deriveSeed(seed: number, key: string): number {
  return splitmixWord((seed ^ Math.imul(fnv1a(key), 0x9e3779b1)) | 0);
}

/** xoshiro128**: 32-bit words, period 2^128 - 1. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** Seeds the 128-bit state from a 32-bit seed with splitmix32 (any integer; taken modulo 2^32). */
  constructor(seed: number) {
    const sm = splitmix32(seed);
    this.s0 = sm() | 0;
    this.s1 = sm() | 0;
    this.s2 = sm() | 0;
    this.s3 = sm() | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** A generator with the raw state given (for test vectors); the state must not be all zero. */
  static fromState(s0: number, s1: number, s2: number, s3: number): Rng {
    const r = new Rng(0);
    r.s0 = s0 | 0;
    r.s1 = s1 | 0;
    r.s2 = s2 | 0;
    r.s3 = s3 | 0;
    if ((r.s0 | r.s1 | r.s2 | r.s3) === 0) throw new RangeError('xoshiro128** state must not be all zero');
    return r;
  }

  /** The next 32-bit word, unsigned. */
  nextU32(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** A uniform in the open interval (0, 1) with 32 bits of resolution: (u + 0.5) / 2^32. */
  nextOpen(): number {
    return (this.nextU32() + 0.5) * TWO_POW_M32;
  }

  /** A uniform in [0, 1) with 53 bits of resolution. */
  nextFloat53(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A standard normal by inversion of an open uniform. */
  normal(): number {
    return normalInv(this.nextOpen());
  }

  /**
   * Fills out[lo, hi) with standard normals (inversion; one 32-bit word each): the same numbers
   * as calling normal() hi - lo times, with the generator's state held in locals.
   */
  fillNormal(out: Float64Array, lo = 0, hi = out.length): void {
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let i = lo; i < hi; i++) {
      const m = Math.imul(s1, 5);
      const w = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const p = (w + 0.5) * TWO_POW_M32;
      const q = p - 0.5;
      if (q <= 0.425 && q >= -0.425) {
        // AS 241's central region inline (the same arithmetic as normalInv)
        const r = 0.180625 - q * q;
        out[i] =
          (q *
            (((((((2509.0809287301227 * r + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) * r + 13731.69376550946) *
              r +
              1971.5909503065513) *
              r +
              133.14166789178438) *
              r +
              3.3871328727963665)) /
          (((((((5226.495278852545 * r + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) * r + 5394.196021424751) *
            r +
            687.1870074920579) *
            r +
            42.31333070160091) *
            r +
            1);
      } else {
        out[i] = normalInv(p);
      }
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }
}

// ---------------------------------------------------------------------------------------------
// The standard normal distribution
// ---------------------------------------------------------------------------------------------

/**
 * The standard normal quantile Φ⁻¹(p): Wichura's algorithm AS 241 (PPND16, Applied Statistics 37,
 * 1988), relative accuracy about 1e-16. p = 0 gives -Infinity, p = 1 +Infinity, outside [0, 1] NaN.
 */
export function normalInv(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301227 * r + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) * r + 13731.69376550946) * r +
          1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((5226.495278852545 * r + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) * r + 5394.196021424751) * r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  if (r <= 0) return q < 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  r = Math.sqrt(-Math.log(r));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((0.0007745450142783414 * r + 0.022723844989269184) * r + 0.2417807251774506) * r + 1.2704582524523684) * r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((1.0507500716444169e-9 * r + 0.0005475938084995345) * r + 0.015198666563616457) * r + 0.14810397642748008) * r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1);
  } else {
    r -= 5;
    val =
      (((((((2.0103343992922881e-7 * r + 0.000027115555687434876) * r + 0.0012426609473880784) * r + 0.026532189526576124) * r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((2.0442631033899397e-15 * r + 1.421511758316446e-7) * r + 0.000018463183175100548) * r + 0.0007868691311456133) * r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1);
  }
  return q < 0 ? -val : val;
}

/** The standard normal CDF Φ(x): Hart's double-precision algorithm (West 2005), about 1e-15; beyond
 * |x| = 7.07 the continued fraction of Mills' ratio. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  let c: number;
  if (ax > 37) {
    c = 0;
  } else {
    const e = Math.exp(-(ax * ax) / 2);
    if (ax < 7.07106781186547) {
      let n = 3.52624965998911e-2 * ax + 0.700383064443688;
      n = n * ax + 6.37396220353165;
      n = n * ax + 33.912866078383;
      n = n * ax + 112.079291497871;
      n = n * ax + 221.213596169931;
      n = n * ax + 220.206867912376;
      let d = 8.83883476483184e-2 * ax + 1.75566716318264;
      d = d * ax + 16.064177579207;
      d = d * ax + 86.7807322029461;
      d = d * ax + 296.564248779674;
      d = d * ax + 637.333633378831;
      d = d * ax + 793.826512519948;
      d = d * ax + 440.413735824752;
      c = (e * n) / d;
    } else {
      // the continued fraction of Mills' ratio, 24 terms (West uses 4 and a tail constant)
      let b = ax;
      for (let k = 24; k >= 1; k--) b = ax + k / b;
      c = e / b / 2.5066282746310002;
    }
  }
  return x > 0 ? 1 - c : c;
}

// ---------------------------------------------------------------------------------------------
// Inverse CDFs (quantile functions); p in (0, 1)
// ---------------------------------------------------------------------------------------------

export function normalQuantile(p: number, mean: number, sd: number): number {
  return mean + sd * normalInv(p);
}

/** Uniform on [a, b]. */
export function uniformQuantile(p: number, a: number, b: number): number {
  return a + (b - a) * p;
}

/** Triangular on [a, b] with mode c (a <= c <= b). */
export function triangularQuantile(p: number, a: number, c: number, b: number): number {
  const w = b - a;
  if (!(w > 0)) return a;
  const fc = (c - a) / w;
  return p < fc ? a + Math.sqrt(p * w * (c - a)) : b - Math.sqrt((1 - p) * w * (b - c));
}

/** Lognormal: exp(mu + sigma Z), mu and sigma on the log scale. */
export function lognormalQuantile(p: number, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * normalInv(p));
}
