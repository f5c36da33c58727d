/**
 * 导出汇报材料 / Export briefing: choose 1–4 scenarios (the current one ticked), the language and
 * the files (the Excel workbook with its 情景汇总 sheet, the PDF), then 'briefing:export' makes
 * each file (the PDF takes a few seconds) and it is saved — a download in the web host, the save
 * dialog in the desktop app. The dialog stays responsive while it runs; Cancel stops waiting.
 */
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../state/api-context';
import { Icon } from '../../components/Icon';
import { Dialog, InlineError, Spinner } from '../../components/ui';
import {
  abandonable,
  AbandonedError,
  BRIEFING_FORMATS,
  briefingProblem,
  defaultSelection,
  extensionOf,
  formatsOf,
  MAX_BRIEFING_SCENARIOS,
  orderedSelection,
  toggleScenario,
  type BriefingFormat,
} from '../../lib/briefing';
import { base64ToBytes, MIME, saveBytes } from '../../lib/download';
import { localizeError } from '../../lib/errors';
import { formatBytes } from '../../lib/format';
import { depths, treeOrder } from '../../lib/tree';
import { useApp, useToast } from '../../state/app';
import './briefing.css';

type JobState = { format: BriefingFormat; state: 'waiting' | 'running' | 'done' | 'failed'; file?: string; bytes?: number };

export function BriefingDialog({ onClose, initialIds }: { onClose: () => void; initialIds?: string[] }) {
  const { t, i18n } = useTranslation();
  const uiLang = i18n.language;
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const live = useMemo(() => treeOrder(app.scenarios.filter((s) => !s.deleted_at)), [app.scenarios]);
  const depth = useMemo(() => depths(live), [live]);
  const liveIds = useMemo(() => live.map((s) => s.id), [live]);
  const [selected, setSelected] = useState<string[]>(() =>
    initialIds && initialIds.length > 0 ? initialIds.slice(0, MAX_BRIEFING_SCENARIOS) : defaultSelection(app.currentId, liveIds),
  );
  const [language, setLanguage] = useState<'zh-CN' | 'en'>(uiLang.startsWith('zh') ? 'zh-CN' : 'en');
  const [chosen, setChosen] = useState<Record<BriefingFormat, boolean>>({ xlsx: true, pdf: true, docx: false, report_pdf: false });
  const [jobs, setJobs] = useState<JobState[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const running = !!jobs && jobs.some((j) => j.state === 'running' || j.state === 'waiting') && !!abort.current;

  const ids = orderedSelection(selected, liveIds);
  const formats = formatsOf(chosen);
  const problem = briefingProblem(ids, formats);

  const start = async () => {
    if (problem || running) return;
    setError(null);
    setNotice(null);
    const ctrl = new AbortController();
    abort.current = ctrl;
    const list: JobState[] = formats.map((format) => ({ format, state: 'waiting' }));
    setJobs(list);
    const update = (i: number, patch: Partial<JobState>) =>
      setJobs((js) => (js ? js.map((j, k) => (k === i ? { ...j, ...patch } : j)) : js));
    const saved: string[] = [];
    try {
      for (let i = 0; i < list.length; i++) {
        update(i, { state: 'running' });
        let file;
        try {
          file = await abandonable(client.call('briefing:export', { ids, format: list[i].format, language }), ctrl.signal);
        } catch (err) {
          if (!(err instanceof AbandonedError)) update(i, { state: 'failed' });
          throw err;
        }
        const ok = await saveBytes(file.file_name, base64ToBytes(file.content_base64), MIME[extensionOf(list[i].format)]);
        update(i, { state: 'done', file: file.file_name, bytes: file.bytes });
        if (ok) saved.push(file.file_name);
      }
      abort.current = null;
      if (saved.length > 0) toast.push(t('briefing.saved', { files: saved.join('、') }), 'success');
      else toast.push(t('briefing.notSaved'), 'info');
      onClose();
    } catch (err) {
      abort.current = null;
      if (err instanceof AbandonedError) {
        setJobs(null);
        setNotice(t('briefing.cancelled'));
        return;
      }
      setJobs((js) => (js ? js.map((j) => (j.state === 'waiting' || j.state === 'running' ? { ...j, state: 'failed' } : j)) : js));
      setError(t('briefing.failed', { message: localizeError(err, uiLang).message }));
    }
  };

  const cancel = () => {
    if (abort.current) {
      abort.current.abort();
      abort.current = null;
      return;
    }
    onClose();
  };

  const problemText =
    problem === 'no_scenario'
      ? t('briefing.pickOne')
      : problem === 'no_format'
        ? t('briefing.pickFormat')
        : problem === 'too_many'
          ? t('briefing.tooMany', { n: MAX_BRIEFING_SCENARIOS })
          : null;

  return (
    <Dialog
      title={t('briefing.title')}
      onClose={cancel}
      onSubmit={start}
      submitLabel={t('briefing.export')}
      submitDisabled={!!problem}
      busy={running}
      wide
      testId="briefing-dialog"
    >
      <p className="field-help">{t('briefing.help')}</p>
      <fieldset className="bf-group" disabled={running}>
        <legend className="field-label">
          {t('briefing.scenarios')}
          <span className="muted bf-count" data-testid="bf-count">
            {t('briefing.selectedCount', { n: ids.length, max: MAX_BRIEFING_SCENARIOS })}
          </span>
        </legend>
        <ul className="bf-scenarios" data-testid="bf-scenarios">
          {live.map((s) => {
            const on = selected.includes(s.id);
            const full = !on && ids.length >= MAX_BRIEFING_SCENARIOS;
            return (
              <li key={s.id} style={{ paddingLeft: `${(depth.get(s.id) ?? 0) * 18}px` }}>
                <label
                  className={`check ${full ? 'disabled' : ''}`}
                  title={full ? t('briefing.tooMany', { n: MAX_BRIEFING_SCENARIOS }) : undefined}
                >
                  <input
                    type="checkbox"
                    checked={on}
                    disabled={full}
                    onChange={() => setSelected((sel) => toggleScenario(sel, s.id))}
                    data-testid="bf-scenario"
                    data-id={s.id}
                  />
                  <span>{app.nameOf(s)}</span>
                  {s.id === app.currentId && <span className="tag tag-info">{t('briefing.current')}</span>}
                  {s.frozen && <span className="tag tag-frozen">{s.frozen_label ?? t('scenarios.frozenShort')}</span>}
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <div className="bf-row">
        <fieldset className="bf-group" disabled={running}>
          <legend className="field-label">{t('briefing.language')}</legend>
          <div className="seg" role="radiogroup" aria-label={t('briefing.language')}>
            {(['zh-CN', 'en'] as const).map((l) => (
              <button
                key={l}
                type="button"
                role="radio"
                aria-checked={language === l}
                className={`seg-btn ${language === l ? 'on' : ''}`}
                onClick={() => setLanguage(l)}
                data-testid={`bf-lang-${l}`}
              >
                {l === 'zh-CN' ? '中文' : 'English'}
              </button>
            ))}
          </div>
        </fieldset>
        <fieldset className="bf-group" disabled={running}>
          <legend className="field-label">{t('briefing.files')}</legend>
          {BRIEFING_FORMATS.map((f) => (
            <label className="check" key={f}>
              <input
                type="checkbox"
                checked={chosen[f]}
                onChange={(e) => setChosen((c) => ({ ...c, [f]: e.target.checked }))}
                data-testid={`bf-${f.replace('_', '-')}`}
              />
              <span>{t(`briefing.format.${f}`)}</span>
            </label>
          ))}
        </fieldset>
      </div>
      {problemText && !jobs && (
        <p className="bf-problem" role="status">
          {problemText}
        </p>
      )}
      {jobs && (
        <ul className="bf-jobs" aria-live="polite" data-testid="bf-progress">
          {jobs.map((j) => (
            <li key={j.format} className={`bf-job bf-${j.state}`} data-format={j.format} data-state={j.state}>
              {j.state === 'running' ? (
                <Spinner />
              ) : (
                <Icon name={j.state === 'done' ? 'check' : j.state === 'failed' ? 'warning' : 'file'} size={16} />
              )}
              <span className="bf-job-name">{t(`briefing.format.${j.format}`)}</span>
              <span className="muted">
                {j.state === 'running'
                  ? t(j.format === 'pdf' || j.format === 'report_pdf' ? 'briefing.makingPdf' : 'briefing.making')
                  : j.state === 'done'
                    ? `${j.file ?? ''} · ${formatBytes(j.bytes ?? 0, uiLang)}`
                    : j.state === 'failed'
                      ? t('briefing.jobFailed')
                      : t('briefing.waiting')}
              </span>
            </li>
          ))}
        </ul>
      )}
      {running && <p className="field-help">{t('briefing.cancelHelp')}</p>}
      {notice && <p className="notice">{notice}</p>}
      <InlineError>{error}</InlineError>
    </Dialog>
  );
}
