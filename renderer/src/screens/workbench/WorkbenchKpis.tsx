/** The key figures of the selected target on 指标工作台. */
import type { TargetEvaluation } from '../../../../models/types';
import { useTranslation } from 'react-i18next';
import { type Target } from '../../../../models/schema';
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
}: {
  target: Target;
  evaluation: TargetEvaluation | null;
  result: ProjectionResult | null;
  wbNowcast: ReturnType<typeof nowcastForTarget>;
  nowcastUnit: string | undefined;
  unc: ReturnType<typeof useWorkbenchUncertainty>;
  judgedOn: ReturnType<typeof judgedOnText>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
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
      <div className="kpi">
        <span className="kpi-label">{t('workbench.requiredVsAssumed')}</span>
        {judgedOn ? (
          <span className="kpi-sentence" data-testid="wb-judged-on">
            {judgedOn}
          </span>
        ) : (
          <span className="kpi-value">
            {formatRate(evaluation?.required_growth ?? null, lang)}
            <span className="muted"> / </span>
            {formatRate(evaluation?.assumed_growth ?? null, lang)}
          </span>
        )}
      </div>
    </div>
  );
}
