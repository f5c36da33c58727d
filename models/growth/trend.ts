/**
 * trend: a least-squares line fitted to the actuals up to the anchor, linear or log-linear
 * (exponential); flat from the anchor with fewer than two actuals. Range on a multiplier on the
 * trend level. The projection also gives the line's 90% prediction interval.
 */
import { badParameter } from '../errors';
import { linearFit, predictionHalfWidth90, type LinearFit } from '../stats';
import type { Ctx } from '../context';
import { anchorValue, levelsAsSteps, MULTIPLIER_DOMAIN, type GrowthModule, type ModelOf } from './lanes';

const TREND_X = new Float64Array(256);
const TREND_Y = new Float64Array(256);

/** The line through the actuals up to the anchor, or null (fewer than two): throws ModelError for
 * a log-linear trend over a non-positive actual. */
function fitTrend(ctx: Ctx, s: number, m: ModelOf<'trend'>, last: number): LinearFit | null {
  const A = ctx.W0 + last;
  const { years, recs } = ctx.actuals[s];
  const log = m.form === 'loglinear';
  let n = 0;
  for (let i = 0; i < years.length && n < TREND_X.length; i++) {
    if (years[i] > A) break;
    const v = recs[i].value;
    if (log && !(v > 0)) {
      throw badParameter(
        ctx.ids[s],
        'form',
        `a log-linear trend needs positive actuals (${v} in ${years[i]})`,
        `对数线性趋势要求实际值为正（${years[i]}年为 ${v}）`,
      );
    }
    TREND_X[n] = years[i];
    TREND_Y[n] = log ? Math.log(v) : v;
    n++;
  }
  return n >= 2 ? linearFit(TREND_X, TREND_Y, n) : null;
}

/** The trend level per window year after the anchor (non-finite from the first year without one on). */
function trendLevel(fit: LinearFit, log: boolean, t: number): number {
  const yhat = fit.a + fit.b * t;
  return log ? Math.exp(yhat) : yhat;
}

/** The level of window year i: the line, or the anchor's value without a line; NaN from the
 * first non-finite year on. */
function levels(ctx: Ctx, s: number, m: ModelOf<'trend'>, last: number, vA: number): (i: number) => number {
  const fit = fitTrend(ctx, s, m, last);
  const log = m.form === 'loglinear';
  let broken = false;
  return (i) => {
    if (!fit) return vA;
    if (broken) return Number.NaN;
    const v = trendLevel(fit, log, ctx.W0 + i);
    if (Number.isFinite(v)) return v;
    broken = true;
    return Number.NaN;
  };
}

export const trend: GrowthModule<'trend'> = {
  kind: 'trend',
  parameter: {
    parameter: 'multiplier',
    how: 'multiply',
    domain: MULTIPLIER_DOMAIN,
    label_zh: '趋势值的倍数',
    label_en: 'multiplier on the trend level',
  },
  ranges: [],
  parameterValue: () => 1,
  validate(id, m) {
    if (m.form !== 'linear' && m.form !== 'loglinear')
      throw badParameter(id, 'form', 'must be linear or loglinear', '须为 linear 或 loglinear');
  },
  driver: () => null,
  missingEnds: true,
  run(L, lo, hi) {
    const { out, off, N, P, last } = L;
    const nY = L.ctx.nY;
    const level = levels(L.ctx, L.s, L.m, last, anchorValue(L));
    for (let i = last + 1; i < nY; i++) {
      const o = off + i * N;
      const r = level(i);
      for (let d = lo; d < hi; d++) {
        const v = r * P[d];
        out[o + d] = v - v === 0 ? v : Number.NaN;
      }
    }
    return 0;
  },
  /** a fitted line has nothing to solve for (a multiplier would make it a step model) */
  goalSeek: () => null,
  /** the multiplied trend level as a step model */
  withParameter(m, value, ctx, s, last) {
    if (last < 0 || last >= ctx.nY - 1) return m;
    return levelsAsSteps(ctx, last, value, levels(ctx, s, m, last, ctx.vals[s * ctx.nY + last])) ?? m;
  },
  interval(ctx, s, m, last) {
    const fit = fitTrend(ctx, s, m, last);
    if (!fit) return undefined;
    const { nY, W0 } = ctx;
    const log = m.form === 'loglinear';
    const iv = fit.n > 2 ? new Float64Array(nY * 2).fill(Number.NaN) : null;
    for (let i = last + 1; i < nY; i++) {
      const t = W0 + i;
      if (!Number.isFinite(trendLevel(fit, log, t))) return undefined; // no interval once the line has no value
      if (!iv) continue;
      const yhat = fit.a + fit.b * t;
      const h = predictionHalfWidth90(fit, t);
      if (Number.isFinite(h)) {
        const lo = log ? Math.exp(yhat - h) : yhat - h;
        const hi = log ? Math.exp(yhat + h) : yhat + h;
        if (Number.isFinite(lo) && Number.isFinite(hi)) {
          iv[2 * i] = lo;
          iv[2 * i + 1] = hi;
        }
      }
    }
    return iv;
  },
};
