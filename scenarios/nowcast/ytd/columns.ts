/**
 * The header of a sheet: which column holds which field (guessed from Chinese or English headers).
 * Part of the year-to-date import (scenarios/nowcast/ytd.ts is its entry).
 */
import { type YtdColumnMapping, type YtdSheetField, YTD_SHEET_FIELDS } from '../../../contract/types';
import { readPeriodWords } from '../../../models/ytd-period';
import { cellText } from './cells';
import { normName } from './names';

export type SheetField = YtdSheetField;

const HEADER_ALIASES: Record<SheetField, string[]> = {
  series: ['指标代码', '指标', '指标名称', '序列', '统计指标', '项目', 'series', 'seriesid', 'indicator'],
  unit: ['计量单位', '单位', 'unit'],
  year: ['年份', '年度', '年', 'year'],
  month: ['月份', '月', '截至月份', 'month'],
  period: ['期间', '时期', '统计期', '时间', '期别', 'period'],
  cumulative: ['累计值', '本年累计', '累计', '累计数', '1-n月累计', '绝对值', '数值', 'cumulative', 'ytd', 'value'],
  growth: [
    '累计增速%',
    '累计增速',
    '累计增长%',
    '累计增长',
    '同比增长%',
    '同比增长',
    '同比增速%',
    '同比增速',
    '同比±%',
    '同比±',
    '比上年同期增长%',
    '比上年同期增长',
    '比上年增长%',
    '增速%',
    '增速',
    '增长%',
    '增长',
    'growth%',
    'growth',
    'ytdgrowth',
  ],
  source_title: ['来源', '数据来源', '出处', 'source', 'sourcetitle'],
  release_date: ['发布日期', '发布时间', '日期', 'releasedate', 'release', 'date'],
};

/** field -> column index (0-based), -1 for none: the same model as the actuals import's mapping. */
export type SheetColumns = YtdColumnMapping;

export const SHEET_FIELDS: readonly SheetField[] = YTD_SHEET_FIELDS;

/**
 * Guesses which column holds which field from header texts (Chinese or English). A header that
 * is a period ("1-10月累计", "10月末") is the cumulative column; a single month beside it ("10月")
 * is not.
 */
export function guessYtdColumns(headers: readonly string[]): SheetColumns {
  const out = Object.fromEntries(SHEET_FIELDS.map((f) => [f, -1])) as SheetColumns;
  const normalized = headers.map((h) => normName(h ?? '').replace(/％/g, '%'));
  const used = new Set<number>();
  // exact matches first (in alias order), then headers that start with an alias
  for (const pass of ['exact', 'prefix'] as const) {
    for (const f of SHEET_FIELDS) {
      if (out[f] !== -1) continue;
      for (const alias of HEADER_ALIASES[f]) {
        const a = normName(alias);
        const idx = normalized.findIndex((h, i) => !used.has(i) && h !== '' && (pass === 'exact' ? h === a : h.startsWith(a)));
        if (idx >= 0) {
          out[f] = idx;
          used.add(idx);
          break;
        }
      }
    }
  }
  if (out.cumulative === -1) {
    const idx = headers.findIndex((h, i) => {
      if (used.has(i)) return false;
      const w = readPeriodWords(String(h ?? ''), { singleMonth: 'single' });
      return w !== null && (w.kind === 'cumulative' || w.kind === 'month_end');
    });
    if (idx >= 0) out.cumulative = idx;
  }
  return out;
}

export function headerUsable(c: SheetColumns, sheetPeriod: boolean): boolean {
  return c.series >= 0 && (c.period >= 0 || c.year >= 0 || c.month >= 0 || sheetPeriod) && (c.cumulative >= 0 || c.growth >= 0);
}

export const HEADER_SCAN = 20;

/** The first row with at least two filled cells (the header of a sheet whose headers were not recognised). */
export function findHeaderIndex(table: readonly (readonly unknown[])[]): number {
  for (let i = 0; i < Math.min(table.length, HEADER_SCAN); i++)
    if ((table[i] ?? []).filter((v) => cellText(v) !== '').length >= 2) return i;
  return table.findIndex((r) => (r ?? []).some((v) => cellText(v) !== ''));
}
