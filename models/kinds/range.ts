/** range: a [min, max] target in the target year (1—2家). */
import * as c from './common';
import type { KindModule } from './types';

const judge = c.plainJudge;

export const range: KindModule = {
  id: 'range',
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
  metAtStatusYear: c.metPlain,
  kernel: () => null,
  chart: { values: c.identityValues, targetLevel: c.targetValue, timePath: c.linearPath(c.targetValue), lineOverYears: false },
  judgedPath: c.levelsPath,
  words: {
    quantity: (lang) => (lang === 'zh-CN' ? '水平值' : 'level'),
    targetEn: c.plainTargetEn,
    targetZhPrefix: c.noPrefix,
    defaultComparatorZh: c.noDefaultWords,
    stemZh: c.sameName,
    measureZh: c.measureZhIs,
    measureEn: c.measureEnLevel,
    achievedKeepsName: false,
    requiredZh: c.noRequired,
    requiredEn: c.noRequired,
  },
};
