import { describe, expect, it } from 'vitest';
import { remainderTargetValue, restMonthsEn, restMonthsZh, yearRemainder, ytdStanding } from '../../../models/ytd-progress';

describe('ytdStanding', () => {
  it('a flow: the latest month before December, and last year’s same remaining months (annual − same-month cumulative)', () => {
    const pts = [
      { year: 2025, month: 10, value: 500, growth: null },
      { year: 2026, month: 9, value: 480, growth: 0.07 },
      { year: 2026, month: 10, value: 540, growth: 0.08 },
      { year: 2025, month: 12, value: 600, growth: null },
    ];
    expect(ytdStanding(pts, 2026, 600)).toEqual({ year: 2026, month: 10, value: 540, growth: 0.08, prior_rest: 100 });
  });

  it('a flow without last year’s same-month record: this year’s cumulative deflated by the reported growth', () => {
    const st = ytdStanding([{ year: 2026, month: 10, value: 540, growth: 0.08 }], 2026, 600)!;
    expect(st.prior_rest).toBeCloseTo(100, 9);
  });

  it('no base (last year unknown or the rest not positive): prior_rest null; no figure before December: null', () => {
    expect(ytdStanding([{ year: 2026, month: 10, value: 540, growth: null }], 2026, 600)!.prior_rest).toBeNull();
    expect(ytdStanding([{ year: 2026, month: 10, value: 540, growth: 0.08 }], 2026, Number.NaN)!.prior_rest).toBeNull();
    expect(ytdStanding([{ year: 2026, month: 12, value: 640, growth: 0.08 }], 2026, 600)).toBeNull();
    expect(ytdStanding([{ year: 2025, month: 10, value: 500, growth: null }], 2026, 600)).toBeNull();
  });

  it('a stock: the month-end level and last year’s year-end level', () => {
    expect(ytdStanding([{ year: 2026, month: 10, value: 95, growth: 0.05 }], 2026, 90, true)).toEqual({
      year: 2026,
      month: 10,
      value: 95,
      growth: 0.05,
      prior_rest: null,
      prior_year_end: 90,
      stock: true,
    });
  });
});

describe('yearRemainder', () => {
  const flow = { year: 2026, month: 10, value: 540, growth: 0.08, prior_rest: 100 };
  it('a flow: 11-12月 need target − done, up remaining / last year’s same months − 1', () => {
    const r = yearRemainder(flow, 700);
    expect(r).toMatchObject({
      year: 2026,
      month: 10,
      stock: false,
      done: 540,
      done_growth: 0.08,
      target: 700,
      remaining: 160,
      reached: false,
    });
    expect(r.yoy).toBeCloseTo(0.6, 12);
  });

  it('reached by the year-to-date figure', () => {
    expect(yearRemainder(flow, 530)).toMatchObject({ remaining: -10, reached: true });
    expect(yearRemainder(flow, 540).reached).toBe(true);
  });

  it('no target (a driving series): only what is done', () => {
    expect(yearRemainder(flow, null)).toEqual({
      year: 2026,
      month: 10,
      stock: false,
      done: 540,
      done_growth: 0.08,
      target: null,
      remaining: null,
      yoy: null,
      reached: false,
    });
  });

  it('a stock: what the year end still needs, and the year-end level’s growth over last year’s', () => {
    const r = yearRemainder({ year: 2026, month: 10, value: 95, growth: 0.05, prior_rest: null, prior_year_end: 90, stock: true }, 100);
    expect(r.stock).toBe(true);
    expect(r.remaining).toBe(5);
    expect(r.yoy).toBeCloseTo(100 / 90 - 1, 12);
    expect(
      yearRemainder({ year: 2026, month: 10, value: 95, growth: null, prior_rest: null, prior_year_end: null, stock: true }, 100).yoy,
    ).toBeNull();
  });

  it('names the remaining months', () => {
    expect(restMonthsZh(10)).toBe('11-12月');
    expect(restMonthsZh(11)).toBe('12月');
    expect(restMonthsEn(10)).toBe('Nov–Dec');
    expect(restMonthsEn(11)).toBe('December');
  });
});

describe('remainderTargetValue', () => {
  it('a level or a yearly flow at least this much; nothing for a range, a ceiling or a growth rate', () => {
    expect(remainderTargetValue({ kind: 'level', comparator: '>=', target: 700 })).toBe(700);
    expect(remainderTargetValue({ kind: 'level', comparator: '>=', target: [650, 700] })).toBeNull();
    expect(remainderTargetValue({ kind: 'level', comparator: '<=', target: 700 })).toBeNull();
    expect(remainderTargetValue({ kind: 'growth_rate', comparator: '>=', target: 0.07 })).toBeNull();
  });
});
