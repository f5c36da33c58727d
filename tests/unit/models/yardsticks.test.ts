/**
 * Yardsticks (issue 15 item 5): a growth-rate target is judged on the geometric path the chart
 * draws, and a path exactly on schedule is on track whatever the tolerance.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { act, asm, makePlan, run, ser, tgt } from './fixtures';

/** A growth target of `rate`% a year, 2023 → 2026, with actuals on an exact path of `actual`% a year to 2025. */
function growthCase(rate: number, actual: number, tolerance = 0.05) {
  const v = (k: number) => 100 * (1 + actual / 100) ** k;
  const plan = makePlan({
    series: [ser('gdp')],
    targets: [tgt('gdp_growth', 'gdp', 'growth_rate', '>=', rate, { unit: '%' })],
    actuals: [act('gdp', 2023, 100), act('gdp', 2024, v(1)), act('gdp', 2025, v(2))],
  });
  return run(plan, [asm('gdp', { type: 'cagr', rate: actual / 100 })], { tolerance }).targets[0];
}

describe('growth-rate yardstick: the geometric path', () => {
  it('a target met at exactly 20% a year is on track, not lagging', () => {
    const ev = growthCase(20, 20);
    expect(ev.met).toBe(true);
    expect(ev.progress).toBeCloseTo(2 / 3, 12);
    expect(ev.status).toBe('on_track');
  });

  it('the on-track band of a 10% target is the band of the geometric path (2 of 3 years elapsed)', () => {
    // progress = ln(V_S / V_b) / ln(goal / V_b) = 2 ln(1+g) / (3 ln 1.1), on track within ±0.05 of 2/3
    const lo = Math.exp(((2 / 3 - 0.05) * 3 * Math.log(1.1)) / 2) - 1;
    const hi = Math.exp(((2 / 3 + 0.05) * 3 * Math.log(1.1)) / 2) - 1;
    expect(growthCase(10, lo * 100 + 1e-6).status).toBe('on_track');
    expect(growthCase(10, lo * 100 - 1e-3).status).toBe('lagging');
    expect(growthCase(10, hi * 100 - 1e-6).status).toBe('on_track');
    expect(growthCase(10, hi * 100 + 1e-3).status).toBe('ahead');
  });
});

describe('exactly on schedule is on track', () => {
  it('with a tolerance of 0, a level exactly on the linear path', () => {
    const plan = makePlan({
      series: [ser('x')],
      targets: [tgt('x_level', 'x', 'level', '>=', 130)],
      actuals: [act('x', 2023, 100), act('x', 2024, 110)],
    });
    const ev = run(plan, [asm('x', { type: 'cagr', rate: 0.1 })], { tolerance: 0 }).targets[0];
    expect(ev.progress).toBeCloseTo(ev.time_elapsed as number, 12);
    expect(ev.status).toBe('on_track');
  });

  it('property: a growth path exactly on its yardstick is on track for any rate and tolerance', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 30, noNaN: true }), fc.constantFrom(0, 0.02, 0.05, 0.1), (rate, tol) => {
        expect(growthCase(rate, rate, tol).status).toBe('on_track');
      }),
      { numRuns: 60 },
    );
  });

  it('property: a level path exactly on the linear yardstick is on track for any tolerance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 101, max: 1000 }), fc.constantFrom(0, 0.02, 0.05), (goal, tol) => {
        const step = (goal - 100) / 3;
        const plan = makePlan({
          series: [ser('x')],
          targets: [tgt('x_level', 'x', 'level', '>=', goal)],
          actuals: [act('x', 2023, 100), act('x', 2024, 100 + step), act('x', 2025, 100 + 2 * step)],
        });
        const ev = run(plan, [asm('x', { type: 'flat' })], { tolerance: tol }).targets[0];
        expect(ev.status).toBe('on_track');
      }),
      { numRuns: 40 },
    );
  });
});
