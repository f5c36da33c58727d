/**
 * Year-to-date statistics (1-N月累计) coming in: reading a sheet (xlsx or csv, Chinese headers)
 * and validating its rows before anything is stored. All or nothing: one error and no actual is
 * returned. See docs/nowcast.md ("Validation", "Storage", "Sheets").
 *
 * validateYtdRows is pure; readYtdSheet loads exceljs lazily (only for xlsx).
 */
import type { Actual, Reliability } from '../../models/schema';
import type { YtdColumnMapping, YtdField, YtdRowError, YtdSheetField } from '../../contract/types';
import { YTD_SHEET_FIELDS } from '../../contract/types';
import { fmtNum, fmtPct, ytdLabelEn, ytdLabelZh } from '../../models/nowcast';
import { isCellProblem, PercentCell, readWorkbook, SheetReadError, type SheetCell } from '../sheets/read';
import { readNumber } from '../../models/numbers';
import {
  formatYtdNote,
  isNowcast,
  parseYtdNote,
  parseYtdPeriod,
  ytdPeriod,
  recordInForce,
  YEAR_PERIOD,
  type ActualLike,
  type YtdImplied,
} from '../../models/records';
import { notYearToDate, readPeriodWords, findPeriodInText, periodWordZh, periodWordEn, type PeriodWord } from '../../models/ytd-period';

export {
  formatYtdNote,
  parseYtdNote,
  parseYtdPeriod,
  ytdPeriod,
  type ActualLike,
  type YtdImplied,
  type YtdNote,
} from '../../models/records';

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

export type { YtdField, YtdRowError } from '../../contract/types';

export interface YtdRowInput {
  /** the row number shown to the user (the sheet's row, 1-based). */
  row: number;
  series: string;
  year: unknown;
  month: unknown;
  cumulative?: unknown;
  /** a fraction (0.052 = 5.2%): readYtdSheet converts the sheet's percent. */
  growth?: unknown;
  source_title?: unknown;
  release_date?: unknown;
  /** the sheet's 计量单位, checked against the series' unit when a cumulative is given. */
  unit?: unknown;
}

export type YtdValidation = { ok: true; actuals: Actual[] } | { ok: false; errors: YtdRowError[] };

export interface YtdValidateOptions {
  /** actuals already stored (or in the plan): bases for growth rates, earlier months for the
   *  monotonic check. Deleted ones are ignored. */
  existing?: readonly ActualLike[];
  /** normalised name -> series id (see seriesAliases): lets rows name a series in Chinese. */
  aliases?: ReadonlyMap<string, string>;
  /** entered_by of every actual (default 'ytd import'). */
  entered_by?: string;
  /** reliability of the source (default 'internal': the planners' own tables). */
  reliability?: Reliability;
  /** source title when a row gives none (default '1-N月累计数据导入 / year-to-date import'). */
  default_source_title?: string;
  /** vintage when a row gives no release date (default null). */
  vintage?: string | null;
  /** series id -> its names and unit: messages name the indicator as the planner knows it, never by id. */
  series?: ReadonlyMap<string, { name_zh: string; name_en: string; unit?: string }>;
  /** where each field is in the sheet (column letter, header text): messages then say 第5行 D列“同比增长(%)”. */
  columns?: Partial<Record<YtdField, { letter: string; header: string }>>;
}

/** The plan's series as the import's options want them (names, unit). */
export function seriesInfo(
  series: readonly { id: string; name_zh: string; name_en: string; unit?: string }[],
): Map<string, { name_zh: string; name_en: string; unit?: string }> {
  return new Map(series.map((s) => [s.id, { name_zh: s.name_zh, name_en: s.name_en, unit: s.unit }]));
}

/** Lower-case, no spaces, brackets, underscores or dashes: for matching names and headers. */
export function normName(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/[\s_\-()（）【】[\]:：]/g, '');
}

/**
 * Alias map for validateYtdRows: series id, Chinese and English names, and the plan's
 * `aliases_zh` (the bulletin's wording, 规模以上工业增加值 for 规上工业增加值) -> id. A name the plan
 * gives itself wins over another series' alias.
 */
export function seriesAliases(
  series: readonly { id: string; name_zh: string; name_en: string; aliases_zh?: readonly string[] }[],
): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of series) for (const a of s.aliases_zh ?? []) m.set(normName(a), s.id);
  for (const s of series) for (const k of [s.name_en, s.name_zh, s.id]) m.set(normName(k), s.id);
  return m;
}

const DATE_RE = /^(\d{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?$/;

type Num = { ok: true; value: number } | { ok: false; raw: string };

function absent(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function show(v: unknown): string {
  if (typeof v === 'string') return `"${v.length > 30 ? `${v.slice(0, 30)}…` : v}"`;
  if (v instanceof Date) return v.toISOString();
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * a number, or a numeric string, through the one number reader of every import (models/numbers.ts:
 * "1,234.5", " 7 ", "－3.2", "−3.2", "(120)", full-width "１２３．５"); a unit or a percent sign in
 * the cell is left to the unit and growth checks (not read here).
 */
function toNumber(v: unknown): Num {
  if (typeof v === 'number') return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, raw: String(v) };
  if (typeof v === 'string') {
    const r = readNumber(v);
    if (r.ok && !r.percent && r.cell_unit === null) return { ok: true, value: r.value };
    const s = v
      .trim()
      .replace(/[\u00a0\s]/g, '')
      .replace(/[，,](?=\d{3}(\D|$))/g, '')
      .replace(/^[－−—]/, '-')
      .replace(/^＋/, '+');
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
      const n = Number(s);
      if (Number.isFinite(n)) return { ok: true, value: n };
    }
  }
  return { ok: false, raw: show(v) };
}

function toDate(v: unknown): string | null {
  if (v instanceof Date && Number.isFinite(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v !== 'string') return null;
  const s = v.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}${m[3] ? `-${m[3].padStart(2, '0')}` : ''}`;
  return DATE_RE.test(iso) ? iso : null;
}

interface Parsed {
  row: number;
  index: number;
  series: string | null;
  year: number | null;
  month: number | null;
  cumulative?: number;
  growth?: number;
  title: string | null;
  date: string | null;
}

const FIELD_ZH: Record<YtdField, string> = {
  series: '指标',
  year: '年份',
  month: '月份',
  cumulative: '累计值',
  growth: '累计增速',
  source_title: '来源',
  release_date: '发布日期',
  unit: '计量单位',
  period: '期间',
  sheet: '表格',
};
const FIELD_EN: Record<YtdField, string> = {
  series: 'series',
  year: 'year',
  month: 'month',
  cumulative: 'cumulative',
  growth: 'growth',
  source_title: 'source',
  release_date: 'release date',
  unit: 'unit',
  period: 'period',
  sheet: 'sheet',
};

/**
 * Validates year-to-date rows. Checks, each reported with its row and field in both languages:
 *  - series: missing or not a known series (ids, or names through `aliases`);
 *  - year: not a number, not a whole year, outside 1990..2100;
 *  - month: not a number, not a whole month in 1..12;
 *  - cumulative / growth: not numeric; neither given; growth at or below -100%;
 *  - a flow's cumulative falling from one month to the next within a year (rows and stored);
 *  - a growth without a base: neither last year's same-month cumulative nor last year's annual
 *    total (a yearly actual, or a January–December cumulative) exists in the rows or in
 *    `existing`;
 *  - the same series, year and month twice; a source title over 300 characters; a release date
 *    that is not YYYY-MM-DD or YYYY-MM.
 * On any error, `{ok: false, errors}` and no actual. Otherwise one Actual per row: period
 * 'YYYY-MM', value = the cumulative, growth in the note (docs/nowcast.md, "Storage").
 */
export function validateYtdRows(
  rows: readonly YtdRowInput[],
  knownSeries: ReadonlySet<string>,
  flowSeries: ReadonlySet<string>,
  options: YtdValidateOptions = {},
): YtdValidation {
  const errors: YtdRowError[] = [];
  const err = (row: number, field: YtdField, zh: string, en: string): void => {
    const col = options.columns?.[field];
    errors.push({
      row,
      field,
      ...(col ? { column: col.letter } : {}),
      message_zh: col ? `第${row}行 ${col.letter}列“${col.header}”：${zh}` : `第${row}行 ${FIELD_ZH[field]}：${zh}`,
      message_en: col ? `Row ${row}, column ${col.letter} ("${col.header}"): ${en}` : `Row ${row}, ${FIELD_EN[field]}: ${en}`,
    });
  };
  if (!Array.isArray(rows)) {
    return { ok: false, errors: [{ row: 0, field: 'series', message_zh: '没有可导入的行', message_en: 'No rows to import' }] };
  }
  /** the indicator's names (never its id in a message). */
  const nameOf = (id: string): { zh: string; en: string } => {
    const info = options.series?.get(id);
    return { zh: info?.name_zh ?? id, en: info?.name_en ?? id };
  };

  const parsed: Parsed[] = rows.map((r, index) => {
    const row = typeof r?.row === 'number' && Number.isFinite(r.row) ? r.row : index + 1;
    const p: Parsed = { row, index, series: null, year: null, month: null, title: null, date: null };

    // series
    const rawS = r?.series as unknown;
    if (absent(rawS)) err(row, 'series', '缺少指标', 'missing');
    else if (typeof rawS !== 'string') err(row, 'series', `应为文本（当前为 ${show(rawS)}）`, `must be text (got ${show(rawS)})`);
    else {
      const t = rawS.trim();
      const id = knownSeries.has(t) ? t : options.aliases?.get(normName(t));
      if (id !== undefined && knownSeries.has(id)) p.series = id;
      else err(row, 'series', `未知指标“${t}”（规划中没有此指标）`, `unknown series "${t}" (not in the plan)`);
    }

    // month (a number, or period words: 1-10月, 10月末, 上半年; a single quarter is refused with the reason)
    let monthYear: number | null = null;
    if (absent(r?.month)) err(row, 'month', '缺少月份', 'missing');
    else {
      const n = toNumber(r.month);
      const word = !n.ok && typeof r.month === 'string' ? readPeriodWords(r.month) : null;
      const why = word ? notYearToDate(word) : null;
      if (why)
        err(row, 'month', `${why.zh}；请改填${why.cumulative_zh}累计值`, `${why.en}; give the ${why.cumulative_en} cumulative instead`);
      else if (word && (word.kind === 'cumulative' || word.kind === 'month_end')) {
        p.month = word.month;
        monthYear = word.year;
      } else if (!n.ok) err(row, 'month', `不是数字（${n.raw}）`, `not a number (${n.raw})`);
      else if (!Number.isInteger(n.value) || n.value < 1 || n.value > 12)
        err(row, 'month', `${n.value} 不在 1 到 12 月之间`, `${n.value} is outside months 1..12`);
      else p.month = n.value;
    }

    // year
    if (absent(r?.year)) {
      if (monthYear !== null) p.year = monthYear;
      else err(row, 'year', '缺少年份（年份列、期间、表头或表题中都没有）', 'missing (no year column, period, header or title gives one)');
    } else {
      const n = toNumber(r.year);
      if (!n.ok) err(row, 'year', `不是数字（${n.raw}）`, `not a number (${n.raw})`);
      else if (!Number.isInteger(n.value)) err(row, 'year', `${n.value} 不是整数年份`, `${n.value} is not a whole year`);
      else if (n.value < 1990 || n.value > 2100) err(row, 'year', `${n.value} 不在 1990 到 2100 之间`, `${n.value} is outside 1990..2100`);
      else p.year = n.value;
    }

    // values
    const hasC = !absent(r?.cumulative);
    const hasG = !absent(r?.growth);
    if (!hasC && !hasG)
      err(row, 'cumulative', '累计值和累计增速都为空，至少填写一项', 'neither a cumulative nor a growth rate is given; give at least one');
    if (hasC) {
      const n = toNumber(r.cumulative);
      if (!n.ok) err(row, 'cumulative', `不是数字（${n.raw}）`, `not a number (${n.raw})`);
      else p.cumulative = n.value;
    }
    if (hasG) {
      const n = toNumber(r.growth);
      if (!n.ok) err(row, 'growth', `不是数字（${n.raw}）`, `not a number (${n.raw})`);
      else if (!(n.value > -1))
        err(
          row,
          'growth',
          `${fmtPct(n.value)} 不高于 -100%（累计值不可能降为零或负数）`,
          `${fmtPct(n.value)} is at or below -100% (a cumulative cannot fall to zero or below)`,
        );
      else p.growth = n.value;
    }

    // unit: a cumulative in another unit than the plan's (万元 for 亿元) would be stored wrong
    if (p.series !== null && p.cumulative !== undefined && !absent(r?.unit) && typeof r.unit === 'string') {
      const want = options.series?.get(p.series)?.unit;
      if (want && normName(r.unit) !== normName(want) && !(normName(r.unit) === '%' && normName(want) === '%')) {
        const nm = nameOf(p.series);
        err(
          row,
          'unit',
          `“${nm.zh}”的计量单位是“${r.unit.trim()}”，规划中为“${want}”；请换算为${want}后再导入`,
          `${nm.en} is in "${r.unit.trim()}" here but in "${want}" in the plan; convert it to ${want} first`,
        );
      }
    }

    // provenance
    if (!absent(r?.source_title)) {
      if (typeof r.source_title !== 'string') err(row, 'source_title', '应为文本', 'must be text');
      else if (r.source_title.trim().length > 300) err(row, 'source_title', '不能超过300个字符', 'must be at most 300 characters');
      else p.title = r.source_title.trim();
    }
    if (!absent(r?.release_date)) {
      const d = toDate(r.release_date);
      if (!d)
        err(
          row,
          'release_date',
          `${show(r.release_date)} 不是日期（应为 YYYY-MM-DD 或 YYYY-MM）`,
          `${show(r.release_date)} is not a date (use YYYY-MM-DD or YYYY-MM)`,
        );
      else p.date = d;
    }
    return p;
  });

  const keyOf = (s: string, y: number, m: number): string => `${s}|${y}|${m}`;

  // duplicates within the rows
  const seen = new Map<string, number>();
  for (const p of parsed) {
    if (p.series === null || p.year === null || p.month === null) continue;
    const k = keyOf(p.series, p.year, p.month);
    const prev = seen.get(k);
    if (prev !== undefined)
      err(
        p.row,
        'month',
        `“${nameOf(p.series).zh}”${p.year}年${ytdLabelZh(p.month)}与第${prev}行重复`,
        `${nameOf(p.series).en} ${ytdLabelEn(p.month)} ${p.year} repeats row ${prev}`,
      );
    else seen.set(k, p.row);
  }

  // what is known: the rows (those that parsed) and the stored actuals in force
  const rowCum = new Map<string, Parsed>();
  for (const p of parsed) {
    if (p.series === null || p.year === null || p.month === null || p.cumulative === undefined) continue;
    const k = keyOf(p.series, p.year, p.month);
    if (!rowCum.has(k)) rowCum.set(k, p);
  }
  const storedCum = new Map<string, number>();
  const storedAnnual = new Map<string, number>();
  for (const a of recordInForce(options.existing ?? [], { separateNowcasts: true })) {
    const ym = parseYtdPeriod(a.period);
    if (ym) {
      if (parseYtdNote(a.note).implied === undefined) storedCum.set(keyOf(a.series, ym.year, ym.month), a.value);
    } else if (YEAR_PERIOD.test(a.period) && !isNowcast(a)) {
      storedAnnual.set(`${a.series}|${a.period}`, a.value);
    }
  }
  const cumAt = (s: string, y: number, m: number): number | undefined =>
    rowCum.get(keyOf(s, y, m))?.cumulative ?? storedCum.get(keyOf(s, y, m));
  const annualAt = (s: string, y: number): number | undefined => storedAnnual.get(`${s}|${y}`) ?? cumAt(s, y, 12);

  // a flow's cumulative never falls within a year (rows win over stored values of the same month)
  const byYear = new Map<string, { month: number; value: number; row: number | null }[]>();
  const addPt = (s: string, y: number, month: number, value: number, row: number | null): void => {
    const k = `${s}|${y}`;
    let l = byYear.get(k);
    if (!l) {
      l = [];
      byYear.set(k, l);
    }
    l.push({ month, value, row });
  };
  for (const p of rowCum.values()) {
    if (flowSeries.has(p.series as string)) addPt(p.series as string, p.year as number, p.month as number, p.cumulative as number, p.row);
  }
  const rowYears = new Set([...rowCum.values()].map((p) => `${p.series}|${p.year}`));
  for (const [k, v] of storedCum) {
    const [s, y, m] = k.split('|');
    if (!flowSeries.has(s) || !rowYears.has(`${s}|${y}`) || rowCum.has(k)) continue;
    addPt(s, Number(y), Number(m), v, null);
  }
  for (const [k, pts] of byYear) {
    const [s, y] = k.split('|');
    pts.sort((a, b) => a.month - b.month);
    for (let i = 1; i < pts.length; i++) {
      const a = pts[i - 1];
      const b = pts[i];
      if (!(b.value < a.value)) continue;
      if (b.row === null && a.row === null) continue;
      if (b.row !== null) {
        const where = a.row !== null ? { zh: `第${a.row}行`, en: `row ${a.row}` } : { zh: '已存数据', en: 'stored data' };
        err(
          b.row,
          'cumulative',
          `“${nameOf(s).zh}”${y}年${ytdLabelZh(b.month)}累计 ${fmtNum(b.value)} 低于${ytdLabelZh(a.month)}累计 ${fmtNum(a.value)}（${where.zh}），流量指标的累计值不会下降`,
          `${nameOf(s).en} ${ytdLabelEn(b.month)} ${y} cumulative ${fmtNum(b.value)} is below the ${ytdLabelEn(a.month)} cumulative ${fmtNum(a.value)} (${where.en}); a flow's cumulative cannot fall`,
        );
      } else {
        err(
          a.row as number,
          'cumulative',
          `“${nameOf(s).zh}”${y}年${ytdLabelZh(a.month)}累计 ${fmtNum(a.value)} 高于已存的${ytdLabelZh(b.month)}累计 ${fmtNum(b.value)}，流量指标的累计值不会下降`,
          `${nameOf(s).en} ${ytdLabelEn(a.month)} ${y} cumulative ${fmtNum(a.value)} is above the stored ${ytdLabelEn(b.month)} cumulative ${fmtNum(b.value)}; a flow's cumulative cannot fall`,
        );
      }
    }
  }

  // a growth alone needs a base: last year's same-month cumulative or last year's total (with
  // the cumulative given, the growth is kept in the note and needs none)
  for (const p of parsed) {
    if (p.growth === undefined || p.cumulative !== undefined || p.series === null || p.year === null || p.month === null) continue;
    const y0 = p.year - 1;
    if (cumAt(p.series, y0, p.month) !== undefined || annualAt(p.series, y0) !== undefined) continue;
    err(
      p.row,
      'growth',
      `“${nameOf(p.series).zh}”${p.year}年${ytdLabelZh(p.month)}只有累计增速、没有累计值，也没有基数：既无${y0}年${ytdLabelZh(p.month)}累计值，也无${y0}年全年值（请填写累计值，或先录入其中之一）`,
      `${nameOf(p.series).en} ${ytdLabelEn(p.month)} ${p.year} gives a growth but no cumulative, and there is no base: neither a ${ytdLabelEn(p.month)} ${y0} cumulative nor a ${y0} annual total exists (give the cumulative, or enter one of them first)`,
    );
  }

  if (errors.length > 0) {
    errors.sort((a, b) => a.row - b.row);
    return { ok: false, errors };
  }

  // build the actuals
  const reliability = options.reliability ?? 'internal';
  const enteredBy = options.entered_by ?? 'ytd import';
  const actuals: Actual[] = parsed.map((p) => {
    const s = p.series as string;
    const y = p.year as number;
    const m = p.month as number;
    const flow = flowSeries.has(s);
    const title = p.title ?? options.default_source_title ?? `${ytdLabelZh(m)}累计数据导入 / ${ytdLabelEn(m)} year-to-date import`;
    const source = { title, url: null, date: p.date, reliability };
    const vintage = p.date ?? options.vintage ?? null;
    if (p.cumulative !== undefined) {
      const text =
        p.growth !== undefined
          ? `${y}年${ytdLabelZh(m)}累计增速 ${fmtPct(p.growth)} / ${ytdLabelEn(m)} ${y} year-to-date growth ${fmtPct(p.growth)}`
          : '';
      return {
        series: s,
        period: ytdPeriod(y, m),
        value: p.cumulative,
        value_kind: 'actual',
        source,
        vintage,
        note: formatYtdNote({ growth: p.growth }, text),
        entered_by: enteredBy,
      };
    }
    // growth only: a cumulative implied from last year, marked and never read as a cumulative
    const g = p.growth as number;
    const same = cumAt(s, y - 1, m);
    let value: number;
    let implied: YtdImplied;
    let text: string;
    if (same !== undefined) {
      value = same * (1 + g);
      implied = 'prior_same_month';
      text =
        `仅有累计增速 ${fmtPct(g)}：累计值按${y - 1}年同期 ${fmtNum(same)} ×（1+增速）折算，仅供显示 / ` +
        `growth ${fmtPct(g)} only: cumulative implied from ${ytdLabelEn(m)} ${y - 1} (${fmtNum(same)}) × (1 + growth), for display`;
    } else {
      const A = annualAt(s, y - 1) as number;
      const frac = flow ? m / 12 : 1;
      value = A * (1 + g) * frac;
      implied = 'prior_total';
      text = flow
        ? `仅有累计增速 ${fmtPct(g)}：累计值按${y - 1}年全年 ${fmtNum(A)} ×（1+增速）× ${m}/12 粗略折算，仅供显示，推算不使用 / ` +
          `growth ${fmtPct(g)} only: cumulative roughly implied as ${y - 1} total ${fmtNum(A)} × (1 + growth) × ${m}/12, for display only, not used by the nowcast`
        : `仅有增速 ${fmtPct(g)}：水平按${y - 1}年末 ${fmtNum(A)} ×（1+增速）粗略折算，仅供显示，推算不使用 / ` +
          `growth ${fmtPct(g)} only: level roughly implied as ${y - 1} year end ${fmtNum(A)} × (1 + growth), for display only, not used by the nowcast`;
    }
    return {
      series: s,
      period: ytdPeriod(y, m),
      value,
      value_kind: 'estimate',
      source,
      vintage,
      note: formatYtdNote({ growth: g, implied }, text),
      entered_by: enteredBy,
    };
  });
  return { ok: true, actuals };
}

// ---------------------------------------------------------------------------------------------
// Reading a sheet
// ---------------------------------------------------------------------------------------------

export type SheetField = YtdSheetField;

const HEADER_ALIASES: Record<SheetField, string[]> = {
  series: ['指标代码', '指标', '指标名称', '序列', '统计指标', '项目', 'series', 'seriesid', 'indicator'],
  unit: ['计量单位', '单位', 'unit'],
  year: ['年份', '年度', '年', 'year'],
  month: ['月份', '月', '截至月份', 'month'],
  period: ['期间', '时期', '统计期', '时间', '期别', 'period'],
  cumulative: ['累计值', '本年累计', '累计', '累计数', '1-n月累计', '绝对值', '数值', 'cumulative', 'ytd', 'value'],
  growth: [
    '累计增速%',
    '累计增速',
    '累计增长%',
    '累计增长',
    '同比增长%',
    '同比增长',
    '同比增速%',
    '同比增速',
    '同比±%',
    '同比±',
    '比上年同期增长%',
    '比上年同期增长',
    '比上年增长%',
    '增速%',
    '增速',
    '增长%',
    '增长',
    'growth%',
    'growth',
    'ytdgrowth',
  ],
  source_title: ['来源', '数据来源', '出处', 'source', 'sourcetitle'],
  release_date: ['发布日期', '发布时间', '日期', 'releasedate', 'release', 'date'],
};

/** field -> column index (0-based), -1 for none: the same model as the actuals import's mapping. */
export type SheetColumns = YtdColumnMapping;

const SHEET_FIELDS: readonly SheetField[] = YTD_SHEET_FIELDS;

/**
 * Guesses which column holds which field from header texts (Chinese or English). A header that
 * is a period ("1-10月累计", "10月末") is the cumulative column; a single month beside it ("10月")
 * is not.
 */
export function guessYtdColumns(headers: readonly string[]): SheetColumns {
  const out = Object.fromEntries(SHEET_FIELDS.map((f) => [f, -1])) as SheetColumns;
  const normalized = headers.map((h) => normName(h ?? '').replace(/％/g, '%'));
  const used = new Set<number>();
  // exact matches first (in alias order), then headers that start with an alias
  for (const pass of ['exact', 'prefix'] as const) {
    for (const f of SHEET_FIELDS) {
      if (out[f] !== -1) continue;
      for (const alias of HEADER_ALIASES[f]) {
        const a = normName(alias);
        const idx = normalized.findIndex((h, i) => !used.has(i) && h !== '' && (pass === 'exact' ? h === a : h.startsWith(a)));
        if (idx >= 0) {
          out[f] = idx;
          used.add(idx);
          break;
        }
      }
    }
  }
  if (out.cumulative === -1) {
    const idx = headers.findIndex((h, i) => {
      if (used.has(i)) return false;
      const w = readPeriodWords(String(h ?? ''), { singleMonth: 'single' });
      return w !== null && (w.kind === 'cumulative' || w.kind === 'month_end');
    });
    if (idx >= 0) out.cumulative = idx;
  }
  return out;
}

/** The period a header names ("1-10月累计" -> 1-10月), any kind; null when it names none. */
function headerPeriod(text: string): PeriodWord | null {
  return readPeriodWords(text, { singleMonth: 'single' });
}

function headerUsable(c: SheetColumns, sheetPeriod: boolean): boolean {
  return c.series >= 0 && (c.period >= 0 || c.year >= 0 || c.month >= 0 || sheetPeriod) && (c.cumulative >= 0 || c.growth >= 0);
}

/**
 * A period text -> {year?, month} of a year-to-date figure: "2026年1-9月", "2026年1—9月累计",
 * "2026年1至9月", "一至九月", "2026-09", "2026.9", "2026年9月", "9月末", "2026年前三季度" (9),
 * "2026年上半年" (6), "2026年一季度" (3), "2026年全年" (12), "1-9月" (no year). Null when it is
 * not a year-to-date period — 二季度, 三季度, 四季度 and 下半年 are single periods (see
 * models/ytd-period.ts, which reads them).
 */
export function parsePeriodText(raw: string): { year: number | null; month: number } | null {
  const w = readPeriodWords(raw);
  if (!w || (w.kind !== 'cumulative' && w.kind !== 'month_end')) return null;
  return { year: w.year, month: w.month };
}

export { PercentCell };

const PLACEHOLDER = /^(—|-|－|–|\/|…|……|\.\.\.|--|——|n\/?a|na|null)$/i;

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof PercentCell) return String(v.fraction * 100);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/**
 * "5.2", "5.2%", 5.2 -> 0.052; a percent-formatted cell holding 0.052 -> 0.052; placeholders ->
 * undefined; other text passes through (to be rejected).
 */
function percentToFraction(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (v instanceof PercentCell) return v.fraction;
  if (typeof v === 'number') return Number.isFinite(v) ? v / 100 : v;
  const t = cellText(v);
  if (t === '' || PLACEHOLDER.test(t)) return undefined;
  const n = toNumber(t.replace(/[%％]$/, ''));
  return n.ok ? n.value / 100 : t;
}

function plainValue(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (v instanceof PercentCell) return v.fraction * 100;
  if (typeof v === 'number') return v;
  const t = cellText(v);
  if (t === '' || PLACEHOLDER.test(t)) return undefined;
  return t;
}

export interface ReadYtdIssue {
  row: number;
  field: SheetField | 'sheet';
  message_zh: string;
  message_en: string;
}

export interface SheetPeriod {
  word: PeriodWord;
  /** read from the title row, the cumulative column's header, or given by the planner. */
  from: 'title' | 'header' | 'planner';
  zh: string;
  en: string;
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

const HEADER_SCAN = 20;

/** The period of the whole sheet: the cumulative column's header, else a title row above the header. */
function sheetPeriodOf(table: readonly (readonly unknown[])[], headerIdx: number, cols: SheetColumns): SheetPeriod | null {
  const header = (table[headerIdx] ?? []).map(cellText);
  const fromHeader = cols.cumulative >= 0 ? headerPeriod(header[cols.cumulative] ?? '') : null;
  let fromTitle: PeriodWord | null = null;
  for (let i = 0; i < headerIdx && !fromTitle; i++) {
    const text = (table[i] ?? [])
      .map(cellText)
      .filter((t) => t !== '')
      .join(' ');
    if (text) fromTitle = findPeriodInText(text);
  }
  const word: PeriodWord | null = fromHeader
    ? fromHeader.year === null && fromTitle?.year != null
      ? { ...fromHeader, year: fromTitle.year }
      : fromHeader
    : fromTitle;
  if (!word) return null;
  return { word, from: fromHeader ? 'header' : 'title', zh: periodWordZh(word), en: periodWordEn(word) };
}

/**
 * Rows of a table (cells as plain values) -> YTD rows. The header is the planner's row, else the
 * first of the first 20 rows with a series column, a period (a column, the cumulative column's
 * header such as "1-10月累计", or a title row such as "2026年1-10月咸宁市主要经济指标") and a value
 * column. The planner's mapping, when given, overrides the guess field by field.
 */
export function rowsFromTable(
  table: readonly (readonly unknown[])[],
  sheet: string | null = null,
  options: ReadYtdOptions = {},
): ReadYtdResult {
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

/** The first row with at least two filled cells (the header of a sheet whose headers were not recognised). */
function findHeaderIndex(table: readonly (readonly unknown[])[]): number {
  for (let i = 0; i < Math.min(table.length, HEADER_SCAN); i++)
    if ((table[i] ?? []).filter((v) => cellText(v) !== '').length >= 2) return i;
  return table.findIndex((r) => (r ?? []).some((v) => cellText(v) !== ''));
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
