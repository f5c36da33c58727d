/**
 * Importing a plan from an Excel indicator table (从Excel指标表导入), the renderer's side: the
 * column mapping the planner edits (which column holds 指标名称, 单位, 基期值, 目标值, 目标年,
 * 责任单位), its problems, the preview cells, the plan id and years typed in, the plan file name.
 * The reading and the plan itself are built by the API ('plan:importTable'). Pure; unit-tested.
 */

export const PLAN_FIELDS = ['name', 'unit', 'base_value', 'target', 'target_year', 'responsible'] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];
export type PlanMapping = Record<PlanField, number | null>;
/** Without these two columns no target can be read. */
export const REQUIRED_FIELDS: readonly PlanField[] = ['name', 'target'];

export { columnLetter } from '../../../models/columns';

/** A complete mapping from a partial one (missing fields null). */
export function normalizeMapping(m: Partial<Record<string, number | null>> | null | undefined): PlanMapping {
  const out = {} as PlanMapping;
  for (const f of PLAN_FIELDS) {
    const v = m?.[f];
    out[f] = typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null;
  }
  return out;
}

/** column -> the field mapped to it (for highlighting the preview). */
export function fieldsByColumn(m: PlanMapping): Map<number, PlanField> {
  const out = new Map<number, PlanField>();
  for (const f of PLAN_FIELDS) {
    const c = m[f];
    if (c !== null && !out.has(c)) out.set(c, f);
  }
  return out;
}

export interface MappingProblems {
  /** required fields without a column. */
  missing: PlanField[];
  /** columns chosen for more than one field: column -> the fields. */
  duplicates: { column: number; fields: PlanField[] }[];
}

export function mappingProblems(m: PlanMapping): MappingProblems {
  const missing = REQUIRED_FIELDS.filter((f) => m[f] === null);
  const byCol = new Map<number, PlanField[]>();
  for (const f of PLAN_FIELDS) {
    const c = m[f];
    if (c === null) continue;
    byCol.set(c, [...(byCol.get(c) ?? []), f]);
  }
  const duplicates = [...byCol.entries()].filter(([, fs]) => fs.length > 1).map(([column, fields]) => ({ column, fields }));
  return { missing, duplicates };
}

export function mappingOk(m: PlanMapping): boolean {
  const p = mappingProblems(m);
  return p.missing.length === 0 && p.duplicates.length === 0;
}

/** A preview cell as text: numbers as they are, dates as ISO days, a formula without a value or an error value marked. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('cell_problem' in o) return `⚠ ${String(o.detail ?? '')}`;
  }
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** Plan ids are lowercase ASCII: letters, digits and _, starting with a letter (models/schema Id). */
const PLAN_ID = /^[a-z][a-z0-9_]{0,63}$/;

export function planIdProblem(id: string): 'empty' | 'format' | null {
  const s = id.trim();
  if (!s) return 'empty';
  return PLAN_ID.test(s) ? null : 'format';
}

/** A plan id suggested from the years: 'plan_2026_2028'. */
export function suggestPlanId(baseYear: number | null, targetYear: number | null): string {
  if (baseYear && targetYear && targetYear > baseYear) return `plan_${baseYear + 1}_${targetYear}`;
  if (targetYear) return `plan_${targetYear}`;
  return 'imported_plan';
}

/** A year typed in: 4 digits in 1990..2100, else null. Full-width digits are read. */
export function parseYear(text: string): number | null {
  const s = text
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/年$/, '');
  if (!/^\d{4}$/.test(s)) return null;
  const y = Number(s);
  return y >= 1990 && y <= 2100 ? y : null;
}

/** The most common target year among the mapped column's cells (to prefill the plan's end), or null. */
export function commonYear(rows: readonly (readonly unknown[])[], column: number | null): number | null {
  if (column === null) return null;
  const counts = new Map<number, number>();
  for (const r of rows) {
    const y = parseYear(cellText(r[column]));
    if (y !== null) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: number | null = null;
  let n = 0;
  for (const [y, c] of counts) if (c > n || (c === n && best !== null && y > best)) [best, n] = [y, c];
  return best;
}

/** The file name of a plan file: `<id>.plan.json`. */
export function planFileName(plan: { id: string }): string {
  return `${plan.id}.plan.json`;
}

/** A year named in a header such as "2023年基数" or "Base 2023", else null. */
export function yearInText(text: string | null | undefined): number | null {
  const m = /(19[9]\d|20\d{2}|2100)/.exec(text ?? '');
  return m ? Number(m[1]) : null;
}

/** The plan id of the plan bundled with the app (咸宁 2024—2026). */
const BUNDLED_PLAN_ID = 'xianning_nqpf_2024_2026';

/**
 * Whether the active plan is the bundled one: its id, or a database that is not named after the
 * plan (another plan always works on `<plan id>.sqlite` beside the default database).
 */
export function isBundledPlan(info: { plan_id: string; db_path: string }): boolean {
  if (info.plan_id === BUNDLED_PLAN_ID) return true;
  const file = info.db_path.split(/[\\/]/).pop() ?? '';
  return file !== `${info.plan_id}.sqlite`;
}

/**
 * Whether a scoreboard row shows the plan's sentence: always when asked, else when the search has
 * a term that the sentence holds but the row's name does not (so a match is never unexplained).
 */
export function showSourceLine(show: boolean, query: string, sourceText: string, name: string): boolean {
  if (show) return true;
  const terms = query
    .toLowerCase()
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (terms.length === 0) return false;
  const src = sourceText.toLowerCase();
  const nm = name.toLowerCase();
  return terms.some((x) => src.includes(x) && !nm.includes(x));
}
