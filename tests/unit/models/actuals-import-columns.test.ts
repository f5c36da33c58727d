/**
 * The annual actuals import names the column (and the line) of every error, not only of a bad
 * number (issue 16 item 4): a missing or unknown indicator, a bad period, a year outside the
 * horizon, a duplicate row and an implausible value each carry the letter of the column to fix;
 * an implausible value is a rejected row (all or nothing) worded with the indicator's Chinese
 * name, the line, the column and the allowed range.
 */
import { describe, expect, it } from 'vitest';
import { guessMapping, validateRows, type RejectReason } from '../../../models/actuals-import';
import { plan } from '../renderer/fixtures';

const defaults = { source_title: '', reliability: 'internal' as const, entered_by: '测试', vintage: '2026-02-01' };

/** The columns shuffled, so that a letter is not right by chance: D 来源, A 期间, C 指标, B 数值. */
const header = ['期间', '数值', '指标', '来源', '数值类型', '发布日期'];
const lines = [
  ['2024', '560', '金盛兰精品钢产值', '月报', '', ''], // 2: good
  ['2024', '12', '', '月报', '', ''], // 3: no indicator
  ['2024', '12', '不存在的指标', '月报', '', ''], // 4: unknown indicator
  ['2024年13月', '12', '高新技术企业', '月报', '', ''], // 5: bad period
  ['2031', '700', '高新技术企业', '月报', '', ''], // 6: a year after the plan
  ['2024', '560', '金盛兰精品钢产值', '月报', '', ''], // 7: same as line 2
  ['2024', '130', '行政村5G通达率', '月报', '', ''], // 8: 130%, bounded 0–100
  ['2024', '-590', '金盛兰精品钢产值', '月报', '', ''], // 9: negative, and line 2's period again
  ['2024', '12', '单位地区生产总值能耗', '月报', '', ''], // 10: a derived series, taken as published (issue 15.3)
  ['2024', '', '高新技术企业', '', '猜的', '昨天'], // 11: no value, no source, bad kind, bad date
];
const rows = lines.map((fields, i) => ({ line: i + 2, fields }));
const mapping = guessMapping(header);
const r = validateRows(rows, mapping, plan, defaults);
const reasons = (line: number): RejectReason[] => r.rejected.find((x) => x.line === line)?.reasons ?? [];

describe('every rejected reason names its column', () => {
  it('reads the shuffled header', () => {
    expect(mapping).toMatchObject({ period: 0, value: 1, series: 2, source_title: 3, value_kind: 4, source_date: 5 });
  });

  it('a missing or unknown indicator: the indicator column (a derived one is taken as published)', () => {
    expect(reasons(3)).toEqual([{ code: 'missing', field: 'series', column: 'C' }]);
    expect(reasons(4)).toEqual([{ code: 'unknown_series', value: '不存在的指标', column: 'C' }]);
    expect(reasons(10)).toEqual([]);
    expect(r.valid.some((v) => v.line === 10)).toBe(true);
  });

  it('a bad period: the period column', () => {
    expect(reasons(5)).toEqual([{ code: 'bad_period', value: '2024年13月', column: 'A' }]);
  });

  it('a year after the plan: the period column, with the indicator and the allowed years', () => {
    const [y] = reasons(6);
    expect(y).toMatchObject({ code: 'implausible', field: 'period', column: 'A', rule: 'horizon' });
    if (y?.code !== 'implausible') return;
    expect(y.message_zh).toBe('高新技术企业（第6行 A列“期间”）：年份 2031 不在规划期内，允许 2009–2026 年');
    expect(y.message_en).toContain('(line 6, column A "period"): year 2031 is outside the plan');
  });

  it('an implausible value: the value column, with the indicator and the allowed range', () => {
    const [v] = reasons(8);
    expect(v).toMatchObject({ code: 'implausible', field: 'value', column: 'B', rule: 'bounds' });
    if (v?.code !== 'implausible') return;
    expect(v.message_zh).toBe('行政村5G通达率（第8行 B列“数值”）：130% 超出允许范围，允许 0–100%');
    expect(v.message_en).toContain('(line 8, column B "value"): 130 % is outside the allowed range');
    const neg = reasons(9).find((x) => x.code === 'implausible');
    expect(neg).toMatchObject({ column: 'B', rule: 'sign' });
  });

  it('a duplicate row: the indicator and period columns, and the line it repeats', () => {
    expect(reasons(7)).toEqual([{ code: 'duplicate', other: 2, column: 'C', period_column: 'A' }]);
  });

  it('a missing value or source, a bad value kind or date: their columns', () => {
    expect(reasons(11)).toEqual([
      { code: 'missing', field: 'value', column: 'B' },
      { code: 'bad_value_kind', value: '猜的', column: 'E' },
      { code: 'missing', field: 'source_title', column: 'D' },
      { code: 'bad_date', field: 'source_date', value: '昨天', column: 'F' },
    ]);
  });

  it('only the good lines are valid (2, and 10 a published intensity), and every reason but a missing unmapped field has a column', () => {
    expect(r.valid.map((v) => v.line)).toEqual([2, 10]);
    for (const x of r.rejected) for (const q of x.reasons) expect(q.column, JSON.stringify(q)).toMatch(/^[A-Z]+$/);
  });
});
