/**
 * The indicator-table import (plan:importTable, through the API dispatch) reads the number
 * spellings issue 16 found read wrong without a warning, from a workbook exceljs writes: a cell
 * showing 15% (0.15 with format 0%) is a 15% target; 1.2亿元 under 万元 is 12000, and under 家 is
 * refused with the reason; −3.5 (U+2212) and (120) keep their sign (a negative growth target is
 * read; a negative level is refused by the plausibility rules, naming the value read, as are a
 * share base of 130% and a negative count); 1.5万亿元 is 15000 under 亿元
 * and keeps its unit where the row gives none; 2.5倍 is refused with the reason under 亿元 and read
 * under 倍; a percentage under a unit that is not a percent is refused, not read as a share.
 * All or nothing: the table with the refused rows builds no plan and names each of them; the same
 * table without them builds the plan.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('spellings');
const call = fx.call;

/** The refused rows (4, 7, 9, 11, 14, 15) are written blank when `clean`, as a planner takes them out. */
const REFUSED = [4, 7, 9, 11, 14, 15];
async function table(clean = false): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('主要指标');
  ws.addRow(['指标名称', '单位', '基期值', '目标值', '目标年']); // 1
  ws.addRow(['研发投入强度', '%', 0.021, 0.15, 2026]); // 2: C 0.0%, D 0%
  ws.addRow(['社会消费品零售总额', '万元', '9,800', '1.2亿元', 2026]); // 3
  ws.addRow(clean ? [] : ['规上工业企业', '家', 600, '1.2亿元', 2026]); // 4: refused
  ws.addRow(['地区生产总值', '亿元', '1，234', '1.5万亿元', 2026]); // 5
  ws.addRow(['新兴产业产值', '', 800, '1.5万亿元', 2026]); // 6: the cell's unit is kept
  ws.addRow(clean ? [] : ['净流出人口', '人', '(120)', '\u22123.5万人', 2026]); // 7: refused, the sign kept
  ws.addRow(['出口额年均增长', '%', 120, '(3.5)', 2026]); // 8
  ws.addRow(clean ? [] : ['工业产值翻番', '亿元', 500, '2.5倍', 2026]); // 9: refused
  ws.addRow(['产值倍数', '倍', 1, '2.5倍', 2026]); // 10
  ws.addRow(clean ? [] : ['零售额占比', '亿元', 100, 0.3, 2026]); // 11: D 0%, refused
  ws.addRow(['高新技术企业', '家', '６５５', '９２０家', 2026]); // 12
  ws.addRow(['进口额年均增长', '%', 80, '\u22122.5%', 2026]); // 13
  ws.addRow(clean ? [] : ['行政村5G通达率', '%', 130, '100%', 2026]); // 14: refused
  ws.addRow(clean ? [] : ['规上企业', '家', 600, -5, 2026]); // 15: refused
  ws.getCell('C2').numFmt = '0.0%';
  ws.getCell('D2').numFmt = '0%';
  ws.getCell('D11').numFmt = '0%';
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('plan:importTable reads number spellings in the row unit, or refuses them with the reason', () => {
  it('every quoted case of issue 16 item 3: the refused spellings named, no plan built; the rest read once they are out', async () => {
    const content = await table();
    const step1 = await call('plan:importTable', { content_base64: content, file_name: '主要指标.xlsx' });
    // the preview shows the percent cells as Excel shows them
    expect(step1.preview[0]).toEqual(['研发投入强度', '%', '2.1%', '15%', 2026]);
    const refused = await call('plan:importTable', {
      content_base64: content,
      file_name: '主要指标.xlsx',
      mapping: step1.mapping,
      base_year: 2023,
    });
    // all or nothing: six bad rows, so no plan
    expect(refused.result?.ok).toBe(false);
    expect(refused.result?.plan).toBeNull();
    expect(refused.result?.errors[0]?.message_zh).toContain('表中有 6 行有误，未生成规划');

    const reasons = (row: number) => {
      const x = refused.result!.rejected.find((y) => y.row === row);
      return { zh: x?.reasons_zh.join('；') ?? '', en: x?.reasons_en.join('; ') ?? '' };
    };
    expect(refused.result!.rejected.map((x) => x.row)).toEqual(REFUSED);
    expect(refused.result!.rejected.map((x) => x.name)).toEqual([
      '规上工业企业',
      '净流出人口',
      '工业产值翻番',
      '零售额占比',
      '行政村5G通达率',
      '规上企业',
    ]);
    // U+2212 and (120) keep their sign, 万 under 人 is ten thousand: a negative level is refused
    expect(reasons(7).zh).toContain('净流出人口（基期值）：-120人 不能为负数，允许 不小于 0人');
    expect(reasons(7).zh).toContain('净流出人口（目标值）：-35000人 不能为负数');
    expect(reasons(7).en).toContain('(base-year value): -120 人 cannot be negative');
    expect(reasons(14).zh).toContain('第14行「基期值」列');
    expect(reasons(14).zh).toContain('行政村5G通达率（基期值）：130% 超出允许范围，允许 0–100%');
    expect(reasons(15).zh).toContain('规上企业（目标值）：-5家 不能为负数');
    expect(reasons(4).zh).toMatch(/第4行「目标值」列.*亿元.*家/);
    expect(reasons(4).en).toMatch(/row 4, target column .*cannot be read: .*亿元.*家/);
    expect(reasons(9).zh).toMatch(/第9行「目标值」列.*倍/);
    expect(reasons(9).en).toMatch(/row 9.*multiple/);
    expect(reasons(11).zh).toContain('目标值“30%”是百分数，该指标的单位是“亿元”');
    expect(reasons(11).en).toContain('the target "30%" is a percentage, but the indicator is in 亿元');

    const r = await call('plan:importTable', {
      content_base64: await table(true),
      file_name: '主要指标.xlsx',
      mapping: step1.mapping,
      base_year: 2023,
    });
    expect(r.result?.ok).toBe(true);
    expect(r.result?.rejected).toEqual([]);
    const plan = r.result!.plan!;
    const target = (row: number) => plan.targets.find((t) => t.id === `row_${row}`);
    const base = (row: number) => plan.actuals.find((a) => a.series === `row_${row}` && a.period === '2023')?.value;
    const unit = (row: number) => plan.series.find((s) => s.id === `row_${row}`)?.unit;

    expect(target(2)).toMatchObject({ kind: 'share', target: 15, unit: '%' }); // not 0.15%
    expect(base(2)).toBe(2.1);
    expect(target(3)).toMatchObject({ target: 12000, unit: '万元' }); // 1.2亿元 under 万元
    expect(base(3)).toBe(9800);
    expect(target(5)).toMatchObject({ target: 15000, unit: '亿元' }); // 1.5万亿元 under 亿元
    expect(base(5)).toBe(1234);
    expect(target(6)).toMatchObject({ target: 1.5, unit: '万亿元' });
    expect(unit(6)).toBe('万亿元');
    expect(target(8)).toMatchObject({ kind: 'growth_rate', target: -3.5, unit: '%' }); // accounting negative
    expect(target(13)).toMatchObject({ kind: 'growth_rate', target: -2.5, unit: '%' }); // U+2212
    expect(target(10)).toMatchObject({ target: 2.5, unit: '倍' });
    expect(target(12)).toMatchObject({ target: 920, unit: '家' });
    expect(base(12)).toBe(655);
    expect(plan.targets.map((t) => t.id)).toEqual([2, 3, 5, 6, 8, 10, 12, 13].map((n) => `row_${n}`));
  });
});
