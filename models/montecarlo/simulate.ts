/**
 * A simulation run draw by draw in steps, and run to the end.
 * Part of the Monte Carlo simulation (models/montecarlo.ts describes it).
 */
import { BaseRangeSampler, inputBounds, summariseBaseInputs } from '../base-ranges';
import { badParameter } from '../errors';
import { type CorrelationGroup } from '../schema';
import { ModelError } from '../types';
import { checkDraws, groupsOf, checkBaseRanges, checkSeed, checkSweep } from './checks';
import { prepare } from './prepare';
import { type SimulationInput, type SimulationResult } from './result';
import { ParameterSampler } from './sampling';
import { summarise } from './summary';

export interface SimulationRun {
  readonly total: number;
  readonly done: number;
  /** runs up to `maxDraws` more draws; true when all draws are done */
  step(maxDraws: number): boolean;
  /** the statistics over the draws done so far */
  result(cancelled?: boolean): SimulationResult;
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
