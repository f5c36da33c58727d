/**
 * What a nowcast and a reforecast report: data shapes shared by the reforecast rules, the API's
 * responses and the screens. Types only.
 */
import type { NowcastError, NowcastResult } from './nowcast';
import type { Actual } from './schema';

export interface NowcastSkip {
  series: string;
  reason: 'annual_published' | 'full_year_ytd' | NowcastError['code'];
  message_zh: string;
  message_en: string;
}

export interface NowcastActuals {
  /** one yearly estimate per series nowcast (value_kind 'estimate', period 'YYYY'), and the
   * January–December cumulatives that stand in for a year with no annual record (period 'YYYY',
   * the cumulative's own value kind and source; see fullYearActuals). */
  actuals: Actual[];
  results: NowcastResult[];
  /** series with year-to-date data in the year that got no nowcast, and why. */
  skipped: NowcastSkip[];
}

export type ReforecastAction =
  /** informational: the projection continues from this anchor, the model unchanged. */
  | 'continues'
  | 'dropped_rates'
  | 'dropped_points'
  | 'dropped_steps'
  | 'dropped_projects'
  /** a project part-way through its ramp-up: output up to the anchor taken as in the actual. */
  | 'project_ramping'
  /** every point or step was in the past: the model became 'flat'. */
  | 'to_flat'
  | 'ceiling_raised';

export interface ReforecastNote {
  series: string;
  action: ReforecastAction;
  /** the year the projection continues from. */
  anchor_year: number;
  anchor_kind: 'actual' | 'nowcast';
  message_zh: string;
  message_en: string;
}
