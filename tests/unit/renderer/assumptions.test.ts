import { describe, expect, it } from 'vitest';
import {
  defaultModel,
  displayText,
  drivingSeries,
  mainParameter,
  parseFrom,
  parseParamInput,
  sameAssumption,
  scalarParams,
  toAssumptionInput,
  withMainParameter,
} from '../../../renderer/src/lib/assumptions';
import { MODEL_TYPES } from '../../../renderer/src/lib/assumptions';
import { GrowthModel } from '../../../models/schema';
import { baseline, plan, target } from './fixtures';

describe('driving series', () => {
  it('a level target is driven by its own series', () => {
    expect(drivingSeries(plan, target('fine_steel_output')).map((s) => s.id)).toEqual(['fine_steel_output']);
  });
  it('a share by its numerator and denominator', () => {
    expect(drivingSeries(plan, target('sei_va_share_gdp')).map((s) => s.id)).toEqual(['sei_va', 'gdp_nominal']);
  });
  it('a reduction by the intensity underlying series (through the deflated GDP)', () => {
    expect(drivingSeries(plan, target('energy_intensity_reduction')).map((s) => s.id)).toEqual([
      'energy_consumption',
      'gdp_nominal',
      'gdp_deflator',
    ]);
  });
  it('a cumulative target by the annual flow', () => {
    expect(drivingSeries(plan, target('offshore_park_new_firms')).map((s) => s.id)).toEqual(['offshore_park_new_firms']);
  });
});

describe('planner units', () => {
  it('reads a growth rate typed in % as a fraction', () => {
    expect(parseParamInput('7.1', 'percent')).toEqual({ ok: true, value: 0.071 });
    expect(parseParamInput('７．５％', 'percent')).toEqual({ ok: true, value: 0.075 });
    expect(parseParamInput('1,200', 'number')).toEqual({ ok: true, value: 1200 });
  });
  it('refuses what cannot be used, saying why', () => {
    const rate = scalarParams({ type: 'cagr', rate: 0.05 })[0];
    expect(parseParamInput('abc', 'percent', rate.limit)).toEqual({ ok: false, problem: { code: 'not_a_number' } });
    // the plausible range the growth model declares (models/growth/cagr.ts): −50% to +100% a year
    expect(parseParamInput('-150', 'percent', rate.limit)).toEqual({ ok: false, problem: { code: 'below', limit: -50, exclusive: false } });
    expect(parseParamInput('-100', 'percent', rate.limit).ok).toBe(false);
    expect(parseParamInput('-50', 'percent', rate.limit).ok).toBe(true);
    expect(parseParamInput('120', 'percent', rate.limit)).toEqual({ ok: false, problem: { code: 'above', limit: 100, exclusive: false } });
    expect(parseParamInput('', 'percent', rate.limit)).toEqual({ ok: false, problem: { code: 'empty' } });
    expect(parseParamInput('2025.5', 'year').ok).toBe(false);
  });
  it('refuses beside the field what the API would refuse: an elasticity of 999, a path year rate of −80%', () => {
    const e = scalarParams({ type: 'elasticity', driver: 'gdp_real', elasticity: 1.1 })[0];
    expect(parseParamInput('999', 'number', e.limit)).toEqual({ ok: false, problem: { code: 'above', limit: 5, exclusive: false } });
    expect(parseParamInput('1.2', 'number', e.limit)).toEqual({ ok: true, value: 1.2 });
    const p = scalarParams({ type: 'path', rates: { '2026': 0.06 }, default_rate: 0.06 })[0];
    expect(parseParamInput('-80', 'percent', p.limit).ok).toBe(false);
    const logistic = scalarParams({ type: 'logistic', ceiling: 100, rate: 0.5 })[0];
    expect(parseParamInput('0', 'number', logistic.limit)).toEqual({ ok: false, problem: { code: 'below', limit: 0, exclusive: true } });
    expect(parseParamInput('6', 'number', logistic.limit)).toEqual({ ok: false, problem: { code: 'above', limit: 5, exclusive: false } });
  });
  it('shows stored fractions as percent text', () => {
    expect(displayText(0.045, 'percent')).toBe('4.5');
    expect(displayText(0.071, 'percent')).toBe('7.1');
    expect(displayText(1.1, 'number')).toBe('1.1');
    expect(displayText(null, 'number')).toBe('');
  });
});

describe('models', () => {
  const ctx = { latest: 100, latestYear: 2025, horizon: 2026, defaultDriver: 'gdp_real' };
  it('every model type gets valid default parameters', () => {
    for (const type of MODEL_TYPES) {
      const m = defaultModel(type, { type: 'cagr', rate: 0.06 }, ctx);
      expect(GrowthModel.safeParse(m).success, type).toBe(true);
    }
    expect(defaultModel('path', { type: 'cagr', rate: 0.06 }, ctx)).toEqual({ type: 'path', rates: { '2026': 0.06 }, default_rate: 0.06 });
    expect(defaultModel('cagr', { type: 'pipeline', underlying_rate: 0.02, projects: [] }, ctx)).toEqual({ type: 'cagr', rate: 0.02 });
  });
  it('sets and reads the main parameter', () => {
    expect(mainParameter({ type: 'elasticity', driver: 'gdp_real', elasticity: 1.1 })).toEqual({ key: 'elasticity', value: 1.1 });
    expect(withMainParameter({ type: 'cagr', rate: 0.05 }, 0.08)).toEqual({ type: 'cagr', rate: 0.08 });
    expect(mainParameter({ type: 'flat' })).toBeNull();
  });
  it('where an assumption comes from', () => {
    expect(parseFrom('plan:baseline')).toEqual({ kind: 'plan', id: 'baseline' });
    expect(parseFrom('abc')).toEqual({ kind: 'scenario', id: 'abc' });
  });
  it('strips resolution fields and compares ignoring author and time', () => {
    const a = baseline.gdp_nominal;
    const input = toAssumptionInput(a, '张三', '2026-02-01T00:00:00Z');
    expect(input).not.toHaveProperty('from');
    expect(input.author).toBe('张三');
    expect(sameAssumption(a, input)).toBe(true);
    expect(sameAssumption(a, { ...input, model: { type: 'cagr', rate: 0.01 } })).toBe(false);
  });
});
