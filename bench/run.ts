/**
 * `npm run bench`: speed and memory, printed with how far each figure is from its aim.
 * Benchmarks never run in the tests; tests never assert wall-clock time.
 * `npm run bench -- projection store` runs only those groups.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** the aim, in the same unit (lower is better). */
  aim?: number;
}

type Group = { name: string; load: () => Promise<() => Promise<BenchFigure[]>> };

const groups: Group[] = [
  { name: 'projection', load: async () => (await import('./projection.bench')).benchProjection },
  { name: 'store', load: async () => (await import('./store.bench')).benchStore },
  { name: 'simulation', load: async () => (await import('./simulation.bench')).benchSimulation },
  { name: 'briefing', load: async () => (await import('./briefing.bench')).benchBriefing },
  { name: 'sheets', load: async () => (await import('./sheets.bench')).benchSheets },
  { name: 'nowcast', load: async () => (await import('./nowcast.bench')).benchNowcast },
  { name: 'ui', load: async () => (await import('./ui.bench')).benchUi },
];

function fmt(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toPrecision(3);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const rows: (BenchFigure & { group: string })[] = [];
  for (const g of groups) {
    if (only.length && !only.includes(g.name)) continue;
    const started = performance.now();
    try {
      const run = await g.load();
      const figures = await run();
      for (const f of figures) rows.push({ ...f, group: g.name });
    } catch (err) {
      console.error(`[${g.name}] failed: ${(err as Error).stack ?? err}`);
      process.exitCode = 1;
    }
    console.error(`[${g.name}] ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const mem = process.memoryUsage();
  rows.push({ group: 'process', name: 'peak RSS of the bench process', value: mem.rss / 1024 / 1024, unit: 'MB' });
  rows.push({ group: 'process', name: 'heap used', value: mem.heapUsed / 1024 / 1024, unit: 'MB' });

  console.log('\nbenchmark                                                     value        aim     vs aim');
  for (const r of rows) {
    const vs =
      r.aim === undefined
        ? ''
        : r.value <= r.aim
          ? `met (${fmt(r.aim / Math.max(r.value, 1e-9))}x under)`
          : `${fmt(r.value / r.aim)}x over`;
    console.log(
      `${`[${r.group}] ${r.name}`.padEnd(58)} ${`${fmt(r.value)} ${r.unit}`.padStart(12)} ${r.aim === undefined ? ''.padStart(10) : `${fmt(r.aim)} ${r.unit}`.padStart(10)}  ${vs}`,
    );
  }
  fs.mkdirSync('test-output', { recursive: true });
  fs.writeFileSync(path.join('test-output', 'bench.json'), JSON.stringify(rows, null, 2));
}

void main();
