/**
 * Large uploads are read in a worker thread with a bounded heap (scenarios/sheets/reader-pool.ts,
 * issue 19 item 6): a large accepted workbook comes back cell for cell as the calling thread
 * reads it; the reader's limit refusals come back unchanged; a read that passes the heap bound is
 * refused in both languages, naming the bound, and the next read works; four at once are read one
 * after another; small files are read on the calling thread; the desktop app's bundle of the
 * worker reads the same. Memory itself is measured in `npm run bench -- sheets`, never asserted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_READER_HEAP_MB, MAX_SHEET_ROWS } from '../../../scenarios/plan/sheet-limits';
import { decodeWorkbook } from '../../../scenarios/sheets/compact';
import { PercentCell, readWorkbook, READ_HERE_MAX_CELLS, SheetReadError } from '../../../scenarios/sheets/read';
import {
  readerStats,
  setReaderHeapLimitForTests,
  setReaderTimeLimitForTests,
  type FromReader,
} from '../../../scenarios/sheets/reader-pool';
import { buildElectron } from '../../../scripts/build-electron';
import { sheetXml, xlsx } from '../../faults/xlsx';

afterEach(() => {
  setReaderHeapLimitForTests(null);
  setReaderTimeLimitForTests(null);
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

/** `n` rows of 10 cells: a text, numbers, a repeated unit (the fast writer of the fault suite). */
function plainBook(n: number): Buffer {
  return xlsx(
    sheetXml(
      (function* () {
        yield ['指标', '单位', '1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月'];
        for (let r = 1; r < n; r++) yield [`指标${r}`, '亿元', ...Array.from({ length: 8 }, (_, c) => r * 10 + c + 0.25)];
      })(),
    ),
  );
}

describe('reading large uploads in a bounded worker', () => {
  it('reads a large accepted workbook there, cell for cell as on the calling thread (texts, percents, dates, merges, problems)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('全年指标');
    ws.addRow(['2025年1-10月主要经济指标']);
    ws.mergeCells('A1:F1');
    ws.addRow(['指标', '单位', '本月', '增速', '日期', '已核']);
    const rows = 20_000;
    for (let r = 0; r < rows; r++) {
      const row = ws.addRow([`咸宁指标${r % 500}`, '亿元', r * 1.5, 0.01 * (r % 30), new Date(Date.UTC(2025, r % 12, 1)), r % 2 === 0]);
      row.getCell(4).numFmt = '0.0%';
    }
    ws.addRow(['合计', '亿元', { formula: 'SUM(C3:C9)' }, { error: '#N/A' }]);
    const other = wb.addWorksheet('说明');
    other.addRow(['来源', '市统计局']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    expect(bytes.length).toBeGreaterThan(0);

    const before = readerStats.started;
    const here = await readWorkbook(bytes, '全年.xlsx', 'here');
    const there = await readWorkbook(bytes, '全年.xlsx'); // over READ_HERE_MAX_CELLS: the worker
    expect(readerStats.started).toBe(before + 1);
    expect(here.sheets[0]!.rows.length * here.sheets[0]!.rows[0]!.length).toBeGreaterThan(READ_HERE_MAX_CELLS);
    expect(there).toEqual(here);
    const sheet = there.sheets[0]!;
    expect(sheet.rows[0]!.slice(0, 6)).toEqual(Array(6).fill('2025年1-10月主要经济指标'));
    expect(sheet.rows[2]![3]).toBeInstanceOf(PercentCell);
    expect(sheet.rows[2]![4]).toBeInstanceOf(Date);
    expect(sheet.rows[rows + 2]![2]).toEqual({ cell_problem: 'formula_without_result', detail: '=SUM(C3:C9)', address: 'C20003' });
    expect(sheet.rows[rows + 2]![3]).toEqual({ cell_problem: 'error_value', detail: '#N/A', address: 'D20003' });
    expect(there.sheets.map((s) => s.name)).toEqual(['全年指标', '说明']);
  }, 120_000);

  it('gives the reader’s own limit refusals unchanged', async () => {
    const rows = xlsx(
      sheetXml(
        (function* () {
          for (let r = 0; r <= MAX_SHEET_ROWS; r++) yield [r];
        })(),
      ),
    );
    const e = await refusal(readWorkbook(rows, '明细.xlsx', 'worker'));
    expect(e).toBeInstanceOf(SheetReadError);
    expect((e as SheetReadError).code).toBe('too_many_rows');
    expect((e as SheetReadError).message_zh).toMatch(/^文件“明细.xlsx”：工作表“数据”超过 100,000 行上限/);
    expect((e as SheetReadError).message_en).toContain('more than 100,000 rows');
    const damaged = plainBook(20_000);
    const cut = await refusal(readWorkbook(damaged.subarray(0, damaged.length - 40), '坏.xlsx', 'worker'));
    expect((cut as SheetReadError).code).toBe('xlsx_damaged');
  }, 120_000);

  it('refuses a read that passes the heap bound, in both languages naming the bound; the next read works', async () => {
    const bytes = plainBook(20_000); // 200,000 cells
    setReaderHeapLimitForTests(24);
    // a small file reads within 24 MB: the refusal below is the read's size, not the worker's start
    expect((await readWorkbook(plainBook(50), '小.xlsx', 'worker')).sheets[0]!.rows).toHaveLength(50);
    const e = await refusal(readWorkbook(bytes, '全年.xlsx', 'worker'));
    expect(e).toBeInstanceOf(SheetReadError);
    const err = e as SheetReadError;
    expect(err.code).toBe('too_large');
    expect(err.message_zh).toBe(
      '文件“全年.xlsx”：读取该工作簿所需内存超过 24 MB 上限（单元格过多或内容过于复杂），未导入任何数据；请删去不需要的工作表、行或列，或分批导入',
    );
    expect(err.message_en).toContain('more than the 24 MB of memory allowed for one upload');
    expect(err.message_en).toContain('nothing was imported');
    setReaderHeapLimitForTests(null);
    const wb = await readWorkbook(bytes, '全年.xlsx', 'worker');
    expect(wb.sheets[0]!.rows).toHaveLength(20_000);
    expect(wb.sheets[0]!.rows[19_999]).toEqual(['指标19999', '亿元', ...Array.from({ length: 8 }, (_, c) => 199_990 + c + 0.25)]);
    expect(MAX_READER_HEAP_MB).toBe(256);
  }, 180_000);

  it('stops a read that has not ended within its time bound and refuses it; the next read works', async () => {
    const bytes = plainBook(20_000);
    setReaderTimeLimitForTests(0.2); // the worker does not even load exceljs in that time
    const e = await refusal(readWorkbook(bytes, '全年.xlsx', 'worker'));
    expect(e).toBeInstanceOf(SheetReadError);
    expect((e as SheetReadError).code).toBe('too_large');
    expect((e as SheetReadError).message_zh).toBe(
      '文件“全年.xlsx”：读取该工作簿超过 0.2 秒仍未完成，已停止，未导入任何数据；请删去不需要的工作表、行或列，或分批导入',
    );
    expect((e as SheetReadError).message_en).toContain('had not finished after 0.2 seconds and was stopped; nothing was imported');
    setReaderTimeLimitForTests(null);
    expect((await readWorkbook(bytes, '全年.xlsx', 'worker')).sheets[0]!.rows).toHaveLength(20_000);
  }, 120_000);

  it('reads four uploads at once one after another, each whole', async () => {
    const bytes = plainBook(12_000);
    const expected = await readWorkbook(bytes, 'a.xlsx', 'here');
    readerStats.mostAtOnce = 0;
    const before = readerStats.started;
    const all = await Promise.all([1, 2, 3, 4].map((i) => readWorkbook(bytes, 'a.xlsx', 'worker').then((wb) => ({ i, wb }))));
    expect(readerStats.started).toBe(before + 4);
    expect(readerStats.mostAtOnce).toBe(1);
    for (const { wb } of all) expect(wb).toEqual(expected);
  }, 180_000);

  it('reads small files on the calling thread', async () => {
    const before = readerStats.started;
    expect((await readWorkbook(Buffer.from('指标,数值\n地区生产总值,1\n'), 'a.csv')).sheets[0]!.rows).toHaveLength(2);
    expect((await readWorkbook(plainBook(100), 'a.xlsx')).sheets[0]!.rows).toHaveLength(100);
    expect(readerStats.started).toBe(before);
  });

  it('the desktop app’s bundle of the worker (sheet-reader.cjs beside utility.cjs) reads the same', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sheet-reader-bundle-'));
    try {
      const built = await buildElectron(out);
      expect(path.dirname(built.sheetReader)).toBe(path.dirname(built.utility));
      const bytes = plainBook(3_000);
      const msg = await new Promise<FromReader>((resolve, reject) => {
        const w = new Worker(built.sheetReader, {
          workerData: { bytes: new Uint8Array(bytes), file_name: 'a.xlsx' },
          resourceLimits: { maxOldGenerationSizeMb: 64 },
        });
        w.once('message', resolve);
        w.once('error', reject);
      });
      expect(msg.ok).toBe(true);
      if (!msg.ok) return;
      expect(decodeWorkbook(msg.workbook)).toEqual(await readWorkbook(bytes, 'a.xlsx', 'here'));
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
