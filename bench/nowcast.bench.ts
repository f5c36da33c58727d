/**
 * The nowcast band's simulation study (issue 17; models/nowcast-study.ts): coverage of the nominal
 * 90% band with 3..6 years of history and N = 2..11 months, 3,000 simulated series per setting,
 * fixed seed. Prints the table; the figures below it are the worst settings. No time is asserted
 * (the unit test tests/unit/nowcast/band-coverage.test.ts asserts the coverage on 1,000 per setting).
 *
 *   npm run bench -- nowcast
 */
import { formatCoverageTable, nowcastCoverageStudy } from '../models/nowcast-study';
import type { BenchFigure } from './run';

export async function benchNowcast(): Promise<BenchFigure[]> {
  const t0 = performance.now();
  const rows = nowcastCoverageStudy({ seed: 20261204, sims: 3000 });
  const ms = performance.now() - t0;
  console.log('\nnowcast band: coverage of the nominal 90% band (3,000 simulated series per setting, seed 20261204)');
  console.log(formatCoverageTable(rows));
  const min = (f: (r: (typeof rows)[number]) => number): number => Math.min(...rows.map(f));
  const max = (f: (r: (typeof rows)[number]) => number): number => Math.max(...rows.map(f));
  return [
    { name: 'lowest coverage of the 90% band (aim >= 85%)', value: min((r) => r.coverage) * 100, unit: '%' },
    { name: 'highest coverage of the 90% band', value: max((r) => r.coverage) * 100, unit: '%' },
    { name: 'lowest coverage, rule before issue 17', value: min((r) => r.coverage_quantile_rule) * 100, unit: '%' },
    { name: 'widest band vs oracle (median ratio)', value: max((r) => r.width_vs_oracle), unit: 'x' },
    { name: 'study time (40 settings x 3,000 nowcasts)', value: ms, unit: 'ms' },
  ];
}
