/**
 * The data a briefing pack (汇报材料: the Excel workbook and the PDF report) is made from.
 * Plain data only, so the pack does not depend on the scenario store: the store, the CLI or a
 * test assembles a `BriefingInput` (see pack.ts `buildBriefingInput`) and the builders read it.
 */
import { StudioError } from '../../models/errors';
import type { Actual, EvalSettings, Plan } from '../../models/schema';
import type { ProjectionResult, ResolvedAssumption } from '../../models/types';

export type BriefingLanguage = 'zh-CN' | 'en';

/**
 * Percentiles of a target's judged quantity (the level, share, % reduction or average growth %,
 * as `TargetEvaluation.projected`), keyed 'p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95'.
 */
export type PercentileSet = Partial<Record<string, number>>;

export interface SimulationTarget {
  /** the target id. */
  id: string;
  /** probability of meeting the target (0..1); null when it cannot be judged. */
  p_meet: number | null;
  /**
   * Either the percentiles in the target year ({p5, p50, p95}), or per year
   * ({"2024": {p5, p95}, "2025": {...}, ...}). The chart draws the band between the lowest
   * (p5, else p10, else p25) and the highest (p95, else p90, else p75) given.
   */
  percentiles?: PercentileSet | Record<string, PercentileSet> | null;
}

export interface BriefingSimulation {
  targets: SimulationTarget[];
  /** number of Monte Carlo draws, shown in notes when given. */
  runs?: number;
}

export interface BriefingScenario {
  id: string;
  name: string;
  description: string;
  /** the label of a frozen version (冻结版本), shown beside the name. */
  frozen_label?: string | null;
  /** series id -> assumption in force, with `from` (the scenario or preset that set it). */
  assumptions: Record<string, ResolvedAssumption>;
  projection: ProjectionResult;
  simulation?: BriefingSimulation | null;
}

/** An actual as the store keeps it (StoredActual) or as the plan ships it (Actual). */
export type BriefingActual = Actual & {
  id?: number;
  entered_at?: string | null;
  deleted_at?: string | null;
};

export interface BriefingInput {
  plan: Plan;
  /** when the pack was made, ISO 8601. */
  generated_at: string;
  /** the making machine's Date#getTimezoneOffset() (minutes; UTC+8 is -480), for local dates and times. */
  utc_offset_minutes?: number;
  language: BriefingLanguage;
  /** one or more scenarios, in the order they are shown (the first is the reference). */
  scenarios: BriefingScenario[];
  /** the actuals shown in the 实际值 sheet and the sources appendix (deleted ones are skipped). */
  actuals: BriefingActual[];
  /** the evaluation settings the projections were made with (for the notes). */
  settings?: Partial<EvalSettings>;
  /** who made the pack (the user name setting), shown on the cover when given. */
  author?: string;
}

/** A briefing input error (bilingual, like the rest of the product). */
export class BriefingError extends StudioError {
  constructor(message_zh: string, message_en: string, path?: string) {
    super('invalid', message_zh, message_en, path);
    this.name = 'BriefingError';
  }
}

export function checkInput(input: BriefingInput): void {
  if (!input || !input.plan || !Array.isArray(input.plan.targets)) {
    throw new BriefingError('汇报材料输入缺少规划', 'briefing input has no plan');
  }
  if (!Array.isArray(input.scenarios) || input.scenarios.length === 0) {
    throw new BriefingError('汇报材料至少需要一个情景', 'a briefing needs at least one scenario');
  }
  const ids = new Set<string>();
  for (const s of input.scenarios) {
    if (!s.projection || !Array.isArray(s.projection.targets)) {
      throw new BriefingError(`情景“${s.name}”缺少测算结果`, `scenario "${s.name}" has no projection`);
    }
    if (ids.has(s.id)) throw new BriefingError(`情景编号“${s.id}”重复`, `scenario id "${s.id}" appears twice`);
    ids.add(s.id);
  }
  if (input.language !== 'zh-CN' && input.language !== 'en') {
    throw new BriefingError(`未知语言“${String(input.language)}”`, `unknown language "${String(input.language)}"`);
  }
}
