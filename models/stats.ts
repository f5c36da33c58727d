/**
 * Small numeric helpers for the projection engine: least squares, Student's t quantiles, a
 * bracketed root finder (Brent) and order statistics. Pure and deterministic.
 */

/** One-sided 95% quantiles of Student's t (two-sided 90%), df = 1..30. */
const T95 = [
  6.313752, 2.919986, 2.353363, 2.131847, 2.015048, 1.94318, 1.894579, 1.859548, 1.833113, 1.812461, 1.795885, 1.782288, 1.770933, 1.76131,
  1.75305, 1.745884, 1.739607, 1.734064, 1.729133, 1.724718, 1.720743, 1.717144, 1.713872, 1.710882, 1.708141, 1.705618, 1.703288, 1.70113,
  1.699127, 1.697261,
];
const Z95 = 1.6448536269514722;

/** The 0.95 quantile of Student's t with `df` degrees of freedom (for a 90% two-sided interval). */
export function tQuantile95(df: number): number {
  if (!(df >= 1)) return Number.POSITIVE_INFINITY;
  const k = Math.floor(df);
  if (k <= 30) return T95[k - 1];
  // Cornish-Fisher expansion: accurate to 1e-4 from df = 30 on.
  const z = Z95;
  const z3 = z * z * z;
  const z5 = z3 * z * z;
  return z + (z3 + z) / (4 * k) + (5 * z5 + 16 * z3 + 3 * z) / (96 * k * k);
}

export interface LinearFit {
  /** intercept at x = 0 */
  a: number;
  /** slope */
  b: number;
  n: number;
  xMean: number;
  /** sum of squared deviations of x */
  sxx: number;
  /** residual standard error (NaN when n <= 2) */
  s: number;
}

/** Ordinary least squares y = a + b x over the first n entries. Null when x has no spread. */
export function linearFit(xs: ArrayLike<number>, ys: ArrayLike<number>, n: number): LinearFit | null {
  if (n < 2) return null;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i];
    sy += ys[i];
  }
  const xMean = sx / n;
  const yMean = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - xMean;
    sxx += dx * dx;
    sxy += dx * (ys[i] - yMean);
  }
  if (!(sxx > 0)) return null;
  const b = sxy / sxx;
  const a = yMean - b * xMean;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const r = ys[i] - (a + b * xs[i]);
    sse += r * r;
  }
  const s = n > 2 ? Math.sqrt(sse / (n - 2)) : Number.NaN;
  return { a, b, n, xMean, sxx, s };
}

/** Half-width of the 90% prediction interval of a new observation at x. NaN when n <= 2. */
export function predictionHalfWidth90(fit: LinearFit, x: number): number {
  if (fit.n <= 2 || !Number.isFinite(fit.s)) return Number.NaN;
  const dx = x - fit.xMean;
  return tQuantile95(fit.n - 2) * fit.s * Math.sqrt(1 + 1 / fit.n + (dx * dx) / fit.sxx);
}

const EPS = 2.220446049250313e-16;

/**
 * Brent's method for a root of f in [a, b]. Returns null when f(a) and f(b) have the same sign
 * (no bracketed root) or f gives a non-finite value.
 */
export function brent(f: (x: number) => number, lo: number, hi: number, tol = 1e-13, maxIter = 200): number | null {
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  if (!Number.isFinite(fa) || !Number.isFinite(fb)) return null;
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (fa > 0 === fb > 0) return null;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let i = 0; i < maxIter; i++) {
    if (fb > 0 === fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * EPS * Math.abs(b) + 0.5 * tol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return b;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      const min1 = 3 * xm * q - Math.abs(tol1 * q);
      const min2 = Math.abs(e * q);
      if (2 * p < (min1 < min2 ? min1 : min2)) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm > 0 ? tol1 : -tol1;
    fb = f(b);
    if (!Number.isFinite(fb)) return null;
  }
  return b;
}

/** The q-quantile (0..1) of a list, linear between order statistics. NaN for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = values.slice().sort((x, y) => x - y);
  const pos = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const i = Math.floor(pos);
  const frac = pos - i;
  return i + 1 < sorted.length ? sorted[i] + frac * (sorted[i + 1] - sorted[i]) : sorted[i];
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Average annual growth (fraction) from v0 to v1 over n years; null where undefined. */
export function cagrBetween(v0: number, v1: number, n: number): number | null {
  if (!(n > 0) || !Number.isFinite(v0) || !Number.isFinite(v1) || v0 === 0) return null;
  const ratio = v1 / v0;
  if (!(ratio > 0) || !Number.isFinite(ratio)) return null;
  const g = Math.pow(ratio, 1 / n) - 1;
  return Number.isFinite(g) ? g : null;
}
