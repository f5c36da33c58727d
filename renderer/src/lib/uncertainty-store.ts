/**
 * The page's Monte Carlo runs: one simulation worker (through the simulation client), the run under
 * way with its progress, results cached in memory per scenario + inputs (+ draws, seed, joint
 * set), and the session's choices (draws, the joint set). The scoreboard and the workbench read
 * the same store, so a run started on one shows on the other.
 *
 * A scenario is "armed" once its simulation has been asked for: while armed, a change of its
 * inputs (a saved edit, a moved slider, another joint set) starts a fresh run after a short pause;
 * a run whose inputs changed is cancelled at once (stale). Cancel disarms.
 *
 * No React here (hooks in screens/uncertainty/useSimulation.ts): unit-tested in Node with a fake
 * client.
 */
import type { SimulationResult } from '../../../models/montecarlo';
import { isCancelled, type SimulationClient, type SimulationRequest } from './simulation-client';
import { DEFAULT_DRAWS } from './uncertainty-sim';

export interface RunInfo {
  key: string;
  base: string;
  scenarioId: string;
  draws: number;
  done: number;
  total: number;
}

export interface SimulationSnapshot {
  running: RunInfo | null;
  draws: number;
  /** the chosen joint set; null: the headline targets */
  joint: string[] | null;
  /** 计入基期假设值的不确定性: also draw the assumed base values and bound actuals (models/base-ranges.ts) */
  baseRanges: boolean;
  /** scenarios whose simulation was asked for */
  armed: ReadonlySet<string>;
  /** bumped when a result or an error is stored */
  rev: number;
}

export interface StartRequest {
  scenarioId: string;
  key: string;
  base: string;
  input: SimulationRequest;
}

export const MAX_CACHED = 24;

export class SimulationStore {
  private results = new Map<string, { result: SimulationResult; base: string }>();
  private byBase = new Map<string, string>();
  private errors = new Map<string, unknown>();
  private listeners = new Set<() => void>();
  private handle: { key: string; cancel: () => void } | null = null;
  private client: SimulationClient | null = null;
  private snap: SimulationSnapshot = { running: null, draws: DEFAULT_DRAWS, joint: null, baseRanges: false, armed: new Set(), rev: 0 };

  constructor(private readonly makeClient: () => SimulationClient) {}

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getSnapshot = (): SimulationSnapshot => this.snap;

  private set(patch: Partial<SimulationSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of [...this.listeners]) l();
  }

  /** The result for exactly these inputs and joint set. */
  result(key: string): SimulationResult | undefined {
    return this.results.get(key)?.result;
  }

  /** The latest result for these inputs, whatever its joint set (per-target probabilities). */
  resultForBase(base: string): SimulationResult | undefined {
    const k = this.byBase.get(base);
    return k ? this.results.get(k)?.result : undefined;
  }

  error(key: string): unknown {
    return this.errors.get(key);
  }

  isArmed(scenarioId: string): boolean {
    return this.snap.armed.has(scenarioId);
  }

  arm(scenarioId: string): void {
    if (this.snap.armed.has(scenarioId)) return;
    this.set({ armed: new Set([...this.snap.armed, scenarioId]) });
  }

  disarm(scenarioId: string): void {
    if (!this.snap.armed.has(scenarioId)) return;
    const armed = new Set(this.snap.armed);
    armed.delete(scenarioId);
    this.set({ armed });
  }

  setDraws(draws: number): void {
    if (draws !== this.snap.draws) this.set({ draws });
  }

  setBaseRanges(on: boolean): void {
    if (on !== this.snap.baseRanges) this.set({ baseRanges: on });
  }

  setJoint(joint: string[] | null): void {
    this.set({ joint: joint ? [...joint] : null });
  }

  /** Starts a run (a run under way is cancelled first); nothing when this run is under way or done. */
  start(req: StartRequest): void {
    if (this.snap.running?.key === req.key || this.results.has(req.key)) return;
    this.stop();
    this.errors.delete(req.key);
    this.client ??= this.makeClient();
    const run: RunInfo = {
      key: req.key,
      base: req.base,
      scenarioId: req.scenarioId,
      draws: req.input.draws,
      done: 0,
      total: req.input.draws,
    };
    const h = this.client.run(req.input, (done, total) => {
      if (this.snap.running?.key !== req.key) return;
      this.set({ running: { ...run, done, total } });
    });
    this.handle = { key: req.key, cancel: h.cancel };
    this.set({ running: run });
    h.promise.then(
      (result) => {
        if (this.handle?.key !== req.key) return;
        this.handle = null;
        this.store(req.key, req.base, result);
        this.set({ running: null, rev: this.snap.rev + 1 });
      },
      (err: unknown) => {
        if (isCancelled(err) || this.handle?.key !== req.key) return;
        this.handle = null;
        this.errors.set(req.key, err);
        this.set({ running: null, rev: this.snap.rev + 1 });
      },
    );
  }

  private stop(): void {
    const h = this.handle;
    this.handle = null;
    h?.cancel();
  }

  /** Cancels the run under way (the progress bar goes, no result is kept). */
  cancel(): void {
    if (!this.handle && !this.snap.running) return;
    this.stop();
    this.set({ running: null });
  }

  /** Cancels the run under way if it is the one for `key` (its inputs have changed since). */
  cancelStale(key: string): void {
    if (this.snap.running?.key === key) this.cancel();
  }

  private store(key: string, base: string, result: SimulationResult): void {
    this.results.delete(key);
    this.results.set(key, { result, base });
    this.byBase.set(base, key);
    while (this.results.size > MAX_CACHED) {
      const oldest = this.results.keys().next().value as string;
      const gone = this.results.get(oldest);
      this.results.delete(oldest);
      if (gone && this.byBase.get(gone.base) === oldest) this.byBase.delete(gone.base);
    }
  }

  /** Ends the worker (tests, page unload). */
  dispose(): void {
    this.stop();
    this.client?.dispose();
    this.client = null;
    this.set({ running: null });
  }
}
