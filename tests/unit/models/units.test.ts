import { describe, expect, it } from 'vitest';
import {
  WAN_PER_YI,
  convertUnit,
  formatChange,
  formatGrowth,
  formatNumber,
  formatValue,
  isCountUnit,
  isPercentUnit,
  wanToYi,
  yiToWan,
} from '../../../models/units';

describe('units', () => {
  it('亿元 <-> 万元: 1亿元 = 10000万元', () => {
    expect(WAN_PER_YI).toBe(10000);
    expect(yiToWan(1)).toBe(10000);
    expect(yiToWan(700)).toBe(7000000);
    expect(wanToYi(25000)).toBe(2.5);
    expect(convertUnit(700, '亿元', '万元')).toBe(7000000);
    expect(convertUnit(5000, '万元', '亿元')).toBe(0.5);
    expect(convertUnit(1, '亿元', '元')).toBe(100000000);
    expect(convertUnit(3, '万吨', '吨')).toBe(30000);
    expect(convertUnit(1, '亿元', '万吨')).toBeNull();
    expect(convertUnit(1, '亿元', '亿美元')).toBeNull();
  });

  it('percent units', () => {
    expect(isPercentUnit('%')).toBe(true);
    expect(isPercentUnit('％')).toBe(true);
    expect(isPercentUnit('亿元')).toBe(false);
  });

  it('formatValue in Chinese: units as planners write them', () => {
    expect(formatValue(700, '亿元', 'zh-CN')).toBe('700亿元');
    expect(formatValue(723.46, '亿元', 'zh-CN')).toBe('723.5亿元');
    expect(formatValue(12345.6, '亿元', 'zh-CN')).toBe('12346亿元');
    expect(formatValue(0.456, '亿元', 'zh-CN')).toBe('0.46亿元');
    expect(formatValue(28, '%', 'zh-CN')).toBe('28%');
    expect(formatValue(28.34, '%', 'zh-CN')).toBe('28.3%');
    expect(formatValue(2.456, '%', 'zh-CN')).toBe('2.46%');
    expect(formatValue(100, '项', 'zh-CN')).toBe('100项');
    expect(formatValue(1.5, '家', 'zh-CN')).toBe('1.5家');
    expect(formatValue(null, '亿元', 'zh-CN')).toBe('—');
    expect(formatValue(Number.NaN, '亿元')).toBe('—');
    expect(formatValue(-0.0001, '%', 'zh-CN')).toBe('0%');
  });

  it('formatValue in English', () => {
    expect(formatValue(700, '亿元', 'en')).toBe('70 billion yuan');
    expect(formatValue(5000, '万元', 'en')).toBe('50 million yuan');
    expect(formatValue(12.34, '亿元', 'en')).toBe('1.2 billion yuan');
    expect(formatValue(28.34, '%', 'en')).toBe('28.3%');
    expect(formatValue(100, '项', 'en')).toBe('100 items');
    expect(formatValue(1234.5, '万吨标准煤', 'en')).toBe('12.3 million tce');
    expect(formatValue(5, '万人', 'en')).toBe('50,000 people');
    expect(formatValue(3.2, '吨标准煤/万元', 'en')).toBe('3.2 tce per 10,000 yuan');
    expect(formatNumber(1234567.891, 1, 'en')).toBe('1,234,567.9');
    expect(formatNumber(1234567.891, 1, 'zh-CN')).toBe('1234567.9');
    expect(formatValue(2393.5, '兆瓦', 'en')).toBe('2,394 MW');
  });

  it('the options the drafted sentences use: separators in Chinese too, decimals up to 10,000', () => {
    expect(formatNumber(1234567.891, 1, 'zh-CN', true)).toBe('1,234,567.9');
    expect(formatValue(1099, '亿元', 'zh-CN', { grouping: true })).toBe('1,099亿元');
    expect(formatValue(2393.5, '兆瓦', 'zh-CN', { grouping: true, wholeFrom: 10000 })).toBe('2,393.5兆瓦');
    expect(formatValue(12345.6, '亿元', 'zh-CN', { grouping: true, wholeFrom: 10000 })).toBe('12,346亿元');
    expect(formatValue(2393.5, '兆瓦', 'en', { wholeFrom: 10000 })).toBe('2,393.5 MW');
  });

  it('count units: the one list (the renderer reuses it)', () => {
    for (const u of ['个', '家', '名', '项', '人', '所', '座', '条', '件']) expect(isCountUnit(u), u).toBe(true);
    for (const u of ['亿元', '%', '兆瓦', '万人', '吨']) expect(isCountUnit(u), u).toBe(false);
  });

  it('a change of a share is in percentage points (个百分点), never %', () => {
    expect(formatChange(25.7, 28, '%')).toBe('提高2.3个百分点');
    expect(formatChange(28, 25.7, '%', 'zh-CN')).toBe('下降2.3个百分点');
    expect(formatChange(25.7, 28, '%', 'en')).toBe('up 2.3 percentage points');
    expect(formatChange(28, 27, '%', 'en')).toBe('down 1.0 percentage point');
    expect(formatChange(28, 28.01, '%')).toBe('持平');
  });

  it('other changes are relative (%)', () => {
    expect(formatChange(100, 105, '亿元')).toBe('增长5.0%');
    expect(formatChange(100, 95, '亿元')).toBe('下降5.0%');
    expect(formatChange(100, 105, '亿元', 'en')).toBe('up 5.0%');
    expect(formatChange(100, 92.5, '项', 'en')).toBe('down 7.5%');
    expect(formatChange(0, 3, '项')).toBe('增加3项');
    expect(formatChange(0, 3, '项', 'en')).toBe('up 3 items');
  });

  it('formatGrowth: a fraction per year in percent', () => {
    expect(formatGrowth(0.072)).toBe('7.2%');
    expect(formatGrowth(-0.0351)).toBe('-3.5%');
    expect(formatGrowth(0.1234, 2)).toBe('12.34%');
    expect(formatGrowth(null)).toBe('—');
    expect(formatGrowth(-0.00001)).toBe('0.0%');
  });
});
