/**
 * Issue 15 item 3 through the real API (dispatch + handlers + SQLite): a share, coverage rate or
 * intensity entered as the bulletin prints it is stored on the derived series, anchors its
 * projection and moves the verdict; plausibility applies (a share lies in 0–100).
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../contract';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('published');
const source = { title: '咸宁市统计公报', url: null, date: '2026-03-20', reliability: 'official' as const };

async function baselineId(): Promise<string> {
  return (await fx.call('scenarios:list', {})).find((x) => x.preset_id === 'baseline')!.id;
}

describe('published forms entered through actuals:enter', () => {
  it('规上工业企业研发机构覆盖率 173.54% is refused naming the indicator and the range; nothing stored', async () => {
    const before = (await fx.call('actuals:list', {})).length;
    const env = await dispatch(
      fx.api().handlers,
      'actuals:enter',
      { actual: { series: 'rd_institution_coverage', period: '2025', value: 173.54, source } },
      { host: 'cli' },
    );
    expect(env.ok).toBe(false);
    if (env.ok) return;
    expect(env.error.code).toBe('implausible');
    expect(env.error.message_zh).toContain('规上工业企业研发机构覆盖率');
    expect(env.error.message_zh).toContain('100');
    expect((await fx.call('actuals:list', {})).length).toBe(before);
  });

  it('规上工业企业研发机构覆盖率 73.54% for 2025 is stored and judges the target from it', async () => {
    const id = await baselineId();
    const before = (await fx.call('projection:run', { id })).targets.find((t) => t.id === 'rd_institution_coverage')!;
    expect(before.projected!).toBeLessThan(42);
    await fx.call('actuals:enter', { actual: { series: 'rd_institution_coverage', period: '2025', value: 73.54, source }, confirm: true });
    const r = await fx.call('projection:run', { id });
    expect(r.series.rd_institution_coverage.values[2025]).toBe(73.54);
    expect(r.series.rd_institution_coverage.actual_years).toContain(2025);
    const e = r.targets.find((t) => t.id === 'rd_institution_coverage')!;
    expect(e.projected!).toBeGreaterThan(73.54);
    expect(e.status).toBe('achieved_early');
    expect(e.status_year).toBe(2025);
  });

  it('数字经济占比 9.5% for 2025 is followed in 2026 from 9.5%, not 7.9% beside 快于预期', async () => {
    const id = await baselineId();
    const free = (await fx.call('projection:run', { id })).series.digital_economy_share_gdp.values;
    await fx.call('actuals:enter', { actual: { series: 'digital_economy_share_gdp', period: '2025', value: 9.5, source }, confirm: true });
    const r = await fx.call('projection:run', { id });
    const v = r.series.digital_economy_share_gdp.values;
    expect(v[2026]).toBeCloseTo(9.5 * (free[2026] / free[2025]), 9);
    const e = r.targets.find((t) => t.id === 'digital_economy_share_gdp')!;
    expect(e.gap!).toBeCloseTo(10 - v[2026], 9);
    expect(e.growth_from_year).toBe(2025);
  });
});

describe('published year-on-year growth rates through actuals:enter', () => {
  it('地区生产总值同比增长 −120% is refused naming the indicator and the range', async () => {
    const env = await dispatch(
      fx.api().handlers,
      'actuals:enter',
      { actual: { series: 'gdp_nominal', period: '2024', value: -120, value_kind: 'yoy', source } },
      { host: 'cli' },
    );
    expect(env.ok).toBe(false);
    if (env.ok) return;
    expect(env.error.code).toBe('implausible');
    expect(env.error.message_zh).toContain('地区生产总值');
    expect(env.error.message_zh).toContain('-100%');
  });

  it('GDP +5.8% / +5.5% and energy use +2% / +2.5%: real GDP, the deflator and the energy intensity follow; the reduction is judged on 2025', async () => {
    const id = await baselineId();
    const before = (await fx.call('projection:run', { id })).targets.find((t) => t.id === 'energy_intensity_reduction')!;
    expect(before.growth_from_year).toBe(2023);
    for (const [series, period, value] of [
      ['gdp_nominal', '2024', 5.8],
      ['gdp_nominal', '2025', 5.5],
      ['energy_consumption', '2024', 2],
      ['energy_consumption', '2025', 2.5],
    ] as const) {
      // a growth rate is never compared with the levels stored for the year: no confirmation asked
      await fx.call('actuals:enter', { actual: { series, period, value, value_kind: 'yoy', source } });
    }
    const listed = (await fx.call('actuals:list', {})).filter((a) => a.value_kind === 'yoy');
    expect(listed).toHaveLength(4);
    const r = await fx.call('projection:run', { id });
    const real = r.series.gdp_real.values;
    expect(real[2025]).toBeCloseTo(r.series.gdp_nominal.values[2023] * 1.058 * 1.055, 9);
    expect(r.series.gdp_deflator.values[2025]).toBeCloseTo((r.series.gdp_nominal.values[2025] / real[2025]) * 100, 9);
    const I = r.series.energy_intensity.values;
    expect(I[2025] / I[2023]).toBeCloseTo((1.02 * 1.025) / (1.058 * 1.055), 12);
    const e = r.targets.find((t) => t.id === 'energy_intensity_reduction')!;
    expect(e.status_year).toBe(2025);
    expect(e.growth_from_year).toBe(2025);
    expect(e.required_growth).toBeCloseTo((0.9 * I[2023]) / I[2025] - 1, 12);
  });
});
