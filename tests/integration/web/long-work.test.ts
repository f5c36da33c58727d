/**
 * Long work does not block the web host (issue 14 item 6): a 100,000-draw simulation runs in a
 * worker thread with its own SQLite connection, and a scenario list sent while it runs is
 * answered first. Order of completion is asserted, never times.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerContext, Handlers } from '../../../contract';
import { createApi, type Api } from '../../../api/handlers';
import { LONG_CHANNELS, offloadLongWork, type Offloaded } from '../../../api/offload';
import { startWebHost, type WebHost } from '../../../web/server';

let dir: string;
let api: Api;
let offloaded: Offloaded;
let host: WebHost;
/** resolves when the web host has handed the simulation to its handler. */
let simulationStarted: Promise<void>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-long-work-'));
  fs.mkdirSync(path.join(dir, 'static'));
  fs.writeFileSync(path.join(dir, 'static', 'index.html'), '<!doctype html><title>t</title>');
  api = createApi({ dbPath: path.join(dir, 'studio.sqlite'), host: 'web' });
  offloaded = offloadLongWork(api, { host: 'web', pdf: 'none' });
  let started: () => void = () => undefined;
  simulationStarted = new Promise((resolve) => (started = resolve));
  const simulate = offloaded.handlers['simulation:run'] as (req: unknown, ctx: HandlerContext) => unknown;
  const handlers: Handlers = {
    ...offloaded.handlers,
    'simulation:run': ((req: unknown, ctx: HandlerContext) => {
      started();
      return simulate(req, ctx);
    }) as Handlers['simulation:run'],
  };
  host = await startWebHost({ handlers, staticDir: path.join(dir, 'static') });
});

afterAll(async () => {
  await host?.close();
  await offloaded?.close();
  api?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function call(
  channel: string,
  body: unknown,
): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: Record<string, unknown> } }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: 'POST',
        path: `/api/${channel}`,
        headers: { 'content-type': 'application/json', 'x-studio-token': host.token },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('long work in a worker thread', () => {
  it('answers a scenario list while a 100,000-draw simulation runs', async () => {
    const id = api.store.list()[0]!.id;
    const finished: string[] = [];
    const simulation = call('simulation:run', { id, draws: 100_000, seed: 7 }).then((r) => {
      finished.push('simulation:run');
      return r;
    });
    await simulationStarted;
    const list = await call('scenarios:list', {});
    finished.push('scenarios:list');
    const sim = await simulation;

    expect(finished).toEqual(['scenarios:list', 'simulation:run']);
    expect(list.body.ok).toBe(true);
    expect((list.body.value as { id: string }[]).map((s) => s.id)).toContain(id);
    expect(sim.body.ok).toBe(true);
    expect((sim.body.value as { draws: number }).draws).toBe(100_000);
    expect(offloaded.sent).toBe(1);
  }, 180_000);

  it('gives the same simulation as the host thread would, and the same refusals', async () => {
    const id = api.store.list()[0]!.id;
    const here = await api.handlers['simulation:run']({ id, draws: 1000, seed: 3 }, { host: 'web' });
    const there = await call('simulation:run', { id, draws: 1000, seed: 3 });
    expect(there.body.value).toEqual(JSON.parse(JSON.stringify(here)));

    const missing = await call('simulation:run', { id: 'no-such-scenario', draws: 1000 });
    expect(missing.body.ok).toBe(false);
    expect(Object.keys(missing.body.error!).slice(0, 3)).toEqual(['code', 'message_zh', 'message_en']);
    expect(missing.body.error!.code).toBe('not_found');
  }, 180_000);

  it("answers the host's own refusals with the fields in the one order", async () => {
    const refused = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'POST',
          path: '/api/scenarios:list',
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')).error));
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(Object.keys(refused)).toEqual(['code', 'message_zh', 'message_en', 'message']);
    expect(refused.code).toBe('unauthorized');
  });

  it('runs only read-only channels there: every write stays on the host thread', () => {
    expect(LONG_CHANNELS).not.toContain('scenarios:import');
    expect(LONG_CHANNELS).not.toContain('nowcast:import');
    expect(LONG_CHANNELS.every((c) => !/:(create|update|set|delete|import|restore|add)/.test(c) || c === 'plan:importTable')).toBe(true);
  });
});
