/**
 * interp (LEAP Interp): linear interpolation from the anchor through the points after it, flat
 * after the last. Range on a multiplier on the points' values (the anchor stays).
 */
import { anchorOffset, MULTIPLIER_DOMAIN, type GrowthModule } from './lanes';
import { validatePoints } from './points';

export const interp: GrowthModule<'interp'> = {
  kind: 'interp',
  parameter: {
    parameter: 'multiplier',
    how: 'multiply',
    domain: MULTIPLIER_DOMAIN,
    label_zh: '插值点数值的倍数',
    label_en: 'multiplier on the points’ values',
  },
  ranges: [
    {
      field: 'points',
      label_zh: '插值点数值',
      label_en: 'point value',
      range: 'series',
      values: (m) => m.points.map((q, i) => ({ path: `points[${i}].value`, value: q.value })),
    },
  ],
  parameterValue: () => 1,
  validate(id, m) {
    validatePoints(id, 'points', m.points);
  },
  driver: () => null,
  missingEnds: false,
  run(L, lo, hi) {
    const { out, off, N, P, last } = L;
    const { nY, W0 } = L.ctx;
    const pts = L.m.points;
    const A = W0 + last;
    const a = anchorOffset(L);
    for (let i = last + 1; i < nY; i++) {
      const t = W0 + i;
      // previous knot: the latest point in (A, t], else the anchor; next knot: the earliest point > t
      let py = A;
      let pv0 = 0;
      let anchored = true;
      let ny = Number.POSITIVE_INFINITY;
      let nv0 = 0;
      for (let k = 0; k < pts.length; k++) {
        const q = pts[k];
        if (q.year <= A) continue;
        if (q.year <= t) {
          if (q.year >= py) {
            py = q.year;
            pv0 = q.value;
            anchored = false;
          }
        } else if (q.year < ny) {
          ny = q.year;
          nv0 = q.value;
        }
      }
      const o = off + i * N;
      const hasNext = ny !== Number.POSITIVE_INFINITY;
      for (let d = lo; d < hi; d++) {
        const x = P[d];
        const pv = anchored ? out[a + d] : pv0 * x;
        out[o + d] = hasNext ? pv + ((nv0 * x - pv) * (t - py)) / (ny - py) : pv;
      }
    }
    return 0;
  },
  /** a multiplier on the points' values (the anchor stays), each point kept in the series' range */
  goalSeek: () => ({
    field: 'points',
    label_zh: '插值点数值的倍数',
    label_en: 'multiplier on the points’ values',
    shows: 'number',
    range: [0, null],
    value: () => 1,
    with: (m, x) => ({ ...m, points: m.points.map((q) => ({ year: q.year, value: q.value * x })) }),
  }),
  withParameter: (m, value) => ({ ...m, points: m.points.map((q) => ({ year: q.year, value: q.value * value })) }),
};
