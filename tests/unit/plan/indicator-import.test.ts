import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  IndicatorImportError,
  guessMapping,
  parseTargetValue,
  planFromIndicatorRows,
  readIndicatorSheet,
  type ColumnMapping,
} from '../../../scenarios/plan/indicator-import';
import { parsePlan } from '../../../scenarios/plan/load';

/**
 * A planner's sheet: a blank first row, headers renamed and shuffled, a merged 责任单位 cell over
 * two rows, a merged 目标年 cell over three, formulas with and without a cached result, a blank
 * row, bad rows (rows 5, 6 and 10; `fixed` writes them as the planner corrects them), and a
 * second sheet.
 */
async function planners_workbook(fixed = false): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('指标表');
  ws.addRow([]); // row 1 blank: the header is the first non-empty row
  ws.addRow(['牵头单位', '目标值(2026年)', '指标', '计量单位', '完成年限', '基数']); // row 2
  ws.addRow(['市科技局、市经信局', 680, '高新技术企业', '家', 2026, 438]); // 3
  ws.addRow([null, '10%以上', '数字经济增加值占GDP比重', '%', 2026, 7.5]); // 4 (responsible merged from 3)
  ws.addRow(['市发改委', 5, fixed ? '省级产业园区' : '', '家', 2026, null]); // 5: no name
  ws.addRow(['市政数局', fixed ? 3000 : '待定', '5G基站', '个', fixed ? 2026 : '明年', null]); // 6: target and year bad
  ws.addRow(['市发改委', '下降10%', '单位地区生产总值能耗', '吨标准煤/万元', 2026, 0.52]); // 7
  ws.addRow(['市科技局', '1—2', '各县产业技术研究院', '家', null, 0]); // 8 (year merged from 7)
  ws.addRow(['市经信局', 300, '新材料产值', '亿元', null, { formula: '100*2', result: 200 }]); // 9 (year merged)
  ws.addRow(['市经信局', fixed ? { formula: 'F9*2', result: 400 } : { formula: 'F9*2' }, '纺织产值', '亿元', 2026, 150]); // 10: formula without result
  ws.addRow([]); // 11 blank, skipped
  ws.addRow(['市经信局', '100项以上', '每年实施重点技术改造项目', '项', '2026年', 95]); // 12
  ws.addRow(['市商务局', '突破300', '省级专精特新企业', '家', 2026, '—']); // 13
  ws.mergeCells('A3:A4');
  ws.mergeCells('E7:E9');
  wb.addWorksheet('说明').addRow(['本表由规划科填报']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('readIndicatorSheet', () => {
  it('reads the first sheet, the first non-empty row as header, merged cells and cached formula results', async () => {
    const s = await readIndicatorSheet(await planners_workbook());
    expect(s.sheets).toEqual(['指标表', '说明']);
    expect(s.sheet).toBe('指标表');
    expect(s.header_row).toBe(2);
    expect(s.headers).toEqual(['牵头单位', '目标值(2026年)', '指标', '计量单位', '完成年限', '基数']);
    expect(s.rows).toHaveLength(11); // rows 3..13
    expect(s.rows[1]![0]).toBe('市科技局、市经信局'); // merged A3:A4
    expect(s.rows[5]![4]).toBe(2026); // merged E7:E9
    expect(s.rows[6]![5]).toBe(200); // cached formula result
    expect(s.rows[7]![1]).toMatchObject({ cell_problem: 'formula_without_result', detail: '=F9*2', address: 'B10' });
    const other = await readIndicatorSheet(await planners_workbook(), { sheet: '说明' });
    expect(other.headers).toEqual(['本表由规划科填报']);
    await expect(readIndicatorSheet(await planners_workbook(), { sheet: '没有' })).rejects.toThrow(/找不到工作表/);
  });

  it('refuses a file that is not a workbook', async () => {
    await expect(readIndicatorSheet(Buffer.from('not an xlsx'))).rejects.toBeInstanceOf(IndicatorImportError);
  });
});

describe('guessMapping', () => {
  it('matches renamed and shuffled Chinese headers', () => {
    expect(guessMapping(['牵头单位', '目标值(2026年)', '指标', '计量单位', '完成年限', '基数'])).toEqual({
      responsible: 0,
      target: 1,
      name: 2,
      unit: 3,
      target_year: 4,
      base_value: 5,
    });
    expect(guessMapping(['指标名称', '单位', '基期值', '目标值', '目标年', '责任单位'])).toEqual({
      name: 0,
      unit: 1,
      base_value: 2,
      target: 3,
      target_year: 4,
      responsible: 5,
    });
  });

  it('matches common English headers and leaves unknown fields null', () => {
    expect(guessMapping(['Indicator name', 'Target year', 'Target', 'Base value', 'Unit', 'Responsible units'])).toEqual({
      name: 0,
      target_year: 1,
      target: 2,
      base_value: 3,
      unit: 4,
      responsible: 5,
    });
    expect(guessMapping(['Name', 'Goal', '备注'])).toEqual({
      name: 0,
      target: 1,
      unit: null,
      base_value: null,
      target_year: null,
      responsible: null,
    });
  });
});

describe('parseTargetValue', () => {
  it('reads comparators, percentages, ranges and reductions', () => {
    expect(parseTargetValue(700)).toMatchObject({ kind: 'level', comparator: '>=', target: 700 });
    expect(parseTargetValue('10%以上')).toMatchObject({ kind: 'share', comparator: '>=', comparator_zh: '以上', target: 10 });
    expect(parseTargetValue('突破300')).toMatchObject({ comparator: '>', comparator_zh: '突破', target: 300 });
    expect(parseTargetValue('20左右')).toMatchObject({ comparator: '~', target: 20 });
    expect(parseTargetValue('1—2家')).toMatchObject({ kind: 'range', comparator: 'range', target: [1, 2] });
    expect(parseTargetValue('下降10%')).toMatchObject({ kind: 'reduction', comparator: '>=', comparator_zh: '下降', target: 10 });
    expect(parseTargetValue('10%', '进出口总额年均增长')).toMatchObject({ kind: 'growth_rate', target: 10 });
    expect(parseTargetValue('１，０００亿元')).toMatchObject({ kind: 'level', target: 1000 });
    expect(parseTargetValue('不少于30家')).toMatchObject({ comparator: '>=', comparator_zh: '不少于', target: 30 });
    expect(parseTargetValue('待定')).toHaveProperty('error_zh');
    expect(parseTargetValue('2026年达到100')).toHaveProperty('error_en');
    expect(parseTargetValue('5—2')).toMatchObject({ error_en: expect.stringMatching(/minimum 5/) });
  });
});

describe('planFromIndicatorRows', () => {
  it('refuses the whole table when any row is bad, naming every bad row with its row, column and indicator (all or nothing)', async () => {
    const s = await readIndicatorSheet(await planners_workbook());
    const r = planFromIndicatorRows(s.rows, guessMapping(s.headers), {
      plan_id: 'city_test_2024_2026',
      title_zh: '测试市三年行动方案',
      base_year: 2023,
      first_row: s.header_row + 1,
      headers: s.headers,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect('plan' in r).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ path: 'rows' });
    expect(r.errors[0]!.message_zh).toBe('表中有 3 行有误，未生成规划（整张表全部导入或全部不导入）：请按下列各行的原因改正文件后重新导入');
    expect(r.errors[0]!.message_en).toBe(
      '3 rows of the table have errors, so no plan was built (the whole table is imported or none of it): fix the rows listed below and import the file again',
    );
    const rejected = r.rejected;
    expect(rejected.map((x) => x.row)).toEqual([5, 6, 10]);
    const byRow = new Map(rejected.map((x) => [x.row, x]));
    // the indicator by its Chinese name, when the row gives one
    expect(rejected.map((x) => x.name ?? null)).toEqual([null, '5G基站', '纺织产值']);
    expect(byRow.get(5)!.reasons_zh).toEqual(['第5行「指标名称」列(C列,表头“指标”):缺少指标名称']);
    expect(byRow.get(5)!.reasons_en[0]).toMatch(/^row 5, indicator name column \(C, "指标"\): .*missing/);
    expect(byRow.get(6)!.reasons_zh).toHaveLength(2);
    expect(byRow.get(6)!.reasons_zh[0]).toMatch(/^第6行「目标值」列.*“待定”不是数字/);
    expect(byRow.get(6)!.reasons_zh[1]).toMatch(/^第6行「目标年」列.*“明年”不是年份/);
    expect(byRow.get(10)!.reasons_zh[0]).toMatch(/第10行「目标值」列.*B10 的公式 =F9\*2 没有缓存结果/);
    expect(byRow.get(10)!.reasons_en[0]).toMatch(/no cached result/);
  });

  it('builds a valid plan of every row from the corrected table', async () => {
    const s = await readIndicatorSheet(await planners_workbook(true));
    const mapping = guessMapping(s.headers);
    const r = planFromIndicatorRows(s.rows, mapping, {
      plan_id: 'city_test_2024_2026',
      title_zh: '测试市三年行动方案',
      base_year: 2023,
      first_row: s.header_row + 1,
      headers: s.headers,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { plan, rejected } = r;
    expect(rejected).toEqual([]);
    // the plan is valid on its own, also after a JSON round trip
    expect(parsePlan(JSON.parse(JSON.stringify(plan))).ok).toBe(true);
    expect(plan.id).toBe('city_test_2024_2026');
    expect([plan.base_year, plan.period_start, plan.period_end]).toEqual([2023, 2024, 2026]);

    const t = new Map(plan.targets.map((x) => [x.name_zh, x]));
    expect([...t.keys()]).toEqual([
      '高新技术企业',
      '数字经济增加值占GDP比重',
      '省级产业园区',
      '5G基站',
      '单位地区生产总值能耗',
      '各县产业技术研究院',
      '新材料产值',
      '纺织产值',
      '每年实施重点技术改造项目',
      '省级专精特新企业',
    ]);
    expect(t.get('纺织产值')).toMatchObject({ target: 400 }); // the formula's cached result
    expect(t.get('高新技术企业')).toMatchObject({
      id: 'row_3',
      kind: 'level',
      comparator: '>=',
      target: 680,
      target_year: 2026,
      unit: '家',
      responsible: ['市科技局', '市经信局'],
    });
    // merged responsible cell applies to row 4 too
    expect(t.get('数字经济增加值占GDP比重')).toMatchObject({
      kind: 'share',
      comparator: '>=',
      comparator_zh: '以上',
      target: 10,
      unit: '%',
      responsible: ['市科技局', '市经信局'],
    });
    expect(t.get('单位地区生产总值能耗')).toMatchObject({ kind: 'reduction', comparator_zh: '下降', target: 10 });
    expect(t.get('各县产业技术研究院')).toMatchObject({ kind: 'range', comparator: 'range', target: [1, 2], target_year: 2026 });
    expect(t.get('新材料产值')).toMatchObject({ target: 300, target_year: 2026 });
    expect(t.get('每年实施重点技术改造项目')).toMatchObject({ kind: 'annual_flow', target: 100, comparator_zh: '以上', unit: '项' });
    expect(t.get('省级专精特新企业')).toMatchObject({ comparator: '>', target: 300 });

    // base values become actuals of the base year, marked as internal Excel imports
    const a = new Map(plan.actuals.map((x) => [x.series, x]));
    expect(a.get('row_3')).toMatchObject({
      period: '2023',
      value: 438,
      value_kind: 'actual',
      source: { title: 'Excel 导入', reliability: 'internal' },
    });
    expect(a.get('row_9')!.value).toBe(200); // cached formula result
    expect(a.get('row_8')!.value).toBe(0);
    expect(a.has('row_13')).toBe(false); // "—" means no base value
    expect(plan.actuals).toHaveLength(7);

    // a baseline preset with flat models for every series
    expect(plan.presets).toHaveLength(1);
    const base = plan.presets[0]!;
    expect(base).toMatchObject({ id: 'baseline', name_zh: '基准情景', parent: null });
    expect(base.assumptions.map((x) => x.series).sort()).toEqual(
      plan.series
        .filter((x) => !x.derived)
        .map((x) => x.id)
        .sort(),
    );
    for (const x of base.assumptions) {
      expect(x.model).toEqual({ type: 'flat' });
      expect(x.rationale).toContain('假设');
    }
    const share = plan.series.find((x) => x.id === 'row_4')!;
    expect(share).toMatchObject({ nature: 'rate', bounds: [0, 100] });
    expect(plan.series.find((x) => x.id === 'row_7')!.nature).toBe('rate');
  });

  it('models a cumulative indicator as a running sum of an annual flow', () => {
    const rows = [['累计转化科技成果', 100, '项', 2026, 30]];
    const mapping: ColumnMapping = { name: 0, target: 1, unit: 2, target_year: 3, base_value: 4, responsible: null };
    const r = planFromIndicatorRows(rows, mapping, { plan_id: 'c', title_zh: '累计', base_year: 2023 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.targets[0]).toMatchObject({ kind: 'cumulative', series: 'row_2' });
    expect(r.plan.series.find((s) => s.id === 'row_2')!.derived).toEqual({ type: 'cumsum', of: 'row_2_flow', from_year: 2024 });
    expect(r.plan.actuals[0]).toMatchObject({ series: 'row_2_flow', value: 30 });
  });

  it('uses a default target year when the sheet has no year column, and rejects years not after the base year', () => {
    const mapping: ColumnMapping = { name: 0, target: 1, unit: null, target_year: null, base_value: null, responsible: null };
    const r = planFromIndicatorRows([['A', 5]], mapping, { plan_id: 'd', title_zh: 'D', base_year: 2023, target_year: 2026 });
    expect(r.ok && r.plan.targets[0]!.target_year).toBe(2026);
    const m2: ColumnMapping = { ...mapping, target_year: 2 };
    const r2 = planFromIndicatorRows(
      [
        ['A', 5, 2023],
        ['B', 5, 2026.5],
        ['C', 6, 2026],
      ],
      m2,
      { plan_id: 'd', title_zh: 'D', base_year: 2023 },
    );
    expect(r2.ok).toBe(false); // row 4 (C) alone is good: nothing is built until rows 2 and 3 are fixed
    expect(r2.rejected.map((x) => x.row)).toEqual([2, 3]);
    expect(r2.rejected[0]!.reasons_zh[0]).toMatch(/目标年 2023 不晚于基期年 2023/);
    expect(r2.rejected[1]!.reasons_en[0]).toMatch(/"2026.5" is not a year/);
  });

  it('fails with a message when no row is valid, the sheet has no data or required columns are unmapped', () => {
    const mapping: ColumnMapping = { name: 0, target: 1, unit: null, target_year: 2, base_value: null, responsible: null };
    const none = planFromIndicatorRows(
      [
        ['', 1, 2026],
        ['X', 'abc', 2026],
      ],
      mapping,
      { plan_id: 'e', title_zh: 'E', base_year: 2023 },
    );
    expect(none.ok).toBe(false);
    if (!none.ok) {
      expect(none.errors[0]!.message_zh).toMatch(/表中有 2 行有误，未生成规划/);
      expect(none.errors[0]!.message_en).toMatch(/^2 rows of the table have errors, so no plan was built/);
      expect(none.rejected).toHaveLength(2);
    }
    const empty = planFromIndicatorRows([[], ['', null]], mapping, { plan_id: 'e', title_zh: 'E', base_year: 2023 });
    expect(empty.ok).toBe(false);
    if (!empty.ok) {
      expect(empty.errors[0]!.message_zh).toBe('没有可导入的指标：表中没有数据行');
      expect(empty.errors[0]!.message_en).toBe('no indicator could be imported: the sheet has no data rows');
      expect(empty.rejected).toEqual([]);
    }
    const nomap = planFromIndicatorRows([['A', 1, 2026]], { ...mapping, target: null }, { plan_id: 'e', title_zh: 'E', base_year: 2023 });
    expect(nomap.ok).toBe(false);
    if (!nomap.ok) expect(nomap.errors[0]!.message_zh).toMatch(/目标值/);
    const noyear = planFromIndicatorRows([['A', 1]], { ...mapping, target_year: null }, { plan_id: 'e', title_zh: 'E', base_year: 2023 });
    expect(noyear.ok).toBe(false);
    const badId = planFromIndicatorRows([['A', 1, 2026]], mapping, { plan_id: 'Bad Id', title_zh: 'E', base_year: 2023 });
    expect(badId.ok).toBe(false);
    if (!badId.ok) expect(badId.errors[0]!.path).toBe('id');
  });
});
