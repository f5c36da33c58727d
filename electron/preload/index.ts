/**
 * The preload: the only file that touches ipcRenderer. It runs sandboxed (no Node), is bundled
 * into one CJS file with only `electron` external, and exposes one frozen object,
 * `window.studio` (typed in electron/common/studio-bridge.ts), through contextBridge.
 *
 * Nothing of Electron leaks: no ipcRenderer, no event objects, no generic send/on. Channels are
 * checked against a fixed allow-list copied from the API contract at build time
 * (scripts/build-electron.ts defines __STUDIO_CHANNELS__ and __STUDIO_MENU_ACTIONS__), so this
 * file imports nothing at run time but electron.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Envelope } from '../../contract';
import type { MenuAction } from '../common/menu-actions';
import type { HostChannels, OpenFileRequest, OpenFileResult, SaveFileRequest, SaveFileResult, StudioBridge } from '../common/studio-bridge';

declare const __STUDIO_CHANNELS__: readonly string[];
declare const __STUDIO_MENU_ACTIONS__: readonly string[];

const API_CHANNELS: ReadonlySet<string> = new Set(__STUDIO_CHANNELS__);
const MENU_ACTION_IDS: ReadonlySet<string> = new Set(__STUDIO_MENU_ACTIONS__);
const SAVE_FILE: HostChannels['saveFile'] = 'dialog:saveFile';
const OPEN_FILE: HostChannels['openFile'] = 'dialog:openFile';
const MENU_ACTION: HostChannels['menuAction'] = 'menu:action';
const FLUSH_REQUEST: HostChannels['flushRequest'] = 'app:flush';
const FLUSHED: HostChannels['flushed'] = 'app:flushed';

function failure(code: string, zh: string, en: string): Envelope<never> {
  return { ok: false, error: { code, message: en, message_zh: zh, message_en: en } };
}

async function call<T>(channel: string, request: unknown): Promise<Envelope<T>> {
  try {
    return (await ipcRenderer.invoke(channel, request)) as Envelope<T>;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return failure('ipc_failed', `与主进程通信失败：${message}`, `IPC to the main process failed: ${message}`);
  }
}

const studio: StudioBridge = {
  invoke(channel: string, request: unknown): Promise<Envelope<unknown>> {
    if (typeof channel !== 'string' || !API_CHANNELS.has(channel)) {
      const name = typeof channel === 'string' ? channel.slice(0, 80) : typeof channel;
      return Promise.resolve(failure('unknown_channel', `未知的接口：${name}`, `Unknown API channel: ${name}`));
    }
    return call(channel, request);
  },
  saveFile(request: SaveFileRequest): Promise<Envelope<SaveFileResult>> {
    return call(SAVE_FILE, request);
  },
  openFile(request: OpenFileRequest): Promise<Envelope<OpenFileResult>> {
    return call(OPEN_FILE, request);
  },
  onMenuAction(callback: (action: MenuAction) => void): () => void {
    if (typeof callback !== 'function') throw new TypeError('onMenuAction needs a function');
    // The event object never reaches the page: only a known action id does.
    const listener = (_event: unknown, action: unknown): void => {
      if (typeof action === 'string' && MENU_ACTION_IDS.has(action)) callback(action as MenuAction);
    };
    ipcRenderer.on(MENU_ACTION, listener);
    return () => {
      ipcRenderer.removeListener(MENU_ACTION, listener);
    };
  },
  onFlushRequest(callback: () => Promise<unknown>): () => void {
    if (typeof callback !== 'function') throw new TypeError('onFlushRequest needs a function');
    // only the request id reaches this side; the answer goes back through invoke
    const listener = (_event: unknown, id: unknown): void => {
      if (typeof id !== 'number' || !Number.isInteger(id)) return;
      const answer = (): void => {
        void ipcRenderer.invoke(FLUSHED, id).catch(() => undefined);
      };
      Promise.resolve()
        .then(() => callback())
        .then(answer, answer);
    };
    ipcRenderer.on(FLUSH_REQUEST, listener);
    return () => {
      ipcRenderer.removeListener(FLUSH_REQUEST, listener);
    };
  },
  platform: process.platform,
};

contextBridge.exposeInMainWorld('studio', Object.freeze(studio));
