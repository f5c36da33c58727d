/**
 * 口径 of the target on the workbench (issue 15.6): the base and end year its verdict uses, with the
 * planners' note; a target the plan ships 口径待核实 says why and offers the other reading in one
 * click; 修改口径 edits base year, end year, note and 已核实, stored in settings.target_bases (the
 * whole map, as settings:set takes it). The rules are the core's (models/koujing.ts): basisOf for
 * what is in force, checkBases for what may be stored, refused beside the fields before any call.
 * Below it, the target's 接近完成 tolerance (NearTolerance.tsx).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alternativeBasis, basisLabel, basisMark, basisOf, checkBases } from '../../../../models/koujing';
import type { Target, TargetBasis } from '../../../../models/schema';
import { InlineError, Tag } from '../../components/ui';
import { localizeError } from '../../lib/errors';
import { useApp, useToast } from '../../state/app';
import { NearTolerance } from './NearTolerance';

export function KoujingPanel({ target }: { target: Target }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh-CN';
  const app = useApp();
  const toast = useToast();
  const bases = app.settings.target_bases ?? {};
  const b = basisOf(app.plan, target, bases, app.settings.base_year);
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState({ base: '', end: '', note: '', confirmed: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const mark = basisMark(b, lang);

  const open = () => {
    setForm({ base: String(b.base_year), end: String(b.end_year), note: b.note, confirmed: b.confirmed });
    setErrors({});
    setEditing(true);
  };

  const store = async (next: TargetBasis | null, done: string) => {
    const map = { ...bases };
    if (next) map[target.id] = next;
    else delete map[target.id];
    setBusy(true);
    try {
      await app.updateSettings({ target_bases: map });
      toast.push(done, 'success');
      setEditing(false);
    } catch (err) {
      setErrors({ form: localizeError(err, i18n.language).message });
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    const e: Record<string, string> = {};
    const base = Number(form.base.trim());
    const end = Number(form.end.trim());
    if (!/^\d{4}$/.test(form.base.trim())) e.base = t('koujing.yearInvalid', { field: t('koujing.baseYear') });
    if (!/^\d{4}$/.test(form.end.trim())) e.end = t('koujing.yearInvalid', { field: t('koujing.endYear') });
    const next: TargetBasis = { base_year: base, end_year: end, note: form.note.trim(), confirmed: form.confirmed };
    if (Object.keys(e).length === 0) {
      // the core's rule, before anything is sent
      for (const p of checkBases(app.plan, { [target.id]: next })) {
        const msg = lang === 'zh-CN' ? p.message_zh : p.message_en;
        if (p.field === 'base_year') e.base = msg;
        else if (p.field === 'end_year') e.end = msg;
        else e.form = msg;
      }
    }
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    void store(next, t('koujing.saved'));
  };

  const alt = alternativeBasis(target);
  const altDiffers = alt !== null && (alt.base_year !== b.base_year || alt.end_year !== b.end_year);

  return (
    <section className="koujing" data-testid="koujing" data-unconfirmed={b.unconfirmed ? 'true' : 'false'} aria-label={t('koujing.title')}>
      <div className="koujing-line">
        <span className="koujing-title">{t('koujing.title')}</span>
        <span data-testid="koujing-basis">{basisLabel(b, lang)}</span>
        {mark && (
          <Tag tone={b.unconfirmed ? 'warn' : 'info'} tip={b.check ? (lang === 'zh-CN' ? b.check.note_zh : b.check.note_en) : undefined}>
            {mark}
          </Tag>
        )}
        {b.confirmed && <Tag tone="info">{t('koujing.confirmed')}</Tag>}
        {b.note && <span className="muted koujing-note">{b.note}</span>}
        <span className="spacer" />
        {altDiffers && !editing && (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy || app.readOnly}
            title={app.readOnlyTip}
            onClick={() => void store({ ...alt!, note: b.note }, t('koujing.saved'))}
            data-testid="koujing-alt"
          >
            {t('koujing.useAlternative', { basis: basisLabel(target.basis_check!.alternative, lang) })}
          </button>
        )}
        {!editing && (
          <button
            type="button"
            className="btn btn-small"
            disabled={app.readOnly}
            title={app.readOnlyTip}
            onClick={open}
            data-testid="koujing-edit"
          >
            {t('koujing.edit')}
          </button>
        )}
      </div>
      {b.unconfirmed && b.check && <p className="field-help koujing-why">{lang === 'zh-CN' ? b.check.note_zh : b.check.note_en}</p>}
      <NearTolerance key={target.id} target={target} />
      {editing && (
        <form
          className="koujing-form"
          onSubmit={(ev) => {
            ev.preventDefault();
            save();
          }}
          data-testid="koujing-form"
        >
          <label className="field">
            <span className="field-label">{t('koujing.baseYear')}</span>
            <input
              type="text"
              inputMode="numeric"
              value={form.base}
              onChange={(ev) => setForm({ ...form, base: ev.target.value })}
              aria-invalid={!!errors.base}
              data-testid="koujing-base"
            />
          </label>
          <label className="field">
            <span className="field-label">{t('koujing.endYear')}</span>
            <input
              type="text"
              inputMode="numeric"
              value={form.end}
              onChange={(ev) => setForm({ ...form, end: ev.target.value })}
              aria-invalid={!!errors.end}
              data-testid="koujing-end"
            />
          </label>
          <label className="field koujing-note-field">
            <span className="field-label">{t('koujing.note')}</span>
            <input
              type="text"
              maxLength={1000}
              value={form.note}
              onChange={(ev) => setForm({ ...form, note: ev.target.value })}
              data-testid="koujing-note"
            />
          </label>
          {/* the years' messages under both fields, the full width of the form (they name target and range) */}
          <div className="koujing-errors">
            <InlineError>{errors.base}</InlineError>
            <InlineError>{errors.end}</InlineError>
          </div>
          <label className="koujing-check">
            <input
              type="checkbox"
              checked={form.confirmed}
              onChange={(ev) => setForm({ ...form, confirmed: ev.target.checked })}
              data-testid="koujing-confirmed"
            />
            {t('koujing.markConfirmed')}
          </label>
          <InlineError>{errors.form}</InlineError>
          <div className="koujing-actions">
            {b.changed || bases[target.id] ? (
              <button
                type="button"
                className="btn btn-small"
                disabled={busy}
                onClick={() => void store(null, t('koujing.reset'))}
                data-testid="koujing-reset"
              >
                {t('koujing.usePlan')}
              </button>
            ) : null}
            <span className="spacer" />
            <button type="button" className="btn btn-small" onClick={() => setEditing(false)} disabled={busy}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn-small btn-primary" disabled={busy} data-testid="koujing-save">
              {t('common.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
