/** flat: the anchor's value held. Range on a multiplier on the level held. */
import { anchorOffset, levelsAsSteps, MULTIPLIER_DOMAIN, type GrowthModule } from './lanes';

export const flat: GrowthModule<'flat'> = {
  kind: 'flat',
  parameter: {
    parameter: 'multiplier',
    how: 'multiply',
    domain: MULTIPLIER_DOMAIN,
    label_zh: '保持水平的倍数',
    label_en: 'multiplier on the level held',
  },
  ranges: [],
  parameterValue: () => 1,
  validate() {},
  driver: () => null,
  missingEnds: false,
  run(L, lo, hi) {
    const { out, off, N, P, last } = L;
    const nY = L.ctx.nY;
    const a = anchorOffset(L);
    for (let i = last + 1; i < nY; i++) {
      const o = off + i * N;
      for (let d = lo; d < hi; d++) {
        const v = out[a + d] * P[d];
        out[o + d] = v - v === 0 ? v : Number.NaN;
      }
    }
    return 0;
  },
  /** a level held has nothing to solve for (a multiplier would make it a step model) */
  goalSeek: () => null,
  /** the multiplied level as a step model */
  withParameter(m, value, ctx, s, last) {
    const vA = ctx.vals[s * ctx.nY + last];
    return levelsAsSteps(ctx, last, value, () => vA) ?? m;
  },
};
