/**
 * Goal seek (按目标反推, models/goalseek.ts) keeps the growth model: for every model in the registry
 * it solves the model's own parameter on 纺织服装产值 (300亿元 in 2026, the bundled plan), the model
 * type and the uncertainty range (in the same parameter) kept, the target then just met; a target
 * the declared range cannot reach is refused, naming the indicator, the parameter and the range.
 */
import { describe, expect, it } from 'vitest';
import { goalSeek, goalSeekParameter } from '../../../models/goalseek';
import { projectPlan } from '../../../models/engine';
import { GROWTH_MODEL_KINDS, type GrowthModelKind } from '../../../models/growth/index';
import { checkAssumption } from '../../../models/plausibility';
import { rangeInForce, uncertainParameter } from '../../../models/uncertainty';
import type { Assumption, GrowthModel, Plan } from '../../../models/schema';
import { baseline, plan } from '../renderer/fixtures';

const SERIES = 'textile_output';
const TARGET = 'textile_output';
const series = plan.series.find((s) => s.id === SERIES)!;

/** One textile model per growth model kind (a compile error when a kind is missing), and the parameter it solves. */
const CASES: { readonly [K in GrowthModelKind]: { model: GrowthModel; field: string | null } } = {
  cagr: { model: { type: 'cagr', rate: 0.05 }, field: 'rate' },
  path: { model: { type: 'path', rates: { '2024': 0.04, '2025': 0.05 }, default_rate: 0.05 }, field: 'rates' },
  elasticity: { model: { type: 'elasticity', driver: 'gdp_nominal', elasticity: 1.3 }, field: 'elasticity' },
  intensity_decay: { model: { type: 'intensity_decay', driver: 'gdp_nominal', rate: 0.02 }, field: 'rate' },
  logistic: { model: { type: 'logistic', ceiling: 1000, rate: 0.1 }, field: 'rate' },
  pipeline: {
    model: { type: 'pipeline', underlying_rate: 0.03, projects: [{ name: '5G+纺织', start_year: 2025, capacity: 20, ramp_years: 2 }] },
    field: 'projects',
  },
  interp: { model: { type: 'interp', points: [{ year: 2026, value: 260 }] }, field: 'points' },
  step: { model: { type: 'step', steps: [{ year: 2025, value: 240 }] }, field: 'steps' },
  flat: { model: { type: 'flat' }, field: null },
  trend: { model: { type: 'trend', form: 'linear' }, field: null },
};

const withModel = (model: GrowthModel): Record<string, Assumption> => ({ ...baseline, [SERIES]: { ...baseline[SERIES], model } });
const projected = (p: Plan, assumptions: Record<string, Assumption>) =>
  projectPlan({ plan: p, assumptions }).targets.find((t) => t.id === TARGET)!;

describe('goal seek keeps the growth model', () => {
  it('has a case for every growth model in the registry', () => {
    expect(Object.keys(CASES).sort()).toEqual([...GROWTH_MODEL_KINDS].sort());
  });

  for (const kind of GROWTH_MODEL_KINDS) {
    const c = CASES[kind];
    if (c.field === null) {
      it(`${kind}: has no parameter to solve and says so, naming the indicator`, () => {
        expect(goalSeekParameter(c.model, series)).toBeNull();
        const r = goalSeek({ plan, assumptions: withModel(c.model) }, TARGET, SERIES);
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.reason).toBe('no_parameter');
        expect(r.error.message_zh).toContain('纺织服装产值');
        expect(r.error.message_en).toContain('Textile and garment output value');
      });
      continue;
    }
    it(`${kind}: solves its own parameter (${c.field}), keeps the model type and just meets the target`, () => {
      const assumptions = withModel(c.model);
      expect(projected(plan, assumptions).met).toBe(false);
      const r = goalSeek({ plan, assumptions }, TARGET, SERIES);
      expect(r.ok, r.ok ? '' : r.error.message_en).toBe(true);
      if (!r.ok) return;
      expect(r.parameter.field).toBe(c.field);
      expect(r.assumption.model.type).toBe(kind);
      expect(r.assumption.series).toBe(SERIES);
      // everything but the solved parameter is the model as it was
      if (c.model.type === 'elasticity' && r.assumption.model.type === 'elasticity') expect(r.assumption.model.driver).toBe('gdp_nominal');
      if (c.model.type === 'pipeline' && r.assumption.model.type === 'pipeline') {
        expect(r.assumption.model.underlying_rate).toBe(0.03);
        expect(r.assumption.model.projects[0]).toMatchObject({ name: '5G+纺织', start_year: 2025, ramp_years: 2 });
      }
      if (c.model.type === 'logistic' && r.assumption.model.type === 'logistic') expect(r.assumption.model.ceiling).toBe(1000);
      expect(r.value).not.toBe(r.before);
      // the value lies in the declared range and the assumption is plausible
      const [lo, hi] = r.parameter.range;
      if (lo !== null) expect(r.value).toBeGreaterThanOrEqual(lo);
      if (hi !== null) expect(r.value).toBeLessThanOrEqual(hi);
      expect(checkAssumption(series, r.assumption)).toEqual([]);
      // the target is just met: met, and 300亿元 within 0.01亿元
      const after = projected(plan, { ...assumptions, [SERIES]: r.assumption });
      expect(after.met).toBe(true);
      expect(after.projected!).toBeGreaterThanOrEqual(300 - 1e-9);
      expect(after.projected!).toBeLessThan(300.01);
      expect(after.gap).toBeCloseTo(r.gap, 9);
    });
  }

  it('elasticity on 纺织服装产值: the uncertainty range stays an elasticity range, re-centred on the new value', () => {
    const stored = baseline[SERIES];
    expect(stored.model.type).toBe('elasticity');
    expect(stored.uncertainty).toMatchObject({ low: 0.8, high: 1.8 });
    const r = goalSeek({ plan, assumptions: baseline }, TARGET, SERIES);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.assumption.model).toEqual({ type: 'elasticity', driver: 'gdp_nominal', elasticity: r.value });
    expect(r.value).toBeGreaterThan(1.3);
    expect(r.value).toBeLessThan(5);
    // the stored range is kept as it was, in elasticity terms; in force it is centred on the new value
    expect(r.assumption.uncertainty).toEqual(stored.uncertainty);
    const inForce = rangeInForce(r.assumption.uncertainty!, uncertainParameter(r.assumption.model));
    expect(inForce.recentred).toBe(true);
    expect(inForce.centre).toBe(r.value);
    expect(inForce.low).toBeCloseTo(r.value - 0.5, 12);
    expect(inForce.high).toBeCloseTo(r.value + 0.5, 12);
    // the rationale, source and author are kept; the preset's provenance is not copied into the edit
    expect(r.assumption.rationale).toBe(stored.rationale);
    expect('from' in r.assumption).toBe(false);
  });

  it('a pipeline without projects solves its underlying growth rate', () => {
    const r = goalSeek({ plan, assumptions: withModel({ type: 'pipeline', underlying_rate: 0.03, projects: [] }) }, TARGET, SERIES);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.parameter.field).toBe('underlying_rate');
    expect(r.assumption.model.type).toBe('pipeline');
  });

  it('a target the range cannot reach is refused, naming the indicator, the parameter and the range', () => {
    const far: Plan = { ...plan, targets: plan.targets.map((t) => (t.id === TARGET ? { ...t, target: 30000 } : t)) };
    const r = goalSeek({ plan: far, assumptions: baseline }, TARGET, SERIES);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('not_reachable');
    expect(r.error.code).toBe('goal_unreachable');
    expect(r.error.message_zh).toContain('纺织服装产值');
    expect(r.error.message_zh).toContain('弹性系数');
    expect(r.error.message_zh).toBe('纺织服装产值：弹性系数在允许范围 -5～5 内无法使目标恰好达成，未作修改');
    expect(r.error.message_en).toContain('elasticity');
    expect(r.error.message_en).toContain('-5 to 5');
    expect(r.error.parameter).toBe('elasticity');
  });

  it('a rate model that cannot reach names the range in percent', () => {
    const far: Plan = { ...plan, targets: plan.targets.map((t) => (t.id === TARGET ? { ...t, target: 30000 } : t)) };
    const r = goalSeek({ plan: far, assumptions: withModel({ type: 'cagr', rate: 0.05 }) }, TARGET, SERIES);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message_zh).toContain('年均增速');
    expect(r.error.message_zh).toContain('-50%～100%');
  });

  it('a target met everywhere in the range is not solved', () => {
    const low: Plan = { ...plan, targets: plan.targets.map((t) => (t.id === TARGET ? { ...t, target: 1 } : t)) };
    const r = goalSeek({ plan: low, assumptions: withModel({ type: 'cagr', rate: 0.05 }) }, TARGET, SERIES);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('already_met');
  });

  it('refuses a derived series, naming it', () => {
    const r = goalSeek({ plan, assumptions: baseline }, 'sei_va_share_gdp', 'sei_va_share_gdp');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('derived');
      expect(r.error.message_zh).toContain(plan.series.find((s) => s.id === 'sei_va_share_gdp')!.name_zh);
    }
  });

  it('names the driving series when the target is on another indicator', () => {
    const r = goalSeek({ plan, assumptions: baseline }, 'energy_intensity_reduction', 'gdp_nominal');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message_zh).toMatch(/^单位地区生产总值能耗下降：地区生产总值\(现价\)的年均增速在允许范围 -50%～100% 内/);
  });

  it('solves a driving series of a share on that series’ own model', () => {
    const r = goalSeek({ plan, assumptions: baseline }, 'energy_intensity_reduction', 'energy_consumption');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.assumption.model.type).toBe('intensity_decay');
    const after = projectPlan({ plan, assumptions: { ...baseline, energy_consumption: r.assumption } }).targets.find(
      (t) => t.id === 'energy_intensity_reduction',
    )!;
    expect(after.met).toBe(true);
  });
});
