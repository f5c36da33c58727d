/**
 * Ranges on the inputs a plan takes as given: assumed base values and bound-type actuals (issue 17
 * item 3). With `base_ranges: 'on'` a simulation draws, besides the assumptions' ranges,
 *
 * - each assumed base value (a base-year value set on the assumption, not backed by an actual)
 *   from a normal distribution centred on it whose 90% range is ±w of it, w by the reliability of
 *   its source (BASE_RANGE_WIDTH); an assumption carries no reliability field, so an assumed base
 *   is `assumed` (±10%). The base of an index defined as 100 in a year (unit like 2023年=100) is a
 *   definition, not an estimate, and is never drawn. A drawn base is kept within the series' bounds;
 * - each bound-type actual: a lower bound (≥X, e.g. 突破2000亿元) as X·(1 + U(0, w)), always at or
 *   above X; an approximate upper bound (接近X, e.g. 接近千亿) as X·(1 − U(0, w)), always at or
 *   below X; w by the source's reliability (BOUND_RANGE_WIDTH).
 *
 * Every input has its own xoshiro128** stream named `base:<series>` or `bound:<series>:<period>`
 * under the simulation's seed: switching the ranges on or off, or adding one, leaves every other
 * stream (the macro shock, the assumptions', the groups') unchanged (common random numbers).
 *
 * The default is off: the probabilities a planner has seen (and the golden corpus) are those of
 * the ranges the planner set; the base ranges are a what-if that shows what the assumed inputs
 * cost in probability. Pure: no Node, no DOM, no clock.
 */
import type { Actual, Reliability } from './schema';
import type { ProjectionInput } from './types';
import { F_ASSUMED, F_BOUND, F_BELOW, type Ctx } from './context';
import { Rng, deriveSeed } from './random';

export type BaseRanges = 'off' | 'on';

/** The reliability of an assumed base value: it has no source of its own. */
export type BaseReliability = Reliability | 'assumed';

/** Half-width of the 90% range of an assumed base value, relative to it, by reliability. */
export const BASE_RANGE_WIDTH: Readonly<Record<BaseReliability, number>> = {
  assumed: 0.1,
  low: 0.1,
  internal: 0.1,
  mirror: 0.05,
  secondary: 0.05,
  official: 0.02,
};

/** Width of the uniform range beyond a bound-type actual, relative to the bound, by reliability. */
export const BOUND_RANGE_WIDTH: Readonly<Record<Reliability, number>> = {
  low: 0.1,
  internal: 0.1,
  mirror: 0.05,
  secondary: 0.05,
  official: 0.02,
};

/** z of the 95th percentile of N(0, 1): a 90% range of ±w is sd = w / Z90. */
const Z90 = 1.6448536269514722;

export interface BaseRangeInput {
  /** stream name: base:<series> or bound:<series>:<period> */
  key: string;
  series: string;
  /** series index */
  s: number;
  kind: 'assumed_base' | 'lower_bound' | 'approx_below';
  year: number;
  period: string;
  /** the value in the plan (the centre, or the bound) */
  value: number;
  reliability: BaseReliability;
  /** relative width (90% half-width for a base, uniform width beyond a bound) */
  width: number;
  distribution: 'normal' | 'uniform';
  /** the 90% range (a base) or the whole range (a bound) of the drawn value */
  low: number;
  high: number;
  /** the actual record in force (bound kinds) */
  record?: Actual;
}

/** The summary a simulation result gives of each drawn input (no record). */
export type BaseRangeSummary = Omit<BaseRangeInput, 'record' | 's'>;

/** An index series defined as 100 in a year: its base is a definition. */
function isDefinedIndex(unit: string, base: number): boolean {
  return base === 100 && /=\s*100/.test(unit);
}

/** The assumed base values and bound-type actuals of a projected input, in plan order. */
export function baseRangeInputs(ctx: Ctx): BaseRangeInput[] {
  const out: BaseRangeInput[] = [];
  const { nY, W0, B } = ctx;
  for (let s = 0; s < ctx.ids.length; s++) {
    if (ctx.derived[s]) continue;
    const id = ctx.ids[s];
    const def = ctx.defs[s];
    const bounds = def.bounds ? [Math.min(def.bounds[0], def.bounds[1]), Math.max(def.bounds[0], def.bounds[1])] : null;
    const bi = s * nY + (B - W0);
    const a = ctx.asm[s];
    if (B >= W0 && ctx.flags[bi] & F_ASSUMED && a && typeof a.base_value === 'number' && !isDefinedIndex(def.unit, a.base_value)) {
      const v = a.base_value;
      const w = BASE_RANGE_WIDTH.assumed;
      let low = v - Math.abs(v) * w;
      let high = v + Math.abs(v) * w;
      if (bounds) {
        low = Math.min(Math.max(low, bounds[0]), bounds[1]);
        high = Math.min(Math.max(high, bounds[0]), bounds[1]);
      }
      if (v !== 0)
        out.push({
          key: `base:${id}`,
          series: id,
          s,
          kind: 'assumed_base',
          year: B,
          period: String(B),
          value: v,
          reliability: 'assumed',
          width: w,
          distribution: 'normal',
          low,
          high,
        });
    }
    const { years, recs } = ctx.actuals[s];
    for (let k = 0; k < years.length; k++) {
      const y = years[k];
      if (y < W0 || y > ctx.H) continue;
      const f = ctx.flags[s * nY + (y - W0)];
      if (!(f & F_BOUND)) continue;
      const r = recs[k];
      const below = (f & F_BELOW) !== 0;
      const w = BOUND_RANGE_WIDTH[r.source.reliability] ?? BOUND_RANGE_WIDTH.low;
      const x = r.value;
      const far = below ? x - Math.abs(x) * w : x + Math.abs(x) * w;
      out.push({
        key: `bound:${id}:${r.period}`,
        series: id,
        s,
        kind: below ? 'approx_below' : 'lower_bound',
        year: y,
        period: r.period,
        value: x,
        reliability: r.source.reliability,
        width: w,
        distribution: 'uniform',
        low: Math.min(x, far),
        high: Math.max(x, far),
        record: r,
      });
    }
  }
  return out;
}

export function summariseBaseInputs(inputs: readonly BaseRangeInput[]): BaseRangeSummary[] {
  return inputs.map(({ record: _r, s: _s, ...rest }) => rest);
}

/**
 * Draws [lo, hi) of every input into cols (one column per input), each from its own named stream.
 * A base: value·(1 + (w / z90)·e), e ~ N(0, 1), kept within [low, high] of the bounds; a lower
 * bound: X·(1 + w·u); an approximate upper bound: X·(1 − w·u), u ~ U(0, 1).
 */
export class BaseRangeSampler {
  private readonly streams: Rng[];

  constructor(
    private readonly inputs: readonly BaseRangeInput[],
    seed: number,
    private readonly bounds: readonly ([number, number] | null)[],
  ) {
    this.streams = inputs.map((b) => new Rng(deriveSeed(seed, b.key)));
  }

  fill(cols: Float64Array[], lo: number, hi: number): void {
    for (let k = 0; k < this.inputs.length; k++) {
      const b = this.inputs[k];
      const col = cols[k];
      const rng = this.streams[k];
      const x = b.value;
      const ax = Math.abs(x);
      if (b.kind === 'assumed_base') {
        // the normals straight into the column, then scaled in place (no second buffer)
        rng.fillNormal(col, lo, hi);
        const sd = (ax * b.width) / Z90;
        const bd = this.bounds[k];
        if (bd) {
          const b0 = bd[0];
          const b1 = bd[1];
          for (let d = lo; d < hi; d++) {
            const v = x + sd * col[d];
            col[d] = v < b0 ? b0 : v > b1 ? b1 : v;
          }
        } else for (let d = lo; d < hi; d++) col[d] = x + sd * col[d];
      } else {
        const span = ax * b.width * (b.kind === 'approx_below' ? -1 : 1);
        for (let d = lo; d < hi; d++) col[d] = x + span * rng.nextOpen();
      }
    }
  }
}

/** The series bounds of each input, as the sampler keeps a drawn base within them. */
export function inputBounds(ctx: Ctx, inputs: readonly BaseRangeInput[]): ([number, number] | null)[] {
  return inputs.map((b) => {
    if (b.kind !== 'assumed_base') return null;
    const bd = ctx.defs[b.s].bounds;
    return bd ? [Math.min(bd[0], bd[1]), Math.max(bd[0], bd[1])] : null;
  });
}

/**
 * The input of one draw: the assumptions with their drawn base values, and the bound actuals with
 * their drawn values as input actuals (the same vintage, given after: they take the record's place).
 */
export function withBaseDraws(
  input: ProjectionInput,
  assumptions: ProjectionInput['assumptions'],
  inputs: readonly BaseRangeInput[],
  values: (k: number) => number,
): ProjectionInput {
  const acts: Actual[] = [];
  for (let k = 0; k < inputs.length; k++) {
    const b = inputs[k];
    if (b.kind === 'assumed_base') {
      const a = assumptions[b.series];
      if (a) assumptions[b.series] = { ...a, base_value: values(k) };
    } else if (b.record) {
      acts.push({ ...b.record, value: values(k) });
    }
  }
  return { ...input, assumptions, actuals: acts.length ? [...(input.actuals ?? []), ...acts] : input.actuals };
}

/** The series with a drawn input (for which targets have a range when the base ranges are on). */
export function seriesWithBaseRanges(ctx: Ctx): Set<string> {
  return new Set(baseRangeInputs(ctx).map((b) => b.series));
}

/** The draws of every base-range input alone (the numbers a simulation with the same seed uses). */
export function sampleBaseRanges(ctx: Ctx, draws: number, seed: number): { inputs: BaseRangeInput[]; values: Float64Array[] } {
  const inputs = baseRangeInputs(ctx);
  const values = inputs.map(() => new Float64Array(draws));
  new BaseRangeSampler(inputs, seed >>> 0, inputBounds(ctx, inputs)).fill(values, 0, draws);
  return { inputs, values };
}
