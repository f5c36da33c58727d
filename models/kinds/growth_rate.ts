/** growth_rate: average annual growth from the base year to the target year, in percent (年均增长…). */
import { valueAt } from '../context';
import { CMP_EPS, meets } from '../evaluate';
import { cagrBetween } from '../stats';
import { formatNumber, percentDecimals } from '../units';
import * as c from './common';
import type { JudgeKernel, KindModule, Values } from './types';
import type { Target } from '../schema';

const judge: KindModule['judge'] = (ctx, j, year) => {
  const b = j.b;
  if (year <= b) return year === b && !Number.isNaN(valueAt(ctx, j.s, b)) ? 0 : Number.NaN;
  const vb = valueAt(ctx, j.s, b);
  const vt = valueAt(ctx, j.s, year);
  // a zero or negative base has no growth rate (a falling negative value would read as growth)
  if (Number.isNaN(vt) || !(vb > 0)) return Number.NaN;
  const ratio = vt / vb;
  if (!(ratio > 0)) return Number.NaN;
  return (Math.pow(ratio, 1 / (year - b)) - 1) * 100;
};

const kernel: JudgeKernel = (sb, tb, j, W0, N, lo, hi) => {
  const NaN_ = Number.NaN;
  const { b, T } = j;
  const ob = (b - W0) * N;
  for (let y = b; y <= T; y++) {
    const o = (y - b) * N;
    const oy = (y - W0) * N;
    const inv = 1 / (y - b);
    for (let d = lo; d < hi; d++) {
      const vb = sb[ob + d];
      let x: number;
      if (y === b) x = vb === vb ? 0 : NaN_;
      else {
        const vt = sb[oy + d];
        if (vt !== vt || !(vb > 0)) x = NaN_;
        else {
          const ratio = vt / vb;
          x = ratio > 0 ? (Math.pow(ratio, inv) - 1) * 100 : NaN_;
        }
      }
      if (x - x !== 0) x = NaN_;
      tb[o + d] = x;
    }
  }
};

/** the level in the target year implied by the target growth from the base-year value */
function targetLevel(target: Target, values: Values, base: number): number | null {
  const t = target.target;
  if (Array.isArray(t)) return null;
  const b = target.base_year ?? base;
  const vb = values[b];
  return vb === undefined || !Number.isFinite(vb) ? null : vb * (1 + t / 100) ** (target.target_year - b);
}

export const growthRate: KindModule = {
  id: 'growth_rate',
  percentJudged: true,
  everyYear: false,
  usesBase: true,
  runningSum: false,
  requiredOnOwnSeries: false,
  judge,
  effortSign: c.effortByComparator,
  judgeLevel(ctx, j, v) {
    const vb = valueAt(ctx, j.s, j.b);
    const n = j.T - j.b;
    if (!(n > 0) || !(vb > 0)) return Number.NaN;
    const ratio = v / vb;
    if (!(ratio > 0)) return Number.NaN;
    return (Math.pow(ratio, 1 / n) - 1) * 100;
  },
  /** the level implied by the target average growth from the base year, then closed form */
  closedRequired(ctx, j, vL, _L, n, tv) {
    const vb = valueAt(ctx, j.s, j.b);
    if (Number.isNaN(vb) || !(j.T > j.b)) return null;
    return cagrBetween(vL, vb * Math.pow(1 + tv / 100, j.T - j.b), n);
  },
  /**
   * Progress along the geometric path the chart draws (序时进度 of a growth rate): the share of the
   * log-distance from the base value to the implied target level, so that growing at exactly the
   * target rate is exactly on schedule. Not defined for a zero or negative base or target level.
   */
  progress(ctx, j, tv, _cmp, S) {
    const vb = valueAt(ctx, j.s, j.b);
    const vs = valueAt(ctx, j.s, S);
    const goal = vb * Math.pow(1 + tv / 100, j.T - j.b);
    if (!(vb > 0) || !(vs > 0) || !(goal > 0)) return Number.NaN;
    const den = Math.log(goal / vb);
    return den !== 0 ? Math.log(vs / vb) / den : Number.NaN;
  },
  metAtStatusYear(_ctx, j, xS, S, tv, cmp, progress) {
    if (S < j.T) return (cmp === '>=' || cmp === '>') && progress !== null && progress >= 1 - CMP_EPS;
    return meets(xS, cmp, tv);
  },
  kernel: () => kernel,
  chart: {
    values: c.identityValues,
    targetLevel,
    /** the geometric path from the base value to the implied target level */
    timePath(target, values, base) {
      const b = target.base_year ?? base;
      const T = target.target_year;
      if (T <= b) return null;
      const vb = values[b];
      if (vb === undefined || !Number.isFinite(vb)) return null;
      const goal = targetLevel(target, values, base);
      if (goal === null) return null;
      const x: number[] = [];
      const y: number[] = [];
      for (let yr = b; yr <= T; yr++) {
        x.push(yr);
        const f = (yr - b) / (T - b);
        y.push(vb > 0 && goal > 0 ? vb * (goal / vb) ** f : vb + (goal - vb) * f);
      }
      return { x, y };
    },
    lineOverYears: false,
  },
  judgedPath(_t, v, b, T) {
    // average growth since the base year: defined from the year after it
    const out: [number, number, number[]][] = [];
    const vb = v(b);
    for (let y = b + 1; y <= T; y++) {
      const vy = v(y);
      if (vb === undefined || vy === undefined || !(vb > 0)) continue;
      const ratio = vy / vb;
      if (!(ratio > 0)) continue;
      out.push([y, (Math.pow(ratio, 1 / (y - b)) - 1) * 100, [b, y]]);
    }
    return out;
  },
  words: {
    quantity: (lang) => (lang === 'zh-CN' ? '较基期年均增长(%)' : 'average annual growth since the base year (%)'),
    targetEn: (w, val) => `average growth of ${w}${val} a year`,
    targetZhPrefix: c.noPrefix,
    defaultComparatorZh: () => '年均增长',
    stemZh: (name) => name.replace(/(年均增速|年均增长|增速|增长)$/, ''),
    measureZh: ({ x, T, b, stem, pct }) =>
      x >= 0 ? `${b + 1}—${T}年${stem}年均增长${pct(x)}` : `${b + 1}—${T}年${stem}年均下降${pct(-x)}`,
    measureEn: ({ x, T, b, pct }) =>
      x >= 0 ? `average growth of ${pct(x)} a year over ${b + 1}–${T}` : `an average fall of ${pct(-x)} a year over ${b + 1}–${T}`,
    achievedKeepsName: true,
    requiredZh: ({ r, from, b, T, pct }) => (from > b && r > 0 ? `，${from + 1}—${T}年需年均增长${pct(r * 100)}` : ''),
    requiredEn: ({ r, from, b, T, pct }) =>
      from > b && r > 0 ? `; it needs average growth of ${pct(r * 100)} a year over ${from + 1}–${T}` : '',
    figureWords: (x, lang, b) => {
      const p = `${formatNumber(Math.abs(x), percentDecimals(x), lang, true)}%`;
      if (lang === 'zh-CN') return x >= 0 ? `较${b}年年均增长${p}` : `较${b}年年均下降${p}`;
      return x >= 0 ? `average growth of ${p} a year since ${b}` : `an average fall of ${p} a year since ${b}`;
    },
  },
};
