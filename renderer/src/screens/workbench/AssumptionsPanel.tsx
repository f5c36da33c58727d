/** The assumptions panel of 指标工作台 (right). */
import type { Plan } from '../../../../models/schema';
import type { TargetEvaluation } from '../../../../models/types';
import type { Res } from '../../../../contract';
import type { QueryState } from '../../state/query';
import type { useAssumptionActions } from './useAssumptionActions';
import { useTranslation } from 'react-i18next';
import { type Actual, type Assumption, type Target } from '../../../../models/schema';
import { type ProjectionResult } from '../../../../models/types';
import { Icon } from '../../components/Icon';
import { EmptyState, InlineError, Spinner, Tag } from '../../components/ui';
import { type drivingSeries, isOwn, parseFrom, sameAssumption } from '../../lib/assumptions';
import { localizeError } from '../../lib/errors';
import { groupForCard } from '../../lib/correlation';
import { stripFrom } from '../../lib/whatif';
import { useApp } from '../../state/app';
import { fixedYearNote, type judgedOnText, remainderFor, remainderText, standingOf } from '../../lib/ytd-progress';
import { AssumptionCard } from './AssumptionCard';

/** The assumptions of the series that drive the target, one card each. */
export function AssumptionsPanel({
  plan,
  target,
  scenarioId,
  readOnly,
  resolved,
  drivers,
  edits,
  evaluation,
  result,
  actuals,
  judgedOn,
  actions,
  edit,
}: {
  plan: Plan;
  target: Target;
  scenarioId: string;
  readOnly: boolean;
  resolved: QueryState<Res<'scenarios:resolve'>>;
  drivers: ReturnType<typeof drivingSeries>;
  edits: Record<string, Assumption>;
  evaluation: TargetEvaluation | null;
  result: ProjectionResult | null;
  actuals: Actual[];
  judgedOn: ReturnType<typeof judgedOnText>;
  actions: ReturnType<typeof useAssumptionActions>;
  edit: (a: Assumption) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const app = useApp();
  const { modelContext, reset, seek, setGroupLoading } = actions;
  const fromLabel = (from: string | undefined) => {
    const f = parseFrom(from);
    if (f.kind === 'plan') return t('workbench.planDefault', { preset: app.scenarioName(from) });
    return app.scenarioName(f.id);
  };
  const yearSentence = (s: (typeof drivers)[number]) => {
    const T = target.target_year;
    const st = standingOf(s, T, actuals, result?.series[s.id]?.values[T - 1] ?? Number.NaN, evaluation);
    return st ? remainderText(remainderFor(st, target, s.id), s.unit, lang, t, s.id === target.series ? target : null) : null;
  };

  return (
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
  );
}
