/**
 * Issue 17: the nowcast's nominal 90% band must hold its coverage with few backtest years. A
 * simulation study with a fixed seed (models/nowcast-study.ts; the same study, with 3,000 series
 * per setting, is printed by `npm run bench -- nowcast`).
 */
import { describe, expect, it } from 'vitest';
import { formatCoverageTable, nowcastCoverageStudy, simulateSeries } from '../../../models/nowcast-study';
import { Rng } from '../../../models/random';

describe('the nowcast band: simulation study (seed 20261204, 1,000 series per setting)', () => {
  const rows = nowcastCoverageStudy({ seed: 20261204, sims: 1000 });

  it('covers 3..6 years of history and N = 2..11 months', () => {
    expect(rows).toHaveLength(4 * 10);
    expect(new Set(rows.map((r) => r.history_years))).toEqual(new Set([3, 4, 5, 6]));
    expect(new Set(rows.map((r) => r.month))).toEqual(new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
    // history H gives H - 1 backtest years (the first year has neither a share nor a base)
    for (const r of rows) expect(r.backtest_years).toBe(r.history_years - 1);
  });

  it('the nominal 90% band contains the actual total in at least 85% of draws in every setting', () => {
    const low = rows.filter((r) => r.coverage < 0.85);
    expect(low, formatCoverageTable(low)).toEqual([]);
  });

  it('is not absurdly wide: its median width is under 2.5 times that of an oracle band', () => {
    // oracle: ±1.645 true error sd (the sd of ln(actual / estimate) over the draws)
    for (const r of rows) {
      expect(r.true_error_sd).toBeGreaterThan(0);
      expect(r.width_vs_oracle).toBeLessThan(2.5);
    }
  });

  it('the rule before issue 17 (empirical 5%..95% quantiles of 2..5 corrections) did not', () => {
    const few = rows.filter((r) => r.backtest_years <= 4);
    for (const r of few) expect(r.coverage_quantile_rule).toBeLessThan(0.75);
  });

  it('is deterministic: the same seed gives the same table', () => {
    const again = nowcastCoverageStudy({ seed: 20261204, sims: 200, histories: [3], months: [9] });
    const once = nowcastCoverageStudy({ seed: 20261204, sims: 200, histories: [3], months: [9] });
    expect(again).toEqual(once);
  });

  it('simulates a flow: rising cumulatives, growth from the cumulatives, the history before the year', () => {
    const s = simulateSeries(new Rng(7), 4, 9);
    expect(s.annual.map((a) => a.year)).toEqual([2001, 2002, 2003, 2004]);
    expect(s.year).toBe(2005);
    expect(s.ytd.map((p) => p.year)).toEqual([2001, 2002, 2003, 2004, 2005]);
    for (const p of s.ytd) expect(p.month).toBe(9);
    for (let k = 1; k < s.ytd.length; k++) {
      expect(s.ytd[k].growth).toBeCloseTo((s.ytd[k].cumulative as number) / (s.ytd[k - 1].cumulative as number) - 1, 12);
    }
    for (const a of s.annual) {
      const c = s.ytd.find((p) => p.year === a.year)!.cumulative as number;
      expect(c).toBeLessThan(a.value);
    }
    expect(s.actual).toBeGreaterThan(s.ytd[s.ytd.length - 1].cumulative as number);
  });
});
