import { describe, expect, it } from 'vitest';
import { goalSeek, goalSeekLabel, goalSeekValueText, runWhatIf, uncertaintyBand } from '../../../renderer/src/lib/whatif';
import { attributeDiff, differingTargets } from '../../../renderer/src/lib/compare';
import { baseline, baselineResult, plan, stretch, stretchResult, target } from './fixtures';

const ev = (r: ReturnType<typeof runWhatIf>, id: string) => r.targets.find((e) => e.id === id)!;

describe('live what-ifs', () => {
  it('an edit changes the projection; no edit gives the saved result', () => {
    const same = runWhatIf({ plan, assumptions: baseline });
    expect(ev(same, 'fine_steel_output').projected).toBe(ev(baselineResult, 'fine_steel_output').projected);
    const edit = { ...baseline.fine_steel_output, model: { type: 'cagr' as const, rate: 0.3 } };
    const r = runWhatIf({ plan, assumptions: baseline, edits: { fine_steel_output: edit } });
    expect(ev(r, 'fine_steel_output').projected!).toBeGreaterThan(ev(baselineResult, 'fine_steel_output').projected!);
  });
});

describe('goal seek (按目标反推)', () => {
  it('keeps the pipeline of 精品钢产值 and solves its projects’ capacity, the target then just met', () => {
    const t = target('fine_steel_output');
    const r = goalSeek({ plan, assumptions: baseline }, t, 'fine_steel_output');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.parameter.field).toBe('projects');
    expect(r.assumption.model.type).toBe('pipeline');
    expect(r.assumption.uncertainty).toEqual(baseline.fine_steel_output.uncertainty);
    const after = runWhatIf({ plan, assumptions: baseline, edits: { fine_steel_output: r.assumption } });
    expect(ev(after, t.id).met).toBe(true);
    expect(ev(after, t.id).projected!).toBeCloseTo(700, 3);
    expect(goalSeekValueText(r.parameter, r.value, '亿元', 'zh-CN')).toMatch(/^28\d(\.\d+)?亿元$/);
  });
  it('keeps the elasticity of 纺织服装产值, with the unsaved edits of the workbench', () => {
    const t = target('textile_output');
    const edited = { ...baseline.textile_output, model: { type: 'elasticity' as const, driver: 'gdp_nominal', elasticity: 2 } };
    const r = goalSeek({ plan, assumptions: baseline, edits: { textile_output: edited } }, t, 'textile_output');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.before).toBe(2);
    expect(r.assumption.model.type).toBe('elasticity');
    expect(
      goalSeekLabel(
        r.assumption.model,
        plan.series.find((s) => s.id === 'textile_output')!,
        'zh-CN',
      ),
    ).toBe('弹性系数');
    const after = runWhatIf({ plan, assumptions: baseline, edits: { textile_output: r.assumption } });
    expect(ev(after, t.id).projected!).toBeCloseTo(300, 2);
  });
  it('solves the decay rate of another driving series', () => {
    const t = target('energy_intensity_reduction');
    const r = goalSeek({ plan, assumptions: baseline }, t, 'energy_consumption');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.assumption.model.type).toBe('intensity_decay');
    expect(goalSeekValueText(r.parameter, r.value, '万吨标准煤', 'zh-CN')).toMatch(/^\d\.\d\d%$/);
    const after = runWhatIf({ plan, assumptions: baseline, edits: { energy_consumption: r.assumption } });
    expect(ev(after, t.id).met).toBe(true);
    expect(ev(after, t.id).projected!).toBeCloseTo(10, 3);
  });
  it('refuses a derived series, and a model with nothing to solve, in the planner’s words', () => {
    const d = goalSeek({ plan, assumptions: baseline }, target('sei_va_share_gdp'), 'sei_va_share_gdp');
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toBe('derived');
    const f = goalSeek({ plan, assumptions: baseline }, target('fine_steel_capacity_share'), 'hubei_steel_capacity');
    expect(f.ok).toBe(false);
    if (!f.ok) {
      expect(f.reason).toBe('no_parameter');
      expect(f.error.message_zh).toContain('湖北省钢铁产能');
    }
    expect(
      goalSeekLabel(
        { type: 'flat' },
        plan.series.find((s) => s.id === 'hubei_steel_capacity')!,
        'zh-CN',
      ),
    ).toBeNull();
  });
});

describe('uncertainty bands', () => {
  it('spans the low and high ends of the driving series ranges', () => {
    const t = target('sei_va_share_gdp');
    const band = uncertaintyBand({ plan, assumptions: baseline }, t, ['sei_va', 'gdp_nominal'], 2023);
    expect(band).not.toBeNull();
    const p = ev(baselineResult, t.id).projected!;
    expect(band!.low[2026]).toBeLessThanOrEqual(p + 1e-9);
    expect(band!.high[2026]).toBeGreaterThanOrEqual(p - 1e-9);
    expect(band!.high[2026] - band!.low[2026]).toBeGreaterThan(0.1);
  });
});

describe('uncertainty band on a rate path', () => {
  it('moves every year’s rate by the ends of the shift range, as a draw does (not only the default rate)', () => {
    const t = target('textile_output');
    const path = {
      ...baseline.textile_output,
      model: { type: 'path' as const, rates: { '2024': 0.05, '2025': 0.06, '2026': 0.07 }, default_rate: 0.05 },
      uncertainty: { low: -0.01, high: 0.01, confidence: 0.9, distribution: 'normal' as const, correlation: 0 },
    };
    const band = uncertaintyBand({ plan, assumptions: baseline, edits: { textile_output: path } }, t, ['textile_output'], 2023);
    expect(band).not.toBeNull();
    const shifted = (x: number) => ({
      ...path,
      model: { ...path.model, rates: { '2024': 0.05 + x, '2025': 0.06 + x, '2026': 0.07 + x }, default_rate: 0.05 + x },
    });
    const low = ev(runWhatIf({ plan, assumptions: baseline, edits: { textile_output: shifted(-0.01) } }), t.id).projected!;
    const high = ev(runWhatIf({ plan, assumptions: baseline, edits: { textile_output: shifted(0.01) } }), t.id).projected!;
    const mid = ev(runWhatIf({ plan, assumptions: baseline, edits: { textile_output: path } }), t.id).projected!;
    expect(low).toBeLessThan(mid);
    expect(band!.low[2026]).toBeCloseTo(low, 9);
    expect(band!.high[2026]).toBeCloseTo(high, 9);
  });
});

describe('uncertainty band after goal seek', () => {
  it('the band of 纺织服装产值 follows the solved elasticity (its range re-centred, rangeInForce), around the target', () => {
    const t = target('textile_output');
    const r = goalSeek({ plan, assumptions: baseline }, t, 'textile_output');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const band = uncertaintyBand({ plan, assumptions: baseline, edits: { textile_output: r.assumption } }, t, ['textile_output'], 2023);
    expect(band).not.toBeNull();
    // the projection (300亿元) lies inside; the elasticity ±0.5 around the solved value, not 0.8～1.8 as stored
    expect(band!.low[2026]).toBeLessThan(300);
    expect(band!.high[2026]).toBeGreaterThan(300);
    expect(band!.low[2026]).toBeGreaterThan(200);
    expect(band!.high[2026]).toBeLessThan(450);
  });
});

describe('compare', () => {
  it('finds the targets that differ between baseline and stretch', () => {
    const d = differingTargets(plan, [baselineResult, stretchResult]);
    expect(d.size).toBeGreaterThan(0);
    expect(differingTargets(plan, [baselineResult, baselineResult]).size).toBe(0);
  });
  it('attributes each assumption difference to the targets it moves', () => {
    const series = Object.keys(stretch).filter((k) => stretch[k].from !== baseline[k]?.from);
    expect(series.length).toBeGreaterThan(0);
    const a = attributeDiff(plan, baseline, stretch, series, {});
    const moved = Object.values(a).flat();
    expect(moved.length).toBeGreaterThan(0);
    for (const m of moved) expect(Math.abs(m.change)).toBeGreaterThan(0);
    if (a.gdp_nominal)
      expect(
        a.gdp_nominal.some(
          (m) => m.target === 'sei_va_share_gdp' || m.target === 'mfg_va_share_gdp' || m.target === 'energy_intensity_reduction',
        ),
      ).toBe(true);
  });
});
