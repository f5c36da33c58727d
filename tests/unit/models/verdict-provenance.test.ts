/**
 * Provenance of verdicts (issue 15.4): the 假设 mark covers every input a verdict rests on, assumed
 * base values included; the roll-up counts the verdicts resting on assumptions; and which verdicts
 * flip when the assumed bases move ±5% / ±10%. Real plan, real engine.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Plan, type Status } from '../../../models/schema';
import { projectPlan, resolvePresetAssumptions } from '../../../models/engine';
import { assumptionRollup, assumptionRollupSentence, verdictProvenance, verdictsProvenance } from '../../../models/provenance';
import { baseShiftVerdicts } from '../../../models/base-shift';
import { statusWord } from '../../../models/status';

const file = fileURLToPath(new URL('../../../scenarios/plan/xianning-2024-2026.plan.json', import.meta.url));
const plan = Plan.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
const assumptions = resolvePresetAssumptions(plan, 'baseline');
const result = projectPlan({ plan, assumptions });
const ev = (id: string) => result.targets.find((t) => t.id === id)!;
const ZH = (s: Status): string => statusWord(s, 'zh-CN');

describe('the 假设 mark covers assumed base values', () => {
  it('小巨人: 快于预期 from the 2025 actual 26 against an assumed 2023 base of 15, marked', () => {
    const t = ev('little_giants');
    expect(t.status).toBe('ahead');
    // progress (26 − 15) / (30 − 15) = 0.733 against time 2/3
    expect(t.progress).toBeCloseTo(11 / 15, 12);
    expect(t.assumed).toBe(true);
    const p = verdictProvenance(plan, result, t);
    expect(p.assumed_base).toBe(true);
    const base = p.inputs.find((i) => i.year === 2023)!;
    expect(base).toMatchObject({ series: 'little_giants', basis: 'assumed_base', assumed: true, value: 15 });
    expect(base.roles).toContain('base');
    expect(p.inputs.find((i) => i.year === 2025)).toMatchObject({ basis: 'actual', assumed: false, value: 26 });
  });

  it('高新技术企业: met early on the 2025 actual 920家, its verdict does not rest on the assumed 2023 base', () => {
    const t = ev('high_tech_enterprises');
    expect(t.status).toBe('achieved_early');
    expect(t.assumed).toBe(false);
    const p = verdictProvenance(plan, result, t);
    expect(p.inputs.some((i) => i.roles.includes('base'))).toBe(false);
    expect(p.assumed_base).toBe(false);
    expect(p.inputs.find((i) => i.year === 2025)).toMatchObject({ basis: 'actual', value: 920 });
  });

  it('a share follows its derivation down to numerator and denominator', () => {
    const p = verdictProvenance(plan, result, ev('sei_va_share_gdp'));
    const series = new Set(p.inputs.map((i) => i.series));
    expect(series.has('sei_va')).toBe(true);
    expect(series.has('gdp_nominal')).toBe(true);
    expect(p.assumed).toBe(true);
  });

  it('the engine mark and the provenance agree on every target', () => {
    for (const v of verdictsProvenance(plan, result)) expect(ev(v.id).assumed).toBe(v.assumed);
  });
});

describe('the roll-up says how many verdicts rest on assumptions', () => {
  it('counts per status and writes "N项…，其中M项依赖假设数据"', () => {
    const r = assumptionRollup([
      { status: 'achieved_early', assumed: true },
      { status: 'achieved_early', assumed: false },
      { status: 'achieved_early', assumed: true },
      { status: 'lagging', assumed: false },
    ]);
    expect(r.achieved_early).toEqual({ count: 3, assumed: 2 });
    expect(r.lagging).toEqual({ count: 1, assumed: 0 });
    expect(assumptionRollupSentence(r, ZH, 'zh-CN')).toBe('3项提前实现，其中2项依赖假设数据；1项滞后。');
    expect(assumptionRollupSentence(r, (s) => s.replace('_', ' '), 'en')).toBe(
      '3 achieved early, 2 of them resting on assumed data; 1 lagging.',
    );
  });

  it('on the real plan the counts add up to the engine roll-up', () => {
    const r = assumptionRollup(verdictsProvenance(plan, result));
    for (const s of Object.keys(result.rollup) as Status[]) expect(r[s].count).toBe(result.rollup[s]);
    const assumed = Object.values(r).reduce((a, b) => a + b.assumed, 0);
    expect(assumed).toBe(result.targets.filter((t) => t.assumed).length);
  });
});

describe('which verdicts flip if the assumed bases move', () => {
  const shifts = baseShiftVerdicts({ plan, assumptions });

  it('小巨人 flips to 基本符合预期 when its assumed base moves +10%, stays 快于预期 at −10%', () => {
    const lg = shifts.find((s) => s.id === 'little_giants')!;
    expect(lg.bases).toEqual([{ series: 'little_giants', value: 15 }]);
    const at = (x: number) => lg.shifted.find((s) => s.shift === x)!.status;
    // +10%: base 16.5, progress (26 − 16.5) / (30 − 16.5) = 0.704 < 2/3 + 0.05
    expect(at(0.1)).toBe('on_track');
    // −10%: base 13.5, progress 12.5 / 16.5 = 0.758
    expect(at(-0.1)).toBe('ahead');
    // +5%: base 15.75, progress 10.25 / 14.25 = 0.719 > 0.7167
    expect(at(0.05)).toBe('ahead');
    expect(lg.flips).toBe(true);
  });

  it('lists only verdicts resting on an assumed base, each with four moves, and a move of 0 flips nothing', () => {
    for (const s of shifts) {
      expect(s.shifted.map((x) => x.shift)).toEqual([-0.1, -0.05, 0.05, 0.1]);
      expect(verdictProvenance(plan, result, ev(s.id)).assumed_base).toBe(true);
    }
    const none = baseShiftVerdicts({ plan, assumptions }, [0]);
    expect(none.every((s) => !s.flips)).toBe(true);
  });
});
