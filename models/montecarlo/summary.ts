/**
 * The statistics of a simulation: percentiles of every series and target, probabilities, the
 * uncertain assumptions in force.
 * Part of the Monte Carlo simulation (models/montecarlo.ts describes it).
 */
import { type Evaluator } from './evaluator';
import { PERCENTILES_DEF, type Percentiles, PercentileScratch } from './percentiles';
import { type SimulationInput, type TargetSimulation, type UncertainSummary, type SimulationResult } from './result';
import { type ParameterSampler } from './sampling';

function countFinite(a: Float64Array, off: number, n: number): number {
  let c = 0;
  for (let k = 0; k < n; k++) {
    const v = a[off + k];
    if (v - v === 0) c++;
  }
  return c;
}

function pctObject(o: Float64Array): Percentiles {
  return { p5: o[0], p25: o[1], p50: o[2], p75: o[3], p95: o[4] };
}

function constPct(v: number): Percentiles {
  return { p5: v, p25: v, p50: v, p75: v, p95: v };
}

export function summarise(
  ev: Evaluator,
  input: SimulationInput,
  N: number,
  seed: number,
  done: number,
  metCount: Float64Array,
  jointCount: number | null,
  sampler: ParameterSampler,
  cancelled: boolean,
): SimulationResult {
  const clamped = sampler.clamped;
  const ctx = ev.ctx;
  const { nY, W0, Y0 } = ctx;
  const scratch = new PercentileScratch(done);
  const series: Record<string, Record<number, Percentiles>> = {};
  const seriesPct: (Percentiles | null)[][] = [];
  for (let s = 0; s < ctx.ids.length; s++) {
    const rec: Record<number, Percentiles> = {};
    const row: (Percentiles | null)[] = new Array(nY).fill(null);
    const b = ev.seriesBlock(s);
    for (let i = 0; i < nY; i++) {
      let p: Percentiles | null = null;
      if (b && ev.cellVaries(s, i)) {
        if (done > 0 && scratch.compute(b, i * N, done) > 0) p = pctObject(scratch.out);
      } else {
        const v = ctx.vals[s * nY + i];
        if (!Number.isNaN(v) && done > 0) p = constPct(v);
      }
      row[i] = p;
      if (p && W0 + i >= Y0) rec[W0 + i] = p;
    }
    seriesPct.push(row);
    series[ctx.ids[s]] = rec;
  }
  const targets: TargetSimulation[] = ev.targets.map((td, k) => {
    const percentiles: Record<number, Percentiles> = {};
    const tb = ev.targetBlock(k);
    const view = ev.targetView(k);
    const cv = tb ? null : ev.targetConst(k);
    let valid = 0;
    for (let y = td.b; y <= td.T; y++) {
      const i = y - td.b;
      let p: Percentiles | null = null;
      let m = 0;
      if (view >= 0) {
        p = seriesPct[view][y - W0];
        if (y === td.T && p) m = countFinite(tb as Float64Array, i * N, done);
      } else if (tb) {
        if (done > 0) {
          m = scratch.compute(tb, i * N, done);
          if (m > 0) p = pctObject(scratch.out);
        }
      } else {
        const v = (cv as Float64Array)[i];
        if (!Number.isNaN(v) && done > 0) {
          p = constPct(v);
          m = done;
        }
      }
      if (y === td.T) valid = m;
      if (p) percentiles[y] = p;
    }
    const pm = done > 0 ? metCount[k] / done : 0;
    return {
      id: td.id,
      kind: td.t.kind,
      target_year: td.T,
      percentiles,
      p_meet: pm,
      p_meet_se: done > 0 ? Math.sqrt((pm * (1 - pm)) / done) : 0,
      valid_draws: valid,
    };
  });
  const uncertain: UncertainSummary[] = ev.params.map((p) => ({
    series: p.id,
    model: p.model.type,
    parameter: p.info.parameter,
    how: p.info.how,
    distribution: p.spec.distribution,
    low: p.spec.low,
    high: p.spec.high,
    confidence: p.spec.confidence,
    correlation: p.spec.correlation,
    central: p.spec.median,
    scenario_value: p.info.value,
    recentred: p.range.recentred,
    pinned: p.range.pinned,
    stored_low: p.range.stored_low,
    stored_high: p.range.stored_high,
  }));
  return {
    draws: N,
    seed,
    percentiles_def: PERCENTILES_DEF,
    targets,
    series,
    p_joint: jointCount === null ? null : done > 0 ? jointCount / done : 0,
    cancelled,
    draws_done: done,
    uncertain,
    clamped_draws: Object.fromEntries(clamped),
    invalid_draws: Object.fromEntries(ev.invalid),
    method: ev.method,
    correlation_groups: sampler.groups,
  };
}
