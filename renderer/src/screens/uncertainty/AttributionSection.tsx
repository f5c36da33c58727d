/**
 * 变动归因 on the compare screen: for a target, the change from the reference scenario to another
 * split among the assumption changes that moved it (models/sensitivity attribution through the
 * `attribution:run` channel, the values the compare table shows), drawn as a waterfall: the
 * reference's value, one bar per change, the interaction bar when the model needs one, the other
 * scenario's value. The bars add up exactly to the total change (the model guarantees it); a step
 * below the display precision has no bar and is named in a note (影响不足0.01个百分点); the chart's
 * numbers are on the section's data- attributes for checks.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { waterfallFigure, waterfallOmitted } from '../../lib/uncertainty-figures';
import { tidyWaterfall } from '../../lib/uncertainty-layout';
import { formatDelta, formatJudged, isZh } from '../../lib/format';
import { localizeError } from '../../lib/errors';
import { movedTargets, sumLeftToRight } from '../../lib/uncertainty-sim';
import { EmptyState, InlineError, Spinner } from '../../components/ui';
import { SearchSelect } from '../../components/SearchSelect';
import { useApp } from '../../state/app';
import { useQuery } from '../../state/query';
import { UncertaintyChart } from './parts';
import './uncertainty.css';

export function AttributionSection({ refId, others }: { refId: string; others: string[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const zh = isZh(lang);
  const app = useApp();
  const [other, setOther] = useState(others[0]);
  useEffect(() => {
    if (!others.includes(other)) setOther(others[0]);
  }, [others, other]);
  const q = useQuery(app.version, 'attribution:run', other ? { a: { id: refId }, b: { id: other } } : null);
  const headline = useMemo(() => new Set(app.plan.targets.filter((x) => x.headline).map((x) => x.id)), [app.plan]);
  const moved = useMemo(() => (q.data ? movedTargets(q.data.targets, headline) : []), [q.data, headline]);
  const [targetId, setTargetId] = useState<string | null>(null);
  const chosen = moved.find((a) => a.id === targetId) ?? moved[0] ?? null;
  const target = chosen ? app.plan.targets.find((x) => x.id === chosen.id) : undefined;
  const figure = useMemo(
    () =>
      chosen ? tidyWaterfall(waterfallFigure(chosen, { en: !zh, labelA: app.scenarioName(refId), labelB: app.scenarioName(other) })) : null,
    [chosen, zh, app, refId, other],
  );
  const values = chosen ? chosen.bars.map((b) => b.value) : [];
  // steps below the display precision have no bar; the note names them (waterfallOmitted)
  const omitted = useMemo(() => (chosen ? waterfallOmitted(chosen, { en: !zh }) : null), [chosen, zh]);
  const interaction = chosen?.bars.some((b) => b.kind === 'interaction') ?? false;

  return (
    <section className="card unc-attribution" data-testid="attribution">
      <div className="card-head">
        <h3>{t('uncertainty.attribution.title')}</h3>
        <span className="muted">{t('uncertainty.attribution.lede')}</span>
      </div>
      <div className="unc-toolbar">
        {others.length > 1 && (
          <label className="unc-sub-inline">
            <span>{t('uncertainty.attribution.against')}</span>
            <select value={other} onChange={(e) => setOther(e.target.value)} data-testid="attribution-other">
              {others.map((id) => (
                <option key={id} value={id}>
                  {app.scenarioName(id)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="unc-sub-inline">
          <span>{t('uncertainty.attribution.target')}</span>
          <SearchSelect
            options={moved.map((a) => ({
              value: a.id,
              label: `${headline.has(a.id) ? '★ ' : ''}${zh ? a.name_zh : a.name_en}`,
              keywords: zh ? a.name_en : a.name_zh,
            }))}
            value={chosen?.id ?? ''}
            onChange={setTargetId}
            disabled={moved.length === 0}
            ariaLabel={t('uncertainty.attribution.target')}
            testId="attribution-target"
          />
        </label>
        {chosen && <span className="muted">{t(`uncertainty.attribution.method.${chosen.method}`)}</span>}
      </div>
      {q.error ? (
        <InlineError>{localizeError(q.error, lang).message}</InlineError>
      ) : !q.data ? (
        <div className="chart-placeholder">
          <Spinner label={t('uncertainty.attribution.loading')} />
        </div>
      ) : !chosen || !figure || !target ? (
        <EmptyState icon="check" title={t('uncertainty.attribution.none')} />
      ) : (
        <div
          className="unc-waterfall"
          data-testid="waterfall"
          data-target={chosen.id}
          data-from={chosen.from ?? ''}
          data-to={chosen.to ?? ''}
          data-total={chosen.total ?? ''}
          data-bars={JSON.stringify(values)}
          data-sum={sumLeftToRight(values)}
          data-omitted={JSON.stringify(omitted?.indices ?? [])}
        >
          <UncertaintyChart
            figure={figure}
            height={420}
            testId="waterfall-chart"
            label={t('uncertainty.attribution.label', { name: zh ? chosen.name_zh : chosen.name_en })}
            fileName={`${chosen.name_zh}-变动归因`}
          />
          <p className="unc-caption" data-testid="waterfall-caption">
            {t('uncertainty.attribution.caption', {
              a: app.scenarioName(refId),
              b: app.scenarioName(other),
              from: formatJudged(target, chosen.from, lang),
              to: formatJudged(target, chosen.to, lang),
              total: formatDelta(target, chosen.total ?? 0, lang),
              n: chosen.bars.filter((b) => b.kind !== 'interaction').length,
            })}
            {interaction ? ` ${t('uncertainty.attribution.interaction')}` : ''}
          </p>
          {omitted?.note ? (
            <p className="unc-caption muted" data-testid="waterfall-omitted">
              {omitted.note}
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}
