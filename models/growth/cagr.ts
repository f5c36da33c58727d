/** cagr: constant growth from the anchor, v(t) = v(t - 1) x (1 + rate). Range on the rate. */
import { requireRate } from '../errors';
import { RATE_DOMAIN, type GrowthModule, PLAUSIBLE_RATE } from './lanes';

export const cagr: GrowthModule<'cagr'> = {
  kind: 'cagr',
  parameter: { parameter: 'rate', how: 'replace', domain: RATE_DOMAIN, label_zh: '年均增速', label_en: 'annual growth rate' },
  ranges: [
    {
      field: 'rate',
      label_zh: '年均增速',
      label_en: 'annual growth rate',
      range: PLAUSIBLE_RATE,
      percent: true,
      values: (m) => [{ path: 'rate', value: m.rate }],
    },
  ],
  parameterValue: (m) => m.rate,
  validate(id, m) {
    requireRate(m.rate, id, 'rate');
  },
  driver: () => null,
  missingEnds: true,
  run(L, lo, hi) {
    const { out, off, N, P, last } = L;
    const nY = L.ctx.nY;
    for (let i = last + 1; i < nY; i++) {
      const o = off + i * N;
      const p = o - N;
      for (let d = lo; d < hi; d++) {
        const v = out[p + d] * (1 + P[d]);
        out[o + d] = v - v === 0 ? v : Number.NaN;
      }
    }
    return 0;
  },
  goalSeek: () => ({
    field: 'rate',
    label_zh: '年均增速',
    label_en: 'annual growth rate',
    shows: 'rate',
    range: PLAUSIBLE_RATE,
    value: (m) => m.rate,
    with: (m, x) => ({ ...m, rate: x }),
  }),
  withParameter: (m, value) => ({ ...m, rate: value }),
};
