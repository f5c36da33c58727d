/**
 * 情景管理: the inheritance tree; create, clone, make a child, rename and describe, freeze
 * (read-only everywhere), delete to the trash and restore, empty the trash (asks first), the
 * history with restore, undo / redo, export (download) and import (file input).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioMeta } from '../../../contract';
import { useApi } from '../state/api-context';
import { Icon } from '../components/Icon';
import { Dialog, EmptyState, InlineError, Spinner, Tag } from '../components/ui';
import { localizeError } from '../lib/errors';
import { decodeUtf8, saveTextFile } from '../lib/files';
import { formatDateTime } from '../lib/format';
import { historyChangeText } from '../lib/historyText';
import { depths, treeOrder } from '../lib/tree';
import { useUiAction } from '../state/actions';
import { useApp, useToast } from '../state/app';
import { useQuery } from '../state/query';
import { ReforecastButton } from './nowcast/Reforecast';

type DialogState =
  | { kind: 'create'; parent: string | null }
  | { kind: 'clone'; source: ScenarioMeta }
  | { kind: 'freeze'; scenario: ScenarioMeta }
  | { kind: 'emptyTrash' }
  | null;

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
  const undoState = useQuery(app.version, 'scenarios:undoState', selected ? { id: selected.id } : null);

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

  const run = async <T,>(fn: () => Promise<T>, done?: (v: T) => string | null): Promise<T | undefined> => {
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

      <div className="toolbar" role="toolbar" aria-label={t('scenarios.toolbar')} hidden={view === 'trash'}>
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
          <ul className="tree" role="tree" aria-label={t('scenarios.tree')} data-testid="scenario-tree">
            {ordered.map((s) => (
              <li key={s.id} role="treeitem" aria-selected={s.id === selected?.id} aria-level={(depth.get(s.id) ?? 0) + 1}>
                <button
                  type="button"
                  className={`tree-item ${s.id === selected?.id ? 'active' : ''}`}
                  style={{ paddingLeft: `${12 + (depth.get(s.id) ?? 0) * 22}px` }}
                  onClick={() => app.setCurrentId(s.id)}
                  data-testid="tree-item"
                  data-name={s.name}
                  data-frozen={s.frozen}
                >
                  {(depth.get(s.id) ?? 0) > 0 && (
                    <span className="tree-elbow" aria-hidden="true">
                      └
                    </span>
                  )}
                  <span className="tree-name">{app.nameOf(s)}</span>
                  {s.preset_id && <Tag tone="info">{t('scenarios.preset')}</Tag>}
                  {s.frozen && (
                    <span className="lock" title={t('scenarios.frozenTip')} aria-label={t('scenarios.frozenShort')}>
                      <Icon name="lock" size={14} />
                      {s.frozen_label}
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
          {selected ? <Details key={selected.id} scenario={selected} busy={busy} run={run} /> : <EmptyState title={t('scenarios.pick')} />}
        </div>
      )}

      {dialog?.kind === 'create' && (
        <CreateDialog
          parent={dialog.parent}
          scenarios={live}
          onClose={() => setDialog(null)}
          onCreate={async (req) => {
            const s = await run(
              () => client.call('scenarios:create', req),
              (v) => t('scenarios.created', { name: v.name }),
            );
            if (s) {
              setDialog(null);
              app.setCurrentId(s.id);
            }
          }}
          busy={busy}
        />
      )}
      {dialog?.kind === 'clone' && (
        <NameDialog
          title={t('scenarios.cloneTitle', { name: app.nameOf(dialog.source) })}
          label={t('scenarios.name')}
          initial={t('scenarios.copyName', { name: dialog.source.name })}
          submitLabel={t('scenarios.clone')}
          onClose={() => setDialog(null)}
          busy={busy}
          onSubmit={async (name) => {
            const s = await run(
              () => client.call('scenarios:clone', { id: dialog.source.id, name }),
              (v) => t('scenarios.created', { name: v.name }),
            );
            if (s) {
              setDialog(null);
              app.setCurrentId(s.id);
            }
          }}
        />
      )}
      {dialog?.kind === 'freeze' && (
        <NameDialog
          title={t('scenarios.freezeTitle', { name: app.nameOf(dialog.scenario) })}
          label={t('scenarios.freezeLabel')}
          initial={t('scenarios.freezeDefault')}
          help={t('scenarios.freezeHelp')}
          submitLabel={t('scenarios.freeze')}
          onClose={() => setDialog(null)}
          busy={busy}
          onSubmit={async (label) => {
            await app.flushPending();
            const s = await run(
              () => client.call('scenarios:freeze', { id: dialog.scenario.id, label }),
              () => t('scenarios.frozenDone', { label }),
            );
            if (s) setDialog(null);
          }}
          testId="freeze-dialog"
        />
      )}
      {dialog?.kind === 'emptyTrash' && (
        <Dialog
          title={t('scenarios.emptyTrashTitle')}
          onClose={() => setDialog(null)}
          submitLabel={t('scenarios.emptyTrash')}
          submitTone="danger"
          busy={busy}
          testId="empty-trash-dialog"
          onSubmit={async () => {
            const r = await run(
              () => client.call('scenarios:emptyTrash', { confirm: true }),
              (v) => t('scenarios.trashEmptied', { n: v.removed }),
            );
            if (r) setDialog(null);
          }}
        >
          <p>{t('scenarios.emptyTrashWarn')}</p>
        </Dialog>
      )}
    </section>
  );
}

function Trash({
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

function Details({
  scenario,
  busy,
  run,
}: {
  scenario: ScenarioMeta;
  busy: boolean;
  run: <T>(fn: () => Promise<T>, done?: (v: T) => string | null) => Promise<T | undefined>;
}) {
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
  const history = useQuery(app.version, 'scenarios:history', { id: scenario.id });
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
    </div>
  );
}

function CreateDialog({
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

function NameDialog({
  title,
  label,
  initial,
  help,
  submitLabel,
  onClose,
  onSubmit,
  busy,
  testId,
}: {
  title: string;
  label: string;
  initial: string;
  help?: string;
  submitLabel: string;
  onClose: () => void;
  onSubmit: (v: string) => Promise<void>;
  busy: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog
      title={title}
      onClose={onClose}
      submitLabel={submitLabel}
      busy={busy}
      testId={testId}
      onSubmit={async () => {
        if (!value.trim()) {
          setError(t('validation.empty', { field: label }));
          return;
        }
        await onSubmit(value.trim());
      }}
    >
      <div className="field">
        <label className="field-label" htmlFor="nd-value">
          {label}
        </label>
        <input
          id="nd-value"
          type="text"
          value={value}
          maxLength={100}
          onChange={(e) => setValue(e.target.value)}
          data-testid="nd-value"
          aria-invalid={!!error}
        />
        <InlineError>{error}</InlineError>
        {help && <p className="field-help">{help}</p>}
      </div>
    </Dialog>
  );
}
