/**
 * Year-to-date figures (1-N月累计) and the nowcast of the year under way, as the screens show
 * them: which stored actuals are year-to-date points, which yearly values are nowcasts (never an
 * annual total), which series a target's nowcast comes from (its own, or the numerator of a
 * share), the backtest as a small table, and the chart marker of a nowcast point.
 * The storage convention itself (record in force, nowcast test, year-to-date notes) is
 * models/records.ts. Pure: no DOM, no i18next; unit-tested in Node.
 */
import { plotText } from '../../../models/markup';
import { isNowcast, parseYtdNote, parseYtdPeriod, recordInForce } from '../../../models/records';
import type { Actual, Plan, Target } from '../../../models/schema';
import { ytdLabelEn, ytdLabelZh, type BacktestResult, type NowcastMethodName, type NowcastResult } from '../../../models/nowcast';
import type { ProjectionResult, TargetEvaluation } from '../../../models/types';
import type { Figure, PlotTrace } from './figure';
import { showNumber, formatPlain, isZh, showUnit, withUnit } from './format';

/** "1-9月" / "January–September" (a single month: "1月" / "January"). */
export function ytdLabel(month: number, lang: string): string {
  return isZh(lang) ? ytdLabelZh(month) : ytdLabelEn(month);
}

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

type RecordLike = Pick<Actual, 'value_kind'> & { note?: string | null; entered_by?: string; source?: { title?: string } };

/** The month a nowcast record was made from: its note's {"nowcast":{"as_of":"2026-09"}}, else the source title (1-9月). */
export function nowcastMonthOf(a: RecordLike | undefined | null): number | null {
  if (!a) return null;
  const asOf = /"as_of"\s*:\s*"\d{4}-(\d{2})"/.exec(a.note ?? '');
  if (asOf) return Number(asOf[1]);
  const title = /1-(\d{1,2})月/.exec(a.source?.title ?? '') ?? /(\d{1,2})月累计/.exec(a.source?.title ?? '');
  return title ? Number(title[1]) : null;
}

// ---------------------------------------------------------------------------------------------
// Which series
// ---------------------------------------------------------------------------------------------

/**
 * The series whose year-to-date figures feed a series' value: the series itself, or (for a
 * derived series) the numerator of a ratio, the flow of a running sum, the nominal series of a
 * deflated one — recursively.
 */
export function inputSeriesChain(plan: Pick<Plan, 'series'>, seriesId: string): string[] {
  const out: string[] = [];
  let id: string | null = seriesId;
  const seen = new Set<string>();
  while (id && !seen.has(id)) {
    seen.add(id);
    out.push(id);
    const s = plan.series.find((x) => x.id === id);
    const d = s?.derived;
    if (!d) break;
    id = d.type === 'ratio' ? d.numerator : d.type === 'cumsum' ? d.of : d.nominal;
  }
  return out;
}

/** The nowcast behind a target (its series or the numerator of its share), if there is one. */
export function nowcastForTarget(
  plan: Pick<Plan, 'series'>,
  target: Pick<Target, 'series'>,
  results: readonly NowcastResult[] | undefined,
): NowcastResult | null {
  if (!results || results.length === 0) return null;
  for (const id of inputSeriesChain(plan, target.series)) {
    const r = results.find((x) => x.series === id);
    if (r) return r;
  }
  return null;
}

/**
 * Whether the value a target's status is judged on (its status year) is a nowcast: the record of
 * the target's series in that year, or of the series it is computed from. Returns the year and
 * month of the nowcast, or null.
 */
export function statusNowcast(
  plan: Pick<Plan, 'series'>,
  result: Pick<ProjectionResult, 'series'> | null | undefined,
  target: Pick<Target, 'series'>,
  evaluation: Pick<TargetEvaluation, 'status_year'> | null | undefined,
): { year: number; month: number | null; series: string } | null {
  const y = evaluation?.status_year;
  if (!result || y === null || y === undefined) return null;
  for (const id of inputSeriesChain(plan, target.series)) {
    const rec = result.series[id]?.provenance?.[y];
    if (isNowcast(rec)) return { year: y, month: nowcastMonthOf(rec), series: id };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Year-to-date table
// ---------------------------------------------------------------------------------------------

export interface YtdStored {
  id?: number;
  series: string;
  period: string;
  value: number;
  value_kind?: Actual['value_kind'];
  note?: string;
  vintage?: string | null;
  deleted_at?: string | null;
  source?: { title?: string; date?: string | null };
}

export interface YtdPoint {
  month: number;
  value: number | null;
  growth: number | null;
  source: string;
}

export interface YtdRow {
  series: string;
  year: number;
  points: YtdPoint[];
}

/**
 * Year-to-date records (period YYYY-MM) grouped per series and year, the record in force per
 * period (recordInForce), months ascending; series in plan order,
 * latest year first.
 */
export function ytdRows(list: readonly YtdStored[] | undefined, seriesOrder: readonly string[] = []): YtdRow[] {
  const inForce = recordInForce((list ?? []).filter((a) => parseYtdPeriod(a.period) !== null));
  const rows = new Map<string, YtdRow>();
  for (const a of inForce) {
    const p = parseYtdPeriod(a.period)!;
    const k = `${a.series}|${p.year}`;
    let row = rows.get(k);
    if (!row) {
      row = { series: a.series, year: p.year, points: [] };
      rows.set(k, row);
    }
    const note = parseYtdNote(a.note);
    row.points.push({
      month: p.month,
      value: note.implied !== undefined ? null : a.value,
      growth: note.growth ?? null,
      source: a.source?.title ?? '',
    });
  }
  const rank = (s: string) => {
    const i = seriesOrder.indexOf(s);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const out = [...rows.values()];
  for (const r of out) r.points.sort((a, b) => a.month - b.month);
  return out.sort((a, b) => rank(a.series) - rank(b.series) || a.series.localeCompare(b.series) || b.year - a.year);
}

/** The months shown as columns: every month present in the rows, ascending. */
export function ytdMonths(rows: readonly YtdRow[]): number[] {
  const s = new Set<number>();
  for (const r of rows) for (const p of r.points) s.add(p.month);
  return [...s].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// Backtest
// ---------------------------------------------------------------------------------------------

export const METHODS: readonly NowcastMethodName[] = ['seasonal_share', 'growth_applied'];

export interface BacktestRow {
  year: number;
  month: number;
  actual: number;
  /** relative error (estimate - actual) / actual per method; null when the method had no data. */
  errors: Record<NowcastMethodName, number | null>;
  estimates: Record<NowcastMethodName, number | null>;
}

export function backtestRows(all: readonly BacktestResult[] | undefined): BacktestRow[] {
  return (all ?? [])
    .map((b) => {
      const errors: Record<NowcastMethodName, number | null> = { seasonal_share: null, growth_applied: null };
      const estimates: Record<NowcastMethodName, number | null> = { seasonal_share: null, growth_applied: null };
      for (const m of b.methods) {
        errors[m.method] = m.error_rel;
        estimates[m.method] = m.estimate;
      }
      return { year: b.year, month: b.month, actual: b.actual, errors, estimates };
    })
    .sort((a, b) => b.year - a.year);
}

/** Mean absolute relative error of a method over the backtest rows (null when it never ran). */
export function meanAbsError(rows: readonly BacktestRow[], method: NowcastMethodName): number | null {
  const xs = rows.map((r) => r.errors[method]).filter((x): x is number => x !== null && Number.isFinite(x));
  if (xs.length === 0) return null;
  return xs.reduce((s, x) => s + Math.abs(x), 0) / xs.length;
}

/** "+2.1%" / "−0.8%" for a relative error (fraction). */
export function signedPercent(x: number | null | undefined, lang: string, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const v = Math.round(x * 100 * 10 ** digits) / 10 ** digits;
  const sign = v > 0 ? '+' : v < 0 ? '−' : '';
  return `${sign}${showNumber(Math.abs(v), lang, digits)}%`;
}

/** Which methods the backtest sentence speaks of: the one used, or both for a blend. */
export function methodsUsed(r: Pick<NowcastResult, 'method_used'>): NowcastMethodName[] {
  return r.method_used === 'blend' ? [...METHODS] : [r.method_used];
}

// ---------------------------------------------------------------------------------------------
// Chart marker
// ---------------------------------------------------------------------------------------------

const NOWCAST_COLOR = '#e07a1f';

export interface NowcastMarkerText {
  lang: string;
  /** "2026年按1-9月累计推算" */
  title: string;
  /** "方法：…" */
  method: string;
  /** "区间：…" */
  range: string;
}

/**
 * The figure with the nowcast point marked: a diamond on the drawn value of `year` (from the
 * actual trace, else the projection), with the range as an error bar when the chart shows the
 * nowcast's own series (for a share, the range is of its numerator: said in the hover only).
 */
export function withNowcastMarker(
  fig: Figure,
  mark: { year: number; low: number; high: number; estimate: number; sameSeries: boolean; unit: string; seriesName: string } | null,
  text: NowcastMarkerText,
): Figure {
  if (!mark) return fig;
  const from =
    fig.data.find((d) => d.meta?.role === 'actual' && d.x.includes(mark.year)) ??
    fig.data.find((d) => d.meta?.role === 'projection' && d.x.includes(mark.year));
  if (!from) return fig;
  const y = from.y[from.x.indexOf(mark.year)];
  if (y === null || y === undefined || !Number.isFinite(y)) return fig;
  const unit = showUnit(mark.unit, text.lang);
  const range = `${formatPlain(mark.low, text.lang, 2)}–${withUnit(formatPlain(mark.high, text.lang, 2), mark.unit, text.lang)}`;
  const hover = [
    `<b>${plotText(text.title)}</b>`,
    `${plotText(formatPlain(y, text.lang, 2))}${mark.sameSeries ? ` ${plotText(isZh(text.lang) ? '' : unit)}` : ''}`.trim(),
    plotText(text.method),
    `${plotText(text.range)}${mark.sameSeries ? '' : ` (${plotText(mark.seriesName)})`}${isZh(text.lang) ? '：' : ': '}${plotText(range)}`,
  ].join('<br>');
  const trace: PlotTrace & { error_y?: Record<string, unknown> } = {
    type: 'scatter',
    name: text.title,
    x: [mark.year],
    y: [y],
    mode: 'markers',
    marker: { color: NOWCAST_COLOR, size: 15, symbol: 'diamond', line: { color: '#ffffff', width: 1.5 } },
    text: [hover],
    hovertemplate: '%{text}<extra></extra>',
    showlegend: true,
    meta: { role: 'nowcast' },
  };
  if (mark.sameSeries && mark.high >= mark.low) {
    trace.error_y = {
      type: 'data',
      symmetric: false,
      array: [Math.max(0, mark.high - y)],
      arrayminus: [Math.max(0, y - mark.low)],
      color: NOWCAST_COLOR,
      thickness: 2,
      width: 8,
    };
  }
  return { data: [...fig.data, trace], layout: fig.layout };
}

// ---------------------------------------------------------------------------------------------
// The import's dry run
// ---------------------------------------------------------------------------------------------

/** The fields the year-to-date import reads, in the order the dialog lists them (contract/types.ts). */
export { YTD_SHEET_FIELDS } from '../../../contract/types';
import type { YtdColumnMapping } from '../../../contract/types';

/** A remembered year-to-date mapping: the header row it was made for, and the mapping. */
export interface RememberedYtdMapping {
  headers: string[];
  mapping: YtdColumnMapping;
}

const headerKey = (h: readonly string[]) =>
  h
    .map((x) =>
      String(x ?? '')
        .replace(/\s+/g, '')
        .toLowerCase(),
    )
    .join('|');

/**
 * The mapping to use for a sheet: the one remembered for the same header row (the next month's
 * bulletin has the same headers but "1-11月累计"; period words in headers are compared as "1-N月"),
 * else null (the server's guess stands).
 */
export function rememberedMappingFor(
  saved: readonly RememberedYtdMapping[] | null | undefined,
  headers: readonly string[] | null | undefined,
): YtdColumnMapping | null {
  if (!saved || !headers || headers.length === 0) return null;
  const generic = (h: readonly string[]) =>
    headerKey(h)
      .replace(/1[-—–~至]\d{1,2}月/g, '1-N月')
      .replace(/\d{1,2}月末/g, 'N月末');
  const want = generic(headers);
  const hit = saved.find((s) => generic(s.headers) === want);
  if (!hit) return null;
  // a column the sheet does not have is no column
  const out = { ...hit.mapping };
  for (const k of Object.keys(out) as (keyof YtdColumnMapping)[]) if (out[k] >= headers.length) out[k] = -1;
  return out;
}

/** The remembered list with this sheet's mapping first (at most `max` header rows kept). */
export function rememberMapping(
  saved: readonly RememberedYtdMapping[] | null | undefined,
  entry: RememberedYtdMapping,
  max = 10,
): RememberedYtdMapping[] {
  const key = headerKey(entry.headers);
  return [entry, ...(saved ?? []).filter((s) => headerKey(s.headers) !== key)].slice(0, max);
}

/** Whether two mappings differ (so a changed selection needs a new dry run). */
export function sameMapping(a: YtdColumnMapping | null | undefined, b: YtdColumnMapping | null | undefined): boolean {
  if (!a || !b) return a === b;
  return (Object.keys(a) as (keyof YtdColumnMapping)[]).every((k) => a[k] === b[k]);
}

/** The column indexes of the detected headers in the header row (for highlighting the preview). */
export function detectedColumnIndexes(
  header: readonly string[],
  columns: Record<string, string | null> | null | undefined,
): Map<number, string> {
  const out = new Map<number, string>();
  const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  for (const [field, name] of Object.entries(columns ?? {})) {
    if (!name) continue;
    const i = header.findIndex((h, k) => !out.has(k) && norm(String(h ?? '')) === norm(name));
    if (i >= 0) out.set(i, field);
  }
  return out;
}
