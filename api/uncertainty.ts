/**
 * Uncertainty through the API: Monte Carlo over the whole plan (seeded: a scenario keeps its
 * seed), tornado and sensitivity matrix per scenario, and the attribution waterfall between two
 * scenarios. The renderer runs the same models in a Web Worker for live work; these channels
 * serve the CLI, exports and scripted reports.
 */
import { ApiError } from '../contract';
import { MAX_DRAWS, simulatePlan, type SimulationResult } from '../models/montecarlo';
import { attribution, sensitivityMatrix, tornado } from '../models/sensitivity';
import type { ProjectionInput } from '../models/types';

export function runSimulation(
  input: ProjectionInput,
  req: { draws?: number; seed?: number; joint?: string[] },
  scenarioSeed: number,
): SimulationResult {
  const known = new Set(input.plan.targets.map((t) => t.id));
  for (const [i, id] of (req.joint ?? []).entries()) {
    if (!known.has(id)) throw new ApiError('invalid', `joint[${i}]：没有指标 ${id}`, `joint[${i}]: no target ${id}`, `joint[${i}]`);
  }
  return simulatePlan({ ...input, draws: req.draws ?? 10_000, seed: req.seed ?? scenarioSeed, joint: req.joint });
}

export { attribution, MAX_DRAWS, sensitivityMatrix, tornado };
