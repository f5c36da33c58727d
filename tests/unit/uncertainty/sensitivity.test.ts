/**
 * Tornado, sensitivity matrix and attribution: swings checked against projectPlan, bars ordered
 * by swing, Shapley values worked out by hand, and the bars summing exactly to the change.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { projectPlan } from '../../../models/engine';
import { attribution, closeSum, differingPlayers, sensitivityMatrix, tornado } from '../../../models/sensitivity';
import type { Assumption, GrowthModel } from '../../../models/schema';
import { ModelError } from '../../../models/types';
import { act, asm, makePlan, ser, tgt } from '../models/fixtures';
import { U, fullAssumptions, fullPlan, realInput, setParameter, withU } from './fixtures';

const leftSum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe('tornado', () => {
  const plan = makePlan({
    series: [
      ser('gdp'),
      ser('ind'),
      ser('other'),
      ser('share', { unit: '%', derived: { type: 'ratio', numerator: 'ind', denominator: 'gdp', scale: 100 } }),
    ],
    targets: [tgt('t_share', 'share', 'share', '>=', 30, { unit: '%' }), tgt('t_other', 'other', 'level', '>=', 10)],
  });
  const assumptions: Record<string, Assumption> = {
    gdp: withU(asm('gdp', { type: 'cagr', rate: 0.05 }, 1000), U(0.04, 0.06)),
    ind: withU(asm('ind', { type: 'elasticity', driver: 'gdp', elasticity: 1.3 }, 280), U(0.8, 1.8)),
    other: withU(asm('other', { type: 'cagr', rate: 0.05 }, 9), U(0, 0.1)),
  };
  const central: Record<string, number> = { gdp: 0.05, ind: 1.3, other: 0.05 };
  /** the target's value by projectPlan with `id` at v and the others at their centre */
  const direct = (id: string | null, v: number, target = 't_share') => {
    const a: Record<string, Assumption> = {};
    for (const [k, x] of Object.entries(assumptions)) a[k] = { ...x, model: setParameter(x.model, k === id ? v : central[k]) };
    return projectPlan({ plan, assumptions: a }).targets.find((t) => t.id === target)!.projected!;
  };

  it('bars sorted by swing; each end equals projectPlan with that parameter moved', () => {
    const t = tornado({ plan, assumptions }, 't_share');
    expect(t.bars.map((b) => b.series)).toEqual(['ind', 'gdp', 'other']);
    const swings = t.bars.map((b) => b.swing as number);
    expect(swings[0]).toBeGreaterThan(swings[1]);
    expect(swings[2]).toBe(0);
    for (const b of t.bars) {
      expect(b.value_low).toBe(direct(b.series, b.low));
      expect(b.value_high).toBe(direct(b.series, b.high));
      expect(b.swing).toBe(Math.abs((b.value_high as number) - (b.value_low as number)));
      expect(b.central).toBeCloseTo(central[b.series], 14);
    }
    expect(t.base).toBe(direct(null, 0));
    expect(t.scenario).toBe(projectPlan({ plan, assumptions }).targets[0].projected);
    expect(t.target_value).toBe(30);
    // a higher elasticity raises the share; faster GDP growth lowers it less than it raises industry
    const ind = t.bars[0];
    expect((ind.value_high as number) > (ind.value_low as number)).toBe(true);
  });

  it('an unknown target is refused', () => {
    expect(() => tornado({ plan, assumptions }, 'nope')).toThrow(ModelError);
  });

  it('the matrix: signed swings per assumption and target, normalised by the largest per target', () => {
    const m = sensitivityMatrix({ plan, assumptions });
    expect(m.assumptions.map((a) => a.series)).toEqual(['gdp', 'ind', 'other']);
    expect(m.targets.map((t) => t.id)).toEqual(['t_share', 't_other']);
    const t = tornado({ plan, assumptions }, 't_share');
    for (const [i, a] of m.assumptions.entries()) {
      const bar = t.bars.find((b) => b.series === a.series)!;
      expect(m.swing[i][0]).toBe((bar.value_high as number) - (bar.value_low as number));
    }
    expect(m.normalised[1][0]).toBe(1); // ind drives the share most, upwards
    expect(m.normalised[0][0]).toBeGreaterThan(0); // elasticity 1.3 > 1: faster GDP raises the share
    expect(m.normalised[2][0]).toBe(0);
    expect(m.normalised[2][1]).toBe(1);
    expect(m.normalised[0][1]).toBe(0);
    for (const row of m.normalised) for (const x of row) expect(x === null || (x >= -1 && x <= 1)).toBe(true);
  });

  it('the fixture with every model: the tornado of each target equals its own swings in the matrix', () => {
    const plan2 = fullPlan();
    const a2 = fullAssumptions();
    const m = sensitivityMatrix({ plan: plan2, assumptions: a2 });
    m.targets.forEach((tg, k) => {
      const t = tornado({ plan: plan2, assumptions: a2 }, tg.id);
      for (const b of t.bars) {
        const i = m.assumptions.findIndex((a) => a.series === b.series);
        const s = m.swing[i][k];
        expect(s === null ? null : Math.abs(s)).toBe(b.swing);
      }
    });
  });

  it.skipIf(!realInput())('the real plan: GDP and the sector elasticity drive a share target', () => {
    const input = realInput()!;
    const t = tornado(input, 'sei_va_share_gdp');
    expect(
      t.bars
        .slice(0, 2)
        .map((b) => b.series)
        .sort(),
    ).toEqual(['gdp_nominal', 'sei_va']);
  });
});

describe('attribution', () => {
  it('Shapley by hand: a share x / z with both changed', () => {
    // x: 50 -> 55 (+10%), z: 100 -> 125 (+25%), one year
    const plan = makePlan({
      series: [ser('x'), ser('z'), ser('s', { unit: '%', derived: { type: 'ratio', numerator: 'x', denominator: 'z', scale: 100 } })],
      actuals: [act('x', 2025, 50), act('z', 2025, 100)],
      base_year: 2025,
      targets: [tgt('t', 's', 'share', '>=', 45, { unit: '%' })],
    });
    const A = { plan, assumptions: { x: asm('x', { type: 'cagr', rate: 0 }), z: asm('z', { type: 'cagr', rate: 0 }) } };
    const B = { plan, assumptions: { x: asm('x', { type: 'cagr', rate: 0.1 }), z: asm('z', { type: 'cagr', rate: 0.25 }) } };
    const r = attribution(A, B);
    const t = r.targets[0];
    expect(t.method).toBe('shapley');
    expect(t.from).toBe(50);
    expect(t.to).toBeCloseTo(44, 12);
    // v(∅)=50, v(x)=55, v(z)=40, v(xz)=44: φx = ((55-50)+(44-40))/2 = 4.5, φz = ((40-50)+(44-55))/2 = -10.5
    const by = Object.fromEntries(t.bars.map((b) => [b.key, b.value]));
    expect(by.x).toBeCloseTo(4.5, 12);
    expect(by.z).toBeCloseTo(-10.5, 12);
    expect(t.bars[0].key).toBe('z'); // largest first
    expect(leftSum(t.bars.map((b) => b.value))).toBe(t.total);
  });

  it('one difference: its bar is the whole change, exactly', () => {
    const plan = fullPlan();
    const a = fullAssumptions();
    const b = { ...a, ind: { ...a.ind, model: { type: 'elasticity', driver: 'gdp', elasticity: 1.6 } as GrowthModel } };
    const r = attribution({ plan, assumptions: a }, { plan, assumptions: b });
    expect(r.players.map((p) => p.key)).toEqual(['ind']);
    const share = r.targets.find((t) => t.id === 't_share')!;
    expect(share.bars).toHaveLength(1);
    expect(share.bars[0].value).toBe((share.to as number) - (share.from as number));
    // a target the difference cannot reach has no bar
    const steel = r.targets.find((t) => t.id === 't_level')!;
    expect(steel.total).toBe(0);
    expect(steel.bars).toEqual([]);
  });

  it('only what the engine reads counts as a difference (not the range, rationale or metadata)', () => {
    const plan = fullPlan();
    const a = fullAssumptions();
    const b = { ...a, gdp: { ...a.gdp, uncertainty: U(0, 0.1), rationale: 'changed', author: 'x' } };
    expect(differingPlayers({ plan, assumptions: a }, { plan, assumptions: b })).toEqual([]);
    const c = { ...a, gdp: { ...a.gdp, base_value: 1001 } };
    expect(differingPlayers({ plan, assumptions: a }, { plan, assumptions: c }).map((p) => p.key)).toEqual(['gdp']);
    const d = { plan, assumptions: a, settings: { tolerance: 0.1 } };
    expect(differingPlayers({ plan, assumptions: a }, d).map((p) => p.key)).toEqual(['settings']);
  });

  it('more than 8 differences upstream of a target: one at a time in plan order plus the interaction bar', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `s${i}`);
    const plan = makePlan({ series: ids.map((id) => ser(id)), targets: [tgt('t', 's9', 'level', '>=', 200)] });
    const chain = (e: number): Record<string, Assumption> =>
      Object.fromEntries(
        ids.map((id, i) => [
          id,
          i === 0
            ? asm(id, { type: 'cagr', rate: 0.05 * e }, 100)
            : asm(id, { type: 'elasticity', driver: ids[i - 1], elasticity: e }, 100),
        ]),
      );
    const A = { plan, assumptions: chain(1) };
    const B = { plan, assumptions: chain(1.2) };
    const r = attribution(A, B);
    expect(r.players).toHaveLength(10);
    const t = r.targets[0];
    expect(t.method).toBe('one_at_a_time');
    expect(r.method).toBe('one_at_a_time');
    expect(t.bars.map((b) => b.key)).toEqual([...ids, 'interaction']);
    expect(t.bars[10].label_zh).toBe('交互作用');
    expect(leftSum(t.bars.map((b) => b.value))).toBe(t.total);
    expect(r.projections).toBe(12);
    // with a higher limit: exact Shapley over the 10 (1024 projections)
    const s = attribution(A, B, { maxShapley: 10 });
    expect(s.targets[0].method).toBe('shapley');
    expect(leftSum(s.targets[0].bars.map((b) => b.value))).toBe(s.targets[0].total);
  });

  it('different plans are refused', () => {
    const p1 = fullPlan();
    const p2 = makePlan({ series: [ser('q')] });
    expect(() => attribution({ plan: p1, assumptions: {} }, { plan: p2, assumptions: {} })).toThrow(ModelError);
  });

  it('property: for random pairs of scenarios the bars add up to the change exactly', () => {
    const plan = fullPlan();
    const base = fullAssumptions();
    const ids = ['gdp', 'defl', 'ind', 'energy', 'steel', 'coverage', 'labs', 'parks', 'flow2', 'capped', 'plain'];
    const own: Record<string, [number, number]> = {
      gdp: [0, 0.12],
      defl: [-0.03, 0.03],
      ind: [0.5, 2],
      energy: [0, 0.08],
      steel: [0, 0.1],
      coverage: [0.05, 0.9],
      labs: [0.5, 1.5],
      parks: [0.5, 1.5],
      flow2: [-0.05, 0.2],
      capped: [0, 0.1],
      plain: [0, 0.1],
    };
    const scenario = fc.record(
      Object.fromEntries(ids.map((id) => [id, fc.option(fc.double({ min: own[id][0], max: own[id][1], noNaN: true }), { nil: null })])),
    );
    fc.assert(
      fc.property(scenario, scenario, (xa, xb) => {
        const build = (x: Record<string, number | null>) => {
          const out: Record<string, Assumption> = { ...base };
          for (const id of ids) {
            const v = x[id];
            if (v !== null) out[id] = { ...base[id], model: setParameter(base[id].model, v) };
          }
          return out;
        };
        const r = attribution({ plan, assumptions: build(xa) }, { plan, assumptions: build(xb) });
        for (const t of r.targets) {
          if (t.total === null) continue;
          if (leftSum(t.bars.map((b) => b.value)) !== t.total) return false;
          if (t.total !== (t.to as number) - (t.from as number)) return false;
        }
        return true;
      }),
      { numRuns: 100 },
    );
  });

  it('closeSum: the left-to-right sum hits the total bit for bit when the last step needs no more than the total', () => {
    const num = fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => (Math.abs(x) < 1e-200 ? 0 : x));
    fc.assert(
      fc.property(fc.array(num, { minLength: 1, maxLength: 12 }), num, (xs, total) => {
        let before = 0;
        for (let i = 0; i < xs.length - 1; i++) before += xs[i];
        // the last bar is the smallest (Shapley bars by size, the interaction bar last): what it
        // must bring is at most the total
        fc.pre(Math.abs(total - before) <= Math.abs(total));
        const out = closeSum(xs, total);
        return leftSum(out) === total;
      }),
      { numRuns: 3000 },
    );
    // heavy cancellation: as close as the doubles allow
    const out = closeSum([1e6, -1e6 + 0.3], 0.3);
    expect(Math.abs(leftSum(out) - 0.3)).toBeLessThan(1e-9);
  });

  it.skipIf(!realInput())('the real plan: baseline -> stretch, every target exact and attributed by Shapley', () => {
    const a = realInput('baseline');
    const b = realInput('stretch');
    if (!a || !b) return;
    const r = attribution(a, { ...b, plan: a.plan });
    expect(r.players.length).toBeGreaterThan(0);
    for (const t of r.targets) {
      if (t.total === null) continue;
      expect([t.id, leftSum(t.bars.map((x) => x.value))]).toEqual([t.id, t.total]);
    }
  });
});
