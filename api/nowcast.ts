/**
 * Year-to-date statistics in the API: import (all or nothing), per-indicator nowcasts with their
 * backtest, the actuals the projection uses (stored + nowcast estimates for the plan year under
 * way), and one-click reforecast scenarios.
 */
import { ApiError } from '../contract';
import { backtestAll, estimateFullYear, NowcastError } from '../models/nowcast';
import type { Actual, Plan } from '../models/schema';
import type { NowcastReport, YtdImportResult } from '../contract/types';
import { historyBySeries } from '../models/records';
import { nowcastActuals, reforecastAssumptions, type NowcastActuals, type ReforecastNote } from '../models/reforecast';
import { readYtdSheet, seriesAliases, validateYtdRows, type YtdRowError } from '../scenarios/nowcast/ytd';
import type { ScenarioStore } from '../scenarios/store/store';
import { guardRecords, recordFindings } from './plausibility';
import type { Scenario, StoredActual } from '../contract';

export const MAX_SHEET_BYTES = 20 * 1024 * 1024;

export function decodeBase64(content: string, field = 'content_base64'): Buffer {
  const buf = Buffer.from(content, 'base64');
  if (buf.length === 0) throw new ApiError('invalid', '文件为空', 'The file is empty', field);
  if (buf.length > MAX_SHEET_BYTES)
    throw new ApiError('too_large', `文件超过 ${MAX_SHEET_BYTES / 1024 / 1024} MB 上限`, `The file is over the ${MAX_SHEET_BYTES / 1024 / 1024} MB limit`, field);
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
export const MAX_REPORTED_ERRORS = 200;

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

export async function importYtd(
  store: ScenarioStore,
  plan: Plan,
  req: { content_base64: string; kind: 'xlsx' | 'csv'; dry_run?: boolean; confirm?: boolean },
  author: string,
): Promise<YtdImportResult> {
  const read = await readYtdSheet(decodeBase64(req.content_base64), req.kind);
  if (!read.ok) {
    return {
      stored: 0,
      columns: null,
      errors: read.errors.map((e) => ({ row: e.row, field: (e.field === 'sheet' ? 'series' : e.field) as YtdRowError['field'], message_zh: e.message_zh, message_en: e.message_en })),
    };
  }
  if (read.rows.length === 0) {
    const at = read.header_row;
    return {
      stored: 0,
      columns: read.columns,
      errors: [
        {
          row: at,
          field: 'series',
          message_zh: `表头（第${at}行）下面没有数据行，未导入任何数据`,
          message_en: `There are no data rows below the header (row ${at}); nothing was imported`,
        },
      ],
    };
  }
  const known = new Set(plan.series.map((s) => s.id));
  const flows = new Set(plan.series.filter((s) => s.nature === 'flow').map((s) => s.id));
  const checked = validateYtdRows(read.rows, known, flows, {
    existing: [...plan.actuals, ...store.listActuals({})],
    aliases: seriesAliases(plan.series),
    entered_by: author || 'ytd import',
  });
  if (!checked.ok) return { stored: 0, errors: capErrors(checked.errors), columns: read.columns };
  const where = (i: number) => ({ path: `${checked.actuals[i]!.series} ${checked.actuals[i]!.period}`, zh: `${checked.actuals[i]!.period} 累计值`, en: `${checked.actuals[i]!.period} year-to-date value` });
  if (req.dry_run) {
    const warnings = recordFindings(plan, store, checked.actuals, where);
    return warnings.length > 0 ? { stored: 0, errors: [], columns: read.columns, warnings } : { stored: 0, errors: [], columns: read.columns };
  }
  guardRecords(plan, store, checked.actuals, where, req.confirm);
  const added = store.addActuals(checked.actuals, { author });
  return { stored: added.length, errors: [], columns: read.columns };
}

/** A target id or a series id -> the series whose year-to-date figures are nowcast. */
export function nowcastSeriesFor(plan: Plan, indicator: string): string {
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
  const h = historyBySeries([...plan.actuals, ...stored]).get(series);
  const flow = plan.series.find((s) => s.id === series)?.nature === 'flow';
  const input = { series, year, ytd: h?.ytd ?? [], annual: h?.annual ?? [], flow };
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
