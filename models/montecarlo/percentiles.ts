/**
 * Percentiles of simulation draws (type 7, by histogram selection).
 * Part of the Monte Carlo simulation (models/montecarlo.ts describes it).
 */

/*
 * Percentiles of simulation draws: Hyndman-Fan type 7 (linear interpolation between order
 * statistics; Excel PERCENTILE.INC, numpy's default, R's default):
 *
 *   h = (n - 1) p,  Q(p) = x(⌊h⌋) + (h - ⌊h⌋) (x(⌊h⌋ + 1) - x(⌊h⌋)),  x(k) the k-th smallest (from 0).
 *
 * Only finite values count (a draw without a value is left out). The order statistics are found
 * without a full sort: one pass building a histogram of 1024 equal-width buckets over a range set
 * from a sample of 128 values (values outside it fall in the end buckets; the bucket is a monotone
 * function of the value, so bucket order is value order), one pass gathering the few buckets that
 * hold the wanted ranks, then a small sort of those buckets. Exact: two passes over the data
 * instead of n log n comparisons. Small or degenerate inputs take a path with a min/max pass.
 */

export const PERCENTILES_DEF = 'linear interpolation between order statistics (Hyndman-Fan type 7)' as const;
const PERCENTILE_LEVELS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

export interface Percentiles {
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

/** Type 7 quantile of an ascending array (n >= 1). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const k = Math.floor(h);
  const x0 = sorted[k];
  return k + 1 < n ? x0 + (h - k) * (sorted[k + 1] - x0) : x0;
}

const NB = 1024;

/** Reusable scratch memory for percentile computations over up to `capacity` values. */
export class PercentileScratch {
  private buf: Float64Array;
  private small: Float64Array;

  private readonly hist = new Int32Array(NB + 1);
  private readonly pos = new Int32Array(NB);
  private readonly ranks = new Int32Array(10);
  private readonly rankBucket = new Int32Array(10);
  private readonly rankValue = new Float64Array(10);
  /** the last result, p5..p95 */
  readonly out = new Float64Array(5);

  constructor(capacity = 0) {
    this.buf = new Float64Array(Math.max(1, capacity));
    this.small = new Float64Array(Math.max(1, capacity));
  }

  private ensure(n: number): void {
    if (this.buf.length < n) {
      this.buf = new Float64Array(n);
      this.small = new Float64Array(n);
    }
  }

  /**
   * The five percentiles (5, 25, 50, 75, 95) of the finite values among src[off + k * stride],
   * k = 0..n-1, into this.out. Returns the number of finite values (0: out is NaN).
   */
  compute(src: Float64Array, off: number, n: number, stride = 1): number {
    this.ensure(n);
    if (stride === 1 && n > 512) {
      const m = this.sampled(src, off, n);
      if (m >= 0) return m;
    }
    const out = this.out;
    let mn = Number.POSITIVE_INFINITY;
    let mx = Number.NEGATIVE_INFINITY;
    let m = n;
    // pass 1: min and max without copying; `probe` turns NaN at the first NaN or infinity
    let probe = 0;
    for (let k = 0; k < n; k++) {
      const v = src[off + k * stride];
      mn = v < mn ? v : mn;
      mx = v > mx ? v : mx;
      probe += v * 0;
    }
    if (probe !== 0) {
      // some values are not finite: count and bound the finite ones
      mn = Number.POSITIVE_INFINITY;
      mx = Number.NEGATIVE_INFINITY;
      m = 0;
      for (let k = 0; k < n; k++) {
        const v = src[off + k * stride];
        if (v - v === 0) {
          m++;
          if (v < mn) mn = v;
          if (v > mx) mx = v;
        }
      }
    }
    if (m === 0) {
      out.fill(Number.NaN);
      return 0;
    }
    if (mn === mx) {
      out.fill(mn);
      return m;
    }
    // the values to work on: src itself when contiguous and all finite, else a compact copy
    let buf: Float64Array;
    let base: number;
    if (m === n && stride === 1) {
      buf = src;
      base = off;
    } else {
      buf = this.buf;
      base = 0;
      let c = 0;
      for (let k = 0; k < n; k++) {
        const v = src[off + k * stride];
        if (v - v === 0) buf[c++] = v;
      }
    }
    if (m <= 64) {
      const s = this.small.subarray(0, m);
      s.set(buf.subarray(base, base + m));
      insertionSort(s, 0, m);
      for (let q = 0; q < 5; q++) out[q] = quantileSorted(s, PERCENTILE_LEVELS[q]);
      return m;
    }
    // the wanted ranks, ascending
    const ranks = this.ranks;
    let nr = 0;
    for (let q = 0; q < 5; q++) {
      const h = (m - 1) * PERCENTILE_LEVELS[q];
      const k = Math.floor(h);
      if (nr === 0 || ranks[nr - 1] !== k) ranks[nr++] = k;
      if (k + 1 < m && ranks[nr - 1] !== k + 1) ranks[nr++] = k + 1;
    }
    // histogram; the bucket of v is floor((v - mn) * scale), monotone in v
    // (a range beyond the largest double gives scale 0, a subnormal range Infinity: every value then
    // lands in bucket 0 and the bucket is sorted whole, still exact)
    const scale = NB / (mx - mn);
    const hist = this.hist;
    hist.fill(0);
    const bend = base + m;
    const top = NB - 1;
    for (let k = base; k < bend; k++) {
      const t = (buf[k] - mn) * scale;
      hist[t >= top ? top : t | 0]++;
    }
    // hist -> start offsets; the bucket of each rank
    let acc = 0;
    for (let b = 0; b < NB; b++) {
      const c = hist[b];
      hist[b] = acc;
      acc += c;
    }
    hist[NB] = m;
    const pos = this.pos;
    pos.fill(-1);
    const rb = this.rankBucket;
    let total = 0;
    for (let r = 0; r < nr; r++) {
      const k = ranks[r];
      let lo = 0;
      let hi = NB - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (hist[mid] <= k) lo = mid;
        else hi = mid - 1;
      }
      // skip empty buckets sharing the start offset: the bucket that holds rank k is non-empty
      while (hist[lo + 1] === hist[lo]) lo++;
      rb[r] = lo;
      if (pos[lo] < 0) {
        pos[lo] = total;
        total += hist[lo + 1] - hist[lo];
      }
    }
    // gather the wanted buckets (contiguous segments of `small`)
    const small = this.small;
    const fill = pos; // advance in place, restored below from the bucket starts
    for (let k = base; k < bend; k++) {
      const v = buf[k];
      const t = (v - mn) * scale;
      const b = t >= top ? top : t | 0;
      const p = fill[b];
      if (p >= 0) {
        small[p] = v;
        fill[b] = p + 1;
      }
    }
    // sort each gathered bucket (fill[b] now is the segment end)
    const rv = this.rankValue;
    for (let r = 0; r < nr; r++) {
      const b = rb[r];
      const len = hist[b + 1] - hist[b];
      const end = fill[b];
      const start = end - len;
      if (r === 0 || rb[r - 1] !== b) {
        if (len <= 64) insertionSort(small, start, end);
        else small.subarray(start, end).sort();
      }
      rv[r] = small[start + (ranks[r] - hist[b])];
    }
    let r = 0;
    for (let q = 0; q < 5; q++) {
      const h = (m - 1) * PERCENTILE_LEVELS[q];
      const k = Math.floor(h);
      while (ranks[r] !== k) r++;
      const x0 = rv[r];
      out[q] = k + 1 < m ? x0 + (h - k) * (rv[r + 1] - x0) : x0;
    }
    return m;
  }

  /**
   * The same percentiles in two passes instead of three: the histogram's range comes from a
   * sample of 128 values (widened by an eighth of its spread on each side), values outside it go to the first or
   * last bucket (still monotone). Returns -1 when the sample cannot set a range (no finite value,
   * or all equal) or a value is not finite: the caller's full path.
   */
  private sampled(src: Float64Array, off: number, n: number): number {
    const S = 128;
    let smin = Number.POSITIVE_INFINITY;
    let smax = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < S; j++) {
      const v = src[off + Math.floor((j * n) / S)];
      if (v - v === 0) {
        if (v < smin) smin = v;
        if (v > smax) smax = v;
      }
    }
    if (!(smax > smin)) return -1;
    const spread = smax - smin;
    const lo0 = smin - spread / 8;
    const scale = NB / (smax + spread / 8 - lo0);
    if (!(scale > 0 && scale < Number.POSITIVE_INFINITY)) return -1;
    const top = NB - 1;
    const hist = this.hist;
    hist.fill(0);
    const end = off + n;
    // pass 1: the histogram (the bucket is a monotone function of the value). A NaN or an
    // infinity (which the full path handles) fails the in-range test like a value beyond the
    // sampled range, and only those rare values are tested for finiteness: no running sum, so no
    // chain of dependent additions through the loop
    for (let k = off; k < end; k++) {
      const v = src[k];
      const t = (v - lo0) * scale;
      if (t >= 0 && t < top) hist[t | 0]++;
      else if (v - v === 0) hist[t < 0 ? 0 : top]++;
      else return -1;
    }
    const m = n;
    const ranks = this.ranks;
    let nr = 0;
    for (let q = 0; q < 5; q++) {
      const h = (m - 1) * PERCENTILE_LEVELS[q];
      const k = Math.floor(h);
      if (nr === 0 || ranks[nr - 1] !== k) ranks[nr++] = k;
      if (k + 1 < m && ranks[nr - 1] !== k + 1) ranks[nr++] = k + 1;
    }
    let acc = 0;
    for (let b = 0; b < NB; b++) {
      const c = hist[b];
      hist[b] = acc;
      acc += c;
    }
    hist[NB] = m;
    const pos = this.pos;
    pos.fill(-1);
    const rb = this.rankBucket;
    let total = 0;
    for (let r = 0; r < nr; r++) {
      const k = ranks[r];
      let a = 0;
      let z = NB - 1;
      while (a < z) {
        const mid = (a + z + 1) >> 1;
        if (hist[mid] <= k) a = mid;
        else z = mid - 1;
      }
      rb[r] = a;
      if (pos[a] < 0) {
        pos[a] = total;
        total += hist[a + 1] - hist[a];
      }
    }
    // pass 2: gather the wanted buckets
    const small = this.small;
    for (let k = off; k < end; k++) {
      const v = src[k];
      const t = (v - lo0) * scale;
      const b = t < 0 ? 0 : t >= top ? top : t | 0;
      const p = pos[b];
      if (p >= 0) {
        small[p] = v;
        pos[b] = p + 1;
      }
    }
    const rv = this.rankValue;
    for (let r = 0; r < nr; r++) {
      const b = rb[r];
      const len = hist[b + 1] - hist[b];
      const stop = pos[b];
      const start = stop - len;
      if (r === 0 || rb[r - 1] !== b) {
        if (len <= 160) insertionSort(small, start, stop);
        else small.subarray(start, stop).sort();
      }
      rv[r] = small[start + (ranks[r] - hist[b])];
    }
    const out = this.out;
    let r = 0;
    for (let q = 0; q < 5; q++) {
      const h = (m - 1) * PERCENTILE_LEVELS[q];
      const k = Math.floor(h);
      while (ranks[r] !== k) r++;
      const x0 = rv[r];
      out[q] = k + 1 < m ? x0 + (h - k) * (rv[r + 1] - x0) : x0;
    }
    return m;
  }
}

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

const shared = new PercentileScratch();

/** The five percentiles (type 7) of the finite values of a list; null when none is finite. */
export function percentilesOf(values: ArrayLike<number>): Percentiles | null {
  const src = values instanceof Float64Array ? values : Float64Array.from(values as ArrayLike<number>);
  const m = shared.compute(src, 0, src.length);
  if (m === 0) return null;
  const o = shared.out;
  return { p5: o[0], p25: o[1], p50: o[2], p75: o[3], p95: o[4] };
}
