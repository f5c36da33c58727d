/**
 * Percentiles, Hyndman-Fan type 7 (Excel PERCENTILE.INC, numpy's default): against values worked
 * out by hand on small sorted arrays, and against a plain sort on large ones.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PERCENTILES_DEF, PercentileScratch, percentilesOf, quantileSorted } from '../../../models/montecarlo';
import { Rng } from '../../../models/random';

/** Type 7 by the textbook: sort, h = (n-1)p, interpolate. */
function type7(values: number[], p: number): number {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

describe('type 7 percentiles, by hand', () => {
  it('names its definition', () => {
    expect(PERCENTILES_DEF).toBe('linear interpolation between order statistics (Hyndman-Fan type 7)');
  });

  it('[1, 2, 3, 4, 5]: h = 4p; p5 = 1.2, p25 = 2, p50 = 3, p75 = 4, p95 = 4.8', () => {
    // hand: p=0.05 -> h=0.2 -> 1 + 0.2*(2-1) = 1.2; p=0.95 -> h=3.8 -> 4 + 0.8*(5-4) = 4.8
    const r = percentilesOf([3, 1, 5, 2, 4]);
    expect(r).not.toBeNull();
    expect(r!.p5).toBeCloseTo(1.2, 14);
    expect(r!.p25).toBe(2);
    expect(r!.p50).toBe(3);
    expect(r!.p75).toBe(4);
    expect(r!.p95).toBeCloseTo(4.8, 14);
  });

  it('[10, 20, 40, 80] (even n): h = 3p; p25 -> h=0.75 -> 17.5; p50 -> h=1.5 -> 30; p75 -> h=2.25 -> 50', () => {
    const r = percentilesOf([80, 10, 40, 20])!;
    expect(r.p25).toBeCloseTo(17.5, 13);
    expect(r.p50).toBeCloseTo(30, 13);
    expect(r.p75).toBeCloseTo(50, 13);
    // p5: h=0.15 -> 10 + 0.15*10 = 11.5; p95: h=2.85 -> 40 + 0.85*40 = 74
    expect(r.p5).toBeCloseTo(11.5, 13);
    expect(r.p95).toBeCloseTo(74, 13);
  });

  it('as Excel PERCENTILE.INC on 1..10: p25 = 3.25, p50 = 5.5, p95 = 9.55', () => {
    const r = percentilesOf([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])!;
    expect(r.p25).toBeCloseTo(3.25, 13);
    expect(r.p50).toBeCloseTo(5.5, 13);
    expect(r.p95).toBeCloseTo(9.55, 13);
    expect(r.p5).toBeCloseTo(1.45, 13);
  });

  it('one value, ties, NaN left out, none -> null', () => {
    expect(percentilesOf([7])).toEqual({ p5: 7, p25: 7, p50: 7, p75: 7, p95: 7 });
    expect(percentilesOf([2, 2, 2, 5])!.p50).toBe(2);
    const r = percentilesOf([Number.NaN, 3, 1, Number.NaN, 2])!;
    expect(r.p50).toBe(2);
    expect(r.p25).toBe(1.5);
    expect(percentilesOf([Number.NaN])).toBeNull();
    expect(percentilesOf([])).toBeNull();
  });

  it('quantileSorted on a sorted array', () => {
    expect(quantileSorted([1, 2, 3, 4, 5], 0.05)).toBeCloseTo(1.2, 14);
    expect(quantileSorted([1, 2], 1)).toBe(2);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe('the histogram selection equals a full sort', () => {
  const scratch = new PercentileScratch(0);
  const check = (values: number[]) => {
    const a = Float64Array.from(values);
    const m = scratch.compute(a, 0, a.length);
    const finite = values.filter((v) => Number.isFinite(v));
    expect(m).toBe(finite.length);
    if (m === 0) return;
    const ps = [0.05, 0.25, 0.5, 0.75, 0.95];
    // -0 and +0 are one value: a percentile of [-0] may read either (adding 0 makes both +0)
    ps.forEach((p, q) => expect(scratch.out[q] + 0).toBe(type7(values, p) + 0));
  };

  it('normal, lognormal, heavy-tailed and lumpy samples of 10,000', () => {
    const r = new Rng(5);
    const z = new Float64Array(10000);
    r.fillNormal(z);
    check(Array.from(z));
    check(Array.from(z, (x) => Math.exp(2 * x)));
    check(Array.from(z, (x) => 1 / (x + 1e-3)));
    check(Array.from(z, (x) => Math.round(x * 3)));
    check(Array.from(z, (x, i) => (i % 100 === 0 ? 1e300 : x)));
    check(Array.from(z, (x, i) => (i % 7 === 0 ? Number.NaN : x)));
    check(Array.from(z, (x) => 1e-300 * x));
  });

  it('offset and stride', () => {
    const a = Float64Array.from({ length: 300 }, (_, i) => (i * 37) % 101);
    scratch.compute(a, 100, 100);
    expect(scratch.out[2]).toBe(type7(Array.from(a.subarray(100, 200)), 0.5));
    scratch.compute(a, 1, 100, 3);
    const strided = Array.from({ length: 100 }, (_, k) => a[1 + 3 * k]);
    expect(scratch.out[3]).toBe(type7(strided, 0.75));
  });

  it('property: any array of doubles (with duplicates, infinities and NaN)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -5, max: 5 })), { minLength: 0, maxLength: 400 }),
        (values) => {
          check(values);
        },
      ),
      { numRuns: 300 },
    );
  });
});
