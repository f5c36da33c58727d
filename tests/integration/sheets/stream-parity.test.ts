/**
 * The streaming .xlsx reader (issue 19 item 6) gives what the in-memory reader gives, on every
 * kind of workbook the imports meet: the briefing pack the studio writes itself (many sheets,
 * merged headers, styles, formulas), exceljs-written tables with percents, dates, formulas with
 * and without cached results, error values, rich text, hyperlinks, merged ranges, blank rows and
 * styled empty cells, sheets in another order, and the fault suite's bare inline-string workbook.
 * Also: the total-cell limit of a workbook, just over and just under it.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../../scenarios/briefing/workbook';
import { MAX_IN_MEMORY_CELLS, MAX_WORKBOOK_CELLS } from '../../../scenarios/plan/sheet-limits';
import { readWorkbook, readXlsx, SheetReadError } from '../../../scenarios/sheets/read';
import { sheetXml, xlsx, xlsxSheets } from '../../faults/xlsx';
import { presetInput } from '../briefing/fixtures';

async function both(bytes: Buffer, name: string): Promise<void> {
  const memory = await readXlsx(bytes, name, 'memory');
  const stream = await readXlsx(bytes, name, 'stream');
  expect(memory.via).toBe('memory');
  expect(stream.via).toBe('stream');
  expect(stream.sheets.map((s) => s.name)).toEqual(memory.sheets.map((s) => s.name));
  for (let i = 0; i < memory.sheets.length; i++) {
    expect(stream.sheets[i]!.rows.length, `${memory.sheets[i]!.name}: rows`).toBe(memory.sheets[i]!.rows.length);
    expect(stream.sheets[i]!.rows, memory.sheets[i]!.name).toEqual(memory.sheets[i]!.rows);
  }
  // readWorkbook takes the streaming path for these
  const plain = await readWorkbook(bytes, name);
  expect(plain.sheets).toEqual(stream.sheets);
}

async function book(fill: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the streaming reader reads as the in-memory reader does', () => {
  it('the briefing pack the studio writes (every sheet, merged headers, styles, formulas)', async () => {
    await both(await buildWorkbook(presetInput('zh-CN')), '简报.xlsx');
  }, 60_000);

  it('a table with percents, dates, formulas, errors, rich text, hyperlinks, merges, blank rows, styled empty cells', async () => {
    const bytes = await book((wb) => {
      const ws = wb.addWorksheet('指标');
      ws.addRow(['2025年1-10月主要经济指标']);
      ws.mergeCells('A1:E1');
      ws.addRow([]);
      ws.addRow(['指标名称', '本月', '累计增长', '日期', '备注']);
      ws.addRow([
        '地区生产总值',
        1234.5,
        0.052,
        new Date(Date.UTC(2025, 9, 31)),
        { richText: [{ text: '初步' }, { text: '核算', font: { bold: true } }] },
      ]);
      ws.getCell('C4').numFmt = '0.0%';
      ws.getCell('D4').numFmt = 'yyyy-mm-dd';
      ws.addRow([
        '规上工业增加值',
        { formula: 'B4*2', result: 2469 },
        { formula: 'B4&"亿元"', result: '1234.5亿元' },
        { formula: 'NOW()' },
        true,
      ]);
      ws.addRow(['固定资产投资', { error: '#N/A' }, -0.013, null, { text: '来源', hyperlink: 'https://example.invalid/' }]);
      ws.getCell('C6').numFmt = '0%';
      ws.addRow(['社会消费品零售总额', 88]);
      ws.mergeCells('B7:B8');
      ws.getCell('H10').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
      ws.addRow([]);
      ws.getRow(12).getCell(2).value = '表尾';
      const second = wb.addWorksheet('说明');
      second.addRow(['说明', '数据来源：咸宁市统计局']);
      wb.addWorksheet('空表');
    });
    await both(bytes, '月报.xlsx');
  });

  it('sheets reordered after writing, a far column, numbers stored as text', async () => {
    const bytes = await book((wb) => {
      const a = wb.addWorksheet('甲');
      a.addRow(['a', '1.5', 2]);
      a.getCell('IZ3').value = '第260列'; // past the 256 columns read
      const b = wb.addWorksheet('乙');
      b.addRow(['b']);
      (b as unknown as { orderNo: number }).orderNo = -1;
    });
    await both(bytes, '顺序.xlsx');
  });

  it("the fault suite's bare workbook: inline strings, no shared strings, no styles", async () => {
    await both(
      xlsx(
        sheetXml([
          ['指标', '数值'],
          ['一', 1],
          [null, 2.5],
          ['三', null],
        ]),
      ),
      '简.xlsx',
    );
  });

  it('a workbook whose formulas end in an error goes to the in-memory reader (the streaming one loses the error)', async () => {
    const bytes = await book((wb) => {
      wb.addWorksheet('指标').addRow(['增速', { formula: '1/0', result: { error: '#DIV/0!' } }]);
    });
    await expect(readXlsx(bytes, 'x.xlsx', 'stream')).rejects.toThrow();
    const wb = await readXlsx(bytes, 'x.xlsx');
    expect(wb.via).toBe('memory');
    expect(wb.sheets[0]!.rows[0]![1]).toEqual({ cell_problem: 'error_value', detail: '#DIV/0!', address: 'B1' });
  });
});

describe('the in-memory reader only for workbooks well within the reader’s heap bound', () => {
  /** `rows` rows of 10 cells, the first holding a formula whose cached result is #DIV/0! (an in-memory layout). */
  const withErrorFormula = (rows: number) =>
    xlsx(
      Buffer.from(
        sheetXml(
          (function* () {
            yield ['指标', '年份', '月份', '累计值', '来源', '说明', '单位', '备注', '核对'];
            for (let r = 1; r < rows; r++) yield Array.from({ length: 10 }, (_, c) => r * 10 + c);
          })(),
        )
          .toString('utf8')
          .replace('<row r="1">', '<row r="1"><c r="J1" t="e"><f>1/0</f><v>#DIV/0!</v></c>'),
        'utf8',
      ),
    );

  it(`reads ${MAX_IN_MEMORY_CELLS.toLocaleString('en-US')} cells in that layout, and refuses one row more before reading, saying what to do`, async () => {
    const at = await readXlsx(withErrorFormula(MAX_IN_MEMORY_CELLS / 10), '全年.xlsx');
    expect(at.via).toBe('memory');
    expect(at.sheets[0]!.rows).toHaveLength(MAX_IN_MEMORY_CELLS / 10);
    expect(at.sheets[0]!.rows[0]![9]).toEqual({ cell_problem: 'error_value', detail: '#DIV/0!', address: 'J1' });
    const e = await readXlsx(withErrorFormula(MAX_IN_MEMORY_CELLS / 10 + 1), '全年.xlsx').then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(SheetReadError);
    const err = e as SheetReadError;
    expect(err.code).toBe('too_large');
    expect(err.message_zh).toMatch(/^文件“全年.xlsx”：工作簿含有只能整体读入的内容/);
    expect(err.message_zh).toContain('200,000 个单元格');
    expect(err.message_zh).toContain('选择性粘贴');
    expect(err.message_en).toContain('over 200,000 cells');
    expect(err.message_en).toContain('nothing was imported');
  }, 120_000);
});

/** `sheets` sheets of `rows` rows x 10 number cells. */
function wideBook(sheets: number, rows: number): Buffer {
  const xml = sheetXml(
    (function* () {
      for (let r = 0; r < rows; r++) yield Array.from({ length: 10 }, (_, c) => r * 10 + c);
    })(),
  );
  return xlsxSheets(Array.from({ length: sheets }, (_, i) => ({ name: `第${i + 1}表`, xml })));
}

describe('the total-cell limit of a workbook', () => {
  const perSheet = MAX_WORKBOOK_CELLS / 4 / 10; // rows of 10 cells: four sheets fill the limit

  it(`refuses four sheets of ${MAX_WORKBOOK_CELLS.toLocaleString('en-US')} cells and one more, naming the limit and the sheet`, async () => {
    const atLimit = wideBook(4, perSheet);
    const bytes = wideBook(5, (perSheet / 5) * 4 + 1); // five sheets of (limit / 50 + 1) rows: 50 cells over, each sheet well within its own limit
    const e = await readWorkbook(bytes, '全年.xlsx').then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(SheetReadError);
    const err = e as SheetReadError;
    expect(err.code).toBe('too_many_workbook_cells');
    expect(err.message_zh).toContain(MAX_WORKBOOK_CELLS.toLocaleString('en-US'));
    expect(err.message_zh).toContain('第5表');
    expect(err.message_zh).toMatch(/^文件“全年.xlsx”/);
    expect(err.message_en).toContain(MAX_WORKBOOK_CELLS.toLocaleString('en-US'));
    expect(err.message_en).toContain('sheet "第5表"');
    // exactly at the limit: read, through the streaming reader
    const at = await readXlsx(atLimit, '全年.xlsx');
    expect(at.via).toBe('stream');
    expect(at.sheets.reduce((n, s) => n + s.rows.length * (s.rows[0]?.length ?? 0), 0)).toBe(MAX_WORKBOOK_CELLS);
  }, 120_000);
});
