/** The few Plotly functions the renderer uses, typed for plotly.js's CommonJS entry points. */
declare module 'plotly.js/lib/core' {
  export interface PlotlyHTMLElement extends HTMLDivElement {
    on(event: string, handler: (...args: unknown[]) => void): void;
    removeAllListeners?(event: string): void;
  }
  export interface PlotlyStatic {
    react(el: HTMLElement, data: unknown[], layout?: unknown, config?: unknown): Promise<PlotlyHTMLElement>;
    newPlot(el: HTMLElement, data: unknown[], layout?: unknown, config?: unknown): Promise<PlotlyHTMLElement>;
    animate(el: HTMLElement, frame: unknown, opts?: unknown): Promise<void>;
    purge(el: HTMLElement): void;
    register(modules: unknown): void;
    Plots: { resize(el: HTMLElement): Promise<void> | void };
    version: string;
  }
  const Plotly: PlotlyStatic;
  export default Plotly;
}
declare module 'plotly.js/lib/bar' {
  const bar: unknown;
  export default bar;
}
declare module 'plotly.js/lib/heatmap' {
  const heatmap: unknown;
  export default heatmap;
}
