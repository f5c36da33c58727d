/**
 * Published forms as actuals (issue 15 item 3): which series a planner may enter a figure on, and
 * the published year-on-year growth rate (value kind 'yoy', 同比增长 X%) as a record. Pure.
 *
 * - Every series of the plan takes an entered figure: the input series and the derived ones alike.
 *   A figure on a derived series (a share, coverage rate, ratio or intensity, a cumulative total,
 *   a comparable-price series) is that year's actual of the series and anchors its later
 *   projection (models/derive.ts).
 * - A 'yoy' record of year y says the series grew X% over y − 1: the year's figure is the previous
 *   year's value × (1 + X/100), an own figure of the series from which its projection continues.
 *   On a derived series the previous year is whatever the series holds there (an actual, an
 *   anchored or computed value); on an input series it must be known before the model runs (an
 *   actual, the assumed base value or another year-on-year figure), else the rate is not used.
 * - The bulletin's growth of a current-price aggregate (地区生产总值、规上工业增加值 "按可比价格计算增长")
 *   is a comparable-price rate: a 'yoy' record on a current-price series that a comparable-price
 *   series deflates is the growth of that comparable-price series (地区生产总值(2023年可比价)). It
 *   builds the real series; the deflator follows as nominal ÷ real × 100 from that year on.
 * - A level figure of the same series and year wins over its growth rate.
 */
import type { Actual, Plan, Series } from './schema';
import { F_ACT, F_ASSUMED, F_OWN, type Ctx } from './context';

/** The series a figure can be entered on, in the plan's order. */
export function enterableSeries(plan: Pick<Plan, 'series'>): readonly Series[] {
  return plan.series;
}

/** Is this record a published year-on-year growth rate (not a level)? */
export function isYoy(a: Pick<Actual, 'value_kind'>): boolean {
  return a.value_kind === 'yoy';
}

/**
 * The series a 'yoy' record of `series` is the growth of: the comparable-price series deflating a
 * current-price one, else the series itself.
 */
export function yoySeries(defs: readonly Series[], series: string): string {
  const own = defs.find((s) => s.id === series);
  if (!own || own.derived || own.price_basis !== 'current') return series;
  const real = defs.find((s) => s.derived?.type === 'deflate' && s.derived.nominal === series);
  return real ? real.id : series;
}

/** Per series index: the 'yoy' record in force per year (the latest vintage; on a tie the later list and entry). */
export function yoyRecords(
  index: ReadonlyMap<string, number>,
  defs: readonly Series[],
  ...lists: readonly (readonly Actual[])[]
): Map<number, Map<number, Actual>> {
  const out = new Map<number, Map<number, Actual>>();
  for (const list of lists) {
    for (const a of list) {
      if (!isYoy(a) || !/^\d{4}$/.test(a.period) || !Number.isFinite(a.value) || a.value <= -100) continue;
      const k = index.get(yoySeries(defs, a.series));
      if (k === undefined) continue;
      let m = out.get(k);
      if (!m) out.set(k, (m = new Map()));
      const y = Number(a.period);
      const prev = m.get(y);
      if (!prev || (a.vintage ?? '') >= (prev.vintage ?? '')) m.set(y, a);
    }
  }
  return out;
}

/** The published growth factor (1 + X/100) of series s in window index i, or NaN when none. */
export function yoyFactor(ctx: Ctx, s: number, i: number): number {
  const rec = ctx.yoy?.get(s)?.get(ctx.W0 + i);
  return rec ? 1 + rec.value / 100 : Number.NaN;
}

/**
 * An input series: each year with a published growth rate and no level of its own, whose previous
 * year is known before the model runs (an actual, the assumed base or an earlier such year), takes
 * the previous value × (1 + X/100) as an own figure (an actual; assumed when the previous value is).
 */
export function applyYoyToKnown(ctx: Ctx, s: number): void {
  const m = ctx.yoy?.get(s);
  if (!m || m.size === 0) return;
  const { vals, flags, nY } = ctx;
  const row = s * nY;
  for (let i = 1; i < nY; i++) {
    const k = yoyFactor(ctx, s, i);
    if (Number.isNaN(k) || !Number.isNaN(vals[row + i])) continue;
    const prev = vals[row + i - 1];
    if (!Number.isFinite(prev)) continue;
    const v = prev * k;
    if (!Number.isFinite(v)) continue;
    vals[row + i] = v;
    flags[row + i] = F_OWN | F_ACT | (flags[row + i - 1] & F_ASSUMED);
  }
}
