/**
 * Hooks over the page's simulation store: the scenario's projection input built as the API builds
 * it (so the page's numbers are the CLI's), and the simulation of that input with its progress,
 * Run and Cancel, the stale-run cancel and the re-run of an armed scenario.
 */
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { Assumption } from '../../../../models/schema';
import type { ProjectionInput, ResolvedAssumption } from '../../../../models/types';
import type { SimulationResult, TargetSimulation } from '../../../../models/montecarlo';
import { createSimulationClient } from '../../lib/simulation-client';
import { SimulationStore, type RunInfo, type SimulationSnapshot } from '../../lib/uncertainty-store';
import { projectionActuals } from '../../lib/actuals';
import { evalSettings, jointSet, simulationKeys, type SimulationKeys } from '../../lib/uncertainty-sim';
import { targetsWithRange } from '../../../../models/probability';
import { useApp } from '../../state/app';
import { useQuery } from '../../state/query';

/** The loadings the scoreboard's joint note compares the scenario's with (independent; the plan's green-decay 0.8). */
const JOINT_SWEEP: readonly number[] = [0, 0.8];

/** The one store of the page (one worker). */
export const simulationStore = new SimulationStore(() => createSimulationClient());

function useSimulationSnapshot(): SimulationSnapshot {
  return useSyncExternalStore(simulationStore.subscribe, simulationStore.getSnapshot);
}

type AssumptionMap = Record<string, ResolvedAssumption | Assumption>;

export interface SimulationInputState {
  input: ProjectionInput | null;
  error: unknown;
}

/**
 * The scenario's projection input: its resolved assumptions (with the workbench's unsaved edits on
 * top when given), the actuals in force plus the nowcasts of the year under way, the settings.
 */
export function useSimulationInput(scenarioId: string | null, edits?: Record<string, Assumption>): SimulationInputState {
  const app = useApp();
  const resolved = useQuery(app.version, 'scenarios:resolve', scenarioId ? { id: scenarioId } : null);
  const actualsQ = useQuery(app.version, 'actuals:list', {});
  const nowcastQ = useQuery(app.version, 'nowcast:list', {});
  const nowcastDone = nowcastQ.data !== undefined || (!!nowcastQ.error && !nowcastQ.loading);
  const actuals = useMemo(
    () => (actualsQ.data && nowcastDone ? projectionActuals(actualsQ.data, nowcastQ.data?.actuals) : null),
    [actualsQ.data, nowcastDone, nowcastQ.data],
  );
  const settings = useMemo(() => evalSettings(app.settings), [app.settings]);
  const assumptions = useMemo((): AssumptionMap | null => {
    const r = resolved.data?.assumptions;
    if (!r) return null;
    if (!edits || Object.keys(edits).length === 0) return r;
    return { ...r, ...edits };
  }, [resolved.data, edits]);
  const input = useMemo(
    () => (assumptions && actuals ? { plan: app.plan, assumptions, actuals, settings } : null),
    [app.plan, assumptions, actuals, settings],
  );
  return { input, error: resolved.error ?? actualsQ.error ?? null };
}

export interface SimulationState {
  keys: SimulationKeys | null;
  /** the result for exactly these inputs and joint set */
  result: SimulationResult | undefined;
  /** a result for these inputs (any joint set): the per-target probabilities */
  forInputs: SimulationResult | undefined;
  /** the run of this scenario under way (these inputs or stale ones) */
  running: RunInfo | null;
  /** the run under way is for these inputs */
  runningHere: boolean;
  error: unknown;
  armed: boolean;
  draws: number;
  joint: string[];
  seed: number | null;
  /** the assumed base values and bound actuals are drawn too */
  baseRanges: boolean;
  run: () => void;
  cancel: () => void;
  /** the simulation of one target, from `forInputs` */
  target: (id: string) => TargetSimulation | undefined;
  /** the targets with an uncertain input upstream (models/probability): the others read 未设区间 */
  ranged: ReadonlySet<string> | null;
  /** does the target have a probability at all? (false: 未设区间, never 0% or 100%) */
  hasRange: (id: string) => boolean;
}

/** Pause after the last change of inputs before an armed scenario runs again. */
const RERUN_DELAY_MS = 350;

/** The simulation of a scenario's input with the session's draws and joint set, and the scenario's seed. */
export function useSimulation(scenarioId: string | null, input: ProjectionInput | null): SimulationState {
  const app = useApp();
  const snap = useSimulationSnapshot();
  const seed = app.scenarios.find((s) => s.id === scenarioId)?.seed ?? null;
  const joint = useMemo(() => jointSet(app.plan, snap.joint), [app.plan, snap.joint]);
  const keys = useMemo(
    () =>
      scenarioId && input && seed !== null
        ? simulationKeys({ planId: app.plan.id, scenarioId, seed, draws: snap.draws, joint, input, baseRanges: snap.baseRanges })
        : null,
    [app.plan.id, scenarioId, input, seed, snap.draws, joint, snap.baseRanges],
  );
  const result = keys ? simulationStore.result(keys.full) : undefined;
  const forInputs = keys ? (result ?? simulationStore.resultForBase(keys.base)) : undefined;
  const error = keys ? simulationStore.error(keys.full) : undefined;
  const running = snap.running && snap.running.scenarioId === scenarioId ? snap.running : null;
  const runningHere = !!running && !!keys && running.key === keys.full;
  const armed = !!scenarioId && snap.armed.has(scenarioId);

  const start = useCallback(() => {
    if (!keys || !input || !scenarioId || seed === null) return;
    simulationStore.start({
      scenarioId,
      key: keys.full,
      base: keys.base,
      input: {
        ...input,
        draws: snap.draws,
        seed,
        joint,
        // the joint probability at loading 0 and 0.8 of each correlation group, beside the scenario's
        ...(joint.length ? { joint_sweep: JOINT_SWEEP } : {}),
        ...(snap.baseRanges ? { base_ranges: 'on' as const } : {}),
      },
    });
  }, [keys, input, scenarioId, seed, snap.draws, joint, snap.baseRanges]);

  // the inputs changed under a run: it is stale
  const runningKey = running?.key ?? null;
  useEffect(() => {
    if (runningKey && keys && runningKey !== keys.full) simulationStore.cancelStale(runningKey);
  }, [runningKey, keys]);

  // an armed scenario runs again once its inputs settle
  const hasResult = !!result;
  const hasError = error !== undefined;
  useEffect(() => {
    if (!armed || !keys || hasResult || hasError || runningHere) return;
    const timer = window.setTimeout(start, RERUN_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [armed, keys, hasResult, hasError, runningHere, start]);

  const run = useCallback(() => {
    if (!scenarioId) return;
    simulationStore.arm(scenarioId);
    start();
  }, [scenarioId, start]);
  const cancel = useCallback(() => {
    if (scenarioId) simulationStore.disarm(scenarioId);
    simulationStore.cancel();
  }, [scenarioId]);
  const target = useCallback((id: string) => forInputs?.targets.find((x) => x.id === id), [forInputs]);
  const ranged = useMemo(() => {
    if (!input) return null;
    try {
      return targetsWithRange(input, { base_ranges: snap.baseRanges ? 'on' : 'off' });
    } catch {
      return null;
    }
  }, [input, snap.baseRanges]);
  const hasRange = useCallback((id: string) => !ranged || ranged.has(id), [ranged]);

  return {
    keys,
    result,
    forInputs,
    running,
    runningHere,
    error,
    armed,
    draws: snap.draws,
    joint,
    seed,
    baseRanges: snap.baseRanges,
    run,
    cancel,
    target,
    ranged,
    hasRange,
  };
}
