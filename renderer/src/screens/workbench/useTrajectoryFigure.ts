/** The trajectory figure of 指标工作台. */
import type { Plan } from '../../../../models/schema';
import type { ProjectionInput } from '../../../../models/types';
import type { Res } from '../../../../contract';
import type { QueryState } from '../../state/query';
import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Actual, type Assumption, type Target } from '../../../../models/schema';
import { type ProjectionResult } from '../../../../models/types';
import { type drivingSeries } from '../../lib/assumptions';
import { buildTrajectoryFigure, plotConfig, SCENARIO_COLORS, type FigureScenario } from '../../lib/figure';
import { useFigureText } from '../../components/figure-text';
import { uncertaintyBand } from '../../lib/whatif';
import { useApp } from '../../state/app';
import { nowcastForTarget, withNowcastMarker, ytdLabel } from '../../lib/nowcast';

/** The trajectory figure of the target: the scenario, the overlaid ones, the band and the nowcast marker. */
export function useTrajectoryFigure({
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
  nowcastResults,
}: {
  plan: Plan;
  target: Target | undefined;
  scenarioId: string | null;
  result: ProjectionResult | null;
  resolved: QueryState<Res<'scenarios:resolve'>>;
  edits: Record<string, Assumption>;
  actuals: Actual[];
  settings: ProjectionInput['settings'];
  drivers: ReturnType<typeof drivingSeries>;
  overlay: string[];
  overlays: Record<string, ProjectionResult>;
  nowcastResults: Res<'nowcast:list'>['results'] | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const app = useApp();
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
  const wbNowcast = target ? nowcastForTarget(plan, target, nowcastResults) : null;
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
  return { figure, config, wbNowcast, nowcastMark };
}
