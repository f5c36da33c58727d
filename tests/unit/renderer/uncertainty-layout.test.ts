/** Layout adjustments of the uncertainty figures for the page (seen in the screenshots). */
import { describe, expect, it } from 'vitest';
import { attribution, sensitivityMatrix, tornado } from '../../../models/sensitivity';
import { fanChartFigure, heatmapFigure, tornadoFigure, waterfallFigure, type BarTrace, type HeatmapTrace } from '../../../renderer/src/lib/uncertainty-figures';
import { heatmapHeight, shortLabel, shortLabels, tidyHeatmap, tidyTornado, tidyWaterfall, withProbabilityLabel } from '../../../renderer/src/lib/uncertainty-layout';
import { simulatePlan } from '../../../models/montecarlo';
import { baseline, plan, stretch, target } from './fixtures';

type Ann = { x?: number; y?: number; yanchor?: string; xanchor?: string; text?: string; meta?: { role: string } };

describe('tidyTornado', () => {
  const t = tornado({ plan, assumptions: baseline }, 'fine_steel_output');
  const fig = tidyTornado(tornadoFigure({ ...t, bars: t.bars.filter((b) => (b.swing ?? 0) > 0) }));
  it('puts the target’s label at the top, on the other side of its line than the centre’s', () => {
    const anns = fig.layout.annotations as Ann[];
    const target = anns.find((a) => a.x === t.target_value)!;
    const centre = anns.find((a) => a.x === t.base)!;
    expect(target.y).toBe(1);
    expect(target.yanchor).toBe('bottom');
    expect(t.target_value).toBeGreaterThan(t.base!);
    expect(target.xanchor).toBe('left');
    expect(centre.xanchor).toBe('right');
  });
  it('the legend at the bottom of the figure, clear of the axis title', () => {
    expect(fig.layout.legend).toMatchObject({ yref: 'container', y: 0, yanchor: 'bottom', orientation: 'h' });
    expect((fig.layout.margin as { b: number }).b).toBeGreaterThan(56);
    expect(fig.layout.bargap).toBe(0.5);
  });
});

describe('tidyWaterfall', () => {
  const a = attribution({ plan, assumptions: baseline }, { plan, assumptions: stretch });
  const t = a.targets.find((x) => x.id === 'energy_intensity_reduction')!;
  it('the legend above the plot; bars unchanged', () => {
    const raw = waterfallFigure(t);
    const fig = tidyWaterfall(raw);
    expect(fig.layout.legend).toMatchObject({ y: 1.02, yanchor: 'bottom' });
    expect(fig.data.map((d) => d.y)).toEqual(raw.data.map((d) => d.y));
  });
  it('a step too small for two decimals keeps two significant digits', () => {
    const tiny = { ...t, bars: [{ key: 'x', kind: 'assumption' as const, label_zh: '甲', label_en: 'x', value: -0.00031 }, { key: 'y', kind: 'assumption' as const, label_zh: '乙', label_en: 'y', value: 1.5 }], from: 9, to: 10.49969, total: 1.49969 };
    const fig = tidyWaterfall(waterfallFigure(tiny));
    const down = fig.data.find((d) => d.meta.role === 'waterfall_decrease') as BarTrace;
    const up = fig.data.find((d) => d.meta.role === 'waterfall_increase') as BarTrace;
    expect(down.text![1]).toBe('−0.00031个百分点');
    expect(up.text![2]).toBe('+1.50个百分点');
  });
  it('a step that is only floating-point rounding reads ≈0', () => {
    const noise = { ...t, bars: [{ key: 'x', kind: 'assumption' as const, label_zh: '甲', label_en: 'x', value: 1.9 }, { key: 'y', kind: 'assumption' as const, label_zh: '乙', label_en: 'y', value: -1.1e-14 }], from: 9.6, to: 11.5, total: 1.9 - 1.1e-14 };
    const fig = tidyWaterfall(waterfallFigure(noise));
    const down = fig.data.find((d) => d.meta.role === 'waterfall_decrease') as BarTrace;
    expect(down.text![2]).toBe('≈0');
  });
});

describe('tidyHeatmap', () => {
  const m = sensitivityMatrix({ plan, assumptions: baseline });
  const raw = heatmapFigure(m);
  const fig = tidyHeatmap(raw, { colChars: 8, rowChars: 10 });
  const tr = fig.data[0] as HeatmapTrace & { customdata: string[][][] };
  it('short names on the axes, full names in the hover, the colour note left to the page', () => {
    const rawTr = raw.data[0] as HeatmapTrace;
    expect(tr.x.every((x) => [...x].length <= 8 + 3)).toBe(true);
    expect(new Set(tr.x).size).toBe(tr.x.length);
    expect(new Set(tr.y).size).toBe(tr.y.length);
    expect(tr.customdata.length).toBe(rawTr.y.length);
    expect(tr.customdata[0][0]).toEqual([rawTr.y[0], rawTr.x[0]]);
    expect(tr.hovertemplate).toContain('customdata[1]');
    expect(tr.z).toEqual(rawTr.z);
    expect(fig.layout.annotations).toEqual([]);
    expect(heatmapHeight(tr.y.length)).toBeGreaterThan(24 * tr.y.length);
  });
  it('shortLabel(s)', () => {
    expect(shortLabel('战略性新兴产业增加值占地区生产总值比重', 6)).toBe('战略性新兴…');
    expect(shortLabel('短', 6)).toBe('短');
    expect(shortLabels(['单位地区生产总值能耗', '单位地区生产总值二氧化碳'], 6)).toEqual(['单位地区生…', '单位地区生…(2)']);
  });
});

describe('withProbabilityLabel', () => {
  it('replaces the fan chart’s probability, escaped', () => {
    const sim = simulatePlan({ plan, assumptions: baseline, draws: 200, seed: 1 });
    const t = target('fine_steel_output');
    const fig = withProbabilityLabel(fanChartFigure({ target: t, simulation: sim.targets.find((x) => x.id === t.id)! }), '达标概率 <0.1%');
    const a = (fig.layout.annotations as Ann[]).find((x) => x.meta?.role === 'p_meet')!;
    expect(a.text).toBe('<b>达标概率 &lt;0.1%</b>');
  });
});
