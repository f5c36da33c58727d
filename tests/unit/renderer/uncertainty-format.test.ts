/** Probabilities as planners read them, and counts in words. */
import { describe, expect, it } from 'vitest';
import { countWord, formatChance, formatDraws } from '../../../renderer/src/lib/uncertainty-format';

describe('formatChance', () => {
  it('whole percent in the middle, one decimal below 10% and above 90%', () => {
    expect(formatChance(0.634, 'zh-CN')).toBe('63%');
    expect(formatChance(0.5, 'en')).toBe('50%');
    expect(formatChance(0.1, 'zh-CN')).toBe('10%');
    expect(formatChance(0.9, 'zh-CN')).toBe('90%');
    expect(formatChance(0.043, 'zh-CN')).toBe('4.3%');
    expect(formatChance(0.0999, 'zh-CN')).toBe('10.0%');
    expect(formatChance(0.9651, 'en')).toBe('96.5%');
    expect(formatChance(0.942, 'zh-CN')).toBe('94.2%');
  });
  it('the ends: 0% and 100% only when every draw agrees', () => {
    expect(formatChance(0, 'zh-CN')).toBe('0%');
    expect(formatChance(1, 'zh-CN')).toBe('100%');
    expect(formatChance(0.0001, 'zh-CN')).toBe('<0.1%');
    expect(formatChance(0.9999, 'zh-CN')).toBe('>99.9%');
    expect(formatChance(0.0005, 'zh-CN')).toBe('0.1%');
  });
  it('no value', () => {
    expect(formatChance(null, 'zh-CN')).toBe('—');
    expect(formatChance(undefined, 'en')).toBe('—');
    expect(formatChance(Number.NaN, 'en')).toBe('—');
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
