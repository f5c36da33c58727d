/**
 * The plausibility rules (models/plausibility.ts) applied to every number that enters through the
 * API: actuals (added, corrected, imported), year-to-date records, assumptions and settings.
 * Hard violations are refused (StudioError 'implausible', naming the indicator, the field and the
 * allowed range); soft ones (a value far from the stored record or the year before) are answered
 * with 'needs_confirmation' and the warnings, and nothing is stored until the request comes again
 * with `confirm: true`. The guards run before any write, so nothing is half-written.
 */
import type { Actual, Assumption, Plan, Series, TargetBases } from '../models/schema';
import { checkBases } from '../models/koujing';
import { checkNearTolerances } from '../models/near-tolerance';
import {
  checkAssumption,
  checkRecord,
  checkSettings,
  confirmationError,
  figureWarnings,
  type FieldRef,
  implausibleError,
  type PlausibilityIssue,
  type PlausibilityWarning,
} from '../models/plausibility';
import type { ScenarioStore } from '../scenarios/store/store';
import { parseExportFile } from '../scenarios/store/files';

type Figure = Pick<Actual, 'series' | 'period' | 'value'> & { value_kind?: Actual['value_kind'] };

function seriesMap(plan: Plan): Map<string, Series> {
  return new Map(plan.series.map((s) => [s.id, s]));
}

/**
 * Hard and soft checks of a batch of records. `field(i)` names where record i was typed
 * ('2025-10 industrial_output', or with words per language: { path: 'actuals[0].value', zh: '数值', en: 'value' }). Throws 'implausible' on any hard issue; returns the warnings.
 */
export function recordFindings(
  plan: Plan,
  store: ScenarioStore,
  figures: readonly Figure[],
  field: (i: number) => FieldRef,
): PlausibilityWarning[] {
  const series = seriesMap(plan);
  const issues: PlausibilityIssue[] = [];
  figures.forEach((f, i) => {
    const s = series.get(f.series);
    if (s) issues.push(...checkRecord(plan, s, f, field(i)));
  });
  if (issues.length > 0) throw implausibleError(issues);
  const stored = new Map<string, number>();
  // levels only: a published growth rate (value kind 'yoy') is not a value to compare a level with
  for (const a of plan.actuals) if (a.value_kind !== 'yoy') stored.set(`${a.series}\u0000${a.period}`, a.value);
  for (const a of store.latestActuals()) if (a.value_kind !== 'yoy') stored.set(`${a.series}\u0000${a.period}`, a.value);
  const batch = new Map<string, number>();
  for (const f of figures) if (f.value_kind !== 'yoy') batch.set(`${f.series}\u0000${f.period}`, f.value);
  const warnings: PlausibilityWarning[] = [];
  figures.forEach((f, i) => {
    const s = series.get(f.series);
    if (!s) return;
    // the record in force for the same period; for the year before, the batch's own value first
    const known = (id: string, period: string) => {
      const key = `${id}\u0000${period}`;
      if (period !== f.period && batch.has(key)) return batch.get(key)!;
      return stored.get(key) ?? null;
    };
    warnings.push(...figureWarnings(s, f, known, field(i)));
  });
  return warnings;
}

/** Records about to be stored: refused when implausible, held back for confirmation when far off. */
export function guardRecords(
  plan: Plan,
  store: ScenarioStore,
  figures: readonly Figure[],
  field: (i: number) => FieldRef,
  confirm: boolean | undefined,
): PlausibilityWarning[] {
  const warnings = recordFindings(plan, store, figures, field);
  if (warnings.length > 0 && confirm !== true) throw confirmationError(warnings);
  return warnings;
}

/** Assumptions about to be stored: each one's base value and model parameters in their ranges. */
export function guardAssumptions(
  plan: Plan,
  assumptions: readonly Pick<Assumption, 'series' | 'base_value' | 'model'>[],
  prefix = 'assumptions',
): void {
  const series = seriesMap(plan);
  const issues: PlausibilityIssue[] = [];
  assumptions.forEach((a, i) => {
    const s = series.get(a.series);
    if (s) issues.push(...checkAssumption(s, a, `${prefix}[${i}]`));
  });
  if (issues.length > 0) throw implausibleError(issues);
}

/** A settings patch: the last complete statistical year and the base year inside the plan's horizon. */
export function guardSettings(
  plan: Plan,
  patch: { as_of_year?: number; base_year?: number | null; target_bases?: TargetBases; near_tolerance?: Record<string, number> },
): void {
  const issues = checkSettings(plan, patch);
  // 接近完成 per target (models/near-tolerance.ts): in the target's units, not negative, no larger than the target
  for (const p of patch.near_tolerance ? checkNearTolerances(plan, patch.near_tolerance) : []) {
    issues.push({ rule: 'bounds', field: `near_tolerance.${p.id}`, message_zh: p.message_zh, message_en: p.message_en });
  }
  // 口径 per target (models/koujing.ts): base before end, end no later than the target year
  for (const p of patch.target_bases ? checkBases(plan, patch.target_bases) : []) {
    issues.push({ rule: 'horizon', field: `target_bases.${p.id}.${p.field}`, message_zh: p.message_zh, message_en: p.message_en });
  }
  if (issues.length > 0) throw implausibleError(issues);
}

/**
 * A scenario or workspace file about to be imported (scenarios:import): every scenario's
 * assumptions, and a workspace's actuals and settings, pass the hard rules; a file breaking one is
 * refused whole. A workspace restores the planner's own records, so far-off values are not asked
 * about. A file the store cannot read is left to the store, which names what is wrong.
 */
export function guardImportFile(plan: Plan, store: ScenarioStore, content: unknown): void {
  let file;
  try {
    let json = content;
    if (typeof json === 'string') json = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
    file = parseExportFile(json);
  } catch {
    return;
  }
  if (file.plan_id !== plan.id) return;
  file.scenarios.forEach((sc, i) => guardAssumptions(plan, sc.assumptions, `scenarios[${i}].assumptions`));
  if ('actuals' in file) {
    recordFindings(plan, store, file.actuals, (i) => ({ path: `actuals[${i}].value`, zh: `第${i + 1}条实际值`, en: `actual ${i + 1}` }));
    const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
    const baseYear = file.settings.base_year;
    guardSettings(plan, { as_of_year: num(file.settings.as_of_year), base_year: baseYear === null ? null : num(baseYear) });
  }
}
