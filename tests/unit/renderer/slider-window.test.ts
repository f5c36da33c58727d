/**
 * The slider's range (lib/assumptions.ts sliderWindow): a percent parameter spans 20 points
 * around its value, inside the range the growth model declares (models/growth), ends on whole
 * points; a narrower declared range is spanned whole; other parameters keep their range.
 */
import { describe, expect, it } from 'vitest';
import { PLAUSIBLE_RATE } from '../../../models/growth/lanes';
import { PERCENT_SLIDER_SPAN, scalarParams, sliderWindow } from '../../../renderer/src/lib/assumptions';

const cagr = (rate: number) => scalarParams({ type: 'cagr', rate })[0];

describe('slider window', () => {
  it('spans 20 points around the value, so a pixel moves a fraction of a point', () => {
    const spec = cagr(0.065);
    expect(sliderWindow(spec, 0.065)).toEqual({ min: -0.04, max: 0.16 });
    expect(PERCENT_SLIDER_SPAN).toBe(0.2);
    // the old slider spanned −20%…+50%: 70 points; now 20 (3.5 times finer at the same width)
    const w = sliderWindow(spec, 0.065);
    expect(w.max - w.min).toBeCloseTo(0.2, 12);
    // one arrow key press: the step, a tenth of a point
    expect(spec.step).toBe(0.001);
  });

  it('stays inside the range the model declares (the cagr rate: −50%…100%)', () => {
    const [lo, hi] = PLAUSIBLE_RATE; // models/growth/cagr.ts declares it for the rate
    expect(sliderWindow(cagr(-0.45), -0.45)).toEqual({ min: lo, max: lo + 0.2 });
    expect(sliderWindow(cagr(0.98), 0.98)).toEqual({ min: hi - 0.2, max: hi });
    for (const v of [-0.5, -0.3, 0, 0.123, 0.5, 1]) {
      const win = sliderWindow(cagr(v), v);
      expect(win.min).toBeGreaterThanOrEqual(lo);
      expect(win.max).toBeLessThanOrEqual(hi);
      expect(v).toBeGreaterThanOrEqual(win.min);
      expect(v).toBeLessThanOrEqual(win.max);
      expect(Math.round(win.min * 100)).toBeCloseTo(win.min * 100, 9); // on a whole point
    }
  });

  it('an open bound falls back to the spec (an exclusive −100% is not reached)', () => {
    const spec = { key: 'rate', unit: 'percent' as const, min: -0.2, max: 0.5, step: 0.001, limit: { min: -1, minExclusive: true } };
    expect(sliderWindow(spec, -0.99).min).toBeCloseTo(-0.999, 12);
    expect(sliderWindow(spec, 0.9)).toEqual({ min: 0.8, max: 1 });
  });

  it('a declared range narrower than 20 points is spanned whole', () => {
    const spec = { key: 'rate', unit: 'percent' as const, min: -0.05, max: 0.15, step: 0.001, limit: { min: -0.05, max: 0.1 } };
    expect(sliderWindow(spec, 0.02)).toEqual({ min: -0.05, max: 0.1 });
  });

  it('other parameters keep their range', () => {
    const spec = scalarParams({ type: 'elasticity', driver: 'gdp', elasticity: 1.2 })[0];
    expect(sliderWindow(spec, 1.2)).toEqual({ min: spec.min, max: spec.max });
  });
});
