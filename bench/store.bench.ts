/**
 * Scenario store speed, on a real SQLite file in a temporary folder (WAL, synchronous=FULL, so a
 * save includes its fsync): saving a scenario, loading one with a 3-deep inheritance chain
 * resolved, listing 1,000 scenarios. Median and p95 in ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../scenarios/store/store';
import type { ScenarioFile } from '../scenarios/store/types';
import { makeBigPlan } from '../support/small-plan';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  aim?: number;
}

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

function time(n: number, warmup: number, fn: (i: number) => void): { median: number; p95: number } {
  for (let i = 0; i < warmup; i++) fn(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn(i);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

const cagr = (series: string, rate: number) => ({ series, model: { type: 'cagr' as const, rate }, rationale: '基准测试' });

export async function benchStore(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-bench-'));
  const plan = makeBigPlan(62);
  const seriesIds = plan.series.filter((s) => !s.derived).map((s) => s.id);
  const dbPath = path.join(dir, 'bench.db');
  const figures: BenchFigure[] = [];
  try {
    const store = openStore(dbPath, { plan });

    // 1. saving: setAssumption on a scenario with 20 overrides of its own
    const target = store.create({
      name: '保存测试',
      parent_id: 'baseline',
      assumptions: seriesIds.slice(0, 20).map((s, i) => cagr(s, 0.01 * i)),
    });
    const save = time(200, 10, (i) => {
      store.setAssumption(target.id, cagr(seriesIds[Math.abs(i) % 20]!, 0.001 * (i + 100)));
    });
    figures.push({ name: 'save a scenario (setAssumption), median', value: save.median, unit: 'ms', aim: 5 });
    figures.push({ name: 'save a scenario (setAssumption), p95', value: save.p95, unit: 'ms', aim: 5 });

    // 2. loading with inheritance: 200 chains of 3 scenarios (each 10 overrides) under a preset,
    //    each resolved once by a fresh connection (nothing cached), plus the same warm.
    const scenarioFile: ScenarioFile = {
      format: 'xianning-plan-studio/scenario',
      format_version: 1,
      plan_id: plan.id,
      exported_at: new Date().toISOString(),
      exported_by: null,
      scenarios: [],
    };
    const leafIds: string[] = [];
    for (let c = 0; c < 200; c++) {
      for (let d = 0; d < 3; d++) {
        const id = `c${c}_${d}`;
        scenarioFile.scenarios.push({
          id,
          name: `链${c}-${d}`,
          description: '三层继承',
          tags: [],
          parent_id: d === 0 ? 'stretch' : `c${c}_${d - 1}`,
          parent_preset_id: d === 0 ? 'stretch' : null,
          preset_id: null,
          seed: 1,
          deleted: false,
          created_at: '',
          updated_at: '',
          assumptions: seriesIds
            .slice(d * 10, d * 10 + 10)
            .map((s) => ({ ...cagr(s, 0.02 * (d + 1)), base_value: null, uncertainty: null, source: '', author: '', updated_at: '' })),
        });
      }
      leafIds.push(`c${c}_2`);
    }
    const imported = store.importFile(scenarioFile);
    const leaves = imported.created.filter((x) => leafIds.includes(x.source_id)).map((x) => x.id);
    store.close();

    const fresh = openStore(dbPath, { plan });
    const cold = time(leaves.length, 0, (i) => {
      const r = fresh.resolve(leaves[i]!);
      if (r.chain.length !== 5) throw new Error(`expected a chain of 5, got ${r.chain.length}`);
    });
    figures.push({ name: 'load a scenario, 3-deep chain resolved (cold), median', value: cold.median, unit: 'ms', aim: 5 });
    figures.push({ name: 'load a scenario, 3-deep chain resolved (cold), p95', value: cold.p95, unit: 'ms', aim: 5 });
    const warm = time(500, 20, (i) => {
      fresh.resolve(leaves[Math.abs(i) % leaves.length]!);
    });
    figures.push({ name: 'load a scenario, 3-deep chain resolved (warm), median', value: warm.median, unit: 'ms', aim: 5 });
    figures.push({ name: 'load a scenario, 3-deep chain resolved (warm), p95', value: warm.p95, unit: 'ms', aim: 5 });

    // 3. listing: top up to 1,000 live scenarios
    const have = fresh.list().length;
    const extra: ScenarioFile = { ...scenarioFile, scenarios: [] };
    for (let i = have; i < 1000; i++) {
      extra.scenarios.push({
        ...scenarioFile.scenarios[0]!,
        id: `x${i}`,
        name: `列表${i}`,
        parent_id: 'baseline',
        parent_preset_id: 'baseline',
        assumptions: [],
      });
    }
    fresh.importFile(extra);
    const count = fresh.list().length;
    if (count !== 1000) throw new Error(`expected 1000 scenarios, have ${count}`);
    const list = time(100, 5, () => {
      fresh.list();
    });
    figures.push({ name: 'list 1,000 scenarios, median', value: list.median, unit: 'ms', aim: 20 });
    figures.push({ name: 'list 1,000 scenarios, p95', value: list.p95, unit: 'ms', aim: 20 });
    fresh.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

// `tsx bench/store.bench.ts` prints the figures on their own.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  void benchStore().then((f) => {
    for (const x of f) console.log(`${x.name.padEnd(58)} ${x.value.toFixed(3).padStart(9)} ${x.unit}  (aim ${x.aim} ${x.unit})`);
  });
}
