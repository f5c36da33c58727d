/**
 * The scoreboard's view logic: one row per target joined with its evaluation, the roll-up of
 * statuses, filters (status, section, kind, responsible unit, search text) and sorting.
 * Pure: unit-tested in Node.
 */
import { TARGET_KINDS as SCHEMA_TARGET_KINDS, type Plan, type Status, type Target, type TargetKind } from '../../../models/schema';
import type { ProjectionResult, TargetEvaluation } from '../../../models/types';
import { countStatuses, okCount, STATUS_TABLE } from '../../../models/status';
import { requiredEffort } from '../../../models/kinds/effort';
import { matchRank, pinyinTokens, type PinyinReader } from './pickerFilter';

export { STATUS_ORDER } from '../../../models/status';
/** The target kinds (as in models/schema, repeated here so the main bundle does not pull in zod). */
export const TARGET_KINDS: readonly TargetKind[] = SCHEMA_TARGET_KINDS;

export interface ScoreRow {
  id: string;
  target: Target;
  evaluation: TargetEvaluation | null;
  name: string;
  sectionId: string;
  sectionCode: string;
  sectionTitle: string;
  itemId: string | null;
  kind: TargetKind;
  unit: string;
  responsible: string[];
  headline: boolean;
  status: Status;
  projected: number | null;
  gap: number | null;
  gapRel: number | null;
  required: number | null;
  assumedGrowth: number | null;
  assumed: boolean;
  /** index in the plan: the default order. */
  order: number;
  /** lower-cased text searched by the search box. */
  haystack: string;
}

export function buildRows(plan: Plan, result: ProjectionResult | null, lang: string): ScoreRow[] {
  const zh = lang.startsWith('zh');
  const evals = new Map<string, TargetEvaluation>();
  for (const e of result?.targets ?? []) evals.set(e.id, e);
  const sections = new Map(plan.sections.map((s) => [s.id, s]));
  return plan.targets.map((t, order) => {
    const e = evals.get(t.id) ?? null;
    const s = sections.get(t.section);
    const sectionTitle = s ? (zh ? s.title_zh : s.title_en) : t.section;
    const item = s?.items.find((i) => i.id === t.item);
    const name = zh ? t.name_zh : t.name_en;
    const haystack = [
      t.name_zh,
      t.name_en,
      t.id,
      t.source_text,
      sectionTitle,
      s?.code ?? '',
      item ? `${item.title_zh} ${item.title_en}` : '',
      ...t.responsible,
      ...t.enterprises,
    ]
      .join(' ')
      .toLowerCase();
    return {
      id: t.id,
      target: t,
      evaluation: e,
      name,
      sectionId: t.section,
      sectionCode: s?.code ?? '',
      sectionTitle,
      itemId: t.item,
      kind: t.kind,
      unit: t.unit,
      responsible: t.responsible,
      headline: t.headline,
      status: e?.status ?? 'no_data',
      projected: e?.projected ?? null,
      gap: e?.gap ?? null,
      gapRel: e?.gap_rel ?? null,
      required: e?.required_growth ?? null,
      assumedGrowth: e?.assumed_growth ?? null,
      assumed: e?.assumed ?? false,
      order,
      haystack,
    };
  });
}

export interface Rollup {
  total: number;
  counts: Record<Status, number>;
  /** the statuses of the `ok` group of models/status.ts (met, expected to be met, ahead, on track) */
  onTrackOrBetter: number;
}

export function rollup(rows: readonly Pick<ScoreRow, 'status'>[]): Rollup {
  const counts = countStatuses(rows.map((r) => r.status));
  return {
    total: rows.length,
    counts,
    onTrackOrBetter: okCount(counts),
  };
}

export interface RowFilter {
  statuses?: ReadonlySet<Status>;
  sections?: ReadonlySet<string>;
  kinds?: ReadonlySet<TargetKind>;
  responsible?: string | null;
  query?: string;
  headlineOnly?: boolean;
  assumedOnly?: boolean;
  /** with a reader, a word also matches the target's Chinese name by pinyin (lib/pickerFilter.ts). */
  reader?: PinyinReader | null;
}

/** Splits the search text into lower-case terms; every term must match (AND). */
export function searchTerms(query: string | undefined): string[] {
  return (query ?? '')
    .toLowerCase()
    .split(/[\s,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function filterRows<R extends ScoreRow>(rows: readonly R[], f: RowFilter): R[] {
  const terms = searchTerms(f.query);
  return rows.filter((r) => {
    if (f.statuses && f.statuses.size > 0 && !f.statuses.has(r.status)) return false;
    if (f.sections && f.sections.size > 0 && !f.sections.has(r.sectionId)) return false;
    if (f.kinds && f.kinds.size > 0 && !f.kinds.has(r.kind)) return false;
    if (f.responsible && !r.responsible.some((u) => u === f.responsible)) return false;
    if (f.headlineOnly && !r.headline) return false;
    if (f.assumedOnly && !r.assumed) return false;
    if (terms.length === 0) return true;
    const entry = { hay: r.haystack, tokens: f.reader ? [pinyinTokens(r.target.name_zh, f.reader)] : [] };
    return matchRank(entry, terms) !== null;
  });
}

export type SortKey = 'order' | 'name' | 'section' | 'projected' | 'gap' | 'required' | 'assumedGrowth' | 'status' | 'growthShortfall';
export type SortDir = 'asc' | 'desc';
export interface SortSpec {
  key: SortKey;
  dir: SortDir;
}

/** worst first, no data last */
const statusRank = (s: Status): number => (s === 'no_data' ? 99 : STATUS_TABLE[s].rank);

function sortValue(r: ScoreRow, key: SortKey): number | string | null {
  switch (key) {
    case 'order':
      return r.order;
    case 'name':
      return r.name;
    case 'section':
      return `${r.sectionCode.padStart(4, ' ')}|${String(r.order).padStart(5, '0')}`;
    case 'projected':
      return r.projected;
    case 'gap':
      // relative gap compares targets in different units; fall back to the absolute gap.
      return r.gapRel ?? (r.gap === null ? null : Math.sign(r.gap) * 1e-12 * Math.abs(r.gap));
    case 'required':
      return r.required;
    case 'assumedGrowth':
      return r.assumedGrowth;
    case 'growthShortfall': {
      // the shortfall in the direction of the effort (a falling target short of its required fall
      // sorts with the rising ones short of theirs); a target already reached has none
      if (!r.evaluation) return r.required === null || r.assumedGrowth === null ? null : r.required - r.assumedGrowth;
      const ef = requiredEffort(r.evaluation);
      if (ef.state !== 'needed' || ef.rate === null || ef.assumed === null) return null;
      return (ef.direction === 0 ? 1 : ef.direction) * (ef.rate - ef.assumed);
    }
    case 'status':
      return statusRank(r.status);
  }
}

const collator = new Intl.Collator(['zh-CN-u-co-pinyin', 'en'], { numeric: true });

/** Stable sort; rows without a value (null) always go last, whatever the direction. */
export function sortRows<R extends ScoreRow>(rows: readonly R[], spec: SortSpec): R[] {
  const mult = spec.dir === 'asc' ? 1 : -1;
  return rows
    .map((r, i) => ({ r, i, v: sortValue(r, spec.key) }))
    .sort((a, b) => {
      if (a.v === null && b.v === null) return a.i - b.i;
      if (a.v === null) return 1;
      if (b.v === null) return -1;
      let c: number;
      if (typeof a.v === 'string' && typeof b.v === 'string') c = collator.compare(a.v, b.v);
      else c = (a.v as number) - (b.v as number);
      return c !== 0 ? c * mult : a.i - b.i;
    })
    .map((x) => x.r);
}

/** Every responsible unit named by the plan's targets, in first-seen order. */
export function responsibleUnits(plan: Plan): string[] {
  const seen = new Set<string>();
  for (const t of plan.targets) for (const u of t.responsible) seen.add(u);
  return [...seen];
}

/** Next sort spec when a column header is clicked: same column flips, new column starts sensibly. */
export function nextSort(current: SortSpec, key: SortKey): SortSpec {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  // a gap is most useful biggest shortfall first.
  const dir: SortDir = key === 'gap' || key === 'growthShortfall' || key === 'required' ? 'desc' : 'asc';
  return { key, dir };
}
