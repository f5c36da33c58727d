import { describe, expect, it } from 'vitest';
import {
  buildTrajectoryFigure,
  chartValues,
  envelope,
  plotConfig,
  targetLevel,
  timePath,
  type FigureText,
} from '../../../renderer/src/lib/figure';
import { PLOTLY_TRACE_TYPES } from '../../../renderer/src/lib/plotly-traces';
import { baselineResult, stretchResult, target, zhFigureText } from './fixtures';

const text: FigureText = { ...zhFigureText, reliability: (r) => `可靠性:${r}`, valueKind: (k) => `类型:${k}` };
const role = (fig: ReturnType<typeof buildTrajectoryFigure>, r: string) => fig.data.filter((d) => d.meta?.role === r);

describe('trajectory figure', () => {
  const t = target('fine_steel_output');
  const fig = buildTrajectoryFigure({
    target: t,
    scenarios: [{ id: 'baseline', name: '基准情景', result: baselineResult, primary: true }],
    text,
  });

  it('draws the projection dashed from the last actual to the horizon', () => {
    const [p] = role(fig, 'projection');
    expect(p.line?.dash).toBe('dash');
    expect(p.name).toBe('基准情景');
    expect(p.x.at(-1)).toBe(2026);
    expect(p.y.at(-1)).toBeCloseTo(baselineResult.targets.find((e) => e.id === t.id)!.projected!, 6);
  });
  it('puts the target as a star marker at the target year', () => {
    const [m] = role(fig, 'target');
    expect(m.x).toEqual([2026]);
    expect(m.y).toEqual([700]);
    expect(m.marker?.symbol).toBe('star');
    expect(m.name).toContain('达700亿元');
  });
  it('draws the time-proportional path from the base year to the target', () => {
    const [p] = role(fig, 'path');
    expect(p.x[0]).toBe(2023);
    expect(p.x.at(-1)).toBe(2026);
    expect(p.y.at(-1)).toBeCloseTo(700, 9);
    expect(p.line?.dash).toBe('dot');
  });
  it('marks assumed projected years with hollow markers and a 假设 hover note', () => {
    const [p] = role(fig, 'projection');
    const sp = baselineResult.series[t.series];
    const i = p.x.findIndex((y) => sp.assumed_years.includes(y));
    if (i >= 0) {
      expect((p.marker?.color as string[])[i]).toBe('#ffffff');
      expect(p.text?.[i]).toContain('假设');
    }
  });
  it("uses only trace types the renderer's Plotly bundle registers", () => {
    expect(fig.data.length).toBeGreaterThan(2);
    for (const d of fig.data) expect(PLOTLY_TRACE_TYPES as readonly string[]).toContain(d.type);
  });
  it('uses the CJK font stack, year ticks and no external resources', () => {
    expect(String((fig.layout.font as { family: string }).family)).toContain('Noto Sans CJK SC');
    expect((fig.layout.xaxis as { dtick: number }).dtick).toBe(1);
    expect(JSON.stringify(fig)).not.toMatch(/https?:\/\//);
  });
});

describe('actuals with provenance', () => {
  const t = target('high_tech_enterprises');
  const fig = buildTrajectoryFigure({ target: t, scenarios: [{ id: 'b', name: '基准', result: baselineResult, primary: true }], text });
  it('draws actuals as a solid line with markers, and a lower bound as ≥ with its source', () => {
    const [a] = role(fig, 'actual');
    expect(a.mode).toBe('lines+markers');
    expect(a.line?.dash).toBe('solid');
    const sp = baselineResult.series[t.series];
    expect(a.x).toEqual(sp.actual_years.filter((y) => sp.values[y] !== undefined).sort());
    const i = a.x.indexOf(2025);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(a.text?.[i]).toContain('≥ 920家');
    expect(a.text?.[i]).toContain('lonnews.com');
    expect(a.text?.[i]).toContain('可靠性:secondary');
    expect(a.text?.[i]).toContain('类型:lower_bound');
    expect((a.marker?.symbol as string[])[i]).toBe('triangle-up');
  });
});

describe('several scenarios and bands', () => {
  const t = target('sei_va_share_gdp');
  it('overlays each scenario in its own colour', () => {
    const fig = buildTrajectoryFigure({
      target: t,
      scenarios: [
        { id: 'baseline', name: '基准', result: baselineResult, primary: true },
        { id: 'stretch', name: '乐观', result: stretchResult },
      ],
      text,
    });
    const ps = role(fig, 'projection');
    expect(ps.map((p) => p.meta?.scenario)).toEqual(['baseline', 'stretch']);
    expect(ps[0].line?.color).not.toBe(ps[1].line?.color);
  });
  it('draws a band when given one, filled between low and high', () => {
    const band = { low: { 2025: 8, 2026: 8.2 }, high: { 2025: 9, 2026: 9.5 } };
    const fig = buildTrajectoryFigure({
      target: t,
      scenarios: [{ id: 'b', name: '基准', result: baselineResult, primary: true }],
      text,
      band,
    });
    expect(role(fig, 'band_high')[0].y).toEqual([9, 9.5]);
    expect(role(fig, 'band_low')[0].fill).toBe('tonexty');
    expect(fig.data[0].meta?.role).toBe('band_high');
  });
  it('envelope() spans the runs and is null when they agree', () => {
    expect(
      envelope(
        [
          { 2025: 1, 2026: 2 },
          { 2025: 1.5, 2026: 1 },
        ],
        2025,
      ),
    ).toEqual({ low: { 2025: 1, 2026: 1 }, high: { 2025: 1.5, 2026: 2 } });
    expect(envelope([{ 2026: 2 }, { 2026: 2 }], 2025)).toBeNull();
  });
  it('compact small multiples have no legend and fixed axes', () => {
    const fig = buildTrajectoryFigure({ target: t, scenarios: [{ id: 'b', name: '基准', result: baselineResult }], text, compact: true });
    expect(fig.layout.showlegend).toBe(false);
    expect(fig.data.every((d) => d.showlegend === false)).toBe(true);
  });
});

describe('targets of every kind in chart units', () => {
  it('reduction: the intensity level the reduction implies', () => {
    const t = target('energy_intensity_reduction');
    const vals = chartValues(t, baselineResult.series[t.series], 2023);
    expect(targetLevel(t, vals, 2023)).toBeCloseTo(vals[2023] * 0.9, 12);
  });
  it('growth rate: the level the average growth implies, and a geometric path', () => {
    const t = target('trade_growth');
    const vals = chartValues(t, baselineResult.series[t.series], 2023);
    const goal = targetLevel(t, vals, 2023) as number;
    expect(goal).toBeCloseTo(vals[2023] * 1.1 ** 3, 9);
    const p = timePath(t, vals, 2023)!;
    expect(p.y[1]).toBeCloseTo(vals[2023] * 1.1, 9);
  });
  it('range: a [min, max] bar', () => {
    const t = target('county_research_institutes');
    expect(targetLevel(t, {}, 2023)).toEqual([1, 2]);
    const fig = buildTrajectoryFigure({ target: t, scenarios: [{ id: 'b', name: '基准', result: baselineResult }], text });
    expect(role(fig, 'target')[0].y).toEqual([1, 2]);
    expect(role(fig, 'path')).toHaveLength(0);
  });
  it('annual flow: a target line over every year judged', () => {
    const t = target('tech_renovation_projects');
    const fig = buildTrajectoryFigure({ target: t, scenarios: [{ id: 'b', name: '基准', result: baselineResult }], text });
    expect(role(fig, 'target_line')[0].x).toEqual([2024, 2025, 2026]);
    expect(role(fig, 'target_line')[0].y).toEqual([100, 100, 100]);
  });
  it('cumulative: the running total path from zero', () => {
    const t = target('offshore_park_new_firms');
    const vals = chartValues(t, baselineResult.series[t.series], 2023);
    const p = timePath(t, vals, 2023)!;
    expect(p.x[0]).toBe(2023);
    expect(p.y[0]).toBe(0);
    expect(p.y.at(-1)).toBe(100);
  });
  it('builds a figure for every target of the plan', () => {
    for (const t of baselineResult.targets) {
      const tg = target(t.id);
      const fig = buildTrajectoryFigure({
        target: tg,
        scenarios: [{ id: 'b', name: '基准', result: baselineResult, primary: true }],
        text,
      });
      expect(role(fig, 'projection').length, t.id).toBe(1);
      expect(role(fig, 'target').length, t.id).toBe(1);
      for (const d of fig.data) for (const y of d.y) if (y !== null) expect(Number.isFinite(y), t.id).toBe(true);
    }
  });
});

describe('plot config', () => {
  it('is offline: no logo, no cloud links, locale set', () => {
    const c = plotConfig('zh-CN', 'x');
    expect(c).toMatchObject({ displaylogo: false, showLink: false, showSendToCloud: false, showEditInChartStudio: false, locale: 'zh-CN' });
  });
});
