/**
 * History lines of the scenario manager: what an edit changed, series · field: old → new,
 * e.g. "地区生产总值（现价）· 年均增速：4.5% → 3.5%" / "GDP (current prices) · annual growth: 4.5% → 3.5%".
 * Pure: the translation function is a parameter.
 */
import type { GrowthModel, Plan } from '../../../models/schema';
import type { RevisionChange } from '../../../contract';
import { scalarParams } from './assumptions';
import { formatPlain, formatRate, showValue } from './format';
import { seriesName, type TFn } from './modelText';

function isPercentField(key: string, model: string): boolean {
  const spec = scalarParams({ type: model } as GrowthModel).find((p) => p.key === key);
  if (spec) return spec.unit === 'percent';
  return key === 'rate' || key === 'default_rate' || key === 'underlying_rate';
}

export function historyChangeText(c: RevisionChange, plan: Pick<Plan, 'series'>, lang: string, t: TFn): string {
  const key = c.field.startsWith('model.') ? c.field.slice('model.'.length) : c.field;
  const field = t(`historyField.${c.field}`, { defaultValue: t(`fields.${key}`, { defaultValue: key }) });
  const unit = plan.series.find((s) => s.id === c.series)?.unit ?? '';
  // both sides with the same decimals: 4.25% → 5.00%, 4.5% → 3.5%
  const fine = (v: number | string | null) => typeof v === 'number' && Math.abs(v * 1000 - Math.round(v * 1000)) > 1e-6;
  const rateDigits = fine(c.old) || fine(c.new) ? 2 : 1;
  const show = (v: number | string | null): string => {
    if (v === null) return '—';
    if (typeof v === 'string') return key === 'type' ? t(`model.${v}`, { defaultValue: v }) : v.length > 40 ? `${v.slice(0, 40)}…` : v;
    if (key === 'base_value') return showValue(v, unit, lang);
    if (isPercentField(key, c.model)) return formatRate(v, lang, rateDigits);
    return formatPlain(v, lang, 4);
  };
  const series = seriesName(plan, c.series, lang);
  const changed = c.old === null && c.new === null;
  const line = changed
    ? t('historyChange.changed', { series, field })
    : t('historyChange.line', { series, field, old: show(c.old), new: show(c.new) });
  // after a full-width bracket the separator needs no space of its own: 地区生产总值（现价）· 年均增速
  return line.replace(/([）】」』]) ·/u, '$1·');
}
