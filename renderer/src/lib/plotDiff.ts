/**
 * Deciding how to redraw a chart: while a slider moves, only the y values (and hover texts) of a
 * few traces change. Then Plotly.animate with redraw: false moves just those traces' paths,
 * which is several times cheaper than Plotly.react (no axes, legend or annotation redraw), as
 * long as the new values stay inside the current axis range. Pure: unit-tested in Node.
 */
import type { Figure, PlotTrace } from './figure';

/** The parts of a trace that may change in a fast update. */
type FastKey = 'y' | 'text' | 'marker';

function withoutFast(t: PlotTrace): string {
  const { y: _y, text: _text, marker, ...rest } = t;
  void _y;
  void _text;
  const m = marker ? { ...marker, color: undefined } : undefined;
  return JSON.stringify({ ...rest, marker: m });
}

export interface FastUpdate {
  traces: number[];
  data: Pick<PlotTrace, FastKey>[];
}

/**
 * The fast update from `prev` to `next`, or null when anything but y / text / marker colours
 * changed (trace count, x, names, styles, the layout) or the new y values leave `yRange`.
 */
export function fastUpdate(prev: Figure | null, next: Figure, yRange: [number, number] | null): FastUpdate | null {
  if (!prev || !yRange || prev.data.length !== next.data.length) return null;
  if (prev.layout !== next.layout && JSON.stringify(prev.layout) !== JSON.stringify(next.layout)) return null;
  const traces: number[] = [];
  const data: FastUpdate['data'] = [];
  const [lo, hi] = yRange[0] <= yRange[1] ? yRange : [yRange[1], yRange[0]];
  for (let i = 0; i < next.data.length; i++) {
    const a = prev.data[i];
    const b = next.data[i];
    if (a === b) continue;
    if (withoutFast(a) !== withoutFast(b)) return null;
    const sameY = a.y.length === b.y.length && a.y.every((v, k) => v === b.y[k]);
    const sameText = JSON.stringify(a.text) === JSON.stringify(b.text);
    const sameMarker = JSON.stringify(a.marker) === JSON.stringify(b.marker);
    if (sameY && sameText && sameMarker) continue;
    for (const v of b.y) if (v !== null && (v < lo || v > hi)) return null;
    traces.push(i);
    const d: FastUpdate['data'][number] = { y: b.y };
    if (b.text) d.text = b.text;
    if (b.marker) d.marker = b.marker;
    data.push(d);
  }
  return { traces, data };
}
