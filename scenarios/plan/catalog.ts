/**
 * The target catalog (指标目录): one flat record per target, as printed by
 * `npm run -s cli -- targets --json` and shown in the target list.
 */
import type { CatalogEntry } from '../../contract/types';
import type { Plan } from '../../models/schema';

export type { CatalogEntry } from '../../contract/types';

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
