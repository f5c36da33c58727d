import { describe, expect, it } from 'vitest';
import { goalSeek, runWhatIf, uncertaintyBand } from '../../../renderer/src/lib/whatif';
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

describe('goal seek (按所需增速设定)', () => {
  it('sets the cagr rate to the required growth and the target is then just met', () => {
    const t = target('fine_steel_output');
    const e = ev(baselineResult, t.id);
    const r = goalSeek({ plan, assumptions: baseline }, t, 'fine_steel_output');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.method).toBe('required_growth');
    expect(r.assumption.model).toEqual({ type: 'cagr', rate: Math.round(e.required_growth! * 1e6) / 1e6 });
    const after = runWhatIf({ plan, assumptions: baseline, edits: { fine_steel_output: r.assumption } });
    expect(ev(after, t.id).projected!).toBeCloseTo(700, 1);
  });
  it('solves the main parameter of another driving series by bisection', () => {
    const t = target('energy_intensity_reduction');
    const r = goalSeek({ plan, assumptions: baseline }, t, 'energy_consumption');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.method).toBe('search');
    const after = runWhatIf({ plan, assumptions: baseline, edits: { energy_consumption: r.assumption } });
    expect(ev(after, t.id).met).toBe(true);
    expect(ev(after, t.id).projected!).toBeCloseTo(10, 3);
  });
  it('refuses a derived series', () => {
    expect(goalSeek({ plan, assumptions: baseline }, target('sei_va_share_gdp'), 'sei_va_share_gdp')).toEqual({ ok: false, reason: 'derived' });
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
    if (a.gdp_nominal) expect(a.gdp_nominal.some((m) => m.target === 'sei_va_share_gdp' || m.target === 'mfg_va_share_gdp' || m.target === 'energy_intensity_reduction')).toBe(true);
  });
});
