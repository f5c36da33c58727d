/** The selected scenario in 情景管理: name, description and tags (saved on 保存), and its history. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioMeta } from '../../../../contract';
import { useApi } from '../../state/api-context';
import { Icon } from '../../components/Icon';
import { InlineError, Tag } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useApp } from '../../state/app';
import { HistoryPanel } from './HistoryPanel';
import type { Run } from './types';

export function Details({ scenario, busy, run }: { scenario: ScenarioMeta; busy: boolean; run: Run }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const app = useApp();
  const client = useApi();
  const [name, setName] = useState(scenario.name);
  const [description, setDescription] = useState(scenario.description);
  const [tags, setTags] = useState(scenario.tags.join('，'));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setName(scenario.name);
    setDescription(scenario.description);
    setTags(scenario.tags.join('，'));
  }, [scenario.name, scenario.description, scenario.tags]);
  const readOnly = scenario.frozen || app.readOnly;
  const dirty = name !== scenario.name || description !== scenario.description || tags !== scenario.tags.join('，');
  const parent = scenario.parent_id ? app.scenarioName(scenario.parent_id) : null;

  const save = async () => {
    if (!name.trim()) {
      setError(t('validation.empty', { field: t('scenarios.name') }));
      return;
    }
    setError(null);
    const tagList = tags
      .split(/[,，、;；\s]+/)
      .map((x) => x.trim())
      .filter(Boolean);
    await run(
      () => client.call('scenarios:update', { id: scenario.id, name: name.trim(), description, tags: tagList }),
      () => t('scenarios.savedDetails'),
    );
  };

  return (
    <div className="sm-details" data-testid="scenario-details">
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          if (!readOnly && dirty) void save();
        }}
      >
        <div className="card-head">
          <h2>{app.nameOf(scenario)}</h2>
          {scenario.frozen && (
            <Tag tone="frozen" tip={t('scenarios.frozenTip')}>
              <Icon name="lock" size={12} /> {scenario.frozen_label ?? t('scenarios.frozenShort')}
            </Tag>
          )}
        </div>
        <dl className="meta">
          <dt>{t('scenarios.parent')}</dt>
          <dd>{parent ?? (scenario.preset_id ? t('scenarios.fromPlanPreset') : t('scenarios.noParent'))}</dd>
          <dt>{t('scenarios.updatedAt')}</dt>
          <dd>{formatDateTime(scenario.updated_at, lang)}</dd>
        </dl>
        {readOnly && <p className="notice">{t('scenarios.readOnlyNotice')}</p>}
        <div className="field">
          <label className="field-label" htmlFor="sd-name">
            {t('scenarios.name')}
          </label>
          <input
            id="sd-name"
            type="text"
            value={name}
            maxLength={100}
            disabled={readOnly}
            onChange={(e) => setName(e.target.value)}
            data-testid="sd-name"
            aria-invalid={!!error}
          />
          <InlineError>{error}</InlineError>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="sd-desc">
            {t('scenarios.description')}
          </label>
          <textarea
            id="sd-desc"
            rows={3}
            value={description}
            maxLength={4000}
            disabled={readOnly}
            onChange={(e) => setDescription(e.target.value)}
            data-testid="sd-desc"
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="sd-tags">
            {t('scenarios.tags')}
          </label>
          <input
            id="sd-tags"
            type="text"
            value={tags}
            disabled={readOnly}
            onChange={(e) => setTags(e.target.value)}
            placeholder={t('scenarios.tagsPlaceholder')}
            data-testid="sd-tags"
          />
        </div>
        {!readOnly && (
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={!dirty || busy} data-testid="sd-save">
              <Icon name="save" size={16} />
              {t('common.save')}
            </button>
          </div>
        )}
      </form>

      <HistoryPanel scenario={scenario} readOnly={readOnly} busy={busy} run={run} />
    </div>
  );
}
