import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  isAllowedNavigation,
  isBlockedRequest,
  isSafeExternalUrl,
  isTrustedSender,
  parseDevServerUrl,
} from '../../../electron/main/trusted-url';

describe('isSafeExternalUrl', () => {
  it.each([
    'https://www.xianning.gov.cn/',
    'https://www.stats.gov.cn/sj/ndsj/2024/indexch.htm',
    'https://example.com/path?q=1#frag',
    'https://例子.中国/页面',
  ])('allows %s', (url) => expect(isSafeExternalUrl(url)).toBe(true));

  it.each([
    ['http is refused', 'http://example.com/'],
    ['credentials', 'https://user:pass@example.com/'],
    ['user name only', 'https://user@example.com/'],
    ['file:', 'file:///etc/passwd'],
    ['file: on Windows', 'file:///C:/Windows/System32/calc.exe'],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: mixed case', 'JaVaScRiPt:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['blob:', 'blob:https://example.com/uuid'],
    ['custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['another custom scheme', 'vscode://file/etc/passwd'],
    ['smb', 'smb://host/share'],
    ['our own scheme', 'app://studio/index.html'],
    ['no host', 'https:///path'],
    ['single slash', 'https:example.com'],
    ['backslashes', 'https:\\\\example.com'],
    ['leading space', ' https://example.com'],
    ['embedded newline', 'https://exa\nmple.com'],
    ['empty', ''],
    ['not a URL', 'example.com'],
    ['too long', `https://example.com/${'a'.repeat(5000)}`],
  ])('refuses %s', (_why, url) => expect(isSafeExternalUrl(url)).toBe(false));

  it.each([
    ['loopback', 'https://127.0.0.1/'],
    ['loopback, another address in 127/8', 'https://127.45.6.7:8443/api'],
    ['loopback as a decimal number', 'https://2130706433/'],
    ['loopback in hex', 'https://0x7f000001/'],
    ['loopback in octal', 'https://0177.0.0.1/'],
    ['loopback, short form', 'https://127.1/'],
    ['loopback, percent-encoded', 'https://%31%32%37.0.0.1/'],
    ['IPv6 loopback', 'https://[::1]/'],
    ['IPv6 loopback, long form', 'https://[0:0:0:0:0:0:0:1]/'],
    ['IPv4-mapped IPv6 loopback', 'https://[::ffff:127.0.0.1]/'],
    ['IPv6 unspecified', 'https://[::]/'],
    ['private 10/8', 'https://10.1.2.3/'],
    ['private 172.16/12', 'https://172.16.0.1/'],
    ['private 172.16/12, top', 'https://172.31.255.254/'],
    ['private 192.168/16', 'https://192.168.1.10/'],
    ['private 192.168/16 in hex', 'https://0xc0a8010a/'],
    ['unique local fc00::/7', 'https://[fc00::1]/'],
    ['unique local fd00::/8', 'https://[fd12:3456::1]/'],
    ['link-local 169.254/16', 'https://169.254.169.254/latest/meta-data'],
    ['link-local fe80::/10', 'https://[fe80::1]/'],
    ['CGNAT 100.64/10', 'https://100.64.0.1/'],
    ['CGNAT 100.64/10, top', 'https://100.127.255.254/'],
    ['0.0.0.0', 'https://0.0.0.0/'],
    ['0 (is 0.0.0.0)', 'https://0/'],
    ['a public IP literal (links name hosts)', 'https://8.8.8.8/'],
    ['a public IPv6 literal', 'https://[2001:4860:4860::8888]/'],
    ['localhost', 'https://localhost/'],
    ['LOCALHOST with a trailing dot', 'https://LOCALHOST./'],
    ['a name under .localhost', 'https://studio.localhost:8443/'],
    ['a single-label intranet name', 'https://intranet/'],
    ['a single-label name with a trailing dot', 'https://oa./'],
    ['a single-label Chinese name', 'https://办公/'],
    ['an mDNS name', 'https://printer.local/'],
    ['an .internal name', 'https://db.internal/'],
    ['a .home.arpa name', 'https://nas.home.arpa/'],
  ])('refuses %s', (_why, url) => expect(isSafeExternalUrl(url)).toBe(false));

  it('still allows public names that merely look local', () => {
    expect(isSafeExternalUrl('https://localhost.example.com/')).toBe(true);
    expect(isSafeExternalUrl('https://www.xianning.gov.cn./')).toBe(true);
    expect(isSafeExternalUrl('https://10x.example.com/')).toBe(true);
  });

  it('refuses non-strings', () => {
    expect(isSafeExternalUrl(undefined as unknown as string)).toBe(false);
    expect(isSafeExternalUrl({ toString: () => 'https://x.com' } as unknown as string)).toBe(false);
  });
});

describe('parseDevServerUrl', () => {
  it('accepts loopback http(s) and returns the origin', () => {
    expect(parseDevServerUrl('http://localhost:5173/')).toBe('http://localhost:5173');
    expect(parseDevServerUrl('http://127.0.0.1:5173/index.html')).toBe('http://127.0.0.1:5173');
    expect(parseDevServerUrl('https://[::1]:8443')).toBe('https://[::1]:8443');
  });
  it.each([
    undefined,
    '',
    'http://example.com:5173',
    'http://192.168.1.10:5173',
    'http://localhost.evil.com:5173',
    'http://user:pw@localhost:5173',
    'ws://localhost:5173',
    'file:///tmp/index.html',
    'app://studio/',
  ])('refuses %s', (raw) => expect(parseDevServerUrl(raw)).toBeNull());
});

describe('isTrustedSender', () => {
  it('trusts the app origin', () => {
    expect(isTrustedSender(APP_ENTRY_URL)).toBe(true);
    expect(isTrustedSender('app://studio/')).toBe(true);
    expect(isTrustedSender('app://studio/scenarios?id=a#x')).toBe(true);
  });
  it.each([
    'app://evil/index.html',
    'app://studio.evil/index.html',
    'app://studio:8080/index.html',
    'app://user@studio/index.html',
    'APP://other/',
    'file:///work/main/dist/renderer/index.html',
    'https://studio/',
    'http://localhost:5173/',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    'chrome-error://chromewebdata/',
    '',
    'not a url',
  ])('does not trust %s (production)', (url) => expect(isTrustedSender(url)).toBe(false));

  it('trusts the dev server origin only when one is given', () => {
    const dev = 'http://localhost:5173';
    expect(isTrustedSender('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5173/src/main.tsx', `${dev}/`)).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedSender('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isTrustedSender('https://localhost:5173/', dev)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', 'http://example.com:5173')).toBe(false);
    expect(isTrustedSender(APP_ENTRY_URL, dev)).toBe(true);
  });
});

describe('isAllowedNavigation', () => {
  it('stays inside the app', () => {
    expect(isAllowedNavigation('app://studio/index.html#/compare')).toBe(true);
    expect(isAllowedNavigation('https://example.com/')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)')).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
  });
});

describe('isBlockedRequest', () => {
  it('blocks the network and file: in production', () => {
    for (const url of [
      'https://example.com/x.js',
      'http://127.0.0.1:8080/api',
      'ws://localhost:5173/',
      'wss://example.com/',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(isBlockedRequest(url), url).toBe(true);
    }
  });
  it('lets app:, data:, blob: and devtools: through (CSP governs them)', () => {
    for (const url of ['app://studio/assets/a.js', 'data:image/png;base64,AAAA', 'blob:app://studio/123', 'devtools://devtools/x']) {
      expect(isBlockedRequest(url), url).toBe(false);
    }
  });
  it('allows only the dev server (http and its HMR socket) in dev', () => {
    const dev = 'http://localhost:5173';
    expect(isBlockedRequest('http://localhost:5173/@vite/client', dev)).toBe(false);
    expect(isBlockedRequest('ws://localhost:5173/', dev)).toBe(false);
    expect(isBlockedRequest('ws://localhost:5174/', dev)).toBe(true);
    expect(isBlockedRequest('https://example.com/', dev)).toBe(true);
    expect(isBlockedRequest('http://localhost:5173/', 'http://example.com')).toBe(true);
  });
});
