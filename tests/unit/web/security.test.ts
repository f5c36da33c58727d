import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRequestOrigin, resolveStaticPath, WEB_CSP } from '../../../web/security';

describe('checkRequestOrigin', () => {
  it('accepts loopback Host headers on the bound port, with or without a same-origin Origin', () => {
    expect(checkRequestOrigin('127.0.0.1:4321', undefined, 4321)).toEqual({ ok: true });
    expect(checkRequestOrigin('localhost:4321', 'http://localhost:4321', 4321)).toEqual({ ok: true });
  });
  it('rejects foreign Host headers (DNS rebinding) and other ports', () => {
    for (const host of ['evil.example:4321', '127.0.0.1:80', '127.0.0.1', '', undefined, '0.0.0.0:4321']) {
      const v = checkRequestOrigin(host, undefined, 4321);
      expect(v.ok, String(host)).toBe(false);
    }
  });
  it('rejects foreign and null Origin headers and names them', () => {
    const v = checkRequestOrigin('127.0.0.1:4321', 'http://evil.example', 4321);
    expect(v).toMatchObject({ ok: false });
    if (!v.ok) expect(v.reason_en).toContain('evil.example');
    expect(checkRequestOrigin('127.0.0.1:4321', 'null', 4321).ok).toBe(false);
    expect(checkRequestOrigin('127.0.0.1:4321', 'http://127.0.0.1:9999', 4321).ok).toBe(false);
  });
});

describe('resolveStaticPath', () => {
  const root = path.resolve('/srv/app');
  it('maps / to index.html and assets under the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/a.js')).toBe(path.join(root, 'assets', 'a.js'));
  });
  it('refuses paths that leave the root, encoded or not', () => {
    for (const p of ['/../etc/passwd', '/..%2f..%2fetc/passwd', '/assets/..%5c..%5csecret', '/%00', '/%E0%A4%A']) {
      expect(resolveStaticPath(root, p), p).toBeNull();
    }
  });
});

describe('WEB_CSP', () => {
  it('allows nothing from outside and no inline script or eval', () => {
    expect(WEB_CSP).toContain("default-src 'self'");
    expect(WEB_CSP).toContain("script-src 'self'");
    expect(WEB_CSP).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(WEB_CSP).toContain("object-src 'none'");
    expect(WEB_CSP).toContain("frame-ancestors 'none'");
  });
});
