/**
 * The uncertain assumptions in force and the evaluator interface shared by the compiled and the
 * per-draw paths.
 * Part of the Monte Carlo simulation (models/montecarlo.ts describes it).
 */
import { type BaseRangeInput } from '../base-ranges';
import { type Ctx } from '../context';
import { type EngineGrid } from '../engine';
import { meets, targetJudge } from '../evaluate';
import { type Judge } from '../required';
import { type GrowthModel, type Target } from '../schema';
import { distributionInForce, uncertainParameter, type DistributionSpec, type ParameterInfo, type RangeInForce } from '../uncertainty';

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

export interface TargetDef {
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
export interface Evaluator {
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

export function targetDefs(grid: EngineGrid): TargetDef[] {
  const { ctx, targetSeries } = grid;
  return ctx.plan.targets.map((t, i) => {
    const s = targetSeries[i];
    const { j, start } = targetJudge(ctx, t, s);
    return { id: t.id, t, s, j, start, b: j.b, T: j.T, nYears: Math.max(0, j.T - j.b + 1) };
  });
}

/** Is the target met, given its judged value in the target year (not annual_flow)? */
export function metAt(t: Target, x: number): boolean {
  return meets(x, t.comparator, t.target);
}
