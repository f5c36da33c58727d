/**
 * The checks of a simulation's input (draws, seed, base ranges, joint sweep, correlation groups).
 * Part of the Monte Carlo simulation (models/montecarlo.ts describes it).
 */
import { type BaseRanges } from '../base-ranges';
import { checkCorrelationGroups, scenarioGroups } from '../correlation';
import { badParameter } from '../errors';
import { type CorrelationGroup } from '../schema';
import { ModelError } from '../types';
import { MAX_DRAWS, type SimulationInput } from './result';

export function checkDraws(draws: unknown): number {
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

/** The correlation groups of a simulation (the input's, else the plan's), checked. */
export function groupsOf(input: Pick<SimulationInput, 'plan' | 'correlation_groups' | 'assumptions'>): readonly CorrelationGroup[] {
  // given groups are used as given; else the plan's, with the loadings the scenario sets
  const groups = input.correlation_groups ?? scenarioGroups(input.plan.correlation_groups ?? [], input.assumptions);
  if (groups.length) checkCorrelationGroups(input.plan, groups);
  return groups;
}

export function checkBaseRanges(v: unknown): BaseRanges {
  if (v === undefined || v === 'off' || v === 'on') return v ?? 'off';
  throw badParameter('simulation', 'base_ranges', `must be 'off' or 'on' (got ${String(v)})`, `须为 off 或 on（当前为 ${String(v)}）`);
}

export function checkSeed(seed: unknown): number {
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw badParameter('simulation', 'seed', `must be a whole number (got ${String(seed)})`, `须为整数（当前为 ${String(seed)}）`);
  }
  return seed >>> 0;
}

export function checkSweep(v: unknown): number[] {
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
