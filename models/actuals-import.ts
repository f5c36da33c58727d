/**
 * Importing actuals from a table (CSV or a worksheet): guessing which column holds which field,
 * normalising periods, numbers and words planners write (2025年, 1-9月, 1,234.5, ≥920, 官方),
 * and splitting the rows into valid actuals and rejected rows, each with its reasons.
 * Pure: unit-tested in Node. The API's 'actuals:import' runs it on the rows the server's sheet
 * reader gives (the Data screen sends the file's bytes); numbers are read by models/numbers.
 */
import { columnLetter } from './columns';
import { readNumber } from './numbers';
import { checkRecord, type PlanYears, type PlausibilityIssue } from './plausibility';
import { parseReliabilityWord } from './reliability';
import type { Actual, Plan, Reliability, ValueKind } from './schema';

export const IMPORT_FIELDS = [
  'series',
  'period',
  'value',
  'value_kind',
  'source_title',
  'source_url',
  'source_date',
  'reliability',
  'vintage',
  'note',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
const REQUIRED_FIELDS: readonly ImportField[] = ['series', 'period', 'value'];

/** field -> column index (or -1 for none). */
export type ColumnMapping = Record<ImportField, number>;

const ALIASES: Record<ImportField, string[]> = {
  series: ['series', 'series_id', 'indicator', 'indicator_zh', 'indicator_en', '指标', '指标名称', '序列', '统计指标', '名称'],
  period: ['period', 'year', '期间', '时期', '年份', '年度', '时间', '统计期'],
  value: ['value', 'amount', '数值', '值', '实际值', '数据'],
  value_kind: ['value_kind', 'kind', '数值类型', '类型', '口径'],
  source_title: ['source', 'source_title', 'source_note', '来源', '数据来源', '来源标题', '出处'],
  source_url: ['url', 'source_url', 'link', '网址', '链接', '来源网址'],
  source_date: ['source_date', 'date', 'published', '发布日期', '日期', '来源日期'],
  reliability: ['reliability', '可靠性', '可信度', '来源类型'],
  vintage: ['vintage', 'release', '版本', '发布批次'],
  note: ['note', 'notes', 'remark', 'comment', '备注', '说明'],
};

function norm(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/[\s_\-()（）]/g, '');
}

/** Guesses the mapping from header names in Chinese or English; unknown fields get -1. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const out = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, -1])) as ColumnMapping;
  const used = new Set<number>();
  const normalized = headers.map(norm);
  // exact alias matches first, in field order, then prefix matches.
  for (const pass of ['exact', 'prefix'] as const) {
    for (const f of IMPORT_FIELDS) {
      if (out[f] !== -1) continue;
      const aliases = ALIASES[f].map(norm);
      const idx = normalized.findIndex(
        (h, i) => !used.has(i) && h !== '' && aliases.some((a) => (pass === 'exact' ? h === a : h.startsWith(a))),
      );
      if (idx >= 0) {
        out[f] = idx;
        used.add(idx);
      }
    }
  }
  return out;
}

export function missingRequired(mapping: ColumnMapping): ImportField[] {
  return REQUIRED_FIELDS.filter((f) => mapping[f] < 0);
}

const MONTHS_EN = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * 2025 / 2025年 -> 2025; 2025-9, 2025年1-9月, 2025年9月 -> 2025-09; 2025H1, 2025年上半年 -> 2025H1;
 * and what the exports print in English (scenarios/briefing/records-shown.ts periodText):
 * end of June 2023 -> 2023-06, January–October 2026 -> 2026-10, January 2026 -> 2026-01.
 */
export function normalizePeriod(raw: string): string | null {
  const en = /^(?:end of )?(?:january\s*[–—-]\s*)?([a-z]+) (\d{4})$/.exec(raw.trim().replace(/\s+/g, ' ').toLowerCase());
  if (en) {
    const month = MONTHS_EN.indexOf(en[1]!) + 1;
    return month > 0 ? `${en[2]}-${String(month).padStart(2, '0')}` : null;
  }
  const s = raw
    .trim()
    .replace(/\s+/g, '')
    .replace(/[／/.]/g, '-');
  let m = /^(\d{4})年?$/.exec(s);
  if (m) return m[1];
  m = /^(\d{4})[Hh]([12])$/.exec(s);
  if (m) return `${m[1]}H${m[2]}`;
  m = /^(\d{4})年?(上|下)半年$/.exec(s);
  if (m) return `${m[1]}H${m[2] === '上' ? 1 : 2}`;
  // 2026年10月, 2026-10, 2026年1-10月, and a stock's 2026年10月末 (the level at the end of October)
  m = /^(\d{4})(?:年|-)(?:1-)?(\d{1,2})(?:月末?)?$/.exec(s);
  if (m) {
    const mo = Number(m[2]);
    if (mo >= 1 && mo <= 12) return `${m[1]}-${String(mo).padStart(2, '0')}`;
    return null;
  }
  m = /^(\d{4})年1-(\d{1,2})月(?:累计)?$/.exec(s);
  if (m) {
    const mo = Number(m[2]);
    if (mo >= 1 && mo <= 12) return `${m[1]}-${String(mo).padStart(2, '0')}`;
    return null;
  }
  m = /^(\d{4})[-—–~至](\d{4})年?$/.exec(s);
  if (m) return `${m[1]}-${m[2]}`;
  return null;
}

export interface ParsedNumber {
  value: number;
  /** a value kind implied by the text: ≥920, 920以上 -> lower_bound; 约, 接近 -> approx_below. */
  impliedKind: ValueKind | null;
}

/**
 * "1,234.5", "≥920", "920以上", "73.54%", "约1000", "−3.2", "(120)", "1.2亿元" (in the series'
 * unit when given): the words of a bound or estimate set the kind, models/numbers reads the rest.
 */
export function parseNumber(raw: string, unit?: string): ParsedNumber | null {
  const r = readValue(raw, unit);
  return r.ok ? { value: r.value, impliedKind: r.impliedKind } : null;
}

/** `parseNumber` with the reason of a refusal, in Chinese and English (for a form to show). */
export function readValue(raw: string, unit?: string): (ParsedNumber & { ok: true }) | { ok: false; reason_zh: string; reason_en: string } {
  let s = raw.trim().replace(/[\u00a0\s]/g, '');
  if (!s) return { ok: false, reason_zh: '为空', reason_en: 'is empty' };
  let impliedKind: ValueKind | null = null;
  if (/^(≥|>=|>|超过|突破|不少于)/.test(s) || /(以上|多)$/.test(s)) impliedKind = 'lower_bound';
  else if (/^(接近|近)/.test(s)) impliedKind = 'approx_below';
  else if (/^(约|~|≈)/.test(s) || /左右$/.test(s)) impliedKind = 'estimate';
  s = s.replace(/^(≥|>=|>|超过|突破|不少于|接近|近|约|~|≈)/, '').replace(/(以上|多|左右)$/, '');
  const r = readNumber(s, { unit: unit ?? null });
  if (!r.ok) return r;
  // a percentage is kept in percent, as the series' values are (73.54% -> 73.54)
  const value = r.percent ? Number((r.value * 100).toPrecision(15)) : r.value;
  return { ok: true, value, impliedKind };
}

const KIND_WORDS: Record<string, ValueKind> = {
  actual: 'actual',
  实际: 'actual',
  实际值: 'actual',
  实绩: 'actual',
  lower_bound: 'lower_bound',
  lowerbound: 'lower_bound',
  下限: 'lower_bound',
  以上: 'lower_bound',
  '≥': 'lower_bound',
  approx_below: 'approx_below',
  接近: 'approx_below',
  estimate: 'estimate',
  估计: 'estimate',
  预计: 'estimate',
  估算: 'estimate',
  yoy: 'yoy',
  同比: 'yoy',
  同比增长: 'yoy',
  增速: 'yoy',
  '同比增长(%)': 'yoy',
};

export function parseValueKind(raw: string): ValueKind | null {
  const s = raw.trim().toLowerCase();
  if (!s) return null;
  return KIND_WORDS[s] ?? KIND_WORDS[s.replace(/[\s-]/g, '_')] ?? null;
}

/** Reads a reliability word, code or short form (models/reliability.ts). */
export function parseReliability(raw: string): Reliability | null {
  return parseReliabilityWord(raw);
}

/** YYYY-MM-DD, YYYY/M/D, YYYY年M月D日, YYYY-MM -> ISO (YYYY-MM-DD or YYYY-MM). */
export function normalizeDate(raw: string): string | null {
  const s = raw.trim();
  if (!s) return null;
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (m) {
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
    return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(s);
  if (m) {
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return null;
    return `${m[1]}-${String(mo).padStart(2, '0')}`;
  }
  return null;
}

/**
 * Why a row was rejected. `column` is the letter of the sheet column to fix (absent only for a
 * field the mapping leaves out, such as a source with no column and no default).
 */
export type RejectReason =
  | { code: 'missing'; field: ImportField; column?: string }
  | { code: 'unknown_series'; value: string; column: string }
  | { code: 'bad_period'; value: string; column: string }
  /** `reason_*`: the number reader's words (models/numbers.ts). */
  | { code: 'bad_number'; value: string; column: string; reason_zh?: string; reason_en?: string }
  | { code: 'bad_value_kind'; value: string; column: string }
  | { code: 'bad_reliability'; value: string; column: string }
  | { code: 'bad_date'; field: ImportField; value: string; column: string }
  | { code: 'too_long'; field: ImportField; column?: string }
  /** The same indicator (`column`) and period (`period_column`) as line `other`. */
  | { code: 'duplicate'; other: number; column: string; period_column: string }
  /** A plausibility rule (models/plausibility.ts): a year outside the horizon (the period column), a value out of its range (the value column). */
  | {
      code: 'implausible';
      field: 'period' | 'value';
      column: string;
      rule: PlausibilityIssue['rule'];
      message_zh: string;
      message_en: string;
    };

/** The words of the fields a plausibility message names. */
const FIELD_WORDS = { period: { zh: '期间', en: 'period' }, value: { zh: '数值', en: 'value' } } as const;

export interface ValidRow {
  line: number;
  actual: Actual;
}
export interface RejectedRow {
  line: number;
  fields: string[];
  reasons: RejectReason[];
}

export interface ImportDefaults {
  source_title: string;
  reliability: Reliability;
  entered_by: string;
  /** vintage recorded on every imported row (today, YYYY-MM-DD). */
  vintage: string | null;
}

export interface ValidationResult {
  valid: ValidRow[];
  rejected: RejectedRow[];
}

/** Builds a lookup from series id, Chinese and English names to series ids. */
function seriesLookup(plan: Pick<Plan, 'series'>): Map<string, { id: string; derived: boolean; unit: string }> {
  const map = new Map<string, { id: string; derived: boolean; unit: string }>();
  for (const s of plan.series) {
    const entry = { id: s.id, derived: s.derived !== null && s.derived !== undefined, unit: s.unit };
    for (const key of [s.id, s.name_zh, s.name_en]) map.set(norm(key), entry);
  }
  return map;
}

/**
 * Checks every data row (records after the header) against the mapping. A row is valid only if
 * every mapped field reads; otherwise it is rejected with all its reasons, each naming its
 * column. With the plan's years, the plausibility rules (models/plausibility.ts) run on every
 * row that reads, and a breach rejects the row too. Two rows for the same series and period are
 * both kept only once: the later is rejected as a duplicate.
 */
export function validateRows(
  rows: readonly { line: number; fields: string[] }[],
  mapping: ColumnMapping,
  plan: Pick<Plan, 'series'> & Partial<PlanYears>,
  defaults: ImportDefaults,
): ValidationResult {
  const lookup = seriesLookup(plan);
  const seriesById = new Map(plan.series.map((x) => [x.id, x]));
  const years: PlanYears | null =
    typeof plan.base_year === 'number' && typeof plan.period_start === 'number' && typeof plan.period_end === 'number'
      ? {
          base_year: plan.base_year,
          period_start: plan.period_start,
          period_end: plan.period_end,
          next_plan_end: plan.next_plan_end ?? null,
        }
      : null;
  const col = (f: ImportField): string | undefined => (mapping[f] >= 0 ? columnLetter(mapping[f]) : undefined);
  const at = (f: ImportField): { column?: string } => {
    const c = col(f);
    return c ? { column: c } : {};
  };
  const valid: ValidRow[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Map<string, number>();
  const cell = (fields: string[], f: ImportField) => (mapping[f] >= 0 ? (fields[mapping[f]] ?? '').trim() : '');

  for (const row of rows) {
    const reasons: RejectReason[] = [];
    const rawSeries = cell(row.fields, 'series');
    const rawPeriod = cell(row.fields, 'period');
    const rawValue = cell(row.fields, 'value');

    let seriesId: string | null = null;
    let seriesUnit: string | undefined;
    if (!rawSeries) reasons.push({ code: 'missing', field: 'series', ...at('series') });
    else {
      const hit = lookup.get(norm(rawSeries));
      // a derived series (a share, rate or intensity as the bulletin prints it) takes a figure too (models/published.ts)
      if (!hit) reasons.push({ code: 'unknown_series', value: rawSeries, column: col('series')! });
      else {
        seriesId = hit.id;
        seriesUnit = hit.unit;
      }
    }

    let period: string | null = null;
    if (!rawPeriod) reasons.push({ code: 'missing', field: 'period', ...at('period') });
    else {
      period = normalizePeriod(rawPeriod);
      if (!period) reasons.push({ code: 'bad_period', value: rawPeriod, column: col('period')! });
    }

    let parsed: ParsedNumber | null = null;
    // a year-on-year growth (同比增长) is in percent whatever the series' unit (models/published.ts)
    const yoyRow = parseValueKind(cell(row.fields, 'value_kind')) === 'yoy';
    if (!rawValue) reasons.push({ code: 'missing', field: 'value', ...at('value') });
    else {
      const read = readValue(rawValue, yoyRow ? '%' : seriesUnit);
      if (read.ok) parsed = { value: read.value, impliedKind: read.impliedKind };
      else
        reasons.push({
          code: 'bad_number',
          value: rawValue,
          column: col('value')!,
          reason_zh: read.reason_zh,
          reason_en: read.reason_en,
        });
    }

    const rawKind = cell(row.fields, 'value_kind');
    let kind: ValueKind = parsed?.impliedKind ?? 'actual';
    if (rawKind) {
      const k = parseValueKind(rawKind);
      if (!k) reasons.push({ code: 'bad_value_kind', value: rawKind, column: col('value_kind')! });
      else kind = k;
    }

    const rawRel = cell(row.fields, 'reliability');
    let reliability: Reliability = defaults.reliability;
    if (rawRel) {
      const r = parseReliability(rawRel);
      if (!r) reasons.push({ code: 'bad_reliability', value: rawRel, column: col('reliability')! });
      else reliability = r;
    }

    const title = cell(row.fields, 'source_title') || defaults.source_title.trim();
    if (!title) reasons.push({ code: 'missing', field: 'source_title', ...at('source_title') });
    else if (title.length > 300) reasons.push({ code: 'too_long', field: 'source_title', ...at('source_title') });

    const url = cell(row.fields, 'source_url');
    if (url.length > 1000) reasons.push({ code: 'too_long', field: 'source_url', ...at('source_url') });

    const rawDate = cell(row.fields, 'source_date');
    let date: string | null = null;
    if (rawDate) {
      date = normalizeDate(rawDate);
      if (!date) reasons.push({ code: 'bad_date', field: 'source_date', value: rawDate, column: col('source_date')! });
    }
    const rawVintage = cell(row.fields, 'vintage');
    let vintage: string | null = defaults.vintage;
    if (rawVintage) {
      vintage = normalizeDate(rawVintage);
      if (!vintage) reasons.push({ code: 'bad_date', field: 'vintage', value: rawVintage, column: col('vintage')! });
    }
    const note = cell(row.fields, 'note');
    if (note.length > 2000) reasons.push({ code: 'too_long', field: 'note', ...at('note') });

    // the plausibility rules on a row that reads: a year outside the horizon names the period
    // column, a value out of its range the value column, each with the indicator's Chinese name
    if (years && seriesId && period && parsed) {
      const series = seriesById.get(seriesId)!;
      for (const field of ['period', 'value'] as const) {
        const c = col(field)!;
        const words = FIELD_WORDS[field];
        const where = {
          path: `line ${row.line}`,
          zh: `第${row.line}行 ${c}列“${words.zh}”`,
          en: `line ${row.line}, column ${c} "${words.en}"`,
        };
        for (const issue of checkRecord(years, series, { series: seriesId, period, value: parsed.value }, where)) {
          if ((issue.rule === 'horizon') !== (field === 'period')) continue;
          reasons.push({
            code: 'implausible',
            field,
            column: c,
            rule: issue.rule,
            message_zh: issue.message_zh,
            message_en: issue.message_en,
          });
        }
      }
    }

    if (reasons.length === 0 && seriesId && period && parsed) {
      const key = `${seriesId}|${period}`;
      const other = seen.get(key);
      if (other !== undefined) reasons.push({ code: 'duplicate', other, column: col('series')!, period_column: col('period')! });
      else seen.set(key, row.line);
    }

    if (reasons.length > 0 || !seriesId || !period || !parsed) {
      rejected.push({ line: row.line, fields: row.fields, reasons });
      continue;
    }
    valid.push({
      line: row.line,
      actual: {
        series: seriesId,
        period,
        value: parsed.value,
        value_kind: kind,
        source: { title, url: url || null, date, reliability },
        vintage,
        note,
        entered_by: defaults.entered_by,
      },
    });
  }
  return { valid, rejected };
}
