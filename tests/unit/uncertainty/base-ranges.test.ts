/**
 * Base ranges (models/base-ranges.ts): assumed base values and bound-type actuals drawn when a
 * simulation asks for them. The marginals (median at the base, 90% range at the documented width),
 * bounds never crossed, definitional index bases never drawn, common random numbers (switching the
 * base ranges on leaves the other streams as they were), and the default off changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { sampleParameters, simulatePlan } from '../../../models/montecarlo';
import { BASE_RANGE_WIDTH, BOUND_RANGE_WIDTH, baseRangeInputs, sampleBaseRanges } from '../../../models/base-ranges';
import { targetsWithRange } from '../../../models/probability';
import { projectGrid } from '../../../models/engine';
import { quantileSorted } from '../../../models/montecarlo';
import { ModelError } from '../../../models/types';
import { realInput } from './fixtures';

const N = 20_000;
const SEED = 7;

function q(values: Float64Array, p: number): number {
  return quantileSorted(Float64Array.from(values).sort(), p);
}

const input = realInput();

describe.runIf(input)('base ranges on the real plan', () => {
  const inp = input as NonNullable<typeof input>;
  const ctx = projectGrid(inp).ctx;

  it('lists the assumed bases (not the index defined as 100) and the bound actuals', () => {
    const inputs = baseRangeInputs(ctx);
    const keys = inputs.map((b) => b.key);
    expect(keys).toContain('base:gdp_nominal');
    expect(keys).not.toContain('base:gdp_deflator');
    expect(keys).toContain('bound:gdp_nominal:2025');
    expect(keys).toContain('bound:health_output:2025');
    const gdp = inputs.find((b) => b.key === 'bound:gdp_nominal:2025');
    expect(gdp?.kind).toBe('lower_bound');
    expect(inputs.find((b) => b.key === 'bound:health_output:2025')?.kind).toBe('approx_below');
  });

  it('an assumed base: median at the base, 90% range at ±10%', () => {
    const { inputs, values } = sampleBaseRanges(ctx, N, SEED);
    const k = inputs.findIndex((b) => b.key === 'base:gdp_nominal');
    const v = values[k];
    const w = BASE_RANGE_WIDTH.assumed;
    expect(q(v, 0.5) / 1900).toBeCloseTo(1, 2);
    expect(q(v, 0.05) / 1900).toBeCloseTo(1 - w, 2);
    expect(q(v, 0.95) / 1900).toBeCloseTo(1 + w, 2);
  });

  it('a lower bound (≥2000) is never below it, an approximate bound (接近1000) never above it', () => {
    const { inputs, values } = sampleBaseRanges(ctx, N, SEED);
    const lb = values[inputs.findIndex((b) => b.key === 'bound:gdp_nominal:2025')];
    const ab = values[inputs.findIndex((b) => b.key === 'bound:health_output:2025')];
    const w = BOUND_RANGE_WIDTH.secondary;
    expect(Math.min(...lb)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...lb)).toBeLessThanOrEqual(2000 * (1 + w));
    expect(q(lb, 0.5) / 2000).toBeCloseTo(1 + w / 2, 2);
    expect(Math.max(...ab)).toBeLessThanOrEqual(1000);
    expect(Math.min(...ab)).toBeGreaterThanOrEqual(1000 * (1 - w));
  });

  it('a drawn base stays within the series bounds (a percent at 100 never above 100)', () => {
    const { inputs, values } = sampleBaseRanges(ctx, N, SEED);
    const k = inputs.findIndex((b) => b.key === 'base:carbon_quota_compliance');
    expect(k).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values[k])).toBeLessThanOrEqual(100);
  });

  it('common random numbers: switching the base ranges on leaves the assumption draws unchanged', () => {
    const a = sampleParameters({ ...inp, draws: 2000, seed: SEED });
    const b = sampleParameters({ ...inp, draws: 2000, seed: SEED, base_ranges: 'on' });
    expect(b.series).toEqual(a.series);
    b.values.forEach((v, k) => expect(Array.from(v)).toEqual(Array.from(a.values[k])));
    // and a base's own stream does not depend on which other inputs are drawn
    const one = sampleBaseRanges(ctx, 500, SEED);
    const k = one.inputs.findIndex((x) => x.key === 'base:industrial_va');
    const fewer = { ...inp, assumptions: { ...inp.assumptions } };
    delete (fewer.assumptions as Record<string, unknown>).sei_va;
    const two = sampleBaseRanges(projectGrid(fewer).ctx, 500, SEED);
    const k2 = two.inputs.findIndex((x) => x.key === 'base:industrial_va');
    expect(Array.from(two.values[k2])).toEqual(Array.from(one.values[k]));
  });

  it('off is the default and gives the same probabilities as before; on moves targets that had none', () => {
    const off = simulatePlan({ ...inp, draws: 2000, seed: SEED });
    const off2 = simulatePlan({ ...inp, draws: 2000, seed: SEED, base_ranges: 'off' });
    expect(off2.targets).toEqual(off.targets);
    expect(off.base_ranges).toBeUndefined();
    expect('base_inputs' in off).toBe(false);
    const on = simulatePlan({ ...inp, draws: 2000, seed: SEED, base_ranges: 'on' });
    expect(on.base_ranges).toBe('on');
    expect(on.base_inputs?.some((b) => b.key === 'base:gdp_nominal')).toBe(true);
    const rangedOff = targetsWithRange(inp);
    const rangedOn = targetsWithRange(inp, { base_ranges: 'on' });
    expect(rangedOn.size).toBeGreaterThan(rangedOff.size);
    // a target with only an assumed base upstream: a probability strictly between 0 and 1 when on
    const t = on.targets.find((x) => x.id === 'tech_renovation_projects');
    expect(rangedOff.has('tech_renovation_projects')).toBe(false);
    expect(rangedOn.has('tech_renovation_projects')).toBe(true);
    expect(t?.p_meet).toBeGreaterThan(0);
    expect(t?.p_meet).toBeLessThan(1);
  });

  it('the compiled lanes give exactly the per-draw reference with base ranges on (every preset)', () => {
    for (const preset of ['baseline', 'stretch', 'cautious']) {
      const x = realInput(preset);
      if (!x) continue;
      const fast = simulatePlan({ ...x, draws: 1000, seed: 11, base_ranges: 'on' });
      const ref = simulatePlan({ ...x, draws: 1000, seed: 11, base_ranges: 'on' }, { method: 'per_draw' });
      expect(fast.method).toBe('compiled');
      expect(ref.method).toBe('per_draw');
      expect(fast.targets).toEqual(ref.targets);
      expect(fast.series).toEqual(ref.series);
      expect(fast.base_inputs).toEqual(ref.base_inputs);
    }
  });

  it('refuses a value other than off or on', () => {
    expect(() => simulatePlan({ ...inp, draws: 10, seed: 1, base_ranges: 'yes' as 'on' })).toThrow(ModelError);
  });
});
