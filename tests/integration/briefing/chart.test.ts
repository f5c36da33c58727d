import { describe, expect, it } from 'vitest';
import { stepDecimals, trajectorySvg } from '../../../scenarios/briefing/chart';
import { targetChartSvg } from '../../../scenarios/briefing/print/targets';
import { judgedPath, uncertaintyBand, type TrajectoryPoint } from '../../../scenarios/briefing/trajectory';
import { presetInput } from './fixtures';

const input = presetInput('zh-CN');
const plan = input.plan;
const target = (id: string) => plan.targets.find((t) => t.id === id)!;

/** A small well-formedness check: tags balance, no raw '&' or '<' in text or attributes. */
function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  const re = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const between = xml.slice(last, m.index);
    expect(between).not.toMatch(/[<>]/);
    expect(between).not.toMatch(/&(?!(amp|lt|gt|quot|#39|apos);)/);
    expect(m[3]).not.toMatch(/&(?!(amp|lt|gt|quot|#39|apos);)/);
    if (m[1]) expect(stack.pop()).toBe(m[2]);
    else if (!m[4]) stack.push(m[2]);
    last = re.lastIndex;
  }
  expect(xml.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
}

describe('judgedPath', () => {
  it('ends at the evaluated value in the target year for every target and preset', () => {
    for (const s of input.scenarios) {
      for (const t of plan.targets) {
        const e = s.projection.targets.find((x) => x.id === t.id)!;
        const path = judgedPath(plan, t, s.projection, e);
        if (e.projected === null) continue;
        const last = path.find((p) => p.year === t.target_year);
        expect(last, `${s.id} ${t.id}`).toBeDefined();
        expect(last!.value).toBeCloseTo(e.projected, 9);
        // years ascending, each once
        const years = path.map((p) => p.year);
        expect([...years].sort((a, b) => a - b)).toEqual(years);
        expect(new Set(years).size).toBe(years.length);
      }
    }
  });

  it('marks actual, projected and assumed years', () => {
    // fine_steel_output: an assumed base value (2023), a user actual (2024), projections after
    const s = input.scenarios[0];
    const t = target('fine_steel_output');
    const path = judgedPath(plan, t, s.projection);
    expect(path.map((p) => [p.year, p.kind])).toEqual([
      [2023, 'assumed'],
      [2024, 'actual'],
      [2025, 'projected'],
      [2026, 'projected'],
    ]);
    expect(path[1].value).toBe(402.5);
    // health_output: the 2025 figure is an approximate (upper-bound) actual
    const h = judgedPath(plan, target('health_output'), s.projection);
    const y2025 = h.find((p) => p.year === 2025)!;
    expect(y2025.kind).toBe('actual');
    expect(y2025.bound).toBe(true);
  });

  it('measures reductions and average growth from the base year', () => {
    const s = input.scenarios[0];
    const red = judgedPath(plan, target('energy_intensity_reduction'), s.projection);
    expect(red[0]).toMatchObject({ year: 2023, value: 0 });
    const growth = judgedPath(plan, target('trade_growth'), s.projection);
    expect(growth[0].year).toBe(2024); // average growth is defined from the year after the base year
  });
});

describe('uncertaintyBand', () => {
  const path: TrajectoryPoint[] = [
    { year: 2023, value: 10, kind: 'actual', bound: false },
    { year: 2024, value: 11, kind: 'actual', bound: false },
    { year: 2025, value: 12, kind: 'projected', bound: false },
    { year: 2026, value: 13, kind: 'projected', bound: false },
  ];
  it('draws a wedge from the last actual to target-year percentiles', () => {
    expect(uncertaintyBand({ id: 'x', p_meet: 0.5, percentiles: { p5: 11, p50: 13, p95: 15 } }, path, 2026)).toEqual([
      { year: 2024, lo: 11, hi: 11 },
      { year: 2026, lo: 11, hi: 15 },
    ]);
  });
  it('follows per-year percentiles and falls back to p10/p90', () => {
    expect(
      uncertaintyBand({ id: 'x', p_meet: 0.5, percentiles: { '2025': { p10: 11, p90: 13 }, '2026': { p5: 10, p95: 16 } } }, path, 2026),
    ).toEqual([
      { year: 2025, lo: 11, hi: 13 },
      { year: 2026, lo: 10, hi: 16 },
    ]);
    expect(uncertaintyBand({ id: 'x', p_meet: null }, path, 2026)).toEqual([]);
  });
});

describe('trajectorySvg', () => {
  it('draws actuals solid, each scenario dashed, the target, the band and the time-proportional path', () => {
    const svg = targetChartSvg(input, target('fine_steel_output'));
    assertWellFormed(svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline[^>]*stroke-dasharray="5 3"/g)?.length).toBe(3); // one dashed line per scenario
    expect(svg).toMatch(/<polygon[^>]*fill="#cf222e"/); // the target marker
    expect(svg).toMatch(/<polygon[^>]*fill-opacity="0.14"/); // the baseline's band (simulated)
    expect(svg).toMatch(/<line[^>]*stroke="#6e7781"[^>]*stroke-dasharray="1.5 2.5"/); // 序时进度
    expect(svg).toContain('目标 700');
    expect(svg).toContain('>假设</text>'); // the assumed starting value
    for (const label of ['实际值', '基准情景', '乐观情景', '保守情景', '序时进度', '亿元']) expect(svg).toContain(label);
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    expect(svg).not.toMatch(/<script|href=|url\(|@import/i);
  });

  it('places years proportionally to time', () => {
    const svg = targetChartSvg(input, target('fine_steel_output'));
    const xs = [...svg.matchAll(/<text x="([\d.]+)"[^>]*text-anchor="middle"[^>]*>(\d{4})<\/text>/g)].map((m) => [
      Number(m[2]),
      Number(m[1]),
    ]);
    expect(xs.map((x) => x[0])).toEqual([2023, 2024, 2025, 2026]);
    const steps = xs.slice(1).map((x, i) => x[1] - xs[i][1]);
    for (const d of steps) expect(d).toBeCloseTo(steps[0], 1);
  });

  it('draws a target range as a bar, an annual flow as a line, and escapes text', () => {
    const range = targetChartSvg(input, target('county_research_institutes'));
    assertWellFormed(range);
    expect(range).toContain('目标 1–2');
    const svg = trajectorySvg({
      language: 'en',
      yLabel: 'items <&>',
      unit: '项',
      series: [
        {
          name: 'My "scenario" <b>&',
          points: [
            { year: 2023, value: 90, kind: 'actual', bound: false },
            { year: 2024, value: 95, kind: 'actual', bound: true },
            { year: 2025, value: 101, kind: 'projected', bound: false },
            { year: 2026, value: 104, kind: 'projected', bound: false },
          ],
        },
      ],
      target: { year: 2026, value: 100, comparator: '>=', kind: 'annual_flow', startYear: 2024, baseYear: 2023 },
    });
    assertWellFormed(svg);
    expect(svg).toContain('My &quot;scenario&quot; &lt;b&gt;&amp;');
    expect(svg).toContain('items &lt;&amp;&gt;');
    expect(svg).toContain('target 100');
    expect(svg.match(/<line[^>]*stroke="#24292f" stroke-width="2"\/>/g)?.length).toBe(2); // one solid actual segment + its legend swatch
    // the annual target is a level line from the first judged year
    const pathLine =
      /<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)" stroke="#6e7781" stroke-width="1" stroke-dasharray/.exec(svg)!;
    expect(pathLine[2]).toBe(pathLine[4]);
  });

  it('picks tick decimals from the step', () => {
    expect(stepDecimals(5)).toBe(0);
    expect(stepDecimals(2.5)).toBe(1);
    expect(stepDecimals(0.25)).toBe(2);
    const svg = targetChartSvg(input, target('tech_renovation_investment_growth'));
    const ticks = [...svg.matchAll(/text-anchor="end" fill="#6e7781">([-\d.,]+)</g)].map((m) => m[1]);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ticks.map((t) => (t.split('.')[1] ?? '').length)).size).toBe(1); // same decimals on every tick
  });

  it('draws every target of the plan without errors', () => {
    for (const t of plan.targets) {
      const svg = targetChartSvg(input, t);
      assertWellFormed(svg);
      expect(svg, t.id).not.toMatch(/NaN|undefined|Infinity/);
    }
  });
});
