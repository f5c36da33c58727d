/**
 * Plausibility rules for a figure entering the studio (pure: no Node, no DOM, no clock).
 *
 * One figure = a series, a period and a value. The rules, in order:
 * - the value is a finite number;
 * - the year of the period lies inside the plan's horizon (the base year .. the plan's last year);
 * - the series' hard bounds (`bounds`, e.g. [0, 100] for a coverage rate);
 * - shares (占比 / 比重 / 覆盖率 / 通达率 / 比例 / 履约率 in percent) lie in 0–100, bounds or not;
 * - the sign: levels, amounts within a year and indices are never negative (a growth rate may be).
 *
 * Every issue names the indicator by its Chinese name, the field and the allowed range, in both
 * languages (zh-CN first).
 */
import { StudioError } from './errors';
import { GROWTH_MODELS, isGrowthModelKind } from './growth/index';
import type { ParameterRange } from './growth/lanes';
import type { Assumption, Plan, Series } from './schema';
import { periodText } from './period-text';

/** What the rules read of a plan: its years (and the next plan's last year, when it allows them). */
export type PlanYears = Pick<Plan, 'base_year' | 'period_start' | 'period_end'> & { next_plan_end?: number | null };

export interface PlausibilityIssue {
  rule: 'not_a_number' | 'horizon' | 'bounds' | 'share' | 'sign' | 'parameter';
  field: string;
  message_zh: string;
  message_en: string;
}

/**
 * Where a figure was typed: a path alone (used as is in both languages: "填报!J7") or a path with
 * its words in each language ({ path: 'actuals[0].value', zh: '数值', en: 'value' }), so the
 * message names the field as the planner sees it while `field` keeps the path.
 */
export type FieldRef = string | { path: string; zh: string; en: string };

function fieldParts(f: FieldRef): { path: string; zh: string; en: string } {
  return typeof f === 'string' ? { path: f, zh: f, en: f } : f;
}

export interface Figure {
  series: string;
  period: string;
  value: number;
  /** 'yoy': the value is a year-on-year growth in percent (models/published.ts), checked as a rate */
  value_kind?: string;
}

/** A published year-on-year growth (%) lies above −100% and at most this. */
const YOY_MAX = 1000;

const SHARE_WORDS = ['占比', '比重', '覆盖率', '通达率', '比例', '履约率'];

/** True for a series in percent whose name says it is a part of a whole. */
function isShare(series: Series): boolean {
  return series.unit.trim() === '%' && SHARE_WORDS.some((w) => series.name_zh.includes(w));
}

/** The allowed range of a series' values: [min, max], either end null when open. */
export function allowedRange(series: Series): [number | null, number | null] {
  let lo: number | null = null;
  let hi: number | null = null;
  if (series.nature !== 'rate') lo = 0;
  if (isShare(series)) {
    lo = 0;
    hi = 100;
  }
  if (series.bounds) {
    lo = lo === null ? series.bounds[0] : Math.max(lo, series.bounds[0]);
    hi = hi === null ? series.bounds[1] : Math.min(hi, series.bounds[1]);
  }
  return [lo, hi];
}

/** The plan's last year, or the next plan's last year when the plan allows its years (`next_plan_end`). */
function lastYear(plan: PlanYears): number {
  return typeof plan.next_plan_end === 'number' && plan.next_plan_end > plan.period_end ? plan.next_plan_end : plan.period_end;
}

/** The years a figure of a reporting round may be for: the plan's base year through its last year. */
function horizon(plan: PlanYears): [number, number] {
  return [Math.min(plan.base_year, plan.period_start - 1), lastYear(plan)];
}

/** How many years before the plan's start a statistical record may be for (the history trends read). */
const HISTORY_YEARS = 15;

/** The years a statistical record (an actual, a year-to-date figure) may be for: history back
 *  HISTORY_YEARS before the plan's start, through the plan's (or the next plan's) last year. */
export function recordYears(plan: PlanYears): [number, number] {
  return [Math.min(horizon(plan)[0], plan.period_start - HISTORY_YEARS), lastYear(plan)];
}

/** The years the last complete statistical year (as_of_year) may be: the base year through the last year. */
export function asOfYears(plan: PlanYears): [number, number] {
  return horizon(plan);
}

/** The years a base-year setting may be: ten years before the plan's start through the year before its end. */
function baseYears(plan: PlanYears): [number, number] {
  return [plan.period_start - 10, plan.period_end - 1];
}

function rangeText(lo: number | null, hi: number | null, unit: string): { zh: string; en: string } {
  if (lo !== null && hi !== null) return { zh: `${lo}–${hi}${unit}`, en: `${lo}–${hi} ${unit}` };
  if (lo !== null) return { zh: `不小于 ${lo}${unit}`, en: `at least ${lo} ${unit}` };
  if (hi !== null) return { zh: `不大于 ${hi}${unit}`, en: `at most ${hi} ${unit}` };
  return { zh: '任意数值', en: 'any number' };
}

/**
 * Checks one figure. `field` names where it was typed (a cell such as "填报!J7", or "value").
 * Returns every issue found (empty = plausible).
 */
export function checkFigure(
  plan: PlanYears,
  series: Series,
  figure: Figure,
  at: FieldRef = 'value',
  years: [number, number] = horizon(plan),
): PlausibilityIssue[] {
  const name = series.name_zh;
  const { path: field, zh: fieldZh, en: fieldEn } = fieldParts(at);
  const out: PlausibilityIssue[] = [];
  if (typeof figure.value !== 'number' || !Number.isFinite(figure.value)) {
    out.push({
      rule: 'not_a_number',
      field,
      message_zh: `${name}（${fieldZh}）：应为数字`,
      message_en: `${series.name_en} (${fieldEn}): must be a number`,
    });
    return out;
  }
  const year = Number(figure.period.slice(0, 4));
  const [first, last] = years;
  const endYear = /^\d{4}-(\d{4})$/.exec(figure.period)?.[1];
  if (endYear !== undefined && Number(endYear) > last) {
    out.push({
      rule: 'horizon',
      field,
      message_zh: `${name}（${fieldZh}）：年份 ${endYear} 不在规划期内，允许 ${first}–${last} 年`,
      message_en: `${series.name_en} (${fieldEn}): year ${endYear} is outside the plan's horizon, allowed ${first}–${last}`,
    });
  }
  if (!Number.isInteger(year) || year < first || year > last) {
    out.push({
      rule: 'horizon',
      field,
      message_zh: `${name}（${fieldZh}）：年份 ${figure.period.slice(0, 4)} 不在规划期内，允许 ${first}–${last} 年`,
      message_en: `${series.name_en} (${fieldEn}): year ${figure.period.slice(0, 4)} is outside the plan's horizon, allowed ${first}–${last}`,
    });
  }
  const v = figure.value;
  if (figure.value_kind === 'yoy') {
    // a growth rate: a fall of 100% or more leaves nothing to grow from
    if (v <= -100 || v > YOY_MAX)
      out.push({
        rule: 'bounds',
        field,
        message_zh: `${name}（${fieldZh}）：同比增长 ${v}% 超出允许范围，允许大于 -100% 且不大于 ${YOY_MAX}%`,
        message_en: `${series.name_en} (${fieldEn}): year-on-year growth of ${v}% is outside the allowed range, above −100% and at most ${YOY_MAX}%`,
      });
    return out;
  }
  const share = isShare(series);
  const [lo, hi] = allowedRange(series);
  const r = rangeText(lo, hi, series.unit);
  if ((lo !== null && v < lo) || (hi !== null && v > hi)) {
    const rule: PlausibilityIssue['rule'] = series.bounds ? 'bounds' : share ? 'share' : 'sign';
    const what =
      rule === 'sign'
        ? { zh: '不能为负数', en: 'cannot be negative' }
        : rule === 'share'
          ? { zh: '占比应在 0–100 之间', en: 'a share lies between 0 and 100' }
          : { zh: '超出允许范围', en: 'is outside the allowed range' };
    out.push({
      rule,
      field,
      message_zh: `${name}（${fieldZh}）：${v}${series.unit} ${what.zh}，允许 ${r.zh}`,
      message_en: `${series.name_en} (${fieldEn}): ${v} ${series.unit} ${what.en}, allowed ${r.en}`,
    });
  }
  return out;
}

/** Checks a statistical record (actual, year-to-date figure): the rules of `checkFigure`, history allowed. */
export function checkRecord(plan: PlanYears, series: Series, figure: Figure, field: FieldRef = 'value'): PlausibilityIssue[] {
  return checkFigure(plan, series, figure, field, recordYears(plan));
}

// ---------------------------------------------------------------------------------------------
// Soft rules: a value far from what is known of the same series
// ---------------------------------------------------------------------------------------------

/** A value this many times larger (or smaller) than the comparison is flagged for confirmation. */
const FAR_FACTOR = 3;

export interface PlausibilityWarning {
  rule: 'far_from_record' | 'far_from_previous';
  series: string;
  period: string;
  field: string;
  value: number;
  /** the value compared with and its period */
  compared: number;
  compared_period: string;
  message_zh: string;
  message_en: string;
}

/** The same period one year earlier ('2025' -> '2024', '2025-10' -> '2024-10', '2025H1' -> '2024H1'). */
export function previousPeriod(period: string): string | null {
  const m = /^(\d{4})(H[12]|-(0[1-9]|1[0-2]))?$/.exec(period);
  if (!m) return null;
  return `${Number(m[1]) - 1}${m[2] ?? ''}`;
}

/** Growth rates swing through zero: comparing them by ratio says nothing. Levels and shares are compared. */
function comparable(series: Series): boolean {
  return series.nature !== 'rate' || isShare(series) || series.bounds !== null;
}

function far(v: number, ref: number): boolean {
  if (!(v > 0) || !(ref > 0)) return false;
  return v > ref * FAR_FACTOR || v < ref / FAR_FACTOR;
}

/**
 * Soft checks of one figure against what is known (`known(series, period)`: the value in force,
 * or null): more than FAR_FACTOR times (or under 1/FAR_FACTOR of) the stored record for the same
 * period, or of the same period a year earlier. Each is a warning the caller must confirm.
 */
export function figureWarnings(
  series: Series,
  figure: Figure,
  known: (series: string, period: string) => number | null,
  at: FieldRef = 'value',
): PlausibilityWarning[] {
  // a growth rate swings through zero: not compared with levels or with another rate
  if (!comparable(series) || !Number.isFinite(figure.value) || figure.value_kind === 'yoy') return [];
  const { path: field, zh: fieldZh, en: fieldEn } = fieldParts(at);
  const out: PlausibilityWarning[] = [];
  const v = figure.value;
  const u = series.unit;
  const same = known(series.id, figure.period);
  if (same !== null && far(v, same)) {
    out.push({
      rule: 'far_from_record',
      series: series.id,
      period: figure.period,
      field,
      value: v,
      compared: same,
      compared_period: figure.period,
      message_zh: `${series.name_zh}（${fieldZh}）：${periodText(figure.period, 'zh-CN', series)} 填入 ${v}${u}，与已存数值 ${same}${u} 相差 ${FAR_FACTOR} 倍以上，请确认`,
      message_en: `${series.name_en} (${fieldEn}): ${v} ${u} for ${periodText(figure.period, 'en', series)} is more than ${FAR_FACTOR}× away from the stored ${same} ${u}; please confirm`,
    });
  }
  const prev = previousPeriod(figure.period);
  const before = prev === null ? null : known(series.id, prev);
  if (prev !== null && before !== null && far(v, before)) {
    out.push({
      rule: 'far_from_previous',
      series: series.id,
      period: figure.period,
      field,
      value: v,
      compared: before,
      compared_period: prev,
      message_zh: `${series.name_zh}（${fieldZh}）：${periodText(figure.period, 'zh-CN', series)} 填入 ${v}${u}，与上年同期（${periodText(prev, 'zh-CN', series)}）${before}${u} 相差 ${FAR_FACTOR} 倍以上，请确认`,
      message_en: `${series.name_en} (${fieldEn}): ${v} ${u} for ${periodText(figure.period, 'en', series)} is more than ${FAR_FACTOR}× away from ${before} ${u} a year earlier (${periodText(prev, 'en', series)}); please confirm`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Assumptions: each growth model's parameter ranges (declared next to the model) and the base value
// ---------------------------------------------------------------------------------------------

function shown(v: number, percent: boolean): string {
  return percent ? `${Number((v * 100).toPrecision(12))}%` : String(Number(v.toPrecision(12)));
}

export function paramRangeText(lo: number | null, hi: number | null, percent: boolean, unit: string): { zh: string; en: string } {
  const f = (v: number) => (percent ? shown(v, true) : `${v}${unit}`);
  const g = (v: number) => (percent ? shown(v, true) : `${v}${unit ? ` ${unit}` : ''}`);
  if (lo !== null && hi !== null) return { zh: `${f(lo)}–${f(hi)}`, en: `${g(lo)} to ${g(hi)}` };
  if (lo !== null) return { zh: `不小于 ${f(lo)}`, en: `at least ${g(lo)}` };
  if (hi !== null) return { zh: `不大于 ${f(hi)}`, en: `at most ${g(hi)}` };
  return { zh: '任意数值', en: 'any number' };
}

/** Which of a parameter's values a path names, in words: 'model.rates.2026' -> （2026年）, 'model.steps[1].value' -> （第2项）. */
function whichValue(path: string): { zh: string; en: string } {
  const year = /\.(\d{4})$/.exec(path);
  if (year) return { zh: `（${year[1]}年）`, en: ` (${year[1]})` };
  const item = /\[(\d+)\][^[]*$/.exec(path);
  if (item) return { zh: `（第${Number(item[1]) + 1}项）`, en: ` (item ${Number(item[1]) + 1})` };
  return { zh: '', en: '' };
}

/**
 * Checks one assumption: its base value and every parameter the model declares a range for
 * (models/growth/<model>.ts `ranges`). `path` prefixes each field ('assumptions[2]').
 */
export function checkAssumption(series: Series, assumption: Pick<Assumption, 'base_value' | 'model'>, path = ''): PlausibilityIssue[] {
  const out: PlausibilityIssue[] = [];
  const at = (p: string) => (path ? `${path}.${p}` : p);
  const [slo, shi] = allowedRange(series);
  const outside = (v: number, lo: number | null, hi: number | null) =>
    !Number.isFinite(v) || (lo !== null && v < lo) || (hi !== null && v > hi);
  const push = (
    field: string,
    label_zh: string,
    label_en: string,
    v: number,
    lo: number | null,
    hi: number | null,
    percent: boolean,
    unit: string,
  ) => {
    const at_model = field.lastIndexOf('model.');
    const where = at_model < 0 ? { zh: '', en: '' } : whichValue(field.slice(at_model));
    const r = paramRangeText(lo, hi, percent, unit);
    const val = percent ? shown(v, true) : `${shown(v, false)}${unit}`;
    const valEn = percent ? shown(v, true) : `${shown(v, false)}${unit ? ` ${unit}` : ''}`;
    out.push({
      rule: 'parameter',
      field,
      message_zh: `${series.name_zh}：${label_zh}${where.zh} ${val} 超出允许范围，允许 ${r.zh}`,
      message_en: `${series.name_en}: ${label_en}${where.en} ${valEn} is outside the allowed range, allowed ${r.en}`,
    });
  };
  if (assumption.base_value !== null && assumption.base_value !== undefined && outside(assumption.base_value, slo, shi)) {
    push(at('base_value'), '基期值', 'base value', assumption.base_value, slo, shi, false, series.unit);
  }
  const type = assumption.model.type;
  if (!isGrowthModelKind(type)) return out;
  const ranges = GROWTH_MODELS[type].ranges as readonly ParameterRange<typeof type>[];
  for (const spec of ranges) {
    const [lo, hi] = spec.range === 'series' ? [slo, shi] : spec.range;
    const percent = spec.range !== 'series' && spec.percent === true;
    const unit = spec.range === 'series' ? series.unit : '';
    for (const { path: p, value } of spec.values(assumption.model as never)) {
      if (outside(value, lo, hi)) push(at(`model.${p}`), spec.label_zh, spec.label_en, value, lo, hi, percent, unit);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

/** Checks the years of a settings patch: the last complete statistical year and the base year. */
export function checkSettings(plan: PlanYears, patch: { as_of_year?: number; base_year?: number | null }): PlausibilityIssue[] {
  const out: PlausibilityIssue[] = [];
  const year = (field: string, zh: string, en: string, v: number | null | undefined, [lo, hi]: [number, number]) => {
    if (v === null || v === undefined) return;
    if (Number.isInteger(v) && v >= lo && v <= hi) return;
    out.push({
      rule: 'horizon',
      field,
      message_zh: `${zh}：${v} 年不在规划期内，允许 ${lo}–${hi} 年`,
      message_en: `${en}: ${v} is outside the plan's horizon, allowed ${lo}–${hi}`,
    });
  };
  year('as_of_year', '最近完整统计年度', 'Latest complete statistical year', patch.as_of_year, asOfYears(plan));
  year('base_year', '基期年份', 'Base year', patch.base_year, baseYears(plan));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Errors: hard issues refuse, warnings ask for confirmation
// ---------------------------------------------------------------------------------------------

const SHOWN = 5;

function joined(parts: string[], sep: string, more: (n: number) => string): string {
  const head = parts.slice(0, SHOWN).join(sep);
  return parts.length > SHOWN ? `${head}${sep}${more(parts.length - SHOWN)}` : head;
}

/** A refusal of implausible figures: code 'implausible', path = the first field, every issue in details. */
export function implausibleError(issues: PlausibilityIssue[]): StudioError {
  return new StudioError(
    'implausible',
    `数值不合理，未保存：${joined(
      issues.map((i) => i.message_zh),
      '；',
      (n) => `另有 ${n} 处`,
    )}`,
    `Implausible value, nothing saved: ${joined(
      issues.map((i) => i.message_en),
      '; ',
      (n) => `${n} more`,
    )}`,
    issues[0]?.field,
    { issues },
  );
}

/** The answer to figures that need a second look: code 'needs_confirmation', the warnings in details.
 *  Nothing is stored; repeating the request with `confirm: true` stores it. */
export function confirmationError(warnings: PlausibilityWarning[]): StudioError {
  return new StudioError(
    'needs_confirmation',
    `请确认以下数值后再保存（未保存任何数据）：${joined(
      warnings.map((w) => w.message_zh),
      '；',
      (n) => `另有 ${n} 处`,
    )}`,
    `Please confirm these values before saving (nothing was saved): ${joined(
      warnings.map((w) => w.message_en),
      '; ',
      (n) => `${n} more`,
    )}`,
    warnings[0]?.field,
    { warnings },
  );
}
