/**
 * Which verdicts flip if the assumed base values move ±5% / ±10%: the scenario re-evaluated with the
 * assumed bases a verdict rests on scaled, the rest unchanged. Pure (no Node, no DOM, no clock).
 */
import type { Assumption, Plan, Status } from './schema';
import type { ProjectionInput, ProjectionResult } from './types';
import { projectPlan } from './engine';
import { verdictProvenance } from './provenance';

/** The moves tried: −10%, −5%, +5%, +10% of each assumed base value. */
export const BASE_SHIFTS = [-0.1, -0.05, 0.05, 0.1] as const;

export interface BaseShiftResult {
  id: string;
  status: Status;
  /** the assumed bases moved for this target: the plain series on its judged side (a share's
   * numerator, an intensity's energy, a level's own series), with their assumed base values. */
  bases: { series: string; value: number }[];
  /** the status under each move, in the order of `shifts`. */
  shifted: { shift: number; status: Status }[];
  /** true where any move changes the status. */
  flips: boolean;
}

/** The plain series on the judged side of a series: a ratio's numerator, a deflated nominal, a sum's flow. */
function judgedSide(plan: Plan, series: string, depth = 0): string[] {
  const d = plan.series.find((s) => s.id === series)?.derived ?? null;
  if (!d || depth > 20) return [series];
  if (d.type === 'ratio') return judgedSide(plan, d.numerator, depth + 1);
  if (d.type === 'deflate') return judgedSide(plan, d.nominal, depth + 1);
  return judgedSide(plan, d.of, depth + 1);
}

/**
 * For every target whose verdict rests on an assumed base value: its status when the assumed bases
 * on its judged side are scaled by 1+shift, each shift in turn, the rest of the scenario unchanged.
 * One projection per distinct set of bases and shift (at most targets x shifts). Pure.
 */
export function baseShiftVerdicts(input: ProjectionInput, shifts: readonly number[] = BASE_SHIFTS): BaseShiftResult[] {
  const plan = input.plan;
  const base = projectPlan(input);
  const assumptions = input.assumptions;
  const cache = new Map<string, ProjectionResult>();
  const out: BaseShiftResult[] = [];
  for (const ev of base.targets) {
    const prov = verdictProvenance(plan, base, ev);
    if (!prov.assumed_base) continue;
    const side = new Set(judgedSide(plan, ev.series));
    const bases = prov.inputs
      .filter((i) => i.basis === 'assumed_base' && i.roles.includes('base') && side.has(i.series))
      .map((i) => ({ series: i.series, a: assumptions[i.series] }))
      .filter((x): x is { series: string; a: Assumption } => !!x.a && x.a.base_value !== null && x.a.base_value !== undefined)
      .map((x) => ({ series: x.series, value: x.a.base_value as number }));
    if (bases.length === 0) continue;
    const key = bases.map((b) => b.series).join(',');
    const shifted = shifts.map((shift) => {
      const ck = `${key}|${shift}`;
      let r = cache.get(ck);
      if (!r) {
        const moved: Record<string, Assumption> = { ...assumptions };
        for (const b of bases) moved[b.series] = { ...assumptions[b.series], base_value: b.value * (1 + shift) };
        r = projectPlan({ ...input, assumptions: moved });
        cache.set(ck, r);
      }
      const sev = r.targets.find((t) => t.id === ev.id);
      return { shift, status: sev ? sev.status : ('no_data' as Status) };
    });
    out.push({ id: ev.id, status: ev.status, bases, shifted, flips: shifted.some((s) => s.status !== ev.status) });
  }
  return out;
}
