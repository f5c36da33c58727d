/**
 * Required growth (倒推所需增速): the constant annual growth from the latest actual year L (or the
 * base year) to the target year that just meets the target, and the scenario's own average growth
 * over the same years, on the same series.
 *
 * - level / annual_flow / cumulative on a plain series: closed form (target / V_L)^(1/(T-L)) - 1
 *   (annual_flow: the rate that meets every remaining year, which is the closed form for the
 *   binding year);
 * - growth_rate: the level implied by the target average growth from the base year, then closed form;
 * - reduction: on the intensity series itself (the required annual change of the intensity, negative);
 * - shares and other ratios, cumulative sums: Brent's method on r in (-0.99, 10), applying r to the
 *   numerator (or the flow) while the denominator follows its own projection; a share with an own
 *   (published) actual later than its numerator's latest actual runs from that year, on the
 *   published share: share_T = share_A × (1 + r)^(T−A) × den_A / den_T.
 */
import type { Comparator } from './schema';
import { kindOf } from './kinds';
import type { Judge } from './kinds/types';
import { F_ACT, F_OWN, flagsAt, latestFlagged, valueAt, type Ctx } from './context';
import { brent, cagrBetween } from './stats';

const ROOT_LOW = -0.99;
const ROOT_HIGH = 10;

export type { Judge } from './kinds/types';

export interface GrowthResult {
  required: number | null;
  assumed: number | null;
  /** the series the two growth rates refer to (numerator for ratios, flow for cumulative sums) */
  series: number;
  /** the year the growth runs from */
  from: number;
  /** what the rates are the growth of: the judged series, a share's numerator, or the flow summed */
  lever: 'own' | 'numerator' | 'flow';
}

/** The judged quantity from a value of the judged series in the target year. */
function judgeLevel(ctx: Ctx, j: Judge, v: number): number {
  return kindOf(j.kind).judgeLevel(ctx, j, v);
}

export function requiredGrowth(
  ctx: Ctx,
  j: Judge,
  target: number | [number, number],
  comparator: Comparator,
  startYear: number,
): GrowthResult {
  const { s, b, T } = j;
  const mod = kindOf(j.kind);
  const d = ctx.derived[s];
  let lever = s;
  let mode: 'closed' | 'ratio' | 'cumsum' | 'vcum' = 'closed';
  if (!mod.requiredOnOwnSeries) {
    if (d?.type === 'ratio') {
      lever = ctx.index.get(d.numerator) as number;
      mode = 'ratio';
    } else if (d?.type === 'cumsum') {
      lever = ctx.index.get(d.of) as number;
      mode = 'cumsum';
    } else if (j.vcFrom >= 0) {
      mode = 'vcum';
    }
  }
  let L = latestFlagged(ctx, lever, b, T, F_ACT);
  if (L < 0) L = b;
  // a share published later than its numerator's latest actual anchors the share (derive.ts): the
  // numerator's required growth runs from the anchored year, the denominator on its projection
  let anchorA = -1;
  if (mode === 'ratio') {
    const A = latestFlagged(ctx, s, b, T - 1, F_OWN);
    if (A > L) {
      anchorA = A;
      L = A;
    }
  }
  const out: GrowthResult = {
    required: null,
    assumed: null,
    series: lever,
    from: L,
    lever: mode === 'ratio' ? 'numerator' : mode === 'closed' ? 'own' : 'flow',
  };
  if (L >= T) return out;
  const n = T - L;
  const vL = valueAt(ctx, lever, L);
  out.assumed = cagrBetween(vL, valueAt(ctx, lever, T), n);
  if (Array.isArray(target) || comparator === 'range' || Number.isNaN(vL)) return out;
  const tv = target;

  if (mode === 'closed') {
    out.required = mod.closedRequired(ctx, j, vL, L, n, tv, comparator, startYear);
    return out;
  }

  let f: (r: number) => number;
  if (mode === 'ratio') {
    if (d?.type !== 'ratio' || flagsAt(ctx, s, T) & F_OWN) return out;
    const den = valueAt(ctx, ctx.index.get(d.denominator) as number, T);
    if (!Number.isFinite(den) || den === 0) return out;
    if (anchorA >= 0) {
      // share_T = own_A × (1 + r)^n × den_A / den_T
      const denA = valueAt(ctx, ctx.index.get(d.denominator) as number, anchorA);
      const k = (valueAt(ctx, s, anchorA) * denA) / den;
      if (!Number.isFinite(k)) return out;
      f = (r) => judgeLevel(ctx, j, Math.pow(1 + r, n) * k) - tv;
    } else {
      const k = (d.scale ?? 1) / den;
      f = (r) => judgeLevel(ctx, j, vL * Math.pow(1 + r, n) * k) - tv;
    }
  } else if (mode === 'cumsum') {
    if (d?.type !== 'cumsum') return out;
    const from = d.from_year;
    let run0 = valueAt(ctx, s, L);
    if (Number.isNaN(run0)) {
      if (L < from) run0 = 0;
      else return out;
    }
    f = (r) => {
      let run = run0;
      let g = 1;
      for (let y = L + 1; y <= T; y++) {
        g *= 1 + r;
        if (flagsAt(ctx, s, y) & F_OWN) run = valueAt(ctx, s, y);
        else if (y < from) run = 0;
        else run += vL * g;
      }
      return judgeLevel(ctx, j, run) - tv;
    };
  } else {
    let run0 = 0;
    for (let y = j.vcFrom; y <= L; y++) {
      const v = valueAt(ctx, s, y);
      if (Number.isNaN(v)) return out;
      run0 += v;
    }
    const from = j.vcFrom;
    f = (r) => {
      let run = run0;
      let g = 1;
      for (let y = L + 1; y <= T; y++) {
        g *= 1 + r;
        if (y >= from) run += vL * g;
      }
      return judgeLevel(ctx, j, run) - tv;
    };
  }
  const r = brent(f, ROOT_LOW, ROOT_HIGH);
  out.required = r !== null && Number.isFinite(r) ? r : null;
  return out;
}
