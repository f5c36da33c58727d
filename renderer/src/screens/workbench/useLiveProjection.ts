/** The live projection of 指标工作台, re-run in the renderer on every edit. */
import type { Plan } from '../../../../models/schema';
import type { Res } from '../../../../contract';
import type { QueryState } from '../../state/query';
import { useMemo, useRef } from 'react';
import { type Actual, type Assumption, evalSettingsOf } from '../../../../models/schema';
import { type ProjectionResult } from '../../../../models/types';
import { runWhatIf } from '../../lib/whatif';
import { useApp } from '../../state/app';
import { projectionActuals } from '../../lib/actuals';

/** The live projection of the scenario with the planner's edits (the last good one kept on an error). */
export function useLiveProjection(
  plan: Plan,
  resolved: QueryState<Res<'scenarios:resolve'>>,
  actualsQ: QueryState<Res<'actuals:list'>>,
  nowcastQ: QueryState<Res<'nowcast:list'>>,
  nowcastReady: boolean,
  edits: Record<string, Assumption>,
) {
  const app = useApp();
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
  return { actuals, settings, ready, live };
}
