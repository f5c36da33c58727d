/**
 * The application shell: loads the plan, settings and scenarios, then shows the left navigation
 * rail, the top bar (current scenario, undo / redo, save state) and the current screen. Keyboard
 * shortcuts and the native menu (window.studio.onMenuAction) go through one action bus.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shortcutAction } from '../../electron/common/menu-actions';
import { useApi } from './state/api-context';
import { Icon, type IconName } from './components/Icon';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Dialog, EmptyState, Spinner, Toasts } from './components/ui';
import { ActionBus, ActionBusContext, isTextField, type UiAction } from './state/actions';
import { AppProvider, ToastProvider, useApp, useSaveState, useToast, type Bootstrap, type Screen } from './state/app';
import { useQuery } from './state/query';
import { localizeError } from './lib/errors';
import { Scoreboard } from './screens/Scoreboard';
import { Methodology } from './components/Methodology';
import { depths, treeOrder } from './lib/tree';

const Workbench = lazy(() => import('./screens/Workbench').then((m) => ({ default: m.Workbench })));
const ScenarioManager = lazy(() => import('./screens/ScenarioManager').then((m) => ({ default: m.ScenarioManager })));
const Compare = lazy(() => import('./screens/Compare').then((m) => ({ default: m.Compare })));
const DataScreen = lazy(() => import('./screens/Data').then((m) => ({ default: m.DataScreen })));
const CollectScreen = lazy(() => import('./screens/collect/CollectScreen').then((m) => ({ default: m.CollectScreen })));
const SettingsScreen = lazy(() => import('./screens/Settings').then((m) => ({ default: m.SettingsScreen })));
const BriefingDialog = lazy(() => import('./screens/briefing/BriefingDialog').then((m) => ({ default: m.BriefingDialog })));

const NAV: { screen: Screen; icon: IconName; key: string }[] = [
  { screen: 'scoreboard', icon: 'scoreboard', key: 'Ctrl+1' },
  { screen: 'workbench', icon: 'workbench', key: 'Ctrl+2' },
  { screen: 'scenarios', icon: 'scenarios', key: 'Ctrl+3' },
  { screen: 'compare', icon: 'compare', key: 'Ctrl+4' },
  { screen: 'data', icon: 'data', key: 'Ctrl+5' },
  { screen: 'collect', icon: 'collect', key: '' },
  { screen: 'settings', icon: 'settings', key: 'Ctrl+,' },
];

const VIEW_ACTIONS: Partial<Record<UiAction, Screen>> = {
  'view.scoreboard': 'scoreboard',
  'view.workbench': 'workbench',
  'view.scenarios': 'scenarios',
  'view.compare': 'compare',
  'view.data': 'data',
  'view.settings': 'settings',
};

export function App() {
  const client = useApi();
  const { t, i18n } = useTranslation();
  const [boot, setBoot] = useState<Bootstrap | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let alive = true;
    setError(null);
    Promise.all([
      client.call('plan:get', {}),
      client.call('settings:get', {}),
      client.call('app:info', {}),
      client.call('scenarios:list', {}),
    ]).then(
      async ([plan, settings, info, scenarios]) => {
        if (settings.language !== i18n.language) await i18n.changeLanguage(settings.language);
        if (alive) setBoot({ plan, settings, info, scenarios });
      },
      (err: unknown) => alive && setError(err),
    );
    return () => {
      alive = false;
    };
  }, [client, i18n, attempt]);

  if (error) {
    return (
      <div className="boot">
        <EmptyState
          icon="warning"
          title={t('boot.failed')}
          action={
            <button className="btn btn-primary" onClick={() => setAttempt((n) => n + 1)}>
              {t('common.retry')}
            </button>
          }
        >
          {localizeError(error, i18n.language).message}
        </EmptyState>
      </div>
    );
  }
  if (!boot) {
    return (
      <div className="boot">
        <Spinner label={t('boot.loading')} />
      </div>
    );
  }
  return (
    <ToastProvider>
      <AppProvider boot={boot}>
        <Shell />
      </AppProvider>
    </ToastProvider>
  );
}

function Shell() {
  const { t, i18n } = useTranslation();
  const app = useApp();
  const client = useApi();
  const toast = useToast();
  const bus = useRef(new ActionBus()).current;
  const [about, setAbout] = useState<'about' | 'keys' | 'method' | null>(null);
  // 导出汇报材料: the menu, Ctrl+E and screens' buttons (through the bus) open it
  const [briefing, setBriefing] = useState(false);
  useEffect(() => bus.on((a) => (a === 'file.exportBriefing' ? (setBriefing(true), true) : undefined)), [bus]);
  const undoState = useQuery(app.version, 'scenarios:undoState', app.currentId ? { id: app.currentId } : null);

  const undoRedo = useCallback(
    async (which: 'undo' | 'redo') => {
      const cur = app.current;
      if (!cur) return;
      if (cur.frozen) {
        toast.push(t('topbar.frozenNoUndo'), 'info');
        return;
      }
      const ok = await app.flushPending();
      if (!ok) {
        toast.push(t('save.errorBeforeUndo'), 'error');
        return;
      }
      try {
        await client.call(which === 'undo' ? 'scenarios:undo' : 'scenarios:redo', { id: cur.id });
        await app.invalidate();
        toast.push(t(which === 'undo' ? 'topbar.undone' : 'topbar.redone'), 'success');
      } catch (err) {
        toast.error(err);
      }
    },
    [app, client, t, toast],
  );

  const backupNow = useCallback(async () => {
    try {
      const b = await client.call('backups:create', {});
      toast.push(t('settings.backupDone', { name: b.name }), 'success');
      app.version.bump();
    } catch (err) {
      toast.error(err);
    }
  }, [app.version, client, t, toast]);

  /** One place that performs every UI action. */
  const perform = useCallback(
    (action: UiAction) => {
      const view = VIEW_ACTIONS[action];
      if (view) {
        app.setScreen(view);
        return;
      }
      switch (action) {
        case 'edit.undo':
        case 'edit.redo': {
          // in a text field the field's own undo applies (the native menu sends the id instead)
          if (isTextField(document.activeElement)) {
            document.execCommand(action === 'edit.undo' ? 'undo' : 'redo');
            return;
          }
          void undoRedo(action === 'edit.undo' ? 'undo' : 'redo');
          return;
        }
        case 'scenario.new':
        case 'file.import':
          app.setScreen('scenarios');
          // the scenario manager picks this up once it is mounted
          window.setTimeout(() => bus.emit(action), 0);
          return;
        case 'db.backup':
          void backupNow();
          return;
        case 'file.exportBriefing':
          setBriefing(true);
          return;
        case 'help.about':
          setAbout('about');
          return;
        case 'help.docs':
          setAbout('keys');
          return;
        case 'help.method':
          setAbout('method');
          return;
        case 'focus.search':
          bus.emit('focus.search');
          return;
      }
    },
    [app, backupNow, bus, t, toast, undoRedo],
  );

  // keyboard: the menu's shortcuts (web host has no native menu) plus Ctrl+6 and Ctrl+F
  useEffect(() => {
    const isMac = /Mac/i.test(navigator.platform);
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('[role="dialog"]') && e.key !== 'Escape') {
        // inside a dialog only its own keys apply
        if ((e.ctrlKey || e.metaKey) && /^[1-6]$/.test(e.key)) e.preventDefault();
        return;
      }
      const mod = isMac ? e.metaKey : e.ctrlKey;
      if (mod && !e.shiftKey && !e.altKey && (e.key === 'f' || e.key === 'F')) {
        e.preventDefault();
        perform('focus.search');
        return;
      }
      if (mod && !e.shiftKey && !e.altKey && e.key === '6') {
        e.preventDefault();
        perform('view.settings');
        return;
      }
      if (mod && e.shiftKey && !e.altKey && (e.key === 'z' || e.key === 'Z')) {
        if (isTextField(document.activeElement)) return;
        e.preventDefault();
        perform('edit.redo');
        return;
      }
      const action = shortcutAction(e, isMac);
      if (!action) return;
      if ((action === 'edit.undo' || action === 'edit.redo') && isTextField(document.activeElement)) return; // native field undo
      e.preventDefault();
      perform(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [perform]);

  // the native menu of the desktop app
  useEffect(() => {
    const studio = window.studio;
    if (!studio?.onMenuAction) return;
    return studio.onMenuAction((a) => perform(a));
  }, [perform]);

  // the desktop saves pending edits before its window closes (electron/main/close-gate.ts)
  const flushPending = app.flushPending;
  useEffect(() => {
    const studio = window.studio;
    if (!studio?.onFlushRequest) return;
    return studio.onFlushRequest(() => flushPending());
  }, [flushPending]);

  return (
    <ActionBusContext.Provider value={bus}>
      <div className="shell">
        <nav className="rail" aria-label={t('nav.label')}>
          <div className="rail-brand" title={t('app.title')}>
            <span className="brand-mark" aria-hidden="true">
              咸
            </span>
          </div>
          {NAV.map((n) => (
            <button
              key={n.screen}
              type="button"
              className={`rail-item ${app.screen === n.screen ? 'active' : ''}`}
              aria-current={app.screen === n.screen ? 'page' : undefined}
              onClick={() => app.setScreen(n.screen)}
              title={n.key ? `${t(`nav.${n.screen}`)} (${n.key})` : t(`nav.${n.screen}`)}
              data-testid={`nav-${n.screen}`}
            >
              <Icon name={n.icon} size={22} />
              <span className="rail-label">{t(`nav.${n.screen}`)}</span>
            </button>
          ))}
        </nav>
        <div className="main">
          <TopBar
            onUndo={() => void undoRedo('undo')}
            onRedo={() => void undoRedo('redo')}
            canUndo={!!undoState.data?.can_undo && !app.current?.frozen && !app.readOnly}
            canRedo={!!undoState.data?.can_redo && !app.current?.frozen && !app.readOnly}
          />
          {app.readOnly && <ReadOnlyBanner />}
          <main className="content" id="content">
            <Suspense
              fallback={
                <div className="screen-loading">
                  <Spinner label={t('common.loading')} />
                </div>
              }
            >
              <ErrorBoundary title={t('boot.screenFailed')} retryLabel={t('common.retry')} resetKey={`${app.screen}|${app.currentId}`}>
                <ScreenView screen={app.screen} />
              </ErrorBoundary>
            </Suspense>
          </main>
        </div>
        <Toasts />
        {about === 'about' && (
          <Dialog title={t('about.title')} onClose={() => setAbout(null)}>
            <p className="about-name">{t('app.title')}</p>
            <p>{t('about.version', { version: app.info.version })}</p>
            <p className="muted">{i18n.language.startsWith('zh') ? app.plan.title_zh : app.plan.title_en}</p>
          </Dialog>
        )}
        {about === 'keys' && (
          <Dialog title={t('keys.title')} onClose={() => setAbout(null)}>
            <KeyHelp />
            <p className="keys-more">
              <button type="button" className="btn" data-testid="open-methodology" onClick={() => setAbout('method')}>
                {t('keys.methodology')}
              </button>
            </p>
          </Dialog>
        )}
        {about === 'method' && (
          <Dialog title={t('keys.methodology')} onClose={() => setAbout(null)} wide testId="methodology-dialog">
            <Methodology />
          </Dialog>
        )}
        {briefing && (
          <Suspense fallback={null}>
            <BriefingDialog onClose={() => setBriefing(false)} />
          </Suspense>
        )}
      </div>
    </ActionBusContext.Provider>
  );
}

/** The read-only view's banner: why nothing can be saved, naming the file or folder, and what to do. */
function ReadOnlyBanner() {
  const { t, i18n } = useTranslation();
  const app = useApp();
  const reason = app.info.read_only_reason;
  return (
    <div className="read-only-banner" role="status" data-testid="read-only-banner">
      <Icon name="lock" size={16} />
      <div>
        <strong>{t('readOnly.title')}</strong>{' '}
        {reason ? (i18n.language.startsWith('zh') ? reason.message_zh : reason.message_en) : t('readOnly.body')}
      </div>
    </div>
  );
}

function KeyHelp() {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    ['Ctrl+1 … Ctrl+5', t('keys.screens')],
    ['Alt+Shift+1 … Alt+Shift+5', t('keys.screensWeb')],
    ['Ctrl+, / Ctrl+6 / Alt+Shift+6', t('nav.settings')],
    ['Ctrl+N / Alt+Shift+N', t('keys.newScenario')],
    ['Ctrl+F', t('keys.search')],
    ['Ctrl+E', t('briefing.title')],
    ['F5', t('present.title')],
    ['Ctrl+Z / Ctrl+Y', t('keys.undoRedo')],
    ['F1', t('keys.title')],
    ['Shift+F1', t('keys.methodology')],
    ['Esc', t('keys.escape')],
    ['Enter', t('keys.enter')],
  ];
  return (
    <table className="keys">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <td>
              <kbd>{k}</kbd>
            </td>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ScreenView({ screen }: { screen: Screen }) {
  switch (screen) {
    case 'scoreboard':
      return <Scoreboard />;
    case 'workbench':
      return <Workbench />;
    case 'scenarios':
      return <ScenarioManager />;
    case 'compare':
      return <Compare />;
    case 'data':
      return <DataScreen />;
    case 'collect':
      return <CollectScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

function TopBar({ onUndo, onRedo, canUndo, canRedo }: { onUndo: () => void; onRedo: () => void; canUndo: boolean; canRedo: boolean }) {
  const { t } = useTranslation();
  const app = useApp();
  const save = useSaveState();
  const live = useMemo(() => app.scenarios.filter((s) => !s.deleted_at), [app.scenarios]);
  const depth = useMemo(() => depths(live), [live]);
  const ordered = useMemo(() => treeOrder(live), [live]);
  return (
    <header className="topbar">
      <div className="topbar-title">
        <span className="app-name">{t('app.title')}</span>
      </div>
      <label className="scenario-picker">
        <span className="picker-label">{t('topbar.scenario')}</span>
        <select
          value={app.currentId ?? ''}
          onChange={(e) => app.setCurrentId(e.target.value)}
          data-testid="scenario-select"
          aria-label={t('topbar.scenario')}
        >
          {ordered.length === 0 && <option value="">{t('topbar.noScenario')}</option>}
          {ordered.map((s) => (
            <option key={s.id} value={s.id}>
              {`${'\u3000'.repeat(depth.get(s.id) ?? 0)}${app.nameOf(s)}${s.frozen ? t('scenarios.frozenSuffix') : ''}`}
            </option>
          ))}
        </select>
      </label>
      {app.current?.frozen && (
        <span className="frozen-badge" data-testid="frozen-badge" title={t('scenarios.frozenTip')}>
          <Icon name="lock" size={14} />
          {app.current.frozen_label ?? t('scenarios.frozenShort')}
        </span>
      )}
      <div className="topbar-spacer" />
      <SaveIndicator state={save.state} readOnly={!!app.current?.frozen || app.readOnly} />
      <div className="btn-group" role="group" aria-label={t('topbar.history')}>
        <button
          type="button"
          className="btn btn-ghost"
          onClick={onUndo}
          disabled={!canUndo}
          title={`${t('topbar.undo')} (Ctrl+Z)`}
          data-testid="undo"
        >
          <Icon name="undo" />
          <span>{t('topbar.undo')}</span>
        </button>
        <button
          type="button"
          className="btn btn-ghost"
          onClick={onRedo}
          disabled={!canRedo}
          title={`${t('topbar.redo')} (Ctrl+Y)`}
          data-testid="redo"
        >
          <Icon name="redo" />
          <span>{t('topbar.redo')}</span>
        </button>
      </div>
    </header>
  );
}

function SaveIndicator({ state, readOnly }: { state: string; readOnly: boolean }) {
  const { t } = useTranslation();
  if (readOnly) {
    return (
      <span className="save-state save-readonly" data-testid="save-state" data-state="readonly">
        <Icon name="lock" size={14} />
        {t('save.readonly')}
      </span>
    );
  }
  const label =
    state === 'saving'
      ? t('save.saving')
      : state === 'pending'
        ? t('save.pending')
        : state === 'error'
          ? t('save.error')
          : state === 'saved'
            ? t('save.saved')
            : t('save.idle');
  return (
    <span className={`save-state save-${state}`} data-testid="save-state" data-state={state} aria-live="polite">
      {state === 'saving' || state === 'pending' ? (
        <span className="spinner spinner-small" aria-hidden="true" />
      ) : (
        <Icon name={state === 'error' ? 'warning' : 'check'} size={14} />
      )}
      {label}
    </span>
  );
}
