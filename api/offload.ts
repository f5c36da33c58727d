/**
 * Long work off the host's thread: the web host answers every request on one event loop, so a
 * 100,000-draw simulation or a briefing export would hold up every other request (a scenario
 * list, an autosave) until it ends. `offloadLongWork` returns the same handler map with the long
 * channels run in a worker thread (node:worker_threads, api/long-work-thread.ts) that has its own
 * Api: its own SQLite connection to the same file (WAL lets readers and the writer go on
 * together) and the same handlers. The long channels only read the database; every write stays
 * on the host's thread, so writes are never concurrent.
 *
 * The worker follows the host: after a request that swaps the database or the plan
 * (plan:activate, backups:restore) it reopens with the host's plan and file. Requests are
 * validated by `dispatch` on the host's thread before they are sent; the worker's errors come
 * back as the same envelope fields and are thrown again as an ApiError, so callers see no
 * difference but the order in which answers arrive.
 */
import { Worker } from 'node:worker_threads';
import { ApiError, type ApiErrorBody, type Channel, type Envelope, type HandlerContext, type Handlers } from '../contract';
import type { Plan } from '../models/schema';
import type { Api } from './handlers';

/** Channels that run in the worker: long, and read-only on the database. */
export const LONG_CHANNELS = [
  'simulation:run',
  'sensitivity:tornado',
  'sensitivity:matrix',
  'attribution:run',
  'briefing:export',
  'plan:importTable',
] as const satisfies readonly Channel[];
export type LongChannel = (typeof LONG_CHANNELS)[number];

/** After these succeed on the host's thread, the worker reopens with the host's plan and file. */
const REOPEN_AFTER = ['plan:activate', 'backups:restore'] as const satisfies readonly Channel[];

/** What the worker is started with (workerData) and reopened with. */
export interface LongWorkInit {
  dbPath: string;
  plan: Plan;
  host: HandlerContext['host'];
  /** 'chromium': the web host's and CLI's PDF renderer; 'none': PDF export answers 'unsupported'. */
  pdf: 'chromium' | 'none';
}

export type ToLongWork =
  { type: 'call'; id: number; channel: LongChannel; request: unknown } | { type: 'reopen'; dbPath: string; plan: Plan } | { type: 'close' };
export type FromLongWork = { type: 'result'; id: number; envelope: Envelope<unknown> };

export interface Offloaded {
  /** the host's handler map with LONG_CHANNELS answered by the worker. */
  handlers: Handlers;
  /** requests sent to the worker so far (for tests and diagnostics). */
  readonly sent: number;
  close(): Promise<void>;
}

const WORKER_FILE = new URL('./long-work-thread.ts', import.meta.url);

/**
 * Starts the worker (on the first long request) from TypeScript source through tsx's loader, as
 * the web host itself runs; a worker thread does not inherit the host's loader hooks.
 */
function startWorker(init: LongWorkInit): Worker {
  const file = WORKER_FILE.href;
  const code = file.endsWith('.ts')
    ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(file)}); })`
    : `import(${JSON.stringify(file)})`;
  return new Worker(code, { eval: true, workerData: init, name: 'studio-long-work' });
}

function bodyError(body: ApiErrorBody): ApiError {
  return new ApiError(body.code, body.message_zh, body.message_en, body.path, body.details);
}

export function offloadLongWork(api: Api, opts: { host: HandlerContext['host']; pdf: LongWorkInit['pdf'] }): Offloaded {
  let worker: Worker | null = null;
  let nextId = 1;
  let sent = 0;
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();

  const failAll = (message_en: string, message_zh: string) => {
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'internal', message_zh, message_en, message: message_en } });
    }
    pending.clear();
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const w = startWorker({ dbPath: api.store.path, plan: api.plan, host: opts.host, pdf: opts.pdf });
    w.on('message', (msg: FromLongWork) => {
      const resolve = pending.get(msg.id);
      pending.delete(msg.id);
      resolve?.(msg.envelope);
    });
    w.on('error', (err) => {
      failAll(`Internal error: the background worker failed (${err.message})`, `内部错误：后台计算进程出错（${err.message}）`);
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
      failAll('Internal error: the background worker stopped', '内部错误：后台计算进程已停止');
    });
    worker = w;
    return w;
  };

  const callWorker = (channel: LongChannel, request: unknown): Promise<unknown> =>
    new Promise<Envelope<unknown>>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      sent++;
      ensureWorker().postMessage({ type: 'call', id, channel, request } satisfies ToLongWork);
    }).then((envelope) => {
      if (!envelope.ok) throw bodyError(envelope.error);
      return envelope.value;
    });

  const handlers = { ...api.handlers } as Record<Channel, (req: unknown, ctx: HandlerContext) => unknown>;
  for (const channel of LONG_CHANNELS) handlers[channel] = (req) => callWorker(channel, req);
  for (const channel of REOPEN_AFTER) {
    const run = api.handlers[channel] as (req: unknown, ctx: HandlerContext) => unknown;
    handlers[channel] = async (req, ctx) => {
      const value = await run(req, ctx);
      worker?.postMessage({ type: 'reopen', dbPath: api.store.path, plan: api.plan } satisfies ToLongWork);
      return value;
    };
  }

  return {
    handlers: handlers as Handlers,
    get sent() {
      return sent;
    },
    close: async () => {
      const w = worker;
      worker = null;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      w.postMessage({ type: 'close' } satisfies ToLongWork);
      const timer = setTimeout(() => void w.terminate(), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
