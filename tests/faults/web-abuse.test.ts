/**
 * The loopback web host under abuse, over real HTTP (tests/integration/web/host.test.ts has the
 * basic cases; these go further): reachable on 127.0.0.1 only (another loopback address, ::1, and
 * a non-loopback address in a private network namespace are refused); the token, Host and Origin
 * checks against many spellings (DNS rebinding); bodies over the limit sent chunked, 10^5-level
 * JSON, broken JSON, prototype keys; malformed paths and percent-encoding, traversal, odd methods,
 * oversized headers; security headers on every reply; then fast-check requests. The server must
 * answer every request with a JSON error naming what is wrong (both languages), never crash, and
 * write nothing for a refused request.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../api/handlers';
import { PROD_CSP } from '../../electron/main/csp';
import { MAX_BODY_BYTES, startWebHost, type WebHost } from '../../web/server';
import { BAD_INPUTS, cleanupTmp, FIXTURES, fingerprint, isBilingual, runProcess, SCALE, tmpDir } from './helpers';
import { openLedger } from '../../support/fault-ledger';

const ledger = openLedger('web-abuse');

let dir: string;
let api: Api;
let host: WebHost;

beforeAll(async () => {
  dir = tmpDir();
  fs.mkdirSync(path.join(dir, 'static', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'static', 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(dir, 'static', 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'root:x:0:0 SECRET');
  api = createApi({ dbPath: path.join(dir, 'studio.sqlite'), host: 'web' });
  host = await startWebHost({ handlers: api.handlers, staticDir: path.join(dir, 'static') });
});

afterAll(async () => {
  await host?.close();
  api?.close();
  cleanupTmp();
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(opts: {
  method?: string;
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  chunks?: AsyncIterable<Buffer> | Iterable<Buffer>;
  address?: string;
  timeoutMs?: number;
}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: opts.address ?? '127.0.0.1',
        port: host.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        // an explicit length: Node sends DELETE / OPTIONS / TRACE bodies unframed otherwise
        headers:
          opts.body !== undefined && !opts.chunks
            ? { 'content-length': String(Buffer.byteLength(opts.body)), ...opts.headers }
            : opts.headers,
        timeout: opts.timeoutMs ?? 20_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('TIMEOUT')));
    req.on('error', reject);
    if (opts.chunks) {
      void (async () => {
        try {
          for await (const c of opts.chunks!) {
            if (req.destroyed) return;
            if (!req.write(c)) await new Promise((r) => req.once('drain', r));
          }
          req.end();
        } catch {
          /* the server closed: the reply (or error) tells */
        }
      })();
      return;
    }
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** A raw request over a socket (for what http.request will not send). */
function raw(text: string | Buffer, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(host.port, '127.0.0.1');
    let out = '';
    s.setTimeout(timeoutMs, () => {
      s.destroy();
      resolve(`${out}\nTIMEOUT`);
    });
    s.on('data', (d) => (out += d.toString('utf8')));
    s.on('end', () => resolve(out));
    s.on('close', () => resolve(out));
    s.on('error', (e: NodeJS.ErrnoException) => resolve(`${out}\nERROR ${e.code}`));
    s.write(text);
  });
}

const auth = () => ({ 'content-type': 'application/json', 'x-studio-token': host.token });
const post = (channel: string, body: string | Buffer, headers: Record<string, string | string[]> = {}) =>
  request({ method: 'POST', path: `/api/${channel}`, headers: { ...auth(), ...headers }, body });

/** A JSON error reply naming what is wrong in both languages. */
function clearError(r: Reply): boolean {
  try {
    const b = JSON.parse(r.body) as { ok: boolean; error?: { message_zh: string; message_en: string } };
    return b.ok === false && isBilingual(b.error);
  } catch {
    return false;
  }
}

const alive = async () => (await request({ path: '/' })).status === 200;

const SECURITY_HEADERS: [string, string | RegExp][] = [
  ['content-security-policy', PROD_CSP],
  ['x-content-type-options', 'nosniff'],
  ['x-frame-options', 'DENY'],
  ['referrer-policy', 'no-referrer'],
  ['cross-origin-opener-policy', 'same-origin'],
  ['cross-origin-resource-policy', 'same-origin'],
  ['permissions-policy', /camera=\(\)/],
];

function checkHeaders(r: Reply, label: string): void {
  for (const [name, want] of SECURITY_HEADERS) {
    const got = String(r.headers[name] ?? '');
    if (typeof want === 'string' ? got !== want : !want.test(got)) ledger.crash(`${label}: header ${name} is "${got}"`);
  }
  if (r.headers['access-control-allow-origin'] !== undefined) ledger.crash(`${label}: CORS header sent`);
}

describe('binding', () => {
  it('listens on 127.0.0.1 only: 127.0.0.2 and ::1 are refused', async () => {
    const mark = ledger.mark();
    for (const address of ['127.0.0.2', '::1']) {
      ledger.input();
      const r = await request({ path: '/', address, timeoutMs: 5000 }).then(
        (x) => `HTTP ${x.status}`,
        (e: NodeJS.ErrnoException) => e.code ?? e.message,
      );
      if (r.startsWith('HTTP')) ledger.crash(`the web host answered on ${address}`);
      else expect(['ECONNREFUSED', 'EADDRNOTAVAIL', 'ENETUNREACH', 'EAFNOSUPPORT']).toContain(r);
    }
    expect(ledger.since(mark)).toEqual([]);
  });

  it('is not reachable on a non-loopback address (checked in a private network namespace)', async (ctx) => {
    const mark = ledger.mark();
    // Not the machine's own interface address: traffic to it is not for tests here. A fresh
    // network namespace gets its own non-loopback address, and the host is started inside it.
    const r = await runProcess('unshare', ['-n', '--', process.execPath, '--import', 'tsx', path.join(FIXTURES, 'netns-host.ts')], {
      timeoutMs: 60_000,
    });
    const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
    if (r.code !== 0 || !line) {
      ledger.notRun(
        'web host on a non-loopback address',
        `could not make a network namespace (unshare -n): ${r.stderr.split('\n')[0] ?? r.code}`,
      );
      ctx.skip();
      return;
    }
    const got = JSON.parse(line) as { loopback: string; other: string; control: string };
    ledger.input();
    ledger.note('binding: checked in an unshare -n namespace with 198.51.100.7 as its non-loopback address');
    expect(got.control, 'a server on every address is reachable there (the probe works)').toBe('200');
    expect(got.loopback).toBe('200');
    expect(got.other).toBe('ECONNREFUSED');
    expect(ledger.since(mark)).toEqual([]);
  });
});

describe('token, Host and Origin', () => {
  it('refuses every request without the right token', async () => {
    const mark = ledger.mark();
    const t = host.token;
    const cases: Record<string, string | string[]>[] = [
      { 'content-type': 'application/json' },
      { 'content-type': 'application/json', 'x-studio-token': '' },
      { 'content-type': 'application/json', 'x-studio-token': t.slice(0, -1) },
      { 'content-type': 'application/json', 'x-studio-token': `${t}x` },
      { 'content-type': 'application/json', 'x-studio-token': t.toUpperCase() === t ? t.toLowerCase() : t.toUpperCase() },
      { 'content-type': 'application/json', 'x-studio-token': [t, t] },
      { 'content-type': 'application/json', authorization: `Bearer ${t}` },
      { 'content-type': 'application/json', cookie: `token=${t}` },
      { 'content-type': 'application/json', 'x-studio-token': '\u00e9'.repeat(t.length) },
    ];
    for (const headers of cases) {
      ledger.input();
      const r = await request({ method: 'POST', path: '/api/scenarios:list', headers, body: '{}' });
      if (r.status !== 401 || !clearError(r)) ledger.crash(`token case ${JSON.stringify(headers).slice(0, 80)}: ${r.status}`);
    }
    ledger.input();
    const q = await request({
      method: 'POST',
      path: `/api/scenarios:list?token=${t}`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(q.status).toBe(401);
    expect((await post('scenarios:list', '{}')).status).toBe(200);
    expect(ledger.since(mark)).toEqual([]);
  });

  it('refuses foreign Host and Origin spellings, even with the token (DNS rebinding)', async () => {
    const mark = ledger.mark();
    const p = host.port;
    const badHosts = [
      `attacker.example:${p}`,
      `127.0.0.1`,
      `127.0.0.1:${p + 1}`,
      `127.0.0.1:${p}.attacker.example`,
      `localhost.:${p}`,
      `[::1]:${p}`,
      `0.0.0.0:${p}`,
      `127.1:${p}`,
      `2130706433:${p}`,
      `localhost.attacker.example:${p}`,
      `127.0.0.1:${p}@attacker.example`,
      `xn--80ak6aa92e.com:${p}`,
    ];
    for (const h of badHosts) {
      ledger.input();
      const r = await post('scenarios:list', '{}', { host: h });
      if (r.status !== 403 || !clearError(r)) ledger.crash(`Host ${h}: ${r.status} ${r.body.slice(0, 100)}`);
      checkHeaders(r, `Host ${h}`);
    }
    const badOrigins = [
      'null',
      'http://attacker.example',
      `https://127.0.0.1:${p}`,
      `http://127.0.0.1:${p}.attacker.example`,
      `http://127.0.0.1:${p + 1}`,
      'file://',
      'chrome-extension://abcdef',
      `http://127.0.0.1:${p}/`,
      `http://[::1]:${p}`,
    ];
    for (const o of badOrigins) {
      ledger.input();
      const r = await post('scenarios:list', '{}', { origin: o });
      if (r.status !== 403 || !clearError(r)) ledger.crash(`Origin ${o}: ${r.status}`);
    }
    for (const good of [`127.0.0.1:${p}`, `localhost:${p}`, `LOCALHOST:${p}`]) {
      expect((await post('scenarios:list', '{}', { host: good })).status, good).toBe(200);
    }
    expect((await post('scenarios:list', '{}', { origin: `http://localhost:${p}` })).status).toBe(200);
    // no Host at all (HTTP/1.0, or a raw HTTP/1.1 request)
    ledger.input(2);
    expect(await raw('GET / HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.[01] (403|400)/);
    expect(
      await raw(
        `POST /api/scenarios:list HTTP/1.0\r\nx-studio-token: ${host.token}\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}`,
      ),
    ).toMatch(/^HTTP\/1\.[01] (403|400)/);
    expect(ledger.since(mark)).toEqual([]);
  });
});

describe('bodies', () => {
  it('a chunked body over the limit (no Content-Length) is refused with 413 and writes nothing', async () => {
    const mark = ledger.mark();
    const before = fingerprint(api.store.db);
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const total = Math.ceil(MAX_BODY_BYTES / chunk.length) + 2;
    function* chunks() {
      yield Buffer.from('{"name":"');
      for (let i = 0; i < total; i++) yield chunk;
      yield Buffer.from('"}');
    }
    ledger.input();
    const r = await request({
      method: 'POST',
      path: '/api/scenarios:create',
      headers: { ...auth(), 'transfer-encoding': 'chunked' },
      chunks: chunks(),
    }).catch(
      (e: Error) =>
        ({
          status: 413,
          headers: {},
          body: `{"ok":false,"error":{"message_zh":"连接被关闭","message_en":"closed ${e.message}"}}`,
        }) as Reply,
    );
    expect(r.status).toBe(413);
    if (fingerprint(api.store.db).hash !== before.hash) ledger.partial('an oversized body changed the database');
    expect(await alive()).toBe(true);
    expect(ledger.since(mark)).toEqual([]);
  });

  it('10^5-level JSON, broken JSON, wrong content types: 400/415 with a clear error, quickly', async () => {
    const mark = ledger.mark();
    const before = fingerprint(api.store.db);
    const deepText = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const deepObj = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    for (const [label, body, want] of [
      ['deep array', deepText, 'too_deep'],
      ['deep object', deepObj, 'too_deep'],
      ['deep content', `{"content":${deepObj}}`, 'too_deep'],
      ['deep, truncated', '['.repeat(100_000), 'too_deep'],
    ] as const) {
      for (const channel of ['scenarios:import', 'projection:runFile', 'plan:activate', 'scenarios:create']) {
        ledger.input();
        const started = Date.now();
        const r = await post(channel, body);
        const body_ = JSON.parse(r.body) as { error?: { code: string } };
        if (r.status !== 400 || body_.error?.code !== want || !clearError(r))
          ledger.crash(`${label} to ${channel}: ${r.status} ${r.body.slice(0, 120)}`);
        if (Date.now() - started > 10_000) ledger.crash(`${label} to ${channel} took ${Date.now() - started} ms`);
      }
    }
    const broken = [
      '{',
      '{"a":1',
      '{"a":1}{"b":2}',
      '{"a":NaN}',
      "{'a':1}",
      '{"a":1,}',
      '\ufeff{}',
      '\u0000',
      '{"a":"\\ud800"',
      'null null',
      '[',
      '"',
    ];
    for (const b of broken) {
      ledger.input();
      const r = await post('scenarios:create', b);
      if (r.status !== 400 || !clearError(r)) ledger.crash(`broken JSON ${JSON.stringify(b)}: ${r.status}`);
    }
    ledger.input();
    const utf16 = await post('scenarios:create', Buffer.from('{"name":"x"}', 'utf16le'));
    expect(utf16.status).toBe(400);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      ledger.input();
      const r = await post('scenarios:create', '{"name":"x"}', { 'content-type': type });
      if (r.status !== 415 || !clearError(r)) ledger.crash(`content type "${type}": ${r.status}`);
    }
    if (fingerprint(api.store.db).hash !== before.hash) ledger.partial('a refused body changed the database');
    expect(ledger.since(mark)).toEqual([]);
  });

  it('the API corpus and prototype keys over HTTP: clear errors, nothing written, nothing polluted', async () => {
    const mark = ledger.mark();
    const before = fingerprint(api.store.db);
    const corpus = JSON.parse(fs.readFileSync(path.join(BAD_INPUTS, 'api', 'requests.json'), 'utf8')) as [string, string][];
    for (const [channel, text] of corpus) {
      ledger.input();
      const r = await post(encodeURIComponent(channel), text);
      if (![200, 400, 404].includes(r.status) || !clearError(r)) {
        // the year-to-date import answers row errors in an ok envelope
        const b = JSON.parse(r.body) as { ok: boolean; value?: { errors?: unknown[]; stored?: number } };
        if (!(b.ok && b.value?.errors?.length && b.value.stored === 0))
          ledger.crash(`corpus ${channel} ${text.slice(0, 60)}: ${r.status} ${r.body.slice(0, 120)}`);
      }
      checkHeaders(r, `corpus ${channel}`);
    }
    for (const channel of ['scenarios:create', 'settings:set', 'scenarios:import', 'milestones:set', 'actuals:add', 'plan:activate']) {
      for (const body of [
        '{"__proto__":{"polluted":1}}',
        '{"constructor":{"prototype":{"polluted":1}}}',
        '{"content":{"__proto__":{"polluted":1},"format":"x"}}',
      ]) {
        ledger.input();
        const r = await post(channel, body);
        if (!clearError(r)) ledger.crash(`${channel} ${body}: ${r.status} ${r.body.slice(0, 100)}`);
      }
    }
    if (({} as Record<string, unknown>).polluted !== undefined) ledger.crash('Object.prototype polluted over HTTP');
    if (fingerprint(api.store.db).hash !== before.hash) ledger.partial('refused HTTP requests changed the database');
    expect(ledger.since(mark)).toEqual([]);
  });
});

describe('paths, methods and headers', () => {
  it('malformed channels and paths, traversal, odd methods, oversized headers: answered, never crash', async () => {
    const mark = ledger.mark();
    for (const p of [
      '/api/%E0%A4%A',
      '/api/%',
      '/api/%00',
      '/api/%2e%2e%2fscenarios:list',
      '/api/',
      '/api//scenarios:list',
      '/api/scenarios:list/..',
      `/api/${'x'.repeat(5000)}`,
    ]) {
      ledger.input();
      const r = await request({ method: 'POST', path: p, headers: auth(), body: '{}' });
      if (![404, 400].includes(r.status) || !clearError(r)) ledger.crash(`path ${p.slice(0, 40)}: ${r.status} ${r.body.slice(0, 100)}`);
    }
    const traversal = [
      '/..%2f..%2f..%2fsecret.txt',
      '/%2e%2e/%2e%2e/secret.txt',
      '/assets/../../secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5c..%5csecret.txt',
      '/%c0%ae%c0%ae/secret.txt',
      '/index.html%00.js',
      '/%252e%252e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/.%2e/secret.txt',
    ];
    for (const p of traversal) {
      ledger.input();
      const r = await request({ path: p });
      if (r.body.includes('SECRET')) ledger.lost(`path traversal served a file outside the app: ${p}`);
      checkHeaders(r, `path ${p}`);
    }
    for (const method of ['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND']) {
      for (const p of ['/', '/api/scenarios:list']) {
        ledger.input();
        const r = await request({ method, path: p, headers: auth(), body: '{}' });
        if (r.status !== 405 || !clearError(r)) ledger.crash(`${method} ${p}: ${r.status}`);
        checkHeaders(r, `${method} ${p}`);
      }
    }
    ledger.input(3);
    const big = await request({ path: '/', headers: { 'x-big': 'x'.repeat(40_000) } }).then(
      (r) => r.status,
      () => 431,
    );
    expect(big).toBe(431);
    expect(await raw('BREW / HTCPCP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(Buffer.from([0, 1, 2, 3, 255, 254, 13, 10, 13, 10]))).toMatch(/^HTTP\/1\.1 400|^$/);
    expect(await alive()).toBe(true);
    expect(ledger.since(mark)).toEqual([]);
  });

  it('fast-check requests: always an answer with security headers, never a crash; 100 at once', async () => {
    const mark = ledger.mark();
    const before = fingerprint(api.store.db);
    const channel = fc.oneof(
      fc.constantFrom('scenarios:list', 'scenarios:create', 'settings:set', 'scenarios:import', 'no:such', '__proto__'),
      fc.string({ maxLength: 20 }),
    );
    const arb = fc.record({
      method: fc.constantFrom('GET', 'POST', 'POST', 'POST', 'HEAD', 'PUT'),
      channel,
      token: fc.constantFrom('good', 'none', 'bad'),
      host: fc.constantFrom('good', 'evil', 'good'),
      type: fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8'),
      body: fc.oneof(fc.json({ maxDepth: 4 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.constant('')),
    });
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(arb, async (x) => {
        ledger.input();
        const headers: Record<string, string> = { 'content-type': x.type };
        if (x.token === 'good') headers['x-studio-token'] = host.token;
        if (x.token === 'bad') headers['x-studio-token'] = 'nope';
        if (x.host === 'evil') headers.host = 'evil.example';
        // never a valid write: no token, an evil host, or a body that cannot be a valid request
        const safe =
          x.token !== 'good' ||
          x.host === 'evil' ||
          x.method !== 'POST' ||
          !['scenarios:create', 'settings:set', 'scenarios:import'].includes(x.channel);
        const r = await request({
          method: x.method,
          path: `/api/${encodeURIComponent(x.channel)}`,
          headers,
          body: x.method === 'GET' || x.method === 'HEAD' ? undefined : x.body,
        }).catch((e: Error) => ({ status: 0, headers: {}, body: e.message }) as Reply);
        if (r.status === 0) ledger.crash(`no answer to ${JSON.stringify(x).slice(0, 120)}: ${r.body}`);
        else {
          answered++;
          checkHeaders(r, `fuzz ${x.method} ${x.channel}`);
          if (safe && r.status !== 200 && x.method !== 'HEAD' && !clearError(r))
            ledger.crash(`unclear ${r.status} for ${JSON.stringify(x).slice(0, 100)}: ${r.body.slice(0, 100)}`);
        }
      }),
      { numRuns: 300 * SCALE },
    );
    // 100 at once
    const many = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        post(i % 2 ? 'scenarios:list' : 'no:such', '{}').then(
          (r) => r.status,
          () => 0,
        ),
      ),
    );
    ledger.input(100);
    if (many.some((s) => s === 0)) ledger.crash(`${many.filter((s) => s === 0).length} of 100 concurrent requests unanswered`);
    const after = fingerprint(api.store.db);
    if (after.scenarios < before.scenarios || after.revisions < before.revisions) ledger.lost('scenarios disappeared under fuzzing');
    expect(answered).toBe(300 * SCALE);
    expect(await alive()).toBe(true);
    expect(ledger.since(mark)).toEqual([]);
  });
});

describe('request targets in every form', () => {
  it('absolute-form, authority-form, asterisk and protocol-relative targets are answered and the host keeps serving', async () => {
    const mark = ledger.mark();
    const hostHeader = `127.0.0.1:${host.port}`;
    const targets = [
      '//x:99999/',
      '//evil.example/',
      '//',
      'http://x:99999/',
      `http://127.0.0.1:${host.port}/`,
      `http://127.0.0.1:${host.port}/api/scenarios:list`,
      'https://[::1/',
      'x:99999',
      '127.0.0.1:443',
      '*',
      '/%',
      '/..%2f..%2fsecret.txt',
      'relative/path',
    ];
    for (const target of targets) {
      for (const method of ['GET', 'POST', 'OPTIONS', 'CONNECT']) {
        ledger.input();
        const reply = await raw(`${method} ${target} HTTP/1.1\r\nHost: ${hostHeader}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0);
        if (status === 0) ledger.crash(`no status line for ${method} ${target}: ${reply.slice(0, 80)}`);
        if (reply.includes('SECRET')) ledger.crash(`${method} ${target} served a file outside the app`);
        if (!(await alive())) {
          ledger.crash(`host stopped answering after ${method} ${target}`);
          break;
        }
      }
    }
    expect(ledger.since(mark)).toEqual([]);
  });
});

/** How long a raw request may go unanswered before it counts as a hang. */
const HANG_MS = 5_000;

/**
 * A raw request, answered when a whole status line and header block came back (or the host
 * closed the connection); `hang` when neither happened within `HANG_MS`.
 */
function rawTimed(text: string | Buffer, halfClose: boolean): Promise<{ reply: string; hang: boolean }> {
  return new Promise((resolve) => {
    const s = net.connect(host.port, '127.0.0.1');
    let out = '';
    let done = false;
    const finish = (hang: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.destroy();
      resolve({ reply: out, hang });
    };
    const timer = setTimeout(() => finish(true), HANG_MS);
    s.on('data', (d) => {
      out += d.toString('latin1');
      if (out.includes('\r\n\r\n')) finish(false);
    });
    s.on('end', () => finish(false));
    s.on('close', () => finish(false));
    s.on('error', () => finish(false));
    if (halfClose) s.end(text);
    else s.write(text);
  });
}

describe('raw request lines, fuzzed', () => {
  it('generated methods, targets, versions and header sets: every request answered or closed in time, the host always serving, no bad Host let in', async () => {
    const mark = ledger.mark();
    const before = fingerprint(api.store.db);
    const good = () => `127.0.0.1:${host.port}`;
    const pathChar = fc.constantFrom(...'abcxyz019-._~!$&\'()*+,;=:@/?#[]%{}|\\^`"<> \t\u00e9\u4e2d\u0000\u007f'.split(''));
    const percent = fc.oneof(
      fc.integer({ min: 0, max: 255 }).map((n) => `%${n.toString(16).padStart(2, '0')}`),
      fc.constantFrom('%', '%G0', '%2', '%%', '%u002e', '%c0%ae', '%e4%b8', '%00'),
    );
    const segment = fc.array(fc.oneof(pathChar, percent), { maxLength: 12 }).map((a) => a.join(''));
    const origin = fc.array(segment, { maxLength: 5 }).map((a) => `/${a.join('/')}`);
    const hostPart = fc.oneof(
      fc.constantFrom(
        '127.0.0.1',
        'localhost',
        'x',
        'evil.example',
        '[::1]',
        '[::1',
        '0',
        '127.1',
        '999.999.999.999',
        'user:pw@127.0.0.1',
        '',
      ),
      fc.string({ maxLength: 20 }),
    );
    const port = fc.oneof(
      fc.constant(''),
      fc.integer({ min: 0, max: 70_000 }).map((n) => `:${n}`),
      fc.constantFrom(':', ':-1', ':99999999999', ':x'),
    );
    const target = fc.oneof(
      { arbitrary: fc.constantFrom('/', '/index.html', '/assets/app.js', '/api/scenarios:list', '/scenarios', '/?a=1'), weight: 4 },
      origin,
      fc
        .tuple(
          fc.constantFrom('http://', 'https://', 'HTTP://', 'ftp://', 'http:/', 'http:', 'javascript:', 'file://'),
          hostPart,
          port,
          origin,
        )
        .map((a) => a.join('')),
      fc.tuple(hostPart, port).map(([h, p]) => `${h}${p}`),
      fc.constantFrom('*', '**', '*/', '//', '//x:99999/', '///', '/\\', '\\', '.', '..', '?', '#', '%2F'),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.integer({ min: 1_000, max: 70_000 }).map((n) => `/${'a'.repeat(n)}`),
      fc.integer({ min: 100, max: 5_000 }).map((n) => `/?${'%41'.repeat(n)}`),
    );
    const method = fc.oneof(
      { arbitrary: fc.constantFrom('GET', 'POST', 'HEAD'), weight: 4 },
      fc.constantFrom(
        'GET',
        'HEAD',
        'POST',
        'PUT',
        'DELETE',
        'OPTIONS',
        'TRACE',
        'PATCH',
        'CONNECT',
        'PRI',
        'get',
        'post',
        'Get',
        'BREW',
        'M-SEARCH',
        'PROPFIND',
        '',
      ),
      fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,16}$/),
      fc.string({ maxLength: 8 }),
    );
    const version = fc.oneof(
      { arbitrary: fc.constantFrom('HTTP/1.1', 'HTTP/1.0'), weight: 3 },
      fc.constantFrom(
        'HTTP/1.1',
        'HTTP/1.1',
        'HTTP/1.0',
        'HTTP/0.9',
        'HTTP/2.0',
        'HTTP/2',
        'HTTP/3',
        'http/1.1',
        'HTTP/1.1 ',
        'HTTP/1.12',
        'HTTP/9.9',
        'HTCPCP/1.0',
        'HTTP',
        '',
      ),
      fc.string({ maxLength: 10 }),
    );
    const hostHeaders = fc.constantFrom('good', 'good', 'missing', 'duplicate', 'duplicate-evil-second', 'evil', 'empty', 'folded');
    const framing = fc.constantFrom(
      'none',
      'length',
      'chunked',
      'te-and-length',
      'te-chunked-identity',
      'te-space-before-colon',
      'te-twice',
      'te-garbage',
      'length-twice-differ',
      'length-negative',
      'length-huge',
      'chunk-bad-size',
    );
    const arb = fc.record({
      method,
      target,
      version,
      hostHeaders,
      framing,
      huge: fc.constantFrom(0, 0, 0, 8_000, 20_000, 70_000),
      many: fc.constantFrom(0, 0, 200, 2_000),
      eol: fc.constantFrom('\r\n', '\r\n', '\n', '\r'),
      token: fc.boolean(),
      halfClose: fc.boolean(),
    });
    // Most cases change one dimension of a valid request (so each bad part meets an otherwise
    // servable request); the rest change all of them at once.
    const valid = {
      method: 'GET',
      target: '/',
      version: 'HTTP/1.1',
      hostHeaders: 'good',
      framing: 'none',
      huge: 0,
      many: 0,
      eol: '\r\n',
      token: false,
    } as const;
    const dims = ['method', 'target', 'version', 'hostHeaders', 'framing', 'huge', 'many', 'eol'] as const;
    const cases = fc
      .tuple(arb, fc.constantFrom(...dims, 'all' as const))
      .map(([x, dim]) => (dim === 'all' ? x : { ...x, ...valid, [dim]: x[dim], halfClose: x.halfClose }));
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(cases, async (x) => {
        requests++;
        ledger.input();
        const lines: string[] = [`${x.method} ${x.target}${x.version ? ` ${x.version}` : ''}`];
        if (x.hostHeaders === 'good') lines.push(`Host: ${good()}`);
        if (x.hostHeaders === 'duplicate') lines.push(`Host: ${good()}`, `Host: ${good()}`);
        if (x.hostHeaders === 'duplicate-evil-second') lines.push(`Host: ${good()}`, 'Host: evil.example');
        if (x.hostHeaders === 'evil') lines.push('Host: evil.example');
        if (x.hostHeaders === 'empty') lines.push('Host:');
        if (x.hostHeaders === 'folded') lines.push(`Host: ${good()}`, ' evil.example');
        if (x.token) lines.push(`x-studio-token: ${host.token}`, 'Content-Type: application/json');
        if (x.huge) lines.push(`X-Big: ${'b'.repeat(x.huge)}`);
        for (let i = 0; i < x.many; i++) lines.push(`X-H${i}: ${i}`);
        const body = '{}';
        let tail = '';
        switch (x.framing) {
          case 'length':
            lines.push(`Content-Length: ${body.length}`);
            tail = body;
            break;
          case 'chunked':
            lines.push('Transfer-Encoding: chunked');
            tail = `2\r\n${body}\r\n0\r\n\r\n`;
            break;
          case 'te-and-length':
            lines.push('Transfer-Encoding: chunked', 'Content-Length: 4');
            tail = `2\r\n${body}\r\n0\r\n\r\n`;
            break;
          case 'te-chunked-identity':
            lines.push('Transfer-Encoding: chunked, identity');
            tail = `2\r\n${body}\r\n0\r\n\r\n`;
            break;
          case 'te-space-before-colon':
            lines.push('Transfer-Encoding : chunked');
            tail = `2\r\n${body}\r\n0\r\n\r\n`;
            break;
          case 'te-twice':
            lines.push('Transfer-Encoding: chunked', 'Transfer-Encoding: chunked');
            tail = `2\r\n${body}\r\n0\r\n\r\n`;
            break;
          case 'te-garbage':
            lines.push('Transfer-Encoding: \u00ffchunked');
            tail = `2\r\n${body}\r\n0\r\n\r\n`;
            break;
          case 'length-twice-differ':
            lines.push('Content-Length: 2', 'Content-Length: 3');
            tail = body;
            break;
          case 'length-negative':
            lines.push('Content-Length: -1');
            break;
          case 'length-huge':
            lines.push('Content-Length: 99999999999999999999');
            break;
          case 'chunk-bad-size':
            lines.push('Transfer-Encoding: chunked');
            tail = `zz\r\n${body}\r\n0\r\n\r\n`;
            break;
        }
        lines.push('Connection: close');
        const text = Buffer.from(`${lines.join(x.eol)}${x.eol}${x.eol}${tail}`, 'latin1');
        const label = `${x.method.slice(0, 12)} ${x.target.slice(0, 60)} ${x.version.slice(0, 12)} [${x.hostHeaders}, ${x.framing}, eol ${JSON.stringify(x.eol)}, huge ${x.huge}, many ${x.many}]`;
        const r = await rawTimed(text, x.halfClose);
        if (r.hang) ledger.hang(`no reply within ${HANG_MS} ms: ${JSON.stringify(label)}`);
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(r.reply)?.[1] ?? 0);
        if (r.reply.includes('SECRET')) ledger.lost(`${label} served a file outside the app`);
        // a request with a Host that is not this one (or none, or two) must never be served
        const badHost = x.hostHeaders !== 'good';
        if (badHost && status >= 200 && status < 300) ledger.letIn(`${status} for ${label}`);
        // and only HTTP/1.0 and 1.1 are spoken: an HTTP/2 or /3 request line in text is refused
        if (!/^HTTP\/1\.[01]$/.test(x.version) && status >= 200 && status < 300)
          ledger.letIn(`${status} for version ${JSON.stringify(x.version)}: ${label}`);
        if (status >= 500 && status !== 505) ledger.crash(`${status} for ${label}: ${r.reply.slice(0, 200)}`);
        if (!(await alive())) {
          ledger.crash(`host stopped answering GET / after ${label}`);
          throw new Error(`host down after ${label}`);
        }
      }),
      { numRuns: 400 * SCALE },
    );
    expect(requests).toBe(400 * SCALE);
    const after = fingerprint(api.store.db);
    if (after.scenarios < before.scenarios) ledger.lost('scenarios disappeared under raw fuzzing');
    expect(ledger.since(mark)).toEqual([]);
  });
});
