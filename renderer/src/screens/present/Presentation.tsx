/**
 * 演示模式 / Presentation: full screen (requestFullscreen, else a full-window overlay), large type,
 * one target per slide — the chart, the projected value against the target, the gap, the status
 * and the drafted sentence. ←/→, PageUp/PageDown, Space step through the slides, Home/End jump,
 * Esc leaves. The slides are the targets given (the scoreboard's current filter and order).
 */
import { VerdictText } from '../../components/VerdictText';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Target } from '../../../../models/schema';
import type { ProjectionResult } from '../../../../models/types';
import { Icon } from '../../components/Icon';
import { Plot } from '../../components/Plot';
import { Assumed, StatusChip } from '../../components/ui';
import { buildTrajectoryFigure, plotConfig, SCENARIO_COLORS } from '../../lib/figure';
import { useFigureText } from '../../components/figure-text';
import { formatGap, formatJudged, formatTarget, gapYear } from '../../lib/format';
import { effortView } from '../../lib/effort';
import { nowcastForTarget, statusNowcast, withNowcastMarker, ytdLabel } from '../../lib/nowcast';
import { draftSentence, presentationFigure, slideCounter, slideKeyAction, stepSlide } from '../../lib/present';
import { useApp } from '../../state/app';
import { useQuery } from '../../state/query';
import './present.css';

export interface PresentationProps {
  targets: Target[];
  /** index of the first slide. */
  start?: number;
  result: ProjectionResult | null;
  scenarioName: string;
  onClose: () => void;
}

export default function Presentation({ targets, start = 0, result, scenarioName, onClose }: PresentationProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const zh = lang.startsWith('zh');
  const app = useApp();
  const ref = useRef<HTMLDivElement>(null);
  const [index, setIndex] = useState(() => Math.min(Math.max(0, start), Math.max(0, targets.length - 1)));
  const [fullscreen, setFullscreen] = useState(false);
  const total = targets.length;
  const target = targets[index] ?? null;
  const evaluation = target ? (result?.targets.find((e) => e.id === target.id) ?? null) : null;
  // the required effort (models/kinds/effort.ts): 已达到 with the headroom, 分子 for a share
  const effort = effortView(evaluation, app.plan, lang, t);
  const nowcasts = useQuery(app.version, 'nowcast:list', {});
  // the chart's type follows the screen: larger on a wide projector
  const [wide, setWide] = useState(() => window.innerWidth >= 1700);
  useEffect(() => {
    const onResize = () => setWide(window.innerWidth >= 1700);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  const close = useCallback(() => closeRef.current(), []);

  // full screen where the browser allows it; the overlay fills the window either way
  useEffect(() => {
    const el = ref.current;
    let entered = false;
    const onChange = () => {
      if (document.fullscreenElement === el) {
        entered = true;
        setFullscreen(true);
      } else if (entered) {
        // the browser left full screen (Esc): leave the presentation too
        entered = false;
        setFullscreen(false);
        close();
      }
    };
    document.addEventListener('fullscreenchange', onChange);
    if (el && typeof el.requestFullscreen === 'function' && !document.fullscreenElement) {
      el.requestFullscreen().catch(() => setFullscreen(false));
    }
    el?.focus();
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      if (document.fullscreenElement && document.fullscreenElement === el) void document.exitFullscreen().catch(() => undefined);
    };
  }, [close]);

  // keys: capture phase, so the app's own shortcuts do not see them while presenting
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) {
        // the app's shortcuts do not act behind the slides; the browser's own (zoom) still work
        e.stopImmediatePropagation();
        if (/^[1-6,efnoyz]$/i.test(e.key)) e.preventDefault();
        return;
      }
      if (e.key === 'F5') {
        e.preventDefault();
        e.stopImmediatePropagation();
        return;
      }
      const action = slideKeyAction(e.key, e.shiftKey);
      if (!action) return;
      // a focused button handles Enter / Space itself
      if ((e.key === 'Enter' || e.key === ' ') && document.activeElement instanceof HTMLButtonElement) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      if (action === 'exit') close();
      else setIndex((i) => stepSlide(i, total, action));
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [close, total]);

  const text = useFigureText();
  const nowcast = target ? nowcastForTarget(app.plan, target, nowcasts.data?.results) : null;
  const figure = useMemo(() => {
    if (!result || !target) return null;
    const base = buildTrajectoryFigure({
      target,
      scenarios: [{ id: 'present', name: scenarioName, result, primary: true, color: SCENARIO_COLORS[0] }],
      text,
      series: app.plan.series.find((x) => x.id === target.series),
    });
    const mark =
      nowcast && result.series[target.series]?.provenance?.[nowcast.year]
        ? {
            year: nowcast.year,
            low: nowcast.low,
            high: nowcast.high,
            estimate: nowcast.estimate,
            sameSeries: nowcast.series === target.series,
            unit: app.plan.series.find((s) => s.id === nowcast.series)?.unit ?? target.unit,
            seriesName:
              seriesLabel(
                app.plan.series.find((s) => s.id === nowcast.series),
                zh,
              ) ?? nowcast.series,
          }
        : null;
    const marked = withNowcastMarker(base, mark, {
      lang,
      title: nowcast ? t('nowcast.badge', { year: nowcast.year, months: ytdLabel(nowcast.as_of_month, lang) }) : '',
      method: nowcast ? t('nowcast.methodLine', { method: t(`nowcast.method.${nowcast.method_used}`) }) : '',
      range: t('nowcast.range'),
    });
    return presentationFigure(marked, wide ? 24 : 18);
  }, [result, target, scenarioName, text, nowcast, app.plan.series, zh, lang, t, wide]);
  const config = useMemo(() => ({ ...plotConfig(lang, target?.id ?? 'slide'), displayModeBar: false }), [lang, target?.id]);

  const nc = target ? statusNowcast(app.plan, result, target, evaluation) : null;
  const sentence = target
    ? draftSentence(target, evaluation, scenarioName, lang, { nowcast: nc && nc.month ? { year: nc.year, month: nc.month } : null })
    : '';
  const plan = zh ? app.plan.title_zh : app.plan.title_en;

  return (
    <div
      ref={ref}
      className={`present ${fullscreen ? 'present-fullscreen' : ''}`}
      role="dialog"
      aria-modal="true"
      aria-label={t('present.title')}
      tabIndex={-1}
      data-testid="presentation"
    >
      <header className="present-head">
        <div className="present-plan">
          <span className="present-scenario">{scenarioName}</span>
          <span className="present-plan-title">{plan}</span>
        </div>
        <span className="present-counter" data-testid="slide-counter" aria-live="polite">
          {slideCounter(index, total)}
        </span>
        <button
          type="button"
          className="btn btn-ghost present-exit"
          onClick={close}
          data-testid="present-exit"
          title={t('present.exitTip')}
        >
          <Icon name="close" size={20} />
          {t('present.exit')}
        </button>
      </header>
      {!target ? (
        <div className="present-empty">{t('present.empty')}</div>
      ) : (
        <main className="present-slide" data-target={target.id} data-testid="slide">
          <h1 className="present-name">
            {target.headline && (
              <span className="star" aria-label={t('scoreboard.headline')}>
                ★
              </span>
            )}
            {zh ? target.name_zh : target.name_en}
          </h1>
          <div className="present-body">
            <div className="present-chart">
              {figure ? (
                <Plot
                  figure={figure}
                  config={config}
                  className="present-plot"
                  ariaLabel={t('workbench.chartLabel', { name: zh ? target.name_zh : target.name_en })}
                  loadingText={t('workbench.loadingChart')}
                  errorText={t('workbench.chartFailed')}
                  testId="present-chart"
                />
              ) : (
                <div className="present-nochart">{t('present.noChart')}</div>
              )}
            </div>
            <dl className="present-facts">
              <div className="present-fact">
                <dt>{t('workbench.projectedIn', { year: target.target_year })}</dt>
                <dd className="present-big" data-testid="slide-projected">
                  <Assumed on={!!evaluation?.assumed}>{formatJudged(target, evaluation?.projected ?? null, lang)}</Assumed>
                </dd>
                {nc && nc.month && (
                  <span className="nowcast-badge" title={t('nowcast.badgeTip')}>
                    {t('nowcast.badge', { year: nc.year, months: ytdLabel(nc.month, lang) })}
                  </span>
                )}
              </div>
              <div className="present-fact">
                <dt>{t('present.target', { year: target.target_year })}</dt>
                <dd className="present-mid">{formatTarget(target, lang)}</dd>
              </div>
              <div className="present-fact">
                <dt>{t('workbench.gap')}</dt>
                <dd
                  className={`present-mid ${evaluation?.gap !== null && evaluation?.gap !== undefined ? (evaluation.gap > 1e-9 ? 'short' : 'over') : ''}`}
                  data-testid="slide-gap"
                >
                  {formatGap(target, evaluation?.gap ?? null, lang, false, gapYear(evaluation))}
                </dd>
              </div>
              <div className="present-fact">
                <dt>{t('present.status')}</dt>
                <dd>{evaluation ? <StatusChip status={evaluation.status} /> : <StatusChip status="no_data" />}</dd>
              </div>
              {effort && effort.effort.state !== 'none' && (
                <div className="present-fact">
                  <dt title={effort.note ?? undefined}>{effort.pairLabel}</dt>
                  <dd className="present-small" data-testid="slide-effort" data-effort={effort.effort.state}>
                    <span className={effort.effort.state === 'reached' ? 'growth-reached' : undefined}>{effort.required}</span> /{' '}
                    <span className={effort.effort.behind ? 'growth-behind-asm' : undefined}>{effort.assumed}</span>
                    {effort.headroom && <span className="present-headroom">{effort.headroom}</span>}
                  </dd>
                </div>
              )}
            </dl>
          </div>
          {/* the verdict line of the scoreboard and workbench (models/verdict.ts), the one a leader reads */}
          <p className="present-verdict" data-testid="slide-verdict">
            <VerdictText target={target} evaluation={evaluation ?? null} lang={lang} />
          </p>
          <p className="present-sentence" lang={zh ? 'zh-CN' : 'en'} data-testid="slide-sentence">
            {sentence}
          </p>
        </main>
      )}
      <footer className="present-foot">
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => setIndex((i) => stepSlide(i, total, 'prev'))}
          disabled={index <= 0}
          data-testid="slide-prev"
          aria-label={t('present.prev')}
        >
          ← {t('present.prev')}
        </button>
        <span className="muted present-keys">{t('present.keys')}</span>
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => setIndex((i) => stepSlide(i, total, 'next'))}
          disabled={index >= total - 1}
          data-testid="slide-next"
          aria-label={t('present.next')}
        >
          {t('present.next')} →
        </button>
      </footer>
    </div>
  );
}

function seriesLabel(s: { name_zh: string; name_en: string } | undefined, zh: boolean): string | null {
  return s ? (zh ? s.name_zh : s.name_en) : null;
}
