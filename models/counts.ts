/**
 * Counts against whole targets (10家, 每年100项): the one rule for writing their figures and
 * differences whole, read by the verdict line, the drafted sentences, the final report and the
 * screens. A figure is written as the whole things it holds, cut toward the miss (98.8项 against
 * 100项以上 reads 98项, never 99项 nor 100项); a shortfall rounds up (差2项, never 差1.2项), a surplus
 * down, so the figure and the difference always add up to the target. Pure.
 *
 * @example isWholeCountTarget({ kind: 'level', unit: '家', target: 10 }) // true
 * @example wholeFigure({ comparator: '>=', target: 100 }, 98.8) // 98
 * @example wholeDifference(1.2, true) // 2
 */
import { kindOf } from './kinds';
import type { Target } from './schema';
import { formatNumber, isCountUnit, unitLabel, type Locale } from './units';

/** A target counted in whole things against whole targets: its figures and differences are written whole. */
export function isWholeCountTarget(t: Pick<Target, 'kind' | 'unit' | 'target'>): boolean {
  if (kindOf(t.kind).percentJudged || !isCountUnit(t.unit)) return false;
  const targets = Array.isArray(t.target) ? t.target : [t.target];
  return targets.every((v) => Number.isInteger(v));
}

/**
 * A figure of a whole count as written: cut toward the miss, floor against 以上 targets and ceiling
 * against caps and outside a range's ends, so 99.6项 never reads as the 100项 it fails; a figure inside
 * a range, or against an unknown comparator, rounds.
 */
export function wholeFigure(t: Partial<Pick<Target, 'comparator' | 'target'>>, v: number): number {
  if (Array.isArray(t.target)) {
    const [lo, hi] = t.target;
    if (v < lo) return Math.floor(v + 1e-9);
    if (v > hi) return Math.ceil(v - 1e-9);
  } else if (t.target !== undefined) {
    if (t.comparator === '>=' || t.comparator === '>') return Math.floor(v + 1e-9);
    if (t.comparator === '<=' || t.comparator === '<') return Math.ceil(v - 1e-9);
  }
  return Math.round(v);
}

/** A difference a ≥ 0 of a whole count: a shortfall rounds up (差1家, never 差0.1家), a surplus down. */
export function wholeDifference(a: number, shortfall: boolean): number {
  return shortfall ? Math.max(1, Math.ceil(a - 1e-9)) : Math.floor(a + 1e-9);
}

/** A signed gap (+ short, − over) of a whole count as written: short rounds up, over down (0 when under one). */
export function wholeGap(gap: number): number {
  if (gap > 0) return wholeDifference(gap, true);
  if (gap < 0) return -wholeDifference(-gap, false) || 0;
  return 0;
}

/** English unit words in the singular, for one of a count (1 firm, 1 person). */
const SINGULAR_EN: Record<string, string> = {
  firms: 'firm',
  items: 'item',
  people: 'person',
  times: 'time',
  units: 'unit',
  sets: 'set',
  households: 'household',
  'person-times': 'person-time',
  'firm-times': 'firm-time',
  years: 'year',
};

/** A whole count as written: 5,881个 / 5,881, 1 firm, 3 firms (thousands separators in both languages). */
export function wholeCountText(x: number, unit: string, lang: Locale): string {
  const n = Math.round(x);
  const num = formatNumber(n, 0, lang, true);
  if (lang === 'zh-CN') return `${num}${unit.trim()}`;
  const label = unitLabel(unit, 'en');
  if (!label) return num;
  return `${num} ${Math.abs(n) === 1 ? (SINGULAR_EN[label] ?? label) : label}`;
}
