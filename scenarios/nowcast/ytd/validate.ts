/**
 * The records: year-to-date rows validated into actuals, all or nothing.
 * Part of the year-to-date import (scenarios/nowcast/ytd.ts is its entry).
 */
import { type YtdField, type YtdRowError } from '../../../contract/types';
import { fmtNum, fmtPct, ytdLabelEn, ytdLabelZh } from '../../../models/nowcast';
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
} from '../../../models/records';
import { type Actual, type Reliability } from '../../../models/schema';
import { notYearToDate, readPeriodWords } from '../../../models/ytd-period';
import { absent, show, toNumber, toDate } from './cells';
import { normName } from './names';

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
