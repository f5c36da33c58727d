/**
 * The engine's working state for one projection: a dense year x series grid of values and flags.
 * Internal to models/: NaN marks "no value" here and never leaves the engine.
 */
import type { Actual, Assumption, Derivation, Plan, Series } from './schema';
import type { LevelFloor } from './anchors';

/** The value is an actual (the series' own, or computed only from actuals). */
export const F_ACT = 1;
/** The value is the series' own actual record. */
export const F_OWN = 2;
/** The value rests on an assumption (an assumed base value, a default, or anything derived from one). */
export const F_ASSUMED = 4;
/** Interpolated between two known values (a gap in the actuals). */
export const F_EST = 8;
/** No value could be computed (zero denominator, overflow, a driver without a value). */
export const F_MISSING = 16;
/** The actual is a lower bound or an approximate upper bound (value_kind), used as the value. */
export const F_BOUND = 32;
/** The actual is 'approx_below' ("close to", 接近): the true value lies below it. */
export const F_BELOW = 64;
/** (added) The value is a published month-end level that floors the year (models/anchors.ts). */
export const F_LEVEL = 128;

/** Yearly actuals of one series, ascending by year, the winning record per year. */
export interface SeriesActuals {
  years: number[];
  recs: Actual[];
}

/** A dependency edge: the series index and the parameter that names it. */
export interface Dep {
  s: number;
  parameter: string;
}

export interface Ctx {
  plan: Plan;
  ids: string[];
  index: Map<string, number>;
  defs: Series[];
  derived: (Derivation | null)[];
  /** per series: the assumption in force (undefined: none) */
  asm: (Assumption | undefined)[];
  /** per series: resolved index of a model's driver (-1 none) */
  driver: Int32Array;
  actuals: SeriesActuals[];
  /** global base year */
  B: number;
  /** first year of the internal window (<= Y0: reaches back to an anchor actual before the base year) */
  W0: number;
  /** first output year */
  Y0: number;
  /** horizon */
  H: number;
  nY: number;
  vals: Float64Array;
  flags: Uint8Array;
  /** per series: trend prediction interval, [lo, hi] per window year (NaN: none), or null */
  intervals: (Float64Array | null)[];
  tolerance: number;
  asOf: number;
  /** (added) 口径 per target set by the planners: target id -> base year and end year (null: the plan's). */
  bases: Record<string, { base_year: number | null; end_year: number | null }>;
  /** (added) 接近完成 per target id, in the target's units (settings.near_tolerance) */
  nearTolerance?: Readonly<Record<string, number>>;
  /** (added) the yardstick of level-like targets before the target year (default linear) */
  yardstick?: 'linear' | 'compound';
  /** (added) per series index: its year-to-date figures (1-N月), one per year and month */
  ytd?: Map<number, YtdPoint[]>;
  /** (added) per series index: its month-end level floors in the window (models/anchors.ts), filled lazily */
  floors?: (readonly LevelFloor[] | undefined)[];
  /** (added) grid cell -> the projected value a floor replaced */
  floored?: Map<number, number>;
  /** (added) per series index: the published year-on-year growth rates in force, year -> record (models/published.ts) */
  yoy?: Map<number, Map<number, Actual>>;
}

/** A year-to-date figure: the cumulative (flow) or level (stock) of 1-`month`月, and its reported growth. */
export interface YtdPoint {
  year: number;
  month: number;
  value: number;
  /** the reported 累计增速 (fraction), when given */
  growth: number | null;
  /** (added) the value was implied from last year (no figure was published): never a level floor */
  implied?: boolean;
  /** (added) the record the point comes from */
  record?: Actual | null;
}

/** The value of series s in a year, NaN when none (or outside the window). */
export function valueAt(ctx: Ctx, s: number, year: number): number {
  if (year < ctx.W0 || year > ctx.H) return Number.NaN;
  return ctx.vals[s * ctx.nY + (year - ctx.W0)];
}

export function flagsAt(ctx: Ctx, s: number, year: number): number {
  if (year < ctx.W0 || year > ctx.H) return 0;
  return ctx.flags[s * ctx.nY + (year - ctx.W0)];
}

/** The latest year in (from, to] whose value of s carries any of `mask`, or -1. */
export function latestFlagged(ctx: Ctx, s: number, from: number, to: number, mask: number): number {
  const hi = Math.min(to, ctx.H);
  const lo = Math.max(from + 1, ctx.W0);
  const base = s * ctx.nY - ctx.W0;
  for (let y = hi; y >= lo; y--) {
    if ((ctx.flags[base + y] & mask) !== 0 && !Number.isNaN(ctx.vals[base + y])) return y;
  }
  return -1;
}
