/**
 * The seeded generator and the inverse CDFs: determinism, known first values (a published
 * xoshiro128** vector and an independent BigInt re-implementation), known quantiles.
 */
import { describe, expect, it } from 'vitest';
import {
  Rng,
  deriveSeed,
  fnv1a,
  lognormalQuantile,
  normalCdf,
  normalInv,
  normalQuantile,
  splitmix32,
  triangularQuantile,
  uniformQuantile,
} from '../../../models/random';

const M32 = (1n << 32n) - 1n;

/** splitmix32 with BigInt arithmetic: an independent reading of the same algorithm. */
function splitmixRef(seed: number): () => number {
  let a = BigInt(seed >>> 0);
  return () => {
    a = (a + 0x9e3779b9n) & M32;
    let t = a ^ (a >> 16n);
    t = (t * 0x21f0aaadn) & M32;
    t ^= t >> 15n;
    t = (t * 0x735a2d97n) & M32;
    t ^= t >> 15n;
    return Number(t);
  };
}

/** xoshiro128** with BigInt arithmetic. */
function xoshiroRef(s: bigint[]): () => number {
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M32;
  return () => {
    const result = (rotl((s[1] * 5n) & M32, 7n) * 9n) & M32;
    const t = (s[1] << 9n) & M32;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11n);
    return Number(result);
  };
}

describe('PRNG', () => {
  it('xoshiro128** from state (1, 2, 3, 4) gives the reference vector', () => {
    const r = Rng.fromState(1, 2, 3, 4);
    const got = Array.from({ length: 6 }, () => r.nextU32());
    expect(got).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it('matches an independent BigInt implementation for 1000 words', () => {
    const r = Rng.fromState(0x12345678, 0x9abcdef0 | 0, 0x0fedcba9, 0x87654321 | 0);
    const ref = xoshiroRef([0x12345678n, 0x9abcdef0n, 0x0fedcba9n, 0x87654321n]);
    for (let i = 0; i < 1000; i++) expect(r.nextU32()).toBe(ref());
  });

  it('splitmix32 matches the BigInt reference, and seeds xoshiro', () => {
    for (const seed of [0, 1, 42, 0xffffffff, -7]) {
      const a = splitmix32(seed);
      const b = splitmixRef(seed);
      for (let i = 0; i < 200; i++) expect(a()).toBe(b());
    }
    const sm = splitmixRef(42);
    const st = [sm(), sm(), sm(), sm()].map((x) => BigInt(x));
    const ref = xoshiroRef(st);
    const r = new Rng(42);
    for (let i = 0; i < 100; i++) expect(r.nextU32()).toBe(ref());
  });

  it('known first values for seed 42 (regression)', () => {
    const r = new Rng(42);
    expect([r.nextU32(), r.nextU32(), r.nextU32(), r.nextU32()]).toEqual([660444221, 3652823732, 77672526, 910233633]);
    expect(splitmix32(0)()).toBe(1684164658);
  });

  it('same seed, same stream; other seed, other stream', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const xa = Array.from({ length: 50 }, () => a.nextOpen());
    const xb = Array.from({ length: 50 }, () => b.nextOpen());
    const xc = Array.from({ length: 50 }, () => c.nextOpen());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it('uniforms lie in the open interval (0, 1); 53-bit floats in [0, 1)', () => {
    const r = new Rng(1);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const u = r.nextOpen();
      expect(u > 0 && u < 1).toBe(true);
      sum += u;
      const f = r.nextFloat53();
      expect(f >= 0 && f < 1).toBe(true);
    }
    expect(Math.abs(sum / 20000 - 0.5)).toBeLessThan(0.01);
  });

  it('fillNormal gives the same numbers as repeated normal()', () => {
    const a = new Rng(99);
    const b = new Rng(99);
    const out = new Float64Array(100);
    a.fillNormal(out, 10, 90);
    for (let i = 10; i < 90; i++) expect(out[i]).toBe(b.normal());
    expect(out[0]).toBe(0);
    expect(a.nextU32()).toBe(b.nextU32());
  });

  it('standard normals have mean 0 and variance 1 (within sampling error)', () => {
    const r = new Rng(2024);
    const n = 50000;
    const out = new Float64Array(n);
    r.fillNormal(out);
    let m = 0;
    for (const x of out) m += x;
    m /= n;
    let v = 0;
    for (const x of out) v += (x - m) ** 2;
    v /= n - 1;
    expect(Math.abs(m)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(v - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });

  it('FNV-1a and derived seeds', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
    expect(deriveSeed(1, 'macro')).toBe(deriveSeed(1, 'macro'));
    expect(deriveSeed(1, 'macro')).not.toBe(deriveSeed(2, 'macro'));
    expect(deriveSeed(1, 'param:a')).not.toBe(deriveSeed(1, 'param:b'));
  });
});

describe('normal distribution', () => {
  // reference quantiles (R qnorm / scipy.stats.norm.ppf, 16 digits)
  const Q: [number, number][] = [
    [0.5, 0],
    [0.6, 0.2533471031357997],
    [0.75, 0.6744897501960817],
    [0.9, 1.2815515655446004],
    [0.95, 1.6448536269514722],
    [0.975, 1.959963984540054],
    [0.99, 2.3263478740408408],
    [0.999, 3.090232306167813],
    [1e-10, -6.361340902404056],
  ];

  it.each(Q)('Φ⁻¹(%s) = %s', (p, z) => {
    expect(normalInv(p)).toBeCloseTo(z, 12);
    expect(Math.abs(normalInv(p) - z)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(z)) + 1e-15);
    if (p > 1e-6) expect(normalInv(1 - p)).toBeCloseTo(-z, 11); // 1 - p is itself rounded
  });

  it('deep tail: Φ⁻¹(1e-300) satisfies the asymptotic series of ln Φ', () => {
    const x = -normalInv(1e-300);
    const lnQ = (-x * x) / 2 - Math.log(x * Math.sqrt(2 * Math.PI)) + Math.log(1 - 1 / x ** 2 + 3 / x ** 4 - 15 / x ** 6);
    expect(Math.abs(lnQ - -300 * Math.LN10)).toBeLessThan(1e-9);
  });

  it('edges: 0 and 1 are infinite, outside [0, 1] NaN', () => {
    expect(normalInv(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalInv(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalInv(-0.1)).toBeNaN();
    expect(normalInv(Number.NaN)).toBeNaN();
  });

  it('Φ at known points, and Φ(Φ⁻¹(p)) = p', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 14);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    // R pnorm: relative accuracy in the far tail
    for (const [x, p] of [
      [-7, 1.279812543885835e-12],
      [-8, 6.220960574271785e-16],
      [-10, 7.619853024160527e-24],
      [-30, 4.906713927148187e-198],
    ]) {
      expect(Math.abs(normalCdf(x) / p - 1)).toBeLessThan(1e-8);
    }
    expect(normalCdf(40)).toBe(1);
    for (const p of [1e-8, 0.001, 0.02, 0.3, 0.5, 0.77, 0.99, 0.999999]) {
      expect(Math.abs(normalCdf(normalInv(p)) - p)).toBeLessThan(1e-14 + 1e-12 * p);
    }
  });

  it('normalQuantile scales and shifts', () => {
    expect(normalQuantile(0.95, 0.07, 0.01)).toBeCloseTo(0.07 + 0.01644853626951472, 14);
  });
});

describe('other inverse CDFs', () => {
  it('uniform', () => {
    expect(uniformQuantile(0, 2, 6)).toBe(2);
    expect(uniformQuantile(0.25, 2, 6)).toBe(3);
    expect(uniformQuantile(1, 2, 6)).toBe(6);
  });

  it('triangular: F(c) = (c - a)/(b - a); symmetric quantiles; a hand-computed point', () => {
    // a=0, c=1, b=4: F(x) = x²/4 for x<=1, so F⁻¹(0.16) = sqrt(0.64) = 0.8
    expect(triangularQuantile(0.16, 0, 1, 4)).toBeCloseTo(0.8, 14);
    // upper part: F⁻¹(p) = 4 - sqrt((1 - p) * 4 * 3); p = 0.25 -> 4 - 3 = 1
    expect(triangularQuantile(0.25, 0, 1, 4)).toBeCloseTo(1, 14);
    expect(triangularQuantile(0.91, 0, 1, 4)).toBeCloseTo(4 - Math.sqrt(0.09 * 12), 14);
    // symmetric: q(p) + q(1-p) = a + b
    for (const p of [0.01, 0.05, 0.2, 0.45])
      expect(triangularQuantile(p, -1, 1, 3) + triangularQuantile(1 - p, -1, 1, 3)).toBeCloseTo(2, 12);
    expect(triangularQuantile(0.3, 5, 5, 5)).toBe(5);
  });

  it('lognormal: the median is exp(mu), quantiles are exp of normal ones', () => {
    expect(lognormalQuantile(0.5, Math.log(700), 0.1)).toBeCloseTo(700, 10);
    expect(lognormalQuantile(0.95, 0, 1)).toBeCloseTo(Math.exp(1.6448536269514722), 12);
  });
});
