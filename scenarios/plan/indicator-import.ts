/**
 * Import a plan from an Excel indicator table (从 Excel 指标表导入规划).
 *
 * Planners keep their targets in sheets with columns such as 指标名称, 单位, 基期值, 目标值, 目标年,
 * 责任单位, named and ordered in many ways. The import has three steps, so that a user interface
 * can show and correct the middle one:
 *   1. `readIndicatorSheet(buffer)`: the sheet names, the header row and the data rows;
 *   2. `guessMapping(headers)`: which column holds which field (the user may change it);
 *   3. `planFromIndicatorRows(rows, mapping, options)`: a valid Plan of every row, or, when any
 *      row is bad, no plan at all and every bad row with reasons that name the sheet row, the
 *      column and the indicator (all or nothing, as every import: docs/imports.md).
 */
import type { Actual, Assumption, Comparator, Plan, PlanInput, Series, Target, TargetKind } from '../../models/schema';
import { columnLetter } from '../../models/columns';
import { normalizeNumberText, percentText, readNumber } from '../../models/numbers';
import { StudioError } from '../../models/errors';
import { checkFigure } from '../../models/plausibility';
import { MAPPING_FIELDS, type ColumnMapping, type MappingField, type RejectedRow } from '../../contract/types';
import { parsePlan, type PlanIssue } from './load';
import { findHeaderRow, isCellProblem, PercentCell, readWorkbook, SheetReadError, type CellProblem, type SheetCell } from '../sheets/read';

export { type CellProblem };

// ---------------------------------------------------------------------------------------------
// Step 1: read the sheet
// ---------------------------------------------------------------------------------------------

export interface IndicatorSheet {
  /** Every sheet name of the workbook, in order. */
  sheets: string[];
  /** The sheet that was read. */
  sheet: string;
  /** 1-based sheet row of the header (the first non-empty row unless given). */
  header_row: number;
  headers: string[];
  /** The rows below the header, one per sheet row (blank rows included, so rows[i] is sheet row header_row + 1 + i). */
  rows: SheetCell[][];
}

export class IndicatorImportError extends StudioError {
  constructor(message_zh: string, message_en: string, path?: string) {
    super('invalid', message_zh, message_en, path);
    this.message = `${message_zh} / ${message_en}`;
    this.name = 'IndicatorImportError';
  }
}

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * Reads one sheet of a workbook (.xlsx or CSV, through the one sheet reader). Merged cells give
 * every cell of the merge the master's value; formulas give their cached result (a formula
 * without one becomes a CellProblem, which the import rejects with a message); a number with a
 * % format is a PercentCell. The header is the first row naming an indicator and a target
 * column (title rows above it are skipped), else the first non-empty row.
 */
export async function readIndicatorSheet(
  buffer: Buffer | ArrayBuffer | Uint8Array,
  options: { sheet?: string | number; header_row?: number; file_name?: string } = {},
): Promise<IndicatorSheet> {
  let wb;
  try {
    wb = await readWorkbook(buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : buffer, options.file_name ?? '指标表.xlsx');
  } catch (e) {
    if (e instanceof SheetReadError) throw new IndicatorImportError(e.message_zh, e.message_en);
    throw e;
  }
  const sheets = wb.sheets.map((w) => w.name);
  let ws;
  if (options.sheet === undefined) ws = wb.sheets[0];
  else if (typeof options.sheet === 'number') ws = wb.sheets[options.sheet];
  else ws = wb.sheets.find((w) => w.name === options.sheet);
  if (!ws) {
    throw new IndicatorImportError(
      `找不到工作表 "${String(options.sheet)}",现有:${sheets.join('、')}`,
      `sheet "${String(options.sheet)}" not found; the workbook has: ${sheets.join(', ')}`,
    );
  }
  let headerIdx = options.header_row ? options.header_row - 1 : -1;
  if (headerIdx < 0) {
    headerIdx = findHeaderRow(ws.rows, (texts) => {
      const m = guessMapping(texts);
      return m.name !== null && m.target !== null;
    });
  }
  if (headerIdx < 0 || headerIdx >= ws.rows.length)
    throw new IndicatorImportError(`工作表 "${ws.name}" 是空的`, `sheet "${ws.name}" is empty`);
  const headerCells = ws.rows[headerIdx]!;
  const headers = headerCells.map((v) => (isBlank(v) || isCellProblem(v) ? '' : cellText(v).replace(/\s+/g, ' ').trim()));
  const rows: SheetCell[][] = ws.rows.slice(headerIdx + 1);
  while (rows.length > 0 && rows[rows.length - 1]!.every(isBlank)) rows.pop();
  return { sheets, sheet: ws.name, header_row: headerIdx + 1, headers, rows };
}

// ---------------------------------------------------------------------------------------------
// Step 2: column mapping
// ---------------------------------------------------------------------------------------------

export { MAPPING_FIELDS };
export type { ColumnMapping, MappingField, RejectedRow } from '../../contract/types';

export const FIELD_LABELS: Record<MappingField, { zh: string; en: string }> = {
  name: { zh: '指标名称', en: 'indicator name' },
  unit: { zh: '单位', en: 'unit' },
  base_value: { zh: '基期值', en: 'base-year value' },
  target: { zh: '目标值', en: 'target' },
  target_year: { zh: '目标年', en: 'target year' },
  responsible: { zh: '责任单位', en: 'responsible units' },
};

/** Known header names per field, most specific first (compared after normalising). */
const SYNONYMS: Record<MappingField, string[]> = {
  target_year: [
    '目标年份',
    '目标年',
    '完成年份',
    '完成年限',
    '完成时间',
    '目标年度',
    '年份',
    '年度',
    'target year',
    'year',
    'deadline',
    'due year',
  ],
  base_value: [
    '基期值',
    '基期数',
    '基期',
    '基数',
    '基准值',
    '基准年值',
    '现状值',
    '现状',
    '起始值',
    'base value',
    'base-year value',
    'base year value',
    'baseline',
    'base',
  ],
  target: ['目标值', '目标', '预期目标', '目标任务', '指标值', 'target value', 'target', 'goal'],
  name: ['指标名称', '指标名', '指标', '名称', '项目', '内容', 'indicator name', 'indicator', 'name', 'metric', 'kpi'],
  unit: ['计量单位', '单位', 'unit', 'units', 'uom'],
  responsible: [
    '责任单位',
    '牵头单位',
    '责任部门',
    '牵头部门',
    '负责单位',
    '责任主体',
    'responsible units',
    'responsible',
    'lead unit',
    'owner',
    'department',
  ],
};

function normHeader(h: string): string {
  return h
    .toLowerCase()
    .replace(/[((][^))]*[))]/g, '') // drop bracketed qualifiers: 目标值(2026年)
    .replace(/[\s_:：*]+/g, ' ')
    .trim();
}

/** Guesses which column holds which field; unmatched fields are null. Each column is used once. */
export function guessMapping(headers: string[]): ColumnMapping {
  const candidates: Array<{ field: MappingField; col: number; score: number }> = [];
  headers.forEach((h, col) => {
    const n = normHeader(h);
    if (!n) return;
    for (const field of MAPPING_FIELDS) {
      SYNONYMS[field].forEach((syn, rank) => {
        let score = 0;
        if (n === syn) score = 1000 - rank;
        else if (/^[a-z -]+$/.test(syn) ? new RegExp(`\\b${syn}\\b`).test(n) : n.includes(syn)) score = 500 + syn.length * 10 - rank;
        if (score > 0) candidates.push({ field, col, score });
      });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.col - b.col);
  const mapping: ColumnMapping = { name: null, unit: null, base_value: null, target: null, target_year: null, responsible: null };
  const usedCols = new Set<number>();
  for (const c of candidates) {
    if (mapping[c.field] !== null || usedCols.has(c.col)) continue;
    mapping[c.field] = c.col;
    usedCols.add(c.col);
  }
  return mapping;
}

// ---------------------------------------------------------------------------------------------
// Step 3: rows -> plan
// ---------------------------------------------------------------------------------------------

export interface ImportOptions {
  plan_id: string;
  title_zh: string;
  base_year: number;
  title_en?: string;
  /** Sheet row number of rows[0] (default 2: a header in row 1). Use header_row + 1 from readIndicatorSheet. */
  first_row?: number;
  /** Header texts, to name columns in messages as the sheet does. */
  headers?: string[];
  /** Target year for rows without one (no column, or an empty cell). */
  target_year?: number;
  source_document?: string;
}

/** `rejected` is empty whenever `ok`: one bad row and no plan is built (all or nothing). */
export type ImportResult = { ok: true; plan: Plan; rejected: RejectedRow[] } | { ok: false; errors: PlanIssue[]; rejected: RejectedRow[] };

export interface ParsedTarget {
  kind: TargetKind;
  comparator: Comparator;
  comparator_zh: string;
  target: number | [number, number];
  /** '%' when the value text carries a percent sign. */
  percent: boolean;
  /** The unit written in the cell next to the number (亿元, 倍) when the row gives none. */
  cell_unit?: string;
}

/** Full-width digits and punctuation, every minus sign (U+2212 ...) to ASCII (models/numbers). */
function toHalfWidth(s: string): string {
  return normalizeNumberText(s).replace(/～/g, '~');
}

/** A unit written right after the number of a target cell: "1.2亿元", "1.5万亿元以上", "2.5倍". */
const CELL_UNIT = /^\s*(万亿元|亿美元|万美元|万千瓦|万亿|亿元|万元|美元|万吨|万人|千瓦|兆瓦|元|亿|吨|倍|个|家|项)/;

const NUMBER = /-?\d+(?:\.\d+)?/g;
const COMPARATOR_WORDS: Array<[RegExp, Comparator]> = [
  [/不少于|不低于|至少|以上|≥|>=/, '>='],
  [/突破|超过|高于|大于|>/, '>'],
  [/左右|大约|约|上下/, '~'],
  [/不超过|不高于|以下|以内|≤|<=/, '<='],
  [/低于|少于|小于|</, '<'],
];
const REDUCTION = /下降|降低|减少|降幅|压减/;
const GROWTH = /年均增长|年均增速|年均提高|增长率|增速|增长/;

/**
 * Reads a target cell: 700 | "10%以上" | "1—2" | "下降10%" | "突破300" | "20左右" ...
 * `context` is the indicator name (and unit), whose words (下降, 年均增长, 每年, 累计) also set the kind.
 */
export function parseTargetValue(raw: unknown, context = '', unit = ''): ParsedTarget | { error_zh: string; error_en: string } {
  let text: string;
  if (typeof raw === 'number') text = String(raw);
  else if (typeof raw === 'string') text = raw;
  else if (raw instanceof PercentCell) text = percentText(raw.fraction);
  else return { error_zh: '不是数字', error_en: 'is not a number' };
  text = toHalfWidth(text)
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .trim();
  // an accounting negative: (120) is -120
  const acct = /^\((\d+(?:\.\d+)?)\)(.*)$/.exec(text);
  if (acct) text = `-${acct[1]}${acct[2]}`;
  if (text === '') return { error_zh: '为空', error_en: 'is empty' };
  const ctx = toHalfWidth(context);
  const percent = text.includes('%');

  const range = /^[^\d-]*?(-?\d+(?:\.\d+)?)\s*%?\s*(?:—{1,2}|–|-|~|至|到)\s*(-?\d+(?:\.\d+)?)/.exec(text);
  if (range) {
    const lo = Number(range[1]);
    const hi = Number(range[2]);
    if (lo > hi) return { error_zh: `区间下限 ${lo} 大于上限 ${hi}`, error_en: `range minimum ${lo} is above its maximum ${hi}` };
    return { kind: 'range', comparator: 'range', comparator_zh: `${range[1]}—${range[2]}`, target: [lo, hi], percent };
  }
  const numbers = text.match(NUMBER) ?? [];
  if (numbers.length === 0) return { error_zh: `“${text}”不是数字`, error_en: `"${text}" is not a number` };
  if (numbers.length > 1)
    return { error_zh: `“${text}”含有多个数字,无法判断目标值`, error_en: `"${text}" holds several numbers; the target is ambiguous` };
  let value = Number(numbers[0]);
  let rest = text.replace(NUMBER, ' ');
  let cellUnit: string | undefined;
  const after = CELL_UNIT.exec(text.slice(text.indexOf(numbers[0]!) + numbers[0]!.length));
  if (after && !percent) {
    const read = readNumber(`${numbers[0]}${after[1]}`, { unit: toHalfWidth(unit).trim() });
    if (!read.ok) return { error_zh: read.reason_zh, error_en: `cannot be read: ${read.reason_en}` };
    value = read.value;
    if (!unit.trim()) cellUnit = after[1];
    rest = rest.replace(after[1]!, ' ');
  }

  if (REDUCTION.test(rest) || REDUCTION.test(ctx)) {
    const word = (REDUCTION.exec(rest) ?? REDUCTION.exec(ctx))![0];
    return { kind: 'reduction', comparator: '>=', comparator_zh: word, target: Math.abs(value), percent: true };
  }
  let comparator: Comparator = '>=';
  let comparator_zh = '';
  for (const [re, c] of COMPARATOR_WORDS) {
    const m = re.exec(rest);
    if (m) {
      comparator = c;
      comparator_zh = m[0];
      break;
    }
  }
  if (!comparator_zh && /达/.test(rest)) comparator_zh = '达';
  let kind: TargetKind = 'level';
  if ((GROWTH.test(rest) || GROWTH.test(ctx)) && (percent || /%/.test(ctx))) kind = 'growth_rate';
  else if (/每年|年均/.test(rest) || /每年/.test(ctx)) kind = 'annual_flow';
  else if (/累计/.test(rest) || /累计/.test(ctx)) kind = 'cumulative';
  else if (percent || /%/.test(ctx)) kind = 'share';
  return { kind, comparator, comparator_zh, target: value, percent, ...(cellUnit ? { cell_unit: cellUnit } : {}) };
}

const MISSING = new Set(['', '-', '—', '——', '/', '无', '暂无', 'n/a', 'na', '—/—']);

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v instanceof PercentCell) return percentText(v.fraction);
  return String(v).trim();
}

/** A base-year value in the row's unit: a percentage is read in percent (a cell showing 15% is 15). */
function parseNumberCell(v: unknown, unit: string): number | null | { error_zh: string; error_en: string } {
  if (typeof v !== 'number' && MISSING.has(toHalfWidth(cellText(v)).toLowerCase())) return null;
  const r =
    v instanceof PercentCell
      ? readNumber(v.fraction, { percent_format: true })
      : readNumber(typeof v === 'number' ? v : cellText(v), { unit });
  if (!r.ok) return { error_zh: r.reason_zh, error_en: r.reason_en };
  if (r.percent) {
    if (unit !== '' && unit !== '%')
      return {
        error_zh: `“${cellText(v)}”是百分数，该指标的单位是“${unit}”`,
        error_en: `"${cellText(v)}" is a percentage, but the indicator is in ${unit}`,
      };
    return Number((r.value * 100).toPrecision(15));
  }
  return r.value;
}

function parseYearCell(v: unknown): number | null | 'bad' {
  if (v instanceof Date) return v.getUTCFullYear();
  if (typeof v === 'number') return Number.isInteger(v) ? v : 'bad';
  const t = toHalfWidth(cellText(v));
  if (t === '') return null;
  const m = /^(\d{4})\s*年?(底|末)?$/.exec(t);
  return m ? Number(m[1]) : 'bad';
}

/**
 * Builds a plan from mapped rows, all or nothing: every row is checked, and when any is bad no
 * plan is built; each bad row is listed with all its reasons (sheet row, column, the indicator's
 * name), so the planner can fix the file and import it again.
 */
export function planFromIndicatorRows(rows: unknown[][], mapping: ColumnMapping, options: ImportOptions): ImportResult {
  const firstRow = options.first_row ?? 2;
  const colName = (field: MappingField): { zh: string; en: string } => {
    const col = mapping[field];
    const header = col !== null ? options.headers?.[col] : undefined;
    const letter = col !== null ? columnLetter(col) : '';
    const label = FIELD_LABELS[field];
    return {
      zh: `「${label.zh}」列${letter ? `(${letter}列${header && header !== label.zh ? `,表头“${header}”` : ''})` : ''}`,
      en: `${label.en} column${letter ? ` (${letter}${header ? `, "${header}"` : ''})` : ''}`,
    };
  };
  const missingCols = (['name', 'target'] as const).filter((f) => mapping[f] === null);
  if (missingCols.length > 0) {
    return {
      ok: false,
      rejected: [],
      errors: [
        {
          path: 'mapping',
          message_zh: `列对应关系缺少必需的列:${missingCols.map((f) => FIELD_LABELS[f].zh).join('、')}`,
          message_en: `the column mapping lacks required columns: ${missingCols.map((f) => FIELD_LABELS[f].en).join(', ')}`,
        },
      ],
    };
  }
  if (mapping.target_year === null && options.target_year === undefined) {
    return {
      ok: false,
      rejected: [],
      errors: [
        {
          path: 'mapping.target_year',
          message_zh: '没有「目标年」列,也没有给出默认目标年',
          message_en: 'there is no target-year column and no default target year',
        },
      ],
    };
  }

  const rejected: RejectedRow[] = [];
  const series: Series[] = [];
  const targets: Target[] = [];
  const actuals: Actual[] = [];
  const assumptions: Assumption[] = [];
  const cell = (row: unknown[], field: MappingField): unknown => (mapping[field] === null ? null : row[mapping[field]!]);

  rows.forEach((row, i) => {
    const sheetRow = firstRow + i;
    if (row.every(isBlank)) return;
    const zh: string[] = [];
    const en: string[] = [];
    const bad = (field: MappingField, rz: string, re: string) => {
      const c = colName(field);
      zh.push(`第${sheetRow}行${c.zh}:${rz}`);
      en.push(`row ${sheetRow}, ${c.en}: ${re}`);
    };
    for (const field of MAPPING_FIELDS) {
      const v = cell(row, field);
      if (isCellProblem(v)) {
        if (v.cell_problem === 'formula_without_result')
          bad(
            field,
            `${v.address} 的公式 ${v.detail} 没有缓存结果,请在 Excel 中打开并保存后再导入`,
            `formula ${v.detail} in ${v.address} has no cached result; open and save the file in Excel, then import again`,
          );
        else bad(field, `${v.address} 是错误值 ${v.detail}`, `${v.address} holds the error value ${v.detail}`);
      }
    }
    const problems = new Set(MAPPING_FIELDS.filter((f) => isCellProblem(cell(row, f))));

    const name = problems.has('name') ? '' : cellText(cell(row, 'name'));
    const reject = () => rejected.push({ row: sheetRow, ...(name ? { name } : {}), reasons_zh: zh, reasons_en: en });
    if (!problems.has('name') && name === '') bad('name', '缺少指标名称', 'the indicator name is missing');
    const unitRaw = problems.has('unit') ? '' : toHalfWidth(cellText(cell(row, 'unit')));

    let parsed: ParsedTarget | null = null;
    if (!problems.has('target')) {
      const r = parseTargetValue(cell(row, 'target'), `${name} ${unitRaw}`, unitRaw);
      if ('error_zh' in r) bad('target', `目标值${r.error_zh}`, `the target ${r.error_en}`);
      else if (r.kind === 'share' && r.percent && unitRaw.trim() !== '' && !/%|百分/.test(unitRaw)) {
        // a percentage (typed, or a number shown with a % format) where the row's unit is not a
        // percent: neither a share in % nor a value in the unit can be told from it (growth and
        // reduction targets are percentages of a level in any unit, and are read above)
        const shown = cellText(cell(row, 'target'));
        bad(
          'target',
          `目标值“${shown}”是百分数，该指标的单位是“${unitRaw.trim()}”`,
          `the target "${shown}" is a percentage, but the indicator is in ${unitRaw.trim()}`,
        );
      } else parsed = r;
    }

    let year: number | null = null;
    if (!problems.has('target_year')) {
      const y = parseYearCell(cell(row, 'target_year'));
      const yv = y === 'bad' ? null : y === null ? (options.target_year ?? null) : y;
      if (y === 'bad')
        bad('target_year', `“${cellText(cell(row, 'target_year'))}”不是年份`, `"${cellText(cell(row, 'target_year'))}" is not a year`);
      else if (yv === null) bad('target_year', '缺少目标年', 'the target year is missing');
      else if (!Number.isInteger(yv) || yv < 1990 || yv > 2100)
        bad('target_year', `年份 ${yv} 超出 1990—2100`, `year ${yv} is outside 1990-2100`);
      else if (yv <= options.base_year)
        bad(
          'target_year',
          `目标年 ${yv} 不晚于基期年 ${options.base_year}`,
          `target year ${yv} is not after the base year ${options.base_year}`,
        );
      else year = yv;
    }

    let base: number | null = null;
    if (!problems.has('base_value')) {
      const b = parseNumberCell(cell(row, 'base_value'), unitRaw.trim());
      if (b !== null && typeof b === 'object')
        bad(
          'base_value',
          `基期值“${cellText(cell(row, 'base_value'))}”无法读取:${b.error_zh}`,
          `base-year value "${cellText(cell(row, 'base_value'))}" cannot be read: ${b.error_en}`,
        );
      else base = b;
    }

    if (zh.length > 0 || !parsed || year === null) {
      reject();
      return;
    }

    const id = `row_${sheetRow}`;
    const unit = unitRaw || (parsed.percent ? '%' : (parsed.cell_unit ?? '—'));
    const responsible = problems.has('responsible')
      ? []
      : cellText(cell(row, 'responsible'))
          .split(/[、,，;；/\n]+/)
          .map((s) => s.trim())
          .filter(Boolean);
    const isPercentTarget = parsed.kind === 'share' || parsed.kind === 'reduction' || parsed.kind === 'growth_rate';
    const targetUnit = isPercentTarget ? '%' : unit;
    // growth and reduction targets judge a level / intensity series, whose unit the sheet may not give.
    const seriesUnit = parsed.kind === 'share' ? '%' : isPercentTarget ? (unit !== '%' ? unit : '(未注明)') : unit;
    // a cumulative target judges the running sum (id); its annual flow (carrier) holds the data.
    const carrier = parsed.kind === 'cumulative' ? `${id}_flow` : id;
    const rowSeries: Series[] = [];
    const common = { name_zh: name, name_en: name, price_basis: null, bounds: null, driver: false } as const;
    if (parsed.kind === 'cumulative') {
      rowSeries.push({
        ...common,
        id: carrier,
        name_zh: `${name}(当年)`,
        name_en: `${name} (in the year)`,
        unit: seriesUnit,
        nature: 'flow',
        derived: null,
      });
      rowSeries.push({
        ...common,
        id,
        name_zh: `${name}(累计)`,
        name_en: `${name} (cumulative)`,
        unit: seriesUnit,
        nature: 'stock',
        derived: { type: 'cumsum', of: carrier, from_year: options.base_year + 1 },
      });
    } else if (parsed.kind === 'share') {
      rowSeries.push({ ...common, id, unit: '%', nature: 'rate', bounds: [0, 100], derived: null });
    } else if (parsed.kind === 'reduction') {
      rowSeries.push({
        ...common,
        id,
        unit: seriesUnit,
        nature: 'rate',
        derived: null,
        note_zh: '强度类指标(导入时无法拆分分子分母),直接按强度值判断降幅。',
      });
    } else {
      rowSeries.push({ ...common, id, unit: seriesUnit, nature: parsed.kind === 'annual_flow' ? 'flow' : 'stock', derived: null });
    }
    // the plausibility rules (models/plausibility.ts) on the row's base value and target, as on
    // every figure that enters: a share in 0–100, a level, a flow or a count not negative (growth
    // and reduction targets are rates, and their base cell may be a rate too: not checked)
    if (parsed.kind !== 'growth_rate' && parsed.kind !== 'reduction') {
      const years = {
        base_year: options.base_year,
        period_start: options.base_year + 1,
        period_end: Math.max(year, options.base_year + 1),
      };
      const byId = (sid: string) => rowSeries.find((x) => x.id === sid)!;
      if (base !== null) {
        for (const issue of checkFigure(
          years,
          byId(carrier),
          { series: carrier, period: String(options.base_year), value: base },
          { path: 'base_value', zh: '基期值', en: 'base-year value' },
        ))
          bad('base_value', issue.message_zh, issue.message_en);
      }
      const values = Array.isArray(parsed.target) ? parsed.target : [parsed.target];
      for (const v of values) {
        for (const issue of checkFigure(
          years,
          byId(id),
          { series: id, period: String(year), value: v },
          { path: 'target', zh: '目标值', en: 'target' },
        ))
          bad('target', issue.message_zh, issue.message_en);
      }
      if (zh.length > 0) {
        reject();
        return;
      }
    }
    series.push(...rowSeries);
    targets.push({
      id,
      name_zh: name,
      name_en: name,
      section: 'imported',
      item: null,
      source_text: `Excel 第${sheetRow}行:${name} ${cellText(cell(row, 'target'))}`.slice(0, 2000),
      unit: targetUnit,
      kind: parsed.kind,
      comparator: parsed.comparator,
      comparator_zh: parsed.comparator_zh.slice(0, 16),
      target: parsed.target,
      target_year: year,
      base_year: null,
      start_year: null,
      series: id,
      responsible,
      enterprises: [],
      binding: null,
      headline: false,
    });
    if (base !== null) {
      actuals.push({
        series: carrier,
        period: String(options.base_year),
        value: base,
        value_kind: 'actual',
        source: { title: 'Excel 导入', url: null, date: null, reliability: 'internal' },
        vintage: null,
        note: `Excel 第${sheetRow}行的基期值 / base-year value from sheet row ${sheetRow}`,
        entered_by: 'Excel 导入',
      });
    }
    assumptions.push({
      series: carrier,
      base_value: null,
      model: { type: 'flat' },
      uncertainty: null,
      rationale:
        base !== null
          ? '假设:按基期值持平(Excel 导入的默认假设,请按实际情况修改)。/ Assumption: held flat at the base-year value (import default).'
          : '假设:Excel 中没有基期值,无法推算,请补录基期值后修改模型。/ Assumption: no base-year value in the sheet; enter one.',
      source: base !== null ? 'Excel 导入' : '假设值(无基期数据)',
      author: 'Excel 导入',
      updated_at: '',
    });
  });

  if (rejected.length > 0) {
    return {
      ok: false,
      rejected,
      errors: [
        {
          path: 'rows',
          message_zh: `表中有 ${rejected.length} 行有误，未生成规划（整张表全部导入或全部不导入）：请按下列各行的原因改正文件后重新导入`,
          message_en: `${rejected.length} ${rejected.length === 1 ? 'row of the table has errors' : 'rows of the table have errors'}, so no plan was built (the whole table is imported or none of it): fix the ${rejected.length === 1 ? 'row' : 'rows'} listed below and import the file again`,
        },
      ],
    };
  }
  if (targets.length === 0) {
    return {
      ok: false,
      rejected,
      errors: [
        {
          path: 'rows',
          message_zh: '没有可导入的指标：表中没有数据行',
          message_en: 'no indicator could be imported: the sheet has no data rows',
        },
      ],
    };
  }

  const planInput: PlanInput = {
    schema_version: 1,
    id: options.plan_id,
    title_zh: options.title_zh,
    title_en: options.title_en ?? options.title_zh,
    issuer_zh: '',
    issued_date: '',
    source_document: options.source_document ?? 'Excel 导入',
    period_start: options.base_year + 1,
    period_end: Math.max(...targets.map((t) => t.target_year)),
    base_year: options.base_year,
    sections: [{ id: 'imported', code: '', title_zh: '导入指标', title_en: 'Imported indicators', items: [] }],
    series,
    targets,
    milestones: [],
    actuals,
    references: [],
    presets: [
      {
        id: 'baseline',
        name_zh: '基准情景',
        name_en: 'Baseline',
        description_zh: 'Excel 导入时生成:各指标按基期值持平,请按实际情况修改。',
        description_en: 'Created by the Excel import: every indicator held flat at its base-year value.',
        parent: null,
        assumptions,
      },
    ],
  };
  const checked = parsePlan(planInput);
  if (!checked.ok) return { ok: false, errors: checked.errors, rejected };
  return { ok: true, plan: checked.plan, rejected };
}
