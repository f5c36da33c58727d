import { describe, expect, it } from 'vitest';
import en from '../../../renderer/src/i18n/en.json';
import zh from '../../../renderer/src/i18n/zh-CN.json';
import { historyChangeText } from '../../../renderer/src/lib/historyText';
import type { RevisionChange } from '../../../scenarios/store/types';

/** i18next's lookup and {{interpolation}}, with defaultValue, over the real resource files. */
function tFor(res: Record<string, unknown>) {
  return (key: string, opts: Record<string, unknown> = {}): string => {
    let v: unknown = res;
    for (const part of key.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
    // keys with dots inside a section ("historyField.model.rate")
    if (typeof v !== 'string') {
      const [section, ...rest] = key.split('.');
      v = (res[section!] as Record<string, unknown> | undefined)?.[rest.join('.')];
    }
    const text = typeof v === 'string' ? v : String(opts.defaultValue ?? key);
    return text.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(opts[k] ?? ''));
  };
}

const plan = {
  series: [
    { id: 'gdp', name_zh: '地区生产总值（现价）', name_en: 'GDP (current prices)', unit: '亿元' },
    { id: 'ev', name_zh: '新能源汽车产量', name_en: 'NEV output', unit: '万辆' },
  ],
} as unknown as Parameters<typeof historyChangeText>[1];

const change = (c: Partial<RevisionChange>): RevisionChange => ({
  series: 'gdp',
  field: 'model.rate',
  old: 0.045,
  new: 0.035,
  model: 'cagr',
  ...c,
});

describe('history lines name the series, the field and old -> new', () => {
  it('the issue example, in Chinese', () => {
    expect(historyChangeText(change({}), plan, 'zh-CN', tFor(zh))).toBe('地区生产总值（现价）· 年均增速：4.5% → 3.5%');
  });
  it('and in English', () => {
    expect(historyChangeText(change({}), plan, 'en', tFor(en))).toBe('GDP (current prices) · annual growth: 4.5% → 3.5%');
  });
  it('a pipeline underlying rate with two decimals, an elasticity as a number, a base value with its unit', () => {
    expect(
      historyChangeText(change({ field: 'model.underlying_rate', old: 0.0425, new: 0.05, model: 'pipeline' }), plan, 'zh-CN', tFor(zh)),
    ).toBe('地区生产总值（现价）· 基础年增速：4.25% → 5.00%');
    expect(
      historyChangeText(
        change({ series: 'ev', field: 'model.elasticity', old: 1.1, new: 1.25, model: 'elasticity' }),
        plan,
        'zh-CN',
        tFor(zh),
      ),
    ).toBe('新能源汽车产量 · 弹性系数：1.1 → 1.25');
    expect(historyChangeText(change({ field: 'base_value', old: 1200, new: 1250.5, model: 'cagr' }), plan, 'zh-CN', tFor(zh))).toMatch(
      /^地区生产总值（现价）· 基期值：1,200(\.0)?亿元 → 1,250\.5亿元$/,
    );
  });
  it('a model change names both models; a structured field says it changed', () => {
    expect(
      historyChangeText(change({ field: 'model.type', old: 'cagr', new: 'pipeline', model: 'pipeline' }), plan, 'zh-CN', tFor(zh)),
    ).toBe('地区生产总值（现价）· 增长模型：年均增速 → 重大项目投产');
    expect(historyChangeText(change({ field: 'model.projects', old: null, new: null, model: 'pipeline' }), plan, 'en', tFor(en))).toBe(
      'GDP (current prices) · major projects: changed',
    );
  });
});
