import { describe, expect, it } from 'vitest';
import { PROBABILITY_NUMBER_FORMAT, formatProbability, probabilityDetail } from '../../../models/probability';

describe('one probability format', () => {
  it('writes <1%, >99%, else a whole percent', () => {
    expect(formatProbability(0)).toBe('<1%');
    expect(formatProbability(0.004)).toBe('<1%');
    expect(formatProbability(0.01)).toBe('1%');
    expect(formatProbability(0.187)).toBe('19%');
    expect(formatProbability(0.99)).toBe('99%');
    expect(formatProbability(0.995)).toBe('>99%');
    expect(formatProbability(1)).toBe('>99%');
  });

  it('the hover gives the share to one decimal and its standard error', () => {
    expect(probabilityDetail(0.623, 0.0048, 10000, 'zh-CN')).toBe('模拟中62.3%的情形达标，标准误0.5个百分点（10,000次模拟）');
    expect(probabilityDetail(0.0004, 0.0002, 10000, 'en')).toBe(
      '0.04% of the draws meet the target; standard error 0.02 percentage points (10,000 draws)',
    );
  });
  it('the workbook format has the same thresholds', () => {
    expect(PROBABILITY_NUMBER_FORMAT).toBe('[<0.01]"<1%";[>0.99]">99%";0%');
  });
});
