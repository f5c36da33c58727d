/**
 * The briefing's period words: a stock's month is its month-end level (2023年6月末, end of June
 * 2023), a flow's the months so far (2026年1-10月); the replaced-record note says so too.
 */
import { describe, expect, it } from 'vitest';
import { periodText, replacedNote } from '../../../scenarios/briefing/records-shown';
import type { Actual, Series } from '../../../models/schema';

const stock = { id: 'high_tech_enterprises', nature: 'stock', unit: '家', derived: null } as unknown as Series;
const flow = { id: 'industrial_output', nature: 'flow', unit: '亿元', derived: null } as unknown as Series;

describe('briefing period words', () => {
  it('a stock’s month is the month-end level, a flow’s the months so far', () => {
    expect(periodText('2023-06', 'zh-CN', stock)).toBe('2023年6月末');
    expect(periodText('2023-06', 'en', stock)).toBe('end of June 2023');
    expect(periodText('2026-10', 'zh-CN', flow)).toBe('2026年1-10月');
    expect(periodText('2026-10', 'zh-CN')).toBe('2026年1-10月');
    expect(periodText('2025', 'zh-CN', stock)).toBe('2025年');
    expect(periodText('2026-10', 'en', flow)).toBe('January–October 2026');
  });

  it('the replaced-record note of a stock names the month end', () => {
    const rec = (value: number, vintage: string): Actual =>
      ({
        series: 'high_tech_enterprises',
        period: '2023-06',
        value,
        value_kind: 'actual',
        source: { title: '市科技局', url: null, date: vintage, reliability: 'official' },
        vintage,
        note: '',
        entered_by: '',
      }) as Actual;
    const note = replacedNote(
      { record: rec(438, '2023-07-01'), replaced: [rec(430, '2023-06-13')] } as never,
      { series: [stock] },
      'zh-CN',
    );
    expect(note).toContain('2023年6月末值已由430家更新为438家');
  });
});
