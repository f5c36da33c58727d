/**
 * Pure checks of the web host, tested on their own: which Host and Origin headers are accepted,
 * which static paths resolve, and the Content-Security-Policy.
 */
import path from 'node:path';

/** Same policy as the desktop window: nothing from outside, no inline scripts, no eval. */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export type OriginVerdict = { ok: true } | { ok: false; reason_zh: string; reason_en: string };

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

export function checkRequestOrigin(host: string | undefined, origin: string | undefined, port: number): OriginVerdict {
  const allowedHosts = LOOPBACK_NAMES.map((h) => `${h}:${port}`);
  if (!host || !allowedHosts.includes(host.toLowerCase())) {
    return {
      ok: false,
      reason_zh: `Host 请求头 "${String(host ?? '').slice(0, 100)}" 不是本机地址`,
      reason_en: `Host header "${String(host ?? '').slice(0, 100)}" is not this loopback address`,
    };
  }
  if (origin !== undefined && origin !== 'null') {
    const allowedOrigins = allowedHosts.map((h) => `http://${h}`);
    if (!allowedOrigins.includes(origin.toLowerCase())) {
      return {
        ok: false,
        reason_zh: `来源 "${origin.slice(0, 100)}" 不是本应用`,
        reason_en: `Origin "${origin.slice(0, 100)}" is not this app`,
      };
    }
  } else if (origin === 'null') {
    return { ok: false, reason_zh: '来源为空(null)', reason_en: 'Origin is null' };
  }
  return { ok: true };
}

/** Maps a URL path to a file under root, or null when it would leave root. */
export function resolveStaticPath(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolved = path.resolve(root, relative);
  const rootWithSep = root.endsWith(path.sep) ? root : root + path.sep;
  if (!resolved.startsWith(rootWithSep)) return null;
  return resolved;
}
