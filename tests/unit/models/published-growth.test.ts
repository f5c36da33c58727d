/**
 * Published year-on-year growth rates as actuals (issue 15 item 3 c, d): a 'yoy' record (同比增长 X%)
 * makes the year's figure the previous year's × (1 + X/100); on a current-price aggregate it is the
 * bulletin's comparable-price growth and builds the comparable-price series and so the deflator;
 * each reduction is then judged and its requirement computed from the latest year the intensity is
 * known; a growth-rate target takes the published rates as its years' figures.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Plan, type Actual } from '../../../models/schema';
import { projectPlan, resolvePresetAssumptions } from '../../../models/engine';
import { simulatePlan } from '../../../models/montecarlo';
import { draftSentence } from '../../../models/sentences';
import { verdictLine } from '../../../models/verdict';
import { yoySeries } from '../../../models/published';
import { checkRecord, figureWarnings } from '../../../models/plausibility';
import { guessMapping, validateRows } from '../../../models/actuals-import';
import { asm, inputActual, makePlan, run, ser, tgt } from './fixtures';

const planFile = fileURLToPath(new URL('../../../scenarios/plan/xianning-2024-2026.plan.json', import.meta.url));
const realPlan = Plan.parse(JSON.parse(fs.readFileSync(planFile, 'utf8')));
const baseline = resolvePresetAssumptions(realPlan, 'baseline');
const yoy = (series: string, year: number, pct: number): Actual => inputActual(series, year, pct, { value_kind: 'yoy' });
const realRun = (actuals: Actual[] = []) => projectPlan({ plan: realPlan, assumptions: baseline, actuals });

describe('a published year-on-year rate on an input series', () => {
  const plan = makePlan({
    series: [ser('x')],
    targets: [tgt('x_growth', 'x', 'growth_rate', '>=', 7, { unit: '%' })],
  });
  const rates = [asm('x', { type: 'cagr', rate: 0.05 }, 100)];

  it('chains from the base: 2024 = 100 × 1.08, 2025 = 108 × 1.09, the model continuing from 2025', () => {
    const r = run(plan, rates, {}, [yoy('x', 2024, 8), yoy('x', 2025, 9)]);
    const v = r.series.x.values;
    expect(v[2024]).toBeCloseTo(108, 12);
    expect(v[2025]).toBeCloseTo(108 * 1.09, 12);
    expect(v[2026]).toBeCloseTo(108 * 1.09 * 1.05, 12);
    expect(r.series.x.actual_years).toEqual([2024, 2025]);
    expect(r.series.x.provenance[2025].value_kind).toBe('yoy');
    const e = r.targets[0];
    // 年均增长 from the base: (1.08 × 1.09 × 1.05)^(1/3) − 1
    expect(e.projected).toBeCloseTo((Math.cbrt(1.08 * 1.09 * 1.05) - 1) * 100, 9);
    expect(e.status_year).toBe(2025);
    expect(e.met).toBe(true);
  });

  it('a level of the same year wins over its growth rate', () => {
    const r = run(plan, rates, {}, [yoy('x', 2024, 8), inputActual('x', 2024, 104)]);
    expect(r.series.x.values[2024]).toBe(104);
  });

  it('a rate whose previous year is not known before the model runs is not used', () => {
    const r = run(plan, rates, {}, [yoy('x', 2025, 50)]);
    expect(r.series.x.values[2025]).toBeCloseTo(100 * 1.05 * 1.05, 12);
    expect(r.series.x.actual_years).toEqual([]);
  });
});

describe('comparable-price growth of GDP and 规上工业增加值 build the real series and the deflators', () => {
  it('yoySeries: the bulletin growth of a current-price aggregate is that of its comparable-price series', () => {
    expect(yoySeries(realPlan.series, 'gdp_nominal')).toBe('gdp_real');
    expect(yoySeries(realPlan.series, 'industrial_va')).toBe('industrial_va_real');
    expect(yoySeries(realPlan.series, 'energy_consumption')).toBe('energy_consumption');
  });

  it('地区生产总值 +5.8% and +5.5%: real GDP chains from 2023; the deflator is nominal ÷ real × 100', () => {
    const r = realRun([yoy('gdp_nominal', 2024, 5.8), yoy('gdp_nominal', 2025, 5.5), yoy('industrial_va', 2024, 7.1)]);
    const real = r.series.gdp_real.values;
    const nom = r.series.gdp_nominal.values;
    const defl = r.series.gdp_deflator.values;
    expect(real[2024]).toBeCloseTo(nom[2023] * 1.058, 9);
    expect(real[2025]).toBeCloseTo(nom[2023] * 1.058 * 1.055, 9);
    for (const y of [2024, 2025, 2026]) expect(defl[y]).toBeCloseTo((nom[y] / real[y]) * 100, 9);
    expect(r.series.gdp_real.actual_years).toEqual([2024, 2025]);
    const ireal = r.series.industrial_va_real.values;
    expect(ireal[2024]).toBeCloseTo(r.series.industrial_va.values[2023] * 1.071, 9);
  });

  it('单位GDP能耗: with GDP and energy use growth published, the reduction is judged on 2025 and its requirement runs from 2025', () => {
    const before = realRun().targets.find((t) => t.id === 'energy_intensity_reduction')!;
    expect(before.growth_from_year).toBe(2023); // the "需年均下降3.5%" from 2023
    const r = realRun([
      yoy('gdp_nominal', 2024, 5.8),
      yoy('gdp_nominal', 2025, 5.5),
      yoy('energy_consumption', 2024, 2),
      yoy('energy_consumption', 2025, 2.5),
    ]);
    const I = r.series.energy_intensity.values;
    expect(I[2025] / I[2023]).toBeCloseTo((1.02 * 1.025) / (1.058 * 1.055), 12);
    expect(r.series.energy_intensity.actual_years).toEqual([2024, 2025]);
    const e = r.targets.find((t) => t.id === 'energy_intensity_reduction')!;
    expect(e.status_year).toBe(2025);
    expect(e.growth_from_year).toBe(2025);
    expect(e.required_growth).toBeCloseTo((0.9 * I[2023]) / I[2025] - 1, 12);
    const t = realPlan.targets.find((x) => x.id === 'energy_intensity_reduction')!;
    const pct = `${(-e.required_growth! * 100).toFixed(1)}%`;
    expect(verdictLine(t, e, 'zh-CN').text).toContain(`2026年需下降${pct}`);
    const s = draftSentence(t, e, '基准情景', 'zh-CN');
    expect(s).toContain(`2026年需下降${pct}`);
    expect(s).not.toContain('需年均下降');
  });

  it('单位GDP能耗下降3.0%、3.2% published on the intensity itself: judged on 2025, 2026年需下降 from there', () => {
    const r = realRun([yoy('energy_intensity', 2024, -3), yoy('energy_intensity', 2025, -3.2)]);
    const I = r.series.energy_intensity.values;
    expect(I[2025]).toBeCloseTo(I[2023] * 0.97 * 0.968, 12);
    const e = r.targets.find((t) => t.id === 'energy_intensity_reduction')!;
    expect(e.status_year).toBe(2025);
    expect(e.growth_from_year).toBe(2025);
    expect(e.required_growth).toBeCloseTo(0.9 / (0.97 * 0.968) - 1, 12);
  });
});

describe('a growth-rate target takes the published year-on-year rates', () => {
  it('全社会研发经费投入 +8.2% (2024) and +9.1% (2025): judged on 2025 from the rates', () => {
    const r = realRun([yoy('rd_expenditure', 2024, 8.2), yoy('rd_expenditure', 2025, 9.1)]);
    const v = r.series.rd_expenditure.values;
    expect(v[2025] / v[2023]).toBeCloseTo(1.082 * 1.091, 12);
    const e = r.targets.find((t) => t.id === 'rd_expenditure_growth')!;
    expect(e.status_year).toBe(2025);
    expect(e.projected).toBeCloseTo((Math.cbrt(v[2026] / v[2023]) - 1) * 100, 9);
  });
});

describe('Monte Carlo follows the published rates', () => {
  it('the compiled path equals the per-draw reference with growth rates on GDP, energy use, the intensity and a share', () => {
    const actuals = [
      yoy('gdp_nominal', 2024, 5.8),
      yoy('gdp_nominal', 2025, 5.5),
      yoy('energy_consumption', 2024, 2),
      yoy('co2_intensity', 2025, -4),
      yoy('digital_economy_share_gdp', 2026, 3),
      yoy('rd_expenditure', 2024, 8.2),
    ];
    const input = { plan: realPlan, assumptions: baseline, actuals, draws: 120, seed: 5 };
    const a = simulatePlan(input);
    const b = simulatePlan(input, { method: 'per_draw' });
    expect(a.method).toBe('compiled');
    expect({ ...a, method: null }).toEqual({ ...b, method: null });
  });
});

describe('plausibility of a published growth rate', () => {
  const share = realPlan.series.find((s) => s.id === 'rd_institution_coverage')!;
  const gdp = realPlan.series.find((s) => s.id === 'gdp_nominal')!;
  it('a fall is allowed on a level or a share (no sign or 0–100 rule); −100% or less is refused', () => {
    expect(checkRecord(realPlan, gdp, { series: 'gdp_nominal', period: '2024', value: -3.2, value_kind: 'yoy' })).toEqual([]);
    expect(checkRecord(realPlan, share, { series: share.id, period: '2024', value: 150, value_kind: 'yoy' })).toEqual([]);
    const bad = checkRecord(realPlan, gdp, { series: 'gdp_nominal', period: '2024', value: -100, value_kind: 'yoy' });
    expect(bad).toHaveLength(1);
    expect(bad[0].message_zh).toContain('地区生产总值(现价)');
    expect(bad[0].message_zh).toContain('大于 -100%');
    // as a level the same −3.2 is refused
    expect(checkRecord(realPlan, gdp, { series: 'gdp_nominal', period: '2024', value: -3.2 })).toHaveLength(1);
  });
  it('is never compared with the levels around it', () => {
    expect(figureWarnings(gdp, { series: 'gdp_nominal', period: '2025', value: 5.5, value_kind: 'yoy' }, () => 2000)).toEqual([]);
  });
});

describe('a growth-rate row of an imported sheet', () => {
  it('地区生产总值 同比 5.8% is read in percent and kept as value kind yoy', () => {
    const mapping = guessMapping(['序列', '期间', '数值', '数值类型', '来源']);
    const r = validateRows([{ line: 2, fields: ['地区生产总值(现价)', '2024', '5.8%', '同比增长', '统计公报'] }], mapping, realPlan, {
      source_title: '',
      reliability: 'official',
      entered_by: '测试',
      vintage: '2026-03-01',
    });
    expect(r.rejected).toEqual([]);
    expect(r.valid[0].actual).toMatchObject({ series: 'gdp_nominal', period: '2024', value: 5.8, value_kind: 'yoy' });
  });
});
