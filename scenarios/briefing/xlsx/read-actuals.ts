/** Reads the 实际值 sheet of a briefing workbook back into actuals (round trip exact; periods read back by periodFromText). */
import ExcelJS from 'exceljs';
import { inspectXlsx } from '../../plan/sheet-limits';
import { Actual as ActualSchema, type Actual } from '../../../models/schema';
import { formatYtdNote } from '../../../models/records';
import { periodFromText } from '../records-shown';
import { RELIABILITY_WORDS, parseReliability, parseValueKind } from '../terms';
import { SHEET_NAMES, SHEET_NAMES_EN } from './cells';
import { ACTUAL_COLUMNS, OLD_HEADERS, type ActualKey } from './actual-columns';

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
