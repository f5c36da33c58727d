/**
 * The compiled evaluator: the kernels that recompute the dynamic series over all draws, year by
 * year, and judge the targets from the arrays.
 * Part of the Monte Carlo simulation (models/montecarlo.ts describes it).
 */
import { floorLanes, levelFloors } from '../anchors';
import { type BaseRangeInput } from '../base-ranges';
import { type Ctx } from '../context';
import { judged } from '../evaluate';
import { Lanes, clampLanes, driverRatios, growthModule } from '../growth/index';
import { kindOf, type JudgeKernel } from '../kinds';
import { type UncertainParam, type TargetDef, type Evaluator } from './evaluator';
import { type Pred, predicate, testInto, constMet } from './predicates';
import { type Step, type Rebase, type Program, RELEASED, takeBlock, giveBlock } from './program';

type Kernel = (lo: number, hi: number) => void;

export class CompiledEvaluator implements Evaluator {
  readonly method = 'compiled' as const;
  readonly ctx: Ctx;
  readonly params: UncertainParam[];
  readonly targets: TargetDef[];
  readonly pcols: Float64Array[];
  readonly bases: readonly BaseRangeInput[];
  readonly bcols: Float64Array[];
  readonly met: Uint8Array[];
  readonly invalid = new Map<string, number>();
  owner: object | null = null;
  private readonly blocks: (Float64Array | null)[];
  private readonly kernels: Kernel[] = [];
  private readonly tblocks: (Float64Array | null)[];
  private readonly tconst: Float64Array[];
  private readonly tview: Int32Array;
  private readonly tconstMet: Int8Array;
  private readonly preds: Pred[];
  /** per target: the kind's kernel of the judged quantity, or null when the series is judged as it is */
  private readonly jkernels: (JudgeKernel | null)[] = [];
  private readonly scratch: Float64Array;
  private readonly flags: Uint8Array;

  constructor(
    private readonly prog: Program,
    readonly N: number,
  ) {
    const ctx = prog.grid.ctx;
    this.ctx = ctx;
    this.params = prog.params;
    this.targets = prog.targets;
    const { nY, vals } = ctx;
    const n = ctx.ids.length;
    this.blocks = new Array(n).fill(null);
    for (let s = 0; s < n; s++) {
      if (!prog.block[s]) continue;
      const b = takeBlock(nY * N);
      // the cells the kernels never write: the grid's value (a varying cell is written in every draw
      // before it is read)
      for (let i = 0; i < nY; i++) if (!prog.dyn[s] || !prog.varies[s * nY + i]) b.fill(vals[s * nY + i], i * N, (i + 1) * N);
      this.blocks[s] = b;
    }
    const pcolOf: (Float64Array | null)[] = new Array(n).fill(null);
    this.pcols = prog.params.map((p) => {
      const c = new Float64Array(N).fill(p.info.value);
      pcolOf[p.s] = c;
      return c;
    });
    this.bases = prog.bases;
    this.bcols = prog.bases.map((b) => new Float64Array(N).fill(b.value));
    for (const st of prog.steps) this.kernels.push(this.kernel(st, pcolOf));
    // targets
    const T = prog.targets.length;
    this.tblocks = new Array(T).fill(null);
    this.tconst = new Array(T);
    this.tview = new Int32Array(T).fill(-1);
    this.tconstMet = new Int8Array(T);
    this.preds = prog.targets.map((td) => predicate(td.t));
    this.scratch = new Float64Array(N);
    this.flags = new Uint8Array(N);
    this.met = new Array(T);
    for (let k = 0; k < T; k++) {
      const td = prog.targets[k];
      const cv = new Float64Array(td.nYears);
      for (let y = td.b; y <= td.T; y++) cv[y - td.b] = judged(ctx, td.j, y);
      this.tconst[k] = cv;
      this.met[k] = new Uint8Array(N);
      if (!prog.dyn[td.s]) {
        this.tconstMet[k] = constMet(ctx, td) ? 1 : 0;
        continue;
      }
      const kernel = kindOf(td.j.kind).kernel(td.j);
      this.jkernels[k] = kernel;
      if (kernel === null && td.nYears > 0) {
        const sb = this.blocks[td.s] as Float64Array;
        this.tblocks[k] = sb.subarray((td.b - ctx.W0) * N, (td.T - ctx.W0 + 1) * N);
        this.tview[k] = td.s;
      } else if (td.nYears > 0) {
        this.tblocks[k] = new Float64Array(td.nYears * N);
      }
    }
  }

  seriesBlock(s: number): Float64Array | null {
    return this.prog.dyn[s] ? this.blocks[s] : null;
  }
  cellVaries(s: number, i: number): boolean {
    return this.prog.varies[s * this.ctx.nY + i] === 1;
  }
  targetBlock(k: number): Float64Array | null {
    return this.tblocks[k];
  }
  targetConst(k: number): Float64Array {
    return this.tconst[k];
  }
  targetView(k: number): number {
    return this.tview[k];
  }

  run(lo: number, hi: number): void {
    this.runCount++;
    for (let k = 0; k < this.kernels.length; k++) this.kernels[k](lo, hi);
    this.judgeTargets(lo, hi);
  }

  /** per driver series: its ratio d1 / d0 per year and draw, computed once per chunk */
  private readonly ratios = new Map<
    number,
    { values: Float64Array; from: number; lo: number; hi: number; run: number; update: (lo: number, hi: number) => void }
  >();
  /** counts the chunks run, so a shared driver ratio is computed once per chunk */
  private runCount = 0;

  private driverRatio(driver: number, last: number): { values: Float64Array; update: (lo: number, hi: number) => void } {
    const N = this.N;
    const nY = this.ctx.nY;
    let r = this.ratios.get(driver);
    if (!r) {
      const db = this.blocks[driver] as Float64Array;
      const values = takeBlock(nY * N).fill(Number.NaN);
      const entry = {
        values,
        from: nY,
        lo: 0,
        hi: 0,
        run: -1,
        update: (lo: number, hi: number) => {
          if (entry.run === this.runCount && entry.lo === lo && entry.hi === hi) return;
          entry.run = this.runCount;
          entry.lo = lo;
          entry.hi = hi;
          driverRatios(db, 0, values, 0, N, entry.from, nY, lo, hi);
        },
      };
      r = entry;
      this.ratios.set(driver, r);
    }
    if (last + 1 < r.from) r.from = last + 1;
    return r;
  }

  /** Gives the large arrays back to the pool (the program was replaced); a run using them stops. */
  release(): void {
    this.owner = RELEASED;
    for (const b of this.blocks) if (b) giveBlock(b);
    for (const r of this.ratios.values()) giveBlock(r.values);
    this.blocks.fill(null);
    this.ratios.clear();
  }

  private countInvalid(s: number, c: number): void {
    if (c === 0) return;
    const id = this.ctx.ids[s];
    this.invalid.set(id, (this.invalid.get(id) ?? 0) + c);
  }

  private kernel(st: Step, pcolOf: (Float64Array | null)[]): Kernel {
    const ctx = this.ctx;
    const N = this.N;
    const nY = ctx.nY;
    const out = this.blocks[st.s] as Float64Array;
    const NaN_ = Number.NaN;
    switch (st.kind) {
      case 'empty':
        return (lo, hi) => {
          for (let i = 0; i < nY; i++) out.fill(NaN_, i * N + lo, i * N + hi);
        };
      case 'ratio': {
        const nb = this.blocks[st.num] as Float64Array;
        const db = this.blocks[st.den] as Float64Array;
        const { scale, anchor, yoy } = st;
        const vary = this.prog.varies.subarray(st.s * nY, (st.s + 1) * nY);
        return (lo, hi) => {
          for (let i = 0; i < nY; i++) {
            if (!vary[i]) continue; // an own actual, or inputs the same in every draw: the grid's value
            const o = i * N;
            const a = anchor[i];
            const oa = a * N;
            const k = yoy[i];
            for (let d = lo; d < hi; d++) {
              if (k === k) {
                // a published growth rate over this draw's previous year, as derive.ts does
                const prev = out[o - N + d];
                if (prev - prev === 0) {
                  const y = prev * k;
                  if (y - y === 0) {
                    out[o + d] = y;
                    continue;
                  }
                }
              }
              const own = a >= 0 ? out[oa + d] : NaN_;
              const x = nb[o + d];
              const q = db[o + d];
              let v = NaN_;
              if (x === x && q === q && q !== 0) {
                v = (x / q) * scale;
                if (a >= 0) {
                  // anchored on the published figure: own_A × c / c_A, as derive.ts does
                  const xa = nb[oa + d];
                  const qa = db[oa + d];
                  if (xa === xa && qa === qa && qa !== 0) {
                    const cA = (xa / qa) * scale;
                    if (cA - cA === 0 && cA !== 0 && v - v === 0) v = own * (v / cA);
                  }
                }
                if (v - v !== 0) v = NaN_;
              }
              out[o + d] = v;
            }
          }
        };
      }
      case 'deflate': {
        const nb = this.blocks[st.nom] as Float64Array;
        const pb = this.blocks[st.defl] as Float64Array;
        const vary = this.prog.varies.subarray(st.s * nY, (st.s + 1) * nY);
        const bo = (ctx.B - ctx.W0) * N;
        const { anchor, yoy } = st;
        return (lo, hi) => {
          for (let i = 0; i < nY; i++) {
            if (!vary[i]) continue;
            const o = i * N;
            const a = anchor[i];
            const oa = a * N;
            const k = yoy[i];
            for (let d = lo; d < hi; d++) {
              if (k === k) {
                // a published growth rate over this draw's previous year, as derive.ts does
                const prev = out[o - N + d];
                if (prev - prev === 0) {
                  const y = prev * k;
                  if (y - y === 0) {
                    out[o + d] = y;
                    continue;
                  }
                }
              }
              const own = a >= 0 ? out[oa + d] : NaN_;
              const pB = pb[bo + d];
              const div = Number.isFinite(pB) && pB !== 0 ? pB : 100;
              const x = nb[o + d];
              const p = pb[o + d];
              let v = NaN_;
              if (x === x && p === p && p !== 0) {
                v = x / (p / div);
                if (a >= 0) {
                  // anchored on the published figure: own_A × c / c_A, as derive.ts does
                  const xa = nb[oa + d];
                  const pa = pb[oa + d];
                  if (xa === xa && pa === pa && pa !== 0) {
                    const cA = xa / (pa / div);
                    if (cA - cA === 0 && cA !== 0 && v - v === 0) v = own * (v / cA);
                  }
                }
                if (v - v !== 0) v = NaN_;
              }
              out[o + d] = v;
            }
          }
        };
      }
      case 'cumsum': {
        const fb = this.blocks[st.flow] as Float64Array;
        const { own, from, run0, ok0 } = st;
        const run = new Float64Array(N);
        const ok = new Uint8Array(N);
        const anyv = new Uint8Array(N);
        const W0 = ctx.W0;
        return (lo, hi) => {
          anyv.fill(0, lo, hi);
          for (let i = 0; i < nY; i++) {
            const o = i * N;
            for (let d = lo; d < hi; d++) if (fb[o + d] === fb[o + d]) anyv[d] = 1;
          }
          run.fill(run0, lo, hi);
          ok.fill(ok0 ? 1 : 0, lo, hi);
          for (let i = 0; i < nY; i++) {
            const o = i * N;
            const t = W0 + i;
            if (own[i]) {
              const v = ctx.vals[st.s * nY + i];
              run.fill(v, lo, hi);
              ok.fill(1, lo, hi);
              continue;
            }
            if (t < from) {
              for (let d = lo; d < hi; d++) {
                if (anyv[d]) {
                  out[o + d] = 0;
                  run[d] = 0;
                  ok[d] = 1;
                } else out[o + d] = NaN_;
              }
              continue;
            }
            for (let d = lo; d < hi; d++) {
              const x = fb[o + d];
              if (!anyv[d] || !ok[d] || x !== x) {
                ok[d] = 0;
                out[o + d] = NaN_;
                continue;
              }
              const r = run[d] + x;
              run[d] = r;
              if (r - r !== 0) {
                ok[d] = 0;
                out[o + d] = NaN_;
                continue;
              }
              out[o + d] = r;
            }
          }
        };
      }
      case 'base':
        return this.baseKernel(st, pcolOf[st.s] ?? new Float64Array(N).fill(st.param));
    }
  }

  /** A growth model's kernel: its module run over the draws (models/growth/), then the bounds. */
  private baseKernel(st: Extract<Step, { kind: 'base' }>, P: Float64Array): Kernel {
    const ctx = this.ctx;
    const nY = ctx.nY;
    const out = this.blocks[st.s] as Float64Array;
    const { s, last } = st;
    const mod = growthModule(st.model);
    // the driver's year-on-year ratio d1 / d0, shared by every series on the same driver
    const ratio = mod.driver(st.model) !== null ? this.driverRatio(ctx.driver[s], last) : null;
    const lanes = new Lanes(ctx, s, st.model, last, out, 0, this.N, P, ratio ? ratio.values : null, false);
    const model: Kernel = ratio
      ? (lo, hi) => {
          ratio.update(lo, hi);
          this.countInvalid(s, mod.run(lanes, lo, hi));
        }
      : (lo, hi) => this.countInvalid(s, mod.run(lanes, lo, hi));
    const bounds = st.bounds;
    const N = this.N;
    // a stock's month-end levels floor their projected years, as in the projection (models/anchors.ts)
    const floors = levelFloors(ctx, s).filter((f) => f.i > last);
    const rb = st.rebase;
    const modelled: Kernel = rb ? this.rebaseKernel(s, rb, model) : model;
    const bounded: Kernel =
      !bounds || last >= nY - 1
        ? modelled
        : (lo, hi) => {
            modelled(lo, hi);
            clampLanes(out, 0, N, last, nY, lo, hi, bounds[0], bounds[1]);
          };
    if (floors.length === 0) return bounded;
    return (lo, hi) => {
      bounded(lo, hi);
      floorLanes(floors, out, N, last, lo, hi);
    };
  }

  /**
   * The known cells of draws [lo, hi) up to the anchor, with the drawn ones from their columns, and
   * the gap fill between them (the engine's fillGap, operation for operation); then the model.
   */
  private rebaseKernel(s: number, rb: Rebase, model: Kernel): Kernel {
    const N = this.N;
    const out = this.blocks[s] as Float64Array;
    const { known, input } = rb;
    const cols = Array.from(input, (k) => (k >= 0 ? this.bcols[k] : null));
    const grid = rb.value;
    const floors = rb.floors;
    return (lo, hi) => {
      for (let j = 0; j < known.length; j++) {
        const o = known[j] * N;
        const c = cols[j];
        if (c) for (let d = lo; d < hi; d++) out[o + d] = c[d];
        else out.fill(grid[j], o + lo, o + hi);
      }
      for (let j = 1; j < known.length; j++) {
        const i0 = known[j - 1];
        const i1 = known[j];
        if (i1 <= i0 + 1) continue;
        const n = i1 - i0;
        for (let d = lo; d < hi; d++) {
          const v0 = out[i0 * N + d];
          const v1 = out[i1 * N + d];
          const geometric = v0 > 0 && v1 > 0;
          const l0 = geometric ? Math.log(v0) : 0;
          const l1 = geometric ? Math.log(v1) : 0;
          for (let i = i0 + 1; i < i1; i++) {
            const k = (i - i0) / n;
            let v = geometric ? Math.exp(l0 + (l1 - l0) * k) : v0 + (v1 - v0) * k;
            if (!Number.isFinite(v)) v = v0 + (v1 - v0) * k;
            out[i * N + d] = Number.isFinite(v) ? v : Number.NaN;
          }
        }
      }
      for (const f of floors) {
        const o = f.i * N;
        for (let d = lo; d < hi; d++) if (out[o + d] < f.value) out[o + d] = f.value;
      }
      model(lo, hi);
    };
  }

  private judgeTargets(lo: number, hi: number): void {
    const ctx = this.ctx;
    const N = this.N;
    const W0 = ctx.W0;
    for (let k = 0; k < this.targets.length; k++) {
      const td = this.targets[k];
      const met = this.met[k];
      const tb = this.tblocks[k];
      if (!this.prog.dyn[td.s]) {
        met.fill(this.tconstMet[k], lo, hi);
        continue;
      }
      const sb = this.blocks[td.s] as Float64Array;
      const { b, T, j } = td;
      if (tb && this.tview[k] < 0) (this.jkernels[k] as JudgeKernel)(sb, tb, j, W0, N, lo, hi, this.scratch);
      // met
      const pred = this.preds[k];
      if (kindOf(td.t.kind).everyYear) {
        const ok = this.flags;
        ok.fill(td.start <= T ? 1 : 0, lo, hi);
        for (let y = td.start; y <= T; y++) {
          if (y < W0) {
            ok.fill(0, lo, hi);
            break;
          }
          testInto(pred, sb, (y - W0) * N, lo, hi, ok, true);
        }
        met.set(ok.subarray(lo, hi), lo);
      } else if (tb) {
        testInto(pred, tb, (T - b) * N, lo, hi, met, false);
      } else {
        met.fill(0, lo, hi);
      }
    }
  }
}
