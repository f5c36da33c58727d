/**
 * The words of one actual on the Data screen: its period (a stock's 2023-06 is the level at the
 * end of June, 2023年6月末, not a 1-6月 total), the grid's order (by the indicator's name as shown,
 * Chinese names in pinyin order, then the newest period first) and the delete confirmation, which
 * names the indicator, the period, the value and its unit.
 */
import type { TFunction } from 'i18next';
import { takesLevelFloors } from '../../../models/anchors';
import type { Series } from '../../../models/schema';
import { formatPlain, withUnit } from './format';

const MONTH_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A period as a flow's record reads it: 2025年, 2025年上半年, 2026年1-10月, 2021—2025年. */
export function periodLabel(period: string, lang: string): string {
  const zh = lang.startsWith('zh');
  let m = /^(\d{4})$/.exec(period);
  if (m) return zh ? `${m[1]}年` : m[1];
  m = /^(\d{4})H([12])$/.exec(period);
  if (m) return zh ? `${m[1]}年${m[2] === '1' ? '上' : '下'}半年` : `${m[1]} H${m[2]}`;
  m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return zh ? `${m[1]}年1-${Number(m[2])}月` : `${m[1]} Jan–${MONTH_EN[Number(m[2]) - 1] ?? m[2]}`;
  m = /^(\d{4})-(\d{4})$/.exec(period);
  if (m) return zh ? `${m[1]}—${m[2]}年` : `${m[1]}–${m[2]}`;
  return period;
}

/** A record's period for its series: a stock's month is its month-end level (2023年6月末). */
export function recordPeriodLabel(
  period: string,
  def: Pick<Series, 'nature' | 'unit' | 'derived'> | undefined,
  lang: string,
  t: TFunction,
): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m || !def || !takesLevelFloors(def)) return periodLabel(period, lang);
  const month = Number(m[2]);
  return t('data.monthEnd', { year: m[1], month: lang.startsWith('zh') ? String(month) : (MONTH_EN[month - 1] ?? String(month)) });
}

const nameCollator = new Intl.Collator(['zh-CN-u-co-pinyin', 'en'], { numeric: true });

/**
 * The grid's order: by the indicator's name as shown (Chinese in pinyin order, 地区… before 高新…
 * before 规上…), the series id where two names are alike, then the newest period first, and a
 * record not in force after the one in force. Stable; returns a new array.
 */
export function sortActualRows<R extends { actual: { series: string; period: string }; superseded: boolean }>(
  rows: readonly R[],
  nameOf: (series: string) => string,
): R[] {
  return [...rows].sort(
    (a, b) =>
      nameCollator.compare(nameOf(a.actual.series), nameOf(b.actual.series)) ||
      (a.actual.series < b.actual.series ? -1 : a.actual.series > b.actual.series ? 1 : 0) ||
      b.actual.period.localeCompare(a.actual.period) ||
      (a.superseded ? 1 : 0) - (b.superseded ? 1 : 0),
  );
}

/** The delete confirmation: 将删除“高新技术企业”2023年6月末的数值 438家。 */
export function deleteWarnText(
  actual: { series: string; period: string; value: number },
  def: Pick<Series, 'name_zh' | 'name_en' | 'nature' | 'unit' | 'derived'> | undefined,
  lang: string,
  t: TFunction,
): string {
  const name = def ? (lang.startsWith('zh') ? def.name_zh : def.name_en) : actual.series;
  return t('data.deleteWarn', {
    name,
    period: recordPeriodLabel(actual.period, def, lang, t),
    value: withUnit(formatPlain(actual.value, lang, 4), def?.unit ?? '', lang),
  });
}
