/**
 * The workbook sent to one unit (数据征集表): an instruction sheet in Chinese, the 填报 sheet with
 * only that unit's indicators (structure locked, the figure, source, release date and remark
 * cells unlocked, the figure cells validated as decimals inside the series' range) and a
 * veryHidden stamp sheet naming the plan, the unit, the request and the layout's checksum.
 */
import ExcelJS from 'exceljs';
import { COLLECT_COLUMNS, INPUT_COLUMNS, type LayoutRow } from '../../models/collect';
import { allowedRange } from '../../models/plausibility';
import type { Plan } from '../../models/schema';

export const STAMP_SHEET = '_stamp';
export const FORM_SHEET = '填报';
const GUIDE_SHEET = '填报说明';
export const STAMP_FORMAT = 'xianning-plan-studio/collect';
/** the row of the column headers in the 填报 sheet (1-based); data rows follow. */
export const HEADER_ROW = 6;

export interface WorkbookRow extends LayoutRow {
  period_label: string;
  held: number | null;
  held_source: string;
}

export interface WorkbookInput {
  plan: Plan;
  unit: string;
  round: { id: string; name: string; contact: string; phone: string; return_date: string };
  request_id: string;
  checksum: string;
  rows: WorkbookRow[];
}

const META = {
  unit: { row: 2, label: '报送单位' },
  contact: { row: 3, label: '联系人' },
  request: { row: 4, label: '征集编号' },
} as const;

/** Where the unit writes who filled the sheet and when (row, label column A, value column B). */
export const FILLED_BY_CELL = { row: 3, col: 7, label: '填报人' };
export const FILLED_AT_CELL = { row: 4, col: 7, label: '填报日期' };

export async function buildCollectWorkbook(input: WorkbookInput): Promise<Buffer> {
  const { plan, unit, round, rows } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = '咸宁规划情景工作室';
  wb.created = new Date(0);

  // --- instruction sheet ------------------------------------------------------------------
  const guide = wb.addWorksheet(GUIDE_SHEET);
  guide.getColumn(1).width = 100;
  const lines = [
    `${plan.title_zh}`,
    `数据征集：${round.name}`,
    '',
    `报送单位：${unit}`,
    `联系人：${round.contact || '（未填）'}${round.phone ? `\u3000电话：${round.phone}` : ''}`,
    `报送截止日期：${round.return_date}`,
    '',
    '填报说明：',
    `1. 请在“${FORM_SHEET}”表中逐行填写“填报数值”“数据来源”“发布日期”，其余各列已锁定，请勿修改、插入或删除行列。`,
    '2. “填报数值”只填数字，计量单位以“计量单位”列为准（例如 亿元、%、家），不要在单元格中写单位。',
    '3. “期别”为年度数（如 2025年）或 1-N月累计数（如 2026年1-10月）。暂无数据的请留空，并可在“备注”中说明。',
    '4. “已有数值”为本办目前掌握的数值及其来源，仅供核对；如与贵单位数据不一致，请填报贵单位数值并在“备注”说明。',
    '5. “发布日期”请填写数据公布或核定的日期，格式 2026-11-15。',
    `6. 请在“${FORM_SHEET}”表右上方填写填报人和填报日期。`,
    '7. 请保持 Excel 格式（.xlsx）报送；如只能另存为 CSV，请勿改动表头和行序。',
    '8. 请勿重命名或删除本文件中的工作表。',
  ];
  lines.forEach((text, i) => {
    const c = guide.getCell(i + 1, 1);
    c.value = text;
    c.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) c.font = { bold: true, size: 14 };
  });
  await guide.protect('', { selectLockedCells: true, selectUnlockedCells: true });

  // --- the form ---------------------------------------------------------------------------
  const ws = wb.addWorksheet(FORM_SHEET, { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  ws.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  const widths = [6, 26, 30, 12, 30, 16, 10, 14, 26, 14, 26, 14, 24];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getCell(1, 1).value = `${plan.title_zh} 数据征集表`;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.getCell(META.unit.row, 1).value = META.unit.label;
  ws.getCell(META.unit.row, 2).value = unit;
  ws.getCell(META.contact.row, 1).value = META.contact.label;
  ws.getCell(META.contact.row, 2).value = `${round.contact}${round.phone ? ` ${round.phone}` : ''}`;
  ws.getCell(META.request.row, 1).value = META.request.label;
  ws.getCell(META.request.row, 2).value = input.request_id;
  ws.getCell(2, FILLED_BY_CELL.col - 1).value = '报送截止';
  ws.getCell(2, FILLED_BY_CELL.col).value = round.return_date;
  for (const cell of [FILLED_BY_CELL, FILLED_AT_CELL]) {
    ws.getCell(cell.row, cell.col - 1).value = cell.label;
    const input = ws.getCell(cell.row, cell.col);
    input.protection = { locked: false };
    input.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
    input.border = { bottom: { style: 'thin' } };
  }

  const header = ws.getRow(HEADER_ROW);
  COLLECT_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.zh;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin' } };
    cell.alignment = { wrapText: true, vertical: 'middle' };
  });

  const seriesById = new Map(plan.series.map((s) => [s.id, s]));
  rows.forEach((r, i) => {
    const s = seriesById.get(r.series)!;
    const row = ws.getRow(HEADER_ROW + 1 + i);
    const values: Record<string, ExcelJS.CellValue> = {
      no: i + 1,
      series: r.series,
      name: s.name_zh,
      unit: s.unit,
      note: s.note_zh ?? '',
      period_label: r.period_label,
      period: r.period,
      held: r.held,
      held_source: r.held_source,
      value: null,
      source: null,
      release_date: null,
      remark: null,
    };
    COLLECT_COLUMNS.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      cell.value = values[c.key] ?? null;
      if ((INPUT_COLUMNS as readonly string[]).includes(c.key)) {
        cell.protection = { locked: false };
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
      }
      if (c.key === 'note' || c.key === 'name' || c.key === 'held_source') cell.alignment = { wrapText: true, vertical: 'top' };
    });
    const [lo, hi] = allowedRange(s);
    const valueCell = row.getCell(COLLECT_COLUMNS.findIndex((c) => c.key === 'value') + 1);
    const range = lo !== null && hi !== null ? `${lo}–${hi}` : lo !== null ? `不小于 ${lo}` : hi !== null ? `不大于 ${hi}` : '数字';
    valueCell.dataValidation = {
      type: 'decimal',
      allowBlank: true,
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '填报数值',
      error: `${s.name_zh}：请填写数字（${range}，单位 ${s.unit}）`,
      showInputMessage: true,
      promptTitle: s.name_zh,
      prompt: `单位 ${s.unit}，${range}`,
      ...(lo !== null && hi !== null
        ? { operator: 'between' as const, formulae: [lo, hi] }
        : lo !== null
          ? { operator: 'greaterThanOrEqual' as const, formulae: [lo] }
          : hi !== null
            ? { operator: 'lessThanOrEqual' as const, formulae: [hi] }
            : { operator: 'between' as const, formulae: [-1e15, 1e15] }),
    };
  });
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });

  // --- the stamp --------------------------------------------------------------------------
  const stamp = wb.addWorksheet(STAMP_SHEET);
  const entries: [string, string][] = [
    ['format', STAMP_FORMAT],
    ['plan_id', plan.id],
    ['unit', unit],
    ['round_id', round.id],
    ['request_id', input.request_id],
    ['checksum', input.checksum],
    ['rows', String(rows.length)],
  ];
  entries.forEach(([k, v], i) => {
    stamp.getCell(i + 1, 1).value = k;
    stamp.getCell(i + 1, 2).value = v;
  });
  stamp.state = 'veryHidden';
  await stamp.protect('', {});

  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible' }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The request id's location in the 填报 sheet (a CSV save-as keeps it, the stamp sheet it loses). */
export const REQUEST_CELL = { row: META.request.row, col: 2, label: META.request.label };
export const UNIT_CELL = { row: META.unit.row, col: 2, label: META.unit.label };
