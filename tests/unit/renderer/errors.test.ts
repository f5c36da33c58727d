import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../../renderer/src/lib/api-client';
import { implausibleByField, localizeError, warningsToConfirm } from '../../../renderer/src/lib/errors';
import { checkRecord, checkSettings, confirmationError, figureWarnings, implausibleError } from '../../../models/plausibility';
import { errorBody } from '../../../contract/errors';
import { loadDefaultPlan } from '../../../scenarios/plan/load';

const plan = loadDefaultPlan();
const fineSteel = plan.series.find((s) => s.id === 'fine_steel_output')!;
/** An error as the renderer receives it: the API's StudioError, through its JSON body. */
const received = (e: { code: string; message_zh: string; message_en: string; path?: string; details?: unknown }) =>
  new ApiCallError('actuals:add', JSON.parse(JSON.stringify(errorBody(e.code, e.message_zh, e.message_en, e.path, e.details))));

describe('the renderer reads plausibility answers', () => {
  it('a refusal by field, in the user’s language', () => {
    const issues = checkRecord(
      plan,
      fineSteel,
      { series: fineSteel.id, period: '2025', value: -590 },
      { path: 'actuals[0].value', zh: '数值', en: 'value' },
    );
    const err = received(implausibleError(issues));
    expect(implausibleByField(err, 'zh-CN')).toEqual({ value: '金盛兰精品钢产值（数值）：-590亿元 不能为负数，允许 不小于 0亿元' });
    expect(implausibleByField(err, 'en')?.value).toContain('(value): -590 亿元 cannot be negative, allowed at least 0 亿元');
    expect(warningsToConfirm(err)).toBeNull();
    expect(localizeError(err, 'zh-CN').code).toBe('implausible');
  });

  it('two settings refused at once, each beside its own field', () => {
    const err = received(implausibleError(checkSettings(plan, { as_of_year: 2031, base_year: 2030 })));
    expect(Object.keys(implausibleByField(err, 'zh-CN') ?? {}).sort()).toEqual(['as_of_year', 'base_year']);
  });

  it('the warnings of needs_confirmation, and nothing for other errors', () => {
    const w = figureWarnings(fineSteel, { series: fineSteel.id, period: '2025', value: 5900 }, (_, p) => (p === '2024' ? 520 : null), {
      path: 'actuals[0].value',
      zh: '数值',
      en: 'value',
    });
    const err = received(confirmationError(w));
    const list = warningsToConfirm(err);
    expect(list).toHaveLength(1);
    expect(list![0]!.message_zh).toContain('与上年同期（2024年）520亿元 相差 3 倍以上');
    expect(implausibleByField(err, 'zh-CN')).toBeNull();
    expect(warningsToConfirm(received({ code: 'invalid', message_zh: '无效', message_en: 'invalid' }))).toBeNull();
    expect(warningsToConfirm(new Error('boom'))).toBeNull();
  });
});
