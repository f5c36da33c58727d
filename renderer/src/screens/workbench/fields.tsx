/**
 * Inputs of the assumption panel in planner units: a number box that validates what is typed
 * (naming the field when it cannot be used, saving nothing), and a slider + number box pair.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  displayText,
  parseParamInput,
  sliderWindow,
  toDisplay,
  type InputProblem,
  type ParamSpec,
  type ParamUnit,
} from '../../lib/assumptions';
import { formatPlain } from '../../lib/format';
import { InlineError } from '../../components/ui';

export function useProblemText() {
  const { t, i18n } = useTranslation();
  return (label: string, p: InputProblem, unit: ParamUnit): string => {
    const suffix = unit === 'percent' ? '%' : '';
    switch (p.code) {
      case 'empty':
        return t('validation.empty', { field: label });
      case 'not_a_number':
        return t(unit === 'year' ? 'validation.notYear' : 'validation.notNumber', { field: label });
      case 'below':
        return t(p.exclusive ? 'validation.mustExceed' : 'validation.atLeast', {
          field: label,
          limit: `${formatPlain(p.limit, i18n.language, 2)}${suffix}`,
        });
      case 'above':
        return t(p.exclusive ? 'validation.mustBeBelow' : 'validation.atMost', {
          field: label,
          limit: `${formatPlain(p.limit, i18n.language, 2)}${suffix}`,
        });
    }
  };
}

export interface NumberBoxProps {
  label: string;
  value: number | null;
  unit: ParamUnit;
  limit?: ParamSpec['limit'];
  onCommit: (v: number | null) => void;
  disabled?: boolean;
  /** an empty box means "none" (null) instead of an error. */
  allowEmpty?: boolean;
  suffix?: string;
  testId?: string;
  hideLabel?: boolean;
  className?: string;
  onError?: (msg: string | null) => void;
  showError?: boolean;
  inputId?: string;
}

/** A text box for a number: commits on Enter or leaving the box; Esc puts the value back. */
export function NumberBox({
  label,
  value,
  unit,
  limit,
  onCommit,
  disabled,
  allowEmpty,
  suffix,
  testId,
  hideLabel,
  className,
  onError,
  showError = true,
  inputId,
}: NumberBoxProps) {
  const [text, setText] = useState(displayText(value, unit));
  const [error, setError] = useState<string | null>(null);
  const focused = useRef(false);
  const problemText = useProblemText();
  const autoId = useId();
  const id = inputId ?? autoId;
  const errId = `${id}-err`;
  useEffect(() => {
    if (!focused.current) {
      setText(displayText(value, unit));
    }
  }, [value, unit]);
  const report = (msg: string | null) => {
    setError(msg);
    onError?.(msg);
  };
  const commit = () => {
    if (allowEmpty && text.trim() === '') {
      report(null);
      if (value !== null) onCommit(null);
      return;
    }
    const r = parseParamInput(text, unit, limit);
    if (!r.ok) {
      report(problemText(label, r.problem, unit));
      return;
    }
    report(null);
    if (value === null || Math.abs(r.value - value) > 1e-12) onCommit(r.value);
  };
  return (
    <span className={`numbox ${error ? 'invalid' : ''} ${className ?? ''}`}>
      <span className="numbox-row">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          value={text}
          disabled={disabled}
          aria-label={hideLabel ? label : undefined}
          aria-invalid={!!error}
          aria-describedby={error ? errId : undefined}
          onFocus={() => (focused.current = true)}
          onBlur={() => {
            focused.current = false;
            commit();
          }}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            } else if (e.key === 'Escape' && error) {
              e.stopPropagation();
              setText(displayText(value, unit));
              report(null);
            }
          }}
          data-testid={testId}
        />
        {suffix && <span className="numbox-suffix">{suffix}</span>}
      </span>
      {showError && error && <InlineError id={errId}>{error}</InlineError>}
    </span>
  );
}

export interface ParamFieldProps {
  label: string;
  spec: ParamSpec;
  value: number;
  onChange: (v: number) => void;
  disabled?: boolean;
  testId?: string;
  hint?: string;
}

/** A slider and a number box for one parameter; the slider reports every movement. */
export function ParamField({ label, spec, value, onChange, disabled, testId, hint }: ParamFieldProps) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const shown = toDisplay(value, spec.unit);
  // the slider's window (lib/assumptions.ts sliderWindow): kept while the slider moves, so the
  // thumb does not jump; recentred when a typed value falls outside it
  const [held, setHeld] = useState(() => sliderWindow(spec, value));
  const wanted = sliderWindow(spec, value);
  const stale = value < held.min - 1e-12 || value > held.max + 1e-12 || Math.abs(wanted.max - wanted.min - (held.max - held.min)) > 1e-9;
  const win = stale ? wanted : held;
  // only a different window is stored: a value outside every window (an elasticity beyond the
  // slider's reach) must not set the state on each render
  const differs = wanted.min !== held.min || wanted.max !== held.max;
  useEffect(() => {
    if (stale && differs) setHeld({ min: wanted.min, max: wanted.max });
  }, [stale, differs, wanted.min, wanted.max]);
  const min = toDisplay(win.min, spec.unit);
  const max = toDisplay(win.max, spec.unit);
  const step = toDisplay(spec.step, spec.unit);
  return (
    <div className={`param ${error ? 'invalid' : ''}`} data-testid={testId}>
      <label className="param-label" htmlFor={`${id}-box`}>
        {label}
        {hint && <span className="param-hint">{hint}</span>}
      </label>
      <div className="param-controls">
        <input
          type="range"
          className="slider"
          min={min}
          max={max}
          step={step}
          value={Math.min(max, Math.max(min, shown))}
          disabled={disabled}
          aria-label={label}
          aria-valuetext={`${displayText(value, spec.unit)}${spec.unit === 'percent' ? '%' : ''}`}
          onChange={(e) => {
            const v = Number(e.target.value);
            setError(null);
            onChange(spec.unit === 'percent' ? Math.round(v * 1e8) / 1e10 : v);
          }}
          data-testid={testId ? `${testId}-slider` : undefined}
        />
        <NumberBox
          inputId={`${id}-box`}
          label={label}
          value={value}
          unit={spec.unit}
          limit={spec.limit}
          onCommit={(v) => v !== null && onChange(v)}
          disabled={disabled}
          suffix={spec.unit === 'percent' ? '%' : undefined}
          testId={testId ? `${testId}-input` : undefined}
          onError={setError}
          showError={false}
        />
      </div>
      {error && <InlineError>{error}</InlineError>}
    </div>
  );
}
