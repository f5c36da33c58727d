/**
 * 情景管理: the inheritance tree; create, clone, make a child, rename and describe, freeze
 * (read-only everywhere), delete to the trash and restore, empty the trash (asks first), the
 * history with restore, undo / redo, export (download) and import (file input).
 */
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icon';
import { EmptyState } from '../components/ui';
import { depths, treeOrder } from '../lib/tree';
import { useUiAction } from '../state/actions';
import { useApp, useToast } from '../state/app';
import { useApi } from '../state/api-context';
import { useQuery } from '../state/query';
import { Details } from './scenario-manager/Details';
import { ScenarioDialogs } from './scenario-manager/ScenarioDialogs';
import { ScenarioToolbar } from './scenario-manager/ScenarioToolbar';
import { ScenarioTree } from './scenario-manager/ScenarioTree';
import { Trash } from './scenario-manager/Trash';
import type { DialogState, Run } from './scenario-manager/types';

export function ScenarioManager() {
  const { t } = useTranslation();
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const [view, setView] = useState<'tree' | 'trash'>('tree');
  const [dialog, setDialog] = useState<DialogState>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const live = app.scenarios;
  const ordered = useMemo(() => treeOrder(live), [live]);
  const depth = useMemo(() => depths(live), [live]);
  const selected = app.current;
  const trash = useQuery(app.version, 'scenarios:list', view === 'trash' ? { state: 'trash' } : null);

  useUiAction((a) => {
    if (a === 'scenario.new') {
      setDialog({ kind: 'create', parent: null });
      return true;
    }
    if (a === 'file.import') {
      fileRef.current?.click();
      return true;
    }
  });

  const run: Run = async <T,>(fn: () => Promise<T>, done?: (v: T) => string | null): Promise<T | undefined> => {
    setBusy(true);
    try {
      const v = await fn();
      await app.invalidate();
      const msg = done?.(v);
      if (msg) toast.push(msg, 'success');
      return v;
    } catch (err) {
      toast.error(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="screen screen-scenarios" aria-labelledby="sm-title">
      <header className="screen-head">
        <div>
          <h1 id="sm-title">{t('nav.scenarios')}</h1>
          <p className="lede">{t('scenarios.lede')}</p>
        </div>
        <div className="tabs" role="tablist">
          <button
            role="tab"
            aria-selected={view === 'tree'}
            className={`tab ${view === 'tree' ? 'active' : ''}`}
            onClick={() => setView('tree')}
            data-testid="tab-tree"
          >
            {t('scenarios.tree')}
          </button>
          <button
            role="tab"
            aria-selected={view === 'trash'}
            className={`tab ${view === 'trash' ? 'active' : ''}`}
            onClick={() => setView('trash')}
            data-testid="tab-trash"
          >
            <Icon name="trash" size={14} /> {t('scenarios.trash')}
          </button>
        </div>
      </header>

      <ScenarioToolbar hidden={view === 'trash'} selected={selected} busy={busy} fileRef={fileRef} setDialog={setDialog} run={run} />

      {view === 'trash' ? (
        <Trash
          list={trash.data}
          error={trash.error}
          onRestore={(s) =>
            void run(
              () => client.call('scenarios:restore', { id: s.id }),
              () => t('scenarios.restored', { name: s.name }),
            )
          }
          onEmpty={() => setDialog({ kind: 'emptyTrash' })}
          busy={busy || app.readOnly}
          tip={app.readOnlyTip}
        />
      ) : ordered.length === 0 ? (
        <EmptyState
          icon="scenarios"
          title={t('scenarios.none')}
          action={
            <button className="btn btn-primary" onClick={() => setDialog({ kind: 'create', parent: null })}>
              {t('scenarios.create')}
            </button>
          }
        >
          {t('scenarios.noneHelp')}
        </EmptyState>
      ) : (
        <div className="sm-layout">
          <ScenarioTree ordered={ordered} depth={depth} selected={selected} />
          {selected ? <Details key={selected.id} scenario={selected} busy={busy} run={run} /> : <EmptyState title={t('scenarios.pick')} />}
        </div>
      )}

      <ScenarioDialogs dialog={dialog} setDialog={setDialog} busy={busy} run={run} />
    </section>
  );
}
