/** Stored actuals (with row ids and entry times) in the shape the projection engine takes. */
import type { Actual } from '../../../models/schema';

export interface StoredActualLike extends Actual {
  id?: number;
  deleted_at?: string | null;
  entered_at?: string;
}

export function toEngineActuals(list: readonly StoredActualLike[] | undefined): Actual[] {
  if (!list) return [];
  return list
    .filter((a) => !a.deleted_at)
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
