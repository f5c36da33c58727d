/**
 * Goal seek (按目标反推): the value of a growth model's own parameter that just meets a target, the
 * model kept. Each model declares the parameter (models/growth/<model>.ts `goalSeek`: the
 * elasticity of an elasticity model, the decay rate of an intensity decay, the projects' capacity
 * of a pipeline, the rate of a constant growth ...) and the range it may take; the solver is one
 * rule for all of them: the target's gap (models/evaluate.ts, positive = shortfall) on the
 * deterministic projection, bracketed on a grid over the declared range and solved by bisection,
 * every value tried also inside the model's plausible ranges (models/plausibility.ts
 * checkAssumption). A target the range cannot reach is refused in both languages, naming the
 * indicator, the parameter and the range; nothing out of range is written.
 *
 * The assumption's uncertainty range is left as stored, in the same parameter: under the new value
 * it is the range in force of models/uncertainty.ts rangeInForce (centred on the new value, unless
 * pinned there), never turned into a growth rate.
 *
 * Pure: no Node, no DOM, no clock.
 */
import { projectPlan } from './engine';
import { ModelError } from './errors';
import { GROWTH_MODELS, isGrowthModelKind, type GoalSeekParameter, type GrowthModelKind } from './growth/index';
import { allowedRange, checkAssumption, paramRangeText } from './plausibility';
import type { Assumption, GrowthModel, Series, Target } from './schema';
import type { ProjectionInput, ResolvedAssumption } from './types';

/** The parameter goal seek solves for, as a screen names and formats it. */
export interface GoalSeekInfo {
  field: string;
  label_zh: string;
  label_en: string;
  shows: GoalSeekParameter<GrowthModelKind>['shows'];
  /** the range searched, in the parameter's terms (null = open) */
  range: [number | null, number | null];
}

export type GoalSeekOutcome =
  | {
      ok: true;
      /** the assumption with the solved value written in: the same model type, the same uncertainty */
      assumption: Assumption;
      parameter: GoalSeekInfo;
      before: number;
      value: number;
      /** the target's gap after (<= 0: met) */
      gap: number;
    }
  | {
      ok: false;
      reason: 'derived' | 'no_assumption' | 'no_parameter' | 'not_reachable' | 'already_met';
      error: ModelError;
      parameter?: GoalSeekInfo;
    };

/** How far the grid reaches on an open end: this many times the scale of the value. */
const OPEN_REACH = 1000;
const GRID = 16;
const ITERATIONS = 100;

/** The goal-seek parameter of a model (null: the model has none). */
export function goalSeekParameter(
  model: GrowthModel,
  series: Series,
): { spec: GoalSeekParameter<GrowthModelKind>; info: GoalSeekInfo } | null {
  if (!isGrowthModelKind(model.type)) return null;
  const spec = (GROWTH_MODELS[model.type] as unknown as { goalSeek(m: GrowthModel): GoalSeekParameter<GrowthModelKind> | null }).goalSeek(
    model,
  );
  if (!spec) return null;
  const range = spec.range === 'series' ? allowedRange(series) : [spec.range[0], spec.range[1]];
  return {
    spec,
    info: { field: spec.field, label_zh: spec.label_zh, label_en: spec.label_en, shows: spec.shows, range: [range[0], range[1]] },
  };
}

function stripFrom(a: ResolvedAssumption | Assumption): Assumption {
  const { from: _from, ...rest } = a as ResolvedAssumption;
  void _from;
  return rest;
}

function rangeWords(info: GoalSeekInfo, unit: string): { zh: string; en: string } {
  const [lo, hi] = info.range;
  if (info.shows === 'points') {
    const pp = (v: number) => `${Number((v * 100).toPrecision(12))}`;
    if (lo !== null && hi !== null) return { zh: `${pp(lo)}～${pp(hi)}个百分点`, en: `${pp(lo)} to ${pp(hi)} percentage points` };
  }
  const r = paramRangeText(lo, hi, info.shows === 'rate', info.shows === 'series' ? unit : '');
  return { zh: r.zh.replace('–', '～'), en: r.en };
}

/**
 * Solves `seriesId`'s goal-seek parameter so that `targetId` is just met, on the projection of
 * `input` (its assumptions as in force, with any unsaved edits merged in by the caller).
 */
export function goalSeek(input: ProjectionInput, targetId: string, seriesId: string): GoalSeekOutcome {
  const { plan } = input;
  const series = plan.series.find((s) => s.id === seriesId);
  const target = plan.targets.find((t) => t.id === targetId) as Target | undefined;
  if (!series || !target) {
    const what = !series ? seriesId : targetId;
    return {
      ok: false,
      reason: 'no_assumption',
      error: new ModelError('unknown_series', `规划中没有“${what}”`, `"${what}" is not in the plan`, what, null),
    };
  }
  const name = series.name_zh;
  if (series.derived) {
    return {
      ok: false,
      reason: 'derived',
      error: new ModelError(
        'no_goal_parameter',
        `${name}由其他指标计算得出，没有可按目标反推的参数`,
        `${series.name_en} is computed from other indicators and has no parameter to solve for`,
        seriesId,
        null,
      ),
    };
  }
  const current = input.assumptions[seriesId];
  if (!current) {
    return {
      ok: false,
      reason: 'no_assumption',
      error: new ModelError(
        'no_goal_parameter',
        `${name}没有增长假设，无法按目标反推`,
        `${series.name_en} has no growth assumption to solve`,
        seriesId,
        null,
      ),
    };
  }
  const found = goalSeekParameter(current.model, series);
  if (!found) {
    return {
      ok: false,
      reason: 'no_parameter',
      error: new ModelError(
        'no_goal_parameter',
        `${name}：当前增长模型（${current.model.type}）没有可按目标反推的参数，请先改用其他增长模型`,
        `${series.name_en}: the growth model (${current.model.type}) has no parameter to solve for the target; choose another model first`,
        seriesId,
        null,
      ),
    };
  }
  const { spec, info } = found;
  const base = stripFrom(current);
  const before = spec.value(current.model as never);
  const assumptionAt = (x: number): Assumption => ({ ...base, model: spec.with(base.model as never, x) as GrowthModel });
  const gapAt = (x: number): number | null => {
    const a = assumptionAt(x);
    if (checkAssumption(series, a).length > 0) return null;
    try {
      const r = projectPlan({ ...input, assumptions: { ...input.assumptions, [seriesId]: a } });
      const g = r.targets.find((t) => t.id === targetId)?.gap;
      return g === null || g === undefined || !Number.isFinite(g) ? null : g;
    } catch {
      return null;
    }
  };

  // the searched interval: the declared range, an open end reaching OPEN_REACH times the value's scale
  const scale = Math.max(1, Math.abs(before));
  const lo = info.range[0] ?? Math.min(before, 0) - OPEN_REACH * scale;
  const hi = info.range[1] ?? Math.max(before, 0) + OPEN_REACH * scale;
  const words = rangeWords(info, series.unit);
  const param = { zh: info.label_zh, en: info.label_en };
  const refuse = (reason: 'not_reachable' | 'already_met', zh: string, en: string): GoalSeekOutcome => ({
    ok: false,
    reason,
    parameter: info,
    error: new ModelError(reason === 'not_reachable' ? 'goal_unreachable' : 'no_goal_parameter', zh, en, seriesId, info.field),
  });
  // "纺织服装产值：弹性系数…" when the target is on the series itself, "能耗下降：能源消费总量的强度年均下降率…" otherwise
  const own = target.name_zh === name;
  const whose = { zh: own ? param.zh : `${name}的${param.zh}`, en: own ? param.en : `${param.en} of ${series.name_en}` };
  const unreachable = () =>
    refuse(
      'not_reachable',
      `${target.name_zh}：${whose.zh}在允许范围 ${words.zh} 内无法使目标恰好达成，未作修改`,
      `${target.name_en}: no ${whose.en} within the allowed range (${words.en}) just meets the target; nothing was changed`,
    );

  // grid: the range's points (with the current value), each with its gap; a bracket is a pair of
  // neighbours where the gap changes sign, the one nearest the current value wins
  const xs: number[] = [];
  for (let i = 0; i <= GRID; i++) xs.push(lo + ((hi - lo) * i) / GRID);
  if (before > lo && before < hi) xs.push(before);
  xs.sort((a, b) => a - b);
  const gs = xs.map(gapAt);
  let best: [number, number, number, number] | null = null;
  let bestDist = Number.POSITIVE_INFINITY;
  for (let i = 0; i + 1 < xs.length; i++) {
    const g0 = gs[i];
    const g1 = gs[i + 1];
    if (g0 === null || g1 === null) continue;
    if (g0 <= 0 === g1 <= 0) continue;
    const dist = Math.min(Math.abs(xs[i] - before), Math.abs(xs[i + 1] - before));
    if (dist < bestDist) {
      bestDist = dist;
      best = [xs[i], g0, xs[i + 1], g1];
    }
  }
  if (!best) {
    const valid = gs.filter((g): g is number => g !== null);
    if (valid.length > 0 && valid.every((g) => g <= 0)) {
      return refuse(
        'already_met',
        `${target.name_zh}：${whose.zh}在允许范围 ${words.zh} 内目标均已达成，无需反推`,
        `${target.name_en}: the target is met for every ${whose.en} within the allowed range (${words.en}); nothing to solve`,
      );
    }
    return unreachable();
  }
  let [a, ga, b, gb] = best;
  for (let i = 0; i < ITERATIONS && Math.abs(b - a) > 1e-11 * Math.max(1, Math.abs(a), Math.abs(b)); i++) {
    const mid = (a + b) / 2;
    const g = gapAt(mid);
    if (g === null) break;
    if (g <= 0 === ga <= 0) {
      a = mid;
      ga = g;
    } else {
      b = mid;
      gb = g;
    }
  }
  // the side that meets the target, rounded when rounding keeps it met
  let value = ga <= 0 ? a : b;
  let gap = ga <= 0 ? ga : gb;
  const rounded = Math.round(value * 1e6) / 1e6;
  if (rounded !== value) {
    const g = gapAt(rounded);
    if (g !== null && g <= 0) {
      value = rounded;
      gap = g;
    }
  }
  return { ok: true, assumption: assumptionAt(value), parameter: info, before, value, gap };
}
