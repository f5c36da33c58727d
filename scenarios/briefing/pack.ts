/**
 * Assembling the briefing pack (汇报材料): `buildBriefingInput` projects each scenario with the
 * engine and gathers plain data; `briefingHtmlWithFont` is the print layout with its font.
 * Writing files with headless Chromium is in export.ts, apart, so the desktop bundle (which
 * prints with Electron) never includes playwright.
 */
import { projectPlan } from '../../models/engine';
import { resolvePresetAssumptions } from '../../models/presets';
import type { Actual, EvalSettings, Plan } from '../../models/schema';
import type { ResolvedAssumption } from '../../models/types';
import { fontCssFor } from './font';
import { buildBriefingHtml } from './print-html';
import {
  checkInput,
  type BriefingActual,
  type BriefingInput,
  type BriefingLanguage,
  type BriefingScenario,
  type BriefingSimulation,
} from './types';

/** A scenario to brief on: its assumptions already resolved along its inheritance chain. */
export interface ScenarioSpec {
  id: string;
  name: string;
  description?: string;
  frozen_label?: string | null;
  assumptions: Record<string, ResolvedAssumption>;
  simulation?: BriefingSimulation | null;
}

export interface BuildBriefingInputArgs {
  plan: Plan;
  scenarios: ScenarioSpec[];
  /** the user's actuals (StoredActual records or Actual); deleted ones are left out. */
  actuals?: readonly BriefingActual[];
  settings?: Partial<EvalSettings>;
  language?: BriefingLanguage;
  /** default: now. */
  generated_at?: string | Date;
  /** default: this machine's offset at generated_at. */
  utc_offset_minutes?: number;
  author?: string;
  /** also list the plan's own actuals in the pack (default true). */
  include_plan_actuals?: boolean;
  /**
   * every live stored record, superseded ones included (store.listActuals()): not projected, only
   * read for the notes where a later vintage replaced an earlier figure (records-shown.ts).
   */
  history?: readonly BriefingActual[];
}

/** Projects every scenario (projectPlan) and gathers what the workbook and the PDF need. */
export function buildBriefingInput(args: BuildBriefingInputArgs): BriefingInput {
  const { plan } = args;
  const userActuals = (args.actuals ?? []).filter((a) => !a.deleted_at);
  const engineActuals: Actual[] = userActuals.map((a) => ({
    series: a.series,
    period: a.period,
    value: a.value,
    value_kind: a.value_kind ?? 'actual',
    source: a.source,
    vintage: a.vintage ?? null,
    note: a.note ?? '',
    entered_by: a.entered_by ?? '',
  }));
  const scenarios: BriefingScenario[] = args.scenarios.map((s) => ({
    id: s.id,
    name: s.name,
    description: s.description ?? '',
    frozen_label: s.frozen_label ?? null,
    assumptions: s.assumptions,
    projection: projectPlan({ plan, assumptions: s.assumptions, actuals: engineActuals, settings: args.settings }),
    simulation: s.simulation ?? null,
  }));
  const generated =
    args.generated_at === undefined
      ? new Date().toISOString()
      : typeof args.generated_at === 'string'
        ? args.generated_at
        : args.generated_at.toISOString();
  const input: BriefingInput = {
    plan,
    generated_at: generated,
    utc_offset_minutes: args.utc_offset_minutes ?? new Date(generated).getTimezoneOffset(),
    language: args.language ?? 'zh-CN',
    scenarios,
    // every live record; the pack shows only the one in force of each series and period (shownActuals)
    actuals: [
      ...(args.include_plan_actuals === false ? [] : plan.actuals),
      ...userActuals,
      ...(args.history ?? []).filter((a) => !a.deleted_at),
    ],
    settings: args.settings,
    author: args.author,
  };
  checkInput(input);
  return input;
}

/** The plan's preset scenarios (基准 / 乐观 / 保守) as specs, resolved along their parents. */
export function presetScenarios(plan: Plan, language: BriefingLanguage = 'zh-CN', ids?: readonly string[]): ScenarioSpec[] {
  const presets = ids
    ? ids.map((id) => plan.presets.find((p) => p.id === id)).filter((p): p is Plan['presets'][number] => !!p)
    : plan.presets;
  return presets.map((p) => ({
    id: p.id,
    name: language === 'zh-CN' ? p.name_zh : p.name_en,
    description: language === 'zh-CN' ? p.description_zh : p.description_en,
    assumptions: resolvePresetAssumptions(plan, p.id),
  }));
}

/** The briefing HTML with the bundled font inlined (only the slices its text needs). */
export function briefingHtmlWithFont(input: BriefingInput): string {
  const draft = buildBriefingHtml(input, { fontCss: '' });
  return buildBriefingHtml(input, { fontCss: fontCssFor(draft) });
}
