/**
 * The per-draw path (reference and fallback): projectGrid per draw.
 * Part of the Monte Carlo simulation (models/montecarlo.ts describes it).
 */
import { withBaseDraws, type BaseRangeInput } from '../base-ranges';
import { type Ctx } from '../context';
import { projectGrid, type EngineGrid } from '../engine';
import { judged } from '../evaluate';
import { anchorIndex, growthModule } from '../growth/index';
import { ModelError, type ProjectionInput } from '../types';
import { type UncertainParam, uncertainParams, type TargetDef, type Evaluator, targetDefs } from './evaluator';
import { constMet } from './predicates';
import { Unsupported } from './program';

/**
 * The assumption with a parameter value written in, as the engine takes it. A multiplier on a flat
 * or trend level becomes a step model holding the multiplied level in every projected year.
 */
function withParameter(ctx: Ctx, p: UncertainParam, value: number): ProjectionInput['assumptions'][string] {
  const a = ctx.asm[p.s];
  if (!a) throw new Unsupported('no assumption');
  return { ...a, model: growthModule(a.model).withParameter(a.model, value, ctx, p.s, anchorIndex(ctx, p.s)) };
}

export class PerDrawEvaluator implements Evaluator {
  readonly method = 'per_draw' as const;
  readonly ctx: Ctx;
  readonly params: UncertainParam[];
  readonly targets: TargetDef[];
  readonly pcols: Float64Array[];
  readonly met: Uint8Array[];
  readonly invalid = new Map<string, number>();
  owner: object | null = null;
  private readonly blocks: Float64Array[];
  private readonly tblocks: Float64Array[];
  /** per drawn base value or bound actual: the value in each draw (written by the caller) */
  readonly bcols: Float64Array[];

  constructor(
    private readonly input: ProjectionInput,
    grid: EngineGrid,
    readonly N: number,
    readonly bases: readonly BaseRangeInput[] = [],
  ) {
    this.ctx = grid.ctx;
    this.bcols = bases.map((b) => new Float64Array(N).fill(b.value));
    this.params = uncertainParams(grid.ctx);
    this.targets = targetDefs(grid);
    this.pcols = this.params.map((p) => new Float64Array(N).fill(p.info.value));
    const n = this.ctx.ids.length;
    this.blocks = Array.from({ length: n }, () => new Float64Array(this.ctx.nY * N));
    this.tblocks = this.targets.map((t) => new Float64Array(t.nYears * N));
    this.met = this.targets.map(() => new Uint8Array(N));
  }

  seriesBlock(s: number): Float64Array {
    return this.blocks[s];
  }
  cellVaries(): boolean {
    return true;
  }
  targetBlock(k: number): Float64Array {
    return this.tblocks[k];
  }
  targetConst(k: number): Float64Array {
    const td = this.targets[k];
    const cv = new Float64Array(td.nYears);
    for (let y = td.b; y <= td.T; y++) cv[y - td.b] = judged(this.ctx, td.j, y);
    return cv;
  }
  targetView(): number {
    return -1;
  }

  run(lo: number, hi: number): void {
    const { N } = this;
    const base = this.ctx;
    const nY = base.nY;
    for (let d = lo; d < hi; d++) {
      const assumptions = { ...this.input.assumptions };
      for (let k = 0; k < this.params.length; k++) {
        const p = this.params[k];
        assumptions[p.id] = withParameter(base, p, this.pcols[k][d]);
      }
      const drawn = this.bases.length
        ? withBaseDraws(this.input, assumptions, this.bases, (k) => this.bcols[k][d])
        : { ...this.input, assumptions };
      let ctx: Ctx | null = null;
      try {
        ctx = projectGrid(drawn).ctx;
      } catch (err) {
        if (!(err instanceof ModelError)) throw err;
        this.invalid.set(err.subject, (this.invalid.get(err.subject) ?? 0) + 1);
      }
      for (let s = 0; s < this.blocks.length; s++) {
        const b = this.blocks[s];
        for (let i = 0; i < nY; i++) b[i * N + d] = ctx ? ctx.vals[s * nY + i] : Number.NaN;
      }
      for (let k = 0; k < this.targets.length; k++) {
        const td = this.targets[k];
        const tb = this.tblocks[k];
        for (let y = td.b; y <= td.T; y++) tb[(y - td.b) * N + d] = ctx ? judged(ctx, td.j, y) : Number.NaN;
        this.met[k][d] = ctx && constMet(ctx, td) ? 1 : 0;
      }
    }
  }
}
