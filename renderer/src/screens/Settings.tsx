/**
 * 设置: language (applies at once), base year, status tolerance (%), the last complete
 * statistical year, user name (recorded as author), the data folder, and backups.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSettings } from '../../../contract';
import { useApi } from '../state/api-context';
import { Icon } from '../components/Icon';
import { Dialog, EmptyState, InlineError, Spinner } from '../components/ui';
import { parseParamInput } from '../lib/assumptions';
import { implausibleByField, localizeError } from '../lib/errors';
import { formatBytes, formatDateTime } from '../lib/format';
import { useApp, useToast } from '../state/app';
import { useQuery } from '../state/query';
import { useProblemText } from './workbench/fields';
import { PlanSection } from './plan/PlanSection';

export function SettingsScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const problemText = useProblemText();
  const s = app.settings;
  const [baseYear, setBaseYear] = useState(String(s.base_year ?? app.plan.base_year));
  const [asOf, setAsOf] = useState(String(s.as_of_year));
  const [tolerance, setTolerance] = useState(String(Math.round(s.tolerance * 1000) / 10));
  const [userName, setUserName] = useState(s.user_name);
  const [yardstick, setYardstick] = useState<AppSettings['yardstick']>(s.yardstick);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [backingUp, setBackingUp] = useState(false);
  const backups = useQuery(app.version, 'backups:list', {});
  useEffect(() => {
    setBaseYear(String(s.base_year ?? app.plan.base_year));
    setAsOf(String(s.as_of_year));
    setTolerance(String(Math.round(s.tolerance * 1000) / 10));
    setUserName(s.user_name);
    setYardstick(s.yardstick);
  }, [s, app.plan.base_year]);

  const setLanguage = async (language: AppSettings['language']) => {
    try {
      await app.updateSettings({ language });
    } catch (err) {
      toast.error(err);
    }
  };

  const save = async () => {
    const e: Record<string, string> = {};
    const by = parseParamInput(baseYear, 'year', { min: 1990, max: 2100 });
    if (!by.ok) e.base_year = problemText(t('settings.baseYear'), by.problem, 'year');
    const ao = parseParamInput(asOf, 'year', { min: 1990, max: 2100 });
    if (!ao.ok) e.as_of_year = problemText(t('settings.asOfYear'), ao.problem, 'year');
    const tol = parseParamInput(tolerance, 'percent', { min: 0, max: 0.5 });
    if (!tol.ok) e.tolerance = problemText(t('settings.tolerance'), tol.problem, 'percent');
    setErrors(e);
    if (!by.ok || !ao.ok || !tol.ok) return;
    setBusy(true);
    try {
      await app.updateSettings({ base_year: by.value, as_of_year: ao.value, tolerance: tol.value, yardstick, user_name: userName.trim() });
      toast.push(t('settings.saved'), 'success');
    } catch (err) {
      // a year outside the plan's horizon is refused (models/plausibility.ts): shown beside its field
      const refused = implausibleByField(err, lang);
      if (refused && Object.keys(refused).length > 0) setErrors(refused);
      else toast.error(err);
    } finally {
      setBusy(false);
    }
  };

  const [restoring, setRestoring] = useState<string | null>(null);
  const backup = async () => {
    setBackingUp(true);
    try {
      const b = await client.call('backups:create', {});
      toast.push(t('settings.backupDone', { name: b.name }), 'success');
      app.version.bump();
    } catch (err) {
      toast.error(err);
    } finally {
      setBackingUp(false);
    }
  };

  const restore = async (name: string) => {
    setRestoring(null);
    try {
      const r = await client.call('backups:restore', { name });
      toast.push(t('settings.restoreDone', { kept: r.kept ?? '' }), 'success');
      // every screen reads the database again
      window.location.reload();
    } catch (err) {
      toast.error(err);
    }
  };

  const folder = app.info.db_path.replace(/[\\/][^\\/]*$/, '');
  return (
    <section className="screen screen-settings" aria-labelledby="set-title">
      <header className="screen-head">
        <div>
          <h1 id="set-title">{t('nav.settings')}</h1>
          <p className="lede">{t('settings.lede')}</p>
        </div>
      </header>
      <div className="settings-grid">
        <div className="card">
          <h2>{t('settings.language')}</h2>
          <div className="seg" role="radiogroup" aria-label={t('settings.language')}>
            {(['zh-CN', 'en'] as const).map((l) => (
              <button
                key={l}
                type="button"
                role="radio"
                aria-checked={lang === l}
                className={`seg-btn ${lang === l ? 'on' : ''}`}
                onClick={() => void setLanguage(l)}
                data-testid={`lang-${l}`}
              >
                {l === 'zh-CN' ? '中文' : 'English'}
              </button>
            ))}
          </div>
          <p className="field-help">{t('settings.languageHelp')}</p>
        </div>

        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <h2>{t('settings.evaluation')}</h2>
          <fieldset className="ro-fieldset" disabled={app.readOnly} title={app.readOnlyTip}>
            <div className="form-grid">
              <div className="field">
                <label className="field-label" htmlFor="st-base">
                  {t('settings.baseYear')}
                </label>
                <input
                  id="st-base"
                  type="text"
                  inputMode="numeric"
                  value={baseYear}
                  onChange={(e) => setBaseYear(e.target.value)}
                  aria-invalid={!!errors.base_year}
                  data-testid="st-base-year"
                />
                <InlineError>{errors.base_year}</InlineError>
                <p className="field-help">{t('settings.baseYearHelp', { year: app.plan.base_year })}</p>
              </div>
              <div className="field">
                <label className="field-label" htmlFor="st-asof">
                  {t('settings.asOfYear')}
                </label>
                <input
                  id="st-asof"
                  type="text"
                  inputMode="numeric"
                  value={asOf}
                  onChange={(e) => setAsOf(e.target.value)}
                  aria-invalid={!!errors.as_of_year}
                  data-testid="st-asof"
                />
                <InlineError>{errors.as_of_year}</InlineError>
                <p className="field-help">{t('settings.asOfYearHelp')}</p>
              </div>
              <div className="field">
                <label className="field-label" htmlFor="st-tol">
                  {t('settings.tolerance')}
                </label>
                <span className="numbox-row">
                  <input
                    id="st-tol"
                    type="text"
                    inputMode="decimal"
                    value={tolerance}
                    onChange={(e) => setTolerance(e.target.value)}
                    aria-invalid={!!errors.tolerance}
                    data-testid="st-tolerance"
                  />
                  <span className="numbox-suffix">%</span>
                </span>
                <InlineError>{errors.tolerance}</InlineError>
                <p className="field-help">{t('settings.toleranceHelp')}</p>
              </div>
              <div className="field">
                <label className="field-label" htmlFor="st-yardstick">
                  {t('settings.yardstick')}
                </label>
                <select
                  id="st-yardstick"
                  value={yardstick}
                  onChange={(e) => setYardstick(e.target.value === 'compound' ? 'compound' : 'linear')}
                  data-testid="st-yardstick"
                >
                  <option value="linear">{t('settings.yardstickLinear')}</option>
                  <option value="compound">{t('settings.yardstickCompound')}</option>
                </select>
                <p className="field-help">{t('settings.yardstickHelp')}</p>
              </div>
              <div className="field">
                <label className="field-label" htmlFor="st-user">
                  {t('settings.userName')}
                </label>
                <input
                  id="st-user"
                  type="text"
                  value={userName}
                  maxLength={100}
                  onChange={(e) => setUserName(e.target.value)}
                  data-testid="st-user"
                />
                <p className="field-help">{t('settings.userNameHelp')}</p>
              </div>
            </div>
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={busy} data-testid="st-save">
                <Icon name="save" size={16} />
                {t('common.save')}
              </button>
            </div>
          </fieldset>
        </form>

        <PlanSection />

        <div className="card">
          <h2>{t('settings.dataFolder')}</h2>
          <code className="path" data-testid="data-folder">
            {folder || app.info.db_path}
          </code>
          <p className="field-help">{t('settings.dbFile', { path: app.info.db_path })}</p>
          <p className="field-help">{t('settings.version', { version: app.info.version, host: t(`settings.host.${app.info.host}`) })}</p>
        </div>

        <div className="card">
          <div className="card-head">
            <h2>{t('settings.backups')}</h2>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => void backup()}
              disabled={backingUp || app.readOnly}
              title={app.readOnlyTip}
              data-testid="backup-now"
            >
              {backingUp ? <Spinner /> : <Icon name="save" size={16} />}
              {t('settings.backupNow')}
            </button>
          </div>
          {backups.error ? (
            <InlineError>{localizeError(backups.error, lang).message}</InlineError>
          ) : !backups.data ? (
            <Spinner />
          ) : backups.data.length === 0 ? (
            <EmptyState icon="save" title={t('settings.noBackups')} />
          ) : (
            <table className="table" data-testid="backups">
              <thead>
                <tr>
                  <th scope="col">{t('settings.backupName')}</th>
                  <th scope="col">{t('settings.backupReason')}</th>
                  <th scope="col">{t('settings.backupTime')}</th>
                  <th scope="col" className="num">
                    {t('settings.backupSize')}
                  </th>
                  <th scope="col">
                    <span className="sr-only">{t('settings.restore')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...backups.data]
                  .sort((a, b) => b.created_at.localeCompare(a.created_at))
                  .map((b) => (
                    <tr key={b.file}>
                      <td title={b.file}>{b.name}</td>
                      <td>{t(`settings.reason.${b.reason}`, { defaultValue: b.reason })}</td>
                      <td>{formatDateTime(b.created_at, lang)}</td>
                      <td className="num">{formatBytes(b.size, lang)}</td>
                      <td>
                        <button
                          type="button"
                          className="btn btn-ghost"
                          disabled={app.readOnly}
                          title={app.readOnlyTip}
                          onClick={() => setRestoring(b.name)}
                          data-testid="restore-backup"
                        >
                          {t('settings.restore')}
                        </button>
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
          {restoring && (
            <Dialog
              title={t('settings.restoreTitle')}
              onClose={() => setRestoring(null)}
              onSubmit={() => restore(restoring)}
              submitLabel={t('settings.restore')}
              submitTone="danger"
              testId="restore-dialog"
            >
              <p>{t('settings.restoreBody', { name: restoring })}</p>
            </Dialog>
          )}
        </div>
      </div>
    </section>
  );
}
