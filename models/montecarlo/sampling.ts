/**
 * The parameter draws: the macro shock, each assumption's own stream and the correlation groups.
 * Part of the Monte Carlo simulation (models/montecarlo.ts describes it).
 */
import { groupsInForce, type GroupInForce } from '../correlation';
import { projectGrid } from '../engine';
import { Rng, deriveSeed } from '../random';
import { type CorrelationGroup } from '../schema';
import { clampToDomain, mapStandardNormals } from '../uncertainty';
import { checkDraws, groupsOf, checkSeed } from './checks';
import { type UncertainParam, uncertainParams } from './evaluator';
import { type SimulationInput } from './result';

/** Moves x into the parameter's valid values; returns NaN for NaN. */
const clampDomain = clampToDomain;

/**
 * The parameter draws: the macro shock Z and each assumption's own e_i from their own streams,
 * u_i = c_i Z + sqrt(1 - c_i²) e_i, mapped through the distribution's inverse CDF, then moved into
 * the parameter's valid values (counted in `clamped`).
 */
export class ParameterSampler {
  private readonly macro: Rng;
  private readonly streams: Rng[];
  private readonly z: Float64Array;
  private readonly e: Float64Array;
  private readonly u: Float64Array;
  /** per parameter: its group (-1: none or loading 0) */
  private readonly groupOf: Int32Array;
  /** per group with a loading above 0: its factor stream and column (null otherwise) */
  private readonly factors: ({ rng: Rng; f: Float64Array; loading: number; rest: number } | null)[];
  readonly groups: GroupInForce[];
  readonly clamped = new Map<string, number>();

  constructor(
    private readonly params: UncertainParam[],
    seed: number,
    n: number,
    groups: readonly CorrelationGroup[] = [],
  ) {
    this.macro = new Rng(deriveSeed(seed, 'macro'));
    // every stream is named by what it draws for (a series, a group): common random numbers
    this.streams = params.map((p) => new Rng(deriveSeed(seed, `param:${p.id}`)));
    this.z = new Float64Array(n);
    this.e = new Float64Array(n);
    this.u = new Float64Array(n);
    const gf = groupsInForce(
      groups,
      params.map((p) => p.id),
    );
    this.groups = gf.groups;
    this.factors = gf.groups.map((g) =>
      g.loading > 0 && g.members.length > 0
        ? {
            rng: new Rng(deriveSeed(seed, `group:${g.id}`)),
            f: new Float64Array(n),
            loading: g.loading,
            rest: Math.sqrt(1 - g.loading * g.loading),
          }
        : null,
    );
    this.groupOf = gf.of.map((g) => (g >= 0 && this.factors[g] ? g : -1));
  }

  /** Writes draws [lo, hi) of every parameter into cols (one column per parameter). */
  fill(cols: Float64Array[], lo: number, hi: number): void {
    const { z, e, u, params } = this;
    this.macro.fillNormal(z, lo, hi);
    for (const g of this.factors) if (g) g.rng.fillNormal(g.f, lo, hi);
    for (let k = 0; k < params.length; k++) {
      const p = params[k];
      const col = cols[k];
      const spec = p.spec;
      const c = spec.correlation;
      const w = Math.sqrt(1 - c * c);
      // the assumption's own stream (its e is not needed when it loads fully on the shock)
      if (spec.low === spec.high) {
        // a point: its own stream is not needed (no other parameter reads it)
        col.fill(spec.low, lo, hi);
      } else {
        if (w !== 0) this.streams[k].fillNormal(e, lo, hi);
        const g = w !== 0 && this.groupOf[k] >= 0 ? this.factors[this.groupOf[k]] : null;
        if (spec.distribution === 'normal') {
          mixNormals(col, lo, hi, spec.mean, spec.sd, c, w, z, e, g);
        } else {
          mixNormals(u, lo, hi, 0, 1, c, w, z, e, g);
          mapStandardNormals(spec, u, lo, hi, col);
        }
      }
      // into the parameter's valid values
      const dom = p.info.domain;
      const min = dom.min;
      const max = dom.max;
      let nc = 0;
      if (dom.open_min ? min > Number.NEGATIVE_INFINITY : true) {
        for (let d = lo; d < hi; d++) {
          const x = col[d];
          if (dom.open_min ? !(x > min) : !(x >= min)) {
            const y = clampDomain(x, p.info);
            if (y !== x) {
              col[d] = y;
              nc++;
            }
          }
        }
      }
      if (max < Number.POSITIVE_INFINITY) {
        for (let d = lo; d < hi; d++) {
          const x = col[d];
          if (dom.open_max ? !(x < max) : !(x <= max)) {
            const y = clampDomain(x, p.info);
            if (y !== x) {
              col[d] = y;
              nc++;
            }
          }
        }
      }
      if (nc) this.clamped.set(p.id, (this.clamped.get(p.id) ?? 0) + nc);
    }
  }
}

/**
 * out[d] = m + sd·(c·z[d] + w·v[d]) for d in [lo, hi), with v = e, or v = λ·f + √(1 − λ²)·e for a
 * member of a correlation group g (e unused when w = 0). The cases without a macro loading or
 * without an own part skip the terms that are exactly zero (the same doubles).
 */
function mixNormals(
  out: Float64Array,
  lo: number,
  hi: number,
  m: number,
  sd: number,
  c: number,
  w: number,
  z: Float64Array,
  e: Float64Array,
  g: { f: Float64Array; loading: number; rest: number } | null,
): void {
  if (w === 0) {
    for (let d = lo; d < hi; d++) out[d] = m + sd * (c * z[d]);
  } else if (g) {
    const f = g.f;
    const l = g.loading;
    const r = g.rest;
    if (c === 0) for (let d = lo; d < hi; d++) out[d] = m + sd * (l * f[d] + r * e[d]);
    else for (let d = lo; d < hi; d++) out[d] = m + sd * (c * z[d] + w * (l * f[d] + r * e[d]));
  } else if (c === 0) {
    for (let d = lo; d < hi; d++) out[d] = m + sd * e[d];
  } else {
    for (let d = lo; d < hi; d++) out[d] = m + sd * (c * z[d] + w * e[d]);
  }
}

/**
 * The parameter draws of a simulation alone (the same numbers simulatePlan uses for the same input
 * and seed): per uncertain assumption, in plan order, one value per draw.
 */
export function sampleParameters(input: Omit<SimulationInput, 'onProgress' | 'joint'>): {
  series: string[];
  values: Float64Array[];
  clamped_draws: Record<string, number>;
} {
  const N = checkDraws(input.draws);
  const seed = checkSeed(input.seed);
  const params = uncertainParams(projectGrid(input).ctx);
  const sampler = new ParameterSampler(params, seed, N, groupsOf(input));
  const values = params.map(() => new Float64Array(N));
  sampler.fill(values, 0, N);
  return { series: params.map((p) => p.id), values, clamped_draws: Object.fromEntries(sampler.clamped) };
}
