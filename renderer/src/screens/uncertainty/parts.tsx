/**
 * Small shared pieces of the uncertainty views: a chart of an uncertainty figure (Plot with a
 * fixed height and its figure data exposed for checks), the Run / progress / Cancel strip, and
 * the draws chooser.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { UncertaintyFigure } from '../../lib/uncertainty-figures';
import { plotConfig } from '../../lib/figure';
import { Plot } from '../../components/Plot';
import { Icon } from '../../components/Icon';
import { DRAW_CHOICES } from '../../lib/uncertainty-sim';
import { formatDraws } from '../../lib/uncertainty-format';
import { simulationStore, type SimulationState } from './useSimulation';
import './uncertainty.css';

/** A chart of an uncertainty figure: `height` in pixels, or `fill` for the workbench's chart height. */
export function UncertaintyChart({
  figure,
  height,
  fill,
  testId,
  label,
  fileName,
}: {
  figure: UncertaintyFigure;
  height?: number;
  fill?: boolean;
  testId: string;
  label: string;
  fileName: string;
}) {
  const { t, i18n } = useTranslation();
  const config = useMemo(() => plotConfig(i18n.language, fileName), [i18n.language, fileName]);
  return (
    <div className={`unc-chart ${fill ? 'unc-fill' : ''}`} style={fill ? undefined : { height }}>
      <Plot
        figure={figure}
        config={config}
        className="unc-plot"
        ariaLabel={label}
        loadingText={t('workbench.loadingChart')}
        errorText={t('workbench.chartFailed')}
        testId={testId}
      />
    </div>
  );
}

/** The progress of a run with its Cancel button (the bar leaves when the run ends or is cancelled). */
export function RunProgress({ sim }: { sim: SimulationState }) {
  const { t, i18n } = useTranslation();
  const r = sim.running;
  if (!r) return null;
  const pct = Math.max(0, Math.min(100, Math.round((r.done / Math.max(1, r.total)) * 100)));
  const stale = !sim.runningHere;
  return (
    <div className="unc-progress" data-testid="sim-progress" data-done={r.done} data-total={r.total} data-key={r.key}>
      <div className="unc-progress-text">
        <span className="spinner spinner-small" aria-hidden="true" />
        <span>{stale ? t('uncertainty.run.stale') : t('uncertainty.run.running', { draws: formatDraws(r.total, i18n.language) })}</span>
        <span className="unc-progress-pct">{pct}%</span>
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={t('uncertainty.run.progress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <button type="button" className="btn btn-small" onClick={sim.cancel} data-testid="sim-cancel">
        <Icon name="close" size={14} />
        {t('uncertainty.run.cancel')}
      </button>
    </div>
  );
}

/** The number of draws of the session's runs. */
export function DrawsSelect({ draws, disabled }: { draws: number; disabled?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <label className="unc-draws">
      <span>{t('uncertainty.run.draws')}</span>
      <select
        value={draws}
        onChange={(e) => simulationStore.setDraws(Number(e.target.value))}
        disabled={disabled}
        data-testid="sim-draws"
        aria-label={t('uncertainty.run.draws')}
      >
        {DRAW_CHOICES.map((n) => (
          <option key={n} value={n}>
            {formatDraws(n, i18n.language)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The Run button (the label says re-run when a result for other inputs is shown). */
export function RunButton({ sim, primary = true, testId = 'sim-run' }: { sim: SimulationState; primary?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const disabled = !sim.keys || sim.runningHere;
  return (
    <button
      type="button"
      className={`btn ${primary ? 'btn-primary' : ''}`}
      onClick={sim.run}
      disabled={disabled}
      data-testid={testId}
      title={t('uncertainty.run.tip')}
    >
      <Icon name="target" size={16} />
      {sim.result ? t('uncertainty.run.again') : t('uncertainty.run.start')}
    </button>
  );
}

/** What a result rests on: draws and seed. */
export function RunNote({ sim }: { sim: SimulationState }) {
  const { t, i18n } = useTranslation();
  const r = sim.forInputs;
  if (!r) return null;
  return (
    <span className="unc-note" data-testid="sim-note">
      {t('uncertainty.run.basis', { draws: formatDraws(r.draws_done, i18n.language), seed: r.seed })}
    </span>
  );
}
