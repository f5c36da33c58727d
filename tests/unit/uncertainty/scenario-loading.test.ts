/**
 * A scenario sets a correlation group's loading (issue 17.4): stored as uncertainty.group_loading
 * on every member with a range (models/correlation.ts withGroupLoading), read by scenarioGroups and
 * the simulation; the joint probability at other loadings (joint_sweep) with the same draws.
 */
import { describe, expect, it } from 'vitest';
import { simulatePlan } from '../../../models/montecarlo';
import { scenarioGroups, scenarioLoading, withGroupLoading } from '../../../models/correlation';
import { validateUncertainty } from '../../../models/uncertainty';
import { ModelError } from '../../../models/types';
import { realInput } from './fixtures';

const SEED = 20240101;
const JOINT = ['energy_intensity_reduction', 'industrial_energy_intensity_reduction', 'co2_intensity_reduction'];

function setLoading(input: NonNullable<ReturnType<typeof realInput>>, group: string, loading: number | null) {
  const written = withGroupLoading(input.plan, input.assumptions, group, loading);
  return { ...input, assumptions: { ...input.assumptions, ...Object.fromEntries(written.map((a) => [a.series, a])) } };
}

describe('a scenario sets a group’s loading', () => {
  it('without one the plan’s loading holds; withGroupLoading writes every member with a range', () => {
    const input = realInput('baseline');
    if (!input) return;
    const green = input.plan.correlation_groups!.find((g) => g.id === 'green_decay')!;
    expect(scenarioLoading(green, input.assumptions)).toBe(0.8);
    expect(scenarioGroups(input.plan.correlation_groups!, input.assumptions)).toEqual(input.plan.correlation_groups);
    const written = withGroupLoading(input.plan, input.assumptions, 'green_decay', 0.3);
    expect(written.map((a) => a.series)).toEqual(green.members);
    for (const a of written) {
      expect(a.uncertainty!.group_loading).toBe(0.3);
      // the range itself is kept
      const { group_loading: _g, ...range } = a.uncertainty!;
      void _g;
      expect(range).toEqual(input.assumptions[a.series].uncertainty);
    }
    const set = setLoading(input, 'green_decay', 0.3);
    expect(scenarioLoading(green, set.assumptions)).toBe(0.3);
    // back to the plan's: the field removed
    const back = setLoading(set, 'green_decay', null);
    for (const m of green.members) expect(back.assumptions[m].uncertainty).toEqual(input.assumptions[m].uncertainty);
  });

  it('refuses a loading outside [0, 1), an unknown group, naming the group in both languages', () => {
    const input = realInput('baseline');
    if (!input) return;
    for (const bad of [1, -0.1, 1.5, Number.NaN]) {
      let err: unknown;
      try {
        withGroupLoading(input.plan, input.assumptions, 'green_decay', bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ModelError);
      expect((err as ModelError).message_zh).toContain('能耗与碳排放降幅');
      expect((err as ModelError).message_zh).toContain('0（含）至 1（不含）');
      expect((err as ModelError).message_en).toContain('below 1');
    }
    expect(() => withGroupLoading(input.plan, input.assumptions, 'nope', 0.5)).toThrow(/nope/);
    // a stored range carrying a loading out of bounds is refused by the range's own checks
    expect(() =>
      validateUncertainty(
        { low: 0, high: 0.1, confidence: 0.9, distribution: 'normal', correlation: 0, group_loading: 1 },
        'co2_emissions',
      ),
    ).toThrow(/group_loading/);
  });

  it('the simulation draws with the scenario’s loading: the same as giving the group at that loading', () => {
    const input = realInput('baseline');
    if (!input) return;
    const set = setLoading(input, 'green_decay', 0.3);
    const a = simulatePlan({ ...set, draws: 4000, seed: SEED, joint: JOINT });
    const groups = input.plan.correlation_groups!.map((g) => (g.id === 'green_decay' ? { ...g, loading: 0.3 } : g));
    const b = simulatePlan({ ...input, draws: 4000, seed: SEED, joint: JOINT, correlation_groups: groups });
    expect(a.p_joint).toBe(b.p_joint);
    expect(a.targets.map((t) => t.p_meet)).toEqual(b.targets.map((t) => t.p_meet));
    const g = a.correlation_groups.find((x) => x.id === 'green_decay')!;
    expect(g.loading).toBe(0.3);
    expect(g.plan_loading).toBe(0.8);
    expect(g.pair_correlation).toBeCloseTo(0.09, 12);
    // untouched: the other group, and a run without the scenario's loading
    expect(a.correlation_groups.find((x) => x.id === 'sector_elasticities')!.plan_loading).toBeUndefined();
    const plain = simulatePlan({ ...input, draws: 4000, seed: SEED, joint: JOINT });
    expect(plain.correlation_groups.find((x) => x.id === 'green_decay')!.plan_loading).toBeUndefined();
    expect(plain.p_joint).not.toBe(a.p_joint);
  });

  it('joint_sweep: the joint probability at 0, the scenario’s loading and 0.8, rising with the loading, from the same draws', () => {
    const input = realInput('baseline');
    if (!input) return;
    const set = setLoading(input, 'green_decay', 0.5);
    const r = simulatePlan({ ...set, draws: 10_000, seed: SEED, joint: JOINT, joint_sweep: [0, 0.8] });
    const g = r.correlation_groups.find((x) => x.id === 'green_decay')!;
    expect(g.joint_by_loading!.map((x) => x.loading)).toEqual([0, 0.5, 0.8]);
    const [p0, p5, p8] = g.joint_by_loading!.map((x) => x.p_joint);
    // the scenario's point is the run's own joint probability
    expect(p5).toBe(r.p_joint);
    expect(p0).toBeLessThan(p5);
    expect(p5).toBeLessThan(p8);
    // the other points are the runs at those loadings, same seed
    const at = (l: number) =>
      simulatePlan({
        ...input,
        draws: 10_000,
        seed: SEED,
        joint: JOINT,
        correlation_groups: input.plan.correlation_groups!.map((x) => (x.id === 'green_decay' ? { ...x, loading: l } : x)),
      }).p_joint;
    expect(p0).toBe(at(0));
    expect(p8).toBe(at(0.8));
    // no joint set: nothing swept; a bad sweep is refused
    expect(simulatePlan({ ...set, draws: 1000, seed: SEED, joint_sweep: [0] }).correlation_groups[0].joint_by_loading).toBeUndefined();
    expect(() => simulatePlan({ ...set, draws: 1000, seed: SEED, joint: JOINT, joint_sweep: [1] })).toThrow(/joint_sweep/);
  });
});
