/** annual_flow: an amount in every counted year (每年新增…), each year judged on its own. */
import { cagrBetween } from '../stats';
import * as c from './common';
import type { KindModule } from './types';

const judge = c.plainJudge;

export const annualFlow: KindModule = {
  id: 'annual_flow',
  percentJudged: false,
  everyYear: true,
  usesBase: false,
  runningSum: false,
  requiredOnOwnSeries: false,
  judge,
  effortSign: c.effortByComparator,
  judgeLevel: (_ctx, _j, v) => v,
  /** the rate that meets every remaining year: the closed form for the binding year */
  closedRequired(_ctx, _j, vL, L, _n, tv, cmp, startYear) {
    const lower = cmp === '<=' || cmp === '<';
    let best: number | null = null;
    for (let y = Math.max(L + 1, startYear); y <= _j.T; y++) {
      const r = cagrBetween(vL, tv, y - L);
      if (r === null) return null;
      if (best === null || (lower ? r < best : r > best)) best = r;
    }
    return best;
  },
  progress: c.linearProgress({ judge }),
  metAtStatusYear: c.metPlain,
  kernel: () => null,
  chart: { values: c.identityValues, targetLevel: c.targetValue, timePath: () => null, lineOverYears: true },
  judgedPath: c.levelsPath,
  words: {
    quantity: (lang) => (lang === 'zh-CN' ? '当年值' : 'value in the year'),
    targetEn: (w, val) => `${w}${val} a year`,
    targetZhPrefix: (cz) => (cz.includes('每年') ? '' : '每年'),
    defaultComparatorZh: c.noDefaultWords,
    stemZh: c.sameName,
    measureZh: c.measureZhLevel,
    measureEn: c.measureEnLevel,
    achievedKeepsName: false,
    requiredZh: c.noRequired,
    requiredEn: c.noRequired,
  },
};
