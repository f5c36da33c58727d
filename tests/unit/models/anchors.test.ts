/**
 * Published month-end levels anchor a stock's projection of their year (issues 15.3, 16.2): with the
 * real plan, an October level of 清洁能源装机容量 above the scenario's 2026 projection lifts 2026 to
 * it (basis 按10月末存量, with the record it rests on), the Monte Carlo never draws below it, and the
 * verdict line names it; a level below the projection changes nothing; a flow's cumulative never
 * floors; an annual actual of the year wins.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Plan, type Actual } from '../../../models/schema';
import { projectPlan, resolvePresetAssumptions } from '../../../models/engine';
import { simulatePlan } from '../../../models/montecarlo';
import { verdictLine } from '../../../models/verdict';
import { formatYtdNote } from '../../../models/records';
import { monthEndLevels } from '../../../models/anchors';

const file = fileURLToPath(new URL('../../../scenarios/plan/xianning-2024-2026.plan.json', import.meta.url));
const plan = Plan.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
const assumptions = resolvePresetAssumptions(plan, 'baseline');

function rec(series: string, period: string, value: number, extra: Partial<Actual> = {}): Actual {
  return {
    series,
    period,
    value,
    value_kind: 'actual',
    source: { title: '市统计局月报', url: null, date: '2026-11-15', reliability: 'official' },
    vintage: '2026-11-15',
    note: '',
    entered_by: 'test',
    ...extra,
  } as Actual;
}

const CLEAN = 'clean_energy_capacity';
const TECH = 'high_tech_enterprises';

describe('month-end levels as floors of their year', () => {
  const plain = projectPlan({ plan, assumptions });

  it('the scenario alone projects 清洁能源装机容量 below the October level (the case of issue 16)', () => {
    expect(plain.series[CLEAN].values[2026]).toBeLessThan(2510);
    expect(plain.series[CLEAN].values[2026]).toBeCloseTo(2393.45, 1);
  });

  it('an October level above the projection lifts 2026 to it, with basis 按10月末存量 and its record', () => {
    const oct = rec(CLEAN, '2026-10', 2510);
    const r = projectPlan({ plan, assumptions, actuals: [oct] });
    const sp = r.series[CLEAN];
    expect(sp.values[2026]).toBe(2510);
    expect(sp.values[2025]).toBeCloseTo(plain.series[CLEAN].values[2025], 9);
    expect(sp.month_end?.[2026]).toEqual({ month: 10, value: 2510, projected: plain.series[CLEAN].values[2026], record: oct });
    expect(sp.assumed_years).not.toContain(2026);
    expect(sp.actual_years).not.toContain(2026);
    const ev = r.targets.find((t) => t.series === CLEAN)!;
    expect(ev.projected).toBe(2510);
    expect(ev.basis).toBe('month_end');
    expect(ev.basis_month).toBe(10);
    expect(ev.gap).toBeCloseTo(3000 - 2510, 9);
  });

  it('the latest month of the year is the floor, whatever the order of the records', () => {
    const r = projectPlan({ plan, assumptions, actuals: [rec(CLEAN, '2026-10', 2510), rec(CLEAN, '2026-06', 2600)] });
    expect(r.series[CLEAN].values[2026]).toBe(2510);
    expect(r.series[CLEAN].month_end?.[2026]?.month).toBe(10);
  });

  it('a level below the projection changes nothing (高新技术企业 655家 at October)', () => {
    const r = projectPlan({ plan, assumptions, actuals: [rec(TECH, '2026-10', 655)] });
    expect(r.series[TECH].values[2026]).toBe(plain.series[TECH].values[2026]);
    expect(r.series[TECH].values[2026]).toBeGreaterThanOrEqual(655);
    expect(r.series[TECH].month_end?.[2026]).toBeUndefined();
    expect(r.targets.find((t) => t.series === TECH)!.basis).toBe('projection');
  });

  it('高新技术企业 with an October level above the projection is lifted to it', () => {
    const r = projectPlan({ plan, assumptions, actuals: [rec(TECH, '2026-10', 1100)] });
    expect(r.series[TECH].values[2026]).toBe(1100);
    expect(r.series[TECH].values[2025]).toBe(920);
  });

  it('a published annual figure of the year replaces everything for it', () => {
    const r = projectPlan({ plan, assumptions, actuals: [rec(CLEAN, '2026-10', 2510), rec(CLEAN, '2026', 2450)] });
    expect(r.series[CLEAN].values[2026]).toBe(2450);
    expect(r.series[CLEAN].month_end?.[2026]).toBeUndefined();
    expect(r.targets.find((t) => t.series === CLEAN)!.basis).toBe('actual');
  });

  it('a nowcast of a stock below the level reached is lifted to it', () => {
    const nowcast = rec(CLEAN, '2026', 2400, {
      value_kind: 'estimate',
      note: '{"nowcast":{"as_of":"2026-10","method":"growth_applied","low":2300,"high":2500,"band":"spread"}}\n推算',
      vintage: null,
    });
    const r = projectPlan({ plan, assumptions, actuals: [rec(CLEAN, '2026-10', 2510), nowcast] });
    expect(r.series[CLEAN].values[2026]).toBe(2510);
    expect(r.series[CLEAN].provenance[2026]).toBeUndefined();
    expect(r.series[CLEAN].month_end?.[2026]?.projected).toBe(2400);
    expect(r.targets.find((t) => t.series === CLEAN)!.basis).toBe('month_end');
  });

  it('a level implied from last year (no level was published) is no floor', () => {
    const implied = rec(CLEAN, '2026-10', 2600, { value_kind: 'estimate', note: formatYtdNote({ growth: 0.1, implied: 'prior_total' }) });
    const r = projectPlan({ plan, assumptions, actuals: [implied] });
    expect(r.series[CLEAN].values[2026]).toBe(plain.series[CLEAN].values[2026]);
  });

  it("a flow's 1-N月 cumulative is no floor (the nowcast stays its way in)", () => {
    const flow = plan.series.find((s) => s.nature === 'flow' && !s.derived && plain.series[s.id].values[2026] > 0)!;
    const v = plain.series[flow.id].values[2026] * 1.5;
    const r = projectPlan({ plan, assumptions, actuals: [rec(flow.id, '2026-10', v)] });
    expect(r.series[flow.id].values[2026]).toBe(plain.series[flow.id].values[2026]);
  });

  it('monthEndLevels: the latest published month per year, stocks only', () => {
    const def = plan.series.find((s) => s.id === CLEAN)!;
    const pts = [
      { year: 2026, month: 6, value: 2400, growth: null, implied: false },
      { year: 2026, month: 10, value: 2510, growth: null, implied: false },
      { year: 2026, month: 11, value: 2700, growth: 0.1, implied: true },
      { year: 2025, month: 9, value: 2100, growth: null, implied: false },
    ];
    expect(monthEndLevels(def, pts).map((p) => [p.year, p.month, p.value])).toEqual([
      [2025, 9, 2100],
      [2026, 10, 2510],
    ]);
    expect(monthEndLevels({ ...def, nature: 'flow' }, pts)).toEqual([]);
  });
});

describe('the Monte Carlo reads the same anchor', () => {
  const actuals = [rec(CLEAN, '2026-10', 2510), rec(TECH, '2026-10', 655)];

  it.each([
    [CLEAN, 2510],
    [TECH, 655],
  ])('%s: projection and every percentile of 2026 at or above the October level', (id, level) => {
    const r = projectPlan({ plan, assumptions, actuals });
    expect(r.series[id].values[2026]).toBeGreaterThanOrEqual(level);
    const sim = simulatePlan({ plan, assumptions, actuals, draws: 4000, seed: 7 });
    expect(sim.method).toBe('compiled');
    const p = sim.series[id][2026];
    expect(p.p50).toBeGreaterThanOrEqual(level);
    expect(p.p5).toBeGreaterThanOrEqual(level);
    const t = sim.targets.find((x) => plan.targets.find((y) => y.id === x.id)!.series === id)!;
    expect(t.percentiles[2026].p5).toBeGreaterThanOrEqual(level);
  });

  it('without the level, draws of 清洁能源装机容量 fall below 2,510 (the floor is what lifts them)', () => {
    const sim = simulatePlan({ plan, assumptions, draws: 4000, seed: 7 });
    expect(sim.series[CLEAN][2026].p50).toBeLessThan(2510);
  });

  it('the compiled path and the per-draw reference agree on an anchored series', () => {
    const a = simulatePlan({ plan, assumptions, actuals, draws: 300, seed: 3 });
    const b = simulatePlan({ plan, assumptions, actuals, draws: 300, seed: 3 }, { method: 'per_draw' });
    expect(b.method).toBe('per_draw');
    for (const k of ['p5', 'p25', 'p50', 'p75', 'p95'] as const) {
      expect(a.series[CLEAN][2026][k]).toBeCloseTo(b.series[CLEAN][2026][k], 6);
      expect(a.series[TECH][2026][k]).toBeCloseTo(b.series[TECH][2026][k], 6);
    }
    const ta = a.targets.find((x) => x.id === plan.targets.find((y) => y.series === CLEAN)!.id)!;
    const tb = b.targets.find((x) => x.id === ta.id)!;
    expect(ta.p_meet).toBe(tb.p_meet);
  });
});

describe('the verdict line names the basis', () => {
  it('清洁能源装机容量: 2026年10月末已达2,510兆瓦', () => {
    const r = projectPlan({ plan, assumptions, actuals: [rec(CLEAN, '2026-10', 2510)] });
    const t = plan.targets.find((x) => x.series === CLEAN)!;
    const ev = r.targets.find((x) => x.id === t.id)!;
    const zh = verdictLine(t, ev, 'zh-CN');
    expect(zh.figure).toBe('2026年10月末已达2,510兆瓦');
    expect(zh.text).toContain('2026年10月末已达2,510兆瓦，距目标差490兆瓦');
    const en = verdictLine(t, ev, 'en');
    expect(en.figure).toBe('2,510 MW reached by the end of Oct 2026');
  });
});
