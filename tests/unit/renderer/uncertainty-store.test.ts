/**
 * The page's simulation store with a fake client: progress, results cached per inputs, a new run
 * cancelling the one under way, Cancel leaving no result, stale runs, errors, the cache bound.
 */
import { describe, expect, it } from 'vitest';
import type { SimulationResult } from '../../../models/montecarlo';
import {
  SimulationCancelledError,
  SimulationError,
  type SimulationClient,
  type SimulationRequest,
} from '../../../renderer/src/lib/simulation-client';
import { MAX_CACHED, SimulationStore } from '../../../renderer/src/lib/uncertainty-store';

interface FakeRun {
  input: SimulationRequest;
  progress: (done: number, total: number) => void;
  resolve: (r: SimulationResult) => void;
  reject: (e: Error) => void;
  cancelled: boolean;
}

function fakeClient() {
  const runs: FakeRun[] = [];
  let disposed = false;
  const client: SimulationClient = {
    run(input, onProgress) {
      let resolve!: (r: SimulationResult) => void;
      let reject!: (e: Error) => void;
      const promise = new Promise<SimulationResult>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      promise.catch(() => undefined);
      const run: FakeRun = { input, progress: (d, t) => onProgress?.(d, t), resolve, reject, cancelled: false };
      // like the real client: a new run cancels the one under way
      const prev = runs.at(-1);
      if (prev && !prev.cancelled) {
        prev.cancelled = true;
        prev.reject(new SimulationCancelledError());
      }
      runs.push(run);
      return {
        promise,
        cancel() {
          run.cancelled = true;
          run.reject(new SimulationCancelledError());
        },
      };
    },
    dispose() {
      disposed = true;
    },
  };
  return { client, runs, disposed: () => disposed };
}

const result = (p: number, draws = 100): SimulationResult =>
  ({ draws, seed: 1, targets: [{ id: 't', p_meet: p }], p_joint: p }) as unknown as SimulationResult;
const req = (key: string, base = key.split('|')[0], scenarioId = 's1', draws = 100) => ({
  scenarioId,
  key,
  base,
  input: { draws, seed: 1 } as SimulationRequest,
});
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('SimulationStore', () => {
  it('reports progress, keeps the result per key and per inputs, and does not run a done key again', async () => {
    const f = fakeClient();
    const store = new SimulationStore(() => f.client);
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.getSnapshot().running?.done ?? -1));
    store.start(req('a|j1'));
    expect(store.getSnapshot().running).toMatchObject({ key: 'a|j1', scenarioId: 's1', done: 0, total: 100 });
    f.runs[0].progress(50, 100);
    expect(store.getSnapshot().running?.done).toBe(50);
    f.runs[0].resolve(result(0.4));
    await tick();
    expect(store.getSnapshot().running).toBeNull();
    expect(store.result('a|j1')?.p_joint).toBe(0.4);
    expect(store.resultForBase('a')?.p_joint).toBe(0.4);
    expect(seen).toContain(50);
    store.start(req('a|j1'));
    expect(f.runs.length).toBe(1);
    // another joint set: a new run; the inputs' latest result is still there meanwhile
    store.start(req('a|j2'));
    expect(f.runs.length).toBe(2);
    expect(store.resultForBase('a')?.p_joint).toBe(0.4);
    f.runs[1].resolve(result(0.2));
    await tick();
    expect(store.resultForBase('a')?.p_joint).toBe(0.2);
    expect(store.result('a|j1')?.p_joint).toBe(0.4);
  });

  it('a new run cancels the one under way; its late result is never stored', async () => {
    const f = fakeClient();
    const store = new SimulationStore(() => f.client);
    store.start(req('a'));
    store.start(req('b'));
    expect(f.runs[0].cancelled).toBe(true);
    expect(store.getSnapshot().running?.key).toBe('b');
    f.runs[0].resolve(result(0.9));
    f.runs[1].resolve(result(0.1));
    await tick();
    expect(store.result('a')).toBeUndefined();
    expect(store.result('b')?.p_joint).toBe(0.1);
  });

  it('Cancel: the run stops, the progress goes, no result is kept', async () => {
    const f = fakeClient();
    const store = new SimulationStore(() => f.client);
    store.arm('s1');
    store.start(req('big', 'big', 's1', 100000));
    f.runs[0].progress(5000, 100000);
    store.cancel();
    expect(f.runs[0].cancelled).toBe(true);
    expect(store.getSnapshot().running).toBeNull();
    await tick();
    expect(store.result('big')).toBeUndefined();
    expect(store.error('big')).toBeUndefined();
    // progress after the cancel is ignored
    f.runs[0].progress(6000, 100000);
    expect(store.getSnapshot().running).toBeNull();
  });

  it('cancelStale stops only the run of the given inputs', () => {
    const f = fakeClient();
    const store = new SimulationStore(() => f.client);
    store.start(req('a'));
    store.cancelStale('other');
    expect(store.getSnapshot().running?.key).toBe('a');
    store.cancelStale('a');
    expect(store.getSnapshot().running).toBeNull();
    expect(f.runs[0].cancelled).toBe(true);
  });

  it('keeps an error per key; a new start of that key clears it', async () => {
    const f = fakeClient();
    const store = new SimulationStore(() => f.client);
    store.start(req('a'));
    f.runs[0].reject(
      new SimulationError({
        name: 'ModelError',
        message: 'bad',
        message_zh: '错',
        code: 'bad_parameter',
        subject: 'x',
        parameter: 'uncertainty.low',
      }),
    );
    await tick();
    expect(store.error('a')).toBeInstanceOf(SimulationError);
    expect(store.getSnapshot().running).toBeNull();
    const rev = store.getSnapshot().rev;
    store.start(req('a'));
    expect(store.error('a')).toBeUndefined();
    expect(store.getSnapshot().rev).toBe(rev);
  });

  it('arms and disarms scenarios, keeps the session’s draws and joint set', () => {
    const store = new SimulationStore(() => fakeClient().client);
    expect(store.isArmed('s1')).toBe(false);
    store.arm('s1');
    expect(store.isArmed('s1')).toBe(true);
    expect(store.getSnapshot().armed.has('s1')).toBe(true);
    store.disarm('s1');
    expect(store.isArmed('s1')).toBe(false);
    expect(store.getSnapshot().draws).toBe(10000);
    store.setDraws(100000);
    expect(store.getSnapshot().draws).toBe(100000);
    expect(store.getSnapshot().joint).toBeNull();
    store.setJoint(['a', 'b']);
    expect(store.getSnapshot().joint).toEqual(['a', 'b']);
    store.setJoint(null);
    expect(store.getSnapshot().joint).toBeNull();
  });

  it('holds at most MAX_CACHED results, the oldest going first', async () => {
    const f = fakeClient();
    const store = new SimulationStore(() => f.client);
    for (let i = 0; i <= MAX_CACHED; i++) {
      store.start(req(`k${i}`));
      f.runs[i].resolve(result(i / 100));
      await tick();
    }
    expect(store.result('k0')).toBeUndefined();
    expect(store.resultForBase('k0')).toBeUndefined();
    expect(store.result('k1')).toBeDefined();
    expect(store.result(`k${MAX_CACHED}`)).toBeDefined();
  });

  it('dispose ends the worker', () => {
    const f = fakeClient();
    const store = new SimulationStore(() => f.client);
    store.start(req('a'));
    store.dispose();
    expect(f.disposed()).toBe(true);
    expect(store.getSnapshot().running).toBeNull();
  });
});
