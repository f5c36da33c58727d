/**
 * Explicit parameter sets (tornado, sensitivity matrix).
 * Part of the Monte Carlo simulation (models/montecarlo.ts describes it).
 */
import { type Target } from '../schema';
import { type ProjectionInput } from '../types';
import { type UncertainParam } from './evaluator';
import { prepare } from './prepare';

export interface ParameterSetResult {
  params: UncertainParam[];
  /** per target (plan order), per set: the judged value in the target year (NaN: none) */
  values: Float64Array[];
  targets: { id: string; t: Target }[];
}

/**
 * The judged value of every target in its target year for explicit parameter sets: sets[k] gives
 * the value of each uncertain parameter (in the order of `params`), for set k.
 */
export function evaluateParameterSets(
  input: ProjectionInput,
  build: (params: UncertainParam[]) => Float64Array[],
  options: { method?: 'auto' | 'per_draw' } = {},
): ParameterSetResult {
  const prep = prepare(input, options.method ?? 'auto');
  const sets = build(prep.params);
  const N = Math.max(1, sets.length);
  const ev = prep.make(N, true);
  for (let k = 0; k < ev.params.length; k++) {
    const col = ev.pcols[k];
    for (let d = 0; d < sets.length; d++) col[d] = sets[d][k];
  }
  ev.run(0, sets.length);
  const values = ev.targets.map((td, k) => {
    const out = new Float64Array(sets.length);
    const tb = ev.targetBlock(k);
    const o = (td.T - td.b) * N;
    if (td.nYears === 0) out.fill(Number.NaN);
    else if (tb) for (let d = 0; d < sets.length; d++) out[d] = tb[o + d];
    else out.fill(ev.targetConst(k)[td.T - td.b]);
    return out;
  });
  return { params: ev.params, values, targets: ev.targets.map((t) => ({ id: t.id, t: t.t })) };
}
