/** The bundled plan, parsed (defaults filled), and its baseline preset's assumptions. */
import { Plan } from '../../../models/schema';
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
