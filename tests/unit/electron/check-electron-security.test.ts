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
