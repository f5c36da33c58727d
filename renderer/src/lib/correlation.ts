/**
 * Correlation groups on the workbench: the group holding a series with its loading in the
 * scenario (models/correlation.ts scenarioLoading), for the range card. Pure.
 */
import type { Plan } from '../../../models/schema';
import { scenarioLoading } from '../../../models/correlation';
import type { CardGroup } from '../screens/uncertainty/UncertaintyField';
import type { AssumptionMap } from './whatif';

export function groupForCard(plan: Plan, seriesId: string, assumptions: AssumptionMap, lang: string): CardGroup | null {
  const g = (plan.correlation_groups ?? []).find((x) => x.members.includes(seriesId));
  if (!g) return null;
  const zh = lang.startsWith('zh');
  const others = g.members
    .filter((m) => m !== seriesId)
    .map((m) => {
      const s = plan.series.find((x) => x.id === m);
      return s ? (zh ? s.name_zh : s.name_en) : m;
    });
  const loading = scenarioLoading(g, assumptions);
  return {
    id: g.id,
    name: zh ? g.name_zh : g.name_en,
    loading,
    ...(loading !== g.loading ? { planLoading: g.loading } : {}),
    others,
  };
}
