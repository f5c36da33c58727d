/**
 * The compiled program: the series an uncertain assumption reaches, their steps and the cells that
 * vary between draws; the pool of arrays of replaced programs.
 * Part of the Monte Carlo simulation (models/montecarlo.ts describes it).
 */
import { levelFloors } from '../anchors';
import { type BaseRangeInput } from '../base-ranges';
import { F_OWN } from '../context';
import { publishedAnchor } from '../derive';
import { type EngineGrid } from '../engine';
import { anchorIndex } from '../growth/index';
import { yoyFactor } from '../published';
import { isNowcast } from '../records';
import { type GrowthModel } from '../schema';
import { uncertainParameter } from '../uncertainty';
import { type CompiledEvaluator } from './compiled';
import { type UncertainParam, uncertainParams, type TargetDef, targetDefs } from './evaluator';

export type Step =
  | { kind: 'base'; s: number; last: number; model: GrowthModel; bounds: [number, number] | null; param: number; rebase: Rebase | null }
  | { kind: 'empty'; s: number }
  | { kind: 'ratio'; s: number; num: number; den: number; scale: number; own: Uint8Array; anchor: Int32Array; yoy: Float64Array }
  | { kind: 'deflate'; s: number; nom: number; defl: number; own: Uint8Array; anchor: Int32Array; yoy: Float64Array }
  | { kind: 'cumsum'; s: number; flow: number; from: number; run0: number; ok0: boolean; own: Uint8Array };

/**
 * The known cells of a series up to its anchor when some are drawn (models/base-ranges.ts): per
 * draw, the known values (the drawn ones from their columns) and the gap fill between them, as
 * the engine's projectBaseSeries does (geometric between two positive values, else linear).
 */
export interface Rebase {
  /** window indices of the known cells (own actuals, the assumed base), ascending, up to the anchor */
  known: Int32Array;
  /** per known cell: the base-range input drawn there, or -1 (its value below) */
  input: Int32Array;
  /** per known cell: the record's value or the assumed base */
  value: Float64Array;
  /** month-end floors at or before the anchor that may raise a cell */
  floors: { i: number; value: number }[];
}

export interface Program {
  key: string;
  /** the assumed base values and bound actuals drawn (base ranges on), else [] */
  bases: readonly BaseRangeInput[];
  grid: EngineGrid;
  params: UncertainParam[];
  /** per series: index into params, or -1 */
  paramOf: Int32Array;
  /** per series: recomputed per draw */
  dyn: Uint8Array;
  /** per series: needs a [year][draw] block (dyn, or read by a kernel) */
  block: Uint8Array;
  steps: Step[];
  /** per series and window year: may differ between draws (false: the grid's value in every draw) */
  varies: Uint8Array;
  targets: TargetDef[];
  evaluators: Map<number, CompiledEvaluator>;
}

export class Unsupported extends Error {}

/** The owner of the arrays of a replaced program: no run may use them any more. */
export const RELEASED = {};

/**
 * Float64Arrays of replaced programs, by length, for the next program of the same plan (a planner
 * moving a slider recompiles the program; the arrays of the last one are reused). Bounded.
 */
const blockPool = new Map<number, Float64Array[]>();
let pooledBytes = 0;
const POOL_LIMIT = 64 * 1024 * 1024;

export function takeBlock(length: number): Float64Array {
  const list = blockPool.get(length);
  const b = list?.pop();
  if (b) {
    pooledBytes -= b.byteLength;
    return b;
  }
  return new Float64Array(length);
}

export function giveBlock(b: Float64Array): void {
  if (pooledBytes + b.byteLength > POOL_LIMIT) return;
  let list = blockPool.get(b.length);
  if (!list) {
    list = [];
    blockPool.set(b.length, list);
  }
  list.push(b);
  pooledBytes += b.byteLength;
}

/** The model's own value of the parameter a kernel reads (elasticity, decay rate, ...). */
function ownParam(m: GrowthModel): number {
  return uncertainParameter(m).value;
}

export function compile(grid: EngineGrid, key: string, bases: readonly BaseRangeInput[] = []): Program {
  const { ctx, order } = grid;
  const n = ctx.ids.length;
  const params = uncertainParams(ctx);
  const paramOf = new Int32Array(n).fill(-1);
  params.forEach((p, k) => (paramOf[p.s] = k));
  const drawnAt = new Map<number, Map<number, number>>();
  bases.forEach((b, k) => {
    let m = drawnAt.get(b.s);
    if (!m) drawnAt.set(b.s, (m = new Map()));
    m.set(b.year - ctx.W0, k);
  });
  const dyn = new Uint8Array(n);
  const block = new Uint8Array(n);
  const steps: Step[] = [];
  const own = (s: number): Uint8Array => {
    const o = new Uint8Array(ctx.nY);
    for (let i = 0; i < ctx.nY; i++) o[i] = ctx.flags[s * ctx.nY + i] & F_OWN ? 1 : 0;
    return o;
  };
  for (let k = 0; k < n; k++) {
    const s = order[k];
    const d = ctx.derived[s];
    if (d) {
      const ins = d.type === 'ratio' ? [d.numerator, d.denominator] : d.type === 'deflate' ? [d.nominal, d.deflator] : [d.of];
      const idx = ins.map((x) => ctx.index.get(x) as number);
      if (!idx.some((x) => dyn[x])) continue;
      dyn[s] = 1;
      for (const x of idx) block[x] = 1;
      // a published figure of the series anchors its later years (derive.ts): the window index per year, or -1
      const anchor = Int32Array.from({ length: ctx.nY }, (_, i) => publishedAnchor(ctx, s, i));
      // a year built from a published growth rate follows the previous year of each draw (models/published.ts)
      const yoy = Float64Array.from({ length: ctx.nY }, (_, i) => {
        const k = i > 0 ? yoyFactor(ctx, s, i) : Number.NaN;
        return !Number.isNaN(k) && ctx.flags[s * ctx.nY + i] & F_OWN && !ctx.actuals[s].years.includes(ctx.W0 + i) ? k : Number.NaN;
      });
      const ownCells = own(s);
      for (let i = 0; i < ctx.nY; i++) if (!Number.isNaN(yoy[i])) ownCells[i] = 0;
      if (d.type === 'ratio') steps.push({ kind: 'ratio', s, num: idx[0], den: idx[1], scale: d.scale ?? 1, own: ownCells, anchor, yoy });
      else if (d.type === 'deflate') steps.push({ kind: 'deflate', s, nom: idx[0], defl: idx[1], own: ownCells, anchor, yoy });
      else {
        const f = idx[0];
        let run0 = 0;
        let ok0 = true;
        if (d.from_year < ctx.W0) {
          const { years, recs } = ctx.actuals[f];
          for (let y = d.from_year; y < ctx.W0; y++) {
            const j = years.indexOf(y);
            if (j < 0) {
              ok0 = false;
              break;
            }
            run0 += recs[j].value;
          }
        }
        steps.push({ kind: 'cumsum', s, flow: f, from: d.from_year, run0, ok0, own: own(s) });
      }
      continue;
    }
    const a = ctx.asm[s];
    const drv = ctx.driver[s];
    const drawn = drawnAt.get(s);
    const uncertain = paramOf[s] >= 0 || !!drawn;
    if (!uncertain && !(drv >= 0 && dyn[drv])) continue;
    dyn[s] = 1;
    const last = anchorIndex(ctx, s);
    if (last < 0 || !a) {
      steps.push({ kind: 'empty', s });
      continue;
    }
    if (drv >= 0) block[drv] = 1;
    const bounds = ctx.defs[s].bounds;
    let rebase: Rebase | null = null;
    if (drawn) {
      // a model that reads more than the anchor (a trend fitted to the actuals, a logistic that
      // refuses an anchor above its ceiling), or month-end floors before the anchor: per draw
      if (a.model.type === 'trend') throw new Unsupported(`base ranges: ${ctx.ids[s]} ${a.model.type}`);
      // the known cells as projectBaseSeries writes them: the own actuals, the assumed base
      const { years, recs } = ctx.actuals[s];
      const value = new Map<number, number>();
      const own = new Map<number, boolean>();
      for (let k = 0; k < years.length; k++) {
        const i = years[k] - ctx.W0;
        if (years[k] > ctx.H || i < 0 || i > last) continue;
        value.set(i, recs[k].value);
        own.set(i, !isNowcast(recs[k]));
      }
      const bi = ctx.B - ctx.W0;
      if (!value.has(bi) && bi >= 0 && bi <= last && a.base_value !== null && a.base_value !== undefined) value.set(bi, a.base_value);
      const known = [...value.keys()].sort((x, y) => x - y);
      const input = known.map((i) => drawn.get(i) ?? -1);
      if (drawn.size !== input.filter((x) => x >= 0).length) throw new Unsupported(`base ranges: ${ctx.ids[s]} cells`);
      // month-end floors up to the anchor (models/anchors.ts): not on an own published actual
      const floorsBefore = levelFloors(ctx, s).filter((f) => f.i <= last && !own.get(f.i));
      rebase = {
        known: Int32Array.from(known),
        input: Int32Array.from(input),
        value: Float64Array.from(known, (i) => value.get(i) as number),
        floors: floorsBefore.map((f) => ({ i: f.i, value: f.value })),
      };
    }
    steps.push({
      kind: 'base',
      s,
      last,
      model: a.model,
      bounds: bounds ? [Math.min(bounds[0], bounds[1]), Math.max(bounds[0], bounds[1])] : null,
      param: ownParam(a.model),
      rebase,
    });
  }
  for (let s = 0; s < n; s++) if (dyn[s]) block[s] = 1;
  const varies = new Uint8Array(n * ctx.nY);
  const nY = ctx.nY;
  const anyVaries = (s: number) => varies.subarray(s * nY, (s + 1) * nY).some((x) => x === 1);
  for (const st of steps) {
    const row = st.s * nY;
    for (let i = 0; i < nY; i++) {
      let v = false;
      switch (st.kind) {
        case 'base':
          v = i > st.last || (st.rebase !== null && i >= st.rebase.known[0]);
          break;
        case 'ratio': {
          const a = st.anchor[i];
          v =
            (!Number.isNaN(st.yoy[i]) && varies[row + i - 1] === 1) ||
            (!st.own[i] && Number.isNaN(st.yoy[i]) && a >= 0 && varies[row + a] === 1) ||
            (!st.own[i] &&
              Number.isNaN(st.yoy[i]) &&
              (varies[st.num * nY + i] === 1 ||
                varies[st.den * nY + i] === 1 ||
                (a >= 0 && (varies[st.num * nY + a] === 1 || varies[st.den * nY + a] === 1))));
          break;
        }
        case 'deflate': {
          const a = st.anchor[i];
          v =
            (!Number.isNaN(st.yoy[i]) && varies[row + i - 1] === 1) ||
            (!st.own[i] && Number.isNaN(st.yoy[i]) && a >= 0 && varies[row + a] === 1) ||
            (!st.own[i] &&
              Number.isNaN(st.yoy[i]) &&
              (varies[st.nom * nY + i] === 1 ||
                varies[st.defl * nY + i] === 1 ||
                varies[st.defl * nY + ctx.B - ctx.W0] === 1 ||
                (a >= 0 && (varies[st.nom * nY + a] === 1 || varies[st.defl * nY + a] === 1))));
          break;
        }
        case 'cumsum':
          v = !st.own[i] && anyVaries(st.flow);
          break;
        case 'empty':
          v = false;
      }
      varies[row + i] = v ? 1 : 0;
    }
  }
  return { key, bases, grid, params, paramOf, dyn, block, steps, varies, targets: targetDefs(grid), evaluators: new Map() };
}
