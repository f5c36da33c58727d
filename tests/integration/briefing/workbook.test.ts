import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatGrowth } from '../../../models/units';
import { buildBriefingInput, presetScenarios } from '../../../scenarios/briefing/pack';
import { STATUS_ORDER } from '../../../models/status';
import { STATUS_WORDS } from '../../../scenarios/briefing/terms';
import type { BriefingInput } from '../../../scenarios/briefing/types';
import { ASSUMED_LEGEND_ZH, SHEET_NAMES, buildWorkbook, looksLikeFormula } from '../../../scenarios/briefing/workbook';
import { GENERATED_AT, INJECTION, outDir, plan as loadPlan, presetInput } from './fixtures';

let input: BriefingInput;
let wb: ExcelJS.Workbook;
let buffer: Buffer;

/** Row of a target id in a sheet (searching one column). */
function rowOf(ws: ExcelJS.Worksheet, col: number, text: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, col).value === text) return r;
  return -1;
}

// the summary's layout: title, legend, scenario names, one row per status, the ok row, two header rows
const OK_ROW = 4 + STATUS_ORDER.length;
const HEADER_ROW = OK_ROW + 2;

function headerCol(ws: ExcelJS.Worksheet, row: number, text: string, nth = 0): number {
  let seen = 0;
  for (let c = 1; c <= ws.columnCount; c++) {
    if (ws.getCell(row, c).value === text) {
      if (seen === nth) return c;
      seen++;
    }
  }
  return -1;
}

beforeAll(async () => {
  input = presetInput('zh-CN');
  buffer = await buildWorkbook(input);
  fs.writeFileSync(path.join(outDir(), 'briefing-zh.xlsx'), buffer);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
});

describe('buildWorkbook', () => {
  it('has the four sheets, in order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      SHEET_NAMES.summary,
      SHEET_NAMES.trajectories,
      SHEET_NAMES.assumptions,
      SHEET_NAMES.actuals,
    ]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['情景汇总', '测算轨迹', '情景假设', '实际值']);
  });

  it('has a caption row and one header in the pack language, frozen, with autofilters, and hides id columns', () => {
    const expectations: [string, number, string[], number[]][] = [
      ['测算轨迹', 1, ['指标编号', '指标名称', '测算口径', '年份', '情景', '数值', '类型', '单位'], [1]],
      [
        '情景假设',
        1,
        [
          '情景',
          '序列编号',
          '序列名称',
          '单位',
          '模型',
          '参数',
          '不确定性',
          '基期值',
          '基期值性质',
          '理由',
          '来源',
          '设定于',
          '作者',
          '更新时间',
        ],
        [2],
      ],
      [
        '实际值',
        1,
        [
          '序列编号',
          '指标名称',
          '期间',
          '数值',
          '单位',
          '累计增速(%)',
          '数值性质',
          '来源',
          '来源链接',
          '发布日期',
          '可信度',
          '版本日期',
          '备注',
          '录入人',
          '录入时间',
        ],
        [1],
      ],
    ];
    for (const [name, row, zh, hidden] of expectations) {
      const ws = wb.getWorksheet(name)!;
      expect(zh.map((_z, i) => ws.getCell(row + 1, i + 1).value)).toEqual(zh);
      // the row above holds the caption only: no English words under or over the Chinese header
      expect(typeof ws.getCell(row, 1).value).toBe('string');
      for (let c = 2; c <= zh.length; c++) expect(ws.getCell(row, c).value, `${name} caption row col ${c}`).toBeNull();
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      expect(String(ws.autoFilter)).toMatch(/^A2:[A-Z]+\d+$/);
      for (let c = 1; c <= zh.length; c++) {
        if (hidden.includes(c)) expect(ws.getColumn(c).hidden, `${name} col ${c} hidden`).toBe(true);
        else expect(ws.getColumn(c).width, `${name} col ${c}`).toBeGreaterThanOrEqual(5);
      }
    }
    const sum = wb.getWorksheet('情景汇总')!;
    expect(sum.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: HEADER_ROW });
    expect(sum.getCell(HEADER_ROW, 2).value).toBe('指标名称');
    expect(sum.getCell(HEADER_ROW - 1, 2).value).toBeNull();
    expect(sum.getColumn(3).hidden).toBe(true);
    expect(String(sum.autoFilter)).toMatch(new RegExp(`^A${HEADER_ROW}:V\\d+$`));
  });

  it('puts the legend and the roll-up by status per scenario at the top of the summary', () => {
    const ws = wb.getWorksheet('情景汇总')!;
    expect(String(ws.getCell(2, 1).value)).toContain(ASSUMED_LEGEND_ZH);
    expect(ASSUMED_LEGEND_ZH).toBe('斜体灰字为假设值（无公开数据来源）');
    // scenario names over their groups
    input.scenarios.forEach((s, k) => expect(ws.getCell(3, 8 + 5 * k).value).toBe(s.name));
    // every status in its row, with counts equal to the projection's roll-up
    STATUS_ORDER.forEach((st, i) => {
      expect(ws.getCell(4 + i, 2).value).toBe(STATUS_WORDS['zh-CN'][st]);
      input.scenarios.forEach((s, k) => {
        const cell = ws.getCell(4 + i, 8 + 5 * k);
        expect(cell.value).toBe(s.projection.rollup[st]);
        expect(cell.type).toBe(ExcelJS.ValueType.Number);
        expect(ws.getCell(4 + i, 9 + 5 * k).numFmt).toBe('0.0%');
      });
    });
    const r = input.scenarios[0].projection.rollup;
    expect(ws.getCell(OK_ROW, 8).value).toBe(r.achieved_early + r.ahead + r.on_track + r.completed + r.expected_complete);
  });

  it('stores the projection as numbers with number formats, status words and assumed marks', () => {
    const ws = wb.getWorksheet('情景汇总')!;
    const r = rowOf(ws, 3, 'fine_steel_output');
    expect(r).toBeGreaterThan(HEADER_ROW);
    expect(ws.getCell(r, 2).value).toBe('金盛兰精品钢产值');
    expect(ws.getCell(r, 5).value).toBe('达700亿元');
    expect(ws.getCell(r, 6).value).toBe(700);
    input.scenarios.forEach((s, k) => {
      const e = s.projection.targets.find((x) => x.id === 'fine_steel_output')!;
      const v = ws.getCell(r, 8 + 5 * k);
      expect(v.type).toBe(ExcelJS.ValueType.Number);
      expect(v.value).toBe(e.projected);
      expect(v.numFmt).toBe('#,##0.0');
      const g = ws.getCell(r, 9 + 5 * k);
      expect(g.value).toBe(e.gap);
      expect(g.numFmt).toBe('#,##0.0;"超出 "#,##0.0;0');
      expect(ws.getCell(r, 11 + 5 * k).value).toBe(STATUS_WORDS['zh-CN'][e.status]);
      expect(!!v.font?.italic).toBe(e.assumed);
      if (e.assumed) {
        expect(v.font?.color?.argb).toBe('FF7F7F7F');
        expect(JSON.stringify(v.note)).toContain('假设');
      }
    });
    // an annual flow that misses an earlier year: the gap is that year's and says so
    const rf = rowOf(ws, 3, 'tech_renovation_projects');
    const ef = input.scenarios[0].projection.targets.find((x) => x.id === 'tech_renovation_projects')!;
    expect(ef.met).toBe(false);
    expect(ef.gap_year).toBeLessThan(ef.target_year);
    const gf = ws.getCell(rf, 9);
    // projects are whole: a shortfall of 1.2 is stored as 2, as the verdict line writes 差2项
    expect(ef.gap).not.toBe(Math.round(ef.gap!));
    expect(gf.value).toBe(Math.ceil(ef.gap! - 1e-9));
    expect(gf.value).toBeGreaterThan(0);
    // the status cell carries the verdict line of the screens
    const sf = ws.getCell(rf, 11);
    expect(JSON.stringify(sf.note)).toContain(`${ef.gap_year}年距目标差${Math.ceil(ef.gap! - 1e-9)}项`);
    const vf = ws.getCell(rf, 8);
    expect(Number.isInteger(vf.value)).toBe(true);
    expect(gf.numFmt).toBe(`"${ef.gap_year}年 "#,##0;"${ef.gap_year}年 超出 "#,##0;0`);
    expect(JSON.stringify(gf.note)).toContain(`${ef.gap_year}年未达到目标`);
    // required growth as a fraction in 0.0%, probability where simulated
    const e0 = input.scenarios[0].projection.targets.find((x) => x.id === 'fine_steel_output')!;
    expect(ws.getCell(r, 10).value).toBe(e0.required_growth);
    expect(ws.getCell(r, 10).numFmt).toBe('0.0%');
    expect(formatGrowth(e0.required_growth)).toMatch(/%$/);
    expect(ws.getCell(r, 12).value).toBe(0.18);
    expect(ws.getCell(r, 12 + 5).value).toBeNull(); // stretch: no simulation, blank
    // a target without assumptions is not marked
    const hte = rowOf(ws, 3, 'high_tech_enterprises');
    const ev = input.scenarios[0].projection.targets.find((x) => x.id === 'high_tech_enterprises')!;
    expect(ev.assumed).toBe(false);
    expect(ws.getCell(hte, 8).font?.italic).toBeFalsy();
    expect(ws.getCell(hte, 8).numFmt).toBe('#,##0');
    expect(ws.getCell(hte, 11).value).toBe('提前实现');
    // share values in percent units
    const share = rowOf(ws, 3, 'mfg_va_share_gdp');
    expect(ws.getCell(share, 8).numFmt).toBe('0.0');
    // every target has a row
    expect(ws.rowCount).toBe(HEADER_ROW + input.plan.targets.length);
  });

  it('writes trajectories in long format, target × scenario × year', () => {
    const ws = wb.getWorksheet('测算轨迹')!;
    const rows: { id: string; year: number; scenario: string; value: number; flag: string; italic: boolean }[] = [];
    for (let r = 3; r <= ws.rowCount; r++) {
      rows.push({
        id: String(ws.getCell(r, 1).value),
        year: ws.getCell(r, 4).value as number,
        scenario: String(ws.getCell(r, 5).value),
        value: ws.getCell(r, 6).value as number,
        flag: String(ws.getCell(r, 7).value),
        italic: !!ws.getCell(r, 6).font?.italic,
      });
    }
    const steel = rows.filter((x) => x.id === 'fine_steel_output' && x.scenario === '基准情景');
    expect(steel.map((x) => [x.year, x.flag])).toEqual([
      [2023, '假设值'],
      [2024, '实际值'],
      [2025, '测算值'],
      [2026, '测算值'],
    ]);
    expect(steel[1].value).toBe(402.5);
    expect(steel[0].italic).toBe(true);
    expect(steel[1].italic).toBe(false);
    const e = input.scenarios[1].projection.targets.find((x) => x.id === 'fine_steel_output')!;
    expect(rows.find((x) => x.id === 'fine_steel_output' && x.scenario === '乐观情景' && x.year === 2026)!.value).toBe(e.projected);
    expect(new Set(rows.map((x) => x.scenario))).toEqual(new Set(['基准情景', '乐观情景', '保守情景']));
    expect(new Set(rows.map((x) => x.id)).size).toBe(input.plan.targets.length);
    expect(rows.every((x) => typeof x.value === 'number' && Number.isFinite(x.value))).toBe(true);
  });

  it('lists every assumption in force with readable parameters, base value flag, rationale, source and origin', () => {
    const ws = wb.getWorksheet('情景假设')!;
    const total = input.scenarios.reduce((n, s) => n + Object.keys(s.assumptions).length, 0);
    expect(ws.rowCount).toBe(2 + total);
    const r = rowOf(ws, 2, 'gdp_nominal');
    expect(ws.getCell(r, 1).value).toBe('基准情景');
    expect(ws.getCell(r, 5).value).toBe('年均增速');
    expect(ws.getCell(r, 6).value).toBe('年均增速 4.5%');
    expect(ws.getCell(r, 7).value).toBe('90%区间 2.5%—6.5%（正态）');
    expect(ws.getCell(r, 8).value).toBe(1900);
    expect(ws.getCell(r, 8).font?.italic).toBe(true);
    expect(ws.getCell(r, 9).value).toBe('假设');
    expect(String(ws.getCell(r, 10).value)).toContain('2023年地区生产总值约1900亿元');
    expect(String(ws.getCell(r, 11).value)).toContain('假设值');
    expect(ws.getCell(r, 12).value).toBe('基准情景');
    // stretch inherits most from the baseline: "set in" shows where
    const rows: [string, string, string][] = [];
    for (let i = 3; i <= ws.rowCount; i++)
      rows.push([String(ws.getCell(i, 1).value), String(ws.getCell(i, 2).value), String(ws.getCell(i, 12).value)]);
    const stretch = rows.filter((x) => x[0] === '乐观情景');
    expect(stretch.some((x) => x[2] === '乐观情景')).toBe(true);
    expect(stretch.some((x) => x[2] === '基准情景')).toBe(true);
  });

  it('never writes a formula, and keeps formula-looking text as text', async () => {
    const p = loadPlan();
    const specs = presetScenarios(p, 'zh-CN', ['baseline']);
    specs[0].name = '=HYPERLINK("http://evil.invalid","点我")';
    specs[0].assumptions = { ...specs[0].assumptions };
    specs[0].assumptions.gdp_nominal = { ...specs[0].assumptions.gdp_nominal, rationale: '+SUM(1,2)', source: '@risk', author: '-1+1' };
    const evil = buildBriefingInput({
      plan: p,
      scenarios: specs,
      actuals: [
        {
          series: 'gdp_nominal',
          period: '2010',
          value: 600,
          value_kind: 'actual',
          source: { title: INJECTION, url: null, date: null, reliability: 'low' },
          vintage: null,
          note: INJECTION,
          entered_by: '=1+1',
        },
      ],
      generated_at: GENERATED_AT,
    });
    const buf = await buildWorkbook(evil);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buf as unknown as ArrayBuffer);
    let texts = 0;
    for (const ws of book.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeFalsy();
          const slave = cell.isMerged && cell.master !== cell;
          if (!slave && typeof cell.value === 'string' && looksLikeFormula(cell.value)) {
            texts++;
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            expect(cell.numFmt).toBe('@');
          }
        }),
      );
    }
    expect(texts).toBeGreaterThanOrEqual(6);
    const act = book.getWorksheet('实际值')!;
    const ar = rowOf(act, 3, '2010年'); // the period as printed (records-shown.ts periodText)
    expect(act.getCell(ar, 13).value).toBe(INJECTION);
    expect(act.getCell(ar, 13).type).toBe(ExcelJS.ValueType.String);
    expect(act.getCell(ar, 8).value).toBe(INJECTION);
    const sum = book.getWorksheet('情景汇总')!;
    expect(sum.getCell(3, 8).value).toBe('=HYPERLINK("http://evil.invalid","点我")');
    expect(sum.getCell(3, 8).type).toBe(ExcelJS.ValueType.String);
    // and in the raw XML no <f> element anywhere
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(buf);
    for (const name of Object.keys(zip.files).filter((n) => n.startsWith('xl/worksheets/sheet'))) {
      expect(await zip.file(name)!.async('string')).not.toMatch(/<f[ >]/);
    }
  });

  it('writes an English workbook with the same structure', async () => {
    const en = presetInput('en');
    const buf = await buildWorkbook(en);
    fs.writeFileSync(path.join(outDir(), 'briefing-en.xlsx'), buf);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buf as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Scenario summary', 'Trajectories', 'Assumptions', 'Actuals']);
    const ws = book.getWorksheet('Scenario summary')!;
    expect(String(ws.getCell(2, 1).value)).toContain('grey italics are assumptions');
    const r = rowOf(ws, 3, 'fine_steel_output');
    expect(ws.getCell(r, 2).value).toBe('Jinshenglan fine steel output value');
    expect(ws.getCell(r, 5).value).toBe('at least 70 billion yuan');
    expect(headerCol(ws, HEADER_ROW, 'projected (target year)')).toBe(8);
    // no Chinese header words in the English pack
    for (const sheet of book.worksheets) {
      sheet
        .getRow(sheet.name === 'Scenario summary' ? HEADER_ROW : 2)
        .eachCell((c) => expect(String(c.value), `${sheet.name}!${c.address}`).not.toMatch(/[\u4e00-\u9fff]/));
    }
    expect(['lagging', 'on track', 'ahead of schedule', 'achieved early', 'no data']).toContain(ws.getCell(r, 11).value);
  });
});
