/**
 * What every sheet of the briefing workbook shares: the sheet names, number formats, the styles
 * of headers, assumed values and status cells, and the cell writers (text is never a formula).
 */
import type ExcelJS from 'exceljs';
import { type Plan, type Status } from '../../../models/schema';
import { STATUS_TABLE } from '../../../models/status';
import { PROBABILITY_NUMBER_FORMAT } from '../../../models/probability';
import { isCountUnit, isPercentUnit } from '../../../models/units';
import { STATUS_COLORS, STATUS_WORDS } from '../terms';
import { type BriefingLanguage, type BriefingScenario } from '../types';

export const SHEET_NAMES = {
  summary: '情景汇总',
  trajectories: '测算轨迹',
  assumptions: '情景假设',
  actuals: '实际值',
} as const;

/** Sheet names of the English pack (readers accept either). */
export const SHEET_NAMES_EN: Record<keyof typeof SHEET_NAMES, string> = {
  summary: 'Scenario summary',
  trajectories: 'Trajectories',
  assumptions: 'Assumptions',
  actuals: 'Actuals',
};

export function sheetName(key: keyof typeof SHEET_NAMES, lang: BriefingLanguage): string {
  return lang === 'zh-CN' ? SHEET_NAMES[key] : SHEET_NAMES_EN[key];
}

/** Probabilities as every screen writes them: <1%, >99%, else a whole percent (models/probability.ts). */
export const PROBABILITY_FORMAT = PROBABILITY_NUMBER_FORMAT;

export const ASSUMED_LEGEND_ZH = '斜体灰字为假设值（无公开数据来源）';
export const ASSUMED_LEGEND_EN = 'Values in grey italics are assumptions (no public source)';

export const GREY = 'FF7F7F7F';
const HEADER_FILL = 'FFE8ECF0';

/** Text that a spreadsheet could read as a formula (or a DDE payload) if typed in. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

export type Cell = ExcelJS.Cell;

/** Stores text as a string cell, never a formula. */
export function setText(cell: Cell, text: string | null | undefined): void {
  if (text === null || text === undefined || text === '') {
    cell.value = null;
    return;
  }
  cell.value = text;
  if (looksLikeFormula(text)) cell.numFmt = '@';
}

export function setNumber(cell: Cell, value: number | null | undefined, numFmt?: string): void {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    cell.value = null;
    return;
  }
  cell.value = value;
  if (numFmt) cell.numFmt = numFmt;
}

/** A number format for values in a unit, given a typical magnitude: #,##0 / #,##0.0 / 0.00. */
export function numFmtFor(unit: string, magnitude: number): string {
  const a = Math.abs(magnitude);
  if (isCountUnit(unit)) return '#,##0';
  if (isPercentUnit(unit)) return a < 10 ? '0.00' : '0.0';
  if (a >= 1000) return '#,##0';
  if (a >= 1) return '#,##0.0';
  return '0.00';
}

/**
 * The gap format: shortfalls as they are, surpluses as "超出 12.3" (the value stays negative). An
 * annual flow that misses an earlier year shows that year ("2024年 1.2"): its gap is that year's.
 */
export function gapFmt(base: string, lang: BriefingLanguage, year: number | null = null): string {
  const zh = lang === 'zh-CN';
  const at = year === null ? '' : zh ? `${year}年 ` : `${year}: `;
  const over = zh ? `"${at}超出 "` : `"${at}over "`;
  return `${at ? `"${at}"` : ''}${base};${over}${base};0`;
}

/** Column width in Excel units (a CJK character counts two). */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    w += c >= 0x2e80 ? 2.1 : 1.05;
  }
  return w;
}

export interface Column {
  zh: string;
  en: string;
  /** the English header when `en` is a field name (the actuals sheet reads either back). */
  label_en?: string;
  width?: number;
  min?: number;
  max?: number;
  numFmt?: string;
  wrap?: boolean;
}

/**
 * The header of a table, in the pack's language only, on the lower of the two header rows (where
 * the autofilter sits); the upper row carries the table's caption in its first cell. Sheets keep
 * their layout (data from the row after), and readers find the header by its words.
 */
export function styleHeader(
  ws: ExcelJS.Worksheet,
  rowTop: number,
  rowBottom: number,
  cols: Column[],
  lang: BriefingLanguage,
  startCol = 1,
  caption?: string,
): void {
  if (caption !== undefined && rowTop < rowBottom) {
    const cap = ws.getCell(rowTop, startCol);
    cap.value = caption;
    cap.font = { bold: true, size: 11 };
  }
  cols.forEach((c, i) => {
    const cell = ws.getCell(rowBottom, startCol + i);
    cell.value = lang === 'zh-CN' ? c.zh : (c.label_en ?? c.en);
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.border = { top: { style: 'thin', color: { argb: 'FFB0B7BF' } }, bottom: { style: 'thin', color: { argb: 'FFB0B7BF' } } };
  });
}

/** Sets widths from the header and the content (sampled), within each column's bounds. */
export function fitColumns(ws: ExcelJS.Worksheet, cols: Column[], firstDataRow: number, startCol = 1): void {
  cols.forEach((c, i) => {
    const col = ws.getColumn(startCol + i);
    if (c.width) {
      col.width = c.width;
    } else {
      let w = Math.max(displayWidth(c.zh), displayWidth(c.label_en ?? c.en) * 0.85);
      const last = Math.min(ws.rowCount, firstDataRow + 400);
      for (let r = firstDataRow; r <= last; r++) {
        const v = ws.getCell(r, startCol + i).value;
        if (v === null || v === undefined) continue;
        const s = typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v);
        w = Math.max(w, displayWidth(s) + 1);
      }
      col.width = Math.max(c.min ?? 6, Math.min(c.max ?? 40, Math.ceil(w)));
    }
    if (c.numFmt) col.numFmt = c.numFmt;
    if (c.wrap) col.alignment = { wrapText: true, vertical: 'top' };
  });
}

export function markAssumed(cell: Cell, note?: string): void {
  cell.font = { ...(cell.font ?? {}), italic: true, color: { argb: GREY } };
  if (note) cell.note = note;
}

export function statusCell(cell: Cell, status: Status, lang: BriefingLanguage): void {
  cell.value = STATUS_WORDS[lang][status];
  const c = STATUS_COLORS[status];
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.argbFill } };
  cell.font = { color: { argb: c.argbText }, bold: STATUS_TABLE[status].tone === 'bad' };
  cell.alignment = { horizontal: 'center' };
}

export function sectionLabel(plan: Plan, id: string, lang: BriefingLanguage): string {
  const s = plan.sections.find((x) => x.id === id);
  if (!s) return id;
  if (lang === 'zh-CN') return s.code || s.title_zh;
  return s.code === s.title_zh || !s.code
    ? s.title_en
    : (({ 一: 'I', 二: 'II', 三: 'III', 四: 'IV', 五: 'V', 六: 'VI' } as Record<string, string>)[s.code] ?? s.code);
}

export function assumedNote(lang: BriefingLanguage): string {
  return lang === 'zh-CN'
    ? '假设：该测算依赖无公开来源的假设值（见“情景假设”表）。'
    : 'Assumed: this figure rests on values without a public source (see the 情景假设 sheet).';
}

export function scenarioTitle(s: BriefingScenario): string {
  return s.frozen_label ? `${s.name}（${s.frozen_label}）` : s.name;
}
