import { describe, expect, it } from 'vitest';
import { act, asm, inputActual, makePlan, run, ser, tgt } from './fixtures';
import { projectPlan, resolvePresetAssumptions } from '../../../models/engine';
import { ModelError } from '../../../models/types';

describe('engine', () => {
  const plan = makePlan({
    series: [ser('x'), ser('gdp'), ser('share', { unit: '%', derived: { type: 'ratio', numerator: 'x', denominator: 'gdp', scale: 100 } })],
    targets: [tgt('t1', 'x', 'level', '>=', 150), tgt('t2', 'share', 'share', '>=', 20, { unit: '%' })],
    actuals: [act('x', 2023, 100), act('gdp', 2023, 1000)],
    presets: [
      {
        id: 'baseline',
        name_zh: '基准情景',
        name_en: 'baseline',
        description_zh: '',
        description_en: '',
        assumptions: [asm('x', { type: 'cagr', rate: 0.05 }), asm('gdp', { type: 'cagr', rate: 0.06 })],
      },
      {
        id: 'stretch',
        name_zh: '乐观情景',
        name_en: 'stretch',
        description_zh: '',
        description_en: '',
        parent: 'baseline',
        assumptions: [asm('x', { type: 'cagr', rate: 0.12 })],
      },
    ],
  });

  it('is deterministic: the same inputs give the same output, byte for byte', () => {
    const assumptions = resolvePresetAssumptions(plan, 'baseline');
    const a = JSON.stringify(projectPlan({ plan, assumptions }));
    const b = JSON.stringify(projectPlan({ plan, assumptions }));
    expect(a).toBe(b);
  });

  it('presets: the child overrides its parent by series, the parent fills the rest', () => {
    const merged = resolvePresetAssumptions(plan, 'stretch');
    expect(merged.x.model).toEqual({ type: 'cagr', rate: 0.12 });
    expect(merged.x.from).toBe('stretch');
    expect(merged.gdp.from).toBe('baseline');
    expect(() => resolvePresetAssumptions(plan, 'nope')).toThrow(ModelError);
  });

  it('input actuals change the result without touching the cached plan', () => {
    const assumptions = resolvePresetAssumptions(plan, 'baseline');
    const before = projectPlan({ plan, assumptions }).series.x.values[2025];
    const withActual = projectPlan({ plan, assumptions, actuals: [inputActual('x', 2025, 140)] });
    expect(withActual.series.x.values[2025]).toBe(140);
    expect(withActual.targets[0].status_year).toBe(2025);
    expect(projectPlan({ plan, assumptions }).series.x.values[2025]).toBe(before);
  });

  it('a changed plan (new object) is not served from the cache', () => {
    const assumptions = resolvePresetAssumptions(plan, 'baseline');
    const changed = { ...plan, targets: [{ ...plan.targets[0], target: 90 }] };
    expect(projectPlan({ plan: changed, assumptions }).targets).toHaveLength(1);
    expect(projectPlan({ plan, assumptions }).targets).toHaveLength(2);
  });

  it('a non-finite input actual is a ModelError naming the series', () => {
    const e = (() => {
      try {
        run(plan, [], {}, [inputActual('x', 2024, Number.NaN)]);
      } catch (err) {
        return err as ModelError;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(ModelError);
    expect([e?.code, e?.subject, e?.parameter]).toEqual(['bad_parameter', 'x', 'actual 2024']);
  });

  it('a cumulative target counts only from its from_year; the zeros before are not actuals', () => {
    const p = makePlan({
      series: [
        ser('flow', { nature: 'flow', unit: '项' }),
        ser('total', { unit: '项', derived: { type: 'cumsum', of: 'flow', from_year: 2025 } }),
      ],
      targets: [tgt('t', 'total', 'cumulative', '>=', 30, { unit: '项' })],
      actuals: [act('flow', 2023, 10)],
    });
    const ev = run(p, [asm('flow', { type: 'flat' })]).targets[0];
    expect(ev.projected).toBe(20);
    expect(ev.status_year).toBe(2025); // as_of_year: no actual of the sum after the base year
    expect(ev.assumed).toBe(true);
    expect(ev.progress).toBeCloseTo(10 / 30, 12);
  });
});
