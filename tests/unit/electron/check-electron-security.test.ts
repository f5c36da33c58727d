import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, parseFindings } from '../../../scripts/check-electron-security';

// The shape electronegativity 1.10.3 writes (header with spaces, quoted fields).
const CSV = `issue, severity, confidence, filename, location, sample, description, url
CSP_GLOBAL_CHECK,"LOW","TENTATIVE","electron/main/csp.ts","68:2",N/A,"Failed to parse CSP, it may not be valid.",https://github.com/doyensec/electronegativity/wiki/CSP_GLOBAL_CHECK
OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","electron/main/index.ts","70:4","shell.openExternal(url).catch((err: unknown) => console.warn('[main] ""x""', err));","Review the use of openExternal",https://x
SANDBOX_JS_CHECK,"MEDIUM","FIRM","electron/main/index.ts","3:17","sandbox: false","Use sandbox for untrusted origins",https://x
CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","__canary__/bad.ts","3:78","contextIsolation: false","Review the use of the contextIsolation option",https://x
OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","electron/main/other.ts","1:1","shell.openExternal(x)","Review the use of openExternal",https://x
`;

describe('electronegativity report handling', () => {
  const findings = parseFindings(CSV);

  it('parses the CSV, quotes and commas included', () => {
    expect(findings).toHaveLength(5);
    expect(findings[0]).toMatchObject({ issue: 'CSP_GLOBAL_CHECK', severity: 'LOW', filename: 'electron/main/csp.ts', location: '68:2' });
    expect(findings[1].sample).toBe(`shell.openExternal(url).catch((err: unknown) => console.warn('[main] "x"', err));`);
  });

  it('fails on HIGH and on never-allowed checks whatever their severity', () => {
    expect(classify(findings[3]).verdict).toBe('fail');
    expect(classify(findings[2]).verdict).toBe('fail'); // SANDBOX_JS_CHECK is only MEDIUM in the tool
  });

  it('accepts reviewed findings only where they were reviewed', () => {
    expect(classify(findings[0]).verdict).toBe('reviewed');
    expect(classify(findings[1]).verdict).toBe('reviewed');
    expect(classify(findings[4]).verdict).toBe('review');
  });

  it('refuses a report it does not understand', () => {
    expect(() => parseFindings('a,b,c\n1,2,3\n')).toThrow(/unexpected CSV header/);
  });
});

describe('the preload that orders electronegativity report writes', () => {
  const preload = path.resolve('scripts/electronegativity-ordered-report.cjs');
  const writer = path.resolve('tests/fixtures/racy-report-writer.cjs');

  it('keeps the header first and every row, run after run (the racing writes of the tool)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'en-order-'));
    try {
      const r = spawnSync(process.execPath, ['--require', preload, writer, dir, '200'], {
        env: { ...process.env, ELECTRONEGATIVITY_REPORT: path.join(dir, 'report.csv') },
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe('0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves writes to any other file alone', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'en-order-'));
    try {
      const other = path.join(dir, 'other.txt');
      const r = spawnSync(
        process.execPath,
        ['--require', preload, '-e', `require('fs').writeFile(${JSON.stringify(other)}, 'x', (e) => process.exit(e ? 1 : 0))`],
        { env: { ...process.env, ELECTRONEGATIVITY_REPORT: path.join(dir, 'report.csv') }, encoding: 'utf8' },
      );
      expect(r.status, r.stderr).toBe(0);
      expect(readFileSync(other, 'utf8')).toBe('x');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
