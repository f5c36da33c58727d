/**
 * Differences between two resolved scenarios (Stella's list of every assumption that differs),
 * and their effect on the targets. Pure: no SQLite, no engine import (the projector is passed in).
 */
import type { Plan } from '../../models/schema';
import type { ProjectionResult, ResolvedAssumption } from '../../models/types';
import type { DiffEntry, DiffWithEffect, RevisionChange, ScenarioRef, TargetEffect } from './types';
import { canonical } from './validate';

type Resolved = Record<string, ResolvedAssumption>;
interface HasAssumptions {
  assumptions: Resolved;
}

const same = (x: unknown, y: unknown): boolean => canonical(x ?? null) === canonical(y ?? null);

/** The fields that differ between two assumptions for the same series (author / when ignored). */
function assumptionFields(a: ResolvedAssumption, b: ResolvedAssumption): string[] {
  const fields: string[] = [];
  if (!same(a.base_value, b.base_value)) fields.push('base_value');

  const ma = a.model as Record<string, unknown>;
  const mb = b.model as Record<string, unknown>;
  if (ma.type !== mb.type) fields.push('model.type');
  const keys = [...new Set([...Object.keys(ma), ...Object.keys(mb)])].filter((k) => k !== 'type').sort();
  for (const k of keys) if (!same(ma[k], mb[k])) fields.push(`model.${k}`);

  if (!a.uncertainty !== !b.uncertainty) fields.push('uncertainty');
  else if (a.uncertainty && b.uncertainty) {
    const ua = a.uncertainty as Record<string, unknown>;
    const ub = b.uncertainty as Record<string, unknown>;
    const ukeys = [...new Set([...Object.keys(ua), ...Object.keys(ub)])].sort();
    for (const k of ukeys) if (!same(ua[k], ub[k])) fields.push(`uncertainty.${k}`);
  }
  if (a.rationale !== b.rationale) fields.push('rationale');
  if (a.source !== b.source) fields.push('source');
  return fields;
}

/** A scalar for a history line, or null for structures (points, steps, projects ...). */
const scalar = (v: unknown): number | string | null => (typeof v === 'number' || typeof v === 'string' ? v : null);

/**
 * What changed in one series' assumption, field by field with old and new values, for history
 * lines ("地区生产总值（现价）· 年均增速：4.5% → 3.5%"). `model.type` carries the model names;
 * structured fields (points, projects) have null values and only say that they changed.
 */
export function assumptionChanges(series: string, a: ResolvedAssumption | null, b: ResolvedAssumption | null): RevisionChange[] {
  if (!a || !b) {
    const m = (b ?? a)!.model as Record<string, unknown>;
    const key = Object.keys(m).find((k) => k !== 'type' && typeof m[k] === 'number');
    const model = String(m.type);
    if (!key) return [{ series, field: 'model.type', old: scalar(a?.model.type), new: scalar(b?.model.type), model }];
    const pick = (x: ResolvedAssumption | null) => (x ? scalar((x.model as Record<string, unknown>)[key]) : null);
    return [{ series, field: `model.${key}`, old: pick(a), new: pick(b), model }];
  }
  const get = (x: ResolvedAssumption, field: string): unknown => {
    const [head, tail] = field.split('.') as [string, string | undefined];
    const v = (x as unknown as Record<string, unknown>)[head];
    return tail === undefined ? v : (v as Record<string, unknown> | undefined)?.[tail];
  };
  const model = String(b.model.type);
  return assumptionFields(a, b).map((field) => ({ series, field, old: scalar(get(a, field)), new: scalar(get(b, field)), model }));
}

/**
 * Every series whose assumption in force differs between A and B, in `order` (plan series order)
 * then by id. Series set on one side only have `fields: ['assumption']`.
 */
export function diffAssumptions(a: Resolved, b: Resolved, order?: readonly string[]): DiffEntry[] {
  const rank = new Map((order ?? []).map((id, i) => [id, i]));
  const ids = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) => {
    const rx = rank.get(x) ?? Number.MAX_SAFE_INTEGER;
    const ry = rank.get(y) ?? Number.MAX_SAFE_INTEGER;
    return rx !== ry ? rx - ry : x < y ? -1 : x > y ? 1 : 0;
  });
  const out: DiffEntry[] = [];
  for (const series of ids) {
    const x = a[series] ?? null;
    const y = b[series] ?? null;
    if (!x || !y) {
      out.push({ series, a: x, b: y, fields: ['assumption'] });
      continue;
    }
    const fields = assumptionFields(x, y);
    if (fields.length) out.push({ series, a: x, b: y, fields });
  }
  return out;
}

const EPS = 1e-9;

type Projector = (assumptions: Resolved) => ProjectionResult;

/** Anything that resolves a scenario reference (the store does). */
export interface RefResolver {
  resolveRef(ref: ScenarioRef): HasAssumptions;
}

/**
 * The differing assumptions plus, for every target of the plan, its judged value in A and in B
 * and the change. `project` runs the engine on one set of resolved assumptions.
 *
 * `diffWithEffect(plan, resolutionA, resolutionB, project)`, or with references resolved by a
 * store: `diffWithEffect(store, plan, {id, rev?}, {id, rev?}, project)`.
 */
export function diffWithEffect(plan: Plan, a: HasAssumptions, b: HasAssumptions, project: Projector): DiffWithEffect;
export function diffWithEffect(source: RefResolver, plan: Plan, a: ScenarioRef, b: ScenarioRef, project: Projector): DiffWithEffect;
export function diffWithEffect(...args: unknown[]): DiffWithEffect {
  if (args.length === 5) {
    const [source, plan, ra, rb, project] = args as [RefResolver, Plan, ScenarioRef, ScenarioRef, Projector];
    return effect(plan, source.resolveRef(ra), source.resolveRef(rb), project);
  }
  const [plan, a, b, project] = args as [Plan, HasAssumptions, HasAssumptions, Projector];
  return effect(plan, a, b, project);
}

function effect(plan: Plan, a: HasAssumptions, b: HasAssumptions, project: Projector): DiffWithEffect {
  const assumptions = diffAssumptions(
    a.assumptions,
    b.assumptions,
    plan.series.map((s) => s.id),
  );
  const pa = project(a.assumptions);
  const pb = project(b.assumptions);
  const byIdA = new Map(pa.targets.map((t) => [t.id, t]));
  const byIdB = new Map(pb.targets.map((t) => [t.id, t]));
  const targets: TargetEffect[] = plan.targets.map((t) => {
    const ea = byIdA.get(t.id);
    const eb = byIdB.get(t.id);
    const va = ea?.projected ?? null;
    const vb = eb?.projected ?? null;
    const change = va !== null && vb !== null ? vb - va : null;
    const changed =
      (va === null) !== (vb === null) ||
      (change !== null && Math.abs(change) > EPS * Math.max(1, Math.abs(va ?? 0))) ||
      (ea?.met ?? null) !== (eb?.met ?? null) ||
      (ea?.status ?? null) !== (eb?.status ?? null);
    return {
      target: t.id,
      name_zh: t.name_zh,
      name_en: t.name_en,
      unit: t.unit,
      series: t.series,
      a: va,
      b: vb,
      change,
      met_a: ea?.met ?? null,
      met_b: eb?.met ?? null,
      status_a: ea?.status ?? null,
      status_b: eb?.status ?? null,
      changed,
    };
  });
  return { assumptions, targets };
}
