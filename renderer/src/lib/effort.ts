/**
 * The required effort as the screens show it (scoreboard column, workbench KPI and assumption
 * card, slides): the rule is models/kinds/effort.ts; the words are the renderer's (i18n).
 */
import { requiredEffort, type RequiredEffort } from '../../../models/kinds/effort';
import type { Plan } from '../../../models/schema';
import type { TargetEvaluation } from '../../../models/types';
import { formatRate, isZh } from './format';
import type { Translate } from './ytd-progress';

export interface EffortView {
  effort: RequiredEffort;
  /** the required rate's place: 已达到, the rate, or — */
  required: string;
  assumed: string;
  /** reached: the headroom sentence */
  headroom: string | null;
  /** a share: 分子 */
  tag: string | null;
  /** a share: the note naming its numerator */
  note: string | null;
  /** the tooltip of the required rate */
  tip: string;
  /** the label of the pair: 所需 / 假设年均增速, or 分子所需 / 假设年均增速 */
  pairLabel: string;
  requiredLabel: string;
  assumedLabel: string;
}

function leverName(plan: Pick<Plan, 'series'> | null | undefined, id: string, lang: string): string {
  const s = plan?.series.find((x) => x.id === id);
  if (!s) return id;
  return isZh(lang) ? s.name_zh : s.name_en;
}

function headroomText(e: RequiredEffort, lang: string, t: Translate): string | null {
  if (e.state !== 'reached') return null;
  if (e.headroom === null) return t('effort.metIn', { year: e.from });
  if (e.headroom < 5e-4) return t('effort.hold', { year: e.from });
  const rate = formatRate(e.headroom, lang);
  const oneYear = e.to - e.from === 1;
  const fall = e.direction > 0;
  if (fall) return oneYear ? t('effort.fallYear', { year: e.to, rate }) : t('effort.fallAvg', { rate });
  return oneYear ? t('effort.riseYear', { year: e.to, rate }) : t('effort.riseAvg', { rate });
}

export function effortView(
  ev: TargetEvaluation | null | undefined,
  plan: Pick<Plan, 'series'> | null | undefined,
  lang: string,
  t: Translate,
): EffortView | null {
  if (!ev) return null;
  const effort = requiredEffort(ev);
  const numerator = effort.lever === 'numerator';
  const headroom = headroomText(effort, lang, t);
  const note = numerator ? t('effort.numeratorNote', { name: leverName(plan, effort.leverSeries, lang) }) : null;
  const base = effort.state === 'reached' && headroom ? t('effort.reachedTip', { headroom }) : t('scoreboard.requiredTip');
  return {
    effort,
    required: effort.state === 'reached' ? t('effort.reached') : formatRate(effort.state === 'needed' ? effort.rate : null, lang),
    assumed: formatRate(effort.assumed, lang),
    headroom,
    tag: numerator ? t('effort.numeratorTag') : null,
    note,
    tip: note ? `${base}${isZh(lang) ? '。' : '. '}${note}` : base,
    pairLabel: numerator ? t('effort.requiredVsAssumedNumerator') : t('workbench.requiredVsAssumed'),
    requiredLabel: numerator ? t('effort.requiredNumerator') : t('workbench.requiredGrowth'),
    assumedLabel: numerator ? t('effort.assumedNumerator') : t('workbench.assumedGrowth'),
  };
}
