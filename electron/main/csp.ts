/**
 * The Content-Security-Policy of the desktop app, as pure constants and functions so tests pin
 * them (tests/unit/electron/csp.test.ts, and security.test.ts finds PROD_CSP in the built main).
 */
import { parseDevServerUrl } from './trusted-url';

/** The production policy: the renderer talks only to its own origin (`app://studio`). */
export const PROD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

type Directives = Map<string, string[]>;

export function parseCsp(policy: string): Directives {
  const out: Directives = new Map();
  for (const part of policy.split(';')) {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0) continue;
    const [name, ...values] = tokens;
    if (!out.has(name.toLowerCase())) out.set(name.toLowerCase(), values);
  }
  return out;
}

function serializeCsp(directives: Directives): string {
  return [...directives].map(([name, values]) => [name, ...values].join(' ')).join('; ');
}

/**
 * The policy for a given mode. Production (no dev URL): PROD_CSP exactly. With the Vite dev
 * server (only when not packaged): its origin is added to the fetch directives, its WebSocket
 * origin (ws:/wss:, same host and port) to connect-src for HMR, and 'unsafe-inline' to
 * script-src because @vitejs/plugin-react injects its Fast Refresh preamble as an inline module
 * script in dev. Nothing else changes. An invalid or non-loopback dev URL yields PROD_CSP.
 */
export function buildCsp(devUrl?: string | null): string {
  const origin = devUrl ? parseDevServerUrl(devUrl) : null;
  if (!origin) return PROD_CSP;
  const ws = origin.replace(/^http/, 'ws');
  const d = parseCsp(PROD_CSP);
  const add = (name: string, ...values: string[]) => {
    const current = d.get(name) ?? [];
    d.set(name, [...current, ...values.filter((v) => !current.includes(v))]);
  };
  add('default-src', origin);
  add('script-src', origin, "'unsafe-inline'");
  add('style-src', origin);
  add('img-src', origin);
  add('font-src', origin);
  add('connect-src', origin, ws);
  add('worker-src', origin);
  return serializeCsp(d);
}

/**
 * Response headers with our policy replacing any Content-Security-Policy the response had
 * (header names compared case-insensitively, as HTTP does).
 */
export function withCspHeader(headers: Record<string, string | string[]> | undefined, csp: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    out[name] = value;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}
