/**
 * The common ground of the growth models (models/growth/*.ts): the lanes a model is computed over,
 * the module every model provides, and the few lane loops shared by all of them.
 *
 * A model is written once, as `run(lanes, lo, hi)`: it projects the lanes [lo, hi) of one series
 * from the anchor year on. The values live in `out`, laid out [year][lane] from `off`: cell (i, d)
 * is out[off + i * N + d]. The deterministic projection (models/growth.ts) runs a model over one
 * lane, the series' own row of the engine's grid (N = 1, off = the row); the Monte Carlo
 * (models/montecarlo.ts) over one lane per draw (N = draws, off = 0), year by year, then draw by
 * draw. The parameter a range applies to (models/uncertainty.ts) comes per lane in `P`: the model's
 * own value in the projection, a drawn value in the simulation. So a zero-width range reproduces
 * the projection bit for bit: it is the same arithmetic.
 *
 * Pure: no Node, no DOM, no clock.
 */
import { F_OWN, type Ctx } from '../context';
import type { GrowthModel } from '../schema';
import type { ParameterInfo } from '../uncertainty';

export type GrowthModelKind = GrowthModel['type'];
export type ModelOf<K extends GrowthModelKind> = Extract<GrowthModel, { type: K }>;

/** One series' lanes: where a model reads its anchor and parameter and writes its values. */
export class Lanes<M extends GrowthModel = GrowthModel> {
  /** per-lane working memory a model may keep between years (allocated by the model, N long) */
  scratch: Float64Array | null;

  constructor(
    readonly ctx: Ctx,
    /** the series index */
    readonly s: number,
    readonly m: M,
    /** window index of the anchor (the latest known value); the model writes years last + 1 .. nY - 1 */
    readonly last: number,
    /** the values, [year][lane] from off; the anchor's cells and the years before hold known values */
    readonly out: Float64Array,
    readonly off: number,
    readonly N: number,
    /** the parameter per lane (ParameterInfo.value: the model's own value) */
    readonly P: Float64Array,
    /** the driver's year-on-year ratio d1 / d0 per cell, laid out like out from 0 (NaN: no growth),
     * for a model that reads a driver, else null */
    readonly ratio: Float64Array | null,
    /** true in the projection: a value the model refuses throws (ModelError); false in the
     * simulation: that lane has no value, counted by run's result */
    readonly strict: boolean,
    scratch: Float64Array | null = null,
  ) {
    this.scratch = scratch;
  }
}

/** What a range on a model's parameter stands for (the model's own value comes from parameterValue). */
export type ParameterSpec = Omit<ParameterInfo, 'value'>;

/** Everything one growth model decides. Adding a model: see the README, "Adding a growth model". */
export interface GrowthModule<K extends GrowthModelKind> {
  readonly kind: K;
  /** the parameter a range applies to, its domain and labels */
  readonly parameter: ParameterSpec;
  /** the model's own value of that parameter (0 for a shift, 1 for a multiplier) */
  parameterValue(m: ModelOf<K>): number;
  /**
   * The plausible range of each parameter a planner types (models/plausibility.ts checks every
   * assumption that enters against these): a value outside is refused, naming the field and range.
   */
  readonly ranges: readonly ParameterRange<K>[];
  /** checks the parameters (not the ones needing projected values): throws ModelError */
  validate(id: string, m: ModelOf<K>): void;
  /** the series the model reads year by year (its growth drives this one), or null */
  driver(m: ModelOf<K>): string | null;
  /**
   * true when a year the model cannot give a value (overflow, a driver without one) ends the
   * series: that year and every later one are marked missing in the projection
   */
  readonly missingEnds: boolean;
  /**
   * Projects lanes [lo, hi) of L, years L.last + 1 .. nY - 1, before bounds. Returns the number of
   * lanes refused (strict false); with strict true a refused value throws instead.
   */
  run(L: Lanes<ModelOf<K>>, lo: number, hi: number): number;
  /**
   * The same model with the parameter written in (the per-draw reference path of the simulation):
   * projecting it over one lane equals running this model with P = value.
   */
  withParameter(m: ModelOf<K>, value: number, ctx: Ctx, s: number, last: number): GrowthModel;
  /**
   * The parameter goal seek (按目标反推, models/goalseek.ts) solves for, so that the model stays the
   * same model: the elasticity of an elasticity model, the decay rate of an intensity decay, the
   * projects' capacity of a pipeline, the rate of a constant growth ... null when the model has
   * none it can solve for (a level held, a fitted trend).
   */
  goalSeek(m: ModelOf<K>): GoalSeekParameter<K> | null;
  /**
   * Projection only: the 90% prediction interval per window year ([lo, hi] pairs, NaN: none),
   * null for none, undefined to leave the series' interval as it is.
   */
  interval?(ctx: Ctx, s: number, m: ModelOf<K>, last: number): Float64Array | null | undefined;
}

/**
 * One parameter's plausible range. `values` lists the model's values of it, each with its path
 * inside the model ('rate', 'rates.2025', 'steps[1].value'); `range` is [min, max] (inclusive,
 * null = open) in the parameter's own terms, or 'series' for a value in the series' unit, which
 * must lie in the series' allowed range (its sign, bounds and 0-100 for a share:
 * models/plausibility.ts `allowedRange`). `percent`: the parameter is a fraction shown in percent.
 */
export interface ParameterRange<K extends GrowthModelKind> {
  readonly field: string;
  readonly label_zh: string;
  readonly label_en: string;
  readonly range: readonly [number | null, number | null] | 'series';
  readonly percent?: boolean;
  values(m: ModelOf<K>): { path: string; value: number }[];
}

/**
 * What goal seek solves for in a model. `value` is the model's value of it, `with` the same model
 * with x written in (the type and everything else kept), `range` the values the search may take:
 * [min, max] in the parameter's own terms (null = open), or 'series' for a value in the series'
 * unit (the series' allowed range, models/plausibility.ts `allowedRange`). `shows`: how the value
 * reads ('rate': a fraction in %; 'points': a shift of rates in percentage points; 'number';
 * 'series': in the series' unit).
 */
export interface GoalSeekParameter<K extends GrowthModelKind> {
  readonly field: string;
  readonly label_zh: string;
  readonly label_en: string;
  readonly shows: 'rate' | 'points' | 'number' | 'series';
  readonly range: readonly [number | null, number | null] | 'series';
  value(m: ModelOf<K>): number;
  with(m: ModelOf<K>, x: number): ModelOf<K>;
}

/** A growth rate a planner may set: −50% to +100% a year (a fraction). */
export const PLAUSIBLE_RATE = [-0.5, 1] as const;
/** An elasticity on a driver's growth: −5 to 5. */
export const PLAUSIBLE_ELASTICITY = [-5, 5] as const;

export const RATE_DOMAIN = { min: -1, max: Number.POSITIVE_INFINITY, open_min: true, open_max: true };
export const FREE_DOMAIN = { min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY, open_min: true, open_max: true };
export const MULTIPLIER_DOMAIN = { min: 0, max: Number.POSITIVE_INFINITY, open_min: false, open_max: true };

/** The anchor's value of the projection (the grid's; lanes may differ: anchorLanes). */
export function anchorValue(L: Lanes): number {
  return L.ctx.vals[L.s * L.ctx.nY + L.last];
}

/**
 * The offset of the anchor's cells in L.out: lane d's anchor is L.out[anchorOffset(L) + d]. The
 * same as anchorValue in every lane, unless the simulation draws known values (models/base-ranges.ts).
 */
export function anchorOffset(L: Lanes): number {
  return L.off + L.last * L.N;
}

/**
 * The year-on-year ratio d1 / d0 of a driver's lanes into dst (laid out like src, from dstOff),
 * years max(1, from) .. nY - 1: NaN where the engine finds no growth (a value missing, or d0 = 0).
 */
export function driverRatios(
  src: Float64Array,
  srcOff: number,
  dst: Float64Array,
  dstOff: number,
  N: number,
  from: number,
  nY: number,
  lo: number,
  hi: number,
): void {
  for (let i = Math.max(1, from); i < nY; i++) {
    const o = i * N;
    const p = o - N;
    for (let d = lo; d < hi; d++) {
      const d0 = src[srcOff + p + d];
      const d1 = src[srcOff + o + d];
      dst[dstOff + o + d] = d0 !== d0 || d1 !== d1 || d0 === 0 ? Number.NaN : d1 / d0;
    }
  }
}

/** Clamps the projected cells (years last + 1 ..) of lanes [lo, hi) into [blo, bhi]; NaN stays. */
export function clampLanes(
  out: Float64Array,
  off: number,
  N: number,
  last: number,
  nY: number,
  lo: number,
  hi: number,
  blo: number,
  bhi: number,
): void {
  for (let i = last + 1; i < nY; i++) {
    const o = off + i * N;
    for (let d = lo; d < hi; d++) {
      const v = out[o + d];
      if (v < blo) out[o + d] = blo;
      else if (v > bhi) out[o + d] = bhi;
    }
  }
}

/** The latest known cell of a base series (own actual or assumed base value), or -1. */
export function anchorIndex(ctx: Ctx, s: number): number {
  const { years } = ctx.actuals[s];
  let last = -1;
  let ownAtB = false;
  for (const y of years) {
    if (y < ctx.W0 || y > ctx.H) continue;
    if (y - ctx.W0 > last) last = y - ctx.W0;
    if (y === ctx.B) ownAtB = true;
  }
  const a = ctx.asm[s];
  if (!ownAtB && a && a.base_value !== null && a.base_value !== undefined) {
    const bi = ctx.B - ctx.W0;
    if (bi > last) last = bi;
  }
  // a year built from a published growth rate is known too (models/published.ts)
  for (const y of ctx.yoy?.get(s)?.keys() ?? []) {
    const i = y - ctx.W0;
    if (i > last && i < ctx.nY && ctx.flags[s * ctx.nY + i] & F_OWN) last = i;
  }
  return last;
}

/**
 * A level per projected year times a multiplier, as a step model (how the per-draw reference
 * writes a multiplier on a flat or trend level into the model). `level(i)` is the level of window
 * year i (non-finite: none from there on).
 */
export function levelsAsSteps(ctx: Ctx, last: number, value: number, level: (i: number) => number): GrowthModel | null {
  if (last < 0 || last >= ctx.nY - 1) return null;
  const steps: { year: number; value: number }[] = [];
  for (let i = last + 1; i < ctx.nY; i++) {
    const v = level(i) * value;
    if (!Number.isFinite(v)) break;
    steps.push({ year: ctx.W0 + i, value: v });
  }
  return steps.length === 0 ? null : { type: 'step', steps };
}
