/** Shapes and plain-text tables the CLI prints (the JSON shapes are documented in the README). */
import type { Plan } from '../models/schema';
import { STATUS_ORDER, STATUS_TABLE, statusWord } from '../models/status';
import type { ProjectionResult } from '../models/types';
import type { ScenarioMeta } from '../contract';
import { judgedFigure, targetPhrase } from '../models/sentences';
import { verdictLine } from '../models/verdict';
import { effortCellText, effortHeadroomText, effortLabel, effortLeverNote, requiredEffort } from '../models/kinds/effort';

export interface IndicatorReport {
  id: string;
  name: string;
  name_en: string;
  kind: string;
  comparator: string;
  unit: string;
  series: string;
  /** year -> value of the target's series: actuals, then the projection. */
  values: Record<string, number>;
  actual_years: number[];
  target_year: number;
  projected: number | null;
  target: number | [number, number];
  gap: number | null;
  /** the year of the gap: the target year, or an annual flow's worst failing year */
  gap_year: number | null;
  met: boolean | null;
  required_growth: number | null;
  assumed_growth: number | null;
  /** the required effort (models/kinds/effort.ts): 已达到 with the headroom, or the rate needed */
  required_effort: {
    state: 'reached' | 'needed' | 'none';
    rate: number | null;
    headroom: number | null;
    behind: boolean;
    /** what both rates are the growth of: own, a share's numerator, the flow a total sums */
    lever: 'own' | 'numerator' | 'flow';
    lever_series: string;
    label_zh: string;
    text_zh: string;
    text_en: string;
  };
  status: string;
  assumed: boolean;
  /** the verdict line of the screens (models/verdict.ts): 滞后：2026年预计8.6%，距目标差1.4个百分点；… */
  verdict_zh: string;
  verdict_en: string;
}

export interface ProjectionReport {
  scenario: string;
  base_year: number;
  target_year: number;
  rollup: Record<string, number>;
  indicators: IndicatorReport[];
}

export function projectionReport(plan: Plan, scenario: string, result: ProjectionResult): ProjectionReport {
  const names = new Map(plan.targets.map((t) => [t.id, t]));
  const indicators = result.targets.map((e): IndicatorReport => {
    const series = result.series[e.series];
    const values: Record<string, number> = {};
    for (const [year, v] of Object.entries(series?.values ?? {})) values[year] = v;
    const t = names.get(e.id)!;
    return {
      id: e.id,
      name: t.name_zh,
      name_en: t.name_en,
      kind: e.kind,
      comparator: e.comparator,
      unit: e.unit,
      series: e.series,
      values,
      actual_years: series?.actual_years ?? [],
      target_year: e.target_year,
      projected: e.projected,
      target: e.target,
      gap: e.gap,
      gap_year: e.gap_year ?? null,
      met: e.met,
      required_growth: e.required_growth,
      assumed_growth: e.assumed_growth,
      required_effort: effortReport(plan, e),
      status: e.status,
      assumed: e.assumed,
      verdict_zh: verdictLine(t, e, 'zh-CN').text,
      verdict_en: verdictLine(t, e, 'en').text,
    };
  });
  return {
    scenario,
    base_year: result.base_year,
    target_year: Math.max(...plan.targets.map((t) => t.target_year)),
    rollup: result.rollup,
    indicators,
  };
}

function effortReport(plan: Plan, e: ProjectionResult['targets'][number]): IndicatorReport['required_effort'] {
  const ef = requiredEffort(e);
  const lever = plan.series.find((x) => x.id === ef.leverSeries);
  const text = (lang: 'zh-CN' | 'en'): string => {
    const cell = effortCellText(ef, lang);
    const more = [
      effortHeadroomText(ef, lang),
      effortLeverNote(ef, lever ? (lang === 'zh-CN' ? lever.name_zh : lever.name_en) : ef.leverSeries, lang),
    ]
      .filter((x): x is string => !!x)
      .join(lang === 'zh-CN' ? '；' : '; ');
    return more ? (lang === 'zh-CN' ? `${cell}（${more}）` : `${cell} (${more})`) : cell;
  };
  return {
    state: ef.state,
    rate: ef.state === 'needed' ? ef.rate : null,
    headroom: ef.headroom,
    behind: ef.behind,
    lever: ef.lever,
    lever_series: ef.leverSeries,
    label_zh: effortLabel(ef, 'zh-CN'),
    text_zh: text('zh-CN'),
    text_en: text('en'),
  };
}

const num = (v: number | null, digits = 1) => (v === null ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: digits }));
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

export function formatProjectionTable(plan: Plan, report: ProjectionReport): string {
  const lines = [`情景 / scenario: ${report.scenario}   基期 / base year: ${report.base_year}`];
  const r = report.rollup;
  lines.push(
    STATUS_ORDER.filter((s) => !STATUS_TABLE[s].final || (r[s] ?? 0) > 0)
      .map((s) => `${statusWord(s, 'zh-CN')} ${r[s] ?? 0}`)
      .join(' · '),
  );
  lines.push('');
  const targets = new Map(plan.targets.map((t) => [t.id, t]));
  for (const i of report.indicators) {
    const t = targets.get(i.id);
    // the figures as the screens and the briefing write them (models/sentences.ts), the verdict line last
    lines.push(
      [
        i.name.padEnd(24, '　'),
        `预计 ${t ? judgedFigure(t, i.projected, 'zh-CN') : num(i.projected)}`,
        `目标 ${t ? targetPhrase(t, 'zh-CN') : ''}`,
        `${i.required_effort.label_zh} ${i.required_effort.text_zh}`,
        `${i.required_effort.lever === 'numerator' ? '分子假设增速' : '假设增速'} ${pct(i.assumed_growth)}`,
        i.verdict_zh,
        i.assumed ? '(含假设 assumed)' : '',
      ].join('  '),
    );
  }
  return lines.join('\n');
}

export function scenarioTable(list: ScenarioMeta[]): string {
  const byId = new Map(list.map((s) => [s.id, s]));
  return list
    .map((s) => {
      const parent = s.parent_id ? (byId.get(s.parent_id)?.name ?? s.parent_id) : '—';
      const flags = [s.frozen ? `冻结:${s.frozen_label ?? ''}` : '', s.preset_id ? `预设:${s.preset_id}` : ''].filter(Boolean).join(' ');
      return `${s.id}  ${s.name}  上级/parent: ${parent}  ${flags}`;
    })
    .join('\n');
}
