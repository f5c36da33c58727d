/**
 * The growth models, one module each (models/growth/<model>.ts), each written once over N lanes
 * and used by the deterministic projection (models/growth.ts, N = 1) and the Monte Carlo
 * (models/montecarlo.ts, N = draws). The registry is a mapped type over the schema's model union:
 * a model without a module, or a module without a model, is a compile error.
 */
import type { GrowthModel } from '../schema';
import { cagr } from './cagr';
import { elasticity } from './elasticity';
import { flat } from './flat';
import { intensityDecay } from './intensity-decay';
import { interp } from './interp';
import type { GrowthModelKind, GrowthModule } from './lanes';
import { logistic } from './logistic';
import { path } from './rate-path';
import { pipeline } from './pipeline';
import { step } from './step';
import { trend } from './trend';

export type { GoalSeekParameter, GrowthModelKind, GrowthModule, ModelOf, ParameterSpec } from './lanes';
export { Lanes, anchorIndex, clampLanes, driverRatios } from './lanes';

/** Every growth model, in the order of the parameter table (models/uncertainty.ts). */
export const GROWTH_MODELS: { readonly [K in GrowthModelKind]: GrowthModule<K> } = {
  cagr,
  path,
  elasticity,
  intensity_decay: intensityDecay,
  logistic,
  pipeline,
  interp,
  step,
  flat,
  trend,
};

export const GROWTH_MODEL_KINDS = Object.keys(GROWTH_MODELS) as GrowthModelKind[];

/** Is `type` a growth model the registry knows (own keys only)? */
export function isGrowthModelKind(type: unknown): type is GrowthModelKind {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(GROWTH_MODELS, type);
}

/** The module of a model, typed for that model. */
export function growthModule<M extends GrowthModel>(m: M): GrowthModule<M['type']> {
  return GROWTH_MODELS[m.type as GrowthModelKind] as unknown as GrowthModule<M['type']>;
}
