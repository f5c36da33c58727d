/**
 * Reading a sheet: a table's rows into year-to-date rows, and a workbook or CSV through the one sheet reader.
 * Part of the year-to-date import (scenarios/nowcast/ytd.ts is its entry).
 */
import { notYearToDate, readPeriodWords, findPeriodInText, periodWordZh, periodWordEn, type PeriodWord } from '../../../models/ytd-period';
import { isCellProblem, readWorkbook, SheetReadError, type SheetCell } from '../../sheets/read';
import { PLACEHOLDER, cellText, percentToFraction, plainValue } from './cells';
import { type SheetField, type SheetColumns, SHEET_FIELDS, guessYtdColumns, headerUsable, HEADER_SCAN, findHeaderIndex } from './columns';
import { parsePeriodText, type SheetPeriod, sheetPeriodOf } from './periods';
import { type YtdRowInput } from './validate';

export interface ReadYtdIssue {
  row: number;
  field: SheetField | 'sheet';
  message_zh: string;
  message_en: string;
}

export type ReadYtdResult =
  | {
      ok: true;
      rows: YtdRowInput[];
      /** 1-based row of the header. */
      header_row: number;
      /** the header text of each field found (null when absent). */
      columns: Record<SheetField, string | null>;
      /** the mapping used: the planner's over the guess. */
      mapping: SheetColumns;
      /** the header row's texts. */
      headers: string[];
      /** 1-based rows with neither a cumulative nor a growth (section headings, template rows left blank): not imported. */
      skipped: number[];
      /** the period of the whole sheet (title or cumulative header), when a row gives none. */
      sheet_period: SheetPeriod | null;
      sheet: string | null;
    }
  | { ok: false; errors: ReadYtdIssue[]; mapping?: SheetColumns; headers?: string[]; header_row?: number };

export interface ReadYtdOptions {
  /** the planner's mapping (field -> 0-based column, -1 for none) over the guess. */
  mapping?: Partial<SheetColumns>;
  /** the 1-based header row, when the planner named it. */
  header_row?: number;
  /** the period of the whole sheet as the planner gives it ("2026年1-10月"), over the title's or header's. */
  period?: string;
}

/**
 * Rows of a table (cells as plain values) -> YTD rows. The header is the planner's row, else the
 * first of the first 20 rows with a series column, a period (a column, the cumulative column's
 * header such as "1-10月累计", or a title row such as "2026年1-10月咸宁市主要经济指标") and a value
 * column. The planner's mapping, when given, overrides the guess field by field.
 */
function rowsFromTable(table: readonly (readonly unknown[])[], sheet: string | null = null, options: ReadYtdOptions = {}): ReadYtdResult {
  const merge = (guess: SheetColumns): SheetColumns => {
    const out = { ...guess };
    for (const f of SHEET_FIELDS) {
      const v = options.mapping?.[f];
      if (typeof v === 'number' && Number.isInteger(v) && v >= -1) out[f] = v;
    }
    // a column the planner gave to one field is no longer guessed for another
    for (const f of SHEET_FIELDS) {
      if (options.mapping?.[f] !== undefined) continue;
      if (out[f] >= 0 && SHEET_FIELDS.some((g) => g !== f && options.mapping?.[g] === out[f])) out[f] = -1;
    }
    return out;
  };
  // the planner's period: read as the title would be; a single quarter is refused with the reason
  let planned: PeriodWord | null = null;
  let plannedError: ReadYtdIssue | null = null;
  if (options.period !== undefined && options.period.trim() !== '') {
    const text = options.period.trim();
    const w = readPeriodWords(text) ?? findPeriodInText(text);
    const why = w ? notYearToDate(w) : null;
    if (!w)
      plannedError = {
        row: 0,
        field: 'period',
        message_zh: `期间“${text}”无法识别：请填写如“2026年1-10月”“10月末”或“上半年”`,
        message_en: `The period "${text}" cannot be read: give one such as 2026年1-10月 (January–October 2026), 10月末 or 上半年`,
      };
    else if (why)
      plannedError = {
        row: 0,
        field: 'period',
        message_zh: `${why.zh}；请改填${why.cumulative_zh}`,
        message_en: `${why.en}; give ${why.cumulative_en} instead`,
      };
    else planned = w;
  }
  const periodAt = (i: number, c: SheetColumns): SheetPeriod | null => {
    const own = sheetPeriodOf(table, i, c);
    if (!planned) return own;
    const word = planned.year === null && own?.word.year != null ? { ...planned, year: own.word.year } : planned;
    return { word, from: 'planner', zh: periodWordZh(word), en: periodWordEn(word) };
  };
  let headerIdx = -1;
  let cols: SheetColumns | null = null;
  const candidates =
    options.header_row !== undefined ? [options.header_row - 1] : Array.from({ length: Math.min(table.length, HEADER_SCAN) }, (_, i) => i);
  for (const i of candidates) {
    if (i < 0 || i >= table.length) continue;
    const c = merge(guessYtdColumns((table[i] ?? []).map(cellText)));
    if (headerUsable(c, periodAt(i, c) !== null)) {
      headerIdx = i;
      cols = c;
      break;
    }
  }
  if (!cols) {
    const at = options.header_row !== undefined ? options.header_row - 1 : findHeaderIndex(table);
    const headers = at >= 0 ? (table[at] ?? []).map(cellText) : [];
    return {
      ok: false,
      headers,
      header_row: at + 1,
      mapping: merge(guessYtdColumns(headers)),
      errors: [
        {
          row: at >= 0 ? at + 1 : 0,
          field: 'sheet',
          message_zh: `${sheet ? `工作表“${sheet}”：` : ''}未找到表头：需要“指标名称”列、期间（“期间”或“年份”列，或表头、表题中的“1-10月”），以及“1-N月累计”或“同比增长(%)”列；可在下方指定各列`,
          message_en: `${sheet ? `sheet "${sheet}": ` : ''}no header found: need an indicator column (指标名称), a period (a period or year column, or "1-10月" in the header or the title) and a cumulative or growth column (1-N月累计 / 同比增长(%)); you can map the columns below`,
        },
      ],
    };
  }
  const c = cols;
  const header = (table[headerIdx] ?? []).map(cellText);
  if (plannedError) return { ok: false, errors: [plannedError], headers: header, header_row: headerIdx + 1, mapping: c };
  const period = periodAt(headerIdx, c);
  const rows: YtdRowInput[] = [];
  const skipped: number[] = [];
  for (let i = headerIdx + 1; i < table.length; i++) {
    const r = table[i] ?? [];
    const at = (f: SheetField): unknown => (c[f] >= 0 ? (r[c[f]] ?? null) : null);
    const texts = r.map(cellText);
    if (texts.every((t) => t === '')) continue;
    // a section heading ("一、工业") or a template row left blank: no value at all, not a row to
    // store; listed as skipped so the dry run says so
    const seriesText = cellText(at('series'));
    if (
      (['cumulative', 'growth'] as const).every((f) => {
        const v = at(f);
        return v === null || v === undefined || cellText(v) === '' || PLACEHOLDER.test(cellText(v));
      })
    ) {
      skipped.push(i + 1);
      continue;
    }
    let year: unknown = plainValue(at('year'));
    let month: unknown = plainValue(at('month'));
    if (typeof year === 'string') {
      const m = /^(\d{4})年?$/.exec(year);
      if (m) year = Number(m[1]);
    }
    if (typeof month === 'string') {
      const pm = parsePeriodText(month) ?? (/^(\d{1,2})$/.test(month) ? { year: null, month: Number(month) } : null);
      if (pm) {
        month = pm.month;
        if (year === undefined && pm.year !== null) year = pm.year;
      }
    }
    const rawPeriod = at('period');
    const pv = rawPeriod instanceof Date ? rawPeriod : plainValue(rawPeriod);
    if (pv !== undefined) {
      const pt = pv instanceof Date ? { year: pv.getUTCFullYear(), month: pv.getUTCMonth() + 1 } : parsePeriodText(cellText(pv));
      if (pt) {
        if (pt.year !== null && year === undefined) year = pt.year;
        if (month === undefined) month = pt.month;
      } else {
        // the validator reads the words again and says why (二季度 is a single quarter)
        const w = readPeriodWords(cellText(pv));
        if (month === undefined) month = cellText(pv);
        if (year === undefined) year = w?.year ?? cellText(pv);
      }
    }
    if (period) {
      const w = period.word;
      if (month === undefined) month = w.kind === 'cumulative' || w.kind === 'month_end' ? w.month : periodWordZh({ ...w, year: null });
      if (year === undefined && w.year !== null) year = w.year;
    }
    rows.push({
      row: i + 1,
      series: seriesText,
      year,
      month,
      cumulative: plainValue(at('cumulative')),
      growth: percentToFraction(at('growth')),
      source_title: plainValue(at('source_title')),
      release_date: (() => {
        const d = at('release_date');
        return d instanceof Date ? d.toISOString().slice(0, 10) : plainValue(d);
      })(),
      unit: plainValue(at('unit')),
    });
  }
  const columns = Object.fromEntries(SHEET_FIELDS.map((f) => [f, c[f] >= 0 ? (header[c[f]] ?? null) : null])) as Record<
    SheetField,
    string | null
  >;
  return { ok: true, rows, skipped, header_row: headerIdx + 1, columns, mapping: c, headers: header, sheet_period: period, sheet };
}

function toBytes(buffer: ArrayBuffer | Uint8Array): Uint8Array {
  return buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
}

/** A cell the reader could not use (an error value, a formula without a result) as the text it shows, for the row's message. */
function ytdCell(v: SheetCell): unknown {
  return isCellProblem(v) ? v.detail : v;
}

/**
 * Reads year-to-date rows from a workbook (the first sheet with a recognisable header) or CSV,
 * through the one sheet reader (scenarios/sheets/read.ts: UTF-8 with or without BOM, UTF-16,
 * GBK/GB18030; its row, column, cell and size limits). Headers are guessed (指标名称/指标代码,
 * 计量单位, 年份, 月份 or 期间 such as "2026年1-9月", 累计值 or a period header "1-10月累计",
 * 同比增长(%), 来源, 发布日期) or given by the planner's mapping; the period may come from the
 * title row ("2026年1-10月咸宁市主要经济指标"); a growth in percent (5.2 or "5.2%") becomes 0.052;
 * placeholders (—, /, …) are empty; a cell formatted as a percent is read as displayed. Row
 * numbers are the sheet's (1-based). Feed `rows` to validateYtdRows.
 */
export async function readYtdSheet(
  buffer: ArrayBuffer | Uint8Array,
  kind: 'xlsx' | 'csv',
  file_name = `年度累计数据.${kind}`,
  options: ReadYtdOptions = {},
): Promise<ReadYtdResult> {
  let wb;
  try {
    wb = await readWorkbook(toBytes(buffer), file_name);
  } catch (e) {
    if (!(e instanceof SheetReadError)) throw e;
    return { ok: false, errors: [{ row: 0, field: 'sheet', message_zh: e.message_zh, message_en: e.message_en }] };
  }
  let firstFailure: ReadYtdResult | null = null;
  for (const ws of wb.sheets) {
    const res = rowsFromTable(
      ws.rows.map((r) => r.map(ytdCell)),
      wb.kind === 'xlsx' ? ws.name : null,
      options,
    );
    if (res.ok) return res;
    firstFailure ??= res;
  }
  return (
    firstFailure ?? {
      ok: false,
      errors: [{ row: 0, field: 'sheet', message_zh: '工作簿中没有工作表', message_en: 'The workbook has no worksheets' }],
    }
  );
}
