import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { guessYtdColumns, parsePeriodText, readYtdSheet, validateYtdRows, type ReadYtdResult } from '../../../scenarios/nowcast/ytd';
import { parseYtdNote } from '../../../models/records';
import { readWorkbook } from '../../../scenarios/sheets/read';
import { annualActual } from './helpers';

const known = new Set(['trade_total', 'fine_steel_output']);
const flows = new Set(['trade_total', 'fine_steel_output']);

function ok(r: ReadYtdResult): Extract<ReadYtdResult, { ok: true }> {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}

async function workbook(build: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('1-9月');
  build(ws);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('parsePeriodText', () => {
  const cases: [string, { year: number | null; month: number } | null][] = [
    ['2026年1-9月', { year: 2026, month: 9 }],
    ['2026年1—9月', { year: 2026, month: 9 }],
    ['2026年1至9月累计', { year: 2026, month: 9 }],
    ['2026年1-12月', { year: 2026, month: 12 }],
    ['2026年1月', { year: 2026, month: 1 }],
    ['2026-09', { year: 2026, month: 9 }],
    ['2026.9', { year: 2026, month: 9 }],
    ['1-9月', { year: null, month: 9 }],
    ['2026年一季度', { year: 2026, month: 3 }],
    ['2026年前三季度', { year: 2026, month: 9 }],
    ['2026年1-3季度', { year: 2026, month: 9 }],
    ['2026年上半年', { year: 2026, month: 6 }],
    ['2026年全年', { year: 2026, month: 12 }],
    ['2026年1-13月', null],
    ['明年', null],
  ];
  for (const [text, want] of cases) it(text, () => expect(parsePeriodText(text)).toEqual(want));
});

describe('guessYtdColumns', () => {
  it('Chinese headers, with units and brackets', () => {
    const c = guessYtdColumns(['指标代码', '期间', '累计值（亿元）', '累计增速(%)', '来源', '发布日期']);
    expect(c).toMatchObject({ series: 0, period: 1, cumulative: 2, growth: 3, source_title: 4, release_date: 5, year: -1, month: -1 });
    const d = guessYtdColumns(['指标', '年份', '月份', '本年累计', '同比增长％']);
    expect(d).toMatchObject({ series: 0, year: 1, month: 2, cumulative: 3, growth: 4 });
  });
});

describe('readYtdSheet: xlsx', () => {
  it('reads a workbook with a title row, Chinese headers, "2026年1-9月" periods and percent growth', async () => {
    const buf = await workbook((ws) => {
      ws.addRow(['咸宁市2026年主要经济指标（月度）']);
      ws.addRow(['指标代码', '期间', '累计值（亿元）', '累计增速(%)', '来源', '发布日期']);
      ws.addRow(['trade_total', '2025年1-9月', 700, null, '咸宁统计月报', new Date(Date.UTC(2025, 9, 20))]);
      ws.addRow(['trade_total', '2026年1-8月', 720, 4.5, '咸宁统计月报', '2026-09-18']);
      ws.addRow(['trade_total', '2026年1-9月', { formula: 'C4+80', result: 800 }, '5.2%', '咸宁统计月报', '2026年10月20日']);
      ws.addRow([]);
      ws.addRow(['fine_steel_output', '2026年1-9月', '—', 6.1, '企业报表', null]);
    });
    const r = ok(await readYtdSheet(buf, 'xlsx'));
    expect(r.header_row).toBe(2);
    expect(r.sheet).toBe('1-9月');
    expect(r.columns.period).toBe('期间');
    expect(r.columns.growth).toBe('累计增速(%)');
    expect(r.rows.map((x) => x.row)).toEqual([3, 4, 5, 7]);
    expect(r.rows[0]).toMatchObject({
      series: 'trade_total',
      year: 2025,
      month: 9,
      cumulative: 700,
      growth: undefined,
      release_date: '2025-10-20',
    });
    expect(r.rows[1].growth).toBeCloseTo(0.045, 12);
    expect(r.rows[2]).toMatchObject({ year: 2026, month: 9, cumulative: 800 });
    expect(r.rows[2].growth).toBeCloseTo(0.052, 12);
    expect(r.rows[3]).toMatchObject({ series: 'fine_steel_output', cumulative: undefined });
    expect(r.rows[3].growth).toBeCloseTo(0.061, 12);

    const v = validateYtdRows(r.rows, known, flows, {
      existing: [annualActual('fine_steel_output', 2025, 500), annualActual('trade_total', 2025, 1000)],
    });
    expect(v.ok, JSON.stringify(v)).toBe(true);
    if (!v.ok) return;
    expect(v.actuals.map((a) => [a.series, a.period])).toEqual([
      ['trade_total', '2025-09'],
      ['trade_total', '2026-08'],
      ['trade_total', '2026-09'],
      ['fine_steel_output', '2026-09'],
    ]);
    expect(parseYtdNote(v.actuals[2].note).growth).toBeCloseTo(0.052, 12);
    expect(v.actuals[2].source.date).toBe('2026-10-20');
  });

  it('a cell formatted as a percent holds a fraction: read as displayed', async () => {
    const buf = await workbook((ws) => {
      ws.addRow(['指标', '期间', '累计值', '累计增速(%)']);
      ws.addRow(['trade_total', '2026年1-9月', 800, 0.052]);
      ws.getCell('D2').numFmt = '0.0%';
    });
    const r = ok(await readYtdSheet(buf, 'xlsx'));
    expect(r.rows[0].growth).toBeCloseTo(0.052, 12);
  });

  it('a period typed as a date (Excel turns 2026-09 into 2026-09-01) reads as that month', async () => {
    const buf = await workbook((ws) => {
      ws.addRow(['指标', '期间', '累计值']);
      ws.addRow(['trade_total', new Date(Date.UTC(2026, 8, 1)), 800]);
    });
    const r = ok(await readYtdSheet(buf, 'xlsx'));
    expect(r.rows[0]).toMatchObject({ year: 2026, month: 9, cumulative: 800 });
  });

  it('separate 年份 and 月份 columns, and row numbers that name errors in the sheet', async () => {
    const buf = await workbook((ws) => {
      ws.addRow(['指标', '年份', '月份', '累计值', '累计增速(%)']);
      ws.addRow(['trade_total', '2026年', '1-8月', 720, '']);
      ws.addRow(['trade_total', 2026, 13, 800, '']);
    });
    const r = ok(await readYtdSheet(buf, 'xlsx'));
    expect(r.rows[0]).toMatchObject({ row: 2, year: 2026, month: 8, cumulative: 720 });
    const v = validateYtdRows(r.rows, known, flows);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors).toEqual([expect.objectContaining({ row: 3, field: 'month' })]);
  });

  it('a workbook without a usable header is refused, in both languages', async () => {
    const buf = await workbook((ws) => {
      ws.addRow(['名称', '数值']);
      ws.addRow(['x', 1]);
    });
    const r = await readYtdSheet(buf, 'xlsx');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0].message_zh).toContain('未找到表头');
      expect(r.errors[0].message_en).toContain('no header found');
    }
  });

  it('bytes that are not a workbook are refused', async () => {
    const r = await readYtdSheet(new TextEncoder().encode('not a zip'), 'xlsx');
    expect(r.ok).toBe(false);
  });
});

describe('readYtdSheet: csv', () => {
  const text =
    '\ufeff指标,期间,累计值,累计增速(%),来源,发布日期\r\n' +
    'trade_total,2026年1-8月,"1,234.5",4.5,"咸宁统计月报, 第9期",2026-09-18\r\n' +
    'trade_total,2026年1-9月,1400,-3.2%,咸宁统计月报,2026/10/20\r\n' +
    '\r\n';

  it('reads UTF-8 text with a BOM, quotes, thousands separators and CRLF', async () => {
    const r = ok(await readYtdSheet(new TextEncoder().encode(text), 'csv'));
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]).toMatchObject({
      row: 2,
      series: 'trade_total',
      year: 2026,
      month: 8,
      cumulative: '1,234.5',
      source_title: '咸宁统计月报, 第9期',
    });
    expect(r.rows[0].growth).toBeCloseTo(0.045, 12);
    expect(r.rows[1].growth).toBeCloseTo(-0.032, 12);
    const v = validateYtdRows(r.rows, known, flows, { existing: [annualActual('trade_total', 2025, 1800)] });
    expect(v.ok, JSON.stringify(v)).toBe(true);
    if (v.ok) {
      expect(v.actuals[0].value).toBe(1234.5);
      expect(v.actuals[1].source.date).toBe('2026-10-20');
    }
  });

  it('reads GB18030 text (Excel on Chinese Windows)', async () => {
    // "指标,期间,累计值\r\ntrade_total,2026年1-9月,10\r\n" in GB18030
    const hex = 'd6b8b1ea2cc6dabce42cc0dbbcc6d6b50d0a74726164655f746f74616c2c32303236c4ea312d39d4c22c31300d0a';
    const bytes = new Uint8Array(hex.match(/../g)!.map((h) => parseInt(h, 16)));
    const r = ok(await readYtdSheet(bytes, 'csv'));
    expect(r.rows[0]).toMatchObject({ series: 'trade_total', year: 2026, month: 9, cumulative: '10' });
  });

  it('the CSV reader (csv-parse): doubled quotes, tabs, a last line without newline', async () => {
    const rows = async (text: string) => (await readWorkbook(Buffer.from(text), 'a.csv')).sheets[0]!.rows;
    expect(await rows('a,"b ""q""",c\n1,2,3')).toEqual([
      ['a', 'b "q"', 'c'],
      ['1', '2', '3'],
    ]);
    expect(await rows('a\tb\n1\t2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});
