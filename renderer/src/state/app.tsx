/**
 * Application state shared by the screens: the plan, settings, scenario list, the current
 * scenario, the screen shown, the data version (refetch after mutations), toasts, and the
 * autosave registry (so undo and scenario switches save pending edits first).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, AppSettings, Res } from '../../../contract';
import type { Plan } from '../../../models/schema';
import type { ScenarioMeta } from '../../../contract';
import { useApi } from './api-context';
import { localizeError } from '../lib/errors';
import type { SaveState } from '../lib/autosave';
import { DataVersion } from './query';

export const SCREENS = ['scoreboard', 'workbench', 'scenarios', 'compare', 'data', 'collect', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export interface AppContextValue {
  plan: Plan;
  settings: AppSettings;
  info: AppInfo;
  /** the read-only view: the database could only be opened read-only, so nothing can be saved. */
  readOnly: boolean;
  /** the tooltip of a control disabled by the read-only view (undefined when writable). */
  readOnlyTip: string | undefined;
  scenarios: ScenarioMeta[];
  current: ScenarioMeta | null;
  currentId: string | null;
  setCurrentId: (id: string) => void;
  version: DataVersion;
  /** after a mutation: refetch the scenario list and every query. */
  invalidate: () => Promise<void>;
  updateSettings: (patch: Partial<AppSettings>) => Promise<AppSettings>;
  screen: Screen;
  setScreen: (s: Screen) => void;
  workbenchTarget: string | null;
  openWorkbench: (targetId: string) => void;
  /** autosave registry: flush every pending edit (before undo, switching scenario ...). */
  registerFlush: (fn: () => Promise<void>) => () => void;
  flushPending: () => Promise<boolean>;
  /** the labels of scenarios by id, for `from` and lists. */
  scenarioName: (id: string | null | undefined) => string;
  /** a scenario's name as shown: a plan preset keeps its English name in English. */
  nameOf: (s: Pick<ScenarioMeta, 'name' | 'preset_id'>) => string;
}

const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('AppContext missing');
  return v;
}

// --- toasts ------------------------------------------------------------------------------------
export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  text: string;
}
interface ToastApi {
  toasts: Toast[];
  push: (text: string, kind?: Toast['kind']) => void;
  dismiss: (id: number) => void;
  /** shows an error in the user's language, naming the field when known. */
  error: (err: unknown, context?: string) => void;
}
const ToastContext = createContext<ToastApi | null>(null);
export function useToast(): ToastApi {
  const v = useContext(ToastContext);
  if (!v) throw new Error('ToastContext missing');
  return v;
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((x) => x.id !== id)), []);
  const push = useCallback(
    (text: string, kind: Toast['kind'] = 'info') => {
      const id = next.current++;
      setToasts((ts) => [...ts.filter((x) => x.text !== text).slice(-1), { id, kind, text }]);
      window.setTimeout(() => dismiss(id), kind === 'error' ? 9000 : 4000);
    },
    [dismiss],
  );
  const error = useCallback(
    (err: unknown, context?: string) => {
      const e = localizeError(err, i18n.language);
      const field = e.field ? t(`fields.${e.field}`, { defaultValue: '' }) : '';
      const text = [context, e.message, field && !e.message.includes(field) ? `（${t('common.field')}：${field}）` : '']
        .filter(Boolean)
        .join(' ');
      push(text, 'error');
    },
    [i18n.language, push, t],
  );
  const value = useMemo(() => ({ toasts, push, dismiss, error }), [toasts, push, dismiss, error]);
  return <ToastContext.Provider value={value}>{children}</ToastContext.Provider>;
}

// --- save state (its own context: it changes often, only the top bar shows it) ------------------
interface SaveStateApi {
  state: SaveState;
  set: (s: SaveState) => void;
}
const SaveStateContext = createContext<SaveState>('idle');
const SetSaveStateContext = createContext<(s: SaveState) => void>(() => undefined);
/** The save state (re-renders on every change: the top bar only). */
export function useSaveState(): SaveStateApi {
  return { state: useContext(SaveStateContext), set: useContext(SetSaveStateContext) };
}
/** Only the setter: stable, so an editor that reports its state does not re-render for it. */
export function useSetSaveState(): (s: SaveState) => void {
  return useContext(SetSaveStateContext);
}

const CURRENT_KEY = 'studio.currentScenario';

export interface Bootstrap {
  plan: Plan;
  settings: AppSettings;
  info: AppInfo;
  scenarios: Res<'scenarios:list'>;
}

export function AppProvider({ boot, children }: { boot: Bootstrap; children: ReactNode }) {
  const client = useApi();
  const { i18n } = useTranslation();
  const [settings, setSettings] = useState(boot.settings);
  const [scenarios, setScenarios] = useState<ScenarioMeta[]>(boot.scenarios);
  const [screen, setScreenState] = useState<Screen>('scoreboard');
  const [workbenchTarget, setWorkbenchTarget] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const version = useRef(new DataVersion()).current;
  const flushers = useRef(new Set<() => Promise<void>>());

  const pickDefault = useCallback((list: ScenarioMeta[], wanted: string | null): string | null => {
    if (wanted && list.some((s) => s.id === wanted)) return wanted;
    return (list.find((s) => s.preset_id === 'baseline') ?? list[0])?.id ?? null;
  }, []);

  const [currentId, setCurrentIdState] = useState<string | null>(() => {
    let stored: string | null;
    try {
      stored = window.localStorage.getItem(CURRENT_KEY);
    } catch {
      stored = null;
    }
    return pickDefault(boot.scenarios, stored);
  });

  const flushPending = useCallback(async (): Promise<boolean> => {
    try {
      for (const f of [...flushers.current]) await f();
      return true;
    } catch {
      return false;
    }
  }, []);

  const setCurrentId = useCallback(
    (id: string) => {
      void flushPending().then(() => {
        setCurrentIdState(id);
        try {
          window.localStorage.setItem(CURRENT_KEY, id);
        } catch {
          // private mode: the choice lasts for this session
        }
      });
    },
    [flushPending],
  );

  const invalidate = useCallback(async () => {
    const list = await client.call('scenarios:list', {});
    setScenarios(list);
    setCurrentIdState((cur) => pickDefault(list, cur));
    version.bump();
  }, [client, pickDefault, version]);

  const updateSettings = useCallback(
    async (patch: Partial<AppSettings>) => {
      // the read-only view keeps a language switch in this window (nothing can be stored)
      if (boot.info.read_only && Object.keys(patch).every((k) => k === 'language') && patch.language) {
        const local = { ...settings, language: patch.language };
        setSettings(local);
        await i18n.changeLanguage(patch.language);
        return local;
      }
      const next = await client.call('settings:set', patch);
      setSettings(next);
      if (patch.language && patch.language !== i18n.language) await i18n.changeLanguage(patch.language);
      version.bump();
      return next;
    },
    [client, i18n, version, boot.info.read_only, settings],
  );

  const registerFlush = useCallback((fn: () => Promise<void>) => {
    flushers.current.add(fn);
    return () => {
      flushers.current.delete(fn);
    };
  }, []);

  const setScreen = useCallback((s: Screen) => setScreenState(s), []);
  const openWorkbench = useCallback((targetId: string) => {
    setWorkbenchTarget(targetId);
    setScreenState('workbench');
  }, []);

  useEffect(() => {
    if (settings.language !== i18n.language) void i18n.changeLanguage(settings.language);
  }, [settings.language, i18n]);

  const nameOf = useCallback(
    (s: Pick<ScenarioMeta, 'name' | 'preset_id'>) => {
      if (!s.preset_id || i18n.language.startsWith('zh')) return s.name;
      const p = boot.plan.presets.find((x) => x.id === s.preset_id);
      return p && p.name_zh === s.name ? p.name_en : s.name;
    },
    [boot.plan.presets, i18n.language],
  );

  const scenarioName = useCallback(
    (id: string | null | undefined) => {
      if (!id) return '';
      if (id.startsWith('plan:')) {
        const p = boot.plan.presets.find((x) => x.id === id.slice(5));
        return p ? (i18n.language.startsWith('zh') ? p.name_zh : p.name_en) : id;
      }
      const s = scenarios.find((x) => x.id === id);
      return s ? nameOf(s) : id;
    },
    [boot.plan.presets, i18n.language, scenarios, nameOf],
  );

  const current = scenarios.find((s) => s.id === currentId) ?? null;
  const value = useMemo<AppContextValue>(
    () => ({
      plan: boot.plan,
      settings,
      info: boot.info,
      readOnly: boot.info.read_only === true,
      readOnlyTip: boot.info.read_only === true ? i18n.t('readOnly.tip') : undefined,
      scenarios,
      current,
      currentId: current?.id ?? null,
      setCurrentId,
      version,
      invalidate,
      updateSettings,
      screen,
      setScreen,
      workbenchTarget,
      openWorkbench,
      registerFlush,
      flushPending,
      scenarioName,
      nameOf,
    }),
    // i18n.language: the read-only tooltip follows a language switch
    [
      boot.plan,
      boot.info,
      settings,
      scenarios,
      current,
      setCurrentId,
      version,
      invalidate,
      updateSettings,
      screen,
      setScreen,
      workbenchTarget,
      openWorkbench,
      registerFlush,
      flushPending,
      scenarioName,
      nameOf,
      i18n,
      i18n.language,
    ],
  );
  return (
    <AppContext.Provider value={value}>
      <SetSaveStateContext.Provider value={setSaveState}>
        <SaveStateContext.Provider value={saveState}>{children}</SaveStateContext.Provider>
      </SetSaveStateContext.Provider>
    </AppContext.Provider>
  );
}
