/**
 * The uncertainty figures as data (fan chart, tornado, heatmap, waterfall), the simulation worker's
 * message handler and the promise client, in Node with a fake worker.
 */
import { describe, expect, it } from 'vitest';
import { simulatePlan, type SimulationResult } from '../../../models/montecarlo';
import { attribution, sensitivityMatrix, tornado } from '../../../models/sensitivity';
import {
  fanChartFigure,
  formatProbability,
  heatmapFigure,
  tornadoFigure,
  waterfallFigure,
  type BarTrace,
  type HeatmapTrace,
  type ScatterTrace,
  type UncertaintyFigure,
  type UncertaintyTrace,
} from '../../../renderer/src/lib/uncertainty-figures';
import { createSimulationHandler, type WorkerRequest, type WorkerResponse } from '../../../renderer/src/workers/simulate.worker';
import { createSimulationClient, isCancelled, SimulationError, type WorkerLike } from '../../../renderer/src/lib/simulation-client';
import type { GrowthModel } from '../../../models/schema';
import { fullAssumptions, fullPlan } from './fixtures';
import { PLOTLY_TRACE_TYPES } from '../../../renderer/src/lib/plotly-traces';

const plan = fullPlan();
const assumptions = fullAssumptions();
const sim = simulatePlan({ plan, assumptions, draws: 500, seed: 1 });
// the trace types the renderer's Plotly bundle registers
const ALLOWED = new Set<string>(PLOTLY_TRACE_TYPES);

const role = (fig: UncertaintyFigure, r: string): UncertaintyTrace | undefined => fig.data.find((t) => t.meta.role === r);

describe('fan chart', () => {
  const target = plan.targets.find((t) => t.id === 't_level')!;
  const st = sim.targets.find((t) => t.id === 't_level')!;

  it('two bands, the median, actuals and the target, in plain words', () => {
    const fig = fanChartFigure({ target, simulation: st, actuals: { 2023: 300 } });
    expect(fig.data.every((t) => ALLOWED.has(t.type))).toBe(true);
    const hi90 = role(fig, 'band90_high') as ScatterTrace;
    const lo90 = role(fig, 'band90_low') as ScatterTrace;
    const hi50 = role(fig, 'band50_high') as ScatterTrace;
    const lo50 = role(fig, 'band50_low') as ScatterTrace;
    const med = role(fig, 'median') as ScatterTrace;
    expect(lo90.name).toBe('90% 的情形落在此区间');
    expect(lo50.name).toBe('50% 的情形落在此区间');
    expect(lo90.fill).toBe('tonexty');
    // the low edge fills to the trace just before it: the matching high edge
    expect(fig.data.indexOf(lo90) - fig.data.indexOf(hi90)).toBe(1);
    expect(fig.data.indexOf(lo50) - fig.data.indexOf(hi50)).toBe(1);
    const years = Object.keys(st.percentiles).map(Number);
    expect(med.x).toEqual(years);
    expect(med.y).toEqual(years.map((y) => st.percentiles[y].p50));
    expect(hi90.y).toEqual(years.map((y) => st.percentiles[y].p95));
    expect(lo50.y).toEqual(years.map((y) => st.percentiles[y].p25));
    expect((role(fig, 'actual') as ScatterTrace).y).toEqual([300]);
    const tg = role(fig, 'target') as ScatterTrace;
    expect(tg.x).toEqual([2026]);
    expect(tg.y).toEqual([500]);
    expect(tg.name).toContain('目标值');
    const ann = (fig.layout.annotations as { text: string }[])[0];
    expect(ann.text).toContain('达标概率');
  });

  it('English labels with { en: true }', () => {
    const fig = fanChartFigure({ target, simulation: st }, { en: true });
    expect(role(fig, 'band90_low')!.type).toBe('scatter');
    expect((role(fig, 'band90_low') as ScatterTrace).name).toBe('90% of outcomes fall in this band');
    expect((role(fig, 'band50_low') as ScatterTrace).name).toBe('50% of outcomes fall in this band');
    expect((role(fig, 'target') as ScatterTrace).name).toMatch(/^target/);
    expect(role(fig, 'actual')).toBeUndefined();
  });

  it('a range target is a vertical bar; an annual flow also gets a line over its years', () => {
    const range = plan.targets.find((t) => t.id === 't_range')!;
    const fr = fanChartFigure({ target: range, simulation: sim.targets.find((t) => t.id === 't_range')! });
    expect((role(fr, 'target') as ScatterTrace).y).toEqual([5, 7]);
    const annual = plan.targets.find((t) => t.id === 't_annual')!;
    const fa = fanChartFigure({ target: annual, simulation: sim.targets.find((t) => t.id === 't_annual')! });
    expect((role(fa, 'target_line') as ScatterTrace).x).toEqual([2024, 2025, 2026]);
  });

  it('probabilities read as planners say them', () => {
    expect(formatProbability(0.623)).toBe('62%');
    expect(formatProbability(0.001)).toBe('<1%');
    expect(formatProbability(0.999)).toBe('>99%');
    expect(formatProbability(0)).toBe('<1%');
    expect(formatProbability(null)).toBe('—');
  });
});

describe('tornado figure', () => {
  const t = tornado({ plan, assumptions }, 't_share');

  it('bars only, horizontal, from the centre value, widest on top', () => {
    const fig = tornadoFigure(t);
    expect(fig.data.map((d) => d.type)).toEqual(['bar', 'bar']);
    const [lo, hi] = fig.data as BarTrace[];
    expect(lo.orientation).toBe('h');
    expect(lo.base).toBe(t.base);
    expect(lo.name).toBe('取区间下限时');
    expect(hi.name).toBe('取区间上限时');
    expect(lo.y).toHaveLength(t.bars.length);
    expect(String(lo.y[0])).toContain(t.bars[0].name_zh);
    t.bars.forEach((b, i) => {
      expect(lo.x[i]).toBeCloseTo((b.value_low as number) - (t.base as number), 12);
      expect(hi.x[i]).toBeCloseTo((b.value_high as number) - (t.base as number), 12);
    });
    expect((fig.layout.yaxis as { autorange: string }).autorange).toBe('reversed');
    expect(fig.layout.barmode).toBe('overlay');
    const shapes = fig.layout.shapes as { meta: { role: string }; x0: number }[];
    expect(shapes.find((s) => s.meta.role === 'target')!.x0).toBe(40);
  });

  it('English', () => {
    const fig = tornadoFigure(t, { en: true, maxBars: 3 });
    expect((fig.data[0] as BarTrace).name).toBe('at the low end of the range');
    expect((fig.data[0] as BarTrace).y).toHaveLength(3);
  });
});

describe('heatmap figure', () => {
  const m = sensitivityMatrix({ plan, assumptions });

  it('a heatmap of normalised swings, empty rows and columns hidden', () => {
    const fig = heatmapFigure(m);
    const h = fig.data[0] as HeatmapTrace;
    expect(h.type).toBe('heatmap');
    expect(h.zmin).toBe(-1);
    expect(h.zmax).toBe(1);
    expect(h.zmid).toBe(0);
    // t_const (nothing uncertain moves it) is hidden
    expect(h.x).not.toContain('t_const');
    expect(h.z.length).toBe(h.y.length);
    for (const row of h.z) expect(row.length).toBe(h.x.length);
    const i = h.y.indexOf('ind');
    const k = h.x.indexOf('t_share');
    const mi = m.assumptions.findIndex((a) => a.series === 'ind');
    const mk = m.targets.findIndex((t) => t.id === 't_share');
    expect(h.z[i][k]).toBe(m.normalised[mi][mk]);
    expect(h.text[i][k]).toMatch(/个百分点$/);
    const all = heatmapFigure(m, { hideEmpty: false, en: true });
    expect((all.data[0] as HeatmapTrace).x).toHaveLength(m.targets.length);
  });
});

describe('waterfall figure', () => {
  const b = {
    ...assumptions,
    ind: { ...assumptions.ind, model: { type: 'elasticity', driver: 'gdp', elasticity: 1.6 } as GrowthModel },
    gdp: { ...assumptions.gdp, model: { type: 'cagr', rate: 0.06 } as GrowthModel },
  };
  const at = attribution({ plan, assumptions }, { plan, assumptions: b }).targets.find((t) => t.id === 't_share')!;

  it('bars with a base: A, one floating bar per difference, B; no waterfall trace type', () => {
    const fig = waterfallFigure(at, { labelA: '基准情景', labelB: '乐观情景' });
    expect(fig.data.every((d) => d.type === 'bar')).toBe(true);
    const [tot, up, down] = fig.data as BarTrace[];
    const cats = tot.x as string[];
    expect(cats[0]).toBe('基准情景');
    expect(cats[cats.length - 1]).toBe('乐观情景');
    expect(cats).toHaveLength(at.bars.length + 2);
    expect(tot.y[0]).toBe(at.from);
    expect(tot.y[cats.length - 1]).toBe(at.to);
    // each difference: its base is the running total, its height the bar's value
    let run = at.from as number;
    at.bars.forEach((bar, i) => {
      const c = i + 1;
      const tr = bar.value >= 0 ? up : down;
      expect((tr.base as (number | null)[])[c]).toBe(run);
      expect(tr.y[c]).toBe(bar.value);
      run += bar.value;
    });
    expect(run).toBeCloseTo(at.to as number, 10);
    expect(up.name).toBe('增加');
    expect(down.name).toBe('减少');
    expect(fig.layout.barmode).toBe('overlay');
  });

  it('English, and the interaction bar named', () => {
    const fake = {
      ...at,
      bars: [
        ...at.bars.slice(0, 1),
        { key: 'interaction', kind: 'interaction' as const, label_zh: '交互作用', label_en: 'interaction', value: 0.01 },
      ],
    };
    const fig = waterfallFigure(fake, { en: true });
    const cats = (fig.data[0] as BarTrace).x as string[];
    expect(cats[0]).toBe('scenario A');
    expect(cats).toContain('interaction');
    const zh = waterfallFigure(fake);
    expect(((zh.data[0] as BarTrace).x as string[]).includes('交互作用')).toBe(true);
  });
});

describe('the simulation worker', () => {
  const input = { plan, assumptions, draws: 400, seed: 3 };

  it('progress about every 5%, then the result (same as simulatePlan)', async () => {
    const out: WorkerResponse[] = [];
    const handle = createSimulationHandler(
      (m) => out.push(m),
      async () => undefined,
    );
    await handle({ type: 'run', id: 1, input });
    const progress = out.filter((m) => m.type === 'progress');
    expect(progress.length).toBe(20);
    const last = out[out.length - 1];
    expect(last.type).toBe('result');
    if (last.type !== 'result') return;
    expect(JSON.stringify(last.result)).toBe(JSON.stringify(simulatePlan(input)));
  });

  it('a cancel message stops the run; a new request cancels a stale one', async () => {
    const out: WorkerResponse[] = [];
    const waiters: (() => void)[] = [];
    const gate = () => new Promise<void>((r) => waiters.push(r));
    const release = () => waiters.splice(0).forEach((f) => f());
    const handle = createSimulationHandler((m) => out.push(m), gate);
    const first = handle({ type: 'run', id: 1, input });
    await Promise.resolve();
    void handle({ type: 'cancel', id: 1 });
    release();
    await first;
    expect(out[out.length - 1]).toEqual({ type: 'cancelled', id: 1 });
    expect(out.filter((m) => m.type === 'progress')).toHaveLength(1);

    out.length = 0;
    const a = handle({ type: 'run', id: 2, input });
    await Promise.resolve();
    const b = handle({ type: 'run', id: 3, input: { ...input, draws: 40 } }); // runs its first step now
    for (let i = 0; i < 40 && waiters.length; i++) {
      release();
      await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all([a, b]);
    expect(out.some((m) => m.type === 'cancelled' && m.id === 2)).toBe(true);
    expect(out.some((m) => m.type === 'result' && m.id === 2)).toBe(false);
    expect(out.some((m) => m.type === 'result' && m.id === 3)).toBe(true);
  });

  it('a ModelError comes back as an error message with both languages', async () => {
    const out: WorkerResponse[] = [];
    const handle = createSimulationHandler(
      (m) => out.push(m),
      async () => undefined,
    );
    const bad = {
      ...assumptions,
      ind: { ...assumptions.ind, uncertainty: { low: 2, high: 1, confidence: 0.9, distribution: 'normal' as const, correlation: 0 } },
    };
    await handle({ type: 'run', id: 9, input: { plan, assumptions: bad, draws: 10, seed: 1 } });
    const e = out[0];
    expect(e.type).toBe('error');
    if (e.type !== 'error') return;
    expect(e.error.subject).toBe('ind');
    expect(e.error.parameter).toBe('uncertainty.low');
    expect(e.error.message_zh).toContain('下限高于上限');
  });
});

/** A fake worker running the real handler in the same thread. */
function fakeWorker(): WorkerLike & { posted: WorkerRequest[]; terminated: boolean } {
  const w = {
    posted: [] as WorkerRequest[],
    terminated: false,
    onmessage: null as WorkerLike['onmessage'],
    onerror: null as WorkerLike['onerror'],
    handler: null as ((m: WorkerRequest) => Promise<void>) | null,
    postMessage(msg: WorkerRequest) {
      w.posted.push(msg);
      const data = structuredClone(msg);
      setTimeout(() => void w.handler!(data), 0);
    },
    terminate() {
      w.terminated = true;
    },
  };
  w.handler = createSimulationHandler((m) => setTimeout(() => w.onmessage?.({ data: structuredClone(m) }), 0));
  return w;
}

describe('the simulation client', () => {
  it('run -> progress callbacks and the result', async () => {
    const w = fakeWorker();
    const client = createSimulationClient(() => w);
    const seen: number[] = [];
    const { promise } = client.run({ plan, assumptions, draws: 200, seed: 5 }, (done) => seen.push(done));
    const r: SimulationResult = await promise;
    expect(r.draws).toBe(200);
    expect(seen.length).toBeGreaterThanOrEqual(10);
    expect(seen[seen.length - 1]).toBe(200);
    expect(JSON.stringify(r)).toBe(JSON.stringify(simulatePlan({ plan, assumptions, draws: 200, seed: 5 })));
    client.dispose();
    expect(w.terminated).toBe(true);
  });

  it('cancel rejects with a cancellation; a new run cancels the old one', async () => {
    const w = fakeWorker();
    const client = createSimulationClient(() => w);
    const a = client.run({ plan, assumptions, draws: 2000, seed: 5 });
    a.cancel();
    await expect(a.promise).rejects.toSatisfy(isCancelled);
    expect(w.posted.map((m) => m.type)).toEqual(['run', 'cancel']);
    const b = client.run({ plan, assumptions, draws: 2000, seed: 5 });
    const c = client.run({ plan, assumptions, draws: 100, seed: 6 });
    await expect(b.promise).rejects.toSatisfy(isCancelled);
    const rc = await c.promise;
    expect(rc.seed).toBe(6);
  });

  it('a model error rejects with SimulationError, localised', async () => {
    const client = createSimulationClient(() => fakeWorker());
    const bad = {
      ...assumptions,
      gdp: { ...assumptions.gdp, uncertainty: { low: 0.1, high: 0.01, confidence: 0.9, distribution: 'normal' as const, correlation: 0 } },
    };
    const err = await client.run({ plan, assumptions: bad, draws: 10, seed: 1 }).promise.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimulationError);
    expect((err as SimulationError).localized('zh-CN')).toContain('gdp');
    expect((err as SimulationError).body.subject).toBe('gdp');
  });
});
