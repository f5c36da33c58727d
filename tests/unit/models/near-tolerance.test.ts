/**
 * 接近完成 per target (issue 15.1): the tolerance a planner sets is in the target's own units, not
 * negative, no larger than the target, whole for whole counts; shown with its unit, the default
 * (2% of the target) said to be one; and the final-year verdict follows it.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectPlan, resolvePresetAssumptions } from '../../../models/engine';
import {
  checkNearTolerance,
  checkNearTolerances,
  maxNearTolerance,
  nearToleranceText,
  parseNearTolerance,
  toleranceUnit,
} from '../../../models/near-tolerance';
import { Plan } from '../../../models/schema';

const planFile = fileURLToPath(new URL('../../../scenarios/plan/xianning-2024-2026.plan.json', import.meta.url));
const plan = Plan.parse(JSON.parse(fs.readFileSync(planFile, 'utf8')));
const target = (id: string) => plan.targets.find((t) => t.id === id)!;
const steel = target('fine_steel_output'); // 达700亿元
const share = target('digital_economy_share_gdp'); // 达10%
const firms = target('high_tech_enterprises'); // 680家
const energy = target('energy_intensity_reduction'); // 下降10%

describe('the tolerance of 接近完成', () => {
  it("is typed and shown in the target's own units", () => {
    expect(toleranceUnit(steel, 'zh-CN')).toBe('亿元');
    expect(toleranceUnit(share, 'zh-CN')).toBe('个百分点');
    expect(toleranceUnit(energy, 'zh-CN')).toBe('个百分点');
    expect(toleranceUnit(share, 'en')).toBe('percentage points');
    expect(toleranceUnit(firms, 'zh-CN')).toBe('家');
  });

  it('says when it is the default, 2% of the target', () => {
    expect(nearToleranceText(steel, {}, 'zh-CN')).toEqual({ value: 14, isDefault: true, text: '14亿元（默认：目标值的2%）' });
    expect(nearToleranceText(share, undefined, 'zh-CN').text).toBe('0.2个百分点（默认：目标值的2%）');
    expect(nearToleranceText(share, undefined, 'en').text).toBe('0.2 percentage points (default: 2% of the target)');
    expect(nearToleranceText(steel, { fine_steel_output: 25 }, 'zh-CN')).toEqual({ value: 25, isDefault: false, text: '25亿元' });
    expect(nearToleranceText(firms, { high_tech_enterprises: 0 }, 'zh-CN').text).toBe('0家');
  });

  it('refuses a negative, a tolerance larger than the target and a fraction of a whole count, naming target, field and range', () => {
    expect(checkNearTolerance(steel, 20)).toEqual([]);
    expect(checkNearTolerance(steel, 0)).toEqual([]);
    expect(checkNearTolerance(steel, 700)).toEqual([]);
    const neg = checkNearTolerance(steel, -5);
    expect(neg).toHaveLength(1);
    expect(neg[0]!.message_zh).toBe('金盛兰精品钢产值（接近完成容差）：-5亿元不能为负，允许 0–700亿元');
    expect(neg[0]!.message_en).toContain('(near-complete tolerance): -5 cannot be negative, allowed 0–700 亿元');
    expect(checkNearTolerance(steel, 800)[0]!.message_zh).toBe('金盛兰精品钢产值（接近完成容差）：800亿元超过目标值本身，允许 0–700亿元');
    expect(checkNearTolerance(share, 0.5)).toEqual([]);
    expect(checkNearTolerance(share, 12)[0]!.message_zh).toContain('允许 0–10个百分点');
    expect(checkNearTolerance(firms, 5)).toEqual([]);
    expect(checkNearTolerance(firms, 2.5)[0]!.message_zh).toBe('高新技术企业（接近完成容差）：2.5家应为整数，允许 0–680家');
    expect(checkNearTolerance(steel, Number.NaN)[0]!.message_zh).toContain('应为数字');
    expect(maxNearTolerance({ target: [1, 2] })).toBe(2);
  });

  it('checks a whole map, an unknown target included', () => {
    expect(checkNearTolerances(plan, { fine_steel_output: 10, digital_economy_share_gdp: 0.3 })).toEqual([]);
    const p = checkNearTolerances(plan, { nope: 1, high_tech_enterprises: -1 });
    expect(p.map((x) => x.id)).toEqual(['nope', 'high_tech_enterprises']);
    expect(p[0]!.message_zh).toContain('规划中没有指标“nope”');
  });

  it('reads what a planner types: full-width digits, a unit after the number', () => {
    expect(parseNearTolerance(steel, ' 20 ')).toBe(20);
    expect(parseNearTolerance(steel, '２０亿元')).toBe(20);
    expect(parseNearTolerance(share, '0.5个百分点')).toBe(0.5);
    expect(parseNearTolerance(share, '.5')).toBe(0.5);
    expect(parseNearTolerance(firms, '5家')).toBe(5);
    expect(parseNearTolerance(steel, '-3')).toBe(-3);
    expect(parseNearTolerance(steel, '')).toBeNull();
    expect(parseNearTolerance(steel, '二十')).toBeNull();
    expect(parseNearTolerance(steel, '5万元')).toBeNull();
  });

  it('moves the final-year verdict of the real plan: a 2026 actual 10亿元 short reads 接近完成 inside the tolerance, 未完成 outside', () => {
    const actual = {
      series: 'fine_steel_output',
      period: '2026',
      value: 690,
      value_kind: 'actual' as const,
      source: { title: '市统计局', url: null, date: null, reliability: 'official' as const },
      vintage: null,
      note: '',
      entered_by: 'test',
    };
    const run = (tol?: Record<string, number>) =>
      projectPlan({
        plan,
        assumptions: resolvePresetAssumptions(plan, 'baseline'),
        actuals: [actual],
        settings: { as_of_year: 2026, ...(tol ? { near_tolerance: tol } : {}) },
      }).targets.find((e) => e.id === 'fine_steel_output')!;
    const byDefault = run(); // 2% of 700 = 14亿元
    expect(byDefault.final).toBe(true);
    expect(byDefault.gap).toBeCloseTo(10, 9);
    expect(byDefault.status).toBe('near_complete');
    expect(run({ fine_steel_output: 5 }).status).toBe('not_completed');
    expect(run({ fine_steel_output: 10 }).status).toBe('near_complete');
    expect(run({ fine_steel_output: 0 }).status).toBe('not_completed');
    expect(run({ fine_steel_output: 5 }).near_tolerance).toBe(5);
  });
});
