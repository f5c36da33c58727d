/**
 * The compact form a workbook crosses from the reader's worker thread in (scenarios/sheets/
 * compact.ts): every kind of cell comes back as it went, rows keep their lengths (CSV rows may
 * differ), each distinct text is kept once, and the reader's rows are released as they are encoded.
 */
import { describe, expect, it } from 'vitest';
import { PercentCell, type SheetCell, type Workbook } from '../../../scenarios/sheets/cells';
import { decodeWorkbook, encodeWorkbook, transferList } from '../../../scenarios/sheets/compact';

const problem = { cell_problem: 'formula_without_result', detail: '=SUM(B2:B9)', address: 'C3' } as const;

function sample(): Workbook {
  const rows: SheetCell[][] = [
    ['指标', '2024年', '增速', '日期', '是否'],
    ['地区生产总值（亿元）', 1_234.5, new PercentCell(0.052), new Date(Date.UTC(2025, 9, 31)), true],
    ['地区生产总值（亿元）', -0, new PercentCell(-0.001), null, false],
    ['规上工业增加值', Number.NaN, { ...problem }, { cell_problem: 'error_value', detail: '#DIV/0!', address: 'D4' }, ''],
    [],
    ['<a href="x">名</a> & 注', 1e308, -1e-300, 2 ** 53 + 2],
  ];
  return {
    file_name: '指标.xlsx',
    kind: 'xlsx',
    encoding: null,
    sheets: [
      { name: '指标', rows },
      { name: '空表', rows: [] },
    ],
  };
}

describe('the compact form of a workbook', () => {
  it('gives back every cell as it was: texts, numbers (-0 and NaN too), booleans, dates, percents, problems, blanks', () => {
    const expected = sample();
    const back = decodeWorkbook(encodeWorkbook(sample()));
    expect(back).toEqual(expected);
    const row = back.sheets[0]!.rows[1]!;
    expect(row[2]).toBeInstanceOf(PercentCell);
    expect((row[2] as PercentCell).fraction).toBe(0.052);
    expect(row[3]).toBeInstanceOf(Date);
    expect(Object.is(back.sheets[0]!.rows[2]![1], -0)).toBe(true);
    expect(back.sheets[0]!.rows[3]![1]).toBeNaN();
    expect(back.sheets[0]!.rows[3]![2]).toEqual(problem);
    expect(back.sheets[0]!.rows.map((r) => r.length)).toEqual([5, 5, 5, 5, 0, 4]);
    expect(back.sheets[1]).toEqual({ name: '空表', rows: [] });
    expect({ file_name: back.file_name, kind: back.kind, encoding: back.encoding }).toEqual({
      file_name: '指标.xlsx',
      kind: 'xlsx',
      encoding: null,
    });
  });

  it('keeps each distinct text once, and releases the rows it has encoded', () => {
    const wb = sample();
    const c = encodeWorkbook(wb);
    expect(c.strings.filter((s) => s === '地区生产总值（亿元）')).toHaveLength(1);
    expect(new Set(c.strings).size).toBe(c.strings.length);
    expect(wb.sheets[0]!.rows.every((r) => r === undefined)).toBe(true);
    // 9 bytes a cell in typed arrays that can be moved to another thread
    const cells = 5 * 4 + 4;
    expect(c.sheets[0]!.kinds.length).toBe(cells);
    expect(c.sheets[0]!.values.length).toBe(cells);
    expect(transferList(c)).toHaveLength(6);
    expect(transferList(c).every((b) => b instanceof ArrayBuffer)).toBe(true);
  });

  it('a decoded problem cell is a copy: changing it does not change the next decoding', () => {
    const c = encodeWorkbook(sample());
    const first = decodeWorkbook(c);
    (first.sheets[0]!.rows[3]![2] as { detail: string }).detail = 'changed';
    expect(decodeWorkbook(c).sheets[0]!.rows[3]![2]).toEqual(problem);
  });
});
