/**
 * Growth models: projecting a series (not derived) forward from its latest known value.
 *
 * Every model continues from the anchor A: the latest actual year, or the base year when the
 * only known value there is an assumed base value. Years before A hold actuals, the assumed base
 * value, or a value interpolated across a gap between two known years.
 *
 * The models themselves are modules in models/growth/ (the registry GROWTH_MODELS), each written
 * once over N lanes; the projection runs a model over one lane, the series' own row of the grid,
 * with the model's own parameter, and sets the flags here. The Monte Carlo runs the same modules
 * over one lane per draw.
 */
import { applyYoyToKnown } from './published';
import type { Assumption, GrowthModel } from './schema';
import { badParameter, requireFinite } from './errors';
import { F_ACT, F_ASSUMED, F_BELOW, F_BOUND, F_EST, F_MISSING, F_OWN, type Ctx } from './context';
import { Lanes, clampLanes, driverRatios, growthModule, isGrowthModelKind } from './growth/index';
import { applyLevelFloors } from './anchors';

/** Checks a model's parameters (not the ones that need projected values): throws ModelError. */
export function validateAssumption(id: string, asm: Assumption): void {
  if (asm.base_value !== null && asm.base_value !== undefined) requireFinite(asm.base_value, id, 'base_value');
  const m = asm.model as GrowthModel | undefined;
  if (!m || typeof m !== 'object') throw badParameter(id, 'model', 'no growth model', '缺少增长模型');
  if (!isGrowthModelKind(m.type)) {
    throw badParameter(id, 'model.type', `unknown growth model "${String((m as { type?: unknown }).type)}"`, '未知的增长模型');
  }
  growthModule(m).validate(id, m);
}

/** The driver a model reads (elasticity, intensity_decay), or null. */
export function modelDriver(m: GrowthModel): string | null {
  return growthModule(m).driver(m);
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
  // published year-on-year growth rates continue from a known previous year (models/published.ts)
  applyYoyToKnown(ctx, s);
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
  // month-end levels of a stock floor their year (models/anchors.ts): up to the anchor before the
  // model runs, so that it continues from the level reached; after it once projected
  applyLevelFloors(ctx, s, 0, last);
  if (last === nY - 1) return;
  const model = asm?.model;
  const anchorAssumed = (flags[row + last] & F_ASSUMED) !== 0 || !asm;
  applyModel(ctx, s, model ?? FLAT, row, last, anchorAssumed);
  boundRow(ctx, s, row, last);
  applyLevelFloors(ctx, s, last + 1, nY - 1);
}

function boundRow(ctx: Ctx, s: number, row: number, last: number): void {
  const { vals, nY } = ctx;
  const bounds = ctx.defs[s].bounds;
  if (bounds) {
    const lo = Math.min(bounds[0], bounds[1]);
    const hi = Math.max(bounds[0], bounds[1]);
    clampLanes(vals, row, 1, last, nY, 0, 1, lo, hi);
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

/** Marks cells from index i on as having no value. */
function markMissing(ctx: Ctx, row: number, i: number): void {
  for (let k = i; k < ctx.nY; k++) {
    ctx.vals[row + k] = Number.NaN;
    ctx.flags[row + k] = F_MISSING;
  }
}

const FLAT: GrowthModel = { type: 'flat' };
/** one lane's parameter, pipeline memory and driver ratios (the projection is not re-entered) */
const P1 = new Float64Array(1);
const SCRATCH1 = new Float64Array(1);
let ratioRow = new Float64Array(64);

/**
 * Runs the model over the series' own row (one lane: N = 1), then sets the flags: projected years
 * are assumed when the anchor is (or, for a model on a driver, when the driver's value is); a year
 * without a value ends the series for a model whose `missingEnds` says so.
 */
function applyModel(ctx: Ctx, s: number, m: GrowthModel, row: number, a: number, assumed: boolean): void {
  const { vals, flags, nY } = ctx;
  const mod = growthModule(m);
  const drive = mod.driver(m) !== null;
  const drow = drive ? ctx.driver[s] * nY : -1;
  let ratio: Float64Array | null = null;
  if (drive) {
    if (ratioRow.length < nY) ratioRow = new Float64Array(nY);
    ratio = ratioRow;
    driverRatios(vals, drow, ratio, 0, 1, a + 1, nY, 0, 1);
  }
  P1[0] = mod.parameterValue(m);
  mod.run(new Lanes(ctx, s, m, a, vals, row, 1, P1, ratio, true, SCRATCH1), 0, 1);
  const fA = assumed ? F_ASSUMED : 0;
  for (let i = a + 1; i < nY; i++) {
    if (mod.missingEnds && Number.isNaN(vals[row + i])) return markMissing(ctx, row, i);
    let f = fA;
    if (drive) {
      f |= (flags[drow + i - 1] | flags[drow + i]) & F_ASSUMED;
      if (flags[row + i - 1] & F_ASSUMED) f |= F_ASSUMED;
    }
    flags[row + i] = f;
  }
  if (mod.interval) {
    const iv = mod.interval(ctx, s, m, a);
    if (iv !== undefined) ctx.intervals[s] = iv;
  }
}
