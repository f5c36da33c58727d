/**
 * Marks of the nowcast: the workbench badge "2026年按1-9月累计推算" on the projection card, and the
 * scoreboard's small 推算 marker beside a status judged on a nowcast value.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { NowcastResult } from '../../../../models/nowcast';
import { formatPlain, withUnit } from '../../lib/format';
import { statusNowcast, ytdLabel } from '../../lib/nowcast';
import { useApp } from '../../state/app';
import { useQuery } from '../../state/query';
import './nowcast.css';

/** The workbench badge; its tooltip gives the method and the range. */
export function NowcastBadge({ result, unit }: { result: NowcastResult; unit: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const months = ytdLabel(result.as_of_month, lang);
  const tip = [
    t('nowcast.badgeTip'),
    t('nowcast.methodLine', { method: t(`nowcast.method.${result.method_used}`) }),
    t('nowcast.rangeLine', { range: `${formatPlain(result.low, lang, 2)}–${withUnit(formatPlain(result.high, lang, 2), unit, lang)}` }),
  ].join('\n');
  return (
    <span
      className="nowcast-badge"
      tabIndex={0}
      role="note"
      title={tip}
      aria-label={`${t('nowcast.badge', { year: result.year, months })}。${tip}`}
      data-testid="nowcast-badge"
      data-series={result.series}
    >
      <span className="nowcast-dot" aria-hidden="true" />
      {t('nowcast.badge', { year: result.year, months })}
    </span>
  );
}

/** The scoreboard's marker: the status is judged on a nowcast value. */
export function NowcastMark({ year, month }: { year: number; month: number | null }) {
  const { t, i18n } = useTranslation();
  const tip = month ? t('nowcast.markTip', { year, months: ytdLabel(month, i18n.language) }) : t('nowcast.markTipNoMonth', { year });
  return (
    <span className="nowcast-mark" title={tip} aria-label={tip} role="note" data-testid="nowcast-mark">
      {t('nowcast.mark')}
    </span>
  );
}

/**
 * Which scoreboard rows judge their status on a nowcast value: target id -> year and month. Reads
 * the scoreboard's own projection query (cached: no second request).
 */
export function useNowcastMarks(): Map<string, { year: number; month: number | null }> {
  const app = useApp();
  const projection = useQuery(app.version, 'projection:run', app.currentId ? { id: app.currentId } : null);
  return useMemo(() => {
    const out = new Map<string, { year: number; month: number | null }>();
    const r = projection.data;
    if (!r) return out;
    const byId = new Map(r.targets.map((e) => [e.id, e]));
    for (const target of app.plan.targets) {
      const n = statusNowcast(app.plan, r, target, byId.get(target.id));
      if (n) out.set(target.id, { year: n.year, month: n.month });
    }
    return out;
  }, [projection.data, app.plan]);
}
