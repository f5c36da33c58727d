/**
 * Domain schemas shared by every layer: the plan (targets, series, milestones, actuals)
 * and scenario assumptions (growth models and their parameters).
 *
 * One source of truth: the zod schemas validate plan files, scenario files, stored JSON and
 * API requests; the TypeScript types are inferred from them. Pure: no Node, no DOM, no clock.
 */
import { z } from 'zod';

/** A year the product can reason about. */
export const Year = z.number().int().min(1990).max(2100);
export type Year = z.infer<typeof Year>;

/** Ids are stable, lowercase, ASCII, usable in URLs, file names and spreadsheet cells. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lowercase letters, digits and _ , starting with a letter');
export type Id = z.infer<typeof Id>;

const FiniteNumber = z.number().refine(Number.isFinite, 'must be a finite number');
const Text = (max: number) => z.string().max(max);

// ---------------------------------------------------------------------------------------------
// The plan
// ---------------------------------------------------------------------------------------------

export const TARGET_KINDS = ['level', 'share', 'reduction', 'growth_rate', 'annual_flow', 'cumulative', 'range'] as const;
export const TargetKind = z.enum(TARGET_KINDS);
export type TargetKind = z.infer<typeof TargetKind>;

/** `~` is 左右 (about, within the plan's tolerance); `range` is a [min, max] target. */
const COMPARATORS = ['>=', '>', '<=', '<', '=', '~', 'range'] as const;
export const Comparator = z.enum(COMPARATORS);
export type Comparator = z.infer<typeof Comparator>;

/** current prices (现价) vs comparable prices (可比价); null for physical units and counts. */
const PriceBasis = z.enum(['current', 'comparable']).nullable();

/**
 * A series is anything with a value per year: a target's own indicator or a driver such as GDP.
 * `derived` series are computed from others and never carry an assumption of their own.
 */
export const Derivation = z.discriminatedUnion('type', [
  /** numerator / denominator * scale (100 for a percent share, 10000 for per 10k people). */
  z.object({ type: z.literal('ratio'), numerator: Id, denominator: Id, scale: FiniteNumber.default(1) }),
  /** the running sum of an annual flow from a start year (inclusive). */
  z.object({ type: z.literal('cumsum'), of: Id, from_year: Year }),
  /** comparable-price series from a current-price series and a price index (base year = 100). */
  z.object({ type: z.literal('deflate'), nominal: Id, deflator: Id }),
]);
export type Derivation = z.infer<typeof Derivation>;

export const Series = z.object({
  id: Id,
  name_zh: Text(200).min(1),
  name_en: Text(200).min(1),
  unit: Text(32).min(1),
  price_basis: PriceBasis.default(null),
  /** 'stock' values are levels at year end; 'flow' values are amounts within the year. */
  nature: z.enum(['stock', 'flow', 'rate', 'index']).default('stock'),
  /** Hard bounds, e.g. [0, 100] for a coverage rate in percent. */
  bounds: z.tuple([FiniteNumber, FiniteNumber]).nullable().default(null),
  derived: Derivation.nullable().default(null),
  /** A driver has no target of its own (GDP, energy use, ...). */
  driver: z.boolean().default(false),
  note_zh: Text(2000).optional(),
  /** Other names the statistics bulletin prints for this series (规模以上工业增加值 for 规上工业增加值): imports match them. */
  aliases_zh: z.array(Text(200).min(1)).max(20).optional(),
});
export type Series = z.infer<typeof Series>;

export const Target = z.object({
  id: Id,
  name_zh: Text(200).min(1),
  name_en: Text(200).min(1),
  /** Section id of the plan ('preamble', 's1', ...) and item id ('i01', ...; null in the preamble). */
  section: Id,
  item: Id.nullable(),
  /** The sentence of the plan the target comes from, verbatim. */
  source_text: Text(2000).min(1),
  unit: Text(32).min(1),
  kind: TargetKind,
  comparator: Comparator,
  /** The words of the plan that set the comparator: 以上, 不少于, 突破, 左右, 达, 下降 ... */
  comparator_zh: Text(16),
  /** A number; [min, max] for a range; for a reduction, the size of the fall in percent. */
  target: z.union([FiniteNumber, z.tuple([FiniteNumber, FiniteNumber])]),
  target_year: Year,
  /** Overrides the plan's base year for this target. */
  base_year: Year.nullable().default(null),
  /** first year counted for cumulative / annual_flow targets (default: base_year + 1). */
  start_year: Year.nullable().default(null),
  /** The series judged: the target's own indicator, a share, an intensity, an annual flow ... */
  series: Id,
  responsible: z.array(Text(100).min(1)).max(50),
  enterprises: z.array(Text(100).min(1)).max(50).default([]),
  binding: z.enum(['binding', 'anticipatory']).nullable().default(null),
  headline: z.boolean().default(false),
  note_zh: Text(2000).optional(),
  /** (added) a 口径 the plan ships unconfirmed (口径待核实): why, and the other reading one click away. */
  basis_check: z
    .object({
      note_zh: Text(1000).min(1),
      note_en: Text(1000).min(1),
      alternative: z.object({ base_year: Year, end_year: Year }),
    })
    .optional(),
});
export type Target = z.infer<typeof Target>;

const Milestone = z.object({
  id: Id,
  section: Id,
  item: Id.nullable(),
  text_zh: Text(500).min(1),
  text_en: Text(500).min(1),
  responsible: z.array(Text(100).min(1)).max(50),
});
export type Milestone = z.infer<typeof Milestone>;

const PlanItem = z.object({
  id: Id,
  code: Text(16),
  title_zh: Text(200).min(1),
  title_en: Text(200).min(1),
  responsible: z.array(Text(100).min(1)).max(50).default([]),
});
const PlanSection = z.object({
  id: Id,
  code: Text(16),
  title_zh: Text(200).min(1),
  title_en: Text(200).min(1),
  items: z.array(PlanItem).default([]),
});
export type PlanSection = z.infer<typeof PlanSection>;

/**
 * A period of an actual: a year ('2025'), a half ('2021H1'), year to date through a month
 * ('2026-09' = 1-9月累计), or a span ('2020-2025').
 */
export const Period = z.string().regex(/^\d{4}(H[12]|-(0[1-9]|1[0-2])|-\d{4})?$/, 'must be YYYY, YYYYH1, YYYY-MM or YYYY-YYYY');
export type Period = z.infer<typeof Period>;

/**
 * What an actual's value is: the figure itself ('actual'), a lower bound, an approximate upper
 * bound, an estimate, or (issue 15.3) 'yoy', the published year-on-year growth in percent
 * (同比增长 5.8 = +5.8%) from which the year's figure follows (models/published.ts).
 */
export const ValueKind = z.enum(['actual', 'lower_bound', 'approx_below', 'estimate', 'yoy']);
export type ValueKind = z.infer<typeof ValueKind>;
export const Reliability = z.enum(['official', 'secondary', 'mirror', 'low', 'internal']);
export type Reliability = z.infer<typeof Reliability>;

const Source = z.object({
  title: Text(300).min(1),
  url: Text(1000).nullable().default(null),
  /** When the figure was published or seen, ISO date (YYYY-MM-DD) or YYYY-MM. */
  date: Text(10).nullable().default(null),
  reliability: Reliability,
});
export type Source = z.infer<typeof Source>;

export const Actual = z.object({
  series: Id,
  period: Period,
  value: FiniteNumber,
  value_kind: ValueKind.default('actual'),
  source: Source,
  /** Release date of this figure (a later vintage revises, never erases, an earlier one). */
  vintage: Text(10).nullable().default(null),
  note: Text(2000).default(''),
  entered_by: Text(100).default('plan file'),
});
export type Actual = z.infer<typeof Actual>;

/** A public figure that is context, not an actual of a series (a companion plan's target ...). */
export const Reference = z.object({
  label_zh: Text(200).min(1),
  label_en: Text(200).min(1),
  period: Text(16),
  value: FiniteNumber,
  unit: Text(32),
  value_kind: z.enum(['actual', 'target', 'lower_bound', 'approx_below']),
  related_targets: z.array(Id).default([]),
  source: Source,
  note: Text(2000).default(''),
});
export type Reference = z.infer<typeof Reference>;

// ---------------------------------------------------------------------------------------------
// Assumptions (what a scenario sets per series)
// ---------------------------------------------------------------------------------------------

/** Growth rates are fractions per year: 0.07 is 7%. */
const Rate = FiniteNumber.refine((r) => r > -1, 'growth must be above -100%');

const Project = z.object({
  name: Text(200).min(1),
  /** First year with output. */
  start_year: Year,
  /** Output at full capacity, in the series' unit per year. */
  capacity: FiniteNumber,
  /** Years to reach full capacity (1 = full in the first year). */
  ramp_years: z.number().int().min(1).max(20).default(1),
});
export type Project = z.infer<typeof Project>;

export const GrowthModel = z.discriminatedUnion('type', [
  /** constant growth from the latest actual (CAGR). */
  z.object({ type: z.literal('cagr'), rate: Rate }),
  /** a growth rate per year; years not listed use `default_rate`. */
  z.object({
    type: z.literal('path'),
    rates: z.record(z.string().regex(/^\d{4}$/), Rate),
    default_rate: Rate.default(0),
  }),
  /** hold the latest value flat. */
  z.object({ type: z.literal('flat') }),
  /** LEAP Interp: linear interpolation from the latest actual through the given points. */
  z.object({
    type: z.literal('interp'),
    points: z
      .array(z.object({ year: Year, value: FiniteNumber }))
      .min(1)
      .max(50),
  }),
  /** LEAP Step: the value jumps to `value` in `year` and holds. */
  z.object({
    type: z.literal('step'),
    steps: z
      .array(z.object({ year: Year, value: FiniteNumber }))
      .min(1)
      .max(50),
  }),
  /** least-squares trend fitted to the actuals: linear or log-linear (exponential). */
  z.object({ type: z.literal('trend'), form: z.enum(['linear', 'loglinear']) }),
  /** logistic saturation towards a ceiling at speed `rate` (per year). */
  z.object({ type: z.literal('logistic'), ceiling: FiniteNumber, rate: FiniteNumber.refine((r) => r > 0, 'must be above 0') }),
  /** LEAP GrowthAs: growth = elasticity x the driver's growth. */
  z.object({ type: z.literal('elasticity'), driver: Id, elasticity: FiniteNumber }),
  /** 重大项目投产: an underlying growth plus named projects adding output with a ramp-up. */
  z.object({
    type: z.literal('pipeline'),
    underlying_rate: Rate.default(0),
    projects: z.array(Project).max(200),
  }),
  /**
   * intensity decay: the series (energy, CO2, water) grows with `driver` (real GDP or real
   * industrial value added) while its intensity falls by `rate` a year (0.03 = 3% a year).
   */
  z.object({
    type: z.literal('intensity_decay'),
    driver: Id,
    rate: FiniteNumber.refine((r) => r > -1 && r < 1, 'must be between -100% and 100%'),
  }),
]);
export type GrowthModel = z.infer<typeof GrowthModel>;
export type GrowthModelType = GrowthModel['type'];

export const DISTRIBUTIONS = ['normal', 'triangular', 'uniform', 'lognormal'] as const;
/** A range on the model's main parameter, read as a `confidence` interval (0.9 = 90%). */
export const Uncertainty = z.object({
  low: FiniteNumber,
  high: FiniteNumber,
  confidence: z.number().gt(0).lt(1).default(0.9),
  distribution: z.enum(DISTRIBUTIONS).default('normal'),
  /** loading on the common macro shock, -1..1. */
  correlation: z.number().min(-1).max(1).default(0),
  /**
   * The parameter's value for which the planner set these exact ends (models/uncertainty.ts
   * rangeInForce). Absent, or different from the scenario's current value: the range keeps its
   * shape and width and is centred on the current value.
   */
  pinned_at: FiniteNumber.optional(),
  /**
   * The loading of the plan's correlation group holding this series, as this scenario sets it
   * (models/correlation.ts scenarioGroups; 0 ≤ λ < 1). Written on every member with a range at once
   * (withGroupLoading); absent: the plan's loading.
   */
  group_loading: z.number().min(0).lt(1).optional(),
});
export type Uncertainty = z.infer<typeof Uncertainty>;

export const Assumption = z.object({
  series: Id,
  /** The base-year value when no actual exists: always shown as an assumption. */
  base_value: FiniteNumber.nullable().default(null),
  model: GrowthModel,
  uncertainty: Uncertainty.nullable().default(null),
  rationale: Text(4000).default(''),
  /** the values changed after the rationale was written (models/rationale.ts): it needs a new one. */
  rationale_stale: z.boolean().optional(),
  source: Text(1000).default(''),
  author: Text(100).default(''),
  updated_at: Text(40).default(''),
});
export type Assumption = z.infer<typeof Assumption>;

/** A preset scenario shipped with the plan (基准 / 乐观 / 保守). */
export const Preset = z.object({
  id: Id,
  name_zh: Text(100).min(1),
  name_en: Text(100).min(1),
  description_zh: Text(2000),
  description_en: Text(2000),
  /** a preset may inherit from another preset and store only its differences. */
  parent: Id.nullable().default(null),
  assumptions: z.array(Assumption).max(1000),
});
export type Preset = z.infer<typeof Preset>;

/**
 * A correlation group (models/correlation.ts): uncertain assumptions whose draws share a common
 * standard-normal factor with loading `loading` (one-factor model: z_i = λ·f + √(1 − λ²)·e_i, so
 * two members' normals correlate at λ²), before each member's own distribution; the marginals are
 * unchanged. Declared with the plan's presets; applies to every scenario of the plan.
 */
export const CorrelationGroup = z.object({
  id: Id,
  name_zh: Text(100).min(1),
  name_en: Text(100).min(1),
  /** the series whose assumptions' ranges share the factor (at least two, each in one group only) */
  members: z.array(Id).min(2).max(100),
  /** the loading λ on the group's factor, 0 ≤ λ < 1 (0: independent) */
  loading: z.number().min(0).lt(1),
  rationale_zh: Text(2000).default(''),
  rationale_en: Text(2000).default(''),
});
export type CorrelationGroup = z.infer<typeof CorrelationGroup>;

export const Plan = z.object({
  schema_version: z.literal(1),
  id: Id,
  title_zh: Text(300).min(1),
  title_en: Text(300).min(1),
  issuer_zh: Text(200),
  issued_date: Text(10),
  source_document: Text(300),
  period_start: Year,
  period_end: Year,
  /**
   * (optional) The last year of the next plan, when this plan lets figures for its years in
   * (actuals, year-to-date records, the last complete statistical year after period_end).
   */
  next_plan_end: Year.nullable().optional(),
  /** The plan gives none: 2023, the year before the plan, is the default (a setting). */
  base_year: Year,
  sections: z.array(PlanSection).min(1).max(100),
  series: z.array(Series).min(1).max(2000),
  targets: z.array(Target).min(1).max(1000),
  milestones: z.array(Milestone).max(2000).default([]),
  actuals: z.array(Actual).max(100000).default([]),
  references: z.array(Reference).max(10000).default([]),
  presets: z.array(Preset).max(50).default([]),
  /** (added) groups of related uncertain assumptions drawn with a common factor (CorrelationGroup) */
  correlation_groups: z.array(CorrelationGroup).max(50).optional(),
});
export type Plan = z.infer<typeof Plan>;
export type PlanInput = z.input<typeof Plan>;

// ---------------------------------------------------------------------------------------------
// Settings that change evaluation
// ---------------------------------------------------------------------------------------------

/**
 * Mid-term statuses (before the target year: 时间过半、任务过半) and final-year verdicts (the year
 * judged is the target year: 已完成 / 接近完成 / 未完成 on an actual, 预计完成 / 预计未完成 on a
 * nowcast or projection). Words, colours and groups: models/status.ts.
 */
export const STATUSES = [
  'achieved_early',
  'ahead',
  'on_track',
  'lagging',
  'completed',
  'near_complete',
  'not_completed',
  'expected_complete',
  'expected_not_complete',
  'no_data',
] as const;
export type Status = (typeof STATUSES)[number];

/**
 * 口径 of one target as the planners set it (models/koujing.ts): its base year and, where a target
 * restates a 十四五 figure, its end year, with a note; `confirmed` false keeps it 口径待核实.
 */
export const TargetBasis = z
  .object({
    base_year: Year.nullable().default(null),
    end_year: Year.nullable().default(null),
    note: Text(1000).default(''),
    confirmed: z.boolean().default(false),
  })
  .strict();
export type TargetBasis = z.infer<typeof TargetBasis>;
export const TargetBases = z.record(Id, TargetBasis);
export type TargetBases = z.infer<typeof TargetBases>;

export const EvalSettings = z.object({
  /** Base year for every target that does not set its own (default: the plan's). */
  base_year: Year.nullable().default(null),
  /** Tolerance of 基本符合预期, as a fraction of the time-proportional progress (0.05 = 5 points). */
  tolerance: z.number().min(0).max(0.5).default(0.05),
  /** The last complete statistical year (late 2026: 2025). */
  as_of_year: Year.default(2025),
  /**
   * 接近完成: per target id, how far below its target (in the target's own units) a final-year
   * actual still reads 接近完成 rather than 未完成. A target without one uses 2% of its target
   * (NEAR_TOLERANCE_DEFAULT in models/evaluate.ts).
   */
  near_tolerance: z.record(z.string().max(200), z.number().min(0).max(1e12)).default({}),
  /** The yardstick of level, share and cumulative targets before the target year. */
  yardstick: z.enum(['linear', 'compound']).default('linear'),
  /** (added) 口径 per target, by target id: base year, end year, note, confirmed. */
  target_bases: TargetBases.default({}),
});
export type EvalSettings = z.infer<typeof EvalSettings>;

/**
 * The evaluation settings carried by a wider settings object (the app's settings, a workspace
 * file's): every key of EvalSettings that is set, so a new evaluation setting reaches the API's
 * projections and the renderer's live ones alike, without a list to keep in step.
 */
export function evalSettingsOf(s: { [K in keyof EvalSettings]?: EvalSettings[K] | undefined }): Partial<EvalSettings> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(EvalSettings.shape) as (keyof EvalSettings)[]) if (s[k] !== undefined) out[k] = s[k];
  return out as Partial<EvalSettings>;
}
