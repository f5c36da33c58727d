/**
 * Conflicting actuals (issue 16 item 6): records of one series and period whose values are far
 * apart and whose sources differ (models/actual-conflicts.ts decides). The Data screen lists them
 * with the record in force and the planner's choice; entering a figure that opens one asks at once
 * which record to keep in force. Choosing calls 'actuals:choose'; the store keeps the choice.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActualConflict, ActualConflictRecord } from '../../../../contract/types';
import { useApi } from '../../state/api-context';
import { useApp, useToast } from '../../state/app';
import { Dialog, Tag } from '../../components/ui';
import { formatDate, formatDateTime, formatPlain, withUnit } from '../../lib/format';
import { recordPeriodLabel } from '../../lib/actualText';

function valueText(r: ActualConflictRecord, unit: string, lang: string): string {
  const prefix = r.value_kind === 'lower_bound' ? '≥ ' : r.value_kind === 'approx_below' ? '< ' : r.value_kind === 'estimate' ? '≈ ' : '';
  return `${prefix}${withUnit(formatPlain(r.value, lang, 4), unit, lang)}`;
}

function useSeriesLabel() {
  const { i18n } = useTranslation();
  const app = useApp();
  const zh = i18n.language.startsWith('zh');
  return (id: string) => {
    const s = app.plan.series.find((x) => x.id === id);
    return { name: s ? (zh ? s.name_zh : s.name_en) : id, unit: s?.unit ?? '', def: s };
  };
}

/** One record of a conflict: its value, source, vintage, who entered it, and whether it is in force. */
function RecordLine({ r, unit, action }: { r: ActualConflictRecord; unit: string; action?: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <li
      className={`conflict-record${r.in_force ? ' in-force' : ''}`}
      data-testid="conflict-record"
      data-key={r.key}
      data-in-force={r.in_force ? 'true' : 'false'}
      data-set-aside={r.set_aside ? 'true' : 'false'}
    >
      <span className="conflict-value num">{valueText(r, unit, lang)}</span>
      <span className="conflict-source">
        {r.source.title}
        {r.source.date ? ` · ${formatDate(r.source.date)}` : ''}
      </span>
      <span className="muted">
        {r.origin === 'plan' ? t('data.fromPlan') : `${r.entered_by || '—'} · ${formatDateTime(r.entered_at, lang)}`}
        {r.vintage ? ` · ${t('data.vintage', { v: r.vintage })}` : ''}
      </span>
      {r.in_force && <Tag tone="info">{t('conflicts.inForce')}</Tag>}
      {r.set_aside && (
        <Tag tone="neutral" tip={t('conflicts.setAsideTip')}>
          {t('conflicts.setAside')}
        </Tag>
      )}
      {action}
    </li>
  );
}

/** The Data screen's list of conflicts, open ones first, each with its records and the choice. */
export function ConflictsPanel({ conflicts, seriesFilter }: { conflicts: ActualConflict[]; seriesFilter: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const label = useSeriesLabel();
  const [busy, setBusy] = useState<string | null>(null);
  const shown = conflicts
    .filter((c) => !seriesFilter || c.series === seriesFilter)
    .sort((a, b) => (a.decided ? 1 : 0) - (b.decided ? 1 : 0));
  if (shown.length === 0) return null;
  const open = shown.filter((c) => !c.decided).length;

  const choose = async (c: ActualConflict, r: ActualConflictRecord) => {
    setBusy(`${c.series}|${c.period}|${r.key}`);
    try {
      await client.call('actuals:choose', { series: c.series, period: c.period, record: r.key });
      app.version.bump();
      toast.push(t('conflicts.chosen'), 'success');
    } catch (err) {
      toast.error(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="conflicts" aria-labelledby="conflicts-title" data-testid="actual-conflicts">
      <h2 id="conflicts-title">
        {t('conflicts.title')} <span className="muted">{t('conflicts.count', { n: shown.length, open })}</span>
      </h2>
      <p className="muted">{t('conflicts.help')}</p>
      {shown.map((c) => {
        const { name, unit, def } = label(c.series);
        return (
          <article
            key={`${c.series}|${c.period}`}
            className={`conflict${c.decided ? ' decided' : ' open'}`}
            data-testid="conflict"
            data-series={c.series}
            data-period={c.period}
            data-decided={c.decided ? 'true' : 'false'}
          >
            <header className="conflict-head">
              <strong>
                {name} · {recordPeriodLabel(c.period, def, lang, t)}
              </strong>
              {c.decided ? (
                <Tag tone="info">{t('conflicts.decided', { by: c.decided.by || '—', at: formatDateTime(c.decided.at, lang) })}</Tag>
              ) : (
                <Tag tone="warn">{t('conflicts.open')}</Tag>
              )}
            </header>
            <ul className="conflict-records">
              {c.records.map((r) => (
                <RecordLine
                  key={r.key}
                  r={r}
                  unit={unit}
                  action={
                    r.in_force ? null : (
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={busy !== null}
                        onClick={() => choose(c, r)}
                        data-testid="conflict-choose"
                      >
                        {t('conflicts.makeInForce')}
                      </button>
                    )
                  }
                />
              ))}
            </ul>
          </article>
        );
      })}
    </section>
  );
}

/** Asked right after an entry that opens a conflict: which record to keep in force. */
export function ConflictChoiceDialog({
  conflict,
  enteredKey,
  onClose,
}: {
  conflict: ActualConflict;
  enteredKey: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const label = useSeriesLabel();
  const { name, unit } = label(conflict.series);
  const [pick, setPick] = useState(conflict.records.find((r) => r.in_force)?.key ?? enteredKey);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await client.call('actuals:choose', { series: conflict.series, period: conflict.period, record: pick });
      app.version.bump();
      toast.push(t('conflicts.chosen'), 'success');
      onClose();
    } catch (err) {
      toast.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t('conflicts.askTitle')}
      onClose={() => {
        app.version.bump();
        onClose();
      }}
      onSubmit={submit}
      submitLabel={t('conflicts.keepChoice')}
      busy={busy}
      wide
      testId="conflict-dialog"
    >
      <p className="notice">
        {t('conflicts.ask', { name, period: recordPeriodLabel(conflict.period, label(conflict.series).def, lang, t) })}
      </p>
      <fieldset className="conflict-pick">
        <legend className="sr-only">{t('conflicts.pickLegend')}</legend>
        <ul className="conflict-records">
          {conflict.records.map((r) => (
            <RecordLine
              key={r.key}
              r={r}
              unit={unit}
              action={
                <label className="conflict-radio">
                  <input
                    type="radio"
                    name="in-force"
                    value={r.key}
                    checked={pick === r.key}
                    onChange={() => setPick(r.key)}
                    data-testid="conflict-pick"
                  />
                  {r.key === enteredKey ? t('conflicts.pickNew') : t('conflicts.pickThis')}
                </label>
              }
            />
          ))}
        </ul>
      </fieldset>
      <p className="muted">{t('conflicts.later')}</p>
    </Dialog>
  );
}
