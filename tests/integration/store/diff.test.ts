import { afterEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../../models/schema';
import type { ProjectionResult, ResolvedAssumption, TargetEvaluation } from '../../../models/types';
import { diffAssumptions, diffWithEffect } from '../../../scenarios/store/diff';
import { cagr, cleanupTmp, makePlan, openTmp } from './fixtures';

afterEach(cleanupTmp);

/** A tiny stand-in for the engine: base value grown at the cagr rate to the target year. */
function tinyProjector(plan: Plan) {
  // a scenario that sets only a rate keeps the plan's base value (as the engine would the actual)
  const base = Object.fromEntries(plan.presets[0]!.assumptions.map((a) => [a.series, a.base_value ?? 0]));
  return (assumptions: Record<string, ResolvedAssumption>): ProjectionResult => {
    const level = (series: string, year: number): number => {
      const a = assumptions[series]!;
      const r = a.model.type === 'cagr' ? a.model.rate : 0;
      return (a.base_value ?? base[series]!) * (1 + r) ** (year - plan.base_year);
    };
    const targets = plan.targets.map((t) => {
      const projected =
        t.series === 'mfg_share' ? (level('mfg', t.target_year) / level('gdp', t.target_year)) * 100 : level(t.series, t.target_year);
      const met = projected >= (t.target as number);
      return { id: t.id, series: t.series, projected, met, status: met ? 'achieved_early' : 'lagging' } as unknown as TargetEvaluation;
    });
    return { base_year: plan.base_year, horizon: 2026, series: {}, targets, rollup: {} } as unknown as ProjectionResult;
  };
}

describe('diff', () => {
  it('lists every resolved assumption that differs, naming the fields', () => {
    const { store } = openTmp();
    const a = store.create({ name: 'A', parent_id: 'baseline', assumptions: [cagr('steel', 0.1, { rationale: '理由一' })] });
    const b = store.create({
      name: 'B',
      parent_id: 'baseline',
      assumptions: [
        cagr('steel', 0.12, { rationale: '理由二', base_value: 410 }),
        { series: 'exports', base_value: 200, model: { type: 'flat' } },
        cagr('mfg', 0.07, { base_value: 450, uncertainty: { low: 0.05, high: 0.09 } }),
        // same substance as the plan default: no difference
        cagr('gdp', 0.06, { base_value: 1800, rationale: '近年平均', author: 'someone else' }),
      ],
    });
    const d = store.diff({ id: a.id }, { id: b.id });
    expect(d.map((e) => e.series)).toEqual(['steel', 'exports', 'mfg']);
    expect(d[0]!.fields).toEqual(['base_value', 'model.rate', 'rationale']);
    expect(d[0]!.a!.from).toBe(a.id);
    expect(d[0]!.b!.from).toBe(b.id);
    expect(d[1]!.fields).toEqual(['model.type', 'model.rate']);
    expect(d[1]!.a!.from).toBe('plan:baseline');
    expect(d[2]!.fields).toEqual(['uncertainty']);

    // the same scenario at two revisions
    store.setAssumption(a.id, cagr('steel', 0.1, { rationale: '理由一', uncertainty: { low: 0.08, high: 0.12 } }));
    store.setAssumption(a.id, cagr('steel', 0.1, { rationale: '理由一', uncertainty: { low: 0.07, high: 0.12 } }));
    const dr = store.diff({ id: a.id, rev: 2 }, { id: a.id, rev: 3 });
    expect(dr).toHaveLength(1);
    expect(dr[0]!.fields).toEqual(['uncertainty.low']);
    expect(store.diff({ id: a.id }, { id: a.id })).toEqual([]);
    store.close();
  });

  it('names a series set on one side only', () => {
    const x = {
      series: 'steel',
      base_value: null,
      model: { type: 'flat' as const },
      uncertainty: null,
      rationale: '',
      source: '',
      author: '',
      updated_at: '',
      from: 's1',
    };
    expect(diffAssumptions({ steel: x }, {})).toEqual([{ series: 'steel', a: x, b: null, fields: ['assumption'] }]);
  });

  it('diffWithEffect adds each target in A and B and the change', () => {
    const { store } = openTmp();
    const plan = makePlan();
    const stretch = store.list().find((s) => s.preset_id === 'stretch')!;
    const fast = store.create({ name: '钢铁加快', parent_id: 'baseline', assumptions: [cagr('steel', 0.22, { base_value: 400 })] });
    const project = tinyProjector(plan);

    const out = diffWithEffect(plan, store.resolve('baseline'), store.resolve(fast.id), project);
    expect(out.assumptions.map((e) => e.series)).toEqual(['steel']);
    const steel = out.targets.find((t) => t.target === 't_steel')!;
    expect(steel.a).toBeCloseTo(400 * 1.08 ** 3, 6);
    expect(steel.b).toBeCloseTo(400 * 1.22 ** 3, 6);
    expect(steel.change).toBeCloseTo(400 * (1.22 ** 3 - 1.08 ** 3), 6);
    expect(steel).toMatchObject({
      met_a: false,
      met_b: true,
      status_a: 'lagging',
      status_b: 'achieved_early',
      changed: true,
      name_zh: '精品钢产值达700亿元',
    });
    const share = out.targets.find((t) => t.target === 't_share')!;
    expect(share.changed).toBe(false);
    expect(share.change).toBe(0);

    // a stretch GDP moves the share target
    const viaStore = store.diffWithEffect({ id: 'baseline' }, { id: stretch.id }, project);
    expect(viaStore.assumptions.map((e) => e.series)).toEqual(['gdp']);
    const s2 = viaStore.targets.find((t) => t.target === 't_share')!;
    expect(s2.changed).toBe(true);
    expect(s2.change!).toBeLessThan(0);
    // the store-resolving form gives the same
    expect(diffWithEffect(store, plan, { id: 'baseline' }, { id: stretch.id }, project)).toEqual(viaStore);
    store.close();
  });
});
