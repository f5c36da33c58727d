/**
 * 重新预测 / Reforecast: one click makes a new child scenario that continues every series from its
 * latest actual or year-to-date nowcast ('scenarios:reforecast'); the app switches to it and a
 * dialog lists what changed (parameters dropped or adjusted). The original scenario is unchanged.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Res } from '../../../../contract';
import type { ScenarioMeta } from '../../../../contract';
import { useApi } from '../../state/api-context';
import { Icon } from '../../components/Icon';
import { Dialog, InlineError } from '../../components/ui';
import { localizeError } from '../../lib/errors';
import { useApp } from '../../state/app';
import './nowcast.css';

type Reply = Res<'scenarios:reforecast'>;

const CHANGED = new Set([
  'dropped_rates',
  'dropped_points',
  'dropped_steps',
  'dropped_projects',
  'project_ramping',
  'to_flat',
  'ceiling_raised',
]);

export function ReforecastButton({ scenario, disabled, tip }: { scenario: ScenarioMeta | null; disabled?: boolean; tip?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'ask' | 'done' | null>(null);
  const [reply, setReply] = useState<{ source: ScenarioMeta; result: Reply } | null>(null);
  return (
    <>
      <button
        type="button"
        className="btn"
        disabled={!scenario || disabled}
        onClick={() => setOpen('ask')}
        title={tip ?? t('nowcast.reforecast.tip')}
        data-testid="sm-reforecast"
      >
        <Icon name="restore" size={16} />
        {t('nowcast.reforecast.button')}
      </button>
      {open === 'ask' && scenario && (
        <ReforecastAsk
          scenario={scenario}
          onClose={() => setOpen(null)}
          onDone={(result) => {
            setReply({ source: scenario, result });
            setOpen('done');
          }}
        />
      )}
      {open === 'done' && reply && <ReforecastNotes source={reply.source} result={reply.result} onClose={() => setOpen(null)} />}
    </>
  );
}

function ReforecastAsk({ scenario, onClose, onDone }: { scenario: ScenarioMeta; onClose: () => void; onDone: (r: Reply) => void }) {
  const { t, i18n } = useTranslation();
  const app = useApp();
  const client = useApi();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (!(await app.flushPending())) throw new Error(t('save.errorBeforeUndo'));
      const r = await client.call('scenarios:reforecast', name.trim() ? { id: scenario.id, name: name.trim() } : { id: scenario.id });
      await app.invalidate();
      app.setCurrentId(r.scenario.id);
      onDone(r);
    } catch (err) {
      setError(localizeError(err, i18n.language).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t('nowcast.reforecast.askTitle', { name: app.nameOf(scenario) })}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('nowcast.reforecast.button')}
      busy={busy}
      testId="reforecast-ask"
    >
      <p>{t('nowcast.reforecast.explain')}</p>
      <p className="notice">{t('nowcast.reforecast.unchanged', { name: app.nameOf(scenario) })}</p>
      <div className="field">
        <label className="field-label" htmlFor="rf-name">
          {t('nowcast.reforecast.name')}
        </label>
        <input
          id="rf-name"
          type="text"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('nowcast.reforecast.namePlaceholder', { name: scenario.name })}
          data-testid="rf-name"
        />
        <p className="field-help">{t('nowcast.reforecast.nameHelp')}</p>
      </div>
      <InlineError>{error}</InlineError>
    </Dialog>
  );
}

function ReforecastNotes({ source, result, onClose }: { source: ScenarioMeta; result: Reply; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const app = useApp();
  const changed = result.notes.filter((n) => CHANGED.has(n.action));
  const continues = result.notes.filter((n) => !CHANGED.has(n.action));
  const seriesName = (id: string) => {
    const s = app.plan.series.find((x) => x.id === id);
    return s ? (zh ? s.name_zh : s.name_en) : id;
  };
  return (
    <Dialog
      title={t('nowcast.reforecast.doneTitle', { name: result.scenario.name })}
      onClose={onClose}
      onSubmit={onClose}
      submitLabel={t('common.ok')}
      initialFocus="submit"
      wide
      testId="reforecast-notes"
    >
      <p className="notice" data-testid="reforecast-unchanged">
        <Icon name="lock" size={14} /> {t('nowcast.reforecast.unchangedDone', { name: app.nameOf(source), created: result.scenario.name })}
      </p>
      {result.nowcast_series.length > 0 && (
        <p>{t('nowcast.reforecast.nowcastUsed', { list: result.nowcast_series.map(seriesName).join(zh ? '、' : ', ') })}</p>
      )}
      <h3 className="sub-title">{t('nowcast.reforecast.changed', { n: changed.length })}</h3>
      {changed.length === 0 ? (
        <p className="muted">{t('nowcast.reforecast.noChanges')}</p>
      ) : (
        <div className="table-wrap reforecast-notes">
          <table className="table" data-testid="reforecast-changed">
            <thead>
              <tr>
                <th scope="col">{t('nowcast.reforecast.col.series')}</th>
                <th scope="col">{t('nowcast.reforecast.col.action')}</th>
                <th scope="col">{t('nowcast.reforecast.col.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {changed.map((n, i) => (
                <tr key={`${n.series}-${i}`} data-testid="reforecast-note" data-series={n.series} data-action={n.action}>
                  <td className="cell-name">{seriesName(n.series)}</td>
                  <td className={`reforecast-action ${n.action.startsWith('dropped') ? 'dropped' : 'adjusted'}`}>
                    {t(`nowcast.reforecast.action.${n.action}`, { defaultValue: n.action })}
                  </td>
                  <td>{zh ? n.message_zh : n.message_en}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {continues.length > 0 && (
        <details className="sub-title">
          <summary>{t('nowcast.reforecast.continues', { n: continues.length })}</summary>
          <ul className="nowcast-note">
            {continues.map((n, i) => (
              <li key={`${n.series}-${i}`}>{zh ? n.message_zh : n.message_en}</li>
            ))}
          </ul>
        </details>
      )}
    </Dialog>
  );
}
