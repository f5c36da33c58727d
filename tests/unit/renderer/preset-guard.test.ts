import { describe, expect, it } from 'vitest';
import { PresetGuard } from '../../../renderer/src/lib/preset-guard';

const baseline = { id: 'baseline', preset_id: 'baseline', frozen: false };
const stretch = { id: 'stretch', preset_id: 'stretch', frozen: false };
const child = { id: 'c1', preset_id: null, frozen: false };

describe('the ask-first guard on presets', () => {
  it('asks for a preset, never for a child scenario or a frozen version (read-only anyway)', () => {
    const g = new PresetGuard();
    expect(g.needsAsking(baseline)).toBe(true);
    expect(g.needsAsking(child)).toBe(false);
    expect(g.needsAsking({ ...baseline, frozen: true })).toBe(false);
    expect(g.needsAsking(null)).toBe(false);
  });
  it('"change the preset anyway" holds for that preset until the planner leaves it', () => {
    const g = new PresetGuard();
    g.allow('baseline', false);
    expect(g.needsAsking(baseline)).toBe(false);
    expect(g.needsAsking(stretch)).toBe(true);
    g.leave('baseline');
    expect(g.needsAsking(baseline)).toBe(true);
  });
  it('"don\'t ask again" holds for every preset for the rest of the session', () => {
    const g = new PresetGuard();
    g.allow('baseline', true);
    g.leave('baseline');
    expect(g.needsAsking(baseline)).toBe(false);
    expect(g.needsAsking(stretch)).toBe(false);
    expect(new PresetGuard().needsAsking(baseline)).toBe(true);
  });
});
