/** Reads vitest's JSON report into the counts our closing lines print (`N passed, N failed`). */
import fs from 'node:fs';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** A missing report, a failed suite without failed tests, or a non-zero exit count as a failure. */
export function readVitestReport(file: string, exitStatus: number | null): Counts {
  let counts: Counts = { passed: 0, failed: 1, skipped: 0 };
  if (fs.existsSync(file)) {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      numFailedTestSuites: number;
    };
    counts = {
      passed: json.numPassedTests,
      failed: json.numFailedTests + (json.numFailedTests === 0 ? json.numFailedTestSuites : 0),
      skipped: json.numPendingTests + json.numTodoTests,
    };
  }
  if (exitStatus !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}
