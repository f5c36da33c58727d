/**
 * The mark of a figure resting on a published month-end level (models/anchors.ts): a stock's
 * projection of the year fell below the level already reached and takes it. The workbench badge
 * "按10月末存量" beside the projected value; its tooltip gives the level, what the scenario alone
 * projected and the level's source.
 */
import { useTranslation } from 'react-i18next';
import type { MonthEndAnchor } from '../../../../models/types';
import { formatPlain, withUnit } from '../../lib/format';
import './nowcast.css';

const MONTH_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The month as the texts name it: 10 (zh: 10月末) or Oct. */
function monthName(month: number, lang: string): string {
  return lang.startsWith('zh') ? String(month) : (MONTH_EN[month - 1] ?? String(month));
}

/** The words of an anchored figure, for a badge's tooltip or a table's. */
export function monthEndWords(
  anchor: MonthEndAnchor,
  year: number,
  unit: string,
  lang: string,
): { level: string; projected: string; month: string } {
  return {
    level: withUnit(formatPlain(anchor.value, lang, 2), unit, lang),
    projected: withUnit(formatPlain(anchor.projected, lang, 2), unit, lang),
    month: monthName(anchor.month, lang),
  };
}

export function MonthEndBadge({ anchor, year, unit }: { anchor: MonthEndAnchor; year: number; unit: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const w = monthEndWords(anchor, year, unit, lang);
  const label = t('nowcast.levelBadge', { month: w.month });
  const tip = [
    t('nowcast.levelTip', { year, month: w.month, level: w.level, projected: w.projected }),
    anchor.record?.source.title ? t('nowcast.levelSource', { source: anchor.record.source.title }) : '',
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <span
      className="nowcast-badge level-badge"
      tabIndex={0}
      role="note"
      title={tip}
      aria-label={`${label}。${tip}`}
      data-testid="month-end-badge"
      data-month={anchor.month}
      data-value={anchor.value}
    >
      <span className="nowcast-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
