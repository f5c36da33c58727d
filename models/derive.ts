/**
 * Derived series: ratio, cumulative sum, deflation. A derived series takes its own actual where
 * one exists for a year (an actual of the share itself beats the computed one) and computes the
 * other years from its inputs. A computed value is an actual when all its inputs are.
 */
import type { Derivation } from './schema';
import { F_ACT, F_ASSUMED, F_MISSING, F_OWN, type Ctx } from './context';
import { writeOwnActuals } from './growth';

export function projectDerivedSeries(ctx: Ctx, s: number, d: Derivation): void {
  writeOwnActuals(ctx, s);
  const { vals, flags, nY, W0, index } = ctx;
  const row = s * nY;
  switch (d.type) {
    case 'ratio': {
      const nrow = (index.get(d.numerator) as number) * nY;
      const drow = (index.get(d.denominator) as number) * nY;
      const scale = d.scale ?? 1;
      for (let i = 0; i < nY; i++) {
        if (flags[row + i] & F_OWN) continue;
        const n = vals[nrow + i];
        const q = vals[drow + i];
        if (Number.isNaN(n) || Number.isNaN(q)) continue;
        const v = q === 0 ? Number.NaN : (n / q) * scale;
        if (!Number.isFinite(v)) {
          flags[row + i] = F_MISSING;
          continue;
        }
        vals[row + i] = v;
        const fn = flags[nrow + i];
        const fq = flags[drow + i];
        flags[row + i] = (fn & fq & F_ACT) | ((fn | fq) & F_ASSUMED);
      }
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
      for (let i = 0; i < nY; i++) {
        if (flags[row + i] & F_OWN) continue;
        const n = vals[nrow + i];
        const p = vals[drow + i];
        if (Number.isNaN(n) || Number.isNaN(p)) continue;
        const v = p === 0 ? Number.NaN : n / (p / div);
        if (!Number.isFinite(v)) {
          flags[row + i] = F_MISSING;
          continue;
        }
        vals[row + i] = v;
        const fn = flags[nrow + i];
        const fp = flags[drow + i];
        flags[row + i] = (fn & fp & F_ACT) | ((fn | fp) & F_ASSUMED) | fB;
      }
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
