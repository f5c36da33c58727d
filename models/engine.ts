/**
 * The projection engine: projects every series of a plan under a scenario's assumptions and
 * evaluates every target. Pure and deterministic: no clock, no randomness, no I/O.
 *
 *   projectPlan({ plan, assumptions, actuals?, settings? }) -> ProjectionResult
 *
 * Work that depends only on the plan (series index, derivations, the plan's actuals per series
 * and year, the evaluation order) is cached per plan object in a WeakMap: treat a plan as
 * immutable and pass a new object after changing it (a changed length of series, targets or
 * actuals is also noticed).
 *
 * Semantics where the contract is silent (see also growth.ts, derive.ts, required.ts, evaluate.ts):
 * - years: output from Y0 = min(base year, any target's own base year) to the horizon; the working
 *   window reaches further back only for a series whose sole anchor is an actual before the base
 *   year (no base value), so its projection starts from that actual;
 * - gaps between known years are interpolated (geometric when both ends are positive) and listed
 *   in estimated_years; years before a series' first known value have no value (no back-casting);
 * - a series without an assumption is held flat from its latest value, its projected years assumed;
 * - assumptions on derived series are ignored (a derived series never carries one);
 * - bounds clamp projected values of modelled series (never actuals, never derived values);
 * - a derived value computed only from actuals counts as an actual year of the derived series.
 */
import type { Actual, Assumption, Derivation, Plan, Series, Status, Target } from './schema';
import { STATUSES } from './schema';
import { type ProjectionInput, type MonthEndAnchor, type ProjectionResult, type SeriesProjection, type TargetEvaluation } from './types';
import {
  F_ACT,
  F_ASSUMED,
  F_BOUND,
  F_EST,
  F_LEVEL,
  F_MISSING,
  F_OWN,
  type Ctx,
  type Dep,
  type SeriesActuals,
  type YtdPoint,
} from './context';
import { parseYtdNote, parseYtdPeriod } from './records';
import { badParameter, circularDriver, missingDriver, requireFinite, unknownSeries } from './errors';
import { modelDriver, projectBaseSeries, validateAssumption } from './growth';
import { builtDeflators, derivationInputs, projectDerivedSeries } from './derive';
import { DEFAULT_TOLERANCE, evaluateTarget } from './evaluate';
import { verdictProvenance } from './provenance';
import { isYoy, yoyRecords } from './published';

export { APPROX_TOLERANCE } from './evaluate';
export { resolvePresetAssumptions } from './presets';

/** as_of_year when the settings give none (the last complete statistical year in late 2026). */
const DEFAULT_AS_OF_YEAR = 2025;

const YEARLY = /^\d{4}$/;

interface PlanCache {
  seriesRef: readonly Series[];
  seriesLen: number;
  targetsRef: readonly Target[];
  targetsLen: number;
  actualsRef: readonly Actual[];
  actualsLen: number;
  ids: string[];
  index: Map<string, number>;
  defs: Series[];
  derived: (Derivation | null)[];
  /** per series: the derivation's inputs */
  derivedDeps: Dep[][];
  planActuals: SeriesActuals[];
  targetSeries: Int32Array;
  minTargetBase: number;
  maxTargetYear: number;
  /** evaluation order per signature of the model drivers in force */
  topo: Map<string, Int32Array>;
}

const cache = new WeakMap<Plan, PlanCache>();

/** Is record a newer than b? Latest vintage wins (null is oldest); on a tie the later entry wins. */
function supersedes(a: Actual, b: Actual): boolean {
  return (a.vintage ?? '') >= (b.vintage ?? '');
}

function buildCache(plan: Plan): PlanCache {
  const defs = plan.series;
  const ids = defs.map((s) => s.id);
  const index = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) index.set(ids[i], i);
  const derived = defs.map((s) => s.derived ?? null);
  const derivedDeps: Dep[][] = derived.map((d, i) => {
    if (!d) return [];
    if (d.type === 'ratio') requireFinite(d.scale ?? 1, ids[i], 'scale');
    if (d.type === 'cumsum') requireFinite(d.from_year, ids[i], 'from_year');
    return derivationInputs(d).map(([parameter, ref]) => {
      const k = index.get(ref);
      if (k === undefined) throw missingDriver(ids[i], parameter, ref);
      return { s: k, parameter };
    });
  });
  const actuals = plan.actuals ?? [];
  const planActuals = indexActuals(ids.length, index, actuals, null);
  const targets = plan.targets;
  const targetSeries = new Int32Array(targets.length);
  let minTargetBase = Number.POSITIVE_INFINITY;
  let maxTargetYear = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i];
    const k = index.get(t.series);
    if (k === undefined) throw unknownSeries(t.id, 'series', t.series);
    targetSeries[i] = k;
    if (Array.isArray(t.target)) {
      requireFinite(t.target[0], t.id, 'target[0]');
      requireFinite(t.target[1], t.id, 'target[1]');
    } else {
      requireFinite(t.target, t.id, 'target');
    }
    const ty = requireFinite(t.target_year, t.id, 'target_year');
    if (!Number.isInteger(ty)) throw badParameter(t.id, 'target_year', 'must be a whole year', '须为整数年份');
    if (t.base_year !== null && t.base_year !== undefined) {
      const by = requireFinite(t.base_year, t.id, 'base_year');
      if (!Number.isInteger(by)) throw badParameter(t.id, 'base_year', 'must be a whole year', '须为整数年份');
      if (by < minTargetBase) minTargetBase = by;
    }
    if (t.start_year !== null && t.start_year !== undefined) requireFinite(t.start_year, t.id, 'start_year');
    if (ty > maxTargetYear) maxTargetYear = ty;
  }
  return {
    seriesRef: defs,
    seriesLen: defs.length,
    targetsRef: targets,
    targetsLen: targets.length,
    actualsRef: actuals,
    actualsLen: actuals.length,
    ids,
    index,
    defs,
    derived,
    derivedDeps,
    planActuals,
    targetSeries,
    minTargetBase,
    maxTargetYear,
    topo: new Map(),
  };
}

function planCache(plan: Plan): PlanCache {
  const c = cache.get(plan);
  const actuals = plan.actuals ?? [];
  if (
    c &&
    c.seriesRef === plan.series &&
    c.seriesLen === plan.series.length &&
    c.targetsRef === plan.targets &&
    c.targetsLen === plan.targets.length &&
    c.actualsRef === actuals &&
    c.actualsLen === actuals.length
  ) {
    return c;
  }
  const built = buildCache(plan);
  cache.set(plan, built);
  return built;
}

/**
 * Yearly actuals per series, the winning record per year. `base` (the plan's) is merged with
 * `extra` (the input's), which wins ties. Periods other than YYYY are not values of a year.
 */
function indexActuals(n: number, index: Map<string, number>, extra: readonly Actual[], base: SeriesActuals[] | null): SeriesActuals[] {
  const maps: (Map<number, Actual> | null)[] = new Array(n).fill(null);
  for (const a of extra) {
    if (!YEARLY.test(a.period) || isYoy(a)) continue; // a growth rate is not the year's value (models/published.ts)
    const k = index.get(a.series);
    if (k === undefined) continue; // an actual of a series the plan does not have: not used
    requireFinite(a.value, a.series, `actual ${a.period}`);
    let m = maps[k];
    if (!m) {
      m = new Map();
      if (base) {
        const b = base[k];
        for (let i = 0; i < b.years.length; i++) m.set(b.years[i], b.recs[i]);
      }
      maps[k] = m;
    }
    const y = Number(a.period);
    const prev = m.get(y);
    if (!prev || supersedes(a, prev)) m.set(y, a);
  }
  const out: SeriesActuals[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const m = maps[k];
    if (!m) {
      out[k] = base ? base[k] : { years: [], recs: [] };
      continue;
    }
    const years = [...m.keys()].sort((x, y) => x - y);
    out[k] = { years, recs: years.map((y) => m.get(y) as Actual) };
  }
  return out;
}

/** Evaluation order: inputs before the series that use them. Throws on a cycle. */
function evaluationOrder(pc: PlanCache, driver: Int32Array, driverParam: (string | null)[]): Int32Array {
  let sig = '';
  for (let i = 0; i < driver.length; i++) if (driver[i] >= 0) sig += `${i}:${driver[i]};`;
  const hit = pc.topo.get(sig);
  if (hit) return hit;
  const n = pc.ids.length;
  const state = new Uint8Array(n); // 0 new, 1 on the stack, 2 done
  const order = new Int32Array(n);
  let k = 0;
  const stack: number[] = [];
  const deps = (i: number): Dep[] =>
    pc.derived[i] ? pc.derivedDeps[i] : driver[i] >= 0 ? [{ s: driver[i], parameter: driverParam[i] ?? 'driver' }] : [];
  const visit = (i: number): void => {
    state[i] = 1;
    stack.push(i);
    for (const dep of deps(i)) {
      if (state[dep.s] === 1) {
        const from = stack.indexOf(dep.s);
        const cycle = stack.slice(from).map((x) => pc.ids[x]);
        cycle.push(pc.ids[dep.s]);
        throw circularDriver(pc.ids[i], dep.parameter, cycle);
      }
      if (state[dep.s] === 0) visit(dep.s);
    }
    stack.pop();
    state[i] = 2;
    order[k++] = i;
  };
  for (let i = 0; i < n; i++) if (state[i] === 0) visit(i);
  pc.topo.set(sig, order);
  return order;
}

/**
 * (added, for models/montecarlo.ts) The engine's working grid for an input: every series projected
 * into ctx.vals / ctx.flags, the evaluation order, and the judged series of each target. Internal:
 * the grid uses NaN for "no value" and must not leave models/.
 */
export interface EngineGrid {
  ctx: Ctx;
  /** evaluation order: inputs before the series that use them */
  order: Int32Array;
  /** per target (plan order): index of its judged series */
  targetSeries: Int32Array;
}

export function projectPlan(input: ProjectionInput): ProjectionResult {
  const { ctx, targetSeries } = projectGrid(input);
  const plan = input.plan;
  const n = ctx.ids.length;
  const series: Record<string, SeriesProjection> = {};
  for (let s = 0; s < n; s++) series[ctx.ids[s]] = seriesOutput(ctx, s);
  builtDeflators(ctx, series);

  const targets: TargetEvaluation[] = new Array(plan.targets.length);
  const rollup = {} as Record<Status, number>;
  for (const st of STATUSES) rollup[st] = 0;
  for (let i = 0; i < plan.targets.length; i++) {
    const ev = evaluateTarget(ctx, plan.targets[i], targetSeries[i]);
    targets[i] = ev;
    rollup[ev.status]++;
  }
  const result: ProjectionResult = { base_year: ctx.B, horizon: ctx.H, series, targets, rollup };
  // the 假设 mark covers every input a verdict rests on, assumed base values included (models/provenance.ts)
  for (const ev of targets) if (!ev.assumed) ev.assumed = verdictProvenance(plan, result, ev).assumed;
  return result;
}

/** (added) Projects every series into the engine's grid, without building the output objects. */
export function projectGrid(input: ProjectionInput): EngineGrid {
  const plan = input.plan;
  const pc = planCache(plan);
  const settings = input.settings ?? {};
  const B = settings.base_year ?? plan.base_year;
  requireFinite(B, 'settings', 'base_year');
  if (!Number.isInteger(B)) throw badParameter('settings', 'base_year', 'must be a whole year', '须为整数年份');
  const tolerance = settings.tolerance ?? DEFAULT_TOLERANCE;
  requireFinite(tolerance, 'settings', 'tolerance');
  if (tolerance < 0) throw badParameter('settings', 'tolerance', 'must not be negative', '不能为负');
  const asOf = settings.as_of_year ?? DEFAULT_AS_OF_YEAR;
  requireFinite(asOf, 'settings', 'as_of_year');

  const n = pc.ids.length;
  const bases = settings.target_bases ?? {};
  let basesMin = Number.POSITIVE_INFINITY;
  let basesMax = Number.NEGATIVE_INFINITY;
  for (const b of Object.values(bases)) {
    if (b.base_year !== null && b.base_year !== undefined) basesMin = Math.min(basesMin, b.base_year);
    if (b.end_year !== null && b.end_year !== undefined) basesMax = Math.max(basesMax, b.end_year);
  }
  const Y0 = Math.min(B, pc.minTargetBase, basesMin);
  const H = Math.max(plan.period_end, pc.maxTargetYear, B, basesMax);
  const actuals = input.actuals && input.actuals.length > 0 ? indexActuals(n, pc.index, input.actuals, pc.planActuals) : pc.planActuals;

  // assumptions in force, their drivers
  const asm: (Assumption | undefined)[] = new Array(n);
  const driver = new Int32Array(n).fill(-1);
  const driverParam: (string | null)[] = new Array(n).fill(null);
  const assumptions = input.assumptions ?? {};
  for (let i = 0; i < n; i++) {
    if (pc.derived[i]) continue; // a derived series never carries an assumption of its own
    const a = assumptions[pc.ids[i]];
    if (!a) continue;
    validateAssumption(pc.ids[i], a);
    asm[i] = a;
    const dr = modelDriver(a.model);
    if (dr !== null) {
      const k = pc.index.get(dr);
      if (k === undefined) throw missingDriver(pc.ids[i], 'driver', dr);
      driver[i] = k;
      driverParam[i] = 'driver';
    }
  }
  const order = evaluationOrder(pc, driver, driverParam);

  // window: from Y0, reaching back only for a series whose sole anchor is an actual before Y0
  // (no actual in [Y0, B], no base value): its projection starts from that actual
  let W0 = Y0;
  for (let i = 0; i < n; i++) {
    if (pc.derived[i]) continue;
    const a = asm[i];
    if (a && a.base_value !== null && a.base_value !== undefined) continue;
    const ys = actuals[i].years;
    let latest = -1;
    for (let k = 0; k < ys.length && ys[k] <= B; k++) latest = ys[k];
    if (latest >= 0 && latest < W0) W0 = latest;
  }
  const nY = H - W0 + 1;
  const vals = new Float64Array(n * nY).fill(Number.NaN);
  const flags = new Uint8Array(n * nY);
  const ctx: Ctx = {
    plan,
    ids: pc.ids,
    index: pc.index,
    defs: pc.defs,
    derived: pc.derived,
    asm,
    driver,
    actuals,
    B,
    W0,
    Y0,
    H,
    nY,
    vals,
    flags,
    intervals: new Array(n).fill(null),
    tolerance,
    asOf,
    nearTolerance: settings.near_tolerance ?? {},
    yardstick: settings.yardstick ?? 'linear',
    ytd: ytdPoints(pc.index, plan.actuals, input.actuals ?? []),
    bases,
    yoy: yoyRecords(pc.index, pc.defs, plan.actuals ?? [], input.actuals ?? []),
  };

  for (let k = 0; k < n; k++) {
    const s = order[k];
    const d = pc.derived[s];
    if (d) projectDerivedSeries(ctx, s, d);
    else projectBaseSeries(ctx, s);
  }
  return { ctx, order, targetSeries: pc.targetSeries };
}

/** The year-to-date figures of every series, one per year and month (the input's over the plan's). */
function ytdPoints(index: Map<string, number>, ...lists: readonly (readonly Actual[])[]): Map<number, YtdPoint[]> {
  const out = new Map<number, Map<string, YtdPoint>>();
  for (const list of lists) {
    for (const a of list) {
      const p = parseYtdPeriod(a.period);
      if (!p || !Number.isFinite(a.value)) continue;
      const k = index.get(a.series);
      if (k === undefined) continue;
      let m = out.get(k);
      if (!m) out.set(k, (m = new Map()));
      const note = parseYtdNote(a.note);
      const prev = m.get(a.period);
      // the record in force: the latest vintage; on a tie the later list (the input's) and entry
      if (prev?.record && (prev.record.vintage ?? '') > (a.vintage ?? '')) continue;
      m.set(a.period, {
        year: p.year,
        month: p.month,
        value: a.value,
        growth: note.growth ?? null,
        implied: note.implied !== undefined,
        record: a,
      });
    }
  }
  const res = new Map<number, YtdPoint[]>();
  for (const [k, m] of out) res.set(k, [...m.values()]);
  return res;
}

function seriesOutput(ctx: Ctx, s: number): SeriesProjection {
  const { vals, flags, nY, W0, Y0 } = ctx;
  const row = s * nY;
  const values: Record<number, number> = {};
  const actual_years: number[] = [];
  const assumed_years: number[] = [];
  const missing_years: number[] = [];
  const estimated_years: number[] = [];
  const flagged_years: number[] = [];
  const provenance: Record<number, Actual> = {};
  let latest: number | null = null;
  for (let i = 0; i < nY; i++) {
    const f = flags[row + i];
    const v = vals[row + i];
    const y = W0 + i;
    const has = Number.isFinite(v); // the grid holds no infinities; a last guard all the same
    if (has && f & F_ACT) latest = y;
    if (y < Y0) continue;
    if (has) {
      values[y] = v;
      if (f & F_ACT) actual_years.push(y);
      if (f & F_ASSUMED) assumed_years.push(y);
      if (f & F_EST) estimated_years.push(y);
      if (f & F_BOUND) flagged_years.push(y);
    } else if (f & F_MISSING) {
      missing_years.push(y);
    }
  }
  const { years, recs } = ctx.actuals[s];
  for (let k = 0; k < years.length; k++) {
    const y = years[k];
    if (y >= Y0 && y <= ctx.H && flags[row + y - W0] & F_OWN) provenance[y] = recs[k];
  }
  // a year built from a published growth rate: the rate's record
  for (const [y, rec] of ctx.yoy?.get(s) ?? []) {
    if (y >= Y0 && y <= ctx.H && flags[row + y - W0] & F_OWN && !(y in provenance)) provenance[y] = rec;
  }
  const out: SeriesProjection = {
    id: ctx.ids[s],
    unit: ctx.defs[s].unit,
    values,
    actual_years,
    assumed_years,
    assumed: assumed_years.length > 0,
    latest_actual_year: latest,
    provenance,
    missing_years,
    estimated_years,
    flagged_years,
    model: ctx.derived[s] ? 'derived' : ctx.asm[s] ? ctx.asm[s]!.model.type : 'default_flat',
  };
  const floors = ctx.floored && ctx.floors?.[s];
  if (floors) {
    const month_end: Record<number, MonthEndAnchor> = {};
    for (const f of floors) {
      const c = row + f.i;
      const was = (ctx.floored as Map<number, number>).get(c);
      if (was === undefined || !(flags[c] & F_LEVEL) || f.year < Y0) continue;
      month_end[f.year] = { month: f.month, value: f.value, projected: was, record: f.record };
    }
    if (Object.keys(month_end).length > 0) out.month_end = month_end;
  }
  const iv = ctx.intervals[s];
  if (iv) {
    const interval: Record<number, [number, number]> = {};
    for (let i = 0; i < nY; i++) {
      const y = W0 + i;
      if (y >= Y0 && Number.isFinite(iv[2 * i]) && Number.isFinite(iv[2 * i + 1])) interval[y] = [iv[2 * i], iv[2 * i + 1]];
    }
    out.interval = interval;
  }
  return out;
}
