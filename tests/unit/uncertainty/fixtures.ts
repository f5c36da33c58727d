/**
 * A small plan with every growth model, every derivation and every target kind, each model with an
 * uncertainty range, for the simulation tests. No vitest imports.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Plan, type Assumption, type GrowthModel, type Uncertainty } from '../../../models/schema';
import { resolvePresetAssumptions } from '../../../models/engine';
import type { ProjectionInput } from '../../../models/types';
import { uncertainParameter } from '../../../models/uncertainty';
import { act, asm, makePlan, ser, tgt } from '../models/fixtures';

export function U(low: number, high: number, extra: Partial<Uncertainty> = {}): Uncertainty {
  return { low, high, confidence: 0.9, distribution: 'normal', correlation: 0, ...extra };
}

export function withU(a: Assumption, u: Uncertainty | null): Assumption {
  return { ...a, uncertainty: u };
}

/** The plan: GDP, a price index, real GDP, industry, energy, steel, coverage, labs, parks, flows ... */
export function fullPlan(): Plan {
  return makePlan({
    series: [
      ser('gdp', { driver: true }),
      ser('defl', { nature: 'index', unit: '2023年=100' }),
      ser('gdp_real', { derived: { type: 'deflate', nominal: 'gdp', deflator: 'defl' } }),
      ser('ind'),
      ser('energy', { unit: '万吨标准煤' }),
      ser('energy_int', { derived: { type: 'ratio', numerator: 'energy', denominator: 'gdp_real', scale: 1 } }),
      ser('share', { unit: '%', derived: { type: 'ratio', numerator: 'ind', denominator: 'gdp', scale: 100 } }),
      ser('steel'),
      ser('coverage', { unit: '%', bounds: [0, 100] }),
      ser('labs', { unit: '家' }),
      ser('parks', { unit: '个' }),
      ser('flows', { nature: 'flow', unit: '项' }),
      ser('flows_cum', { unit: '项', derived: { type: 'cumsum', of: 'flows', from_year: 2024 } }),
      ser('flow2', { nature: 'flow', unit: '项' }),
      ser('pop', { unit: '万人' }),
      ser('capped', { unit: '%', bounds: [0, 110] }),
      ser('plain'),
    ],
    actuals: [
      act('gdp', 2024, 1050),
      act('pop', 2019, 250),
      act('pop', 2020, 252),
      act('pop', 2021, 255),
      act('pop', 2022, 256),
      act('pop', 2023, 259),
      act('flow2', 2024, 30),
    ],
    targets: [
      tgt('t_level', 'steel', 'level', '>=', 500),
      tgt('t_share', 'share', 'share', '>=', 40, { unit: '%' }),
      tgt('t_reduction', 'energy_int', 'reduction', '>=', 10, { unit: '%' }),
      tgt('t_growth', 'gdp', 'growth_rate', '>=', 5, { unit: '%' }),
      tgt('t_annual', 'flows', 'annual_flow', '>=', 28, { unit: '项' }),
      tgt('t_cum', 'flows_cum', 'cumulative', '>=', 90, { unit: '项' }),
      tgt('t_cum_flow', 'flow2', 'cumulative', '>=', 100, { unit: '项' }),
      tgt('t_range', 'labs', 'range', 'range', [5, 7], { unit: '家' }),
      tgt('t_about', 'coverage', 'share', '~', 90, { unit: '%' }),
      tgt('t_below', 'energy', 'level', '<=', 560, { unit: '万吨标准煤' }),
      tgt('t_over', 'parks', 'level', '>', 1.9, { unit: '个' }),
      tgt('t_pop', 'pop', 'level', '>=', 262, { unit: '万人' }),
      tgt('t_capped', 'capped', 'share', '>=', 105, { unit: '%' }),
      tgt('t_const', 'plain', 'level', '>=', 10),
    ],
  });
}

/** The assumptions, each (but `plain`) with a range on its parameter. */
export function fullAssumptions(): Record<string, Assumption> {
  const list: Assumption[] = [
    withU(asm('gdp', { type: 'cagr', rate: 0.05 }, 1000), U(0.03, 0.07, { correlation: 1 })),
    withU(asm('defl', { type: 'path', rates: { '2025': 0.01 }, default_rate: 0.005 }, 100), U(-0.01, 0.01, { correlation: 0.5 })),
    withU(asm('ind', { type: 'elasticity', driver: 'gdp', elasticity: 1.1 }, 400), U(0.8, 1.4)),
    withU(asm('energy', { type: 'intensity_decay', driver: 'gdp_real', rate: 0.035 }, 500), U(0.02, 0.05, { correlation: -0.3 })),
    withU(
      asm(
        'steel',
        { type: 'pipeline', underlying_rate: 0.03, projects: [{ name: 'p', start_year: 2025, capacity: 150, ramp_years: 2 }] },
        300,
      ),
      U(0, 0.06, { distribution: 'triangular' }),
    ),
    withU(asm('coverage', { type: 'logistic', ceiling: 100, rate: 0.4 }, 70), U(0.2, 0.6, { distribution: 'uniform' })),
    withU(asm('labs', { type: 'interp', points: [{ year: 2026, value: 6 }] }, 4), U(0.8, 1.2)),
    withU(asm('parks', { type: 'step', steps: [{ year: 2025, value: 2 }] }, 1), U(0.9, 1.1, { distribution: 'lognormal' })),
    withU(asm('flows', { type: 'flat' }, 30), U(0.8, 1.2)),
    withU(asm('flow2', { type: 'cagr', rate: 0.05 }), U(0, 0.1)),
    withU(asm('pop', { type: 'trend', form: 'loglinear' }), U(0.99, 1.01)),
    withU(asm('capped', { type: 'cagr', rate: 0.06 }, 95), U(0.02, 0.1)),
    asm('plain', { type: 'cagr', rate: 0.02 }, 12),
  ];
  return Object.fromEntries(list.map((a) => [a.series, a]));
}

/** The same assumptions with every range shrunk to a point at `value(parameter info)`. */
export function pointRanges(
  assumptions: Record<string, Assumption>,
  value: (a: Assumption, own: number) => number = (_a, own) => own,
): Record<string, Assumption> {
  const out: Record<string, Assumption> = {};
  for (const [k, a] of Object.entries(assumptions)) {
    if (!a.uncertainty) {
      out[k] = a;
      continue;
    }
    const own = uncertainParameter(a.model).value;
    const v = value(a, own);
    out[k] = { ...a, uncertainty: { ...a.uncertainty, low: v, high: v } };
  }
  return out;
}

/** A model with its parameter set to v (what a point range at v stands for). */
export function setParameter(m: GrowthModel, v: number): GrowthModel {
  switch (m.type) {
    case 'cagr':
      return { ...m, rate: v };
    case 'elasticity':
      return { ...m, elasticity: v };
    case 'intensity_decay':
    case 'logistic':
      return { ...m, rate: v };
    case 'pipeline':
      return { ...m, underlying_rate: v };
    case 'path':
      return {
        ...m,
        rates: Object.fromEntries(Object.entries(m.rates).map(([k, r]) => [k, r + v])),
        default_rate: (m.default_rate ?? 0) + v,
      };
    case 'interp':
      return { ...m, points: m.points.map((p) => ({ ...p, value: p.value * v })) };
    case 'step':
      return { ...m, steps: m.steps.map((p) => ({ ...p, value: p.value * v })) };
    default:
      return m;
  }
}

export const REAL_PLAN_FILE = fileURLToPath(new URL('../../../scenarios/plan/xianning-2024-2026.plan.json', import.meta.url));

/** The real plan and a preset's assumptions, or null when the file is missing. */
export function realInput(preset = 'baseline'): ProjectionInput | null {
  if (!fs.existsSync(REAL_PLAN_FILE)) return null;
  const plan = Plan.parse(JSON.parse(fs.readFileSync(REAL_PLAN_FILE, 'utf8')));
  if (!plan.presets.some((p) => p.id === preset)) return null;
  return { plan, assumptions: resolvePresetAssumptions(plan, preset) };
}
