/**
 * path: a growth rate per year, `default_rate` for the years not listed (the file is rate-path.ts:
 * `path` names a Node module). Range on a shift added to every year's rate (and the default rate).
 */
import { badParameter, requireRate } from '../errors';
import { FREE_DOMAIN, type GrowthModule, PLAUSIBLE_RATE } from './lanes';

export const path: GrowthModule<'path'> = {
  kind: 'path',
  parameter: {
    parameter: 'shift',
    how: 'shift',
    domain: FREE_DOMAIN,
    label_zh: '各年增速的整体偏移',
    label_en: 'shift added to every year’s rate',
  },
  ranges: [
    {
      field: 'rates',
      label_zh: '各年增速',
      label_en: 'yearly growth rate',
      range: PLAUSIBLE_RATE,
      percent: true,
      values: (m) => [
        ...Object.entries(m.rates).map(([y, r]) => ({ path: `rates.${y}`, value: r })),
        { path: 'default_rate', value: m.default_rate },
      ],
    },
  ],
  parameterValue: () => 0,
  validate(id, m) {
    if (m.default_rate !== undefined) requireRate(m.default_rate, id, 'default_rate');
    const rates = m.rates ?? {};
    for (const k in rates) {
      if (!/^\d{4}$/.test(k)) throw badParameter(id, `rates.${k}`, 'is not a year (YYYY)', '不是年份（YYYY）');
      requireRate(rates[k], id, `rates.${k}`);
    }
  },
  driver: () => null,
  missingEnds: true,
  run(L, lo, hi) {
    const { out, off, N, P, last, m } = L;
    const { nY, W0 } = L.ctx;
    const def = m.default_rate ?? 0;
    const rates = m.rates ?? {};
    for (let i = last + 1; i < nY; i++) {
      const o = off + i * N;
      const p = o - N;
      const listed = rates[String(W0 + i)];
      const r = listed === undefined ? def : listed;
      for (let d = lo; d < hi; d++) {
        const v = out[p + d] * (1 + (r + P[d]));
        out[o + d] = v - v === 0 ? v : Number.NaN;
      }
    }
    return 0;
  },
  /** a shift added to every year's rate and the default rate, every rate kept in the plausible range */
  goalSeek(m) {
    const all = [...Object.values(m.rates ?? {}), m.default_rate ?? 0];
    const lo = PLAUSIBLE_RATE[0] - Math.min(...all);
    const hi = PLAUSIBLE_RATE[1] - Math.max(...all);
    return {
      field: 'rates',
      label_zh: '各年增速（整体调整）',
      label_en: 'every year’s growth rate (shifted together)',
      shows: 'points',
      range: [Math.min(lo, 0), Math.max(hi, 0)],
      value: () => 0,
      with: (mm, x) => {
        const rates: Record<string, number> = {};
        for (const k in mm.rates) rates[k] = mm.rates[k] + x;
        return { ...mm, rates, default_rate: (mm.default_rate ?? 0) + x };
      },
    };
  },
  withParameter(m, value) {
    const rates: Record<string, number> = {};
    for (const k in m.rates) rates[k] = m.rates[k] + value;
    return { ...m, rates, default_rate: (m.default_rate ?? 0) + value };
  },
};
