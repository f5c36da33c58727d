/**
 * The page's simulation input and its cache key, and the small pieces of view logic around the
 * results: the judged actuals drawn in a fan chart, sorting by probability, the default joint set.
 *
 * The input is built as the API builds it for `simulation:run` (and so the CLI's `simulate`): the
 * scenario's resolved assumptions, the actuals in force (the latest vintage per series and period,
 * lib/actuals.ts) followed by the nowcasts of the year under way (`nowcast:list`),
 * and the settings base_year / tolerance / as_of_year; with the scenario's seed the page's numbers
 * are the CLI's for the same draws. Pure: unit-tested in Node.
 */
import type { Assumption, EvalSettings, Plan } from '../../../models/schema';
import { evalSettingsOf } from '../../../models/schema';
import type { ProjectionInput, ResolvedAssumption } from '../../../models/types';
import type { Percentiles } from '../../../models/montecarlo';
import type { TargetAttribution } from '../../../models/sensitivity';

export const DEFAULT_DRAWS = 10_000;
export const DRAW_CHOICES = [1_000, 10_000, 100_000] as const;

/** The settings the API projects with (one rule: models/schema.ts evalSettingsOf). */
export function evalSettings(settings: Parameters<typeof evalSettingsOf>[0]): Partial<EvalSettings> {
  return evalSettingsOf(settings);
}

// -- keys -------------------------------------------------------------------------------------

/** JSON with object keys sorted and undefined left out: equal values give equal text. */
export function stableStringify(x: unknown): string {
  if (x === null || typeof x !== 'object') return JSON.stringify(x) ?? 'null';
  if (Array.isArray(x)) return `[${x.map(stableStringify).join(',')}]`;
  const o = x as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`)
    .join(',')}}`;
}

/** A 64-bit hash of a text (two FNV-1a variants), as 16 hex digits. */
export function hashText(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

type AnyAssumption = Assumption | ResolvedAssumption;

/** What the engine reads of the assumptions (no `from`, author or rationale), series sorted. */
export function assumptionsText(assumptions: Record<string, AnyAssumption | undefined>): string {
  const ids = Object.keys(assumptions).sort();
  return stableStringify(
    ids
      .filter((id) => assumptions[id])
      .map((id) => {
        const a = assumptions[id] as AnyAssumption;
        return [id, a.base_value ?? null, a.model, a.uncertainty ?? null];
      }),
  );
}

export interface SimulationKeys {
  /** scenario, inputs, seed, draws and the joint set */
  full: string;
  /** the same without the joint set: the per-target probabilities do not depend on it */
  base: string;
}

export function simulationKeys(args: {
  planId: string;
  scenarioId: string;
  seed: number;
  draws: number;
  joint: readonly string[];
  input: Pick<ProjectionInput, 'assumptions' | 'actuals' | 'settings'>;
  /** the base ranges drawn too (a key of its own; off keeps the keys as they were) */
  baseRanges?: boolean;
}): SimulationKeys {
  const inputs = hashText(
    `${assumptionsText(args.input.assumptions)}|${stableStringify(args.input.actuals ?? [])}|${stableStringify(args.input.settings ?? {})}`,
  );
  const base = `${args.planId}|${args.scenarioId}|${args.seed >>> 0}|${args.draws}|${inputs}${args.baseRanges ? '|base_ranges' : ''}`;
  return { base, full: `${base}|${[...args.joint].sort().join(',')}` };
}

// -- view logic --------------------------------------------------------------------------------

/** The headline (★) targets, the default joint set. */
export function headlineIds(plan: Pick<Plan, 'targets'>): string[] {
  return plan.targets.filter((t) => t.headline).map((t) => t.id);
}

/** The joint set in plan order, unknown ids dropped; the headline targets when none is chosen. */
export function jointSet(plan: Pick<Plan, 'targets'>, chosen: readonly string[] | null): string[] {
  if (chosen === null) return headlineIds(plan);
  const want = new Set(chosen);
  return plan.targets.filter((t) => want.has(t.id)).map((t) => t.id);
}

/** Whether a set is exactly the headline targets. */
export function isHeadlineSet(plan: Pick<Plan, 'targets'>, ids: readonly string[]): boolean {
  const h = headlineIds(plan);
  return h.length === ids.length && h.every((id) => ids.includes(id));
}

/**
 * The judged actuals a fan chart draws as its solid line: the years the target's series has an
 * actual, where every draw agrees (the simulation moves nothing known).
 */
export function fanActuals(percentiles: Record<number, Percentiles>, actualYears: readonly number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const y of actualYears) {
    const p = percentiles[y];
    if (!p || !Number.isFinite(p.p50)) continue;
    if (Math.abs(p.p95 - p.p5) <= 1e-9 * Math.max(1, Math.abs(p.p50))) out[y] = p.p50;
  }
  return out;
}

/** Whether a target's fan has any width (some uncertain assumption moves it). */
export function fanHasWidth(percentiles: Record<number, Percentiles>): boolean {
  return Object.values(percentiles).some((p) => Math.abs(p.p95 - p.p5) > 1e-9 * Math.max(1, Math.abs(p.p50)));
}

export type SortDir = 'asc' | 'desc';

/** Rows sorted by their probability (stable); rows without one always last. */
export function sortByProbability<R extends { id: string }>(
  rows: readonly R[],
  probs: ReadonlyMap<string, number> | null,
  dir: SortDir,
): R[] {
  const mult = dir === 'asc' ? 1 : -1;
  return rows
    .map((r, i) => ({ r, i, p: probs?.get(r.id) }))
    .sort((a, b) => {
      const an = a.p === undefined || !Number.isFinite(a.p);
      const bn = b.p === undefined || !Number.isFinite(b.p);
      if (an && bn) return a.i - b.i;
      if (an) return 1;
      if (bn) return -1;
      const c = ((a.p as number) - (b.p as number)) * mult;
      return c !== 0 ? c : a.i - b.i;
    })
    .map((x) => x.r);
}

/** Next probability sort when its header is clicked: lowest chance first, then flips. */
export function nextProbabilitySort(current: SortDir | null): SortDir {
  return current === 'asc' ? 'desc' : 'asc';
}

/** Adds a sequence left to right (the order the waterfall stacks its bars). */
export function sumLeftToRight(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/**
 * The targets worth a waterfall between two scenarios: those that moved (more than the rounding
 * of the arithmetic), the headline ones first, then by the size of the change relative to the value.
 */
export function movedTargets(targets: readonly TargetAttribution[], headline: ReadonlySet<string>): TargetAttribution[] {
  const scale = (a: TargetAttribution) => Math.max(1, Math.abs(a.from ?? 0), Math.abs(a.to ?? 0));
  const rel = (a: TargetAttribution) => Math.abs(a.total ?? 0) / Math.max(1e-9, Math.abs(a.from ?? 0) || 1);
  return targets
    .filter((a) => a.total !== null && Math.abs(a.total) > 1e-9 * scale(a) && a.bars.length > 0)
    .map((a, i) => ({ a, i }))
    .sort((x, y) => Number(headline.has(y.a.id)) - Number(headline.has(x.a.id)) || rel(y.a) - rel(x.a) || x.i - y.i)
    .map((x) => x.a);
}
