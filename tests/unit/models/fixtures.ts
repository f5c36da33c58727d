/**
 * Small valid plans for the engine tests: helpers that fill the required fields, and a runner.
 * No vitest imports here, so benchmarks and scripts may use it too.
 */
import { Plan, type Assumption, type GrowthModel, type PlanInput } from '../../../models/schema';
import { projectPlan } from '../../../models/engine';
import type { ProjectionResult } from '../../../models/types';
import type { EvalSettings, Actual } from '../../../models/schema';

export type SeriesIn = PlanInput['series'][number];
export type TargetIn = PlanInput['targets'][number];
export type ActualIn = NonNullable<PlanInput['actuals']>[number];

export function ser(id: string, extra: Partial<SeriesIn> = {}): SeriesIn {
  return { id, name_zh: id, name_en: id, unit: '亿元', ...extra };
}

export function tgt(
  id: string,
  series: string,
  kind: TargetIn['kind'],
  comparator: TargetIn['comparator'],
  target: TargetIn['target'],
  extra: Partial<TargetIn> = {},
): TargetIn {
  return {
    id,
    name_zh: id,
    name_en: id,
    section: 's1',
    item: null,
    source_text: id,
    unit: '亿元',
    kind,
    comparator,
    comparator_zh: '',
    target,
    target_year: 2026,
    series,
    responsible: ['测试局'],
    ...extra,
  };
}

export function act(series: string, period: string | number, value: number, extra: Partial<ActualIn> = {}): ActualIn {
  return { series, period: String(period), value, source: { title: 'test', reliability: 'internal' }, ...extra };
}

/** An actual as the engine takes it in ProjectionInput.actuals (already validated). */
export function inputActual(series: string, period: string | number, value: number, extra: Partial<Actual> = {}): Actual {
  return {
    series,
    period: String(period),
    value,
    value_kind: 'actual',
    source: { title: 'input', url: null, date: null, reliability: 'internal' },
    vintage: null,
    note: '',
    entered_by: 'test',
    ...extra,
  };
}

export interface PlanSpec {
  series: SeriesIn[];
  targets?: TargetIn[];
  actuals?: ActualIn[];
  base_year?: number;
  period_end?: number;
  presets?: PlanInput['presets'];
}

/** A minimal valid plan (validated with the schema). With no targets, one level target on the first series. */
export function makePlan(spec: PlanSpec): Plan {
  const targets = spec.targets && spec.targets.length > 0 ? spec.targets : [tgt('t_dummy', spec.series[0].id, 'level', '>=', 1)];
  return Plan.parse({
    schema_version: 1,
    id: 'test_plan',
    title_zh: '测试规划',
    title_en: 'Test plan',
    issuer_zh: '测试',
    issued_date: '2024-01-01',
    source_document: 'test',
    period_start: 2024,
    period_end: spec.period_end ?? 2026,
    base_year: spec.base_year ?? 2023,
    sections: [{ id: 's1', code: '一', title_zh: '一', title_en: 'One' }],
    series: spec.series,
    targets,
    actuals: spec.actuals ?? [],
    presets: spec.presets ?? [],
  });
}

export function asm(series: string, model: GrowthModel, base_value: number | null = null): Assumption {
  return { series, base_value, model, uncertainty: null, rationale: '', source: '', author: '', updated_at: '' };
}

export function run(
  plan: Plan,
  assumptions: Assumption[] = [],
  settings: Partial<EvalSettings> = {},
  actuals: Actual[] = [],
): ProjectionResult {
  const rec: Record<string, Assumption> = {};
  for (const a of assumptions) rec[a.series] = a;
  return projectPlan({ plan, assumptions: rec, settings, actuals });
}

/** Every number anywhere in a value is finite. */
export function allFinite(x: unknown): boolean {
  if (typeof x === 'number') return Number.isFinite(x);
  if (Array.isArray(x)) return x.every(allFinite);
  if (x && typeof x === 'object') return Object.values(x).every(allFinite);
  return true;
}
