/**
 * Correlation groups: related uncertain assumptions (the energy, industrial-energy and CO2
 * decay rates; the sector elasticities in a downturn) drawn with a common factor.
 *
 * One-factor model. A group with loading λ (0 ≤ λ < 1) has its own standard normal factor f per
 * draw; member i's own normal e_i becomes v_i = λ·f + √(1 − λ²)·e_i, still N(0, 1), so each
 * member's distribution (its range, normal / triangular / uniform / lognormal through the inverse
 * CDF) is unchanged, and two members' normals correlate at λ². v_i then takes the place of e_i
 * beside the common macro shock: u_i = c_i·Z + √(1 − c_i²)·v_i (models/montecarlo.ts). λ = 0
 * leaves the draws exactly as without the group.
 *
 * The groups are declared with the plan's presets (plan.correlation_groups) and apply to every
 * scenario of the plan; a simulation may be given other groups (the same checks). A member whose
 * assumption carries no range in a scenario is left out of the group in that scenario.
 *
 * Pure: no Node, no DOM, no clock.
 */
import type { CorrelationGroup, Plan } from './schema';
import { ModelError } from './types';
import { resolvePresetAssumptions } from './presets';

export interface CorrelationIssue {
  /** the field, e.g. correlation_groups[0].members[2] */
  path: string;
  message_zh: string;
  message_en: string;
}

function fmt(x: unknown): string {
  return typeof x === 'number' && Number.isFinite(x) ? String(Number(x.toPrecision(6))) : String(x);
}

/**
 * The problems of a plan's correlation groups (or of `groups` given for it): a duplicate id, a
 * loading outside [0, 1), fewer than two members, a member that is not a series of the plan, a
 * derived series, a member listed twice or in two groups, and (with `ranges`, the default) a member
 * without a range in one of the plan's presets.
 */
export function correlationGroupIssues(
  plan: Pick<Plan, 'series' | 'presets'> & { correlation_groups?: readonly CorrelationGroup[] },
  groups: readonly CorrelationGroup[] = plan.correlation_groups ?? [],
  options: { ranges?: boolean } = {},
): CorrelationIssue[] {
  const issues: CorrelationIssue[] = [];
  const add = (path: string, zh: string, en: string) => issues.push({ path, message_zh: zh, message_en: en });
  const seriesById = new Map(plan.series.map((s) => [s.id, s]));
  const ids = new Set<string>();
  const owner = new Map<string, string>();
  const resolved: { p: Plan['presets'][number]; a: ReturnType<typeof resolvePresetAssumptions> }[] = [];
  if (options.ranges !== false) {
    for (const p of plan.presets ?? []) {
      try {
        resolved.push({ p, a: resolvePresetAssumptions(plan as Plan, p.id) });
      } catch {
        // a broken inheritance is reported by the plan's own checks
      }
    }
  }
  groups.forEach((g, i) => {
    const at = `correlation_groups[${i}]`;
    const gzh = `相关组“${g.name_zh || g.id}”`;
    const gen = `correlation group "${g.name_en || g.id}"`;
    if (ids.has(g.id)) add(`${at}.id`, `${gzh}：编号 ${g.id} 重复`, `${gen}: the id ${g.id} is used twice`);
    ids.add(g.id);
    const l = g.loading;
    if (typeof l !== 'number' || !(l >= 0 && l < 1)) {
      add(
        `${at}.loading`,
        `${gzh}：载荷 ${fmt(l)} 须在 0（含）至 1（不含）之间（0 即相互独立）`,
        `${gen}: the loading ${fmt(l)} must be at least 0 and below 1 (0 = independent)`,
      );
    }
    const members = Array.isArray(g.members) ? g.members : [];
    if (members.length < 2)
      add(
        `${at}.members`,
        `${gzh}：至少需要两个成员（当前 ${members.length} 个）`,
        `${gen}: needs at least two members (has ${members.length})`,
      );
    const seen = new Set<string>();
    members.forEach((m, j) => {
      const mp = `${at}.members[${j}]`;
      const s = seriesById.get(m);
      if (!s) {
        add(mp, `${gzh}：规划中没有序列“${m}”`, `${gen}: no series "${m}" in the plan`);
        return;
      }
      if (s.derived) {
        add(
          mp,
          `${gzh}：“${s.name_zh}”由其他序列计算，不设区间，不能加入相关组`,
          `${gen}: "${s.name_en}" is derived from other series, carries no range and cannot be a member`,
        );
        return;
      }
      if (seen.has(m)) {
        add(mp, `${gzh}：“${s.name_zh}”列出了两次`, `${gen}: "${s.name_en}" is listed twice`);
        return;
      }
      seen.add(m);
      const other = owner.get(m);
      if (other !== undefined && other !== g.id) {
        add(
          mp,
          `${gzh}：“${s.name_zh}”已属于相关组 ${other}，一个指标只能属于一个相关组`,
          `${gen}: "${s.name_en}" is already in correlation group ${other}; a series belongs to one group at most`,
        );
        return;
      }
      owner.set(m, g.id);
      for (const { p, a } of resolved) {
        if (!a[m]?.uncertainty) {
          add(
            mp,
            `${gzh}：“${s.name_zh}”在预设情景“${p.name_zh}”中未设区间，须先设区间`,
            `${gen}: "${s.name_en}" has no range in the preset "${p.name_en}"; give it a range first`,
          );
          break;
        }
      }
    });
  });
  return issues;
}

/** The structural checks of correlationGroupIssues (not the presets' ranges) as a ModelError. */
export function checkCorrelationGroups(plan: Pick<Plan, 'series' | 'presets'>, groups: readonly CorrelationGroup[]): void {
  const first = correlationGroupIssues(plan, groups, { ranges: false })[0];
  if (first)
    throw new ModelError(
      'bad_parameter',
      `${first.path}：${first.message_zh}`,
      `${first.path}: ${first.message_en}`,
      'correlation_groups',
      first.path,
    );
}

/** What a simulation used of a group: its members with a range in force (plan order). */
export interface GroupInForce {
  id: string;
  name_zh: string;
  name_en: string;
  loading: number;
  members: string[];
  /** the normal correlation of two members' draws, λ² (before the macro shock) */
  pair_correlation: number;
  /** the plan's loading, when the scenario set another one (`loading`) */
  plan_loading?: number;
  /** with `joint_sweep`: the joint probability at each of those loadings and at `loading` */
  joint_by_loading?: { loading: number; p_joint: number }[];
}

/**
 * The groups in force for a simulation's uncertain assumptions (ids in plan order): per
 * assumption, the index of its group (or -1), and each group with the members that carry a range.
 */
export function groupsInForce(
  groups: readonly CorrelationGroup[],
  paramIds: readonly string[],
): { of: Int32Array; groups: GroupInForce[] } {
  const of = new Int32Array(paramIds.length).fill(-1);
  const out: GroupInForce[] = groups.map((g) => ({
    id: g.id,
    name_zh: g.name_zh,
    name_en: g.name_en,
    loading: g.loading,
    members: [],
    pair_correlation: g.loading * g.loading,
  }));
  const idx = new Map<string, number>();
  groups.forEach((g, k) => g.members.forEach((m) => idx.set(m, k)));
  paramIds.forEach((id, k) => {
    const gi = idx.get(id);
    if (gi === undefined) return;
    of[k] = gi;
    out[gi].members.push(id);
  });
  return { of, groups: out };
}

type RangedAssumptions = Readonly<Record<string, { uncertainty?: { group_loading?: number } | null } | undefined>>;

/**
 * A group's loading in a scenario: the `uncertainty.group_loading` its members carry (the first
 * member, in the group's order, whose range has one: withGroupLoading writes them all alike), else
 * the plan's loading.
 */
export function scenarioLoading(group: CorrelationGroup, assumptions: RangedAssumptions): number {
  for (const m of group.members) {
    const g = assumptions[m]?.uncertainty?.group_loading;
    if (typeof g === 'number') return g;
  }
  return group.loading;
}

/** The groups with the loadings a scenario sets (a group it leaves alone is returned as it is). */
export function scenarioGroups(groups: readonly CorrelationGroup[], assumptions: RangedAssumptions): CorrelationGroup[] {
  return groups.map((g) => {
    const l = scenarioLoading(g, assumptions);
    return l === g.loading ? g : { ...g, loading: l };
  });
}

/**
 * What a scenario writes to set a group's loading (null: back to the plan's): every member whose
 * assumption has a range, with `uncertainty.group_loading` set (or removed), in one batch (one
 * revision, one undo step). A loading outside [0, 1), an unknown group or a group without a member
 * with a range is refused (ModelError bad_parameter, naming the group).
 */
export function withGroupLoading<A extends { series: string; uncertainty?: { group_loading?: number } | null }>(
  plan: Pick<Plan, 'correlation_groups'>,
  assumptions: Readonly<Record<string, A | undefined>>,
  groupId: string,
  loading: number | null,
): A[] {
  const g = (plan.correlation_groups ?? []).find((x) => x.id === groupId);
  if (!g)
    throw new ModelError(
      'bad_parameter',
      `规划中没有相关组“${groupId}”`,
      `the plan has no correlation group "${groupId}"`,
      'correlation_groups',
      'group',
    );
  if (loading !== null && (typeof loading !== 'number' || !(loading >= 0 && loading < 1)))
    throw new ModelError(
      'bad_parameter',
      `相关组“${g.name_zh}”：载荷 ${fmt(loading)} 须在 0（含）至 1（不含）之间（0 即相互独立）`,
      `correlation group "${g.name_en}": the loading ${fmt(loading)} must be at least 0 and below 1 (0 = independent)`,
      g.id,
      'loading',
    );
  const out: A[] = [];
  for (const m of g.members) {
    const a = assumptions[m];
    if (!a?.uncertainty) continue;
    const { group_loading: _old, ...rest } = a.uncertainty;
    void _old;
    out.push({ ...a, uncertainty: loading === null ? rest : { ...rest, group_loading: loading } });
  }
  if (out.length === 0)
    throw new ModelError(
      'bad_parameter',
      `相关组“${g.name_zh}”：本情景中没有成员设了区间，载荷无从设定`,
      `correlation group "${g.name_en}": no member has a range in this scenario, so there is no loading to set`,
      g.id,
      'members',
    );
  return out;
}
