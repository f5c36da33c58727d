import { describe, expect, it } from 'vitest';
import { act, asm, makePlan, run, ser } from './fixtures';

const close = (a: number | undefined, b: number, digits = 9): void => {
  expect(a).toBeDefined();
  expect(a as number).toBeCloseTo(b, digits);
};

describe('growth models (closed form, base 2023, horizon 2026)', () => {
  it('cagr: constant growth from the latest actual', () => {
    const plan = makePlan({ series: [ser('x')], actuals: [act('x', 2023, 100)] });
    const v = run(plan, [asm('x', { type: 'cagr', rate: 0.05 })]).series.x.values;
    expect(v[2023]).toBe(100);
    close(v[2024], 105);
    close(v[2025], 110.25);
    close(v[2026], 115.7625);
  });

  it('cagr continues from the latest actual year L, not the base year', () => {
    const plan = makePlan({ series: [ser('x')], actuals: [act('x', 2023, 100), act('x', 2025, 130)] });
    const p = run(plan, [asm('x', { type: 'cagr', rate: 0.1 })]).series.x;
    expect(p.latest_actual_year).toBe(2025);
    expect(p.actual_years).toEqual([2023, 2025]);
    close(p.values[2026], 143);
    // the gap year is interpolated (geometric) and marked as estimated
    close(p.values[2024], 100 * Math.sqrt(1.3));
    expect(p.estimated_years).toEqual([2024]);
  });

  it('path: a rate per year, default_rate otherwise', () => {
    const plan = makePlan({ series: [ser('x')], actuals: [act('x', 2023, 100)] });
    const v = run(plan, [asm('x', { type: 'path', rates: { '2024': 0.1, '2025': -0.05 }, default_rate: 0.02 })]).series.x.values;
    close(v[2024], 110);
    close(v[2025], 104.5);
    close(v[2026], 104.5 * 1.02);
  });

  it('flat: holds the latest value', () => {
    const plan = makePlan({ series: [ser('x')], actuals: [act('x', 2023, 100), act('x', 2024, 90)] });
    const v = run(plan, [asm('x', { type: 'flat' })]).series.x.values;
    expect([v[2024], v[2025], v[2026]]).toEqual([90, 90, 90]);
  });

  it('interp: linear from the latest actual through the points, flat after the last', () => {
    const plan = makePlan({ series: [ser('x')], actuals: [act('x', 2023, 100)] });
    const v = run(plan, [asm('x', { type: 'interp', points: [{ year: 2025, value: 120 }] })]).series.x.values;
    close(v[2024], 110);
    close(v[2025], 120);
    close(v[2026], 120);
    const w = run(plan, [
      asm('x', {
        type: 'interp',
        points: [
          { year: 2026, value: 130 },
          { year: 2024, value: 90 },
        ],
      }),
    ]).series.x.values;
    close(w[2024], 90);
    close(w[2025], 110);
    close(w[2026], 130);
  });

  it('interp ignores points at or before the latest actual', () => {
    const plan = makePlan({ series: [ser('x')], actuals: [act('x', 2023, 100), act('x', 2024, 100)] });
    const v = run(plan, [
      asm('x', {
        type: 'interp',
        points: [
          { year: 2024, value: 500 },
          { year: 2026, value: 160 },
        ],
      }),
    ]).series.x.values;
    expect(v[2024]).toBe(100);
    close(v[2025], 130);
    close(v[2026], 160);
  });

  it('step: jumps to the value in its year and holds; flat before the first step', () => {
    const plan = makePlan({ series: [ser('x')], actuals: [act('x', 2023, 100)] });
    const v = run(plan, [asm('x', { type: 'step', steps: [{ year: 2025, value: 150 }] })]).series.x.values;
    expect([v[2024], v[2025], v[2026]]).toEqual([100, 150, 150]);
    const w = run(plan, [
      asm('x', {
        type: 'step',
        steps: [
          { year: 2026, value: 180 },
          { year: 2024, value: 120 },
        ],
      }),
    ]).series.x.values;
    expect([w[2024], w[2025], w[2026]]).toEqual([120, 120, 180]);
  });

  it('trend (linear): least squares over the actual years, with a 90% prediction interval', () => {
    const plan = makePlan({
      series: [ser('x')],
      actuals: [act('x', 2019, 10), act('x', 2020, 12), act('x', 2021, 13), act('x', 2022, 15), act('x', 2023, 16)],
    });
    const p = run(plan, [asm('x', { type: 'trend', form: 'linear' })]).series.x;
    // slope = Sxy/Sxx = (6.4 + 1.2 + 0 + 1.8 + 5.6) / 10 = 1.5; mean 13.2 at 2021
    close(p.values[2024], 13.2 + 1.5 * 3);
    close(p.values[2025], 13.2 + 1.5 * 4);
    close(p.values[2026], 13.2 + 1.5 * 5);
    // residuals -0.2, 0.3, -0.2, 0.3, -0.2: s^2 = 0.30 / 3; t(0.95, 3) = 2.353363
    const half2024 = 2.353363 * Math.sqrt(0.1) * Math.sqrt(1 + 1 / 5 + 9 / 10);
    expect(p.interval).toBeDefined();
    const [lo, hi] = p.interval![2024];
    expect(lo).toBeCloseTo(17.7 - half2024, 5);
    expect(hi).toBeCloseTo(17.7 + half2024, 5);
    expect(p.interval![2023]).toBeUndefined();
  });

  it('trend (log-linear): exponential fit', () => {
    const plan = makePlan({ series: [ser('x')], actuals: [act('x', 2021, 100), act('x', 2022, 110), act('x', 2023, 121)] });
    const v = run(plan, [asm('x', { type: 'trend', form: 'loglinear' })]).series.x.values;
    close(v[2024], 133.1, 6);
    close(v[2026], 161.051, 6);
  });

  it('trend with fewer than 2 actuals falls back to flat', () => {
    const plan = makePlan({ series: [ser('x')], actuals: [act('x', 2023, 42)] });
    const p = run(plan, [asm('x', { type: 'trend', form: 'linear' })]).series.x;
    expect(p.values[2026]).toBe(42);
    expect(p.interval).toBeUndefined();
  });

  it('logistic: v + k v (1 - v / C), never past the ceiling', () => {
    const plan = makePlan({ series: [ser('x', { unit: '%' })], actuals: [act('x', 2023, 50)] });
    const v = run(plan, [asm('x', { type: 'logistic', ceiling: 100, rate: 0.5 })]).series.x.values;
    const v24 = 50 + 0.5 * 50 * (1 - 50 / 100);
    const v25 = v24 + 0.5 * v24 * (1 - v24 / 100);
    const v26 = v25 + 0.5 * v25 * (1 - v25 / 100);
    close(v[2024], 62.5);
    close(v[2025], v25);
    close(v[2026], v26);
    // a fast speed would overshoot the discrete step: held at the ceiling
    const w = run(plan, [asm('x', { type: 'logistic', ceiling: 100, rate: 3 })]).series.x.values;
    expect(w[2024]).toBe(100); // 50 + 3*50*0.5 = 125 -> 100
    expect(w[2026]).toBe(100);
  });

  it('elasticity: growth = elasticity x the driver growth', () => {
    const plan = makePlan({
      series: [ser('power', { unit: '亿千瓦时' }), ser('gdp', { driver: true })],
      actuals: [act('gdp', 2023, 1000), act('power', 2023, 200)],
    });
    const r = run(plan, [
      asm('power', { type: 'elasticity', driver: 'gdp', elasticity: 0.8 }),
      asm('gdp', { type: 'path', rates: { '2024': 0.05, '2025': 0.1 }, default_rate: 0 }),
    ]);
    const v = r.series.power.values;
    close(v[2024], 200 * 1.04);
    close(v[2025], 200 * 1.04 * 1.08);
    close(v[2026], 200 * 1.04 * 1.08);
  });

  it('pipeline: underlying growth plus projects ramping up (no double count of output already running)', () => {
    const plan = makePlan({ series: [ser('x')], actuals: [act('x', 2023, 100)] });
    const v = run(plan, [
      asm('x', {
        type: 'pipeline',
        underlying_rate: 0.05,
        projects: [
          { name: 'new line', start_year: 2025, capacity: 30, ramp_years: 2 },
          { name: 'running', start_year: 2023, capacity: 10, ramp_years: 2 },
        ],
      }),
    ]).series.x.values;
    // 2023 actual includes 'running' at 5 (half ramp); it adds 5 more from 2024
    close(v[2024], 105 + 0 + (10 - 5));
    close(v[2025], 110.25 + 15 + (10 - 5));
    close(v[2026], 115.7625 + 30 + (10 - 5));
  });

  it('intensity_decay: grows with the driver while its intensity falls by rate', () => {
    const plan = makePlan({
      series: [ser('energy', { unit: '万吨标准煤' }), ser('gdp', { driver: true })],
      actuals: [act('gdp', 2023, 1000), act('energy', 2023, 500)],
    });
    const v = run(plan, [asm('energy', { type: 'intensity_decay', driver: 'gdp', rate: 0.03 }), asm('gdp', { type: 'cagr', rate: 0.06 })])
      .series.energy.values;
    close(v[2024], 500 * 1.06 * 0.97);
    close(v[2026], 500 * (1.06 * 0.97) ** 3);
  });

  it('bounds clamp projected values, never actuals', () => {
    const plan = makePlan({ series: [ser('x', { unit: '%', bounds: [0, 100] })], actuals: [act('x', 2023, 90)] });
    const v = run(plan, [asm('x', { type: 'cagr', rate: 0.1 })]).series.x.values;
    close(v[2024], 99);
    expect(v[2025]).toBe(100);
    expect(v[2026]).toBe(100);
  });

  it('a series without an assumption is held flat and marked as assumed', () => {
    const plan = makePlan({ series: [ser('x')], actuals: [act('x', 2023, 7)] });
    const p = run(plan).series.x;
    expect(p.values[2026]).toBe(7);
    expect(p.model).toBe('default_flat');
    expect(p.assumed_years).toEqual([2024, 2025, 2026]);
  });
});
