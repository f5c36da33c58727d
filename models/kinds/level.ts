/** level: the value of the indicator in the target year (达到、突破、不低于 …). */
import { F_BELOW, flagsAt } from '../context';
import { CMP_EPS, meets } from '../evaluate';
import * as c from './common';
import type { KindModule } from './types';

const judge = c.plainJudge;

export const level: KindModule = {
  id: 'level',
  percentJudged: false,
  everyYear: false,
  usesBase: false,
  runningSum: false,
  requiredOnOwnSeries: false,
  judge,
  effortSign: c.effortByComparator,
  judgeLevel: (_ctx, _j, v) => v,
  closedRequired: c.closedToLevel,
  progress: c.linearProgress({ judge }),
  metAtStatusYear(ctx, j, xS, S, tv, cmp) {
    const met = meets(xS, cmp, tv);
    // "close to X" (approx_below) means below X: reaching the target needs a figure above it.
    if (met && (cmp === '>=' || cmp === '>') && flagsAt(ctx, j.s, S) & F_BELOW) return xS > tv * (1 + CMP_EPS);
    return met;
  },
  kernel: () => null,
  chart: { values: c.identityValues, targetLevel: c.targetValue, timePath: c.linearPath(c.targetValue), lineOverYears: false },
  judgedPath: c.levelsPath,
  words: {
    quantity: (lang) => (lang === 'zh-CN' ? '水平值' : 'level'),
    targetEn: c.plainTargetEn,
    targetZhPrefix: c.noPrefix,
    defaultComparatorZh: c.noDefaultWords,
    stemZh: c.sameName,
    measureZh: c.measureZhLevel,
    measureEn: c.measureEnLevel,
    achievedKeepsName: false,
    requiredZh: ({ r, from, T, pct }) => (r > 0 ? (from === T - 1 ? `，${T}年需增长${pct(r * 100)}` : `，需年均增长${pct(r * 100)}`) : ''),
    requiredEn: ({ r, from, T, pct }) =>
      r > 0
        ? from === T - 1
          ? `; it needs growth of ${pct(r * 100)} in ${T}`
          : `; it needs average annual growth of ${pct(r * 100)}`
        : '',
  },
};
