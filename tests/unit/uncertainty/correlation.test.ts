/**
 * Correlation groups (models/correlation.ts): members share a common normal factor, their
 * marginals stay as they were, their normals correlate at λ², λ = 0 is exactly independence; the
 * plan's checks; the joint probability of the three green targets on the real plan rises with the
 * loading; common random numbers between scenarios (streams keyed by series and group, not position).
 */
import { describe, expect, it } from 'vitest';
import { comparisonSeed, sampleParameters, simulatePlan } from '../../../models/montecarlo';
import { groupsBehindJoint } from '../../../models/probability';
import { correlationGroupIssues } from '../../../models/correlation';
import { normalInv } from '../../../models/random';
import { distributionOf, quantileOf, uncertainParameter } from '../../../models/uncertainty';
import { ModelError } from '../../../models/types';
import { Plan, type CorrelationGroup } from '../../../models/schema';
import { parsePlan } from '../../../scenarios/plan/load';
import fs from 'node:fs';
import { U, fullAssumptions, fullPlan, realInput, withU, REAL_PLAN_FILE } from './fixtures';

const N = 20_000;
const SEED = 20240101;

function group(members: string[], loading: number, id = 'g'): CorrelationGroup {
  return { id, name_zh: '测试组', name_en: 'test group', members, loading, rationale_zh: '', rationale_en: '' };
}

function corr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

function quantile(x: Float64Array, p: number): number {
  const s = Float64Array.from(x).sort();
  return s[Math.round((s.length - 1) * p)];
}

/** A fixture whose group mixes a normal, a triangular and a uniform range, none on the macro shock. */
function mixed() {
  const plan = fullPlan();
  const assumptions = fullAssumptions();
  // ind: normal elasticity; steel: triangular underlying rate; flow2: uniform rate; all c = 0
  assumptions.flow2 = withU(assumptions.flow2, U(0, 0.1, { distribution: 'uniform' }));
  return { plan, assumptions };
}

/** The standard normal behind a draw, Φ⁻¹(F(x)), for the three shapes of `mixed`. */
function normalOf(series: string, x: number, input: ReturnType<typeof mixed>): number {
  const a = input.assumptions[series];
  const spec = distributionOf(a.uncertainty!, series, uncertainParameter(a.model));
  if (spec.distribution === 'normal') return (x - spec.mean) / spec.sd;
  if (spec.distribution === 'uniform') return normalInv((x - spec.min) / (spec.max - spec.min));
  if (spec.distribution === 'triangular') {
    const { min, mode, max } = spec;
    const F = x <= mode ? (x - min) ** 2 / ((max - min) * (mode - min)) : 1 - (max - x) ** 2 / ((max - min) * (max - mode));
    return normalInv(F);
  }
  throw new Error('unexpected shape');
}

describe('correlation groups: the draws', () => {
  const members = ['ind', 'steel', 'flow2'];

  it('loading 0 gives exactly the draws without a group', () => {
    const input = mixed();
    const plain = sampleParameters({ ...input, draws: 2000, seed: SEED, correlation_groups: [] });
    const zero = sampleParameters({ ...input, draws: 2000, seed: SEED, correlation_groups: [group(members, 0)] });
    expect(zero.series).toEqual(plain.series);
    zero.values.forEach((v, k) => expect(Array.from(v)).toEqual(Array.from(plain.values[k])));
  });

  it('keeps every member’s marginal (normal, triangular, uniform) and correlates the normals at λ²', () => {
    const input = mixed();
    for (const lambda of [0.5, 0.8]) {
      const r = sampleParameters({ ...input, draws: N, seed: SEED, correlation_groups: [group(members, lambda)] });
      const col = (id: string) => r.values[r.series.indexOf(id)];
      for (const id of members) {
        const a = input.assumptions[id];
        const spec = distributionOf(a.uncertainty!, id, uncertainParameter(a.model));
        const x = col(id);
        const sd = quantileOf(spec, 0.8413447460685429) - quantileOf(spec, 0.5);
        // quantiles of the draws agree with the distribution's (standard error of a quantile at
        // these sizes is below 0.02 sd; 0.05 sd is far outside sampling error)
        for (const p of [0.05, 0.25, 0.5, 0.75, 0.95]) expect(Math.abs(quantile(x, p) - quantileOf(spec, p))).toBeLessThan(0.05 * sd);
      }
      const z = members.map((id) => Float64Array.from(col(id), (x) => normalOf(id, x, input)));
      // sample correlation of the normals: λ², standard error (1 − ρ²)/√N < 0.007
      for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) expect(Math.abs(corr(z[i], z[j]) - lambda * lambda)).toBeLessThan(0.03);
      // a non-member stays independent of the members
      const other = col('labs');
      expect(Math.abs(corr(other, z[0]))).toBeLessThan(0.03);
    }
  });

  it('the compiled path and the per-draw reference draw the same correlated parameters', () => {
    const input = mixed();
    const groups = [group(members, 0.8)];
    const a = simulatePlan({ ...input, draws: 300, seed: SEED, correlation_groups: groups });
    const b = simulatePlan({ ...input, draws: 300, seed: SEED, correlation_groups: groups }, { method: 'per_draw' });
    expect(b.method).toBe('per_draw');
    expect(b.targets.map((t) => t.p_meet)).toEqual(a.targets.map((t) => t.p_meet));
    const plain = simulatePlan({ ...input, draws: 300, seed: SEED, correlation_groups: [] });
    expect(plain.targets.map((t) => t.p_meet)).not.toEqual(a.targets.map((t) => t.p_meet));
  });

  it('uses the plan’s groups by default and says which it used', () => {
    const input = mixed();
    const plan: Plan = { ...input.plan, correlation_groups: [group(['ind', 'steel', 'plain'], 0.7, 'demand')] };
    const r = simulatePlan({ plan, assumptions: input.assumptions, draws: 500, seed: SEED });
    // `plain` carries no range in this scenario: left out of the group in force
    expect(r.correlation_groups).toEqual([
      { id: 'demand', name_zh: '测试组', name_en: 'test group', loading: 0.7, members: ['ind', 'steel'], pair_correlation: 0.7 * 0.7 },
    ]);
    const none = simulatePlan({ plan, assumptions: input.assumptions, draws: 500, seed: SEED, correlation_groups: [] });
    expect(none.correlation_groups).toEqual([]);
  });

  it('refuses a loading outside [0, 1), an unknown or derived member, a member in two groups (bilingual)', () => {
    const input = mixed();
    const bad: [CorrelationGroup[], RegExp, RegExp][] = [
      [[group(members, 1)], /载荷 1 须在 0（含）至 1（不含）之间/, /loading 1 must be at least 0 and below 1/],
      [[group(members, -0.2)], /载荷 -0.2/, /loading -0.2/],
      [[group(['ind', 'nope'], 0.5)], /规划中没有序列“nope”/, /no series "nope"/],
      [[group(['ind', 'energy_int'], 0.5)], /由其他序列计算/, /derived/],
      [[group(['ind', 'steel'], 0.5, 'a'), group(['steel', 'flow2'], 0.5, 'b')], /已属于相关组 a/, /already in correlation group a/],
      [[group(['ind'], 0.5)], /至少需要两个成员/, /at least two members/],
    ];
    for (const [groups, zh, en] of bad) {
      let err: unknown;
      try {
        simulatePlan({ ...input, draws: 10, seed: 1, correlation_groups: groups });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ModelError);
      expect((err as ModelError).message_zh).toMatch(zh);
      expect((err as ModelError).message_en).toMatch(en);
    }
  });
});

describe('correlation groups: the plan', () => {
  const text = fs.existsSync(REAL_PLAN_FILE) ? fs.readFileSync(REAL_PLAN_FILE, 'utf8') : null;

  it('the real plan ships the green-decay (0.8) and sector-elasticity groups, each documented', () => {
    if (!text) return;
    const r = parsePlan(JSON.parse(text));
    expect(r.ok).toBe(true);
    const plan = (r as { plan: Plan }).plan;
    const groups = plan.correlation_groups ?? [];
    const green = groups.find((g) => g.id === 'green_decay');
    expect(green?.loading).toBe(0.8);
    expect(green?.members).toEqual(['energy_consumption', 'industrial_energy', 'co2_emissions']);
    const sectors = groups.find((g) => g.id === 'sector_elasticities');
    expect(sectors?.members.length).toBeGreaterThanOrEqual(3);
    for (const g of groups) {
      expect(g.rationale_zh.length).toBeGreaterThan(20);
      expect(g.rationale_en.length).toBeGreaterThan(20);
    }
  });

  it('refuses a group member without a range in a preset, naming the indicator and the preset', () => {
    if (!text) return;
    const json = JSON.parse(text);
    json.correlation_groups[0].members.push('industrial_water_intensity');
    const derived = parsePlan(json);
    expect(derived.ok).toBe(false);
    json.correlation_groups[0].members.pop();
    // a series with an assumption but no range (规上工业营业收入 or the like): find one
    const plan = Plan.parse(JSON.parse(text));
    const base = plan.presets.find((p) => p.id === 'baseline')!;
    const unranged = base.assumptions.find((a) => !a.uncertainty)!;
    json.correlation_groups[0].members.push(unranged.series);
    const r = parsePlan(json);
    expect(r.ok).toBe(false);
    const name = plan.series.find((s) => s.id === unranged.series)!.name_zh;
    const issue = (r as { errors: { path: string; message_zh: string; message_en: string }[] }).errors[0];
    expect(issue.path).toBe('correlation_groups[0].members[3]');
    expect(issue.message_zh).toContain(`“${name}”在预设情景“`);
    expect(issue.message_zh).toContain('未设区间');
    expect(issue.message_en).toContain('has no range in the preset');
    // the schema refuses a loading of 1
    json.correlation_groups[0].members.pop();
    json.correlation_groups[0].loading = 1;
    expect(parsePlan(json).ok).toBe(false);
    expect(correlationGroupIssues(plan)).toEqual([]);
  });
});

describe('the joint probability of the three green targets moves with the loading (real plan)', () => {
  const JOINT = ['energy_intensity_reduction', 'industrial_energy_intensity_reduction', 'co2_intensity_reduction'];

  it('rises markedly from loading 0 to 0.8, the targets’ own probabilities unchanged within sampling error', () => {
    const input = realInput('baseline');
    if (!input) return;
    const green = input.plan.correlation_groups!.find((g) => g.id === 'green_decay')!;
    const at = (loading: number) =>
      simulatePlan({ ...input, draws: 10_000, seed: SEED, joint: JOINT, correlation_groups: [{ ...green, loading }] });
    const r0 = at(0);
    const r8 = at(0.8);
    // figures for the report: baseline, seed 20240101, 10,000 draws: 3.8% at 0, 14.6% at 0.8
    expect(r0.p_joint!).toBeLessThan(0.06);
    expect(r8.p_joint!).toBeGreaterThan(0.12);
    expect(r8.p_joint!).toBeGreaterThan(2.5 * r0.p_joint!);
    for (const id of JOINT) {
      const a = r0.targets.find((t) => t.id === id)!;
      const b = r8.targets.find((t) => t.id === id)!;
      expect(Math.abs(a.p_meet - b.p_meet)).toBeLessThan(4 * Math.SQRT2 * Math.max(a.p_meet_se, 0.005));
    }
    expect(r8.correlation_groups[0]).toMatchObject({ id: 'green_decay', loading: 0.8, members: green.members });
  });
});

describe('common random numbers between scenarios', () => {
  it('two identical scenarios with the same seed give identical results', () => {
    const input = realInput('stretch');
    if (!input) return;
    const a = simulatePlan({ ...input, draws: 5000, seed: SEED });
    const b = simulatePlan({ ...input, assumptions: structuredClone(input.assumptions), draws: 5000, seed: SEED });
    expect(b.targets).toEqual(a.targets);
    expect(b.series).toEqual(a.series);
  });

  it('a one-lever change moves only the targets that depend on it, even inside a group', () => {
    const input = realInput('baseline');
    if (!input) return;
    const a = simulatePlan({ ...input, draws: 5000, seed: SEED });
    const co2 = input.assumptions.co2_emissions;
    const changed = { ...input.assumptions, co2_emissions: { ...co2, model: { ...co2.model, rate: 0.07 } as typeof co2.model } };
    const b = simulatePlan({ ...input, assumptions: changed, draws: 5000, seed: SEED });
    const moved = a.targets
      .filter((t, k) => t.p_meet !== b.targets[k].p_meet || JSON.stringify(t.percentiles) !== JSON.stringify(b.targets[k].percentiles))
      .map((t) => t.id);
    expect(moved.length).toBeGreaterThan(0);
    // only CO2 targets moved (the energy targets in the same group keep their draws exactly)
    for (const id of moved) expect(id).toMatch(/co2|carbon/);
    expect(moved).toContain('co2_intensity_reduction');
  });

  it('draws are keyed by series, not position: a range added earlier in the plan leaves the others’ draws unchanged', () => {
    const input = realInput('baseline');
    if (!input) return;
    const first = sampleParameters({ ...input, draws: 1000, seed: SEED });
    // the first series in plan order with an assumption and no range gets one
    const ids = input.plan.series.map((s) => s.id);
    const target = ids.find(
      (id) =>
        input.assumptions[id] &&
        !input.assumptions[id].uncertainty &&
        !input.plan.series.find((s) => s.id === id)!.derived &&
        input.assumptions[id].model.type === 'cagr',
    );
    expect(target).toBeDefined();
    expect(ids.indexOf(target!)).toBeLessThan(ids.indexOf(first.series[first.series.length - 1]));
    const a = input.assumptions[target!];
    const more = sampleParameters({
      ...input,
      assumptions: { ...input.assumptions, [target!]: { ...a, uncertainty: U(0.01, 0.05) } },
      draws: 1000,
      seed: SEED,
    });
    expect(more.series.length).toBe(first.series.length + 1);
    first.series.forEach((id, k) => expect(Array.from(more.values[more.series.indexOf(id)])).toEqual(Array.from(first.values[k])));
  });
});

describe('comparisons', () => {
  it("comparisonSeed is the reference (first) scenario's seed, and refuses no scenario", () => {
    expect(comparisonSeed([17, 4, 99])).toBe(17);
    expect(() => comparisonSeed([])).toThrow(ModelError);
  });

  it('the joint probability names the groups coupling two of its inputs, not the others', () => {
    const input = realInput('baseline');
    if (!input) return;
    const r = simulatePlan({ ...input, draws: 200, seed: SEED });
    expect(r.correlation_groups.map((g) => g.id)).toEqual(['green_decay', 'sector_elasticities']);
    const green = ['energy_intensity_reduction', 'industrial_energy_intensity_reduction', 'co2_intensity_reduction'];
    expect(groupsBehindJoint(input, r.correlation_groups, green).map((g) => g.id)).toEqual(['green_decay']);
    // one green target alone: a single member upstream, nothing coupled within the set
    expect(groupsBehindJoint(input, r.correlation_groups, ['co2_intensity_reduction']).map((g) => g.id)).toEqual([]);
    expect(groupsBehindJoint(input, r.correlation_groups, ['trade_growth', 'high_value_patents_per_10k'])).toEqual([]);
    // at loading 0 no group is named
    expect(
      groupsBehindJoint(
        input,
        r.correlation_groups.map((g) => ({ ...g, loading: 0 })),
        green,
      ),
    ).toEqual([]);
  });
});
