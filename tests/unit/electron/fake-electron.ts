/**
 * A small stand-in for the `electron` module, enough to run the BUILT main process
 * (dist-electron/main.cjs) in Node: Electron's binary cannot be downloaded here, so this is how
 * the wiring in electron/main is exercised. It records what the main process asks of Electron
 * and lets tests play the part of the renderer, the user and the OS.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';

type Listener = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  once(event: string, fn: Listener): this {
    return this.on(event, fn);
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((fn) => fn(...args));
  }
}

export class FakeEvent {
  defaultPrevented = false;
  constructor(
    public url = '',
    public isMainFrame = true,
  ) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

let nextId = 1;

export class FakeFrame {
  constructor(
    public url: string,
    public processId: number,
    public routingId: number,
  ) {}
}

export class FakeWebContents extends Emitter {
  readonly id = nextId++;
  readonly sent: [string, ...unknown[]][] = [];
  windowOpenHandler: Listener | null = null;
  readonly mainFrame = new FakeFrame('', 7, 1);
  setWindowOpenHandler(fn: Listener): void {
    this.windowOpenHandler = fn;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isCrashed(): boolean {
    return false;
  }
}

/**
 * A utility process: the built utility bundle in a real Node child process, with
 * `process.parentPort` given by fake-utility-child.cjs.
 */
export class FakeUtilityProcess extends Emitter {
  readonly child: ChildProcess;
  exitCode: number | null = null;
  constructor(
    readonly modulePath: string,
    bundle: string,
    root: string,
  ) {
    super();
    this.child = fork(path.join(__dirname, 'fake-utility-child.cjs'), [bundle, modulePath, root], {
      serialization: 'advanced',
      stdio: 'inherit',
    });
    this.child.on('message', (message) => this.emit('message', message));
    this.child.on('exit', (code) => {
      this.exitCode = code ?? 0;
      this.emit('exit', this.exitCode);
    });
  }
  get pid(): number | undefined {
    return this.child.pid;
  }
  postMessage(message: unknown): void {
    if (this.child.connected) this.child.send(message as never);
  }
  kill(): boolean {
    return this.child.kill();
  }
}

export interface FakeElectron {
  module: Record<string, unknown>;
  /** utility processes forked (utilityProcess.fork), in order. */
  utilities: FakeUtilityProcess[];
  calls: [string, ...unknown[]][];
  app: Emitter & { isPackaged: boolean; ready(): void };
  windows: FakeBrowserWindowInstance[];
  ipc: Map<string, Listener>;
  protocols: Map<string, Listener>;
  session: {
    listeners: Map<string, Listener[]>;
    permissionRequest: Listener | null;
    permissionCheck: Listener | null;
    devicePermission: Listener | null;
    beforeRequest: Listener | null;
    headersReceived: Listener | null;
    emit(event: string, ...args: unknown[]): unknown[];
  };
  menus: Array<Array<Record<string, unknown>>>;
  opened: string[];
  dialogs: { save: unknown[]; open: unknown[]; errors: unknown[] };
  nextSavePath: string | null;
  nextOpenPath: string | null;
}

export interface FakeBrowserWindowInstance {
  id: number;
  options: { webPreferences: Record<string, unknown> } & Record<string, unknown>;
  webContents: FakeWebContents;
  loaded: string[];
  focused: number;
}

/**
 * @param opts.utilityBundle the built utility bundle that utilityProcess.fork runs (the main
 *   bundle asks for <its folder>/utility.cjs, which tests build elsewhere); `root` resolves its
 *   modules (better-sqlite3 for real).
 */
export function createFakeElectron(appPath: string, opts: { utilityBundle?: string; root?: string } = {}): FakeElectron {
  const calls: [string, ...unknown[]][] = [];
  const windows: FakeBrowserWindowInstance[] = [];
  const ipc = new Map<string, Listener>();
  const protocols = new Map<string, Listener>();
  const menus: Array<Array<Record<string, unknown>>> = [];
  const opened: string[] = [];
  let resolveReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((r) => (resolveReady = r));
  let isReady = false;

  const appEmitter = new Emitter();
  const app = Object.assign(appEmitter, {
    isPackaged: false,
    ready: () => {
      isReady = true;
      resolveReady();
    },
    getAppPath: () => appPath,
    getName: () => '咸宁新质生产力规划情景工作室',
    getPath: (name: string) => path.join(appPath, `path-${name}`),
    setPath: (name: string, value: string) => calls.push(['app.setPath', name, value, isReady]),
    setAppUserModelId: (id: string) => calls.push(['app.setAppUserModelId', id]),
    enableSandbox: () => calls.push(['app.enableSandbox', isReady]),
    requestSingleInstanceLock: () => {
      calls.push(['app.requestSingleInstanceLock']);
      return true;
    },
    whenReady: () => readyPromise,
    isReady: () => isReady,
    quit: () => calls.push(['app.quit']),
    exit: (code: number) => calls.push(['app.exit', code]),
  });

  const session = {
    listeners: new Map<string, Listener[]>(),
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    devicePermission: null as Listener | null,
    beforeRequest: null as Listener | null,
    headersReceived: null as Listener | null,
    emit(event: string, ...args: unknown[]) {
      return (this.listeners.get(event) ?? []).map((fn) => fn(...args));
    },
  };
  const defaultSession = {
    setPermissionRequestHandler: (fn: Listener) => (session.permissionRequest = fn),
    setPermissionCheckHandler: (fn: Listener) => (session.permissionCheck = fn),
    setDevicePermissionHandler: (fn: Listener) => (session.devicePermission = fn),
    setSpellCheckerEnabled: (on: boolean) => calls.push(['session.setSpellCheckerEnabled', on]),
    on: (event: string, fn: Listener) => session.listeners.set(event, [...(session.listeners.get(event) ?? []), fn]),
    webRequest: {
      onBeforeRequest: (fn: Listener) => (session.beforeRequest = fn),
      onHeadersReceived: (fn: Listener) => (session.headersReceived = fn),
    },
  };

  class BrowserWindow extends Emitter implements FakeBrowserWindowInstance {
    readonly id = nextId++;
    readonly webContents = new FakeWebContents();
    readonly loaded: string[] = [];
    focused = 0;
    destroyed = false;
    constructor(public options: FakeBrowserWindowInstance['options']) {
      super();
      windows.push(this);
      app.emit('web-contents-created', new FakeEvent(), this.webContents);
    }
    static getFocusedWindow() {
      return windows.at(-1) ?? null;
    }
    static getAllWindows() {
      return windows.filter((w) => !(w as BrowserWindow).destroyed);
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return this.destroyed;
    }
    /** Emits 'close'; unless a listener prevents it, the window is destroyed and 'closed' follows. */
    close() {
      if (this.destroyed) return;
      const event = new FakeEvent();
      this.emit('close', event);
      if (event.defaultPrevented) return;
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
    }
    isMinimized() {
      return false;
    }
    restore() {}
    show() {}
    focus() {
      this.focused++;
    }
  }

  const fake: FakeElectron = {
    module: {},
    utilities: [],
    calls,
    app,
    windows,
    ipc,
    protocols,
    session,
    menus,
    opened,
    dialogs: { save: [], open: [], errors: [] },
    nextSavePath: null,
    nextOpenPath: null,
  };

  fake.module = {
    app,
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => calls.push(['protocol.registerSchemesAsPrivileged', schemes, isReady]),
      handle: (scheme: string, fn: Listener) => protocols.set(scheme, fn),
    },
    session: { defaultSession },
    utilityProcess: {
      fork: (modulePath: string, _args: string[], options: Record<string, unknown>) => {
        calls.push(['utilityProcess.fork', modulePath, options]);
        const child = new FakeUtilityProcess(modulePath, opts.utilityBundle ?? modulePath, opts.root ?? appPath);
        fake.utilities.push(child);
        return child;
      },
    },
    ipcMain: {
      handle: (channel: string, fn: Listener) => {
        if (ipc.has(channel)) throw new Error(`second handler for ${channel}`);
        ipc.set(channel, fn);
      },
      removeHandler: (channel: string) => ipc.delete(channel),
    },
    Menu: {
      buildFromTemplate: (template: Array<Record<string, unknown>>) => template,
      setApplicationMenu: (menu: Array<Record<string, unknown>>) => menus.push(menu),
    },
    shell: {
      openExternal: async (url: string) => {
        opened.push(url);
      },
    },
    dialog: {
      showErrorBox: (title: string, body: string) => fake.dialogs.errors.push([title, body]),
      showSaveDialog: async (...args: unknown[]) => {
        fake.dialogs.save.push(args[args.length - 1]);
        return fake.nextSavePath ? { canceled: false, filePath: fake.nextSavePath } : { canceled: true, filePath: '' };
      },
      showOpenDialog: async (...args: unknown[]) => {
        fake.dialogs.open.push(args[args.length - 1]);
        return fake.nextOpenPath ? { canceled: false, filePaths: [fake.nextOpenPath] } : { canceled: true, filePaths: [] };
      },
    },
  };
  return fake;
}

/**
 * Evaluates a built CJS bundle with `electron` replaced by the fake; every other module is
 * resolved from the project root (better-sqlite3 for real). `filename` is what the bundle sees
 * as __filename (so import.meta.url rewrites resolve like in the app folder).
 */
export function runBundle(code: string, filename: string, root: string, electron: Record<string, unknown>): void {
  const realRequire = createRequire(path.join(root, 'package.json'));
  const fakeRequire = (id: string) => (id === 'electron' ? electron : realRequire(id));
  const module = { exports: {} };
  const fn = new Function('exports', 'require', 'module', '__filename', '__dirname', code);
  fn(module.exports, fakeRequire, module, filename, path.dirname(filename));
}
