/**
 * Sheets in the API: the Data screen sends a file's bytes; the server reads it with the one sheet
 * reader (scenarios/sheets/read.ts, with its limits) and returns a preview ('sheets:preview'),
 * then checks and stores the actuals with the planner's column mapping ('actuals:import'): all
 * or nothing, in one transaction, a dry run first to show what will be stored.
 */
import { ApiError, type ActualsImportReply, type SheetPreview } from '../contract';
import { missingRequired, validateRows, type ColumnMapping, type ImportDefaults } from '../models/actuals-import';
import type { Plan, Reliability } from '../models/schema';
import { cellText, findHeaderRow, readWorkbook, SheetReadError, type Workbook } from '../scenarios/sheets/read';
import type { ScenarioStore } from '../scenarios/store/store';
import { guardRecords, recordFindings } from './plausibility';

const PREVIEW_ROWS = 50;
const REJECTED_SHOWN = 200;

async function read(content: Buffer, fileName: string): Promise<Workbook> {
  try {
    return await readWorkbook(content, fileName);
  } catch (e) {
    if (e instanceof SheetReadError) throw new ApiError('invalid', e.message_zh, e.message_en, 'content_base64');
    throw e;
  }
}

function pickSheet(wb: Workbook, sheet?: string) {
  const ws = sheet === undefined ? wb.sheets[0] : wb.sheets.find((s) => s.name === sheet);
  if (!ws) {
    throw new ApiError(
      'invalid',
      `找不到工作表“${sheet}”，现有：${wb.sheets.map((s) => s.name).join('、')}`,
      `Sheet "${sheet}" not found; the workbook has: ${wb.sheets.map((s) => s.name).join(', ')}`,
      'sheet',
    );
  }
  return ws;
}

function textRows(rows: readonly (readonly Parameters<typeof cellText>[0][])[]): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  rows.forEach((r, i) => {
    const fields = r.map(cellText);
    if (fields.some((f) => f !== '')) out.push({ line: i + 1, fields });
  });
  return out;
}

function emptyFile(fileName: string): ApiError {
  return new ApiError('invalid', `文件“${fileName}”中没有数据`, `File "${fileName}" holds no data`, 'content_base64');
}

export async function previewSheet(req: { content: Buffer; file_name: string; sheet?: string }): Promise<SheetPreview> {
  const wb = await read(req.content, req.file_name);
  const ws = pickSheet(wb, req.sheet);
  const h = findHeaderRow(ws.rows);
  if (h < 0) throw emptyFile(req.file_name);
  const rows = textRows(ws.rows.slice(h)).map((r) => ({ line: r.line + h, fields: r.fields }));
  return {
    file_name: req.file_name,
    kind: wb.kind,
    encoding: wb.encoding,
    sheets: wb.sheets.map((s) => s.name),
    sheet: ws.name,
    header_line: h + 1,
    rows: rows.slice(0, PREVIEW_ROWS + 1),
    data_rows: Math.max(0, rows.length - 1),
  };
}

export async function importActuals(
  store: ScenarioStore,
  plan: Plan,
  req: {
    content: Buffer;
    file_name: string;
    sheet?: string;
    /** Rows from this 1-based line on are data (the header line + 1, or the header line when the file has none). */
    data_from_line: number;
    mapping: ColumnMapping;
    source_title: string;
    reliability: Reliability;
    dry_run?: boolean;
    /** far-off values were confirmed (models/plausibility.ts) */
    confirm?: boolean;
  },
  author: string,
): Promise<ActualsImportReply> {
  const missing = missingRequired(req.mapping);
  if (missing.length > 0) {
    const words = { series: ['指标', 'indicator'], period: ['期间', 'period'], value: ['数值', 'value'] } as Record<
      string,
      [string, string]
    >;
    throw new ApiError(
      'invalid',
      `列对应关系缺少必需的列：${missing.map((f) => words[f]?.[0] ?? f).join('、')}，未导入任何数据`,
      `The column mapping lacks required columns: ${missing.map((f) => words[f]?.[1] ?? f).join(', ')}; nothing was imported`,
      `mapping.${missing[0]}`,
    );
  }
  const wb = await read(req.content, req.file_name);
  const ws = pickSheet(wb, req.sheet);
  const rows = textRows(ws.rows).filter((r) => r.line >= req.data_from_line);
  if (rows.length === 0) throw emptyFile(req.file_name);
  const defaults: ImportDefaults = {
    source_title: req.source_title,
    reliability: req.reliability,
    entered_by: author,
    vintage: new Date().toISOString().slice(0, 10),
  };
  // every row checked, the plausibility rules included: an implausible figure is a rejected row
  // naming its line and column, shown by the dry run with the others (all or nothing)
  const result = validateRows(rows, req.mapping, plan, defaults);
  const reply: ActualsImportReply = {
    dry_run: req.dry_run === true,
    valid: result.valid.length,
    rejected: result.rejected.slice(0, REJECTED_SHOWN),
    rejected_count: result.rejected.length,
    stored: 0,
  };
  if (result.rejected.length > 0 || result.valid.length === 0) return reply;
  const figures = result.valid.map((v) => v.actual);
  const where = (i: number) => ({
    path: `line ${result.valid[i]!.line}`,
    zh: `第${result.valid[i]!.line}行`,
    en: `line ${result.valid[i]!.line}`,
  });
  if (req.dry_run) {
    const warnings = recordFindings(plan, store, figures, where);
    return warnings.length > 0 ? { ...reply, warnings } : reply;
  }
  guardRecords(plan, store, figures, where, req.confirm);
  const stored = store.addActuals(
    result.valid.map((v) => v.actual),
    { author },
  );
  return { ...reply, stored: stored.length };
}
