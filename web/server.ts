/**
 * The loopback web host: serves the built renderer and the API contract over HTTP, backed by the
 * same handlers (and SQLite file) as the desktop app. Binds 127.0.0.1 only; every API request
 * must carry the per-launch token and a loopback Host (and Origin, when sent) header, so other
 * local pages and DNS-rebinding sites cannot drive it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { dispatch, errorBody, type Handlers } from '../contract';
import { jsonTextTooDeep, MAX_JSON_DEPTH } from '../models/json-limits';
import { checkRequestOrigin, resolveStaticPath, WEB_CSP } from './security';

export const MAX_BODY_BYTES = 60 * 1024 * 1024;
/** Nesting depth of a request body (docs/reliability.md). */
const TOKEN_HEADER = 'x-studio-token';

export interface WebHostOptions {
  handlers: Handlers;
  /** folder with the built renderer (index.html and assets/). */
  staticDir: string;
  port?: number;
  token?: string;
}

export interface WebHost {
  url: string;
  /** the address to open, token included. */
  launchUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.map': 'application/json; charset=utf-8',
};

function securityHeaders(res: http.ServerResponse): void {
  res.setHeader('Content-Security-Policy', WEB_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), usb=(), serial=()');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** The host's own refusals, as the envelope every layer uses: code, message_zh, message_en (then message). */
function sendError(res: http.ServerResponse, status: number, code: string, zh: string, en: string): void {
  sendJson(res, status, { ok: false, error: errorBody(code, zh, en) });
}

/** An error written straight to a socket, for requests Node never hands to the request handler. */
function rawError(socket: Duplex, status: number, reason: string, code: string, zh: string, en: string): void {
  try {
    const body = JSON.stringify({ ok: false, error: errorBody(code, zh, en) });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  } catch {
    socket.destroy();
  }
}

function tokenMatches(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      resolve('too_large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/**
 * The path and query of a request target, whichever of HTTP's forms it takes: origin form
 * (`/a?b`), absolute form (`http://host/a`, answered as its path), authority form (`host:443`,
 * only meaningful for CONNECT) and asterisk form (`*`). Null for anything that is not a valid
 * target, so the caller answers 400. The host part never decides anything: Host is checked apart.
 */
function requestUrl(target: string | undefined): URL | null {
  const raw = target ?? '/';
  if (raw.length === 0 || [...raw].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f)) return null;
  const base = 'http://127.0.0.1';
  try {
    // `//x:99999/` would parse as a protocol-relative URL with another host: no path of ours
    // starts with two slashes, so it is refused rather than reinterpreted.
    if (raw.startsWith('//')) return null;
    if (raw.startsWith('/')) return new URL(`${base}${raw}`);
    if (/^https?:\/\//i.test(raw)) {
      const absolute = new URL(raw);
      return new URL(`${base}${absolute.pathname}${absolute.search}`);
    }
    return null;
  } catch {
    return null;
  }
}

function hostHeaderCount(raw: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === 'host') n++;
  return n;
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const staticRoot = path.resolve(opts.staticDir);

  const server = http.createServer((req, res) => {
    // One guard around every step of request handling: whatever a request holds, it is answered
    // (400 or 500) and the host keeps serving.
    try {
      handleRequest(req, res);
    } catch (err) {
      answerUnexpected(req, res, err);
    }
  });
  // A malformed request line or header never reaches the handler: Node reports it here.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    if (err.code === 'HPE_HEADER_OVERFLOW')
      rawError(socket, 431, 'Request Header Fields Too Large', 'headers_too_large', '请求头过大', 'Request headers too large');
    else rawError(socket, 400, 'Bad Request', 'bad_request', '请求格式无效', 'Malformed request');
  });
  // CONNECT (tunnels) is nothing this host offers: answered and closed, never left hanging.
  server.on('connect', (_req: http.IncomingMessage, socket: Duplex) => {
    rawError(socket, 405, 'Method Not Allowed', 'method', '不支持的请求方法', 'Method not allowed');
  });

  function answerUnexpected(req: http.IncomingMessage, res: http.ServerResponse, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`web host: request ${req.method ?? '?'} failed: ${message}`);
    req.resume();
    if (!res.headersSent) sendError(res, 500, 'internal', '内部错误，请求未完成', 'Internal error: the request was not completed');
    else res.destroy();
  }

  function handleRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    securityHeaders(res);
    // Only HTTP/1.0 and 1.1 are spoken here: Node also parses "HTTP/0.9" and "HTTP/2.0" request
    // lines in text, which no browser of ours sends.
    if (req.httpVersionMajor !== 1 || (req.httpVersionMinor !== 0 && req.httpVersionMinor !== 1)) {
      req.resume();
      res.shouldKeepAlive = false;
      sendError(
        res,
        505,
        'http_version',
        `不支持的 HTTP 版本 ${String(req.httpVersion).slice(0, 10)}`,
        `HTTP version ${String(req.httpVersion).slice(0, 10)} not supported`,
      );
      return;
    }
    // Node keeps the first of several Host headers and drops the rest; RFC 9112 says such a
    // request is refused (400), so a second Host can never be checked against one value and
    // used with another.
    if (hostHeaderCount(req.rawHeaders) > 1) {
      req.resume();
      res.shouldKeepAlive = false;
      sendError(res, 400, 'duplicate_host', '请求含有多个 Host 请求头', 'The request has more than one Host header');
      return;
    }
    const verdict = checkRequestOrigin(req.headers.host, req.headers.origin, port);
    if (!verdict.ok) {
      req.resume(); // drain an unread body, so a kept-alive connection stays usable
      sendError(res, 403, 'forbidden_host', `拒绝访问：${verdict.reason_zh}`, `Forbidden: ${verdict.reason_en}`);
      return;
    }
    const url = requestUrl(req.url);
    if (!url) {
      req.resume();
      sendError(res, 400, 'bad_target', '请求地址无效', 'Malformed request target');
      return;
    }

    if (url.pathname.startsWith('/api/')) {
      void handleApi(req, res, url).catch((err: unknown) => answerUnexpected(req, res, err));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      req.resume();
      sendError(res, 405, 'method', '不支持的请求方法', 'Method not allowed');
      return;
    }
    serveStatic(url.pathname, req, res);
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'POST') {
      req.resume();
      sendError(res, 405, 'method', '接口只接受 POST 请求', 'The API accepts POST only');
      return;
    }
    const given = req.headers[TOKEN_HEADER];
    if (!tokenMatches(Array.isArray(given) ? given[0] : given, token)) {
      req.resume();
      sendError(res, 401, 'unauthorized', '缺少或错误的访问令牌', 'Missing or wrong access token');
      return;
    }
    const type = String(req.headers['content-type'] ?? '');
    if (!type.startsWith('application/json')) {
      req.resume();
      sendError(res, 415, 'content_type', '请求内容须为 JSON', 'The request body must be JSON');
      return;
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === 'too_large') {
      sendError(
        res,
        413,
        'too_large',
        `请求内容超过 ${MAX_BODY_BYTES / 1024 / 1024} MB 上限`,
        `Request body over the ${MAX_BODY_BYTES / 1024 / 1024} MB limit`,
      );
      return;
    }
    let payload: unknown = {};
    if (body.length > 0) {
      const text = body.toString('utf8');
      const deep = jsonTextTooDeep(text, MAX_JSON_DEPTH);
      if (deep) {
        sendError(res, 400, 'too_deep', `请求内容的 ${deep.message_zh}`, `Request body: ${deep.message_en}`);
        return;
      }
      try {
        payload = JSON.parse(text);
      } catch {
        sendError(res, 400, 'bad_json', '请求内容不是有效的 JSON', 'The request body is not valid JSON');
        return;
      }
    }
    let channel: string;
    try {
      channel = decodeURIComponent(url.pathname.slice('/api/'.length));
    } catch {
      sendError(res, 404, 'unknown_channel', '未知的接口（路径编码无效）', 'Unknown API channel (malformed percent-encoding in the path)');
      return;
    }
    const envelope = await dispatch(opts.handlers, channel, payload, { host: 'web' });
    sendJson(res, envelope.ok || envelope.error.code !== 'unknown_channel' ? 200 : 404, envelope);
  }

  function serveStatic(pathname: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    const file = resolveStaticPath(staticRoot, pathname);
    if (!file) {
      sendError(res, 404, 'not_found', '找不到该文件', 'Not found');
      return;
    }
    fs.stat(file, (err, stat) => {
      if (err || !stat.isFile()) {
        // Single-page app: unknown paths without an extension get index.html.
        if (!path.extname(pathname)) {
          sendFile(path.join(staticRoot, 'index.html'), req, res);
          return;
        }
        sendError(res, 404, 'not_found', '找不到该文件', 'Not found');
        return;
      }
      sendFile(file, req, res);
    });
  }

  function sendFile(file: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    fs.readFile(file, (err, data) => {
      if (err) {
        const missing = file.endsWith('index.html');
        sendError(
          res,
          404,
          'not_found',
          missing ? '界面尚未构建：请先运行 npm run build:renderer' : '找不到该文件',
          missing ? 'The renderer is not built: run npm run build:renderer first' : 'Not found',
        );
        return;
      }
      const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': data.length,
        'Cache-Control': file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : data);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;

  const base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    launchUrl: `${base}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
