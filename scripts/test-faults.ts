/**
 * `npm run test:faults`: the fault and abuse suite (docs/reliability.md). Builds the renderer
 * (one test drives it in Chromium), runs the vitest project `faults`, then sums what each test
 * file recorded in test-output/faults/<file>.json and prints
 *
 *   faults injected: 180, bad inputs tried: 9,870, crashes: 0, hangs: 0, partial writes: 0, data lost: 0, let in: 0
 *
 * followed by the checks that could not run here (never counted as passed) and, last, the plain
 * line `faults: N passed, N failed` (`, N skipped` when some were). Exits non-zero when a test
 * failed or when any crash, hang, partial write, loss or let-in input was recorded.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { LEDGER_DIR, PROBLEM_KINDS, readLedgers } from '../support/fault-ledger';
import { readVitestReport } from './vitest-report';

const bin = (name: string) => path.join('node_modules', '.bin', name);
const started = Date.now();

fs.rmSync(LEDGER_DIR, { recursive: true, force: true });
fs.mkdirSync(LEDGER_DIR, { recursive: true });

const build = spawnSync(bin('vite'), ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) console.error('renderer build failed: the Chromium check runs on the last build, or is recorded as not run');

const report = path.join(LEDGER_DIR, 'vitest.json');
const run = spawnSync(
  bin('vitest'),
  ['run', '--project', 'faults', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

const counts = readVitestReport(report, run.status);
const { passed, skipped } = counts;
let failed = counts.failed;

const ledgers = readLedgers();
const sum = (k: 'faults_injected' | 'bad_inputs' | (typeof PROBLEM_KINDS)[number]) => ledgers.reduce((n, l) => n + l[k], 0);
const fmt = (n: number) => n.toLocaleString('en-US');

console.log('\nfault suite, per file:');
const width = Math.max(...ledgers.map((l) => l.file.length), 4);
console.log(`  ${'file'.padEnd(width)}  faults  inputs  crashes  hangs  partial  lost  let in`);
for (const l of ledgers.sort((a, b) => a.file.localeCompare(b.file))) {
  console.log(
    `  ${l.file.padEnd(width)}  ${String(l.faults_injected).padStart(6)}  ${String(l.bad_inputs).padStart(6)}  ${String(l.crashes).padStart(7)}  ${String(l.hangs).padStart(5)}  ${String(l.partial_writes).padStart(7)}  ${String(l.data_lost).padStart(4)}  ${String(l.let_in).padStart(6)}`,
  );
}
const notes = ledgers.flatMap((l) => l.notes.map((n) => `${l.file}: ${n}`));
if (notes.length) console.log(`\nnotes:\n${notes.map((n) => `  - ${n}`).join('\n')}`);
const problems = ledgers.flatMap((l) => l.problems.map((p) => `${l.file}: ${p}`));
if (problems.length) console.log(`\nproblems:\n${problems.map((p) => `  ✗ ${p.split('\n')[0]}`).join('\n')}`);
const notRun = ledgers.flatMap((l) => l.not_run.map((n) => `${n.what} — ${n.why}`));
console.log(
  notRun.length ? `\nnot run here (not counted as passed):\n${notRun.map((n) => `  - ${n}`).join('\n')}` : '\nnot run here: none',
);

const crashes = sum('crashes');
const hangs = sum('hangs');
const partial = sum('partial_writes');
const lost = sum('data_lost');
const letIn = sum('let_in');
console.log(
  `\nfaults injected: ${fmt(sum('faults_injected'))}, bad inputs tried: ${fmt(sum('bad_inputs'))}, crashes: ${crashes}, hangs: ${hangs}, partial writes: ${partial}, data lost: ${lost}, let in: ${letIn}` +
    `  (${ledgers.length} files, ${((Date.now() - started) / 1000).toFixed(0)} s)`,
);
if (PROBLEM_KINDS.some((k) => sum(k) > 0) && failed === 0) failed = 1;
console.log(`faults: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
