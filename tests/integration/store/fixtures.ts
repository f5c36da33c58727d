/**
 * Helpers for the store tests: temporary folders, a fake clock, a store opened on the small plan
 * (support/small-plan.ts, which bench/store.bench.ts shares), row counts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makePlan } from '../../../support/small-plan';
import { openStore, type OpenStoreOptions, type ScenarioStore } from '../../../scenarios/store/store';

export { actualSource, makeBigPlan, makePlan, planInput } from '../../../support/small-plan';

/** A fresh temporary folder (removed by `cleanupTmp`). */
const made: string[] = [];
export function tmpDir(prefix = 'store-test-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

export function cleanupTmp(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** A clock that starts at `start` and moves one second per call (distinct, ordered times). */
export function fakeClock(start = '2025-03-01T08:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}

export function openTmp(opts: Partial<OpenStoreOptions> = {}, file = 'studio.db'): { store: ScenarioStore; dir: string; dbPath: string } {
  const dir = tmpDir();
  const dbPath = path.join(dir, file);
  const store = openStore(dbPath, { plan: makePlan(), now: fakeClock(), ...opts });
  return { store, dir, dbPath };
}

/** Counts rows the way an outside observer would (its own read-only connection). */
export function revisionCount(store: ScenarioStore, id?: string): number {
  const row = (
    id === undefined
      ? store.db.prepare('SELECT count(*) AS n FROM revisions').get()
      : store.db.prepare('SELECT count(*) AS n FROM revisions WHERE scenario_id = ?').get(id)
  ) as { n: number };
  return row.n;
}

export function rowOf(store: ScenarioStore, id: string): unknown {
  return store.db.prepare('SELECT * FROM scenarios WHERE id = ?').get(id);
}

export function totalChanges(store: ScenarioStore): number {
  return (store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

export const cagr = (series: string, rate: number, extra: Record<string, unknown> = {}) => ({
  series,
  model: { type: 'cagr' as const, rate },
  ...extra,
});
