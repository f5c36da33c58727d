/**
 * The Monte Carlo simulation off the main thread. Messages in:
 *
 *   { type: 'run', id, input }   start a simulation (a run still going is cancelled: it is stale)
 *   { type: 'cancel', id? }      cancel the run `id` (or whatever runs)
 *
 * Messages out, each with the run's id:
 *
 *   { type: 'progress', id, done, total }   about every 5% of the draws
 *   { type: 'result', id, result }          the SimulationResult
 *   { type: 'cancelled', id }
 *   { type: 'error', id, error }            a ModelError (code, subject, parameter, both messages)
 *
 * The run goes in steps of ~5% of the draws; between steps the worker yields to its event loop
 * (through a MessageChannel, which is not clamped like setTimeout), so a cancel or a new request
 * is read while a run is under way.
 */
// zod's JIT probe (new Function) would break the CSP in the worker too: off before any schema loads
import '../zod-config';
import { createSimulation, type SimulationInput, type SimulationResult } from '../../../models/montecarlo';

/** What the client sends: the simulation input without the progress callback. */
export type SimulationRequest = Omit<SimulationInput, 'onProgress'>;

export interface SimulationErrorBody {
  name: string;
  message: string;
  message_zh: string;
  code: string | null;
  subject: string | null;
  parameter: string | null;
}

export type WorkerRequest = { type: 'run'; id: number; input: SimulationRequest } | { type: 'cancel'; id?: number };

export type WorkerResponse =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; result: SimulationResult }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; error: SimulationErrorBody };

/** Steps per run: a progress message after each (about every 5%). */
const PROGRESS_STEPS = 20;

function errorBody(err: unknown): SimulationErrorBody {
  const e = err as { name?: unknown; message?: unknown; message_zh?: unknown; code?: unknown; subject?: unknown; parameter?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  return {
    name: typeof e?.name === 'string' ? e.name : 'Error',
    message,
    message_zh: typeof e?.message_zh === 'string' ? e.message_zh : message,
    code: typeof e?.code === 'string' ? e.code : null,
    subject: typeof e?.subject === 'string' ? e.subject : null,
    parameter: typeof e?.parameter === 'string' ? e.parameter : null,
  };
}

/** Lets queued messages in: a macrotask through a MessageChannel (no 4 ms clamping). */
function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/**
 * The message handler, apart from the worker global so it can be tested in Node: `post` sends a
 * response, `pause` yields between steps.
 */
export function createSimulationHandler(
  post: (msg: WorkerResponse) => void,
  pause: () => Promise<void> = yieldToEventLoop,
): (msg: WorkerRequest) => Promise<void> {
  /** the id of the run that may go on; any other run stops at its next step */
  let current: number | null = null;
  /** the last plan received, kept as one object while its content is the same, so the compiled
   * program and its arrays are reused between runs (each message brings a fresh copy) */
  let lastPlan: { text: string; plan: SimulationRequest['plan'] } | null = null;
  return async (msg: WorkerRequest) => {
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'cancel') {
      if (msg.id === undefined || msg.id === current) current = null;
      return;
    }
    if (msg.type !== 'run') return;
    const id = msg.id;
    current = id; // a new request makes the one under way stale
    try {
      const text = JSON.stringify(msg.input.plan);
      if (lastPlan && lastPlan.text === text) msg.input.plan = lastPlan.plan;
      else lastPlan = { text, plan: msg.input.plan };
      const run = createSimulation(msg.input);
      const chunk = Math.max(1, Math.ceil(run.total / PROGRESS_STEPS));
      for (;;) {
        const finished = run.step(chunk);
        if (current !== id) {
          post({ type: 'cancelled', id });
          return;
        }
        if (finished) break;
        post({ type: 'progress', id, done: run.done, total: run.total });
        await pause();
        if (current !== id) {
          post({ type: 'cancelled', id });
          return;
        }
      }
      post({ type: 'progress', id, done: run.done, total: run.total });
      post({ type: 'result', id, result: run.result(false) });
    } catch (err) {
      post({ type: 'error', id, error: errorBody(err) });
    } finally {
      if (current === id) current = null;
    }
  };
}

// -- the worker global ---------------------------------------------------------------------------

interface WorkerScope {
  postMessage(msg: unknown): void;
  onmessage: ((ev: { data: WorkerRequest }) => void) | null;
}

const g = globalThis as unknown as { WorkerGlobalScope?: unknown } & Partial<WorkerScope>;
if (typeof g.WorkerGlobalScope !== 'undefined' && typeof g.postMessage === 'function') {
  const scope = g as WorkerScope;
  const handle = createSimulationHandler((m) => scope.postMessage(m));
  scope.onmessage = (ev) => {
    void handle(ev.data);
  };
}
