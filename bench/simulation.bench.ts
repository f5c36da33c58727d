/**
 * Monte Carlo speed: 10,000 draws over the whole real plan (baseline preset, with ranges on the
 * main levers: GDP growth 4%..7% loading fully on the macro shock, every sector elasticity,
 * every intensity decay, besides the plan's own ranges), or over the synthetic plan of the
 * projection bench when the plan file is missing. Aim: under 50 ms per simulation. Also the
 * memory the compiled program keeps, the tornado, the sensitivity matrix and the attribution
 * between the baseline and the stretch preset. Beside the default (base ranges off), the same
 * 10,000 draws with base ranges on (models/base-ranges.ts; aim 30 ms).
 *
 *   npm run bench -- simulation      (once bench/run.ts lists the group)
 *   npx tsx bench/simulation.bench.ts
 */
import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Plan, type Assumption, type Uncertainty } from '../models/schema';
import { resolvePresetAssumptions } from '../models/engine';
import { quantile } from '../models/stats';
import { simulatePlan } from '../models/montecarlo';
import { attribution, sensitivityMatrix, tornado } from '../models/sensitivity';
import type { ProjectionInput } from '../models/types';
import { syntheticPlan } from './projection.bench';

const PLAN_FILE = fileURLToPath(new URL('../scenarios/plan/xianning-2024-2026.plan.json', import.meta.url));

interface Figure {
  name: string;
  value: number;
  unit: string;
  aim?: number;
}

const range = (low: number, high: number, correlation = 0): Uncertainty => ({
  low,
  high,
  confidence: 0.9,
  distribution: 'normal',
  correlation,
});

/** Ranges on the main levers, added where the scenario has none (GDP always 4%..7%). */
export function withLeverRanges(assumptions: Record<string, Assumption>, gdp: string): Record<string, Assumption> {
  const out: Record<string, Assumption> = {};
  for (const [k, a] of Object.entries(assumptions)) {
    const m = a.model;
    let u = a.uncertainty ?? null;
    if (k === gdp && m.type === 'cagr') u = range(0.04, 0.07, 1);
    else if (!u && m.type === 'elasticity') u = range(m.elasticity - 0.3, m.elasticity + 0.3, 0.3);
    else if (!u && m.type === 'intensity_decay') u = range(m.rate - 0.015, m.rate + 0.015);
    out[k] = { ...a, uncertainty: u };
  }
  return out;
}

function loadInputs(): { a: ProjectionInput; b: ProjectionInput | null; label: string; firstTarget: string } {
  if (fs.existsSync(PLAN_FILE)) {
    const plan = Plan.parse(JSON.parse(fs.readFileSync(PLAN_FILE, 'utf8')));
    if (plan.presets.some((p) => p.id === 'baseline')) {
      const a = { plan, assumptions: withLeverRanges(resolvePresetAssumptions(plan, 'baseline'), 'gdp_nominal') };
      const b = plan.presets.some((p) => p.id === 'stretch') ? { plan, assumptions: resolvePresetAssumptions(plan, 'stretch') } : null;
      const share = plan.targets.find((t) => t.kind === 'share') ?? plan.targets[0];
      return { a, b, label: `real plan, ${plan.targets.length} targets`, firstTarget: share.id };
    }
  }
  const { plan, assumptions } = syntheticPlan();
  const a = { plan, assumptions: withLeverRanges(assumptions, 'gdp_nominal') };
  const b = {
    plan,
    assumptions: Object.fromEntries(
      Object.entries(assumptions).map(([k, x]) => [
        k,
        x.model.type === 'cagr' ? { ...x, model: { ...x.model, rate: x.model.rate + 0.01 } } : x,
      ]),
    ),
  };
  return { a, b, label: 'synthetic plan, 62 targets', firstTarget: plan.targets[0].id };
}

function timeIt(runs: number, f: (k: number) => void): { median: number; p95: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < runs; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f(k);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { median: quantile(wall, 0.5), p95: quantile(wall, 0.95), cpu: quantile(cpu, 0.5) };
}

const MB = 1024 * 1024;
function memNow(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export async function benchSimulation(): Promise<Figure[]> {
  const { a, b, label, firstTarget } = loadInputs();
  const draws = 10_000;
  const nUncertain = Object.values(a.assumptions).filter((x) => x.uncertainty).length;

  // first run: compiles the program and allocates its arrays (kept for the next runs)
  const m0 = memNow();
  const t0 = performance.now();
  const first = simulatePlan({ ...a, draws, seed: 1 });
  const firstMs = performance.now() - t0;
  const retained = (memNow() - m0) / MB;
  if (first.method !== 'compiled') throw new Error('the simulation fell back to the per-draw path');

  for (let k = 0; k < 5; k++) simulatePlan({ ...a, draws, seed: 100 + k }); // warm up (JIT)
  const h0 = process.memoryUsage();
  const sim = timeIt(30, (k) => {
    const r = simulatePlan({ ...a, draws, seed: 1000 + k });
    if (r.targets.length !== a.plan.targets.length) throw new Error('lost targets');
  });
  const h1 = process.memoryUsage();
  const perRunGarbage = (h1.heapUsed - h0.heapUsed) / 30 / MB;

  // a slider moved between runs: the program is recompiled (its arrays come from the pool)
  const gdpKey = Object.keys(a.assumptions).find((k) => a.assumptions[k].uncertainty?.correlation === 1) ?? Object.keys(a.assumptions)[0];
  const moved = (k: number): ProjectionInput => {
    const x = a.assumptions[gdpKey];
    const model = x.model.type === 'cagr' ? { ...x.model, rate: x.model.rate + (k % 2 ? 0.001 : 0) } : x.model;
    return { ...a, assumptions: { ...a.assumptions, [gdpKey]: { ...x, model } } };
  };
  const slider = timeIt(20, (k) => simulatePlan({ ...moved(k), draws, seed: 7 }));

  // the per-draw reference path for scale: 200 draws, extrapolated to 10,000
  const ref = timeIt(3, (k) => simulatePlan({ ...a, draws: 200, seed: 5 + k }, { method: 'per_draw' }));

  // issue 17.3: the assumed base values and bound actuals drawn too (models/base-ranges.ts)
  for (let k = 0; k < 3; k++) simulatePlan({ ...a, draws, seed: 2 + k, base_ranges: 'on' }); // warm up (JIT)
  const onRuns = timeIt(15, (k) => {
    const r = simulatePlan({ ...a, draws, seed: 2000 + k, base_ranges: 'on' });
    if (!r.base_inputs?.length) throw new Error('no base ranges drawn');
  });

  const torn = timeIt(20, () => tornado(a, firstTarget));
  const matrix = timeIt(20, () => sensitivityMatrix(a));
  const figures: Figure[] = [
    { name: `simulatePlan 10k draws median (${label}, ${nUncertain} uncertain)`, value: sim.median, unit: 'ms', aim: 50 },
    // beside it, the per-draw path (projectPlan per draw) the compiled lanes replace
    { name: 'per-draw reference path, 10k draws (extrapolated)', value: ref.median * 50, unit: 'ms' },
    { name: 'simulatePlan 10k draws, base ranges on, median', value: onRuns.median, unit: 'ms', aim: 30 },
    { name: 'simulatePlan 10k draws, base ranges on, CPU time median', value: onRuns.cpu, unit: 'ms', aim: 30 },
    { name: 'simulatePlan 10k draws p95', value: sim.p95, unit: 'ms', aim: 50 },
    { name: 'simulatePlan 10k draws CPU time median', value: sim.cpu, unit: 'ms', aim: 50 },
    { name: 'simulatePlan first call (compiles, allocates)', value: firstMs, unit: 'ms' },
    { name: 'simulation memory kept (heap + arrays, 10k draws)', value: retained, unit: 'MB' },
    { name: 'simulation heap growth per run (garbage)', value: Math.max(0, perRunGarbage), unit: 'MB' },
    { name: 'simulatePlan 10k draws after a slider move (recompiles) median', value: slider.median, unit: 'ms', aim: 50 },
    { name: `tornado of one target (${nUncertain} assumptions)`, value: torn.median, unit: 'ms' },
    { name: 'sensitivity matrix (assumptions x targets)', value: matrix.median, unit: 'ms' },
  ];
  if (b) {
    const at = timeIt(5, () => attribution(a, b));
    const r = attribution(a, b);
    figures.push({
      name: `attribution baseline -> stretch (${r.players.length} differences, ${r.projections} projections)`,
      value: at.median,
      unit: 'ms',
    });
  }
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void benchSimulation().then((rows) => {
    for (const r of rows)
      console.log(`${r.name.padEnd(78)} ${r.value.toFixed(2).padStart(9)} ${r.unit}${r.aim !== undefined ? `  (aim ${r.aim})` : ''}`);
  });
}
