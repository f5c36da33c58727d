/**
 * Runs the BUILT main process (dist-electron/main.cjs, built by scripts/build-electron.ts) in
 * Node against a fake `electron` module (fake-electron.ts) and the real API + SQLite, to check
 * the wiring Electron would run: start-up order, the window, the app:// protocol, the session
 * hardening, IPC with sender checks, the file dialogs and the menu.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../contract';
import { PROD_CSP } from '../../../electron/main/csp';
import { buildElectron, ROOT } from '../../../scripts/build-electron';
import { createFakeElectron, FakeEvent, FakeFrame, FakeWebContents, runBundle } from './fake-electron';
import type { FakeBrowserWindowInstance, FakeElectron } from './fake-electron';

type Envelope = { ok: true; value: any } | { ok: false; error: { code: string; message_zh: string } }; // eslint-disable-line @typescript-eslint/no-explicit-any

let tmp: string;
let code: string;
let utilityBundle: string;
let inputs: { main: string[]; utility: string[] };
const envBefore = { data: process.env.STUDIO_DATA_DIR, dev: process.env.STUDIO_DEV_SERVER_URL };
const INDEX_HTML = '<!doctype html><title>测试</title>';

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'electron-main-'));
  const built = await buildElectron(path.join(tmp, 'build'));
  code = readFileSync(built.main, 'utf8');
  utilityBundle = built.utility;
  inputs = built.inputs;
  mkdirSync(path.join(tmp, 'app', 'dist', 'renderer', 'assets'), { recursive: true });
  writeFileSync(path.join(tmp, 'app', 'dist', 'renderer', 'index.html'), INDEX_HTML);
  writeFileSync(path.join(tmp, 'app', 'dist', 'renderer', 'assets', 'a.js'), 'export {}');
  writeFileSync(path.join(tmp, 'app', 'secret.txt'), 'secret');
}, 120_000);

afterAll(() => {
  for (const [k, v] of [
    ['STUDIO_DATA_DIR', envBefore.data],
    ['STUDIO_DEV_SERVER_URL', envBefore.dev],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Loads main.cjs with a fresh fake electron; resolves once the window exists. */
async function launch(opts: { packaged?: boolean; devUrl?: string; dataDir: string }): Promise<FakeElectron> {
  process.env.STUDIO_DATA_DIR = opts.dataDir;
  if (opts.devUrl) process.env.STUDIO_DEV_SERVER_URL = opts.devUrl;
  else delete process.env.STUDIO_DEV_SERVER_URL;
  const fake = createFakeElectron(path.join(tmp, 'app'), { utilityBundle, root: ROOT });
  fake.app.isPackaged = opts.packaged ?? true;
  // __filename as in the installed app, so api/ finds <app>/package.json through import.meta.url
  runBundle(code, path.join(ROOT, 'dist-electron', 'main.cjs'), ROOT, fake.module);
  return fake;
}

async function ready(fake: FakeElectron): Promise<void> {
  fake.app.ready();
  await vi.waitFor(() => expect(fake.windows.length).toBe(1), { timeout: 20_000 });
}

function quit(fake: FakeElectron): void {
  fake.app.emit('will-quit', new FakeEvent());
}

describe('main process, packaged', () => {
  let fake: FakeElectron;
  let dataDir: string;
  const invoke = (channel: string, request: unknown, event?: unknown): Promise<Envelope> => {
    const win = fake.windows[0];
    const handler = fake.ipc.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    const e = event ?? { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    return handler(e, request) as Promise<Envelope>;
  };

  beforeAll(async () => {
    dataDir = path.join(tmp, 'data-packaged');
    fake = await launch({ packaged: true, dataDir, devUrl: 'http://localhost:5173' });
  }, 60_000);

  afterAll(() => quit(fake));

  it('sets up before ready: shared data folder, privileged scheme, sandbox, single instance', () => {
    expect(fake.windows).toHaveLength(0);
    expect(fake.calls).toContainEqual(['app.setPath', 'userData', dataDir, false]);
    const schemes = fake.calls.find((c) => c[0] === 'protocol.registerSchemesAsPrivileged');
    expect(schemes?.[2]).toBe(false);
    expect(schemes?.[1]).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
    expect(fake.calls).toContainEqual(['app.enableSandbox', false]);
    expect(fake.calls).toContainEqual(['app.requestSingleInstanceLock']);
  });

  it('opens one hardened window on app://studio (the dev URL is ignored when packaged)', async () => {
    await ready(fake);
    const win = fake.windows[0];
    expect(win.options.webPreferences).toMatchObject({
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
      devTools: false,
    });
    expect(String(win.options.webPreferences.preload).split(path.sep).join('/')).toMatch(/dist-electron\/preload\.cjs$/);
    expect(win.loaded).toEqual(['app://studio/index.html']);
  });

  it('serves the renderer over app:// with the CSP, refusing traversal', async () => {
    const handle = fake.protocols.get('app')!;
    const res = (await handle(new Request('app://studio/index.html'))) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(PROD_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe(INDEX_HTML);
    const js = (await handle(new Request('app://studio/assets/a.js'))) as Response;
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const url of [
      'app://studio/..%2fsecret.txt',
      'app://studio/../../secret.txt',
      'app://studio/%2e%2e/secret.txt',
      'app://studio/nope.js',
    ]) {
      expect(((await handle(new Request(url))) as Response).status, url).toBe(404);
    }
    expect(((await handle(new Request('app://studio/index.html', { method: 'POST', body: 'x' }))) as Response).status).toBe(405);
  });

  it('denies permissions and downloads, blocks the network, sets the CSP on http responses', () => {
    const granted: boolean[] = [];
    fake.session.permissionRequest!(null, 'media', (g: boolean) => granted.push(g), {});
    fake.session.permissionRequest!(null, 'notifications', (g: boolean) => granted.push(g), {});
    expect(granted).toEqual([false, false]);
    expect(fake.session.permissionCheck!(null, 'clipboard-read', 'app://studio', {})).toBe(false);
    expect(fake.session.devicePermission!({})).toBe(false);
    const download = new FakeEvent();
    fake.session.emit('will-download', download, {}, {});
    expect(download.defaultPrevented).toBe(true);

    const decisions: unknown[] = [];
    for (const url of ['https://example.com/x.js', 'http://localhost:5173/', 'file:///etc/passwd', 'app://studio/index.html']) {
      fake.session.beforeRequest!({ url }, (r: unknown) => decisions.push(r));
    }
    expect(decisions).toEqual([{ cancel: true }, { cancel: true }, { cancel: true }, { cancel: false }]);

    let headers: unknown;
    fake.session.headersReceived!(
      { url: 'https://x/', responseHeaders: { 'content-security-policy': ['default-src *'] } },
      (r: { responseHeaders: unknown }) => (headers = r.responseHeaders),
    );
    expect(headers).toEqual({ 'Content-Security-Policy': [PROD_CSP] });
  });

  it('hardens every webContents: no new windows, no navigation away, no webviews', () => {
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', new FakeEvent(), contents);
    const open = contents.windowOpenHandler!;
    expect(open({ url: 'https://www.stats.gov.cn/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open({ url: 'ms-msdt:/id' })).toEqual({ action: 'deny' });

    const away = new FakeEvent('https://example.com/');
    contents.emit('will-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    const fileNav = new FakeEvent('file:///etc/passwd');
    contents.emit('will-navigate', fileNav);
    expect(fileNav.defaultPrevented).toBe(true);
    const inside = new FakeEvent('app://studio/index.html#/compare');
    contents.emit('will-navigate', inside);
    expect(inside.defaultPrevented).toBe(false);
    const devNav = new FakeEvent('http://localhost:5173/');
    contents.emit('will-navigate', devNav);
    expect(devNav.defaultPrevented).toBe(true); // packaged: the dev server is not ours
    const sub = new FakeEvent('https://example.com/', false);
    contents.emit('will-frame-navigate', sub);
    expect(sub.defaultPrevented).toBe(true);
    const redirect = new FakeEvent('https://example.com/');
    contents.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);
    const webview = new FakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);

    expect(fake.opened).toEqual(['https://www.stats.gov.cn/', 'https://example.com/']);
  });

  it('runs the API in a utility process: handlers and SQLite there, windows and the relay here', async () => {
    expect(fake.utilities).toHaveLength(1);
    expect(path.basename(fake.utilities[0]!.modulePath)).toBe('utility.cjs');
    expect(fake.calls.find((c) => c[0] === 'utilityProcess.fork')?.[2]).toMatchObject({ serviceName: 'studio-api' });
    expect(inputs.main).not.toContain('api/handlers.ts');
    // not even to restore a damaged database: the utility restores it (no SQLite in this process)
    expect(inputs.main.filter((f) => f.startsWith('scenarios/store/'))).toEqual([]);
    expect(code).not.toMatch(/require\(["']better-sqlite3["']\)/);
    expect(inputs.utility).toContain('api/handlers.ts');
    expect(inputs.utility).toContain('scenarios/store/backup.ts');
    expect(inputs.utility).toContain('electron/utility/server.ts');
    // the utility process holds the database: a write through the relay is read back through it
    const created = await invoke('scenarios:create', { name: '经由后台进程' });
    expect(created.ok).toBe(true);
    const list = await invoke('scenarios:list', {});
    expect(list.ok && (list.value as { name: string }[]).map((s) => s.name)).toContain('经由后台进程');
  });

  it('registers exactly the contract channels, the two dialog channels and the flush answer', () => {
    expect([...fake.ipc.keys()].sort()).toEqual([...CHANNELS, 'app:flushed', 'dialog:openFile', 'dialog:saveFile'].sort());
  });

  it('answers our main frame through dispatch, with the shared database', async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const info = await invoke('app:info', {});
    expect(info.ok).toBe(true);
    if (info.ok) {
      expect(info.value.host).toBe('electron');
      expect(info.value.version).toBe(pkg.version);
      expect(path.dirname(info.value.db_path)).toBe(dataDir);
    }
    const settings = await invoke('settings:get', {});
    expect(settings.ok && settings.value.language).toBe('zh-CN');
    const bad = await invoke('settings:get', { extra: 1 });
    expect(bad.ok).toBe(false);
  });

  it('refuses other senders with a forbidden envelope', async () => {
    const win = fake.windows[0];
    const main = win.webContents.mainFrame;
    const cases: Array<[string, unknown]> = [
      [
        'foreign origin in our main frame',
        { sender: win.webContents, senderFrame: new FakeFrame('https://evil.example/', main.processId, main.routingId) },
      ],
      ['file: page', { sender: win.webContents, senderFrame: new FakeFrame('file:///tmp/x.html', main.processId, main.routingId) }],
      ['a subframe on our origin', { sender: win.webContents, senderFrame: new FakeFrame('app://studio/index.html', main.processId, 99) }],
      ['another webContents', { sender: new FakeWebContents(), senderFrame: main }],
      ['no frame', { sender: win.webContents, senderFrame: null }],
    ];
    for (const [why, event] of cases) {
      for (const channel of ['app:info', 'dialog:saveFile', 'dialog:openFile']) {
        const res = await invoke(channel, {}, event);
        expect(res.ok, `${why} ${channel}`).toBe(false);
        if (!res.ok) expect(res.error.code).toBe('forbidden');
      }
    }
    expect(fake.dialogs.save).toHaveLength(0);
  });

  it('installs a Chinese menu that sends action ids to our window, and follows the language setting', async () => {
    const menu = fake.menus.at(-1)!;
    expect(menu.map((m) => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    const view = menu[2].submenu as Array<Record<string, unknown>>;
    (view.find((i) => i.id === 'view.compare')!.click as () => void)();
    expect(fake.windows[0].webContents.sent.at(-1)).toEqual(['menu:action', 'view.compare']);

    const res = await invoke('settings:set', { language: 'en' });
    expect(res.ok).toBe(true);
    expect(fake.menus.at(-1)!.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    await invoke('settings:set', { language: 'zh-CN' });
    expect(fake.menus.at(-1)!.map((m) => m.label)[0]).toBe('文件(&F)');
  });

  it('saves files through the save dialog only, within the size limit', async () => {
    const target = path.join(tmp, 'saved', '导出.json');
    mkdirSync(path.dirname(target), { recursive: true });
    fake.nextSavePath = target;
    const res = await invoke('dialog:saveFile', { defaultName: '../../情景.json', content: '{"a":"中"}' });
    expect(res).toEqual({ ok: true, value: { name: '导出.json', bytes: Buffer.byteLength('{"a":"中"}') } });
    expect(readFileSync(target, 'utf8')).toBe('{"a":"中"}');
    const opts = fake.dialogs.save.at(-1) as { defaultPath: string; filters: { extensions: string[] }[] };
    expect(path.basename(opts.defaultPath)).toBe('情景.json');
    expect(opts.filters[0].extensions).toEqual(['json']);

    const bytes = await invoke('dialog:saveFile', { defaultName: 'a.xlsx', content: new Uint8Array([80, 75, 3, 4]) });
    expect(bytes.ok).toBe(true);
    expect([...readFileSync(target)]).toEqual([80, 75, 3, 4]);

    const dialogs = fake.dialogs.save.length;
    const big = await invoke('dialog:saveFile', { defaultName: 'a.bin', content: new Uint8Array(50 * 1024 * 1024 + 1) });
    expect(!big.ok && big.error.code).toBe('too_large');
    expect(fake.dialogs.save.length).toBe(dialogs);

    fake.nextSavePath = null;
    expect(await invoke('dialog:saveFile', { defaultName: 'a.json', content: '{}' })).toEqual({ ok: true, value: null });
  });

  it('opens files through the open dialog only, of the asked types', async () => {
    const file = path.join(tmp, 'in.json');
    writeFileSync(file, '{"x":1}');
    fake.nextOpenPath = file;
    const res = await invoke('dialog:openFile', { extensions: ['json'] });
    expect(res.ok).toBe(true);
    if (res.ok) {
      expect(res.value.name).toBe('in.json');
      expect(new TextDecoder().decode(res.value.content)).toBe('{"x":1}');
    }
    const wrong = await invoke('dialog:openFile', { extensions: ['xlsx'] });
    expect(!wrong.ok && wrong.error.code).toBe('invalid');
    const invalid = await invoke('dialog:openFile', { extensions: ['*'] });
    expect(!invalid.ok && invalid.error.code).toBe('invalid');
    fake.nextOpenPath = null;
    expect(await invoke('dialog:openFile', { extensions: ['json'] })).toEqual({ ok: true, value: null });
  });

  it('focuses the existing window on a second launch', () => {
    const before = fake.windows[0].focused;
    fake.app.emit('second-instance', new FakeEvent(), [], '');
    expect(fake.windows[0].focused).toBe(before + 1);
  });

  it('flushes before quitting: the first close waits for the renderer to save its pending edits', async () => {
    const win = fake.windows[0] as FakeBrowserWindowInstance & { close(): void; isDestroyed(): boolean };
    const foreign = { sender: new FakeWebContents(), senderFrame: win.webContents.mainFrame };
    win.close();
    expect(win.isDestroyed()).toBe(false);
    const asked = win.webContents.sent.filter((m) => m[0] === 'app:flush');
    expect(asked).toEqual([['app:flush', 1]]);
    // an answer from anyone else closes nothing
    expect(await invoke('app:flushed', 1, foreign)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(win.isDestroyed()).toBe(false);
    expect(await invoke('app:flushed', 1)).toEqual({ ok: true, value: null });
    expect(win.isDestroyed()).toBe(true);
  });
});

describe('main process, development', () => {
  it('loads the dev server and relaxes the CSP for it only when not packaged', async () => {
    const fake = await launch({ packaged: false, dataDir: path.join(tmp, 'data-dev'), devUrl: 'http://localhost:5173/' });
    await ready(fake);
    try {
      const win = fake.windows[0];
      expect(win.loaded).toEqual(['http://localhost:5173']);
      expect(win.options.webPreferences.devTools).toBe(true);
      let headers: Record<string, string[]> = {};
      fake.session.headersReceived!(
        { url: 'http://localhost:5173/', responseHeaders: {} },
        (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders),
      );
      expect(headers['Content-Security-Policy'][0]).toContain('ws://localhost:5173');
      const decisions: unknown[] = [];
      fake.session.beforeRequest!({ url: 'ws://localhost:5173/' }, (r: unknown) => decisions.push(r));
      fake.session.beforeRequest!({ url: 'https://example.com/' }, (r: unknown) => decisions.push(r));
      expect(decisions).toEqual([{ cancel: false }, { cancel: true }]);
      const info = (await fake.ipc.get('app:info')!({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, {})) as Envelope;
      expect(info.ok).toBe(true);
    } finally {
      quit(fake);
    }
  }, 60_000);

  it('ignores a non-loopback dev server URL', async () => {
    const fake = await launch({ packaged: false, dataDir: path.join(tmp, 'data-dev2'), devUrl: 'http://example.com:5173' });
    await ready(fake);
    try {
      expect(fake.windows[0].loaded).toEqual(['app://studio/index.html']);
    } finally {
      quit(fake);
    }
  }, 60_000);
});
