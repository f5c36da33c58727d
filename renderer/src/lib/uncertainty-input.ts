/**
 * The 不确定区间 field of an assumption card: what the planner types ("5% to 9%", "5%至9%",
 * "1.2-2.4", "700±50"), the confidence ("90%", "0.9") and the correlation with the common macro
 * shock, read into an Assumption.uncertainty or a problem naming the field (both languages).
 *
 * Units follow the other boxes of the card: a range on a growth rate (cagr, path shift, pipeline,
 * intensity decay) is in percent, so "5-9" and "5%-9%" both mean 5% to 9%; a range on an
 * elasticity, a logistic speed or a multiplier is a plain number ("1.2-2.4"), and a % there is a
 * fraction ("90%-110%" of the level is 0.9 to 1.1).
 * Pure: no DOM, no i18next (messages in both languages), unit-tested in Node.
 */
import type { GrowthModel, Uncertainty } from '../../../models/schema';
import { DISTRIBUTIONS } from '../../../models/schema';
import { ModelError } from '../../../models/types';
import { parseRange, uncertainParameter, validateUncertainty, type ParameterInfo } from '../../../models/uncertainty';
import { showNumber, formatPlain, isZh } from './format';

export type Distribution = (typeof DISTRIBUTIONS)[number];
export const DISTRIBUTION_CHOICES: readonly Distribution[] = DISTRIBUTIONS;

export const DEFAULT_CONFIDENCE = 0.9;

/** The fields of the uncertainty editor: the one a problem is about. */
export type UncertaintyField = 'range' | 'confidence' | 'correlation' | 'distribution';

export interface UncertaintyProblem {
  field: UncertaintyField;
  /** the reason, without the field's name (the form puts the label in front) */
  message_zh: string;
  message_en: string;
}

export type Read<T> = { ok: true; value: T } | { ok: false; problem: UncertaintyProblem };

export type RangeUnit = 'percent' | 'number';

/** Whether the model's uncertain parameter is a growth rate (typed in percent) or a plain number. */
export function rangeUnit(model: GrowthModel, info: ParameterInfo = uncertainParameter(model)): RangeUnit {
  if (info.parameter === 'shift' || info.parameter === 'underlying_rate') return 'percent';
  if (info.parameter === 'rate' && model.type !== 'logistic') return 'percent';
  return 'number';
}

function problem(field: UncertaintyField, zh: string, en: string): { ok: false; problem: UncertaintyProblem } {
  return { ok: false, problem: { field, message_zh: zh, message_en: en } };
}

/** A percent figure as a fraction without float noise (7.1 -> 0.071, not 0.07099999999999999). */
function fromPercent(x: number): number {
  return Math.round((x / 100) * 1e12) / 1e12;
}

/** A ModelError of validateUncertainty as a problem of the form (its "subject：参数 x：" prefix dropped). */
function fromModelError(err: unknown, subject: string): { ok: false; problem: UncertaintyProblem } {
  if (!(err instanceof ModelError)) throw err;
  const p = err.parameter ?? '';
  const field: UncertaintyField = p.endsWith('confidence')
    ? 'confidence'
    : p.endsWith('correlation')
      ? 'correlation'
      : p.endsWith('distribution')
        ? 'distribution'
        : 'range';
  const zhPrefix = `${subject}：参数 ${p}：`;
  const enPrefix = `${subject}: ${p}: `;
  const zh = err.message_zh.startsWith(zhPrefix) ? err.message_zh.slice(zhPrefix.length) : err.message_zh;
  const en = err.message.startsWith(enPrefix) ? err.message.slice(enPrefix.length) : err.message;
  return problem(field, zh, en);
}

const SUBJECT = 'uncertainty';

/** A typed number without the noise of binary arithmetic (12 significant digits). */
function clean(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(12));
}

/**
 * Reads the typed range in the parameter's units. Empty text: no range (null). Unreadable text,
 * a low end above the high end or a bound outside the parameter's valid values: a problem.
 */
export function readRange(text: string, model: GrowthModel): Read<{ low: number; high: number } | null> {
  if (String(text ?? '').trim() === '') return { ok: true, value: null };
  const r = parseRange(text);
  if (!r.ok) return problem('range', r.message_zh, r.message_en);
  const info = uncertainParameter(model);
  const percent = rangeUnit(model, info) === 'percent';
  // 7%±2% is 0.07 + 0.02 = 0.09000000000000001 in doubles: keep what was typed
  const low = clean(percent && !r.percent ? fromPercent(r.low) : r.low);
  const high = clean(percent && !r.percent ? fromPercent(r.high) : r.high);
  try {
    validateUncertainty({ low, high, confidence: DEFAULT_CONFIDENCE, distribution: 'normal', correlation: 0 }, SUBJECT, info);
  } catch (err) {
    return fromModelError(err, SUBJECT);
  }
  return { ok: true, value: { low, high } };
}

/**
 * Reads a confidence: "90%", "90" and "0.9" are all 90%; empty is the default 90%. It must lie
 * strictly between 0 and 1 (a 100% interval of a normal distribution has no ends).
 */
export function readConfidence(text: string): Read<number> {
  const s = String(text ?? '')
    .normalize('NFKC')
    .trim()
    .replace(/\s+/g, '');
  if (s === '') return { ok: true, value: DEFAULT_CONFIDENCE };
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(%?)$/.exec(s);
  if (!m) return problem('confidence', `无法识别“${text}”，请写作 90% 或 0.9`, `could not read "${text}": write e.g. 90% or 0.9`);
  const n = Number(m[1]);
  const v = m[2] === '%' || n > 1 ? fromPercent(n) : n;
  if (!(v > 0 && v < 1)) {
    return problem(
      'confidence',
      `${formatPlain(v * 100, 'zh-CN', 2)}% 须在 0 与 1 之间（0% 至 100%，不含两端），例如 90% 或 0.9`,
      `${formatPlain(v * 100, 'en', 2)}% must lie between 0 and 1 (0% to 100%, both excluded), e.g. 90% or 0.9`,
    );
  }
  return { ok: true, value: v };
}

/** A correlation with the common macro shock: -1..1. */
export function readCorrelation(value: number): Read<number> {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < -1 || value > 1) {
    return problem('correlation', `${String(value)} 须在 -1 与 1 之间`, `${String(value)} must lie between -1 and 1`);
  }
  return { ok: true, value };
}

export interface UncertaintyForm {
  range: string;
  confidence: string;
  distribution: Distribution;
  correlation: number;
}

/**
 * The whole form read into an Assumption.uncertainty (null: the range box is empty, no range),
 * checked as the simulation will check it (a lognormal range needs positive bounds ...).
 */
export function readUncertainty(form: UncertaintyForm, model: GrowthModel): Read<Uncertainty | null> {
  const range = readRange(form.range, model);
  if (!range.ok) return range;
  if (range.value === null) return { ok: true, value: null };
  const confidence = readConfidence(form.confidence);
  if (!confidence.ok) return confidence;
  const correlation = readCorrelation(form.correlation);
  if (!correlation.ok) return correlation;
  if (!DISTRIBUTION_CHOICES.includes(form.distribution)) {
    return problem('distribution', `未知的分布“${String(form.distribution)}”`, `unknown distribution "${String(form.distribution)}"`);
  }
  const u: Uncertainty = {
    low: range.value.low,
    high: range.value.high,
    confidence: confidence.value,
    distribution: form.distribution,
    correlation: correlation.value,
  };
  try {
    validateUncertainty(u, SUBJECT, uncertainParameter(model));
  } catch (err) {
    return fromModelError(err, SUBJECT);
  }
  return { ok: true, value: u };
}

/** A bound in the parameter's units for reading: 5.0% / 1.2. */
export function formatBound(x: number, unit: RangeUnit, lang: string): string {
  if (unit === 'percent') {
    const v = x * 100;
    return `${showNumber(v, lang, Math.abs(v * 10 - Math.round(v * 10)) < 1e-6 ? 1 : 2)}%`;
  }
  return formatPlain(x, lang, 3);
}

/** The text put back in the range box for a saved range: "5%～9%" / "5% to 9%", "1.2～2.4". */
export function formatRangeText(u: Pick<Uncertainty, 'low' | 'high'> | null | undefined, model: GrowthModel, lang: string): string {
  if (!u) return '';
  const unit = rangeUnit(model);
  const f = (x: number) => (unit === 'percent' ? `${String(Math.round(x * 100 * 1e6) / 1e6)}%` : String(Math.round(x * 1e6) / 1e6));
  return isZh(lang) ? `${f(u.low)}～${f(u.high)}` : `${f(u.low)} to ${f(u.high)}`;
}

/** The confidence as typed back: "90%". */
export function formatConfidenceText(c: number | null | undefined): string {
  const v = c ?? DEFAULT_CONFIDENCE;
  return `${String(Math.round(v * 100 * 1e6) / 1e6)}%`;
}

/** The form for a saved (or absent) range. */
export function formOf(u: Uncertainty | null | undefined, model: GrowthModel, lang: string): UncertaintyForm {
  return {
    range: formatRangeText(u, model, lang),
    confidence: formatConfidenceText(u?.confidence),
    distribution: (u?.distribution as Distribution | undefined) ?? 'normal',
    correlation: u?.correlation ?? 0,
  };
}

/** Two ranges the same in everything the simulation reads. */
export function sameUncertainty(a: Uncertainty | null | undefined, b: Uncertainty | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return (
    a.low === b.low &&
    a.high === b.high &&
    (a.confidence ?? DEFAULT_CONFIDENCE) === (b.confidence ?? DEFAULT_CONFIDENCE) &&
    (a.distribution ?? 'normal') === (b.distribution ?? 'normal') &&
    (a.correlation ?? 0) === (b.correlation ?? 0) &&
    a.pinned_at === b.pinned_at &&
    a.group_loading === b.group_loading
  );
}

/** Models whose range is a constant growth rate replacing the model's own (cagr's rate, pipeline's underlying growth). */
const GROWTH_RATE_MODELS: ReadonlySet<GrowthModel['type']> = new Set(['cagr', 'pipeline']);

/**
 * Whether a range keeps its meaning when the model changes type: the same type, or a growth rate
 * to a growth rate (cagr <-> pipeline). Otherwise the range must go: 5%～9% on a growth rate would
 * become a multiplier of 0.05～0.09 on a flat level, or a 5–9 point shift of every year's rate.
 */
export function keepsRange(from: GrowthModel, to: GrowthModel): boolean {
  if (from.type === to.type) return true;
  return GROWTH_RATE_MODELS.has(from.type) && GROWTH_RATE_MODELS.has(to.type);
}
