/**
 * The Electron main process: one window, one database, hardened.
 *
 * - Single instance: a second launch focuses the first window.
 * - The built renderer (dist/renderer) is served from the privileged scheme `app://studio/`
 *   (app-protocol.ts refuses path traversal), or from the Vite dev server when
 *   STUDIO_DEV_SERVER_URL is set and the app is not packaged (loopback URLs only).
 * - The window is sandboxed with context isolation and no Node; the preload is
 *   dist-electron/preload.cjs. Navigation outside the app, new windows, <webview>, permission
 *   requests and downloads are refused; https links open in the system browser after
 *   isSafeExternalUrl. Every response carries the CSP from csp.ts (set in the protocol handler,
 *   because webRequest header events do not fire for custom protocols, and through
 *   webRequest.onHeadersReceived for http responses such as the dev server's).
 * - The database is the same file the web host and CLI use: userData is set to
 *   defaultDataDir() before ready and the API opens defaultDbPath().
 * - The API runs in a utility process (api-process.ts, electron/utility/server.ts), so long work
 *   never freezes the window or its menus; this process keeps windows, menus, dialogs and the
 *   IPC relay with its sender checks.
 */
import { app, BrowserWindow, dialog, protocol, session, shell } from 'electron';
import type { Session, WebContents } from 'electron';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { defaultDataDir, defaultDbPath } from '../../scenarios/paths';
import type { AppSettings } from '../../contract';
import { startApiProcess, type ApiProcess } from './api-process';
import type { OpenWarning } from '../common/utility-protocol';
import { contentTypeFor, resolveAppFileOnDisk } from './app-protocol';
import { buildCsp, withCspHeader } from './csp';
import { registerIpc } from './ipc';
import { createCloseGate, type CloseGate } from './close-gate';
import type { HostChannels } from '../common/studio-bridge';
import { printHtmlToPdf } from './print-pdf';
import { installMenu } from './menu';
import type { MenuLanguage } from './menu-template';
import { APP_ENTRY_URL, APP_SCHEME, isAllowedNavigation, isBlockedRequest, isSafeExternalUrl, parseDevServerUrl } from './trusted-url';

process.setSourceMapsEnabled(true);

const APP_ID = 'cn.gov.xianning.planstudio';
const devUrl = app.isPackaged ? null : parseDevServerUrl(process.env.STUDIO_DEV_SERVER_URL);
if (!app.isPackaged && process.env.STUDIO_DEV_SERVER_URL && !devUrl) {
  console.warn('[main] STUDIO_DEV_SERVER_URL ignored: only http(s) URLs on localhost are accepted');
}
const csp = buildCsp(devUrl);
const rendererDir = path.join(app.getAppPath(), 'dist', 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');

// One data folder for the desktop app, the web host and the CLI (must happen before ready).
app.setPath('userData', defaultDataDir());
app.setAppUserModelId(APP_ID);

protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);
// Every renderer sandboxed, whatever its webPreferences say.
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let api: ApiProcess | null = null;
let language: MenuLanguage = 'zh-CN';

function openExternalIfSafe(url: string): void {
  if (isSafeExternalUrl(url)) {
    shell.openExternal(url).catch((err: unknown) => console.warn('[main] openExternal failed', err));
  } else {
    console.warn(`[main] refused to open ${url.slice(0, 200)}`);
  }
}

/** Applied to every webContents the app ever creates (app 'web-contents-created'). */
function hardenContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfSafe(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, devUrl)) return;
    event.preventDefault();
    openExternalIfSafe(event.url);
  });
  // Subframes (the main frame is handled by will-navigate above).
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAllowedNavigation(event.url, devUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, devUrl)) event.preventDefault();
  });
}

function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setSpellCheckerEnabled(false);
  // Files leave the app only through its own save dialog (ipc.ts 'dialog:saveFile').
  ses.on('will-download', (event) => event.preventDefault());
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: isBlockedRequest(details.url, devUrl) });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) });
  });
}

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

/** app://studio/<path> -> a file of dist/renderer, nothing else. */
function registerAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: securityHeaders('text/plain; charset=utf-8') });
    }
    const file = await resolveAppFileOnDisk(rendererDir, request.url);
    if (!file) {
      return new Response('Not found', { status: 404, headers: securityHeaders('text/plain; charset=utf-8') });
    }
    const body = request.method === 'HEAD' ? null : new Uint8Array(await fs.readFile(file));
    return new Response(body, { status: 200, headers: securityHeaders(contentTypeFor(file)) });
  });
}

async function readLanguage(api: ApiProcess): Promise<MenuLanguage> {
  const res = await api.call('settings:get', {});
  return res.ok && (res.value as AppSettings).language === 'en' ? 'en' : 'zh-CN';
}

const FLUSH_REQUEST: HostChannels['flushRequest'] = 'app:flush';
/** The close gate of our window (by webContents id); one window, so at most one entry. */
const closeGates = new Map<number, CloseGate>();

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: app.getName(),
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  // nothing typed or dragged is lost on quitting: the renderer saves its pending edits first
  const gate = createCloseGate({
    requestFlush: (id) => {
      if (!win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(FLUSH_REQUEST, id);
    },
    close: () => {
      if (!win.isDestroyed()) win.close();
    },
  });
  const contentsId = win.webContents.id;
  closeGates.set(contentsId, gate);
  win.on('close', (event) => {
    if (win.webContents.isDestroyed() || win.webContents.isCrashed()) return;
    if (gate.onClose()) event.preventDefault();
  });
  win.on('closed', () => {
    closeGates.delete(contentsId);
    if (mainWindow === win) mainWindow = null;
  });
  win.webContents.on('did-fail-load', (_event, code, description, url) => {
    console.error(`[main] failed to load ${url}: ${code} ${description}`);
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    console.error(`[main] renderer gone: ${details.reason}`);
  });
  void win.loadURL(devUrl ?? APP_ENTRY_URL);
  mainWindow = win;
  return win;
}

function focusWindow(): void {
  const win = mainWindow;
  if (!win || win.isDestroyed()) {
    if (app.isReady() && api) createWindow();
    return;
  }
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

function closeApi(): void {
  const current = api;
  api = null;
  try {
    current?.close();
  } catch (err) {
    console.error('[main] closing the database failed', err);
  }
}

/**
 * Opens the database in the API process; when it is damaged and a backup exists, offers to
 * restore the latest one (the damaged file is kept beside it, never overwritten) and opens again.
 * Resolves with the process, or with the error body to show.
 */
async function openApiOrRestore(
  dbPath: string,
): Promise<{ ok: true; api: ApiProcess; warnings: OpenWarning[] } | { ok: false; message_zh: string; message_en: string }> {
  const proc = startApiProcess({ bundleDir: __dirname, renderPdf: printHtmlToPdf });
  let opened = await proc.open(dbPath);
  if (!opened.ok && opened.latestBackup) {
    const latest = opened.latestBackup;
    const choice = dialog.showMessageBoxSync({
      type: 'warning',
      title: opened.error.code === 'corrupt' ? '数据库已损坏 / The database is damaged' : '数据库文件不见了 / The database file is missing',
      message: `${opened.error.message_zh}\n\n${opened.error.message_en}`,
      detail: `最新备份 / latest backup:\n${latest}`,
      buttons: ['恢复最新备份 / Restore the latest backup', '退出 / Quit'],
      defaultId: 0,
      cancelId: 1,
    });
    if (choice === 0) {
      opened = await proc.restore(dbPath, latest);
    }
  }
  if (opened.ok) return { ok: true, api: proc, warnings: opened.warnings };
  proc.close();
  return { ok: false, message_zh: opened.error.message_zh, message_en: opened.error.message_en };
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  registerAppProtocol();

  const dbPath = defaultDbPath();
  const opened = await openApiOrRestore(dbPath);
  if (!opened.ok) {
    dialog.showErrorBox('无法打开数据库 / Cannot open the database', `${opened.message_zh}\n\n${opened.message_en}\n\n${dbPath}`);
    app.exit(1);
    return;
  }
  const proc = opened.api;
  api = proc;
  for (const w of opened.warnings) {
    void dialog.showMessageBox({ type: 'warning', title: '注意 / Note', message: w.message_zh, detail: w.message_en });
  }
  language = await readLanguage(proc);

  const menuSetup = { getWindow: () => mainWindow, devUrl };
  registerIpc({
    call: (channel, request) => proc.call(channel, request),
    getWindow: () => mainWindow,
    devUrl,
    getLanguage: () => language,
    onFlushed: (id) => {
      for (const gate of closeGates.values()) gate.onFlushed(id);
    },
    onSettingsChanged: (settings) => {
      const next: MenuLanguage = settings.language === 'en' ? 'en' : 'zh-CN';
      if (next !== language) {
        language = next;
        installMenu(language, menuSetup);
      }
    },
  });
  installMenu(language, menuSetup);
  createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('activate', focusWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', closeApi);
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      console.error('[main] startup failed', err);
      app.exit(1);
    });
}
