import { describe, expect, it } from 'vitest';
import {
  guessMapping,
  missingRequired,
  normalizeDate,
  normalizePeriod,
  parseNumber,
  parseReliability,
  parseValueKind,
  validateRows,
} from '../../../renderer/src/lib/actualsImport';
import { parse } from 'csv-parse/sync';
import { plan } from './fixtures';

describe('reading what planners type', () => {
  it('normalises periods', () => {
    expect(normalizePeriod('2025')).toBe('2025');
    expect(normalizePeriod('2025年')).toBe('2025');
    expect(normalizePeriod('2025-9')).toBe('2025-09');
    expect(normalizePeriod('2025年1-9月')).toBe('2025-09');
    expect(normalizePeriod('2025年9月')).toBe('2025-09');
    // a stock's month-end level
    expect(normalizePeriod('2026年10月末')).toBe('2026-10');
    expect(normalizePeriod('2026年末')).toBeNull();
    expect(normalizePeriod('2025H1')).toBe('2025H1');
    expect(normalizePeriod('2025年上半年')).toBe('2025H1');
    expect(normalizePeriod('2021-2025')).toBe('2021-2025');
    expect(normalizePeriod('2025-13')).toBeNull();
    expect(normalizePeriod('去年')).toBeNull();
    // what an English briefing workbook prints (periodText), read back
    expect(normalizePeriod('end of June 2023')).toBe('2023-06');
    expect(normalizePeriod('January–October 2026')).toBe('2026-10');
    expect(normalizePeriod('January 2026')).toBe('2026-01');
    expect(normalizePeriod('end of Juno 2023')).toBeNull();
  });
  it('reads numbers with separators, %, and bound words', () => {
    expect(parseNumber('1,234.5')).toEqual({ value: 1234.5, impliedKind: null });
    expect(parseNumber('73.54%')).toEqual({ value: 73.54, impliedKind: null });
    expect(parseNumber('≥920')).toEqual({ value: 920, impliedKind: 'lower_bound' });
    expect(parseNumber('920以上')).toEqual({ value: 920, impliedKind: 'lower_bound' });
    expect(parseNumber('接近1000')).toEqual({ value: 1000, impliedKind: 'approx_below' });
    expect(parseNumber('－3.2')).toEqual({ value: -3.2, impliedKind: null });
    expect(parseNumber('abc')).toBeNull();
    expect(parseNumber('')).toBeNull();
  });
  it('reads value kinds, reliabilities and dates in both languages', () => {
    expect(parseValueKind('下限')).toBe('lower_bound');
    expect(parseValueKind('estimate')).toBe('estimate');
    expect(parseValueKind('不知道')).toBeNull();
    expect(parseReliability('官方')).toBe('official');
    expect(parseReliability('Internal')).toBe('internal');
    expect(normalizeDate('2026/1/19')).toBe('2026-01-19');
    expect(normalizeDate('2026年1月19日')).toBe('2026-01-19');
    expect(normalizeDate('2026-01')).toBe('2026-01');
    expect(normalizeDate('19 Jan')).toBeNull();
  });
});

describe('column mapping', () => {
  it('guesses columns from Chinese and English headers', () => {
    const m = guessMapping(['指标', '期间', '数值', '数据来源', '网址', '发布日期', '可靠性', '备注']);
    expect(m).toMatchObject({
      series: 0,
      period: 1,
      value: 2,
      source_title: 3,
      source_url: 4,
      source_date: 5,
      reliability: 6,
      note: 7,
      value_kind: -1,
    });
    const e = guessMapping(['series', 'year', 'value', 'source']);
    expect(e).toMatchObject({ series: 0, period: 1, value: 2, source_title: 3 });
    expect(missingRequired(guessMapping(['foo', 'year', 'value']))).toEqual(['series']);
  });
});

describe('validating rows', () => {
  const csv = [
    '序列,期间,数值,来源,可靠性',
    '高新技术企业,2024,850,市科技局,官方',
    'gdp_nominal,2024年,"1,950.5",统计公报,official',
    '不存在的序列,2024,1,x,official',
    '高新技术企业,明年,abc,x,official',
    '单位地区生产总值能耗,2024,0.5,x,official',
    '高新技术企业,2024,860,x,官方',
    '高新技术企业,2023,800,,',
  ].join('\r\n');
  const records = (parse(csv) as string[][]).map((fields, i) => ({ line: i + 1, fields }));
  const mapping = guessMapping(records[0].fields);
  const defaults = { source_title: '', reliability: 'internal' as const, entered_by: '测试', vintage: '2026-02-01' };
  const r = validateRows(records.slice(1), mapping, plan, defaults);

  it('keeps the valid rows as actuals', () => {
    // a derived series (单位地区生产总值能耗) takes a published figure too (issue 15.3)
    expect(r.valid.map((v) => v.line)).toEqual([2, 3, 6]);
    expect(r.valid[0].actual).toMatchObject({
      series: 'high_tech_enterprises',
      period: '2024',
      value: 850,
      value_kind: 'actual',
      source: { title: '市科技局', reliability: 'official' },
      vintage: '2026-02-01',
      entered_by: '测试',
    });
    expect(r.valid[1].actual).toMatchObject({ series: 'gdp_nominal', value: 1950.5 });
    expect(r.valid[2].actual).toMatchObject({ series: 'energy_intensity', period: '2024', value: 0.5 });
  });
  it('rejects each bad row with all its reasons and its line', () => {
    const byLine = new Map(r.rejected.map((x) => [x.line, x.reasons.map((q) => q.code)]));
    expect(byLine.get(4)).toEqual(['unknown_series']);
    expect(byLine.get(5)).toEqual(['bad_period', 'bad_number']);
    expect(byLine.get(7)).toEqual(['duplicate']);
    expect(byLine.get(8)).toEqual(['missing']);
    expect(r.rejected.find((x) => x.line === 8)!.reasons[0]).toEqual({ code: 'missing', field: 'source_title', column: 'D' });
  });
  it('uses the default source title when the file has none', () => {
    const r2 = validateRows(records.slice(7), mapping, plan, { ...defaults, source_title: '内部台账.csv' });
    expect(r2.valid[0].actual.source).toMatchObject({ title: '内部台账.csv', reliability: 'internal' });
  });
});
