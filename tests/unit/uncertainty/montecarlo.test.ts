/**
 * The Monte Carlo simulation: exactness of the compiled path (zero-width ranges reproduce
 * projectPlan; any draws reproduce the per-draw reference), a closed-form probability, the
 * Gaussian copula, determinism, validation, joint probability, progress and cancellation.
 */
import { describe, expect, it } from 'vitest';
import { projectPlan } from '../../../models/engine';
import { createSimulation, sampleParameters, simulatePlan, type SimulationResult } from '../../../models/montecarlo';
import { normalCdf } from '../../../models/random';
import { uncertainParameter } from '../../../models/uncertainty';
import { ModelError, type ProjectionResult } from '../../../models/types';
import type { Assumption } from '../../../models/schema';
import { act, asm, makePlan, ser, tgt } from '../models/fixtures';
import { U, fullAssumptions, fullPlan, pointRanges, realInput, setParameter, withU } from './fixtures';

const Z95 = 1.6448536269514722;

/** Each range pinned at its assumption's current value: used exactly as stored. */
function pin(assumptions: Record<string, Assumption>): Record<string, Assumption> {
  const out: Record<string, Assumption> = {};
  for (const [k, a] of Object.entries(assumptions))
    out[k] = a.uncertainty ? { ...a, uncertainty: { ...a.uncertainty, pinned_at: uncertainParameter(a.model).value } } : a;
  return out;
}

/** Every projected value and judged value of `r` appears as all five percentiles of `s`. */
function expectSameAsProjection(s: SimulationResult, r: ProjectionResult): void {
  let cells = 0;
  for (const [id, sp] of Object.entries(r.series)) {
    const got = s.series[id];
    const years = Object.keys(sp.values).map(Number);
    expect(Object.keys(got).map(Number).sort()).toEqual(years.sort());
    for (const y of years) {
      const v = sp.values[y];
      const p = got[y];
      expect([id, y, p.p5, p.p25, p.p50, p.p75, p.p95]).toEqual([id, y, v, v, v, v, v]);
      cells++;
    }
  }
  expect(cells).toBeGreaterThan(10);
  for (const t of r.targets) {
    const st = s.targets.find((x) => x.id === t.id)!;
    const p = st.percentiles[t.target_year];
    if (t.projected === null) expect(p).toBeUndefined();
    else expect([t.id, p.p5, p.p50, p.p95]).toEqual([t.id, t.projected, t.projected, t.projected]);
    expect([t.id, st.p_meet]).toEqual([t.id, t.met === true ? 1 : 0]);
  }
}

describe('exactness of the compiled path', () => {
  const plan = fullPlan();
  const assumptions = fullAssumptions();

  it('the fixture has every model, derivation and target kind, and is compiled', () => {
    const types = new Set(Object.values(assumptions).map((a) => a.model.type));
    expect([...types].sort()).toEqual([
      'cagr',
      'elasticity',
      'flat',
      'intensity_decay',
      'interp',
      'logistic',
      'path',
      'pipeline',
      'step',
      'trend',
    ]);
    expect(new Set(plan.series.filter((s) => s.derived).map((s) => s.derived!.type))).toEqual(new Set(['ratio', 'deflate', 'cumsum']));
    expect(new Set(plan.targets.map((t) => t.kind))).toEqual(
      new Set(['level', 'share', 'reduction', 'growth_rate', 'annual_flow', 'cumulative', 'range']),
    );
    expect(simulatePlan({ plan, assumptions, draws: 10, seed: 1 }).method).toBe('compiled');
  });

  it('zero-width ranges at the scenario’s own values reproduce projectPlan exactly', () => {
    const zw = pointRanges(assumptions);
    const s = simulatePlan({ plan, assumptions: zw, draws: 64, seed: 11 });
    expectSameAsProjection(s, projectPlan({ plan, assumptions: zw }));
  });

  it('zero-width ranges elsewhere, not pinned, are centred on the scenario’s values: projectPlan of the scenario', () => {
    // a replaced parameter's range follows the scenario's value (models/uncertainty rangeInForce);
    // a shift or a multiplier (path, interp, step, flat, trend) is relative by construction
    const shift = (a: Assumption, own: number) =>
      a.model.type === 'path'
        ? 0
        : a.model.type === 'cagr'
          ? own + 0.01
          : uncertainParameter(a.model).how === 'multiply'
            ? own
            : own * 1.07;
    const zw = pointRanges(assumptions, shift);
    const s = simulatePlan({ plan, assumptions: zw, draws: 16, seed: 2 });
    expect(s.uncertain.filter((u) => u.recentred).length).toBeGreaterThan(3);
    expectSameAsProjection(s, projectPlan({ plan, assumptions }));
  });

  it('zero-width ranges elsewhere, pinned at the scenario’s values, equal projectPlan with the parameter written into the model', () => {
    const shift = (a: Assumption, own: number) => (a.model.type === 'path' ? 0.004 : a.model.type === 'cagr' ? own + 0.01 : own * 1.07);
    const zw = pin(pointRanges(assumptions, shift));
    const s = simulatePlan({ plan, assumptions: zw, draws: 16, seed: 2 });
    // the same scenario written as models (flat and trend multipliers as step models on the
    // projected level, as the per-draw reference does)
    const written: Record<string, Assumption> = {};
    for (const [k, a] of Object.entries(zw))
      written[k] =
        a.uncertainty && a.model.type !== 'flat' && a.model.type !== 'trend'
          ? { ...a, model: setParameter(a.model, a.uncertainty.low) }
          : a;
    written.flows = { ...written.flows, model: { type: 'step', steps: [2024, 2025, 2026].map((year) => ({ year, value: 30 * 1.07 })) } };
    const r = projectPlan({ plan, assumptions: written });
    for (const id of [
      'gdp',
      'defl',
      'gdp_real',
      'ind',
      'energy',
      'energy_int',
      'share',
      'steel',
      'coverage',
      'labs',
      'parks',
      'flows',
      'flows_cum',
      'flow2',
      'capped',
    ]) {
      for (const [y, v] of Object.entries(r.series[id].values)) expect([id, y, s.series[id][Number(y)].p50]).toEqual([id, y, v]);
    }
  });

  it('any draws: the compiled path equals the per-draw reference (projectPlan per draw) bit for bit', () => {
    const input = { plan, assumptions, draws: 400, seed: 20240601, joint: ['t_level', 't_share'] };
    const a = simulatePlan(input);
    const b = simulatePlan(input, { method: 'per_draw' });
    expect(a.method).toBe('compiled');
    expect(b.method).toBe('per_draw');
    expect({ ...a, method: null }).toEqual({ ...b, method: null });
  });

  it.skipIf(!realInput())('the real plan: zero-width ranges reproduce projectPlan; draws equal the reference', () => {
    const input = realInput()!;
    const zw = pointRanges(input.assumptions as Record<string, Assumption>);
    expectSameAsProjection(simulatePlan({ ...input, assumptions: zw, draws: 20, seed: 1 }), projectPlan({ ...input, assumptions: zw }));
    const a = simulatePlan({ ...input, draws: 150, seed: 77 });
    const b = simulatePlan({ ...input, draws: 150, seed: 77 }, { method: 'per_draw' });
    expect({ ...a, method: null }).toEqual({ ...b, method: null });
    expect(a.uncertain.length).toBeGreaterThan(5);
  });
});

describe('probability of meeting a target: closed form', () => {
  it('normal growth rate, one year: p_meet ≈ 1 - Φ((r* - μ)/σ) within 3 standard errors (20,000 draws)', () => {
    const plan = makePlan({
      series: [ser('x')],
      actuals: [act('x', 2025, 100)],
      base_year: 2025,
      targets: [tgt('t', 'x', 'level', '>=', 107)],
    });
    const lo = 0.05;
    const hi = 0.09;
    const assumptions = { x: withU(asm('x', { type: 'cagr', rate: 0.07 }), U(lo, hi)) };
    const n = 20000;
    const s = simulatePlan({ plan, assumptions, draws: n, seed: 314159 });
    const mu = (lo + hi) / 2;
    const sigma = (hi - lo) / (2 * Z95);
    const rStar = 0.07 - (1e-9 * 107) / 100; // the comparison allows 1e-9 relative slack
    const p = 1 - normalCdf((rStar - mu) / sigma);
    const se = Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs(s.targets[0].p_meet - p)).toBeLessThan(3 * se);
    expect(s.targets[0].p_meet_se).toBeCloseTo(Math.sqrt((s.targets[0].p_meet * (1 - s.targets[0].p_meet)) / n), 12);
    // the median of the level is 100 (1 + μ); its 5th/95th percentiles are near 105 and 109
    const p26 = s.targets[0].percentiles[2026];
    expect(p26.p50).toBeCloseTo(107, 0);
    expect(Math.abs(p26.p5 - 105)).toBeLessThan(0.1);
    expect(Math.abs(p26.p95 - 109)).toBeLessThan(0.1);

    // a harder threshold: r* = 8.5%
    const plan2 = makePlan({
      series: [ser('x')],
      actuals: [act('x', 2025, 100)],
      base_year: 2025,
      targets: [tgt('t', 'x', 'level', '>=', 108.5)],
    });
    const s2 = simulatePlan({ plan: plan2, assumptions, draws: n, seed: 2718 });
    const p2 = 1 - normalCdf((0.085 - mu) / sigma);
    expect(Math.abs(s2.targets[0].p_meet - p2)).toBeLessThan(3 * Math.sqrt((p2 * (1 - p2)) / n));
  });
});

/** Spearman's rank correlation. */
function rankCorrelation(a: Float64Array, b: Float64Array): number {
  const rank = (x: Float64Array) => {
    const idx = Array.from(x, (_, i) => i).sort((i, j) => x[i] - x[j]);
    const r = new Float64Array(x.length);
    idx.forEach((i, k) => (r[i] = k));
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const n = a.length;
  const m = (n - 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - m) * (rb[i] - m);
    saa += (ra[i] - m) ** 2;
    sbb += (rb[i] - m) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('the Gaussian copula', () => {
  const plan = makePlan({
    series: [ser('a'), ser('b'), ser('c')],
    targets: [tgt('ta', 'a', 'level', '>=', 110), tgt('tb', 'b', 'level', '>=', 110), tgt('tc', 'c', 'level', '>=', 110)],
  });
  const make = (ca: number, cb: number, db: 'normal' | 'uniform' | 'triangular' | 'lognormal' = 'uniform') => ({
    a: withU(asm('a', { type: 'cagr', rate: 0.05 }, 100), U(0.02, 0.08, { correlation: ca })),
    b: withU(asm('b', { type: 'elasticity', driver: 'a', elasticity: 1 }, 100), U(0.5, 1.5, { correlation: cb, distribution: db })),
    c: withU(asm('c', { type: 'cagr', rate: 0.05 }, 100), U(0.02, 0.08)),
  });

  it('two assumptions loading 1 on the macro shock move together (rank correlation 1)', () => {
    const s = sampleParameters({ plan, assumptions: make(1, 1), draws: 5000, seed: 9 });
    expect(s.series).toEqual(['a', 'b', 'c']);
    expect(rankCorrelation(s.values[0], s.values[1])).toBeGreaterThan(0.9999);
    for (const dist of ['normal', 'triangular', 'lognormal'] as const) {
      const t = sampleParameters({ plan, assumptions: make(1, 1, dist), draws: 3000, seed: 9 });
      expect(rankCorrelation(t.values[0], t.values[1])).toBeGreaterThan(0.9999);
    }
  });

  it('loadings of opposite sign move in opposite directions', () => {
    const s = sampleParameters({ plan, assumptions: make(1, -1), draws: 5000, seed: 9 });
    expect(rankCorrelation(s.values[0], s.values[1])).toBeLessThan(-0.9999);
  });

  it('loading 0: independent (rank correlation ≈ 0); 0.7 x 0.7: about 0.47', () => {
    const n = 20000;
    const s = sampleParameters({ plan, assumptions: make(0, 0), draws: n, seed: 9 });
    expect(Math.abs(rankCorrelation(s.values[0], s.values[1]))).toBeLessThan(4 / Math.sqrt(n));
    const t = sampleParameters({ plan, assumptions: make(0.7, 0.7, 'normal'), draws: n, seed: 9 });
    // Spearman's rho of a bivariate normal with r = 0.49: (6/π) asin(r/2)
    const rho = (6 / Math.PI) * Math.asin(0.49 / 2);
    expect(Math.abs(rankCorrelation(t.values[0], t.values[1]) - rho)).toBeLessThan(0.02);
  });

  it('the marginal distribution keeps its range whatever the loading', () => {
    const s = sampleParameters({ plan, assumptions: make(0.6, 1), draws: 20000, seed: 4 });
    const sorted = Array.from(s.values[1]).sort((x, y) => x - y);
    expect(sorted[Math.round(0.05 * 19999)]).toBeCloseTo(0.5, 1);
    expect(sorted[Math.round(0.95 * 19999)]).toBeCloseTo(1.5, 1);
  });

  it('p_joint: comonotone targets -> min of the two; independent ones -> product', () => {
    const plan2 = makePlan({
      series: [ser('a'), ser('c')],
      targets: [tgt('ta', 'a', 'level', '>=', 113), tgt('tc', 'c', 'level', '>=', 118)],
    });
    const A = (ca: number, cc: number) => ({
      a: withU(asm('a', { type: 'cagr', rate: 0.05 }, 100), U(0.02, 0.08, { correlation: ca })),
      c: withU(asm('c', { type: 'cagr', rate: 0.05 }, 100), U(0.02, 0.08, { correlation: cc })),
    });
    const n = 20000;
    const co = simulatePlan({ plan: plan2, assumptions: A(1, 1), draws: n, seed: 5, joint: ['ta', 'tc'] });
    const [pa, pc] = co.targets.map((t) => t.p_meet);
    expect(pa).toBeGreaterThan(pc);
    expect(co.p_joint).toBe(Math.min(pa, pc));
    const ind = simulatePlan({ plan: plan2, assumptions: A(0, 0), draws: n, seed: 5, joint: ['ta', 'tc'] });
    const [qa, qc] = ind.targets.map((t) => t.p_meet);
    expect(Math.abs((ind.p_joint as number) - qa * qc)).toBeLessThan(4 * Math.sqrt((qa * qc * (1 - qa * qc)) / n));
    expect(simulatePlan({ plan: plan2, assumptions: A(0, 0), draws: 10, seed: 5 }).p_joint).toBeNull();
  });

  it('adding an uncertain assumption leaves the draws of the others unchanged', () => {
    const base = make(0.5, 0.5);
    const fewer = { ...base, c: { ...base.c, uncertainty: null } };
    const s1 = sampleParameters({ plan, assumptions: base, draws: 100, seed: 3 });
    const s2 = sampleParameters({ plan, assumptions: fewer, draws: 100, seed: 3 });
    expect(s2.series).toEqual(['a', 'b']);
    expect(Array.from(s2.values[0])).toEqual(Array.from(s1.values[0]));
    expect(Array.from(s2.values[1])).toEqual(Array.from(s1.values[1]));
  });
});

describe('determinism and validation', () => {
  const plan = fullPlan();
  const assumptions = fullAssumptions();

  it('same seed and inputs -> identical output; another seed -> different output', () => {
    const a = simulatePlan({ plan, assumptions, draws: 500, seed: 42 });
    const b = simulatePlan({ plan, assumptions, draws: 500, seed: 42 });
    const c = simulatePlan({ plan, assumptions, draws: 500, seed: 43 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
    expect(a.seed).toBe(42);
    expect(a.percentiles_def).toBe('linear interpolation between order statistics (Hyndman-Fan type 7)');
    // chunking does not matter: one step or many
    const run = createSimulation({ plan, assumptions, draws: 500, seed: 42 });
    while (!run.step(37));
    expect(JSON.stringify(run.result())).toBe(JSON.stringify(a));
  });

  it('a bad range is refused, naming the assumption and the field', () => {
    const bad = { ...assumptions, ind: withU(assumptions.ind, U(1.4, 0.8)) };
    let err: unknown;
    try {
      simulatePlan({ plan, assumptions: bad, draws: 10, seed: 1 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ModelError);
    const e = err as ModelError;
    expect(e.subject).toBe('ind');
    expect(e.parameter).toBe('uncertainty.low');
    expect(e.message).toMatch(/elasticity/);
    expect(e.message_zh).toContain('弹性系数');
    const logn = { ...assumptions, labs: withU(assumptions.labs, U(-1, 1.2, { distribution: 'lognormal' })) };
    expect(() => simulatePlan({ plan, assumptions: logn, draws: 10, seed: 1 })).toThrow(/labs/);
  });

  it('draws, seed and joint are checked', () => {
    expect(() => simulatePlan({ plan, assumptions, draws: 0, seed: 1 })).toThrow(ModelError);
    expect(() => simulatePlan({ plan, assumptions, draws: 2.5, seed: 1 })).toThrow(/draws/);
    expect(() => simulatePlan({ plan, assumptions, draws: 10, seed: 1.5 })).toThrow(/seed/);
    expect(() => simulatePlan({ plan, assumptions, draws: 10, seed: 1, joint: ['nope'] })).toThrow(/nope/);
  });

  it('no uncertainty at all: every band is a point, p_meet is 0 or 1', () => {
    const certain = Object.fromEntries(Object.entries(assumptions).map(([k, a]) => [k, { ...a, uncertainty: null }]));
    const s = simulatePlan({ plan, assumptions: certain, draws: 50, seed: 1 });
    expectSameAsProjection(s, projectPlan({ plan, assumptions: certain }));
    expect(s.uncertain).toEqual([]);
  });
});

describe('edge draws', () => {
  it('draws outside a parameter’s valid values are moved in and counted (logistic speed above 0)', () => {
    const plan = makePlan({ series: [ser('cov', { unit: '%', bounds: [0, 100] })], targets: [tgt('t', 'cov', 'share', '>=', 90)] });
    const assumptions = { cov: withU(asm('cov', { type: 'logistic', ceiling: 100, rate: 0.3 }, 70), U(0.01, 0.6)) };
    const s = simulatePlan({ plan, assumptions, draws: 4000, seed: 8 });
    expect(s.clamped_draws.cov).toBeGreaterThan(0);
    expect(s.clamped_draws.cov).toBeLessThan(400);
    expect(s.targets[0].valid_draws).toBe(4000);
  });

  it('an elasticity whose growth falls below -100% leaves that series without a value in that draw', () => {
    const plan = makePlan({ series: [ser('d'), ser('y')], targets: [tgt('t', 'y', 'level', '>=', 1)] });
    const assumptions = {
      d: asm('d', { type: 'cagr', rate: -0.5 }, 100),
      y: withU(asm('y', { type: 'elasticity', driver: 'd', elasticity: 1.5 }, 100), U(1.2, 2.4)),
    };
    const s = simulatePlan({ plan, assumptions, draws: 2000, seed: 3 });
    const bad = s.invalid_draws.y;
    expect(bad).toBeGreaterThan(0);
    expect(s.targets[0].valid_draws).toBe(2000 - bad);
    expect(s.targets[0].p_meet).toBeLessThanOrEqual((2000 - bad) / 2000);
  });
});

describe('progress and cancellation', () => {
  const plan = fullPlan();
  const assumptions = fullAssumptions();

  it('reports progress about every 5% and ends at the total', () => {
    const calls: [number, number][] = [];
    const s = simulatePlan({ plan, assumptions, draws: 1000, seed: 1, onProgress: (d, t) => (calls.push([d, t]), true) });
    expect(s.cancelled).toBe(false);
    expect(calls.length).toBe(20);
    expect(calls[0]).toEqual([50, 1000]);
    expect(calls[calls.length - 1]).toEqual([1000, 1000]);
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThan(calls[i - 1][0]);
  });

  it('returning false cancels: the result says so and uses the draws made', () => {
    let n = 0;
    const s = simulatePlan({ plan, assumptions, draws: 1000, seed: 1, onProgress: () => ++n < 3 });
    expect(s.cancelled).toBe(true);
    expect(s.draws).toBe(1000);
    expect(s.draws_done).toBe(150);
  });

  it('a recompiled program reuses the arrays of the last one: results unchanged, a stale run stops', () => {
    const a1 = simulatePlan({ plan, assumptions, draws: 300, seed: 4 });
    const run = createSimulation({ plan, assumptions, draws: 300, seed: 4 });
    run.step(100);
    const other = { ...assumptions, gdp: { ...assumptions.gdp, model: { type: 'cagr' as const, rate: 0.06 } } };
    const b = simulatePlan({ plan, assumptions: other, draws: 300, seed: 4 });
    expect(() => run.step(100)).toThrow(/superseded/);
    const a2 = simulatePlan({ plan, assumptions, draws: 300, seed: 4 });
    expect(JSON.stringify(a2)).toBe(JSON.stringify(a1));
    expect(JSON.stringify(b)).not.toBe(JSON.stringify(a1));
    expect(JSON.stringify(simulatePlan({ plan, assumptions: other, draws: 300, seed: 4 }, { method: 'per_draw' }))).toBe(
      JSON.stringify({ ...b, method: 'per_draw' }),
    );
  });

  it('a newer run of the same plan and size takes over the buffers; the older one refuses to go on', () => {
    const a = createSimulation({ plan, assumptions, draws: 300, seed: 1 });
    a.step(100);
    const b = createSimulation({ plan, assumptions, draws: 300, seed: 2 });
    expect(() => a.step(100)).toThrow(/superseded/);
    while (!b.step(100));
    expect(b.result().draws_done).toBe(300);
  });
});
