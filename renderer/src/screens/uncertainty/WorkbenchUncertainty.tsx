/**
 * Uncertainty in the workbench: the 达标概率 card beside the projection, and two views next to
 * the trajectory chart: 概率分布 (the fan chart of the simulation: 5–95 and 25–75 bands and the
 * median) and 敏感性 (the tornado of the target: each uncertain assumption moved across its range,
 * the others held at their centre), with the way to the assumptions × targets matrix.
 *
 * The simulation runs on the scenario with the planner's unsaved edits (in the worker); a change
 * of them cancels a run under way and, once the scenario's simulation has been asked for, runs it
 * again when the edits settle.
 */
import { lazy, Suspense, useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Assumption, Target } from '../../../../models/schema';
import type { ProjectionResult } from '../../../../models/types';
import { tornado } from '../../../../models/sensitivity';
import { fanChartFigure, tornadoFigure, type UncertaintyFigure } from '../../lib/uncertainty-figures';
import { fanActuals, fanHasWidth } from '../../lib/uncertainty-sim';
import { tidyTornado, withProbabilityLabel } from '../../lib/uncertainty-layout';
import { formatDraws, noRangeLabel, probabilityHover, probabilityText } from '../../lib/uncertainty-format';
import { formatJudged, isZh } from '../../lib/format';
import { localizeError } from '../../lib/errors';
import { SimulationError } from '../../lib/simulation-client';
import { EmptyState, InlineError, Spinner } from '../../components/ui';
import { Icon } from '../../components/Icon';
import { useSimulation, useSimulationInput, type SimulationState } from './useSimulation';
import { DrawsSelect, RunButton, RunNote, RunProgress, UncertaintyChart } from './parts';
import './uncertainty.css';

const DriversDialog = lazy(() => import('./DriversDialog').then((m) => ({ default: m.DriversDialog })));

export type WorkbenchView = 'trajectory' | 'fan' | 'sensitivity';

export interface WorkbenchUncertainty {
  sim: SimulationState;
  input: ReturnType<typeof useSimulationInput>['input'];
}

/** The simulation of the scenario as the workbench shows it (saved assumptions + unsaved edits). */
export function useWorkbenchUncertainty(scenarioId: string | null, edits: Record<string, Assumption>): WorkbenchUncertainty {
  const { input } = useSimulationInput(scenarioId, edits);
  const sim = useSimulation(scenarioId, input);
  return { sim, input };
}

/** A simulation error in the user's language. */
function simulationErrorText(err: unknown, lang: string): string {
  if (err instanceof SimulationError) return err.localized(lang);
  return localizeError(err, lang).message;
}

/** 达标概率 beside the projection card: the share of draws meeting the target. */
export function ProbabilityKpi({ unc, target }: { unc: WorkbenchUncertainty; target: Target }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { sim } = unc;
  const ts = sim.target(target.id);
  return (
    <div className="kpi kpi-prob" data-testid="wb-probability" data-value={ts && sim.hasRange(target.id) ? ts.p_meet : ''}>
      <span className="kpi-label" title={t('uncertainty.kpi.tip')}>
        {t('uncertainty.kpi.label')}
      </span>
      {!sim.hasRange(target.id) ? (
        <span className="kpi-value kpi-norange muted" title={t('uncertainty.kpi.noRangeTip')} data-testid="wb-probability-norange">
          {noRangeLabel(lang)}
        </span>
      ) : ts ? (
        <span
          className="kpi-value"
          title={`${probabilityHover(ts.p_meet, ts.p_meet_se, sim.forInputs?.draws_done ?? 0, lang)}\n${t('uncertainty.run.basis', { draws: formatDraws(sim.forInputs?.draws_done ?? 0, lang), seed: sim.forInputs?.seed ?? '' })}`}
        >
          {probabilityText(ts.p_meet)}
          {!sim.result && sim.runningHere ? <span className="kpi-sub muted"> {t('uncertainty.kpi.updating')}</span> : null}
        </span>
      ) : sim.runningHere ? (
        <span className="kpi-value kpi-running">
          <span className="spinner spinner-small" aria-hidden="true" />{' '}
          {Math.round(((sim.running?.done ?? 0) / Math.max(1, sim.running?.total ?? 1)) * 100)}%
        </span>
      ) : (
        <button
          type="button"
          className="btn btn-small btn-link kpi-run"
          onClick={sim.run}
          disabled={!sim.keys}
          data-testid="wb-probability-run"
        >
          {t('uncertainty.kpi.run')}
        </button>
      )}
    </div>
  );
}

/** The views of the chart card: trajectory, probability fan, sensitivity. */
export function ChartTabs({ value, onChange }: { value: WorkbenchView; onChange: (v: WorkbenchView) => void }) {
  const { t } = useTranslation();
  const views: WorkbenchView[] = ['trajectory', 'fan', 'sensitivity'];
  return (
    <div className="tabs unc-tabs" role="tablist" aria-label={t('uncertainty.views.label')}>
      {views.map((v) => (
        <button
          key={v}
          type="button"
          role="tab"
          aria-selected={value === v}
          className={`tab ${value === v ? 'active' : ''}`}
          onClick={() => onChange(v)}
          data-testid={`wb-view-${v}`}
        >
          {t(`uncertainty.views.${v}`)}
        </button>
      ))}
    </div>
  );
}

export function UncertaintyView({
  view,
  unc,
  target,
  projection,
}: {
  view: WorkbenchView;
  unc: WorkbenchUncertainty;
  target: Target;
  projection: ProjectionResult | null;
}) {
  if (view === 'fan') return <FanPanel unc={unc} target={target} projection={projection} />;
  if (view === 'sensitivity') return <SensitivityPanel unc={unc} target={target} />;
  return null;
}

function FanPanel({ unc, target, projection }: { unc: WorkbenchUncertainty; target: Target; projection: ProjectionResult | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const zh = isZh(lang);
  const { sim } = unc;
  const ts = sim.target(target.id);
  const ranged = sim.hasRange(target.id);
  const actualYears = projection?.series[target.series]?.actual_years;
  const figure = useMemo((): UncertaintyFigure | null => {
    if (!ts) return null;
    const f = fanChartFigure(
      { target, simulation: ts, actuals: fanActuals(ts.percentiles, actualYears ?? []), baseYear: projection?.base_year },
      { en: !zh },
    );
    // the one probability format, or 未设区间 for a target without an uncertain input
    return withProbabilityLabel(f, `${t('uncertainty.kpi.label')} ${ranged ? probabilityText(ts.p_meet) : noRangeLabel(lang)}`);
  }, [ts, target, actualYears, projection?.base_year, zh, lang, t, ranged]);
  const name = zh ? target.name_zh : target.name_en;
  return (
    <div className="chart-card unc-card" data-testid="fan-panel">
      <div className="unc-toolbar">
        <RunButton sim={sim} primary={!ts} testId="fan-run" />
        <DrawsSelect draws={sim.draws} disabled={sim.runningHere} />
        <RunNote sim={sim} />
      </div>
      <RunProgress sim={sim} />
      {sim.error !== undefined ? <InlineError>{simulationErrorText(sim.error, lang)}</InlineError> : null}
      {figure && ts ? (
        <>
          <UncertaintyChart
            figure={figure}
            fill
            testId="fan-chart"
            label={t('uncertainty.fan.label', { name })}
            fileName={`${target.name_zh}-概率分布`}
          />
          <p className="unc-caption">
            {ranged
              ? t('uncertainty.fan.caption', {
                  p: probabilityText(ts.p_meet),
                  year: target.target_year,
                  median: formatJudged(target, ts.percentiles[target.target_year]?.p50 ?? null, lang),
                })
              : t('uncertainty.fan.captionNoRange', {
                  p: noRangeLabel(lang),
                  year: target.target_year,
                  median: formatJudged(target, ts.percentiles[target.target_year]?.p50 ?? null, lang),
                })}
            {ranged && !fanHasWidth(ts.percentiles) ? ` ${t('uncertainty.fan.noWidth')}` : ''}
          </p>
        </>
      ) : !sim.running ? (
        <EmptyState icon="target" title={t('uncertainty.fan.emptyTitle')}>
          {t('uncertainty.fan.emptyBody')}
        </EmptyState>
      ) : (
        <div className="chart-placeholder">
          <Spinner label={t('uncertainty.run.waiting')} />
        </div>
      )}
    </div>
  );
}

/** The tallest a tornado gets: about the trajectory chart's height. */
function maxChartHeight(): number {
  const vh = typeof window === 'undefined' ? 800 : window.innerHeight;
  return Math.max(320, Math.min(640, vh - 370));
}

function SensitivityPanel({ unc, target }: { unc: WorkbenchUncertainty; target: Target }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const zh = isZh(lang);
  const [matrix, setMatrix] = useState(false);
  const input = useDeferredValue(unc.input);
  const computed = useMemo(() => {
    if (!input) return null;
    try {
      return { result: tornado(input, target.id), error: null };
    } catch (error) {
      return { result: null, error };
    }
  }, [input, target.id]);
  const moving = useMemo(
    () =>
      computed?.result
        ? {
            ...computed.result,
            bars: computed.result.bars.filter(
              (b) => b.swing === null || b.swing > 1e-12 * Math.max(1, Math.abs(computed.result!.base ?? 0)),
            ),
          }
        : null,
    [computed],
  );
  const figure = useMemo(() => {
    if (!moving || moving.bars.length === 0) return null;
    const tv = moving.target_value;
    return tidyTornado(tornadoFigure(moving, { en: !zh, maxBars: 12 }), {
      centre: t('uncertainty.tornado.centreShort', { value: formatJudged(target, moving.base, lang, true) }),
      target: Array.isArray(tv) ? undefined : t('uncertainty.tornado.targetShort', { value: formatJudged(target, tv, lang, true) }),
    });
  }, [moving, zh, t, target, lang]);
  const name = zh ? target.name_zh : target.name_en;
  const top = moving?.bars[0];
  return (
    <div className="chart-card unc-card" data-testid="sensitivity-panel">
      <div className="unc-toolbar">
        <span className="unc-toolbar-title">{t('uncertainty.tornado.title')}</span>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={() => setMatrix(true)} data-testid="open-matrix">
          <Icon name="scoreboard" size={14} />
          {t('uncertainty.matrix.open')}
        </button>
      </div>
      {!computed ? (
        <div className="chart-placeholder">
          <Spinner label={t('common.loading')} />
        </div>
      ) : computed.error ? (
        <InlineError>{localizeError(computed.error, lang).message}</InlineError>
      ) : computed.result && computed.result.bars.length === 0 ? (
        <EmptyState icon="info" title={t('uncertainty.empty.title')}>
          {t('uncertainty.empty.body')}
        </EmptyState>
      ) : !figure ? (
        <EmptyState icon="info" title={t('uncertainty.tornado.noneTitle')}>
          {t('uncertainty.tornado.noneBody', { n: computed.result?.bars.length ?? 0 })}
        </EmptyState>
      ) : (
        <>
          <UncertaintyChart
            figure={figure}
            height={Math.max(260, Math.min(maxChartHeight(), 150 + 34 * Math.min(12, moving!.bars.length)))}
            testId="tornado-chart"
            label={t('uncertainty.tornado.label', { name })}
            fileName={`${target.name_zh}-敏感性`}
          />
          {top && (
            <p className="unc-caption">
              {t('uncertainty.tornado.caption', {
                name: zh ? top.name_zh : top.name_en,
                low: formatJudged(target, top.value_low, lang),
                high: formatJudged(target, top.value_high, lang),
                n: moving!.bars.length,
              })}
            </p>
          )}
        </>
      )}
      {matrix && (
        <Suspense fallback={null}>
          <DriversDialog input={unc.input} onClose={() => setMatrix(false)} />
        </Suspense>
      )}
    </div>
  );
}
