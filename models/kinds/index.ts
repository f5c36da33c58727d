/**
 * The registry of target kinds: one module per kind (see types.ts for what a kind decides).
 * Adding a kind: a module here, its id in TARGET_KINDS (models/schema.ts), its words in i18n.
 */
import type { TargetKind } from '../schema';
import { annualFlow } from './annual_flow';
import { cumulative } from './cumulative';
import { growthRate } from './growth_rate';
import { level } from './level';
import { range } from './range';
import { reduction } from './reduction';
import { share } from './share';
import type { KindModule } from './types';

export type { ChartSeries, Judge, JudgeKernel, KindModule, MeasureInput, RequiredInput, Values } from './types';
export { exhaustiveSwitchError } from './types';

/** Every kind of the schema has its module: a missing one is a compile error. */
export const KINDS: { readonly [K in TargetKind]: KindModule } = {
  level,
  share,
  reduction,
  growth_rate: growthRate,
  annual_flow: annualFlow,
  cumulative,
  range,
};

/** Kinds registered at run time (tests prove that a new kind needs one module and nothing else). */
const extra = new Map<string, KindModule>();

/** Registers a kind outside the schema's list (a test-only kind); the production kinds cannot be replaced. */
export function registerKind(mod: KindModule): void {
  if (Object.prototype.hasOwnProperty.call(KINDS, mod.id)) throw new Error(`kind ${mod.id} is built in`);
  extra.set(mod.id, mod);
}

export function unregisterKind(id: string): void {
  extra.delete(id);
}

/** The module of a kind. */
export function kindOf(kind: string): KindModule {
  const m = Object.prototype.hasOwnProperty.call(KINDS, kind) ? KINDS[kind as TargetKind] : extra.get(kind);
  if (!m) throw new Error(`unknown target kind: ${kind}`);
  return m;
}
