/**
 * Collection from the units (分单位填报), the pure parts: which series a unit reports (报送单位),
 * the periods asked, the layout of the returned sheet and its checksum. No Node, no DOM, no clock.
 */
import type { Plan, Series } from './schema';

/** The columns of the 填报 sheet, in order. The checksum covers these labels and the rows. */
export const COLLECT_COLUMNS = [
  { key: 'no', zh: '序号' },
  { key: 'series', zh: '指标编码' },
  { key: 'name', zh: '指标名称' },
  { key: 'unit', zh: '计量单位' },
  { key: 'note', zh: '口径说明' },
  { key: 'period_label', zh: '期别' },
  { key: 'period', zh: '期别代码' },
  { key: 'held', zh: '已有数值' },
  { key: 'held_source', zh: '已有数值来源' },
  { key: 'value', zh: '填报数值' },
  { key: 'source', zh: '数据来源' },
  { key: 'release_date', zh: '发布日期' },
  { key: 'remark', zh: '备注' },
] as const;
export type CollectColumnKey = (typeof COLLECT_COLUMNS)[number]['key'];

/** The columns the unit fills (unlocked in the workbook). */
export const INPUT_COLUMNS: readonly CollectColumnKey[] = ['value', 'source', 'release_date', 'remark'];

export interface PeriodAsked {
  /** '2024' (annual) or '2026-10' (1-10月累计). */
  period: string;
  label_zh: string;
}

export interface LayoutRow {
  series: string;
  period: string;
}

/** The series a unit can be asked for: every series with its own values (not derived). */
function inputSeries(plan: Plan): Series[] {
  return plan.series.filter((s) => s.derived === null);
}

/** The input series a series is computed from (itself when it is an input). */
function inputsOf(plan: Plan, seriesId: string, seen = new Set<string>()): string[] {
  if (seen.has(seriesId)) return [];
  seen.add(seriesId);
  const s = plan.series.find((x) => x.id === seriesId);
  if (!s) return [];
  const d = s.derived;
  if (!d) return [s.id];
  const parts = d.type === 'ratio' ? [d.numerator, d.denominator] : d.type === 'cumsum' ? [d.of] : [d.nominal, d.deflator];
  return parts.flatMap((p) => inputsOf(plan, p, seen));
}

/** Every unit the plan names as responsible for a target, in the plan's order. */
export function planUnits(plan: Plan): string[] {
  const out: string[] = [];
  for (const t of plan.targets) for (const u of t.responsible) if (!out.includes(u)) out.push(u);
  for (const sec of plan.sections) for (const it of sec.items) for (const u of it.responsible) if (!out.includes(u)) out.push(u);
  return out;
}

/** The units that could report a series: the responsible units of the targets that rest on it. */
function candidateReporters(plan: Plan, seriesId: string): string[] {
  const out: string[] = [];
  for (const t of plan.targets) {
    if (!inputsOf(plan, t.series).includes(seriesId)) continue;
    for (const u of t.responsible) if (!out.includes(u)) out.push(u);
  }
  return out;
}

/** The statistics bureau, when the plan names it: the default for drivers (GDP, energy use ...). */
const STATISTICS_BUREAU = '市统计局';
/** The office running the collection (it leads almost every item, so it is no default reporter),
 *  and the plan-wide units that stand for many bodies. */
const NOT_DEFAULT = ['市发改委', '各县市区人民政府', '咸宁高新区管委会'];

/**
 * The default 报送单位: for a driver, the statistics bureau; otherwise the first responsible unit
 * of the targets resting on the series that is not the collecting office or a plan-wide unit
 * (else the first one named, else the statistics bureau).
 */
function defaultReporter(plan: Plan, seriesId: string): string | null {
  const units = planUnits(plan);
  const stats = units.includes(STATISTICS_BUREAU) ? STATISTICS_BUREAU : null;
  const s = plan.series.find((x) => x.id === seriesId);
  if (s?.driver && stats) return stats;
  const c = candidateReporters(plan, seriesId);
  return c.find((u) => !NOT_DEFAULT.includes(u)) ?? c[0] ?? stats;
}

/** Every input series with its reporting unit: the planner's choice where made, else the default. */
export function reportersFor(
  plan: Plan,
  chosen: Record<string, string>,
): { series: string; unit: string | null; chosen: boolean; candidates: string[] }[] {
  return inputSeries(plan).map((s) => ({
    series: s.id,
    unit: chosen[s.id] ?? defaultReporter(plan, s.id),
    chosen: s.id in chosen,
    candidates: candidateReporters(plan, s.id),
  }));
}

/** The periods asked: every plan year before the last as a whole year, the last as 1-N月. */
export function periodsAsked(plan: Pick<Plan, 'period_start' | 'period_end'>, ytdMonth: number): PeriodAsked[] {
  const out: PeriodAsked[] = [];
  for (let y = plan.period_start; y < plan.period_end; y++) out.push({ period: String(y), label_zh: `${y}年` });
  const m = Math.min(12, Math.max(1, Math.trunc(ytdMonth)));
  const y = plan.period_end;
  out.push(
    m === 12 ? { period: String(y), label_zh: `${y}年` } : { period: `${y}-${String(m).padStart(2, '0')}`, label_zh: `${y}年1-${m}月` },
  );
  return out;
}

/** A period's label as a planner writes it. */
export function periodLabel(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return `${m[1]}年1-${Number(m[2])}月`;
  return `${period}年`;
}

/** FNV-1a over UTF-16 code units, two 32-bit lanes: a stable 16-hex-digit checksum. */
function checksum(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c ^ (i & 0xff), 0x01000193) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** The checksum of a layout: the column labels and the (series, period) of every row, in order. */
export function layoutChecksum(rows: readonly LayoutRow[]): string {
  const head = COLLECT_COLUMNS.map((c) => c.zh).join('|');
  return checksum(`${head}\n${rows.map((r) => `${r.series}@${r.period}`).join('\n')}`);
}

export type UnitState = 'outstanding' | 'returned' | 'problems';

/** A unit's state in a round from its latest import: none, refused or with open conflicts, stored. */
export function unitState(latest: { outcome: 'stored' | 'refused' } | null, openConflicts: number): UnitState {
  if (!latest) return 'outstanding';
  if (latest.outcome === 'refused' || openConflicts > 0) return 'problems';
  return 'returned';
}

/** Two figures are the same when they agree to 9 significant digits (a spreadsheet round-trip). */
export function sameFigure(a: number, b: number): boolean {
  if (a === b) return true;
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return Math.abs(a - b) <= scale * 1e-9;
}

export interface VerdictSnapshot {
  /** target id -> status and whether it rests on an assumption. */
  targets: Record<string, { status: string; assumed: boolean }>;
}

export interface RoundEffect {
  moved: { target: string; name_zh: string; before: string; after: string }[];
  assumed_before: number;
  assumed_after: number;
  total: number;
}

/** What a round changed on the scoreboard: the verdicts that moved and the count resting on assumptions. */
export function roundEffect(plan: Plan, before: VerdictSnapshot, after: VerdictSnapshot): RoundEffect {
  const moved: RoundEffect['moved'] = [];
  for (const t of plan.targets) {
    const b = before.targets[t.id];
    const a = after.targets[t.id];
    if (b && a && b.status !== a.status) moved.push({ target: t.id, name_zh: t.name_zh, before: b.status, after: a.status });
  }
  const count = (s: VerdictSnapshot) => Object.values(s.targets).filter((x) => x.assumed).length;
  return { moved, assumed_before: count(before), assumed_after: count(after), total: plan.targets.length };
}
