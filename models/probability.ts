/**
 * Probabilities of meeting a target, as every screen and export writes them, and which targets
 * have one at all. A target none of whose inputs carries an uncertainty range has no probability:
 * it reads 未设区间 (no range set), never 0% or 100%. Pure.
 *
 * @example formatProbability(0.004) // '<1%'
 * @example formatProbability(0.187) // '19%'
 */
import type { ProjectionInput } from './types';
import { upstreamUnion } from './sensitivity';
import { projectGrid } from './engine';
import { seriesWithBaseRanges, type BaseRanges } from './base-ranges';

export type ProbabilityLanguage = 'zh-CN' | 'en';

/** <1%, >99%, else a whole percent. */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p < 0.01) return '<1%';
  if (p > 0.99) return '>99%';
  return `${Math.round(p * 100)}%`;
}

/**
 * The same format as an Excel number format, for workbook cells that keep the number
 * (formatProbability's thresholds: below 1%, above 99%, else a whole percent).
 */
export const PROBABILITY_NUMBER_FORMAT = '[<0.01]"<1%";[>0.99]">99%";0%';

/** A percent for the hover text: one decimal (62.3), one significant digit below 0.1 (0.04). */
function oneDecimal(x: number): string {
  if (x > 0 && x < 0.05) return String(Number(x.toPrecision(1)));
  return (Math.round(x * 10) / 10).toFixed(1);
}

/** 10000 -> 10,000 (no locale data needed). */
function grouped(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * The hover text beside a probability: the share of draws to one decimal and its Monte Carlo
 * standard error, sqrt(p (1 - p) / draws), in percentage points.
 *
 * @example probabilityDetail(0.623, 0.0048, 10000, 'zh-CN') // '模拟中62.3%的情形达标，标准误0.5个百分点（10,000次模拟）'
 */
export function probabilityDetail(p: number, se: number, draws: number, lang: ProbabilityLanguage): string {
  if (!Number.isFinite(p)) return '';
  const n = grouped(draws);
  const pct = oneDecimal(p * 100);
  const sePts = oneDecimal(Number.isFinite(se) ? se * 100 : 0);
  return lang === 'zh-CN'
    ? `模拟中${pct}%的情形达标，标准误${sePts}个百分点（${n}次模拟）`
    : `${pct}% of the draws meet the target; standard error ${sePts} percentage points (${n} draws)`;
}

/** The words for a target without a range. */
export function noRangeText(lang: ProbabilityLanguage): string {
  return lang === 'zh-CN' ? '未设区间' : 'no range set';
}

/**
 * Ids of the targets with at least one uncertain assumption upstream of the series they judge;
 * with base ranges 'on' (models/base-ranges.ts) an assumed base value or a bound-type actual
 * upstream counts too.
 */
export function targetsWithRange(input: ProjectionInput, options: { base_ranges?: BaseRanges } = {}): Set<string> {
  const upstream = upstreamUnion(input, input);
  const ranged = new Set<string>();
  for (const [id, a] of Object.entries(input.assumptions)) if (a?.uncertainty) ranged.add(id);
  if (options.base_ranges === 'on') for (const id of seriesWithBaseRanges(projectGrid(input).ctx)) ranged.add(id);
  const out = new Set<string>();
  for (const t of input.plan.targets) {
    for (const s of upstream(t.series)) {
      if (ranged.has(s)) {
        out.add(t.id);
        break;
      }
    }
  }
  return out;
}

/**
 * The correlation groups of a simulation (its result's `correlation_groups`) that couple at least
 * two uncertain inputs upstream of a joint set of targets: the ones that move its joint
 * probability (the scoreboard's note names them). Groups with loading 0 are left out.
 */
export function groupsBehindJoint<G extends { loading: number; members: readonly string[] }>(
  input: ProjectionInput,
  groups: readonly G[],
  targetIds: readonly string[],
): G[] {
  if (targetIds.length === 0 || groups.length === 0) return [];
  const upstream = upstreamUnion(input, input);
  const inputs = new Set<string>();
  for (const id of targetIds) {
    const t = input.plan.targets.find((x) => x.id === id);
    if (t) for (const s of upstream(t.series)) inputs.add(s);
  }
  return groups.filter((g) => g.loading > 0 && g.members.filter((m) => inputs.has(m) && input.assumptions[m]?.uncertainty).length >= 2);
}
