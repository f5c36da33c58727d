/**
 * Probabilities follow the scenario (issue 17, item 1): a range on a replaced parameter keeps its
 * shape and width and is centred on the scenario's current value, unless the planner pinned it
 * for that value. The 钢铁限产情景 case on the real plan: a child of the baseline lowering
 * 地区生产总值(现价) growth from 4.5% to 3.5% and inheriting the range 2.5%～6.5%.
 */
import { describe, expect, it } from 'vitest';
import { projectPlan } from '../../../models/engine';
import { sampleParameters, simulatePlan } from '../../../models/montecarlo';
import { tornado } from '../../../models/sensitivity';
import { centredRange, pinnedRange, rangeInForce, typedRange, uncertainParameter } from '../../../models/uncertainty';
import type { Assumption, GrowthModel } from '../../../models/schema';
import type { ProjectionInput } from '../../../models/types';
import { act, asm, makePlan, ser, tgt } from '../models/fixtures';
import { U, realInput, withU } from './fixtures';

const DRAWS = 10_000;

function withGdpRate(input: ProjectionInput, rate: number): ProjectionInput {
  const a = input.assumptions.gdp_nominal as Assumption;
  if (a.model.type !== 'cagr') throw new Error('gdp_nominal is not a cagr in the plan');
  return { ...input, assumptions: { ...input.assumptions, gdp_nominal: { ...a, model: { ...a.model, rate } } } };
}

/** targets on series driven by gdp_nominal through an elasticity (level targets) */
const GDP_DRIVEN = [
  'textile_output',
  'electromechanical_output',
  'health_output',
  'electronics_output',
  'equipment_output',
  'new_materials_output',
];

describe.skipIf(!realInput())('钢铁限产情景: the range follows the scenario value', () => {
  const baseline = realInput()!;
  const child = withGdpRate(baseline, 0.035);

  it('the inherited range is re-centred on 3.5% with its width kept', () => {
    const a = child.assumptions.gdp_nominal as Assumption;
    expect(a.uncertainty).toMatchObject({ low: 0.025, high: 0.065 });
    const r = rangeInForce(a.uncertainty!, uncertainParameter(a.model));
    expect(r.recentred).toBe(true);
    expect(r.pinned).toBe(false);
    expect(r.low).toBeCloseTo(0.015, 12);
    expect(r.high).toBeCloseTo(0.055, 12);
    expect(r.centre).toBe(0.035);
  });

  it('the drawn growth has its median at 3.5% (within sampling error)', () => {
    const s = sampleParameters({ ...child, draws: DRAWS, seed: 17 });
    const k = s.series.indexOf('gdp_nominal');
    const sorted = Float64Array.from(s.values[k]).sort();
    const median = sorted[DRAWS / 2];
    const sd = 0.04 / (2 * 1.6448536269514722);
    const se = 1.2533 * (sd / Math.sqrt(DRAWS));
    expect(Math.abs(median - 0.035)).toBeLessThan(4 * se);
  });

  it('the simulated median of 2026 GDP growth agrees with the deterministic projection within sampling error', () => {
    const sim = simulatePlan({ ...child, draws: DRAWS, seed: 17 });
    const proj = projectPlan(child);
    const v25 = proj.series.gdp_nominal.values[2025];
    const v26 = proj.series.gdp_nominal.values[2026];
    expect(v26 / v25 - 1).toBeCloseTo(0.035, 12);
    const median = sim.series.gdp_nominal[2026].p50 / v25 - 1;
    const sd = 0.04 / (2 * 1.6448536269514722);
    expect(Math.abs(median - 0.035)).toBeLessThan(4 * 1.2533 * (sd / Math.sqrt(DRAWS)));
    const summary = sim.uncertain.find((u) => u.series === 'gdp_nominal')!;
    expect(summary).toMatchObject({ central: 0.035, scenario_value: 0.035, recentred: true, stored_low: 0.025, stored_high: 0.065 });
  });

  it('P(meet) of the GDP-driven targets differs from the baseline’s', () => {
    const a = simulatePlan({ ...baseline, draws: DRAWS, seed: 17 });
    const b = simulatePlan({ ...child, draws: DRAWS, seed: 17 });
    let differ = 0;
    for (const id of GDP_DRIVEN) {
      const pa = a.targets.find((t) => t.id === id)!.p_meet;
      const pb = b.targets.find((t) => t.id === id)!.p_meet;
      // lower GDP growth never raises an output driven by it (common random numbers)
      expect([id, pb <= pa]).toEqual([id, true]);
      if (pb < pa) differ++;
    }
    // most of these outputs are far from their targets (P = 0 or 1 either way); 健康产业 and 电子信息 are not
    expect(differ).toBeGreaterThanOrEqual(2);
    const p = (r: typeof a, id: string) => r.targets.find((t) => t.id === id)!.p_meet;
    expect(p(b, 'health_output')).toBeLessThan(p(a, 'health_output'));
    expect(p(b, 'mfg_va_share_gdp')).not.toBe(p(a, 'mfg_va_share_gdp'));
    const moved = a.targets.filter((t, i) => t.p_meet !== b.targets[i].p_meet).map((t) => t.id);
    expect(moved.length).toBeGreaterThanOrEqual(4);
  });

  it('P(meet) moves monotonically with the lever’s value', () => {
    const rates = [0.02, 0.03, 0.035, 0.045, 0.055, 0.07];
    const ps = rates.map(
      (r) => simulatePlan({ ...withGdpRate(baseline, r), draws: 4000, seed: 5 }).targets.find((t) => t.id === 'health_output')!.p_meet,
    );
    for (let i = 1; i < ps.length; i++) expect(ps[i]).toBeGreaterThanOrEqual(ps[i - 1]);
    expect(ps[ps.length - 1]).toBeGreaterThan(ps[0]);
  });

  it('the tornado’s centre follows the scenario value', () => {
    const t = tornado(child, 'health_output');
    const bar = t.bars.find((b) => b.series === 'gdp_nominal')!;
    expect(bar.central).toBe(0.035);
    expect(bar.low).toBeCloseTo(0.015, 12);
    expect(bar.high).toBeCloseTo(0.055, 12);
  });

  it('the baseline’s three off-centre ranges are centred on their values (能耗强度 3.3%, 技术合同 25%, 高新技术企业 12%)', () => {
    const sim = simulatePlan({ ...baseline, draws: 200, seed: 1 });
    for (const [id, v] of [
      ['energy_consumption', 0.033],
      ['tech_contract_turnover', 0.25],
      ['high_tech_enterprises', 0.12],
    ] as const) {
      const u = sim.uncertain.find((x) => x.series === id)!;
      expect([id, u.central, u.recentred]).toEqual([id, v, true]);
    }
  });
});

describe('the re-centring rule', () => {
  const cagr = (rate: number): GrowthModel => ({ type: 'cagr', rate });

  it('a range pinned at the current value is used as set; moving the value re-centres it', () => {
    const u = U(0.1, 0.35, { pinned_at: 0.25 });
    const at = rangeInForce(u, uncertainParameter(cagr(0.25)));
    expect(at).toMatchObject({ low: 0.1, high: 0.35, pinned: true, recentred: false });
    expect(at.centre).toBeCloseTo(0.225, 12);
    const moved = rangeInForce(u, uncertainParameter(cagr(0.2)));
    expect(moved.pinned).toBe(false);
    expect(moved.recentred).toBe(true);
    expect(moved.centre).toBe(0.2);
    expect(moved.low).toBeCloseTo(0.075, 12);
    expect(moved.high).toBeCloseTo(0.325, 12);
  });

  it('a pinned off-centre range gives the median of its own centre, not the projection', () => {
    const a = withU(asm('x', cagr(0.25)), U(0.1, 0.35, { pinned_at: 0.25 }));
    const info = uncertainParameter(a.model);
    expect(rangeInForce(a.uncertainty!, info).centre).toBeCloseTo(0.225, 12);
    const plan = makePlan({
      series: [ser('x')],
      actuals: [act('x', 2025, 100)],
      base_year: 2025,
      targets: [tgt('t', 'x', 'level', '>=', 110)],
    });
    const sim = simulatePlan({ plan, assumptions: { x: a }, draws: 4000, seed: 3 });
    // the median level is 100 × 1.225, not the projection's 125
    expect(sim.series.x[2026].p50).toBeCloseTo(122.5, 0);
    expect(sim.uncertain[0]).toMatchObject({ pinned: true, recentred: false, scenario_value: 0.25 });
  });

  it('a lognormal range is re-centred on the log scale (the ratio high/low kept)', () => {
    const r = rangeInForce(
      U(0.8, 1.25, { distribution: 'lognormal' }),
      uncertainParameter({ type: 'elasticity', driver: 'd', elasticity: 2 }),
    );
    expect(r.centre).toBe(2);
    expect(r.high / r.low).toBeCloseTo(1.25 / 0.8, 12);
    expect(Math.sqrt(r.low * r.high)).toBeCloseTo(2, 12);
  });

  it('a shift or a multiplier is relative to the scenario by construction: never moved', () => {
    const r = rangeInForce(U(0.9, 1.2), uncertainParameter({ type: 'flat' }));
    expect(r).toMatchObject({ low: 0.9, high: 1.2, recentred: false });
  });

  it('a re-centred range leaving the parameter’s valid values is cut at them', () => {
    const r = rangeInForce(U(0.5, 1.5), uncertainParameter({ type: 'logistic', ceiling: 100, rate: 0.2 }));
    expect(r.recentred).toBe(true);
    expect(r.low).toBeGreaterThan(0);
    expect(r.high).toBeCloseTo(0.7, 12);
  });

  it('a typed range is pinned for the current value only when its centre is off the value', () => {
    const info = uncertainParameter(cagr(0.25));
    expect(typedRange(U(0.1, 0.35), info).pinned_at).toBe(0.25);
    expect(typedRange(U(0.15, 0.35, { pinned_at: 0.3 }), info).pinned_at).toBeUndefined();
    expect(typedRange(U(0.9, 1.2), uncertainParameter({ type: 'flat' })).pinned_at).toBeUndefined();
  });

  it('centredRange stores the range in force without a pin; pinnedRange keeps the ends at the value', () => {
    const info = uncertainParameter(cagr(0.035));
    const c = centredRange(U(0.025, 0.065, { pinned_at: 0.045 }), info);
    expect(c.pinned_at).toBeUndefined();
    expect(c.low).toBeCloseTo(0.015, 12);
    expect(c.high).toBeCloseTo(0.055, 12);
    const p = pinnedRange(U(0.025, 0.065), info);
    expect(rangeInForce(p, info)).toMatchObject({ low: 0.025, high: 0.065, pinned: true, recentred: false });
  });
});
