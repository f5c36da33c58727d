/**
 * intensity_decay: the series (energy, CO2, water) grows with its driver (real GDP, real industrial
 * value added) while its intensity falls by `rate` a year: v(t) = v(t - 1) x d(t) / d(t - 1) x
 * (1 - rate). Range on the rate.
 */
import { badParameter, requireFinite } from '../errors';
import type { GrowthModule } from './lanes';

export const intensityDecay: GrowthModule<'intensity_decay'> = {
  kind: 'intensity_decay',
  parameter: {
    parameter: 'rate',
    how: 'replace',
    domain: { min: -1, max: 1, open_min: true, open_max: true },
    label_zh: '强度年均下降率',
    label_en: 'yearly fall of the intensity',
  },
  ranges: [
    {
      field: 'rate',
      label_zh: '强度年均下降率',
      label_en: 'yearly intensity decline',
      range: [-0.5, 0.5],
      percent: true,
      values: (m) => [{ path: 'rate', value: m.rate }],
    },
  ],
  parameterValue: (m) => m.rate,
  validate(id, m) {
    const r = requireFinite(m.rate, id, 'rate');
    if (!(r > -1 && r < 1)) throw badParameter(id, 'rate', 'must be between -100% and 100%', '须在 -100% 与 100% 之间');
  },
  driver: (m) => m.driver,
  missingEnds: true,
  run(L, lo, hi) {
    const { out, off, N, P, last } = L;
    const r = L.ratio as Float64Array;
    const nY = L.ctx.nY;
    for (let i = last + 1; i < nY; i++) {
      const o = off + i * N;
      const p = o - N;
      const q0 = i * N;
      for (let d = lo; d < hi; d++) {
        const v = out[p + d] * r[q0 + d] * (1 - P[d]);
        out[o + d] = v - v === 0 ? v : Number.NaN;
      }
    }
    return 0;
  },
  goalSeek: () => ({
    field: 'rate',
    label_zh: '强度年均下降率',
    label_en: 'yearly intensity decline',
    shows: 'rate',
    range: [-0.5, 0.5],
    value: (m) => m.rate,
    with: (m, x) => ({ ...m, rate: x }),
  }),
  withParameter: (m, value) => ({ ...m, rate: value }),
};
