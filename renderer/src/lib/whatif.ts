/**
 * Live what-ifs in the renderer: the projection engine (models/, pure) run on the scenario's
 * resolved assumptions with the planner's unsaved edits, uncertainty bands from the assumptions'
 * ranges, and goal seek. Pure: unit-tested in Node.
 */
import { projectPlan } from '../../../models/engine';
import type { Actual, Assumption, EvalSettings, Plan, Target } from '../../../models/schema';
import type { ProjectionResult, ResolvedAssumption } from '../../../models/types';
import { mainParameter, withMainParameter } from './assumptions';
import { chartValues, envelope, type Band } from './figure';

export type AssumptionMap = Record<string, ResolvedAssumption | Assumption>;

export interface WhatIfInput {
  plan: Plan;
  assumptions: AssumptionMap;
  /** unsaved edits: series id -> assumption (they win over `assumptions`). */
  edits?: Record<string, Assumption>;
  actuals?: Actual[];
  settings?: Partial<EvalSettings>;
}

export function merged(assumptions: AssumptionMap, edits?: Record<string, Assumption>): AssumptionMap {
  if (!edits || Object.keys(edits).length === 0) return assumptions;
  return { ...assumptions, ...edits };
}

export function runWhatIf(input: WhatIfInput): ProjectionResult {
  return projectPlan({
    plan: input.plan,
    assumptions: merged(input.assumptions, input.edits),
    actuals: input.actuals,
    settings: input.settings,
  });
}

/**
 * A band for a target's chart from the uncertainty ranges of the series that drive it: each
 * driving series' main parameter set to its low and its high (one at a time, and all together),
 * the envelope of the runs. Null when no driving series has a range.
 */
export function uncertaintyBand(input: WhatIfInput, target: Target, drivers: readonly string[], fromYear: number): Band | null {
  const base = merged(input.assumptions, input.edits);
  const withRange = drivers.filter((id) => {
    const a = base[id];
    return a?.uncertainty && mainParameter(a.model) !== null;
  });
  if (withRange.length === 0) return null;
  const variants: AssumptionMap[] = [];
  const set = (m: AssumptionMap, id: string, side: 'low' | 'high'): AssumptionMap => {
    const a = m[id];
    const u = a.uncertainty!;
    return { ...m, [id]: { ...a, model: withMainParameter(a.model, u[side]) } };
  };
  for (const id of withRange) for (const side of ['low', 'high'] as const) variants.push(set(base, id, side));
  if (withRange.length > 1) {
    for (const side of ['low', 'high'] as const) variants.push(withRange.reduce((m, id) => set(m, id, side), base));
  }
  const runs = [];
  for (const v of variants) {
    try {
      const r = projectPlan({ plan: input.plan, assumptions: v, actuals: input.actuals, settings: input.settings });
      runs.push(chartValues(target, r.series[target.series], r.base_year, input.plan.series.find((x) => x.id === target.series)));
    } catch {
      // a variant outside the model's domain is left out of the band
    }
  }
  return envelope(runs, fromYear);
}

export type GoalSeekResult =
  | { ok: true; assumption: Assumption; method: 'required_growth' | 'search'; value: number }
  | { ok: false; reason: 'no_required_growth' | 'no_parameter' | 'not_reachable' | 'derived' };

/**
 * 按所需增速设定: for the series the engine computes the required growth of, a constant growth
 * (cagr) at that rate; for another driving series with a main parameter, a bisection on that
 * parameter until the target is just met.
 */
export function goalSeek(input: WhatIfInput, target: Target, seriesId: string): GoalSeekResult {
  const assumptions = merged(input.assumptions, input.edits);
  const current = assumptions[seriesId];
  const result = runWhatIf(input);
  const ev = result.targets.find((e) => e.id === target.id);
  const isDerived = input.plan.series.find((s) => s.id === seriesId)?.derived;
  if (isDerived) return { ok: false, reason: 'derived' };
  if (ev && ev.growth_series === seriesId) {
    if (ev.required_growth === null) return { ok: false, reason: 'no_required_growth' };
    const rate = Math.round(ev.required_growth * 1e6) / 1e6;
    const base: Assumption = current
      ? stripFrom(current)
      : { series: seriesId, base_value: null, model: { type: 'cagr', rate }, uncertainty: null, rationale: '', source: '', author: '', updated_at: '' };
    const model = current?.model.type === 'cagr' ? { ...current.model, rate } : { type: 'cagr' as const, rate };
    return { ok: true, assumption: { ...base, model }, method: 'required_growth', value: rate };
  }
  if (!current) return { ok: false, reason: 'no_parameter' };
  const main = mainParameter(current.model);
  if (!main) return { ok: false, reason: 'no_parameter' };
  const gapAt = (x: number): number | null => {
    try {
      const r = projectPlan({
        plan: input.plan,
        assumptions: { ...assumptions, [seriesId]: { ...current, model: withMainParameter(current.model, x) } },
        actuals: input.actuals,
        settings: input.settings,
      });
      const e = r.targets.find((t) => t.id === target.id);
      return e?.gap ?? null;
    } catch {
      return null;
    }
  };
  const [lo0, hi0] = searchRange(main.key, current.model.type);
  let lo = lo0;
  let hi = hi0;
  let gLo = gapAt(lo);
  let gHi = gapAt(hi);
  if (gLo === null || gHi === null || Math.sign(gLo) === Math.sign(gHi)) return { ok: false, reason: 'not_reachable' };
  for (let i = 0; i < 60 && hi - lo > 1e-7; i++) {
    const mid = (lo + hi) / 2;
    const g = gapAt(mid);
    if (g === null) return { ok: false, reason: 'not_reachable' };
    if (Math.sign(g) === Math.sign(gLo)) {
      lo = mid;
      gLo = g;
    } else {
      hi = mid;
      gHi = g;
    }
  }
  // the side that meets the target (gap <= 0)
  const value = Math.round((gHi <= 0 ? hi : lo) * 1e6) / 1e6;
  return { ok: true, assumption: { ...stripFrom(current), model: withMainParameter(current.model, value) }, method: 'search', value };
}

function searchRange(key: string, type: string): [number, number] {
  if (type === 'elasticity') return [-2, 5];
  if (type === 'logistic') return [0.001, 5];
  if (type === 'intensity_decay') return [-0.5, 0.5];
  void key;
  return [-0.5, 1.5];
}

export function stripFrom(a: ResolvedAssumption | Assumption): Assumption {
  const { from: _from, ...rest } = a as ResolvedAssumption;
  void _from;
  return rest;
}
