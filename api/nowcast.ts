/**
 * Year-to-date statistics in the API: import (all or nothing), per-indicator nowcasts with their
 * backtest, the actuals the projection uses (stored + nowcast estimates for the plan year under
 * way), and one-click reforecast scenarios.
 */
import { ApiError } from '../contract';
import { fileTooLarge, MAX_UPLOAD_BYTES } from '../scenarios/plan/sheet-limits';
import { backtestAll, estimateFullYear, NowcastError } from '../models/nowcast';
import type { Actual, Plan } from '../models/schema';
import type { NowcastReport, YtdColumnMapping, YtdField, YtdImportResult, YtdPreviewRow } from '../contract/types';
import { YTD_SHEET_FIELDS } from '../contract/types';
import { columnLetter } from '../models/columns';
import type { PeriodWord } from '../models/ytd-period';
import { historyBySeries, parseYtdNote, parseYtdPeriod } from '../models/records';
import { ytdLabelEn, ytdLabelZh } from '../models/nowcast';
import { buildYtdTemplate } from '../scenarios/nowcast/template';
import { nowcastActuals, nowcastInputFor, reforecastAssumptions, type NowcastActuals, type ReforecastNote } from '../models/reforecast';
import { readYtdSheet, seriesAliases, seriesInfo, validateYtdRows, type YtdRowError } from '../scenarios/nowcast/ytd';
import type { ScenarioStore } from '../scenarios/store/store';
import { guardRecords, recordFindings } from './plausibility';
import type { Scenario, StoredActual } from '../contract';

/** The bytes of an uploaded sheet (every import: indicator table, 1-N月, actuals, collection returns). */
export function decodeBase64(content: string, field = 'content_base64'): Buffer {
  const buf = Buffer.from(content, 'base64');
  if (buf.length === 0)
    throw new ApiError('invalid', '文件为空（0 字节），未导入任何数据', 'The file is empty (0 bytes); nothing was imported', field);
  if (buf.length > MAX_UPLOAD_BYTES) {
    const p = fileTooLarge(buf.length);
    throw new ApiError('too_large', p.message_zh, p.message_en, field);
  }
  return buf;
}

/** The plan year under way: the year after the last complete statistical year. */
export function currentPlanYear(asOfYear: number, plan: Plan): number {
  return Math.min(asOfYear + 1, plan.period_end);
}

/** Stored actuals plus nowcast estimates of the year under way (reported values win). */
export function actualsForProjection(plan: Plan, stored: StoredActual[], asOfYear: number): { actuals: Actual[]; nowcast: NowcastActuals } {
  const nowcast = nowcastActuals(plan, stored, currentPlanYear(asOfYear, plan));
  return { actuals: [...(stored as Actual[]), ...nowcast.actuals], nowcast };
}

/** At most this many row errors are returned (a sheet of 100,000 bad rows would be 20 MB of them). */
const MAX_REPORTED_ERRORS = 200;

function capErrors(errors: YtdRowError[]): YtdRowError[] {
  if (errors.length <= MAX_REPORTED_ERRORS) return errors;
  const more = errors.length - MAX_REPORTED_ERRORS;
  return [
    ...errors.slice(0, MAX_REPORTED_ERRORS),
    {
      row: 0,
      field: errors[MAX_REPORTED_ERRORS]!.field,
      message_zh: `另有 ${more} 处错误未列出（共 ${errors.length} 处）；未导入任何数据`,
      message_en: `${more} more errors not listed (${errors.length} in all); nothing was imported`,
    },
  ];
}

function sheetPeriodReply(p: {
  word: PeriodWord;
  zh: string;
  en: string;
  from: 'title' | 'header' | 'planner';
}): NonNullable<YtdImportResult['sheet_period']> {
  const w = p.word;
  const ym = w.kind === 'cumulative' || w.kind === 'month_end' ? { year: w.year, month: w.month } : { year: w.year, month: null };
  return { zh: p.zh, en: p.en, from: p.from, ...ym };
}

/** At most this many preview rows are returned with a dry run. */
const MAX_PREVIEW_ROWS = 500;

type ImportReq = {
  content_base64: string;
  kind: 'xlsx' | 'csv';
  dry_run?: boolean;
  /** far-off values were shown to the planner and confirmed (the answer was needs_confirmation). */
  confirm?: boolean;
  file_name?: string;
  /** the planner's mapping (field -> 0-based column, -1 for none) over the guess. */
  mapping?: Partial<YtdColumnMapping>;
  header_row?: number;
  period?: string;
};

/** A year-to-date period in the planner's words: 2026年1-10月 / January–October 2026 (models/nowcast.ts labels). */
function ytdPeriodWords(period: string): { zh: string; en: string } {
  const ym = parseYtdPeriod(period);
  return ym ? { zh: `${ym.year}年${ytdLabelZh(ym.month)}`, en: `${ytdLabelEn(ym.month)} ${ym.year}` } : { zh: period, en: period };
}

function previewOf(plan: Plan, rows: readonly { row: number }[], actuals: readonly Actual[]): YtdPreviewRow[] {
  const byId = new Map(plan.series.map((s) => [s.id, s]));
  return actuals.slice(0, MAX_PREVIEW_ROWS).map((a, i) => {
    const s = byId.get(a.series);
    const words = ytdPeriodWords(a.period);
    const note = parseYtdNote(a.note);
    return {
      row: rows[i]?.row ?? i + 1,
      series: a.series,
      name_zh: s?.name_zh ?? a.series,
      name_en: s?.name_en ?? a.series,
      unit: s?.unit ?? '',
      period: a.period,
      period_zh: words.zh,
      period_en: words.en,
      value: a.value,
      value_kind: a.value_kind === 'estimate' ? 'estimate' : 'actual',
      growth: note.growth ?? null,
      implied: note.implied !== undefined,
    };
  });
}

/**
 * The year-to-date import as the bulletin prints it: read the sheet (title, header, the
 * planner's mapping over the guess), check every row, and either say what would be stored (dry
 * run: nothing is written) or store all rows in one transaction (all or nothing).
 */
export async function importYtd(store: ScenarioStore, plan: Plan, req: ImportReq, author: string): Promise<YtdImportResult> {
  const read = await readYtdSheet(decodeBase64(req.content_base64), req.kind, req.file_name ?? undefined, {
    mapping: req.mapping,
    header_row: req.header_row,
    period: req.period,
  });
  const empty = { stored: 0, preview: [], will_store: 0, sheet_period: null, skipped_rows: [] };
  if (!read.ok) {
    return {
      ...empty,
      columns: null,
      mapping: read.mapping ?? null,
      headers: read.headers ?? null,
      header_row: read.header_row ?? null,
      errors: read.errors.map((e) => ({ row: e.row, field: e.field, message_zh: e.message_zh, message_en: e.message_en })),
    };
  }
  const sheet = {
    columns: read.columns,
    mapping: read.mapping,
    headers: read.headers,
    header_row: read.header_row,
    sheet_period: read.sheet_period ? sheetPeriodReply(read.sheet_period) : null,
    skipped_rows: read.skipped,
  };
  if (read.rows.length === 0) {
    const at = read.header_row;
    return {
      ...empty,
      ...sheet,
      errors: [
        {
          row: at,
          field: 'sheet',
          message_zh: `表头（第${at}行）下面没有填有累计值或增速的数据行，未导入任何数据`,
          message_en: `There are no data rows with a cumulative or a growth below the header (row ${at}); nothing was imported`,
        },
      ],
    };
  }
  const known = new Set(plan.series.map((s) => s.id));
  const flows = new Set(plan.series.filter((s) => s.nature === 'flow').map((s) => s.id));
  const where: Partial<Record<YtdField, { letter: string; header: string }>> = {};
  for (const f of YTD_SHEET_FIELDS) {
    const i = read.mapping[f];
    if (i >= 0) where[f] = { letter: columnLetter(i), header: read.headers[i] || columnLetter(i) };
  }
  // a period read from the title or a header has no column of its own
  if (read.mapping.month < 0 && read.mapping.period >= 0) where.month = where.period;
  if (read.mapping.year < 0 && read.mapping.period >= 0) where.year = where.period;
  const checked = validateYtdRows(read.rows, known, flows, {
    columns: where,
    existing: [...plan.actuals, ...store.listActuals({})],
    aliases: seriesAliases(plan.series),
    series: seriesInfo(plan.series),
    entered_by: author || 'ytd import',
  });
  if (!checked.ok) return { ...empty, ...sheet, errors: capErrors(checked.errors) };
  // where a figure was typed, for the plausibility messages: the row, the column (the growth column
  // when the cumulative was implied from a growth rate) and the period in the planner's words
  const at = (i: number) => {
    const a = checked.actuals[i]!;
    const words = ytdPeriodWords(a.period);
    const col = parseYtdNote(a.note).implied !== undefined ? (where.growth ?? where.cumulative) : where.cumulative;
    const row = read.rows[i]?.row;
    const cellZh = row !== undefined && col ? `第${row}行 ${col.letter}列“${col.header}”，` : '';
    const cellEn = row !== undefined && col ? `row ${row}, column ${col.letter} ("${col.header}"), ` : '';
    return { path: `${a.series} ${a.period}`, zh: `${cellZh}${words.zh}累计值`, en: `${cellEn}${words.en} year-to-date value` };
  };
  const preview = previewOf(plan, read.rows, checked.actuals);
  if (req.dry_run) {
    const warnings = recordFindings(plan, store, checked.actuals, at);
    return { ...sheet, stored: 0, errors: [], preview, will_store: checked.actuals.length, ...(warnings.length > 0 ? { warnings } : {}) };
  }
  guardRecords(plan, store, checked.actuals, at, req.confirm);
  const added = store.addActuals(checked.actuals, { author });
  return { ...sheet, stored: added.length, errors: [], preview, will_store: checked.actuals.length };
}

/** The template to fill in: the bulletin's layout, the plan's indicators, as .xlsx. */
export async function ytdTemplate(
  plan: Plan,
  req: { year?: number; month?: number },
  asOfYear: number,
): Promise<{ file_name: string; content_base64: string }> {
  const year = req.year ?? currentPlanYear(asOfYear, plan);
  const month = req.month ?? 10;
  const bytes = await buildYtdTemplate(plan, year, month);
  return { file_name: `${year}年${ytdLabelZh(month)}主要经济指标（导入模板）.xlsx`, content_base64: Buffer.from(bytes).toString('base64') };
}

/** A target id or a series id -> the series whose year-to-date figures are nowcast. */
function nowcastSeriesFor(plan: Plan, indicator: string): string {
  if (plan.series.some((s) => s.id === indicator && !s.derived)) return indicator;
  const target = plan.targets.find((t) => t.id === indicator);
  const seriesId = target?.series ?? indicator;
  const series = plan.series.find((s) => s.id === seriesId);
  if (!series) {
    throw new ApiError('not_found', `找不到指标 ${indicator}`, `No indicator or series named ${indicator}`, 'indicator');
  }
  const d = series.derived;
  if (!d) return series.id;
  if (d.type === 'ratio') return d.numerator;
  if (d.type === 'cumsum') return d.of;
  return d.nominal;
}

export function nowcastIndicator(plan: Plan, stored: StoredActual[], indicator: string, year: number): NowcastReport {
  const series = nowcastSeriesFor(plan, indicator);
  const input = nowcastInputFor(plan, series, historyBySeries([...plan.actuals, ...stored]), year);
  try {
    const result = estimateFullYear(input);
    return { ...result, indicator, backtest_all: backtestAll(input, result.as_of_month) };
  } catch (err) {
    if (err instanceof NowcastError) throw new ApiError(err.code, err.message_zh, err.message_en, 'indicator', { series });
    throw err;
  }
}

export function reforecastScenario(
  store: ScenarioStore,
  plan: Plan,
  req: { id: string; name?: string },
  author: string,
  today: string,
): { scenario: Scenario; notes: ReforecastNote[]; nowcast_series: string[] } {
  const source = store.get(req.id);
  const resolution = store.resolve(req.id);
  const stored = store.listActuals({});
  const result = reforecastAssumptions(plan, resolution.assumptions, stored, { author });
  const name = req.name?.trim() || `${source.name}·重新预测 ${today}`;
  const scenario = store.create(
    {
      name,
      parent_id: source.id,
      description: `由「${source.name}」按截至 ${today} 的实际值与1-N月累计数据重新预测；原情景保持不变。\nReforecast of "${source.name}" from the actuals and year-to-date figures as of ${today}; the original is unchanged.`,
      tags: ['重新预测'],
      assumptions: result.overrides,
    },
    { author },
  );
  return { scenario, notes: result.notes, nowcast_series: result.nowcast.results.map((r) => r.series) };
}
