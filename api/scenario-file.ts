/**
 * Resolves a scenario file (the format `scenarios export` writes) without importing it, so that
 * `cli project --scenario FILE` projects exactly what the file says: the last scenario in the
 * file over its ancestors in the file, over the plan's preset it descends from (or the plan's
 * defaults, the root preset).
 */
import type { Plan } from '../models/schema';
import { resolvePresetAssumptions } from '../models/presets';
import type { ResolvedAssumption } from '../models/types';
import { StoreError } from '../scenarios/store/errors';
import { parseExportFile, SCENARIO_FORMAT } from '../scenarios/store/files';

export function resolveScenarioFile(plan: Plan, content: unknown): { name: string; assumptions: Record<string, ResolvedAssumption> } {
  const file = parseExportFile(content);
  if (file.format !== SCENARIO_FORMAT || file.scenarios.length === 0) {
    throw new StoreError(
      'invalid',
      '只能测算情景文件，不能直接测算工作区文件',
      'Only a scenario file can be projected, not a workspace file',
    );
  }
  if (file.plan_id !== plan.id) {
    throw new StoreError(
      'invalid',
      `情景文件属于规划 ${file.plan_id}，与当前规划 ${plan.id} 不符`,
      `The scenario file belongs to plan ${file.plan_id}, not the loaded plan ${plan.id}`,
      { field: 'plan_id' },
    );
  }
  const byId = new Map(file.scenarios.map((s) => [s.id, s]));
  const target = file.scenarios[file.scenarios.length - 1];
  const chain = [];
  const seen = new Set<string>();
  for (let s: typeof target | undefined = target; s; s = s.parent_id ? byId.get(s.parent_id) : undefined) {
    if (seen.has(s.id)) {
      throw new StoreError('invalid', `情景文件中的上级关系循环：${s.name}`, `Parent cycle in the scenario file at ${s.name}`, {
        field: 'scenarios',
      });
    }
    seen.add(s.id);
    chain.push(s);
  }
  const top = chain[chain.length - 1];
  const root = plan.presets.find((p) => p.parent === null);
  const presetBase = top.parent_preset_id ?? (top.preset_id ? (plan.presets.find((p) => p.id === top.preset_id)?.parent ?? null) : null);
  const base: Record<string, ResolvedAssumption> = presetBase
    ? resolvePresetAssumptions(plan, presetBase)
    : root
      ? resolvePresetAssumptions(plan, root.id)
      : {};
  const assumptions: Record<string, ResolvedAssumption> = {};
  for (const [series, a] of Object.entries(base)) assumptions[series] = { ...a, from: `plan:${a.from}` };
  for (let i = chain.length - 1; i >= 0; i--) {
    for (const a of chain[i].assumptions) assumptions[a.series] = { ...a, from: chain[i].id };
  }
  const known = new Set(plan.series.map((s) => s.id));
  for (const series of Object.keys(assumptions)) {
    if (!known.has(series)) {
      throw new StoreError(
        'invalid',
        `情景文件中的假设指向未知指标序列 ${series}`,
        `The scenario file has an assumption for an unknown series ${series}`,
        {
          field: 'assumptions',
        },
      );
    }
  }
  return { name: target.name, assumptions };
}
