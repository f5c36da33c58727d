/**
 * The input and result of a simulation.
 * Part of the Monte Carlo simulation (models/montecarlo.ts describes it).
 */
import { type BaseRangeSummary, type BaseRanges } from '../base-ranges';
import { type GroupInForce } from '../correlation';
import { type GrowthModel, type Target, type CorrelationGroup } from '../schema';
import { type ProjectionInput } from '../types';
import { type DistributionSpec, type ParameterInfo } from '../uncertainty';
import { type PERCENTILES_DEF, type Percentiles } from './percentiles';

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
