/**
 * The actuals a projection in the page runs on, built as the API builds them (so the page's
 * numbers are the CLI's): the stored entries in force, then the nowcasts of the year under way
 * (`nowcast:list`, which also carries January–December figures standing in for a year).
 */
import { recordInForce } from '../../../models/records';
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
 * The entry in force per series and period, by the one rule (recordInForce in models/records.ts,
 * which the store's latestActuals applies too), ordered by series, then period. In the engine's shape.
 */
export function latestActuals(list: readonly StoredActualLike[] | undefined): Actual[] {
  return recordInForce(list ?? [])
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
