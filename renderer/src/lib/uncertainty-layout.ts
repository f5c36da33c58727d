/**
 * Layout adjustments of the uncertainty figures (lib/uncertainty-figures.ts) for the page's
 * chart sizes, as seen in the screenshots: the tornado's target label moved off the tick labels,
 * legends kept clear of rotated tick labels and axis titles, the heatmap's long names shortened
 * on the axes (full names in the hover), the fan chart's probability in the page's own format.
 * Pure: the figures stay plain data, unit-tested in Node.
 */
import { plotText } from '../../../models/markup';
import type { HeatmapTrace, UncertaintyFigure } from './uncertainty-figures';

type Obj = Record<string, unknown>;

interface Annotation extends Obj {
  x?: number;
  y?: number;
  xref?: string;
  yref?: string;
  text?: string;
  meta?: { role: string };
}

interface Shape extends Obj {
  x0?: number;
  meta?: { role: string };
}

function margin(layout: Obj): { l: number; r: number; t: number; b: number } {
  const m = (layout.margin ?? {}) as Partial<Record<'l' | 'r' | 't' | 'b', number>>;
  return { l: m.l ?? 64, r: m.r ?? 24, t: m.t ?? 28, b: m.b ?? 40 };
}

/** A horizontal legend at the very bottom of the figure, below tick labels and axis titles. */
function legendAtBottom(layout: Obj, extra = 30): Obj {
  const m = margin(layout);
  return {
    ...layout,
    legend: {
      ...((layout.legend as Obj | undefined) ?? {}),
      orientation: 'h',
      x: 0,
      xanchor: 'left',
      xref: 'container',
      y: 0,
      yanchor: 'bottom',
      yref: 'container',
    },
    margin: { ...m, b: m.b + extra },
  };
}

/**
 * The tornado: the target's label goes to the top of the plot, on the other side of its line than
 * the centre's label (at the bottom it sat on the tick labels), both in short words when given
 * (a long one ran off the figure); the legend goes under the axis title; a single bar is not
 * drawn as a slab.
 */
export function tidyTornado(fig: UncertaintyFigure, labels: { centre?: string; target?: string } = {}): UncertaintyFigure {
  const layout = fig.layout as Obj;
  const shapes = ((layout.shapes as Shape[] | undefined) ?? []).slice();
  const centre = shapes.find((s) => s.meta?.role === 'centre')?.x0;
  const target = shapes.find((s) => s.meta?.role === 'target')?.x0;
  const annotations = ((layout.annotations as Annotation[] | undefined) ?? []).map((a) => {
    const isTarget = a.y === 0 && a.yref === 'paper' && a.x === target && target !== undefined;
    if (isTarget) {
      const left = centre !== undefined && target! < centre;
      return {
        ...a,
        y: 1,
        yanchor: 'bottom',
        xanchor: left ? 'right' : 'left',
        ...(labels.target ? { text: plotText(labels.target) } : {}),
      };
    }
    if (centre !== undefined && a.x === centre && a.y === 1) {
      const side = target !== undefined && target !== centre ? { xanchor: target < centre ? 'left' : 'right' } : {};
      return { ...a, ...side, ...(labels.centre ? { text: plotText(labels.centre) } : {}) };
    }
    return a;
  });
  const bars = (fig.data[0] as { y?: unknown[] } | undefined)?.y?.length ?? 0;
  const xaxis = { ...((layout.xaxis as Obj | undefined) ?? {}), automargin: true };
  const m = margin(layout);
  return {
    data: fig.data,
    layout: legendAtBottom({ ...layout, xaxis, annotations, bargap: bars <= 2 ? 0.5 : 0.3, margin: { ...m, r: Math.max(m.r, 56) } }, 26),
  };
}

/**
 * The waterfall: the legend above the plot (the rotated step names take the space below). A step
 * too small for the label's two decimals is not drawn at all (uncertainty-figures.ts
 * waterfallOmitted names it in a note instead of a "−0.00个百分点" bar).
 */
export function tidyWaterfall(fig: UncertaintyFigure): UncertaintyFigure {
  const layout = fig.layout as Obj;
  const m = margin(layout);
  return {
    data: fig.data,
    layout: {
      ...layout,
      legend: { ...((layout.legend as Obj | undefined) ?? {}), orientation: 'h', x: 0, xanchor: 'left', y: 1.02, yanchor: 'bottom' },
      margin: { ...m, t: Math.max(m.t, 44) },
    },
  };
}

/** A label cut to `max` characters with an ellipsis. */
export function shortLabel(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** Labels cut to `max` characters, kept distinct (a category axis merges equal labels). */
export function shortLabels(labels: readonly string[], max: number): string[] {
  const seen = new Map<string, number>();
  return labels.map((l) => {
    let s = shortLabel(l, max);
    const n = seen.get(s) ?? 0;
    seen.set(s, n + 1);
    if (n > 0) s = `${s}(${n + 1})`;
    return s;
  });
}

/**
 * The heatmap: names on the axes shortened (rows to `rowChars`, columns to `colChars`), the full
 * names in the hover, the colour note left to the page (it sat on the rotated column names), the
 * column (target) names above the grid, where the dialog opens.
 */
export function tidyHeatmap(fig: UncertaintyFigure, opts: { rowChars?: number; colChars?: number } = {}): UncertaintyFigure {
  const trace = fig.data[0] as HeatmapTrace | undefined;
  if (!trace || trace.type !== 'heatmap') return fig;
  const fullX = trace.x;
  const fullY = trace.y;
  const next = {
    ...trace,
    x: shortLabels(fullX, opts.colChars ?? 10),
    y: shortLabels(fullY, opts.rowChars ?? 18),
    customdata: fullY.map((y) => fullX.map((x) => [y, x])),
    hovertemplate: '%{customdata[0]} → %{customdata[1]}<br>%{text}<extra></extra>',
  };
  const layout = fig.layout as Obj;
  return {
    data: [next, ...fig.data.slice(1)],
    layout: {
      ...layout,
      annotations: [],
      margin: { l: 8, r: 8, t: 30, b: 8 },
      // the targets' names on top: under 25 rows they fell below the fold of a 1366×768 dialog
      xaxis: { ...((layout.xaxis as Obj | undefined) ?? {}), side: 'top', tickangle: -45, automargin: true, tickfont: { size: 12 } },
      yaxis: { ...((layout.yaxis as Obj | undefined) ?? {}), automargin: true, tickfont: { size: 12 } },
    },
  };
}

/** The height a heatmap of `rows` rows needs: rows of 24 px plus the rotated column names. */
export function heatmapHeight(rows: number): number {
  return Math.max(320, 24 * rows + 190);
}

/** The fan chart's probability label in the page's format. */
export function withProbabilityLabel(fig: UncertaintyFigure, text: string): UncertaintyFigure {
  const layout = fig.layout as Obj;
  const annotations = ((layout.annotations as Annotation[] | undefined) ?? []).map((a) =>
    a.meta?.role === 'p_meet' ? { ...a, text: `<b>${plotText(text)}</b>` } : a,
  );
  return { data: fig.data, layout: { ...layout, annotations } };
}
