/**
 * Each growth model is written once, over N lanes (models/growth/): the projection runs one lane,
 * the Monte Carlo one lane per draw. Per model: a zero-width range at the model's own value
 * reproduces projectPlan bit for bit, and any draws reproduce the per-draw reference (projectPlan
 * per draw with the drawn parameter written into the model) bit for bit. `CASES` is keyed by the
 * registry's kinds, so a model added without a case here does not compile.
 */
import { describe, expect, it } from 'vitest';
import { projectPlan } from '../../../models/engine';
import { simulatePlan } from '../../../models/montecarlo';
import { GROWTH_MODEL_KINDS, GROWTH_MODELS, type GrowthModelKind, type ModelOf } from '../../../models/growth/index';
import type { Assumption, Plan } from '../../../models/schema';
import { act, asm, makePlan, ser, tgt } from '../models/fixtures';
import { U, pointRanges, withU } from './fixtures';

interface Case<K extends GrowthModelKind> {
  model: ModelOf<K>;
  /** low, high of the range on the model's parameter */
  range: [number, number];
  base?: number;
  actuals?: [number, number][];
  bounds?: [number, number];
}

const CASES: { [K in GrowthModelKind]: Case<K> } = {
  cagr: { model: { type: 'cagr', rate: 0.06 }, range: [0.02, 0.1], base: 50 },
  path: { model: { type: 'path', rates: { '2025': 0.08, '2027': -0.02 }, default_rate: 0.03 }, range: [-0.02, 0.02], base: 50 },
  flat: { model: { type: 'flat' }, range: [0.9, 1.1], base: 50 },
  interp: {
    model: {
      type: 'interp',
      points: [
        { year: 2025, value: 70 },
        { year: 2027, value: 90 },
      ],
    },
    range: [0.85, 1.15],
    base: 50,
  },
  step: {
    model: {
      type: 'step',
      steps: [
        { year: 2025, value: 60 },
        { year: 2027, value: 75 },
      ],
    },
    range: [0.9, 1.2],
    base: 50,
  },
  trend: {
    model: { type: 'trend', form: 'loglinear' },
    range: [0.95, 1.05],
    actuals: [
      [2019, 40],
      [2020, 43],
      [2021, 45],
      [2022, 49],
      [2023, 52],
    ],
  },
  logistic: { model: { type: 'logistic', ceiling: 100, rate: 0.35 }, range: [0.15, 0.6], base: 60, bounds: [0, 100] },
  elasticity: { model: { type: 'elasticity', driver: 'd', elasticity: 1.2 }, range: [0.6, 1.8], base: 50 },
  intensity_decay: { model: { type: 'intensity_decay', driver: 'd', rate: 0.03 }, range: [0.01, 0.05], base: 50 },
  pipeline: {
    model: {
      type: 'pipeline',
      underlying_rate: 0.02,
      projects: [
        { name: 'a', start_year: 2024, capacity: 8, ramp_years: 1 },
        { name: 'b', start_year: 2025, capacity: 20, ramp_years: 3 },
      ],
    },
    range: [-0.01, 0.05],
    base: 50,
  },
};

/** A driver d (uncertain cagr) and the series x under the case's model, with a range on its parameter. */
function caseInput<K extends GrowthModelKind>(c: Case<K>): { plan: Plan; assumptions: Record<string, Assumption> } {
  const plan = makePlan({
    series: [ser('d', { driver: true }), ser('x', c.bounds ? { bounds: c.bounds } : {})],
    actuals: [act('d', 2023, 100), ...(c.actuals ?? []).map(([y, v]) => act('x', y, v))],
    targets: [tgt('t_x', 'x', 'level', '>=', 60), tgt('t_x_growth', 'x', 'growth_rate', '>=', 4, { unit: '%' })],
    period_end: 2028,
  });
  const assumptions = {
    d: withU(asm('d', { type: 'cagr', rate: 0.05 }), U(0.02, 0.08, { correlation: 0.6 })),
    x: withU(asm('x', c.model, c.base ?? null), U(c.range[0], c.range[1], { correlation: 0.3 })),
  };
  return { plan, assumptions };
}

describe('every growth model over N lanes', () => {
  it('the cases cover the registry, and the registry the schema’s models', () => {
    expect(Object.keys(CASES).sort()).toEqual([...GROWTH_MODEL_KINDS].sort());
    for (const k of GROWTH_MODEL_KINDS) expect(GROWTH_MODELS[k].kind).toBe(k);
  });

  for (const kind of GROWTH_MODEL_KINDS) {
    const input = caseInput(CASES[kind] as Case<typeof kind>);

    it(`${kind}: a zero-width range at the model’s own value reproduces projectPlan bit for bit`, () => {
      const zw = pointRanges(input.assumptions);
      const r = projectPlan({ ...input, assumptions: zw });
      const s = simulatePlan({ ...input, assumptions: zw, draws: 32, seed: 5 });
      expect(s.method).toBe('compiled');
      const years = Object.keys(r.series.x.values).map(Number);
      expect(years.length).toBeGreaterThanOrEqual(6);
      for (const id of ['d', 'x']) {
        for (const y of years) {
          const v = r.series[id].values[y];
          const p = s.series[id][y];
          expect([id, y, p.p5, p.p50, p.p95]).toEqual([id, y, v, v, v]);
        }
      }
      for (const t of r.targets) {
        const st = s.targets.find((x) => x.id === t.id)!;
        expect([t.id, st.percentiles[t.target_year]?.p50 ?? null, st.p_meet]).toEqual([t.id, t.projected, t.met === true ? 1 : 0]);
      }
    });

    it(`${kind}: any draws — the compiled lanes equal the per-draw reference bit for bit`, () => {
      const sim = { ...input, draws: 300, seed: 20261203 };
      const a = simulatePlan(sim);
      const b = simulatePlan(sim, { method: 'per_draw' });
      expect(a.method).toBe('compiled');
      expect(b.method).toBe('per_draw');
      expect({ ...a, method: null }).toEqual({ ...b, method: null });
      // the range does move the series: the bands are not points
      const p = a.series.x[2028];
      expect(p.p95).toBeGreaterThan(p.p5);
    });
  }
});
