/**
 * Assumption editing logic: which series drive a target, default parameters when the model type
 * changes, planner units for parameters (a growth rate typed in % and stored as a fraction), and
 * validation of what planners type, naming the field. Pure: unit-tested in Node.
 */
import type { Assumption, GrowthModel, GrowthModelType, Plan, Series, Target } from '../../../models/schema';
import { GROWTH_MODELS, isGrowthModelKind } from '../../../models/growth/index';

export const MODEL_TYPES: readonly GrowthModelType[] = [
  'cagr',
  'path',
  'flat',
  'interp',
  'step',
  'trend',
  'logistic',
  'elasticity',
  'pipeline',
  'intensity_decay',
];

/**
 * The series whose assumptions drive a target: its own series, or for a derived series the
 * leaves it is computed from (share: numerator and denominator; reduction: the intensity's
 * underlying series; cumulative: the flow). Deduplicated, in order.
 */
export function drivingSeries(plan: Pick<Plan, 'series'>, target: Pick<Target, 'series'>): Series[] {
  const byId = new Map(plan.series.map((s) => [s.id, s]));
  const out: Series[] = [];
  const seen = new Set<string>();
  const visit = (id: string, depth: number) => {
    const s = byId.get(id);
    if (!s || seen.has(id) || depth > 8) return;
    seen.add(id);
    const d = s.derived;
    if (!d) {
      out.push(s);
      return;
    }
    if (d.type === 'ratio') {
      visit(d.numerator, depth + 1);
      visit(d.denominator, depth + 1);
    } else if (d.type === 'cumsum') visit(d.of, depth + 1);
    else if (d.type === 'deflate') {
      visit(d.nominal, depth + 1);
      visit(d.deflator, depth + 1);
    }
  };
  visit(target.series, 0);
  return out;
}

/** The model's main parameter (the one uncertainty ranges and goal seek act on). */
export function mainParameter(model: GrowthModel): { key: string; value: number } | null {
  switch (model.type) {
    case 'cagr':
      return { key: 'rate', value: model.rate };
    case 'path':
      return { key: 'default_rate', value: model.default_rate ?? 0 };
    case 'logistic':
      return { key: 'rate', value: model.rate };
    case 'elasticity':
      return { key: 'elasticity', value: model.elasticity };
    case 'pipeline':
      return { key: 'underlying_rate', value: model.underlying_rate ?? 0 };
    case 'intensity_decay':
      return { key: 'rate', value: model.rate };
    default:
      return null;
  }
}

/** Returns the model with its main parameter set to `value`. */
export function withMainParameter(model: GrowthModel, value: number): GrowthModel {
  switch (model.type) {
    case 'cagr':
      return { ...model, rate: value };
    case 'path':
      return { ...model, default_rate: value };
    case 'logistic':
      return { ...model, rate: value };
    case 'elasticity':
      return { ...model, elasticity: value };
    case 'pipeline':
      return { ...model, underlying_rate: value };
    case 'intensity_decay':
      return { ...model, rate: value };
    default:
      return model;
  }
}

/** A representative growth rate of a model, for carrying over when the type changes. */
function impliedRate(model: GrowthModel): number | null {
  switch (model.type) {
    case 'cagr':
      return model.rate;
    case 'path':
      return model.default_rate ?? 0;
    case 'pipeline':
      return model.underlying_rate ?? 0;
    case 'flat':
      return 0;
    default:
      return null;
  }
}

export interface ModelContext {
  /** the latest value (actual or assumed) of the series, for interp / step / logistic defaults. */
  latest: number | null;
  latestYear: number;
  horizon: number;
  /** a driver to default to (real GDP, ...). */
  defaultDriver: string | null;
}

/** Default parameters when the planner switches the model type, carrying over what makes sense. */
export function defaultModel(type: GrowthModelType, previous: GrowthModel | null, ctx: ModelContext): GrowthModel {
  const rate = (previous && impliedRate(previous)) ?? 0.05;
  const latest = ctx.latest ?? 100;
  const years: number[] = [];
  for (let y = ctx.latestYear + 1; y <= ctx.horizon; y++) years.push(y);
  switch (type) {
    case 'cagr':
      return { type, rate };
    case 'path':
      return { type, rates: Object.fromEntries(years.map((y) => [String(y), rate])), default_rate: rate };
    case 'flat':
      return { type };
    case 'interp':
      return { type, points: [{ year: ctx.horizon, value: round(latest * (1 + rate) ** Math.max(1, years.length)) }] };
    case 'step':
      return { type, steps: [{ year: ctx.horizon, value: round(latest * (1 + rate) ** Math.max(1, years.length)) }] };
    case 'trend':
      return { type, form: 'loglinear' };
    case 'logistic':
      return { type, ceiling: round(latest * 1.5), rate: 0.3 };
    case 'elasticity':
      return { type, driver: ctx.defaultDriver ?? '', elasticity: 1 };
    case 'pipeline':
      return { type, underlying_rate: rate, projects: [] };
    case 'intensity_decay':
      return { type, driver: ctx.defaultDriver ?? '', rate: 0.03 };
  }
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Parameter units: how a stored number is shown and typed. */
export type ParamUnit = 'percent' | 'number' | 'year' | 'series_unit';

export interface ParamSpec {
  key: string;
  unit: ParamUnit;
  min: number;
  max: number;
  step: number;
  /** hard limits checked on input (in stored units); exclusive where noted. */
  limit?: { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean };
}

/** True when a declared range reads the parameter `key` of this model (rates covers default_rate). */
function covers(range: { values(m: never): { path: string }[] }, model: GrowthModel, key: string): boolean {
  try {
    return range.values(model as never).some((v) => v.path === key);
  } catch {
    return false; // a model without its parameters yet (a type only)
  }
}

/**
 * The input limit of a parameter narrowed to the plausible range the model declares next to it
 * (models/growth/<model>.ts `ranges`, the range the API refuses outside of), so a value the API
 * would refuse is refused beside the field as it is typed.
 */
function withDeclaredRange(model: GrowthModel, spec: ParamSpec): ParamSpec {
  const type = model.type;
  if (!isGrowthModelKind(type)) return spec;
  const declared = GROWTH_MODELS[type].ranges.find((r) => r.field === spec.key || covers(r, model, spec.key));
  if (!declared || declared.range === 'series') return spec;
  const [lo, hi] = declared.range;
  const limit = { ...(spec.limit ?? {}) };
  if (lo !== null && (limit.min === undefined || lo > limit.min || (lo === limit.min && !limit.minExclusive))) {
    limit.min = lo;
    limit.minExclusive = false;
  }
  if (hi !== null && (limit.max === undefined || hi < limit.max || (hi === limit.max && !limit.maxExclusive))) {
    limit.max = hi;
    limit.maxExclusive = false;
  }
  return { ...spec, limit };
}

/** Slider ranges and validation limits of the scalar parameters of each model. */
export function scalarParams(model: GrowthModel): ParamSpec[] {
  return scalarParamsOf(model).map((spec) => withDeclaredRange(model, spec));
}

function scalarParamsOf(model: GrowthModel): ParamSpec[] {
  const rate: Omit<ParamSpec, 'key'> = {
    unit: 'percent',
    min: -0.2,
    max: 0.5,
    step: 0.001,
    limit: { min: -1, minExclusive: true },
  };
  switch (model.type) {
    case 'cagr':
      return [{ key: 'rate', ...rate }];
    case 'path':
      return [{ key: 'default_rate', ...rate }];
    case 'logistic':
      return [{ key: 'rate', unit: 'number', min: 0.01, max: 2, step: 0.01, limit: { min: 0, minExclusive: true } }];
    case 'elasticity':
      return [{ key: 'elasticity', unit: 'number', min: -1, max: 3, step: 0.01 }];
    case 'pipeline':
      return [{ key: 'underlying_rate', ...rate }];
    case 'intensity_decay':
      return [
        {
          key: 'rate',
          unit: 'percent',
          min: -0.05,
          max: 0.15,
          step: 0.001,
          limit: { min: -1, max: 1, minExclusive: true, maxExclusive: true },
        },
      ];
    default:
      return [];
  }
}

/**
 * How wide a percent slider is: 20 percentage points. At the workbench's ~140 px slider at
 * 1366×768 that is about 0.15 point a pixel, where the old −20%…+50% span moved 0.5 point a pixel.
 */
export const PERCENT_SLIDER_SPAN = 0.2;

/**
 * The slider's range for a parameter at a value. The rule: a percent parameter's slider spans
 * PERCENT_SLIDER_SPAN (20 points) around the value, inside the range the growth model declares
 * for it (models/growth/<model>.ts `ranges`, in `spec.limit`; the spec's own range where the model
 * declares none), its ends on whole percentage points; where the declared range is narrower than
 * that, the slider spans all of it. Other parameters keep their spec's range. The arrow keys move
 * one `spec.step` (0.1 point for rates); a value further out is typed in the number box, and the
 * slider then centres on it.
 */
export function sliderWindow(spec: ParamSpec, value: number): { min: number; max: number } {
  if (spec.unit !== 'percent') return { min: spec.min, max: spec.max };
  const lim = spec.limit ?? {};
  const lo = lim.min === undefined ? spec.min : lim.min + (lim.minExclusive ? spec.step : 0);
  const hi = lim.max === undefined ? Math.max(spec.max, value + PERCENT_SLIDER_SPAN / 2) : lim.max - (lim.maxExclusive ? spec.step : 0);
  if (hi - lo <= PERCENT_SLIDER_SPAN + 1e-12) return { min: lo, max: hi };
  const point = 0.01;
  const v = Number.isFinite(value) ? value : (lo + hi) / 2;
  let min = Math.round((v - PERCENT_SLIDER_SPAN / 2) / point) * point;
  min = Math.min(Math.max(min, lo), hi - PERCENT_SLIDER_SPAN);
  const r = (x: number) => Math.round(x * 1e10) / 1e10;
  return { min: r(min), max: r(min + PERCENT_SLIDER_SPAN) };
}

export type InputProblem =
  | { code: 'not_a_number' }
  | { code: 'below'; limit: number; exclusive: boolean }
  | { code: 'above'; limit: number; exclusive: boolean }
  | { code: 'empty' };

export type ParsedInput = { ok: true; value: number } | { ok: false; problem: InputProblem };

/**
 * Reads what the planner typed in planner units and returns the stored value: "7.5" in a
 * percent field -> 0.075. Accepts full-width digits, a trailing %, thousands separators.
 */
export function parseParamInput(text: string, unit: ParamUnit, limit?: ParamSpec['limit']): ParsedInput {
  const s = text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[－−]/g, '-')
    .replace(/,(?=\d{3}(\D|$))/g, '')
    .replace(/[%％]$/, '')
    .trim();
  if (!s) return { ok: false, problem: { code: 'empty' } };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return { ok: false, problem: { code: 'not_a_number' } };
  const typed = Number(s);
  if (!Number.isFinite(typed)) return { ok: false, problem: { code: 'not_a_number' } };
  const value = unit === 'percent' ? typed / 100 : typed;
  if (limit?.min !== undefined) {
    if (limit.minExclusive ? value <= limit.min : value < limit.min)
      return { ok: false, problem: { code: 'below', limit: toDisplay(limit.min, unit), exclusive: !!limit.minExclusive } };
  }
  if (limit?.max !== undefined) {
    if (limit.maxExclusive ? value >= limit.max : value > limit.max)
      return { ok: false, problem: { code: 'above', limit: toDisplay(limit.max, unit), exclusive: !!limit.maxExclusive } };
  }
  if (unit === 'year' && !Number.isInteger(value)) return { ok: false, problem: { code: 'not_a_number' } };
  return { ok: true, value: unit === 'percent' ? roundFraction(value) : value };
}

/** fractions from percent input: drop float noise (7.1 / 100 = 0.07099999999999999). */
function roundFraction(v: number): number {
  return Math.round(v * 1e10) / 1e10;
}

export function toDisplay(stored: number, unit: ParamUnit): number {
  return unit === 'percent' ? Math.round(stored * 100 * 1e8) / 1e8 : stored;
}

/** The text put in a number box for a stored value. */
export function displayText(stored: number | null | undefined, unit: ParamUnit): string {
  if (stored === null || stored === undefined || !Number.isFinite(stored)) return '';
  const v = toDisplay(stored, unit);
  if (unit === 'percent') return String(Math.round(v * 100) / 100);
  if (unit === 'year') return String(Math.round(v));
  return String(Math.round(v * 10000) / 10000);
}

/** Strips `from` and other resolution-only fields so the assumption validates as an input. */
export function toAssumptionInput(a: Assumption & { from?: string }, author: string, now: string): Assumption {
  return {
    series: a.series,
    base_value: a.base_value ?? null,
    model: a.model,
    uncertainty: a.uncertainty ?? null,
    rationale: a.rationale ?? '',
    source: a.source ?? '',
    author,
    updated_at: now,
  };
}

/** Whether an assumption's `from` means the current scenario set it (an override). */
export function isOwn(from: string | undefined, scenarioId: string): boolean {
  return from === scenarioId;
}

/** 'plan:baseline' -> {kind:'plan', id:'baseline'}; a scenario id -> {kind:'scenario', id}. */
export function parseFrom(from: string | undefined): { kind: 'plan' | 'scenario' | 'none'; id: string } {
  if (!from) return { kind: 'none', id: '' };
  if (from.startsWith('plan:')) return { kind: 'plan', id: from.slice(5) };
  return { kind: 'scenario', id: from };
}

/** Two assumptions equal in everything the store compares (author / updated_at ignored). */
export function sameAssumption(a: Assumption | null | undefined, b: Assumption | null | undefined): boolean {
  if (!a || !b) return a === b;
  const strip = (x: Assumption) =>
    JSON.stringify([x.series, x.base_value ?? null, x.model, x.uncertainty ?? null, x.rationale ?? '', x.source ?? '']);
  return strip(a) === strip(b);
}
