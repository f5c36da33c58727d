/**
 * What a target kind decides, in one place per kind (models/kinds/<kind>.ts): how the judged
 * quantity is read from the judged series, whether a target is met by the status year, the
 * progress yardstick, the required effort, the words of its sentences, the chart's judged path and
 * target line, and the Monte Carlo kernel of the judged quantity. Pure.
 */
import type { Comparator, Target } from '../schema';
import type { Ctx } from '../context';

/** How a target's judged quantity is read from its series. */
export interface Judge {
  /** the judged series */
  s: number;
  /** the kind's id (a TargetKind; a test may register more) */
  kind: string;
  b: number;
  T: number;
  /** cumulative target on a flow series (not a cumsum): sum from this year, else -1 */
  vcFrom: number;
}

export type KindLanguage = 'zh-CN' | 'en';

/** year -> value, as the charts take them. */
export type Values = Record<number, number>;

/** The judged series as a chart sees it: from the plan's definition, when the caller has it. */
export interface ChartSeries {
  derived: boolean;
  nature: string;
}

/** Monte Carlo: writes the judged quantity of years b..T, draws lo..hi, into tb (year-major, N per year). */
export type JudgeKernel = (
  sb: Float64Array,
  tb: Float64Array,
  j: Judge,
  W0: number,
  N: number,
  lo: number,
  hi: number,
  scratch: Float64Array,
) => void;

/** The measure of a projected judged value x in a sentence. */
export interface MeasureInput {
  name: string;
  stem: string;
  x: number;
  /** the value x in the target's units, formatted */
  val: string;
  /** x formatted as a percentage */
  pct: (v: number) => string;
  b: number;
  T: number;
  start: number;
}

/** The required-effort clause of a sentence: the required growth r (fraction a year) from `from`. */
export interface RequiredInput {
  r: number;
  from: number;
  b: number;
  T: number;
  pct: (v: number) => string;
}

export interface KindModule {
  readonly id: string;
  /** judged in percent of change (a % reduction, an average growth %), not in the target's unit */
  readonly percentJudged: boolean;
  /** every counted year is judged (每年…), not only the target year */
  readonly everyYear: boolean;
  /** the base-year value enters the judged quantity (its flags count for the evaluation) */
  readonly usesBase: boolean;
  /** judged as the running sum of a plain (not derived) flow series from the start year */
  readonly runningSum: boolean;
  /** the required effort runs on the judged series itself, never on a share's numerator or a flow */
  readonly requiredOnOwnSeries: boolean;

  /** The judged quantity in a year (may be non-finite; the caller maps that to NaN). */
  judge(ctx: Ctx, j: Judge, year: number): number;
  /** The judged quantity from a value v of the judged series in the target year. */
  judgeLevel(ctx: Ctx, j: Judge, v: number): number;
  /**
   * (optional; default: the comparator's direction, common.ts `effortByComparator`) Which sign of the
   * required change is effort: +1 a rise (达到、不低于), -1 a fall (不高于, and a reduction's intensity
   * under 下降…), 0 no direction (约、区间). A required change on the other side means reached.
   */
  effortSign?(cmp: Comparator): 1 | -1 | 0;
  /** The closed-form required growth from the value vL of year L over n years (null: none). */
  closedRequired(ctx: Ctx, j: Judge, vL: number, L: number, n: number, tv: number, cmp: Comparator, startYear: number): number | null;
  /** Progress by the status year S as a fraction of the task (NaN where not meaningful). */
  progress(ctx: Ctx, j: Judge, tv: number, cmp: Comparator, S: number, xS: number): number;
  /** Whether the target is met already at the status year S (提前实现). */
  metAtStatusYear(ctx: Ctx, j: Judge, xS: number, S: number, tv: number, cmp: Comparator, progress: number | null): boolean;
  /** The Monte Carlo kernel of the judged quantity; null: the series itself is the judged quantity. */
  kernel(j: Judge): JudgeKernel | null;

  chart: {
    /** The values drawn, in the units of the series (a running total for a cumulative of a flow). */
    values(target: Target, values: Values, base: number, series: ChartSeries | null): Values;
    /** The target in chart units, or null when it cannot be placed. */
    targetLevel(target: Target, values: Values, base: number): number | [number, number] | null;
    /** 序时进度线, or null. */
    timePath(target: Target, values: Values, base: number): { x: number[]; y: number[] } | null;
    /** The target line is drawn over every counted year (not as a point in the target year). */
    lineOverYears: boolean;
  };

  /** The judged path year by year for the briefing: [year, value, years involved]. */
  judgedPath(
    target: Target,
    v: (y: number) => number | undefined,
    b: number,
    T: number,
    series: ChartSeries | null,
  ): [number, number, number[]][];

  words: {
    /** What the judged value measures (the 测算轨迹 sheet, the PDF). */
    quantity(lang: KindLanguage): string;
    /** The target in English: `w` the comparator word, `val` the formatted target. */
    targetEn(w: string, val: string): string;
    /** The Chinese prefix of a target phrase without comparator words (每年 for annual flows). */
    targetZhPrefix(comparatorZh: string): string;
    /** The default Chinese words of the comparator when the plan gives none. */
    defaultComparatorZh(cmp: Comparator): string | null;
    /** The indicator without the words of its kind. */
    stemZh(name: string): string;
    measureZh(m: MeasureInput): string;
    measureEn(m: MeasureInput): string;
    /** 已提前实现: the measure keeps the indicator's name. */
    achievedKeepsName: boolean;
    requiredZh(q: RequiredInput): string;
    requiredEn(q: RequiredInput): string;
    /** (optional) the judged figure in a verdict line when a bare value would mislead: 累计下降9.6% (b the base year). */
    figureWords?(x: number, lang: KindLanguage, b: number): string;
  };
}

/** For a switch that must name every case: the compiler rejects a missing one. */
export function exhaustiveSwitchError(value: never): never {
  throw new Error(`unhandled case: ${String(value)}`);
}
