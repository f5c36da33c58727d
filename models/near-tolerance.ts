/**
 * 接近完成 per target (issue 15.1): in the final year a target missed by no more than its tolerance
 * reads 接近完成, not 未完成 (models/evaluate.ts finalVerdict). The tolerance is in the target's own
 * units: 个百分点 for a percent target or a target judged in percent (a reduction, an average
 * growth), else the target's unit (亿元, 家). Without a setting it is 2% of the target
 * (nearToleranceOf). What may be stored, one rule for the API and the form: a number, not
 * negative, no larger than the target itself (a tolerance as large as the target would call
 * nothing 未完成), whole for a target counted in whole things. Pure.
 *
 * @example checkNearTolerances(plan, { high_tech_enterprises: 2.5 }) // [{ … '应为整数' … }]
 * @example toleranceUnit({ kind: 'share', unit: '%' }, 'zh-CN') // '个百分点'
 */
import { isWholeCountTarget } from './counts';
import { NEAR_TOLERANCE_DEFAULT, nearToleranceOf } from './evaluate';
import { kindOf } from './kinds';
import type { Plan, Target } from './schema';
import { formatNumber, isPercentUnit, unitLabel, type Locale } from './units';

export interface NearToleranceProblem {
  id: string;
  message_zh: string;
  message_en: string;
}

type TargetLike = Pick<Target, 'id' | 'kind' | 'unit' | 'target' | 'name_zh' | 'name_en'>;

/** Whether a target's gap, and so its tolerance, is in percentage points. */
function inPoints(t: Pick<Target, 'kind' | 'unit'>): boolean {
  return kindOf(t.kind).percentJudged || isPercentUnit(t.unit);
}

/** The unit a tolerance is typed and shown in: 个百分点 / percentage points, or the target's unit. */
export function toleranceUnit(t: Pick<Target, 'kind' | 'unit'>, lang: Locale): string {
  if (inPoints(t)) return lang === 'zh-CN' ? '个百分点' : 'percentage points';
  return unitLabel(t.unit, lang);
}

/** The largest tolerance allowed: the target itself (for a range, its larger end). */
export function maxNearTolerance(t: Pick<Target, 'target'>): number {
  const v = Array.isArray(t.target) ? Math.max(Math.abs(t.target[0]), Math.abs(t.target[1])) : Math.abs(t.target);
  return v > 0 ? v : 1e12;
}

const fmt = (v: number, lang: Locale) =>
  formatNumber(v, Number.isInteger(v) ? 0 : Math.abs(v) < 1 ? 3 : 2, lang)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');

/** The problems of one tolerance for one target; [] when it may be stored. */
export function checkNearTolerance(t: TargetLike, value: number): NearToleranceProblem[] {
  const zhUnit = toleranceUnit(t, 'zh-CN');
  const enUnit = toleranceUnit(t, 'en');
  const hi = maxNearTolerance(t);
  const range = {
    zh: `允许 0–${fmt(hi, 'zh-CN')}${zhUnit}`,
    en: `allowed 0–${fmt(hi, 'en')} ${enUnit}`,
  };
  const problem = (zh: string, en: string): NearToleranceProblem[] => [
    {
      id: t.id,
      message_zh: `${t.name_zh}（接近完成容差）：${zh}，${range.zh}`,
      message_en: `${t.name_en} (near-complete tolerance): ${en}, ${range.en}`,
    },
  ];
  if (!Number.isFinite(value)) return problem('应为数字', 'must be a number');
  if (value < 0) return problem(`${fmt(value, 'zh-CN')}${zhUnit}不能为负`, `${fmt(value, 'en')} cannot be negative`);
  if (value > hi * (1 + 1e-12))
    return problem(`${fmt(value, 'zh-CN')}${zhUnit}超过目标值本身`, `${fmt(value, 'en')} ${enUnit} is larger than the target itself`);
  if (isWholeCountTarget(t) && !Number.isInteger(value))
    return problem(`${fmt(value, 'zh-CN')}${zhUnit}应为整数`, `${fmt(value, 'en')} ${enUnit} must be a whole number`);
  return [];
}

/** The problems of a whole map of tolerances (settings.near_tolerance); an unknown target is one. */
export function checkNearTolerances(plan: Pick<Plan, 'targets'>, map: Record<string, number>): NearToleranceProblem[] {
  const byId = new Map(plan.targets.map((t) => [t.id, t]));
  const out: NearToleranceProblem[] = [];
  for (const [id, v] of Object.entries(map)) {
    const t = byId.get(id);
    if (!t)
      out.push({
        id,
        message_zh: `接近完成容差：规划中没有指标“${id}”`,
        message_en: `near-complete tolerance: the plan has no target "${id}"`,
      });
    else out.push(...checkNearTolerance(t, v));
  }
  return out;
}

/** The tolerance in force and how it is written: "0.2个百分点（默认：目标值的2%）" / "5家". */
export function nearToleranceText(
  t: Pick<Target, 'id' | 'kind' | 'unit' | 'target'>,
  map: Record<string, number> | undefined,
  lang: Locale,
): { value: number; isDefault: boolean; text: string } {
  const value = nearToleranceOf({ nearTolerance: map ?? {} }, t);
  const isDefault = map?.[t.id] === undefined;
  const unit = toleranceUnit(t, lang);
  const num = fmt(value, lang);
  const pct = `${NEAR_TOLERANCE_DEFAULT * 100}%`;
  const main = lang === 'zh-CN' ? `${num}${unit}` : `${num} ${unit}`;
  const text = isDefault ? (lang === 'zh-CN' ? `${main}（默认：目标值的${pct}）` : `${main} (default: ${pct} of the target)`) : main;
  return { value, isDefault, text };
}

/** A tolerance typed by a planner: full-width digits and a trailing unit allowed ("0.5个百分点", "５家"); null when not a number. */
export function parseNearTolerance(t: Pick<Target, 'kind' | 'unit'>, raw: string): number | null {
  let s = raw.normalize('NFKC').trim().replace(/,/g, '');
  for (const u of [toleranceUnit(t, 'zh-CN'), '个百分点', '百分点', 'pp', t.unit.trim()])
    if (u && s.endsWith(u)) {
      s = s.slice(0, -u.length).trim();
      break;
    }
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  return Number(s);
}
