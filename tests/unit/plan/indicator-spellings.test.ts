import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { guessMapping, planFromIndicatorRows, readIndicatorSheet } from '../../../scenarios/plan/indicator-import';

/** The spellings issue 16 found read wrong, in a workbook written by exceljs. */
async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('指标');
  ws.addRow(['咸宁市“十四五”主要指标']); // a title row above the header
  ws.addRow(['指标名称', '单位', '基期值', '目标值', '目标年']); // 2
  ws.addRow(['研发投入强度', '%', 0.021, 0.15, 2026]); // 3: C and D shown as % (0.0% / 0%)
  ws.addRow(['社会消费品零售总额', '万元', '9,800', '1.2亿元', 2026]); // 4
  ws.addRow(['地区生产总值', '亿元', '1，234', '1.5万亿元', 2026]); // 5
  ws.addRow(['出口增速', '%', '\u22123.5', '5%', 2026]); // 6
  ws.addRow(['净流出人口', '人', '(120)', '(100)', 2026]); // 7
  ws.addRow(['工业产值翻番', '亿元', 500, '2.5倍', 2026]); // 8: refused with the reason
  ws.addRow(['高新技术企业', '家', '６５５家', '９２０家', 2026]); // 9
  ws.getCell('C3').numFmt = '0.0%';
  ws.getCell('D3').numFmt = '0%';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('indicator-table import: number spellings (issue 16 item 3)', () => {
  it('refuses the table naming the spellings it cannot take; without those rows it reads each into the series unit', async () => {
    const s = await readIndicatorSheet(await workbook());
    expect(s.header_row).toBe(2);
    const options = { plan_id: 'p', title_zh: 't', base_year: 2025, first_row: 3, headers: s.headers };
    const refusedTable = planFromIndicatorRows(s.rows, guessMapping(s.headers), options);
    // all or nothing: two bad rows and no plan is built
    expect(refusedTable.ok).toBe(false);
    expect(refusedTable.rejected.map((x) => x.row)).toEqual([7, 8]);
    // accounting negatives keep their sign; a negative level is then refused by the plausibility
    // rules (models/plausibility.ts), naming the value read
    const negative = refusedTable.rejected.find((x) => x.row === 7)?.reasons_zh.join('；') ?? '';
    expect(negative).toContain('净流出人口（基期值）：-120人 不能为负数');
    expect(negative).toContain('净流出人口（目标值）：-100人 不能为负数');
    const refused = refusedTable.rejected.find((x) => x.row === 8);
    expect(refused?.name).toBe('工业产值翻番');
    expect(refused?.reasons_zh.join('')).toMatch(/第8行.*目标值.*倍数.*亿元/);
    expect(refused?.reasons_en.join('')).toMatch(/row 8.*multiple/);

    // the planner takes the two rows out (blank rows are skipped; the others keep their numbers)
    const rows = s.rows.map((row, i) => ([7, 8].includes(i + 3) ? [] : row));
    const r = planFromIndicatorRows(rows, guessMapping(s.headers), options);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const target = (row: number) => r.plan.targets.find((t) => t.id === `row_${row}`);
    const base = (row: number) => r.plan.actuals.find((a) => a.series === `row_${row}`)?.value;
    expect(target(3)?.target).toBe(15); // 0.15 shown as 15% is a 15% target, not 0.15%
    expect(base(3)).toBe(2.1);
    expect(target(4)?.target).toBe(12000); // 1.2亿元 under 万元
    expect(base(4)).toBe(9800);
    expect(target(5)?.target).toBe(15000); // 1.5万亿元 under 亿元
    expect(base(5)).toBe(1234);
    expect(base(6)).toBe(-3.5); // U+2212
    expect(target(9)?.target).toBe(920);
    expect(base(9)).toBe(655);
    expect(r.plan.targets.map((t) => t.id)).toEqual(['row_3', 'row_4', 'row_5', 'row_6', 'row_9']);
  });

  it('reads the same table from a GBK CSV', async () => {
    const { encodeGbk } = await import('../../integration/sheets/gbk');
    const csv = '咸宁市主要指标\r\n指标名称,单位,基期值,目标值,目标年\r\n社会消费品零售总额,万元,"9,800",1.2亿元,2026\r\n';
    const s = await readIndicatorSheet(encodeGbk(csv), { file_name: '指标.csv' });
    const r = planFromIndicatorRows(s.rows, guessMapping(s.headers), {
      plan_id: 'p',
      title_zh: 't',
      base_year: 2025,
      first_row: s.header_row + 1,
      headers: s.headers,
    });
    expect(r.ok && r.plan.targets[0]!.target).toBe(12000);
  });
});
