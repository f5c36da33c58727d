/**
 * `npm test`: builds the renderer (the end-to-end tests drive the built app through the web host
 * in Chromium), runs every vitest project (unit, integration, e2e) and ends with one line that
 * sums all suites: `tests: N passed, N failed` (`, N skipped` only when some are).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { LEDGER_DIR, readLedgers } from '../support/fault-ledger';
import { readVitestReport } from './vitest-report';

const bin = (name: string) => path.join('node_modules', '.bin', name);
const outDir = 'test-output';
fs.mkdirSync(outDir, { recursive: true });

function run(cmd: string, args: string[]): number {
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  return result.status ?? 1;
}

if (!fs.existsSync('/usr/bin/chromium') && !process.env.STUDIO_CHROMIUM) {
  console.error('Chromium not found: install it with `apt-get install -y chromium` (the end-to-end tests need it).');
}

const build = run(bin('vite'), ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']);
if (build !== 0) {
  console.error('renderer build failed');
  console.log('tests: 0 passed, 1 failed');
  process.exit(1);
}

fs.rmSync(LEDGER_DIR, { recursive: true, force: true });
fs.mkdirSync(LEDGER_DIR, { recursive: true });
const report = path.join(outDir, 'vitest.json');
fs.rmSync(report, { force: true });
const status = run(bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);

const counts = readVitestReport(report, status);
const { passed, skipped } = counts;
let failed = counts.failed;

// The fault suite's own figures (docs/reliability.md): crashes, hangs, partial writes, lost data and let-in inputs must be 0.
const ledgers = readLedgers();
if (ledgers.length) {
  const sum = (k: 'faults_injected' | 'bad_inputs' | 'crashes' | 'hangs' | 'partial_writes' | 'data_lost' | 'let_in') =>
    ledgers.reduce((n, l) => n + l[k], 0);
  const bad = sum('crashes') + sum('hangs') + sum('partial_writes') + sum('data_lost') + sum('let_in');
  console.log(
    `faults injected: ${sum('faults_injected').toLocaleString('en-US')}, bad inputs tried: ${sum('bad_inputs').toLocaleString('en-US')}, ` +
      `crashes: ${sum('crashes')}, hangs: ${sum('hangs')}, partial writes: ${sum('partial_writes')}, data lost: ${sum('data_lost')}, let in: ${sum('let_in')}`,
  );
  if (bad > 0 && failed === 0) failed = 1;
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || status !== 0 ? 1 : 0);
