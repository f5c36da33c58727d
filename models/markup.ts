/**
 * Text from data never becomes markup (issue 19, item 3). Two sinks read markup in this product:
 *
 * - Plotly, which renders names, category labels, hover text, annotations and legend entries
 *   through its own little HTML (`<a href>` makes a live link, `<span style>` styles, `<br>` breaks
 *   lines; `&amp;`-style entities are decoded). `plotText` escapes a value for it; `plotSafe` applies
 *   it to the fields of a figure that are always data (trace names, category values, custom data),
 *   once, in the Plot component, so no figure builder can forget them. Builders escape the values
 *   they put into the texts they compose with markup of their own (hover templates, hover text,
 *   annotations, axis titles) with `plotText`.
 * - HTML and SVG written as text (the briefing's print HTML and its SVG charts): `escapeHtml`.
 *
 * Pure: no DOM. Plotly decodes only a few named entities (not `&quot;`), so `plotText` leaves quotes
 * alone: without a `<` no tag, and so no attribute, can start.
 */

const PLOT_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** A value for Plotly's text: shown exactly as given, never read as a tag or an entity. */
export function plotText(value: string): string {
  return value.replace(/[&<>]/g, (c) => PLOT_ENTITIES[c]!);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A value for HTML or SVG text and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

type Obj = Record<string, unknown>;

function plotValues(v: unknown): unknown {
  if (typeof v === 'string') return plotText(v);
  if (Array.isArray(v)) return v.some((x) => typeof x === 'string' || Array.isArray(x)) ? v.map(plotValues) : v;
  return v;
}

/** Trace fields that hold data and never markup of ours. */
const DATA_FIELDS = ['x', 'y', 'labels', 'customdata'] as const;

/**
 * A figure whose data-only fields are escaped for Plotly: each trace's `name` (the legend entry and
 * the default hover), its category values (`x`, `y`, `labels`: axis ticks and `%{x}` / `%{y}` in
 * hovers), `customdata` (read by hover templates) and `legendgrouptitle.text`. The figure given is
 * not changed; numbers pass through as they are. Used once, by the Plot component.
 */
export function plotSafe<F extends { data: readonly unknown[]; layout?: unknown }>(figure: F): F {
  const data = figure.data.map((t) => {
    if (!t || typeof t !== 'object') return t;
    const trace = { ...(t as Obj) };
    if (typeof trace.name === 'string') trace.name = plotText(trace.name);
    for (const k of DATA_FIELDS) if (k in trace) trace[k] = plotValues(trace[k]);
    const group = trace.legendgrouptitle as Obj | undefined;
    if (group && typeof group.text === 'string') trace.legendgrouptitle = { ...group, text: plotText(group.text) };
    return trace;
  });
  return { ...figure, data };
}
