/** reduction: the fall of an intensity from the base year, in percent (累计下降…). */
import { valueAt } from '../context';
import { cagrBetween } from '../stats';
import { formatNumber, percentDecimals } from '../units';
import * as c from './common';
import type { JudgeKernel, KindModule, Values } from './types';
import type { Target } from '../schema';

const judge: KindModule['judge'] = (ctx, j, year) => {
  const ib = valueAt(ctx, j.s, j.b);
  const it = valueAt(ctx, j.s, year);
  if (Number.isNaN(ib) || Number.isNaN(it) || ib === 0) return Number.NaN;
  return (1 - it / ib) * 100;
};

const kernel: JudgeKernel = (sb, tb, j, W0, N, lo, hi) => {
  const NaN_ = Number.NaN;
  const { b, T } = j;
  const ob = (b - W0) * N;
  for (let y = b; y <= T; y++) {
    const o = (y - b) * N;
    const oy = (y - W0) * N;
    for (let d = lo; d < hi; d++) {
      const ib = sb[ob + d];
      const it = sb[oy + d];
      let x = ib !== ib || it !== it || ib === 0 ? NaN_ : (1 - it / ib) * 100;
      if (x - x !== 0) x = NaN_;
      tb[o + d] = x;
    }
  }
};

/** the intensity in the target year that is the target fall from the base year */
function targetLevel(target: Target, values: Values, base: number): number | null {
  const t = target.target;
  if (Array.isArray(t)) return null;
  const ib = values[target.base_year ?? base];
  return ib === undefined || !Number.isFinite(ib) ? null : ib * (1 - t / 100);
}

export const reduction: KindModule = {
  id: 'reduction',
  percentJudged: true,
  everyYear: false,
  usesBase: true,
  runningSum: false,
  requiredOnOwnSeries: true,
  judge,
  /** the required change runs on the intensity: a reduction of at least X% needs it to fall */
  effortSign: (cmp) => (cmp === '>=' || cmp === '>' ? -1 : cmp === '<=' || cmp === '<' ? 1 : 0),
  judgeLevel(ctx, j, v) {
    const ib = valueAt(ctx, j.s, j.b);
    if (Number.isNaN(ib) || ib === 0) return Number.NaN;
    return (1 - v / ib) * 100;
  },
  /** the required annual change of the intensity itself (negative) */
  closedRequired(ctx, j, vL, _L, n, tv) {
    const ib = valueAt(ctx, j.s, j.b);
    if (Number.isNaN(ib)) return null;
    return cagrBetween(vL, ib * (1 - tv / 100), n);
  },
  progress: c.linearProgress({ judge }),
  metAtStatusYear: c.metPlain,
  kernel: () => kernel,
  chart: { values: c.identityValues, targetLevel, timePath: c.linearPath(targetLevel), lineOverYears: false },
  judgedPath(_t, v, b, T) {
    const out: [number, number, number[]][] = [];
    const vb = v(b);
    for (let y = b; y <= T; y++) {
      const vy = v(y);
      if (vb === undefined || vy === undefined || vb === 0) continue;
      out.push([y, (1 - vy / vb) * 100, y === b ? [b] : [b, y]]);
    }
    return out;
  },
  words: {
    quantity: (lang) => (lang === 'zh-CN' ? '较基期累计下降(%)' : 'cumulative reduction since the base year (%)'),
    targetEn: (w, val) => `a reduction of ${w}${val}`,
    targetZhPrefix: c.noPrefix,
    defaultComparatorZh: () => '下降',
    stemZh: (name) => name.replace(/(累计降幅|累计下降|下降|降幅)$/, ''),
    measureZh: ({ x, T, b, stem, pct }) => (x >= 0 ? `${T}年${stem}较${b}年累计下降${pct(x)}` : `${T}年${stem}较${b}年累计上升${pct(-x)}`),
    measureEn: ({ x, T, b, pct }) =>
      x >= 0 ? `a cumulative fall of ${pct(x)} from ${b} to ${T}` : `a cumulative rise of ${pct(-x)} from ${b} to ${T}`,
    achievedKeepsName: true,
    // one year left (the intensity known up to the year before the target year): that year's fall, not an average
    requiredZh: ({ r, pct, from, T }) => (r >= 0 ? '' : T - from === 1 ? `，${T}年需下降${pct(-r * 100)}` : `，需年均下降${pct(-r * 100)}`),
    requiredEn: ({ r, pct, from, T }) =>
      r >= 0 ? '' : T - from === 1 ? `; it needs to fall ${pct(-r * 100)} in ${T}` : `; it needs to fall ${pct(-r * 100)} a year`,
    figureWords: (x, lang, b) => {
      const p = `${formatNumber(Math.abs(x), percentDecimals(x), lang, true)}%`;
      if (lang === 'zh-CN') return x >= 0 ? `较${b}年累计下降${p}` : `较${b}年累计上升${p}`;
      return x >= 0 ? `down ${p} from ${b}` : `up ${p} from ${b}`;
    },
  },
};
