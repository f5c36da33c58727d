/**
 * The renderer's own Plotly bundle: Plotly's core (which always carries the scatter trace) plus
 * exactly the other trace types the studio draws: bar (tornado, Shapley waterfall) and heatmap
 * (the drivers matrix). Vite builds it from plotly.js's CommonJS sources, so nothing else (maps,
 * 3-D, WebGL, pie, box ...) ships. To draw a new trace type, add it to PLOTLY_TRACE_TYPES and
 * register its module below; the `satisfies` clause fails to compile until both agree.
 */
import Plotly from 'plotly.js/lib/core';
import bar from 'plotly.js/lib/bar';
import heatmap from 'plotly.js/lib/heatmap';
import type { PlotlyTraceType } from './plotly-traces';

const traceModules = { bar, heatmap } satisfies Record<Exclude<PlotlyTraceType, 'scatter'>, unknown>;
Plotly.register(Object.values(traceModules));

export default Plotly;
