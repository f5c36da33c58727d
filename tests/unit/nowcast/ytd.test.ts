import { describe, expect, it } from 'vitest';
import { Actual } from '../../../models/schema';
import {
  parseYtdNote,
  seriesAliases,
  validateYtdRows,
  type YtdField,
  type YtdRowInput,
  type YtdValidation,
} from '../../../scenarios/nowcast/ytd';
import { annualActual, ytdActual } from './helpers';

const known = new Set(['trade_total', 'fine_steel_output', 'high_tech_enterprises']);
const flows = new Set(['trade_total', 'fine_steel_output']);
const existing = [annualActual('trade_total', 2025, 1000), annualActual('fine_steel_output', 2025, 500)];

function row(r: Partial<YtdRowInput> & { row: number }): YtdRowInput {
  return { series: 'trade_total', year: 2026, month: 9, cumulative: 800, ...r };
}

/** The result is an error naming the row and the field in both languages, and has no actuals. */
function expectOneError(res: YtdValidation, rowNo: number, field: YtdField, zh: string | RegExp, en: string | RegExp): void {
  expect(res.ok).toBe(false);
  expect('actuals' in res).toBe(false);
  if (res.ok) return;
  const e = res.errors.find((x) => x.row === rowNo && x.field === field);
  expect(e, JSON.stringify(res.errors)).toBeDefined();
  expect(e!.message_zh).toContain(`第${rowNo}行`);
  expect(e!.message_en).toContain(`Row ${rowNo}`);
  expect(e!.message_zh).toMatch(zh);
  expect(e!.message_en).toMatch(en);
}

describe('validateYtdRows: each error names the row and field, in both languages, and returns nothing', () => {
  const cases: { name: string; rows: YtdRowInput[]; row: number; field: YtdField; zh: string | RegExp; en: string | RegExp }[] = [
    { name: 'month 13', rows: [row({ row: 4, month: 13 })], row: 4, field: 'month', zh: '月份', en: /month.*outside months 1\.\.12/ },
    { name: 'month 0', rows: [row({ row: 5, month: 0 })], row: 5, field: 'month', zh: '不在 1 到 12 月之间', en: 'outside months 1..12' },
    { name: 'month 9.5', rows: [row({ row: 5, month: 9.5 })], row: 5, field: 'month', zh: '9.5', en: '9.5' },
    {
      name: 'a year that is not whole',
      rows: [row({ row: 6, year: 2026.5 })],
      row: 6,
      field: 'year',
      zh: '不是整数年份',
      en: 'not a whole year',
    },
    { name: 'a year as text', rows: [row({ row: 6, year: '二〇二六' })], row: 6, field: 'year', zh: '不是数字', en: 'not a number' },
    {
      name: 'unknown series',
      rows: [row({ row: 7, series: 'gdp_magic' })],
      row: 7,
      field: 'series',
      zh: '未知指标“gdp_magic”',
      en: 'unknown series "gdp_magic"',
    },
    {
      name: 'non-numeric cumulative',
      rows: [row({ row: 8, cumulative: '八百' })],
      row: 8,
      field: 'cumulative',
      zh: '不是数字',
      en: 'not a number',
    },
    { name: 'non-numeric growth', rows: [row({ row: 9, growth: 'n/a' })], row: 9, field: 'growth', zh: '不是数字', en: 'not a number' },
    {
      name: 'growth at -100%',
      rows: [row({ row: 10, growth: -1 })],
      row: 10,
      field: 'growth',
      zh: '不高于 -100%',
      en: 'at or below -100%',
    },
    { name: 'growth below -100%', rows: [row({ row: 10, growth: -1.5 })], row: 10, field: 'growth', zh: '-150.0%', en: '-150.0%' },
    {
      name: 'neither value',
      rows: [row({ row: 11, cumulative: undefined, growth: '' })],
      row: 11,
      field: 'cumulative',
      zh: '至少填写一项',
      en: 'give at least one',
    },
    {
      name: 'a flow cumulative falling within a year',
      rows: [row({ row: 2, month: 8, cumulative: 810 }), row({ row: 3, month: 9, cumulative: 800 })],
      row: 3,
      field: 'cumulative',
      zh: /1-9月累计 800 低于1-8月累计 810（第2行）/,
      en: /January–September 2026 cumulative 800 is below the January–August cumulative 810 \(row 2\)/,
    },
    {
      name: 'a growth alone (no cumulative) with no base',
      rows: [row({ row: 12, series: 'fine_steel_output', year: 2027, cumulative: undefined, growth: 0.05 })],
      row: 12,
      field: 'growth',
      zh: '既无2026年1-9月累计值，也无2026年全年值',
      en: 'neither a January–September 2026 cumulative nor a 2026 annual total',
    },
    {
      name: 'the same month twice',
      rows: [row({ row: 2 }), row({ row: 3, cumulative: 801 })],
      row: 3,
      field: 'month',
      zh: '与第2行重复',
      en: 'repeats row 2',
    },
    {
      name: 'a bad release date',
      rows: [row({ row: 13, release_date: '十月' })],
      row: 13,
      field: 'release_date',
      zh: '不是日期',
      en: 'not a date',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expectOneError(validateYtdRows(c.rows, known, flows, { existing }), c.row, c.field, c.zh, c.en);
    });
  }

  it('all or nothing: one bad row among good ones returns no actuals', () => {
    const res = validateYtdRows(
      [row({ row: 2, month: 7, cumulative: 600 }), row({ row: 3, month: 8, cumulative: 700 }), row({ row: 4, month: 14 })],
      known,
      flows,
      { existing },
    );
    expect(res.ok).toBe(false);
    expect('actuals' in res).toBe(false);
    if (!res.ok) expect(res.errors).toHaveLength(1);
  });

  it('reports every error, sorted by row', () => {
    const res = validateYtdRows([row({ row: 9, series: 'nope' }), row({ row: 3, month: 0, growth: -2 })], known, flows, { existing });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.errors.map((e) => [e.row, e.field])).toEqual([
        [3, 'month'],
        [3, 'growth'],
        [9, 'series'],
      ]);
    }
  });

  it('a falling cumulative against a stored month is caught too', () => {
    const stored = [...existing, ytdActual('trade_total', 2026, 8, 850)];
    expectOneError(
      validateYtdRows([row({ row: 2, month: 9, cumulative: 800 })], known, flows, { existing: stored }),
      2,
      'cumulative',
      '已存数据',
      'stored data',
    );
  });
});

describe('validateYtdRows: accepted rows', () => {
  it('stores the cumulative as the value and the growth in the note', () => {
    const res = validateYtdRows(
      [
        row({ row: 2, month: 8, cumulative: '1,234.5', growth: 0.052, source_title: '咸宁统计月报', release_date: '2026-09-18' }),
        row({ row: 3, month: 9, cumulative: 1400 }),
      ],
      known,
      flows,
      { existing },
    );
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.actuals).toHaveLength(2);
    const a = res.actuals[0];
    expect(a.period).toBe('2026-08');
    expect(a.value).toBe(1234.5);
    expect(a.value_kind).toBe('actual');
    expect(a.source).toEqual({ title: '咸宁统计月报', url: null, date: '2026-09-18', reliability: 'internal' });
    expect(a.vintage).toBe('2026-09-18');
    expect(parseYtdNote(a.note).growth).toBe(0.052);
    expect(a.note.split('\n')[0]).toBe('{"ytd_growth":0.052}');
    expect(parseYtdNote(res.actuals[1].note).growth).toBeUndefined();
    for (const x of res.actuals) expect(Actual.safeParse(x).success).toBe(true);
  });

  it('a growth-only row gets an implied cumulative, marked, from last year’s same month', () => {
    const stored = [ytdActual('trade_total', 2025, 9, 700)];
    const res = validateYtdRows([row({ row: 2, cumulative: undefined, growth: 0.1 })], known, flows, { existing: stored });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const a = res.actuals[0];
    expect(a.value).toBeCloseTo(770, 12);
    expect(a.value_kind).toBe('estimate');
    expect(parseYtdNote(a.note)).toMatchObject({ growth: 0.1, implied: 'prior_same_month' });
  });

  it('a growth-only row with only last year’s total as base: a rough display value, marked', () => {
    const res = validateYtdRows([row({ row: 2, cumulative: undefined, growth: 0.1 })], known, flows, { existing });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.actuals[0].value).toBeCloseTo(1000 * 1.1 * 0.75, 9);
    expect(parseYtdNote(res.actuals[0].note).implied).toBe('prior_total');
    expect(res.actuals[0].note).toContain('not used by the nowcast');
  });

  it('a growth whose base is in the same import (last year’s same month) is accepted', () => {
    const res = validateYtdRows(
      [
        row({ row: 2, series: 'fine_steel_output', year: 2025, cumulative: 300 }),
        row({ row: 3, series: 'fine_steel_output', cumulative: 330, growth: 0.1 }),
      ],
      known,
      flows,
    );
    expect(res.ok).toBe(true);
  });

  it('a stock may fall between months; series may be named in Chinese through aliases', () => {
    const aliases = seriesAliases([{ id: 'high_tech_enterprises', name_zh: '高新技术企业数', name_en: 'High-tech enterprises' }]);
    const res = validateYtdRows(
      [
        { row: 2, series: '高新技术企业数', year: '2026', month: '8', cumulative: 500 },
        { row: 3, series: 'High-tech enterprises', year: 2026, month: 9, cumulative: 490 },
      ],
      known,
      flows,
      { aliases },
    );
    expect(res.ok).toBe(true);
    if (res.ok)
      expect(res.actuals.map((a) => [a.series, a.period, a.value])).toEqual([
        ['high_tech_enterprises', '2026-08', 500],
        ['high_tech_enterprises', '2026-09', 490],
      ]);
  });
});

describe('validateYtdRows: the bulletin as published (issue 16)', () => {
  const info = new Map([
    ['trade_total', { name_zh: '进出口总额', name_en: 'Total imports and exports', unit: '亿元' }],
    ['fine_steel_output', { name_zh: '金盛兰精品钢产值', name_en: 'Jinshenglan fine steel output', unit: '亿元' }],
    ['high_tech_enterprises', { name_zh: '高新技术企业', name_en: 'High-tech enterprises', unit: '家' }],
  ]);

  it('a growth with its cumulative needs no prior-year base: the cumulative is stored, the growth kept in the note', () => {
    const res = validateYtdRows([row({ row: 4, series: 'fine_steel_output', year: 2027, cumulative: 420, growth: 0.05 })], known, flows, {
      existing,
    });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.actuals[0]).toMatchObject({ series: 'fine_steel_output', period: '2027-09', value: 420, value_kind: 'actual' });
    expect(parseYtdNote(res.actuals[0]!.note).growth).toBeCloseTo(0.05);
  });

  it('messages name the indicator in Chinese (and English), never its series id', () => {
    const res = validateYtdRows(
      [
        row({ row: 2, month: 8, cumulative: 810 }),
        row({ row: 3, month: 9, cumulative: 800 }),
        row({ row: 5, series: 'fine_steel_output', year: 2027, cumulative: undefined, growth: 0.05 }),
      ],
      known,
      flows,
      { existing, series: info },
    );
    expect(res.ok).toBe(false);
    if (res.ok) return;
    for (const e of res.errors) {
      expect(e.message_zh).not.toMatch(/trade_total|fine_steel_output/);
      expect(e.message_en).not.toMatch(/trade_total|fine_steel_output/);
    }
    expect(res.errors.find((e) => e.row === 3)?.message_zh).toContain('“进出口总额”2026年1-9月累计 800');
    expect(res.errors.find((e) => e.row === 5)?.message_en).toContain('Jinshenglan fine steel output');
  });

  it('a single quarter is refused with the reason and the cumulative to give instead; 1-10月 and 10月末 as month text are read', () => {
    const res = validateYtdRows(
      [row({ row: 6, month: '四季度' }), row({ row: 7, month: '二季度', series: 'fine_steel_output' })],
      known,
      flows,
      { existing },
    );
    expect(res.ok).toBe(false);
    if (res.ok) return;
    const q4 = res.errors.find((e) => e.row === 6)!;
    expect(q4.field).toBe('month');
    expect(q4.message_zh).toContain('单季数据');
    expect(q4.message_zh).toContain('也不是全年数');
    expect(q4.message_zh).toContain('请改填1-12月累计值');
    expect(q4.message_en).toContain('not a year-to-date figure nor the annual total');
    const ok = validateYtdRows(
      [row({ row: 2, month: '1-10月' }), row({ row: 3, series: 'high_tech_enterprises', month: '10月末', cumulative: 300 })],
      known,
      flows,
      { existing },
    );
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.actuals.map((a) => a.period)).toEqual(['2026-10', '2026-10']);
  });

  it('a cumulative in another unit than the plan is refused, naming both units', () => {
    const res = validateYtdRows([row({ row: 4, unit: '万元', cumulative: 8000000 })], known, flows, { existing, series: info });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.errors[0]).toMatchObject({ row: 4, field: 'unit' });
    expect(res.errors[0]!.message_zh).toContain('“进出口总额”的计量单位是“万元”，规划中为“亿元”');
    // same unit, and a growth-only row whose unit column says %, are fine
    expect(
      validateYtdRows(
        [row({ row: 4, unit: '亿元' }), row({ row: 5, series: 'fine_steel_output', unit: '%', cumulative: undefined, growth: 0.05 })],
        known,
        flows,
        { existing, series: info },
      ).ok,
    ).toBe(true);
  });

  it("the plan's aliases_zh match the bulletin's wording", () => {
    const aliases = seriesAliases([{ id: 'trade_total', name_zh: '进出口总额', name_en: 'Trade', aliases_zh: ['外贸进出口总额'] }]);
    const res = validateYtdRows([row({ row: 2, series: '外贸进出口总额' })], known, flows, { existing, aliases });
    expect(res.ok).toBe(true);
  });
});
