/**
 * A tiny promise wrapper around the simulation worker:
 *
 *   const client = createSimulationClient();
 *   const { promise, cancel } = client.run(input, (done, total) => setProgress(done / total));
 *
 * A new run cancels the one under way (its promise rejects with SimulationCancelledError, as does
 * `cancel()`); a ModelError in the worker rejects with SimulationError (code, subject, parameter,
 * both messages). The worker is created on the first run; `dispose()` ends it.
 */
import { StudioError } from '../../../models/errors';
import type { SimulationResult } from '../../../models/montecarlo';
import type { SimulationErrorBody, SimulationRequest, WorkerRequest, WorkerResponse } from '../workers/simulate.worker';

export type { SimulationRequest } from '../workers/simulate.worker';

export class SimulationCancelledError extends StudioError {
  constructor() {
    super('cancelled', '模拟已取消', 'simulation cancelled');
    this.name = 'SimulationCancelledError';
  }
}

/** The worker's error, as a StudioError (code, zh, en, path = the target or series it names). */
export class SimulationError extends StudioError {
  readonly body: SimulationErrorBody;
  constructor(body: SimulationErrorBody) {
    super(body.code ?? 'simulation', body.message_zh, body.message, body.subject ?? undefined);
    this.name = 'SimulationError';
    this.body = body;
  }
  /** The message in the user's language. */
  localized(language: string): string {
    return language.startsWith('zh') ? this.body.message_zh : this.body.message;
  }
}

export function isCancelled(err: unknown): boolean {
  return err instanceof SimulationCancelledError;
}

/** The part of a Worker the client uses (a fake in tests). */
export interface WorkerLike {
  postMessage(msg: WorkerRequest): void;
  onmessage: ((ev: { data: WorkerResponse }) => void) | null;
  onerror: ((ev: { message?: string }) => void) | null;
  terminate(): void;
}

export interface SimulationHandle {
  promise: Promise<SimulationResult>;
  cancel(): void;
}

export interface SimulationClient {
  run(input: SimulationRequest, onProgress?: (done: number, total: number) => void): SimulationHandle;
  dispose(): void;
}

function defaultWorker(): WorkerLike {
  return new Worker(new URL('../workers/simulate.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

interface Pending {
  id: number;
  resolve: (r: SimulationResult) => void;
  reject: (e: Error) => void;
  onProgress?: (done: number, total: number) => void;
}

export function createSimulationClient(factory: () => WorkerLike = defaultWorker): SimulationClient {
  let worker: WorkerLike | null = null;
  let nextId = 1;
  let pending: Pending | null = null;

  const settleCancelled = (p: Pending) => p.reject(new SimulationCancelledError());

  const ensure = (): WorkerLike => {
    if (worker) return worker;
    const w = factory();
    w.onmessage = (ev) => {
      const msg = ev.data;
      if (!pending || msg.id !== pending.id) return; // a stale run's messages
      const p = pending;
      switch (msg.type) {
        case 'progress':
          p.onProgress?.(msg.done, msg.total);
          return;
        case 'result':
          pending = null;
          p.resolve(msg.result);
          return;
        case 'cancelled':
          pending = null;
          settleCancelled(p);
          return;
        case 'error':
          pending = null;
          p.reject(new SimulationError(msg.error));
          return;
      }
    };
    w.onerror = (ev) => {
      const p = pending;
      pending = null;
      worker?.terminate();
      worker = null;
      p?.reject(
        new SimulationError({
          name: 'WorkerError',
          message: ev?.message ?? 'simulation worker failed',
          message_zh: '模拟计算进程出错',
          code: null,
          subject: null,
          parameter: null,
        }),
      );
    };
    worker = w;
    return w;
  };

  return {
    run(input, onProgress) {
      const w = ensure();
      if (pending) {
        // the worker stops the stale run itself when it reads the new request
        settleCancelled(pending);
        pending = null;
      }
      const id = nextId++;
      let resolve!: (r: SimulationResult) => void;
      let reject!: (e: Error) => void;
      const promise = new Promise<SimulationResult>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // a superseded or cancelled run rejects: mark it handled so an ignored one is not reported
      promise.catch(() => undefined);
      pending = { id, resolve, reject, onProgress };
      w.postMessage({ type: 'run', id, input });
      return {
        promise,
        cancel() {
          if (pending?.id !== id) return;
          const p = pending;
          pending = null;
          w.postMessage({ type: 'cancel', id });
          settleCancelled(p);
        },
      };
    },
    dispose() {
      if (pending) settleCancelled(pending);
      pending = null;
      worker?.terminate();
      worker = null;
    },
  };
}
