/**
 * Uncertainty on an assumption: which parameter of the growth model the range applies to, the
 * distribution a range stands for, and the reading of ranges typed by planners ("5%～9%").
 *
 * A range {low, high, confidence} is the central `confidence` interval of the distribution
 * (0.9: low is the 5th and high the 95th percentile):
 *
 * | distribution | parameters solved from low l, high h, z = Φ⁻¹((1 + confidence) / 2)        |
 * |--------------|------------------------------------------------------------------------------|
 * | normal       | mean (l + h) / 2, sd (h - l) / (2 z)                                          |
 * | lognormal    | on the log scale: mu (ln l + ln h) / 2, sigma (ln h - ln l) / (2 z); l, h > 0 |
 * | uniform      | centre (l + h) / 2, full width (h - l) / confidence                           |
 * | triangular   | symmetric, mode (l + h) / 2, half-width ((h - l) / 2) / (1 - sqrt(1 - conf.)) |
 *
 * The parameter each model carries the uncertainty on (PARAMETER_TABLE below):
 *
 * | model           | parameter        | a draw x                                               |
 * |-----------------|------------------|--------------------------------------------------------|
 * | cagr            | rate             | replaces the rate                                       |
 * | path            | shift            | is added to every year's rate (and the default rate)    |
 * | elasticity      | elasticity       | replaces the elasticity                                 |
 * | intensity_decay | rate             | replaces the yearly fall of the intensity               |
 * | logistic        | rate             | replaces the speed (the ceiling stays)                  |
 * | pipeline        | underlying_rate  | replaces the underlying growth (projects stay)          |
 * | interp, step    | multiplier       | multiplies every point's value (the anchor stays)       |
 * | flat, trend     | multiplier       | multiplies the projected level                          |
 * | (none)          | base_value       | reserved for a model without a natural parameter; every |
 * |                 |                  | model of the current union has one                      |
 *
 * The range in force follows the scenario (rangeInForce): on a replaced parameter it is centred on
 * the scenario's current value, its shape and width kept, unless pinned for that value.
 *
 * Pure: no Node, no DOM, no clock.
 */
import type { GrowthModel, Uncertainty } from './schema';
import { DISTRIBUTIONS } from './schema';
import { ModelError } from './types';
import { badParameter } from './errors';
import { GROWTH_MODELS, GROWTH_MODEL_KINDS, growthModule } from './growth/index';
import { lognormalQuantile, normalCdf, normalInv, triangularQuantile, uniformQuantile } from './random';

export type Distribution = (typeof DISTRIBUTIONS)[number];

export type UncertainParameterName = 'rate' | 'shift' | 'elasticity' | 'underlying_rate' | 'multiplier' | 'base_value';

export interface ParameterInfo {
  /** the parameter the range is on */
  parameter: UncertainParameterName;
  /** how a drawn value enters the model */
  how: 'replace' | 'shift' | 'multiply';
  /** the model's own value of the parameter (0 for a shift, 1 for a multiplier) */
  value: number;
  /** the valid values of the parameter: [min, max], open ends excluded when `open` */
  domain: { min: number; max: number; open_min: boolean; open_max: boolean };
  label_zh: string;
  label_en: string;
}

/** The table of parameters per model type (documentation and UI labels), from the growth models' modules. */
export const PARAMETER_TABLE: readonly {
  model: GrowthModel['type'];
  parameter: UncertainParameterName;
  how: ParameterInfo['how'];
  label_zh: string;
  label_en: string;
}[] = GROWTH_MODEL_KINDS.map((model) => {
  const { parameter, how, label_zh, label_en } = GROWTH_MODELS[model].parameter;
  return { model, parameter, how, label_zh, label_en };
});

/** The parameter a model's uncertainty applies to, with the model's own value and its domain. */
export function uncertainParameter(model: GrowthModel): ParameterInfo {
  const mod = growthModule(model);
  const { parameter, how, label_zh, label_en, domain } = mod.parameter;
  return { parameter, how, label_zh, label_en, value: mod.parameterValue(model), domain };
}

/**
 * The model with the parameter its range is on set to `value`, the way a draw sets it (the growth
 * module's own `withParameter`): the rate, elasticity, decay, speed or underlying growth replaced,
 * or a rate path's shift added to every year's rate and to its default rate. Null for a multiplier
 * (flat, interp, step, trend): it multiplies the projected level, which needs the projection.
 */
export function withRangeValue(model: GrowthModel, value: number): GrowthModel | null {
  const mod = growthModule(model);
  if (mod.parameter.how === 'multiply') return null;
  // a replaced or shifted parameter needs no projected grid (only a multiplier reads it)
  return mod.withParameter(model as never, value, null as never, -1, -1);
}

/** The parameter's label in a language (for tornado rows, heatmap rows, error messages). */
export function parameterLabel(info: ParameterInfo, lang: 'zh' | 'en' = 'zh'): string {
  return lang === 'zh' ? info.label_zh : info.label_en;
}

// ---------------------------------------------------------------------------------------------
// Distributions
// ---------------------------------------------------------------------------------------------

interface SpecBase {
  low: number;
  high: number;
  confidence: number;
  /** loading on the common macro shock, -1..1 */
  correlation: number;
  /** the median: the central value used by the tornado and the sensitivity matrix */
  median: number;
}
export type DistributionSpec =
  | (SpecBase & { distribution: 'normal'; mean: number; sd: number })
  | (SpecBase & { distribution: 'lognormal'; mu: number; sigma: number })
  | (SpecBase & { distribution: 'uniform'; min: number; max: number })
  | (SpecBase & { distribution: 'triangular'; min: number; mode: number; max: number });

function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(6))) : String(x);
}

/**
 * Checks a range and solves its distribution. Throws ModelError (bad_parameter) naming the series
 * and the field: low above high, a non-finite bound, a non-positive lognormal bound, a confidence
 * outside (0, 1), a correlation outside [-1, 1], a bound outside the parameter's domain.
 */
export function distributionOf(u: Uncertainty, subject: string, info?: ParameterInfo): DistributionSpec {
  validateUncertainty(u, subject, info);
  const confidence = u.confidence ?? 0.9;
  const correlation = u.correlation ?? 0;
  const dist = u.distribution ?? 'normal';
  const l = u.low;
  const h = u.high;
  const z = normalInv((1 + confidence) / 2);
  const base = { low: l, high: h, confidence, correlation };
  switch (dist) {
    case 'normal': {
      const mean = (l + h) / 2;
      return { ...base, distribution: 'normal', mean, sd: (h - l) / (2 * z), median: mean };
    }
    case 'lognormal': {
      const ll = Math.log(l);
      const lh = Math.log(h);
      const mu = (ll + lh) / 2;
      return { ...base, distribution: 'lognormal', mu, sigma: (lh - ll) / (2 * z), median: l === h ? l : Math.exp(mu) };
    }
    case 'uniform': {
      const mid = (l + h) / 2;
      const half = (h - l) / confidence / 2;
      return { ...base, distribution: 'uniform', min: mid - half, max: mid + half, median: mid };
    }
    case 'triangular': {
      const mid = (l + h) / 2;
      const half = (h - l) / 2 / (1 - Math.sqrt(1 - confidence));
      return { ...base, distribution: 'triangular', min: mid - half, mode: mid, max: mid + half, median: mid };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The range in force: the distribution follows the scenario's value
// ---------------------------------------------------------------------------------------------

/** What a stored range stands for under the scenario's current value (rangeInForce). */
export interface RangeInForce {
  /** the ends in force (cut at the parameter's valid values) */
  low: number;
  high: number;
  /** the distribution's median: the scenario's value unless the range is pinned off it */
  centre: number;
  /** the scenario's current value of the parameter */
  value: number;
  /** the stored range was moved onto the value (its shape and width kept) */
  recentred: boolean;
  /** the planner set these exact ends for this value (uncertainty.pinned_at = value) */
  pinned: boolean;
  /** the ends as stored */
  stored_low: number;
  stored_high: number;
}

/** Two values of a parameter the same for the pin and the centre (decimal input, float sums). */
function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Moves x into the parameter's valid values (an open end: just inside it); NaN stays NaN. */
export function clampToDomain(x: number, info: ParameterInfo): number {
  const d = info.domain;
  if (d.open_min ? !(x > d.min) : !(x >= d.min)) {
    if (Number.isNaN(x)) return x;
    return d.open_min ? d.min + 1e-9 * Math.max(1, Math.abs(d.min)) : d.min;
  }
  if (d.open_max ? !(x < d.max) : !(x <= d.max)) {
    return d.open_max ? d.max - 1e-9 * Math.max(1, Math.abs(d.max)) : d.max;
  }
  return x;
}

/** The stored range's centre: its median (the geometric mean for a lognormal). */
function storedCentre(u: Uncertainty): number {
  if ((u.distribution ?? 'normal') === 'lognormal') return u.low === u.high ? u.low : Math.sqrt(u.low * u.high);
  return (u.low + u.high) / 2;
}

/**
 * THE rule for a range under a scenario (read by the Monte Carlo, the tornado, the sensitivity
 * matrix and the renderer's display of ranges): a range on a parameter the draw replaces (a growth
 * rate, an elasticity, a decay, a speed) keeps its shape and width and is centred on the scenario's
 * current value of the parameter — so a child scenario that changes the value, or a slider moved,
 * moves the distribution with it — unless the planner pinned it for that very value
 * (`pinned_at` = the value). A shift or a multiplier is relative to the scenario by construction
 * (around 0 or 1) and is never moved. Normal, uniform, triangular: both ends move by the same
 * amount; lognormal: both ends are scaled (the ratio high / low kept), for a positive value only
 * (otherwise the range stays as stored). Ends moved beyond the parameter's valid values are cut at
 * them (the draws are moved into them and counted, as before).
 */
export function rangeInForce(u: Uncertainty, info: ParameterInfo): RangeInForce {
  const value = info.value;
  const c = storedCentre(u);
  const stored = { stored_low: u.low, stored_high: u.high, value };
  const asStored = (pinned: boolean): RangeInForce => ({ low: u.low, high: u.high, centre: c, recentred: false, pinned, ...stored });
  if (info.how !== 'replace') return asStored(false);
  if (u.pinned_at !== undefined && Number.isFinite(u.pinned_at) && sameValue(u.pinned_at, value)) return asStored(true);
  if (sameValue(c, value)) return asStored(false);
  if ((u.distribution ?? 'normal') === 'lognormal') {
    if (!(value > 0) || !(c > 0)) return asStored(false);
    const k = value / c;
    return {
      low: clampToDomain(u.low * k, info),
      high: clampToDomain(u.high * k, info),
      centre: value,
      recentred: true,
      pinned: false,
      ...stored,
    };
  }
  return {
    low: clampToDomain(value - (c - u.low), info),
    high: clampToDomain(value + (u.high - c), info),
    centre: value,
    recentred: true,
    pinned: false,
    ...stored,
  };
}

/**
 * The distribution in force: the stored range checked (distributionOf) and solved, then moved
 * onto the scenario's value by rangeInForce, its width parameters (sd, sigma, half-widths) kept
 * exactly.
 */
export function distributionInForce(u: Uncertainty, subject: string, info: ParameterInfo): DistributionSpec & { range: RangeInForce } {
  const spec = distributionOf(u, subject, info);
  const range = rangeInForce(u, info);
  if (!range.recentred) return { ...spec, range };
  const v = range.centre;
  const ends = { low: range.low, high: range.high, median: v };
  switch (spec.distribution) {
    case 'normal':
      return { ...spec, ...ends, mean: v, range };
    case 'lognormal':
      return { ...spec, ...ends, mu: Math.log(v), range };
    case 'uniform': {
      const half = (spec.max - spec.min) / 2;
      return { ...spec, ...ends, min: v - half, max: v + half, range };
    }
    case 'triangular': {
      const half = (spec.max - spec.min) / 2;
      return { ...spec, ...ends, min: v - half, mode: v, max: v + half, range };
    }
  }
}

/** The range without its pin (pinned_at removed). */
function unpinned(u: Uncertainty): Uncertainty {
  const { pinned_at: _pin, ...rest } = u;
  return rest;
}

/**
 * A range the planner typed (or chose) while the parameter is at its current value: pinned for
 * that value when its centre is off the value (so it is used as typed), stored without a pin
 * otherwise (so it follows the value when the value moves).
 */
export function typedRange(u: Uncertainty, info: ParameterInfo): Uncertainty {
  const plain = unpinned(u);
  if (info.how !== 'replace' || sameValue(storedCentre(plain), info.value)) return plain;
  return { ...plain, pinned_at: info.value };
}

/** The range in force stored as the range itself, centred on the value, without a pin ("以情景取值为中心"). */
export function centredRange(u: Uncertainty, info: ParameterInfo): Uncertainty {
  const plain = unpinned(u);
  const r = rangeInForce(plain, info);
  return { ...plain, low: r.low, high: r.high };
}

/** The stored ends kept exactly at the current value ("固定为所设区间"). */
export function pinnedRange(u: Uncertainty, info: ParameterInfo): Uncertainty {
  return info.how === 'replace' ? { ...u, pinned_at: info.value } : unpinned(u);
}

/** The validation of distributionOf, on its own. */
export function validateUncertainty(u: Uncertainty, subject: string, info?: ParameterInfo): void {
  const on = info ? ` (${info.parameter})` : '';
  const onZh = info ? `（${info.label_zh}）` : '';
  if (!u || typeof u !== 'object') throw badParameter(subject, 'uncertainty', 'no range given', '未给出区间');
  if (typeof u.low !== 'number' || !Number.isFinite(u.low)) {
    throw badParameter(
      subject,
      'uncertainty.low',
      `the low end of the range${on} must be a finite number (got ${String(u.low)})`,
      `区间下限${onZh}须为有限数值（当前为 ${String(u.low)}）`,
    );
  }
  if (typeof u.high !== 'number' || !Number.isFinite(u.high)) {
    throw badParameter(
      subject,
      'uncertainty.high',
      `the high end of the range${on} must be a finite number (got ${String(u.high)})`,
      `区间上限${onZh}须为有限数值（当前为 ${String(u.high)}）`,
    );
  }
  if (u.low > u.high) {
    throw badParameter(
      subject,
      'uncertainty.low',
      `the range${on} runs from ${fmt(u.low)} to ${fmt(u.high)}: the low end is above the high end`,
      `区间${onZh}为 ${fmt(u.low)} 至 ${fmt(u.high)}：下限高于上限`,
    );
  }
  const c = u.confidence ?? 0.9;
  if (typeof c !== 'number' || !(c > 0 && c < 1)) {
    throw badParameter(
      subject,
      'uncertainty.confidence',
      `the confidence ${String(c)} must be between 0 and 1 (0.9 = 90%)`,
      `置信水平 ${String(c)} 须在 0 与 1 之间（0.9 即 90%）`,
    );
  }
  const k = u.correlation ?? 0;
  if (typeof k !== 'number' || !(k >= -1 && k <= 1)) {
    throw badParameter(
      subject,
      'uncertainty.correlation',
      `the correlation ${String(k)} must be between -1 and 1`,
      `相关系数 ${String(k)} 须在 -1 与 1 之间`,
    );
  }
  const g = u.group_loading;
  if (g !== undefined && (typeof g !== 'number' || !(g >= 0 && g < 1))) {
    throw badParameter(
      subject,
      'uncertainty.group_loading',
      `the loading of its correlation group ${String(g)} must be at least 0 and below 1 (0 = independent)`,
      `相关组载荷 ${String(g)} 须在 0（含）至 1（不含）之间（0 即相互独立）`,
    );
  }
  if (u.pinned_at !== undefined && (typeof u.pinned_at !== 'number' || !Number.isFinite(u.pinned_at))) {
    throw badParameter(
      subject,
      'uncertainty.pinned_at',
      `the value the range was set for must be a finite number (got ${String(u.pinned_at)})`,
      `区间所对应的取值须为有限数值（当前为 ${String(u.pinned_at)}）`,
    );
  }
  const dist = u.distribution ?? 'normal';
  if (!(DISTRIBUTIONS as readonly string[]).includes(dist)) {
    throw badParameter(
      subject,
      'uncertainty.distribution',
      `unknown distribution "${String(dist)}" (normal, triangular, uniform or lognormal)`,
      `未知的分布“${String(dist)}”（可选 normal、triangular、uniform、lognormal）`,
    );
  }
  if (dist === 'lognormal' && !(u.low > 0)) {
    throw badParameter(
      subject,
      'uncertainty.low',
      `a lognormal range${on} needs positive bounds (low is ${fmt(u.low)})`,
      `对数正态分布的区间${onZh}须为正数（下限为 ${fmt(u.low)}）`,
    );
  }
  if (info) {
    const d = info.domain;
    const below = (x: number) => (d.open_min ? !(x > d.min) : !(x >= d.min));
    const above = (x: number) => (d.open_max ? !(x < d.max) : !(x <= d.max));
    for (const [field, x, zh] of [
      ['low', u.low, '下限'],
      ['high', u.high, '上限'],
    ] as const) {
      if (below(x) || above(x)) {
        const range = `${d.open_min ? '(' : '['}${fmt(d.min)}, ${fmt(d.max)}${d.open_max ? ')' : ']'}`;
        throw badParameter(
          subject,
          `uncertainty.${field}`,
          `the ${field} end ${fmt(x)} is outside the valid values of ${info.parameter} ${range}`,
          `区间${zh} ${fmt(x)} 超出${info.label_zh}的有效范围 ${range}`,
        );
      }
    }
  }
}

/**
 * A range from a centre and a standard deviation (a normal read): centre ± z sd for the
 * confidence. Refuses a negative standard deviation.
 */
export function rangeFromMeanSd(mean: number, sd: number, subject: string, confidence = 0.9): { low: number; high: number } {
  if (!Number.isFinite(mean))
    throw badParameter(
      subject,
      'uncertainty.mean',
      `the centre must be a finite number (got ${String(mean)})`,
      `中心值须为有限数值（当前为 ${String(mean)}）`,
    );
  if (!Number.isFinite(sd) || sd < 0) {
    throw badParameter(
      subject,
      'uncertainty.sd',
      `the standard deviation must not be negative (got ${String(sd)})`,
      `标准差不能为负（当前为 ${String(sd)}）`,
    );
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw badParameter(
      subject,
      'uncertainty.confidence',
      `the confidence ${String(confidence)} must be between 0 and 1`,
      `置信水平 ${String(confidence)} 须在 0 与 1 之间`,
    );
  }
  const z = normalInv((1 + confidence) / 2);
  return { low: mean - z * sd, high: mean + z * sd };
}

/** The p-quantile of the distribution. */
export function quantileOf(spec: DistributionSpec, p: number): number {
  switch (spec.distribution) {
    case 'normal':
      return spec.mean + spec.sd * normalInv(p);
    case 'lognormal':
      return lognormalQuantile(p, spec.mu, spec.sigma);
    case 'uniform':
      return uniformQuantile(p, spec.min, spec.max);
    case 'triangular':
      return triangularQuantile(p, spec.min, spec.mode, spec.max);
  }
}

/**
 * The value for a standard normal z of the copula: F⁻¹(Φ(z)). For the normal and the lognormal this
 * is mean + sd z and exp(mu + sigma z) (the same map, without the round trip through Φ).
 */
export function fromStandardNormal(spec: DistributionSpec, z: number): number {
  switch (spec.distribution) {
    case 'normal':
      return spec.mean + spec.sd * z;
    case 'lognormal':
      return Math.exp(spec.mu + spec.sigma * z);
    case 'uniform':
      return uniformQuantile(normalCdf(z), spec.min, spec.max);
    case 'triangular':
      return triangularQuantile(normalCdf(z), spec.min, spec.mode, spec.max);
  }
}

/** Maps a column of standard normals in place (vectorised fromStandardNormal). */
export function mapStandardNormals(spec: DistributionSpec, z: Float64Array, lo: number, hi: number, out: Float64Array): void {
  switch (spec.distribution) {
    case 'normal': {
      const m = spec.mean;
      const s = spec.sd;
      for (let d = lo; d < hi; d++) out[d] = m + s * z[d];
      return;
    }
    case 'lognormal': {
      const m = spec.mu;
      const s = spec.sigma;
      for (let d = lo; d < hi; d++) out[d] = Math.exp(m + s * z[d]);
      return;
    }
    case 'uniform': {
      const a = spec.min;
      const w = spec.max - spec.min;
      for (let d = lo; d < hi; d++) out[d] = a + w * normalCdf(z[d]);
      return;
    }
    case 'triangular': {
      const { min, mode, max } = spec;
      for (let d = lo; d < hi; d++) out[d] = triangularQuantile(normalCdf(z[d]), min, mode, max);
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Typed ranges
// ---------------------------------------------------------------------------------------------

export type ParsedRange =
  | { ok: true; low: number; high: number; /** the numbers were percentages (returned as fractions) */ percent: boolean }
  | { ok: false; message_en: string; message_zh: string; /** the part that could not be read */ at: string };

type Tok = { t: 'num'; raw: string } | { t: 'pct' } | { t: 'sep'; raw: string } | { t: 'pm' };

const NUM_RE = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const SEPARATORS = ['...', '..', '~', '-', '至', '到', 'to', ',', '、'];

/** A decimal string (optionally signed, with exponent) divided by 100 exactly, then rounded once. */
function percentOf(raw: string): number {
  const m = /^([+-]?)([\d.]+)(?:[eE]([+-]?\d+))?$/.exec(raw);
  if (!m) return Number(raw) / 100;
  const exp = (m[3] ? Number(m[3]) : 0) - 2;
  return Number(`${m[1]}${m[2]}e${exp}`);
}

function fail(text: string, at: string, en: string, zh: string): ParsedRange {
  return {
    ok: false,
    at,
    message_en: `Could not read "${text}" as a range: ${en}. Write e.g. 5%～9%, 0.05..0.09 or 700±50.`,
    message_zh: `无法将“${text}”识别为区间：${zh}。可写作 5%～9%、0.05..0.09 或 700±50。`,
  };
}

/**
 * Reads a typed range: "5% to 9%", "5%-9%", "5%～9%", "5%至9%", "5 到 9 %", "0.05..0.09", "-2%~3%",
 * "700±50" (symmetric), "700+/-50". With a % sign anywhere, both numbers are percentages and are
 * returned as fractions (5% -> 0.05). Full-width characters are accepted; thousands separators in
 * "1,200~1,500" are dropped. A low end above the high end is an error, as is a negative ± half-width.
 */
export function parseRange(text: string): ParsedRange {
  const original = String(text ?? '');
  let s = original.normalize('NFKC').trim();
  s = s.replace(/[\u2212\u2012\u2013\u2014\u2015\uFE63]/g, '-').replace(/[\u301C\u223C\u2053]/g, '~');
  s = s.replace(/\+\s*\/\s*-|\+\s*-(?=\s*[\d.])/g, '±');
  s = s.replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  s = s.replace(/(之间|以内|左右)$/u, '').trim();
  if (s === '') return fail(original, '', 'the text is empty', '内容为空');

  const toks: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const prev = toks[toks.length - 1];
    const signAllowed = !prev || prev.t === 'sep' || prev.t === 'pm';
    if ((ch === '-' || ch === '+') && signAllowed) {
      const m = NUM_RE.exec(s.slice(i + 1).replace(/^\s+/, ''));
      if (m) {
        const skipped = s.slice(i + 1).length - s.slice(i + 1).replace(/^\s+/, '').length;
        toks.push({ t: 'num', raw: (ch === '-' ? '-' : '') + m[0] });
        i += 1 + skipped + m[0].length;
        continue;
      }
    }
    const m = NUM_RE.exec(s.slice(i));
    if (m) {
      toks.push({ t: 'num', raw: m[0] });
      i += m[0].length;
      continue;
    }
    if (ch === '%') {
      toks.push({ t: 'pct' });
      i++;
      continue;
    }
    if (ch === '±') {
      toks.push({ t: 'pm' });
      i++;
      continue;
    }
    const sep = SEPARATORS.find((x) => s.slice(i, i + x.length).toLowerCase() === x);
    if (sep) {
      toks.push({ t: 'sep', raw: sep });
      i += sep.length;
      continue;
    }
    // the unreadable part: up to the next space, digit or known symbol
    const rest = s.slice(i);
    const bad = /^[^\s\d%±~.,-]+/u.exec(rest)?.[0] ?? ch;
    return fail(original, bad, `cannot read "${bad}"`, `无法识别“${bad}”`);
  }

  // grammar: num pct? (sep | pm) num pct?
  let k = 0;
  const num1 = toks[k];
  if (!num1 || num1.t !== 'num') return fail(original, s, 'it does not start with a number', '开头不是数字');
  k++;
  let pct1 = false;
  if (toks[k]?.t === 'pct') {
    pct1 = true;
    k++;
  }
  const mid = toks[k];
  if (!mid) return fail(original, s, 'it needs two numbers, a low and a high end', '需要两个数：下限和上限');
  if (mid.t !== 'sep' && mid.t !== 'pm')
    return fail(
      original,
      s.slice(Math.max(0, s.length - 8)),
      'the two numbers must be joined by ~, -, 至, 到, to, .. or ±',
      '两个数之间须用 ～、-、至、到、to、.. 或 ± 连接',
    );
  k++;
  const num2 = toks[k];
  if (!num2 || num2.t !== 'num') return fail(original, s, 'a second number is missing after the separator', '分隔符后缺少第二个数');
  k++;
  let pct2 = false;
  if (toks[k]?.t === 'pct') {
    pct2 = true;
    k++;
  }
  if (k < toks.length) return fail(original, s, 'there is more than a low and a high end', '除下限和上限外还有多余内容');
  const percent = pct1 || pct2;
  const read = (raw: string) => (percent ? percentOf(raw) : Number(raw));
  const a = read(num1.raw);
  const b = read(num2.raw);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return fail(original, s, 'a number is too large', '数值过大');
  if (mid.t === 'pm') {
    if (b < 0) return fail(original, num2.raw, `the half-width ${num2.raw} after ± is negative`, `± 后的半宽 ${num2.raw} 为负`);
    return { ok: true, low: a - b, high: a + b, percent };
  }
  if (a > b) {
    return fail(
      original,
      `${num1.raw}${pct1 ? '%' : ''}`,
      `the low end ${num1.raw}${percent ? '%' : ''} is above the high end ${num2.raw}${percent ? '%' : ''}`,
      `下限 ${num1.raw}${percent ? '%' : ''} 高于上限 ${num2.raw}${percent ? '%' : ''}`,
    );
  }
  return { ok: true, low: a, high: b, percent };
}

/** parseRange for a field of an assumption: a ModelError naming the series when unreadable. */
export function parseRangeOrThrow(text: string, subject: string): { low: number; high: number; percent: boolean } {
  const r = parseRange(text);
  if (!r.ok)
    throw new ModelError(
      'bad_parameter',
      `${subject}：参数 uncertainty：${r.message_zh}`,
      `${subject}: uncertainty: ${r.message_en}`,
      subject,
      'uncertainty',
    );
  return r;
}
