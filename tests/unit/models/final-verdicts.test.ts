/**
 * Final-year verdicts (issue 15 item 1): when the year judged is the target year a target is
 * judged on its outcome (已完成 / 接近完成 / 未完成 on an actual, 预计完成 / 预计未完成 on a nowcast or
 * a projection); 提前实现 only when met in a year before the target year. Reproduces the issue's
 * figures on the real plan with the latest statistical year set to 2026.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Plan } from '../../../models/schema';
import { projectPlan, resolvePresetAssumptions } from '../../../models/engine';
import { STATUS_TABLE, statusWord } from '../../../models/status';
import { formatNowcastNote } from '../../../models/records';
import { act, asm, inputActual, makePlan, run, ser, tgt } from './fixtures';

const planFile = fileURLToPath(new URL('../../../scenarios/plan/xianning-2024-2026.plan.json', import.meta.url));
const realPlan = Plan.parse(JSON.parse(fs.readFileSync(planFile, 'utf8')));

function realRun(asOf: number) {
  return projectPlan({ plan: realPlan, assumptions: resolvePresetAssumptions(realPlan, 'baseline'), settings: { as_of_year: asOf } });
}

describe('the real plan with the latest statistical year 2026', () => {
  const r = realRun(2026);
  const byId = new Map(r.targets.map((e) => [e.id, e]));

  it('no target reads 提前实现 on a figure of the target year (17 did)', () => {
    const wrong = r.targets.filter((e) => e.status === 'achieved_early' && e.status_year === 2026);
    expect(wrong.map((e) => e.id)).toEqual([]);
    for (const e of r.targets) if (e.status === 'achieved_early') expect(e.status_year).toBeLessThan(e.target_year);
  });

  it('every target is given a final-year verdict', () => {
    for (const e of r.targets) {
      expect(e.final).toBe(true);
      expect(STATUS_TABLE[e.status].final || e.status === 'no_data').toBe(true);
    }
  });

  it('单位GDP能耗 9.6% against 10% and 高技能人才 4,800 against 5,000 are missed, not 基本符合预期', () => {
    const energy = byId.get('energy_intensity_reduction')!;
    expect(energy.projected).toBeCloseTo(9.58, 2);
    expect(energy.met).toBe(false);
    expect(energy.status).toBe('expected_not_complete');
    const skills = byId.get('high_skill_talents')!;
    expect(skills.projected).toBe(4800);
    expect(skills.status).toBe('expected_not_complete');
  });

  it('a verdict never contradicts met / not met', () => {
    for (const e of r.targets) {
      if (e.met === true) expect(['completed', 'expected_complete']).toContain(e.status);
      if (e.met === false) expect(['not_completed', 'near_complete', 'expected_not_complete']).toContain(e.status);
    }
  });

  it('before the final year the mid-term statuses stay (latest year 2025)', () => {
    const mid = realRun(2025);
    for (const e of mid.targets) {
      if (e.final) continue;
      expect(STATUS_TABLE[e.status].final).toBe(false);
    }
    expect(mid.targets.filter((e) => !e.final).length).toBeGreaterThan(40);
  });
});

/** A level target 100 in 2026 from 80 in 2023, with actuals to 2025 and a 2026 figure of `v26`. */
function levelCase(v26: number, extra: { nowcast?: number; tol?: number; asOf?: number; actual26?: boolean } = {}) {
  const plan = makePlan({
    series: [ser('x')],
    targets: [tgt('x_level', 'x', 'level', '>=', 100, { unit: '亿元' })],
    actuals: [act('x', 2023, 80), act('x', 2024, 86), act('x', 2025, 92)],
  });
  const actuals =
    extra.actual26 === false
      ? []
      : extra.nowcast !== undefined
        ? [
            inputActual('x', 2026, v26, {
              value_kind: 'estimate',
              note: formatNowcastNote(
                { as_of: `2026-${String(extra.nowcast).padStart(2, '0')}`, method: 'blend', low: v26, high: v26 },
                '推算',
              ),
            }),
          ]
        : [inputActual('x', 2026, v26)];
  const settings = { as_of_year: extra.asOf ?? 2025, ...(extra.tol !== undefined ? { near_tolerance: { x_level: extra.tol } } : {}) };
  return run(plan, [asm('x', { type: 'cagr', rate: 0.05 })], settings, actuals).targets[0];
}

describe('final-year verdicts, closed form', () => {
  it('an actual at or above the target: 已完成', () => {
    const e = levelCase(100);
    expect(e.final).toBe(true);
    expect(e.basis).toBe('actual');
    expect(e.status).toBe('completed');
    expect(statusWord(e.status, 'zh-CN')).toBe('已完成');
  });

  it('an actual short by no more than the tolerance: 接近完成 (default 2% of the target = 2亿元)', () => {
    expect(levelCase(98).status).toBe('near_complete');
    expect(levelCase(97.9).status).toBe('not_completed');
    expect(levelCase(98).near_tolerance).toBeCloseTo(2, 12);
  });

  it('the tolerance is a setting per target, in its own units', () => {
    expect(levelCase(96, { tol: 5 }).status).toBe('near_complete');
    expect(levelCase(99.5, { tol: 0 }).status).toBe('not_completed');
  });

  it('a nowcast of the target year: 预计完成 / 预计未完成, with the month it rests on', () => {
    const yes = levelCase(101, { nowcast: 10 });
    expect(yes.status).toBe('expected_complete');
    expect(yes.basis).toBe('nowcast');
    expect(yes.basis_month).toBe(10);
    const no = levelCase(99, { nowcast: 9 });
    expect(no.status).toBe('expected_not_complete');
    expect(no.basis_month).toBe(9);
  });

  it('the latest year set to the target year with no figure: judged on the projection, 预计…', () => {
    const e = levelCase(0, { actual26: false, asOf: 2026 });
    expect(e.final).toBe(true);
    expect(e.basis).toBe('projection');
    // 92 · 1.05 = 96.6 < 100
    expect(e.status).toBe('expected_not_complete');
  });

  it('before the target year, met in 2025: 提前实现; falling back in 2026: not claimed', () => {
    const plan = makePlan({
      series: [ser('x')],
      targets: [tgt('x_level', 'x', 'level', '>=', 300, { unit: '亿元' })],
      actuals: [act('x', 2023, 250), act('x', 2024, 280), act('x', 2025, 305)],
    });
    const kept = run(plan, [asm('x', { type: 'cagr', rate: 0.02 })]).targets[0];
    expect(kept.status).toBe('achieved_early');
    const falls = run(plan, [asm('x', { type: 'cagr', rate: 279 / 305 - 1 })]).targets[0];
    expect(falls.projected).toBeCloseTo(279, 9);
    expect(falls.status).not.toBe('achieved_early');
    expect(falls.met_before).toEqual({ year: 2025, value: 305 });
  });

  it('property: a final-year verdict never contradicts met / not met', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 50, max: 150, noNaN: true }),
        fc.constantFrom(undefined, 3, 9, 11),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (v, month, tol) => {
          const e = levelCase(v, { nowcast: month, tol });
          expect(e.final).toBe(true);
          if (e.met) expect(['completed', 'expected_complete']).toContain(e.status);
          else expect(['not_completed', 'near_complete', 'expected_not_complete']).toContain(e.status);
          if (e.status === 'near_complete') expect(e.gap as number).toBeLessThanOrEqual(tol + 1e-9);
        },
      ),
      { numRuns: 80 },
    );
  });
});
