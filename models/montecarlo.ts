/**
 * Monte Carlo simulation of a plan under a scenario's uncertain assumptions: percentile bands of
 * every series and target, the probability of meeting each target, and the joint probability of a
 * set of targets. Pure and deterministic: the same input and seed give the same result, byte for
 * byte; no Node, no DOM, no clock, no Math.random.
 *
 *   simulatePlan({ plan, assumptions, actuals?, settings?, draws, seed, joint?, onProgress? })
 *
 * The draws. A common macro shock Z ~ N(0, 1) per draw; each uncertain assumption i has its own
 * e_i ~ N(0, 1) and its standard normal is u_i = c_i Z + sqrt(1 - c_i²) e_i (a Gaussian copula with
 * loadings c_i = uncertainty.correlation), mapped through the inverse CDF of its distribution
 * (models/uncertainty.ts) onto the model's parameter. A member of a correlation group (the plan's
 * `correlation_groups`, models/correlation.ts) first mixes its e_i with the group's factor f:
 * e_i <- λ f + sqrt(1 - λ²) e_i (still N(0, 1): marginals unchanged; λ = 0 is exactly no group).
 * Z, every e_i and every f come from their own xoshiro128** stream, seeded from (seed, name of the
 * series or group): adding or removing one assumption leaves the draws of the others unchanged, and
 * two scenarios simulated with the same seed share their draws (common random numbers). A draw outside the parameter's valid values (a growth rate at or below
 * -100%, a logistic speed at or below 0, ...) is moved to the nearest valid value and counted in
 * `clamped_draws`. An elasticity whose growth falls to -100% or below in a draw (the engine refuses
 * it) leaves that series and what depends on it without a value in that draw, counted in
 * `invalid_draws`.
 *
 * The fast path. The plan and the scenario are compiled once (cached per plan and assumptions) into
 * a flat program: the engine projects the scenario once (projectGrid); the series downstream of an
 * uncertain assumption (through drivers and derivations) are the only ones recomputed, each by a
 * kernel that runs over all draws, year by year, on Float64Arrays laid out [series][year][draw];
 * every other series is a constant. A growth model's kernel is its module's `run` over one lane per
 * draw (models/growth/): the same code the projection runs over one lane, so a zero-width range
 * reproduces projectPlan exactly; the derivation kernels repeat the engine's arithmetic operation
 * for operation. Targets are judged from the arrays, and percentiles come from a histogram
 * selection (below) instead of sorting. The per-draw path (projectGrid per draw, with each drawn
 * parameter written into the assumption by the model's `withParameter`) is kept as the reference
 * for the tests (method: 'per_draw').
 *
 * Base ranges (`base_ranges: 'on'`, models/base-ranges.ts) also draw the assumed base values and
 * the bound-type actuals, each from its own named stream; a series with such an input gets a
 * rebase kernel that writes its known cells up to the anchor per draw, before its model runs.
 */
import type { GrowthModel, Plan, Target } from './schema';
import { ModelError, type ProjectionInput } from './types';
import { projectGrid, type EngineGrid } from './engine';
import { F_OWN, valueAt, type Ctx } from './context';
import { publishedAnchor } from './derive';
import { yoyFactor } from './published';
import { isNowcast } from './records';
import { CMP_EPS, judged, meets, targetJudge } from './evaluate';
import type { Judge } from './required';
import { Lanes, anchorIndex, clampLanes, driverRatios, growthModule } from './growth/index';
import { kindOf, type JudgeKernel } from './kinds';
import { badParameter } from './errors';
import { floorLanes, levelFloors } from './anchors';
import { Rng, deriveSeed } from './random';
import { checkCorrelationGroups, groupsInForce, scenarioGroups, type GroupInForce } from './correlation';
import type { CorrelationGroup } from './schema';
import {
  BaseRangeSampler,
  baseRangeInputs,
  inputBounds,
  summariseBaseInputs,
  withBaseDraws,
  type BaseRangeInput,
  type BaseRangeSummary,
  type BaseRanges,
} from './base-ranges';
import {
  clampToDomain,
  distributionInForce,
  mapStandardNormals,
  uncertainParameter,
  type DistributionSpec,
  type ParameterInfo,
  type RangeInForce,
} from './uncertainty';

// =============================================================================================
// Percentiles
// =============================================================================================

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
export const PERCENTILE_LEVELS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

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

// =============================================================================================
// Simulation input and result
// =============================================================================================

export const MAX_DRAWS = 1_000_000;

export interface SimulationInput extends ProjectionInput {
  draws: number;
  /** a 32-bit seed (any integer; taken modulo 2^32) */
  seed: number;
  /** target ids: p_joint is the fraction of draws in which every one of them is met */
  joint?: string[];
  /**
   * the correlation groups (models/correlation.ts); default the plan's `correlation_groups`.
   * [] draws every assumption independently (apart from the macro shock).
   */
  correlation_groups?: readonly CorrelationGroup[];
  /**
   * 'on': also draw the assumed base values and the bound-type actuals (models/base-ranges.ts);
   * default 'off' (the ranges the planner set, nothing else).
   */
  base_ranges?: BaseRanges;
  /**
   * Loadings (each 0 ≤ λ < 1) at which to recompute the joint probability, one group at a time
   * (the other groups as they are), with the same seed and draws: each group in force gets
   * `joint_by_loading` (these loadings and its own). Needs `joint`.
   */
  joint_sweep?: readonly number[];
  /** called about every 5% of the draws; return false to cancel */
  onProgress?: (done: number, total: number) => boolean;
}

export interface TargetSimulation {
  id: string;
  kind: Target['kind'];
  target_year: number;
  /** year -> percentiles of the judged quantity (level, share, % reduction, average growth %, ...),
   * from the target's base year to its target year; years without a value in any draw are left out */
  percentiles: Record<number, Percentiles>;
  /** fraction of all draws meeting the target (annual_flow: every year met) */
  p_meet: number;
  /** its Monte Carlo standard error, sqrt(p (1 - p) / draws) */
  p_meet_se: number;
  /** draws with a judged value in the target year */
  valid_draws: number;
}

export interface UncertainSummary {
  series: string;
  model: GrowthModel['type'];
  parameter: ParameterInfo['parameter'];
  how: ParameterInfo['how'];
  distribution: DistributionSpec['distribution'];
  low: number;
  high: number;
  confidence: number;
  correlation: number;
  /** the median of the distribution */
  central: number;
  /** the model's own value of the parameter (0 for a shift, 1 for a multiplier) */
  scenario_value: number;
  /** the stored range was centred on the scenario's value (low, high, central are the moved ones) */
  recentred: boolean;
  /** the planner set the range for this very value: used as stored (central may differ from
   * scenario_value; the median of the distribution then differs from the projection) */
  pinned: boolean;
  /** the range as stored on the assumption */
  stored_low: number;
  stored_high: number;
}

export interface SimulationResult {
  draws: number;
  seed: number;
  percentiles_def: typeof PERCENTILES_DEF;
  targets: TargetSimulation[];
  /** series id -> year -> percentiles, from the first output year to the horizon */
  series: Record<string, Record<number, Percentiles>>;
  p_joint: number | null;
  cancelled: boolean;
  /** the draws actually made (less than `draws` when cancelled; the statistics use these) */
  draws_done: number;
  uncertain: UncertainSummary[];
  /** assumption series -> draws moved into the parameter's valid values */
  clamped_draws: Record<string, number>;
  /** series -> draws without a value because a model refused the drawn values */
  invalid_draws: Record<string, number>;
  method: 'compiled' | 'per_draw';
  /** the correlation groups drawn with a common factor, with their members in force */
  correlation_groups: GroupInForce[];
  /** present only with base_ranges 'on': the assumed base values and bound actuals drawn */
  base_ranges?: 'on';
  base_inputs?: BaseRangeSummary[];
  /** with base_ranges 'on', through the API: the targets with no uncertain input even so (未设区间) */
  no_range?: string[];
}

// =============================================================================================
// Uncertain assumptions
// =============================================================================================

export interface UncertainParam {
  /** series index */
  s: number;
  id: string;
  model: GrowthModel;
  info: ParameterInfo;
  /** the distribution in force: the stored range centred on the scenario's value (rangeInForce) */
  spec: DistributionSpec;
  range: RangeInForce;
}

/** The uncertain assumptions in force, in plan order, each checked (ModelError naming the series). */
export function uncertainParams(ctx: Ctx): UncertainParam[] {
  const out: UncertainParam[] = [];
  for (let s = 0; s < ctx.ids.length; s++) {
    const a = ctx.asm[s];
    if (!a || ctx.derived[s] || !a.uncertainty) continue;
    const info = uncertainParameter(a.model);
    const { range, ...spec } = distributionInForce(a.uncertainty, ctx.ids[s], info);
    out.push({ s, id: ctx.ids[s], model: a.model, info, spec, range });
  }
  return out;
}

/** Moves x into the parameter's valid values; returns NaN for NaN. */
const clampDomain = clampToDomain;

// =============================================================================================
// The evaluator interface shared by the compiled and the per-draw paths
// =============================================================================================

interface TargetDef {
  id: string;
  t: Target;
  s: number;
  j: Judge;
  start: number;
  b: number;
  T: number;
  /** years b..T */
  nYears: number;
}

/** Projects draws [lo, hi) given the parameter columns; exposes series and judged values. */
interface Evaluator {
  readonly method: 'compiled' | 'per_draw';
  readonly N: number;
  readonly ctx: Ctx;
  readonly params: UncertainParam[];
  readonly targets: TargetDef[];
  /** per uncertain parameter: the value in each draw (written by the caller) */
  readonly pcols: Float64Array[];
  /** the base-range inputs drawn (base ranges on), and per input its value in each draw */
  readonly bases: readonly BaseRangeInput[];
  readonly bcols: Float64Array[];
  run(lo: number, hi: number): void;
  /** per series: [year][draw] values, or null when the series is the same in every draw */
  seriesBlock(s: number): Float64Array | null;
  /** may the value of series s in window year i differ between draws? (false: ctx.vals in every draw) */
  cellVaries(s: number, i: number): boolean;
  /** per target: [year b..T][draw] judged values, or null when the same in every draw */
  targetBlock(k: number): Float64Array | null;
  /** the judged values of a constant target, years b..T */
  targetConst(k: number): Float64Array;
  /** a target-block that is a view of its series (the same numbers): the series index, else -1 */
  targetView(k: number): number;
  /** per target: 1 where met, per draw */
  readonly met: Uint8Array[];
  readonly invalid: Map<string, number>;
  /** the run using the buffers now (a newer run of the same plan and size takes them over) */
  owner: object | null;
}

function targetDefs(grid: EngineGrid): TargetDef[] {
  const { ctx, targetSeries } = grid;
  return ctx.plan.targets.map((t, i) => {
    const s = targetSeries[i];
    const { j, start } = targetJudge(ctx, t, s);
    return { id: t.id, t, s, j, start, b: j.b, T: j.T, nYears: Math.max(0, j.T - j.b + 1) };
  });
}

/** Is the target met, given its judged value in the target year (not annual_flow)? */
function metAt(t: Target, x: number): boolean {
  return meets(x, t.comparator, t.target);
}

// =============================================================================================
// The compiled program
// =============================================================================================

type Step =
  | { kind: 'base'; s: number; last: number; model: GrowthModel; bounds: [number, number] | null; param: number; rebase: Rebase | null }
  | { kind: 'empty'; s: number }
  | { kind: 'ratio'; s: number; num: number; den: number; scale: number; own: Uint8Array; anchor: Int32Array; yoy: Float64Array }
  | { kind: 'deflate'; s: number; nom: number; defl: number; own: Uint8Array; anchor: Int32Array; yoy: Float64Array }
  | { kind: 'cumsum'; s: number; flow: number; from: number; run0: number; ok0: boolean; own: Uint8Array };

/**
 * The known cells of a series up to its anchor when some are drawn (models/base-ranges.ts): per
 * draw, the known values (the drawn ones from their columns) and the gap fill between them, as
 * the engine's projectBaseSeries does (geometric between two positive values, else linear).
 */
interface Rebase {
  /** window indices of the known cells (own actuals, the assumed base), ascending, up to the anchor */
  known: Int32Array;
  /** per known cell: the base-range input drawn there, or -1 (its value below) */
  input: Int32Array;
  /** per known cell: the record's value or the assumed base */
  value: Float64Array;
  /** month-end floors at or before the anchor that may raise a cell */
  floors: { i: number; value: number }[];
}

interface Program {
  key: string;
  /** the assumed base values and bound actuals drawn (base ranges on), else [] */
  bases: readonly BaseRangeInput[];
  grid: EngineGrid;
  params: UncertainParam[];
  /** per series: index into params, or -1 */
  paramOf: Int32Array;
  /** per series: recomputed per draw */
  dyn: Uint8Array;
  /** per series: needs a [year][draw] block (dyn, or read by a kernel) */
  block: Uint8Array;
  steps: Step[];
  /** per series and window year: may differ between draws (false: the grid's value in every draw) */
  varies: Uint8Array;
  targets: TargetDef[];
  evaluators: Map<number, CompiledEvaluator>;
}

class Unsupported extends Error {}

/** The owner of the arrays of a replaced program: no run may use them any more. */
const RELEASED = {};

/**
 * Float64Arrays of replaced programs, by length, for the next program of the same plan (a planner
 * moving a slider recompiles the program; the arrays of the last one are reused). Bounded.
 */
const blockPool = new Map<number, Float64Array[]>();
let pooledBytes = 0;
const POOL_LIMIT = 64 * 1024 * 1024;

function takeBlock(length: number): Float64Array {
  const list = blockPool.get(length);
  const b = list?.pop();
  if (b) {
    pooledBytes -= b.byteLength;
    return b;
  }
  return new Float64Array(length);
}

function giveBlock(b: Float64Array): void {
  if (pooledBytes + b.byteLength > POOL_LIMIT) return;
  let list = blockPool.get(b.length);
  if (!list) {
    list = [];
    blockPool.set(b.length, list);
  }
  list.push(b);
  pooledBytes += b.byteLength;
}

/** The model's own value of the parameter a kernel reads (elasticity, decay rate, ...). */
function ownParam(m: GrowthModel): number {
  return uncertainParameter(m).value;
}

function compile(grid: EngineGrid, key: string, bases: readonly BaseRangeInput[] = []): Program {
  const { ctx, order } = grid;
  const n = ctx.ids.length;
  const params = uncertainParams(ctx);
  const paramOf = new Int32Array(n).fill(-1);
  params.forEach((p, k) => (paramOf[p.s] = k));
  const drawnAt = new Map<number, Map<number, number>>();
  bases.forEach((b, k) => {
    let m = drawnAt.get(b.s);
    if (!m) drawnAt.set(b.s, (m = new Map()));
    m.set(b.year - ctx.W0, k);
  });
  const dyn = new Uint8Array(n);
  const block = new Uint8Array(n);
  const steps: Step[] = [];
  const own = (s: number): Uint8Array => {
    const o = new Uint8Array(ctx.nY);
    for (let i = 0; i < ctx.nY; i++) o[i] = ctx.flags[s * ctx.nY + i] & F_OWN ? 1 : 0;
    return o;
  };
  for (let k = 0; k < n; k++) {
    const s = order[k];
    const d = ctx.derived[s];
    if (d) {
      const ins = d.type === 'ratio' ? [d.numerator, d.denominator] : d.type === 'deflate' ? [d.nominal, d.deflator] : [d.of];
      const idx = ins.map((x) => ctx.index.get(x) as number);
      if (!idx.some((x) => dyn[x])) continue;
      dyn[s] = 1;
      for (const x of idx) block[x] = 1;
      // a published figure of the series anchors its later years (derive.ts): the window index per year, or -1
      const anchor = Int32Array.from({ length: ctx.nY }, (_, i) => publishedAnchor(ctx, s, i));
      // a year built from a published growth rate follows the previous year of each draw (models/published.ts)
      const yoy = Float64Array.from({ length: ctx.nY }, (_, i) => {
        const k = i > 0 ? yoyFactor(ctx, s, i) : Number.NaN;
        return !Number.isNaN(k) && ctx.flags[s * ctx.nY + i] & F_OWN && !ctx.actuals[s].years.includes(ctx.W0 + i) ? k : Number.NaN;
      });
      const ownCells = own(s);
      for (let i = 0; i < ctx.nY; i++) if (!Number.isNaN(yoy[i])) ownCells[i] = 0;
      if (d.type === 'ratio') steps.push({ kind: 'ratio', s, num: idx[0], den: idx[1], scale: d.scale ?? 1, own: ownCells, anchor, yoy });
      else if (d.type === 'deflate') steps.push({ kind: 'deflate', s, nom: idx[0], defl: idx[1], own: ownCells, anchor, yoy });
      else {
        const f = idx[0];
        let run0 = 0;
        let ok0 = true;
        if (d.from_year < ctx.W0) {
          const { years, recs } = ctx.actuals[f];
          for (let y = d.from_year; y < ctx.W0; y++) {
            const j = years.indexOf(y);
            if (j < 0) {
              ok0 = false;
              break;
            }
            run0 += recs[j].value;
          }
        }
        steps.push({ kind: 'cumsum', s, flow: f, from: d.from_year, run0, ok0, own: own(s) });
      }
      continue;
    }
    const a = ctx.asm[s];
    const drv = ctx.driver[s];
    const drawn = drawnAt.get(s);
    const uncertain = paramOf[s] >= 0 || !!drawn;
    if (!uncertain && !(drv >= 0 && dyn[drv])) continue;
    dyn[s] = 1;
    const last = anchorIndex(ctx, s);
    if (last < 0 || !a) {
      steps.push({ kind: 'empty', s });
      continue;
    }
    if (drv >= 0) block[drv] = 1;
    const bounds = ctx.defs[s].bounds;
    let rebase: Rebase | null = null;
    if (drawn) {
      // a model that reads more than the anchor (a trend fitted to the actuals, a logistic that
      // refuses an anchor above its ceiling), or month-end floors before the anchor: per draw
      if (a.model.type === 'trend') throw new Unsupported(`base ranges: ${ctx.ids[s]} ${a.model.type}`);
      // the known cells as projectBaseSeries writes them: the own actuals, the assumed base
      const { years, recs } = ctx.actuals[s];
      const value = new Map<number, number>();
      const own = new Map<number, boolean>();
      for (let k = 0; k < years.length; k++) {
        const i = years[k] - ctx.W0;
        if (years[k] > ctx.H || i < 0 || i > last) continue;
        value.set(i, recs[k].value);
        own.set(i, !isNowcast(recs[k]));
      }
      const bi = ctx.B - ctx.W0;
      if (!value.has(bi) && bi >= 0 && bi <= last && a.base_value !== null && a.base_value !== undefined) value.set(bi, a.base_value);
      const known = [...value.keys()].sort((x, y) => x - y);
      const input = known.map((i) => drawn.get(i) ?? -1);
      if (drawn.size !== input.filter((x) => x >= 0).length) throw new Unsupported(`base ranges: ${ctx.ids[s]} cells`);
      // month-end floors up to the anchor (models/anchors.ts): not on an own published actual
      const floorsBefore = levelFloors(ctx, s).filter((f) => f.i <= last && !own.get(f.i));
      rebase = {
        known: Int32Array.from(known),
        input: Int32Array.from(input),
        value: Float64Array.from(known, (i) => value.get(i) as number),
        floors: floorsBefore.map((f) => ({ i: f.i, value: f.value })),
      };
    }
    steps.push({
      kind: 'base',
      s,
      last,
      model: a.model,
      bounds: bounds ? [Math.min(bounds[0], bounds[1]), Math.max(bounds[0], bounds[1])] : null,
      param: ownParam(a.model),
      rebase,
    });
  }
  for (let s = 0; s < n; s++) if (dyn[s]) block[s] = 1;
  const varies = new Uint8Array(n * ctx.nY);
  const nY = ctx.nY;
  const anyVaries = (s: number) => varies.subarray(s * nY, (s + 1) * nY).some((x) => x === 1);
  for (const st of steps) {
    const row = st.s * nY;
    for (let i = 0; i < nY; i++) {
      let v = false;
      switch (st.kind) {
        case 'base':
          v = i > st.last || (st.rebase !== null && i >= st.rebase.known[0]);
          break;
        case 'ratio': {
          const a = st.anchor[i];
          v =
            (!Number.isNaN(st.yoy[i]) && varies[row + i - 1] === 1) ||
            (!st.own[i] && Number.isNaN(st.yoy[i]) && a >= 0 && varies[row + a] === 1) ||
            (!st.own[i] &&
              Number.isNaN(st.yoy[i]) &&
              (varies[st.num * nY + i] === 1 ||
                varies[st.den * nY + i] === 1 ||
                (a >= 0 && (varies[st.num * nY + a] === 1 || varies[st.den * nY + a] === 1))));
          break;
        }
        case 'deflate': {
          const a = st.anchor[i];
          v =
            (!Number.isNaN(st.yoy[i]) && varies[row + i - 1] === 1) ||
            (!st.own[i] && Number.isNaN(st.yoy[i]) && a >= 0 && varies[row + a] === 1) ||
            (!st.own[i] &&
              Number.isNaN(st.yoy[i]) &&
              (varies[st.nom * nY + i] === 1 ||
                varies[st.defl * nY + i] === 1 ||
                varies[st.defl * nY + ctx.B - ctx.W0] === 1 ||
                (a >= 0 && (varies[st.nom * nY + a] === 1 || varies[st.defl * nY + a] === 1))));
          break;
        }
        case 'cumsum':
          v = !st.own[i] && anyVaries(st.flow);
          break;
        case 'empty':
          v = false;
      }
      varies[row + i] = v ? 1 : 0;
    }
  }
  return { key, bases, grid, params, paramOf, dyn, block, steps, varies, targets: targetDefs(grid), evaluators: new Map() };
}

type Kernel = (lo: number, hi: number) => void;

class CompiledEvaluator implements Evaluator {
  readonly method = 'compiled' as const;
  readonly ctx: Ctx;
  readonly params: UncertainParam[];
  readonly targets: TargetDef[];
  readonly pcols: Float64Array[];
  readonly bases: readonly BaseRangeInput[];
  readonly bcols: Float64Array[];
  readonly met: Uint8Array[];
  readonly invalid = new Map<string, number>();
  owner: object | null = null;
  private readonly blocks: (Float64Array | null)[];
  private readonly kernels: Kernel[] = [];
  private readonly tblocks: (Float64Array | null)[];
  private readonly tconst: Float64Array[];
  private readonly tview: Int32Array;
  private readonly tconstMet: Int8Array;
  private readonly preds: Pred[];
  /** per target: the kind's kernel of the judged quantity, or null when the series is judged as it is */
  private readonly jkernels: (JudgeKernel | null)[] = [];
  private readonly scratch: Float64Array;
  private readonly flags: Uint8Array;

  constructor(
    private readonly prog: Program,
    readonly N: number,
  ) {
    const ctx = prog.grid.ctx;
    this.ctx = ctx;
    this.params = prog.params;
    this.targets = prog.targets;
    const { nY, vals } = ctx;
    const n = ctx.ids.length;
    this.blocks = new Array(n).fill(null);
    for (let s = 0; s < n; s++) {
      if (!prog.block[s]) continue;
      const b = takeBlock(nY * N);
      // the cells the kernels never write: the grid's value (a varying cell is written in every draw
      // before it is read)
      for (let i = 0; i < nY; i++) if (!prog.dyn[s] || !prog.varies[s * nY + i]) b.fill(vals[s * nY + i], i * N, (i + 1) * N);
      this.blocks[s] = b;
    }
    const pcolOf: (Float64Array | null)[] = new Array(n).fill(null);
    this.pcols = prog.params.map((p) => {
      const c = new Float64Array(N).fill(p.info.value);
      pcolOf[p.s] = c;
      return c;
    });
    this.bases = prog.bases;
    this.bcols = prog.bases.map((b) => new Float64Array(N).fill(b.value));
    for (const st of prog.steps) this.kernels.push(this.kernel(st, pcolOf));
    // targets
    const T = prog.targets.length;
    this.tblocks = new Array(T).fill(null);
    this.tconst = new Array(T);
    this.tview = new Int32Array(T).fill(-1);
    this.tconstMet = new Int8Array(T);
    this.preds = prog.targets.map((td) => predicate(td.t));
    this.scratch = new Float64Array(N);
    this.flags = new Uint8Array(N);
    this.met = new Array(T);
    for (let k = 0; k < T; k++) {
      const td = prog.targets[k];
      const cv = new Float64Array(td.nYears);
      for (let y = td.b; y <= td.T; y++) cv[y - td.b] = judged(ctx, td.j, y);
      this.tconst[k] = cv;
      this.met[k] = new Uint8Array(N);
      if (!prog.dyn[td.s]) {
        this.tconstMet[k] = constMet(ctx, td) ? 1 : 0;
        continue;
      }
      const kernel = kindOf(td.j.kind).kernel(td.j);
      this.jkernels[k] = kernel;
      if (kernel === null && td.nYears > 0) {
        const sb = this.blocks[td.s] as Float64Array;
        this.tblocks[k] = sb.subarray((td.b - ctx.W0) * N, (td.T - ctx.W0 + 1) * N);
        this.tview[k] = td.s;
      } else if (td.nYears > 0) {
        this.tblocks[k] = new Float64Array(td.nYears * N);
      }
    }
  }

  seriesBlock(s: number): Float64Array | null {
    return this.prog.dyn[s] ? this.blocks[s] : null;
  }
  cellVaries(s: number, i: number): boolean {
    return this.prog.varies[s * this.ctx.nY + i] === 1;
  }
  targetBlock(k: number): Float64Array | null {
    return this.tblocks[k];
  }
  targetConst(k: number): Float64Array {
    return this.tconst[k];
  }
  targetView(k: number): number {
    return this.tview[k];
  }

  run(lo: number, hi: number): void {
    this.runCount++;
    for (let k = 0; k < this.kernels.length; k++) this.kernels[k](lo, hi);
    this.judgeTargets(lo, hi);
  }

  /** per driver series: its ratio d1 / d0 per year and draw, computed once per chunk */
  private readonly ratios = new Map<
    number,
    { values: Float64Array; from: number; lo: number; hi: number; run: number; update: (lo: number, hi: number) => void }
  >();
  /** counts the chunks run, so a shared driver ratio is computed once per chunk */
  private runCount = 0;

  private driverRatio(driver: number, last: number): { values: Float64Array; update: (lo: number, hi: number) => void } {
    const N = this.N;
    const nY = this.ctx.nY;
    let r = this.ratios.get(driver);
    if (!r) {
      const db = this.blocks[driver] as Float64Array;
      const values = takeBlock(nY * N).fill(Number.NaN);
      const entry = {
        values,
        from: nY,
        lo: 0,
        hi: 0,
        run: -1,
        update: (lo: number, hi: number) => {
          if (entry.run === this.runCount && entry.lo === lo && entry.hi === hi) return;
          entry.run = this.runCount;
          entry.lo = lo;
          entry.hi = hi;
          driverRatios(db, 0, values, 0, N, entry.from, nY, lo, hi);
        },
      };
      r = entry;
      this.ratios.set(driver, r);
    }
    if (last + 1 < r.from) r.from = last + 1;
    return r;
  }

  /** Gives the large arrays back to the pool (the program was replaced); a run using them stops. */
  release(): void {
    this.owner = RELEASED;
    for (const b of this.blocks) if (b) giveBlock(b);
    for (const r of this.ratios.values()) giveBlock(r.values);
    this.blocks.fill(null);
    this.ratios.clear();
  }

  private countInvalid(s: number, c: number): void {
    if (c === 0) return;
    const id = this.ctx.ids[s];
    this.invalid.set(id, (this.invalid.get(id) ?? 0) + c);
  }

  private kernel(st: Step, pcolOf: (Float64Array | null)[]): Kernel {
    const ctx = this.ctx;
    const N = this.N;
    const nY = ctx.nY;
    const out = this.blocks[st.s] as Float64Array;
    const NaN_ = Number.NaN;
    switch (st.kind) {
      case 'empty':
        return (lo, hi) => {
          for (let i = 0; i < nY; i++) out.fill(NaN_, i * N + lo, i * N + hi);
        };
      case 'ratio': {
        const nb = this.blocks[st.num] as Float64Array;
        const db = this.blocks[st.den] as Float64Array;
        const { scale, anchor, yoy } = st;
        const vary = this.prog.varies.subarray(st.s * nY, (st.s + 1) * nY);
        return (lo, hi) => {
          for (let i = 0; i < nY; i++) {
            if (!vary[i]) continue; // an own actual, or inputs the same in every draw: the grid's value
            const o = i * N;
            const a = anchor[i];
            const oa = a * N;
            const k = yoy[i];
            for (let d = lo; d < hi; d++) {
              if (k === k) {
                // a published growth rate over this draw's previous year, as derive.ts does
                const prev = out[o - N + d];
                if (prev - prev === 0) {
                  const y = prev * k;
                  if (y - y === 0) {
                    out[o + d] = y;
                    continue;
                  }
                }
              }
              const own = a >= 0 ? out[oa + d] : NaN_;
              const x = nb[o + d];
              const q = db[o + d];
              let v = NaN_;
              if (x === x && q === q && q !== 0) {
                v = (x / q) * scale;
                if (a >= 0) {
                  // anchored on the published figure: own_A × c / c_A, as derive.ts does
                  const xa = nb[oa + d];
                  const qa = db[oa + d];
                  if (xa === xa && qa === qa && qa !== 0) {
                    const cA = (xa / qa) * scale;
                    if (cA - cA === 0 && cA !== 0 && v - v === 0) v = own * (v / cA);
                  }
                }
                if (v - v !== 0) v = NaN_;
              }
              out[o + d] = v;
            }
          }
        };
      }
      case 'deflate': {
        const nb = this.blocks[st.nom] as Float64Array;
        const pb = this.blocks[st.defl] as Float64Array;
        const vary = this.prog.varies.subarray(st.s * nY, (st.s + 1) * nY);
        const bo = (ctx.B - ctx.W0) * N;
        const { anchor, yoy } = st;
        return (lo, hi) => {
          for (let i = 0; i < nY; i++) {
            if (!vary[i]) continue;
            const o = i * N;
            const a = anchor[i];
            const oa = a * N;
            const k = yoy[i];
            for (let d = lo; d < hi; d++) {
              if (k === k) {
                // a published growth rate over this draw's previous year, as derive.ts does
                const prev = out[o - N + d];
                if (prev - prev === 0) {
                  const y = prev * k;
                  if (y - y === 0) {
                    out[o + d] = y;
                    continue;
                  }
                }
              }
              const own = a >= 0 ? out[oa + d] : NaN_;
              const pB = pb[bo + d];
              const div = Number.isFinite(pB) && pB !== 0 ? pB : 100;
              const x = nb[o + d];
              const p = pb[o + d];
              let v = NaN_;
              if (x === x && p === p && p !== 0) {
                v = x / (p / div);
                if (a >= 0) {
                  // anchored on the published figure: own_A × c / c_A, as derive.ts does
                  const xa = nb[oa + d];
                  const pa = pb[oa + d];
                  if (xa === xa && pa === pa && pa !== 0) {
                    const cA = xa / (pa / div);
                    if (cA - cA === 0 && cA !== 0 && v - v === 0) v = own * (v / cA);
                  }
                }
                if (v - v !== 0) v = NaN_;
              }
              out[o + d] = v;
            }
          }
        };
      }
      case 'cumsum': {
        const fb = this.blocks[st.flow] as Float64Array;
        const { own, from, run0, ok0 } = st;
        const run = new Float64Array(N);
        const ok = new Uint8Array(N);
        const anyv = new Uint8Array(N);
        const W0 = ctx.W0;
        return (lo, hi) => {
          anyv.fill(0, lo, hi);
          for (let i = 0; i < nY; i++) {
            const o = i * N;
            for (let d = lo; d < hi; d++) if (fb[o + d] === fb[o + d]) anyv[d] = 1;
          }
          run.fill(run0, lo, hi);
          ok.fill(ok0 ? 1 : 0, lo, hi);
          for (let i = 0; i < nY; i++) {
            const o = i * N;
            const t = W0 + i;
            if (own[i]) {
              const v = ctx.vals[st.s * nY + i];
              run.fill(v, lo, hi);
              ok.fill(1, lo, hi);
              continue;
            }
            if (t < from) {
              for (let d = lo; d < hi; d++) {
                if (anyv[d]) {
                  out[o + d] = 0;
                  run[d] = 0;
                  ok[d] = 1;
                } else out[o + d] = NaN_;
              }
              continue;
            }
            for (let d = lo; d < hi; d++) {
              const x = fb[o + d];
              if (!anyv[d] || !ok[d] || x !== x) {
                ok[d] = 0;
                out[o + d] = NaN_;
                continue;
              }
              const r = run[d] + x;
              run[d] = r;
              if (r - r !== 0) {
                ok[d] = 0;
                out[o + d] = NaN_;
                continue;
              }
              out[o + d] = r;
            }
          }
        };
      }
      case 'base':
        return this.baseKernel(st, pcolOf[st.s] ?? new Float64Array(N).fill(st.param));
    }
  }

  /** A growth model's kernel: its module run over the draws (models/growth/), then the bounds. */
  private baseKernel(st: Extract<Step, { kind: 'base' }>, P: Float64Array): Kernel {
    const ctx = this.ctx;
    const nY = ctx.nY;
    const out = this.blocks[st.s] as Float64Array;
    const { s, last } = st;
    const mod = growthModule(st.model);
    // the driver's year-on-year ratio d1 / d0, shared by every series on the same driver
    const ratio = mod.driver(st.model) !== null ? this.driverRatio(ctx.driver[s], last) : null;
    const lanes = new Lanes(ctx, s, st.model, last, out, 0, this.N, P, ratio ? ratio.values : null, false);
    const model: Kernel = ratio
      ? (lo, hi) => {
          ratio.update(lo, hi);
          this.countInvalid(s, mod.run(lanes, lo, hi));
        }
      : (lo, hi) => this.countInvalid(s, mod.run(lanes, lo, hi));
    const bounds = st.bounds;
    const N = this.N;
    // a stock's month-end levels floor their projected years, as in the projection (models/anchors.ts)
    const floors = levelFloors(ctx, s).filter((f) => f.i > last);
    const rb = st.rebase;
    const modelled: Kernel = rb ? this.rebaseKernel(s, rb, model) : model;
    const bounded: Kernel =
      !bounds || last >= nY - 1
        ? modelled
        : (lo, hi) => {
            modelled(lo, hi);
            clampLanes(out, 0, N, last, nY, lo, hi, bounds[0], bounds[1]);
          };
    if (floors.length === 0) return bounded;
    return (lo, hi) => {
      bounded(lo, hi);
      floorLanes(floors, out, N, last, lo, hi);
    };
  }

  /**
   * The known cells of draws [lo, hi) up to the anchor, with the drawn ones from their columns, and
   * the gap fill between them (the engine's fillGap, operation for operation); then the model.
   */
  private rebaseKernel(s: number, rb: Rebase, model: Kernel): Kernel {
    const N = this.N;
    const out = this.blocks[s] as Float64Array;
    const { known, input } = rb;
    const cols = Array.from(input, (k) => (k >= 0 ? this.bcols[k] : null));
    const grid = rb.value;
    const floors = rb.floors;
    return (lo, hi) => {
      for (let j = 0; j < known.length; j++) {
        const o = known[j] * N;
        const c = cols[j];
        if (c) for (let d = lo; d < hi; d++) out[o + d] = c[d];
        else out.fill(grid[j], o + lo, o + hi);
      }
      for (let j = 1; j < known.length; j++) {
        const i0 = known[j - 1];
        const i1 = known[j];
        if (i1 <= i0 + 1) continue;
        const n = i1 - i0;
        for (let d = lo; d < hi; d++) {
          const v0 = out[i0 * N + d];
          const v1 = out[i1 * N + d];
          const geometric = v0 > 0 && v1 > 0;
          const l0 = geometric ? Math.log(v0) : 0;
          const l1 = geometric ? Math.log(v1) : 0;
          for (let i = i0 + 1; i < i1; i++) {
            const k = (i - i0) / n;
            let v = geometric ? Math.exp(l0 + (l1 - l0) * k) : v0 + (v1 - v0) * k;
            if (!Number.isFinite(v)) v = v0 + (v1 - v0) * k;
            out[i * N + d] = Number.isFinite(v) ? v : Number.NaN;
          }
        }
      }
      for (const f of floors) {
        const o = f.i * N;
        for (let d = lo; d < hi; d++) if (out[o + d] < f.value) out[o + d] = f.value;
      }
      model(lo, hi);
    };
  }

  private judgeTargets(lo: number, hi: number): void {
    const ctx = this.ctx;
    const N = this.N;
    const W0 = ctx.W0;
    for (let k = 0; k < this.targets.length; k++) {
      const td = this.targets[k];
      const met = this.met[k];
      const tb = this.tblocks[k];
      if (!this.prog.dyn[td.s]) {
        met.fill(this.tconstMet[k], lo, hi);
        continue;
      }
      const sb = this.blocks[td.s] as Float64Array;
      const { b, T, j } = td;
      if (tb && this.tview[k] < 0) (this.jkernels[k] as JudgeKernel)(sb, tb, j, W0, N, lo, hi, this.scratch);
      // met
      const pred = this.preds[k];
      if (kindOf(td.t.kind).everyYear) {
        const ok = this.flags;
        ok.fill(td.start <= T ? 1 : 0, lo, hi);
        for (let y = td.start; y <= T; y++) {
          if (y < W0) {
            ok.fill(0, lo, hi);
            break;
          }
          testInto(pred, sb, (y - W0) * N, lo, hi, ok, true);
        }
        met.set(ok.subarray(lo, hi), lo);
      } else if (tb) {
        testInto(pred, tb, (T - b) * N, lo, hi, met, false);
      } else {
        met.fill(0, lo, hi);
      }
    }
  }
}

/** A comparator compiled to thresholds, evaluating exactly as evaluate.meets. */
interface Pred {
  /** 0: x >= a, 1: x > a, 2: x <= a, 3: x < a, 4: a <= x <= b, 5: meets() */
  code: number;
  a: number;
  b: number;
  t: Target;
}

function predicate(t: Target): Pred {
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
function testInto(p: Pred, src: Float64Array, off: number, lo: number, hi: number, out: Uint8Array, and: boolean): void {
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
function constMet(ctx: Ctx, td: TargetDef): boolean {
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

// =============================================================================================
// The per-draw path (reference and fallback)
// =============================================================================================

/**
 * The assumption with a parameter value written in, as the engine takes it. A multiplier on a flat
 * or trend level becomes a step model holding the multiplied level in every projected year.
 */
export function withParameter(ctx: Ctx, p: UncertainParam, value: number): ProjectionInput['assumptions'][string] {
  const a = ctx.asm[p.s];
  if (!a) throw new Unsupported('no assumption');
  return { ...a, model: growthModule(a.model).withParameter(a.model, value, ctx, p.s, anchorIndex(ctx, p.s)) };
}

class PerDrawEvaluator implements Evaluator {
  readonly method = 'per_draw' as const;
  readonly ctx: Ctx;
  readonly params: UncertainParam[];
  readonly targets: TargetDef[];
  readonly pcols: Float64Array[];
  readonly met: Uint8Array[];
  readonly invalid = new Map<string, number>();
  owner: object | null = null;
  private readonly blocks: Float64Array[];
  private readonly tblocks: Float64Array[];
  /** per drawn base value or bound actual: the value in each draw (written by the caller) */
  readonly bcols: Float64Array[];

  constructor(
    private readonly input: ProjectionInput,
    grid: EngineGrid,
    readonly N: number,
    readonly bases: readonly BaseRangeInput[] = [],
  ) {
    this.ctx = grid.ctx;
    this.bcols = bases.map((b) => new Float64Array(N).fill(b.value));
    this.params = uncertainParams(grid.ctx);
    this.targets = targetDefs(grid);
    this.pcols = this.params.map((p) => new Float64Array(N).fill(p.info.value));
    const n = this.ctx.ids.length;
    this.blocks = Array.from({ length: n }, () => new Float64Array(this.ctx.nY * N));
    this.tblocks = this.targets.map((t) => new Float64Array(t.nYears * N));
    this.met = this.targets.map(() => new Uint8Array(N));
  }

  seriesBlock(s: number): Float64Array {
    return this.blocks[s];
  }
  cellVaries(): boolean {
    return true;
  }
  targetBlock(k: number): Float64Array {
    return this.tblocks[k];
  }
  targetConst(k: number): Float64Array {
    const td = this.targets[k];
    const cv = new Float64Array(td.nYears);
    for (let y = td.b; y <= td.T; y++) cv[y - td.b] = judged(this.ctx, td.j, y);
    return cv;
  }
  targetView(): number {
    return -1;
  }

  run(lo: number, hi: number): void {
    const { N } = this;
    const base = this.ctx;
    const nY = base.nY;
    for (let d = lo; d < hi; d++) {
      const assumptions = { ...this.input.assumptions };
      for (let k = 0; k < this.params.length; k++) {
        const p = this.params[k];
        assumptions[p.id] = withParameter(base, p, this.pcols[k][d]);
      }
      const drawn = this.bases.length
        ? withBaseDraws(this.input, assumptions, this.bases, (k) => this.bcols[k][d])
        : { ...this.input, assumptions };
      let ctx: Ctx | null = null;
      try {
        ctx = projectGrid(drawn).ctx;
      } catch (err) {
        if (!(err instanceof ModelError)) throw err;
        this.invalid.set(err.subject, (this.invalid.get(err.subject) ?? 0) + 1);
      }
      for (let s = 0; s < this.blocks.length; s++) {
        const b = this.blocks[s];
        for (let i = 0; i < nY; i++) b[i * N + d] = ctx ? ctx.vals[s * nY + i] : Number.NaN;
      }
      for (let k = 0; k < this.targets.length; k++) {
        const td = this.targets[k];
        const tb = this.tblocks[k];
        for (let y = td.b; y <= td.T; y++) tb[(y - td.b) * N + d] = ctx ? judged(ctx, td.j, y) : Number.NaN;
        this.met[k][d] = ctx && constMet(ctx, td) ? 1 : 0;
      }
    }
  }
}

// =============================================================================================
// Program cache and evaluator construction
// =============================================================================================

const programs = new WeakMap<Plan, Program>();

function inputKey(input: ProjectionInput): string {
  const plan = input.plan;
  const asm = input.assumptions ?? {};
  const parts: unknown[] = [plan.series.length, plan.targets.length, (plan.actuals ?? []).length];
  for (const s of plan.series) {
    const a = asm[s.id];
    parts.push(a ? [a.base_value ?? null, a.model, a.uncertainty ?? null] : null);
  }
  parts.push(input.actuals ?? null, input.settings ?? null);
  return JSON.stringify(parts);
}

interface Prepared {
  params: UncertainParam[];
  /** an evaluator for n draws (the compiled one is cached per size, at most three sizes, unless
   * `fresh`) */
  make(n: number, fresh?: boolean): Evaluator;
}

/**
 * The compiled program for an input (cached per plan and input), or the per-draw path when a model
 * cannot be compiled or `method` asks for it.
 */
function prepare(input: ProjectionInput, method: 'auto' | 'per_draw' = 'auto', baseRanges: BaseRanges = 'off'): Prepared {
  const perDraw = (grid: EngineGrid, bases: readonly BaseRangeInput[]): Prepared => ({
    params: uncertainParams(grid.ctx),
    make: (n) => new PerDrawEvaluator(input, grid, n, bases),
  });
  if (method === 'per_draw') {
    const grid = projectGrid(input);
    return perDraw(grid, baseRanges === 'on' ? baseRangeInputs(grid.ctx) : []);
  }
  const key = baseRanges === 'on' ? `${inputKey(input)}|base_ranges` : inputKey(input);
  let prog = programs.get(input.plan);
  if (!prog || prog.key !== key) {
    const grid = projectGrid(input);
    if (baseRanges === 'on') {
      // the base ranges move known cells (the base year, bound actuals) before the anchor; a model
      // that cannot take them lane by lane runs per draw
      const bases = baseRangeInputs(grid.ctx);
      try {
        prog = compile(grid, key, bases);
      } catch (err) {
        if (err instanceof Unsupported) return perDraw(grid, bases);
        throw err;
      }
    } else {
      prog = compile(grid, key);
    }
    const old = programs.get(input.plan);
    if (old) for (const ev of old.evaluators.values()) ev.release();
    programs.set(input.plan, prog);
  }
  const p = prog;
  return {
    params: p.params,
    make(n: number, fresh = false): Evaluator {
      if (fresh) return new CompiledEvaluator(p, n);
      let ev = p.evaluators.get(n);
      if (ev) {
        p.evaluators.delete(n); // re-insert as the most recent
      } else {
        ev = new CompiledEvaluator(p, n);
        if (p.evaluators.size >= 3) p.evaluators.delete(p.evaluators.keys().next().value as number);
      }
      p.evaluators.set(n, ev);
      ev.invalid.clear();
      return ev;
    },
  };
}

// =============================================================================================
// Simulation
// =============================================================================================

/**
 * The parameter draws: the macro shock Z and each assumption's own e_i from their own streams,
 * u_i = c_i Z + sqrt(1 - c_i²) e_i, mapped through the distribution's inverse CDF, then moved into
 * the parameter's valid values (counted in `clamped`).
 */
class ParameterSampler {
  private readonly macro: Rng;
  private readonly streams: Rng[];
  private readonly z: Float64Array;
  private readonly e: Float64Array;
  private readonly u: Float64Array;
  /** per parameter: its group (-1: none or loading 0) */
  private readonly groupOf: Int32Array;
  /** per group with a loading above 0: its factor stream and column (null otherwise) */
  private readonly factors: ({ rng: Rng; f: Float64Array; loading: number; rest: number } | null)[];
  readonly groups: GroupInForce[];
  readonly clamped = new Map<string, number>();

  constructor(
    private readonly params: UncertainParam[],
    seed: number,
    n: number,
    groups: readonly CorrelationGroup[] = [],
  ) {
    this.macro = new Rng(deriveSeed(seed, 'macro'));
    // every stream is named by what it draws for (a series, a group): common random numbers
    this.streams = params.map((p) => new Rng(deriveSeed(seed, `param:${p.id}`)));
    this.z = new Float64Array(n);
    this.e = new Float64Array(n);
    this.u = new Float64Array(n);
    const gf = groupsInForce(
      groups,
      params.map((p) => p.id),
    );
    this.groups = gf.groups;
    this.factors = gf.groups.map((g) =>
      g.loading > 0 && g.members.length > 0
        ? {
            rng: new Rng(deriveSeed(seed, `group:${g.id}`)),
            f: new Float64Array(n),
            loading: g.loading,
            rest: Math.sqrt(1 - g.loading * g.loading),
          }
        : null,
    );
    this.groupOf = gf.of.map((g) => (g >= 0 && this.factors[g] ? g : -1));
  }

  /** Writes draws [lo, hi) of every parameter into cols (one column per parameter). */
  fill(cols: Float64Array[], lo: number, hi: number): void {
    const { z, e, u, params } = this;
    this.macro.fillNormal(z, lo, hi);
    for (const g of this.factors) if (g) g.rng.fillNormal(g.f, lo, hi);
    for (let k = 0; k < params.length; k++) {
      const p = params[k];
      const col = cols[k];
      const spec = p.spec;
      const c = spec.correlation;
      const w = Math.sqrt(1 - c * c);
      // the assumption's own stream (its e is not needed when it loads fully on the shock)
      if (spec.low === spec.high) {
        // a point: its own stream is not needed (no other parameter reads it)
        col.fill(spec.low, lo, hi);
      } else {
        if (w !== 0) this.streams[k].fillNormal(e, lo, hi);
        const g = w !== 0 && this.groupOf[k] >= 0 ? this.factors[this.groupOf[k]] : null;
        if (spec.distribution === 'normal') {
          mixNormals(col, lo, hi, spec.mean, spec.sd, c, w, z, e, g);
        } else {
          mixNormals(u, lo, hi, 0, 1, c, w, z, e, g);
          mapStandardNormals(spec, u, lo, hi, col);
        }
      }
      // into the parameter's valid values
      const dom = p.info.domain;
      const min = dom.min;
      const max = dom.max;
      let nc = 0;
      if (dom.open_min ? min > Number.NEGATIVE_INFINITY : true) {
        for (let d = lo; d < hi; d++) {
          const x = col[d];
          if (dom.open_min ? !(x > min) : !(x >= min)) {
            const y = clampDomain(x, p.info);
            if (y !== x) {
              col[d] = y;
              nc++;
            }
          }
        }
      }
      if (max < Number.POSITIVE_INFINITY) {
        for (let d = lo; d < hi; d++) {
          const x = col[d];
          if (dom.open_max ? !(x < max) : !(x <= max)) {
            const y = clampDomain(x, p.info);
            if (y !== x) {
              col[d] = y;
              nc++;
            }
          }
        }
      }
      if (nc) this.clamped.set(p.id, (this.clamped.get(p.id) ?? 0) + nc);
    }
  }
}

/**
 * out[d] = m + sd·(c·z[d] + w·v[d]) for d in [lo, hi), with v = e, or v = λ·f + √(1 − λ²)·e for a
 * member of a correlation group g (e unused when w = 0). The cases without a macro loading or
 * without an own part skip the terms that are exactly zero (the same doubles).
 */
function mixNormals(
  out: Float64Array,
  lo: number,
  hi: number,
  m: number,
  sd: number,
  c: number,
  w: number,
  z: Float64Array,
  e: Float64Array,
  g: { f: Float64Array; loading: number; rest: number } | null,
): void {
  if (w === 0) {
    for (let d = lo; d < hi; d++) out[d] = m + sd * (c * z[d]);
  } else if (g) {
    const f = g.f;
    const l = g.loading;
    const r = g.rest;
    if (c === 0) for (let d = lo; d < hi; d++) out[d] = m + sd * (l * f[d] + r * e[d]);
    else for (let d = lo; d < hi; d++) out[d] = m + sd * (c * z[d] + w * (l * f[d] + r * e[d]));
  } else if (c === 0) {
    for (let d = lo; d < hi; d++) out[d] = m + sd * e[d];
  } else {
    for (let d = lo; d < hi; d++) out[d] = m + sd * (c * z[d] + w * e[d]);
  }
}

/**
 * The parameter draws of a simulation alone (the same numbers simulatePlan uses for the same input
 * and seed): per uncertain assumption, in plan order, one value per draw.
 */
export function sampleParameters(input: Omit<SimulationInput, 'onProgress' | 'joint'>): {
  series: string[];
  values: Float64Array[];
  clamped_draws: Record<string, number>;
} {
  const N = checkDraws(input.draws);
  const seed = checkSeed(input.seed);
  const params = uncertainParams(projectGrid(input).ctx);
  const sampler = new ParameterSampler(params, seed, N, groupsOf(input));
  const values = params.map(() => new Float64Array(N));
  sampler.fill(values, 0, N);
  return { series: params.map((p) => p.id), values, clamped_draws: Object.fromEntries(sampler.clamped) };
}

export interface SimulationRun {
  readonly total: number;
  readonly done: number;
  /** runs up to `maxDraws` more draws; true when all draws are done */
  step(maxDraws: number): boolean;
  /** the statistics over the draws done so far */
  result(cancelled?: boolean): SimulationResult;
}

function checkDraws(draws: unknown): number {
  if (typeof draws !== 'number' || !Number.isInteger(draws) || draws < 1 || draws > MAX_DRAWS) {
    throw badParameter(
      'simulation',
      'draws',
      `must be a whole number from 1 to ${MAX_DRAWS} (got ${String(draws)})`,
      `须为 1 至 ${MAX_DRAWS} 的整数（当前为 ${String(draws)}）`,
    );
  }
  return draws;
}

/**
 * The seed of simulations that are compared side by side (the Compare screen, a briefing pack of
 * several scenarios): every scenario is simulated with the reference scenario's (the first one's)
 * seed. The streams are named by series and group, so with one seed two identical scenarios give
 * identical probabilities and a change to one lever moves only what depends on it (common random
 * numbers): the difference between two scenarios' probabilities is the scenarios', not the
 * sampling's. The reference keeps the numbers of its own run on the workbench.
 */
export function comparisonSeed(seeds: readonly number[]): number {
  if (seeds.length === 0) throw badParameter('simulation', 'seed', 'no scenario to compare', '没有可比较的情景');
  return checkSeed(seeds[0]);
}

/** The correlation groups of a simulation (the input's, else the plan's), checked. */
function groupsOf(input: Pick<SimulationInput, 'plan' | 'correlation_groups' | 'assumptions'>): readonly CorrelationGroup[] {
  // given groups are used as given; else the plan's, with the loadings the scenario sets
  const groups = input.correlation_groups ?? scenarioGroups(input.plan.correlation_groups ?? [], input.assumptions);
  if (groups.length) checkCorrelationGroups(input.plan, groups);
  return groups;
}

function checkBaseRanges(v: unknown): BaseRanges {
  if (v === undefined || v === 'off' || v === 'on') return v ?? 'off';
  throw badParameter('simulation', 'base_ranges', `must be 'off' or 'on' (got ${String(v)})`, `须为 off 或 on（当前为 ${String(v)}）`);
}

function checkSeed(seed: unknown): number {
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw badParameter('simulation', 'seed', `must be a whole number (got ${String(seed)})`, `须为整数（当前为 ${String(seed)}）`);
  }
  return seed >>> 0;
}

/**
 * A simulation run draw by draw in steps (for a worker that yields between steps to read a cancel
 * message). simulatePlan runs one to completion.
 */
export function createSimulation(input: SimulationInput, options: { method?: 'auto' | 'per_draw' } = {}): SimulationRun {
  const N = checkDraws(input.draws);
  const seed = checkSeed(input.seed);
  const baseRanges = checkBaseRanges(input.base_ranges);
  const ev = prepare(input, options.method ?? 'auto', baseRanges).make(N);
  const bases = ev.bases;
  const baseSampler = bases.length ? new BaseRangeSampler(bases, seed, inputBounds(ev.ctx, bases)) : null;
  const jointIdx: number[] = [];
  if (input.joint) {
    for (const id of input.joint) {
      const k = ev.targets.findIndex((t) => t.id === id);
      if (k < 0) {
        throw new ModelError('unknown_series', `joint：规划中没有指标“${id}”`, `joint: no target "${id}" in the plan`, 'joint', 'joint');
      }
      if (!jointIdx.includes(k)) jointIdx.push(k);
    }
  }
  const groups = groupsOf(input);
  const sweep = checkSweep(input.joint_sweep);
  const sampler = new ParameterSampler(ev.params, seed, N, groups);
  const metCount = new Float64Array(ev.targets.length);
  let jointCount = 0;
  let done = 0;
  const me = {};
  ev.owner = me;
  const own = (): void => {
    if (ev.owner !== me) {
      throw new ModelError(
        'bad_parameter',
        'simulation：已被同一规划、相同抽样次数的新一次模拟取代',
        'simulation: superseded by a newer run of the same plan and size',
        'simulation',
        'run',
      );
    }
  };

  const draw = (lo: number, hi: number): void => {
    sampler.fill(ev.pcols, lo, hi);
    if (baseSampler) baseSampler.fill(ev.bcols, lo, hi);
    ev.run(lo, hi);
    for (let k = 0; k < ev.targets.length; k++) {
      const met = ev.met[k];
      let c = 0;
      for (let d = lo; d < hi; d++) c += met[d];
      metCount[k] += c;
    }
    if (jointIdx.length) {
      for (let d = lo; d < hi; d++) {
        let all = 1;
        for (let q = 0; q < jointIdx.length && all; q++) all = ev.met[jointIdx[q]][d];
        jointCount += all;
      }
    }
  };

  return {
    total: N,
    get done() {
      return done;
    },
    step(maxDraws: number): boolean {
      own();
      const hi = Math.min(N, done + Math.max(1, Math.floor(maxDraws)));
      if (hi > done) {
        draw(done, hi);
        done = hi;
      }
      return done >= N;
    },
    result(cancelled = false): SimulationResult {
      own();
      const r = summarise(ev, input, N, seed, done, metCount, jointIdx.length ? jointCount : null, sampler, cancelled);
      if (baseRanges === 'on') {
        r.base_ranges = 'on';
        r.base_inputs = summariseBaseInputs(bases);
      }
      if (!input.correlation_groups) {
        // a loading the scenario set: the plan's beside it
        for (const g of r.correlation_groups ?? []) {
          const pg = (input.plan.correlation_groups ?? []).find((x) => x.id === g.id);
          if (pg && pg.loading !== g.loading) g.plan_loading = pg.loading;
        }
      }
      if (sweep.length && !cancelled && done === N && r.p_joint !== null) jointSweep(input, groups, r, sweep, options);
      return r;
    },
  };
}

function checkSweep(v: unknown): number[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > 10 || v.some((x) => typeof x !== 'number' || !(x >= 0 && x < 1)))
    throw new ModelError(
      'bad_parameter',
      `joint_sweep：须为至多 10 个载荷，每个在 0（含）至 1（不含）之间（当前为 ${JSON.stringify(v)}）`,
      `joint_sweep: at most 10 loadings, each at least 0 and below 1 (got ${JSON.stringify(v)})`,
      'joint_sweep',
      'joint_sweep',
    );
  return v as number[];
}

/**
 * The joint probability at other loadings of each group in force (with two members or more), one
 * group at a time, the same seed and draws (common random numbers: only the loading differs).
 */
function jointSweep(
  input: SimulationInput,
  groups: readonly CorrelationGroup[],
  r: SimulationResult,
  sweep: readonly number[],
  options: { method?: 'auto' | 'per_draw' },
): void {
  const rest: SimulationInput = { ...input, onProgress: undefined, joint_sweep: undefined };
  for (const g of r.correlation_groups ?? []) {
    if (g.members.length < 2) continue;
    const loadings = [...new Set([...sweep, g.loading])].sort((a, b) => a - b);
    g.joint_by_loading = loadings.map((l) => ({
      loading: l,
      p_joint:
        l === g.loading
          ? (r.p_joint as number)
          : (simulatePlan({ ...rest, correlation_groups: groups.map((x) => (x.id === g.id ? { ...x, loading: l } : x)) }, options)
              .p_joint as number),
    }));
  }
}

/** Runs the simulation to the end (or until onProgress returns false). */
export function simulatePlan(input: SimulationInput, options: { method?: 'auto' | 'per_draw' } = {}): SimulationResult {
  const run = createSimulation(input, options);
  const chunk = Math.max(1, Math.ceil(run.total / 20));
  while (!run.step(chunk)) {
    if (input.onProgress && input.onProgress(run.done, run.total) === false) return run.result(true);
  }
  if (input.onProgress) input.onProgress(run.done, run.total);
  return run.result(false);
}

function countFinite(a: Float64Array, off: number, n: number): number {
  let c = 0;
  for (let k = 0; k < n; k++) {
    const v = a[off + k];
    if (v - v === 0) c++;
  }
  return c;
}

function pctObject(o: Float64Array): Percentiles {
  return { p5: o[0], p25: o[1], p50: o[2], p75: o[3], p95: o[4] };
}

function constPct(v: number): Percentiles {
  return { p5: v, p25: v, p50: v, p75: v, p95: v };
}

function summarise(
  ev: Evaluator,
  input: SimulationInput,
  N: number,
  seed: number,
  done: number,
  metCount: Float64Array,
  jointCount: number | null,
  sampler: ParameterSampler,
  cancelled: boolean,
): SimulationResult {
  const clamped = sampler.clamped;
  const ctx = ev.ctx;
  const { nY, W0, Y0 } = ctx;
  const scratch = new PercentileScratch(done);
  const series: Record<string, Record<number, Percentiles>> = {};
  const seriesPct: (Percentiles | null)[][] = [];
  for (let s = 0; s < ctx.ids.length; s++) {
    const rec: Record<number, Percentiles> = {};
    const row: (Percentiles | null)[] = new Array(nY).fill(null);
    const b = ev.seriesBlock(s);
    for (let i = 0; i < nY; i++) {
      let p: Percentiles | null = null;
      if (b && ev.cellVaries(s, i)) {
        if (done > 0 && scratch.compute(b, i * N, done) > 0) p = pctObject(scratch.out);
      } else {
        const v = ctx.vals[s * nY + i];
        if (!Number.isNaN(v) && done > 0) p = constPct(v);
      }
      row[i] = p;
      if (p && W0 + i >= Y0) rec[W0 + i] = p;
    }
    seriesPct.push(row);
    series[ctx.ids[s]] = rec;
  }
  const targets: TargetSimulation[] = ev.targets.map((td, k) => {
    const percentiles: Record<number, Percentiles> = {};
    const tb = ev.targetBlock(k);
    const view = ev.targetView(k);
    const cv = tb ? null : ev.targetConst(k);
    let valid = 0;
    for (let y = td.b; y <= td.T; y++) {
      const i = y - td.b;
      let p: Percentiles | null = null;
      let m = 0;
      if (view >= 0) {
        p = seriesPct[view][y - W0];
        if (y === td.T && p) m = countFinite(tb as Float64Array, i * N, done);
      } else if (tb) {
        if (done > 0) {
          m = scratch.compute(tb, i * N, done);
          if (m > 0) p = pctObject(scratch.out);
        }
      } else {
        const v = (cv as Float64Array)[i];
        if (!Number.isNaN(v) && done > 0) {
          p = constPct(v);
          m = done;
        }
      }
      if (y === td.T) valid = m;
      if (p) percentiles[y] = p;
    }
    const pm = done > 0 ? metCount[k] / done : 0;
    return {
      id: td.id,
      kind: td.t.kind,
      target_year: td.T,
      percentiles,
      p_meet: pm,
      p_meet_se: done > 0 ? Math.sqrt((pm * (1 - pm)) / done) : 0,
      valid_draws: valid,
    };
  });
  const uncertain: UncertainSummary[] = ev.params.map((p) => ({
    series: p.id,
    model: p.model.type,
    parameter: p.info.parameter,
    how: p.info.how,
    distribution: p.spec.distribution,
    low: p.spec.low,
    high: p.spec.high,
    confidence: p.spec.confidence,
    correlation: p.spec.correlation,
    central: p.spec.median,
    scenario_value: p.info.value,
    recentred: p.range.recentred,
    pinned: p.range.pinned,
    stored_low: p.range.stored_low,
    stored_high: p.range.stored_high,
  }));
  return {
    draws: N,
    seed,
    percentiles_def: PERCENTILES_DEF,
    targets,
    series,
    p_joint: jointCount === null ? null : done > 0 ? jointCount / done : 0,
    cancelled,
    draws_done: done,
    uncertain,
    clamped_draws: Object.fromEntries(clamped),
    invalid_draws: Object.fromEntries(ev.invalid),
    method: ev.method,
    correlation_groups: sampler.groups,
  };
}

// =============================================================================================
// Explicit parameter sets (tornado, sensitivity matrix)
// =============================================================================================

export interface ParameterSetResult {
  params: UncertainParam[];
  /** per target (plan order), per set: the judged value in the target year (NaN: none) */
  values: Float64Array[];
  targets: { id: string; t: Target }[];
}

/**
 * The judged value of every target in its target year for explicit parameter sets: sets[k] gives
 * the value of each uncertain parameter (in the order of `params`), for set k.
 */
export function evaluateParameterSets(
  input: ProjectionInput,
  build: (params: UncertainParam[]) => Float64Array[],
  options: { method?: 'auto' | 'per_draw' } = {},
): ParameterSetResult {
  const prep = prepare(input, options.method ?? 'auto');
  const sets = build(prep.params);
  const N = Math.max(1, sets.length);
  const ev = prep.make(N, true);
  for (let k = 0; k < ev.params.length; k++) {
    const col = ev.pcols[k];
    for (let d = 0; d < sets.length; d++) col[d] = sets[d][k];
  }
  ev.run(0, sets.length);
  const values = ev.targets.map((td, k) => {
    const out = new Float64Array(sets.length);
    const tb = ev.targetBlock(k);
    const o = (td.T - td.b) * N;
    if (td.nYears === 0) out.fill(Number.NaN);
    else if (tb) for (let d = 0; d < sets.length; d++) out[d] = tb[o + d];
    else out.fill(ev.targetConst(k)[td.T - td.b]);
    return out;
  });
  return { params: ev.params, values, targets: ev.targets.map((t) => ({ id: t.id, t: t.t })) };
}
