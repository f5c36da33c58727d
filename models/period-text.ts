/**
 * A stored period as planners write it, one rule for exports, screens and messages: 2025 → 2025年;
 * a year-to-date period 2026-10 → 2026年1-10月 / January–October 2026; a stock's month (def given,
 * models/anchors.ts takesLevelFloors) → its month-end level, 2023年6月末 / end of June 2023.
 * Anything else is printed as stored.
 */
import { takesLevelFloors } from './anchors';
import { parseYtdPeriod } from './records';
import type { Series } from './schema';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function periodText(period: string, lang: 'zh-CN' | 'en', def?: Pick<Series, 'nature' | 'unit' | 'derived'>): string {
  const ym = parseYtdPeriod(period);
  if (ym && def && takesLevelFloors(def))
    return lang === 'zh-CN' ? `${ym.year}年${ym.month}月末` : `end of ${MONTHS[ym.month - 1]} ${ym.year}`;
  if (lang === 'zh-CN') {
    if (/^\d{4}$/.test(period)) return `${period}年`;
    return ym ? `${ym.year}年1-${ym.month}月` : period;
  }
  if (ym) return ym.month === 1 ? `January ${ym.year}` : `January–${MONTHS[ym.month - 1]} ${ym.year}`;
  return period;
}
