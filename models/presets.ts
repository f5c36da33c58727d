/**
 * Preset scenarios (基准 / 乐观 / 保守) as assumptions: a preset inherits from its parent and
 * stores only what differs, so the assumptions in force are the parent's, then the child's, by series.
 */
import type { Assumption, Plan } from './schema';
import type { ResolvedAssumption } from './types';
import { ModelError } from './types';

export function resolvePresetAssumptions(plan: Plan, presetId: string): Record<string, ResolvedAssumption> {
  const presets = plan.presets ?? [];
  const chain: { id: string; assumptions: Assumption[] }[] = [];
  const seen = new Set<string>();
  let id: string | null = presetId;
  while (id !== null) {
    if (seen.has(id)) {
      throw new ModelError(
        'circular_driver',
        `预设情景 ${presetId}：继承关系在 ${id} 处循环`,
        `preset ${presetId}: circular inheritance through ${id}`,
        presetId,
        'parent',
      );
    }
    seen.add(id);
    const p = presets.find((x) => x.id === id);
    if (!p) {
      throw new ModelError(
        'unknown_series',
        `预设情景 ${presetId}：规划中没有预设情景“${id}”`,
        `preset ${presetId}: no preset "${id}" in the plan`,
        presetId,
        'parent',
      );
    }
    chain.push(p);
    id = p.parent ?? null;
  }
  const out: Record<string, ResolvedAssumption> = {};
  for (let i = chain.length - 1; i >= 0; i--) {
    for (const a of chain[i].assumptions) out[a.series] = { ...a, from: chain[i].id };
  }
  return out;
}
