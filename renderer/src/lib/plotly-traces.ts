/**
 * The trace types the renderer's Plotly bundle (plotly-partial.ts) can draw. Scatter comes with
 * Plotly's core; every other type listed here must be registered there (the compiler checks it).
 * Kept apart from the bundle so figure builders and their tests can use it without loading Plotly.
 */
export const PLOTLY_TRACE_TYPES = ['scatter', 'bar', 'heatmap'] as const;
export type PlotlyTraceType = (typeof PLOTLY_TRACE_TYPES)[number];
