/**
 * 接近完成 per target through the real API (issue 15.1): settings:set takes a tolerance in the
 * target's own units and the projection's final-year verdict follows it; a negative, one larger
 * than the target, or a fraction of a whole count is refused naming target, field and range, and
 * nothing is stored (the other keys of the request neither).
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../contract';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('near-tolerance');

async function refusal(req: Record<string, unknown>) {
  const env = await dispatch(fx.api().handlers, 'settings:set', req, { host: 'cli' });
  if (env.ok) throw new Error('settings:set was accepted');
  return env.error;
}

describe('settings:set near_tolerance', () => {
  it('stores a tolerance and the final-year verdict follows it', async () => {
    await fx.call('actuals:add', {
      actuals: [
        {
          series: 'fine_steel_output',
          period: '2026',
          value: 690,
          source: { title: '市统计局', url: null, date: null, reliability: 'official' },
        },
      ],
      confirm: true,
    });
    await fx.call('settings:set', { as_of_year: 2026 });
    const verdict = async () => (await fx.call('projection:run', { id: 'baseline' })).targets.find((e) => e.id === 'fine_steel_output')!;
    expect((await verdict()).status).toBe('near_complete'); // 10亿元 short, default 14亿元
    const s = await fx.call('settings:set', { near_tolerance: { fine_steel_output: 5 } });
    expect(s.near_tolerance).toEqual({ fine_steel_output: 5 });
    expect((await verdict()).status).toBe('not_completed');
    await fx.call('settings:set', { near_tolerance: {} });
    expect((await verdict()).status).toBe('near_complete');
  });

  it('refuses implausible tolerances and stores nothing', async () => {
    const before = await fx.call('settings:get', {});
    const neg = await refusal({ near_tolerance: { fine_steel_output: -5 }, user_name: '张三' });
    expect(neg.code).toBe('implausible');
    expect(neg.path).toBe('near_tolerance.fine_steel_output');
    expect(neg.message_zh).toContain('金盛兰精品钢产值（接近完成容差）：-5亿元不能为负，允许 0–700亿元');
    expect(neg.message_en).toContain('near-complete tolerance');
    expect((await refusal({ near_tolerance: { fine_steel_output: 900 } })).message_zh).toContain('超过目标值本身');
    expect((await refusal({ near_tolerance: { high_tech_enterprises: 2.5 } })).message_zh).toContain('应为整数');
    expect((await refusal({ near_tolerance: { no_such_target: 1 } })).message_zh).toContain('规划中没有指标');
    expect(await fx.call('settings:get', {})).toEqual(before);
  });
});
