/**
 * Sensitivity and attribution: which assumption drives which target.
 *
 * - tornado(input, targetId): each uncertain assumption moved to the low and to the high end of its
 *   range, the others held at their central value (the median of their distribution); the target's
 *   judged value in its target year at each end, bars sorted by swing |high - low|.
 * - sensitivityMatrix(input): the same swings for every target at once (assumptions x targets),
 *   signed, and normalised per target by the largest swing on that target (-1..1), for a heatmap.
 * - attribution(a, b): for each target, the change of its projected (judged) value from scenario A
 *   to scenario B split among the assumptions that differ (series whose resolved assumption differs,
 *   plus the input's actuals and settings when they differ). Up to 8 differences: the Shapley value
 *   (exact, 2^n projections); more: each difference applied alone to A, in plan order, with the
 *   interaction remainder as its own bar (交互作用 / interaction). The bars sum to the total change
 *   exactly: the last bar absorbs the floating-point rounding of the sum (an adjustment of a few
 *   units in the last place), so that adding the bars from left to right gives B - A bit for bit.
 *
 * Tornado and matrix run through the compiled Monte Carlo program (models/montecarlo.ts) with one
 * "draw" per parameter set; attribution runs projectPlan per coalition, since the assumptions that
 * differ may differ in model type, not only in a parameter. Pure: no Node, no DOM, no clock.
 */
import type { Assumption, Plan, Target } from './schema';
import { ModelError, type ProjectionInput } from './types';
import { projectPlan } from './engine';
import { evaluateParameterSets, type UncertainParam } from './montecarlo';

// =============================================================================================
// Tornado and sensitivity matrix
// =============================================================================================

export interface TornadoBar {
  series: string;
  name_zh: string;
  name_en: string;
  parameter: string;
  how: 'replace' | 'shift' | 'multiply';
  distribution: string;
  /** the parameter at the low end, the centre and the high end of its range */
  low: number;
  central: number;
  high: number;
  /** the target's judged value with this parameter at its low / high end (null: no value) */
  value_low: number | null;
  value_high: number | null;
  /** |value_high - value_low| (null when either has no value) */
  swing: number | null;
}

export interface TornadoResult {
  target: string;
  name_zh: string;
  name_en: string;
  kind: Target['kind'];
  unit: string;
  comparator: Target['comparator'];
  comparator_zh: string;
  target_value: number | [number, number];
  target_year: number;
  /** every uncertain parameter at its central value */
  base: number | null;
  /** every parameter at the scenario's own value (= projectPlan's projected value) */
  scenario: number | null;
  bars: TornadoBar[];
}

function fin(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Sets: 0 all central; 1 scenario's own values; 2 + 2i param i low; 3 + 2i param i high. */
function buildSets(params: UncertainParam[]): Float64Array[] {
  const K = params.length;
  const central = Float64Array.from(params, (p) => p.spec.median);
  const own = Float64Array.from(params, (p) => p.info.value);
  const sets: Float64Array[] = [central, own];
  for (let i = 0; i < K; i++) {
    const lo = central.slice();
    lo[i] = params[i].spec.low;
    const hi = central.slice();
    hi[i] = params[i].spec.high;
    sets.push(lo, hi);
  }
  return sets;
}

function seriesNames(plan: Plan): Map<string, { zh: string; en: string }> {
  return new Map(plan.series.map((s) => [s.id, { zh: s.name_zh, en: s.name_en }]));
}

export function tornado(input: ProjectionInput, targetId: string, options: { method?: 'auto' | 'per_draw' } = {}): TornadoResult {
  const k = input.plan.targets.findIndex((t) => t.id === targetId);
  if (k < 0) {
    throw new ModelError('unknown_series', `${targetId}：规划中没有该指标`, `${targetId}: no such target in the plan`, targetId, 'target');
  }
  const r = evaluateParameterSets(input, buildSets, options);
  const t = input.plan.targets[k];
  const v = r.values[k];
  const names = seriesNames(input.plan);
  const bars: TornadoBar[] = r.params.map((p, i) => {
    const lo = fin(v[2 + 2 * i]);
    const hi = fin(v[3 + 2 * i]);
    const nm = names.get(p.id) ?? { zh: p.id, en: p.id };
    return {
      series: p.id,
      name_zh: nm.zh,
      name_en: nm.en,
      parameter: p.info.parameter,
      how: p.info.how,
      distribution: p.spec.distribution,
      low: p.spec.low,
      central: p.spec.median,
      high: p.spec.high,
      value_low: lo,
      value_high: hi,
      swing: lo !== null && hi !== null ? Math.abs(hi - lo) : null,
    };
  });
  bars.sort((a, b) => (b.swing ?? -1) - (a.swing ?? -1) || a.series.localeCompare(b.series));
  return {
    target: t.id,
    name_zh: t.name_zh,
    name_en: t.name_en,
    kind: t.kind,
    unit: t.unit,
    comparator: t.comparator,
    comparator_zh: t.comparator_zh,
    target_value: t.target,
    target_year: t.target_year,
    base: fin(v[0]),
    scenario: fin(v[1]),
    bars,
  };
}

export interface SensitivityMatrix {
  assumptions: { series: string; name_zh: string; name_en: string; parameter: string; low: number; high: number }[];
  targets: { id: string; name_zh: string; name_en: string; unit: string }[];
  /** [assumption][target]: value at the high end minus value at the low end (null: no value) */
  swing: (number | null)[][];
  /** [assumption][target]: swing / the largest |swing| on that target, -1..1 (null: no value;
   * 0 when no assumption moves the target) */
  normalised: (number | null)[][];
  /** per target: the value with every parameter at its centre */
  base: (number | null)[];
}

export function sensitivityMatrix(input: ProjectionInput, options: { method?: 'auto' | 'per_draw' } = {}): SensitivityMatrix {
  const r = evaluateParameterSets(input, buildSets, options);
  const names = seriesNames(input.plan);
  const K = r.params.length;
  const T = r.targets.length;
  const swing: (number | null)[][] = [];
  for (let i = 0; i < K; i++) {
    const row: (number | null)[] = new Array(T);
    for (let k = 0; k < T; k++) {
      const lo = r.values[k][2 + 2 * i];
      const hi = r.values[k][3 + 2 * i];
      row[k] = Number.isFinite(lo) && Number.isFinite(hi) ? fin(hi - lo) : null;
    }
    swing.push(row);
  }
  const normalised: (number | null)[][] = swing.map((row) => row.slice());
  for (let k = 0; k < T; k++) {
    let mx = 0;
    for (let i = 0; i < K; i++) {
      const x = swing[i][k];
      if (x !== null && Math.abs(x) > mx) mx = Math.abs(x);
    }
    for (let i = 0; i < K; i++) {
      const x = swing[i][k];
      normalised[i][k] = x === null ? null : mx > 0 ? x / mx : 0;
    }
  }
  return {
    assumptions: r.params.map((p) => {
      const nm = names.get(p.id) ?? { zh: p.id, en: p.id };
      return { series: p.id, name_zh: nm.zh, name_en: nm.en, parameter: p.info.parameter, low: p.spec.low, high: p.spec.high };
    }),
    targets: r.targets.map(({ t }) => ({ id: t.id, name_zh: t.name_zh, name_en: t.name_en, unit: t.unit })),
    swing,
    normalised,
    base: r.values.map((v) => fin(v[0])),
  };
}

// =============================================================================================
// Attribution
// =============================================================================================

const INTERACTION_KEY = 'interaction';

export interface AttributionPlayer {
  /** a series id, or 'actuals' / 'settings' */
  key: string;
  kind: 'assumption' | 'actuals' | 'settings';
  label_zh: string;
  label_en: string;
}

export interface AttributionBar {
  key: string;
  kind: 'assumption' | 'actuals' | 'settings' | 'interaction';
  label_zh: string;
  label_en: string;
  value: number;
}

export interface TargetAttribution {
  id: string;
  name_zh: string;
  name_en: string;
  unit: string;
  kind: Target['kind'];
  /** the projected (judged) value in the target year under A and under B */
  from: number | null;
  to: number | null;
  /** to - from; the bars add up to it exactly (left to right) */
  total: number | null;
  method: 'shapley' | 'one_at_a_time' | 'none';
  bars: AttributionBar[];
  /** why the method fell back, if it did */
  note?: string;
}

export interface AttributionResult {
  /** the differences between A and B, in plan order */
  players: AttributionPlayer[];
  /** 'shapley' when every target had at most `max_shapley` differences upstream of it,
   * 'one_at_a_time' when none had, 'mixed' otherwise (see each target's method) */
  method: 'shapley' | 'one_at_a_time' | 'mixed';
  max_shapley: number;
  /** projections run */
  projections: number;
  targets: TargetAttribution[];
}

/** A stable text of a value: keys sorted, undefined left out. */
function stable(x: unknown): string {
  if (x === null || typeof x !== 'object') return JSON.stringify(x) ?? 'null';
  if (Array.isArray(x)) return `[${x.map(stable).join(',')}]`;
  const o = x as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
    .join(',')}}`;
}

/** What the engine reads of an assumption (base value and model, schema defaults filled in). */
function effective(a: Assumption | undefined): string {
  if (!a) return 'none';
  const m = a.model as Record<string, unknown> & { type: string };
  let model: unknown = m;
  if (m.type === 'path') model = { ...m, default_rate: (m.default_rate as number | undefined) ?? 0 };
  if (m.type === 'pipeline') {
    const projects = ((m.projects as Record<string, unknown>[] | undefined) ?? []).map((p) => ({ ...p, ramp_years: p.ramp_years ?? 1 }));
    model = { ...m, underlying_rate: (m.underlying_rate as number | undefined) ?? 0, projects };
  }
  return stable({ base_value: a.base_value ?? null, model });
}

/** Bars of exactly zero are left out (adding 0 changes no sum). */
function dropZeros(bars: AttributionBar[]): AttributionBar[] {
  return bars.filter((b) => b.value !== 0);
}

/**
 * Makes the left-to-right floating-point sum of `values` equal `total` bit for bit by nudging the
 * last value by the rounding residual (a few units in its last place), then, if that value's
 * binade is too coarse, the values before it. Always exact when what the last value must bring
 * (total minus the sum of the others) is no larger than the total in magnitude, which is the
 * case the bars are ordered for (Shapley bars by size, the interaction bar last); with heavier
 * cancellation it is exact whenever the doubles allow and otherwise within one unit in the last
 * place of the total.
 */
export function closeSum(values: number[], total: number): number[] {
  if (values.length === 0) return [];
  const fold = (xs: number[]) => {
    let s = 0;
    for (const v of xs) s += v;
    return s;
  };
  const out = values.slice();
  if (fold(out) === total) return out;
  // from the last value backwards, each nudge kept: a coarse correction by the residual, then the
  // neighbouring doubles (a value in a coarser binade than the sum may step over the total, and
  // an earlier value then supplies the finer bits)
  for (let j = out.length - 1; j >= 0; j--) {
    for (let iter = 0; iter < 4; iter++) {
      const s = fold(out);
      if (s === total) return out;
      const next = out[j] + (total - s);
      if (next === out[j]) break;
      out[j] = next;
    }
    let bestX = out[j];
    let bestErr = Math.abs(fold(out) - total);
    const x0 = out[j];
    for (const dir of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      let x = x0;
      for (let k = 0; k < 4; k++) {
        x = nextToward(x, dir);
        out[j] = x;
        const err = Math.abs(fold(out) - total);
        if (err === 0) return out;
        if (err < bestErr) {
          bestErr = err;
          bestX = x;
        }
      }
    }
    out[j] = bestX;
  }
  return out;
}

const F64 = new Float64Array(1);
const U64 = new BigInt64Array(F64.buffer);

/** The next double after x in the direction of y. */
function nextToward(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y) || x === y) return x;
  if (x === 0) return y > 0 ? Number.MIN_VALUE : -Number.MIN_VALUE;
  F64[0] = x;
  U64[0] += y > x === x > 0 ? 1n : -1n;
  return F64[0];
}

/** The differences between two inputs of the same plan: assumptions by series, actuals, settings. */
export function differingPlayers(a: ProjectionInput, b: ProjectionInput): AttributionPlayer[] {
  const plan = a.plan;
  const players: AttributionPlayer[] = [];
  for (const s of plan.series) {
    if (s.derived) continue; // never carries an assumption
    if (effective(a.assumptions[s.id]) !== effective(b.assumptions[s.id])) {
      players.push({ key: s.id, kind: 'assumption', label_zh: s.name_zh, label_en: s.name_en });
    }
  }
  if (stable(a.actuals ?? []) !== stable(b.actuals ?? [])) {
    players.push({ key: 'actuals', kind: 'actuals', label_zh: '实际值', label_en: 'actuals' });
  }
  if (stable(a.settings ?? {}) !== stable(b.settings ?? {})) {
    players.push({ key: 'settings', kind: 'settings', label_zh: '测算设置', label_en: 'settings' });
  }
  return players;
}

/** Series that can feed `s` in A or B (derivation inputs and model drivers of either), with s. */
export function upstreamUnion(a: ProjectionInput, b: ProjectionInput): (s: string) => Set<string> {
  const plan = a.plan;
  const deps = new Map<string, string[]>();
  for (const sr of plan.series) {
    const d: string[] = [];
    const dv = sr.derived;
    if (dv) {
      if (dv.type === 'ratio') d.push(dv.numerator, dv.denominator);
      else if (dv.type === 'deflate') d.push(dv.nominal, dv.deflator);
      else d.push(dv.of);
    } else {
      for (const inp of [a, b]) {
        const m = inp.assumptions[sr.id]?.model;
        if (m && (m.type === 'elasticity' || m.type === 'intensity_decay')) d.push(m.driver);
      }
    }
    deps.set(sr.id, d);
  }
  const memo = new Map<string, Set<string>>();
  return (s: string) => {
    const hit = memo.get(s);
    if (hit) return hit;
    const seen = new Set<string>();
    const stack = [s];
    while (stack.length) {
      const x = stack.pop() as string;
      if (seen.has(x)) continue;
      seen.add(x);
      for (const y of deps.get(x) ?? []) stack.push(y);
    }
    memo.set(s, seen);
    return seen;
  };
}

/**
 * Splits the change of every target between scenario A and B among the differences. Per target,
 * only the differences upstream of its series (in A or B) can move it (the others are null players
 * with a Shapley value of exactly 0): up to `maxShapley` (8) of them, the exact Shapley value over
 * them (2^n projections, shared between targets); more, one at a time plus the interaction bar.
 */
export function attribution(a: ProjectionInput, b: ProjectionInput, options: { maxShapley?: number } = {}): AttributionResult {
  const plan = a.plan;
  if (b.plan !== plan && stable(b.plan) !== stable(plan)) {
    throw new ModelError(
      'bad_parameter',
      'attribution：两个情景须属于同一规划',
      'attribution: the two scenarios must be of the same plan',
      'attribution',
      'plan',
    );
  }
  const maxShapley = Math.max(0, Math.min(16, Math.floor(options.maxShapley ?? 8)));
  const players = differingPlayers(a, b);
  const n = players.length;
  const nT = plan.targets.length;
  let projections = 0;

  /** judged values of every target when the players in `members` (ascending) take B's value */
  const project = (members: readonly number[]): Float64Array => {
    const assumptions: ProjectionInput['assumptions'] = { ...a.assumptions };
    let actuals = a.actuals;
    let settings = a.settings;
    for (const i of members) {
      const p = players[i];
      if (p.kind === 'actuals') actuals = b.actuals;
      else if (p.kind === 'settings') settings = b.settings;
      else {
        const bv = b.assumptions[p.key];
        if (bv) assumptions[p.key] = bv;
        else delete assumptions[p.key];
      }
    }
    const out = new Float64Array(nT).fill(Number.NaN);
    projections++;
    try {
      const r = projectPlan({ plan, assumptions, actuals, settings });
      for (let k = 0; k < nT; k++) {
        const x = r.targets[k].projected;
        out[k] = x === null ? Number.NaN : x;
      }
    } catch (err) {
      if (!(err instanceof ModelError)) throw err;
    }
    return out;
  };
  const cache = new Map<string, Float64Array>();
  const get = (members: readonly number[]): Float64Array => {
    const key = members.join(',');
    let v = cache.get(key);
    if (!v) {
      v = project(members);
      cache.set(key, v);
    }
    return v;
  };
  const all = players.map((_, i) => i);
  const none: number[] = [];
  const upstream = upstreamUnion(a, b);

  const fact = [1];
  for (let i = 1; i <= 16; i++) fact.push(fact[i - 1] * i);

  const targets: TargetAttribution[] = plan.targets.map((t, k) => {
    const from = get(none)[k];
    const to = get(all)[k];
    const out: TargetAttribution = {
      id: t.id,
      name_zh: t.name_zh,
      name_en: t.name_en,
      unit: t.unit,
      kind: t.kind,
      from: fin(from),
      to: fin(to),
      total: null,
      method: 'none',
      bars: [],
    };
    if (!Number.isFinite(from) || !Number.isFinite(to)) {
      out.note = 'no projected value under one of the scenarios';
      return out;
    }
    const total = to - from;
    out.total = total;
    const up = upstream(t.series);
    const R = all.filter((i) => players[i].kind !== 'assumption' || up.has(players[i].key));
    const r = R.length;
    const bar = (i: number, value: number): AttributionBar => ({
      key: players[i].key,
      kind: players[i].kind,
      label_zh: players[i].label_zh,
      label_en: players[i].label_en,
      value,
    });
    if (r <= maxShapley) {
      // v(S) for every subset S of R (bit j of the mask: R[j] takes B's value)
      const size = 1 << r;
      const v = new Float64Array(size);
      let ok = true;
      for (let m = 0; m < size && ok; m++) {
        const members: number[] = [];
        for (let j = 0; j < r; j++) if (m & (1 << j)) members.push(R[j]);
        v[m] = m === size - 1 && r === n ? to : get(members)[k];
        if (!Number.isFinite(v[m])) ok = false;
      }
      if (ok) {
        // the full coalition over R must give B's value (the others are null players)
        const phi = new Array<number>(r).fill(0);
        for (let j = 0; j < r; j++) {
          const bit = 1 << j;
          let acc = 0;
          for (let m = 0; m < size; m++) {
            if (m & bit) continue;
            let c = 0;
            for (let x = m; x; x &= x - 1) c++;
            acc += ((fact[c] * fact[r - c - 1]) / fact[r]) * (v[m | bit] - v[m]);
          }
          phi[j] = acc;
        }
        const order = R.map((_, j) => j).sort((x, y) => Math.abs(phi[y]) - Math.abs(phi[x]) || x - y);
        const closed = closeSum(
          order.map((j) => phi[j]),
          total,
        );
        out.method = 'shapley';
        out.bars = dropZeros(order.map((j, q) => bar(R[j], closed[q])));
        return out;
      }
      out.note = 'a coalition of the differences has no projected value: one at a time instead of Shapley';
    }
    // one at a time from A, in plan order, the interaction remainder last
    const bars: AttributionBar[] = [];
    let missing = false;
    for (const i of R) {
      const x = get([i])[k];
      if (!Number.isFinite(x)) missing = true;
      bars.push(bar(i, Number.isFinite(x) ? x - from : 0));
    }
    let sum = 0;
    for (const x of bars) sum += x.value;
    bars.push({ key: INTERACTION_KEY, kind: 'interaction', label_zh: '交互作用', label_en: 'interaction', value: total - sum });
    const closed = closeSum(
      bars.map((x) => x.value),
      total,
    );
    bars.forEach((x, q) => (x.value = closed[q]));
    out.method = 'one_at_a_time';
    out.bars = dropZeros(bars);
    if (missing) out.note = 'a difference applied alone gives no projected value: its effect is in the interaction bar';
    return out;
  });

  const methods = new Set(targets.map((t) => t.method).filter((m) => m !== 'none'));
  const method = methods.size === 0 ? 'shapley' : methods.size === 1 ? ([...methods][0] as 'shapley' | 'one_at_a_time') : 'mixed';
  return { players, method, max_shapley: maxShapley, projections, targets };
}
