/**
 * The year's question in December (issue 17 item 6): with a 1-N月 figure of the target year in
 * hand, what has been done, and what the remaining months (or the year end) still need. Written
 * once here for every surface: the verdict line (models/verdict.ts), the Workbench card and the
 * nowcast screen.
 *
 *   flow  (a cumulative, 1-N月累计):  done = YTD_N(Y); remaining = target − done;
 *         yoy = remaining / (Annual(Y−1) − YTD_N(Y−1)) − 1   (the same months of last year)
 *   stock (a month-end level):        done = Level_N(Y); remaining = target − done (still to add by
 *         the year end); yoy = target / Level_Dec(Y−1) − 1   (the year-end level's growth needed)
 *
 * YTD_N(Y−1) is last year's same-month cumulative when recorded, else this year's deflated by the
 * reported 累计增速. Pure: no Node, no DOM, no clock.
 */
import { kindOf } from './kinds';
import type { Target } from './schema';

/** The latest 1-N月 figure of a year (N < 12) and last year's comparison base. */
export interface YtdStanding {
  year: number;
  month: number;
  /** the cumulative (flow) or the month-end level (stock) */
  value: number;
  /** the reported 累计增速 (fraction), when given */
  growth: number | null;
  /** a flow: what the same remaining months of last year came to (null when not known or ≤ 0) */
  prior_rest: number | null;
  /** (a stock only) last year's year-end level (null when not known or ≤ 0) */
  prior_year_end?: number | null;
  /** (a stock only) the figure is a month-end level, not a cumulative */
  stock?: true;
}

/** The points ytdStanding reads: a year, a month, a value and the reported growth. */
export interface YtdFigure {
  year: number;
  month: number;
  value: number;
  growth: number | null;
}

/**
 * The latest year-to-date figure of `year` (month 1..11) among `points`, with last year's base:
 * `priorAnnual` is last year's annual total (a flow) or year-end level (a stock). Null when the
 * year has no figure before December.
 */
export function ytdStanding(points: readonly YtdFigure[], year: number, priorAnnual: number, stock = false): YtdStanding | null {
  let cur: YtdFigure | null = null;
  for (const p of points) if (p.year === year && p.month < 12 && Number.isFinite(p.value) && (!cur || p.month > cur.month)) cur = p;
  if (!cur) return null;
  const c = cur;
  if (stock) {
    const base = Number.isFinite(priorAnnual) && priorAnnual > 0 ? priorAnnual : null;
    return { year, month: c.month, value: c.value, growth: c.growth, prior_rest: null, prior_year_end: base, stock: true };
  }
  const prevYtd =
    points.find((p) => p.year === year - 1 && p.month === c.month)?.value ??
    (c.growth !== null && c.growth > -1 ? c.value / (1 + c.growth) : Number.NaN);
  const rest = priorAnnual - prevYtd;
  return { year, month: c.month, value: c.value, growth: c.growth, prior_rest: Number.isFinite(rest) && rest > 0 ? rest : null };
}

/** What is done and what the rest of the year needs against a target value. */
export interface YearRemainder {
  year: number;
  /** the month of the year-to-date figure (1..11) */
  month: number;
  stock: boolean;
  /** 1-N月已完成 (flow) / N月末已达 (stock) */
  done: number;
  /** the reported growth of `done` over the same months of last year (fraction) */
  done_growth: number | null;
  /** the target value, or null when none is given (a driving series): then nothing remains */
  target: number | null;
  /** target − done: what the remaining months must bring (flow) or add (stock); ≤ 0 once reached */
  remaining: number | null;
  /** flow: the growth the remaining months need over the same months of last year; stock: the
   * year-end level's growth needed over last year's; null when the base is unknown */
  yoy: number | null;
  /** the year-to-date figure already reaches the target */
  reached: boolean;
}

/**
 * The remainder of the year for a target `target` (at least this much by the year end), or only
 * what is done when `target` is null.
 */
export function yearRemainder(st: YtdStanding, target: number | null): YearRemainder {
  const stock = st.stock === true;
  const base = { year: st.year, month: st.month, stock, done: st.value, done_growth: st.growth };
  if (target === null || !Number.isFinite(target)) return { ...base, target: null, remaining: null, yoy: null, reached: false };
  const remaining = target - st.value;
  const yoy = stock ? (st.prior_year_end ? target / st.prior_year_end - 1 : null) : st.prior_rest ? remaining / st.prior_rest - 1 : null;
  return { ...base, target, remaining, yoy, reached: remaining <= 0 };
}

/** The months after a 1-N月 figure: 11-12月 / 12月 (N = 11). */
export function restMonthsZh(month: number): string {
  return month >= 11 ? '12月' : `${month + 1}-12月`;
}

const MONTH_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The months after a 1-N月 figure in English: Nov–Dec / December (N = 11). */
export function restMonthsEn(month: number): string {
  return month >= 11 ? 'December' : `${MONTH_EN[Math.max(0, Math.min(11, month))]}–Dec`;
}

/**
 * The value a target asks the series to reach in its target year, when the year-to-date figure
 * answers it directly (at least this much of a level, or of a yearly flow); null otherwise (a
 * range, a ceiling, a growth rate, a share, a cumulative sum over years).
 */
export function remainderTargetValue(t: Pick<Target, 'kind' | 'comparator' | 'target'>): number | null {
  if (Array.isArray(t.target)) return null;
  if (t.comparator !== '>=' && t.comparator !== '>') return null;
  if (t.kind !== 'level' && !kindOf(t.kind).everyYear) return null;
  return t.target as number;
}
