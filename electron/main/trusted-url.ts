/**
 * URL checks for the desktop shell, as small pure functions with their own tests
 * (tests/unit/electron/trusted-url.test.ts). No electron import, so Node can test them.
 */

/** The privileged scheme the built renderer is served from: `app://studio/index.html`. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'studio';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const MAX_URL_LENGTH = 4096;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parse(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) return null;
  // Control characters and whitespace are stripped or tolerated by URL parsers in ways that
  // differ between Node and Chromium: refuse them outright.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(url)) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * The Vite dev server origin from `STUDIO_DEV_SERVER_URL`, or null when the value is missing or
 * is not a plain http(s) URL on a loopback host (the app never loads remote code, even in dev).
 */
export function parseDevServerUrl(raw: string | undefined | null): string | null {
  const u = parse(raw ?? '');
  if (!u) return null;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (u.username || u.password) return null;
  if (!LOOPBACK_HOSTS.has(u.hostname)) return null;
  return u.origin;
}

/** Whether `url` belongs to the app itself: `app://studio/...`, or the dev server origin in dev. */
export function isAppUrl(url: string, devUrl?: string | null): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.username || u.password) return false;
  // `app:` is registered as a standard scheme in Electron, so Chromium gives it a real origin;
  // Node's URL treats it as non-special (origin "null"), hence the explicit protocol + host test.
  if (u.protocol === `${APP_SCHEME}:`) return u.host === APP_HOST;
  if (devUrl) {
    const dev = parseDevServerUrl(devUrl);
    return dev !== null && (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === dev;
  }
  return false;
}

/**
 * Whether an IPC message comes from our own page: the sender frame's URL must be on the app
 * origin (or the dev server origin when one is given). The caller also checks that the frame is
 * the main frame of our window.
 */
export function isTrustedSender(url: string, devUrl?: string | null): boolean {
  return isAppUrl(url, devUrl);
}

/** Whether the main frame may navigate to `url` (only within the app). */
export function isAllowedNavigation(url: string, devUrl?: string | null): boolean {
  return isAppUrl(url, devUrl);
}

/** Names that never lead to the public internet: loopback, mDNS and intranet-only suffixes. */
const LOCAL_NAME_SUFFIXES = ['localhost', 'local', 'localdomain', 'internal', 'intranet', 'lan', 'home.arpa', 'corp'];

/**
 * Whether a URL's host (as WHATWG URL normalised it) is an IP literal. The parser has already
 * turned every IPv4 spelling into dotted decimal (2130706433, 0x7f000001, 0177.0.0.1 and 127.1
 * all become 127.0.0.1) and put IPv6 in brackets, so these two shapes cover them all.
 */
function isIpLiteralHost(hostname: string): boolean {
  return hostname.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Whether `hostname` (normalised) names this machine, the local network or an intranet:
 * every IP literal (loopback 127/8 and ::1, private 10/8, 172.16/12, 192.168/16 and fc00::/7,
 * link-local 169.254/16 and fe80::/10, CGNAT 100.64/10, 0.0.0.0, IPv4-mapped IPv6, and public
 * addresses too: a link for a planner names a host), `localhost` and `*.localhost`, other
 * local-only suffixes (.local, .internal, .lan, .home.arpa ...), and single-label names
 * (`intranet`, `oa`), which resolve through the office's DNS search list.
 */
function isLocalOrIntranetHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  if (h === '' || isIpLiteralHost(h)) return true;
  if (!h.includes('.')) return true;
  return LOCAL_NAME_SUFFIXES.some((s) => h === s || h.endsWith(`.${s}`));
}

/**
 * Whether a link may be handed to the system browser with shell.openExternal: https only, a real
 * public host name, no user name or password. Everything else (http:, file:, javascript:, data:,
 * smb:, custom schemes that would launch other programs) is refused, and so are hosts on this
 * machine, the local network or the intranet (isLocalOrIntranetHost), whatever their spelling:
 * a link from imported data must not reach the studio's own web host or an office server.
 */
export function isSafeExternalUrl(url: string): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol !== 'https:') return false;
  if (u.username || u.password) return false;
  if (!u.hostname || u.hostname.length > 253) return false;
  // Raw input must itself start with https:// (no "HTTPS:\\" or "https:host" oddities).
  if (!/^https:\/\/[^/?#]/i.test(url)) return false;
  // The raw authority must not be percent-encoded (https://%31%32%37.0.0.1/ is 127.0.0.1).
  const rawAuthority = /^https:\/\/([^/?#]*)/i.exec(url)?.[1] ?? '';
  if (rawAuthority.includes('%')) return false;
  if (isLocalOrIntranetHost(u.hostname)) return false;
  return true;
}

/**
 * Whether the session must cancel a network request. The renderer is served from `app://` and
 * never needs the network: http(s), ws(s) and file: requests are refused, except to the dev
 * server (http and its HMR WebSocket) when one is configured. Other schemes (app:, data:,
 * blob:, devtools:) pass; CSP governs them.
 */
export function isBlockedRequest(url: string, devUrl?: string | null): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return true;
  }
  const p = u.protocol;
  if (p === 'file:') return true;
  if (p !== 'http:' && p !== 'https:' && p !== 'ws:' && p !== 'wss:') return false;
  const dev = devUrl ? parseDevServerUrl(devUrl) : null;
  if (!dev) return true;
  const asHttp = p === 'ws:' ? 'http:' : p === 'wss:' ? 'https:' : p;
  return `${asHttp}//${u.host}` !== dev;
}
