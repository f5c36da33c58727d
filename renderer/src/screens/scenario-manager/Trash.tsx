/** The trash of 情景管理: deleted scenarios with restore, and empty the trash. */
import { useTranslation } from 'react-i18next';
import type { ScenarioMeta } from '../../../../contract';
import { Icon } from '../../components/Icon';
import { EmptyState, InlineError, Spinner } from '../../components/ui';
import { localizeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';

export function Trash({
  list,
  error,
  onRestore,
  onEmpty,
  busy,
  tip,
}: {
  list: ScenarioMeta[] | undefined;
  error: unknown;
  onRestore: (s: ScenarioMeta) => void;
  onEmpty: () => void;
  busy: boolean;
  tip?: string;
}) {
  const { t, i18n } = useTranslation();
  if (error) return <InlineError>{localizeError(error, i18n.language).message}</InlineError>;
  if (!list) return <Spinner label={t('common.loading')} />;
  if (list.length === 0) return <EmptyState icon="trash" title={t('scenarios.trashEmpty')} />;
  return (
    <div className="trash" data-testid="trash">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('scenarios.name')}</th>
            <th scope="col">{t('scenarios.deletedAt')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {list.map((s) => (
            <tr key={s.id} data-testid="trash-row" data-name={s.name}>
              <td>{s.name}</td>
              <td>{formatDateTime(s.deleted_at, i18n.language)}</td>
              <td className="actions">
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => onRestore(s)}
                  disabled={busy}
                  title={tip}
                  data-testid="trash-restore"
                >
                  <Icon name="restore" size={14} />
                  {t('scenarios.restore')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="btn btn-danger" onClick={onEmpty} disabled={busy} title={tip} data-testid="empty-trash">
        <Icon name="trash" size={16} />
        {t('scenarios.emptyTrash')}
      </button>
    </div>
  );
}
