/** cumulative: a total over the counted years (累计…), a running sum of a flow or a cumsum series. */
import * as c from './common';
import type { ChartSeries, JudgeKernel, KindModule, Values } from './types';
import type { Target } from '../schema';

const judge = c.plainJudge;

/** Whether a chart sums the series itself: a plain (not derived) flow. */
function sums(series: ChartSeries | null): boolean {
  return series !== null && !series.derived && series.nature === 'flow';
}

function chartValues(target: Target, values: Values, base: number, series: ChartSeries | null): Values {
  if (!sums(series)) return values;
  const start = target.start_year ?? base + 1;
  const out: Values = {};
  let run = 0;
  const years = Object.keys(values)
    .map(Number)
    .sort((a, b) => a - b);
  for (const y of years) {
    if (y < start - 1) continue;
    if (y === start - 1) {
      out[y] = 0;
      continue;
    }
    run += values[y];
    out[y] = run;
  }
  return out;
}

/** the running sum of a flow from vcFrom (NaN once a year has no value) */
const runningKernel: JudgeKernel = (sb, tb, j, W0, N, lo, hi, acc) => {
  const NaN_ = Number.NaN;
  const { b, T } = j;
  const from = j.vcFrom;
  acc.fill(0, lo, hi);
  for (let y = b; y <= T; y++) {
    const o = (y - b) * N;
    if (y < from) {
      tb.fill(0, o + lo, o + hi);
      continue;
    }
    if (y === b || y === from) {
      // the sum from `from` to y, from scratch (from may lie before b or before the window)
      for (let d = lo; d < hi; d++) {
        let r = 0;
        for (let z = from; z <= y; z++) {
          const v = z < W0 ? NaN_ : sb[(z - W0) * N + d];
          if (v !== v) {
            r = NaN_;
            break;
          }
          r += v;
        }
        acc[d] = r;
      }
    } else {
      const oy = (y - W0) * N;
      for (let d = lo; d < hi; d++) {
        const v = sb[oy + d];
        acc[d] = v !== v ? NaN_ : acc[d] + v;
      }
    }
    for (let d = lo; d < hi; d++) {
      const x = acc[d];
      tb[o + d] = x - x === 0 ? x : NaN_;
    }
  }
};

export const cumulative: KindModule = {
  id: 'cumulative',
  percentJudged: false,
  everyYear: false,
  usesBase: false,
  runningSum: true,
  requiredOnOwnSeries: false,
  judge,
  effortSign: c.effortByComparator,
  judgeLevel: (_ctx, _j, v) => v,
  closedRequired: c.closedToLevel,
  progress: c.linearProgress({ judge }),
  metAtStatusYear: c.metPlain,
  kernel: (j) => (j.vcFrom >= 0 ? runningKernel : null),
  chart: {
    values: chartValues,
    targetLevel: c.targetValue,
    /** from zero in the year before the first counted year to the target */
    timePath(target, _values, base) {
      const t = target.target;
      if (Array.isArray(t)) return null;
      const b = target.base_year ?? base;
      const T = target.target_year;
      if (T <= b) return null;
      const s0 = (target.start_year ?? b + 1) - 1;
      const x: number[] = [];
      const y: number[] = [];
      for (let yr = s0; yr <= T; yr++) {
        x.push(yr);
        y.push((t * (yr - s0)) / (T - s0));
      }
      return { x, y };
    },
    lineOverYears: false,
  },
  judgedPath(target, v, b, T, series) {
    if (!sums(series)) return c.levelsPath(target, v, b, T, series); // a derived running sum: its own values
    // the running sum of a flow from the start year (as the evaluation judges it)
    const out: [number, number, number[]][] = [];
    const start = target.start_year ?? b + 1;
    if (start > b) out.push([b, 0, []]);
    let run = 0;
    const involved: number[] = [];
    for (let y = start; y <= T; y++) {
      const vy = v(y);
      if (vy === undefined) break;
      run += vy;
      involved.push(y);
      out.push([y, run, [...involved]]);
    }
    return out;
  },
  words: {
    quantity: (lang) => (lang === 'zh-CN' ? '累计值' : 'cumulative total'),
    targetEn: (w, val) => `${w}${val} in total`,
    targetZhPrefix: c.noPrefix,
    defaultComparatorZh: c.noDefaultWords,
    stemZh: c.sameName,
    measureZh: (m) => `${m.start}—${m.T}年${m.name}预计累计${m.val}`,
    measureEn: (m) => `projected to total ${m.val} over ${m.start}–${m.T}`,
    achievedKeepsName: false,
    requiredZh: c.noRequired,
    requiredEn: c.noRequired,
  },
};
