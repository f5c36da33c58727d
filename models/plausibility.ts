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
import type { Plan, Series } from './schema';

export interface PlausibilityIssue {
  rule: 'not_a_number' | 'horizon' | 'bounds' | 'share' | 'sign';
  field: string;
  message_zh: string;
  message_en: string;
}

export interface Figure {
  series: string;
  period: string;
  value: number;
}

const SHARE_WORDS = ['占比', '比重', '覆盖率', '通达率', '比例', '履约率'];

/** True for a series in percent whose name says it is a part of a whole. */
export function isShare(series: Series): boolean {
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

/** The years a figure may be for: the plan's base year through its last year. */
export function horizon(plan: Pick<Plan, 'base_year' | 'period_start' | 'period_end'>): [number, number] {
  return [Math.min(plan.base_year, plan.period_start - 1), plan.period_end];
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
  plan: Pick<Plan, 'base_year' | 'period_start' | 'period_end'>,
  series: Series,
  figure: Figure,
  field = 'value',
): PlausibilityIssue[] {
  const name = series.name_zh;
  const out: PlausibilityIssue[] = [];
  if (typeof figure.value !== 'number' || !Number.isFinite(figure.value)) {
    out.push({
      rule: 'not_a_number',
      field,
      message_zh: `${name}（${field}）：应为数字`,
      message_en: `${series.name_en} (${field}): must be a number`,
    });
    return out;
  }
  const year = Number(figure.period.slice(0, 4));
  const [first, last] = horizon(plan);
  if (!Number.isInteger(year) || year < first || year > last) {
    out.push({
      rule: 'horizon',
      field,
      message_zh: `${name}（${field}）：年份 ${figure.period.slice(0, 4)} 不在规划期内，允许 ${first}–${last} 年`,
      message_en: `${series.name_en} (${field}): year ${figure.period.slice(0, 4)} is outside the plan's horizon, allowed ${first}–${last}`,
    });
  }
  const v = figure.value;
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
      message_zh: `${name}（${field}）：${v}${series.unit} ${what.zh}，允许 ${r.zh}`,
      message_en: `${series.name_en} (${field}): ${v} ${series.unit} ${what.en}, allowed ${r.en}`,
    });
  }
  return out;
}
