/** The trajectory card of 指标工作台: the chart, the overlays, the export. */
import type { Dispatch, SetStateAction } from 'react';
import type { ScenarioMeta } from '../../../../contract';
import type { useTrajectoryFigure } from './useTrajectoryFigure';
import { useTranslation } from 'react-i18next';
import { type Target } from '../../../../models/schema';
import { Plot } from '../../components/Plot';
import { InlineError, Spinner } from '../../components/ui';
import { localizeError } from '../../lib/errors';
import { useApp } from '../../state/app';
import { ChartExport } from '../briefing/ChartExport';

/** The trajectory chart with the other scenarios to overlay and the chart export. */
export function TrajectoryCard({
  hidden,
  error,
  ready,
  figure,
  config,
  target,
  overlay,
  setOverlay,
  others,
}: {
  hidden: boolean;
  error: unknown;
  ready: boolean;
  figure: ReturnType<typeof useTrajectoryFigure>['figure'];
  config: ReturnType<typeof useTrajectoryFigure>['config'];
  target: Target;
  overlay: string[];
  setOverlay: Dispatch<SetStateAction<string[]>>;
  others: ScenarioMeta[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const zh = lang.startsWith('zh');
  const app = useApp();
  return (
    <div className="chart-card" hidden={hidden}>
      {error ? <InlineError>{localizeError(error, lang).message}</InlineError> : null}
      {!ready || !figure ? (
        <div className="chart-placeholder">
          <Spinner label={t('workbench.projecting')} />
        </div>
      ) : (
        <Plot
          figure={figure}
          config={config}
          className="trajectory"
          ariaLabel={t('workbench.chartLabel', { name: zh ? target.name_zh : target.name_en })}
          loadingText={t('workbench.loadingChart')}
          errorText={t('workbench.chartFailed')}
          testId="trajectory-chart"
        />
      )}
      <div className="overlay-picker" role="group" aria-label={t('workbench.overlay')}>
        <span className="muted">{t('workbench.overlay')}</span>
        {others.length === 0 && <span className="muted">{t('workbench.noOthers')}</span>}
        {others.map((s) => {
          const on = overlay.includes(s.id);
          return (
            <button
              key={s.id}
              type="button"
              className={`pill ${on ? 'on' : ''}`}
              aria-pressed={on}
              onClick={() => setOverlay((o) => (on ? o.filter((x) => x !== s.id) : [...o, s.id].slice(-4)))}
            >
              {app.nameOf(s)}
            </button>
          );
        })}
        <ChartExport
          container={() => document.querySelector('[data-testid="trajectory-chart"]')}
          fileName={`${zh ? target.name_zh : target.name_en}-${app.current ? app.nameOf(app.current) : ''}`}
        />
      </div>
    </div>
  );
}
