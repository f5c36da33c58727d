/** Probabilities as planners read them, and counts in words. */
import { describe, expect, it } from 'vitest';
import { countWord, formatDraws, noRangeLabel, probabilityHover, probabilityText } from '../../../renderer/src/lib/uncertainty-format';

describe('probabilities on screen: the one format of models/probability.ts', () => {
  it('<1%, >99%, else a whole percent; the ends never read 0% or 100%', () => {
    expect(probabilityText(0.634)).toBe('63%');
    expect(probabilityText(0.043)).toBe('4%');
    expect(probabilityText(0.9651)).toBe('97%');
    expect(probabilityText(0)).toBe('<1%');
    expect(probabilityText(0.0001)).toBe('<1%');
    expect(probabilityText(1)).toBe('>99%');
    expect(probabilityText(0.9999)).toBe('>99%');
  });
  it('no value; no range', () => {
    expect(probabilityText(null)).toBe('—');
    expect(probabilityText(undefined)).toBe('—');
    expect(probabilityText(Number.NaN)).toBe('—');
    expect(noRangeLabel('zh-CN')).toBe('未设区间');
    expect(noRangeLabel('en')).toBe('no range set');
  });
  it('the standard error on hover', () => {
    expect(probabilityHover(0.623, 0.0048, 10000, 'zh-CN')).toBe('模拟中62.3%的情形达标，标准误0.5个百分点（10,000次模拟）');
  });
});

describe('countWord and draws', () => {
  it('Chinese numerals up to ten, digits above and in English', () => {
    expect(countWord(3, 'zh-CN')).toBe('三');
    expect(countWord(2, 'zh-CN')).toBe('两');
    expect(countWord(10, 'zh-CN')).toBe('十');
    expect(countWord(12, 'zh-CN')).toBe('12');
    expect(countWord(3, 'en')).toBe('3');
  });
  it('draws with separators', () => {
    expect(formatDraws(10000, 'zh-CN')).toBe('10,000');
    expect(formatDraws(100000, 'en')).toBe('100,000');
  });
});
