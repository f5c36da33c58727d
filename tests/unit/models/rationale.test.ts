import { describe, expect, it } from 'vitest';
import { staleRationaleText, withRationaleState } from '../../../models/rationale';
import type { Assumption } from '../../../models/schema';

const base: Assumption = {
  series: 'gdp_nominal',
  base_value: 1900,
  model: { type: 'cagr', rate: 0.045 },
  uncertainty: null,
  rationale: '基准情景假设2024—2026年现价年均增长4.5%',
  source: '',
  author: '',
  updated_at: '',
};

describe('a rationale belongs to the values it explains', () => {
  it('is stale when the values change and the text is kept (the 钢铁限产 child case)', () => {
    const next = { ...base, model: { type: 'cagr' as const, rate: 0.035 } };
    expect(withRationaleState(next, base).rationale_stale).toBe(true);
  });
  it('is fresh when the planner writes a new text, with or without new values', () => {
    const next = { ...base, model: { type: 'cagr' as const, rate: 0.035 }, rationale: '钢铁限产情景：现价年均增长3.5%' };
    expect(withRationaleState(next, base).rationale_stale).toBe(false);
    expect(
      withRationaleState({ ...base, rationale: '改写', rationale_stale: true }, { ...base, rationale_stale: true }).rationale_stale,
    ).toBe(false);
  });
  it('keeps its state when nothing it explains changed (a new source only)', () => {
    expect(withRationaleState({ ...base, source: '公报' }, { ...base, rationale_stale: true }).rationale_stale).toBe(true);
    expect(withRationaleState({ ...base, source: '公报' }, base).rationale_stale).toBe(false);
  });
  it('does not move with the loading of the range’s correlation group (set for the group, on every member)', () => {
    const ranged = { ...base, uncertainty: { low: 0.03, high: 0.06, confidence: 0.9, distribution: 'normal' as const, correlation: 0 } };
    const grouped = { ...ranged, uncertainty: { ...ranged.uncertainty, group_loading: 0.3 } };
    expect(withRationaleState(grouped, ranged).rationale_stale).toBe(false);
    expect(withRationaleState(ranged, grouped).rationale_stale).toBe(false);
    // the range itself changed with it: stale
    expect(withRationaleState({ ...grouped, uncertainty: { ...grouped.uncertainty, high: 0.07 } }, ranged).rationale_stale).toBe(true);
  });
  it('moves with the base value and the range too; an empty text is never stale; a new series has no previous', () => {
    expect(withRationaleState({ ...base, base_value: 1950 }, base).rationale_stale).toBe(true);
    expect(
      withRationaleState({ ...base, uncertainty: { low: 0.03, high: 0.06, confidence: 0.9, distribution: 'normal', correlation: 0 } }, base)
        .rationale_stale,
    ).toBe(true);
    expect(withRationaleState({ ...base, rationale: '', model: { type: 'flat' } }, { ...base, rationale: '' }).rationale_stale).toBe(false);
    expect(withRationaleState(base, undefined).rationale_stale).toBeUndefined();
  });
  it('has words in both languages', () => {
    expect(staleRationaleText('zh-CN')).toBe('依据说明未更新');
    expect(staleRationaleText('en')).toBe('rationale not updated');
  });
});
