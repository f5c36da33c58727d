/**
 * pipeline (重大项目投产): an underlying growth of the anchor's level plus named projects adding
 * output as they ramp up (output already running in the anchor year is not counted again). Range
 * on the underlying growth (the projects stay).
 */
import { badParameter, requireFinite, requireRate } from '../errors';
import { anchorOffset, RATE_DOMAIN, type GrowthModule, PLAUSIBLE_RATE } from './lanes';

/** A project's output in year t: capacity x min(1, (t - start + 1) / ramp) from its start year. */
function projectOutput(capacity: number, start: number, ramp: number, t: number): number {
  if (t < start) return 0;
  const share = (t - start + 1) / ramp;
  return capacity * (share < 1 ? share : 1);
}

export const pipeline: GrowthModule<'pipeline'> = {
  kind: 'pipeline',
  parameter: {
    parameter: 'underlying_rate',
    how: 'replace',
    domain: RATE_DOMAIN,
    label_zh: '基础增速',
    label_en: 'underlying growth rate',
  },
  ranges: [
    {
      field: 'underlying_rate',
      label_zh: '基础增速',
      label_en: 'underlying growth rate',
      range: PLAUSIBLE_RATE,
      percent: true,
      values: (m) => [{ path: 'underlying_rate', value: m.underlying_rate }],
    },
    {
      field: 'projects',
      label_zh: '项目达产产出',
      label_en: 'project capacity',
      range: 'series',
      values: (m) => m.projects.map((q, i) => ({ path: `projects[${i}].capacity`, value: q.capacity })),
    },
  ],
  parameterValue: (m) => m.underlying_rate ?? 0,
  validate(id, m) {
    if (m.underlying_rate !== undefined) requireRate(m.underlying_rate, id, 'underlying_rate');
    const ps = m.projects ?? [];
    for (let i = 0; i < ps.length; i++) {
      requireFinite(ps[i].capacity, id, `projects[${i}].capacity`);
      const sy = requireFinite(ps[i].start_year, id, `projects[${i}].start_year`);
      if (!Number.isInteger(sy)) throw badParameter(id, `projects[${i}].start_year`, 'must be a whole year', '须为整数年份');
      if (ps[i].ramp_years !== undefined) {
        const r = requireFinite(ps[i].ramp_years, id, `projects[${i}].ramp_years`);
        if (!(r >= 1)) throw badParameter(id, `projects[${i}].ramp_years`, 'must be at least 1', '须不小于 1');
      }
    }
  },
  driver: () => null,
  missingEnds: true,
  run(L, lo, hi) {
    const { out, off, N, P, last } = L;
    const { nY, W0 } = L.ctx;
    const ps = L.m.projects ?? [];
    const A = W0 + last;
    if (!L.scratch || L.scratch.length < N) L.scratch = new Float64Array(N);
    // the underlying level per lane, grown year by year
    const base = L.scratch;
    const a = anchorOffset(L);
    for (let d = lo; d < hi; d++) base[d] = out[a + d];
    for (let i = last + 1; i < nY; i++) {
      const t = W0 + i;
      let a = 0;
      for (let k = 0; k < ps.length; k++) {
        const q = ps[k];
        a += projectOutput(q.capacity, q.start_year, q.ramp_years ?? 1, t) - projectOutput(q.capacity, q.start_year, q.ramp_years ?? 1, A);
      }
      const o = off + i * N;
      for (let d = lo; d < hi; d++) {
        const b = base[d] * (1 + P[d]);
        const v = b + a;
        if (v - v === 0) {
          base[d] = b;
          out[o + d] = v;
        } else {
          base[d] = Number.NaN;
          out[o + d] = Number.NaN;
        }
      }
    }
    return 0;
  },
  /**
   * the projects' capacity (their total, each project scaled alike; shared equally when all are 0),
   * in the series' range; without projects, the underlying growth rate
   */
  goalSeek(m) {
    const ps = m.projects ?? [];
    if (ps.length === 0) {
      return {
        field: 'underlying_rate',
        label_zh: '基础增速',
        label_en: 'underlying growth rate',
        shows: 'rate',
        range: PLAUSIBLE_RATE,
        value: (mm) => mm.underlying_rate ?? 0,
        with: (mm, x) => ({ ...mm, underlying_rate: x }),
      };
    }
    return {
      field: 'projects',
      label_zh: '项目达产产出',
      label_en: 'project capacity',
      shows: 'series',
      range: 'series',
      value: (mm) => mm.projects.reduce((a, q) => a + q.capacity, 0),
      with(mm, x) {
        const total = mm.projects.reduce((a, q) => a + q.capacity, 0);
        const n = mm.projects.length;
        return { ...mm, projects: mm.projects.map((q) => ({ ...q, capacity: total !== 0 ? q.capacity * (x / total) : x / n })) };
      },
    };
  },
  withParameter: (m, value) => ({ ...m, underlying_rate: value }),
};
