/**
 * Published figures as anchors of their year (issues 15.3, 16.2): the one rule, read by the
 * projection (models/growth.ts) and the Monte Carlo kernels (models/montecarlo.ts) alike.
 *
 * - A published annual actual of year Y replaces everything for Y (the engine's own actuals).
 * - A flow with a 1-N月 cumulative for Y: the nowcast (models/nowcast.ts, models/reforecast.ts)
 *   turns it into an estimate of Y; the cumulative itself is no floor.
 * - A stock (nature 'stock', not a percentage) with a published month-end level of Y (a record
 *   'Y-MM' that is not implied from last year): the level already reached is a floor of Y's value.
 *   The value of Y is max(projected, the latest month-end level of Y), the projected value being
 *   the scenario's (or a nowcast's); where the floor binds the figure rests on the level
 *   (basis 'month_end', 按N月末存量) and on its record.
 *
 * The floor applies year by year: a floor at or before the growth model's anchor year is applied
 * before the model runs (the model then continues from it), a floor after it is applied after the
 * model and the bounds. Pure: no Node, no DOM, no clock.
 */
import type { Actual, Series } from './schema';
import { F_ACT, F_LEVEL, type Ctx, type YtdPoint } from './context';
import { isPercentUnit } from './units';

/** A month-end level that floors its year. */
export interface LevelFloor {
  year: number;
  /** window index of the year */
  i: number;
  month: number;
  value: number;
  /** the record the level comes from (null when the point was given without one) */
  record: Actual | null;
}

/** Does a series take its published month-end levels as floors? Stocks that are not percentages. */
export function takesLevelFloors(def: Pick<Series, 'nature' | 'unit' | 'derived'>): boolean {
  return (def.nature ?? 'stock') === 'stock' && !def.derived && !isPercentUnit(def.unit);
}

/**
 * The floors of a series from its year-to-date points: per year, the published level of the latest
 * month (implied values left out), ascending by year; none unless the series takes level floors.
 */
export function monthEndLevels(
  def: Pick<Series, 'nature' | 'unit' | 'derived'>,
  points: readonly (Pick<YtdPoint, 'year' | 'month' | 'value' | 'implied'> & { record?: Actual | null })[],
): { year: number; month: number; value: number; record: Actual | null }[] {
  if (!takesLevelFloors(def)) return [];
  const best = new Map<number, { year: number; month: number; value: number; record: Actual | null }>();
  for (const p of points) {
    if (p.implied || !Number.isFinite(p.value)) continue;
    const b = best.get(p.year);
    if (!b || p.month > b.month) best.set(p.year, { year: p.year, month: p.month, value: p.value, record: p.record ?? null });
  }
  return [...best.values()].sort((a, b) => a.year - b.year);
}

/** The floors of series s in the engine's window (computed once per projection, kept in ctx). */
export function levelFloors(ctx: Ctx, s: number): readonly LevelFloor[] {
  let all = ctx.floors;
  if (!all) all = ctx.floors = new Array(ctx.ids.length).fill(undefined);
  const hit = all[s];
  if (hit) return hit;
  const out: LevelFloor[] = [];
  const pts = ctx.ytd?.get(s);
  if (pts && pts.length > 0) {
    for (const l of monthEndLevels(ctx.defs[s], pts)) {
      if (l.year < ctx.W0 || l.year > ctx.H) continue;
      out.push({ ...l, i: l.year - ctx.W0 });
    }
  }
  all[s] = out;
  return out;
}

/**
 * May a floor move the value of this cell? Not an own published annual actual (a nowcast may be
 * floored, it is an estimate), and only a cell that has a value.
 */
function floorable(ctx: Ctx, s: number, i: number): boolean {
  if (Number.isNaN(ctx.vals[s * ctx.nY + i])) return false;
  const y = ctx.W0 + i;
  const { years, recs } = ctx.actuals[s];
  const k = years.indexOf(y);
  if (k < 0) return true;
  const r = recs[k];
  return r.value_kind === 'estimate' && /^\s*\{"nowcast"\s*:/.test(r.note ?? '');
}

/**
 * Applies the floors of series s to its own row of the grid over window indexes [from, to]:
 * a cell below the level is raised to it and marked F_LEVEL (an own nowcast stays F_ACT, it no
 * longer carries its record's value). The projected value is kept in ctx.floored for the output.
 */
export function applyLevelFloors(ctx: Ctx, s: number, from: number, to: number): void {
  const floors = levelFloors(ctx, s);
  if (floors.length === 0) return;
  const row = s * ctx.nY;
  for (const f of floors) {
    if (f.i < from || f.i > to) continue;
    const c = row + f.i;
    const v = ctx.vals[c];
    if (!(v < f.value) || !floorable(ctx, s, f.i)) continue;
    ctx.vals[c] = f.value;
    ctx.flags[c] = (ctx.flags[c] & F_ACT) | F_LEVEL;
    (ctx.floored ??= new Map()).set(c, v);
  }
}

/**
 * The Monte Carlo's side of the rule, over the draws: every cell of a projected year (window index
 * > `last`) below its floor raised to it; `out` is laid out [year][draw]. NaN stays NaN.
 */
export function floorLanes(floors: readonly LevelFloor[], out: Float64Array, N: number, last: number, lo: number, hi: number): void {
  for (const f of floors) {
    if (f.i <= last) continue;
    const v = f.value;
    const o = f.i * N;
    for (let d = lo; d < hi; d++) if (out[o + d] < v) out[o + d] = v;
  }
}
