/**
 * Published forms as actuals (issue 15 item 3 a): a figure entered on a derived series (a share,
 * ratio, coverage rate or intensity) is that year's actual of the series and anchors its later
 * projection: each later year takes the anchored level times the growth of the computed ratio
 * (numerator over denominator) since the anchored year. Judged value, status and required effort
 * use it. Closed-form cases and the real plan.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Plan } from '../../../models/schema';
import { projectPlan, resolvePresetAssumptions } from '../../../models/engine';
import { draftSentence } from '../../../models/sentences';
import { simulatePlan } from '../../../models/montecarlo';
import { act, asm, inputActual, makePlan, run, ser, tgt } from './fixtures';

const planFile = fileURLToPath(new URL('../../../scenarios/plan/xianning-2024-2026.plan.json', import.meta.url));
const realPlan = Plan.parse(JSON.parse(fs.readFileSync(planFile, 'utf8')));
const baseline = resolvePresetAssumptions(realPlan, 'baseline');

function realRun(actuals = [] as ReturnType<typeof inputActual>[]) {
  return projectPlan({ plan: realPlan, assumptions: baseline, actuals });
}

/** share = num / den * 100, num growing 10% a year from 20, den 5% a year from 100. */
function shareCase(extraActuals: ReturnType<typeof act>[] = []) {
  const plan = makePlan({
    series: [
      ser('num'),
      ser('den'),
      ser('share', { unit: '%', nature: 'rate', derived: { type: 'ratio', numerator: 'num', denominator: 'den', scale: 100 } }),
    ],
    targets: [tgt('share_t', 'share', 'share', '>=', 25, { unit: '%' })],
    actuals: extraActuals,
  });
  return run(plan, [asm('num', { type: 'cagr', rate: 0.1 }, 20), asm('den', { type: 'cagr', rate: 0.05 }, 100)]);
}

describe('a figure entered on a ratio series anchors its later projection', () => {
  it('closed form: the later years follow the anchored level times the growth of num/den', () => {
    const free = shareCase();
    const c = free.series.share.values;
    expect(c[2023]).toBeCloseTo(20, 12);
    const r = shareCase([act('share', 2024, 23)]);
    const v = r.series.share.values;
    expect(v[2023]).toBeCloseTo(c[2023], 12); // before the anchor: the computed ratio (no back-cast)
    expect(v[2024]).toBe(23);
    expect(v[2025]).toBeCloseTo(23 * (c[2025] / c[2024]), 12);
    expect(v[2026]).toBeCloseTo(23 * (c[2026] / c[2024]), 12);
    expect(v[2026]).toBeCloseTo(23 * Math.pow(1.1 / 1.05, 2), 12);
    const e = r.targets[0];
    expect(e.projected).toBeCloseTo(23 * Math.pow(1.1 / 1.05, 2), 12);
    expect(e.status_year).toBe(2024);
  });

  it('a later anchor takes over from an earlier one', () => {
    const r = shareCase([act('share', 2024, 23), act('share', 2025, 21)]);
    const c = shareCase().series.share.values;
    expect(r.series.share.values[2026]).toBeCloseTo(21 * (c[2026] / c[2025]), 12);
  });

  it('the required growth of the numerator runs from the anchored year', () => {
    const r = shareCase([act('share', 2025, 23)]);
    const e = r.targets[0];
    expect(e.growth_from_year).toBe(2025);
    // 23 * (1 + g) / 1.05 = 25
    expect(e.required_growth).toBeCloseTo((25 * 1.05) / 23 - 1, 9);
    expect(e.assumed_growth).toBeCloseTo(0.1, 9);
  });

  it('a deflated series with an own actual anchors the same way', () => {
    const plan = makePlan({
      series: [
        ser('nom'),
        ser('defl', { unit: '2023年=100', nature: 'index' }),
        ser('real', { derived: { type: 'deflate', nominal: 'nom', deflator: 'defl' } }),
      ],
      targets: [tgt('real_t', 'real', 'level', '>=', 130)],
      actuals: [act('real', 2024, 110)],
    });
    const r = run(plan, [asm('nom', { type: 'cagr', rate: 0.08 }, 100), asm('defl', { type: 'cagr', rate: 0.02 }, 100)]);
    const v = r.series.real.values;
    expect(v[2024]).toBe(110);
    expect(v[2026]).toBeCloseTo(110 * Math.pow(1.08 / 1.02, 2), 9);
  });
});

describe('the real plan: figures the issue quotes', () => {
  it('数字经济占比 9.5% entered for 2025 is followed by more than 9.5% in 2026, not 7.9% labelled 快于预期', () => {
    const free = realRun().series.digital_economy_share_gdp.values;
    const r = realRun([inputActual('digital_economy_share_gdp', 2025, 9.5)]);
    const v = r.series.digital_economy_share_gdp.values;
    expect(v[2025]).toBe(9.5);
    expect(v[2026]).toBeCloseTo(9.5 * (free[2026] / free[2025]), 9);
    expect(v[2026]).toBeGreaterThan(9.5);
    const e = r.targets.find((t) => t.id === 'digital_economy_share_gdp')!;
    expect(e.projected).toBeCloseTo(v[2026], 9);
    expect(e.gap).toBeCloseTo(10 - v[2026], 9);
    expect(e.gap!).toBeLessThan(0.5);
    const t = realPlan.targets.find((x) => x.id === 'digital_economy_share_gdp')!;
    expect(draftSentence(t, e, '基准情景', 'zh-CN')).not.toContain('距目标差2.1个百分点');
  });

  it('an entered energy intensity for 2025 is followed in 2026 from it, never 已提前实现 beside 累计下降9.6%', () => {
    const free = realRun().series.energy_intensity.values;
    const i25 = free[2023] * 0.89; // 11% down from 2023: met by 2025
    const r = realRun([inputActual('energy_intensity', 2025, i25)]);
    const v = r.series.energy_intensity.values;
    expect(v[2026]).toBeCloseTo(i25 * (free[2026] / free[2025]), 12);
    const e = r.targets.find((t) => t.id === 'energy_intensity_reduction')!;
    expect(e.projected).toBeCloseTo((1 - v[2026] / free[2023]) * 100, 9);
    expect(e.projected!).toBeGreaterThan(11);
    expect(e.status).toBe('achieved_early');
    const t = realPlan.targets.find((x) => x.id === 'energy_intensity_reduction')!;
    expect(draftSentence(t, e, '基准情景', 'zh-CN')).not.toContain('累计下降9.6%');
  });

  it('规上工业企业研发机构覆盖率 73.54% entered for 2025 is judged from it', () => {
    const r = realRun([inputActual('rd_institution_coverage', 2025, 73.54)]);
    const e = r.targets.find((t) => t.id === 'rd_institution_coverage')!;
    expect(e.projected!).toBeGreaterThan(73.54);
    expect(e.met).toBe(true);
    expect(e.status).toBe('achieved_early');
  });
});

describe('Monte Carlo follows the anchored projection', () => {
  it('the compiled path equals the per-draw reference with published shares and an intensity entered', () => {
    const free = realRun().series.energy_intensity.values;
    const actuals = [
      inputActual('digital_economy_share_gdp', 2025, 9.5),
      inputActual('rd_institution_coverage', 2024, 70),
      inputActual('energy_intensity', 2025, free[2023] * 0.93),
    ];
    const input = { plan: realPlan, assumptions: baseline, actuals, draws: 120, seed: 11 };
    const a = simulatePlan(input);
    const b = simulatePlan(input, { method: 'per_draw' });
    expect(a.method).toBe('compiled');
    expect({ ...a, method: null }).toEqual({ ...b, method: null });
    // the share's 2026 draws scatter around the anchored projection, not around 7.9%
    const p50 = a.series.digital_economy_share_gdp[2026].p50;
    expect(p50).toBeGreaterThan(9.5);
  });
});

describe('a published figure of the target year is the outcome', () => {
  it('规上工业企业研发机构覆盖率 45% published for 2026 reads 已完成 (an actual), not 预计完成', () => {
    const r = projectPlan({
      plan: realPlan,
      assumptions: baseline,
      actuals: [inputActual('rd_institution_coverage', 2026, 45)],
      settings: { as_of_year: 2026 },
    });
    const e = r.targets.find((t) => t.id === 'rd_institution_coverage')!;
    expect(e.projected).toBe(45);
    expect(e.basis).toBe('actual');
    expect(e.status).toBe('completed');
  });
});
