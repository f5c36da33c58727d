/**
 * Nowcasting a full year from year-to-date statistics (1-N月累计推算全年).
 *
 * Late in the plan's last year planners hold monthly year-to-date figures: a cumulative value
 * through month N (1-N月累计) and its growth over the same months of last year (累计增速). Two
 * methods turn them into an estimate of the full year:
 *
 *   seasonal share (季节占比法)   s_y = YTD_N(y) / Annual(y) for earlier years y;
 *                                 estimate = YTD_N(Y) / mean(s_y)
 *   growth applied (增速推算法)   estimate = Annual(Y-1) x (1 + g_N(Y))
 *
 * For a stock-like series (a level: capacity, number of firms, a coverage rate) the month-N
 * "YTD" value is the level at the end of month N and the annual value is the year-end level. The
 * same formulas apply: the seasonal share becomes the ratio of the month-N level to the year-end
 * level, and growth applied assumes that the year-on-year growth of the level at month N holds
 * through December (Dec level of Y-1 x (1 + g_N)).
 *
 * Each method is backtested on earlier years (what it would have said at month N of year y vs
 * the actual total of y). The estimate blends the available methods, weighted by the inverse of
 * their mean squared backtest error when both have at least two backtest years (else equally);
 * the range is a Student-t prediction band from the past errors (root mean square of the n
 * corrections, t with n degrees of freedom, so it keeps its 90% with two to five backtest years),
 * or the spread of the methods when history is short. See docs/nowcast.md.
 *
 * Pure and deterministic: no Node, no DOM, no clock, no randomness. Never returns NaN/Infinity.
 */
import { StudioError } from './errors';
import { tQuantile95 } from './stats';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** A year-to-date observation: through `month` of `year`. */
export interface YtdPoint {
  year: number;
  /** 1..12: the last month included (1-N月累计). */
  month: number;
  /** the cumulative value January..month (a flow), or the level at the end of the month (a stock). */
  cumulative?: number;
  /** growth vs the same months of last year, as a fraction (0.052 = 5.2%). */
  growth?: number;
}

export interface AnnualPoint {
  year: number;
  value: number;
}

export interface NowcastInput {
  series: string;
  /** the year to estimate (for backtestAll: backtest the years before it). */
  year: number;
  /** year-to-date points of any years (earlier years feed the shares and the backtest). */
  ytd: readonly YtdPoint[];
  /** annual totals (flow) or year-end levels (stock) of earlier years. */
  annual: readonly AnnualPoint[];
  /** true for a flow (an amount within the year), false for a stock, rate or index. */
  flow: boolean;
  /** the month to nowcast from; default: the latest month of `year` at which a method works. */
  month?: number;
  /** the indicator's names, for messages (the planner never reads a series id); default: the id. */
  name_zh?: string;
  name_en?: string;
  /**
   * When the reported 累计增速 is at comparable prices (地区生产总值, 规上工业增加值) and the levels
   * at current prices: growth applied scales the comparable growth by the deflator's change.
   * Absent: the reported growth is taken on the levels' own basis.
   */
  price?: NowcastPrice;
}

/** The price basis of a reported growth that differs from its levels' (see `NowcastInput.price`). */
export interface NowcastPrice {
  /** the reported growth is at comparable prices; the cumulatives and annual totals at current prices. */
  growth_basis: 'comparable';
  /**
   * The deflator's change by year, a fraction: P(y) / P(y-1) - 1 (from its actuals, else the plan's
   * assumption). A year missing here is taken at unchanged prices, and the detail says so.
   */
  deflator_change: Readonly<Record<number, number>>;
  /** the deflator's names, for the detail text. */
  deflator_name_zh?: string;
  deflator_name_en?: string;
}

export type NowcastMethodName = 'seasonal_share' | 'growth_applied';

interface MethodBase {
  /** true when the method had the data it needs at this month. */
  available: boolean;
  /** the method's estimate of the full year, null when unavailable. */
  estimate: number | null;
  /** weight in the blend (0 when unavailable; 1 when it is the only method). */
  weight: number;
  /** earlier years used (shares: the years whose share was averaged; growth: the base year). */
  years_used: number[];
  /** years at which the method could be backtested at this month. */
  backtest_years: number[];
  /** mean absolute relative error of the method in those years (null when none). */
  backtest_mae_rel: number | null;
  detail_zh: string;
  detail_en: string;
}

export interface SeasonalShareMethod extends MethodBase {
  method: 'seasonal_share';
  /** mean share of the month-N YTD value in the annual total over `years_used`. */
  share_used: number | null;
  /** this year's YTD value through month N. */
  ytd_value: number | null;
}

export interface GrowthAppliedMethod extends MethodBase {
  method: 'growth_applied';
  /** the year-to-date growth applied (fraction). */
  growth_used: number | null;
  /** 'reported': the published 累计增速; 'derived': from this and last year's cumulatives. */
  growth_source: 'reported' | 'derived' | null;
  /** 'comparable': the reported growth is at comparable prices and was scaled by the deflator's change. */
  growth_basis: 'current' | 'comparable';
  /** the deflator's change applied, (1 + growth) x (1 + price_change); null when none was applied. */
  price_change: number | null;
  /** true when the deflator had no figure for the year and prices were taken as unchanged. */
  price_assumed: boolean;
  base_year: number;
  /** last year's annual total (flow) or year-end level (stock). */
  base_value: number | null;
  share_used: null;
}

export type NowcastMethod = SeasonalShareMethod | GrowthAppliedMethod;

export interface NowcastResult {
  series: string;
  year: number;
  as_of_month: number;
  flow: boolean;
  estimate: number;
  low: number;
  high: number;
  /** always two entries, seasonal_share then growth_applied (see `available`). */
  methods: [SeasonalShareMethod, GrowthAppliedMethod];
  method_used: 'blend' | 'seasonal_share' | 'growth_applied';
  /** 'backtest': a Student-t band from >= 2 past errors; 'spread': the spread of the methods (short history). */
  error_band_source: 'backtest' | 'spread';
  /** the t quantile (0.95, n degrees of freedom) of a backtest band; null for 'spread'. */
  band_t: number | null;
  /** root mean square of the n past corrections (log ratios when `band_scale` is 'log'); null for 'spread'. */
  band_rms: number | null;
  /** 'log': low/high = estimate x exp(-/+ t x rms); 'relative': estimate -/+ t x rms x |estimate|. */
  band_scale: 'log' | 'relative' | null;
  /** true when the minimum band of a short history was applied (see docs/nowcast.md). */
  min_band_applied: boolean;
  /** the backtest at this month behind the weights and the band. */
  backtest: BacktestResult[];
  note_zh: string;
  note_en: string;
}

export interface BacktestMethodResult {
  method: NowcastMethodName;
  estimate: number;
  actual: number;
  /** estimate - actual */
  error: number;
  /** (estimate - actual) / actual; null when the actual is 0. */
  error_rel: number | null;
}

export interface BacktestResult {
  series: string;
  year: number;
  month: number;
  actual: number;
  methods: BacktestMethodResult[];
}

export type NowcastErrorCode = 'no_data' | 'no_base' | 'no_actual' | 'bad_input';

/** Typed error: names the series (also its `path`) and the year, in both languages. */
export class NowcastError extends StudioError {
  declare readonly code: NowcastErrorCode;
  readonly series: string;
  readonly year: number;
  constructor(code: NowcastErrorCode, message_zh: string, message_en: string, series: string, year: number) {
    super(code, message_zh, message_en, series);
    this.name = 'NowcastError';
    this.series = series;
    this.year = year;
  }
}

// ---------------------------------------------------------------------------------------------
// Constants (documented in docs/nowcast.md)
// ---------------------------------------------------------------------------------------------

/** At most this many of the latest earlier years feed the mean seasonal share. */
const MAX_SHARE_YEARS = 5;
/** Backtest errors needed before the band comes from them (and the blend is error-weighted). */
const MIN_BACKTEST_YEARS = 2;
/**
 * Without a backtest, the half-width of the band is at least MIN_BAND x (12 - N) / 12 of the
 * estimate (10% at the start of the year, 2.5% after September, 0 in December).
 */
export const MIN_BAND = 0.1;
/** floor of the mean squared relative error in the inverse-error weights (a 0.1% RMSE). */
const MSE_FLOOR = 1e-6;

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "1-9月" */
export function ytdLabelZh(month: number): string {
  return month === 1 ? '1月' : `1-${month}月`;
}
/** "January–September" */
export function ytdLabelEn(month: number): string {
  const m = MONTHS_EN[month - 1] ?? String(month);
  return month === 1 ? 'January' : `January–${m}`;
}

/** A number as planners read it: thousands separators, up to 2 decimals (3 significant below 1). */
export function fmtNum(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  let s: string;
  if (a >= 1000) s = x.toFixed(0);
  else if (a >= 1) s = x.toFixed(2).replace(/\.?0+$/, '');
  else if (a === 0) s = '0';
  else s = Number(x.toPrecision(3)).toString();
  const [int, dec] = s.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return dec !== undefined ? `${grouped}.${dec}` : grouped;
}

/** 0.052 -> "5.2%" */
export function fmtPct(g: number): string {
  return `${(g * 100).toFixed(1)}%`;
}

// ---------------------------------------------------------------------------------------------
// Data index
// ---------------------------------------------------------------------------------------------

interface Cell {
  cumulative?: number;
  growth?: number;
}

class Data {
  readonly ytd = new Map<number, Map<number, Cell>>();
  readonly price: NowcastPrice | null;
  readonly annual = new Map<number, number>();
  readonly flow: boolean;
  readonly series: string;
  readonly nameZh: string;
  readonly nameEn: string;

  constructor(input: NowcastInput) {
    this.flow = input.flow;
    this.series = input.series;
    this.nameZh = input.name_zh ?? input.series;
    this.nameEn = input.name_en ?? input.series;
    this.price = input.price && input.price.growth_basis === 'comparable' ? input.price : null;
    for (const p of input.ytd ?? []) {
      if (!p || !Number.isInteger(p.year) || !Number.isInteger(p.month) || p.month < 1 || p.month > 12) continue;
      let y = this.ytd.get(p.year);
      if (!y) {
        y = new Map();
        this.ytd.set(p.year, y);
      }
      const c = y.get(p.month) ?? {};
      if (typeof p.cumulative === 'number' && Number.isFinite(p.cumulative)) c.cumulative = p.cumulative;
      if (typeof p.growth === 'number' && Number.isFinite(p.growth)) c.growth = p.growth;
      y.set(p.month, c);
    }
    for (const a of input.annual ?? []) {
      if (a && Number.isInteger(a.year) && typeof a.value === 'number' && Number.isFinite(a.value)) this.annual.set(a.year, a.value);
    }
  }

  cum(y: number, m: number): number | undefined {
    return this.ytd.get(y)?.get(m)?.cumulative;
  }

  growth(y: number, m: number): number | undefined {
    return this.ytd.get(y)?.get(m)?.growth;
  }

  /** The annual total (or year-end level); else the January–December YTD value. */
  annualOf(y: number): number | undefined {
    const a = this.annual.get(y);
    if (a !== undefined) return a;
    return this.cum(y, 12);
  }

  hasYtd(y: number): boolean {
    const m = this.ytd.get(y);
    return m !== undefined && m.size > 0;
  }
}

// ---------------------------------------------------------------------------------------------
// The two methods, as of month N of year Y (only information available then)
// ---------------------------------------------------------------------------------------------

interface ShareCalc {
  ok: boolean;
  estimate: number | null;
  share: number | null;
  years: number[];
  ytd: number | null;
  /** why not available */
  why_zh: string;
  why_en: string;
}

function seasonalShare(d: Data, Y: number, N: number): ShareCalc {
  const c = d.cum(Y, N);
  const lab = ytdLabelZh(N);
  const labEn = ytdLabelEn(N);
  if (c === undefined) {
    return {
      ok: false,
      estimate: null,
      share: null,
      years: [],
      ytd: null,
      why_zh: `缺少${Y}年${lab}累计值`,
      why_en: `no ${labEn} ${Y} year-to-date value`,
    };
  }
  const years: number[] = [];
  const shares: number[] = [];
  const earlier = [...d.ytd.keys()].filter((y) => y < Y).sort((a, b) => b - a);
  for (const y of earlier) {
    if (years.length >= MAX_SHARE_YEARS) break;
    const cy = d.cum(y, N);
    const ay = d.annualOf(y);
    if (cy === undefined || ay === undefined || ay === 0) continue;
    const s = cy / ay;
    if (!Number.isFinite(s) || !(s > 0)) continue;
    years.push(y);
    shares.push(s);
  }
  if (shares.length === 0) {
    return {
      ok: false,
      estimate: null,
      share: null,
      years: [],
      ytd: c,
      why_zh: `往年没有同时具备${lab}累计值和全年值的年份，无法计算季节占比`,
      why_en: `no earlier year has both a ${labEn} value and an annual total, so no seasonal share`,
    };
  }
  years.reverse();
  shares.reverse();
  const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
  const est = c / mean;
  if (!Number.isFinite(est)) {
    return { ok: false, estimate: null, share: null, years: [], ytd: c, why_zh: '季节占比无效', why_en: 'invalid seasonal share' };
  }
  return { ok: true, estimate: est, share: mean, years, ytd: c, why_zh: '', why_en: '' };
}

interface GrowthCalc {
  ok: boolean;
  estimate: number | null;
  growth: number | null;
  source: 'reported' | 'derived' | null;
  base: number | null;
  /** the deflator's change applied to a comparable-price reported growth, else null. */
  price: number | null;
  price_assumed: boolean;
  why_zh: string;
  why_en: string;
}

function growthApplied(d: Data, Y: number, N: number): GrowthCalc {
  const lab = ytdLabelZh(N);
  const labEn = ytdLabelEn(N);
  const base = d.annualOf(Y - 1);
  let g: number | null = null;
  let source: 'reported' | 'derived' | null = null;
  const rg = d.growth(Y, N);
  if (rg !== undefined && rg > -1) {
    g = rg;
    source = 'reported';
  } else {
    const c1 = d.cum(Y, N);
    const c0 = d.cum(Y - 1, N);
    if (c1 !== undefined && c0 !== undefined && c0 > 0 && c1 > 0) {
      const r = c1 / c0 - 1;
      if (Number.isFinite(r) && r > -1) {
        g = r;
        source = 'derived';
      }
    }
  }
  if (base === undefined || base === 0) {
    return {
      ok: false,
      estimate: null,
      growth: g,
      source,
      base: base ?? null,
      price: null,
      price_assumed: false,
      why_zh: `缺少${Y - 1}年全年值（增速推算的基数）`,
      why_en: `no ${Y - 1} annual total (the base for growth applied)`,
    };
  }
  if (g === null) {
    return {
      ok: false,
      estimate: null,
      growth: null,
      source: null,
      base,
      price: null,
      price_assumed: false,
      why_zh: `缺少${Y}年${lab}累计增速（也无法由本年和上年同期累计值算出）`,
      why_en: `no ${labEn} ${Y} year-to-date growth (nor this and last year's cumulatives to derive it)`,
    };
  }
  // a reported comparable-price growth on current-price levels: (1 + g) x P(Y) / P(Y-1); a derived
  // growth is the ratio of current-price cumulatives, already on the levels' basis
  let price: number | null = null;
  let priceAssumed = false;
  if (source === 'reported' && d.price) {
    const pc = d.price.deflator_change[Y];
    if (typeof pc === 'number' && Number.isFinite(pc) && pc > -1) price = pc;
    else {
      price = 0;
      priceAssumed = true;
    }
  }
  const est = base * (1 + g) * (1 + (price ?? 0));
  if (!Number.isFinite(est)) {
    return {
      ok: false,
      estimate: null,
      growth: g,
      source,
      base,
      price,
      price_assumed: priceAssumed,
      why_zh: '增速推算结果无效',
      why_en: 'invalid growth-applied estimate',
    };
  }
  return { ok: true, estimate: est, growth: g, source, base, price, price_assumed: priceAssumed, why_zh: '', why_en: '' };
}

// ---------------------------------------------------------------------------------------------
// Backtest
// ---------------------------------------------------------------------------------------------

function checkYearMonth(series: string, year: number, month: number, names?: { name_zh?: string; name_en?: string }): void {
  const nz = names?.name_zh ?? series;
  const ne = names?.name_en ?? series;
  if (!Number.isInteger(year)) {
    throw new NowcastError(
      'bad_input',
      `${nz}：年份 ${String(year)} 不是整数年份`,
      `${ne}: year ${String(year)} is not a whole year`,
      series,
      year,
    );
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new NowcastError(
      'bad_input',
      `${nz}：月份 ${String(month)} 不在 1 到 12 之间`,
      `${ne}: month ${String(month)} is outside 1..12`,
      series,
      year,
    );
  }
}

function backtestOn(d: Data, Y: number, N: number): BacktestResult {
  const s = d.series;
  const nz = d.nameZh;
  const ne = d.nameEn;
  const actual = d.annualOf(Y);
  if (actual === undefined) {
    throw new NowcastError('no_actual', `${nz}：缺少${Y}年全年值，无法回测`, `${ne}: no ${Y} annual total to backtest against`, s, Y);
  }
  const has = d.cum(Y, N) !== undefined || d.growth(Y, N) !== undefined;
  if (!has) {
    throw new NowcastError(
      'no_data',
      `${nz}：缺少${Y}年${ytdLabelZh(N)}累计数据，无法回测`,
      `${ne}: no ${ytdLabelEn(N)} ${Y} year-to-date data to backtest`,
      s,
      Y,
    );
  }
  const methods: BacktestMethodResult[] = [];
  const push = (method: NowcastMethodName, est: number | null): void => {
    if (est === null || !Number.isFinite(est)) return;
    const error = est - actual;
    const rel = actual !== 0 ? error / actual : null;
    methods.push({ method, estimate: est, actual, error, error_rel: rel !== null && Number.isFinite(rel) ? rel : null });
  };
  push('seasonal_share', seasonalShare(d, Y, N).estimate);
  push('growth_applied', growthApplied(d, Y, N).estimate);
  if (methods.length === 0) {
    throw new NowcastError(
      'no_base',
      `${nz}：两种方法都缺少往年数据，无法回测${Y}年${ytdLabelZh(N)}`,
      `${ne}: neither method has the earlier data it needs to backtest ${Y} at ${ytdLabelEn(N)}`,
      s,
      Y,
    );
  }
  return { series: s, year: Y, month: N, actual, methods };
}

/**
 * What the methods would have said as of month `month` of `year` (using only the data of earlier
 * years and of that year through the month) vs the actual annual total of that year.
 * Throws NowcastError: 'no_actual' (no annual total), 'no_data' (no YTD data at the month),
 * 'no_base' (neither method computable), 'bad_input'.
 */
export function backtest(input: NowcastInput, year: number, month: number): BacktestResult {
  checkYearMonth(input.series, year, month, input);
  return backtestOn(new Data(input), year, month);
}

function backtestAllOn(d: Data, before: number, N: number): BacktestResult[] {
  const out: BacktestResult[] = [];
  const years = new Set<number>([...d.ytd.keys()]);
  for (const y of [...years].sort((a, b) => a - b)) {
    if (y >= before) continue;
    if (d.annualOf(y) === undefined) continue;
    if (d.cum(y, N) === undefined && d.growth(y, N) === undefined) continue;
    try {
      out.push(backtestOn(d, y, N));
    } catch (e) {
      if (!(e instanceof NowcastError)) throw e;
    }
  }
  return out;
}

/** The backtest at `month` for every year before `input.year` that can be backtested, ascending. */
export function backtestAll(input: NowcastInput, month: number): BacktestResult[] {
  checkYearMonth(input.series, input.year, month, input);
  return backtestAllOn(new Data(input), input.year, month);
}

// ---------------------------------------------------------------------------------------------
// The nowcast
// ---------------------------------------------------------------------------------------------

function methodErrors(bt: readonly BacktestResult[], m: NowcastMethodName): { years: number[]; rel: number[] } {
  const years: number[] = [];
  const rel: number[] = [];
  for (const b of bt) {
    const r = b.methods.find((x) => x.method === m);
    if (r && r.error_rel !== null) {
      years.push(b.year);
      rel.push(r.error_rel);
    }
  }
  return { years, rel };
}

function meanAbs(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  return xs.reduce((a, b) => a + Math.abs(b), 0) / xs.length;
}

function meanSq(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b * b, 0) / xs.length;
}

/**
 * Estimates the full year `input.year` from its year-to-date data. See the module comment and
 * docs/nowcast.md for the formulas. Throws NowcastError 'no_data' (no YTD data for the year) or
 * 'no_base' (data, but neither method has what it needs), naming the series and what is missing.
 */
export function estimateFullYear(input: NowcastInput): NowcastResult {
  const s = input.series;
  const nz = input.name_zh ?? s;
  const ne = input.name_en ?? s;
  const Y = input.year;
  if (!Number.isInteger(Y)) checkYearMonth(s, Y, 1, input);
  const d = new Data(input);
  if (!d.hasYtd(Y)) {
    throw new NowcastError(
      'no_data',
      `${nz}：没有${Y}年的1-N月累计数据（请录入累计值或累计增速）`,
      `${ne}: no year-to-date data for ${Y} (enter January–N cumulative values or growth rates)`,
      s,
      Y,
    );
  }

  // the month: given, or the latest month of Y at which at least one method works
  let N: number;
  if (input.month !== undefined) {
    checkYearMonth(s, Y, input.month, input);
    N = input.month;
  } else {
    N = 0;
    const months = [...(d.ytd.get(Y) as Map<number, Cell>).keys()].sort((a, b) => b - a);
    for (const m of months) {
      if (seasonalShare(d, Y, m).ok || growthApplied(d, Y, m).ok) {
        N = m;
        break;
      }
    }
    if (N === 0) N = months[0];
  }

  const sh = seasonalShare(d, Y, N);
  const gr = growthApplied(d, Y, N);
  if (!sh.ok && !gr.ok) {
    throw new NowcastError(
      'no_base',
      `${nz}：无法由${ytdLabelZh(N)}累计推算${Y}年全年：季节占比法${sh.why_zh}；增速推算法${gr.why_zh}`,
      `${ne}: cannot estimate ${Y} from ${ytdLabelEn(N)}: seasonal share: ${sh.why_en}; growth applied: ${gr.why_en}`,
      s,
      Y,
    );
  }

  const bt = backtestAllOn(d, Y, N);
  const eS = methodErrors(bt, 'seasonal_share');
  const eG = methodErrors(bt, 'growth_applied');

  // weights
  let wS: number;
  let wG: number;
  let weighting: 'inverse_error' | 'equal' | 'single';
  if (sh.ok && gr.ok) {
    if (eS.rel.length >= MIN_BACKTEST_YEARS && eG.rel.length >= MIN_BACKTEST_YEARS) {
      wS = 1 / Math.max(meanSq(eS.rel), MSE_FLOOR);
      wG = 1 / Math.max(meanSq(eG.rel), MSE_FLOOR);
      const t = wS + wG;
      wS /= t;
      wG /= t;
      weighting = 'inverse_error';
    } else {
      wS = 0.5;
      wG = 0.5;
      weighting = 'equal';
    }
  } else {
    wS = sh.ok ? 1 : 0;
    wG = gr.ok ? 1 : 0;
    weighting = 'single';
  }
  const estS = sh.estimate ?? 0;
  const estG = gr.estimate ?? 0;
  const estimate = wS * estS + wG * estG;
  const methodUsed: NowcastResult['method_used'] = sh.ok && gr.ok ? 'blend' : sh.ok ? 'seasonal_share' : 'growth_applied';

  // past corrections of the method used: r = actual / estimate - 1
  const corrections: number[] = [];
  const corrYears: number[] = [];
  for (const b of bt) {
    const mS = b.methods.find((x) => x.method === 'seasonal_share');
    const mG = b.methods.find((x) => x.method === 'growth_applied');
    let past: number | null;
    if (methodUsed === 'blend') {
      if (mS && mG) past = wS * mS.estimate + wG * mG.estimate;
      else past = (mS ?? mG)?.estimate ?? null;
    } else if (methodUsed === 'seasonal_share') past = mS?.estimate ?? null;
    else past = mG?.estimate ?? null;
    if (past === null || past === 0) continue;
    const r = b.actual / past - 1;
    if (Number.isFinite(r)) {
      corrections.push(r);
      corrYears.push(b.year);
    }
  }

  let low: number;
  let high: number;
  let bandSource: NowcastResult['error_band_source'];
  let minBand = false;
  const ests = [sh.estimate, gr.estimate].filter((x): x is number => x !== null);
  let bandT: number | null = null;
  let bandRms: number | null = null;
  let bandScale: NowcastResult['band_scale'] = null;
  if (corrections.length >= MIN_BACKTEST_YEARS) {
    bandSource = 'backtest';
    // Student-t prediction band from the root mean square of the n past corrections, n degrees
    // of freedom (the corrections are taken to be centred on 0: the estimate is not shifted).
    // On the log scale when every ratio is positive, so the band never crosses zero.
    const n = corrections.length;
    const t = tQuantile95(n);
    const logScale = estimate > 0 && corrections.every((r) => r > -1);
    const c = logScale ? corrections.map((r) => Math.log1p(r)) : corrections;
    const rms = Math.sqrt(meanSq(c));
    bandT = t;
    bandRms = rms;
    bandScale = logScale ? 'log' : 'relative';
    if (logScale) {
      low = estimate * Math.exp(-t * rms);
      high = estimate * Math.exp(t * rms);
    } else {
      low = estimate - t * rms * Math.abs(estimate);
      high = estimate + t * rms * Math.abs(estimate);
    }
  } else {
    bandSource = 'spread';
    low = Math.min(...ests);
    high = Math.max(...ests);
    const half = Math.abs(estimate) * MIN_BAND * ((12 - N) / 12);
    if (low > estimate - half || high < estimate + half) minBand = half > 0;
    low = Math.min(low, estimate - half);
    high = Math.max(high, estimate + half);
  }
  low = Math.min(low, estimate, ...ests);
  high = Math.max(high, estimate, ...ests);
  if (!Number.isFinite(low)) low = estimate;
  if (!Number.isFinite(high)) high = estimate;

  // texts
  const lab = ytdLabelZh(N);
  const labEn = ytdLabelEn(N);
  const unitFlowZh = d.flow ? '累计值' : '期末水平';
  const unitFlowEn = d.flow ? 'cumulative' : 'level at month end';
  const shareDetail = sh.ok
    ? {
        zh: `${Y}年${lab}${unitFlowZh} ${fmtNum(sh.ytd as number)} ÷ 往年${lab}占全年比重均值 ${fmtPct(sh.share as number)}（${sh.years.join('、')}年）= ${fmtNum(sh.estimate as number)}`,
        en: `${labEn} ${Y} ${unitFlowEn} ${fmtNum(sh.ytd as number)} ÷ mean share of ${labEn} in the annual total ${fmtPct(sh.share as number)} (${sh.years.join(', ')}) = ${fmtNum(sh.estimate as number)}`,
      }
    : { zh: `季节占比法不可用：${sh.why_zh}`, en: `seasonal share unavailable: ${sh.why_en}` };
  const defZh = d.price?.deflator_name_zh ?? '价格平减指数';
  const defEn = d.price?.deflator_name_en ?? 'the deflator';
  const priceZh =
    gr.price === null
      ? ''
      : gr.price_assumed
        ? `（可比价）×（1 + 价格变动 0%，${defZh}缺少${Y}年数值，按价格不变）`
        : `（可比价）×（1 + ${defZh}变动 ${fmtPct(gr.price)}）`;
  const priceEn =
    gr.price === null
      ? ''
      : gr.price_assumed
        ? ` (comparable prices) × (1 + price change 0%: no ${Y} value of ${defEn}, prices taken as unchanged)`
        : ` (comparable prices) × (1 + change of ${defEn} ${fmtPct(gr.price)})`;
  const growthDetail = gr.ok
    ? {
        zh: `${Y - 1}年${d.flow ? '全年' : '年末'} ${fmtNum(gr.base as number)} ×（1 + ${lab}累计增速 ${fmtPct(gr.growth as number)}${gr.source === 'derived' ? '，由本年与上年同期累计值算出' : ''}）${priceZh}= ${fmtNum(gr.estimate as number)}`,
        en: `${Y - 1} ${d.flow ? 'annual total' : 'year-end level'} ${fmtNum(gr.base as number)} × (1 + ${labEn} growth ${fmtPct(gr.growth as number)}${gr.source === 'derived' ? ', derived from this and last year’s cumulatives' : ''})${priceEn} = ${fmtNum(gr.estimate as number)}`,
      }
    : { zh: `增速推算法不可用：${gr.why_zh}`, en: `growth applied unavailable: ${gr.why_en}` };

  const methods: [SeasonalShareMethod, GrowthAppliedMethod] = [
    {
      method: 'seasonal_share',
      available: sh.ok,
      estimate: sh.estimate,
      weight: wS,
      years_used: sh.years,
      backtest_years: eS.years,
      backtest_mae_rel: meanAbs(eS.rel),
      detail_zh: shareDetail.zh,
      detail_en: shareDetail.en,
      share_used: sh.share,
      ytd_value: sh.ytd,
    },
    {
      method: 'growth_applied',
      available: gr.ok,
      estimate: gr.estimate,
      weight: wG,
      years_used: gr.ok ? [Y - 1] : [],
      backtest_years: eG.years,
      backtest_mae_rel: meanAbs(eG.rel),
      detail_zh: growthDetail.zh,
      detail_en: growthDetail.en,
      growth_used: gr.growth,
      growth_source: gr.source,
      growth_basis: gr.price !== null ? 'comparable' : 'current',
      price_change: gr.price,
      price_assumed: gr.price_assumed,
      base_year: Y - 1,
      base_value: gr.base,
      share_used: null,
    },
  ];

  let howZh: string;
  let howEn: string;
  if (methodUsed === 'blend') {
    howZh =
      weighting === 'inverse_error'
        ? `季节占比法与增速推算法按回测误差倒数加权平均（权重 ${fmtPct(wS)} / ${fmtPct(wG)}）`
        : '季节占比法与增速推算法简单平均（回测年份不足，等权）';
    howEn =
      weighting === 'inverse_error'
        ? `seasonal share and growth applied weighted by inverse backtest error (weights ${fmtPct(wS)} / ${fmtPct(wG)})`
        : 'mean of seasonal share and growth applied (too few backtest years: equal weights)';
  } else if (methodUsed === 'seasonal_share') {
    howZh = `仅用季节占比法（增速推算法不可用：${gr.why_zh}）`;
    howEn = `seasonal share only (growth applied unavailable: ${gr.why_en})`;
  } else {
    howZh = `仅用增速推算法（季节占比法不可用：${sh.why_zh}）`;
    howEn = `growth applied only (seasonal share unavailable: ${sh.why_en})`;
  }
  const bandZh =
    bandSource === 'backtest'
      ? `90%区间按${corrYears.join('、')}年同月回测误差（${corrYears.length}年，均方根 ${fmtPct(bandRms as number)}）乘t分位数 ${(bandT as number).toFixed(2)}（自由度${corrYears.length}）得出，并包含两种方法的结果`
      : `回测年份不足，区间取两种方法之差${minBand ? `，且不小于±${fmtPct(MIN_BAND * ((12 - N) / 12))}` : ''}`;
  const bandEn =
    bandSource === 'backtest'
      ? `90% range from the backtest errors at the same month in ${corrYears.join(', ')} (${corrYears.length} years, root mean square ${fmtPct(bandRms as number)}) times the t quantile ${(bandT as number).toFixed(2)} (${corrYears.length} degrees of freedom), widened to contain both methods`
      : `too few backtest years: range from the spread of the methods${minBand ? `, at least ±${fmtPct(MIN_BAND * ((12 - N) / 12))}` : ''}`;
  const note_zh = `按${Y}年${lab}累计推算，全年预计 ${fmtNum(estimate)}（区间 ${fmtNum(low)}–${fmtNum(high)}）；${howZh}；${bandZh}。`;
  const note_en = `Nowcast of ${Y} from ${labEn}: ${fmtNum(estimate)} (range ${fmtNum(low)}–${fmtNum(high)}); ${howEn}; ${bandEn}.`;

  return {
    series: s,
    year: Y,
    as_of_month: N,
    flow: d.flow,
    estimate,
    low,
    high,
    methods,
    method_used: methodUsed,
    error_band_source: bandSource,
    band_t: bandT,
    band_rms: bandRms,
    band_scale: bandScale,
    min_band_applied: minBand,
    backtest: bt,
    note_zh,
    note_en,
  };
}
