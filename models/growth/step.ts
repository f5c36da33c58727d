/** step (LEAP Step): the value jumps to a step's value in its year and holds. Range on a multiplier on the step values. */
import { anchorOffset, MULTIPLIER_DOMAIN, type GrowthModule } from './lanes';
import { validatePoints } from './points';

export const step: GrowthModule<'step'> = {
  kind: 'step',
  parameter: {
    parameter: 'multiplier',
    how: 'multiply',
    domain: MULTIPLIER_DOMAIN,
    label_zh: '阶跃值的倍数',
    label_en: 'multiplier on the step values',
  },
  ranges: [
    {
      field: 'steps',
      label_zh: '阶跃值',
      label_en: 'step value',
      range: 'series',
      values: (m) => m.steps.map((q, i) => ({ path: `steps[${i}].value`, value: q.value })),
    },
  ],
  parameterValue: () => 1,
  validate(id, m) {
    validatePoints(id, 'steps', m.steps);
  },
  driver: () => null,
  missingEnds: false,
  run(L, lo, hi) {
    const { out, off, N, P, last } = L;
    const { nY, W0 } = L.ctx;
    const st = L.m.steps;
    const A = W0 + last;
    const a = anchorOffset(L);
    for (let i = last + 1; i < nY; i++) {
      const t = W0 + i;
      let sy = A;
      let sv = 0;
      let anchored = true;
      for (let k = 0; k < st.length; k++) {
        const q = st[k];
        if (q.year > A && q.year <= t && q.year >= sy) {
          sy = q.year;
          sv = q.value;
          anchored = false;
        }
      }
      const o = off + i * N;
      if (anchored) for (let d = lo; d < hi; d++) out[o + d] = out[a + d];
      else for (let d = lo; d < hi; d++) out[o + d] = sv * P[d];
    }
    return 0;
  },
  /** a multiplier on the step values (the anchor stays) */
  goalSeek: () => ({
    field: 'steps',
    label_zh: '阶跃值的倍数',
    label_en: 'multiplier on the step values',
    shows: 'number',
    range: [0, null],
    value: () => 1,
    with: (m, x) => ({ ...m, steps: m.steps.map((q) => ({ year: q.year, value: q.value * x })) }),
  }),
  withParameter: (m, value) => ({ ...m, steps: m.steps.map((q) => ({ year: q.year, value: q.value * value })) }),
};
