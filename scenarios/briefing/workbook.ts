/**
 * The briefing workbook (汇报材料 Excel): four sheets, headers in Chinese with an English second
 * header row, numbers stored as numbers with number formats, frozen header rows, autofilters.
 *
 *   情景汇总  targets as rows, scenarios as column groups (Excel's Scenario Summary shape), with a
 *             roll-up by status per scenario at the top; assumed values in italic grey with a note
 *   测算轨迹  long format: target × scenario × year, each value marked actual / projected / assumed
 *   情景假设  every assumption in force per scenario: model, parameters, base value, rationale, source
 *   实际值    the actuals with their provenance; `readActualsSheet` reads it back unchanged
 *
 * No cell is ever a formula: text is stored as a string (text that starts with = + - @ also gets
 * the text number format, so editing it in Excel keeps it text).
 */
import ExcelJS from 'exceljs';
import { inspectXlsx } from '../plan/sheet-limits';
import { Actual as ActualSchema, type Actual, type Plan, type Status } from '../../models/schema';
import { kindOf } from '../../models/kinds';
import { okCount, okGroupWords, STATUS_TABLE } from '../../models/status';
import { targetPhrase } from '../../models/sentences';
import { isWholeCountTarget, wholeFigure, wholeGap } from '../../models/counts';
import { verdictLine } from '../../models/verdict';
import type { ResolvedAssumption } from '../../models/types';
import { PROBABILITY_NUMBER_FORMAT, noRangeText } from '../../models/probability';
import { enteredByText, noteText, sourceTitleText } from '../../models/provenance';
import { staleRationaleText } from '../../models/rationale';
import { isPercentUnit } from '../../models/units';
import { formatYtdNote, parseYtdNote } from '../../models/records';
import { dataAsOfText, generatedText, localDateTime } from './data-as-of';
import { periodFromText, periodText, replacedNote, shownActuals } from './records-shown';
import {
  MODEL_WORDS,
  POINT_WORDS,
  RELIABILITY_HEADING,
  RELIABILITY_WORDS,
  STATUS_COLORS,
  STATUS_ORDER,
  STATUS_WORDS,
  VALUE_KIND_WORDS,
  modelParameters,
  parseReliability,
  parseValueKind,
  seriesName,
  seriesUnit,
  uncertaintyText,
} from './terms';
import { judgedPath, quantityLabel } from './trajectory';
import { checkInput, type BriefingInput, type BriefingLanguage, type BriefingScenario } from './types';

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

function sheetName(key: keyof typeof SHEET_NAMES, lang: BriefingLanguage): string {
  return lang === 'zh-CN' ? SHEET_NAMES[key] : SHEET_NAMES_EN[key];
}

/** Probabilities as every screen writes them: <1%, >99%, else a whole percent (models/probability.ts). */
const PROBABILITY_FORMAT = PROBABILITY_NUMBER_FORMAT;

export const ASSUMED_LEGEND_ZH = '斜体灰字为假设值（无公开数据来源）';
export const ASSUMED_LEGEND_EN = 'Values in grey italics are assumptions (no public source)';

const GREY = 'FF7F7F7F';
const HEADER_FILL = 'FFE8ECF0';
const COUNT_UNITS = new Set([
  '项',
  '家',
  '个',
  '件',
  '次',
  '座',
  '所',
  '条',
  '台',
  '套',
  '户',
  '名',
  '人',
  '人次',
  '家次',
  '批',
  '处',
  '支',
  '门',
  '篇',
  '本',
]);

/** Text that a spreadsheet could read as a formula (or a DDE payload) if typed in. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

type Cell = ExcelJS.Cell;

/** Stores text as a string cell, never a formula. */
function setText(cell: Cell, text: string | null | undefined): void {
  if (text === null || text === undefined || text === '') {
    cell.value = null;
    return;
  }
  cell.value = text;
  if (looksLikeFormula(text)) cell.numFmt = '@';
}

function setNumber(cell: Cell, value: number | null | undefined, numFmt?: string): void {
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
  if (COUNT_UNITS.has(unit.trim())) return '#,##0';
  if (isPercentUnit(unit)) return a < 10 ? '0.00' : '0.0';
  if (a >= 1000) return '#,##0';
  if (a >= 1) return '#,##0.0';
  return '0.00';
}

/**
 * The gap format: shortfalls as they are, surpluses as "超出 12.3" (the value stays negative). An
 * annual flow that misses an earlier year shows that year ("2024年 1.2"): its gap is that year's.
 */
function gapFmt(base: string, lang: BriefingLanguage, year: number | null = null): string {
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

interface Column {
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
function styleHeader(
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
function fitColumns(ws: ExcelJS.Worksheet, cols: Column[], firstDataRow: number, startCol = 1): void {
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

function markAssumed(cell: Cell, note?: string): void {
  cell.font = { ...(cell.font ?? {}), italic: true, color: { argb: GREY } };
  if (note) cell.note = note;
}

function statusCell(cell: Cell, status: Status, lang: BriefingLanguage): void {
  cell.value = STATUS_WORDS[lang][status];
  const c = STATUS_COLORS[status];
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.argbFill } };
  cell.font = { color: { argb: c.argbText }, bold: STATUS_TABLE[status].tone === 'bad' };
  cell.alignment = { horizontal: 'center' };
}

function sectionLabel(plan: Plan, id: string, lang: BriefingLanguage): string {
  const s = plan.sections.find((x) => x.id === id);
  if (!s) return id;
  if (lang === 'zh-CN') return s.code || s.title_zh;
  return s.code === s.title_zh || !s.code
    ? s.title_en
    : (({ 一: 'I', 二: 'II', 三: 'III', 四: 'IV', 五: 'V', 六: 'VI' } as Record<string, string>)[s.code] ?? s.code);
}

function assumedNote(lang: BriefingLanguage): string {
  return lang === 'zh-CN'
    ? '假设：该测算依赖无公开来源的假设值（见“情景假设”表）。'
    : 'Assumed: this figure rests on values without a public source (see the 情景假设 sheet).';
}

function scenarioTitle(s: BriefingScenario): string {
  return s.frozen_label ? `${s.name}（${s.frozen_label}）` : s.name;
}

// -------------------------------------------------------------------------------------------------
// 情景汇总
// -------------------------------------------------------------------------------------------------

const GROUP_COLS = 5;

function summarySheet(wb: ExcelJS.Workbook, input: BriefingInput): void {
  const { plan, language: lang, scenarios } = input;
  const zh = lang === 'zh-CN';
  const ws = wb.addWorksheet(sheetName('summary', lang), { properties: { tabColor: { argb: 'FF1F5FBF' } } });
  const fixed: Column[] = [
    { zh: '板块', en: 'section', min: 6, max: 14 },
    { zh: '指标名称', en: 'indicator', min: 18, max: 36 },
    { zh: '指标编号', en: 'target id', min: 10, max: 30 },
    { zh: '单位', en: 'unit', min: 5, max: 12 },
    { zh: '目标', en: 'target (plan wording)', min: 10, max: 24 },
    { zh: '目标值', en: 'target value', min: 8, max: 12 },
    { zh: '目标年份', en: 'target year', min: 8, max: 10, numFmt: '0' },
  ];
  const group: Column[] = [
    { zh: '目标年测算值', en: 'projected (target year)', width: 13 },
    { zh: '距目标差', en: 'gap (+ short)', width: 12 },
    { zh: '需年均增长', en: 'required growth', width: 11 },
    { zh: '状态', en: 'status', width: 13 },
    { zh: '达标概率', en: 'probability', width: 10 },
  ];
  const nFixed = fixed.length;
  const lastCol = nFixed + GROUP_COLS * scenarios.length;
  const groupStart = (k: number) => nFixed + 1 + k * GROUP_COLS;

  // rows 1-2: title and legend
  const title = ws.getCell(1, 1);
  title.value = zh ? `${plan.title_zh}——情景汇总` : `${plan.title_en} — scenario summary`;
  title.font = { bold: true, size: 14 };
  const meta = ws.getCell(1, nFixed + 1);
  meta.value = zh
    ? `生成时间：${generatedText(input)}；数据截至：${dataAsOfText(input)}；基期年：${scenarios[0].projection.base_year}年`
    : `Generated: ${generatedText(input)}; data: ${dataAsOfText(input)}; base year: ${scenarios[0].projection.base_year}`;
  meta.font = { size: 9, color: { argb: 'FF57606A' } };
  const legend = ws.getCell(2, 1);
  legend.value = zh
    ? `${ASSUMED_LEGEND_ZH}；距目标差为正表示尚差，“超出”表示已超过目标；达标概率来自蒙特卡洛模拟（未模拟则空白）。`
    : `${ASSUMED_LEGEND_EN}; a positive gap is a shortfall, "over" a surplus; probabilities come from a Monte Carlo simulation (blank when none was run).`;
  legend.font = { italic: true, color: { argb: GREY } };

  // row 3: scenario names over their column groups (also the roll-up's header)
  const rollTitle = ws.getCell(3, 2);
  rollTitle.value = zh ? '状态汇总（指标数 / 占比）' : 'Status roll-up (targets / share)';
  rollTitle.font = { bold: true };
  scenarios.forEach((s, k) => {
    const c0 = groupStart(k);
    ws.mergeCells(3, c0, 3, c0 + GROUP_COLS - 1);
    const cell = ws.getCell(3, c0);
    setText(cell, scenarioTitle(s));
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F5FBF' } };
    cell.alignment = { horizontal: 'center' };
  });

  // rows 4-9: the roll-up by status, then 达标或快于序时
  const total = plan.targets.length;
  STATUS_ORDER.forEach((st, i) => {
    const r = 4 + i;
    statusCell(ws.getCell(r, 2), st, lang);
    ws.getCell(r, 2).alignment = { horizontal: 'left' };
    scenarios.forEach((s, k) => {
      const n = s.projection.rollup[st] ?? 0;
      setNumber(ws.getCell(r, groupStart(k)), n, '0');
      setNumber(ws.getCell(r, groupStart(k) + 1), total > 0 ? n / total : null, '0.0%');
    });
  });
  const okRow = 4 + STATUS_ORDER.length;
  const okLabel = ws.getCell(okRow, 2);
  okLabel.value = okGroupWords(
    scenarios.some((s) => s.projection.targets.some((e) => e.final === true)),
    lang,
  );
  okLabel.font = { bold: true };
  scenarios.forEach((s, k) => {
    const r = s.projection.rollup;
    const n = okCount(r);
    setNumber(ws.getCell(okRow, groupStart(k)), n, '0');
    ws.getCell(okRow, groupStart(k)).font = { bold: true };
    setNumber(ws.getCell(okRow, groupStart(k) + 1), total > 0 ? n / total : null, '0.0%');
  });

  // header rows
  const hZh = okRow + 1;
  const hEn = okRow + 2;
  styleHeader(ws, hZh, hEn, fixed, lang, 1, zh ? '逐项指标' : 'Targets');
  scenarios.forEach((_s, k) => styleHeader(ws, hZh, hEn, group, lang, groupStart(k)));

  // one row per target
  const evals = scenarios.map((s) => new Map(s.projection.targets.map((e) => [e.id, e])));
  const sims = scenarios.map((s) => new Map((s.simulation?.targets ?? []).map((t) => [t.id, t])));
  let r = hEn + 1;
  for (const t of plan.targets) {
    const magnitude = Array.isArray(t.target) ? Math.max(...t.target) : t.target;
    const fmt = numFmtFor(t.unit, magnitude);
    setText(ws.getCell(r, 1), sectionLabel(plan, t.section, lang));
    setText(ws.getCell(r, 2), zh ? t.name_zh : t.name_en);
    setText(ws.getCell(r, 3), t.id);
    setText(ws.getCell(r, 4), t.unit);
    setText(ws.getCell(r, 5), targetPhrase(t, lang));
    if (!Array.isArray(t.target)) setNumber(ws.getCell(r, 6), t.target, fmt);
    setNumber(ws.getCell(r, 7), t.target_year, '0');
    scenarios.forEach((_s, k) => {
      const c0 = groupStart(k);
      const e = evals[k].get(t.id);
      if (!e) return;
      // a count against a whole target is stored whole, as every sentence and screen writes it
      // (models/counts.ts): 98.8项 short of 100 is 98 and 2, never 99 beside 差2项
      const whole = isWholeCountTarget(t);
      const vCell = ws.getCell(r, c0);
      setNumber(vCell, whole && e.projected !== null ? wholeFigure(t, e.projected) : e.projected, fmt);
      const gCell = ws.getCell(r, c0 + 1);
      const gapYear = e.gap_year != null && e.gap_year !== e.target_year ? e.gap_year : null;
      setNumber(gCell, whole && e.gap !== null ? wholeGap(e.gap) : e.gap, gapFmt(fmt, lang, gapYear));
      if (gapYear !== null) gCell.note = zh ? `${gapYear}年未达到目标，差距按该年计` : `missed in ${gapYear}; the gap is that year's`;
      const needs = e.met === true || e.status === 'achieved_early' ? null : e.required_growth;
      setNumber(ws.getCell(r, c0 + 2), needs, '0.0%');
      const sCell = ws.getCell(r, c0 + 3);
      statusCell(sCell, e.status, lang);
      // the verdict line a leader reads on the screens, on the status it explains
      sCell.note = verdictLine(t, e, lang).text;
      const sim = sims[k].get(t.id);
      if (sim && sim.p_meet === null) setText(ws.getCell(r, c0 + 4), noRangeText(lang));
      else setNumber(ws.getCell(r, c0 + 4), sim?.p_meet ?? null, PROBABILITY_FORMAT);
      if (e.assumed) {
        markAssumed(vCell, assumedNote(lang));
        markAssumed(gCell);
      }
    });
    r++;
  }
  fitColumns(ws, fixed, hEn + 1);
  scenarios.forEach((_s, k) => group.forEach((c, i) => (ws.getColumn(groupStart(k) + i).width = c.width)));
  ws.getRow(hZh).height = 30;
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: hEn, topLeftCell: `C${hEn + 1}`, activeCell: `C${hEn + 1}` }];
  ws.getColumn(3).hidden = true; // the target id: a key for formulas and re-imports, not for reading
  ws.autoFilter = { from: { row: hEn, column: 1 }, to: { row: Math.max(hEn, r - 1), column: lastCol } };
  ws.pageSetup = {
    orientation: 'landscape',
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${hZh}:${hEn}`,
  };
}

// -------------------------------------------------------------------------------------------------
// 测算轨迹
// -------------------------------------------------------------------------------------------------

function trajectoriesSheet(wb: ExcelJS.Workbook, input: BriefingInput): void {
  const { plan, language: lang, scenarios } = input;
  const zh = lang === 'zh-CN';
  const ws = wb.addWorksheet(sheetName('trajectories', lang));
  const cols: Column[] = [
    { zh: '指标编号', en: 'target id', min: 10, max: 32 },
    { zh: '指标名称', en: 'indicator', min: 16, max: 36 },
    { zh: '测算口径', en: 'quantity', min: 10, max: 24 },
    { zh: '年份', en: 'year', width: 8, numFmt: '0' },
    { zh: '情景', en: 'scenario', min: 10, max: 20 },
    { zh: '数值', en: 'value', width: 12 },
    { zh: '类型', en: 'actual / projected / assumed', min: 10, max: 18 },
    { zh: '单位', en: 'unit', min: 6, max: 12 },
  ];
  styleHeader(ws, 1, 2, cols, lang, 1, zh ? '各情景逐年测算值（长表）' : 'Projected values by scenario and year (long format)');
  let r = 3;
  for (const t of plan.targets) {
    const magnitude = Array.isArray(t.target) ? Math.max(...t.target) : t.target;
    const unit = kindOf(t.kind).percentJudged ? '%' : t.unit;
    const fmt = numFmtFor(unit, magnitude);
    for (const s of scenarios) {
      const e = s.projection.targets.find((x) => x.id === t.id) ?? null;
      for (const p of judgedPath(plan, t, s.projection, e)) {
        setText(ws.getCell(r, 1), t.id);
        setText(ws.getCell(r, 2), zh ? t.name_zh : t.name_en);
        setText(ws.getCell(r, 3), quantityLabel(t, lang));
        setNumber(ws.getCell(r, 4), p.year, '0');
        setText(ws.getCell(r, 5), scenarioTitle(s));
        const v = ws.getCell(r, 6);
        setNumber(v, p.value, fmt);
        const kind = p.kind === 'actual' && p.bound ? 'actual_bound' : p.kind;
        setText(ws.getCell(r, 7), POINT_WORDS[lang][kind]);
        setText(ws.getCell(r, 8), unit);
        if (p.kind === 'assumed') {
          markAssumed(v);
          markAssumed(ws.getCell(r, 7));
        }
        r++;
      }
    }
  }
  fitColumns(ws, cols, 3);
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 2, topLeftCell: 'C3', activeCell: 'C3' }];
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: Math.max(2, r - 1), column: cols.length } };
  ws.getColumn(1).hidden = true; // the target id
}

// -------------------------------------------------------------------------------------------------
// 情景假设
// -------------------------------------------------------------------------------------------------

/** "基准情景" for a scenario id in the pack, "方案预设：baseline" for 'plan:baseline', else the id. */
export function fromLabel(from: string, scenarios: BriefingScenario[], plan: Plan, lang: BriefingLanguage): string {
  const s = scenarios.find((x) => x.id === from);
  if (s) return s.name;
  const m = /^plan:(.+)$/.exec(from);
  const presetId = m ? m[1] : from;
  const p = plan.presets.find((x) => x.id === presetId);
  if (p) return lang === 'zh-CN' ? `${m ? '方案预设：' : ''}${p.name_zh}` : `${m ? 'plan preset: ' : ''}${p.name_en}`;
  return from;
}

function orderedAssumptions(plan: Plan, assumptions: Record<string, ResolvedAssumption>): ResolvedAssumption[] {
  const order = new Map(plan.series.map((s, i) => [s.id, i]));
  return Object.values(assumptions)
    .filter((a): a is ResolvedAssumption => !!a)
    .sort((a, b) => (order.get(a.series) ?? 1e9) - (order.get(b.series) ?? 1e9) || a.series.localeCompare(b.series));
}

function assumptionsSheet(wb: ExcelJS.Workbook, input: BriefingInput): void {
  const { plan, language: lang, scenarios } = input;
  const zh = lang === 'zh-CN';
  const ws = wb.addWorksheet(sheetName('assumptions', lang));
  const cols: Column[] = [
    { zh: '情景', en: 'scenario', min: 10, max: 18 },
    { zh: '序列编号', en: 'series id', min: 10, max: 28 },
    { zh: '序列名称', en: 'series', min: 14, max: 30 },
    { zh: '单位', en: 'unit', min: 5, max: 12 },
    { zh: '模型', en: 'model', min: 8, max: 16 },
    { zh: '参数', en: 'parameters', width: 36, wrap: true },
    { zh: '不确定性', en: 'uncertainty', min: 10, max: 28 },
    { zh: '基期值', en: 'base value', width: 12 },
    { zh: '基期值性质', en: 'base value is', width: 11 },
    { zh: '理由', en: 'rationale', width: 60, wrap: true },
    { zh: '来源', en: 'source', width: 36, wrap: true },
    { zh: '设定于', en: 'set in', min: 10, max: 20 },
    { zh: '作者', en: 'author', min: 8, max: 20 },
    { zh: '更新时间', en: 'updated at', min: 10, max: 22 },
  ];
  styleHeader(ws, 1, 2, cols, lang, 1, zh ? '各情景采用的假设及依据' : 'Assumptions in force and their rationale');
  let r = 3;
  for (const s of scenarios) {
    for (const a of orderedAssumptions(plan, s.assumptions)) {
      const unit = seriesUnit(plan, a.series);
      setText(ws.getCell(r, 1), scenarioTitle(s));
      setText(ws.getCell(r, 2), a.series);
      setText(ws.getCell(r, 3), seriesName(plan, a.series, lang));
      setText(ws.getCell(r, 4), unit);
      setText(ws.getCell(r, 5), MODEL_WORDS[lang][a.model.type] ?? a.model.type);
      setText(ws.getCell(r, 6), modelParameters(a.model, unit, plan, lang));
      setText(ws.getCell(r, 7), uncertaintyText(a, lang));
      if (a.base_value !== null && a.base_value !== undefined) {
        const v = ws.getCell(r, 8);
        setNumber(v, a.base_value, numFmtFor(unit, a.base_value));
        markAssumed(v, zh ? '假设：基期值无公开来源。' : 'Assumed: the base value has no public source.');
        const f = ws.getCell(r, 9);
        f.value = zh ? '假设' : 'assumed';
        markAssumed(f);
      }
      setText(ws.getCell(r, 10), a.rationale_stale ? staleRationaleText(lang) : a.rationale);
      if (a.rationale_stale) ws.getCell(r, 10).font = { bold: true, color: { argb: 'FFA3191F' } };
      setText(ws.getCell(r, 11), a.source);
      setText(ws.getCell(r, 12), fromLabel(a.from, scenarios, plan, lang));
      setText(ws.getCell(r, 13), a.author);
      setText(ws.getCell(r, 14), a.updated_at ? localDateTime(a.updated_at, lang, input.utc_offset_minutes ?? 0) : null);
      r++;
    }
  }
  fitColumns(ws, cols, 3);
  ws.views = [{ state: 'frozen', xSplit: 3, ySplit: 2, topLeftCell: 'D3', activeCell: 'D3' }];
  ws.getColumn(2).hidden = true; // the series id
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: Math.max(2, r - 1), column: cols.length } };
}

// -------------------------------------------------------------------------------------------------
// 实际值
// -------------------------------------------------------------------------------------------------

/** The columns of the 实际值 sheet: the Chinese header, the English (field) header. */
export const ACTUAL_COLUMNS = [
  { key: 'series', zh: '序列编号', en: 'series', label_en: 'Series id' },
  { key: 'series_name', zh: '指标名称', en: 'series name', label_en: 'Indicator' },
  { key: 'period', zh: '期间', en: 'period', label_en: 'Period' },
  { key: 'value', zh: '数值', en: 'value', label_en: 'Value' },
  { key: 'unit', zh: '单位', en: 'unit', label_en: 'Unit' },
  { key: 'ytd_growth', zh: '累计增速(%)', en: 'ytd_growth', label_en: 'YTD growth (%)' },
  { key: 'value_kind', zh: '数值性质', en: 'value_kind', label_en: 'Kind of value' },
  { key: 'source_title', zh: '来源', en: 'source.title', label_en: 'Source' },
  { key: 'source_url', zh: '来源链接', en: 'source.url', label_en: 'Source link' },
  { key: 'source_date', zh: '发布日期', en: 'source.date', label_en: 'Release date' },
  { key: 'reliability', zh: RELIABILITY_HEADING['zh-CN'], en: 'source.reliability', label_en: RELIABILITY_HEADING.en },
  { key: 'vintage', zh: '版本日期', en: 'vintage', label_en: 'Vintage' },
  { key: 'note', zh: '备注', en: 'note', label_en: 'Note' },
  { key: 'entered_by', zh: '录入人', en: 'entered_by', label_en: 'Entered by' },
  { key: 'entered_at', zh: '录入时间', en: 'entered_at', label_en: 'Entered at' },
  // written, never read back: where this record replaced an earlier figure (records-shown.ts)
  { key: 'revision', zh: '更新说明', en: 'revision', label_en: 'Revision' },
] as const;
/** Header words of older packs, still read back. */
const OLD_HEADERS: Record<string, string> = { 序列名称: 'series_name', 来源名称: 'source_title', 来源日期: 'source_date' };
type ActualKey = (typeof ACTUAL_COLUMNS)[number]['key'];

function actualsSheet(wb: ExcelJS.Workbook, input: BriefingInput): void {
  const { plan, language: lang } = input;
  const ws = wb.addWorksheet(sheetName('actuals', lang));
  const widths: Partial<Record<ActualKey, Partial<Column>>> = {
    series: { min: 10, max: 28 },
    ytd_growth: { width: 10 },
    series_name: { min: 12, max: 28 },
    period: { width: 10, numFmt: '@' },
    value: { width: 12 },
    unit: { min: 5, max: 12 },
    value_kind: { min: 8, max: 14 },
    source_title: { min: 14, max: 36 },
    source_url: { min: 14, max: 40 },
    source_date: { width: 11, numFmt: '@' },
    reliability: { width: 10 },
    vintage: { width: 11, numFmt: '@' },
    note: { width: 50, wrap: true },
    entered_by: { min: 10, max: 28 },
    entered_at: { min: 10, max: 22, numFmt: '@' },
    revision: { width: 40, wrap: true },
  };
  const cols: Column[] = ACTUAL_COLUMNS.map((c) => ({ zh: c.zh, en: c.en, label_en: c.label_en, ...widths[c.key] }));
  styleHeader(
    ws,
    1,
    2,
    cols,
    lang,
    1,
    lang === 'zh-CN'
      ? '实际值及来源（序列编号列隐藏，供重新导入）'
      : 'Actuals and their sources (the hidden first column is the key for re-import)',
  );
  let r = 3;
  // only the record in force of each series and period (the one rule, models/records.ts)
  for (const shown of shownActuals(input)) {
    const a = shown.record;
    const growth = ytdNoteGrowth(a.note);
    const unit = seriesUnit(plan, a.series);
    const row: Record<ActualKey, (cell: Cell) => void> = {
      series: (c) => setText(c, a.series),
      series_name: (c) => setText(c, seriesName(plan, a.series, lang)),
      // as the planners write it (2023年6月末 for a stock's month); read back to the key by periodFromText
      period: (c) => {
        c.value = periodText(
          a.period,
          lang,
          plan.series.find((x) => x.id === a.series),
        );
        c.numFmt = '@';
      },
      value: (c) => setNumber(c, a.value),
      unit: (c) => setText(c, unit),
      ytd_growth: (c) => setNumber(c, growth === null ? null : growth * 100),
      value_kind: (c) => setText(c, VALUE_KIND_WORDS[lang][a.value_kind ?? 'actual']),
      source_title: (c) => setText(c, sourceTitleText(a.source.title, lang)),
      source_url: (c) => setText(c, a.source.url),
      source_date: (c) => {
        setText(c, a.source.date);
        c.numFmt = '@';
      },
      reliability: (c) => setText(c, RELIABILITY_WORDS[lang][a.source.reliability]),
      vintage: (c) => {
        setText(c, a.vintage);
        c.numFmt = '@';
      },
      note: (c) => setText(c, noteText(a.note, lang)),
      entered_by: (c) => setText(c, enteredByText(a.entered_by, lang)),
      entered_at: (c) => setText(c, a.entered_at ? localDateTime(a.entered_at, lang, input.utc_offset_minutes ?? 0) : null),
      revision: (c) => setText(c, replacedNote(shown, plan, lang) || null),
    };
    ACTUAL_COLUMNS.forEach((col, i) => row[col.key](ws.getCell(r, i + 1)));
    if (a.value_kind === 'lower_bound' || a.value_kind === 'approx_below' || a.value_kind === 'estimate') {
      ws.getCell(r, 4).note =
        lang === 'zh-CN'
          ? `该值为${VALUE_KIND_WORDS[lang][a.value_kind]}，非确切实际值。`
          : `This value is a ${VALUE_KIND_WORDS[lang][a.value_kind]}, not an exact actual.`;
    }
    r++;
  }
  fitColumns(ws, cols, 3);
  // the series id is the key a re-import needs, not something a reader of the pack should see
  ws.getColumn(1).hidden = true;
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 2, topLeftCell: 'C3', activeCell: 'C3' }];
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: Math.max(2, r - 1), column: cols.length } };
}

/** The 累计增速 of a year-to-date record (a fraction), or null. */
function ytdNoteGrowth(note: string | null | undefined): number | null {
  const g = parseYtdNote(note).growth;
  return g === undefined ? null : g;
}

// -------------------------------------------------------------------------------------------------
// Public API
// -------------------------------------------------------------------------------------------------

/** Builds the briefing workbook (.xlsx) in memory. */
export async function buildWorkbook(input: BriefingInput): Promise<Buffer> {
  checkInput(input);
  const wb = new ExcelJS.Workbook();
  wb.creator = input.author || (input.language === 'zh-CN' ? '规划情景工作室' : 'Plan scenario studio');
  wb.title = input.language === 'zh-CN' ? `${input.plan.title_zh} 汇报材料` : `${input.plan.title_en} briefing pack`;
  const when = new Date(input.generated_at);
  if (!Number.isNaN(when.getTime())) {
    wb.created = when;
    wb.modified = when;
  }
  summarySheet(wb, input);
  trajectoriesSheet(wb, input);
  assumptionsSheet(wb, input);
  actualsSheet(wb, input);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

export interface SheetIssue {
  /** the spreadsheet row (1-based); 0 for the workbook as a whole. */
  row: number;
  column: string | null;
  message_zh: string;
  message_en: string;
}

/** An actual read back from the sheet: the zod `Actual`, plus entered_at when the sheet has it. */
export type SheetActual = Actual & { entered_at?: string };

export interface ReadActualsResult {
  ok: boolean;
  actuals: SheetActual[];
  errors: SheetIssue[];
}

type CellValue = ExcelJS.CellValue;

function isFormula(v: CellValue): boolean {
  return !!v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v);
}

function cellText(v: CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((x) => x.text).join('');
    if ('text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
    if ('error' in v) return null;
  }
  return String(v);
}

const HEADER_MATCH: Record<string, ActualKey> = {};
for (const c of ACTUAL_COLUMNS) {
  HEADER_MATCH[c.zh] = c.key;
  HEADER_MATCH[c.en.toLowerCase()] = c.key;
  HEADER_MATCH[c.label_en.toLowerCase()] = c.key;
  HEADER_MATCH[c.key] = c.key;
}
for (const [zh, key] of Object.entries(OLD_HEADERS)) HEADER_MATCH[zh] = key as ActualKey;

/**
 * Reads the 实际值 sheet of a briefing workbook back into actuals. Columns are found by their
 * Chinese or English header; value kinds and reliabilities are read in either language or as
 * codes. Formula cells are refused. Every row is checked with the zod `Actual`; a row with an
 * error is reported (row and column) and left out.
 */
export async function readActualsSheet(buffer: Buffer | ArrayBuffer | Uint8Array): Promise<ReadActualsResult> {
  const errors: SheetIssue[] = [];
  // the rows and cells counted inside the zip before exceljs builds the workbook in memory
  const over = await inspectXlsx(buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : buffer);
  if (over) return { ok: false, actuals: [], errors: [{ row: 0, column: null, message_zh: over.message_zh, message_en: over.message_en }] };
  const wb = new ExcelJS.Workbook();
  try {
    const data = buffer instanceof ArrayBuffer ? buffer : Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      actuals: [],
      errors: [{ row: 0, column: null, message_zh: `无法读取工作簿：${why}`, message_en: `cannot read the workbook: ${why}` }],
    };
  }
  const ws =
    wb.getWorksheet(SHEET_NAMES.actuals) ?? wb.worksheets.find((w) => w.name.toLowerCase() === SHEET_NAMES_EN.actuals.toLowerCase());
  if (!ws) {
    return {
      ok: false,
      actuals: [],
      errors: [
        {
          row: 0,
          column: null,
          message_zh: `工作簿中没有“${SHEET_NAMES.actuals}”表`,
          message_en: `the workbook has no "${SHEET_NAMES.actuals}" sheet`,
        },
      ],
    };
  }
  // header: the first row (of the first five) naming the series column
  let headerRow = 0;
  const colOf = new Map<ActualKey, number>();
  for (let r = 1; r <= Math.min(5, ws.rowCount) && headerRow === 0; r++) {
    const row = ws.getRow(r);
    const found = new Map<ActualKey, number>();
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const t = cellText(cell.value)?.trim();
      if (!t) return;
      const key = HEADER_MATCH[t] ?? HEADER_MATCH[t.toLowerCase()];
      if (key && !found.has(key)) found.set(key, c);
    });
    if (found.has('series') && found.has('value')) {
      headerRow = r;
      for (const [k, c] of found) colOf.set(k, c);
    }
  }
  if (headerRow === 0) {
    return {
      ok: false,
      actuals: [],
      errors: [
        {
          row: 0,
          column: null,
          message_zh: '实际值表缺少表头（序列编号、数值）',
          message_en: 'the actuals sheet has no header (series, value)',
        },
      ],
    };
  }
  const required: ActualKey[] = ['series', 'period', 'value', 'source_title', 'reliability'];
  const missingCols = required.filter((k) => !colOf.has(k));
  if (missingCols.length > 0) {
    const names = missingCols.map((k) => ACTUAL_COLUMNS.find((c) => c.key === k)!);
    return {
      ok: false,
      actuals: [],
      errors: [
        {
          row: headerRow,
          column: null,
          message_zh: `实际值表缺少列：${names.map((c) => c.zh).join('、')}`,
          message_en: `the actuals sheet lacks columns: ${names.map((c) => c.en).join(', ')}`,
        },
      ],
    };
  }
  const header = (k: ActualKey) => ACTUAL_COLUMNS.find((c) => c.key === k)!;
  const actuals: SheetActual[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const raw = (k: ActualKey): CellValue => {
      const c = colOf.get(k);
      return c ? row.getCell(c).value : null;
    };
    // the second header row: English field names (older packs) or the header cells merged over it
    if (r === headerRow + 1) {
      const first = row.getCell(colOf.get('series') ?? 1);
      if (first.isMerged || cellText(first.value)?.trim().toLowerCase() === 'series') continue;
    }
    const keys = [...colOf.keys()];
    if (keys.every((k) => cellText(raw(k)) === null || cellText(raw(k)) === '')) continue; // empty row
    const rowErrors: SheetIssue[] = [];
    const issue = (k: ActualKey | null, zh: string, en: string) =>
      rowErrors.push({
        row: r,
        column: k ? header(k).zh : null,
        message_zh: `第${r}行${k ? `“${header(k).zh}”` : ''}：${zh}`,
        message_en: `row ${r}${k ? ` (${header(k).en})` : ''}: ${en}`,
      });
    for (const k of keys)
      if (isFormula(raw(k))) issue(k, '不接受公式，请填写数值或文本', 'formulas are not accepted; enter a value or text');
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    const text = (k: ActualKey): string => cellText(raw(k)) ?? '';
    const nullable = (k: ActualKey): string | null => {
      const t = cellText(raw(k));
      return t === null || t === '' ? null : t;
    };
    let value: number = Number.NaN;
    const rv = raw('value');
    if (typeof rv === 'number') value = rv;
    else if (typeof rv === 'string' && rv.trim() !== '') value = Number(rv.trim().replace(/,/g, ''));
    if (!Number.isFinite(value)) issue('value', '须为数字', 'must be a number');
    const kindText = text('value_kind').trim();
    const value_kind = kindText === '' ? 'actual' : parseValueKind(kindText);
    if (value_kind === null)
      issue(
        'value_kind',
        `无法识别“${kindText}”（实际值/下限/接近(上限)/推算）`,
        `"${kindText}" is not a value kind (actual, lower bound, approx. (upper bound), estimate)`,
      );
    const relText = text('reliability').trim();
    const reliability = parseReliability(relText);
    if (reliability === null)
      issue(
        'reliability',
        `无法识别“${relText}”（${Object.values(RELIABILITY_WORDS['zh-CN']).join('/')}）`,
        `"${relText}" is not a reliability (official, secondary, mirror, low, internal)`,
      );
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    const candidate = {
      series: text('series').trim(),
      period: periodFromText(text('period')),
      value,
      value_kind,
      source: {
        title: text('source_title'),
        url: nullable('source_url'),
        date: nullable('source_date')?.trim() ?? null,
        reliability,
      },
      vintage: nullable('vintage')?.trim() ?? null,
      note: text('note'),
      entered_by: text('entered_by'),
    };
    const growthText = nullable('ytd_growth');
    if (growthText !== null) {
      const g = Number(growthText.replace(/%$/, ''));
      if (!Number.isFinite(g)) issue('ytd_growth', '须为数字（百分数）', 'must be a number (percent)');
      else candidate.note = formatYtdNote({ growth: g / 100 }, candidate.note);
    }
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    const parsed = ActualSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const iss of parsed.error.issues) {
        const p = iss.path.join('.');
        issue(null, `${p}：${iss.message}`, `${p}: ${iss.message}`);
      }
      errors.push(...rowErrors);
      continue;
    }
    const out: SheetActual = parsed.data;
    const at = nullable('entered_at');
    if (colOf.has('entered_at') && at !== null) out.entered_at = at;
    actuals.push(out);
  }
  return { ok: errors.length === 0, actuals, errors };
}
