/**
 * The toolbar of 情景管理: create, make a child, clone, freeze, re-forecast, delete, undo / redo,
 * export (download) and import (file input).
 */
import type { Dispatch, RefObject, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioMeta } from '../../../../contract';
import { useApi } from '../../state/api-context';
import { Icon } from '../../components/Icon';
import { decodeUtf8, saveTextFile } from '../../lib/files';
import { useApp, useToast } from '../../state/app';
import { useQuery } from '../../state/query';
import { ReforecastButton } from '../nowcast/Reforecast';
import type { DialogState, Run } from './types';

export function ScenarioToolbar({
  hidden,
  selected,
  busy,
  fileRef,
  setDialog,
  run,
}: {
  hidden: boolean;
  selected: ScenarioMeta | null;
  busy: boolean;
  fileRef: RefObject<HTMLInputElement | null>;
  setDialog: Dispatch<SetStateAction<DialogState>>;
  run: Run;
}) {
  const { t } = useTranslation();
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const undoState = useQuery(app.version, 'scenarios:undoState', selected ? { id: selected.id } : null);

  const exportScenario = async (workspace: boolean) => {
    try {
      const r = await client.call('scenarios:export', workspace ? { workspace: true } : { id: selected?.id });
      const saved = await saveTextFile(r.file_name, JSON.stringify(r.content, null, 2));
      if (saved) toast.push(t('scenarios.exported', { name: r.file_name }), 'success');
    } catch (err) {
      toast.error(err);
    }
  };

  const importFile = async (file: File) => {
    const decoded = decodeUtf8(await file.arrayBuffer());
    if (!decoded.ok) {
      toast.push(t('scenarios.importNotUtf8'), 'error');
      return;
    }
    let content: unknown;
    try {
      content = JSON.parse(decoded.text);
    } catch {
      toast.push(t('scenarios.importNotJson', { name: file.name }), 'error');
      return;
    }
    const r = await run(() => client.call('scenarios:import', { content }));
    if (!r) return;
    const last = r.created[r.created.length - 1];
    if (r.renamed.length > 0) {
      toast.push(t('scenarios.importedRenamed', { names: r.renamed.map((x) => x.to).join('、') }), 'success');
    } else {
      toast.push(t('scenarios.imported', { n: r.created.length, actuals: r.actuals_added }), 'success');
    }
    if (last) app.setCurrentId(last.id);
  };

  const undoRedo = async (which: 'undo' | 'redo') => {
    if (!selected) return;
    if (!(await app.flushPending())) return;
    await run(
      () => client.call(which === 'undo' ? 'scenarios:undo' : 'scenarios:redo', { id: selected.id }),
      () => t(which === 'undo' ? 'topbar.undone' : 'topbar.redone'),
    );
  };

  return (
    <div className="toolbar" role="toolbar" aria-label={t('scenarios.toolbar')} hidden={hidden}>
      <button
        type="button"
        className="btn btn-primary"
        disabled={app.readOnly}
        title={app.readOnlyTip}
        onClick={() => setDialog({ kind: 'create', parent: null })}
        data-testid="sm-create"
      >
        <Icon name="plus" size={16} />
        {t('scenarios.create')}
      </button>
      <button
        type="button"
        className="btn"
        disabled={!selected || app.readOnly}
        title={app.readOnlyTip}
        onClick={() => selected && setDialog({ kind: 'create', parent: selected.id })}
        data-testid="sm-child"
      >
        <Icon name="branch" size={16} />
        {t('scenarios.createChild')}
      </button>
      <button
        type="button"
        className="btn"
        disabled={!selected || app.readOnly}
        title={app.readOnlyTip}
        onClick={() => selected && setDialog({ kind: 'clone', source: selected })}
        data-testid="sm-clone"
      >
        <Icon name="copy" size={16} />
        {t('scenarios.clone')}
      </button>
      <button
        type="button"
        className="btn"
        disabled={!selected || selected.frozen || app.readOnly}
        title={app.readOnlyTip}
        onClick={() => selected && setDialog({ kind: 'freeze', scenario: selected })}
        data-testid="sm-freeze"
      >
        <Icon name="lock" size={16} />
        {t('scenarios.freeze')}
      </button>
      <ReforecastButton scenario={selected} disabled={busy || app.readOnly} tip={app.readOnlyTip} />
      <button
        type="button"
        className="btn"
        disabled={!selected || busy || app.readOnly}
        title={app.readOnlyTip}
        onClick={() =>
          selected &&
          void run(
            () => client.call('scenarios:delete', { id: selected.id }),
            () => t('scenarios.deleted', { name: selected.name }),
          )
        }
        data-testid="sm-delete"
      >
        <Icon name="trash" size={16} />
        {t('scenarios.delete')}
      </button>
      <span className="toolbar-sep" />
      <button
        type="button"
        className="btn btn-ghost"
        disabled={!undoState.data?.can_undo || !!selected?.frozen || busy || app.readOnly}
        onClick={() => void undoRedo('undo')}
        data-testid="sm-undo"
        title={app.readOnlyTip ?? 'Ctrl+Z'}
      >
        <Icon name="undo" size={16} />
        {t('topbar.undo')}
      </button>
      <button
        type="button"
        className="btn btn-ghost"
        disabled={!undoState.data?.can_redo || !!selected?.frozen || busy || app.readOnly}
        onClick={() => void undoRedo('redo')}
        data-testid="sm-redo"
        title={app.readOnlyTip ?? 'Ctrl+Y'}
      >
        <Icon name="redo" size={16} />
        {t('topbar.redo')}
      </button>
      <span className="toolbar-sep" />
      <button
        type="button"
        className="btn btn-ghost"
        disabled={!selected}
        onClick={() => void exportScenario(false)}
        data-testid="sm-export"
      >
        <Icon name="download" size={16} />
        {t('scenarios.export')}
      </button>
      <button type="button" className="btn btn-ghost" onClick={() => void exportScenario(true)} data-testid="sm-export-workspace">
        <Icon name="download" size={16} />
        {t('scenarios.exportWorkspace')}
      </button>
      <button
        type="button"
        className="btn btn-ghost"
        disabled={app.readOnly}
        title={app.readOnlyTip}
        onClick={() => fileRef.current?.click()}
        data-testid="sm-import"
      >
        <Icon name="upload" size={16} />
        {t('scenarios.import')}
      </button>
      <input
        ref={fileRef}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="sm-import-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void importFile(f);
        }}
      />
    </div>
  );
}
