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

export type ProbabilityLanguage = 'zh-CN' | 'en';

/** <1%, >99%, else a whole percent. */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p < 0.01) return '<1%';
  if (p > 0.99) return '>99%';
  return `${Math.round(p * 100)}%`;
}

/** The words for a target without a range. */
export function noRangeText(lang: ProbabilityLanguage): string {
  return lang === 'zh-CN' ? '未设区间' : 'no range set';
}

/** Ids of the targets with at least one uncertain assumption upstream of the series they judge. */
export function targetsWithRange(input: ProjectionInput): Set<string> {
  const upstream = upstreamUnion(input, input);
  const ranged = new Set<string>();
  for (const [id, a] of Object.entries(input.assumptions)) if (a?.uncertainty) ranged.add(id);
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
