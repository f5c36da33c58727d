/** The key figures of the selected target on 指标工作台. */
import type { TargetEvaluation } from '../../../../models/types';
import { useTranslation } from 'react-i18next';
import { type Plan, type Target } from '../../../../models/schema';
import { effortView } from '../../lib/effort';
import { type ProjectionResult } from '../../../../models/types';
import { Assumed } from '../../components/ui';
import { formatGap, formatJudged, formatRate, gapYear } from '../../lib/format';
import { type judgedOnText } from '../../lib/ytd-progress';
import { NowcastBadge } from '../nowcast/NowcastBadge';
import { MonthEndBadge } from '../nowcast/MonthEndBadge';
import { type nowcastForTarget } from '../../lib/nowcast';
import { ProbabilityKpi, type useWorkbenchUncertainty } from '../uncertainty/WorkbenchUncertainty';

/** The figures under the verdict: projected in the target year (with the nowcast and month-end
 * badges), the probability of meeting it, the gap, required against assumed growth. */
export function WorkbenchKpis({
  target,
  evaluation,
  result,
  wbNowcast,
  nowcastUnit,
  unc,
  judgedOn,
  plan,
}: {
  target: Target;
  evaluation: TargetEvaluation | null;
  result: ProjectionResult | null;
  wbNowcast: ReturnType<typeof nowcastForTarget>;
  nowcastUnit: string | undefined;
  unc: ReturnType<typeof useWorkbenchUncertainty>;
  judgedOn: ReturnType<typeof judgedOnText>;
  plan: Pick<Plan, 'series'> | null | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // the required effort, one rule with the scoreboard and the exports (models/kinds/effort.ts)
  const effort = effortView(evaluation, plan, lang, t);
  return (
    <div className="kpis">
      <div className="kpi">
        <span className="kpi-label">{t('workbench.projectedIn', { year: target.target_year })}</span>
        <span className="kpi-value" data-testid="wb-projected" data-value={evaluation?.projected ?? ''}>
          <Assumed on={!!evaluation?.assumed}>{formatJudged(target, evaluation?.projected ?? null, lang)}</Assumed>
        </span>
        {wbNowcast && <NowcastBadge result={wbNowcast} unit={nowcastUnit ?? target.unit} />}
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
                title={effort?.effort.behind ? t(effort.effort.direction === -1 ? 'effort.behindFallTip' : 'effort.behindTip') : undefined}
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
  );
}
