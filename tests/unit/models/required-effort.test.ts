/**
 * The required effort (issue 15: "met targets show −26.1%", "a share's 所需增速 is its numerator's
 * growth, unlabelled", "falling targets are never shown in red"): one rule per kind and comparator
 * (models/kinds/effort.ts), on evaluations from the real engine.
 */
import { describe, expect, it } from 'vitest';
import {
  effortCellText,
  effortHeadroomText,
  effortLabel,
  effortLeverNote,
  effortSignOf,
  requiredEffort,
} from '../../../models/kinds/effort';
import { TARGET_KINDS } from '../../../models/schema';
import type { TargetEvaluation } from '../../../models/types';
import { act, asm, makePlan, run, ser, tgt, type TargetIn } from './fixtures';

function evalOf(
  target: TargetIn,
  actuals: Record<number, number>,
  rate: number,
  extraSeries: ReturnType<typeof ser>[] = [],
): TargetEvaluation {
  const plan = makePlan({
    series: [
      ser('x', { unit: target.unit, nature: target.kind === 'cumulative' || target.kind === 'annual_flow' ? 'flow' : 'stock' }),
      ...extraSeries,
    ],
    targets: [target],
    actuals: Object.entries(actuals).map(([y, v]) => act('x', y, v)),
  });
  const e = run(plan, [asm('x', { type: 'cagr', rate })]).targets[0];
  return e;
}

describe('which sign of the required change is effort, per kind', () => {
  it('a rise for 达到/不低于, a fall for 不高于, none for 约 and ranges; a reduction the other way', () => {
    for (const k of TARGET_KINDS) {
      const red = k === 'reduction';
      expect(effortSignOf(k, '>=')).toBe(red ? -1 : 1);
      expect(effortSignOf(k, '>')).toBe(red ? -1 : 1);
      expect(effortSignOf(k, '<=')).toBe(red ? 1 : -1);
      expect(effortSignOf(k, '~')).toBe(0);
      expect(effortSignOf(k, 'range')).toBe(0);
    }
  });
});

describe('reached: the latest actual already meets the target', () => {
  it('level: 700 against 680 in 2025 reads 已达到, with the headroom for 2026, not −2.9%', () => {
    const e = evalOf(tgt('t', 'x', 'level', '>=', 680, { unit: '家' }), { 2023: 500, 2024: 600, 2025: 700 }, 0.12);
    expect(e.required_growth!).toBeCloseTo(680 / 700 - 1, 12);
    const r = requiredEffort(e);
    expect(r.state).toBe('reached');
    expect(r.headroom!).toBeCloseTo(1 - 680 / 700, 12);
    expect(r.behind).toBe(false);
    expect(effortCellText(r, 'zh-CN')).toBe('已达到');
    expect(effortCellText(r, 'en')).toBe('reached');
    expect(effortHeadroomText(r, 'zh-CN')).toBe('2026年可下降2.9%仍达标');
    expect(effortHeadroomText(r, 'en')).toBe('could fall 2.9% in 2026 and still meet it');
  });

  it('level over several years: 可年均下降…仍达标', () => {
    const e = evalOf(tgt('t', 'x', 'level', '>=', 680, { unit: '家' }), { 2023: 500, 2024: 900 }, 0.12);
    const r = requiredEffort(e);
    expect(r.state).toBe('reached');
    expect(r.headroom!).toBeCloseTo(1 - Math.sqrt(680 / 900), 12);
    expect(effortHeadroomText(r, 'zh-CN')).toBe(`可年均下降${((1 - Math.sqrt(680 / 900)) * 100).toFixed(1)}%仍达标`);
  });

  it('a level exactly at the target: reached, holding the level meets it', () => {
    const e = evalOf(tgt('t', 'x', 'level', '>=', 680, { unit: '家' }), { 2023: 500, 2025: 680 }, 0.12);
    const r = requiredEffort(e);
    expect(r.state).toBe('reached');
    expect(effortHeadroomText(r, 'zh-CN')).toBe('保持2025年水平即可达标');
  });

  it('a falling level (不高于 90) at 80: reached, it could rise', () => {
    const e = evalOf(tgt('t', 'x', 'level', '<=', 90, { unit: '万吨' }), { 2023: 100, 2025: 80 }, -0.02);
    expect(e.required_growth!).toBeGreaterThan(0);
    const r = requiredEffort(e);
    expect(r.state).toBe('reached');
    expect(effortHeadroomText(r, 'zh-CN')).toBe('2026年可上升12.5%仍达标');
    expect(effortHeadroomText(r, 'en')).toBe('could rise 12.5% in 2026 and still meet it');
  });

  it('reduction: an intensity already 12% down against a 10% fall may rise (the sign reversed)', () => {
    const e = evalOf(tgt('t', 'x', 'reduction', '>=', 10, { unit: '%' }), { 2023: 1, 2025: 0.88 }, -0.01);
    expect(e.required_growth!).toBeCloseTo(0.9 / 0.88 - 1, 12);
    const r = requiredEffort(e);
    expect(r.direction).toBe(-1);
    expect(r.state).toBe('reached');
    expect(effortHeadroomText(r, 'zh-CN')).toBe(`2026年可上升${((0.9 / 0.88 - 1) * 100).toFixed(1)}%仍达标`);
  });

  it('growth_rate: a level already above the implied 2026 level is reached', () => {
    // 100 × 1.1^3 = 133.1 by 2026; 140 in 2025
    const e = evalOf(tgt('t', 'x', 'growth_rate', '>=', 10, { unit: '%' }), { 2023: 100, 2025: 140 }, 0.05);
    const r = requiredEffort(e);
    expect(r.state).toBe('reached');
    expect(r.headroom!).toBeCloseTo(1 - 133.1 / 140, 9);
  });

  it('annual_flow: a latest year above the yearly amount is reached', () => {
    const e = evalOf(tgt('t', 'x', 'annual_flow', '>=', 20, { unit: '项' }), { 2023: 18, 2024: 22, 2025: 25 }, 0);
    const r = requiredEffort(e);
    expect(r.state).toBe('reached');
    expect(r.headroom!).toBeCloseTo(1 - 20 / 25, 12);
  });

  it('cumulative: a total already reached has no rate but reads 已达到', () => {
    const e = evalOf(tgt('t', 'x', 'cumulative', '>=', 50, { unit: '项' }), { 2023: 10, 2024: 30, 2025: 30 }, 0);
    expect(e.growth_from_met).toBe(true);
    const r = requiredEffort(e);
    expect(r.state).toBe('reached');
    expect(r.headroom).toBeNull();
    expect(effortCellText(r, 'zh-CN')).toBe('已达到');
    expect(effortHeadroomText(r, 'zh-CN')).toBe('2025年已达到目标');
  });
});

describe('needed, and behind in the direction of the effort', () => {
  it('level: 8% needed, 5% assumed is behind', () => {
    const e = evalOf(tgt('t', 'x', 'level', '>=', 680, { unit: '家' }), { 2023: 500, 2025: 600 }, 0.05);
    const r = requiredEffort(e);
    expect(r.state).toBe('needed');
    expect(r.rate!).toBeCloseTo(680 / 600 - 1, 12);
    expect(r.behind).toBe(true);
    expect(effortCellText(r, 'zh-CN')).toBe('13.3%');
    expect(effortHeadroomText(r, 'zh-CN')).toBeNull();
  });

  it('level ahead of the required growth is not behind', () => {
    const e = evalOf(tgt('t', 'x', 'level', '>=', 680, { unit: '家' }), { 2023: 500, 2025: 600 }, 0.2);
    expect(requiredEffort(e).behind).toBe(false);
  });

  it('reduction: a fall of 2% a year where 4.3% is needed is behind (was never red)', () => {
    const e = evalOf(tgt('t', 'x', 'reduction', '>=', 10, { unit: '%' }), { 2023: 1, 2025: 0.94 }, -0.02);
    const r = requiredEffort(e);
    expect(r.state).toBe('needed');
    expect(r.rate!).toBeCloseTo(0.9 / 0.94 - 1, 12);
    expect(e.assumed_growth!).toBeCloseTo(-0.02, 12);
    expect(r.behind).toBe(true);
  });

  it('reduction: a fall of 6% a year where 4.3% is needed is not behind (was red)', () => {
    const e = evalOf(tgt('t', 'x', 'reduction', '>=', 10, { unit: '%' }), { 2023: 1, 2025: 0.94 }, -0.06);
    expect(requiredEffort(e).behind).toBe(false);
  });

  it('a falling level (不高于 90) at 100 falling 2% a year is behind its required fall of 10%', () => {
    const e = evalOf(tgt('t', 'x', 'level', '<=', 90, { unit: '万吨' }), { 2023: 110, 2025: 100 }, -0.02);
    const r = requiredEffort(e);
    expect(r.state).toBe('needed');
    expect(r.rate!).toBeCloseTo(-0.1, 12);
    expect(r.behind).toBe(true);
  });

  it('no years left, or a range: none', () => {
    const e = evalOf(tgt('t', 'x', 'level', '>=', 680, { unit: '家' }), { 2023: 500, 2026: 700 }, 0.05);
    expect(requiredEffort(e).state).toBe('none');
    expect(effortCellText(requiredEffort(e), 'zh-CN')).toBe('—');
    const g = evalOf(tgt('t', 'x', 'range', 'range', [1, 2], { unit: '家' }), { 2023: 1, 2025: 1 }, 0);
    expect(requiredEffort(g).state).toBe('none');
  });
});

describe("a share's rates are its numerator's growth, labelled", () => {
  function shareEval(num2025: number, rate: number) {
    const plan = makePlan({
      series: [
        ser('num', { unit: '家' }),
        ser('den', { unit: '家' }),
        ser('share', { unit: '%', nature: 'rate', derived: { type: 'ratio', numerator: 'num', denominator: 'den', scale: 100 } }),
      ],
      targets: [tgt('t', 'share', 'share', '>=', 42, { unit: '%' })],
      actuals: [act('num', 2023, 300), act('den', 2023, 1000), act('num', 2025, num2025), act('den', 2025, 1000)],
    });
    return run(plan, [asm('num', { type: 'cagr', rate }), asm('den', { type: 'cagr', rate: 0.05 })]).targets[0];
  }

  it('needed: 分子所需增速, the numerator named in the note', () => {
    const e = shareEval(380, 0.03);
    const r = requiredEffort(e);
    expect(r.lever).toBe('numerator');
    expect(r.leverSeries).toBe('num');
    expect(r.state).toBe('needed');
    // share_2026 = 380 (1 + r) / 1050 × 100 = 42
    expect(r.rate!).toBeCloseTo((42 * 10.5) / 380 - 1, 9);
    expect(r.behind).toBe(true);
    expect(effortLabel(r, 'zh-CN')).toBe('分子所需增速');
    expect(effortLabel(r, 'en')).toBe('required growth (numerator)');
    expect(effortLeverNote(r, '研发机构数', 'zh-CN')).toContain('分子（研发机构数）');
  });

  it('met in 2025 with room against a growing denominator: reached', () => {
    const e = shareEval(500, 0.03);
    const r = requiredEffort(e);
    expect(r.state).toBe('reached');
    expect(r.headroom!).toBeCloseTo(1 - (42 * 10.5) / 500, 9);
  });

  it('met in 2025 but the denominator outgrows the numerator: still needed, not reached', () => {
    const e = shareEval(430, 0.0); // 43% in 2025; 430 / 1050 = 41% in 2026
    expect(e.growth_from_met).toBe(true);
    const r = requiredEffort(e);
    expect(r.state).toBe('needed');
    expect(r.rate!).toBeGreaterThan(0);
  });

  it('a plain series is labelled 所需增速', () => {
    expect(effortLabel({ lever: 'own' }, 'zh-CN')).toBe('所需增速');
    expect(effortLeverNote({ lever: 'own' }, 'x', 'zh-CN')).toBeNull();
  });
});
