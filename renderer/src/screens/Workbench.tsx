/**
 * 指标工作台: the target list (left), the trajectory chart (centre), and the assumptions of the
 * series that drive the target (right). Moving a slider re-runs the projection engine in the
 * renderer (throttled to one run per animation frame) and redraws with Plotly.react while
 * dragging; the change is saved ~600 ms after the last movement.
 */
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Actual, Assumption, Status, Target } from '../../../models/schema';
import { evalSettingsOf } from '../../../models/schema';
import type { ProjectionResult } from '../../../models/types';
import { useApi } from '../state/api-context';
import { Icon } from '../components/Icon';
import { Plot } from '../components/Plot';
import { VerdictText } from '../components/VerdictText';
import { Assumed, EmptyState, InlineError, Spinner, StatusChip, Tag, useStatusWord } from '../components/ui';
import { usePinyin } from '../components/usePinyin';
import { drivingSeries, isOwn, parseFrom, sameAssumption, toAssumptionInput, type ModelContext } from '../lib/assumptions';
import { Autosave, flushOnLeave } from '../lib/autosave';
import { presetGuard } from '../lib/preset-guard';
import { PresetGuardDialog } from './workbench/PresetGuardDialog';
import { KoujingPanel } from './workbench/KoujingPanel';
import { localizeError } from '../lib/errors';
import { buildTrajectoryFigure, plotConfig, SCENARIO_COLORS, type FigureScenario } from '../lib/figure';
import { useFigureText } from '../components/figure-text';
import { formatGap, formatJudged, formatRate, formatTarget, gapYear } from '../lib/format';
import { groupForCard } from '../lib/correlation';
import { withGroupLoading } from '../../../models/correlation';
import { rankMatches, searchEntry } from '../lib/pickerFilter';
import { goalSeek, goalSeekValueText, runWhatIf, stripFrom, uncertaintyBand } from '../lib/whatif';
import { useUiAction } from '../state/actions';
import { useApp, useSetSaveState, useToast } from '../state/app';
import { useQuery } from '../state/query';
import { projectionActuals } from '../lib/actuals';
import { effortView } from '../lib/effort';
import { fixedYearNote, judgedOnText, remainderFor, remainderText, standingOf } from '../lib/ytd-progress';
import { AssumptionCard } from './workbench/AssumptionCard';
import { ChartExport } from './briefing/ChartExport';
import { PresentationHost, PresentButton, usePresentHotkey } from './present/launch';
import { NowcastBadge } from './nowcast/NowcastBadge';
import { MonthEndBadge } from './nowcast/MonthEndBadge';
import { nowcastForTarget, withNowcastMarker, ytdLabel } from '../lib/nowcast';
import {
  ChartTabs,
  ProbabilityKpi,
  UncertaintyView,
  useWorkbenchUncertainty,
  type WorkbenchView,
} from './uncertainty/WorkbenchUncertainty';

export function Workbench() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const setSaveState = useSetSaveState();
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

  // -- autosave per scenario ------------------------------------------------------------------------
  const autosave = useMemo(() => {
    if (!scenarioId) return null;
    return new Autosave<Assumption>({
      delay: 600,
      save: async (items) => {
        const now = new Date().toISOString();
        await client.call('scenarios:setAssumptions', {
          id: scenarioId,
          assumptions: items.map((a) => toAssumptionInput(a, app.settings.user_name, now)),
        });
        await app.invalidate();
      },
      onState: (s, err) => {
        setSaveState(s);
        if (s === 'error' && err) toast.error(err, t('save.failed'));
      },
    });
  }, [scenarioId, client]);
  useEffect(() => {
    if (!autosave) return;
    const unregister = app.registerFlush(() => autosave.flush());
    // nothing dragged is lost on reload, close or a page switched away from
    const unlisten = flushOnLeave(() => autosave.flush(), window, document);
    return () => {
      unregister();
      unlisten();
      autosave.flush().catch(() => undefined);
    };
  }, [autosave]);
  useEffect(() => {
    setEdits({});
    // leaving a preset: its next edit asks again (unless "don't ask again" this session)
    return () => {
      if (scenarioId) presetGuard.leave(scenarioId);
    };
  }, [scenarioId]);

  // -- ask first before a preset is changed (edits wait here while the dialog is open) ---------------
  const currentRef = useRef(app.current);
  currentRef.current = app.current;
  const askPending = useRef<Record<string, Assumption>>({});
  const [asking, setAsking] = useState(false);

  // drop edits once the saved scenario shows them
  useEffect(() => {
    const r = resolved.data;
    if (!r || !autosave) return;
    setEdits((prev) => {
      const pending = new Set(autosave.pendingKeys());
      let changed = false;
      const next: Record<string, Assumption> = {};
      for (const [k, v] of Object.entries(prev)) {
        if (!pending.has(k) && autosave.saveState !== 'saving' && r.assumptions[k] && sameAssumption(v, r.assumptions[k])) {
          changed = true;
          continue;
        }
        next[k] = v;
      }
      return changed ? next : prev;
    });
  }, [resolved.data, autosave]);

  // -- live projection -------------------------------------------------------------------------------
  const actuals = useMemo<Actual[]>(() => projectionActuals(actualsQ.data, nowcastQ.data?.actuals), [actualsQ.data, nowcastQ.data]);
  // every evaluation setting the API projects with (yardstick, 接近完成 tolerances, 口径 per target)
  const settings = useMemo(
    () => ({ ...evalSettingsOf(app.settings), base_year: app.settings.base_year ?? plan.base_year }),
    [app.settings, plan.base_year],
  );
  const ready = !!resolved.data && !!actualsQ.data && nowcastReady;
  const lastGood = useRef<ProjectionResult | null>(null);
  const live = useMemo((): { result: ProjectionResult | null; error: unknown } => {
    if (!resolved.data || !actualsQ.data || !nowcastReady) return { result: null, error: null };
    try {
      const result = runWhatIf({ plan, assumptions: resolved.data.assumptions, edits, actuals, settings });
      lastGood.current = result;
      return { result, error: null };
    } catch (error) {
      return { result: lastGood.current, error };
    }
  }, [plan, resolved.data, actualsQ.data, nowcastReady, edits, actuals, settings]);
  const result = live.result;
  const evaluation = result?.targets.find((e) => e.id === target?.id) ?? null;
  const drivers = useMemo(() => (target ? drivingSeries(plan, target) : []), [plan, target]);
  // the list re-renders only when a status changes, not on every slider step
  const statusKey = (result?.targets ?? []).map((e) => e.status).join(',');

  // -- rAF-throttled edits: the first edit of a frame applies at once (inside the input event,
  // so React renders it synchronously); more edits in the same frame wait for the next frame.
  const queued = useRef<Record<string, Assumption>>({});
  const frame = useRef(0);
  const edit = useCallback(
    (a: Assumption) => {
      if (readOnly || !autosave) return;
      if (presetGuard.needsAsking(currentRef.current)) {
        askPending.current = { ...askPending.current, [a.series]: a };
        setAsking(true);
        return;
      }
      autosave.push(a.series, a);
      if (!frame.current) {
        setEdits((prev) => ({ ...prev, [a.series]: a }));
        const tick = () => {
          const batch = queued.current;
          queued.current = {};
          if (Object.keys(batch).length === 0) {
            frame.current = 0;
            return;
          }
          setEdits((prev) => ({ ...prev, ...batch }));
          frame.current = requestAnimationFrame(tick);
        };
        frame.current = requestAnimationFrame(tick);
        return;
      }
      queued.current[a.series] = a;
    },
    [readOnly, autosave],
  );
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // -- other scenarios overlaid ------------------------------------------------------------------------------
  const overlays = useOverlayProjections(overlay);
  const others = app.scenarios.filter((s) => s.id !== scenarioId && !s.deleted_at);

  // -- figure ------------------------------------------------------------------------------------------------
  const text = useFigureText();
  // the band (up to 6 more projections) follows one render behind while a slider moves, so the
  // projection itself is redrawn first
  const bandEdits = useDeferredValue(edits);
  const baseYear = result?.base_year ?? null;
  const latestActualYear = target ? (result?.series[target.series]?.latest_actual_year ?? null) : null;
  const band = useMemo(() => {
    if (!baseYear || !target || !resolved.data) return null;
    const from = latestActualYear ?? baseYear;
    try {
      return uncertaintyBand(
        { plan, assumptions: resolved.data.assumptions, edits: bandEdits, actuals, settings },
        target,
        drivers.map((d) => d.id),
        from,
      );
    } catch {
      return null;
    }
  }, [baseYear, latestActualYear, target, resolved.data, plan, bandEdits, actuals, settings, drivers]);
  const wbNowcast = target ? nowcastForTarget(plan, target, nowcastQ.data?.results) : null;
  const nowcastMark = useMemo(() => {
    if (!wbNowcast || !target) return null;
    const s = plan.series.find((x) => x.id === wbNowcast.series);
    return {
      year: wbNowcast.year,
      low: wbNowcast.low,
      high: wbNowcast.high,
      estimate: wbNowcast.estimate,
      sameSeries: wbNowcast.series === target.series,
      unit: s?.unit ?? target.unit,
      seriesName: s ? (lang.startsWith('zh') ? s.name_zh : s.name_en) : wbNowcast.series,
    };
  }, [wbNowcast, target, plan.series, lang]);
  const nowcastText = useMemo(
    () => ({
      lang,
      title: wbNowcast ? t('nowcast.badge', { year: wbNowcast.year, months: ytdLabel(wbNowcast.as_of_month, lang) }) : '',
      method: wbNowcast ? t('nowcast.methodLine', { method: t(`nowcast.method.${wbNowcast.method_used}`) }) : '',
      range: t('nowcast.range'),
    }),
    [wbNowcast, lang, t],
  );
  usePresentHotkey(() => setPresenting(true), !!result && !!target);
  const figure = useMemo(() => {
    if (!result || !target) return null;
    const scenarios: FigureScenario[] = [
      { id: scenarioId ?? 'current', name: app.current ? app.nameOf(app.current) : '', result, primary: true, color: SCENARIO_COLORS[0] },
    ];
    overlay.forEach((id, i) => {
      const r = overlays[id];
      if (r) scenarios.push({ id, name: app.scenarioName(id), result: r, color: SCENARIO_COLORS[(i + 1) % SCENARIO_COLORS.length] });
    });
    return withNowcastMarker(
      buildTrajectoryFigure({ target, scenarios, text, band, series: app.plan.series.find((x) => x.id === target.series) }),
      nowcastMark,
      nowcastText,
    );
  }, [result, target, scenarioId, app, overlay, overlays, text, band, nowcastMark, nowcastText]);
  const config = useMemo(
    () => plotConfig(lang, target ? `${target.name_zh}-${app.current?.name ?? ''}` : 'chart'),
    [lang, target, app.current?.name],
  );

  // -- actions -------------------------------------------------------------------------------------------------
  const modelContext = (seriesId: string): ModelContext => {
    const sp = result?.series[seriesId];
    const latestYear = sp?.latest_actual_year ?? result?.base_year ?? plan.base_year;
    const latest = sp ? (sp.values[latestYear] ?? null) : null;
    const gdpReal = plan.series.find((s) => s.id === 'gdp_real')?.id ?? plan.series.find((s) => s.driver)?.id ?? null;
    return { latest, latestYear, horizon: result?.horizon ?? plan.period_end, defaultDriver: gdpReal };
  };

  const reset = async (series: string) => {
    if (!scenarioId || !autosave) return;
    autosave.discard(series);
    try {
      await autosave.flush();
      await client.call('scenarios:resetToParent', { id: scenarioId, series });
      setEdits((prev) => {
        const next = { ...prev };
        delete next[series];
        return next;
      });
      await app.invalidate();
      toast.push(t('workbench.resetDone'), 'success');
    } catch (err) {
      toast.error(err);
    }
  };

  const seek = (series: string) => {
    if (!resolved.data || !target) return;
    try {
      const r = goalSeek({ plan, assumptions: resolved.data.assumptions, edits, actuals, settings }, target, series);
      if (!r.ok) {
        toast.error(r.error);
        return;
      }
      edit(r.assumption);
      const unit = plan.series.find((x) => x.id === series)?.unit ?? '';
      const param = lang.startsWith('zh') ? r.parameter.label_zh : r.parameter.label_en;
      toast.push(
        t('workbench.goalSeekDone', {
          param,
          value: goalSeekValueText(r.parameter, r.value, unit, lang),
          before: goalSeekValueText(r.parameter, r.before, unit, lang),
        }),
        'success',
      );
    } catch (err) {
      toast.error(err);
    }
  };

  // a correlation group's loading in this scenario: written on every member with a range (one
  // save, one revision, one undo step); null: back to the plan's
  const setGroupLoading = (group: string, loading: number | null) => {
    if (!resolved.data) return;
    try {
      for (const a of withGroupLoading(plan, { ...resolved.data.assumptions, ...edits }, group, loading)) edit(stripFrom(a));
    } catch (err) {
      toast.error(err);
    }
  };

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

  const fromLabel = (from: string | undefined) => {
    const f = parseFrom(from);
    if (f.kind === 'plan') return t('workbench.planDefault', { preset: app.scenarioName(from) });
    return app.scenarioName(f.id);
  };
  const zh = lang.startsWith('zh');
  // the year's question once a 1-N月 figure of the target year is in (models/ytd-progress.ts)
  const judgedOn = judgedOnText(evaluation, target.unit, lang, t);
  const effort = effortView(evaluation, plan, lang, t);
  const yearSentence = (s: (typeof drivers)[number]) => {
    const T = target.target_year;
    const st = standingOf(s, T, actuals, result?.series[s.id]?.values[T - 1] ?? Number.NaN, evaluation);
    return st ? remainderText(remainderFor(st, target, s.id), s.unit, lang, t, s.id === target.series ? target : null) : null;
  };

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

        <div className="kpis">
          <div className="kpi">
            <span className="kpi-label">{t('workbench.projectedIn', { year: target.target_year })}</span>
            <span className="kpi-value" data-testid="wb-projected" data-value={evaluation?.projected ?? ''}>
              <Assumed on={!!evaluation?.assumed}>{formatJudged(target, evaluation?.projected ?? null, lang)}</Assumed>
            </span>
            {wbNowcast && <NowcastBadge result={wbNowcast} unit={nowcastMark?.unit ?? target.unit} />}
            {evaluation?.basis === 'month_end' && result?.series[target.series]?.month_end?.[target.target_year] && (
              <MonthEndBadge
                anchor={result.series[target.series].month_end![target.target_year]}
                year={target.target_year}
                unit={target.unit}
              />
            )}
          </div>
          <ProbabilityKpi unc={unc} target={target} />
          <div className="kpi">
            <span className="kpi-label">{t('workbench.gap')}</span>
            <span className={`kpi-value ${evaluation?.gap && evaluation.gap > 1e-9 ? 'short' : 'over'}`} data-testid="wb-gap">
              {formatGap(target, evaluation?.gap ?? null, lang, true, gapYear(evaluation))}
            </span>
          </div>
          <div className="kpi" data-testid="wb-effort" data-effort={effort?.effort.state ?? 'none'}>
            <span className="kpi-label" title={effort?.note ?? undefined}>
              {effort?.pairLabel ?? t('workbench.requiredVsAssumed')}
            </span>
            {judgedOn ? (
              <span className="kpi-sentence" data-testid="wb-judged-on">
                {judgedOn}
              </span>
            ) : (
              <>
                <span className="kpi-value" data-testid="wb-required">
                  <span className={effort?.effort.state === 'reached' ? 'growth-reached' : undefined} title={effort?.tip}>
                    {effort?.required ?? formatRate(null, lang)}
                  </span>
                  <span className="muted"> / </span>
                  <span
                    className={effort?.effort.behind ? 'growth-behind-asm' : undefined}
                    title={
                      effort?.effort.behind ? t(effort.effort.direction === -1 ? 'effort.behindFallTip' : 'effort.behindTip') : undefined
                    }
                  >
                    {effort?.assumed ?? formatRate(null, lang)}
                  </span>
                </span>
                {effort?.headroom && (
                  <span className="kpi-sentence muted" data-testid="wb-headroom">
                    {effort.headroom}
                  </span>
                )}
              </>
            )}
          </div>
        </div>

        <ChartTabs value={view} onChange={setView} />
        <div className="chart-card" hidden={view !== 'trajectory'}>
          {live.error ? <InlineError>{localizeError(live.error, lang).message}</InlineError> : null}
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
        {view !== 'trajectory' && <UncertaintyView view={view} unc={unc} target={target} projection={result} />}
        <figure className="source-text">
          <figcaption>{t('workbench.sourceText')}</figcaption>
          <blockquote lang="zh-CN">{target.source_text}</blockquote>
        </figure>
      </div>

      <aside className="wb-panel" aria-label={t('workbench.assumptions')} title={app.readOnlyTip}>
        <header className="panel-head">
          <h2>{t('workbench.assumptions')}</h2>
          {readOnly ? (
            <Tag tone="frozen" tip={app.readOnlyTip ?? t('scenarios.frozenTip')}>
              <Icon name="lock" size={12} /> {t('scenarios.readOnly')}
            </Tag>
          ) : null}
        </header>
        <p className="field-help">{t('workbench.driversHelp', { n: drivers.length })}</p>
        {!resolved.data ? (
          resolved.error ? (
            <InlineError>{localizeError(resolved.error, lang).message}</InlineError>
          ) : (
            <Spinner label={t('common.loading')} />
          )
        ) : drivers.length === 0 ? (
          <EmptyState title={t('workbench.noDrivers')} />
        ) : (
          drivers.map((s) => {
            const r = resolved.data!.assumptions[s.id];
            const group = groupForCard(plan, s.id, { ...resolved.data!.assumptions, ...edits }, lang);
            const e = edits[s.id];
            const own = isOwn(r?.from, scenarioId) || (!!e && !sameAssumption(e, r));
            return (
              <AssumptionCard
                key={`${scenarioId}-${s.id}`}
                plan={plan}
                series={s}
                resolved={r}
                edit={e}
                overridden={own}
                canReset={isOwn(r?.from, scenarioId)}
                fromLabel={fromLabel(r?.from)}
                readOnly={readOnly}
                evaluation={evaluation}
                yearSentence={yearSentence(s)}
                fixedNote={result ? fixedYearNote(result.series[s.id], target.target_year, result, lang, t) : null}
                judgedOn={judgedOn}
                modelContext={modelContext(s.id)}
                onChange={(a) => edit(stripFrom(a))}
                onReset={() => void reset(s.id)}
                onGoalSeek={() => seek(s.id)}
                group={group}
                onGroupLoading={group ? (l) => setGroupLoading(group.id, l) : undefined}
                lang={lang}
              />
            );
          })
        )}
      </aside>
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

const TargetList = memo(function TargetList({
  targets,
  statuses,
  selected,
  onSelect,
  inputRef,
  lang,
}: {
  targets: Target[];
  /** the statuses of the targets, in plan order, joined with commas. */
  statuses: string;
  selected: string;
  onSelect: (id: string) => void;
  inputRef: React.RefObject<HTMLInputElement | null>;
  lang: string;
}) {
  const { t } = useTranslation();
  const statusWordOf = useStatusWord();
  const [q, setQ] = useState('');
  const zh = lang.startsWith('zh');
  const status = useMemo(() => {
    const list = statuses ? statuses.split(',') : [];
    return new Map(targets.map((x, i) => [x.id, list[i] as Status | undefined]));
  }, [targets, statuses]);
  // names, id, responsible units, or the Chinese name's pinyin (lib/pickerFilter.ts), best matches first
  const reader = usePinyin(q !== '');
  const entries = useMemo(
    () => targets.map((x) => searchEntry([x.name_zh, x.name_en, x.id, x.responsible.join(' ')], reader, [x.name_zh])),
    [targets, reader],
  );
  const shown = rankMatches(targets, entries, q);
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    listRef.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <nav className="wb-list" aria-label={t('workbench.targetList')}>
      <label className="search search-small">
        <Icon name="search" size={14} />
        <input
          ref={inputRef}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('workbench.searchTargets')}
          aria-label={t('workbench.searchTargets')}
          data-testid="wb-search"
        />
      </label>
      {shown.length === 0 ? (
        <p className="muted empty-small">{t('scoreboard.noMatch')}</p>
      ) : (
        <ul ref={listRef}>
          {shown.map((x) => {
            const st = status.get(x.id) ?? 'no_data';
            return (
              <li key={x.id}>
                <button
                  type="button"
                  className={`wb-item ${x.id === selected ? 'active' : ''}`}
                  aria-current={x.id === selected}
                  onClick={() => onSelect(x.id)}
                  data-testid="wb-item"
                  data-target={x.id}
                >
                  <span className={`dot status-${st}`} title={statusWordOf(st)} aria-label={statusWordOf(st)} />
                  <span className="wb-item-name">
                    {x.headline && <span className="star">★</span>}
                    {zh ? x.name_zh : x.name_en}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
});

export { useFigureText };

/** Saved projections of other scenarios, for overlays. */
function useOverlayProjections(ids: string[]): Record<string, ProjectionResult> {
  const app = useApp();
  const client = useApi();
  const [out, setOut] = useState<Record<string, ProjectionResult>>({});
  const v = app.version.value;
  const key = ids.join(',');
  useEffect(() => {
    let alive = true;
    if (ids.length === 0) return;
    void Promise.all(
      ids.map((id) =>
        client.call('projection:run', { id }).then(
          (r) => [id, r] as const,
          () => null,
        ),
      ),
    ).then((pairs) => {
      if (!alive) return;
      const next: Record<string, ProjectionResult> = {};
      for (const p of pairs) if (p) next[p[0]] = p[1];
      setOut(next);
    });
    return () => {
      alive = false;
    };
  }, [key, v, client]);
  return out;
}
