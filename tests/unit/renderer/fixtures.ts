/** The bundled plan, parsed (defaults filled), and its baseline preset's assumptions. */
import { Plan } from '../../../models/schema';
import type { FigureText } from '../../../renderer/src/lib/figure';
import { projectPlan, resolvePresetAssumptions } from '../../../models/engine';
import planJson from '../../../scenarios/plan/xianning-2024-2026.plan.json';

export const plan = Plan.parse(planJson);
export const baseline = resolvePresetAssumptions(plan, 'baseline');
export const stretch = resolvePresetAssumptions(plan, 'stretch');
export const baselineResult = projectPlan({ plan, assumptions: baseline, settings: {} });
export const stretchResult = projectPlan({ plan, assumptions: stretch, settings: {} });
export function target(id: string) {
  const t = plan.targets.find((x) => x.id === id);
  if (!t) throw new Error(`no target ${id}`);
  return t;
}

/** The chart words in Chinese, as the page's i18n gives them (reliability and kind as their codes). */
export const zhFigureText: FigureText = {
  lang: 'zh-CN',
  actual: '实际值',
  target: '目标值',
  timePath: '序时进度线',
  band: '不确定区间',
  assumed: '假设',
  projected: '预测',
  source: '来源',
  date: '日期',
  reliability: (r) => r,
  valueKind: (k) => k,
  computed: '由实际值计算',
  actualsThenForecast: ['实际', '预测'],
  yearSuffix: (y) => `${y}年`,
};
