import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  backtest,
  backtestAll,
  estimateFullYear,
  MIN_BAND,
  NowcastError,
  type NowcastInput,
  type NowcastResult,
} from '../../../models/nowcast';
import { shareSeries } from './helpers';

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

function finiteEverywhere(x: unknown): boolean {
  if (typeof x === 'number') return Number.isFinite(x);
  if (Array.isArray(x)) return x.every(finiteEverywhere);
  if (x && typeof x === 'object') return Object.values(x).every(finiteEverywhere);
  return true;
}

function expectError(f: () => unknown, code: NowcastError['code']): NowcastError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(NowcastError);
    expect((e as NowcastError).code).toBe(code);
    return e as NowcastError;
  }
  throw new Error('expected a NowcastError');
}

describe('estimateFullYear: closed forms', () => {
  it('a stable seasonal share gives the exact annual total', () => {
    // annual grows 10% a year; January–September is always 70% of the year
    const annual = { 2021: 100, 2022: 110, 2023: 121, 2024: 133.1, 2025: 146.41, 2026: 161.051 };
    const share = { 2021: 0.7, 2022: 0.7, 2023: 0.7, 2024: 0.7, 2025: 0.7, 2026: 0.7 };
    const r = estimateFullYear(shareSeries(annual, share, 9, 2026));
    expect(r.as_of_month).toBe(9);
    const [s, g] = r.methods;
    expect(s.available).toBe(true);
    expect(s.share_used).toBeCloseTo(0.7, 12);
    expect(s.years_used).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(s.estimate as number).toBeCloseTo(161.051, 9);
    // growth derived from the cumulatives: 10%, applied to 2025
    expect(g.available).toBe(true);
    expect(g.growth_source).toBe('derived');
    expect(g.growth_used as number).toBeCloseTo(0.1, 12);
    expect(g.estimate as number).toBeCloseTo(161.051, 9);
    expect(r.method_used).toBe('blend');
    expect(r.estimate).toBeCloseTo(161.051, 9);
    // every backtest error is zero: the band collapses onto the estimate
    expect(r.error_band_source).toBe('backtest');
    expect(r.high - r.low).toBeLessThan(1e-9);
    expect(r.low).toBeLessThanOrEqual(r.estimate);
    expect(r.high).toBeGreaterThanOrEqual(r.estimate);
  });

  it('growth applied reproduces last year x (1 + g), and says it is the only method', () => {
    const input: NowcastInput = {
      series: 'trade_total',
      year: 2026,
      ytd: [{ year: 2026, month: 6, growth: 0.05 }],
      annual: [{ year: 2025, value: 200 }],
      flow: true,
    };
    const r = estimateFullYear(input);
    expect(r.method_used).toBe('growth_applied');
    expect(r.estimate).toBeCloseTo(210, 12);
    expect(r.methods[1].growth_source).toBe('reported');
    expect(r.methods[0].available).toBe(false);
    expect(r.methods[0].estimate).toBeNull();
    expect(r.methods[0].weight).toBe(0);
    expect(r.methods[1].weight).toBe(1);
    expect(r.note_zh).toContain('仅用增速推算法');
    expect(r.note_en).toContain('growth applied only');
    // no history: the minimum band, ±10% x (12 - 6) / 12 = ±5%
    expect(r.error_band_source).toBe('spread');
    expect(r.min_band_applied).toBe(true);
    expect(r.low).toBeCloseTo(210 * (1 - MIN_BAND * 0.5), 9);
    expect(r.high).toBeCloseTo(210 * (1 + MIN_BAND * 0.5), 9);
  });

  it('a stock: last year-end level x (1 + growth of the level at month N)', () => {
    const r = estimateFullYear({
      series: 'high_tech_enterprises',
      year: 2026,
      ytd: [{ year: 2026, month: 9, cumulative: 520, growth: 0.1 }],
      annual: [{ year: 2025, value: 480 }],
      flow: false,
    });
    expect(r.method_used).toBe('growth_applied');
    expect(r.estimate).toBeCloseTo(528, 12);
    expect(r.methods[1].detail_zh).toContain('年末');
    expect(r.methods[1].detail_en).toContain('year-end level');
  });

  it('seasonal share only, when there is no base for growth, and says so', () => {
    const r = estimateFullYear({
      series: 'x',
      year: 2026,
      ytd: [
        { year: 2024, month: 3, cumulative: 20 },
        { year: 2026, month: 3, cumulative: 30 },
      ],
      annual: [{ year: 2024, value: 100 }],
      flow: true,
    });
    expect(r.method_used).toBe('seasonal_share');
    expect(r.estimate).toBeCloseTo(150, 12);
    expect(r.note_zh).toContain('缺少2025年全年值');
    expect(r.note_en).toContain('no 2025 annual total');
  });

  it('the blend is the equal-weight mean of both methods when the backtest is short', () => {
    const r = estimateFullYear({
      series: 'x',
      year: 2026,
      ytd: [
        { year: 2025, month: 6, cumulative: 50 },
        { year: 2026, month: 6, cumulative: 60, growth: 0.1 },
      ],
      annual: [{ year: 2025, value: 100 }],
      flow: true,
    });
    // share 0.5 -> 120; growth 100 x 1.1 = 110
    expect(r.methods[0].estimate).toBeCloseTo(120, 12);
    expect(r.methods[1].estimate).toBeCloseTo(110, 12);
    expect(r.method_used).toBe('blend');
    expect(r.estimate).toBeCloseTo(115, 12);
    expect(r.error_band_source).toBe('spread');
    // the spread 110..120 is wider than the minimum band (±5% of 115 = ±5.75)
    expect(r.low).toBeCloseTo(109.25, 9);
    expect(r.high).toBeCloseTo(120.75, 9);
  });

  it('the month defaults to the latest month of the year at which a method works', () => {
    const input: NowcastInput = {
      series: 'x',
      year: 2026,
      ytd: [
        { year: 2025, month: 8, cumulative: 60 },
        { year: 2025, month: 12, cumulative: 100 }, // January–December stands in for the annual total
        { year: 2026, month: 8, cumulative: 66 },
        { year: 2026, month: 9, cumulative: 75 }, // no 2025 month-9 value: neither method works at 9
      ],
      annual: [],
      flow: true,
    };
    const r = estimateFullYear(input);
    expect(r.as_of_month).toBe(8);
    expect(r.methods[0].estimate).toBeCloseTo(110, 12);
    expect(r.methods[1].estimate).toBeCloseTo(110, 12);
    expect(r.estimate).toBeCloseTo(110, 12);
    expectError(() => estimateFullYear({ ...input, month: 9 }), 'no_base');
  });
});

describe('estimateFullYear: typed errors', () => {
  it('no_data names the series and what is missing', () => {
    const e = expectError(
      () =>
        estimateFullYear({
          series: 'fine_steel_output',
          year: 2026,
          ytd: [{ year: 2025, month: 9, cumulative: 5 }],
          annual: [],
          flow: true,
        }),
      'no_data',
    );
    expect(e.series).toBe('fine_steel_output');
    expect(e.message_en).toContain('fine_steel_output');
    expect(e.message_en).toContain('2026');
    expect(e.message_zh).toContain('fine_steel_output');
    expect(e.message_zh).toContain('1-N月累计');
  });

  it('no_base when there is data for the year but neither method has its base', () => {
    const e = expectError(
      () =>
        estimateFullYear({ series: 'trade_total', year: 2026, ytd: [{ year: 2026, month: 9, cumulative: 500 }], annual: [], flow: true }),
      'no_base',
    );
    expect(e.message_en).toContain('trade_total');
    expect(e.message_en).toContain('no 2025 annual total');
    expect(e.message_en).toContain('seasonal share');
    expect(e.message_zh).toContain('缺少2025年全年值');
    expect(e.message_zh).toContain('季节占比');
  });

  it('bad_input for a month outside 1..12', () => {
    expectError(
      () =>
        estimateFullYear({ series: 'x', year: 2026, ytd: [{ year: 2026, month: 3, cumulative: 1 }], annual: [], flow: true, month: 13 }),
      'bad_input',
    );
    expectError(() => backtest({ series: 'x', year: 2026, ytd: [], annual: [], flow: true }, 2025, 0), 'bad_input');
  });

  it('zero shares, zero bases and -100% growth never give NaN or Infinity', () => {
    const r = estimateFullYear({
      series: 'x',
      year: 2026,
      ytd: [
        { year: 2024, month: 6, cumulative: 0 }, // share 0: skipped
        { year: 2025, month: 6, cumulative: 10 },
        { year: 2026, month: 6, cumulative: 12, growth: -1 }, // growth at -100%: not used; derived instead
      ],
      annual: [
        { year: 2024, value: 0 }, // zero annual: skipped
        { year: 2025, value: 20 },
      ],
      flow: true,
    });
    expect(finiteEverywhere(r)).toBe(true);
    expect(r.methods[1].growth_source).toBe('derived');
    expect(r.methods[0].years_used).toEqual([2025]);
    expect(r.estimate).toBeCloseTo(24, 12);
  });
});

describe('backtest', () => {
  // shares at month 6 vary; growth reported at month 6 differs from the realised annual growth
  const annual = { 2020: 100, 2021: 110, 2022: 120, 2023: 130, 2024: 140, 2025: 150, 2026: 160 };
  const share = { 2020: 0.5, 2021: 0.52, 2022: 0.48, 2023: 0.5, 2024: 0.51, 2025: 0.49, 2026: 0.5 };
  const growth = { 2021: 0.12, 2022: 0.08, 2023: 0.09, 2024: 0.07, 2025: 0.06, 2026: 0.07 };
  const input = shareSeries(annual, share, 6, 2026, growth);

  it('reports what each method would have said, with known errors', () => {
    const b = backtest(input, 2022, 6);
    expect(b.actual).toBe(120);
    const s = b.methods.find((m) => m.method === 'seasonal_share')!;
    const g = b.methods.find((m) => m.method === 'growth_applied')!;
    // seasonal share: 0.48 x 120 / mean(0.5, 0.52)
    expect(s.estimate).toBeCloseTo((0.48 * 120) / 0.51, 10);
    expect(s.error).toBeCloseTo((0.48 * 120) / 0.51 - 120, 10);
    expect(s.error_rel as number).toBeCloseTo(0.48 / 0.51 - 1, 12);
    // growth applied: 110 x 1.08
    expect(g.estimate).toBeCloseTo(118.8, 10);
    expect(g.error_rel as number).toBeCloseTo(118.8 / 120 - 1, 12);
  });

  it('uses only earlier years for the shares', () => {
    const b = backtest(input, 2023, 6);
    const s = b.methods.find((m) => m.method === 'seasonal_share')!;
    // mean(0.5, 0.52, 0.48) = 0.5 -> exact
    expect(s.error_rel as number).toBeCloseTo(0, 12);
  });

  it('backtestAll covers every earlier year that can be backtested', () => {
    const all = backtestAll(input, 6);
    expect(all.map((b) => b.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
    // 2020: no earlier share, no 2019 base -> not backtestable
    expect(() => backtest(input, 2020, 6)).toThrow(NowcastError);
    expect(all[0].methods.map((m) => m.method)).toEqual(['seasonal_share', 'growth_applied']);
  });

  it('a year without an annual total cannot be backtested (no_actual)', () => {
    expectError(() => backtest(input, 2026, 6), 'no_actual');
  });

  it('the band is a Student-t band from the past corrections (rms, n degrees of freedom), the blend from inverse MSE', () => {
    const r = estimateFullYear(input);
    expect(r.error_band_source).toBe('backtest');
    const all = backtestAll(input, 6);
    const errs = (m: string) => all.map((b) => b.methods.find((x) => x.method === m)!.error_rel as number);
    const mse = (xs: number[]) => xs.reduce((a, b) => a + b * b, 0) / xs.length;
    const wS = 1 / mse(errs('seasonal_share'));
    const wG = 1 / mse(errs('growth_applied'));
    expect(r.methods[0].weight).toBeCloseTo(wS / (wS + wG), 12);
    expect(r.methods[1].weight).toBeCloseTo(wG / (wS + wG), 12);
    const est = r.methods[0].weight * r.methods[0].estimate! + r.methods[1].weight * r.methods[1].estimate!;
    expect(r.estimate).toBeCloseTo(est, 10);
    const past = all.map((b) => {
      const s = b.methods[0].estimate;
      const g = b.methods[1].estimate;
      return b.actual / (r.methods[0].weight * s + r.methods[1].weight * g) - 1;
    });
    // five backtest years: t(0.95, 5 df) = 2.015048; rms of the log corrections
    const rms = Math.sqrt(past.reduce((a, x) => a + Math.log1p(x) ** 2, 0) / past.length);
    expect(r.band_t).toBeCloseTo(2.015048, 6);
    expect(r.band_rms).toBeCloseTo(rms, 12);
    expect(r.band_scale).toBe('log');
    const lo = Math.min(r.estimate * Math.exp(-2.015048 * rms), ...[r.estimate, r.methods[0].estimate!, r.methods[1].estimate!]);
    const hi = Math.max(r.estimate * Math.exp(2.015048 * rms), ...[r.estimate, r.methods[0].estimate!, r.methods[1].estimate!]);
    expect(r.low).toBeCloseTo(lo, 10);
    expect(r.high).toBeCloseTo(hi, 10);
    expect(r.backtest).toHaveLength(5);
    expect(r.note_zh).toContain('回测');
    expect(r.methods[0].backtest_years).toEqual([2021, 2022, 2023, 2024, 2025]);
  });

  it('a method that was always exact takes nearly all the weight', () => {
    // growth reported equals the realised annual growth every year
    const g = { 2021: 0.1, 2022: 120 / 110 - 1, 2023: 130 / 120 - 1, 2024: 140 / 130 - 1, 2025: 150 / 140 - 1, 2026: 0.05 };
    const r = estimateFullYear(shareSeries(annual, share, 6, 2026, g));
    expect(r.methods[1].backtest_mae_rel as number).toBeLessThan(1e-12);
    expect(r.methods[1].weight).toBeGreaterThan(0.99);
  });
});

describe('properties', () => {
  const years = fc.integer({ min: 1, max: 7 });
  const pos = fc.double({ min: 1, max: 1e6, noNaN: true });

  it('for positive inputs the estimate is finite and positive and the range contains it', () => {
    fc.assert(
      fc.property(
        years,
        fc.integer({ min: 1, max: 12 }),
        fc.array(pos, { minLength: 8, maxLength: 8 }),
        fc.array(fc.double({ min: 0.02, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }),
        fc.array(fc.option(fc.double({ min: -0.5, max: 0.8, noNaN: true }), { nil: undefined }), { minLength: 8, maxLength: 8 }),
        fc.boolean(),
        (n, month, annual, shares, growths, flow) => {
          const Y = 2026;
          const ytd = [];
          const ann = [];
          for (let k = 0; k <= n; k++) {
            const y = Y - k;
            ytd.push({ year: y, month, cumulative: annual[k] * shares[k], growth: growths[k] });
            if (k > 0) ann.push({ year: y, value: annual[k] });
          }
          const r: NowcastResult = estimateFullYear({ series: 'p', year: Y, ytd, annual: ann, flow });
          expect(finiteEverywhere(r)).toBe(true);
          expect(r.estimate).toBeGreaterThan(0);
          expect(r.low).toBeLessThanOrEqual(r.estimate);
          expect(r.high).toBeGreaterThanOrEqual(r.estimate);
          expect(r.low).toBeGreaterThanOrEqual(0);
          for (const m of r.methods)
            if (m.estimate !== null) {
              expect(r.low).toBeLessThanOrEqual(m.estimate);
              expect(r.high).toBeGreaterThanOrEqual(m.estimate);
            }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a series whose YTD is a constant share of the annual total is nowcast exactly', () => {
    fc.assert(
      fc.property(
        years,
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.array(pos, { minLength: 8, maxLength: 8 }),
        (n, month, s, annual) => {
          const Y = 2026;
          const ytd = [];
          const ann = [];
          for (let k = 0; k <= n; k++) {
            ytd.push({ year: Y - k, month, cumulative: s * annual[k] });
            if (k > 0) ann.push({ year: Y - k, value: annual[k] });
          }
          const r = estimateFullYear({ series: 'c', year: Y, ytd, annual: ann, flow: true });
          expect(rel(r.estimate, annual[0])).toBeLessThan(1e-9);
          expect(rel(r.methods[0].estimate as number, annual[0])).toBeLessThan(1e-9);
          for (const b of r.backtest) for (const m of b.methods) expect(Math.abs(m.error_rel as number)).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any input gives finite numbers or a typed error, never NaN or Infinity', () => {
    const num = fc.oneof(fc.double({ noNaN: false }), fc.constantFrom(0, -0, 1e308, -1e308, Number.NaN, Infinity, -1));
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            year: fc.integer({ min: 2018, max: 2026 }),
            month: fc.integer({ min: 0, max: 13 }),
            cumulative: fc.option(num, { nil: undefined }),
            growth: fc.option(num, { nil: undefined }),
          }),
          { maxLength: 20 },
        ),
        fc.array(fc.record({ year: fc.integer({ min: 2018, max: 2026 }), value: num }), { maxLength: 10 }),
        fc.boolean(),
        (ytd, annual, flow) => {
          try {
            const r = estimateFullYear({ series: 'z', year: 2026, ytd, annual, flow });
            expect(finiteEverywhere(r)).toBe(true);
            expect(r.low).toBeLessThanOrEqual(r.estimate);
            expect(r.high).toBeGreaterThanOrEqual(r.estimate);
          } catch (e) {
            expect(e).toBeInstanceOf(NowcastError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('growth applied: a comparable-price 累计增速 on current-price levels goes through the deflator', () => {
  // 2025 current-price total 2,000; 1-9月 2026 comparable growth 5%; the deflator rises 2% in 2026
  const base: NowcastInput = {
    series: 'gdp_nominal',
    year: 2026,
    ytd: [{ year: 2026, month: 9, growth: 0.05 }],
    annual: [{ year: 2025, value: 2000 }],
    flow: true,
    name_zh: '地区生产总值(现价)',
    name_en: 'GDP (current prices)',
  };

  it('current-price estimate = last year x (1 + comparable growth) x (1 + deflator change)', () => {
    const r = estimateFullYear({
      ...base,
      price: {
        growth_basis: 'comparable',
        deflator_change: { 2026: 0.02 },
        deflator_name_zh: '地区生产总值平减指数',
        deflator_name_en: 'GDP deflator',
      },
    });
    const g = r.methods[1];
    expect(g.estimate).toBeCloseTo(2000 * 1.05 * 1.02, 10); // 2,142
    expect(g.estimate).toBeCloseTo(2142, 10);
    expect(g.growth_used).toBe(0.05);
    expect(g.growth_basis).toBe('comparable');
    expect(g.price_change).toBe(0.02);
    expect(g.price_assumed).toBe(false);
    expect(g.detail_zh).toBe('2025年全年 2,000 ×（1 + 1-9月累计增速 5.0%）（可比价）×（1 + 地区生产总值平减指数变动 2.0%）= 2,142');
    expect(g.detail_en).toContain('(comparable prices) × (1 + change of GDP deflator 2.0%) = 2,142');
    expect(r.estimate).toBeCloseTo(2142, 10);
  });

  it('without a price basis the growth is applied as it is (the rule before issue 17)', () => {
    const g = estimateFullYear(base).methods[1];
    expect(g.estimate).toBeCloseTo(2100, 10);
    expect(g.growth_basis).toBe('current');
    expect(g.price_change).toBeNull();
  });

  it('falling prices lower the current-price estimate', () => {
    const g = estimateFullYear({ ...base, price: { growth_basis: 'comparable', deflator_change: { 2026: -0.01 } } }).methods[1];
    expect(g.estimate).toBeCloseTo(2000 * 1.05 * 0.99, 10); // 2,079
  });

  it('a deflator without a figure for the year: prices unchanged, and the detail says so', () => {
    const g = estimateFullYear({ ...base, price: { growth_basis: 'comparable', deflator_change: { 2025: 0.03 } } }).methods[1];
    expect(g.estimate).toBeCloseTo(2100, 10);
    expect(g.price_assumed).toBe(true);
    expect(g.detail_zh).toContain('按价格不变');
    expect(g.detail_en).toContain('prices taken as unchanged');
  });

  it('a growth derived from current-price cumulatives is not deflated again', () => {
    const g = estimateFullYear({
      ...base,
      ytd: [
        { year: 2025, month: 9, cumulative: 1500 },
        { year: 2026, month: 9, cumulative: 1560 },
      ],
      price: { growth_basis: 'comparable', deflator_change: { 2026: 0.02 } },
    }).methods[1];
    expect(g.growth_source).toBe('derived');
    expect(g.estimate).toBeCloseTo(2000 * 1.04, 10);
    expect(g.price_change).toBeNull();
  });

  it('the backtest deflates each earlier year by its own price change', () => {
    const input: NowcastInput = {
      ...base,
      ytd: [
        { year: 2025, month: 9, growth: 0.06 },
        { year: 2026, month: 9, growth: 0.05 },
      ],
      annual: [
        { year: 2024, value: 1900 },
        { year: 2025, value: 2000 },
      ],
      price: { growth_basis: 'comparable', deflator_change: { 2025: -0.005, 2026: 0.02 } },
    };
    const b = backtest(input, 2025, 9);
    expect(b.methods[0].estimate).toBeCloseTo(1900 * 1.06 * 0.995, 10); // 2,003.93
    expect(b.methods[0].error_rel as number).toBeCloseTo((1900 * 1.06 * 0.995) / 2000 - 1, 12);
  });
});

describe('the band: the worked example of docs/nowcast.md', () => {
  it('corrections +2%, -1%, +3% and an estimate of 2,110 give 2,006.6 to 2,218.7', () => {
    // growth applied only (no cumulatives): each year estimate = last year x 1.05, actual = estimate x (1 + r)
    const a2022 = 100;
    const a2023 = a2022 * 1.05 * 1.02;
    const a2024 = a2023 * 1.05 * 0.99;
    const a2025 = a2024 * 1.05 * 1.03;
    const r = estimateFullYear({
      series: 'w',
      year: 2026,
      month: 9,
      flow: true,
      ytd: [
        { year: 2023, month: 9, growth: 0.05 },
        { year: 2024, month: 9, growth: 0.05 },
        { year: 2025, month: 9, growth: 0.05 },
        { year: 2026, month: 9, growth: 2110 / a2025 - 1 },
      ],
      annual: [
        { year: 2022, value: a2022 },
        { year: 2023, value: a2023 },
        { year: 2024, value: a2024 },
        { year: 2025, value: a2025 },
      ],
    });
    expect(r.method_used).toBe('growth_applied');
    expect(r.estimate).toBeCloseTo(2110, 9);
    expect(r.error_band_source).toBe('backtest');
    expect(r.band_t).toBeCloseTo(2.353363, 6);
    expect(r.band_rms as number).toBeCloseTo(0.021345, 6);
    expect(r.low).toBeCloseTo(2006.6256, 3);
    expect(r.high).toBeCloseTo(2218.6999, 3);
    expect(r.note_zh).toContain('t分位数 2.35（自由度3）');
  });
});
