/**
 * The assumption of one driving series: model chooser, parameters (sliders + number boxes in
 * planner units), base value (假设), required growth, goal seek (按目标反推 the model's own parameter), rationale and source; an
 * override in a child scenario is highlighted with 已覆盖 and 「恢复为上级情景」.
 */
import { withRationaleState } from '../../../../models/rationale';
import { allowedRange } from '../../../../models/plausibility';
import { useTranslation } from 'react-i18next';
import type { Assumption, GrowthModel, GrowthModelType, Plan, Series } from '../../../../models/schema';
import type { ResolvedAssumption, TargetEvaluation } from '../../../../models/types';
import { defaultModel, MODEL_TYPES, scalarParams, type ModelContext, type ParamSpec } from '../../lib/assumptions';
import { showValue, showUnit } from '../../lib/format';
import { effortView } from '../../lib/effort';
import { Icon } from '../../components/Icon';
import { SearchSelect } from '../../components/SearchSelect';
import { seriesOptions } from '../../lib/pickerFilter';
import { Assumed, Tag } from '../../components/ui';
import { NumberBox, ParamField } from './fields';
import { UncertaintyField, type CardGroup } from '../uncertainty/UncertaintyField';
import { keepsRange } from '../../lib/uncertainty-input';
import { goalSeekLabel } from '../../lib/whatif';

export interface AssumptionCardProps {
  plan: Plan;
  series: Series;
  /** what the scenario resolves to (saved). */
  resolved: ResolvedAssumption | undefined;
  /** an unsaved edit, if any (wins). */
  edit: Assumption | undefined;
  /** the scenario set this itself (or an unsaved edit makes it so). */
  overridden: boolean;
  canReset: boolean;
  fromLabel: string;
  readOnly: boolean;
  evaluation: TargetEvaluation | null;
  /** "1-10月已完成…，11-12月需完成…" when the series has a 1-N月 figure of the target year */
  yearSentence?: string | null;
  /** beside the sliders when the target year's value is fixed (a nowcast, an actual): what they still change */
  fixedNote?: string | null;
  /** instead of the required growth once the target year's figure is in */
  judgedOn?: string | null;
  modelContext: ModelContext;
  onChange: (a: Assumption) => void;
  onReset: () => void;
  onGoalSeek: () => void;
  /** the correlation group holding the series, with its loading in this scenario (lib/correlation groupForCard) */
  group?: CardGroup | null;
  /** sets that group's loading on every member (null: the plan's) */
  onGroupLoading?: (loading: number | null) => void;
  lang: string;
}

const emptyAssumption = (series: string, model: GrowthModel): Assumption => ({
  series,
  base_value: null,
  model,
  uncertainty: null,
  rationale: '',
  source: '',
  author: '',
  updated_at: '',
});

export function AssumptionCard(props: AssumptionCardProps) {
  const { t } = useTranslation();
  const {
    plan,
    series,
    resolved,
    edit,
    overridden,
    canReset,
    fromLabel,
    readOnly,
    evaluation,
    yearSentence,
    fixedNote,
    judgedOn,
    modelContext,
    onChange,
    onReset,
    onGoalSeek,
    lang,
  } = props;
  const current: Assumption = edit ?? resolved ?? emptyAssumption(series.id, { type: 'flat' });
  const hasAssumption = !!(edit ?? resolved);
  const model = current.model;
  const set = (patch: Partial<Assumption>) => onChange({ ...current, ...patch });
  // the values changed and the text did not: the same rule the store applies on saving
  const staleRationale = edit ? withRationaleState(edit, resolved).rationale_stale === true : resolved?.rationale_stale === true;
  const setModel = (m: GrowthModel) => set({ model: m });
  const zh = lang.startsWith('zh');
  const name = zh ? series.name_zh : series.name_en;
  const unit = series.unit;
  const growthHere = evaluation && evaluation.growth_series === series.id;
  // the required effort (models/kinds/effort.ts): 已达到 with the headroom, 分子 for a share's numerator
  const ef = growthHere ? effortView(evaluation, plan, lang, t) : null;
  const testBase = `asm-${series.id}`;
  // goal seek solves the model's own parameter (models/growth/<model>.ts goalSeek); the button names it
  const seekParam = hasAssumption ? goalSeekLabel(model, series, lang) : null;
  // the values the series may take (models/plausibility.ts, the range the API refuses outside of):
  // the base value, steps, points, a ceiling and project capacities are refused beside their field
  const [lo, hi] = allowedRange(series);
  const valueLimit: ParamSpec['limit'] = { ...(lo !== null ? { min: lo } : {}), ...(hi !== null ? { max: hi } : {}) };
  const paramLabel = (key: string) => t(`param.${model.type}_${key}`);
  const drivers = plan.series.filter((s) => s.id !== series.id && (s.driver || s.derived?.type === 'deflate'));

  return (
    <section className={`asm-card ${overridden ? 'overridden' : ''}`} data-testid={testBase} data-overridden={overridden} aria-label={name}>
      <header className="asm-head">
        <div className="asm-title">
          <span className="asm-name">{name}</span>
          <span className="asm-unit">{showUnit(unit, lang)}</span>
        </div>
        {overridden ? (
          <Tag tone="override" tip={t('workbench.overrideTip')}>
            {t('workbench.overridden')}
          </Tag>
        ) : !hasAssumption ? (
          <Tag tone="warn" tip={t('workbench.noAssumptionTip')}>
            {t('workbench.noAssumption')}
          </Tag>
        ) : null}
      </header>
      {!overridden && hasAssumption && (
        <span className="asm-from" data-testid={`${testBase}-from`}>
          {t('workbench.inheritedFrom', { from: fromLabel })}
        </span>
      )}
      {overridden && canReset && !readOnly && (
        <button type="button" className="btn btn-small btn-link asm-reset" onClick={onReset} data-testid={`${testBase}-reset`}>
          <Icon name="restore" size={14} />
          {t('workbench.resetToParent')}
        </button>
      )}

      {yearSentence && (
        <p className="asm-year" data-testid={`${testBase}-year`}>
          {yearSentence}
        </p>
      )}
      {fixedNote && (
        <p className="asm-fixed" role="note" data-testid={`${testBase}-fixed`}>
          <Icon name="info" size={14} />
          {fixedNote}
        </p>
      )}

      <div className="field">
        <label className="field-label" htmlFor={`${testBase}-model`}>
          {t('workbench.model')}
        </label>
        <select
          id={`${testBase}-model`}
          value={model.type}
          disabled={readOnly}
          onChange={(e) => {
            const next = defaultModel(e.target.value as GrowthModelType, model, modelContext);
            // a range on another parameter would change meaning: it goes with the old model
            set({ model: next, uncertainty: keepsRange(model, next) ? current.uncertainty : null });
          }}
          data-testid={`${testBase}-model`}
        >
          {MODEL_TYPES.map((m) => (
            <option key={m} value={m}>
              {t(`model.${m}`)}
            </option>
          ))}
        </select>
        <p className="field-help">{t(`modelHelp.${model.type}`)}</p>
      </div>

      {scalarParams(model).map((spec) => (
        <ParamField
          key={`${model.type}-${spec.key}`}
          label={paramLabel(spec.key)}
          spec={spec}
          value={(model as unknown as Record<string, number>)[spec.key] ?? 0}
          onChange={(v) => setModel({ ...model, [spec.key]: v } as GrowthModel)}
          disabled={readOnly}
          testId={`${testBase}-${spec.key}`}
        />
      ))}

      <ModelDetails
        model={model}
        unit={unit}
        valueLimit={valueLimit}
        readOnly={readOnly}
        onChange={setModel}
        drivers={drivers}
        lang={lang}
        testBase={testBase}
        horizon={modelContext.horizon}
        firstYear={modelContext.latestYear + 1}
      />

      <div className="field">
        <label className="field-label" htmlFor={`${testBase}-base`}>
          {t('workbench.baseValue')}
          {current.base_value !== null && current.base_value !== undefined && (
            <Assumed on tip={t('workbench.baseAssumedTip')}>
              {''}
            </Assumed>
          )}
        </label>
        <NumberBox
          inputId={`${testBase}-base`}
          label={t('workbench.baseValue')}
          value={current.base_value ?? null}
          unit="number"
          allowEmpty
          limit={valueLimit}
          onCommit={(v) => set({ base_value: v })}
          disabled={readOnly}
          suffix={showUnit(unit, lang) || undefined}
          testId={`${testBase}-base`}
        />
        <p className="field-help">{t('workbench.baseValueHelp')}</p>
      </div>

      {growthHere && judgedOn && (
        <div className="required" data-testid={`${testBase}-required`}>
          <div className="required-note" data-testid={`${testBase}-judged-on`}>
            {judgedOn}
          </div>
        </div>
      )}
      {growthHere && !judgedOn && ef && (
        <div className="required" data-testid={`${testBase}-required`} data-effort={ef.effort.state}>
          <div className="required-row">
            <span title={ef.tip}>{ef.requiredLabel}</span>
            <strong className={ef.effort.state === 'reached' ? 'ok' : undefined} data-testid={`${testBase}-required-rate`}>
              {ef.required}
            </strong>
          </div>
          {ef.headroom && (
            <div className="required-note" data-testid={`${testBase}-headroom`}>
              {ef.headroom}
            </div>
          )}
          <div className="required-row">
            <span>{ef.assumedLabel}</span>
            <strong
              className={ef.effort.behind ? 'behind' : 'ok'}
              title={ef.effort.behind ? t(ef.effort.direction === -1 ? 'effort.behindFallTip' : 'effort.behindTip') : undefined}
            >
              {ef.assumed}
            </strong>
          </div>
          {evaluation.growth_from_year ? (
            <div className="required-note">
              {t('workbench.growthFrom', { year: evaluation.growth_from_year, target: evaluation.target_year })}
            </div>
          ) : null}
          {ef.note && (
            <div className="required-note" data-testid={`${testBase}-numerator-note`}>
              {ef.note}
            </div>
          )}
        </div>
      )}
      {!readOnly && seekParam && (
        <button
          type="button"
          className="btn btn-small"
          onClick={onGoalSeek}
          data-testid={`${testBase}-goalseek`}
          title={t('workbench.goalSeekTip', { param: seekParam })}
        >
          <Icon name="target" size={14} />
          {t('workbench.goalSeek', { param: seekParam })}
        </button>
      )}

      <UncertaintyField
        model={model}
        value={current.uncertainty}
        onChange={(u) => set({ uncertainty: u })}
        readOnly={readOnly}
        testBase={testBase}
        lang={lang}
        group={props.group ?? null}
        onGroupLoading={props.onGroupLoading}
      />

      <div className="field">
        <label className="field-label" htmlFor={`${testBase}-rationale`}>
          {t('workbench.rationale')}
        </label>
        {staleRationale && !readOnly && (
          <p className="rationale-stale" role="status" data-testid={`${testBase}-rationale-stale`}>
            <Icon name="warning" size={14} />
            {t('workbench.rationaleStale')}
          </p>
        )}
        <textarea
          id={`${testBase}-rationale`}
          className={staleRationale ? 'stale' : undefined}
          rows={3}
          value={current.rationale ?? ''}
          maxLength={4000}
          disabled={readOnly}
          onChange={(e) => set({ rationale: e.target.value })}
          placeholder={t('workbench.rationalePlaceholder')}
          data-testid={`${testBase}-rationale`}
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${testBase}-source`}>
          {t('workbench.source')}
        </label>
        <input
          id={`${testBase}-source`}
          type="text"
          value={current.source ?? ''}
          maxLength={1000}
          disabled={readOnly}
          onChange={(e) => set({ source: e.target.value })}
          placeholder={t('workbench.sourcePlaceholder')}
          data-testid={`${testBase}-source`}
        />
      </div>
    </section>
  );
}

const RATE_SPEC: ParamSpec = { key: 'rate', unit: 'percent', min: -0.2, max: 0.5, step: 0.001, limit: { min: -1, minExclusive: true } };

function ModelDetails({
  model,
  unit,
  valueLimit,
  readOnly,
  onChange,
  drivers,
  lang,
  testBase,
  horizon,
  firstYear,
}: {
  model: GrowthModel;
  unit: string;
  valueLimit: ParamSpec['limit'];
  readOnly: boolean;
  onChange: (m: GrowthModel) => void;
  drivers: Series[];
  lang: string;
  testBase: string;
  horizon: number;
  firstYear: number;
}) {
  const { t } = useTranslation();
  const zh = lang.startsWith('zh');
  switch (model.type) {
    case 'path': {
      const years: string[] = [];
      for (let y = Math.min(firstYear, horizon); y <= horizon; y++) years.push(String(y));
      for (const y of Object.keys(model.rates)) if (!years.includes(y)) years.push(y);
      years.sort();
      return (
        <div className="sublist">
          {years.map((y) => (
            <ParamField
              key={y}
              label={t('param.rateInYear', { year: y })}
              spec={{ ...RATE_SPEC, limit: scalarParams(model)[0]?.limit ?? RATE_SPEC.limit, key: y }}
              value={model.rates[y] ?? model.default_rate ?? 0}
              onChange={(v) => onChange({ ...model, rates: { ...model.rates, [y]: v } })}
              disabled={readOnly}
              testId={`${testBase}-path-${y}`}
            />
          ))}
        </div>
      );
    }
    case 'interp':
    case 'step': {
      const points = model.type === 'interp' ? model.points : model.steps;
      const put = (pts: { year: number; value: number }[]) =>
        onChange(model.type === 'interp' ? { type: 'interp', points: pts } : { type: 'step', steps: pts });
      return (
        <div className="sublist">
          <div className="points-head">
            <span>{t('param.year')}</span>
            <span>{t('param.value')}</span>
            <span />
          </div>
          {points.map((p, i) => (
            <div className="points-row" key={i}>
              <NumberBox
                label={t('param.year')}
                hideLabel
                value={p.year}
                unit="year"
                limit={{ min: 1990, max: 2100 }}
                onCommit={(v) => v !== null && put(points.map((q, k) => (k === i ? { ...q, year: v } : q)))}
                disabled={readOnly}
                testId={`${testBase}-pt-${i}-year`}
              />
              <NumberBox
                label={t('param.value')}
                hideLabel
                value={p.value}
                unit="number"
                limit={valueLimit}
                onCommit={(v) => v !== null && put(points.map((q, k) => (k === i ? { ...q, value: v } : q)))}
                disabled={readOnly}
                suffix={showUnit(unit, lang) || undefined}
                testId={`${testBase}-pt-${i}-value`}
              />
              <button
                type="button"
                className="btn btn-icon btn-small"
                disabled={readOnly || points.length <= 1}
                onClick={() => put(points.filter((_, k) => k !== i))}
                aria-label={t('common.remove')}
              >
                <Icon name="close" size={14} />
              </button>
            </div>
          ))}
          <button
            type="button"
            className="btn btn-small btn-link"
            disabled={readOnly || points.length >= 50}
            onClick={() => {
              const last = points[points.length - 1];
              put([...points, { year: Math.min(2100, (last?.year ?? horizon) + 1), value: last?.value ?? 0 }]);
            }}
          >
            <Icon name="plus" size={14} />
            {t('param.addPoint')}
          </button>
        </div>
      );
    }
    case 'trend':
      return (
        <div className="field">
          <label className="field-label" htmlFor={`${testBase}-form`}>
            {t('param.form')}
          </label>
          <select
            id={`${testBase}-form`}
            value={model.form}
            disabled={readOnly}
            onChange={(e) => onChange({ type: 'trend', form: e.target.value as 'linear' | 'loglinear' })}
          >
            <option value="linear">{t('trendForm.linear')}</option>
            <option value="loglinear">{t('trendForm.loglinear')}</option>
          </select>
        </div>
      );
    case 'logistic':
      return (
        <div className="field">
          <label className="field-label" htmlFor={`${testBase}-ceiling`}>
            {t('param.ceiling')}
          </label>
          <NumberBox
            inputId={`${testBase}-ceiling`}
            label={t('param.ceiling')}
            value={model.ceiling}
            unit="number"
            limit={valueLimit}
            onCommit={(v) => v !== null && onChange({ ...model, ceiling: v })}
            disabled={readOnly}
            suffix={showUnit(unit, lang) || undefined}
            testId={`${testBase}-ceiling`}
          />
        </div>
      );
    case 'elasticity':
    case 'intensity_decay':
      return (
        <div className="field">
          <label className="field-label" htmlFor={`${testBase}-driver`}>
            {t('param.driver')}
          </label>
          <SearchSelect
            id={`${testBase}-driver`}
            options={[
              ...(!drivers.some((d) => d.id === model.driver) && model.driver ? [{ value: model.driver, label: model.driver }] : []),
              ...seriesOptions(drivers, zh),
            ]}
            value={model.driver}
            onChange={(driver) => onChange({ ...model, driver })}
            placeholder={t('param.chooseDriver')}
            disabled={readOnly}
            testId={`${testBase}-driver`}
          />
        </div>
      );
    case 'pipeline':
      return (
        <Projects
          model={model}
          unit={unit}
          valueLimit={valueLimit}
          readOnly={readOnly}
          onChange={onChange}
          lang={lang}
          testBase={testBase}
          horizon={horizon}
        />
      );
    default:
      return null;
  }
}

function Projects({
  model,
  unit,
  valueLimit,
  readOnly,
  onChange,
  lang,
  testBase,
  horizon,
}: {
  model: Extract<GrowthModel, { type: 'pipeline' }>;
  unit: string;
  valueLimit: ParamSpec['limit'];
  readOnly: boolean;
  onChange: (m: GrowthModel) => void;
  lang: string;
  testBase: string;
  horizon: number;
}) {
  const { t } = useTranslation();
  const put = (projects: typeof model.projects) => onChange({ ...model, projects });
  return (
    <div className="sublist projects">
      <div className="field-label">{t('param.projects')}</div>
      {model.projects.length === 0 && <p className="field-help">{t('param.noProjects')}</p>}
      {model.projects.map((p, i) => (
        <div className="project" key={i}>
          <input
            type="text"
            value={p.name}
            maxLength={200}
            disabled={readOnly}
            aria-label={t('param.projectName')}
            placeholder={t('param.projectName')}
            onChange={(e) => put(model.projects.map((q, k) => (k === i ? { ...q, name: e.target.value } : q)))}
          />
          <div className="project-nums">
            <label>
              <span>{t('param.startYear')}</span>
              <NumberBox
                label={t('param.startYear')}
                hideLabel
                value={p.start_year}
                unit="year"
                limit={{ min: 1990, max: 2100 }}
                disabled={readOnly}
                onCommit={(v) => v !== null && put(model.projects.map((q, k) => (k === i ? { ...q, start_year: v } : q)))}
              />
            </label>
            <label>
              <span>{t('param.capacity')}</span>
              <NumberBox
                label={t('param.capacity')}
                hideLabel
                value={p.capacity}
                unit="number"
                limit={valueLimit}
                disabled={readOnly}
                suffix={showUnit(unit, lang) || undefined}
                onCommit={(v) => v !== null && put(model.projects.map((q, k) => (k === i ? { ...q, capacity: v } : q)))}
                testId={`${testBase}-project-${i}-capacity`}
              />
            </label>
            <label>
              <span>{t('param.rampYears')}</span>
              <NumberBox
                label={t('param.rampYears')}
                hideLabel
                value={p.ramp_years ?? 1}
                unit="year"
                limit={{ min: 1, max: 20 }}
                disabled={readOnly}
                onCommit={(v) => v !== null && put(model.projects.map((q, k) => (k === i ? { ...q, ramp_years: v } : q)))}
              />
            </label>
            <button
              type="button"
              className="btn btn-icon btn-small"
              disabled={readOnly}
              onClick={() => put(model.projects.filter((_, k) => k !== i))}
              aria-label={t('common.remove')}
            >
              <Icon name="trash" size={14} />
            </button>
          </div>
          <div className="field-help">{t('param.projectSummary', { value: showValue(p.capacity, unit, lang) })}</div>
        </div>
      ))}
      <button
        type="button"
        className="btn btn-small btn-link"
        disabled={readOnly || model.projects.length >= 200}
        onClick={() =>
          put([
            ...model.projects,
            { name: t('param.newProject', { n: model.projects.length + 1 }), start_year: horizon, capacity: 0, ramp_years: 1 },
          ])
        }
      >
        <Icon name="plus" size={14} />
        {t('param.addProject')}
      </button>
    </div>
  );
}
