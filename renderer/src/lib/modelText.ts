/**
 * One-line summaries of growth models for lists and diffs: 年均增速 4.5% / 弹性 1.10（相对 地区生产总值）.
 * Pure: the translation function is a parameter.
 */
import type { Assumption, GrowthModel, Plan } from '../../../models/schema';
import { formatPlain, formatRate, showValue } from './format';

export type TFn = (key: string, opts?: Record<string, unknown>) => string;

export function seriesName(plan: Pick<Plan, 'series'>, id: string, lang: string): string {
  const s = plan.series.find((x) => x.id === id);
  if (!s) return id;
  return lang.startsWith('zh') ? s.name_zh : s.name_en;
}

function modelSummary(model: GrowthModel, unit: string, plan: Pick<Plan, 'series'>, lang: string, t: TFn): string {
  const name = t(`model.${model.type}`);
  switch (model.type) {
    case 'cagr':
      return `${name} ${formatRate(model.rate, lang)}`;
    case 'path': {
      const years = Object.keys(model.rates).sort();
      const parts = years.map((y) => `${y}: ${formatRate(model.rates[y], lang)}`);
      return `${name} ${parts.join('，')}`;
    }
    case 'flat':
      return name;
    case 'interp':
      return `${name} ${model.points.map((p) => `${p.year}: ${showValue(p.value, unit, lang)}`).join('，')}`;
    case 'step':
      return `${name} ${model.steps.map((p) => `${p.year}: ${showValue(p.value, unit, lang)}`).join('，')}`;
    case 'trend':
      return `${name}（${t(`trendForm.${model.form}`)}）`;
    case 'logistic':
      return `${name} ${t('param.ceiling')} ${showValue(model.ceiling, unit, lang)}，${t('param.speed')} ${formatPlain(model.rate, lang, 2)}`;
    case 'elasticity':
      return `${name} ${formatPlain(model.elasticity, lang, 2)}（${t('param.relativeTo')} ${seriesName(plan, model.driver, lang)}）`;
    case 'pipeline':
      return `${name}：${t('param.underlying_rate')} ${formatRate(model.underlying_rate ?? 0, lang)}，${t('param.projectsCount', { n: model.projects.length })}`;
    case 'intensity_decay':
      return `${name} ${formatRate(model.rate, lang)}（${t('param.relativeTo')} ${seriesName(plan, model.driver, lang)}）`;
  }
}

export function assumptionSummary(
  a: Assumption | null | undefined,
  unit: string,
  plan: Pick<Plan, 'series'>,
  lang: string,
  t: TFn,
): string {
  if (!a) return t('compare.noAssumption');
  const base =
    a.base_value !== null && a.base_value !== undefined ? `；${t('workbench.baseValue')} ${showValue(a.base_value, unit, lang)}` : '';
  return `${modelSummary(a.model, unit, plan, lang, t)}${base}`;
}
