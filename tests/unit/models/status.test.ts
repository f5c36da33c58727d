import { describe, expect, it } from 'vitest';
import { act, asm, makePlan, run, ser, tgt } from './fixtures';
import type { EvalSettings } from '../../../models/schema';

/** level target 200 (2026) from 100 (2023); an actual for 2025: time elapsed = 2/3. */
function level(v2025: number | null, settings: Partial<EvalSettings> = {}) {
  const actuals = [act('x', 2023, 100)];
  if (v2025 !== null) actuals.push(act('x', 2025, v2025));
  const plan = makePlan({ series: [ser('x')], targets: [tgt('t', 'x', 'level', '>=', 200)], actuals });
  return run(plan, [asm('x', { type: 'cagr', rate: 0.1 })], settings).targets[0];
}

describe('status: time-proportional progress (时间过半、任务过半)', () => {
  it('achieved_early: the target is met at the status year', () => {
    const ev = level(210);
    expect(ev.status).toBe('achieved_early');
    expect(ev.status_year).toBe(2025);
    expect(ev.assumed).toBe(false);
  });

  it('ahead: progress >= time elapsed + tolerance', () => {
    const ev = level(180); // progress 0.8 vs 2/3 + 0.05
    expect(ev.progress).toBeCloseTo(0.8, 12);
    expect(ev.time_elapsed).toBeCloseTo(2 / 3, 12);
    expect(ev.status).toBe('ahead');
    // a wider tolerance makes it on track: 0.8 < 2/3 + 0.2
    expect(level(180, { tolerance: 0.2 }).status).toBe('on_track');
  });

  it('on_track: within the tolerance of time elapsed', () => {
    expect(level(165).status).toBe('on_track'); // 0.65 in [0.6167, 0.7167)
  });

  it('lagging: behind by more than the tolerance; a wider tolerance changes it', () => {
    expect(level(150).status).toBe('lagging'); // 0.5 < 0.6167
    expect(level(150, { tolerance: 0.2 }).status).toBe('on_track'); // 0.5 >= 0.4667
  });

  it('no actual after the base year: judged at as_of_year on projected values, marked assumed', () => {
    const ev = level(null); // cagr 10%: 2025 = 121, progress 0.21 vs 2/3 -> lagging
    expect(ev.status_year).toBe(2025);
    expect(ev.progress).toBeCloseTo(0.21, 12);
    expect(ev.status).toBe('lagging');
    expect(ev.assumed).toBe(true);
    const ev24 = level(null, { as_of_year: 2024 }); // 110: progress 0.1 vs 1/3
    expect(ev24.status_year).toBe(2024);
    expect(ev24.time_elapsed).toBeCloseTo(1 / 3, 12);
  });

  it('no_data: no values', () => {
    const plan = makePlan({ series: [ser('x')], targets: [tgt('t', 'x', 'level', '>=', 200)] });
    const ev = run(plan, [asm('x', { type: 'cagr', rate: 0.1 })]).targets[0];
    expect(ev.status).toBe('no_data');
    expect(ev.status_year).toBeNull();
    expect(ev.progress).toBeNull();
  });

  it('a <= target progresses downward', () => {
    const plan = makePlan({
      series: [ser('x')],
      targets: [tgt('t', 'x', 'level', '<=', 70)],
      actuals: [act('x', 2023, 100), act('x', 2025, 80)],
    });
    const ev = run(plan, [asm('x', { type: 'flat' })]).targets[0];
    expect(ev.progress).toBeCloseTo(20 / 30, 12);
    expect(ev.status).toBe('on_track');
  });

  it('reduction: reduction achieved so far over the target reduction', () => {
    const plan = makePlan({
      series: [ser('intensity', { unit: '吨标准煤/万元' })],
      targets: [tgt('t', 'intensity', 'reduction', '>=', 10, { unit: '%' })],
      actuals: [act('intensity', 2023, 1), act('intensity', 2025, 0.95)],
    });
    const ev = run(plan, [asm('intensity', { type: 'cagr', rate: -0.03 })]).targets[0];
    expect(ev.progress).toBeCloseTo(5 / 10, 9);
    expect(ev.status).toBe('lagging'); // 0.5 < 2/3 - 0.05
    expect(run(plan, [asm('intensity', { type: 'cagr', rate: -0.03 })], { tolerance: 0.2 }).targets[0].status).toBe('on_track');
  });

  it('growth_rate: the level against the geometric path implied by the target average growth', () => {
    const mk = (v2025: number) =>
      run(
        makePlan({
          series: [ser('trade')],
          targets: [tgt('t', 'trade', 'growth_rate', '>=', 10, { unit: '%' })],
          actuals: [act('trade', 2023, 100), act('trade', 2025, v2025)],
        }),
        [asm('trade', { type: 'cagr', rate: 0.1 })],
      ).targets[0];
    const ev = mk(121);
    // along the geometric path: ln(121/100) / ln(133.1/100) = 2/3, exactly on schedule
    expect(ev.progress).toBeCloseTo(2 / 3, 9);
    expect(ev.status).toBe('on_track');
    expect(mk(135).status).toBe('achieved_early'); // above the 2026 level already
    expect(mk(110).status).toBe('lagging');
  });

  it('annual_flow: one failed elapsed year -> lagging; all met -> on_track; all above by the tolerance -> ahead', () => {
    const mk = (v24: number, v25: number, tolerance = 0.05) =>
      run(
        makePlan({
          series: [ser('p', { unit: '项', nature: 'flow' })],
          targets: [tgt('t', 'p', 'annual_flow', '>=', 100, { unit: '项' })],
          actuals: [act('p', 2023, 100), act('p', 2024, v24), act('p', 2025, v25)],
        }),
        [asm('p', { type: 'flat' })],
        { tolerance },
      ).targets[0];
    expect(mk(110, 95).status).toBe('lagging');
    expect(mk(110, 104).status).toBe('on_track'); // 104 < 105
    expect(mk(110, 106).status).toBe('ahead');
    expect(mk(110, 104, 0.02).status).toBe('ahead'); // 104 >= 102
    expect(mk(110, 104).progress).toBeCloseTo(2 / 3, 12);
  });

  it('range: inside at the status year -> achieved_early; else by the projection at the target year', () => {
    const mk = (v25: number, model: Parameters<typeof asm>[1]) =>
      run(
        makePlan({
          series: [ser('inst', { unit: '家' })],
          targets: [tgt('t', 'inst', 'range', 'range', [1, 2], { unit: '家' })],
          actuals: [act('inst', 2023, 0), act('inst', 2025, v25)],
        }),
        [asm('inst', model)],
      ).targets[0];
    expect(mk(1, { type: 'flat' }).status).toBe('achieved_early');
    expect(mk(0, { type: 'step', steps: [{ year: 2026, value: 2 }] }).status).toBe('on_track');
    expect(mk(0, { type: 'flat' }).status).toBe('lagging');
  });

  it('a ~ target: the projection landing within the approximate band counts', () => {
    const plan = makePlan({
      series: [ser('x', { unit: '%' })],
      targets: [tgt('t', 'x', 'level', '~', 2.5, { unit: '%' })],
      actuals: [act('x', 2023, 2), act('x', 2025, 2.35)],
    });
    const ev = run(plan, [asm('x', { type: 'cagr', rate: 0.05 })]).targets[0];
    expect(ev.status).toBe('on_track'); // 2.35 not within 5% of 2.5; progress 0.7 vs 0.667
    expect(ev.met).toBe(true); // 2.4675 within 2.375..2.625
    const behind = makePlan({
      series: [ser('x', { unit: '%' })],
      targets: [tgt('t', 'x', 'level', '~', 2.5, { unit: '%' })],
      actuals: [act('x', 2023, 2), act('x', 2025, 2.3)],
    });
    expect(run(behind, [asm('x', { type: 'cagr', rate: 0.05 })]).targets[0].status).toBe('lagging'); // 0.6 < 0.617
    expect(run(behind, [asm('x', { type: 'cagr', rate: 0.05 })], { tolerance: 0.1 }).targets[0].status).toBe('on_track');
  });

  it('a figure "close to" the target (approx_below) is below it: not achieved yet; a lower bound at the target is', () => {
    const mk = (kind: 'approx_below' | 'lower_bound' | 'actual') =>
      run(
        makePlan({
          series: [ser('x')],
          targets: [tgt('t', 'x', 'level', '>=', 200)],
          actuals: [act('x', 2023, 100), act('x', 2025, 200, { value_kind: kind })],
        }),
        [asm('x', { type: 'cagr', rate: 0.05 })],
      ).targets[0];
    expect(mk('approx_below').status).not.toBe('achieved_early');
    expect(mk('lower_bound').status).toBe('achieved_early');
    expect(mk('actual').status).toBe('achieved_early');
  });
});
