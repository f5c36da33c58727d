import { describe, expect, it } from 'vitest';
import { buildCsp, parseCsp, PROD_CSP, withCspHeader } from '../../../electron/main/csp';

// Pinned on purpose: a change to the app's CSP must change this test too.
const PINNED =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

describe('CSP', () => {
  it('production policy is pinned', () => {
    expect(PROD_CSP).toBe(PINNED);
    expect(buildCsp()).toBe(PINNED);
    expect(buildCsp(null)).toBe(PINNED);
  });

  it('production policy allows no inline or eval script and no remote origin', () => {
    const d = parseCsp(PROD_CSP);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(PROD_CSP).not.toMatch(/unsafe-eval|https?:|ws:|\*/);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('dev policy adds only the dev server origin, its HMR socket and inline script', () => {
    const dev = buildCsp('http://localhost:5173/');
    const d = parseCsp(dev);
    expect(d.get('script-src')).toEqual(["'self'", 'http://localhost:5173', "'unsafe-inline'"]);
    expect(d.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    expect(d.get('default-src')).toEqual(["'self'", 'http://localhost:5173']);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(dev).not.toContain('unsafe-eval');
    expect([...d.keys()]).toEqual([...parseCsp(PROD_CSP).keys()]);
    expect(parseCsp(buildCsp('https://127.0.0.1:8443')).get('connect-src')).toContain('wss://127.0.0.1:8443');
  });

  it('an unusable dev URL falls back to the production policy', () => {
    expect(buildCsp('http://example.com:5173')).toBe(PINNED);
    expect(buildCsp('javascript:alert(1)')).toBe(PINNED);
    expect(buildCsp('')).toBe(PINNED);
  });

  it('withCspHeader replaces any existing policy, whatever its case', () => {
    const out = withCspHeader(
      {
        'content-security-policy': ['default-src *'],
        'Content-Security-Policy-Report-Only': ['default-src *'],
        'Content-Type': ['text/html'],
      },
      PROD_CSP,
    );
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [PROD_CSP] });
    expect(withCspHeader(undefined, PROD_CSP)).toEqual({ 'Content-Security-Policy': [PROD_CSP] });
  });
});
