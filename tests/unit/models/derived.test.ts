import { describe, expect, it } from 'vitest';
import { act, asm, inputActual, makePlan, run, ser, tgt } from './fixtures';

describe('derived series', () => {
  const shareSeries = [
    ser('share', { unit: '%', derived: { type: 'ratio', numerator: 'mfg', denominator: 'gdp', scale: 100 } }),
    ser('mfg'),
    ser('gdp', { driver: true }),
  ];

  it('ratio = numerator / denominator x scale, evaluated after its inputs (declared first here)', () => {
    const plan = makePlan({ series: shareSeries, actuals: [act('mfg', 2023, 250), act('gdp', 2023, 1000)] });
    const r = run(plan, [asm('mfg', { type: 'cagr', rate: 0.1 }), asm('gdp', { type: 'cagr', rate: 0.05 })]);
    const v = r.series.share.values;
    expect(v[2023]).toBeCloseTo(25, 12);
    expect(v[2026]).toBeCloseTo(((250 * 1.1 ** 3) / (1000 * 1.05 ** 3)) * 100, 9);
    // computed from two actuals: an actual year of the share
    expect(r.series.share.actual_years).toEqual([2023]);
    expect(r.series.share.model).toBe('derived');
  });

  it('an actual of the share itself beats the computed one', () => {
    const plan = makePlan({
      series: shareSeries,
      actuals: [act('mfg', 2023, 250), act('gdp', 2023, 1000), act('share', 2024, 30)],
    });
    const r = run(plan, [asm('mfg', { type: 'cagr', rate: 0.1 }), asm('gdp', { type: 'cagr', rate: 0.05 })]);
    expect(r.series.share.values[2024]).toBe(30);
    expect(r.series.share.provenance[2024].value).toBe(30);
    // the later years continue from the published share (issue 15.3): 30 × the growth of mfg / gdp since 2024
    expect(r.series.share.values[2025]).toBeCloseTo(30 * (1.1 / 1.05), 9);
  });

  it('a zero denominator gives no value for that year and marks it (no NaN)', () => {
    const plan = makePlan({
      series: shareSeries,
      actuals: [act('mfg', 2023, 250), act('gdp', 2023, 1000), act('gdp', 2024, 0)],
    });
    const r = run(plan, [asm('mfg', { type: 'cagr', rate: 0.1 }), asm('gdp', { type: 'flat' })]);
    expect(2024 in r.series.share.values).toBe(false);
    expect(r.series.share.missing_years).toEqual([2024, 2025, 2026]);
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity|null,null/);
  });

  it('cumsum: the running sum of a flow from from_year (0 before)', () => {
    const plan = makePlan({
      series: [
        ser('flow', { unit: '项', nature: 'flow' }),
        ser('total', { unit: '项', derived: { type: 'cumsum', of: 'flow', from_year: 2024 } }),
      ],
      actuals: [act('flow', 2023, 15), act('flow', 2024, 20)],
    });
    const total = run(plan, [asm('flow', { type: 'cagr', rate: 0.1 })]).series.total;
    const v = total.values;
    expect(total.actual_years).toEqual([2024]); // the 0 before from_year is not an actual
    expect(v[2023]).toBe(0);
    expect(v[2024]).toBe(20);
    expect(v[2025]).toBeCloseTo(20 + 22, 9);
    expect(v[2026]).toBeCloseTo(20 + 22 + 24.2, 9);
  });

  it('deflate: nominal / (deflator / 100), the deflator rebased to 100 in the base year', () => {
    const series = [
      ser('gdp_nominal'),
      ser('deflator', { unit: '2023=100', nature: 'index' }),
      ser('gdp_real', { price_basis: 'comparable', derived: { type: 'deflate', nominal: 'gdp_nominal', deflator: 'deflator' } }),
    ];
    const plan = makePlan({ series, actuals: [act('gdp_nominal', 2023, 1000), act('deflator', 2023, 100)] });
    const asms = [asm('gdp_nominal', { type: 'cagr', rate: 0.08 }), asm('deflator', { type: 'cagr', rate: 0.02 })];
    const v = run(plan, asms).series.gdp_real.values;
    expect(v[2023]).toBe(1000);
    expect(v[2026]).toBeCloseTo((1000 * 1.08 ** 3) / 1.02 ** 3, 9);
    // an index with another base year (2020 = 100, 2023 = 120) gives the same comparable-price series
    const plan2 = makePlan({ series, actuals: [act('gdp_nominal', 2023, 1000), act('deflator', 2023, 120)] });
    expect(run(plan2, asms).series.gdp_real.values[2026]).toBeCloseTo((1000 * 1.08 ** 3) / 1.02 ** 3, 9);
  });

  it('assumed inputs make the derived values assumed', () => {
    const plan = makePlan({ series: shareSeries, actuals: [act('gdp', 2023, 1000)] });
    const r = run(plan, [asm('mfg', { type: 'cagr', rate: 0.1 }, 250), asm('gdp', { type: 'cagr', rate: 0.05 })]);
    expect(r.series.share.assumed_years).toEqual([2023, 2024, 2025, 2026]);
    expect(r.series.share.actual_years).toEqual([]);
  });

  it('a derived series with no inputs has no values', () => {
    const plan = makePlan({ series: shareSeries, targets: [tgt('t', 'share', 'share', '>=', 28, { unit: '%' })] });
    const r = run(plan);
    expect(r.series.share.values).toEqual({});
    expect(r.targets[0].status).toBe('no_data');
  });
});

describe('actuals', () => {
  it('only yearly periods are values of a year; the latest vintage wins, then the later entry', () => {
    const plan = makePlan({
      series: [ser('x')],
      actuals: [
        act('x', 2023, 100),
        act('x', 2024, 10, { vintage: '2025-03-01' }),
        act('x', 2024, 12), // null vintage: oldest
        act('x', '2025H1', 999),
        act('x', '2025-06', 999),
        act('x', '2020-2025', 999),
        act('x', 2025, 1, { vintage: '2026-01' }),
        act('x', 2025, 2, { vintage: '2026-01' }), // same vintage: later entry wins
      ],
    });
    const p = run(plan, [asm('x', { type: 'flat' })]).series.x;
    expect(p.values[2024]).toBe(10);
    expect(p.values[2025]).toBe(2);
    expect(p.actual_years).toEqual([2023, 2024, 2025]);
  });

  it('input actuals override the plan (same vintage: later entry), lower bounds are flagged', () => {
    const plan = makePlan({ series: [ser('x')], actuals: [act('x', 2023, 100), act('x', 2024, 110)] });
    const r = run(plan, [asm('x', { type: 'flat' })], {}, [inputActual('x', 2024, 115, { value_kind: 'lower_bound' })]);
    expect(r.series.x.values[2024]).toBe(115);
    expect(r.series.x.provenance[2024].value_kind).toBe('lower_bound');
    expect(r.series.x.flagged_years).toEqual([2024]);
    // an older vintage in the input does not override a newer one in the plan
    const plan2 = makePlan({ series: [ser('x')], actuals: [act('x', 2023, 100), act('x', 2024, 110, { vintage: '2025-02' })] });
    const r2 = run(plan2, [asm('x', { type: 'flat' })], {}, [inputActual('x', 2024, 115, { vintage: '2024-12' })]);
    expect(r2.series.x.values[2024]).toBe(110);
  });

  it('without a base-year actual, base_value is the base-year value and everything from it is assumed', () => {
    const plan = makePlan({ series: [ser('x')], targets: [tgt('t', 'x', 'level', '>=', 150)] });
    const r = run(plan, [asm('x', { type: 'cagr', rate: 0.1 }, 100)]);
    expect(r.series.x.values[2023]).toBe(100);
    expect(r.series.x.values[2026]).toBeCloseTo(133.1, 9);
    expect(r.series.x.assumed_years).toEqual([2023, 2024, 2025, 2026]);
    expect(r.series.x.assumed).toBe(true);
    expect(r.targets[0].assumed).toBe(true);
  });

  it('an actual in a later year wins over the assumption for that year; base_value still fills the base year', () => {
    const plan = makePlan({ series: [ser('x')], actuals: [act('x', 2024, 120)] });
    const p = run(plan, [asm('x', { type: 'cagr', rate: 0.1 }, 100)]).series.x;
    expect(p.values[2023]).toBe(100);
    expect(p.values[2024]).toBe(120);
    expect(p.values[2025]).toBeCloseTo(132, 9);
    expect(p.assumed_years).toEqual([2023]);
  });

  it('no actual and no base value: no values, no_data', () => {
    const plan = makePlan({ series: [ser('x')], targets: [tgt('t', 'x', 'level', '>=', 150)] });
    const r = run(plan, [asm('x', { type: 'cagr', rate: 0.1 })]);
    expect(r.series.x.values).toEqual({});
    expect(r.targets[0].status).toBe('no_data');
    expect(r.targets[0].projected).toBeNull();
    expect(r.rollup.no_data).toBe(1);
  });

  it('an actual before the base year anchors the projection; output starts at the base year', () => {
    const plan = makePlan({ series: [ser('x')], actuals: [act('x', 2021, 100)] });
    const p = run(plan, [asm('x', { type: 'cagr', rate: 0.1 })]).series.x;
    expect(Object.keys(p.values).map(Number)).toEqual([2023, 2024, 2025, 2026]);
    expect(p.values[2023]).toBeCloseTo(121, 9);
    expect(p.values[2026]).toBeCloseTo(161.051, 9);
    expect(p.latest_actual_year).toBe(2021);
  });

  it('settings.base_year moves the base year', () => {
    const plan = makePlan({ series: [ser('x')], actuals: [act('x', 2023, 100), act('x', 2024, 110)] });
    const r = run(plan, [asm('x', { type: 'flat' })], { base_year: 2024 });
    expect(r.base_year).toBe(2024);
    expect(Object.keys(r.series.x.values).map(Number)).toEqual([2024, 2025, 2026]);
  });
});
