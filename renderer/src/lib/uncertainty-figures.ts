/**
 * Plotly figures for uncertainty, as plain data: the fan chart of a target (percentile bands of
 * the simulation), the tornado of one target, the heatmap of which lever drives which target, and
 * the attribution waterfall between two scenarios. Chinese labels by default, English with
 * `{ en: true }`. Only trace types of the renderer's Plotly bundle (lib/plotly-traces.ts) are used (scatter,
 * bar, heatmap): the waterfall is built from bars with a `base`, not from the 'waterfall' type.
 * Pure: no Plotly import, no DOM; tested in Node.
 */
import { plotText } from '../../../models/markup';
import { kindOf } from '../../../models/kinds';
import type { Target } from '../../../models/schema';
import type { Percentiles, TargetSimulation } from '../../../models/montecarlo';
import type { SensitivityMatrix, TargetAttribution, TornadoResult } from '../../../models/sensitivity';
import { formatProbability as formatModelProbability } from '../../../models/probability';
import { ACTUAL_COLOR, FONT_STACK, TARGET_COLOR } from './figure';
import { formatJudged, showNumber, formatPoints, formatTarget, showValue, isPercentUnit, judgedUnit, showUnit } from './format';

export interface ScatterTrace {
  type: 'scatter';
  name: string;
  x: (number | string)[];
  y: (number | null)[];
  mode: 'lines' | 'markers' | 'lines+markers';
  line?: { color?: string; width?: number; dash?: 'solid' | 'dash' | 'dot' };
  marker?: { color?: string; size?: number; symbol?: string; line?: { color?: string; width?: number } };
  fill?: 'none' | 'tonexty';
  fillcolor?: string;
  hovertemplate?: string;
  hoverinfo?: 'skip' | 'none' | 'text';
  text?: string[];
  showlegend?: boolean;
  legendgroup?: string;
  meta: { role: string };
}

export interface BarTrace {
  type: 'bar';
  name: string;
  orientation?: 'v' | 'h';
  x: (number | string | null)[];
  y: (number | string | null)[];
  /** where each bar starts (the waterfall's running total, the tornado's centre) */
  base?: (number | null)[] | number;
  marker?: { color?: string | string[]; line?: { color?: string; width?: number } };
  text?: string[];
  textposition?: 'auto' | 'inside' | 'outside' | 'none';
  hovertemplate?: string;
  hoverinfo?: 'skip' | 'none' | 'text';
  showlegend?: boolean;
  legendgroup?: string;
  width?: number;
  meta: { role: string };
}

export interface HeatmapTrace {
  type: 'heatmap';
  name: string;
  x: string[];
  y: string[];
  z: (number | null)[][];
  zmin: number;
  zmax: number;
  zmid: number;
  colorscale: [number, string][];
  text: string[][];
  hovertemplate: string;
  xgap?: number;
  ygap?: number;
  colorbar?: Record<string, unknown>;
  meta: { role: string };
}

export type UncertaintyTrace = ScatterTrace | BarTrace | HeatmapTrace;

export interface UncertaintyFigure {
  data: UncertaintyTrace[];
  layout: Record<string, unknown>;
}

export interface FigureOptions {
  /** English labels (default: Chinese) */
  en?: boolean;
}

const BAND_COLOR = '#1f5fbf';
const UP_COLOR = '#2a9d8f';
const DOWN_COLOR = '#d1495b';
const TOTAL_COLOR = '#5a6b7b';
const LOW_COLOR = '#e07a1f';
const HIGH_COLOR = '#1f5fbf';

const UNCERTAINTY_TEXT = {
  zh: {
    band90: '90% 的情形落在此区间',
    band50: '50% 的情形落在此区间',
    median: '中位数（一半情形高于此线）',
    actual: '实际值',
    target: '目标值',
    pMeet: (p: string) => `达标概率 ${p}`,
    low: '取区间下限时',
    high: '取区间上限时',
    centre: '各假设取中间值',
    increase: '增加',
    decrease: '减少',
    scenarioValue: '情景测算值',
    interaction: '交互作用',
    heatmap: '影响大小（按指标归一）',
    scaleNote: '颜色：该假设由区间下限调至上限时对指标的影响，按对该指标影响最大的假设归一；蓝为提高，红为降低',
    yearSuffix: '年',
    from: '情景 A',
    to: '情景 B',
  },
  en: {
    band90: '90% of outcomes fall in this band',
    band50: '50% of outcomes fall in this band',
    median: 'median (half of outcomes above)',
    actual: 'actual',
    target: 'target',
    pMeet: (p: string) => `probability of meeting the target ${p}`,
    low: 'at the low end of the range',
    high: 'at the high end of the range',
    centre: 'every assumption at its centre',
    increase: 'increase',
    decrease: 'decrease',
    scenarioValue: 'scenario value',
    interaction: 'interaction',
    heatmap: 'effect (scaled per target)',
    scaleNote:
      'Colour: effect on the target of moving the assumption from the low to the high end of its range, scaled by the largest effect on that target; blue raises it, red lowers it',
    yearSuffix: '',
    from: 'scenario A',
    to: 'scenario B',
  },
} as const;

function langOf(opts?: FigureOptions): 'zh-CN' | 'en' {
  return opts?.en ? 'en' : 'zh-CN';
}

function textOf(opts?: FigureOptions) {
  return opts?.en ? UNCERTAINTY_TEXT.en : UNCERTAINTY_TEXT.zh;
}

function rgba(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return `rgba(31,95,191,${alpha})`;
  return `rgba(${parseInt(m[1], 16)},${parseInt(m[2], 16)},${parseInt(m[3], 16)},${alpha})`;
}

function baseLayout(opts?: FigureOptions): Record<string, unknown> {
  return {
    font: { family: FONT_STACK, size: 13, color: '#1b2733' },
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    hoverlabel: { font: { family: FONT_STACK, size: 12 }, align: 'left' },
    legend: { orientation: 'h', x: 0, y: -0.16, xanchor: 'left', yanchor: 'top', font: { size: 12 } },
    separators: opts?.en ? '.,' : '.,',
  };
}

/** A probability as planners read it: the one format of models/probability.ts (<1%, >99%, else a whole percent). */
export function formatProbability(p: number | null | undefined, _opts?: FigureOptions): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  return formatModelProbability(p);
}

// ---------------------------------------------------------------------------------------------
// Fan chart
// ---------------------------------------------------------------------------------------------

export interface FanChartInput {
  target: Pick<Target, 'id' | 'kind' | 'unit' | 'comparator' | 'comparator_zh' | 'target' | 'target_year' | 'start_year' | 'base_year'>;
  /** the simulation of the target (percentiles of its judged quantity per year, p_meet) */
  simulation: Pick<TargetSimulation, 'percentiles' | 'p_meet'> | { percentiles: Record<number, Percentiles>; p_meet?: number };
  /** actuals of the judged quantity, year -> value (drawn as a solid line) */
  actuals?: Record<number, number>;
  /** the base year, for annual_flow targets drawn from the first counted year */
  baseYear?: number;
}

/** The fan chart: 5-95 and 25-75 bands, the median, actuals and the target. */
export function fanChartFigure(input: FanChartInput, opts?: FigureOptions): UncertaintyFigure {
  const T = textOf(opts);
  const lang = langOf(opts);
  const { target, simulation } = input;
  const unit = judgedUnit(target);
  const uLabel = plotText(showUnit(unit, lang));
  const years = Object.keys(simulation.percentiles)
    .map(Number)
    .filter((y) => Number.isFinite(y))
    .sort((a, b) => a - b);
  const pc = (k: keyof Percentiles) => years.map((y) => simulation.percentiles[y][k]);
  const data: UncertaintyTrace[] = [];
  const fmt = (v: string) => (uLabel ? `${v} ${uLabel}` : v);
  data.push(
    {
      type: 'scatter',
      name: T.band90,
      x: years,
      y: pc('p95'),
      mode: 'lines',
      line: { width: 0, color: BAND_COLOR },
      hoverinfo: 'skip',
      showlegend: false,
      legendgroup: 'band90',
      meta: { role: 'band90_high' },
    },
    {
      type: 'scatter',
      name: T.band90,
      x: years,
      y: pc('p5'),
      mode: 'lines',
      line: { width: 0, color: BAND_COLOR },
      fill: 'tonexty',
      fillcolor: rgba(BAND_COLOR, 0.13),
      text: years.map(
        (y) => `${formatJudged(target, simulation.percentiles[y].p5, lang)} – ${formatJudged(target, simulation.percentiles[y].p95, lang)}`,
      ),
      hovertemplate: `${plotText(T.band90)}<br>%{x}: %{text}<extra></extra>`,
      showlegend: true,
      legendgroup: 'band90',
      meta: { role: 'band90_low' },
    },
    {
      type: 'scatter',
      name: T.band50,
      x: years,
      y: pc('p75'),
      mode: 'lines',
      line: { width: 0, color: BAND_COLOR },
      hoverinfo: 'skip',
      showlegend: false,
      legendgroup: 'band50',
      meta: { role: 'band50_high' },
    },
    {
      type: 'scatter',
      name: T.band50,
      x: years,
      y: pc('p25'),
      mode: 'lines',
      line: { width: 0, color: BAND_COLOR },
      fill: 'tonexty',
      fillcolor: rgba(BAND_COLOR, 0.28),
      text: years.map(
        (y) =>
          `${formatJudged(target, simulation.percentiles[y].p25, lang)} – ${formatJudged(target, simulation.percentiles[y].p75, lang)}`,
      ),
      hovertemplate: `${plotText(T.band50)}<br>%{x}: %{text}<extra></extra>`,
      showlegend: true,
      legendgroup: 'band50',
      meta: { role: 'band50_low' },
    },
    {
      type: 'scatter',
      name: T.median,
      x: years,
      y: pc('p50'),
      mode: 'lines+markers',
      line: { color: BAND_COLOR, width: 2.5, dash: 'dash' },
      marker: { color: BAND_COLOR, size: 6 },
      hovertemplate: `${plotText(T.median)}<br>%{x}: ${fmt('%{y:,.2f}')}<extra></extra>`,
      showlegend: true,
      meta: { role: 'median' },
    },
  );
  const actualYears = Object.keys(input.actuals ?? {})
    .map(Number)
    .filter((y) => Number.isFinite((input.actuals as Record<number, number>)[y]))
    .sort((a, b) => a - b);
  if (actualYears.length > 0) {
    data.push({
      type: 'scatter',
      name: T.actual,
      x: actualYears,
      y: actualYears.map((y) => (input.actuals as Record<number, number>)[y]),
      mode: 'lines+markers',
      line: { color: ACTUAL_COLOR, width: 2.5, dash: 'solid' },
      marker: { color: ACTUAL_COLOR, size: 8 },
      hovertemplate: `${plotText(T.actual)}<br>%{x}: ${fmt('%{y:,.2f}')}<extra></extra>`,
      showlegend: true,
      meta: { role: 'actual' },
    });
  }
  // the target: a star in the target year, a line over the counted years of an annual flow, a
  // vertical bar for a range
  const tv = target.target;
  const targetName = `${T.target}（${formatTarget(target, lang)}）`;
  const Ty = target.target_year;
  if (Array.isArray(tv)) {
    data.push({
      type: 'scatter',
      name: targetName,
      x: [Ty, Ty],
      y: [Math.min(tv[0], tv[1]), Math.max(tv[0], tv[1])],
      mode: 'lines+markers',
      line: { color: TARGET_COLOR, width: 6 },
      marker: { color: TARGET_COLOR, size: 12, symbol: 'star' },
      hovertemplate: `${plotText(targetName)}<extra></extra>`,
      showlegend: true,
      meta: { role: 'target' },
    });
  } else {
    if (kindOf(target.kind).everyYear) {
      // the first counted year: start_year, else the year after the base year (the simulation's
      // percentiles of a target run from its base year)
      const start = target.start_year ?? (target.base_year ?? input.baseYear ?? (years.length ? years[0] : Ty - 1)) + 1;
      const xs: number[] = [];
      for (let y = start; y <= Ty; y++) xs.push(y);
      data.push({
        type: 'scatter',
        name: targetName,
        x: xs,
        y: xs.map(() => tv),
        mode: 'lines',
        line: { color: TARGET_COLOR, width: 1.5, dash: 'dot' },
        hoverinfo: 'skip',
        showlegend: false,
        meta: { role: 'target_line' },
      });
    }
    data.push({
      type: 'scatter',
      name: targetName,
      x: [Ty],
      y: [tv],
      mode: 'markers',
      marker: { color: TARGET_COLOR, size: 15, symbol: 'star', line: { color: '#ffffff', width: 1 } },
      hovertemplate: `${plotText(targetName)}<extra></extra>`,
      showlegend: true,
      meta: { role: 'target' },
    });
  }
  const xsAll = [...years, ...actualYears, Ty];
  const x0 = Math.min(...xsAll);
  const x1 = Math.max(...xsAll);
  const annotations: unknown[] = [];
  if (simulation.p_meet !== undefined && simulation.p_meet !== null) {
    annotations.push({
      xref: 'paper',
      yref: 'paper',
      x: 1,
      y: 1.02,
      xanchor: 'right',
      yanchor: 'bottom',
      showarrow: false,
      text: `<b>${plotText(T.pMeet(formatProbability(simulation.p_meet, opts)))}</b>`,
      font: { size: 13, color: '#1b2733' },
      meta: { role: 'p_meet' },
    });
  }
  return {
    data,
    layout: {
      ...baseLayout(opts),
      margin: { l: 64, r: 24, t: 36, b: 40 },
      xaxis: {
        type: 'linear',
        dtick: 1,
        tickformat: 'd',
        range: [x0 - 0.4, x1 + 0.4],
        gridcolor: '#eef1f4',
        zeroline: false,
        ticksuffix: T.yearSuffix,
      },
      yaxis: {
        title: uLabel ? { text: uLabel, font: { size: 12, color: '#5b6773' } } : undefined,
        gridcolor: '#eef1f4',
        zeroline: false,
        tickformat: ',~r',
        automargin: true,
      },
      showlegend: true,
      hovermode: 'closest',
      annotations,
      uirevision: `fan-${target.id}`,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Tornado
// ---------------------------------------------------------------------------------------------

function paramText(parameter: string, low: number, high: number, lang: string): string {
  const rate = parameter === 'rate' || parameter === 'underlying_rate' || parameter === 'shift';
  const f = (x: number) => (rate ? `${showNumber(x * 100, lang, 1)}%` : showNumber(x, lang, 2));
  return `${f(low)}–${f(high)}`;
}

/** The tornado of one target: one row per uncertain assumption, widest swing on top. */
export function tornadoFigure(t: TornadoResult, opts?: FigureOptions & { maxBars?: number }): UncertaintyFigure {
  const T = textOf(opts);
  const lang = langOf(opts);
  const bars = t.bars.slice(0, opts?.maxBars ?? 15);
  const centre = t.base ?? 0;
  const labels = bars.map((b) => `${opts?.en ? b.name_en : b.name_zh}（${paramText(b.parameter, b.low, b.high, lang)}）`);
  const fmt = (v: number | null) => formatJudged({ kind: t.kind, unit: t.unit }, v, lang);
  const side = (which: 'low' | 'high'): BarTrace => ({
    type: 'bar',
    orientation: 'h',
    name: which === 'low' ? T.low : T.high,
    y: labels,
    x: bars.map((b) => {
      const v = which === 'low' ? b.value_low : b.value_high;
      return v === null ? null : v - centre;
    }),
    base: centre,
    marker: { color: which === 'low' ? LOW_COLOR : HIGH_COLOR },
    text: bars.map((b) => fmt(which === 'low' ? b.value_low : b.value_high)),
    textposition: 'none',
    hovertemplate: `%{y}<br>${plotText(which === 'low' ? T.low : T.high)}：%{text}<extra></extra>`,
    showlegend: true,
    meta: { role: which === 'low' ? 'tornado_low' : 'tornado_high' },
  });
  const shapes: unknown[] = [];
  if (t.base !== null) {
    shapes.push({
      type: 'line',
      xref: 'x',
      yref: 'paper',
      x0: centre,
      x1: centre,
      y0: 0,
      y1: 1,
      line: { color: '#1b2733', width: 1.5 },
      meta: { role: 'centre' },
    });
  }
  const tv = t.target_value;
  if (!Array.isArray(tv)) {
    shapes.push({
      type: 'line',
      xref: 'x',
      yref: 'paper',
      x0: tv,
      x1: tv,
      y0: 0,
      y1: 1,
      line: { color: TARGET_COLOR, width: 1.5, dash: 'dot' },
      meta: { role: 'target' },
    });
  }
  const annotations: unknown[] = [];
  if (t.base !== null) {
    annotations.push({
      xref: 'x',
      yref: 'paper',
      x: centre,
      y: 1,
      yanchor: 'bottom',
      showarrow: false,
      text: `${plotText(T.centre)}：${plotText(fmt(t.base))}`,
      font: { size: 11, color: '#5b6773' },
    });
  }
  if (!Array.isArray(tv)) {
    annotations.push({
      xref: 'x',
      yref: 'paper',
      x: tv,
      y: 0,
      yanchor: 'top',
      showarrow: false,
      text: `${plotText(T.target)} ${plotText(formatTarget({ ...t, target: t.target_value }, lang))}`,
      font: { size: 11, color: TARGET_COLOR },
    });
  }
  return {
    data: [side('low'), side('high')],
    layout: {
      ...baseLayout(opts),
      barmode: 'overlay',
      margin: { l: 220, r: 24, t: 40, b: 56 },
      xaxis: {
        title: { text: plotText(showUnit(judgedUnit(t), lang)), font: { size: 12 } },
        gridcolor: '#eef1f4',
        zeroline: false,
        tickformat: ',~r',
      },
      yaxis: { autorange: 'reversed', automargin: true, type: 'category' },
      shapes,
      annotations,
      hovermode: 'closest',
      uirevision: `tornado-${t.target}`,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Heatmap
// ---------------------------------------------------------------------------------------------

/** Which lever drives which target: assumptions (rows) x targets (columns), normalised swings. */
export function heatmapFigure(m: SensitivityMatrix, opts?: FigureOptions & { hideEmpty?: boolean; targets?: string[] }): UncertaintyFigure {
  const T = textOf(opts);
  const lang = langOf(opts);
  const hide = opts?.hideEmpty ?? true;
  let cols = m.targets.map((_, k) => k);
  if (opts?.targets) {
    const want = new Set(opts.targets);
    cols = cols.filter((k) => want.has(m.targets[k].id));
  }
  const nonzero = (x: number | null) => x !== null && x !== 0;
  if (hide) cols = cols.filter((k) => m.swing.some((row) => nonzero(row[k])));
  let rows = m.assumptions.map((_, i) => i);
  if (hide) rows = rows.filter((i) => cols.some((k) => nonzero(m.swing[i][k])));
  const x = cols.map((k) => (opts?.en ? m.targets[k].name_en : m.targets[k].name_zh));
  const y = rows.map((i) => (opts?.en ? m.assumptions[i].name_en : m.assumptions[i].name_zh));
  const z = rows.map((i) => cols.map((k) => m.normalised[i][k]));
  const text = rows.map((i) =>
    cols.map((k) => {
      const s = m.swing[i][k];
      if (s === null) return '—';
      const unit = m.targets[k].unit;
      const sign = s > 0 ? '+' : '';
      return isPercentUnit(unit) ? `${sign}${formatPoints(s, lang, 2)}` : `${sign}${showValue(s, unit, lang)}`;
    }),
  );
  const trace: HeatmapTrace = {
    type: 'heatmap',
    name: T.heatmap,
    x,
    y,
    z,
    zmin: -1,
    zmax: 1,
    zmid: 0,
    colorscale: [
      [0, '#b2182b'],
      [0.25, '#ef8a62'],
      [0.5, '#f7f7f7'],
      [0.75, '#67a9cf'],
      [1, '#2166ac'],
    ],
    text,
    hovertemplate: '%{y} → %{x}<br>%{text}<extra></extra>',
    xgap: 1,
    ygap: 1,
    colorbar: {
      title: { text: T.heatmap, side: 'right' },
      thickness: 12,
      tickvals: [-1, 0, 1],
      ticktext: opts?.en ? ['lowers', '0', 'raises'] : ['降低', '0', '提高'],
    },
    meta: { role: 'heatmap' },
  };
  return {
    data: [trace],
    layout: {
      ...baseLayout(opts),
      margin: { l: 200, r: 24, t: 24, b: 160 },
      xaxis: { tickangle: -45, automargin: true, type: 'category' },
      yaxis: { autorange: 'reversed', automargin: true, type: 'category' },
      annotations: [
        {
          xref: 'paper',
          yref: 'paper',
          x: 0,
          y: -0.02,
          xanchor: 'left',
          yanchor: 'top',
          showarrow: false,
          text: plotText(T.scaleNote),
          font: { size: 11, color: '#5b6773' },
        },
      ],
      uirevision: 'sensitivity-heatmap',
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Waterfall
// ---------------------------------------------------------------------------------------------

/** The size of a waterfall step as its label shows it (no sign): 0.40个百分点, 12亿元. */
function stepMagnitude(mag: number, unit: string, lang: string): string {
  return isPercentUnit(unit) ? formatPoints(mag, lang, 2) : showValue(mag, unit, lang);
}

/** Does a step's label read zero at the label's precision ("0.00个百分点", "0亿元")? */
function readsZero(v: number, unit: string, lang: string): boolean {
  const name = showUnit(unit, lang);
  const text = stepMagnitude(Math.abs(v), unit, lang);
  return !/[1-9]/.test(name ? text.split(name).join('') : text);
}

export interface WaterfallOmitted {
  /** the indices (in a.bars) of the steps too small to show */
  indices: number[];
  /** their names in the chart's language */
  names: string[];
  /** the display precision: 0.01个百分点, 0.01亿元 */
  precision: string;
  /** "影响不足0.01个百分点：甲、乙" / "Effect below 0.01 percentage points: x, y"; '' when none */
  note: string;
}

/**
 * THE rule for a waterfall step below the display precision: a change (or the interaction) whose
 * label would read zero ("−0.00个百分点") is not drawn as a bar; it is named in a note instead
 * ("影响不足0.01个百分点：…"). The bars drawn and the note together are every step.
 */
export function waterfallOmitted(a: TargetAttribution, opts?: FigureOptions): WaterfallOmitted {
  const lang = langOf(opts);
  const T = textOf(opts);
  const unit = judgedUnit({ kind: a.kind, unit: a.unit });
  let step = 1;
  for (let k = -6; k <= 6; k++) {
    if (!readsZero(10 ** k, unit, lang)) {
      step = 10 ** k;
      break;
    }
  }
  const precision = stepMagnitude(step, unit, lang);
  const indices: number[] = [];
  const names: string[] = [];
  a.bars.forEach((b, i) => {
    if (!readsZero(b.value, unit, lang)) return;
    indices.push(i);
    names.push(b.kind === 'interaction' ? T.interaction : opts?.en ? b.label_en : b.label_zh);
  });
  const note =
    names.length === 0
      ? ''
      : opts?.en
        ? `Effect below ${precision}, not drawn: ${names.join(', ')}`
        : `影响不足${precision}，未画出：${names.join('、')}`;
  return { indices, names, precision, note };
}

/**
 * The attribution waterfall of one target from scenario A to B: A's value, one floating bar per
 * difference (base = the running total), B's value. Bars only (the bundle has no 'waterfall').
 * A step below the display precision is not drawn; the note above the plot names it (waterfallOmitted).
 */
export function waterfallFigure(a: TargetAttribution, opts?: FigureOptions & { labelA?: string; labelB?: string }): UncertaintyFigure {
  const T = textOf(opts);
  const lang = langOf(opts);
  const target = { kind: a.kind, unit: a.unit };
  const unit = judgedUnit(target);
  const labelA = opts?.labelA ?? T.from;
  const labelB = opts?.labelB ?? T.to;
  const delta = (v: number) => {
    const sign = v > 0 ? '+' : v < 0 ? '−' : '';
    const mag = Math.abs(v);
    return `${sign}${isPercentUnit(unit) ? formatPoints(mag, lang, 2) : showValue(mag, unit, lang)}`;
  };
  const cats: string[] = [labelA];
  const stepLabel = (b: TargetAttribution['bars'][number]) =>
    b.kind === 'interaction' ? T.interaction : opts?.en ? b.label_en : b.label_zh;
  const omitted = waterfallOmitted(a, opts);
  const skip = new Set(omitted.indices);
  const bars = a.bars.filter((_, i) => !skip.has(i));
  // unique category names (two bars could share a label)
  const seen = new Map<string, number>();
  for (const b of bars) {
    let name = stepLabel(b);
    const c = seen.get(name) ?? 0;
    seen.set(name, c + 1);
    if (c > 0) name = `${name} (${c + 1})`;
    cats.push(name);
  }
  cats.push(labelB);
  const n = cats.length;
  const nulls = () => new Array<number | null>(n).fill(null);
  const from = a.from;
  const to = a.to;
  const totalsY = nulls();
  const totalsText = new Array<string>(n).fill('');
  if (from !== null) {
    totalsY[0] = from;
    totalsText[0] = formatJudged(target, from, lang);
  }
  if (to !== null) {
    totalsY[n - 1] = to;
    totalsText[n - 1] = formatJudged(target, to, lang);
  }
  const upY = nulls();
  const upBase = nulls();
  const downY = nulls();
  const downBase = nulls();
  const stepText = new Array<string>(n).fill('');
  const shapes: unknown[] = [];
  let run = from ?? 0;
  // a dotted connector at the running total from each bar to the next
  const connector = (c: number, level: number) =>
    shapes.push({
      type: 'line',
      xref: 'x',
      yref: 'y',
      x0: c + 0.4,
      x1: c + 0.6,
      y0: level,
      y1: level,
      line: { color: '#9aa5b1', width: 1, dash: 'dot' },
      meta: { role: 'connector' },
    });
  if (from !== null) connector(0, from);
  bars.forEach((b, i) => {
    const c = i + 1;
    if (b.value >= 0) {
      upY[c] = b.value;
      upBase[c] = run;
    } else {
      downY[c] = b.value;
      downBase[c] = run;
    }
    stepText[c] = delta(b.value);
    run += b.value;
    connector(c, run);
  });
  const levels = [from, to].filter((v): v is number => v !== null);
  let lo = Math.min(...levels);
  let hi = Math.max(...levels);
  let r = from ?? 0;
  for (const b of bars) {
    r += b.value;
    lo = Math.min(lo, r);
    hi = Math.max(hi, r);
  }
  const span = hi - lo || Math.abs(hi) * 0.1 || 1;
  const data: BarTrace[] = [
    {
      type: 'bar',
      name: T.scenarioValue,
      x: cats,
      y: totalsY,
      marker: { color: TOTAL_COLOR },
      text: totalsText,
      textposition: 'outside',
      hovertemplate: '%{x}<br>%{text}<extra></extra>',
      showlegend: true,
      meta: { role: 'waterfall_total' },
    },
    {
      type: 'bar',
      name: T.increase,
      x: cats,
      y: upY,
      base: upBase,
      marker: { color: UP_COLOR },
      text: stepText.map((s, i) => (upY[i] !== null ? s : '')),
      textposition: 'outside',
      hovertemplate: '%{x}<br>%{text}<extra></extra>',
      showlegend: true,
      meta: { role: 'waterfall_increase' },
    },
    {
      type: 'bar',
      name: T.decrease,
      x: cats,
      y: downY,
      base: downBase,
      marker: { color: DOWN_COLOR },
      text: stepText.map((s, i) => (downY[i] !== null ? s : '')),
      textposition: 'outside',
      hovertemplate: '%{x}<br>%{text}<extra></extra>',
      showlegend: true,
      meta: { role: 'waterfall_decrease' },
    },
  ];
  return {
    data,
    layout: {
      ...baseLayout(opts),
      barmode: 'overlay',
      margin: { l: 64, r: 24, t: 28, b: 110 },
      xaxis: { type: 'category', tickangle: -30, automargin: true },
      yaxis: {
        title: { text: plotText(showUnit(unit, lang)), font: { size: 12 } },
        range: [lo - span * 0.35, hi + span * 0.35],
        gridcolor: '#eef1f4',
        zeroline: false,
        tickformat: ',~r',
      },
      shapes,
      annotations: omitted.note
        ? [
            {
              xref: 'paper',
              yref: 'paper',
              x: 1,
              y: 1,
              xanchor: 'right',
              yanchor: 'bottom',
              showarrow: false,
              text: plotText(omitted.note),
              font: { size: 11, color: '#5b6773' },
              meta: { role: 'waterfall_omitted' },
            },
          ]
        : [],
      hovermode: 'closest',
      uirevision: `waterfall-${a.id}`,
    },
  };
}
