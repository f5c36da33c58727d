/**
 * The rules several kinds share: a judged quantity that is the series itself, linear progress from
 * the base year, the closed-form required growth to a level, the target line at the target value.
 * Each kind module takes these or writes its own.
 */
import type { Comparator, Target } from '../schema';
import { valueAt, type Ctx } from '../context';
import { meets } from '../evaluate';
import { cagrBetween } from '../stats';
import type { ChartSeries, Judge, KindModule, MeasureInput, RequiredInput, Values } from './types';

/** The series' value in the year (or the running sum of a flow from vcFrom). */
export function plainJudge(ctx: Ctx, j: Judge, year: number): number {
  if (j.vcFrom >= 0) {
    if (year < j.vcFrom) return 0;
    let run = 0;
    for (let y = j.vcFrom; y <= year; y++) {
      const v = valueAt(ctx, j.s, y);
      if (Number.isNaN(v)) return Number.NaN;
      run += v;
    }
    return run;
  }
  return valueAt(ctx, j.s, year);
}

function finiteOrNaN(x: number): number {
  return Number.isFinite(x) ? x : Number.NaN;
}

/**
 * Progress as the share of the way from the base-year judged value to the target: linear in the
 * level (时间过半、任务过半, the default), or with the compound yardstick (settings.yardstick) along
 * the geometric path, ln(x_S / x_b) / ln(target / x_b), where base, figure and target are positive.
 */
export function linearProgress(mod: Pick<KindModule, 'judge'>, allowCompound = true) {
  return (ctx: Ctx, j: Judge, tv: number, cmp: Comparator, _S: number, xS: number): number => {
    const xB = finiteOrNaN(mod.judge(ctx, j, j.b));
    const den = tv - xB;
    const upward = cmp === '>=' || cmp === '>';
    const downward = cmp === '<=' || cmp === '<';
    const meaningful = den !== 0 && (upward ? den > 0 : downward ? den < 0 : true);
    if (!meaningful) return Number.NaN;
    if (allowCompound && ctx.yardstick === 'compound' && xB > 0 && tv > 0 && xS > 0) return Math.log(xS / xB) / Math.log(tv / xB);
    return (xS - xB) / den;
  };
}

/** The required effort of a target judged on its own level: a rise for 达到/不低于, a fall for 不高于. */
export function effortByComparator(cmp: Comparator): 1 | -1 | 0 {
  if (cmp === '>=' || cmp === '>') return 1;
  if (cmp === '<=' || cmp === '<') return -1;
  return 0;
}

export function metPlain(_ctx: Ctx, _j: Judge, xS: number, _S: number, tv: number, cmp: Comparator): boolean {
  return meets(xS, cmp, tv);
}

export function closedToLevel(_ctx: Ctx, _j: Judge, vL: number, _L: number, n: number, tv: number): number | null {
  return cagrBetween(vL, tv, n);
}

export const identityValues = (_t: Target, values: Values): Values => values;
export const targetValue = (t: Target): number | [number, number] | null => (Array.isArray(t.target) ? null : t.target);

/** A straight line from the base-year value to the target level. */
export function linearPath(targetLevel: (t: Target, values: Values, base: number) => number | [number, number] | null) {
  return (target: Target, values: Values, base: number): { x: number[]; y: number[] } | null => {
    const b = target.base_year ?? base;
    const T = target.target_year;
    if (T <= b) return null;
    const vb = values[b];
    if (vb === undefined || !Number.isFinite(vb)) return null;
    const goal = targetLevel(target, values, base);
    if (goal === null || Array.isArray(goal)) return null;
    const x: number[] = [];
    const y: number[] = [];
    for (let yr = b; yr <= T; yr++) {
      x.push(yr);
      y.push(vb + (goal - vb) * ((yr - b) / (T - b)));
    }
    return { x, y };
  };
}

/** The series' own values, base year to target year. */
export function levelsPath(
  _t: Target,
  v: (y: number) => number | undefined,
  b: number,
  T: number,
  _s: ChartSeries | null,
): [number, number, number[]][] {
  const out: [number, number, number[]][] = [];
  for (let y = b; y <= T; y++) {
    const vy = v(y);
    if (vy !== undefined) out.push([y, vy, [y]]);
  }
  return out;
}

export const noRequired = (_q: RequiredInput): string => '';
export const sameName = (name: string): string => name;
export const measureZhLevel = (m: MeasureInput): string => `${m.T}年${m.name}预计达到${m.val}`;
export const measureZhIs = (m: MeasureInput): string => `${m.T}年${m.name}预计为${m.val}`;
export const measureEnLevel = (m: MeasureInput): string => `projected at ${m.val} in ${m.T}`;
export const plainTargetEn = (w: string, val: string): string => `${w}${val}`;
export const noPrefix = (): string => '';
export const noDefaultWords = (): string | null => null;
