/** The history of a scenario in 情景管理: each revision with its changes; restore an earlier one. */
import { useTranslation } from 'react-i18next';
import type { ScenarioMeta } from '../../../../contract';
import { useApi } from '../../state/api-context';
import { Icon } from '../../components/Icon';
import { InlineError, Spinner, Tag } from '../../components/ui';
import { localizeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { historyChangeText } from '../../lib/historyText';
import { useApp } from '../../state/app';
import { useQuery } from '../../state/query';
import type { Run } from './types';

export function HistoryPanel({ scenario, readOnly, busy, run }: { scenario: ScenarioMeta; readOnly: boolean; busy: boolean; run: Run }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const app = useApp();
  const client = useApi();
  const history = useQuery(app.version, 'scenarios:history', { id: scenario.id });
  return (
    <div className="card">
      <div className="card-head">
        <h2>
          <Icon name="history" size={18} /> {t('scenarios.history')}
        </h2>
      </div>
      {!history.data ? (
        history.error ? (
          <InlineError>{localizeError(history.error, lang).message}</InlineError>
        ) : (
          <Spinner />
        )
      ) : history.data.length === 0 ? (
        <p className="muted">{t('scenarios.noHistory')}</p>
      ) : (
        <ol className="history" data-testid="history">
          {[...history.data]
            .sort((a, b) => b.rev - a.rev)
            .map((h) => (
              <li key={h.rev} className={h.is_head ? 'head' : ''}>
                <span className="rev">#{h.rev}</span>
                <span className="op">
                  {t(`op.${h.op}`, { defaultValue: h.op })}
                  {h.changes && h.changes.length > 0 && (
                    <span className="changes" data-testid="history-changes">
                      {h.changes.slice(0, 5).map((c, i) => (
                        <span key={i} className="change">
                          {historyChangeText(c, app.plan, lang, t)}
                        </span>
                      ))}
                      {h.changes.length > 5 && <span className="change">{t('historyChange.more', { count: h.changes.length - 5 })}</span>}
                    </span>
                  )}
                </span>
                <span className="muted">{formatDateTime(h.created_at, lang)}</span>
                <span className="muted author">{h.author || '—'}</span>
                {h.is_head ? (
                  <Tag tone="info">{t('scenarios.current')}</Tag>
                ) : (
                  !readOnly && (
                    <button
                      type="button"
                      className="btn btn-small btn-link"
                      disabled={busy}
                      onClick={() =>
                        void run(
                          () => client.call('scenarios:restoreRevision', { id: scenario.id, rev: h.rev }),
                          () => t('scenarios.revisionRestored', { rev: h.rev }),
                        )
                      }
                    >
                      {t('scenarios.restoreRevision')}
                    </button>
                  )
                )}
              </li>
            ))}
        </ol>
      )}
    </div>
  );
}
