/**
 * Asks first before a preset (基准情景, 乐观情景, 保守情景) is changed: 另存为新情景 creates a
 * child of the preset with the change applied and switches to it (the preset stays as it was);
 * 仍然修改预设 lets the change through; 取消 drops it. "Don't ask again" holds for this session.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Assumption } from '../../../../models/schema';
import type { ScenarioMeta } from '../../../../contract';
import { Dialog } from '../../components/ui';
import { toAssumptionInput } from '../../lib/assumptions';
import { seriesName } from '../../lib/modelText';
import { useApi } from '../../state/api-context';
import { useApp, useToast } from '../../state/app';

export function PresetGuardDialog({
  preset,
  presetName,
  edits,
  onCancel,
  onEditPreset,
  onSavedAsChild,
}: {
  preset: Pick<ScenarioMeta, 'id' | 'name' | 'preset_id'>;
  presetName: string;
  edits: Assumption[];
  onCancel: () => void;
  onEditPreset: (forSession: boolean) => void;
  onSavedAsChild: () => void;
}) {
  const { t, i18n } = useTranslation();
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const [dontAsk, setDontAsk] = useState(false);
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState(() => t('presetGuard.childName', { preset: presetName }));
  const series = [...new Set(edits.map((a) => seriesName(app.plan, a.series, i18n.language)))].join('、');

  const saveAsChild = async () => {
    setBusy(true);
    try {
      const now = new Date().toISOString();
      const child = await client.call('scenarios:create', {
        name: name.trim() || t('presetGuard.childName', { preset: presetName }),
        parent_id: preset.id,
        assumptions: edits.map((a) => toAssumptionInput(a, app.settings.user_name, now)),
      });
      await app.invalidate();
      app.setCurrentId(child.id);
      toast.push(t('presetGuard.saved', { name: child.name, preset: presetName }), 'success');
      onSavedAsChild();
    } catch (err) {
      toast.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('presetGuard.title', { preset: presetName })}
      onClose={onCancel}
      onSubmit={saveAsChild}
      submitLabel={t('presetGuard.saveAsChild')}
      busy={busy}
      initialFocus="submit"
      testId="preset-guard"
      extra={
        <button type="button" className="btn" disabled={busy} onClick={() => onEditPreset(dontAsk)} data-testid="preset-guard-edit">
          {t('presetGuard.editPreset')}
        </button>
      }
    >
      <p>{t('presetGuard.body', { preset: presetName })}</p>
      {series && <p className="muted">{t('presetGuard.changed', { series })}</p>}
      <div className="field">
        <label className="field-label" htmlFor="pg-name">
          {t('presetGuard.nameLabel')}
        </label>
        <input
          id="pg-name"
          type="text"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          data-testid="preset-guard-name"
        />
      </div>
      <label className="check">
        <input type="checkbox" checked={dontAsk} onChange={(e) => setDontAsk(e.target.checked)} data-testid="preset-guard-dont-ask" />
        {t('presetGuard.dontAsk')}
      </label>
    </Dialog>
  );
}
