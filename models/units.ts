/**
 * Units and number formatting, pure: 亿元 <-> 万元, values with their units in Chinese and English,
 * changes of shares in percentage points (个百分点) kept apart from relative changes (%).
 */

export type Locale = 'zh-CN' | 'en';

/** The locale of a UI language tag: 'zh', 'zh-CN', 'zh-Hans' -> 'zh-CN'; anything else -> 'en'. */
export function localeOf(lang: string): Locale {
  return lang.startsWith('zh') ? 'zh-CN' : 'en';
}

/** 1 亿元 = 10000 万元. */
export const WAN_PER_YI = 10000;

export function yiToWan(yi: number): number {
  return yi * WAN_PER_YI;
}

export function wanToYi(wan: number): number {
  return wan / WAN_PER_YI;
}

/** Multiples of one base unit: yuan, US dollars, tonnes, people. */
const SCALED: Record<string, { base: string; factor: number }> = {
  元: { base: 'CNY', factor: 1 },
  万元: { base: 'CNY', factor: 1e4 },
  亿元: { base: 'CNY', factor: 1e8 },
  美元: { base: 'USD', factor: 1 },
  万美元: { base: 'USD', factor: 1e4 },
  亿美元: { base: 'USD', factor: 1e8 },
  吨: { base: 't', factor: 1 },
  万吨: { base: 't', factor: 1e4 },
  吨标准煤: { base: 'tce', factor: 1 },
  万吨标准煤: { base: 'tce', factor: 1e4 },
  人: { base: 'person', factor: 1 },
  万人: { base: 'person', factor: 1e4 },
  千瓦: { base: 'kW', factor: 1 },
  万千瓦: { base: 'kW', factor: 1e4 },
};

const BASE_EN: Record<string, string> = { CNY: 'yuan', USD: 'US dollars', t: 't', tce: 'tce', person: 'people', kW: 'kW' };

/** Converts between multiples of one unit (亿元 -> 万元 ...); null when the units do not convert. */
export function convertUnit(value: number, from: string, to: string): number | null {
  if (from === to) return value;
  const a = SCALED[from.trim()];
  const b = SCALED[to.trim()];
  if (!a || !b || a.base !== b.base) return null;
  return (value * a.factor) / b.factor;
}

/** A percent unit: a change of it is in percentage points (个百分点). */
export function isPercentUnit(unit: string): boolean {
  const u = unit.trim();
  return u === '%' || u === '％' || u === 'percent';
}

const COUNT_UNITS = new Set([
  '项',
  '家',
  '个',
  '件',
  '次',
  '座',
  '所',
  '条',
  '台',
  '套',
  '户',
  '名',
  '人',
  '人次',
  '家次',
  '批',
  '处',
  '支',
  '门',
  '篇',
  '本',
]);

const EN_UNITS: Record<string, string> = {
  项: 'items',
  家: 'firms',
  个: '',
  件: 'items',
  次: 'times',
  座: '',
  所: '',
  条: '',
  台: 'units',
  套: 'sets',
  户: 'households',
  名: 'people',
  人: 'people',
  万人: '10,000 people',
  人次: 'person-times',
  家次: 'firm-times',
  吨: 't',
  万吨: '10,000 t',
  吨标准煤: 'tce',
  万吨标准煤: '10,000 tce',
  '吨标准煤/万元': 'tce per 10,000 yuan',
  '吨二氧化碳/万元': 't CO2 per 10,000 yuan',
  千瓦: 'kW',
  万千瓦: '10 MW',
  兆瓦: 'MW',
  亿千瓦时: '100 GWh',
  平方米: 'm²',
  万平方米: '10,000 m²',
  立方米: 'm³',
  万立方米: '10,000 m³',
  '立方米/万元': 'm³ per 10,000 yuan',
  '吨/万元': 't per 10,000 yuan',
  '件/万人': 'per 10,000 people',
  公里: 'km',
  亩: 'mu',
  万亩: '10,000 mu',
  年: 'years',
};

/** A unit counted in whole things (项, 家, 个, 名, 人 …): its numbers are whole in words. */
export function isCountUnit(unit: string): boolean {
  return COUNT_UNITS.has(unit.trim());
}

/**
 * Decimals for a value in a unit: counts whole, percent 1 (2 below 10%), others 0 from `wholeFrom`
 * (1000; the drafted sentences use 10,000, as the screens do), 1 from 1, else 2.
 */
function decimalsFor(value: number, unit: string, wholeFrom = 1000): number {
  const a = Math.abs(value);
  if (isCountUnit(unit)) return Math.abs(value - Math.round(value)) < 1e-9 ? 0 : 1;
  if (isPercentUnit(unit)) return a < 10 ? 2 : 1;
  if (a >= wholeFrom) return 0;
  if (a >= 1 || a === 0) return 1;
  return 2;
}

/**
 * A number with fixed decimals; never "-0". Thousands separators in English, and in Chinese when
 * `grouping` is set (the drafted sentences write 5,881个 as the screens do; tables keep 5881).
 */
export function formatNumber(
  value: number | null | undefined,
  decimals: number,
  locale: Locale = 'zh-CN',
  grouping = locale === 'en',
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  let s = Math.abs(value).toFixed(decimals);
  const negative = value < 0 && Number(s) !== 0;
  if (grouping) {
    const [int, frac] = s.split('.');
    s = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
  }
  return negative ? `-${s}` : s;
}

/** Drops a fractional part of zeros: "700.0" -> "700", "2.50" -> "2.5". */
function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** The English name of a unit ('' when the number stands alone). */
export function unitLabel(unit: string, locale: Locale): string {
  const u = unit.trim();
  if (locale === 'zh-CN') return u;
  if (isPercentUnit(u)) return '%';
  return EN_UNITS[u] ?? u;
}

/** English names of units read as a quantity's name (a column head, an axis) rather than after a number. */
const EN_UNIT_NAMES: Record<string, string> = {
  元: 'yuan',
  万元: '10,000 yuan',
  亿元: '100 million yuan',
  美元: 'US dollars',
  万美元: '10,000 US dollars',
  亿美元: '100 million US dollars',
  兆瓦: 'MW',
  万立方米: '10,000 m³',
  所: 'institutions',
  '‰': '‰',
  件每万人: 'per 10,000 people',
  '2023年=100': '2023 = 100',
};

/**
 * A unit as the name of a quantity (a table's unit column, a chart axis, an input's suffix): the unit
 * itself in Chinese; in English "100 million yuan" for 亿元 (formatValue reads amounts as "70 billion
 * yuan" instead), else the name unitLabel gives.
 */
export function unitName(unit: string, locale: Locale): string {
  const u = unit.trim();
  if (locale === 'zh-CN') return u;
  return EN_UNIT_NAMES[u] ?? unitLabel(u, locale);
}

/**
 * Options of formatValue. `grouping`: thousands separators in Chinese too (screens and drafted
 * sentences; the briefing's tables write 5881). `wholeFrom`: the size from which no decimals are
 * shown (decimalsFor; the drafted sentences use 10,000). `decimals`: a fixed number of decimals
 * (still without trailing zeros). `bare`: in English, the number alone where a column already names
 * the unit (percent keeps its %).
 */
export interface ValueFormat {
  grouping?: boolean;
  wholeFrom?: number;
  decimals?: number;
  bare?: boolean;
}

/**
 * A value with its unit, as planners write it: "700亿元", "723.5亿元", "28%", "2.45%", "100项";
 * in English 亿元, 万元, 万吨 ... read in millions or billions of the base unit ("70 billion yuan"), other units by their
 * English names ("100 items"). Zero decimals are dropped; sizes set the decimals (decimalsFor).
 * Options: `grouping`, thousands separators in Chinese too (formatNumber); `wholeFrom`, the size
 * from which no decimals are shown (decimalsFor).
 */
export function formatValue(value: number | null | undefined, unit: string, locale: Locale = 'zh-CN', opts: ValueFormat = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const u = unit.trim();
  const grouping = opts.grouping ?? locale === 'en';
  const numText = (x: number, unitForDecimals: string): string =>
    trimZeros(formatNumber(x, opts.decimals ?? decimalsFor(x, unitForDecimals, opts.wholeFrom), locale, grouping));
  if (locale === 'zh-CN') return `${numText(value, u)}${u}`;
  if (opts.bare && !isPercentUnit(u)) return numText(value, u);
  if (isPercentUnit(u)) return `${numText(value, u)}%`;
  const scaled = SCALED[u];
  if (scaled && scaled.factor > 1) {
    // 亿元, 万吨标准煤 ...: read in millions or billions of the base unit
    const amount = value * scaled.factor;
    const a = Math.abs(amount);
    const name = BASE_EN[scaled.base];
    const [div, word] = a >= 1e9 ? [1e9, 'billion '] : a >= 1e6 ? [1e6, 'million '] : [1, ''];
    return `${numText(amount / div, '')} ${word}${name}`;
  }
  const label = unitLabel(u, locale);
  const num = numText(value, u);
  return label ? `${num} ${label}` : num;
}

/** Decimals of a percent figure in prose and on screens: one, two below 0.1 (8.6%, 0.05%). */
export function percentDecimals(x: number): number {
  const a = Math.abs(x);
  return a > 0 && a < 0.1 ? 2 : 1;
}

/** The display options of projected figures in the drafted sentences and on every screen. */
export const FIGURE_FORMAT = { grouping: true, wholeFrom: 10000 } as const;

/**
 * A projected (computed) figure, the one rule of the screens and the briefing's sentences and
 * overview (docs/formatting.md): percent to one decimal (two below 0.1) — "28.0%", never "28%"
 * for a computed share; other units with the decimals of decimalsFor from 10,000, thousands
 * separators, and no trailing zeros — "700亿元", "723.5亿元", "12,346亿元", "6.9项".
 * Figures entered by people are written as entered instead (formatPlain on screens).
 * `decimals` fixes the decimals; `bare` leaves out a unit a column already names (English only).
 */
export function formatFigure(
  value: number | null | undefined,
  unit: string,
  locale: Locale = 'zh-CN',
  opts: { decimals?: number; bare?: boolean } = {},
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (isPercentUnit(unit)) return `${formatNumber(value, opts.decimals ?? percentDecimals(value), locale, true)}%`;
  return formatValue(value, unit, locale, { ...FIGURE_FORMAT, ...opts });
}

/**
 * A change from prev to next: for percent units in percentage points ("提高2.3个百分点",
 * "up 2.3 percentage points"), otherwise as a relative change ("增长5.0%", "up 5.0%"); when the
 * relative change is undefined (prev is 0 or the sign flips), the absolute change with its unit.
 */
export function formatChange(prev: number, next: number, unit: string, locale: Locale = 'zh-CN'): string {
  if (!Number.isFinite(prev) || !Number.isFinite(next)) return '—';
  const zh = locale === 'zh-CN';
  if (isPercentUnit(unit)) {
    const d = next - prev;
    const txt = formatNumber(Math.abs(d), 1, locale);
    if (Number(txt.replace(/,/g, '')) === 0) return zh ? '持平' : 'unchanged';
    if (zh) return `${d > 0 ? '提高' : '下降'}${txt}个百分点`;
    return `${d > 0 ? 'up' : 'down'} ${txt} percentage point${txt === '1.0' ? '' : 's'}`;
  }
  if (prev !== 0 && prev > 0 === next > 0 && next !== 0) {
    const r = (next / prev - 1) * 100;
    const txt = formatNumber(Math.abs(r), 1, locale);
    if (Number(txt.replace(/,/g, '')) === 0) return zh ? '持平' : 'unchanged';
    const up = prev > 0 ? r > 0 : r < 0; // for negative levels a ratio above 1 is a fall
    if (zh) return `${up ? '增长' : '下降'}${txt}%`;
    return `${up ? 'up' : 'down'} ${txt}%`;
  }
  const d = next - prev;
  if (d === 0) return zh ? '持平' : 'unchanged';
  const amount = formatValue(Math.abs(d), unit, locale);
  if (zh) return `${d > 0 ? '增加' : '减少'}${amount}`;
  return `${d > 0 ? 'up' : 'down'} ${amount}`;
}

/** A growth rate (fraction per year) in percent with one decimal: 0.072 -> "7.2%"; null -> "—". */
export function formatGrowth(rate: number | null | undefined, decimals = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${formatNumber(rate * 100, decimals)}%`;
}
