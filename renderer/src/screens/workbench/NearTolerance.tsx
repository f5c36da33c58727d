/**
 * 接近完成 of a target, beside its 口径 on the workbench (issue 15.1): how far below its target a
 * final-year actual still reads 接近完成, in the target's own units with the unit shown (个百分点 for
 * a percent target), the default (2% of the target) said to be one. 修改 edits it; the core's rule
 * (models/near-tolerance.ts checkNearTolerance) refuses a negative, a tolerance larger than the
 * target or a fraction of a whole count beside the field before anything is sent; it is stored in
 * settings.near_tolerance (the whole map, as settings:set takes it) and the verdict is recomputed.
 * 撤销 puts back the value before the last change; 恢复默认 drops the planner's own.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkNearTolerance, nearToleranceText, parseNearTolerance, toleranceUnit } from '../../../../models/near-tolerance';
import type { Target } from '../../../../models/schema';
import { InlineError } from '../../components/ui';
import { localizeError } from '../../lib/errors';
import { useApp, useToast } from '../../state/app';

export function NearTolerance({ target }: { target: Target }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh-CN';
  const app = useApp();
  const toast = useToast();
  const map = app.settings.near_tolerance ?? {};
  const shown = nearToleranceText(target, map, lang);
  const unit = toleranceUnit(target, lang);
  const [editing, setEditing] = useState(false);
  const [raw, setRaw] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  // the map before the last change made here, for 撤销 (per target: gone when another is shown)
  const [undo, setUndo] = useState<{ target: string; before: Record<string, number> } | null>(null);

  const store = async (next: Record<string, number>, done: string, keepUndo = true) => {
    const before = map;
    setBusy(true);
    try {
      await app.updateSettings({ near_tolerance: next });
      toast.push(done, 'success');
      setUndo(keepUndo ? { target: target.id, before } : null);
      setEditing(false);
    } catch (err) {
      setError(localizeError(err, i18n.language).message);
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    const v = parseNearTolerance(target, raw);
    const problems = checkNearTolerance(target, v ?? Number.NaN);
    if (problems.length > 0) {
      setError(lang === 'zh-CN' ? problems[0]!.message_zh : problems[0]!.message_en);
      return;
    }
    setError(undefined);
    void store({ ...map, [target.id]: v! }, t('nearTolerance.saved'));
  };

  const reset = () => {
    const next = { ...map };
    delete next[target.id];
    void store(next, t('nearTolerance.reset'));
  };

  return (
    <div className="near-tol" data-testid="near-tol" data-value={shown.value} data-default={shown.isDefault ? 'true' : 'false'}>
      <div className="koujing-line">
        <span className="koujing-title" title={t('nearTolerance.tip')}>
          {t('nearTolerance.title')}
        </span>
        <span data-testid="near-tol-text">{t('nearTolerance.line', { value: shown.text })}</span>
        <span className="spacer" />
        {undo && undo.target === target.id && !editing && (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy || app.readOnly}
            onClick={() => void store(undo.before, t('nearTolerance.undone'), false)}
            data-testid="near-tol-undo"
          >
            {t('topbar.undo')}
          </button>
        )}
        {!editing && (
          <button
            type="button"
            className="btn btn-small"
            disabled={app.readOnly}
            title={app.readOnlyTip}
            onClick={() => {
              setRaw(shown.isDefault ? '' : String(shown.value));
              setError(undefined);
              setEditing(true);
            }}
            data-testid="near-tol-edit"
          >
            {t('nearTolerance.edit')}
          </button>
        )}
      </div>
      {editing && (
        <form
          className="near-tol-form"
          onSubmit={(ev) => {
            ev.preventDefault();
            save();
          }}
          data-testid="near-tol-form"
        >
          <label className="field">
            <span className="field-label">{t('nearTolerance.field')}</span>
            <span className="near-tol-input">
              <input
                type="text"
                inputMode="decimal"
                value={raw}
                placeholder={String(nearToleranceText(target, {}, lang).value)}
                onChange={(ev) => setRaw(ev.target.value)}
                aria-invalid={!!error}
                autoFocus
                data-testid="near-tol-input"
              />
              <span className="muted" data-testid="near-tol-unit">
                {unit}
              </span>
            </span>
          </label>
          <p className="field-help">{t('nearTolerance.help', { unit })}</p>
          <InlineError>{error}</InlineError>
          <div className="koujing-actions">
            {!shown.isDefault && (
              <button type="button" className="btn btn-small" disabled={busy} onClick={reset} data-testid="near-tol-reset">
                {t('nearTolerance.useDefault')}
              </button>
            )}
            <span className="spacer" />
            <button type="button" className="btn btn-small" onClick={() => setEditing(false)} disabled={busy}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn-small btn-primary" disabled={busy} data-testid="near-tol-save">
              {t('common.save')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
