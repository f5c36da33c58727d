/**
 * Published forms as actuals (issue 15 item 3): which series a planner may enter a figure on, as
 * the bulletin prints it. Pure.
 *
 * Every series of the plan: the input series and the derived ones alike. A figure on a derived
 * series (a share, coverage rate, ratio or intensity, a cumulative total, a comparable-price
 * series) is that year's actual of the series and anchors its later projection (models/derive.ts).
 */
import type { Plan, Series } from './schema';

/** The series a figure can be entered on, in the plan's order. */
export function enterableSeries(plan: Pick<Plan, 'series'>): readonly Series[] {
  return plan.series;
}
