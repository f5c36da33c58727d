/**
 * The judged quantity of a target year by year (the level, share, cumulative sum, % reduction
 * since the base year, or average growth % since the base year), as the evaluation judges it in
 * the target year, with each point marked actual / projected / assumed. Used by the charts and
 * the 测算轨迹 sheet. Pure.
 */
import { kindOf } from '../../models/kinds';
import type { Plan, Target } from '../../models/schema';
import type { ProjectionResult, TargetEvaluation } from '../../models/types';
import type { BriefingLanguage, PercentileSet, SimulationTarget } from './types';

export type PointKind = 'actual' | 'projected' | 'assumed';

export interface TrajectoryPoint {
  year: number;
  value: number;
  kind: PointKind;
  /** an actual that is a lower bound or an approximate upper bound (下限 / 接近). */
  bound: boolean;
}

/** What the value of a trajectory measures, in words. */
export function quantityLabel(t: Target, lang: BriefingLanguage): string {
  return kindOf(t.kind).words.quantity(lang);
}

/** The years and points of a target's judged quantity, base year to target year. */
export function judgedPath(
  plan: Pick<Plan, 'series'>,
  target: Target,
  projection: ProjectionResult,
  evaluation?: TargetEvaluation | null,
): TrajectoryPoint[] {
  const s = projection.series[target.series];
  if (!s) return [];
  const def = plan.series.find((x) => x.id === target.series);
  const b = evaluation?.base_year ?? target.base_year ?? projection.base_year;
  const T = target.target_year;
  const actual = new Set(s.actual_years);
  const assumed = new Set(s.assumed_years);
  const flagged = new Set(s.flagged_years ?? []);
  const v = (y: number): number | undefined => {
    const x = s.values[y];
    return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
  };
  const point = (year: number, value: number, involved: number[]): TrajectoryPoint | null => {
    if (!Number.isFinite(value)) return null;
    const isAssumed = involved.some((y) => assumed.has(y));
    const isActual = involved.every((y) => actual.has(y));
    return {
      year,
      value,
      kind: isAssumed ? 'assumed' : isActual ? 'actual' : 'projected',
      bound: involved.some((y) => flagged.has(y)),
    };
  };
  const out: TrajectoryPoint[] = [];
  const series = def ? { derived: !!def.derived, nature: def.nature } : null;
  for (const [year, value, involved] of kindOf(target.kind).judgedPath(target, v, b, T, series)) {
    const p = point(year, value, involved);
    if (p) out.push(p);
  }
  return out;
}

export interface BandPoint {
  year: number;
  lo: number;
  hi: number;
}

const LOW_KEYS = ['p5', 'p05', 'p10', 'p25'];
const HIGH_KEYS = ['p95', 'p90', 'p75'];

function loHi(p: PercentileSet | undefined | null): [number, number] | null {
  if (!p || typeof p !== 'object') return null;
  const lo = LOW_KEYS.map((k) => p[k]).find((x) => typeof x === 'number' && Number.isFinite(x));
  const hi = HIGH_KEYS.map((k) => p[k]).find((x) => typeof x === 'number' && Number.isFinite(x));
  if (lo === undefined || hi === undefined) return null;
  return [Math.min(lo, hi), Math.max(lo, hi)];
}

/**
 * The uncertainty band of a simulated target: per year when the simulation gives percentiles per
 * year; else a wedge from the last actual (or the first point) to the target-year percentiles.
 */
export function uncertaintyBand(sim: SimulationTarget | undefined | null, path: TrajectoryPoint[], targetYear: number): BandPoint[] {
  const pct = sim?.percentiles;
  if (!pct || typeof pct !== 'object') return [];
  const keys = Object.keys(pct);
  if (keys.length > 0 && keys.every((k) => /^\d{4}$/.test(k))) {
    const out: BandPoint[] = [];
    for (const k of keys.sort()) {
      const r = loHi((pct as Record<string, PercentileSet>)[k]);
      if (r) out.push({ year: Number(k), lo: r[0], hi: r[1] });
    }
    return out;
  }
  const r = loHi(pct as PercentileSet);
  if (!r) return [];
  const anchors = path.filter((p) => p.kind === 'actual' && p.year < targetYear);
  const from = anchors.length > 0 ? anchors[anchors.length - 1] : path.find((p) => p.year < targetYear);
  const out: BandPoint[] = [];
  if (from) out.push({ year: from.year, lo: from.value, hi: from.value });
  out.push({ year: targetYear, lo: r[0], hi: r[1] });
  return out;
}
