/** Layout adjustments of the uncertainty figures for the page (seen in the screenshots). */
import { describe, expect, it } from 'vitest';
import { attribution, sensitivityMatrix, tornado } from '../../../models/sensitivity';
import {
  fanChartFigure,
  heatmapFigure,
  tornadoFigure,
  waterfallFigure,
  waterfallOmitted,
  type BarTrace,
  type HeatmapTrace,
} from '../../../renderer/src/lib/uncertainty-figures';
import {
  heatmapHeight,
  shortLabel,
  shortLabels,
  tidyHeatmap,
  tidyTornado,
  tidyWaterfall,
  withProbabilityLabel,
} from '../../../renderer/src/lib/uncertainty-layout';
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
  it('a step below the display precision is not drawn as a bar but named in a note (no “−0.00个百分点” bar)', () => {
    const tiny = {
      ...t,
      bars: [
        { key: 'x', kind: 'assumption' as const, label_zh: '甲', label_en: 'x', value: -0.00031 },
        { key: 'y', kind: 'assumption' as const, label_zh: '乙', label_en: 'y', value: 1.5 },
        { key: 'z', kind: 'assumption' as const, label_zh: '丙', label_en: 'z', value: -1.1e-14 },
        { key: 'w', kind: 'assumption' as const, label_zh: '丁', label_en: 'w', value: 0.006 },
      ],
      from: 9,
      to: 9 - 0.00031 + 1.5 - 1.1e-14 + 0.006,
      total: -0.00031 + 1.5 - 1.1e-14 + 0.006,
    };
    const fig = tidyWaterfall(waterfallFigure(tiny));
    const tot = fig.data.find((d) => d.meta.role === 'waterfall_total') as BarTrace;
    const down = fig.data.find((d) => d.meta.role === 'waterfall_decrease') as BarTrace;
    const up = fig.data.find((d) => d.meta.role === 'waterfall_increase') as BarTrace;
    // A, 乙, 丁, B: 甲 and 丙 read 0.00个百分点 and have no bar
    expect(tot.x).toHaveLength(4);
    expect((tot.x as string[]).slice(1, 3)).toEqual(['乙', '丁']);
    expect(up.text!.slice(1, 3)).toEqual(['+1.50个百分点', '+0.01个百分点']);
    expect(down.y.every((v) => v === null)).toBe(true);
    for (const tr of fig.data as BarTrace[]) for (const s of tr.text ?? []) expect(s).not.toMatch(/^[+−-]?0\.00/);
    const note = (fig.layout.annotations as { text: string; meta: { role: string } }[]).find((a) => a.meta.role === 'waterfall_omitted')!;
    expect(note.text).toBe('影响不足0.01个百分点，未画出：甲、丙');
    expect(waterfallOmitted(tiny, { en: true }).note).toBe('Effect below 0.01 percentage points, not drawn: x, z');
  });
  it('a level target’s precision is its unit’s: a change under 0.01亿元 has no bar', () => {
    const lvl = {
      ...t,
      kind: 'level' as const,
      unit: '亿元',
      bars: [
        { key: 'x', kind: 'assumption' as const, label_zh: '甲', label_en: 'x', value: 0.004 },
        { key: 'y', kind: 'interaction' as const, label_zh: '交互作用', label_en: 'interaction', value: 12 },
      ],
      from: 100,
      to: 112.004,
      total: 12.004,
    };
    const o = waterfallOmitted(lvl);
    expect(o.indices).toEqual([0]);
    expect(o.note).toBe('影响不足0.01亿元，未画出：甲');
    const tot = waterfallFigure(lvl).data[0] as BarTrace;
    expect(tot.x).toEqual(['情景 A', '交互作用', '情景 B']);
  });
  it('no note when every step shows', () => {
    const fig = waterfallFigure(t);
    expect(waterfallOmitted(t).indices.every((i) => Math.abs(t.bars[i].value) < 0.005)).toBe(true);
    expect(((fig.data[0] as BarTrace).x as string[]).length).toBe(t.bars.length - waterfallOmitted(t).indices.length + 2);
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
    // the targets' names above the grid, visible where the dialog opens (not below the fold)
    expect((fig.layout.xaxis as { side?: string }).side).toBe('top');
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
