/**
 * Monte Carlo simulation of a plan under a scenario's uncertain assumptions: percentile bands of
 * every series and target, the probability of meeting each target, and the joint probability of a
 * set of targets. Pure and deterministic: the same input and seed give the same result, byte for
 * byte; no Node, no DOM, no clock, no Math.random.
 *
 *   simulatePlan({ plan, assumptions, actuals?, settings?, draws, seed, joint?, onProgress? })
 *
 * The draws. A common macro shock Z ~ N(0, 1) per draw; each uncertain assumption i has its own
 * e_i ~ N(0, 1) and its standard normal is u_i = c_i Z + sqrt(1 - c_i²) e_i (a Gaussian copula with
 * loadings c_i = uncertainty.correlation), mapped through the inverse CDF of its distribution
 * (models/uncertainty.ts) onto the model's parameter. A member of a correlation group (the plan's
 * `correlation_groups`, models/correlation.ts) first mixes its e_i with the group's factor f:
 * e_i <- λ f + sqrt(1 - λ²) e_i (still N(0, 1): marginals unchanged; λ = 0 is exactly no group).
 * Z, every e_i and every f come from their own xoshiro128** stream, seeded from (seed, name of the
 * series or group): adding or removing one assumption leaves the draws of the others unchanged, and
 * two scenarios simulated with the same seed share their draws (common random numbers). A draw outside the parameter's valid values (a growth rate at or below
 * -100%, a logistic speed at or below 0, ...) is moved to the nearest valid value and counted in
 * `clamped_draws`. An elasticity whose growth falls to -100% or below in a draw (the engine refuses
 * it) leaves that series and what depends on it without a value in that draw, counted in
 * `invalid_draws`.
 *
 * The fast path. The plan and the scenario are compiled once (cached per plan and assumptions) into
 * a flat program: the engine projects the scenario once (projectGrid); the series downstream of an
 * uncertain assumption (through drivers and derivations) are the only ones recomputed, each by a
 * kernel that runs over all draws, year by year, on Float64Arrays laid out [series][year][draw];
 * every other series is a constant. A growth model's kernel is its module's `run` over one lane per
 * draw (models/growth/): the same code the projection runs over one lane, so a zero-width range
 * reproduces projectPlan exactly; the derivation kernels repeat the engine's arithmetic operation
 * for operation. Targets are judged from the arrays, and percentiles come from a histogram
 * selection (below) instead of sorting. The per-draw path (projectGrid per draw, with each drawn
 * parameter written into the assumption by the model's `withParameter`) is kept as the reference
 * for the tests (method: 'per_draw').
 *
 * Base ranges (`base_ranges: 'on'`, models/base-ranges.ts) also draw the assumed base values and
 * the bound-type actuals, each from its own named stream; a series with such an input gets a
 * rebase kernel that writes its known cells up to the anchor per draw, before its model runs.
 *
 * The code, by concern, under models/montecarlo/ (this file is the public entry):
 *   percentiles.ts     type 7 percentiles by histogram selection
 *   result.ts          SimulationInput, SimulationResult and their parts
 *   evaluator.ts       the uncertain assumptions in force; the evaluator interface of both paths
 *   program.ts         compile: the steps of the series an uncertain input reaches; the array pool
 *   compiled.ts        the compiled evaluator and its kernels
 *   predicates.ts      targets judged over arrays of draws
 *   per-draw.ts        the per-draw reference path
 *   prepare.ts         the program cache; an evaluator for an input
 *   sampling.ts        the parameter draws (macro shock, own streams, correlation groups)
 *   checks.ts          the checks of a simulation's input
 *   simulate.ts        createSimulation (in steps) and simulatePlan
 *   summary.ts         the statistics of the draws done
 *   parameter-sets.ts  explicit parameter sets (tornado, sensitivity matrix)
 */
export { PERCENTILES_DEF, type Percentiles, quantileSorted, PercentileScratch, percentilesOf } from './montecarlo/percentiles';
export { type SimulationInput, type TargetSimulation, type UncertainSummary, type SimulationResult } from './montecarlo/result';
export { type UncertainParam } from './montecarlo/evaluator';
export { sampleParameters } from './montecarlo/sampling';
export { type SimulationRun, comparisonSeed, createSimulation, simulatePlan } from './montecarlo/simulate';
export { type ParameterSetResult, evaluateParameterSets } from './montecarlo/parameter-sets';
