/**
 * Live what-ifs in the renderer: the projection engine (models/, pure) run on the scenario's
 * resolved assumptions with the planner's unsaved edits, uncertainty bands from the assumptions'
 * ranges, and goal seek. Pure: unit-tested in Node.
 */
import { projectPlan } from '../../../models/engine';
import type { Actual, Assumption, EvalSettings, Plan, Target } from '../../../models/schema';
import type { ProjectionResult, ResolvedAssumption } from '../../../models/types';
import { goalSeek as solveGoal, goalSeekParameter, type GoalSeekInfo, type GoalSeekOutcome } from '../../../models/goalseek';
import type { Series } from '../../../models/schema';
import { formatPlain, formatPoints, formatRate, isZh, showValue } from './format';
import { rangeInForce, uncertainParameter, withRangeValue } from '../../../models/uncertainty';
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

function merged(assumptions: AssumptionMap, edits?: Record<string, Assumption>): AssumptionMap {
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
 * driving series' ranged parameter (models/uncertainty withRangeValue: replaced, or a rate
 * path's shift added to every year's rate) set to the low and the high of its range in force (one at a
 * time, and all together; models/uncertainty.ts rangeInForce: moved onto the scenario's value
 * unless pinned), the envelope of the runs. Null when no driving series has a range.
 */
export function uncertaintyBand(input: WhatIfInput, target: Target, drivers: readonly string[], fromYear: number): Band | null {
  const base = merged(input.assumptions, input.edits);
  // a range on a replaced or shifted parameter (a multiplier of the projected level is left out)
  const withRange = drivers.filter((id) => {
    const a = base[id];
    return a?.uncertainty && withRangeValue(a.model, uncertainParameter(a.model).value) !== null;
  });
  if (withRange.length === 0) return null;
  const variants: AssumptionMap[] = [];
  const set = (m: AssumptionMap, id: string, side: 'low' | 'high'): AssumptionMap => {
    const a = m[id];
    // the range in force under the scenario's value (a replaced parameter's range centred on it),
    // set the way a draw sets it: a rate path's shift moves every year's rate, not only the default
    const r = rangeInForce(a.uncertainty!, uncertainParameter(a.model));
    return { ...m, [id]: { ...a, model: withRangeValue(a.model, r[side]) ?? a.model } };
  };
  for (const id of withRange) for (const side of ['low', 'high'] as const) variants.push(set(base, id, side));
  if (withRange.length > 1) {
    for (const side of ['low', 'high'] as const) variants.push(withRange.reduce((m, id) => set(m, id, side), base));
  }
  const runs = [];
  for (const v of variants) {
    try {
      const r = projectPlan({ plan: input.plan, assumptions: v, actuals: input.actuals, settings: input.settings });
      runs.push(
        chartValues(
          target,
          r.series[target.series],
          r.base_year,
          input.plan.series.find((x) => x.id === target.series),
        ),
      );
    } catch {
      // a variant outside the model's domain is left out of the band
    }
  }
  return envelope(runs, fromYear);
}

export type GoalSeekResult = GoalSeekOutcome;

/**
 * 按目标反推: the driving series' own model parameter (models/growth/<model>.ts `goalSeek`: the
 * elasticity, the decay rate, the projects' capacity, the rate ...) solved by models/goalseek.ts so
 * that the target is just met, on the scenario with the unsaved edits; the model type and the
 * uncertainty range are kept.
 */
export function goalSeek(input: WhatIfInput, target: Target, seriesId: string): GoalSeekResult {
  return solveGoal(
    { plan: input.plan, assumptions: merged(input.assumptions, input.edits), actuals: input.actuals, settings: input.settings },
    target.id,
    seriesId,
  );
}

/** What the goal-seek button of a series sets (its label in the UI language), or null when its model has nothing to solve. */
export function goalSeekLabel(model: Assumption['model'], series: Series, lang: string): string | null {
  if (series.derived) return null;
  const p = goalSeekParameter(model, series);
  return p ? (isZh(lang) ? p.info.label_zh : p.info.label_en) : null;
}

/** A goal-seek parameter's value as a planner reads it: 3.92%, +0.5个百分点, 1.32, 285亿元. */
export function goalSeekValueText(p: GoalSeekInfo, value: number, unit: string, lang: string): string {
  switch (p.shows) {
    case 'rate':
      return formatRate(value, lang, 2);
    case 'points':
      return `${value > 0 ? '+' : value < 0 ? '−' : ''}${formatPoints(Math.abs(value) * 100, lang, 2)}`;
    case 'series':
      return showValue(value, unit, lang);
    default:
      return formatPlain(value, lang, 3);
  }
}

export function stripFrom(a: ResolvedAssumption | Assumption): Assumption {
  const { from: _from, ...rest } = a as ResolvedAssumption;
  void _from;
  return rest;
}
