/**
 * Target evaluation: the judged value in the target year, the gap, whether the target is met,
 * the required and assumed growth, and the time-proportional status (时间过半、任务过半).
 */
import type { Actual, Comparator, Status, Target } from './schema';
import type { FigureBasis, TargetEvaluation, YearJudgement } from './types';
import { F_ACT, F_ASSUMED, F_LEVEL, F_OWN, flagsAt, latestFlagged, valueAt, type Ctx } from './context';
import { levelFloors } from './anchors';
import { derivationInputs } from './derive';
import { isNowcast } from './records';
import { requiredGrowth, type Judge } from './required';
import { kindOf } from './kinds';
import { ytdStanding } from './ytd-progress';
import { missingDataOf } from './missing-data';

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
    // 1—2家: a floor of 1 with an aim of 2 (3 meets it; the plan asks for at least the floor)
    const lo = Math.min(target[0], target[1]);
    const e = CMP_EPS * Math.max(1, Math.abs(lo));
    return x >= lo - e;
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

/** gap: positive = shortfall. For ranges (a floor with an aim): the shortfall below the floor, else 0. */
function gapOf(x: number, comparator: Comparator, target: number | [number, number]): number {
  if (Array.isArray(target)) {
    const lo = Math.min(target[0], target[1]);
    return x < lo ? lo - x : 0;
  }
  return comparator === '<=' || comparator === '<' ? x - target : target - x;
}

function gapDenominator(_x: number, target: number | [number, number]): number {
  if (!Array.isArray(target)) return Math.abs(target);
  return Math.abs(Math.min(target[0], target[1]));
}

/** 接近完成 when no tolerance is set for a target: this fraction of the target (of a range's floor). */
export const NEAR_TOLERANCE_DEFAULT = 0.02;

/** The 接近完成 tolerance of a target, in its own units: the setting, else 2% of the target. */
export function nearToleranceOf(ctx: Pick<Ctx, 'nearTolerance'>, t: Pick<Target, 'id' | 'target'>): number {
  const set = ctx.nearTolerance?.[t.id];
  if (set !== undefined && Number.isFinite(set) && set >= 0) return set;
  const tv = Array.isArray(t.target) ? Math.min(t.target[0], t.target[1]) : t.target;
  return NEAR_TOLERANCE_DEFAULT * Math.abs(tv);
}

/** The final-year verdict from the outcome: met or not, how far off, and what the figure rests on. */
function finalVerdict(met: boolean | null, gap: number | null, nearTol: number, basis: FigureBasis | null): Status {
  if (met === null || basis === null) return 'no_data';
  if (basis !== 'actual') return met ? 'expected_complete' : 'expected_not_complete';
  if (met) return 'completed';
  return gap !== null && gap <= nearTol * (1 + CMP_EPS) + CMP_EPS ? 'near_complete' : 'not_completed';
}

/** Which year-to-date month a yearly record was nowcast from, or null when it is not a nowcast. */
function nowcastMonthOfRecord(rec: Pick<Actual, 'value_kind' | 'note'> | undefined): number | null {
  if (!rec || !isNowcast(rec)) return null;
  const m = /"as_of"\s*:\s*"\d{4}-(\d{2})"/.exec(rec.note ?? '');
  return m ? Number(m[1]) : 12;
}

/**
 * What a series' figure of a year rests on: its own actual, a nowcast (按1-N月推算, the month), or a
 * projection. A derived series is an actual when all its inputs are, a nowcast when one is, and
 * when it has a figure of its own for the year (issue 15.3).
 */
function figureBasis(ctx: Ctx, s: number, year: number, depth = 0): { basis: FigureBasis; month: number | null } {
  const v = valueAt(ctx, s, year);
  if (Number.isNaN(v)) return { basis: 'projection', month: null };
  const d = ctx.derived[s];
  // a derived series' own figure (a published share, rate or intensity) is its own record, not its inputs'
  if (d && depth < 4 && !(flagsAt(ctx, s, year) & F_OWN)) {
    let month: number | null = null;
    let projection = false;
    for (const [, id] of derivationInputs(d)) {
      const k = ctx.index.get(id);
      if (k === undefined) continue;
      const fb = figureBasis(ctx, k, year, depth + 1);
      if (fb.basis === 'projection' || fb.basis === 'month_end') projection = true;
      if (fb.basis === 'nowcast') month = month === null ? fb.month : Math.min(month, fb.month ?? 12);
    }
    if (projection) return { basis: 'projection', month: null };
    return month !== null ? { basis: 'nowcast', month } : { basis: 'actual', month: null };
  }
  const fl = flagsAt(ctx, s, year);
  if (fl & F_LEVEL) return { basis: 'month_end', month: levelFloors(ctx, s).find((f) => f.year === year)?.month ?? null };
  if (!(fl & F_ACT)) return { basis: 'projection', month: null };
  const { years, recs } = ctx.actuals[s];
  const i = years.indexOf(year);
  const month = i >= 0 ? nowcastMonthOfRecord(recs[i]) : null;
  return month !== null ? { basis: 'nowcast', month } : { basis: 'actual', month: null };
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
  // 每年 and 累计 targets count the plan's years (2024–2026): their window is fixed by the plan,
  // not moved by the base-year setting (the cumulative series start there too); a 口径 the
  // planners set (models/koujing.ts) overrides the plan's base and end year
  const set = ctx.bases[t.id];
  const mod = kindOf(t.kind);
  const fixedWindow = mod.everyYear || mod.runningSum;
  const b = set?.base_year ?? t.base_year ?? (fixedWindow ? Math.min(ctx.plan.period_start - 1, t.target_year - 1) : ctx.B);
  const start = set?.base_year != null ? b + 1 : (t.start_year ?? b + 1);
  const j: Judge = {
    s,
    kind: t.kind,
    b,
    T: set?.end_year ?? t.target_year,
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
  if (seriesEmpty(ctx, s)) {
    ev.missing = missingDataOf(ctx, s, b, T);
    return ev;
  }

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
  ev.growth_lever = g.lever;
  ev.growth_from_met = null;
  if (!isRange && g.from <= T) {
    // met already in the year the required effort runs from (as 提前实现 is told, per kind)
    const xL = judged(ctx, j, g.from);
    if (!Number.isNaN(xL)) {
      const pr = mod.progress(ctx, j, target as number, cmp, g.from, xL);
      ev.growth_from_met = mod.metAtStatusYear(ctx, j, xL, g.from, target as number, cmp, Number.isFinite(pr) ? pr : null);
    }
  }
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

  // --- the year judged: the target year once its figure (actual or nowcast) is in, or once the
  // latest statistical year reaches it; then the verdict is on the outcome, not on the schedule
  const judgedYear = Math.min(T, Math.max(S, ctx.asOf));
  ev.judged_year = judgedYear;
  ev.final = judgedYear >= T;
  const fb = ev.projected === null ? null : figureBasis(ctx, s, T);
  ev.basis = fb?.basis ?? null;
  ev.basis_month = fb?.month ?? null;
  ev.near_tolerance = nearToleranceOf(ctx, t);
  ev.ytd = remainingYtd();
  ev.base_value = fin(valueAt(ctx, s, b));
  ev.base_assumed = (flagsAt(ctx, s, b) & F_ASSUMED) !== 0;
  ev.refusal = refusalOf();
  ev.met_before = null;
  if (ev.refusal) {
    ev.status = 'no_data';
  } else if (ev.final) {
    let met = ev.met;
    let basis = fb?.basis ?? null;
    if (mod.everyYear) {
      // a counted year that failed on an actual is missed, whatever the target year brings
      const failedActual = ev.yearly.some((y) => !y.met && y.actual && y.year < T);
      if (failedActual) basis = 'actual';
      if (failedActual) met = false;
      ev.progress = null;
    }
    ev.status = finalVerdict(met, ev.gap, ev.near_tolerance, basis);
    if (!mod.everyYear && ev.status !== 'no_data') {
      // the mid-term figures stay for the record
      const xS = judged(ctx, j, S);
      if (!isRange && !Number.isNaN(xS)) ev.progress = fin(mod.progress(ctx, j, target as number, cmp, S, xS));
    }
  } else {
    ev.status = statusOf();
  }
  ev.assumed = assumed;
  if (ev.status === 'no_data') {
    ev.status_year = null;
    // what a planner would have to enter for a verdict (models/missing-data.ts)
    if (!ev.refusal) ev.missing = missingDataOf(ctx, s, b, judgedYear);
  }
  return ev;

  /**
   * What remains of a flow this year (11-12月还需完成…): the latest year-to-date figure of the target
   * year of a plain flow, and what the same months of last year came to (its annual figure less its
   * 1-N月 cumulative, or less this year's cumulative deflated by the reported 累计增速).
   */
  function remainingYtd(): TargetEvaluation['ytd'] {
    if (d !== null || def.nature !== 'flow' || mod.percentJudged) return null;
    return ytdStanding(ctx.ytd?.get(s) ?? [], T, valueAt(ctx, s, T - 1));
  }

  /** A growth target on a zero or negative base has no growth rate: refused, with the reason. */
  function refusalOf(): { zh: string; en: string } | null {
    if (kind !== 'growth_rate') return null;
    const vb = valueAt(ctx, s, b);
    if (Number.isNaN(vb) || vb > 0) return null;
    return {
      zh: `基期${b}年数值为${vb === 0 ? '0' : '负数'}，无法计算年均增速，请核实基期值`,
      en: `the ${b} base value is ${vb === 0 ? 'zero' : 'negative'}: no average growth rate can be computed; check the base value`,
    };
  }

  function statusOf(): Status {
    if (isRange) {
      const xS = judged(ctx, j, S);
      if (Number.isNaN(xS) && Number.isNaN(xT)) return 'no_data';
      if (meets(xS, cmp, target)) return keepsMet(xS) ? 'achieved_early' : 'on_track';
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
    if (metS) return keepsMet(xS) ? 'achieved_early' : 'on_track';
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

  /**
   * 提前实现 means met in a year before the target year and still met in it: when the target
   * year's figure falls back below the target, it is not claimed (met_before keeps the year).
   */
  function keepsMet(xS: number): boolean {
    if (Number.isNaN(xT) || meets(xT, cmp, target)) return true;
    ev.met_before = { year: S, value: xS };
    return false;
  }
}
