/**
 * Growth models: projecting a series (not derived) forward from its latest known value.
 *
 * Every model continues from the anchor A: the latest actual year, or the base year when the
 * only known value there is an assumed base value. Years before A hold actuals, the assumed base
 * value, or a value interpolated across a gap between two known years.
 */
import type { Assumption, GrowthModel } from './schema';
import { badParameter, requireFinite, requireRate } from './errors';
import { linearFit, predictionHalfWidth90 } from './stats';
import { F_ACT, F_ASSUMED, F_BELOW, F_BOUND, F_EST, F_MISSING, F_OWN, type Ctx } from './context';

/** Checks a model's parameters (not the ones that need projected values): throws ModelError. */
export function validateAssumption(id: string, asm: Assumption): void {
  if (asm.base_value !== null && asm.base_value !== undefined) requireFinite(asm.base_value, id, 'base_value');
  const m = asm.model as GrowthModel | undefined;
  if (!m || typeof m !== 'object') throw badParameter(id, 'model', 'no growth model', '缺少增长模型');
  switch (m.type) {
    case 'cagr':
      requireRate(m.rate, id, 'rate');
      return;
    case 'path': {
      if (m.default_rate !== undefined) requireRate(m.default_rate, id, 'default_rate');
      const rates = m.rates ?? {};
      for (const k in rates) {
        if (!/^\d{4}$/.test(k)) throw badParameter(id, `rates.${k}`, 'is not a year (YYYY)', '不是年份（YYYY）');
        requireRate(rates[k], id, `rates.${k}`);
      }
      return;
    }
    case 'flat':
      return;
    case 'interp':
    case 'step': {
      const pts = m.type === 'interp' ? m.points : m.steps;
      const name = m.type === 'interp' ? 'points' : 'steps';
      if (!Array.isArray(pts) || pts.length === 0) throw badParameter(id, name, 'needs at least one point', '至少需要一个点');
      for (let i = 0; i < pts.length; i++) {
        const y = requireFinite(pts[i].year, id, `${name}[${i}].year`);
        if (!Number.isInteger(y)) throw badParameter(id, `${name}[${i}].year`, 'must be a whole year', '须为整数年份');
        requireFinite(pts[i].value, id, `${name}[${i}].value`);
      }
      return;
    }
    case 'trend':
      if (m.form !== 'linear' && m.form !== 'loglinear') {
        throw badParameter(id, 'form', 'must be linear or loglinear', '须为 linear 或 loglinear');
      }
      return;
    case 'logistic': {
      requireFinite(m.ceiling, id, 'ceiling');
      const k = requireFinite(m.rate, id, 'rate');
      if (!(k > 0)) throw badParameter(id, 'rate', 'logistic speed must be above 0', 'logistic 增长速度须大于 0');
      return;
    }
    case 'elasticity':
      requireFinite(m.elasticity, id, 'elasticity');
      return;
    case 'pipeline': {
      if (m.underlying_rate !== undefined) requireRate(m.underlying_rate, id, 'underlying_rate');
      const ps = m.projects ?? [];
      for (let i = 0; i < ps.length; i++) {
        requireFinite(ps[i].capacity, id, `projects[${i}].capacity`);
        const sy = requireFinite(ps[i].start_year, id, `projects[${i}].start_year`);
        if (!Number.isInteger(sy)) throw badParameter(id, `projects[${i}].start_year`, 'must be a whole year', '须为整数年份');
        if (ps[i].ramp_years !== undefined) {
          const r = requireFinite(ps[i].ramp_years, id, `projects[${i}].ramp_years`);
          if (!(r >= 1)) throw badParameter(id, `projects[${i}].ramp_years`, 'must be at least 1', '须不小于 1');
        }
      }
      return;
    }
    case 'intensity_decay': {
      const r = requireFinite(m.rate, id, 'rate');
      if (!(r > -1 && r < 1)) throw badParameter(id, 'rate', 'must be between -100% and 100%', '须在 -100% 与 100% 之间');
      return;
    }
    default:
      throw badParameter(id, 'model.type', `unknown growth model "${String((m as { type?: unknown }).type)}"`, '未知的增长模型');
  }
}

/** The driver a model reads (elasticity, intensity_decay), or null. */
export function modelDriver(m: GrowthModel): string | null {
  return m.type === 'elasticity' || m.type === 'intensity_decay' ? m.driver : null;
}

/** Writes the own actuals of series s into the grid. */
export function writeOwnActuals(ctx: Ctx, s: number): void {
  const acts = ctx.actuals[s];
  const base = s * ctx.nY - ctx.W0;
  const { years, recs } = acts;
  for (let i = 0; i < years.length; i++) {
    const y = years[i];
    if (y < ctx.W0 || y > ctx.H) continue;
    const r = recs[i];
    ctx.vals[base + y] = r.value;
    ctx.flags[base + y] =
      F_OWN |
      F_ACT |
      (r.value_kind === 'lower_bound' || r.value_kind === 'approx_below' ? F_BOUND : 0) |
      (r.value_kind === 'approx_below' ? F_BELOW : 0);
  }
}

/** Projects a series that is not derived: actuals, assumed base value, gap fill, growth model. */
export function projectBaseSeries(ctx: Ctx, s: number): void {
  writeOwnActuals(ctx, s);
  const { vals, flags, nY, W0 } = ctx;
  const row = s * nY;
  const asm = ctx.asm[s];
  const bi = row + (ctx.B - W0);
  if (Number.isNaN(vals[bi]) && asm && asm.base_value !== null && asm.base_value !== undefined) {
    vals[bi] = asm.base_value;
    flags[bi] = F_ASSUMED;
  }
  // known cells; fill gaps between them
  let first = -1;
  let last = -1;
  for (let i = 0; i < nY; i++) {
    if (Number.isNaN(vals[row + i])) continue;
    if (last >= 0 && i > last + 1) fillGap(ctx, row, last, i);
    if (first < 0) first = i;
    last = i;
  }
  if (last < 0) return; // no values: no_data downstream
  if (last === nY - 1) return;
  const model = asm?.model;
  const anchorAssumed = (flags[row + last] & F_ASSUMED) !== 0 || !asm;
  if (!model) {
    projectFlat(ctx, row, last, anchorAssumed);
  } else {
    applyModel(ctx, s, model, row, last, anchorAssumed);
  }
  const bounds = ctx.defs[s].bounds;
  if (bounds) {
    const lo = Math.min(bounds[0], bounds[1]);
    const hi = Math.max(bounds[0], bounds[1]);
    for (let i = last + 1; i < nY; i++) {
      const v = vals[row + i];
      if (v < lo) vals[row + i] = lo;
      else if (v > hi) vals[row + i] = hi;
    }
    const iv = ctx.intervals[s];
    if (iv) {
      for (let k = 0; k < iv.length; k++) {
        if (iv[k] < lo) iv[k] = lo;
        else if (iv[k] > hi) iv[k] = hi;
      }
    }
  }
}

function fillGap(ctx: Ctx, row: number, i0: number, i1: number): void {
  const { vals, flags } = ctx;
  const v0 = vals[row + i0];
  const v1 = vals[row + i1];
  const f = F_EST | ((flags[row + i0] | flags[row + i1]) & F_ASSUMED);
  const n = i1 - i0;
  const geometric = v0 > 0 && v1 > 0;
  const l0 = geometric ? Math.log(v0) : 0;
  const l1 = geometric ? Math.log(v1) : 0;
  for (let i = i0 + 1; i < i1; i++) {
    const k = (i - i0) / n;
    let v = geometric ? Math.exp(l0 + (l1 - l0) * k) : v0 + (v1 - v0) * k;
    if (!Number.isFinite(v)) v = v0 + (v1 - v0) * k;
    if (Number.isFinite(v)) {
      vals[row + i] = v;
      flags[row + i] = f;
    } else {
      flags[row + i] = F_MISSING;
    }
  }
}

function projectFlat(ctx: Ctx, row: number, a: number, assumed: boolean): void {
  const v = ctx.vals[row + a];
  const f = assumed ? F_ASSUMED : 0;
  for (let i = a + 1; i < ctx.nY; i++) {
    ctx.vals[row + i] = v;
    ctx.flags[row + i] = f;
  }
}

/** Marks cells from index i on as having no value. */
function markMissing(ctx: Ctx, row: number, i: number): void {
  for (let k = i; k < ctx.nY; k++) {
    ctx.vals[row + k] = Number.NaN;
    ctx.flags[row + k] = F_MISSING;
  }
}

function applyModel(ctx: Ctx, s: number, m: GrowthModel, row: number, a: number, assumed: boolean): void {
  const { vals, flags, nY, W0 } = ctx;
  const id = ctx.ids[s];
  const fA = assumed ? F_ASSUMED : 0;
  const vA = vals[row + a];
  const A = W0 + a;
  switch (m.type) {
    case 'flat':
      projectFlat(ctx, row, a, assumed);
      return;
    case 'cagr': {
      const g = 1 + m.rate;
      let v = vA;
      for (let i = a + 1; i < nY; i++) {
        v *= g;
        if (!Number.isFinite(v)) return markMissing(ctx, row, i);
        vals[row + i] = v;
        flags[row + i] = fA;
      }
      return;
    }
    case 'path': {
      const def = m.default_rate ?? 0;
      const rates = m.rates ?? {};
      let v = vA;
      for (let i = a + 1; i < nY; i++) {
        const r = rates[String(W0 + i)];
        v *= 1 + (r === undefined ? def : r);
        if (!Number.isFinite(v)) return markMissing(ctx, row, i);
        vals[row + i] = v;
        flags[row + i] = fA;
      }
      return;
    }
    case 'interp': {
      const pts = m.points;
      for (let i = a + 1; i < nY; i++) {
        const t = W0 + i;
        // previous knot: the latest point in (A, t], else the anchor; next knot: earliest point > t
        let py = A;
        let pv = vA;
        let ny = Number.POSITIVE_INFINITY;
        let nv = 0;
        for (let k = 0; k < pts.length; k++) {
          const p = pts[k];
          if (p.year <= A) continue;
          if (p.year <= t) {
            if (p.year >= py) {
              py = p.year;
              pv = p.value;
            }
          } else if (p.year < ny) {
            ny = p.year;
            nv = p.value;
          }
        }
        vals[row + i] = ny === Number.POSITIVE_INFINITY ? pv : pv + ((nv - pv) * (t - py)) / (ny - py);
        flags[row + i] = fA;
      }
      return;
    }
    case 'step': {
      const st = m.steps;
      for (let i = a + 1; i < nY; i++) {
        const t = W0 + i;
        let sy = A;
        let sv = vA;
        for (let k = 0; k < st.length; k++) {
          const p = st[k];
          if (p.year > A && p.year <= t && p.year >= sy) {
            sy = p.year;
            sv = p.value;
          }
        }
        vals[row + i] = sv;
        flags[row + i] = fA;
      }
      return;
    }
    case 'trend':
      return projectTrend(ctx, s, m.form, row, a, assumed);
    case 'logistic': {
      const C = m.ceiling;
      const k = m.rate;
      if (vA > C + 1e-12 * Math.max(1, Math.abs(C))) {
        throw badParameter(
          id,
          'ceiling',
          `the ceiling ${C} is below the current value ${vA} (${A})`,
          `饱和上限 ${C} 低于当前值 ${vA}（${A}年）`,
        );
      }
      if (vA < 0) {
        throw badParameter(id, 'ceiling', `logistic growth needs a non-negative current value (${vA} in ${A})`, `logistic 增长要求当前值非负（${A}年为 ${vA}）`);
      }
      let v = vA;
      for (let i = a + 1; i < nY; i++) {
        if (C > 0) {
          v = v + k * v * (1 - v / C);
          if (v > C) v = C;
          if (v < 0) v = 0;
        }
        vals[row + i] = v;
        flags[row + i] = fA;
      }
      return;
    }
    case 'elasticity': {
      const d = ctx.driver[s];
      const drow = d * nY;
      const e = m.elasticity;
      let v = vA;
      for (let i = a + 1; i < nY; i++) {
        const d0 = vals[drow + i - 1];
        const d1 = vals[drow + i];
        if (Number.isNaN(d0) || Number.isNaN(d1) || d0 === 0) return markMissing(ctx, row, i);
        const g = e * (d1 / d0 - 1);
        if (!(g > -1)) {
          throw badParameter(
            id,
            'elasticity',
            `elasticity ${e} x growth of ${ctx.ids[d]} gives growth of ${(g * 100).toFixed(1)}% in ${W0 + i}, below -100%`,
            `弹性系数 ${e} 乘以${ctx.ids[d]}的增速，${W0 + i}年增速为 ${(g * 100).toFixed(1)}%，低于 -100%`,
          );
        }
        v *= 1 + g;
        if (!Number.isFinite(v)) return markMissing(ctx, row, i);
        vals[row + i] = v;
        flags[row + i] = fA | ((flags[drow + i - 1] | flags[drow + i]) & F_ASSUMED);
        if (flags[row + i - 1] & F_ASSUMED) flags[row + i] |= F_ASSUMED;
      }
      return;
    }
    case 'intensity_decay': {
      const d = ctx.driver[s];
      const drow = d * nY;
      const keep = 1 - m.rate;
      let v = vA;
      for (let i = a + 1; i < nY; i++) {
        const d0 = vals[drow + i - 1];
        const d1 = vals[drow + i];
        if (Number.isNaN(d0) || Number.isNaN(d1) || d0 === 0) return markMissing(ctx, row, i);
        v = v * (d1 / d0) * keep;
        if (!Number.isFinite(v)) return markMissing(ctx, row, i);
        vals[row + i] = v;
        flags[row + i] = fA | ((flags[drow + i - 1] | flags[drow + i]) & F_ASSUMED);
        if (flags[row + i - 1] & F_ASSUMED) flags[row + i] |= F_ASSUMED;
      }
      return;
    }
    case 'pipeline': {
      const g = 1 + (m.underlying_rate ?? 0);
      const ps = m.projects ?? [];
      let base = vA;
      for (let i = a + 1; i < nY; i++) {
        const t = W0 + i;
        base *= g;
        let add = 0;
        for (let k = 0; k < ps.length; k++) {
          const p = ps[k];
          add += projectOutput(p.capacity, p.start_year, p.ramp_years ?? 1, t) - projectOutput(p.capacity, p.start_year, p.ramp_years ?? 1, A);
        }
        const v = base + add;
        if (!Number.isFinite(v)) return markMissing(ctx, row, i);
        vals[row + i] = v;
        flags[row + i] = fA;
      }
      return;
    }
  }
}

/** A project's output in year t: capacity x min(1, (t - start + 1) / ramp) from its start year. */
export function projectOutput(capacity: number, start: number, ramp: number, t: number): number {
  if (t < start) return 0;
  const share = (t - start + 1) / ramp;
  return capacity * (share < 1 ? share : 1);
}

const TREND_X = new Float64Array(256);
const TREND_Y = new Float64Array(256);

function projectTrend(ctx: Ctx, s: number, form: 'linear' | 'loglinear', row: number, a: number, assumed: boolean): void {
  const { vals, flags, nY, W0 } = ctx;
  const A = W0 + a;
  const { years, recs } = ctx.actuals[s];
  let n = 0;
  const log = form === 'loglinear';
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
  const fit = n >= 2 ? linearFit(TREND_X, TREND_Y, n) : null;
  if (!fit) return projectFlat(ctx, row, a, assumed);
  const fA = assumed ? F_ASSUMED : 0;
  const iv = n > 2 ? new Float64Array(nY * 2).fill(Number.NaN) : null;
  for (let i = a + 1; i < nY; i++) {
    const t = W0 + i;
    const yhat = fit.a + fit.b * t;
    const v = log ? Math.exp(yhat) : yhat;
    if (!Number.isFinite(v)) return markMissing(ctx, row, i);
    vals[row + i] = v;
    flags[row + i] = fA;
    if (iv) {
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
  }
  ctx.intervals[s] = iv;
}

