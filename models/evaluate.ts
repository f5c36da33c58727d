/**
 * Target evaluation: the judged value in the target year, the gap, whether the target is met,
 * the required and assumed growth, and the time-proportional status (时间过半、任务过半).
 */
import type { Comparator, Status, Target } from './schema';
import type { TargetEvaluation, YearJudgement } from './types';
import { F_ACT, F_ASSUMED, flagsAt, latestFlagged, valueAt, type Ctx } from './context';
import { requiredGrowth, type Judge } from './required';
import { kindOf } from './kinds';

/** 左右 (`~`, and `=`): met when within this fraction of the target. */
export const APPROX_TOLERANCE = 0.05;
/** Default tolerance of 基本符合预期 (on track), in progress points (0.05 = 5 points). */
export const DEFAULT_TOLERANCE = 0.05;
/** Slack for floating-point noise when comparing a value with its target. */
export const CMP_EPS = 1e-9;

/** Does x meet the target under the comparator? (NaN never meets.) */
export function meets(x: number, comparator: Comparator, target: number | [number, number]): boolean {
  if (Number.isNaN(x)) return false;
  if (Array.isArray(target)) {
    const lo = Math.min(target[0], target[1]);
    const hi = Math.max(target[0], target[1]);
    const e = CMP_EPS * Math.max(1, Math.abs(lo), Math.abs(hi));
    return x >= lo - e && x <= hi + e;
  }
  const e = CMP_EPS * Math.max(1, Math.abs(target));
  switch (comparator) {
    case '>=':
      return x >= target - e;
    case '>':
      return x > target;
    case '<=':
      return x <= target + e;
    case '<':
      return x < target;
    case '~':
    case '=':
      return Math.abs(x - target) <= APPROX_TOLERANCE * Math.abs(target) + e;
    case 'range':
      return Math.abs(x - target) <= e;
  }
}

/** gap: positive = shortfall. For ranges: 0 inside, the distance to the nearest bound outside. */
function gapOf(x: number, comparator: Comparator, target: number | [number, number]): number {
  if (Array.isArray(target)) {
    const lo = Math.min(target[0], target[1]);
    const hi = Math.max(target[0], target[1]);
    return x < lo ? lo - x : x > hi ? x - hi : 0;
  }
  return comparator === '<=' || comparator === '<' ? x - target : target - x;
}

function gapDenominator(x: number, target: number | [number, number]): number {
  if (!Array.isArray(target)) return Math.abs(target);
  const lo = Math.min(target[0], target[1]);
  const hi = Math.max(target[0], target[1]);
  return x < lo ? Math.abs(lo) : Math.abs(hi);
}

function fin(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** The judged quantity in a year: level, share, % reduction from the base year or average growth (%). */
export function judged(ctx: Ctx, j: Judge, year: number): number {
  const x = judgedRaw(ctx, j, year);
  return Number.isFinite(x) ? x : Number.NaN;
}

function judgedRaw(ctx: Ctx, j: Judge, year: number): number {
  return kindOf(j.kind).judge(ctx, j, year);
}

function seriesEmpty(ctx: Ctx, s: number): boolean {
  const row = s * ctx.nY;
  for (let i = 0; i < ctx.nY; i++) if (!Number.isNaN(ctx.vals[row + i])) return false;
  return true;
}

/** (added) How a target's judged quantity is read from its series, and its first counted year. */
export function targetJudge(ctx: Ctx, t: Target, s: number): { j: Judge; start: number } {
  const b = t.base_year ?? ctx.B;
  const start = t.start_year ?? b + 1;
  const j: Judge = {
    s,
    kind: t.kind,
    b,
    T: t.target_year,
    vcFrom: kindOf(t.kind).runningSum && ctx.derived[s] === null && ctx.defs[s].nature === 'flow' ? start : -1,
  };
  return { j, start };
}

export function evaluateTarget(ctx: Ctx, t: Target, s: number): TargetEvaluation {
  const { j, start } = targetJudge(ctx, t, s);
  const { b, T } = j;
  const kind = t.kind;
  const mod = kindOf(kind);
  const cmp = t.comparator;
  const target = t.target;
  const isRange = Array.isArray(target);
  const def = ctx.defs[s];
  const d = ctx.derived[s];
  const ev: TargetEvaluation = {
    id: t.id,
    series: def.id,
    unit: t.unit,
    kind,
    comparator: cmp,
    target: isRange ? [target[0], target[1]] : target,
    target_year: T,
    base_year: b,
    projected: null,
    gap: null,
    gap_rel: null,
    gap_year: null,
    met: null,
    yearly: [],
    required_growth: null,
    assumed_growth: null,
    progress: null,
    time_elapsed: null,
    status: 'no_data',
    status_year: null,
    assumed: false,
    growth_series: def.id,
    growth_from_year: null,
  };
  if (seriesEmpty(ctx, s)) return ev;

  let assumed = false;
  const useFlags = (series: number, year: number): void => {
    if (flagsAt(ctx, series, year) & F_ASSUMED) assumed = true;
  };

  // --- the target year -------------------------------------------------------------------------
  const xT = judged(ctx, j, T);
  useFlags(s, T);
  if (mod.usesBase) useFlags(s, b);
  if (!Number.isNaN(xT)) {
    ev.projected = xT;
    const gap = gapOf(xT, cmp, target);
    ev.gap = fin(gap);
    const den = gapDenominator(xT, target);
    ev.gap_rel = den > 0 ? fin(gap / den) : null;
    ev.gap_year = ev.gap === null ? null : T;
    ev.met = meets(xT, cmp, target);
  }

  // --- annual_flow: every year judged ------------------------------------------------------------
  let yearsMissing = false;
  let yearsFailed = false;
  if (mod.everyYear) {
    for (let y = start; y <= T; y++) {
      const v = valueAt(ctx, s, y);
      if (Number.isNaN(v)) {
        yearsMissing = true;
        continue;
      }
      useFlags(s, y);
      const ok = meets(v, cmp, target);
      if (!ok) yearsFailed = true;
      const yj: YearJudgement = { year: y, value: v, met: ok, actual: (flagsAt(ctx, s, y) & F_ACT) !== 0 };
      ev.yearly.push(yj);
    }
    ev.met = yearsFailed ? false : yearsMissing || ev.yearly.length === 0 ? null : true;
    // a counted year that fails is the gap that matters, even when the target year meets
    if (yearsFailed) {
      // "about X" misses on either side: the largest deviation is the worst
      const score = (g: number): number => (cmp === '~' || cmp === '=' ? Math.abs(g) : g);
      let worst: YearJudgement | null = null;
      let worstGap = Number.NaN;
      for (const yj of ev.yearly) {
        if (yj.met) continue;
        const g = gapOf(yj.value, cmp, target);
        if (worst === null || score(g) > score(worstGap)) {
          worstGap = g;
          worst = yj;
        }
      }
      if (worst && Number.isFinite(worstGap)) {
        const den = gapDenominator(worst.value, target);
        ev.gap = fin(worstGap);
        ev.gap_rel = den > 0 ? fin(worstGap / den) : null;
        ev.gap_year = worst.year;
      }
    }
  }

  // --- required and assumed growth ---------------------------------------------------------------
  const g = requiredGrowth(ctx, j, target, cmp, start);
  ev.required_growth = g.required !== null ? fin(g.required) : null;
  ev.assumed_growth = g.assumed !== null ? fin(g.assumed) : null;
  ev.growth_series = ctx.ids[g.series];
  ev.growth_from_year = g.from;
  if (g.from < T) {
    useFlags(g.series, g.from);
    useFlags(g.series, T);
  }

  // --- status year ---------------------------------------------------------------------------------
  let S = latestFlagged(ctx, s, b, T, F_ACT);
  if (d?.type === 'ratio') {
    const num = ctx.index.get(d.numerator) as number;
    S = Math.max(S, latestFlagged(ctx, num, b, T, F_ACT));
  }
  if (S < 0) {
    S = Math.min(Math.max(ctx.asOf, b), T);
    if (S > b || !(flagsAt(ctx, s, S) & F_ACT)) assumed = true;
  }
  useFlags(s, S);
  ev.status_year = S;
  ev.time_elapsed = T > b ? (S - b) / (T - b) : 1;
  const te = ev.time_elapsed;
  const tol = ctx.tolerance;
  ev.status = statusOf();
  ev.assumed = assumed;
  if (ev.status === 'no_data') {
    ev.status_year = null;
  }
  return ev;

  function statusOf(): Status {
    if (isRange) {
      const xS = judged(ctx, j, S);
      if (Number.isNaN(xS) && Number.isNaN(xT)) return 'no_data';
      if (meets(xS, cmp, target)) return 'achieved_early';
      return meets(xT, cmp, target) ? 'on_track' : 'lagging';
    }
    const tv = target as number;
    if (mod.everyYear) {
      if (ev.yearly.length === 0) return 'no_data';
      let elapsed = 0;
      let elapsedMet = 0;
      let allAhead = true;
      const lower = cmp === '<=' || cmp === '<';
      const total = T - start + 1;
      for (const yj of ev.yearly) {
        if (yj.year > S) continue;
        elapsed++;
        if (yj.met) elapsedMet++;
        const aheadBy = lower ? yj.value < tv * (1 - tol) : yj.value > tv * (1 + tol);
        if (!aheadBy || cmp === '~' || cmp === '=') allAhead = false;
      }
      ev.progress = total > 0 ? elapsedMet / total : null;
      if (S >= T && ev.met === true) return 'achieved_early';
      if (elapsed === 0) {
        // nothing elapsed yet: judge by the projection
        return yearsFailed ? 'lagging' : 'on_track';
      }
      if (elapsedMet < elapsed) return 'lagging';
      return allAhead ? 'ahead' : 'on_track';
    }

    const xS = judged(ctx, j, S);
    if (Number.isNaN(xS) && Number.isNaN(xT)) return 'no_data';
    // progress: share of the task done by S
    ev.progress = fin(mod.progress(ctx, j, tv, cmp, S, xS));
    // met already at S
    const metS = mod.metAtStatusYear(ctx, j, xS, S, tv, cmp, ev.progress);
    if (metS) return 'achieved_early';
    if (ev.progress === null) {
      if (Number.isNaN(xT)) return Number.isNaN(xS) ? 'no_data' : 'lagging';
      return meets(xT, cmp, target) ? 'on_track' : 'lagging';
    }
    const p = ev.progress;
    // exactly on schedule is on track, whatever the tolerance: ahead only strictly beyond the band
    if (p > te + tol + CMP_EPS) return 'ahead';
    if (p >= te - tol - CMP_EPS) return 'on_track';
    return 'lagging';
  }
}
