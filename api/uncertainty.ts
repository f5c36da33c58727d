/**
 * Uncertainty through the API: Monte Carlo over the whole plan (seeded: a scenario keeps its
 * seed), tornado and sensitivity matrix per scenario, and the attribution waterfall between two
 * scenarios. The renderer runs the same models in a Web Worker for live work; these channels
 * serve the CLI, exports and scripted reports.
 */
import { ApiError } from '../contract';
import { simulatePlan, type SimulationResult } from '../models/montecarlo';
import { attribution, sensitivityMatrix, tornado } from '../models/sensitivity';
import type { ProjectionInput } from '../models/types';
import { targetsWithRange } from '../models/probability';
import type { BaseRanges } from '../models/base-ranges';

export function runSimulation(
  input: ProjectionInput,
  req: { draws?: number; seed?: number; joint?: string[]; base_ranges?: BaseRanges; joint_sweep?: number[] },
  scenarioSeed: number,
): SimulationResult {
  const known = new Set(input.plan.targets.map((t) => t.id));
  for (const [i, id] of (req.joint ?? []).entries()) {
    if (!known.has(id)) throw new ApiError('invalid', `joint[${i}]：没有指标 ${id}`, `joint[${i}]: no target ${id}`, `joint[${i}]`);
  }
  const base_ranges = req.base_ranges ?? 'off';
  const result = simulatePlan({
    ...input,
    draws: req.draws ?? 10_000,
    seed: req.seed ?? scenarioSeed,
    joint: req.joint,
    ...(base_ranges === 'on' ? { base_ranges } : {}),
    ...(req.joint_sweep ? { joint_sweep: req.joint_sweep } : {}),
  });
  if (base_ranges === 'on') {
    // the targets still without an uncertain input (未设区间) when the base ranges are drawn too
    const ranged = targetsWithRange(input, { base_ranges });
    result.no_range = input.plan.targets.filter((t) => !ranged.has(t.id)).map((t) => t.id);
  }
  return result;
}

export { attribution, sensitivityMatrix, tornado };
