/**
 * The collection round trip through the real API (handlers + SQLite + exceljs): a round, one
 * workbook per unit, filled as a unit would fill it (good values, a bad value, an empty cell,
 * moved columns, the wrong unit, a GBK CSV save-as), imported, the actuals checked with their
 * provenance, conflicts decided, the scoreboard effect, and the reporting units carried in a
 * workspace file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Res } from '../../../contract';
import { dispatch } from '../../../contract';
import { COLLECT_COLUMNS } from '../../../models/collect';
import { encodeGbk } from '../sheets/gbk';
import { createApi } from '../../../api/handlers';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('collect');
const call = fx.call;

const HEADER_ROW = 6;
const col = (key: string) => COLLECT_COLUMNS.findIndex((c) => c.key === key) + 1;

async function load(b64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(b64, 'base64') as unknown as ArrayBuffer);
  return wb;
}
async function save(wb: ExcelJS.Workbook): Promise<string> {
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
/** Fills the rows of a workbook: (series, period) -> value / source / release date. */
function fill(ws: ExcelJS.Worksheet, values: Record<string, unknown>, person = '李四', date = '2026-11-20') {
  ws.getCell(3, 7).value = person;
  ws.getCell(4, 7).value = date;
  ws.eachRow((row, r) => {
    if (r <= HEADER_ROW) return;
    const key = `${String(row.getCell(col('series')).value)}@${String(row.getCell(col('period')).value)}`;
    if (key in values) {
      row.getCell(col('value')).value = values[key] as ExcelJS.CellValue;
      row.getCell(col('source')).value = '市科技局统计台账';
      row.getCell(col('release_date')).value = '2026-11-15';
    }
  });
}

let roundId = '';
let files: Res<'collect:export'>['files'] = [];
const SCI = '市科技局';

describe('collection from the units', () => {
  it('defaults each input series to a responsible unit and keeps the planner’s choice', async () => {
    const r = await call('collect:reporters', {});
    const hte = r.reporters.find((x) => x.series === 'high_tech_enterprises')!;
    expect(hte.unit).toBe(SCI);
    expect(hte.chosen).toBe(false);
    // a driver no target names goes to the statistics bureau
    expect(r.reporters.find((x) => x.series === 'gdp_nominal')!.unit).toBe('市统计局');
    const trade = r.reporters.find((x) => x.series === 'trade_total')!;
    expect(trade.candidates.length).toBeGreaterThan(0);
    const set = await call('collect:setReporters', { reporters: [{ series: 'trade_total', unit: '市统计局' }] });
    expect(set.reporters.find((x) => x.series === 'trade_total')).toMatchObject({ unit: '市统计局', chosen: true });
    // an unknown unit is refused, naming the indicator
    const bad = await dispatch(
      fx.api().handlers,
      'collect:setReporters',
      { reporters: [{ series: 'trade_total', unit: '火星局' }] },
      { host: 'cli' },
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message_zh).toContain('进出口总额');
    await call('collect:setReporters', { reporters: [{ series: 'trade_total', unit: null }] });
  });

  it('writes one workbook per unit with only its indicators, the stamp, validation and protection', async () => {
    await call('actuals:add', {
      actuals: [
        {
          series: 'high_tech_enterprises',
          period: '2024',
          value: 520,
          source: { title: '市科技局年报', date: '2025-02-01', reliability: 'official' },
        },
      ],
    });
    const round = await call('collect:createRound', {
      name: '2026年11月征集',
      contact: '王五',
      phone: '0715-8000000',
      return_date: '2026-11-30',
      ytd_month: 10,
      units: [SCI, '市商务局', '市统计局'],
    });
    roundId = round.id;
    const out = await call('collect:export', { round_id: roundId });
    files = out.files;
    expect(files.map((f) => f.unit)).toEqual([SCI, '市商务局', '市统计局']);
    const reporters = (await call('collect:reporters', {})).reporters;
    const wb = await load(files[0]!.content_base64);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['填报说明', '填报', '_stamp']);
    expect(wb.getWorksheet('_stamp')!.state).toBe('veryHidden');
    const stamp = Object.fromEntries(
      wb
        .getWorksheet('_stamp')!
        .getSheetValues()
        .filter(Boolean)
        .map((r) => [(r as unknown[])[1], (r as unknown[])[2]]),
    );
    expect(stamp).toMatchObject({ format: 'xianning-plan-studio/collect', plan_id: fx.api().plan.id, unit: SCI, round_id: roundId });
    expect(String(stamp.checksum)).toMatch(/^[0-9a-f]{16}$/);
    const ws = wb.getWorksheet('填报')!;
    const series = new Set<string>();
    const periods = new Set<string>();
    ws.eachRow((row, r) => {
      if (r <= HEADER_ROW) return;
      series.add(String(row.getCell(col('series')).value));
      periods.add(String(row.getCell(col('period')).value));
    });
    expect([...series].sort()).toEqual(
      reporters
        .filter((x) => x.unit === SCI)
        .map((x) => x.series)
        .sort(),
    );
    expect([...periods]).toEqual(['2024', '2025', '2026-10']);
    // the held value and its source, the validation and the protection
    let heldRow = 0;
    ws.eachRow((row, r) => {
      if (row.getCell(col('series')).value === 'high_tech_enterprises' && row.getCell(col('period')).value === '2024') heldRow = r;
    });
    expect(ws.getCell(heldRow, col('held')).value).toBe(520);
    expect(String(ws.getCell(heldRow, col('held_source')).value)).toContain('市科技局年报');
    const v = ws.getCell(heldRow, col('value'));
    expect(v.dataValidation).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(v.protection?.locked).toBe(false);
    expect(ws.getCell(heldRow, col('name')).protection?.locked ?? true).toBe(true);
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    expect(String(wb.getWorksheet('填报说明')!.getCell(4, 1).value)).toContain(SCI);
    expect(String(wb.getWorksheet('填报说明')!.getCell(5, 1).value)).toContain('王五');
    expect(String(wb.getWorksheet('填报说明')!.getCell(6, 1).value)).toContain('2026-11-30');
    const status = (await call('collect:status', { round_id: roundId }))!;
    expect(status.units.map((u) => u.state)).toEqual(['outstanding', 'outstanding', 'outstanding']);
  });

  it('refuses a file with a bad value whole, naming the indicator, the cell and the range', async () => {
    const wb = await load(files[0]!.content_base64);
    fill(wb.getWorksheet('填报')!, { 'high_tech_enterprises@2025': 600, 'little_giants@2025': -3 });
    const before = (await call('actuals:list', {})).length;
    const { reports } = await call('collect:import', { files: [{ name: '科技局-错.xlsx', content_base64: await save(wb) }] });
    expect(reports[0]).toMatchObject({ outcome: 'refused', reason_code: 'figures', unit: SCI, stored: [] });
    expect(reports[0]!.refused).toHaveLength(1);
    expect(reports[0]!.refused[0]!.message_zh).toMatch(/国家级专精特新“小巨人”企业（2025年，填报!J\d+）：-3家 不能为负数，允许 不小于 0家/);
    expect((await call('actuals:list', {})).length).toBe(before);
    expect((await call('collect:status', { round_id: roundId }))!.units[0]!.state).toBe('problems');
  });

  it('refuses the wrong unit’s file and a file of another plan, and asks before mapping moved columns', async () => {
    const trade = await load(files[1]!.content_base64);
    const wrong = await call('collect:import', { expect_unit: SCI, files: [{ name: '商务局.xlsx', content_base64: await save(trade) }] });
    expect(wrong.reports[0]).toMatchObject({ outcome: 'refused', reason_code: 'wrong_unit' });
    expect(wrong.reports[0]!.reason_zh).toContain('这是“市商务局”的征集表，不是“市科技局”的');

    const other = await load(files[1]!.content_base64);
    other.getWorksheet('_stamp')!.getCell(2, 2).value = 'another_plan';
    const op = await call('collect:import', { files: [{ name: '他规划.xlsx', content_base64: await save(other) }] });
    expect(op.reports[0]).toMatchObject({ outcome: 'refused', reason_code: 'wrong_plan' });
    expect(op.reports[0]!.reason_zh).toContain('此表属于另一规划（another_plan）');

    // moved columns: the unit swapped 数据来源 and 填报数值
    const moved = await load(files[1]!.content_base64);
    const ws = moved.getWorksheet('填报')!;
    fill(ws, { 'trade_total@2024': 301.5, 'trade_total@2025': 320 }, '赵六');
    ws.eachRow((row) => {
      const a = row.getCell(col('value')).value;
      row.getCell(col('value')).value = row.getCell(col('source')).value;
      row.getCell(col('source')).value = a;
    });
    const b64 = await save(moved);
    const first = await call('collect:import', { files: [{ name: '商务局-移列.xlsx', content_base64: b64 }] });
    expect(first.reports[0]).toMatchObject({ outcome: 'refused', reason_code: 'moved_columns' });
    expect(first.reports[0]!.reason_zh).toContain('填报数值→K列');
    const confirmed = await call('collect:import', { confirm_mapping: true, files: [{ name: '商务局-移列.xlsx', content_base64: b64 }] });
    expect(confirmed.reports[0]).toMatchObject({ outcome: 'stored', unit: '市商务局', filled_by: '赵六' });
    expect(confirmed.reports[0]!.stored.map((s) => [s.period, s.value])).toEqual([
      ['2024', 301.5],
      ['2025', 320],
    ]);
  });

  it('stores good values with provenance, lists empty cells, and keeps a contradicting figure for the planner', async () => {
    const wb = await load(files[0]!.content_base64);
    fill(wb.getWorksheet('填报')!, {
      'high_tech_enterprises@2024': 530,
      'high_tech_enterprises@2025': 600,
      'high_tech_enterprises@2026-10': '655',
    });
    const { reports } = await call('collect:import', {
      round_id: roundId,
      expect_unit: SCI,
      files: [{ name: '科技局.xlsx', content_base64: await save(wb) }],
    });
    const r = reports[0]!;
    expect(r).toMatchObject({ outcome: 'stored', filled_by: '李四', filled_at: '2026-11-20' });
    expect(r.stored.map((s) => [s.series, s.period, s.value])).toEqual([
      ['high_tech_enterprises', '2025', 600],
      ['high_tech_enterprises', '2026-10', 655],
    ]);
    expect(r.conflicts.map((c) => [c.period, c.value, c.stored_value])).toEqual([['2024', 530, 520]]);
    expect(r.empty.length).toBeGreaterThan(0);
    const hte = await call('actuals:list', { series: 'high_tech_enterprises' });
    const ytd = hte.find((a) => a.period === '2026-10')!;
    expect(ytd).toMatchObject({
      value: 655,
      entered_by: '李四',
      vintage: '2026-11-15',
      source: { title: '市科技局报送：市科技局统计台账', date: '2026-11-15', reliability: 'internal' },
    });
    expect(ytd.note).toContain('报送单位：市科技局');
    expect(ytd.note).toContain('文件：科技局.xlsx');
    expect(ytd.note).toContain('填报日期：2026-11-20');
    // the stored 520 is untouched until the planner decides
    expect(hte.filter((a) => a.period === '2024').map((a) => a.value)).toEqual([520]);
    const status = (await call('collect:status', { round_id: roundId }))!;
    expect(status.units[0]).toMatchObject({ unit: SCI, state: 'problems', open_conflicts: 1 });
    const taken = await call('collect:resolve', { id: status.conflicts[0]!.id, choice: 'take' });
    expect(taken.resolution).toBe('take');
    const after = await call('actuals:list', { series: 'high_tech_enterprises' });
    expect(after.filter((a) => a.period === '2024').map((a) => a.value)).toEqual([530]);
    expect((await call('collect:status', { round_id: roundId }))!.units[0]!.state).toBe('returned');
  });

  it('reads a GBK CSV save-as of the statistics bureau’s workbook', async () => {
    const wb = await load(files[2]!.content_base64);
    const ws = wb.getWorksheet('填报')!;
    fill(ws, { 'gdp_nominal@2024': 1500.25, 'gdp_nominal@2025': 1580 }, '钱七');
    const lines: string[] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= COLLECT_COLUMNS.length; c++) {
        const v = row.getCell(c).value;
        const t = v === null || v === undefined ? '' : String(v);
        cells.push(/[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
      }
      lines.push(cells.join(','));
    });
    const text = lines.join('\r\n');
    const gbk = encodeGbk(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(new TextDecoder('gbk').decode(gbk)).toBe(text);
    const { reports } = await call('collect:import', { files: [{ name: '统计局.csv', content_base64: gbk.toString('base64') }] });
    expect(reports[0]).toMatchObject({ outcome: 'stored', unit: '市统计局', filled_by: '钱七' });
    const gdp = await call('actuals:list', { series: 'gdp_nominal' });
    expect(gdp.find((a) => a.period === '2024' && a.entered_by === '钱七')?.value).toBe(1500.25);
  });

  it('shows what the round changed on the scoreboard, and keeps its history', async () => {
    const status = (await call('collect:status', { round_id: roundId }))!;
    expect(status.effect).not.toBeNull();
    expect(status.effect!.total).toBe(fx.api().plan.targets.length);
    // 高新技术企业's 2024-2025 figures from the unit put it behind schedule: read from progress on the
    // assumed 2023 base, the verdict now rests on an assumption, and the count says so
    expect(status.effect!.moved).toContainEqual({
      target: 'high_tech_enterprises',
      name_zh: '高新技术企业',
      before: 'achieved_early',
      after: 'lagging',
    });
    expect(status.effect!.assumed_after).toBeGreaterThan(0);
    expect(status.effect!.assumed_after).toBeLessThanOrEqual(status.effect!.total);
    expect(status.imports.map((i) => i.outcome)).toEqual(['refused', 'refused', 'refused', 'stored', 'stored', 'stored']);
    expect((await call('collect:rounds', {})).map((r) => r.id)).toEqual([roundId]);
  });

  it('carries the reporting units in a workspace file', async () => {
    await call('collect:setReporters', { reporters: [{ series: 'trade_total', unit: '市统计局' }] });
    const ws = await call('scenarios:export', { workspace: true });
    expect((ws.content as { reporters?: unknown }).reporters).toEqual([{ series: 'trade_total', unit: '市统计局' }]);
    const dir2 = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-collect2-'));
    const api2 = createApi({ dbPath: path.join(dir2, 'studio.sqlite'), host: 'cli' });
    try {
      const r = await dispatch(api2.handlers, 'scenarios:import', { content: ws.content }, { host: 'cli' });
      expect(r.ok).toBe(true);
      const rep = await dispatch(api2.handlers, 'collect:reporters', {}, { host: 'cli' });
      const value = (rep.ok ? rep.value : null) as Res<'collect:reporters'> | null;
      expect(value?.reporters.find((x) => x.series === 'trade_total')).toMatchObject({ unit: '市统计局', chosen: true });
      // a workspace file without reporters (older) still imports
      const { reporters: _r, ...older } = ws.content as Record<string, unknown>;
      const r2 = await dispatch(api2.handlers, 'scenarios:import', { content: older }, { host: 'cli' });
      expect(r2.ok).toBe(true);
    } finally {
      api2.close();
      fs.rmSync(dir2, { recursive: true, force: true });
    }
  });
});
