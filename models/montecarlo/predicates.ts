/**
 * Targets judged over arrays of draws: comparators compiled to thresholds, and the met of a target
 * the same in every draw.
 * Part of the Monte Carlo simulation (models/montecarlo.ts describes it).
 */
import { valueAt, type Ctx } from '../context';
import { CMP_EPS, judged, meets } from '../evaluate';
import { kindOf } from '../kinds';
import { type Target } from '../schema';
import { type TargetDef, metAt } from './evaluator';

/** A comparator compiled to thresholds, evaluating exactly as evaluate.meets. */
export interface Pred {
  /** 0: x >= a, 1: x > a, 2: x <= a, 3: x < a, 4: a <= x <= b, 5: meets() */
  code: number;
  a: number;
  b: number;
  t: Target;
}

export function predicate(t: Target): Pred {
  const target = t.target;
  if (Array.isArray(target)) {
    // a range is a floor with an aim (evaluate.meets): x >= floor
    const lo = Math.min(target[0], target[1]);
    const e = CMP_EPS * Math.max(1, Math.abs(lo));
    return { code: 0, a: lo - e, b: 0, t };
  }
  const e = CMP_EPS * Math.max(1, Math.abs(target));
  switch (t.comparator) {
    case '>=':
      return { code: 0, a: target - e, b: 0, t };
    case '>':
      return { code: 1, a: target, b: 0, t };
    case '<=':
      return { code: 2, a: target + e, b: 0, t };
    case '<':
      return { code: 3, a: target, b: 0, t };
    default:
      return { code: 5, a: 0, b: 0, t };
  }
}

/** out[d] = (and ? out[d] : 1) && pred(src[off + d]), for d in [lo, hi). NaN never meets. */
export function testInto(p: Pred, src: Float64Array, off: number, lo: number, hi: number, out: Uint8Array, and: boolean): void {
  const { a, b } = p;
  switch (p.code) {
    case 0:
      if (and) for (let d = lo; d < hi; d++) out[d] &= src[off + d] >= a ? 1 : 0;
      else for (let d = lo; d < hi; d++) out[d] = src[off + d] >= a ? 1 : 0;
      return;
    case 1:
      if (and) for (let d = lo; d < hi; d++) out[d] &= src[off + d] > a ? 1 : 0;
      else for (let d = lo; d < hi; d++) out[d] = src[off + d] > a ? 1 : 0;
      return;
    case 2:
      if (and) for (let d = lo; d < hi; d++) out[d] &= src[off + d] <= a ? 1 : 0;
      else for (let d = lo; d < hi; d++) out[d] = src[off + d] <= a ? 1 : 0;
      return;
    case 3:
      if (and) for (let d = lo; d < hi; d++) out[d] &= src[off + d] < a ? 1 : 0;
      else for (let d = lo; d < hi; d++) out[d] = src[off + d] < a ? 1 : 0;
      return;
    case 4:
      for (let d = lo; d < hi; d++) {
        const x = src[off + d];
        const m = x >= a && x <= b ? 1 : 0;
        out[d] = and ? out[d] & m : m;
      }
      return;
    default: {
      const t = p.t;
      for (let d = lo; d < hi; d++) {
        const m = meets(src[off + d], t.comparator, t.target) ? 1 : 0;
        out[d] = and ? out[d] & m : m;
      }
    }
  }
}

/** The engine's `met === true` for a target whose series is the same in every draw. */
export function constMet(ctx: Ctx, td: TargetDef): boolean {
  const t = td.t;
  if (kindOf(t.kind).everyYear) {
    if (td.start > td.T) return false;
    for (let y = td.start; y <= td.T; y++) {
      const v = valueAt(ctx, td.s, y);
      if (Number.isNaN(v) || !meets(v, t.comparator, t.target)) return false;
    }
    return true;
  }
  const x = judged(ctx, td.j, td.T);
  return !Number.isNaN(x) && metAt(t, x);
}
