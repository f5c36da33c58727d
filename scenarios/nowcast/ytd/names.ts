/**
 * Series named as the planner knows them: names, units and aliases for the rows of a sheet.
 * Part of the year-to-date import (scenarios/nowcast/ytd.ts is its entry).
 */

/** The plan's series as the import's options want them (names, unit). */
export function seriesInfo(
  series: readonly { id: string; name_zh: string; name_en: string; unit?: string }[],
): Map<string, { name_zh: string; name_en: string; unit?: string }> {
  return new Map(series.map((s) => [s.id, { name_zh: s.name_zh, name_en: s.name_en, unit: s.unit }]));
}

/** Lower-case, no spaces, brackets, underscores or dashes: for matching names and headers. */
export function normName(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/[\s_\-()（）【】[\]:：]/g, '');
}

/**
 * Alias map for validateYtdRows: series id, Chinese and English names, and the plan's
 * `aliases_zh` (the bulletin's wording, 规模以上工业增加值 for 规上工业增加值) -> id. A name the plan
 * gives itself wins over another series' alias.
 */
export function seriesAliases(
  series: readonly { id: string; name_zh: string; name_en: string; aliases_zh?: readonly string[] }[],
): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of series) for (const a of s.aliases_zh ?? []) m.set(normName(a), s.id);
  for (const s of series) for (const k of [s.name_en, s.name_zh, s.id]) m.set(normName(k), s.id);
  return m;
}
