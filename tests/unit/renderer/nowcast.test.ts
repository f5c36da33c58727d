/**
 * The renderer's reading of year-to-date figures and nowcasts, checked against the backend's own
 * convention (models/records.ts): nowcast records, the month, the series chain of a target, the
 * status judged on a nowcast, the year-to-date table, the backtest table and the chart marker.
 */
import { describe, expect, it } from 'vitest';
import { projectPlan } from '../../../models/engine';
import { estimateFullYear } from '../../../models/nowcast';
import { formatYtdNote, isNowcast, parseYtdNote } from '../../../models/records';
import { nowcastToActual } from '../../../models/reforecast';
import { buildTrajectoryFigure } from '../../../renderer/src/lib/figure';
import {
  backtestRows,
  detectedColumnIndexes,
  inputSeriesChain,
  meanAbsError,
  methodsUsed,
  nowcastForTarget,
  nowcastMonthOf,
  rememberedMappingFor,
  rememberMapping,
  sameMapping,
  signedPercent,
  statusNowcast,
  withNowcastMarker,
  ytdLabel,
  ytdMonths,
  ytdRows,
} from '../../../renderer/src/lib/nowcast';
import { baseline, plan, target, zhFigureText } from './fixtures';

const SHARE: Record<number, number> = { 3: 0.22, 6: 0.48, 9: 0.72, 12: 1 };
const ytd = [
  ...[2024, 2025].flatMap((year) =>
    [3, 6, 9, 12].map((month) => ({ year, month, cumulative: (year === 2024 ? 400 : 500) * SHARE[month] })),
  ),
  ...[3, 6, 9].map((month) => ({ year: 2026, month, cumulative: 600 * SHARE[month] })),
];
const result = estimateFullYear({ series: 'fine_steel_output', year: 2026, ytd, annual: [], flow: true });
const nowcastActual = nowcastToActual(result);

describe('labels and records', () => {
  it('writes 1-N月 / January–N', () => {
    expect(ytdLabel(9, 'zh-CN')).toBe('1-9月');
    expect(ytdLabel(1, 'zh-CN')).toBe('1月');
    expect(ytdLabel(9, 'en')).toBe('January–September');
    expect(ytdLabel(1, 'en')).toBe('January');
  });
  it('recognises the nowcast record the backend writes, and its month', () => {
    expect(isNowcast(nowcastActual)).toBe(true);
    expect(nowcastMonthOf(nowcastActual)).toBe(9);
    expect(isNowcast({ value_kind: 'estimate', note: '按统计公报估算' })).toBe(false);
    expect(isNowcast({ value_kind: 'actual', note: nowcastActual.note })).toBe(false);
    expect(isNowcast(undefined)).toBe(false);
    expect(nowcastMonthOf({ value_kind: 'estimate', note: '', source: { title: '1-6月累计推算 / nowcast' } })).toBe(6);
  });
  it('reads the year-to-date note written by the backend', () => {
    expect(parseYtdNote(formatYtdNote({ growth: 0.052 }, '月报'))).toEqual({ growth: 0.052, text: '月报' });
    expect(parseYtdNote(formatYtdNote({ growth: -0.01, implied: 'prior_total' }))).toMatchObject({ growth: -0.01, implied: 'prior_total' });
    expect(parseYtdNote('人工备注')).toEqual({ text: '人工备注' });
  });
});

describe('which series', () => {
  it('follows a share to its numerator, a running sum to its flow, a real series to its nominal one', () => {
    expect(inputSeriesChain(plan, 'fine_steel_output')).toEqual(['fine_steel_output']);
    expect(inputSeriesChain(plan, 'jsl_capacity_share_province')).toEqual(['jsl_capacity_share_province', 'jsl_steel_capacity']);
    expect(inputSeriesChain(plan, 'offshore_park_new_firms_cum')).toEqual(['offshore_park_new_firms_cum', 'offshore_park_new_firms']);
    expect(inputSeriesChain(plan, 'gdp_real')).toEqual(['gdp_real', 'gdp_nominal']);
  });
  it('finds the nowcast of a target, through its numerator', () => {
    expect(nowcastForTarget(plan, target('fine_steel_output'), [result])?.series).toBe('fine_steel_output');
    expect(nowcastForTarget(plan, target('fine_steel_output'), [])).toBeNull();
    const share = plan.targets.find((t) => t.series === 'jsl_capacity_share_province')!;
    expect(nowcastForTarget(plan, share, [{ ...result, series: 'jsl_steel_capacity' }])?.series).toBe('jsl_steel_capacity');
    expect(nowcastForTarget(plan, target('textile_output'), [result])).toBeNull();
  });
  it('marks a status judged on the nowcast (with the actual in the projection) and nothing else', () => {
    const p = projectPlan({ plan, assumptions: baseline, actuals: [nowcastActual], settings: { as_of_year: 2025 } });
    const ev = p.targets.find((e) => e.id === 'fine_steel_output')!;
    expect(ev.status_year).toBe(2026);
    expect(statusNowcast(plan, p, target('fine_steel_output'), ev)).toEqual({ year: 2026, month: 9, series: 'fine_steel_output' });
    const marked = plan.targets.filter((t) =>
      statusNowcast(
        plan,
        p,
        t,
        p.targets.find((e) => e.id === t.id),
      ),
    );
    expect(marked.map((t) => t.id)).toEqual(['fine_steel_output']);
    expect(statusNowcast(plan, null, target('fine_steel_output'), ev)).toBeNull();
  });
});

describe('the year-to-date table', () => {
  const stored = [
    { series: 'fine_steel_output', period: '2026-03', value: 130, vintage: '2026-04-20', note: '' },
    { series: 'fine_steel_output', period: '2026-03', value: 132, vintage: '2026-05-01', note: formatYtdNote({ growth: 0.2 }) },
    { series: 'fine_steel_output', period: '2026-06', value: 288, vintage: null, note: '' },
    { series: 'fine_steel_output', period: '2025-06', value: 240, vintage: null, note: '' },
    {
      series: 'textile_output',
      period: '2026-06',
      value: 90,
      vintage: null,
      note: formatYtdNote({ growth: 0.05, implied: 'prior_same_month' }),
    },
    { series: 'fine_steel_output', period: '2025', value: 500, vintage: null, note: '' },
    { series: 'fine_steel_output', period: '2026-09', value: 400, vintage: null, note: '', deleted_at: '2026-10-01' },
  ];
  it('groups per series and year, the latest vintage in force, latest year first, plan order', () => {
    const rows = ytdRows(
      stored,
      plan.series.map((s) => s.id),
    );
    expect(rows.map((r) => `${r.series}:${r.year}`)).toEqual(['fine_steel_output:2026', 'fine_steel_output:2025', 'textile_output:2026']);
    expect(rows[0].points).toEqual([
      { month: 3, value: 132, growth: 0.2, source: '' },
      { month: 6, value: 288, growth: null, source: '' },
    ]);
    // an implied cumulative is not shown as a value; its growth is
    expect(rows[2].points[0]).toMatchObject({ value: null, growth: 0.05 });
    expect(ytdMonths(rows)).toEqual([3, 6]);
    expect(ytdRows(undefined)).toEqual([]);
  });
  it('finds the columns the dry run detected in the header row', () => {
    const table = [['月报'], ['指标', '年份', '月份', '累计值'], ['a', '2026', '3', '1'], ['', '', '', ''], ['b', '2026', '6', '2']];
    expect([...detectedColumnIndexes(table[1], { series: '指标', cumulative: '累计值', growth: null })]).toEqual([
      [0, 'series'],
      [3, 'cumulative'],
    ]);
  });
});

describe('the remembered year-to-date mapping', () => {
  const headers = ['指标名称', '计量单位', '1-10月累计', '±%'];
  const mapping = { series: 0, unit: 1, year: -1, month: -1, period: -1, cumulative: 2, growth: 3, source_title: -1, release_date: -1 };
  it("is used for the next month's bulletin with the same headers, and not for another layout", () => {
    const saved = rememberMapping([], { headers, mapping });
    expect(rememberedMappingFor(saved, ['指标名称', '计量单位', '1-11月累计', '±%'])).toEqual(mapping);
    expect(rememberedMappingFor(saved, ['指标名称', '计量单位', '1—9月累计', ' ±% '])).toEqual(mapping);
    expect(rememberedMappingFor(saved, ['指标名称', '单位', '1-11月累计', '±%'])).toBeNull();
    expect(rememberedMappingFor(null, headers)).toBeNull();
    expect(rememberedMappingFor(saved, [])).toBeNull();
  });
  it('keeps the newest mapping first, one per header row, at most max', () => {
    const other = { ...mapping, growth: -1 };
    let saved = rememberMapping([], { headers, mapping });
    saved = rememberMapping(saved, { headers: ['a', 'b'], mapping: other });
    saved = rememberMapping(saved, { headers, mapping: other });
    expect(saved.map((s) => s.headers[0])).toEqual(['指标名称', 'a']);
    expect(saved[0]!.mapping).toEqual(other);
    expect(rememberMapping(saved, { headers: ['c'], mapping }, 2)).toHaveLength(2);
  });
  it('compares mappings field by field', () => {
    expect(sameMapping(mapping, { ...mapping })).toBe(true);
    expect(sameMapping(mapping, { ...mapping, growth: -1 })).toBe(false);
    expect(sameMapping(null, mapping)).toBe(false);
    expect(sameMapping(null, null)).toBe(true);
  });
});

describe('the backtest', () => {
  it("one row per earlier year with each method's relative error", () => {
    const rows = backtestRows(result.backtest);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.year).toBeLessThan(2026);
    const r2025 = rows.find((r) => r.year === 2025)!;
    expect(r2025.actual).toBeCloseTo(500, 9);
    expect(r2025.errors.seasonal_share).toBeCloseTo(0, 9);
    expect(meanAbsError(rows, 'seasonal_share')).toBeCloseTo(0, 9);
    expect(meanAbsError([], 'growth_applied')).toBeNull();
    expect(methodsUsed(result)).toEqual(result.method_used === 'blend' ? ['seasonal_share', 'growth_applied'] : [result.method_used]);
  });
  it('writes signed percents', () => {
    expect(signedPercent(0.0213, 'zh-CN')).toBe('+2.1%');
    expect(signedPercent(-0.008, 'zh-CN')).toBe('−0.8%');
    expect(signedPercent(0, 'zh-CN')).toBe('0.0%');
    expect(signedPercent(null, 'zh-CN')).toBe('—');
  });
});

describe('the chart marker', () => {
  const text = zhFigureText;
  const p = projectPlan({ plan, assumptions: baseline, actuals: [nowcastActual], settings: { as_of_year: 2025 } });
  const fig = buildTrajectoryFigure({
    target: target('fine_steel_output'),
    scenarios: [{ id: 'b', name: '基准情景', result: p, primary: true }],
    text,
  });
  const words = { lang: 'zh-CN', title: '2026年按1-9月累计推算', method: '推算方法：季节占比法', range: '区间' };
  it('adds a diamond on the nowcast year with the range as an error bar', () => {
    const out = withNowcastMarker(
      fig,
      {
        year: 2026,
        low: result.low,
        high: result.high,
        estimate: result.estimate,
        sameSeries: true,
        unit: '亿元',
        seriesName: '金盛兰精品钢产值',
      },
      words,
    );
    expect(out.data).toHaveLength(fig.data.length + 1);
    const m = out.data[out.data.length - 1] as (typeof out.data)[number] & { error_y?: { array: number[]; arrayminus: number[] } };
    expect(m.meta?.role).toBe('nowcast');
    expect(m.x).toEqual([2026]);
    expect(m.y[0]).toBeCloseTo(result.estimate, 6);
    expect(m.marker?.symbol).toBe('diamond');
    expect(m.text?.[0]).toContain('推算方法：季节占比法');
    expect(m.text?.[0]).toContain('区间');
    expect(m.error_y!.array[0]).toBeCloseTo(result.high - result.estimate, 6);
    expect(m.error_y!.arrayminus[0]).toBeCloseTo(result.estimate - result.low, 6);
  });
  it('leaves the figure alone without a nowcast or when the year is not drawn', () => {
    expect(withNowcastMarker(fig, null, words)).toBe(fig);
    expect(
      withNowcastMarker(fig, { year: 2031, low: 1, high: 2, estimate: 1.5, sameSeries: true, unit: '亿元', seriesName: 'x' }, words),
    ).toBe(fig);
  });
});
