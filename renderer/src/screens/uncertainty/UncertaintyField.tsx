/**
 * 不确定区间 on an assumption card: the range typed the way planners write it ("5% to 9%",
 * "5%至9%", "1.2-2.4"), read as a 90% interval (the confidence can be changed), the distribution,
 * and the correlation with the common macro shock. The parameter the range is on is named
 * (models/uncertainty PARAMETER_TABLE). A bad entry shows a message naming the field and saves
 * nothing; a good one goes through the card's onChange (the workbench's autosave).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GrowthModel, Uncertainty } from '../../../../models/schema';
import { centredRange, parameterLabel, pinnedRange, rangeInForce, typedRange, uncertainParameter } from '../../../../models/uncertainty';
import {
  DEFAULT_CONFIDENCE,
  DISTRIBUTION_CHOICES,
  formatBound,
  formatRangeText,
  formOf,
  rangeUnit,
  readConfidence,
  readUncertainty,
  sameUncertainty,
  type Distribution,
  type UncertaintyForm,
  type UncertaintyProblem,
} from '../../lib/uncertainty-input';
import { showNumber, isZh } from '../../lib/format';
import { Icon } from '../../components/Icon';
import { InlineError } from '../../components/ui';
import './uncertainty.css';

export interface UncertaintyFieldProps {
  model: GrowthModel;
  value: Uncertainty | null | undefined;
  onChange: (u: Uncertainty | null) => void;
  readOnly: boolean;
  testBase: string;
  lang: string;
  /** the plan's correlation group holding the series (its draws share a factor with the others'),
   * with its loading in this scenario (`planLoading`: the plan's, when the scenario set another) */
  group?: CardGroup | null;
  /** sets the group's loading in this scenario on every member (null: back to the plan's) */
  onGroupLoading?: (loading: number | null) => void;
}

export interface CardGroup {
  id: string;
  name: string;
  loading: number;
  planLoading?: number;
  others: string[];
}

/** A loading as the scoreboard's note writes it: 0.8, 0.35 (two decimals at most, no trailing zero). */
const loadingText = (x: number): string => String(Number(x.toFixed(2)));

/** The highest loading the slider offers: the model takes 0 ≤ λ < 1. */
const MAX_GROUP_LOADING = 0.95;

export function UncertaintyField({ model, value, onChange, readOnly, testBase, lang, group, onGroupLoading }: UncertaintyFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const zh = isZh(lang);
  const [form, setForm] = useState<UncertaintyForm>(() => formOf(value, model, lang));
  const [problem, setProblem] = useState<UncertaintyProblem | null>(null);
  const editing = useRef(false);
  const info = uncertainParameter(model);
  const unit = rangeUnit(model, info);

  // the saved value (or another model) comes back in, unless the planner is typing
  const valueText = JSON.stringify(value ?? null);
  useEffect(() => {
    if (editing.current) return;
    setForm(formOf(value, model, lang));
    // a value from outside replaces what was refused
    setProblem(null);
  }, [valueText, model.type, lang]);

  const commit = (next: UncertaintyForm) => {
    setForm(next);
    const r = readUncertainty(next, model);
    if (!r.ok) {
      setProblem(r.problem);
      return;
    }
    setProblem(null);
    // a range typed now is the planner's for the current value (pinned when off-centre); the
    // range box unchanged keeps the saved pin
    let u = r.value;
    if (u) {
      const typed = next.range.trim() !== formatRangeText(value, model, lang);
      if (typed) u = typedRange(u, info);
      else if (value?.pinned_at !== undefined) u = { ...u, pinned_at: value.pinned_at };
      // the group's loading is set on the group, not in this form: kept
      if (value?.group_loading !== undefined) u = { ...u, group_loading: value.group_loading };
    }
    if (!sameUncertainty(u, value ?? null)) onChange(u);
  };
  // the range the simulation draws from under the current value (models/uncertainty rangeInForce)
  const inForce = value && !problem ? rangeInForce(value, info) : null;
  const offCentre = !!inForce && inForce.pinned && Math.abs(inForce.centre - inForce.value) > 1e-12 * Math.max(1, Math.abs(inForce.value));
  const b = (x: number) => formatBound(x, unit, lang);

  const fieldLabel = (f: UncertaintyProblem['field']) => t(`uncertainty.field.${f}`);
  const message = problem ? `${fieldLabel(problem.field)}：${zh ? problem.message_zh : problem.message_en}` : null;
  const hasRange = form.range.trim() !== '';
  const errId = `${id}-err`;
  const textKeys = (e: React.KeyboardEvent<HTMLInputElement>, reset: () => void) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit(form);
    } else if (e.key === 'Escape' && problem) {
      e.stopPropagation();
      reset();
    }
  };
  const resetAll = () => {
    setForm(formOf(value, model, lang));
    setProblem(null);
  };
  const how = t(`uncertainty.how.${info.how}`);
  const error = message ? (
    <InlineError id={errId}>
      <span data-testid={`${testBase}-unc-error`}>{message}</span>
    </InlineError>
  ) : null;

  return (
    <div className={`field unc-field ${problem ? 'unc-invalid' : ''}`} data-testid={`${testBase}-unc`} data-has-range={!!value}>
      <label className="field-label" htmlFor={`${id}-range`}>
        {t('uncertainty.field.range')}
        <span className="unc-field-hint">
          {t('uncertainty.card.asInterval', { confidence: showNumber(shownConfidence(form.confidence) * 100, lang, 0) })}
        </span>
      </label>
      <div className="unc-range-row">
        <input
          id={`${id}-range`}
          type="text"
          value={form.range}
          disabled={readOnly}
          placeholder={t(unit === 'percent' ? 'uncertainty.card.placeholderPercent' : 'uncertainty.card.placeholderNumber')}
          aria-invalid={problem?.field === 'range'}
          aria-describedby={problem ? errId : undefined}
          onFocus={() => (editing.current = true)}
          onBlur={() => {
            editing.current = false;
            commit(form);
          }}
          onChange={(e) => setForm({ ...form, range: e.target.value })}
          onKeyDown={(e) => textKeys(e, resetAll)}
          data-testid={`${testBase}-unc-range`}
        />
        {value && !readOnly && (
          <button
            type="button"
            className="btn btn-icon btn-small"
            onClick={() => commit({ ...form, range: '' })}
            aria-label={t('uncertainty.card.clear')}
            title={t('uncertainty.card.clear')}
            data-testid={`${testBase}-unc-clear`}
          >
            <Icon name="close" size={14} />
          </button>
        )}
      </div>
      {problem?.field === 'range' && error}
      <p className="field-help" data-testid={`${testBase}-unc-param`}>
        {t('uncertainty.card.appliesTo', { parameter: parameterLabel(info, zh ? 'zh' : 'en'), how })}
        {unit === 'percent' ? ` ${t('uncertainty.card.percentNote')}` : ''}
      </p>
      {value && inForce && !problem && (
        <p className="field-help unc-reading" data-testid={`${testBase}-unc-reading`}>
          {t('uncertainty.card.reading', {
            low: b(inForce.low),
            high: b(inForce.high),
            confidence: showNumber((value.confidence ?? 0.9) * 100, lang, 0),
            distribution: t(`uncertainty.dist.${value.distribution ?? 'normal'}`),
          })}
        </p>
      )}
      {value && inForce?.recentred && (
        <div className="unc-follow" role="status" data-testid={`${testBase}-unc-recentred`}>
          <p className="unc-follow-line">
            {t('uncertainty.card.recentred', { value: b(inForce.value), low: b(inForce.low), high: b(inForce.high) })}
          </p>
          <p className="field-help">
            {t('uncertainty.card.recentredHelp', { storedLow: b(inForce.stored_low), storedHigh: b(inForce.stored_high) })}
          </p>
          {!readOnly && (
            <button
              type="button"
              className="btn btn-small btn-link"
              onClick={() => onChange(pinnedRange(value, info))}
              data-testid={`${testBase}-unc-pin`}
            >
              {t('uncertainty.card.pin', { storedLow: b(inForce.stored_low), storedHigh: b(inForce.stored_high) })}
            </button>
          )}
        </div>
      )}
      {value && inForce && offCentre && (
        <div className="unc-follow unc-follow-pinned" role="status" data-testid={`${testBase}-unc-pinned`}>
          <p className="unc-follow-line">
            {t('uncertainty.card.pinned', {
              low: b(inForce.low),
              high: b(inForce.high),
              centre: b(inForce.centre),
              value: b(inForce.value),
            })}
          </p>
          <p className="field-help">{t('uncertainty.card.pinnedHelp')}</p>
          {!readOnly && (
            <button
              type="button"
              className="btn btn-small btn-link"
              onClick={() => onChange(centredRange(value, info))}
              data-testid={`${testBase}-unc-centre`}
            >
              {t('uncertainty.card.centre')}
            </button>
          )}
        </div>
      )}
      <div className="unc-grid">
        <label className="unc-sub" htmlFor={`${id}-dist`}>
          <span>{t('uncertainty.field.distribution')}</span>
          <select
            id={`${id}-dist`}
            value={form.distribution}
            disabled={readOnly || !hasRange}
            onChange={(e) => commit({ ...form, distribution: e.target.value as Distribution })}
            data-testid={`${testBase}-unc-dist`}
          >
            {DISTRIBUTION_CHOICES.map((d) => (
              <option key={d} value={d}>
                {t(`uncertainty.dist.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="unc-sub" htmlFor={`${id}-conf`}>
          <span>{t('uncertainty.field.confidence')}</span>
          <input
            id={`${id}-conf`}
            type="text"
            inputMode="decimal"
            value={form.confidence}
            disabled={readOnly || !hasRange}
            aria-invalid={problem?.field === 'confidence'}
            aria-describedby={problem?.field === 'confidence' ? errId : undefined}
            onFocus={() => (editing.current = true)}
            onBlur={() => {
              editing.current = false;
              commit(form);
            }}
            onChange={(e) => setForm({ ...form, confidence: e.target.value })}
            onKeyDown={(e) => textKeys(e, resetAll)}
            data-testid={`${testBase}-unc-confidence`}
          />
        </label>
      </div>
      {problem && problem.field !== 'range' && error}
      <div className="unc-sub unc-corr">
        <label htmlFor={`${id}-corr`}>{t('uncertainty.field.correlation')}</label>
        <div className="param-controls">
          <input
            id={`${id}-corr`}
            type="range"
            className="slider"
            min={-1}
            max={1}
            step={0.05}
            value={form.correlation}
            disabled={readOnly || !hasRange}
            aria-valuetext={showNumber(form.correlation, lang, 2)}
            onChange={(e) => commit({ ...form, correlation: Math.round(Number(e.target.value) * 100) / 100 })}
            data-testid={`${testBase}-unc-corr`}
          />
          <output className="unc-corr-value" htmlFor={`${id}-corr`}>
            {showNumber(form.correlation, lang, 2)}
          </output>
        </div>
        <p className="field-help">{t('uncertainty.card.correlationHelp')}</p>
        {group && hasRange && (
          <p className="field-help" data-testid={`${testBase}-unc-group`}>
            {t('uncertainty.card.group', {
              name: group.name,
              loading: loadingText(group.loading),
              rho: showNumber(group.loading * group.loading, lang, 2),
              others: group.others.join(zh ? '、' : ', '),
            })}
          </p>
        )}
      </div>
      {group && value && (
        <div className="unc-sub unc-corr" data-testid={`${testBase}-unc-group-loading`}>
          <label htmlFor={`${id}-gload`}>{t('uncertainty.card.groupLoading')}</label>
          <div className="param-controls">
            <input
              id={`${id}-gload`}
              type="range"
              className="slider"
              min={0}
              max={MAX_GROUP_LOADING}
              step={0.05}
              value={group.loading}
              disabled={readOnly || !onGroupLoading}
              aria-valuetext={loadingText(group.loading)}
              onChange={(e) => onGroupLoading?.(Math.min(MAX_GROUP_LOADING, Math.round(Number(e.target.value) * 100) / 100))}
              data-testid={`${testBase}-unc-group-slider`}
            />
            <output className="unc-corr-value" htmlFor={`${id}-gload`} data-testid={`${testBase}-unc-group-value`}>
              {loadingText(group.loading)}
            </output>
          </div>
          <p className="field-help" data-testid={`${testBase}-unc-group-source`}>
            {group.planLoading !== undefined
              ? t('uncertainty.card.groupScenario', { plan: loadingText(group.planLoading) })
              : t('uncertainty.card.groupPlan')}
            {' · '}
            {t('uncertainty.card.groupLoadingHelp')}
          </p>
          {group.planLoading !== undefined && !readOnly && onGroupLoading && (
            <button
              type="button"
              className="btn btn-small btn-link"
              onClick={() => onGroupLoading(null)}
              data-testid={`${testBase}-unc-group-reset`}
            >
              {t('uncertainty.card.groupReset', { plan: loadingText(group.planLoading) })}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** The confidence typed, for the label only (one that cannot be read shows the default). */
function shownConfidence(text: string): number {
  const c = readConfidence(text);
  return c.ok ? c.value : DEFAULT_CONFIDENCE;
}
