/**
 * Plotly figures as plain data: a target's trajectory (actuals, scenario projections, the target,
 * the time-proportional path, uncertainty bands) and the small multiples of the compare screen.
 * Pure: no Plotly import, no DOM; the objects are tested in Node and drawn in Chromium.
 */
import { plotText } from '../../../models/markup';
import { kindOf, type ChartSeries } from '../../../models/kinds';
import type { Actual, Reliability, Series, Target } from '../../../models/schema';
import type { ProjectionResult, SeriesProjection } from '../../../models/types';
import { formatTarget, showValue, isZh, showUnit } from './format';

export const FONT_STACK = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif';

/** Scenario colours: distinguishable on a projector and for common colour blindness. */
export const SCENARIO_COLORS = ['#1f5fbf', '#d1495b', '#2a9d8f', '#8e5cc9', '#e07a1f', '#5a6b7b'];
export const ACTUAL_COLOR = '#1b2733';
export const TARGET_COLOR = '#c0392b';
const PATH_COLOR = '#8a96a3';

export interface PlotTrace {
  type: 'scatter';
  name: string;
  x: number[];
  y: (number | null)[];
  mode: 'lines' | 'markers' | 'lines+markers' | 'text' | 'markers+text';
  line?: { color?: string; width?: number; dash?: 'solid' | 'dash' | 'dot' | 'dashdot'; shape?: 'linear' | 'hv' };
  marker?: { color?: string | string[]; size?: number | number[]; symbol?: string | string[]; line?: { color?: string; width?: number } };
  fill?: 'none' | 'tonexty' | 'toself';
  fillcolor?: string;
  hovertemplate?: string;
  hoverinfo?: 'skip' | 'none' | 'text' | 'x+y';
  text?: string[];
  customdata?: unknown[];
  showlegend?: boolean;
  legendgroup?: string;
  connectgaps?: boolean;
  /** a stable role used by tests and by the e2e checks: 'actual', 'projection', 'target', ... */
  meta?: { role: TraceRole; scenario?: string };
}

export type TraceRole = 'actual' | 'projection' | 'target' | 'target_line' | 'path' | 'band_low' | 'band_high' | 'nowcast';

export interface PlotLayout {
  [key: string]: unknown;
}

export interface Figure {
  data: PlotTrace[];
  layout: PlotLayout;
}

/** A figure with traces of any kind the bundle draws (bar and heatmap traces of the uncertainty figures). */
export interface AnyFigure {
  data: { type: string; meta?: { role: string } }[];
  layout: PlotLayout;
}

/** Whether a figure is scatter traces only (the ones a fast update can move). */
export function isScatterFigure(f: Figure | AnyFigure | null): f is Figure {
  return !!f && f.data.every((t) => t.type === 'scatter');
}

export interface FigureScenario {
  id: string;
  name: string;
  result: ProjectionResult;
  /** the scenario being edited: drawn first and thicker, and its band is drawn. */
  primary?: boolean;
  color?: string;
}

export interface FigureText {
  lang: string;
  actual: string;
  target: string;
  timePath: string;
  band: string;
  assumed: string;
  projected: string;
  source: string;
  date: string;
  reliability: (r: Reliability) => string;
  valueKind: (k: string) => string;
  computed: string;
  actualsThenForecast: [string, string];
  yearSuffix: (y: number) => string;
}

export interface Band {
  low: Record<number, number>;
  high: Record<number, number>;
}

export interface TrajectoryInput {
  target: Target;
  scenarios: FigureScenario[];
  text: FigureText;
  /** a band for the primary scenario (from the assumptions' uncertainty ranges). */
  band?: Band | null;
  /** compact chart for the small multiples. */
  compact?: boolean;
  /** the plan's definition of the judged series (whether a cumulative target sums a flow). */
  series?: Pick<Series, 'derived' | 'nature'> | null;
}

type Values = Record<number, number>;

/**
 * The values drawn for a target, in the units of its series: the level, the share, the
 * intensity (reduction), the level (average growth), the running total (cumulative of a flow).
 * `series` is the plan's definition of the judged series; without it, a series the engine derives
 * is drawn as it is and any other as a flow.
 */
export function chartValues(
  target: Target,
  sp: SeriesProjection | undefined,
  base: number,
  series?: Pick<Series, 'derived' | 'nature'> | null,
): Values {
  if (!sp) return {};
  const cs: ChartSeries = series
    ? { derived: !!series.derived, nature: series.nature }
    : { derived: sp.model === 'derived', nature: 'flow' };
  return kindOf(target.kind).chart.values(target, sp.values, base, cs);
}

/** The target in chart units (series units): a level, or [lo, hi] for a range. */
export function targetLevel(target: Target, values: Values, base: number): number | [number, number] | null {
  const t = target.target;
  if (Array.isArray(t)) return [Math.min(t[0], t[1]), Math.max(t[0], t[1])];
  return kindOf(target.kind).chart.targetLevel(target, values, base);
}

/** 序时进度线: from the base year to the target, as the target's kind measures progress. */
export function timePath(target: Target, values: Values, base: number): { x: number[]; y: number[] } | null {
  if (Array.isArray(target.target)) return null;
  return kindOf(target.kind).chart.timePath(target, values, base);
}

function sortedYears(values: Values): number[] {
  return Object.keys(values)
    .map(Number)
    .filter((y) => Number.isFinite(values[y]))
    .sort((a, b) => a - b);
}

/** Hover text of an actual: value (≥ for a lower bound), source title, date, reliability, kind. */
function actualHover(rec: Actual | undefined, value: number, unit: string, text: FigureText): string {
  const lang = text.lang;
  const prefix = rec?.value_kind === 'lower_bound' ? '≥ ' : rec?.value_kind === 'approx_below' ? '< ' : '';
  const head = `<b>${prefix}${plotText(showValue(value, unit, lang))}</b>`;
  if (!rec) return `${head}<br>${plotText(text.computed)}`;
  const lines = [
    head,
    `${plotText(text.source)}：${plotText(truncate(rec.source.title, 40))}`,
    `${plotText(text.date)}：${plotText(rec.source.date ?? '—')} · ${plotText(text.reliability(rec.source.reliability))}`,
    plotText(text.valueKind(rec.value_kind)),
  ];
  return lines.join('<br>');
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function colorOf(s: FigureScenario, i: number): string {
  return s.color ?? SCENARIO_COLORS[i % SCENARIO_COLORS.length];
}

function hexToRgba(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return `rgba(31,95,191,${alpha})`;
  return `rgba(${parseInt(m[1], 16)},${parseInt(m[2], 16)},${parseInt(m[3], 16)},${alpha})`;
}

export function buildTrajectoryFigure(input: TrajectoryInput): Figure {
  const { target, scenarios, text } = input;
  const compact = input.compact ?? false;
  const lang = text.lang;
  const unit = target.unit;
  const data: PlotTrace[] = [];
  const primary = scenarios.find((s) => s.primary) ?? scenarios[0];
  const base = primary?.result.base_year ?? 2023;
  const sp = primary?.result.series[target.series];
  const pvals = chartValues(target, sp, base, input.series);
  const actualYears = (sp?.actual_years ?? []).filter((y) => pvals[y] !== undefined).sort((a, b) => a - b);
  const lastActual = actualYears.length ? actualYears[actualYears.length - 1] : null;
  const T = target.target_year;
  const seriesUnit = sp?.unit ?? unit;

  // -- uncertainty band (behind everything) -----------------------------------------------------
  const band = input.band ?? (sp?.interval ? intervalBand(sp.interval) : null);
  if (band && primary && !compact) {
    const years = Object.keys(band.low)
      .map(Number)
      .filter((y) => band.high[y] !== undefined)
      .sort((a, b) => a - b);
    if (years.length > 0) {
      const color = colorOf(primary, scenarios.indexOf(primary));
      data.push({
        type: 'scatter',
        name: text.band,
        x: years,
        y: years.map((y) => band.high[y]),
        mode: 'lines',
        line: { width: 0, color },
        hoverinfo: 'skip',
        showlegend: false,
        legendgroup: 'band',
        meta: { role: 'band_high', scenario: primary.id },
      });
      data.push({
        type: 'scatter',
        name: text.band,
        x: years,
        y: years.map((y) => band.low[y]),
        mode: 'lines',
        line: { width: 0, color },
        fill: 'tonexty',
        fillcolor: hexToRgba(color, 0.14),
        hoverinfo: 'skip',
        showlegend: true,
        legendgroup: 'band',
        meta: { role: 'band_low', scenario: primary.id },
      });
    }
  }

  // -- time-proportional path ---------------------------------------------------------------------
  const path = timePath(target, pvals, base);
  if (path) {
    data.push({
      type: 'scatter',
      name: text.timePath,
      x: path.x,
      y: path.y,
      mode: 'lines',
      line: { color: PATH_COLOR, width: compact ? 1 : 1.5, dash: 'dot' },
      hovertemplate: compact ? undefined : `${plotText(text.timePath)} %{x}: %{y:,.1f}<extra></extra>`,
      hoverinfo: compact ? 'skip' : undefined,
      showlegend: !compact,
      meta: { role: 'path' },
    });
  }

  // -- scenario projections -------------------------------------------------------------------------
  scenarios.forEach((s, i) => {
    const ssp = s.result.series[target.series];
    const vals = chartValues(target, ssp, s.result.base_year, input.series);
    const years = sortedYears(vals);
    const sLast = ssp?.actual_years.length ? Math.max(...ssp.actual_years.filter((y) => vals[y] !== undefined)) : null;
    const from = sLast !== null && Number.isFinite(sLast) ? sLast : years[0];
    const xs = years.filter((y) => y >= from);
    if (xs.length === 0) return;
    const assumedYears = new Set(ssp?.assumed_years ?? []);
    const color = colorOf(s, i);
    const isPrimary = s === primary;
    data.push({
      type: 'scatter',
      name: s.name,
      x: xs,
      y: xs.map((y) => vals[y]),
      mode: compact ? 'lines' : 'lines+markers',
      line: { color, width: isPrimary ? 2.5 : 2, dash: 'dash' },
      marker: compact
        ? undefined
        : {
            color: xs.map((y) => (assumedYears.has(y) ? '#ffffff' : color)),
            size: 7,
            symbol: 'circle',
            line: { color, width: 2 },
          },
      text: xs.map((y) => (assumedYears.has(y) ? ` · ${text.assumed}` : '')),
      hovertemplate: compact
        ? `${plotText(s.name)} %{x}: %{y:,.1f}<extra></extra>`
        : `<b>${plotText(s.name)}</b><br>${plotText(text.projected)} %{x}: %{y:,.2f} ${plotText(showUnit(seriesUnit, lang))}%{text}<extra></extra>`,
      showlegend: !compact,
      meta: { role: 'projection', scenario: s.id },
    });
  });

  // -- actuals (solid, on top of projections) -------------------------------------------------------
  if (actualYears.length > 0 && sp) {
    data.push({
      type: 'scatter',
      name: text.actual,
      x: actualYears,
      y: actualYears.map((y) => pvals[y]),
      mode: 'lines+markers',
      line: { color: ACTUAL_COLOR, width: compact ? 1.5 : 2.5, dash: 'solid' },
      marker: {
        color: ACTUAL_COLOR,
        size: compact ? 5 : 8,
        symbol: actualYears.map((y) => (sp.provenance[y]?.value_kind === 'lower_bound' ? 'triangle-up' : 'circle')),
      },
      text: actualYears.map((y) => actualHover(sp.provenance[y], pvals[y], seriesUnit, text)),
      hovertemplate: compact ? `${plotText(text.actual)} %{x}: %{y:,.1f}<extra></extra>` : `%{x}<br>%{text}<extra></extra>`,
      showlegend: !compact,
      meta: { role: 'actual' },
    });
  }

  // -- the target ---------------------------------------------------------------------------------
  const goal = targetLevel(target, pvals, base);
  const targetText = formatTarget(target, lang);
  if (goal !== null) {
    if (kindOf(target.kind).chart.lineOverYears && !Array.isArray(goal)) {
      const start = target.start_year ?? (target.base_year ?? base) + 1;
      const xs: number[] = [];
      for (let y = start; y <= T; y++) xs.push(y);
      data.push({
        type: 'scatter',
        name: `${text.target}（${targetText}）`,
        x: xs,
        y: xs.map(() => goal),
        mode: 'lines',
        line: { color: TARGET_COLOR, width: 1.5, dash: 'dot' },
        hoverinfo: 'skip',
        showlegend: false,
        meta: { role: 'target_line' },
      });
    }
    const ys = Array.isArray(goal) ? goal : [goal];
    data.push({
      type: 'scatter',
      name: `${text.target}（${targetText}）`,
      x: ys.map(() => T),
      y: ys,
      mode: Array.isArray(goal) ? 'lines+markers' : 'markers',
      line: Array.isArray(goal) ? { color: TARGET_COLOR, width: 6 } : undefined,
      marker: { color: TARGET_COLOR, size: compact ? 10 : 15, symbol: 'star', line: { color: '#ffffff', width: 1 } },
      hovertemplate: `<b>${plotText(text.target)}</b> ${plotText(text.yearSuffix(T))}<br>${plotText(targetText)}<extra></extra>`,
      showlegend: !compact,
      meta: { role: 'target' },
    });
  }

  // -- layout --------------------------------------------------------------------------------------------
  const allYears = new Set<number>();
  for (const tr of data) for (const x of tr.x) allYears.add(x);
  const xs = [...allYears].sort((a, b) => a - b);
  const x0 = xs.length ? xs[0] : base;
  const x1 = xs.length ? xs[xs.length - 1] : T;
  const shapes: unknown[] = [];
  const annotations: unknown[] = [];
  if (lastActual !== null && lastActual < x1 && !compact) {
    shapes.push({
      type: 'line',
      xref: 'x',
      yref: 'paper',
      x0: lastActual + 0.5,
      x1: lastActual + 0.5,
      y0: 0,
      y1: 1,
      line: { color: '#c5ccd4', width: 1, dash: 'dot' },
    });
    annotations.push(
      {
        xref: 'x',
        yref: 'paper',
        x: lastActual + 0.5,
        y: 1,
        xanchor: 'right',
        yanchor: 'bottom',
        text: `${text.actualsThenForecast[0]} ◂`,
        showarrow: false,
        font: { size: 11, color: '#6b7785' },
      },
      {
        xref: 'x',
        yref: 'paper',
        x: lastActual + 0.5,
        y: 1,
        xanchor: 'left',
        yanchor: 'bottom',
        text: `▸ ${text.actualsThenForecast[1]}`,
        showarrow: false,
        font: { size: 11, color: '#6b7785' },
      },
    );
  }
  const yTitle = showUnit(seriesUnit, lang) || undefined;
  const layout: PlotLayout = {
    font: { family: FONT_STACK, size: compact ? 11 : 13, color: '#1b2733' },
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    margin: compact ? { l: 44, r: 10, t: 8, b: 26 } : { l: 64, r: 24, t: 28, b: 40 },
    xaxis: {
      type: 'linear',
      dtick: 1,
      tickformat: 'd',
      range: [x0 - 0.4, x1 + 0.4],
      gridcolor: '#eef1f4',
      zeroline: false,
      fixedrange: compact,
      ticksuffix: compact || !isZh(lang) ? '' : '年',
    },
    yaxis: {
      title: compact || !yTitle ? undefined : { text: plotText(yTitle), font: { size: 12, color: '#5b6773' } },
      gridcolor: '#eef1f4',
      zeroline: false,
      tickformat: ',~r',
      separatethousands: true,
      fixedrange: compact,
      rangemode: 'normal',
      automargin: true,
    },
    showlegend: !compact,
    legend: { orientation: 'h', x: 0, y: -0.14, xanchor: 'left', yanchor: 'top', font: { size: 12 } },
    hovermode: 'closest',
    hoverlabel: { font: { family: FONT_STACK, size: 12 }, align: 'left' },
    shapes,
    annotations,
    uirevision: `${target.id}`,
  };
  return { data: data.map(stripUndefined), layout: stripUndefined(layout) };
}

/** Plotly reads `key in obj` on some attributes: keys holding undefined must not be there at all. */
export function stripUndefined<T extends object>(obj: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    out[k] = v && typeof v === 'object' && !Array.isArray(v) ? stripUndefined(v as object) : v;
  }
  return out as T;
}

function intervalBand(interval: Record<number, [number, number]>): Band {
  const low: Record<number, number> = {};
  const high: Record<number, number> = {};
  for (const [y, [lo, hi]] of Object.entries(interval)) {
    low[Number(y)] = lo;
    high[Number(y)] = hi;
  }
  return { low, high };
}

/** The envelope of several runs' chart values: the band drawn around the primary projection. */
export function envelope(runs: Values[], fromYear: number): Band | null {
  if (runs.length === 0) return null;
  const low: Record<number, number> = {};
  const high: Record<number, number> = {};
  for (const v of runs) {
    for (const [ys, val] of Object.entries(v)) {
      const y = Number(ys);
      if (y < fromYear || !Number.isFinite(val)) continue;
      low[y] = low[y] === undefined ? val : Math.min(low[y], val);
      high[y] = high[y] === undefined ? val : Math.max(high[y], val);
    }
  }
  const years = Object.keys(low).map(Number);
  const wide = years.some((y) => high[y] - low[y] > 1e-9 * Math.max(1, Math.abs(high[y])));
  return wide ? { low, high } : null;
}

/** Plotly config: offline, no logo, no links out, only a PNG download and reset. */
export function plotConfig(lang: string, fileName: string, compact = false): Record<string, unknown> {
  return {
    displaylogo: false,
    responsive: true,
    showLink: false,
    showEditInChartStudio: false,
    showSendToCloud: false,
    displayModeBar: compact ? false : 'hover',
    modeBarButtons: compact ? undefined : [['toImage', 'resetScale2d']],
    toImageButtonOptions: { format: 'png', filename: fileName, scale: 2 },
    locale: isZh(lang) ? 'zh-CN' : 'en',
    doubleClick: 'reset',
    scrollZoom: false,
    staticPlot: false,
  };
}
