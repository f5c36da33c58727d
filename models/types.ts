/**
 * The shapes the projection engine takes and returns. The engine (models/engine.ts) is pure and
 * deterministic: the same inputs give the same outputs, byte for byte.
 */
import type { Actual, Assumption, EvalSettings, Plan, Status } from './schema';
import type { MissingData } from './missing-data';

/** Assumptions resolved along a scenario's inheritance chain, one per series at most. */
export interface ResolvedAssumption extends Assumption {
  /** The scenario (or preset) that set this assumption: visible lookup order. */
  from: string;
}

export interface ProjectionInput {
  plan: Plan;
  /** series id -> the assumption in force (from the scenario, its parents or the plan defaults). */
  assumptions: Record<string, ResolvedAssumption | Assumption>;
  /** Actuals in addition to (and overriding, same series and period, later vintage wins) the plan's. */
  actuals?: Actual[];
  settings?: Partial<EvalSettings>;
}

export interface SeriesProjection {
  id: string;
  unit: string;
  /** year -> value, from the base year to the horizon; actual years hold the actual. */
  values: Record<number, number>;
  actual_years: number[];
  /** years whose value rests on an assumption (an assumed base value, or anything derived from it). */
  assumed_years: number[];
  /** true where any value shown depends on an assumption rather than an actual. */
  assumed: boolean;
  /** latest year with an actual, or null. */
  latest_actual_year: number | null;
  /** the actual records used, year -> record (for hover provenance). */
  provenance: Record<number, Actual>;
  /** (added) trend model: 90% prediction interval per projected year, year -> [lo, hi]. */
  interval?: Record<number, [number, number]>;
  /** (added) years in the range without a value because it could not be computed
   * (a zero denominator, an overflow, a driver without a value). */
  missing_years?: number[];
  /** (added) years filled by interpolation across a gap between two known values. */
  estimated_years?: number[];
  /** (added) actual years whose record is a lower bound or an approximate upper bound
   * (value_kind 'lower_bound' / 'approx_below'), used as the value. */
  flagged_years?: number[];
  /** (added) how the projected years were made: a growth model type, 'derived', or 'default_flat'
   * (no assumption: the latest value held flat and marked as assumed). */
  model?: string;
  /** (added) years whose projection (or nowcast) fell below a published month-end level of the
   * year and was raised to it (models/anchors.ts): the month, the level, the value it replaced and
   * the level's record. */
  month_end?: Record<number, MonthEndAnchor>;
}

/** A published month-end level a year's figure rests on (按N月末存量). */
export interface MonthEndAnchor {
  month: number;
  value: number;
  /** the scenario's projection (or the nowcast) the level replaced */
  projected: number;
  record: Actual | null;
}

export interface YearJudgement {
  year: number;
  value: number;
  met: boolean;
  actual: boolean;
}

/** What a year's figure rests on: an actual, a nowcast from 1-N月 figures, a published month-end
 * level that floors a stock's year (按N月末存量), or a projection. */
export type FigureBasis = 'actual' | 'nowcast' | 'month_end' | 'projection';

export interface TargetEvaluation {
  id: string;
  series: string;
  unit: string;
  kind: Plan['targets'][number]['kind'];
  comparator: Plan['targets'][number]['comparator'];
  target: number | [number, number];
  target_year: number;
  base_year: number;
  /** the judged quantity in the target year: the level, share, % reduction or average growth (%). */
  projected: number | null;
  /** projected - target, signed so that a positive gap is a shortfall (negative: surplus). For an
   * annual flow that misses a counted year, the shortfall of the year that misses by most. */
  gap: number | null;
  /** gap relative to the target. */
  gap_rel: number | null;
  /** (added) the year `gap` is measured in: the target year, or the worst failing year of an
   * annual flow (每年… targets are missed in the year they are missed, whatever 2026 brings). */
  gap_year?: number | null;
  met: boolean | null;
  /** annual_flow: each year judged. */
  yearly: YearJudgement[];
  /** constant growth from the latest actual (fraction per year) that just meets the target. */
  required_growth: number | null;
  /** the scenario's average growth over the same years. */
  assumed_growth: number | null;
  /** progress made as a fraction of the task, vs time elapsed as a fraction of the period. */
  progress: number | null;
  time_elapsed: number | null;
  status: Status;
  /** the year the status was judged on (latest actual year, or the as-of year when projected). */
  status_year: number | null;
  /** true where any input to this evaluation is an assumption. */
  assumed: boolean;
  /** (added) the series required_growth and assumed_growth refer to: the judged series, the
   * numerator of a share, the flow of a cumulative sum, the intensity of a reduction. */
  growth_series?: string;
  /** (added) the year both growth rates run from (the latest actual year L, or the base year). */
  growth_from_year?: number | null;
  /** (added) what both growth rates are the growth of: the judged series itself, a share's
   * numerator (分子所需增速, the denominator on its projection), or the flow a total sums. */
  growth_lever?: 'own' | 'numerator' | 'flow';
  /** (added) the judged quantity in growth_from_year already meets the target (the required effort
   * is 已达到, models/kinds/effort.ts); null where it cannot be told. */
  growth_from_met?: boolean | null;
  /** (added) the year judged: the status year, or the latest statistical year when later (≤ target year). */
  judged_year?: number | null;
  /** (added) the year judged is the target year: a final-year verdict on the outcome. */
  final?: boolean;
  /** (added) what the target year's figure rests on, and the 1-N月 month of a nowcast. */
  basis?: FigureBasis | null;
  basis_month?: number | null;
  /** (added) 接近完成 tolerance in the target's units (the setting, else 2% of the target). */
  near_tolerance?: number | null;
  /** (added) the latest year-to-date figure of the target year's judged series (1-N月, N < 12). */
  ytd?: { year: number; month: number; value: number; growth: number | null; prior_rest: number | null } | null;
  /** (added) the judged series' value in the base year, and whether it is assumed (no source). */
  base_value?: number | null;
  base_assumed?: boolean;
  /** (added) why no verdict can be given (a growth target on a zero or negative base). */
  refusal?: { zh: string; en: string } | null;
  /** (added) met in an earlier year but not in the target year's figure (not 提前实现). */
  met_before?: { year: number; value: number } | null;
  /** (added) on 无数据 only: the year without a value and the entered series lacking it (models/missing-data.ts). */
  missing?: MissingData | null;
}

export interface ProjectionResult {
  base_year: number;
  horizon: number;
  series: Record<string, SeriesProjection>;
  targets: TargetEvaluation[];
  rollup: Record<Status, number>;
}

/** The model's typed error lives with the one error base class (models/errors.ts). */
export { ModelError, type ModelErrorCode } from './errors';
