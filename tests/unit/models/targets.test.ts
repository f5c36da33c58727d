import { emptyCounts } from '../../../models/status';
import { describe, expect, it } from 'vitest';
import { act, asm, makePlan, run, ser, tgt } from './fixtures';
import { APPROX_TOLERANCE } from '../../../models/engine';

describe('target kinds: judged value, gap, met, required and assumed growth', () => {
  const levelPlan = (comparator: '>=' | '>' | '<=' | '<' | '~' | '=', target = 700) =>
    makePlan({
      series: [ser('steel')],
      targets: [tgt('t_steel', 'steel', 'level', comparator, target)],
      actuals: [act('steel', 2023, 500)],
    });

  it('level: value in the target year vs the target', () => {
    const ev = run(levelPlan('>='), [asm('steel', { type: 'cagr', rate: 0.1 })]).targets[0];
    expect(ev.projected).toBeCloseTo(665.5, 9);
    expect(ev.gap).toBeCloseTo(700 - 665.5, 9);
    expect(ev.gap_rel).toBeCloseTo(34.5 / 700, 9);
    expect(ev.met).toBe(false);
    expect(ev.required_growth).toBeCloseTo((700 / 500) ** (1 / 3) - 1, 12);
    expect(ev.assumed_growth).toBeCloseTo(0.1, 12);
    expect(ev.growth_series).toBe('steel');
    expect(ev.growth_from_year).toBe(2023);
    expect(ev.base_year).toBe(2023);
    expect(ev.assumed).toBe(true); // status judged on projected values (no actual after the base year)
  });

  it('required growth runs from the latest actual year', () => {
    const plan = makePlan({
      series: [ser('steel')],
      targets: [tgt('t_steel', 'steel', 'level', '>=', 700)],
      actuals: [act('steel', 2023, 500), act('steel', 2024, 560)],
    });
    const ev = run(plan, [asm('steel', { type: 'cagr', rate: 0.1 })]).targets[0];
    expect(ev.required_growth).toBeCloseTo((700 / 560) ** (1 / 2) - 1, 12);
    expect(ev.assumed_growth).toBeCloseTo(0.1, 12);
    expect(ev.growth_from_year).toBe(2024);
  });

  it('comparators: <= and < flip the gap; > is strict; ~ within the approximate tolerance', () => {
    const model = [asm('steel', { type: 'cagr', rate: 0.1 })];
    const le = run(levelPlan('<='), model).targets[0];
    expect(le.gap).toBeCloseTo(665.5 - 700, 9);
    expect(le.met).toBe(true);
    expect(APPROX_TOLERANCE).toBe(0.05);
    expect(run(levelPlan('~'), model).targets[0].met).toBe(true); // |665.5 - 700| = 34.5 <= 35
    expect(run(levelPlan('~', 701), model).targets[0].met).toBe(false); // 35.5 > 35.05
    const exact = makePlan({
      series: [ser('x')],
      targets: [tgt('a', 'x', 'level', '>', 700), tgt('b', 'x', 'level', '>=', 700), tgt('c', 'x', 'level', '<', 700)],
      actuals: [act('x', 2026, 700), act('x', 2023, 500)],
    });
    const evs = run(exact, [asm('x', { type: 'flat' })]).targets;
    expect(evs.map((e) => e.met)).toEqual([false, true, false]);
  });

  it('share: numerator / denominator; required growth of the numerator by root finding', () => {
    const plan = makePlan({
      series: [
        ser('share', { unit: '%', derived: { type: 'ratio', numerator: 'mfg', denominator: 'gdp', scale: 100 } }),
        ser('mfg'),
        ser('gdp'),
      ],
      targets: [tgt('t_share', 'share', 'share', '>=', 28, { unit: '%' })],
      actuals: [act('mfg', 2023, 250), act('gdp', 2023, 1000)],
    });
    const ev = run(plan, [asm('mfg', { type: 'cagr', rate: 0.03 }), asm('gdp', { type: 'cagr', rate: 0.05 })]).targets[0];
    const projected = ((250 * 1.03 ** 3) / (1000 * 1.05 ** 3)) * 100;
    expect(ev.projected).toBeCloseTo(projected, 9);
    expect(ev.gap).toBeCloseTo(28 - projected, 9);
    // 250 (1+r)^3 / (1000 * 1.05^3) * 100 = 28  =>  (1+r)^3 = 280 * 1.157625 / 250
    expect(ev.required_growth).toBeCloseTo(((280 * 1.157625) / 250) ** (1 / 3) - 1, 10);
    expect(ev.assumed_growth).toBeCloseTo(0.03, 12);
    expect(ev.growth_series).toBe('mfg');
  });

  it('reduction: % fall of the intensity from the base year; required change of the intensity', () => {
    const plan = makePlan({
      series: [
        ser('energy', { unit: '万吨标准煤' }),
        ser('gdp_real', { price_basis: 'comparable' }),
        ser('intensity', { unit: '吨标准煤/万元', derived: { type: 'ratio', numerator: 'energy', denominator: 'gdp_real', scale: 1 } }),
      ],
      targets: [tgt('t_energy', 'intensity', 'reduction', '>=', 10, { unit: '%' })],
      actuals: [act('energy', 2023, 500), act('gdp_real', 2023, 1000)],
    });
    const ev = run(plan, [
      asm('energy', { type: 'intensity_decay', driver: 'gdp_real', rate: 0.03 }),
      asm('gdp_real', { type: 'cagr', rate: 0.06 }),
    ]).targets[0];
    expect(ev.projected).toBeCloseTo((1 - 0.97 ** 3) * 100, 9);
    expect(ev.gap).toBeCloseTo(10 - (1 - 0.97 ** 3) * 100, 9);
    expect(ev.met).toBe(false);
    expect(ev.required_growth).toBeCloseTo(0.9 ** (1 / 3) - 1, 12);
    expect(ev.assumed_growth).toBeCloseTo(-0.03, 12);
    expect(ev.growth_series).toBe('intensity');
  });

  it('growth_rate: average annual growth (%) from the base year', () => {
    const plan = makePlan({
      series: [ser('trade')],
      targets: [tgt('t_trade', 'trade', 'growth_rate', '>=', 10, { unit: '%' })],
      actuals: [act('trade', 2023, 100)],
    });
    const ev = run(plan, [asm('trade', { type: 'path', rates: { '2024': 0.08, '2025': 0.1, '2026': 0.12 }, default_rate: 0 })]).targets[0];
    const avg = ((1.08 * 1.1 * 1.12) ** (1 / 3) - 1) * 100;
    expect(ev.projected).toBeCloseTo(avg, 9);
    expect(ev.gap).toBeCloseTo(10 - avg, 9);
    expect(ev.required_growth).toBeCloseTo(0.1, 12);
    expect(ev.assumed_growth).toBeCloseTo((1.08 * 1.1 * 1.12) ** (1 / 3) - 1, 12);
    // with an actual for 2024, the required growth runs from there to the level the average implies
    const plan2 = makePlan({
      series: [ser('trade')],
      targets: [tgt('t_trade', 'trade', 'growth_rate', '>=', 10, { unit: '%' })],
      actuals: [act('trade', 2023, 100), act('trade', 2024, 105)],
    });
    const ev2 = run(plan2, [asm('trade', { type: 'cagr', rate: 0.1 })]).targets[0];
    expect(ev2.required_growth).toBeCloseTo(((100 * 1.331) / 105) ** (1 / 2) - 1, 12);
  });

  it('annual_flow: each year judged; met only if every year meets', () => {
    const plan = makePlan({
      series: [ser('projects', { unit: '项', nature: 'flow' })],
      targets: [tgt('t_proj', 'projects', 'annual_flow', '>=', 100, { unit: '项' })],
      actuals: [act('projects', 2023, 90), act('projects', 2024, 110), act('projects', 2025, 95)],
    });
    const ev = run(plan, [asm('projects', { type: 'cagr', rate: 0.1 })]).targets[0];
    expect(ev.yearly.map((y) => [y.year, y.met, y.actual])).toEqual([
      [2024, true, true],
      [2025, false, true],
      [2026, true, false],
    ]);
    expect(ev.projected).toBeCloseTo(104.5, 9);
    expect(ev.met).toBe(false);
    expect(ev.required_growth).toBeCloseTo(100 / 95 - 1, 12);
    // the gap is 2025's shortfall, not 2026's surplus
    expect(ev.gap_year).toBe(2025);
    expect(ev.gap).toBeCloseTo(5, 12);
    expect(ev.gap_rel).toBeCloseTo(0.05, 12);
  });

  it('annual_flow gap: the year that misses by most; the target year when every year meets', () => {
    const flows = (values: [number, number, number], cmp: '>=' | '<=' | '~', tv: number) => {
      const plan = makePlan({
        series: [ser('projects', { unit: '项', nature: 'flow' })],
        targets: [tgt('t_proj', 'projects', 'annual_flow', cmp, tv, { unit: '项' })],
        actuals: [
          act('projects', 2023, 100),
          act('projects', 2024, values[0]),
          act('projects', 2025, values[1]),
          act('projects', 2026, values[2]),
        ],
      });
      return run(plan, [asm('projects', { type: 'flat' })]).targets[0];
    };
    const lo = flows([97, 92, 120], '>=', 100);
    expect([lo.gap_year, lo.gap]).toEqual([2025, 8]);
    const ok = flows([101, 105, 120], '>=', 100);
    expect([ok.met, ok.gap_year, ok.gap]).toEqual([true, 2026, -20]);
    // a ceiling: the year furthest above it
    const cap = flows([130, 110, 90], '<=', 100);
    expect([cap.gap_year, cap.gap]).toEqual([2024, 30]);
    // "about 100": the largest deviation on either side, its sign kept
    const about = flows([80, 110, 100], '~', 100);
    expect(about.met).toBe(false);
    expect([about.gap_year, about.gap]).toEqual([2024, 20]);
  });

  it('annual_flow required growth meets every remaining year (the binding year is the first)', () => {
    const plan = makePlan({
      series: [ser('projects', { unit: '项', nature: 'flow' })],
      targets: [tgt('t_proj', 'projects', 'annual_flow', '>=', 100, { unit: '项' })],
      actuals: [act('projects', 2023, 80)],
    });
    const ev = run(plan, [asm('projects', { type: 'flat' })]).targets[0];
    expect(ev.required_growth).toBeCloseTo(100 / 80 - 1, 12);
  });

  it('cumulative: the value of a cumsum series; required growth of the flow by root finding', () => {
    const plan = makePlan({
      series: [
        ser('flow', { unit: '项', nature: 'flow' }),
        ser('total', { unit: '项', derived: { type: 'cumsum', of: 'flow', from_year: 2024 } }),
      ],
      targets: [tgt('t_total', 'total', 'cumulative', '>=', 100, { unit: '项' })],
      actuals: [act('flow', 2024, 20)],
    });
    const ev = run(plan, [asm('flow', { type: 'cagr', rate: 0.1 })]).targets[0];
    expect(ev.projected).toBeCloseTo(66.2, 9);
    expect(ev.gap).toBeCloseTo(33.8, 9);
    // 20 + 20(1+r) + 20(1+r)^2 = 100  =>  1 + r = (-1 + sqrt(17)) / 2
    expect(ev.required_growth).toBeCloseTo((Math.sqrt(17) - 3) / 2, 10);
    expect(ev.growth_series).toBe('flow');
  });

  it('cumulative on a flow series (no cumsum) sums from start_year', () => {
    const plan = makePlan({
      series: [ser('flow', { unit: '项', nature: 'flow' })],
      targets: [tgt('t_total', 'flow', 'cumulative', '>=', 100, { unit: '项' })],
      actuals: [act('flow', 2023, 50), act('flow', 2024, 20)],
    });
    const ev = run(plan, [asm('flow', { type: 'cagr', rate: 0.1 })]).targets[0];
    expect(ev.projected).toBeCloseTo(66.2, 9);
    expect(ev.required_growth).toBeCloseTo((Math.sqrt(17) - 3) / 2, 10);
  });

  it('range 1—2家: a floor of 1 with an aim of 2 — 0 at or above the floor, the shortfall below it; no required growth', () => {
    const mk = (v: number) =>
      run(
        makePlan({
          series: [ser('inst', { unit: '家' })],
          targets: [tgt('t_inst', 'inst', 'range', 'range', [1, 2], { unit: '家' })],
          actuals: [act('inst', 2023, 0), act('inst', 2026, v)],
        }),
        [asm('inst', { type: 'flat' })],
      ).targets[0];
    expect([mk(1.5).gap, mk(1.5).met]).toEqual([0, true]);
    // 3 exceeds the aim: met, not 滞后 (issue 15: it read "高于目标区间上限1家")
    expect([mk(3).gap, mk(3).gap_rel, mk(3).met]).toEqual([0, 0, true]);
    expect(mk(3).status).toBe('completed');
    expect([mk(0).gap, mk(0).gap_rel]).toEqual([1, 1]);
    expect(mk(3).required_growth).toBeNull();
  });

  it('evaluations come in plan order; the rollup counts every status', () => {
    const plan = makePlan({
      series: [ser('a'), ser('b')],
      targets: [tgt('t2', 'b', 'level', '>=', 1), tgt('t1', 'a', 'level', '>=', 1000)],
      actuals: [act('a', 2023, 10), act('b', 2023, 10), act('a', 2025, 11), act('b', 2025, 11)],
    });
    const r = run(plan, [asm('a', { type: 'flat' }), asm('b', { type: 'flat' })]);
    expect(r.targets.map((t) => t.id)).toEqual(['t2', 't1']);
    expect(r.rollup).toEqual({ ...emptyCounts(), achieved_early: 1, lagging: 1 });
    expect(r.horizon).toBe(2026);
  });

  it('a target base year overrides the plan base year', () => {
    const plan = makePlan({
      series: [ser('trade')],
      targets: [tgt('t', 'trade', 'growth_rate', '>=', 10, { unit: '%', base_year: 2022 })],
      actuals: [act('trade', 2022, 100), act('trade', 2023, 110)],
    });
    const r = run(plan, [asm('trade', { type: 'cagr', rate: 0.1 })]);
    expect(r.targets[0].base_year).toBe(2022);
    expect(r.targets[0].projected).toBeCloseTo(10, 9);
    expect(r.series.trade.values[2022]).toBe(100);
  });
});
