/**
 * Counts in words and draw counts for the uncertainty views. Probabilities have one format, written
 * once in models/probability.ts (formatProbability: <1%, >99%, else a whole percent; the standard
 * error on hover, probabilityDetail; 未设区间 for a target without an uncertain input).
 * Pure: unit-tested in Node.
 */
import { showNumber, isZh } from './format';
import { formatProbability, noRangeText, probabilityDetail } from '../../../models/probability';

/** A probability (0..1) in the one format; "—" for none. */
export function probabilityText(p: number | null | undefined): string {
  return p === null || p === undefined || !Number.isFinite(p) ? '—' : formatProbability(p);
}

/** 未设区间 / no range set, in the page's language. */
export function noRangeLabel(lang: string): string {
  return noRangeText(isZh(lang) ? 'zh-CN' : 'en');
}

/** The hover text of a probability: its share to one decimal and the standard error. */
export function probabilityHover(p: number, se: number, draws: number, lang: string): string {
  return probabilityDetail(p, se, draws, isZh(lang) ? 'zh-CN' : 'en');
}

const ZH_NUMERALS = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A count in words for "三项总体目标": Chinese numerals up to ten (两 for 2), digits above; digits in English. */
export function countWord(n: number, lang: string): string {
  if (!isZh(lang)) return String(n);
  return n >= 0 && n <= 10 && Number.isInteger(n) ? ZH_NUMERALS[n] : String(n);
}

/** A draw count with thousands separators: 10,000. */
export function formatDraws(n: number, lang: string): string {
  return showNumber(n, lang, 0);
}
