/**
 * Maps `app://studio/<path>` requests to files of the built renderer (dist/renderer), refusing
 * anything that could leave that folder. No electron import: tested in Node
 * (tests/unit/electron/app-protocol.test.ts); index.ts wires it to protocol.handle.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { APP_HOST, APP_SCHEME } from './trusted-url';
import { isWindowsDeviceName } from './windows-names';

const MAX_PATH_LENGTH = 1024;

/**
 * The file `url` names inside `rootDir`, or null when the request is not for the app origin or
 * its path is suspicious: `..` or `.` segments (also percent-encoded), encoded slashes or
 * backslashes (`%2f`, `%5c`), raw backslashes, NUL, drive letters (`C:`), colons (Windows
 * alternate data streams), absolute paths, empty segments, Windows device names in any segment
 * (`con`, `nul.txt`, `COM1.js`: the file dialogs refuse them too), or malformed percent-encoding.
 * `/` and extensionless paths (client-side routes) map to `index.html`.
 */
export function resolveAppFile(rootDir: string, url: string): string | null {
  if (typeof url !== 'string' || url.length > MAX_PATH_LENGTH * 2) return null;
  // Look at the raw text before URL parsing normalises anything away.
  const rawPath = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url)?.[1];
  if (rawPath === undefined) return null;
  if (/\\|%5c|%2f|%00|%25/i.test(rawPath)) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username || u.password) return null;

  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded.length > MAX_PATH_LENGTH) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\:*?"<>|]/.test(decoded)) return null;
  if (decoded === '' || decoded === '/') decoded = '/index.html';
  if (!decoded.startsWith('/')) return null;

  const segments = decoded.slice(1).split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.trim() !== s || s.endsWith('.') || isWindowsDeviceName(s))) return null;
  const last = segments[segments.length - 1];
  if (!last.includes('.')) return path.resolve(rootDir, 'index.html'); // SPA route

  const root = path.resolve(rootDir);
  const full = path.resolve(root, ...segments);
  const rel = path.relative(root, full);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return full;
}

/**
 * resolveAppFile plus the file system: the file must exist, be a regular file, and its real
 * path (symlinks resolved) must still lie inside the real root.
 */
export async function resolveAppFileOnDisk(rootDir: string, url: string): Promise<string | null> {
  const candidate = resolveAppFile(rootDir, url);
  if (!candidate) return null;
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(rootDir), fs.realpath(candidate)]);
    const rel = path.relative(realRoot, realFile);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
    const stat = await fs.stat(realFile);
    return stat.isFile() ? realFile : null;
  } catch {
    return null;
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
