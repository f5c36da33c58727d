import { describe, expect, it } from 'vitest';
import { Actual, Assumption } from '../../../models/schema';
import { projectPlan } from '../../../models/engine';
import { historyBySeries, isNowcast } from '../../../models/records';
import { nowcastActuals, nowcastSourceTitle, reforecastAssumptions } from '../../../models/reforecast';
import type { StoredActual } from '../../../scenarios/store/types';
import { annualActual, asm, makePlan, ser, ytdActual } from './helpers';

const plan = makePlan([
  ser('trade_total'),
  ser('fine_steel_output'),
  ser('village_5g_coverage', { nature: 'rate', unit: '%' }),
  ser('key_platforms', { nature: 'stock', unit: '家' }),
  ser('gdp_deflator', { nature: 'index', unit: '2023年=100' }),
  ser('park_circular_rate', { nature: 'rate', unit: '%' }),
  ser('gdp'),
  ser('no_base_series'),
  ser('published'),
]);

// trade: annual grows 10% a year, January–September is 72% of the year
const trade: Actual[] = [];
const A: Record<number, number> = { 2021: 1000, 2022: 1100, 2023: 1210, 2024: 1331, 2025: 1464.1, 2026: 1610.51 };
for (let y = 2021; y <= 2026; y++) {
  if (y < 2026) trade.push(annualActual('trade_total', y, A[y]));
  trade.push(ytdActual('trade_total', y, 9, 0.72 * A[y], y > 2021 ? A[y] / A[y - 1] - 1 : undefined));
}

const actuals: Actual[] = [
  ...trade,
  annualActual('fine_steel_output', 2025, 400),
  ytdActual('fine_steel_output', 2026, 6, 230, 0.1),
  annualActual('village_5g_coverage', 2025, 96),
  annualActual('key_platforms', 2025, 3),
  ytdActual('key_platforms', 2026, 9, 4, 0.3333),
  annualActual('gdp_deflator', 2024, 99.5),
  annualActual('park_circular_rate', 2025, 95),
  annualActual('gdp', 2025, 1500),
  ytdActual('no_base_series', 2026, 9, 10),
  annualActual('published', 2025, 10),
  annualActual('published', 2026, 12),
  ytdActual('published', 2026, 9, 9),
];

const resolved: Record<string, Assumption> = {
  trade_total: asm('trade_total', { type: 'cagr', rate: 0.1 }),
  fine_steel_output: asm('fine_steel_output', {
    type: 'pipeline',
    underlying_rate: 0.03,
    projects: [
      { name: '精品钢一期', start_year: 2025, capacity: 100, ramp_years: 2 },
      { name: '精品钢二期', start_year: 2026, capacity: 90, ramp_years: 3 },
      { name: '三期', start_year: 2027, capacity: 50, ramp_years: 1 },
    ],
  }),
  village_5g_coverage: asm('village_5g_coverage', {
    type: 'interp',
    points: [
      { year: 2025, value: 98 },
      { year: 2026, value: 100 },
    ],
  }),
  key_platforms: asm('key_platforms', { type: 'interp', points: [{ year: 2026, value: 5 }] }),
  gdp_deflator: asm('gdp_deflator', { type: 'path', rates: { '2024': -0.005, '2025': -0.005, '2026': 0.005 }, default_rate: 0 }),
  park_circular_rate: asm('park_circular_rate', { type: 'logistic', ceiling: 90, rate: 0.3 }),
  gdp: asm('gdp', { type: 'cagr', rate: 0.06 }),
};

describe('nowcastActuals', () => {
  const res = nowcastActuals(plan, actuals, 2026);

  it('one yearly estimate per series with year-to-date data, marked as a nowcast', () => {
    expect(res.actuals.map((a) => a.series).sort()).toEqual(['fine_steel_output', 'key_platforms', 'trade_total']);
    const t = res.actuals.find((a) => a.series === 'trade_total')!;
    expect(t.period).toBe('2026');
    expect(t.value_kind).toBe('estimate');
    expect(t.value).toBeCloseTo(1610.51, 6);
    expect(t.source).toEqual({ title: '1-9月累计推算 / nowcast from January–September', url: null, date: null, reliability: 'internal' });
    expect(t.note).toContain('区间');
    expect(t.note).toContain('range');
    expect(t.note).toContain('"method":"blend"');
    expect(isNowcast(t)).toBe(true);
    for (const a of res.actuals) expect(Actual.safeParse(a).success).toBe(true);
    expect(nowcastSourceTitle(6)).toBe('1-6月累计推算 / nowcast from January–June');
    const f = res.results.find((r) => r.series === 'fine_steel_output')!;
    expect(f.method_used).toBe('growth_applied');
    expect(f.estimate).toBeCloseTo(440, 9);
  });

  it('says which series got none, and why', () => {
    const why = Object.fromEntries(res.skipped.map((s) => [s.series, s.reason]));
    expect(why).toEqual({ no_base_series: 'no_base', published: 'annual_published' });
    const pub = res.skipped.find((s) => s.series === 'published')!;
    expect(pub.message_zh).toContain('2026年全年值已录入');
    expect(pub.message_en).toContain('already entered');
    // a series the nowcast cannot estimate is named as the planner knows it, not by its id
    const nb = res.skipped.find((s) => s.series === 'no_base_series')!;
    expect(nb.message_zh.startsWith('no_base_series中文：')).toBe(true);
    expect(nb.message_en.startsWith('no_base_series en: ')).toBe(true);
  });

  it('stored actuals: deleted ones are ignored, the latest vintage wins, earlier nowcasts are not annual totals', () => {
    const stored = (a: Actual, id: number, extra: Partial<StoredActual> = {}): StoredActual => ({
      ...a,
      id,
      entered_at: '2026-10-01T00:00:00Z',
      deleted_at: null,
      ...extra,
    });
    const list: StoredActual[] = [
      stored(annualActual('gdp', 2025, 1000), 1),
      stored(ytdActual('gdp', 2026, 9, 999), 2, { deleted_at: '2026-10-02T00:00:00Z' }),
      stored(ytdActual('gdp', 2026, 9, 780, 0.05), 3, { vintage: '2026-10-20' }),
      stored(ytdActual('gdp', 2026, 9, 770, 0.04), 4, { vintage: '2026-10-18' }),
      stored({ ...res.actuals[0], series: 'gdp', value: 5 }, 5),
    ];
    const r = nowcastActuals(plan, list, 2026);
    const g = r.results.find((x) => x.series === 'gdp')!;
    expect(g.methods[1].growth_used).toBe(0.05);
    expect(g.estimate).toBeCloseTo(1050, 9);
    const h = historyBySeries(list).get('gdp')!;
    expect(h.annual).toEqual([{ year: 2025, value: 1000 }]);
    expect(h.nowcast_years).toEqual([2026]);
  });
});

describe('January–December figures stand in for the year', () => {
  const p = makePlan([ser('gdp'), ser('key_platforms', { nature: 'stock', unit: '家' }), ser('trade_total'), ser('published')]);
  const list: Actual[] = [
    // 2025 known only month by month, up to 1-12月
    annualActual('gdp', 2024, 1000),
    ytdActual('gdp', 2025, 9, 780, 0.05),
    {
      ...ytdActual('gdp', 2025, 12, 1062, 0.062),
      source: { title: '咸宁统计月报2025年12月', url: null, date: '2026-01-20', reliability: 'official' },
    },
    ytdActual('gdp', 2026, 9, 830, 0.05),
    // a stock's December level is its year-end level
    annualActual('key_platforms', 2024, 3),
    ytdActual('key_platforms', 2025, 12, 4),
    // the whole of 2026 already reported as 1-12月: no nowcast, the figure itself
    annualActual('trade_total', 2025, 100),
    ytdActual('trade_total', 2026, 9, 75, 0.1),
    ytdActual('trade_total', 2026, 12, 111, 0.11),
    // an annual record wins over its 1-12月
    annualActual('published', 2025, 10),
    ytdActual('published', 2025, 12, 9.5),
  ];
  const r = nowcastActuals(p, list, 2026);
  const of = (series: string, period: string) => r.actuals.filter((a) => a.series === series && a.period === period);

  it('a past year with 1-12月 and no annual record gets that figure as its actual, with its source', () => {
    const [g] = of('gdp', '2025');
    expect(g).toMatchObject({
      value: 1062,
      value_kind: 'actual',
      source: { title: '咸宁统计月报2025年12月（2025年1-12月累计）', date: '2026-01-20', reliability: 'official' },
    });
    expect(g.note).toContain('2025年1-12月累计数，作为全年值');
    expect(isNowcast(g)).toBe(false);
    expect(Actual.safeParse(g).success).toBe(true);
    expect(of('key_platforms', '2025')[0].value).toBe(4);
    expect(of('published', '2025')).toEqual([]);
    // the year under way is still nowcast, now from the 2025 figure
    const est = r.results.find((x) => x.series === 'gdp')!;
    expect(est.year).toBe(2026);
    expect(of('gdp', '2026')[0].value_kind).toBe('estimate');
  });

  it("the year under way reported for January–December is not nowcast: the figure is the year's", () => {
    expect(r.results.some((x) => x.series === 'trade_total')).toBe(false);
    expect(of('trade_total', '2026')).toHaveLength(1);
    expect(of('trade_total', '2026')[0]).toMatchObject({ value: 111, value_kind: 'actual' });
    const skip = r.skipped.find((x) => x.series === 'trade_total')!;
    expect(skip.reason).toBe('full_year_ytd');
    expect(skip.message_zh).toContain('2026年1-12月累计已录入');
  });

  it('the engine then draws and judges those years as actuals', () => {
    const res = projectPlan({ plan: p, assumptions: { gdp: asm('gdp', { type: 'cagr', rate: 0.05 }) }, actuals: [...list, ...r.actuals] });
    expect(res.series.gdp.actual_years).toContain(2025);
    expect(res.series.gdp.values[2025]).toBe(1062);
  });

  it('a cumulative implied from last year is not a full-year figure', () => {
    const implied: Actual = {
      ...ytdActual('gdp', 2025, 12, 1050),
      value_kind: 'estimate',
      note: '{"ytd_implied":"prior_total","ytd_growth":0.05}',
    };
    const r2 = nowcastActuals(p, [annualActual('gdp', 2024, 1000), implied], 2026);
    expect(r2.actuals.filter((a) => a.period === '2025')).toEqual([]);
  });
});

describe('reforecastAssumptions', () => {
  const rf = reforecastAssumptions(plan, resolved, actuals);
  const notes = (s: string) => rf.notes.filter((n) => n.series === s);
  const override = (s: string) => rf.overrides.find((o) => o.series === s);

  it('anchors on the latest actual or nowcast', () => {
    expect(rf.anchors.trade_total).toMatchObject({ year: 2026, kind: 'nowcast' });
    expect(rf.anchors.village_5g_coverage).toMatchObject({ year: 2025, kind: 'actual' });
    expect(rf.anchors.published).toMatchObject({ year: 2026, kind: 'actual' });
    expect(rf.nowcast.actuals).toHaveLength(3);
  });

  it('keeps models without past parameters and says where they continue from', () => {
    expect(override('trade_total')).toBeUndefined();
    expect(notes('trade_total')).toEqual([expect.objectContaining({ action: 'continues', anchor_year: 2026, anchor_kind: 'nowcast' })]);
    expect(notes('trade_total')[0].message_zh).toContain('2026年累计推算值');
    expect(notes('gdp')[0].message_en).toContain('the 2025 actual');
  });

  it('pipeline: drops projects at full capacity by the anchor, notes those still ramping up', () => {
    const o = override('fine_steel_output')!;
    expect(o.model.type).toBe('pipeline');
    if (o.model.type === 'pipeline') expect(o.model.projects.map((p) => p.name)).toEqual(['精品钢二期', '三期']);
    expect(notes('fine_steel_output').map((n) => n.action)).toEqual(['dropped_projects', 'project_ramping']);
    expect(notes('fine_steel_output')[0].message_zh).toContain('精品钢一期');
    expect(notes('fine_steel_output')[1].message_en).toContain('精品钢二期');
    expect(o.rationale).toContain('reforecast');
  });

  it('interp: drops past points; with none left, flat', () => {
    const v = override('village_5g_coverage')!;
    expect(v.model).toEqual({ type: 'interp', points: [{ year: 2026, value: 100 }] });
    expect(notes('village_5g_coverage')[0].action).toBe('dropped_points');
    const k = override('key_platforms')!;
    expect(k.model).toEqual({ type: 'flat' });
    expect(notes('key_platforms')[0].action).toBe('to_flat');
    expect(notes('key_platforms')[0].message_zh).toContain('持平');
  });

  it('path: drops rates of past years; logistic: raises a ceiling below the anchor value', () => {
    const d = override('gdp_deflator')!;
    expect(d.model).toEqual({ type: 'path', rates: { '2025': -0.005, '2026': 0.005 }, default_rate: 0 });
    expect(notes('gdp_deflator')[0].message_en).toContain('2024');
    const l = override('park_circular_rate')!;
    expect(l.model).toEqual({ type: 'logistic', ceiling: 95, rate: 0.3 });
    expect(notes('park_circular_rate')[0].action).toBe('ceiling_raised');
  });

  it('overrides are valid assumptions and the projection runs from the nowcast', () => {
    for (const o of rf.overrides) expect(Assumption.safeParse(o).success).toBe(true);
    const assumptions = { ...resolved };
    for (const o of rf.overrides) assumptions[o.series] = o;
    const res = projectPlan({ plan, assumptions, actuals: [...actuals, ...rf.nowcast.actuals] });
    const t = res.series.trade_total;
    expect(t.latest_actual_year).toBe(2026);
    expect(t.values[2026]).toBeCloseTo(rf.nowcast.results.find((r) => r.series === 'trade_total')!.estimate, 9);
    expect(t.provenance[2026].value_kind).toBe('estimate');
    // the logistic series would have been refused with its old ceiling
    expect(() => projectPlan({ plan, assumptions: resolved, actuals })).toThrow(/ceiling/);
  });

  it('nowcast_year: null turns the nowcast off', () => {
    const r = reforecastAssumptions(plan, resolved, actuals, { nowcast_year: null });
    expect(r.nowcast.actuals).toEqual([]);
    expect(r.anchors.trade_total).toMatchObject({ year: 2025, kind: 'actual' });
    expect(r.overrides.find((o) => o.series === 'fine_steel_output')).toBeUndefined();
    expect(r.notes.filter((n) => n.series === 'fine_steel_output').map((n) => n.action)).toEqual(['project_ramping']);
  });
});
