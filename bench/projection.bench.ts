/**
 * Projection engine speed: one full projectPlan (every series projected, every target evaluated)
 * of the real plan with its baseline preset, or, when the plan file is missing, of a synthetic plan
 * of the same size (62 targets, 90 series, 2023-2026). Aim: under 1 ms per full run.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Plan, type Assumption, type GrowthModel, type PlanInput } from '../models/schema';
import { projectPlan, resolvePresetAssumptions } from '../models/engine';
import { quantile } from '../models/stats';
import type { ProjectionInput } from '../models/types';

const PLAN_FILE = fileURLToPath(new URL('../scenarios/plan/xianning-2024-2026.plan.json', import.meta.url));

interface Figure {
  name: string;
  value: number;
  unit: string;
  aim?: number;
}

/** A synthetic plan the size of the real one, with every growth model, derivation and target kind. */
export function syntheticPlan(nSeries = 90, nTargets = 62): { plan: Plan; assumptions: Record<string, Assumption> } {
  const series: PlanInput['series'] = [];
  const actuals: NonNullable<PlanInput['actuals']> = [];
  const assumptions: Assumption[] = [];
  const src = { title: 'synthetic', reliability: 'internal' as const };
  const add = (id: string, extra: Partial<PlanInput['series'][number]> = {}) =>
    series.push({ id, name_zh: id, name_en: id, unit: '亿元', ...extra });
  const asm = (id: string, model: GrowthModel, base: number | null = null) =>
    assumptions.push({ series: id, base_value: base, model, uncertainty: null, rationale: '', source: '', author: '', updated_at: '' });

  add('gdp_nominal', { driver: true });
  add('gdp_deflator', { driver: true, nature: 'index', unit: '2023=100' });
  add('gdp_real', { driver: true, derived: { type: 'deflate', nominal: 'gdp_nominal', deflator: 'gdp_deflator' } });
  actuals.push({ series: 'gdp_nominal', period: '2023', value: 1800, source: src });
  actuals.push({ series: 'gdp_nominal', period: '2024', value: 1890, source: src });
  asm('gdp_nominal', { type: 'cagr', rate: 0.06 });
  asm('gdp_deflator', { type: 'cagr', rate: 0.01 }, 100);

  const models = (i: number): GrowthModel => {
    switch (i % 9) {
      case 0:
        return { type: 'cagr', rate: 0.05 + (i % 5) / 100 };
      case 1:
        return { type: 'path', rates: { '2024': 0.08, '2025': 0.07 }, default_rate: 0.06 };
      case 2:
        return { type: 'interp', points: [{ year: 2026, value: 200 + i }] };
      case 3:
        return { type: 'step', steps: [{ year: 2025, value: 150 + i }] };
      case 4:
        return { type: 'trend', form: i % 2 ? 'linear' : 'loglinear' };
      case 5:
        return { type: 'logistic', ceiling: 400 + i, rate: 0.3 };
      case 6:
        return { type: 'elasticity', driver: 'gdp_real', elasticity: 0.9 };
      case 7:
        return {
          type: 'pipeline',
          underlying_rate: 0.03,
          projects: [
            { name: 'a', start_year: 2025, capacity: 30, ramp_years: 2 },
            { name: 'b', start_year: 2026, capacity: 10, ramp_years: 1 },
          ],
        };
      default:
        return { type: 'intensity_decay', driver: 'gdp_real', rate: 0.03 };
    }
  };
  const base: string[] = [];
  let i = 0;
  while (series.length < nSeries - 30) {
    const id = `s${i}`;
    add(id, { nature: i % 3 === 0 ? 'flow' : 'stock' });
    base.push(id);
    const v = 100 + i;
    for (let y = 2019; y <= 2023; y++) actuals.push({ series: id, period: String(y), value: v * (1 + 0.05 * (y - 2023)), source: src });
    if (i % 2 === 0) actuals.push({ series: id, period: '2024', value: v * 1.06, source: src });
    asm(id, models(i));
    i++;
  }
  for (let k = 0; series.length < nSeries - 10; k++) {
    add(`share${k}`, {
      unit: '%',
      derived: { type: 'ratio', numerator: base[k], denominator: k % 2 ? 'gdp_nominal' : base[k + 1], scale: 100 },
    });
  }
  for (let k = 0; series.length < nSeries; k++) {
    add(`cum${k}`, { unit: '项', derived: { type: 'cumsum', of: base[3 * k], from_year: 2024 } });
  }

  const targets: PlanInput['targets'] = [];
  const t = (
    id: string,
    s: string,
    kind: PlanInput['targets'][number]['kind'],
    comparator: PlanInput['targets'][number]['comparator'],
    target: number | [number, number],
  ) =>
    targets.push({
      id,
      name_zh: id,
      name_en: id,
      section: 's1',
      item: null,
      source_text: id,
      unit: '亿元',
      kind,
      comparator,
      comparator_zh: '以上',
      target,
      target_year: 2026,
      series: s,
      responsible: ['x'],
    });
  for (let k = 0; targets.length < nTargets; k++) {
    switch (k % 8) {
      case 0:
      case 1:
        t(`t${k}`, base[k % base.length], 'level', '>=', 150 + k);
        break;
      case 2:
        t(`t${k}`, `share${k % 20}`, 'share', '>=', 60);
        break;
      case 3:
        t(`t${k}`, base[(k + 4) % base.length], 'reduction', '>=', 10);
        break;
      case 4:
        t(`t${k}`, base[(k + 1) % base.length], 'growth_rate', '>=', 8);
        break;
      case 5:
        t(`t${k}`, base[(k + 2) % base.length], 'annual_flow', '>=', 110);
        break;
      case 6:
        t(`t${k}`, `cum${k % 10}`, 'cumulative', '>=', 300);
        break;
      default:
        t(`t${k}`, base[(k + 3) % base.length], 'range', 'range', [100, 200]);
    }
  }
  const plan = Plan.parse({
    schema_version: 1,
    id: 'synthetic',
    title_zh: '合成规划',
    title_en: 'Synthetic plan',
    issuer_zh: '',
    issued_date: '2024-01-01',
    source_document: '',
    period_start: 2024,
    period_end: 2026,
    base_year: 2023,
    sections: [{ id: 's1', code: '一', title_zh: '一', title_en: 'One' }],
    series,
    targets,
    actuals,
    presets: [{ id: 'baseline', name_zh: '基准', name_en: 'baseline', description_zh: '', description_en: '', assumptions }],
  });
  return { plan, assumptions: resolvePresetAssumptions(plan, 'baseline') };
}

function loadInput(): { input: ProjectionInput; label: string } {
  if (fs.existsSync(PLAN_FILE)) {
    const plan = Plan.parse(JSON.parse(fs.readFileSync(PLAN_FILE, 'utf8')));
    if (plan.presets.some((p) => p.id === 'baseline')) {
      return {
        input: { plan, assumptions: resolvePresetAssumptions(plan, 'baseline') },
        label: `real plan, ${plan.targets.length} targets`,
      };
    }
  }
  const { plan, assumptions } = syntheticPlan();
  return { input: { plan, assumptions }, label: 'synthetic plan, 62 targets' };
}

export async function benchProjection(): Promise<Figure[]> {
  const { input, label } = loadInput();
  const ns = () => Number(process.hrtime.bigint());

  // the first call also builds the per-plan cache
  const t0 = ns();
  projectPlan(input);
  const first = (ns() - t0) / 1e6;

  for (let k = 0; k < 2000; k++) projectPlan(input); // warm up (JIT)
  const N = 5000;
  const times = new Array<number>(N);
  let sink = 0;
  for (let k = 0; k < N; k++) {
    const a = ns();
    const r = projectPlan(input);
    times[k] = (ns() - a) / 1e6;
    sink += r.targets.length;
  }
  if (sink !== N * input.plan.targets.length) throw new Error('projection lost targets');
  return [
    { name: `projectPlan median (${label})`, value: quantile(times, 0.5), unit: 'ms', aim: 1 },
    { name: `projectPlan p95 (${label})`, value: quantile(times, 0.95), unit: 'ms', aim: 1 },
    { name: 'projectPlan first call (builds the plan cache)', value: first, unit: 'ms' },
  ];
}
