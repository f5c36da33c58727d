/**
 * Number and target formatting the way planners write them: 700亿元, 28.0%, 6,000个,
 * 1.2个百分点 for a change of a share, comparator words 以上 / 不少于 / 突破 / 左右 / 下降.
 * Pure: no DOM, no i18next (the language is a parameter), unit-tested in Node.
 */
import { kindOf } from '../../../models/kinds';
import type { Target } from '../../../models/schema';
import { formatFigure, formatNumber, isPercentUnit, localeOf, unitName } from '../../../models/units';
import { isWholeCountTarget, wholeDifference, wholeFigure } from '../../../models/counts';

/** A target as the formatters need it; with its target value, a count against a whole target is written whole. */
type Judged = Pick<Target, 'kind' | 'unit'> & Partial<Pick<Target, 'target' | 'comparator'>>;

function whole(t: Judged): boolean {
  return t.target !== undefined && isWholeCountTarget(t as Pick<Target, 'kind' | 'unit' | 'target'>);
}

// Numbers and units are formatted once, in models/units.ts (docs/formatting.md): a projected figure
// by formatFigure, as the briefing's sentences and overview write it; units by unitName.
export type Lang = 'zh-CN' | 'en';

export function isZh(lang: string): boolean {
  return lang.startsWith('zh');
}

/** A projected figure on a screen: models' formatFigure in the UI language (700亿元, 28.0%, 6,000个). */
export function showValue(
  value: number | null | undefined,
  unit: string,
  lang: string,
  opts: { decimals?: number; bare?: boolean } = {},
): string {
  return formatFigure(value, unit, localeOf(lang), opts);
}

/** A unit's name on a screen (a unit column, an axis, an input's suffix): models' unitName. */
export function showUnit(unit: string, lang: string): string {
  return unitName(unit, localeOf(lang));
}

export { isPercentUnit };

/** A plain number on a screen with `digits` fixed decimals and thousands separators. */
export function showNumber(value: number | null | undefined, lang: string, digits = 1): string {
  return formatNumber(value, digits, localeOf(lang), true);
}

function locale(lang: string): string {
  return isZh(lang) ? 'zh-CN' : 'en-US';
}

const nfCache = new Map<string, Intl.NumberFormat>();
function nf(lang: string, min: number, max: number): Intl.NumberFormat {
  const key = `${locale(lang)}|${min}|${max}`;
  let f = nfCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(lang), { minimumFractionDigits: min, maximumFractionDigits: max, useGrouping: true });
    nfCache.set(key, f);
  }
  return f;
}

/** A number as written in the plan's own figures: no trailing zeros, up to `max` decimals. */
export function formatPlain(value: number | null | undefined, lang: string, max = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return nf(lang, 0, max).format(value);
}

export function withUnit(num: string, unit: string, lang: string): string {
  if (isPercentUnit(unit)) return `${num}%`;
  const u = unitName(unit, localeOf(lang));
  if (!u) return num;
  if (isZh(lang)) return `${num}${u}`;
  // "700 (100 million yuan)": a unit that starts with a number reads badly right after one.
  return /^\d/.test(u) ? `${num} (${u})` : `${num} ${u}`;
}

/** A growth rate stored as a fraction (0.07) shown as 7.0%. */
export function formatRate(fraction: number | null | undefined, lang: string, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return `${showNumber(fraction * 100, lang, digits)}%`;
}

/**
 * A change of a share (or of any percent figure): 1.2个百分点 / 1.2 percentage points; `short`
 * gives "1.2 pp" in English for narrow table cells (Chinese keeps 个百分点).
 */
export function formatPoints(value: number | null | undefined, lang: string, digits = 1, short = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const num = showNumber(value, lang, digits);
  if (isZh(lang)) return `${num}个百分点`;
  return short ? `${num} pp` : `${num} percentage points`;
}

/**
 * A signed change between scenarios in the target's terms: +40.0亿元, −0.4个百分点; a change too
 * small for one decimal gets two, and one too small for two reads ≈0.
 */
export function formatDelta(target: Pick<Target, 'kind' | 'unit'>, delta: number, lang: string, short = false): string {
  const unit = judgedUnit(target);
  const mag = Math.abs(delta);
  const digits = mag >= 0.05 || mag === 0 ? 1 : mag >= 0.005 ? 2 : -1;
  if (digits < 0) return '≈0';
  const sign = delta > 0 ? '+' : '−';
  const body = isPercentUnit(unit)
    ? formatPoints(mag, lang, digits, short)
    : showValue(mag, unit, lang, digits === 2 ? { decimals: 2 } : {});
  return `${sign}${body}`;
}

/** The unit in which a target's judged quantity is expressed. */
export function judgedUnit(target: Pick<Target, 'kind' | 'unit'>): string {
  return kindOf(target.kind).percentJudged ? '%' : target.unit;
}

/** A judged value (level, share, % reduction, average growth %) in the target's terms. */
/** `bare`: in English, leave out a unit the table already shows in its own column (not %). */
export function formatJudged(target: Judged, value: number | null | undefined, lang: string, bare = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  // cut toward the miss by the one rule (models/counts.ts): 98.8项 against 100项以上 reads 98项
  if (whole(target)) return showValue(wholeFigure(target, value), target.unit, lang, { bare });
  if (target.kind === 'reduction') {
    return isZh(lang) ? `下降${showValue(value, '%', lang)}` : `down ${showValue(value, '%', lang)}`;
  }
  return showValue(value, judgedUnit(target), lang, { bare });
}

/**
 * The gap (positive = shortfall) in planners' words: 差35.0亿元 / 超出2.0个百分点 (zh),
 * 35.0 100 million yuan short / 2.0 percentage points over (en). Percent quantities use points.
 */
export function formatGap(target: Judged, gap: number | null | undefined, lang: string, short = false, year: number | null = null): string {
  if (gap === null || gap === undefined || !Number.isFinite(gap)) return '—';
  const unit = judgedUnit(target);
  // a count against a whole target: the one rule (models/counts.ts), 差2项 for 1.2 short
  const mag = whole(target) ? wholeDifference(Math.abs(gap), gap > 0) : Math.abs(gap);
  const zh = isZh(lang);
  let body = isPercentUnit(unit) ? formatPoints(mag, lang, 1, short) : showValue(mag, unit, lang, { bare: short });
  // a gap the figure's precision rounds to zero is never written "差0亿元": it gets two decimals
  if (mag >= 1e-9 && !/[1-9]/.test(body))
    body = isPercentUnit(unit) ? formatPoints(mag, lang, 2, short) : showValue(mag, unit, lang, { bare: short, decimals: 2 });
  if (mag >= 1e-9 && !/[1-9]/.test(body)) {
    const floor = isPercentUnit(unit) ? formatPoints(0.01, lang, 2, short) : showValue(0.01, unit, lang, { bare: short, decimals: 2 });
    body = zh ? `不足${floor}` : `under ${floor}`;
  }
  const words = mag < 1e-9 ? (zh ? '持平' : 'none') : gap > 0 ? (zh ? `差${body}` : `${body} short`) : zh ? `超出${body}` : `${body} over`;
  if (year === null) return words;
  return zh ? `${year}年${words}` : `${words} in ${year}`;
}

/**
 * The year to name beside a gap: none when the gap is the target year's, the failing year when an
 * annual flow (每年…) misses a counted year (2024年差2项 although 2026 is above the target).
 */
export function gapYear(ev: { gap_year?: number | null; target_year: number } | null | undefined): number | null {
  return ev?.gap_year != null && ev.gap_year !== ev.target_year ? ev.gap_year : null;
}

const SUFFIX_WORDS = ['以上', '左右', '以内', '以下', '以上水平'];

const COMPARATOR_EN: Record<string, string> = {
  '>=': '≥ ',
  '>': '> ',
  '<=': '≤ ',
  '<': '< ',
  '=': '',
  '~': 'about ',
  range: '',
};

/**
 * The target as the plan writes it, from its comparator words (a … in them stands for the
 * number): 达700亿元, 达28%以上, 不少于100家, 突破300家, 20名左右, 下降10%, 累计降幅达14%,
 * 年均增长10%以上, 1—2家; in English ≥ 28%, about 20, down 10%, ≥ 10% a year, 1–2 firms.
 */
export function formatTarget(
  target: Pick<Target, 'kind' | 'unit' | 'comparator' | 'comparator_zh' | 'target'>,
  lang: string,
  bare = false,
): string {
  const zh = isZh(lang);
  const t = target.target;
  const unitOf = (num: string, unit: string) => (bare && !zh && !isPercentUnit(unit) ? num : withUnit(num, unit, lang));
  if (Array.isArray(t)) {
    const [a, b] = t;
    return `${formatPlain(a, lang)}${zh ? '—' : '–'}${unitOf(formatPlain(b, lang), target.unit)}`;
  }
  const valueText = unitOf(formatPlain(t, lang), judgedUnit(target));
  if (zh) {
    const w = target.comparator_zh.trim();
    if (w.includes('…')) return w.replace('…', valueText);
    if (w === '全部') return `全部（${valueText}）`;
    if (SUFFIX_WORDS.includes(w)) return `${valueText}${w}`;
    if (w) return `${w}${valueText}`;
    const words = kindOf(target.kind).words.defaultComparatorZh(target.comparator);
    if (words) return `${words}${valueText}`;
    if (target.comparator === '~') return `${valueText}左右`;
    return valueText;
  }
  if (target.kind === 'reduction') return `down ${target.comparator === '>' || target.comparator === '>=' ? '≥ ' : ''}${valueText}`;
  if (target.kind === 'growth_rate') return `${COMPARATOR_EN[target.comparator] ?? ''}${valueText} a year`;
  return `${COMPARATOR_EN[target.comparator] ?? ''}${valueText}`;
}

/** "2026-01-19" stays as is; other strings pass through (dates are ISO in the data). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  return value.length > 10 ? value.slice(0, 10) : value;
}

/** "2026-01-19T08:30:12.000Z" -> local "2026-01-19 16:30". */
export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  void lang;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatBytes(n: number, lang: string): string {
  if (!Number.isFinite(n)) return '—';
  if (n < 1024) return `${formatPlain(n, lang, 0)} B`;
  if (n < 1024 * 1024) return `${showNumber(n / 1024, lang, 1)} KB`;
  return `${showNumber(n / 1024 / 1024, lang, 1)} MB`;
}
