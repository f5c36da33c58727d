/**
 * The target catalog (指标目录): one flat record per target, as printed by
 * `npm run -s cli -- targets --json` and shown in the target list.
 */
import type { Comparator, Plan, TargetKind } from '../../models/schema';

export interface CatalogEntry {
  id: string;
  /** Chinese indicator name (指标名称). */
  name: string;
  name_en: string;
  section: string;
  /** Section code as the plan writes it: 总体目标, 一, 二 ... */
  section_code: string;
  item: string | null;
  /** Item code as the plan writes it: (一), (二) ... ; null in the preamble. */
  item_code: string | null;
  unit: string;
  kind: TargetKind;
  comparator: Comparator;
  comparator_zh: string;
  /** A number, or [min, max] for a range; for a reduction, the size of the fall in percent. */
  target: number | [number, number];
  target_year: number;
  /** The target's own base year, else the setting, else the plan's. */
  base_year: number;
  /** First year counted for cumulative / annual_flow targets (default: base year + 1). */
  start_year: number;
  responsible: string[];
  enterprises: string[];
  source_text: string;
  series: string;
  headline: boolean;
  binding: 'binding' | 'anticipatory' | null;
}

/**
 * Flat, JSON-ready records of every target in plan order.
 * @param baseYearSetting the user's base-year setting (default: the plan's base year); a target
 *   that sets its own base year keeps it.
 */
export function catalogJson(plan: Plan, baseYearSetting?: number | null): CatalogEntry[] {
  const sections = new Map(plan.sections.map((s) => [s.id, s]));
  const items = new Map(plan.sections.flatMap((s) => s.items.map((i) => [i.id, i] as const)));
  const defaultBase = baseYearSetting ?? plan.base_year;
  return plan.targets.map((t) => {
    const base_year = t.base_year ?? defaultBase;
    return {
      id: t.id,
      name: t.name_zh,
      name_en: t.name_en,
      section: t.section,
      section_code: sections.get(t.section)?.code ?? '',
      item: t.item,
      item_code: t.item ? (items.get(t.item)?.code ?? null) : null,
      unit: t.unit,
      kind: t.kind,
      comparator: t.comparator,
      comparator_zh: t.comparator_zh,
      target: Array.isArray(t.target) ? [t.target[0], t.target[1]] : t.target,
      target_year: t.target_year,
      base_year,
      start_year: t.start_year ?? base_year + 1,
      responsible: [...t.responsible],
      enterprises: [...t.enterprises],
      source_text: t.source_text,
      series: t.series,
      headline: t.headline,
      binding: t.binding,
    };
  });
}
