/** 新建情景 (or a child of a scenario): name, parent, description. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioMeta } from '../../../../contract';
import { Dialog, InlineError } from '../../components/ui';
import { treeOrder } from '../../lib/tree';
import { useApp } from '../../state/app';

export function CreateDialog({
  parent,
  scenarios,
  onClose,
  onCreate,
  busy,
}: {
  parent: string | null;
  scenarios: ScenarioMeta[];
  onClose: () => void;
  onCreate: (req: { name: string; description?: string; parent_id?: string | null; tags?: string[] }) => Promise<void>;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const app = useApp();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [parentId, setParentId] = useState<string>(parent ?? '');
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog
      title={parent ? t('scenarios.createChildTitle', { name: app.scenarioName(parent) }) : t('scenarios.createTitle')}
      onClose={onClose}
      submitLabel={t('scenarios.createSubmit')}
      busy={busy}
      testId="create-dialog"
      onSubmit={async () => {
        if (!name.trim()) {
          setError(t('validation.empty', { field: t('scenarios.name') }));
          return;
        }
        await onCreate({ name: name.trim(), description, parent_id: parentId || null });
      }}
    >
      <div className="field">
        <label className="field-label" htmlFor="cd-name">
          {t('scenarios.name')}
        </label>
        <input
          id="cd-name"
          type="text"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('scenarios.namePlaceholder')}
          data-testid="cd-name"
          aria-invalid={!!error}
        />
        <InlineError>{error}</InlineError>
      </div>
      <div className="field">
        <label className="field-label" htmlFor="cd-parent">
          {t('scenarios.parent')}
        </label>
        <select id="cd-parent" value={parentId} onChange={(e) => setParentId(e.target.value)} data-testid="cd-parent">
          <option value="">{t('scenarios.noParentOption')}</option>
          {treeOrder(scenarios).map((s) => (
            <option key={s.id} value={s.id}>
              {app.nameOf(s)}
            </option>
          ))}
        </select>
        <p className="field-help">{t('scenarios.parentHelp')}</p>
      </div>
      <div className="field">
        <label className="field-label" htmlFor="cd-desc">
          {t('scenarios.description')}
        </label>
        <textarea id="cd-desc" rows={3} value={description} maxLength={4000} onChange={(e) => setDescription(e.target.value)} />
      </div>
    </Dialog>
  );
}
