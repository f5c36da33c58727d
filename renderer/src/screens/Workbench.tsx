/**
 * 指标工作台: the target list (left), the trajectory chart (centre), and the assumptions of the
 * series that drive the target (right). Moving a slider re-runs the projection engine in the
 * renderer (throttled to one run per animation frame) and redraws with Plotly.react while
 * dragging; the change is saved ~600 ms after the last movement.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Assumption } from '../../../models/schema';
import { VerdictText } from '../components/VerdictText';
import { EmptyState, StatusChip } from '../components/ui';
import { drivingSeries } from '../lib/assumptions';
import { presetGuard } from '../lib/preset-guard';
import { PresetGuardDialog } from './workbench/PresetGuardDialog';
import { KoujingPanel } from './workbench/KoujingPanel';
import { useFigureText } from '../components/figure-text';
import { formatTarget } from '../lib/format';
import { useUiAction } from '../state/actions';
import { useApp } from '../state/app';
import { useQuery } from '../state/query';
import { judgedOnText } from '../lib/ytd-progress';
import { PresentationHost, PresentButton, usePresentHotkey } from './present/launch';
import { ChartTabs, UncertaintyView, useWorkbenchUncertainty, type WorkbenchView } from './uncertainty/WorkbenchUncertainty';
import { AssumptionsPanel } from './workbench/AssumptionsPanel';
import { TargetList } from './workbench/TargetList';
import { TrajectoryCard } from './workbench/TrajectoryCard';
import { useAssumptionActions } from './workbench/useAssumptionActions';
import { useAssumptionEdits } from './workbench/useAssumptionEdits';
import { useLiveProjection } from './workbench/useLiveProjection';
import { useOverlayProjections } from './workbench/useOverlayProjections';
import { useTrajectoryFigure } from './workbench/useTrajectoryFigure';
import { WorkbenchKpis } from './workbench/WorkbenchKpis';

export function Workbench() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const app = useApp();
  const plan = app.plan;
  const scenarioId = app.currentId;
  const readOnly = !!app.current?.frozen || app.readOnly;
  const [targetId, setTargetId] = useState<string>(app.workbenchTarget ?? plan.targets[0]?.id ?? '');
  useEffect(() => {
    if (app.workbenchTarget) setTargetId(app.workbenchTarget);
  }, [app.workbenchTarget]);
  const target = plan.targets.find((x) => x.id === targetId) ?? plan.targets[0];

  const resolved = useQuery(app.version, 'scenarios:resolve', scenarioId ? { id: scenarioId } : null);
  const actualsQ = useQuery(app.version, 'actuals:list', {});
  // the year under way nowcast from year-to-date figures, as the scoreboard's projection has it
  const nowcastQ = useQuery(app.version, 'nowcast:list', {});
  const nowcastReady = !!nowcastQ.data || !!nowcastQ.error;
  const [presenting, setPresenting] = useState(false);
  const [edits, setEdits] = useState<Record<string, Assumption>>({});
  const [overlay, setOverlay] = useState<string[]>([]);
  const [view, setView] = useState<WorkbenchView>('trajectory');
  const unc = useWorkbenchUncertainty(scenarioId, edits);
  const { autosave, edit, asking, setAsking, askPending } = useAssumptionEdits(scenarioId, readOnly, resolved, setEdits);

  // -- live projection -------------------------------------------------------------------------------
  const { actuals, settings, ready, live } = useLiveProjection(plan, resolved, actualsQ, nowcastQ, nowcastReady, edits);
  const result = live.result;
  const evaluation = result?.targets.find((e) => e.id === target?.id) ?? null;
  const drivers = useMemo(() => (target ? drivingSeries(plan, target) : []), [plan, target]);
  // the list re-renders only when a status changes, not on every slider step
  const statusKey = (result?.targets ?? []).map((e) => e.status).join(',');

  // -- other scenarios overlaid ------------------------------------------------------------------------------
  const overlays = useOverlayProjections(overlay);
  const others = app.scenarios.filter((s) => s.id !== scenarioId && !s.deleted_at);

  // -- figure ------------------------------------------------------------------------------------------------
  usePresentHotkey(() => setPresenting(true), !!result && !!target);
  const { figure, config, wbNowcast, nowcastMark } = useTrajectoryFigure({
    plan,
    target,
    scenarioId,
    result,
    resolved,
    edits,
    actuals,
    settings,
    drivers,
    overlay,
    overlays,
    nowcastResults: nowcastQ.data?.results,
  });

  // -- actions -------------------------------------------------------------------------------------------------
  const actions = useAssumptionActions({ plan, target, scenarioId, result, resolved, edits, setEdits, actuals, settings, autosave, edit });

  const listRef = useRef<HTMLInputElement>(null);
  useUiAction((a) => {
    if (a === 'focus.search') {
      listRef.current?.focus();
      listRef.current?.select();
      return true;
    }
  });

  if (!scenarioId) {
    return (
      <section className="screen">
        <EmptyState
          icon="scenarios"
          title={t('scoreboard.noScenario')}
          action={
            <button className="btn btn-primary" onClick={() => app.setScreen('scenarios')}>
              {t('scoreboard.goScenarios')}
            </button>
          }
        />
      </section>
    );
  }
  if (!target) return <EmptyState title={t('workbench.noTargets')} />;
  const zh = lang.startsWith('zh');
  // the year's question once a 1-N月 figure of the target year is in (models/ytd-progress.ts)
  const judgedOn = judgedOnText(evaluation, target.unit, lang, t);

  return (
    <section className="screen screen-workbench" aria-label={t('nav.workbench')}>
      <TargetList targets={plan.targets} statuses={statusKey} selected={target.id} onSelect={setTargetId} inputRef={listRef} lang={lang} />

      <div className="wb-centre">
        <header className="wb-head">
          <div className="wb-title">
            <h1 data-testid="wb-target-name">
              {target.headline && (
                <span className="star" aria-label={t('scoreboard.headline')}>
                  ★
                </span>
              )}
              {zh ? target.name_zh : target.name_en}
            </h1>
            <div className="wb-target-line">
              <span className="wb-target">
                {t('workbench.targetLabel', { year: target.target_year })}
                <strong>{formatTarget(target, lang)}</strong>
              </span>
              <span className="muted">{t(`kind.${target.kind}`)}</span>
              {target.responsible.length > 0 && (
                <span className="muted wb-units" title={target.responsible.join('、')}>
                  {target.responsible.join('、')}
                </span>
              )}
            </div>
          </div>
          {evaluation && <StatusChip status={evaluation.status} />}
          <PresentButton onClick={() => setPresenting(true)} disabled={!result} />
        </header>
        <div className="wb-verdict" data-testid="wb-verdict">
          <VerdictText target={target} evaluation={evaluation ?? null} lang={lang} />
        </div>
        <KoujingPanel target={target} />

        <WorkbenchKpis
          target={target}
          evaluation={evaluation}
          result={result}
          wbNowcast={wbNowcast}
          nowcastUnit={nowcastMark?.unit}
          unc={unc}
          judgedOn={judgedOn}
          plan={plan}
        />

        <ChartTabs value={view} onChange={setView} />
        <TrajectoryCard
          hidden={view !== 'trajectory'}
          error={live.error}
          ready={ready}
          figure={figure}
          config={config}
          target={target}
          overlay={overlay}
          setOverlay={setOverlay}
          others={others}
        />
        {view !== 'trajectory' && <UncertaintyView view={view} unc={unc} target={target} projection={result} />}
        <figure className="source-text">
          <figcaption>{t('workbench.sourceText')}</figcaption>
          <blockquote lang="zh-CN">{target.source_text}</blockquote>
        </figure>
      </div>
      <AssumptionsPanel
        plan={plan}
        target={target}
        scenarioId={scenarioId}
        readOnly={readOnly}
        resolved={resolved}
        drivers={drivers}
        edits={edits}
        evaluation={evaluation}
        result={result}
        actuals={actuals}
        judgedOn={judgedOn}
        actions={actions}
        edit={edit}
      />
      {asking && app.current && (
        <PresetGuardDialog
          preset={app.current}
          presetName={app.nameOf(app.current)}
          edits={Object.values(askPending.current)}
          onCancel={() => {
            askPending.current = {};
            setAsking(false);
          }}
          onEditPreset={(forSession) => {
            const pending = Object.values(askPending.current);
            askPending.current = {};
            setAsking(false);
            presetGuard.allow(app.current!.id, forSession);
            for (const a of pending) edit(a);
          }}
          onSavedAsChild={() => {
            askPending.current = {};
            setAsking(false);
          }}
        />
      )}
      {presenting && (
        <PresentationHost
          targets={plan.targets}
          start={Math.max(
            0,
            plan.targets.findIndex((x) => x.id === target.id),
          )}
          result={result}
          scenarioName={app.current ? app.nameOf(app.current) : ''}
          onClose={() => setPresenting(false)}
        />
      )}
    </section>
  );
}

export { useFigureText };
