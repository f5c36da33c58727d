/**
 * Derived series: ratio, cumulative sum, deflation. A derived series takes its own actual where
 * one exists for a year (an actual of the share itself beats the computed one) and computes the
 * other years from its inputs. A computed value is an actual when all its inputs are.
 *
 * Published forms as anchors (issue 15.3): a ratio or deflated series with an own actual (a share,
 * coverage rate or intensity as the bulletin prints it) continues from it. Each later year without
 * an own actual takes the latest earlier own actual A times the growth of the computed value since
 * A: v_y = own_A × c_y / c_A, where c is numerator ÷ denominator (× scale) or nominal ÷ deflator
 * computed from the inputs' own projections. Years before the first own actual keep the computed
 * value (no back-casting); where c_A is missing or 0 the computed value is used.
 */
import type { Derivation } from './schema';
import type { SeriesProjection } from './types';
import { F_ACT, F_ASSUMED, F_MISSING, F_OWN, type Ctx } from './context';
import { writeOwnActuals } from './growth';
import { yoyFactor } from './published';

export function projectDerivedSeries(ctx: Ctx, s: number, d: Derivation): void {
  writeOwnActuals(ctx, s);
  const { vals, flags, nY, W0, index } = ctx;
  const row = s * nY;
  switch (d.type) {
    case 'ratio': {
      const nrow = (index.get(d.numerator) as number) * nY;
      const drow = (index.get(d.denominator) as number) * nY;
      const scale = d.scale ?? 1;
      const computed = (i: number): number => {
        const n = vals[nrow + i];
        const q = vals[drow + i];
        if (Number.isNaN(n) || Number.isNaN(q)) return Number.NaN;
        return q === 0 ? Number.POSITIVE_INFINITY : (n / q) * scale;
      };
      const inFlags = (i: number): number => {
        const fn = flags[nrow + i];
        const fq = flags[drow + i];
        return (fn & fq & F_ACT) | ((fn | fq) & F_ASSUMED);
      };
      fillComputed(ctx, s, row, computed, inFlags, 0);
      return;
    }
    case 'deflate': {
      const nrow = (index.get(d.nominal) as number) * nY;
      const drow = (index.get(d.deflator) as number) * nY;
      const bi = ctx.B - W0;
      // rebase the price index to the base year (= 100 there); an index without a base-year value is read as base = 100
      const pB = vals[drow + bi];
      const rebase = Number.isFinite(pB) && pB !== 0;
      const div = rebase ? pB : 100;
      const fB = rebase ? flags[drow + bi] & F_ASSUMED : 0;
      const computed = (i: number): number => {
        const n = vals[nrow + i];
        const p = vals[drow + i];
        if (Number.isNaN(n) || Number.isNaN(p)) return Number.NaN;
        return p === 0 ? Number.POSITIVE_INFINITY : n / (p / div);
      };
      const inFlags = (i: number): number => {
        const fn = flags[nrow + i];
        const fp = flags[drow + i];
        return (fn & fp & F_ACT) | ((fn | fp) & F_ASSUMED);
      };
      fillComputed(ctx, s, row, computed, inFlags, fB);
      return;
    }
    case 'cumsum': {
      const f = index.get(d.of) as number;
      const frow = f * nY;
      let any = false;
      for (let i = 0; i < nY; i++) {
        if (!Number.isNaN(vals[frow + i])) {
          any = true;
          break;
        }
      }
      if (!any) {
        // no flow at all: only own actuals
        return;
      }
      const from = d.from_year;
      // running value before the window's first year
      let run = 0;
      let runFlags = F_ACT;
      let runOk = true;
      if (from < W0) {
        // flows from from_year up to the window: from the flow's own actuals only
        const { years, recs } = ctx.actuals[f];
        for (let y = from; y < W0; y++) {
          const k = years.indexOf(y);
          if (k < 0) {
            runOk = false;
            break;
          }
          run += recs[k].value;
        }
      }
      for (let i = 0; i < nY; i++) {
        const t = W0 + i;
        if (flags[row + i] & F_OWN) {
          run = vals[row + i];
          runFlags = flags[row + i];
          runOk = true;
          continue;
        }
        if (t < from) {
          // nothing counted yet: a definitional 0, neither an actual nor an assumption
          vals[row + i] = 0;
          flags[row + i] = 0;
          run = 0;
          runFlags = F_ACT;
          runOk = true;
          continue;
        }
        const x = vals[frow + i];
        if (!runOk || Number.isNaN(x)) {
          runOk = false;
          continue;
        }
        run += x;
        if (!Number.isFinite(run)) {
          flags[row + i] = F_MISSING;
          runOk = false;
          continue;
        }
        const fx = flags[frow + i];
        runFlags = (runFlags & fx & F_ACT) | ((runFlags | fx) & F_ASSUMED);
        vals[row + i] = run;
        flags[row + i] = runFlags;
      }
      return;
    }
  }
}

/**
 * Writes the computed values of a ratio or deflated series into its row (own actuals stay), each
 * year after an own actual anchored on it: own_A × c_y / c_A (see the header). `computed(i)` is NaN
 * where an input has no value and non-finite where none can be computed; `inFlags(i)` the flags
 * the inputs give a computed value; `extra` flags every computed value carries.
 */
function fillComputed(
  ctx: Ctx,
  s: number,
  row: number,
  computed: (i: number) => number,
  inFlags: (i: number) => number,
  extra: number,
): void {
  const { vals, flags, nY } = ctx;
  let anchor = -1; // window index of the latest own actual so far
  let cA = Number.NaN;
  for (let i = 0; i < nY; i++) {
    if (flags[row + i] & F_OWN) {
      anchor = i;
      cA = computed(i);
      continue;
    }
    // a published growth rate over the previous year's value (models/published.ts): an own figure
    const k = i > 0 ? yoyFactor(ctx, s, i) : Number.NaN;
    if (!Number.isNaN(k) && Number.isFinite(vals[row + i - 1])) {
      const y = vals[row + i - 1] * k;
      if (Number.isFinite(y)) {
        vals[row + i] = y;
        flags[row + i] = F_OWN | F_ACT | (flags[row + i - 1] & F_ASSUMED) | extra;
        anchor = i;
        cA = computed(i);
        continue;
      }
    }
    const c = computed(i);
    if (Number.isNaN(c)) continue;
    if (!Number.isFinite(c)) {
      flags[row + i] = F_MISSING;
      continue;
    }
    const anchored = anchor >= 0 && Number.isFinite(cA) && cA !== 0;
    const v = anchored ? vals[row + anchor] * (c / cA) : c;
    if (!Number.isFinite(v)) {
      flags[row + i] = F_MISSING;
      continue;
    }
    vals[row + i] = v;
    // an anchored value is an actual when the anchor is one and the inputs are actuals in both years
    flags[row + i] = anchored
      ? (inFlags(i) & inFlags(anchor) & flags[row + anchor] & F_ACT) |
        ((inFlags(i) | inFlags(anchor) | flags[row + anchor]) & F_ASSUMED) |
        extra
      : inFlags(i) | extra;
  }
}

/**
 * A comparable-price series with figures of its own (entered, or built from published growth
 * rates) builds its deflator: from its first own year on, the deflator shown is nominal ÷ real ×
 * the base-year index, so that real = nominal ÷ deflator in every year shown. Applied to the
 * output only: the grid keeps the deflator's own projection, which the comparable-price series
 * was computed from (and the Monte Carlo draws).
 */
export function builtDeflators(ctx: Ctx, out: Record<string, SeriesProjection>): void {
  const { vals, flags, nY, W0, Y0 } = ctx;
  for (let s = 0; s < ctx.ids.length; s++) {
    const d = ctx.derived[s];
    if (d?.type !== 'deflate') continue;
    const row = s * nY;
    let first = -1;
    for (let i = 0; i < nY; i++) {
      if (flags[row + i] & F_OWN) {
        first = i;
        break;
      }
    }
    if (first < 0) continue;
    const nrow = (ctx.index.get(d.nominal) as number) * nY;
    const dk = ctx.index.get(d.deflator) as number;
    const drow = dk * nY;
    const pB = vals[drow + ctx.B - W0];
    const div = Number.isFinite(pB) && pB !== 0 ? pB : 100;
    const o = out[ctx.ids[dk]];
    const actual = new Set(o.actual_years);
    for (let i = Math.max(first, Y0 - W0); i < nY; i++) {
      const n = vals[nrow + i];
      const r = vals[row + i];
      if (!Number.isFinite(n) || !Number.isFinite(r) || r === 0 || flags[drow + i] & F_OWN) continue;
      const p = (n / r) * div;
      if (!Number.isFinite(p)) continue;
      o.values[W0 + i] = p;
      if (flags[nrow + i] & flags[row + i] & F_ACT) actual.add(W0 + i);
    }
    o.actual_years = [...actual].sort((x, y) => x - y);
  }
}

/** (added) The anchor of each year of a ratio or deflated series: the window index of the latest earlier own actual, or -1. */
export function publishedAnchor(ctx: Ctx, s: number, i: number): number {
  const row = s * ctx.nY;
  if (ctx.flags[row + i] & F_OWN) return -1;
  for (let k = i - 1; k >= 0; k--) if (ctx.flags[row + k] & F_OWN) return k;
  return -1;
}

/** The inputs of a derivation, with the parameter naming each. */
export function derivationInputs(d: Derivation): [string, string][] {
  switch (d.type) {
    case 'ratio':
      return [
        ['numerator', d.numerator],
        ['denominator', d.denominator],
      ];
    case 'deflate':
      return [
        ['nominal', d.nominal],
        ['deflator', d.deflator],
      ];
    case 'cumsum':
      return [['of', d.of]];
  }
}
