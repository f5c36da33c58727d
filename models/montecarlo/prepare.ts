/**
 * The program cache and the construction of an evaluator for an input.
 * Part of the Monte Carlo simulation (models/montecarlo.ts describes it).
 */
import { baseRangeInputs, type BaseRangeInput, type BaseRanges } from '../base-ranges';
import { projectGrid, type EngineGrid } from '../engine';
import { type Plan } from '../schema';
import { type ProjectionInput } from '../types';
import { CompiledEvaluator } from './compiled';
import { type UncertainParam, uncertainParams, type Evaluator } from './evaluator';
import { PerDrawEvaluator } from './per-draw';
import { type Program, Unsupported, compile } from './program';

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
export function prepare(input: ProjectionInput, method: 'auto' | 'per_draw' = 'auto', baseRanges: BaseRanges = 'off'): Prepared {
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
