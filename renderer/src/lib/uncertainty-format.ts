/**
 * Probabilities as planners read them: "63%"; one decimal near the ends, where a point matters
 * ("4.3%", "96.5%"); "<0.1%" / ">99.9%" rather than a 0% or 100% the draws cannot prove.
 * Pure: unit-tested in Node.
 */
import { showNumber, isZh } from './format';

/** A probability (0..1) as "63%", "4.3%", "96.5%", "0%", "100%", "<0.1%", ">99.9%"; "—" for none. */
export function formatChance(p: number | null | undefined, lang: string): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  if (p <= 0) return '0%';
  if (p >= 1) return '100%';
  if (p < 0.0005) return '<0.1%';
  if (p > 0.9995) return '>99.9%';
  const digits = p < 0.1 || p > 0.9 ? 1 : 0;
  return `${showNumber(p * 100, lang, digits)}%`;
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
