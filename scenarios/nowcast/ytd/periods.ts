/**
 * Periods of year-to-date figures: in a header, a cell, or the sheet's title row.
 * Part of the year-to-date import (scenarios/nowcast/ytd.ts is its entry).
 */
import { readPeriodWords, findPeriodInText, periodWordZh, periodWordEn, type PeriodWord } from '../../../models/ytd-period';
import { cellText } from './cells';
import { type SheetColumns } from './columns';

/** The period a header names ("1-10月累计" -> 1-10月), any kind; null when it names none. */
function headerPeriod(text: string): PeriodWord | null {
  return readPeriodWords(text, { singleMonth: 'single' });
}

/**
 * A period text -> {year?, month} of a year-to-date figure: "2026年1-9月", "2026年1—9月累计",
 * "2026年1至9月", "一至九月", "2026-09", "2026.9", "2026年9月", "9月末", "2026年前三季度" (9),
 * "2026年上半年" (6), "2026年一季度" (3), "2026年全年" (12), "1-9月" (no year). Null when it is
 * not a year-to-date period — 二季度, 三季度, 四季度 and 下半年 are single periods (see
 * models/ytd-period.ts, which reads them).
 */
export function parsePeriodText(raw: string): { year: number | null; month: number } | null {
  const w = readPeriodWords(raw);
  if (!w || (w.kind !== 'cumulative' && w.kind !== 'month_end')) return null;
  return { year: w.year, month: w.month };
}

export interface SheetPeriod {
  word: PeriodWord;
  /** read from the title row, the cumulative column's header, or given by the planner. */
  from: 'title' | 'header' | 'planner';
  zh: string;
  en: string;
}

/** The period of the whole sheet: the cumulative column's header, else a title row above the header. */
export function sheetPeriodOf(table: readonly (readonly unknown[])[], headerIdx: number, cols: SheetColumns): SheetPeriod | null {
  const header = (table[headerIdx] ?? []).map(cellText);
  const fromHeader = cols.cumulative >= 0 ? headerPeriod(header[cols.cumulative] ?? '') : null;
  let fromTitle: PeriodWord | null = null;
  for (let i = 0; i < headerIdx && !fromTitle; i++) {
    const text = (table[i] ?? [])
      .map(cellText)
      .filter((t) => t !== '')
      .join(' ');
    if (text) fromTitle = findPeriodInText(text);
  }
  const word: PeriodWord | null = fromHeader
    ? fromHeader.year === null && fromTitle?.year != null
      ? { ...fromHeader, year: fromTitle.year }
      : fromHeader
    : fromTitle;
  if (!word) return null;
  return { word, from: fromHeader ? 'header' : 'title', zh: periodWordZh(word), en: periodWordEn(word) };
}
