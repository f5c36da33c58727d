/**
 * Compare logic: which targets differ between scenarios, and a one-at-a-time attribution of an
 * assumption diff (A's assumptions with one series switched to B's: how each target moves).
 * Pure: unit-tested in Node.
 */
import { projectPlan } from '../../../models/engine';
import type { Actual, Assumption, EvalSettings, Plan, Status } from '../../../models/schema';
import type { ProjectionResult, ResolvedAssumption } from '../../../models/types';

const EPS = 1e-9;

/** Targets whose projected value or status differs between any of the results. */
export function differingTargets(plan: Pick<Plan, 'targets'>, results: readonly ProjectionResult[]): Set<string> {
  const out = new Set<string>();
  if (results.length < 2) return out;
  for (const t of plan.targets) {
    const evs = results.map((r) => r.targets.find((e) => e.id === t.id));
    const ref = evs[0];
    for (const e of evs.slice(1)) {
      if (!ref || !e) {
        if (ref !== e) out.add(t.id);
        continue;
      }
      const a = ref.projected;
      const b = e.projected;
      const valueDiffers = (a === null) !== (b === null) || (a !== null && b !== null && Math.abs(a - b) > EPS * Math.max(1, Math.abs(a)));
      if (valueDiffers || ref.status !== e.status) out.add(t.id);
    }
  }
  return out;
}

export interface TargetMove {
  target: string;
  change: number;
  statusFrom: Status;
  statusTo: Status;
}

type AssumptionMap = Record<string, ResolvedAssumption | Assumption>;

/**
 * For each differing series: the targets that move when only that series' assumption is
 * switched from A's to B's, biggest relative move first.
 */
export function attributeDiff(
  plan: Plan,
  a: AssumptionMap,
  b: AssumptionMap,
  series: readonly string[],
  settings: Partial<EvalSettings>,
  actuals?: Actual[],
): Record<string, TargetMove[]> {
  const out: Record<string, TargetMove[]> = {};
  let base: ProjectionResult;
  try {
    base = projectPlan({ plan, assumptions: a, settings, actuals });
  } catch {
    return out;
  }
  const baseBy = new Map(base.targets.map((e) => [e.id, e]));
  for (const s of series) {
    const swapped: AssumptionMap = { ...a };
    if (b[s]) swapped[s] = b[s];
    else delete swapped[s];
    let r: ProjectionResult;
    try {
      r = projectPlan({ plan, assumptions: swapped, settings, actuals });
    } catch {
      out[s] = [];
      continue;
    }
    const moves: (TargetMove & { rel: number })[] = [];
    for (const e of r.targets) {
      const e0 = baseBy.get(e.id);
      if (!e0 || e0.projected === null || e.projected === null) continue;
      const change = e.projected - e0.projected;
      if (Math.abs(change) <= EPS * Math.max(1, Math.abs(e0.projected))) continue;
      moves.push({
        target: e.id,
        change,
        statusFrom: e0.status,
        statusTo: e.status,
        rel: Math.abs(change) / Math.max(EPS, Math.abs(e0.projected)),
      });
    }
    moves.sort((x, y) => y.rel - x.rel);
    out[s] = moves.map(({ rel: _rel, ...m }) => m);
  }
  return out;
}
