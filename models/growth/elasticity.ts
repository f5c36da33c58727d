/**
 * elasticity (LEAP GrowthAs): growth = elasticity x the driver's growth, v(t) = v(t - 1) x
 * (1 + e (d(t) / d(t - 1) - 1)). A growth at or below -100% is refused (the projection throws; a
 * simulation draw has no value there). Range on the elasticity.
 */
import { badParameter, requireFinite } from '../errors';
import { FREE_DOMAIN, type GrowthModule, PLAUSIBLE_ELASTICITY } from './lanes';

export const elasticity: GrowthModule<'elasticity'> = {
  kind: 'elasticity',
  parameter: { parameter: 'elasticity', how: 'replace', domain: FREE_DOMAIN, label_zh: '弹性系数', label_en: 'elasticity' },
  ranges: [
    {
      field: 'elasticity',
      label_zh: '弹性系数',
      label_en: 'elasticity',
      range: PLAUSIBLE_ELASTICITY,
      values: (m) => [{ path: 'elasticity', value: m.elasticity }],
    },
  ],
  parameterValue: (m) => m.elasticity,
  validate(id, m) {
    requireFinite(m.elasticity, id, 'elasticity');
  },
  driver: (m) => m.driver,
  missingEnds: true,
  run(L, lo, hi) {
    const { out, off, N, P, last, ctx } = L;
    const r = L.ratio as Float64Array;
    const nY = ctx.nY;
    let bad = 0;
    for (let i = last + 1; i < nY; i++) {
      const o = off + i * N;
      const p = o - N;
      const q0 = i * N;
      for (let d = lo; d < hi; d++) {
        const prev = out[p + d];
        const q = r[q0 + d];
        if (prev !== prev || q !== q) {
          out[o + d] = Number.NaN;
          continue;
        }
        const g = P[d] * (q - 1);
        if (!(g > -1)) {
          if (L.strict) {
            const e = L.m.elasticity;
            const drv = ctx.ids[ctx.driver[L.s]];
            const y = ctx.W0 + i;
            throw badParameter(
              ctx.ids[L.s],
              'elasticity',
              `elasticity ${e} x growth of ${drv} gives growth of ${(g * 100).toFixed(1)}% in ${y}, below -100%`,
              `弹性系数 ${e} 乘以${drv}的增速，${y}年增速为 ${(g * 100).toFixed(1)}%，低于 -100%`,
            );
          }
          bad++;
          out[o + d] = Number.NaN;
          continue;
        }
        const v = prev * (1 + g);
        out[o + d] = v - v === 0 ? v : Number.NaN;
      }
    }
    return bad;
  },
  goalSeek: () => ({
    field: 'elasticity',
    label_zh: '弹性系数',
    label_en: 'elasticity',
    shows: 'number',
    range: PLAUSIBLE_ELASTICITY,
    value: (m) => m.elasticity,
    with: (m, x) => ({ ...m, elasticity: x }),
  }),
  withParameter: (m, value) => ({ ...m, elasticity: value }),
};
