/**
 * The actuals a projection in the page runs on, built as the API builds them (so the page's
 * numbers are the CLI's): the stored entries in force, then the nowcasts of the year under way
 * (`nowcast:list`, which also carries January–December figures standing in for a year).
 */
import type { Actual } from '../../../models/schema';

/** A stored actual as `actuals:list` returns it (with its row id and entry time). */
export interface StoredActualLike extends Actual {
  id?: number;
  deleted_at?: string | null;
  entered_at?: string;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The entry in force per series and period (ScenarioStore.latestActuals): the latest vintage (no
 * vintage counts as the oldest), among equal vintages the latest entered (highest id); deleted
 * entries left out; ordered by series, then period. In the engine's shape.
 */
export function latestActuals(list: readonly StoredActualLike[] | undefined): Actual[] {
  const best = new Map<string, StoredActualLike>();
  const newer = (a: StoredActualLike, b: StoredActualLike) => {
    if ((a.vintage ?? null) === null && (b.vintage ?? null) !== null) return false;
    if ((a.vintage ?? null) !== null && (b.vintage ?? null) === null) return true;
    const c = cmp(a.vintage ?? '', b.vintage ?? '');
    if (c !== 0) return c > 0;
    return (a.id ?? 0) > (b.id ?? 0);
  };
  for (const a of list ?? []) {
    if (a.deleted_at) continue;
    const k = `${a.series}\u0000${String(a.period)}`;
    const cur = best.get(k);
    if (!cur || newer(a, cur)) best.set(k, a);
  }
  return [...best.values()]
    .sort((a, b) => cmp(a.series, b.series) || cmp(String(a.period), String(b.period)))
    .map((a) => ({
      series: a.series,
      period: a.period,
      value: a.value,
      value_kind: a.value_kind,
      source: a.source,
      vintage: a.vintage,
      note: a.note,
      entered_by: a.entered_by,
    }));
}

/** The actuals of a projection: those in force, then the nowcasts of the year under way. */
export function projectionActuals(stored: readonly StoredActualLike[] | undefined, nowcast: readonly Actual[] | undefined): Actual[] {
  return [...latestActuals(stored), ...(nowcast ?? [])];
}
