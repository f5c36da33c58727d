/**
 * The web host over real HTTP on 127.0.0.1, backed by a real SQLite file: token, Host and Origin
 * checks, body limit, security headers, the envelope, and unknown channels.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../../api/handlers';
import { startWebHost, type WebHost } from '../../../web/server';

let dir: string;
let api: Api;
let host: WebHost;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-web-'));
  fs.mkdirSync(path.join(dir, 'static'));
  fs.writeFileSync(path.join(dir, 'static', 'index.html'), '<!doctype html><title>t</title>');
  api = createApi({ dbPath: path.join(dir, 'studio.sqlite'), host: 'web' });
  host = await startWebHost({ handlers: api.handlers, staticDir: path.join(dir, 'static') });
});

afterAll(async () => {
  await host.close();
  api.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const api_ = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  request({
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'content-type': 'application/json', 'x-studio-token': host.token, ...headers },
    body: JSON.stringify(body),
  });

describe('web host', () => {
  it('listens on 127.0.0.1 only and prints a launch URL with the token in the fragment', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.launchUrl).toBe(`${host.url}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers API calls with the token in an ok envelope', async () => {
    const r = await api_('scenarios:list', {});
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body);
    expect(body.ok).toBe(true);
    expect(body.value.map((s: { name: string }) => s.name)).toContain('基准情景');
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('rejects requests without the token or with a wrong one', async () => {
    const none = await request({
      method: 'POST',
      path: '/api/scenarios:list',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(401);
    const wrong = await api_('scenarios:list', {}, { 'x-studio-token': 'x'.repeat(host.token.length) });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body).error.message_zh).toContain('令牌');
  });

  it('rejects a foreign Host (DNS rebinding) and a foreign Origin, even with the token', async () => {
    const rebound = await api_('scenarios:list', {}, { host: `attacker.example:${host.port}` });
    expect(rebound.status).toBe(403);
    const cross = await api_('scenarios:list', {}, { origin: 'http://attacker.example' });
    expect(cross.status).toBe(403);
    expect(JSON.parse(cross.body).error.message_en).toContain('attacker.example');
    const page = await request({ path: '/', headers: { host: 'attacker.example' } });
    expect(page.status).toBe(403);
  });

  it('sets security headers on pages and API replies', async () => {
    const page = await request({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses bodies over the limit with 413 and writes nothing', async () => {
    const before = JSON.parse((await api_('scenarios:list', {})).body).value.length;
    const big = Buffer.alloc(61 * 1024 * 1024, 0x20);
    const r = await request({
      method: 'POST',
      path: '/api/scenarios:create',
      headers: { 'content-type': 'application/json', 'x-studio-token': host.token, 'content-length': String(big.length) },
      body: big,
    }).catch((err: Error) => ({ status: 413, headers: {}, body: err.message }));
    expect(r.status).toBe(413);
    const after = JSON.parse((await api_('scenarios:list', {})).body).value.length;
    expect(after).toBe(before);
  });

  it('answers unknown channels, prototype keys and bad JSON with clear errors', async () => {
    const unknown = await api_('no:such', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('unknown_channel');
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const r = await api_(name, {});
      expect(JSON.parse(r.body).error.code, name).toBe('unknown_channel');
    }
    const bad = await request({
      method: 'POST',
      path: '/api/scenarios:list',
      headers: { 'content-type': 'application/json', 'x-studio-token': host.token },
      body: '{"state":',
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('bad_json');
  });

  it('validates requests and names the field in both languages', async () => {
    const r = await api_('scenarios:create', { name: '', parent_id: 5 });
    const body = JSON.parse(r.body);
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('invalid');
    expect(body.error.message_en).toMatch(/name|parent_id/);
    expect(body.error.message_zh).toMatch(/name|parent_id/);
    const polluted = await request({
      method: 'POST',
      path: '/api/scenarios:create',
      headers: { 'content-type': 'application/json', 'x-studio-token': host.token },
      body: '{"name":"x","__proto__":{"admin":true}}',
    });
    expect(JSON.parse(polluted.body).ok).toBe(false);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('creates a scenario over HTTP that the store holds after a reopen', async () => {
    const created = JSON.parse((await api_('scenarios:create', { name: 'HTTP 测试情景' })).body);
    expect(created.ok).toBe(true);
    const again = createApi({ dbPath: path.join(dir, 'studio.sqlite'), host: 'cli' });
    try {
      expect(again.store.list({ state: 'live' }).map((s) => s.name)).toContain('HTTP 测试情景');
    } finally {
      again.close();
    }
  });

  it('refuses other methods and path traversal', async () => {
    expect((await request({ method: 'GET', path: '/api/scenarios:list', headers: {} })).status).toBe(405);
    expect((await request({ method: 'DELETE', path: '/' })).status).toBe(405);
    expect((await request({ path: '/..%2f..%2fetc%2fpasswd' })).status).toBe(404);
  });
});
