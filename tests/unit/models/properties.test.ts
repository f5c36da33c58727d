import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { act, allFinite, asm, makePlan, run, ser, tgt, type ActualIn } from './fixtures';
import { ModelError } from '../../../models/types';
import type { GrowthModel } from '../../../models/schema';

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const relClose = (a: number, b: number, tol = 1e-6): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

describe('properties: the required growth, applied as a cagr model, reaches the target', () => {
  it('level', () => {
    fc.assert(
      fc.property(
        num(1, 1e4),
        num(0.3, 5),
        fc.integer({ min: 2024, max: 2030 }),
        num(-0.2, 0.3),
        fc.option(num(0.5, 2)),
        (v0, ratio, T, rate, later) => {
          const actuals: ActualIn[] = [act('x', 2023, v0)];
          if (later !== null && T > 2024) actuals.push(act('x', 2024, v0 * later));
          const plan = makePlan({ series: [ser('x')], targets: [tgt('t', 'x', 'level', '>=', v0 * ratio, { target_year: T })], actuals });
          const ev = run(plan, [asm('x', { type: 'cagr', rate })]).targets[0];
          expect(ev.required_growth).not.toBeNull();
          const again = run(plan, [asm('x', { type: 'cagr', rate: ev.required_growth as number })]).targets[0];
          expect(relClose(again.projected as number, v0 * ratio)).toBe(true);
          expect(again.met).toBe(true);
        },
      ),
    );
  });

  it('growth_rate', () => {
    fc.assert(
      fc.property(
        num(1, 1e4),
        num(-20, 30),
        fc.integer({ min: 2024, max: 2030 }),
        num(-0.2, 0.3),
        fc.option(num(0.7, 1.5)),
        (v0, g, T, rate, later) => {
          const actuals: ActualIn[] = [act('x', 2023, v0)];
          if (later !== null && T > 2024) actuals.push(act('x', 2024, v0 * later));
          const plan = makePlan({
            series: [ser('x')],
            targets: [tgt('t', 'x', 'growth_rate', '>=', g, { target_year: T, unit: '%' })],
            actuals,
          });
          const ev = run(plan, [asm('x', { type: 'cagr', rate })]).targets[0];
          expect(ev.required_growth).not.toBeNull();
          const again = run(plan, [asm('x', { type: 'cagr', rate: ev.required_growth as number })]).targets[0];
          expect(Math.abs((again.projected as number) - g)).toBeLessThan(1e-6 * Math.max(1, Math.abs(g)));
        },
      ),
    );
  });

  it('reduction, with the energy series on intensity_decay', () => {
    fc.assert(
      fc.property(
        num(10, 1e4),
        num(100, 1e5),
        num(-0.05, 0.15),
        num(0, 40),
        fc.integer({ min: 2024, max: 2028 }),
        (e0, gdp0, gdpRate, R, T) => {
          const plan = makePlan({
            series: [
              ser('energy'),
              ser('gdp_real'),
              ser('intensity', { derived: { type: 'ratio', numerator: 'energy', denominator: 'gdp_real', scale: 1 } }),
            ],
            targets: [tgt('t', 'intensity', 'reduction', '>=', R, { target_year: T, unit: '%' })],
            actuals: [act('energy', 2023, e0), act('gdp_real', 2023, gdp0)],
          });
          const gdp = asm('gdp_real', { type: 'cagr', rate: gdpRate });
          const ev = run(plan, [asm('energy', { type: 'intensity_decay', driver: 'gdp_real', rate: 0.01 }), gdp]).targets[0];
          const r = ev.required_growth as number;
          expect(r).not.toBeNull();
          expect(r).toBeLessThanOrEqual(0);
          const again = run(plan, [asm('energy', { type: 'intensity_decay', driver: 'gdp_real', rate: -r }), gdp]).targets[0];
          expect(Math.abs((again.projected as number) - R)).toBeLessThan(1e-6 * Math.max(1, R));
        },
      ),
    );
  });

  it('share, with a cagr numerator and the denominator on its own projection', () => {
    fc.assert(
      fc.property(
        num(10, 500),
        num(1000, 5000),
        num(0, 0.1),
        num(0.5, 3),
        fc.integer({ min: 2024, max: 2028 }),
        num(-0.1, 0.2),
        (n0, d0, dRate, k, T, nRate) => {
          const share0 = (n0 / d0) * 100;
          const target = Math.min(99, share0 * k);
          const plan = makePlan({
            series: [
              ser('share', { unit: '%', derived: { type: 'ratio', numerator: 'n', denominator: 'd', scale: 100 } }),
              ser('n'),
              ser('d'),
            ],
            targets: [tgt('t', 'share', 'share', '>=', target, { target_year: T, unit: '%' })],
            actuals: [act('n', 2023, n0), act('d', 2023, d0)],
          });
          const den = asm('d', { type: 'cagr', rate: dRate });
          const ev = run(plan, [asm('n', { type: 'cagr', rate: nRate }), den]).targets[0];
          expect(ev.required_growth).not.toBeNull();
          const again = run(plan, [asm('n', { type: 'cagr', rate: ev.required_growth as number }), den]).targets[0];
          expect(relClose(again.projected as number, target)).toBe(true);
        },
      ),
    );
  });
});

describe('properties: growth models', () => {
  it('a path of rates r1, r2 from v gives v(1+r1)(1+r2) and equals two single-year cagr steps', () => {
    fc.assert(
      fc.property(num(1, 1e4), num(-0.5, 1), num(-0.5, 1), (v, r1, r2) => {
        const plan = makePlan({ series: [ser('x')], actuals: [act('x', 2023, v)] });
        const path = run(plan, [asm('x', { type: 'path', rates: { '2024': r1, '2025': r2 }, default_rate: 0 })]).series.x.values;
        expect(relClose(path[2025], v * (1 + r1) * (1 + r2), 1e-12)).toBe(true);
        const step1 = run(plan, [asm('x', { type: 'cagr', rate: r1 })]).series.x.values[2024];
        const plan2 = makePlan({ series: [ser('x')], actuals: [act('x', 2023, v), act('x', 2024, step1)] });
        const step2 = run(plan2, [asm('x', { type: 'cagr', rate: r2 })]).series.x.values[2025];
        expect(relClose(path[2024], step1, 1e-12)).toBe(true);
        expect(relClose(path[2025], step2, 1e-12)).toBe(true);
      }),
    );
  });

  it('logistic never exceeds its ceiling and never falls', () => {
    fc.assert(
      fc.property(num(0.001, 1e4), num(0, 1), num(0.001, 5), fc.integer({ min: 2026, max: 2040 }), (C, frac, k, end) => {
        const plan = makePlan({ series: [ser('x')], actuals: [act('x', 2023, C * frac)], period_end: end });
        const v = run(plan, [asm('x', { type: 'logistic', ceiling: C, rate: k })]).series.x.values;
        let prev = -Infinity;
        for (let y = 2023; y <= end; y++) {
          expect(v[y]).toBeLessThanOrEqual(C);
          expect(v[y]).toBeGreaterThanOrEqual(prev);
          prev = v[y];
        }
      }),
    );
  });

  it('shares under logistic numerators stay within their bounds', () => {
    fc.assert(
      fc.property(num(100, 1e4), num(0, 1), num(0, 1), num(0.001, 4), num(0, 0.2), (d0, cFrac, vFrac, k, dRate) => {
        const C = d0 * cFrac;
        const plan = makePlan({
          series: [
            ser('share', { unit: '%', bounds: [0, 100], derived: { type: 'ratio', numerator: 'n', denominator: 'd', scale: 100 } }),
            ser('n'),
            ser('d'),
          ],
          actuals: [act('n', 2023, C * vFrac), act('d', 2023, d0)],
          period_end: 2035,
        });
        const r = run(plan, [asm('n', { type: 'logistic', ceiling: C, rate: k }), asm('d', { type: 'cagr', rate: dRate })]);
        for (const v of Object.values(r.series.share.values)) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(100 + 1e-9);
        }
      }),
    );
  });
});

// ------------------------------------------------------------------------------------------------
// no NaN / Infinity, whatever the (valid) input
// ------------------------------------------------------------------------------------------------

const points = fc.array(fc.record({ year: fc.integer({ min: 2020, max: 2030 }), value: num(-1e4, 1e4) }), { minLength: 1, maxLength: 4 });
const ownModel: fc.Arbitrary<GrowthModel> = fc.oneof(
  num(-0.99, 3).map((rate) => ({ type: 'cagr' as const, rate })),
  fc.record({ r24: num(-0.99, 2), r26: num(-0.99, 2), def: num(-0.99, 2) }).map(({ r24, r26, def }) => ({
    type: 'path' as const,
    rates: { '2024': r24, '2026': r26 },
    default_rate: def,
  })),
  fc.constant({ type: 'flat' as const }),
  points.map((p) => ({ type: 'interp' as const, points: p })),
  points.map((p) => ({ type: 'step' as const, steps: p })),
  fc.constantFrom('linear' as const, 'loglinear' as const).map((form) => ({ type: 'trend' as const, form })),
  fc.record({ ceiling: num(-100, 1e5), rate: num(0.001, 5) }).map((m) => ({ type: 'logistic' as const, ...m })),
  num(-5, 5).map((elasticity) => ({ type: 'elasticity' as const, driver: 'gdp', elasticity })),
  fc
    .record({ u: num(-0.5, 1), cap: num(-100, 1e4), start: fc.integer({ min: 2020, max: 2030 }), ramp: fc.integer({ min: 1, max: 5 }) })
    .map(({ u, cap, start, ramp }) => ({
      type: 'pipeline' as const,
      underlying_rate: u,
      projects: [{ name: 'p', start_year: start, capacity: cap, ramp_years: ramp }],
    })),
  num(-0.99, 0.99).map((rate) => ({ type: 'intensity_decay' as const, driver: 'gdp', rate })),
);
const gdpModel: fc.Arbitrary<GrowthModel> = fc.oneof(
  num(-0.5, 1).map((rate) => ({ type: 'cagr' as const, rate })),
  fc.constant({ type: 'flat' as const }),
  points.map((p) => ({ type: 'step' as const, steps: p })),
);
const value = fc.oneof(num(-1000, 1e5), fc.constant(0), num(0.001, 10));
const maybeActuals = fc.array(fc.record({ year: fc.integer({ min: 2019, max: 2027 }), value }), { maxLength: 5 });

describe('properties: results never contain NaN or Infinity', () => {
  it('for any valid plan and assumptions: a finite result or a ModelError', () => {
    fc.assert(
      fc.property(
        fc.record({ a: ownModel, b: ownModel, c: ownModel, gdp: gdpModel, defl: gdpModel }),
        fc.record({ a: maybeActuals, b: maybeActuals, c: maybeActuals, gdp: maybeActuals, defl: maybeActuals, share: maybeActuals }),
        fc.record({ a: fc.option(value), b: fc.option(value), gdp: fc.option(value), defl: fc.option(value) }),
        fc.array(num(-100, 1e4), { minLength: 8, maxLength: 8 }),
        num(0, 0.5),
        fc.integer({ min: 2022, max: 2028 }),
        (models, acts, bases, tv, tolerance, asOf) => {
          const actuals: ActualIn[] = [];
          for (const [s, list] of Object.entries(acts)) for (const a of list) actuals.push(act(s, a.year, a.value));
          const plan = makePlan({
            series: [
              ser('gdp'),
              ser('defl', { nature: 'index' }),
              ser('a'),
              ser('b', { nature: 'flow' }),
              ser('c', { bounds: [0, 100] }),
              ser('share', { unit: '%', derived: { type: 'ratio', numerator: 'a', denominator: 'gdp', scale: 100 } }),
              ser('cum', { derived: { type: 'cumsum', of: 'b', from_year: 2024 } }),
              ser('real', { derived: { type: 'deflate', nominal: 'a', deflator: 'defl' } }),
            ],
            targets: [
              tgt('t_level', 'a', 'level', '>=', tv[0]),
              tgt('t_share', 'share', 'share', '>=', tv[1], { unit: '%' }),
              tgt('t_red', 'share', 'reduction', '>=', Math.abs(tv[2]) % 100, { unit: '%' }),
              tgt('t_growth', 'real', 'growth_rate', '~', tv[3] / 100, { unit: '%' }),
              tgt('t_flow', 'b', 'annual_flow', '<=', tv[4]),
              tgt('t_cum', 'cum', 'cumulative', '>', tv[5]),
              tgt('t_vcum', 'b', 'cumulative', '>=', tv[6], { start_year: 2024 }),
              tgt('t_range', 'c', 'range', 'range', [Math.min(tv[7], 50), Math.max(tv[7], 50)]),
              tgt('t_later', 'gdp', 'level', '<', tv[0], { target_year: 2028, base_year: 2022 }),
            ],
            actuals,
          });
          const assumptions = [
            asm('a', models.a, bases.a),
            asm('b', models.b, bases.b),
            asm('c', models.c),
            asm('gdp', models.gdp, bases.gdp),
            asm('defl', models.defl, bases.defl),
          ];
          let result;
          try {
            result = run(plan, assumptions, { tolerance, as_of_year: asOf });
          } catch (e) {
            expect(e).toBeInstanceOf(ModelError);
            return;
          }
          expect(result.targets).toHaveLength(9);
          expect(allFinite(result)).toBe(true);
          expect(JSON.stringify(result)).not.toContain('null,null');
          const total = Object.values(result.rollup).reduce((x, y) => x + y, 0);
          expect(total).toBe(9);
        },
      ),
      { numRuns: 300 },
    );
  });
});
