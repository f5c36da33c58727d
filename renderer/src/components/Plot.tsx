/**
 * A small React wrapper around Plotly (react-plotly.js lags React 19). Plotly (our own partial
 * bundle, lib/plotly-partial.ts: scatter, bar and heatmap only) is imported lazily the first time a chart is shown; updates use
 * Plotly.react, so dragging a slider redraws without rebuilding the chart.
 *
 * Every figure passes `plotSafe` (models/markup.ts) here, the one way to Plotly: names, categories
 * and custom data from scenarios, plans and files are shown as text, never read as Plotly's markup.
 */
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { PlotlyStatic } from 'plotly.js/lib/core';
import { plotSafe } from '../../../models/markup';
import { isScatterFigure, type AnyFigure, type Figure } from '../lib/figure';
import { fastUpdate } from '../lib/plotDiff';

let plotlyPromise: Promise<PlotlyStatic> | null = null;
let plotlyLoaded: PlotlyStatic | null = null;

const ZH_LOCALE = {
  moduleType: 'locale',
  name: 'zh-CN',
  dictionary: {
    'Download plot as a PNG': '下载为 PNG 图片',
    'Download plot': '下载图表',
    'Reset axes': '重置坐标轴',
    Autoscale: '自动缩放',
    'Zoom in': '放大',
    'Zoom out': '缩小',
    'Double-click to zoom back out': '双击恢复',
    'Taking snapshot - this may take a few seconds': '正在生成图片，请稍候',
    'Snapshot succeeded': '图片已生成',
    'Sorry, there was a problem downloading your snapshot!': '抱歉，下载图片时出错',
    trace: '序列',
  },
  format: {
    decimal: '.',
    thousands: ',',
    grouping: [3],
    currency: ['¥', ''],
    days: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
    shortDays: ['日', '一', '二', '三', '四', '五', '六'],
    months: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
    shortMonths: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
    date: '%Y-%m-%d',
  },
};

export function loadPlotly(): Promise<PlotlyStatic> {
  if (!plotlyPromise) {
    plotlyPromise = import('../lib/plotly-partial').then((m) => {
      const P = ((m as unknown as { default?: PlotlyStatic }).default ?? (m as unknown as PlotlyStatic)) as PlotlyStatic;
      P.register(ZH_LOCALE);
      plotlyLoaded = P;
      return P;
    });
    plotlyPromise.catch((err: unknown) => {
      // the chart shows its failure text; the cause goes to the console for whoever diagnoses it
      console.error('Plotly failed to load', err);
      plotlyPromise = null;
    });
  }
  return plotlyPromise;
}

export interface PlotProps {
  figure: Figure | AnyFigure;
  config: Record<string, unknown>;
  className?: string;
  ariaLabel: string;
  loadingText: string;
  errorText?: string;
  /** called after every draw (Plotly.react resolved). */
  onDrawn?: (el: HTMLElement) => void;
  testId?: string;
}

export const Plot = memo(function Plot({
  figure: given,
  config,
  className,
  ariaLabel,
  loadingText,
  errorText,
  onDrawn,
  testId,
}: PlotProps) {
  const figure = useMemo(() => plotSafe(given), [given]);
  const ref = useRef<HTMLDivElement>(null);
  const [plotly, setPlotly] = useState<PlotlyStatic | null>(plotlyLoaded);
  const [failed, setFailed] = useState(false);
  const rev = useRef(0);
  const onDrawnRef = useRef(onDrawn);
  onDrawnRef.current = onDrawn;

  useEffect(() => {
    if (plotly) return;
    let alive = true;
    loadPlotly().then(
      (p) => alive && setPlotly(() => p),
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
    };
  }, [plotly]);

  const drawn = useRef<Figure | AnyFigure | null>(null);
  const drawnConfig = useRef<Record<string, unknown> | null>(null);
  useLayoutEffect(() => {
    const el = ref.current as (HTMLDivElement & { _fullLayout?: { yaxis?: { range?: [number, number] } } }) | null;
    if (!plotly || !el) return;
    let drawing: Promise<unknown>;
    try {
      // while a slider moves only a few traces' values change: move their paths without a
      // full redraw (axes, legend and annotations stay), unless they would leave the y range
      const fast =
        el.querySelector('.main-svg') && drawnConfig.current === config && isScatterFigure(figure) && isScatterFigure(drawn.current)
          ? fastUpdate(drawn.current, figure, el._fullLayout?.yaxis?.range ?? null)
          : null;
      if (fast && fast.traces.length === 0) {
        drawing = Promise.resolve();
      } else if (fast) {
        drawing = plotly.animate(
          el,
          { data: fast.data, traces: fast.traces },
          { transition: { duration: 0 }, frame: { duration: 0, redraw: false }, mode: 'immediate' },
        );
      } else {
        drawing = plotly.react(el, figure.data, figure.layout, config);
      }
    } catch (err) {
      drawing = Promise.reject(err);
    }
    drawn.current = figure;
    drawnConfig.current = config;
    drawing.then(
      () => {
        rev.current += 1;
        el.dataset.rev = String(rev.current);
        setFailed(false);
        el.dispatchEvent(new CustomEvent('studio:drawn'));
        onDrawnRef.current?.(el);
      },
      () => {
        drawn.current = null;
        setFailed(true);
      },
    );
  }, [plotly, figure, config]);

  useEffect(() => {
    const el = ref.current;
    if (!plotly || !el || typeof ResizeObserver === 'undefined') return;
    let frame = 0;
    const ro = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (el.isConnected && el.querySelector('.main-svg')) void plotly.Plots.resize(el);
      });
    });
    ro.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      ro.disconnect();
    };
  }, [plotly]);

  useEffect(() => {
    const el = ref.current;
    return () => {
      if (el && plotlyLoaded) plotlyLoaded.purge(el);
    };
  }, []);

  return (
    <div className={`plot ${className ?? ''}`} role="img" aria-label={ariaLabel} data-testid={testId}>
      <div ref={ref} className="plot-surface" />
      {!plotly && !failed && <div className="plot-loading">{loadingText}</div>}
      {failed && <div className="plot-loading error">{errorText ?? 'Plotly failed to load'}</div>}
    </div>
  );
});
