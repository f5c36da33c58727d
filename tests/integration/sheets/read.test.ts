import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MAX_SHEET_ROWS } from '../../../scenarios/plan/sheet-limits';
import { cellText, decodeCsvBytes, findHeaderRow, PercentCell, readWorkbook, SheetReadError } from '../../../scenarios/sheets/read';
import { encodeGbk, encodeUtf16 } from './gbk';

const CSV = '2025年1-10月主要经济指标\n指标名称,计量单位,1-10月累计,同比增长(%)\n规模以上工业增加值,亿元,"1,234.5",5.2\n';

async function refused(p: Promise<unknown>): Promise<SheetReadError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SheetReadError) return e;
    throw e;
  }
  throw new Error('was read');
}

describe('readWorkbook: CSV encodings', () => {
  it.each([
    ['UTF-8', Buffer.from(CSV, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, 'utf8')]), 'utf-8'],
    ['GBK (Excel on Chinese Windows)', encodeGbk(CSV), 'gb18030'],
    ['UTF-16 LE with BOM', encodeUtf16(CSV, 'le', true), 'utf-16le'],
    ['UTF-16 BE with BOM', encodeUtf16(CSV, 'be', true), 'utf-16be'],
    ['UTF-16 LE without BOM', encodeUtf16(CSV, 'le', false), 'utf-16le'],
  ])('reads %s, title row above the header', async (_name, bytes, encoding) => {
    const wb = await readWorkbook(bytes, '指标.csv');
    expect(wb.encoding).toBe(encoding);
    const rows = wb.sheets[0]!.rows;
    const h = findHeaderRow(rows);
    expect(h).toBe(1);
    expect(rows[h]!.map(cellText)).toEqual(['指标名称', '计量单位', '1-10月累计', '同比增长(%)']);
    expect(rows[2]).toEqual(['规模以上工业增加值', '亿元', '1,234.5', '5.2']);
  });

  it('reads a tab-separated UTF-16 file (Excel\'s "Unicode text")', async () => {
    const wb = await readWorkbook(
      encodeUtf16('标题\r\n指标名称\t计量单位\t1-10月累计\t同比增长(%)\r\n规模以上工业增加值\t亿元\t1,234.5\t5.2\r\n', 'le', true),
      'u.txt',
    );
    expect(wb.sheets[0]!.rows[2]).toEqual(['规模以上工业增加值', '亿元', '1,234.5', '5.2']);
  });

  it('tells GBK from UTF-8 by trying strict UTF-8 first', () => {
    expect(decodeCsvBytes(Buffer.from('咸宁', 'utf8')).encoding).toBe('utf-8');
    expect(decodeCsvBytes(encodeGbk('咸宁市')).text).toBe('咸宁市');
  });

  it('refuses a CSV over the row limit, naming the file', async () => {
    const big = Buffer.from(`a,b\n${'1,2\n'.repeat(MAX_SHEET_ROWS + 1)}`);
    const e = await refused(readWorkbook(big, 'big.csv'));
    expect(e.code).toBe('too_many_rows');
    expect(e.message_zh).toMatch(/文件“big.csv”.*100,000 行/);
  });

  it('refuses a cell over 32,767 characters naming row and column', async () => {
    const e = await refused(readWorkbook(Buffer.from(`a,b\n1,${'x'.repeat(40_000)}\n`), 'long.csv'));
    expect(e.message_zh).toMatch(/第2行 B 列/);
    expect(e.message_en).toMatch(/row 2, column B/);
  });
});

describe('readWorkbook: xlsx', () => {
  it('keeps a % format as a PercentCell (a cell showing 15% holds 0.15)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('指标');
    ws.addRow(['指标名称', '目标值']);
    ws.addRow(['研发投入强度', 0.15]);
    ws.getCell('B2').numFmt = '0%';
    const read = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), '指标.xlsx');
    const cell = read.sheets[0]!.rows[1]![1];
    expect(cell).toBeInstanceOf(PercentCell);
    expect(cellText(cell!)).toBe('15%');
  });

  it("says a damaged zip is damaged, in the planner's words with the file name, not library English", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').addRow([1]);
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    const e = await refused(readWorkbook(good.subarray(0, good.length - 40), '预算.xlsx'));
    expect(e.message_zh).toMatch(/^文件“预算.xlsx”已损坏/);
    expect(e.message_en).toMatch(/damaged/);
    expect(`${e.message_zh}${e.message_en}`).not.toMatch(/central directory|Corrupted/);
  });

  it('refuses an old .xls and an empty file', async () => {
    expect((await refused(readWorkbook(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), 'old.xls'))).code).toBe('legacy_xls');
    expect((await refused(readWorkbook(Buffer.alloc(0), 'e.csv'))).code).toBe('empty_file');
  });
});
