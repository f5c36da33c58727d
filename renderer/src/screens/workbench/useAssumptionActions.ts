/** The actions of the assumption cards on 指标工作台 (reset, goal seek, group loading). */
import type { Dispatch, SetStateAction } from 'react';
import type { Plan } from '../../../../models/schema';
import type { ProjectionInput } from '../../../../models/types';
import type { Res } from '../../../../contract';
import type { QueryState } from '../../state/query';
import { useTranslation } from 'react-i18next';
import { type Actual, type Assumption, type Target } from '../../../../models/schema';
import { type ProjectionResult } from '../../../../models/types';
import { useApi } from '../../state/api-context';
import { type ModelContext } from '../../lib/assumptions';
import { type Autosave } from '../../lib/autosave';
import { withGroupLoading } from '../../../../models/correlation';
import { goalSeek, goalSeekValueText, stripFrom } from '../../lib/whatif';
import { useApp, useToast } from '../../state/app';

/**
 * What the cards of the assumptions do besides a slider: the model's context, reset to the parent,
 * goal seek (the value of one assumption that meets the target), a correlation group's loading.
 */
export function useAssumptionActions({
  plan,
  target,
  scenarioId,
  result,
  resolved,
  edits,
  setEdits,
  actuals,
  settings,
  autosave,
  edit,
}: {
  plan: Plan;
  target: Target | undefined;
  scenarioId: string | null;
  result: ProjectionResult | null;
  resolved: QueryState<Res<'scenarios:resolve'>>;
  edits: Record<string, Assumption>;
  setEdits: Dispatch<SetStateAction<Record<string, Assumption>>>;
  actuals: Actual[];
  settings: ProjectionInput['settings'];
  autosave: Autosave<Assumption> | null;
  edit: (a: Assumption) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const app = useApp();
  const client = useApi();
  const toast = useToast();
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
  return { modelContext, reset, seek, setGroupLoading };
}
