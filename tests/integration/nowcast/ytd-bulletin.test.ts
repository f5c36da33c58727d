/**
 * The year-to-date import as the bulletin publishes it, through the real API (handlers + SQLite):
 * the period read from the title and the header, bulletin names through the plan's aliases_zh,
 * the dry run's preview (nothing stored), the import (all or nothing), the planner's mapping, the
 * template read back, single quarters refused with the reason, CSV in GBK and UTF-16.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { bulletinXlsx, type BulletinRow } from '../../fixtures/ytd/bulletin';
import ExcelJS from 'exceljs';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('ytd-bulletin', { perTest: true });
const call = fx.call;

const ytdStored = async () => (await call('actuals:list', {})).filter((a) => /^\d{4}-\d{2}$/.test(a.period));

describe('year-to-date import of the bulletin layout', () => {
  it('dry run: finds the columns, reads 2026年1-10月 from the title and header, maps 规模以上工业增加值, previews, stores nothing', async () => {
    const content_base64 = (await bulletinXlsx()).toString('base64');
    const dry = await call('nowcast:import', { content_base64, kind: 'xlsx', file_name: '1-10月主要经济指标.xlsx', dry_run: true });
    expect(dry.errors).toEqual([]);
    expect(dry.stored).toBe(0);
    expect(dry.header_row).toBe(2);
    expect(dry.headers).toEqual(['指标名称', '计量单位', '1-10月累计', '同比增长(%)']);
    expect(dry.mapping).toMatchObject({ series: 0, unit: 1, cumulative: 2, growth: 3, year: -1, month: -1, period: -1 });
    expect(dry.sheet_period).toEqual({ zh: '2026年1-10月', en: 'January–October 2026', from: 'header', year: 2026, month: 10 });
    expect(dry.will_store).toBe(4);
    expect(dry.preview.map((p) => [p.row, p.series, p.period, p.value])).toEqual([
      [3, 'industrial_va', '2026-10', 612.4],
      [4, 'trade_total', '2026-10', 95.3],
      [5, 'clean_energy_capacity', '2026-10', 3520],
      [6, 'fine_steel_output', '2026-10', 148.6],
    ]);
    expect(dry.preview[0]).toMatchObject({
      name_zh: '规上工业增加值(现价)',
      period_zh: '2026年1-10月',
      unit: '亿元',
      value_kind: 'actual',
      implied: false,
    });
    expect(dry.preview[0]!.growth).toBeCloseTo(0.072);
    expect(await ytdStored()).toEqual([]);

    const done = await call('nowcast:import', { content_base64, kind: 'xlsx' });
    expect(done.errors).toEqual([]);
    expect(done.stored).toBe(4);
    const stored = await ytdStored();
    expect(stored.map((a) => `${a.series}|${a.period}|${a.value}`).sort()).toEqual([
      'clean_energy_capacity|2026-10|3520',
      'fine_steel_output|2026-10|148.6',
      'industrial_va|2026-10|612.4',
      'trade_total|2026-10|95.3',
    ]);
  });

  it('all or nothing: one growth-only row without a base refuses the file, in Chinese names with row and column, and stores nothing', async () => {
    const rows: BulletinRow[] = [
      ['进出口总额', '亿元', 95.3, 12.1],
      ['规模以上工业增加值', '%', '—', 7.2],
      ['金盛兰精品钢产值', '万元', 1486000, 5.5],
    ];
    const r = await call('nowcast:import', { content_base64: (await bulletinXlsx(rows)).toString('base64'), kind: 'xlsx' });
    expect(r.stored).toBe(0);
    expect(r.preview).toEqual([]);
    const growth = r.errors.find((e) => e.row === 4)!;
    expect(growth).toMatchObject({ field: 'growth', column: 'D' });
    expect(growth.message_zh).toContain('第4行 D列“同比增长(%)”');
    expect(growth.message_zh).toContain('“规上工业增加值(现价)”2026年1-10月只有累计增速');
    expect(growth.message_en).toContain('Row 4, column D ("同比增长(%)")');
    const unit = r.errors.find((e) => e.row === 5)!;
    expect(unit).toMatchObject({ field: 'unit', column: 'B' });
    expect(unit.message_zh).toContain('“金盛兰精品钢产值”的计量单位是“万元”，规划中为“亿元”');
    for (const e of r.errors) expect(`${e.message_zh} ${e.message_en}`).not.toMatch(/industrial_va|fine_steel_output|trade_total/);
    expect(await ytdStored()).toEqual([]);
  });

  it('a single quarter (三季度) in the title is refused with the reason, never stored as 1-9月', async () => {
    const r = await call('nowcast:import', {
      content_base64: (await bulletinXlsx([['进出口总额', '亿元', 30.1, 3.2]], '2026年三季度咸宁市主要经济指标', '本季')).toString(
        'base64',
      ),
      kind: 'xlsx',
    });
    expect(r.stored).toBe(0);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 3, field: 'month' });
    expect(r.errors[0]!.message_zh).toContain('单季数据（7-9月），不是1-N月累计');
    expect(r.errors[0]!.message_zh).toContain('请改填1-9月累计值');
    expect(r.errors[0]!.message_en).toContain('single quarter');
    expect(await ytdStored()).toEqual([]);
  });

  it("the planner's mapping wins over the guess", async () => {
    // the growth column's header is not recognised: the planner maps it
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表1');
    ws.addRow(['2026年1-10月咸宁市主要经济指标']);
    ws.addRow(['指标名称', '计量单位', '1-10月', '±%']);
    ws.addRow(['进出口总额', '亿元', 95.3, 12.1]);
    const content_base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const guessed = await call('nowcast:import', { content_base64, kind: 'xlsx', dry_run: true });
    expect(guessed.errors).toEqual([]);
    expect(guessed.mapping?.growth).toBe(-1);
    expect(guessed.preview[0]!.growth).toBeNull();
    const mapped = await call('nowcast:import', { content_base64, kind: 'xlsx', dry_run: true, mapping: { growth: 3 } });
    expect(mapped.errors).toEqual([]);
    expect(mapped.mapping?.growth).toBe(3);
    expect(mapped.preview[0]!.growth).toBeCloseTo(0.121);
  });

  it("the planner's period wins over the title's; a single quarter given there is refused with the reason", async () => {
    // the bulletin's title names 1-10月 but the planner knows the sheet is 1-9月 (a copied title)
    const content_base64 = (await bulletinXlsx(undefined, '2026年1-10月主要经济指标', '本年累计')).toString('base64');
    const own = await call('nowcast:import', { content_base64, kind: 'xlsx', dry_run: true });
    expect(own.sheet_period).toMatchObject({ from: 'title', year: 2026, month: 10 });
    const mine = await call('nowcast:import', { content_base64, kind: 'xlsx', dry_run: true, period: '2026年1-9月' });
    expect(mine.errors).toEqual([]);
    expect(mine.sheet_period).toEqual({ zh: '2026年1-9月', en: 'January–September 2026', from: 'planner', year: 2026, month: 9 });
    expect(new Set(mine.preview.map((p) => p.period))).toEqual(new Set(['2026-09']));
    // the numeric form (what the English dialog suggests) reads the same
    const numeric = await call('nowcast:import', { content_base64, kind: 'xlsx', dry_run: true, period: '2026-09' });
    expect(numeric.sheet_period).toMatchObject({ from: 'planner', year: 2026, month: 9 });
    // a period without its year takes the title's year
    const noYear = await call('nowcast:import', { content_base64, kind: 'xlsx', dry_run: true, period: '一至九月' });
    expect(noYear.sheet_period).toMatchObject({ year: 2026, month: 9 });
    const q = await call('nowcast:import', { content_base64, kind: 'xlsx', dry_run: true, period: '2026年三季度' });
    expect(q.preview).toEqual([]);
    expect(q.errors).toHaveLength(1);
    expect(q.errors[0]).toMatchObject({ row: 0, field: 'period' });
    expect(q.errors[0]!.message_zh).toMatch(/三季度.*1-9月/);
    // the mapping and headers still come back so the dialog can show them
    expect(q.headers).toEqual(['指标名称', '计量单位', '本年累计', '同比增长(%)']);
    expect(q.mapping?.cumulative).toBe(2);
    const bad = await call('nowcast:import', { content_base64, kind: 'xlsx', dry_run: true, period: '去年' });
    expect(bad.errors[0]).toMatchObject({ field: 'period' });
    expect(bad.errors[0]!.message_zh).toContain('无法识别');
    await call('nowcast:import', { content_base64, kind: 'xlsx', period: '2026年1-9月' });
    expect(new Set((await ytdStored()).map((a) => a.period))).toEqual(new Set(['2026-09']));
  });

  it('the template downloads in the bulletin layout and, filled in, imports as it is', async () => {
    const t = await call('nowcast:template', { year: 2026, month: 10 });
    expect(t.file_name).toMatch(/2026年1-10月.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(t.content_base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('2026年1-10月咸宁市主要经济指标');
    expect([1, 2, 3, 4].map((c) => ws.getRow(2).getCell(c).value)).toEqual(['指标名称', '计量单位', '1-10月累计', '同比增长(%)']);
    const names = [] as string[];
    ws.eachRow((row, n) => {
      if (n > 2) names.push(String(row.getCell(1).value));
    });
    expect(names).toContain('规模以上工业增加值');
    expect(names).toContain('外贸进出口总额');
    // fill in one row: the rows left blank are skipped (and listed), not refused
    const keep = ws.getRow(3 + names.indexOf('外贸进出口总额'));
    keep.getCell(3).value = 95.3;
    keep.getCell(4).value = 12.1;
    const filled = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = await call('nowcast:import', { content_base64: filled, kind: 'xlsx', dry_run: true });
    expect(r.errors).toEqual([]);
    expect(r.preview.map((p) => [p.row, p.series, p.period, p.value])).toEqual([[keep.number, 'trade_total', '2026-10', 95.3]]);
    expect(r.skipped_rows).toHaveLength(names.length - 1);
    expect(r.skipped_rows).not.toContain(keep.number);
  });

  it('CSV in GBK and in UTF-16 with a BOM reads the same as the workbook', async () => {
    const text = [
      '2026年1-10月咸宁市主要经济指标,,,',
      '指标名称,计量单位,1-10月累计,同比增长(%)',
      '进出口总额,亿元,95.3,12.1',
      '规模以上工业增加值,亿元,612.4,7.2',
    ].join('\r\n');
    for (const bytes of [
      iconv.encode(text, 'gbk'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      Buffer.from(`\ufeff${text}`, 'utf8'),
    ]) {
      const r = await call('nowcast:import', { content_base64: bytes.toString('base64'), kind: 'csv', dry_run: true });
      expect(r.errors).toEqual([]);
      expect(r.preview.map((p) => [p.series, p.period, p.value])).toEqual([
        ['trade_total', '2026-10', 95.3],
        ['industrial_va', '2026-10', 612.4],
      ]);
    }
  });

  it('an oversized sheet is refused by the same row limit as the other imports', async () => {
    const lines = ['指标名称,计量单位,1-10月累计,同比增长(%)'];
    for (let i = 0; i < 100_001; i++) lines.push('进出口总额,亿元,1,1');
    const r = await call('nowcast:import', {
      content_base64: Buffer.from(lines.join('\n')).toString('base64'),
      kind: 'csv',
      dry_run: true,
    });
    expect(r.stored).toBe(0);
    expect(r.errors[0]!.message_zh).toMatch(/100,000 行/);
  });
});
