/**
 * logistic: saturation towards a ceiling C at speed k, v(t) = v + k v (1 - v / C), never past C nor
 * below 0. Range on the speed (the ceiling stays).
 */
import { badParameter, requireFinite } from '../errors';
import { anchorOffset, anchorValue, type GrowthModule } from './lanes';

export const logistic: GrowthModule<'logistic'> = {
  kind: 'logistic',
  parameter: {
    parameter: 'rate',
    how: 'replace',
    domain: { min: 0, max: Number.POSITIVE_INFINITY, open_min: true, open_max: true },
    label_zh: '饱和增长速度',
    label_en: 'speed of saturation',
  },
  ranges: [
    {
      field: 'ceiling',
      label_zh: '饱和上限',
      label_en: 'ceiling',
      range: 'series',
      values: (m) => [{ path: 'ceiling', value: m.ceiling }],
    },
    { field: 'rate', label_zh: '增长速度', label_en: 'speed', range: [0, 5], values: (m) => [{ path: 'rate', value: m.rate }] },
  ],
  parameterValue: (m) => m.rate,
  validate(id, m) {
    requireFinite(m.ceiling, id, 'ceiling');
    const k = requireFinite(m.rate, id, 'rate');
    if (!(k > 0)) throw badParameter(id, 'rate', 'logistic speed must be above 0', 'logistic 增长速度须大于 0');
  },
  driver: () => null,
  missingEnds: false,
  run(L, lo, hi) {
    const { out, off, N, P, last, ctx } = L;
    const { nY, W0 } = ctx;
    const C = L.m.ceiling;
    const vA = anchorValue(L);
    const A = W0 + last;
    const cTol = C + 1e-12 * Math.max(1, Math.abs(C));
    if (!L.strict) {
      // the simulation: lanes may start from a drawn anchor (models/base-ranges.ts); a lane above
      // the ceiling or below 0 has no value (what the projection refuses), counted
      const a = anchorOffset(L);
      let bad = 0;
      for (let d = lo; d < hi; d++) {
        const x = out[a + d];
        if (x > cTol || x < 0) {
          bad++;
          for (let i = last + 1; i < nY; i++) out[off + i * N + d] = Number.NaN;
          continue;
        }
        let v = x;
        for (let i = last + 1; i < nY; i++) {
          if (C > 0) {
            v = v + P[d] * v * (1 - v / C);
            if (v > C) v = C;
            if (v < 0) v = 0;
          }
          out[off + i * N + d] = v;
        }
      }
      return bad;
    }
    if (vA > cTol) {
      throw badParameter(
        ctx.ids[L.s],
        'ceiling',
        `the ceiling ${C} is below the current value ${vA} (${A})`,
        `饱和上限 ${C} 低于当前值 ${vA}（${A}年）`,
      );
    }
    if (vA < 0) {
      throw badParameter(
        ctx.ids[L.s],
        'ceiling',
        `logistic growth needs a non-negative current value (${vA} in ${A})`,
        `logistic 增长要求当前值非负（${A}年为 ${vA}）`,
      );
    }
    for (let i = last + 1; i < nY; i++) {
      const o = off + i * N;
      const p = o - N;
      for (let d = lo; d < hi; d++) {
        let v = out[p + d];
        if (C > 0) {
          v = v + P[d] * v * (1 - v / C);
          if (v > C) v = C;
          if (v < 0) v = 0;
        }
        out[o + d] = v;
      }
    }
    return 0;
  },
  /** the speed (above 0, as validate asks), the ceiling kept */
  goalSeek: () => ({
    field: 'rate',
    label_zh: '增长速度',
    label_en: 'speed',
    shows: 'number',
    range: [1e-6, 5],
    value: (m) => m.rate,
    with: (m, x) => ({ ...m, rate: x }),
  }),
  withParameter: (m, value) => ({ ...m, rate: value }),
};
