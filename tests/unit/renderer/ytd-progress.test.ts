/**
 * The year's question on screen (issue 17 item 6): the Workbench card and the nowcast screen say
 * what 1-10月 has done and what 11-12月 still needs, with the same numbers as the verdict line
 * (models/ytd-progress.ts); a slider whose 2026 a nowcast fixes says what it still changes; the
 * required growth reads as a sentence once 2026 is in.
 */
import { describe, expect, it } from 'vitest';
import { formatNowcastNote, formatYtdNote } from '../../../models/records';
import { verdictLine } from '../../../models/verdict';
import { createI18n } from '../../../renderer/src/i18n';
import {
  fixedYearNote,
  judgedOnText,
  remainderFor,
  remainderText,
  standingOf,
  yearSentencesFor,
} from '../../../renderer/src/lib/ytd-progress';
import { act, asm, inputActual, makePlan, run, ser, tgt } from '../models/fixtures';

const zh = createI18n('zh-CN').t as unknown as (k: string, v?: Record<string, unknown>) => string;
const en = createI18n('en').t as unknown as (k: string, v?: Record<string, unknown>) => string;

const ytd = inputActual('out', '2026-10', 628.6, { note: formatYtdNote({ growth: 0.1225 }) });
const nowcast = inputActual('out', 2026, 740, {
  value_kind: 'estimate',
  note: formatNowcastNote({ as_of: '2026-10', method: 'blend', low: 730, high: 750 }, '推算'),
});

function flowCase(period_end = 2026) {
  const plan = makePlan({
    period_end,
    series: [ser('out', { nature: 'flow' })],
    targets: [tgt('out_level', 'out', 'level', '>=', 800, { unit: '亿元', target_year: 2026 })],
    actuals: [act('out', 2023, 600), act('out', 2024, 650), act('out', 2025, 700), act('out', '2025-10', 560)],
  });
  const r = run(plan, [asm('out', { type: 'cagr', rate: 0.05 })], {}, [ytd, nowcast]);
  return { plan, r, ev: r.targets[0], t: plan.targets[0], s: plan.series[0] };
}

describe('the year’s question on a flow with its 1-10月 figure', () => {
  const { plan, r, ev, t, s } = flowCase();
  const records = [...plan.actuals, ytd, nowcast];

  it('says what is done and what 11-12月 needs, with the verdict line’s numbers', () => {
    const st = standingOf(s, 2026, records, r.series.out.values[2025], ev)!;
    const text = remainderText(remainderFor(st, t, 'out'), s.unit, 'zh-CN', zh, t);
    // 800 − 628.6 = 171.4; the same months of 2025: 700 − 560 = 140 → +22.4%
    expect(text).toBe('1-10月已完成628.6亿元（同比增长12.3%），11-12月需完成171.4亿元（同比需增长22.4%）');
    expect(verdictLine(t, ev, 'zh-CN').remaining).toBe('11-12月还需完成171.4亿元，需同比增长22.4%');
    expect(remainderText(remainderFor(st, t, 'out'), s.unit, 'en', en, t)).toBe(
      'January–October: 62.9 billion yuan done (up 12.3% year on year); Nov–Dec needs 17.1 billion yuan (up 22.4% on the same months of last year)',
    );
  });

  it('the nowcast screen reads the same from the stored records alone', () => {
    expect(yearSentencesFor(s, 2026, records, plan.targets, 'zh-CN', zh)).toEqual([
      { target: 'out_level', text: '1-10月已完成628.6亿元（同比增长12.3%），11-12月需完成171.4亿元（同比需增长22.4%）' },
    ]);
  });

  it('a target already reached by 1-10月 says so; a series without a target says only what is done', () => {
    const st = standingOf(s, 2026, records, 700, ev)!;
    const low = { ...t, target: 600 };
    expect(remainderText(remainderFor(st, low, 'out'), s.unit, 'zh-CN', zh, low)).toBe(
      '1-10月已完成628.6亿元（同比增长12.3%），已完成全年目标600亿元',
    );
    expect(remainderText(remainderFor(st, null, 'out'), s.unit, 'zh-CN', zh)).toBe('1-10月已完成628.6亿元（同比增长12.3%）');
    expect(yearSentencesFor(s, 2026, records, [], 'zh-CN', zh)).toEqual([{ target: null, text: '1-10月已完成628.6亿元（同比增长12.3%）' }]);
    // no 1-N月 figure of the year: nothing to say
    expect(yearSentencesFor(s, 2027, records, plan.targets, 'zh-CN', zh)).toEqual([]);
  });

  it('the slider of a series whose 2026 the nowcast fixes says it changes nothing up to the horizon', () => {
    expect(fixedYearNote(r.series.out, 2026, r, 'zh-CN', zh)).toBe('2026年按1-10月推算，此滑块在本规划期（至2026年）内不改变任何数值');
    expect(fixedYearNote(r.series.out, 2026, r, 'en', en)).toBe(
      "2026 is estimated from January–October: this slider changes nothing up to 2026 (the plan's horizon)",
    );
  });

  it('with later years in the horizon, it names the years it still changes', () => {
    const later = flowCase(2028);
    expect(fixedYearNote(later.r.series.out, 2026, later.r, 'zh-CN', zh)).toBe('2026年按1-10月推算，此滑块只影响2027—2028年的预测');
    // years before 2026 still projected (no actual since the base year): those, never the base year itself
    const plan = makePlan({ series: [ser('out', { nature: 'flow' })], actuals: [act('out', 2023, 600)] });
    const r2 = run(plan, [asm('out', { type: 'cagr', rate: 0.05 })], {}, [nowcast]);
    expect(fixedYearNote(r2.series.out, 2026, r2, 'zh-CN', zh)).toBe('2026年按1-10月推算，此滑块只影响2024—2025年的预测');
    // a projected year is not fixed: no note
    expect(fixedYearNote(later.r.series.out, 2027, later.r, 'zh-CN', zh)).toBeNull();
  });

  it('the required growth becomes a sentence: 2026 is judged on the estimate', () => {
    expect(ev.growth_from_year).toBe(2026);
    expect(judgedOnText(ev, t.unit, 'zh-CN', zh)).toBe('2026年已有1-10月数据，按推算值评价');
    expect(judgedOnText(ev, t.unit, 'en', en)).toBe('2026 has January–October figures: judged on the estimate');
    expect(judgedOnText({ ...ev, growth_from_year: 2025 }, t.unit, 'zh-CN', zh)).toBeNull();
  });
});

describe('a stock with its October level', () => {
  it('says the level reached and what the year end needs', () => {
    const plan = makePlan({
      series: [ser('firms', { nature: 'stock', unit: '家' })],
      targets: [tgt('firms_level', 'firms', 'level', '>=', 100, { unit: '家', target_year: 2026 })],
      actuals: [act('firms', 2024, 80), act('firms', 2025, 90)],
    });
    const level = inputActual('firms', '2026-10', 95, { note: formatYtdNote({ growth: 0.05 }) });
    const records = [...plan.actuals, level];
    // 100 − 95 = 5 more; the year end 100 over 2025's 90: +11.1%
    expect(yearSentencesFor(plan.series[0], 2026, records, plan.targets, 'zh-CN', zh)).toEqual([
      { target: 'firms_level', text: '10月末已达95家（同比增长5.0%），年末需达到100家（还需增加5家，年末同比需增长11.1%）' },
    ]);
    expect(yearSentencesFor(plan.series[0], 2026, records, plan.targets, 'en', en)[0].text).toMatch(
      /^End of October: 95 .* reached \(up 5\.0% year on year\); the year end needs 100 .* \(5 .* more, the year-end level up 11\.1% on last year's\)$/,
    );
    const reached = [{ ...plan.targets[0], target: 95 }];
    expect(yearSentencesFor(plan.series[0], 2026, records, reached, 'zh-CN', zh)[0].text).toBe(
      '10月末已达95家（同比增长5.0%），已达到年末目标95家',
    );
  });
});
