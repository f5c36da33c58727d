/**
 * Electron never runs here or in CI, so the shell is checked statically: the main process and
 * preload are bundled with the project's own build function (scripts/build-electron.ts) into a
 * temp folder, and the BUILT files are read; the sources under electron/ are scanned; and
 * electron-builder.yml is parsed and validated against electron-builder's own schema.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron, ROOT } from '../../../scripts/build-electron';
import type { ElectronBuild } from '../../../scripts/build-electron';
import { CHANNELS } from '../../../contract';
import { MENU_ACTIONS } from '../../../electron/common/menu-actions';
import { PROD_CSP } from '../../../electron/main/csp';

const PINNED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** `require("x")` specifiers in a bundle. */
const requires = (js: string): string[] => [...js.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

let out: string;
let built: ElectronBuild;
let mainJs: string;
let preloadJs: string;

describe('built bundles', () => {
  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'electron-build-'));
    built = await buildElectron(out);
    mainJs = readFileSync(built.main, 'utf8');
    preloadJs = readFileSync(built.preload, 'utf8');
  }, 120_000);

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  describe('main process (dist-electron/main.cjs)', () => {
    it('builds without warnings, with source maps', () => {
      expect(built.warnings).toEqual([]);
      expect(statSync(`${built.main}.map`).size).toBeGreaterThan(0);
      expect(statSync(`${built.preload}.map`).size).toBeGreaterThan(0);
      expect(mainJs).not.toMatch(/\bimport\.meta\b/);
    });

    it('is the file package.json starts', () => {
      const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
      expect(pkg.main).toBe('dist-electron/main.cjs');
      expect(path.basename(built.main)).toBe('main.cjs');
      expect(path.basename(built.preload)).toBe('preload.cjs');
    });

    it('requires only electron, better-sqlite3 and Node built-ins at run time', () => {
      const external = requires(mainJs).filter((r) => !builtins.has(r));
      expect([...new Set(external)].sort()).toEqual(expect.arrayContaining(['electron']));
      for (const r of external) expect(['electron', 'better-sqlite3'], r).toContain(r);
    });

    it('creates the window with the hardened webPreferences', () => {
      expect(mainJs).toMatch(/contextIsolation:\s*true/);
      expect(mainJs).toMatch(/sandbox:\s*true/);
      expect(mainJs).toMatch(/nodeIntegration:\s*false/);
      expect(mainJs).toMatch(/nodeIntegrationInWorker:\s*false/);
      expect(mainJs).toMatch(/webSecurity:\s*true/);
      expect(mainJs).toMatch(/allowRunningInsecureContent:\s*false/);
      expect(mainJs).toMatch(/experimentalFeatures:\s*false/);
      expect(mainJs).toMatch(/webviewTag:\s*false/);
      expect(mainJs).toMatch(/spellcheck:\s*false/);
      expect(mainJs).toMatch(/preload:\s*preloadPath/);
      expect(mainJs).toMatch(/["']preload\.cjs["']/);
      expect(mainJs).toMatch(/enableSandbox\(\)/);
    });

    it('never weakens them anywhere in the bundle', () => {
      expect(mainJs).not.toMatch(/contextIsolation:\s*(false|!0|0\b)/);
      expect(mainJs).not.toMatch(/sandbox:\s*(false|!1)/);
      expect(mainJs).not.toMatch(/nodeIntegration(InWorker|InSubFrames)?:\s*(true|!0)/);
      expect(mainJs).not.toMatch(/webSecurity:\s*(false|!1)/);
      expect(mainJs).not.toMatch(/allowRunningInsecureContent:\s*(true|!0)/);
      expect(mainJs).not.toMatch(/experimentalFeatures:\s*(true|!0)/);
      expect(mainJs).not.toMatch(/webviewTag:\s*(true|!0)/);
      expect(mainJs).not.toMatch(/enableBlinkFeatures/);
      expect(mainJs).not.toMatch(/ELECTRON_DISABLE_SECURITY_WARNINGS/);
      expect(mainJs).not.toMatch(/setCertificateVerifyProc|["']certificate-error["']/);
    });

    it('prints the briefing PDF in a window with JavaScript off (issue 19 item 6)', () => {
      const at = mainJs.indexOf('printToPDF(');
      expect(at).toBeGreaterThan(0);
      const printWindow = mainJs.slice(mainJs.lastIndexOf('new import_electron', at), at);
      expect(printWindow).toMatch(/javascript:\s*false/);
      expect(printWindow).toMatch(/sandbox:\s*true/);
      expect(mainJs).not.toMatch(/javascript:\s*(true|!0)/);
    });

    it('denies new windows, navigation away, webviews, permissions and downloads', () => {
      expect(mainJs).toMatch(/setWindowOpenHandler\(/);
      expect(mainJs).toMatch(/action:\s*["']deny["']/);
      expect(mainJs).not.toMatch(/action:\s*["']allow["']/);
      expect(mainJs).toMatch(/["']will-navigate["']/);
      expect(mainJs).toMatch(/["']will-frame-navigate["']/);
      expect(mainJs).toMatch(/["']will-redirect["']/);
      expect(mainJs).toMatch(/["']will-attach-webview["']/);
      expect(mainJs).toMatch(/setPermissionRequestHandler\(/);
      expect(mainJs).toMatch(/setPermissionCheckHandler\(/);
      expect(mainJs).toMatch(/setDevicePermissionHandler\(/);
      expect(mainJs).toMatch(/["']will-download["']/);
      expect(mainJs).toMatch(/isSafeExternalUrl\(/);
    });

    it('is a single instance that serves the renderer from app://studio', () => {
      expect(mainJs).toMatch(/requestSingleInstanceLock\(\)/);
      expect(mainJs).toMatch(/["']second-instance["']/);
      expect(mainJs).toMatch(/registerSchemesAsPrivileged\(/);
      expect(mainJs).toMatch(/protocol\.handle\(/);
      expect(mainJs).toMatch(/resolveAppFileOnDisk\(/);
      expect(mainJs).toMatch(/STUDIO_DEV_SERVER_URL/);
      expect(mainJs).toMatch(/isPackaged/);
      expect(mainJs).toMatch(/setPath\(\s*["']userData["']/);
    });

    it('carries the pinned CSP, set on protocol responses and through onHeadersReceived', () => {
      expect(PROD_CSP).toBe(PINNED_CSP);
      const literals = [...mainJs.matchAll(/"(default-src [^"]*)"/g)].map((m) => m[1]);
      // only the window's policy: the briefing print layouts (with their stricter policy) are
      // built in the API's utility process (utility.cjs), not in the main process
      expect(literals).toEqual([PINNED_CSP]);
      expect(mainJs).toMatch(/onHeadersReceived\(/);
      expect(mainJs).toMatch(/["']Content-Security-Policy["']:\s*csp/);
    });

    it('registers one IPC handler per contract channel, checking the sender', () => {
      expect(mainJs).toMatch(/for \(const channel of CHANNELS\d*\)/);
      expect(mainJs).toMatch(/ipcMain\.handle\(channel,/);
      expect(mainJs).toMatch(/isTrustedSender\(/);
      expect(mainJs).toMatch(/senderFrame/);
      expect(mainJs).toMatch(/["']forbidden["']/);
      expect(mainJs).toMatch(/["']dialog:saveFile["']/);
      expect(mainJs).toMatch(/["']dialog:openFile["']/);
      expect(mainJs).toMatch(/["']menu:action["']/);
      for (const c of CHANNELS) expect(mainJs, c).toContain(`"${c}"`);
    });
  });

  describe('preload (dist-electron/preload.cjs)', () => {
    it('requires nothing but electron (sandboxed preloads have no Node)', () => {
      expect([...new Set(requires(preloadJs))]).toEqual(['electron']);
      expect(built.inputs.preload.filter((f) => f.includes('node_modules'))).toEqual([]);
      expect(built.inputs.preload.filter((f) => !f.startsWith('electron/preload/') && !f.startsWith('<define:'))).toEqual([]);
    });

    it('exposes exactly one object, never ipcRenderer itself', () => {
      const calls = [...preloadJs.matchAll(/exposeInMainWorld\(([^;]*)\);/g)].map((m) => m[1]);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatch(/^["']studio["'],/);
      expect(calls[0]).not.toMatch(/ipcRenderer/);
      // Every use of ipcRenderer is a call of invoke/on/removeListener: it is never passed around,
      // stored in an object, returned, or used to send/sendSync arbitrary channels.
      const uses = [...preloadJs.matchAll(/ipcRenderer(\s*\.\s*(\w+))?/g)];
      expect(uses.length).toBeGreaterThan(0);
      for (const m of uses) expect(['invoke', 'on', 'removeListener'], m[0]).toContain(m[2]);
      expect(preloadJs).not.toMatch(/\.sender\b/);
    });

    it('allow-lists exactly the contract channels and menu actions, inlined at build time', () => {
      // (esbuild marks inlined defines with a `// <define:NAME>` comment; no other mention may remain)
      expect(preloadJs).not.toMatch(/(?<!<define:)__STUDIO_(CHANNELS|MENU_ACTIONS)__/);
      for (const c of CHANNELS) expect(preloadJs, c).toContain(`"${c}"`);
      for (const a of MENU_ACTIONS) expect(preloadJs, a).toContain(`"${a}"`);
      expect(preloadJs).toMatch(/["']unknown_channel["']/);
      expect(preloadJs).toMatch(/["']dialog:saveFile["']/);
      expect(preloadJs).toMatch(/["']dialog:openFile["']/);
      expect(preloadJs).toMatch(/["']menu:action["']/);
    });
  });
});

describe('sources under electron/', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx|js|cjs|mjs)$/.test(name)) files.push(p);
    }
  };
  walk(path.join(ROOT, 'electron'));
  const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');
  const containing = (word: RegExp) => files.filter((f) => word.test(readFileSync(f, 'utf8'))).map(rel);

  it('ipcMain appears in exactly one file: electron/main/ipc.ts', () => {
    expect(containing(/\bipcMain\b/)).toEqual(['electron/main/ipc.ts']);
  });

  it('ipcRenderer appears in exactly one file: electron/preload/index.ts', () => {
    expect(containing(/\bipcRenderer\b/)).toEqual(['electron/preload/index.ts']);
  });

  it('the preload imports only electron at run time (other imports are type-only)', () => {
    const src = readFileSync(path.join(ROOT, 'electron/preload/index.ts'), 'utf8');
    const runtime = [...src.matchAll(/^import\s+(?!type\b)[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect(runtime).toEqual(['electron']);
  });

  it('electron/common stays free of electron and Node', () => {
    for (const f of files.filter((p) => rel(p).startsWith('electron/common/'))) {
      const src = readFileSync(f, 'utf8');
      expect(src, rel(f)).not.toMatch(/^import\s+(?!type\b)[^;]*from\s+['"](electron|node:[^'"]+|fs|path)['"]/m);
    }
  });

  it('the pure security modules do not import electron (so they are tested in Node)', () => {
    for (const name of ['trusted-url.ts', 'csp.ts', 'app-protocol.ts', 'dialog-requests.ts', 'menu-template.ts']) {
      const src = readFileSync(path.join(ROOT, 'electron/main', name), 'utf8');
      expect(src, name).not.toMatch(/^import\s+(?!type\b)[^;]*from\s+['"]electron['"]/m);
    }
  });
});

describe('Electron version', () => {
  it('is pinned exactly, installed as pinned, and on a supported major (45 or later)', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      devDependencies?: Record<string, string>;
      dependencies?: Record<string, string>;
    };
    const pinned = pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    const installed = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string })
      .version;
    expect(installed).toBe(pinned);
    // README, Release: ship only on one of the newest three majors; 38 went out of support in 2026.
    expect(Number(installed.split('.')[0])).toBeGreaterThanOrEqual(45);
  });

  it('the bundles target the Node that Electron 45 ships (24)', () => {
    const src = readFileSync(path.join(ROOT, 'scripts/build-electron.ts'), 'utf8');
    expect(src).toMatch(/target: 'node24'/);
  });
});

describe('electron-builder.yml', () => {
  const requireHere = createRequire(import.meta.url);
  const resolveFromBuilder = (id: string): unknown => {
    try {
      return requireHere(id);
    } catch {
      // js-yaml and ajv are dependencies of electron-builder, not of ours: resolve them as it does.
      const builderLib = requireHere.resolve('app-builder-lib/package.json');
      return createRequire(builderLib)(id);
    }
  };
  const yaml = resolveFromBuilder('js-yaml') as { load(text: string): unknown };
  const text = readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
  const config = yaml.load(text) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  type Target = { target: string; arch?: string[] };
  const targets = (platform: string): Target[] =>
    (config[platform]?.target ?? []).map((t: string | Target) => (typeof t === 'string' ? { target: t } : t));
  const archsOf = (platform: string, target: string): string[] => targets(platform).find((t) => t.target === target)?.arch ?? [];

  it('is valid for electron-builder (its own JSON schema)', () => {
    const { validateSchema } = resolveFromBuilder('app-builder-lib/out/util/config/schemaValidator') as {
      validateSchema(schema: unknown, data: unknown, opts?: { name?: string }): void;
    };
    const schema = JSON.parse(readFileSync(requireHere.resolve('app-builder-lib/scheme.json'), 'utf8'));
    expect(() => validateSchema(schema, structuredClone(config), { name: 'electron-builder.yml' })).not.toThrow();
  }, 30_000); // ajv compiles electron-builder's large schema: about 2.5 s alone, more on a shared machine

  it('names the app', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { productName: string };
    expect(config.appId).toBe('cn.gov.xianning.planstudio');
    expect(config.productName).toBe('咸宁新质生产力规划情景工作室');
    expect(config.productName).toMatch(/[\u4e00-\u9fff]/);
    expect(config.productName).toBe(pkg.productName);
    expect(config.directories.output).toBe('release');
  });

  it('packs the built app and unpacks better-sqlite3 from the asar', () => {
    for (const f of ['package.json', 'dist/**/*', 'dist-electron/**/*', 'scenarios/plan/*.json']) expect(config.files).toContain(f);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(true);
  });

  it('builds Windows nsis + portable for x64 and arm64, installer in Chinese', () => {
    expect(targets('win').map((t) => t.target)).toEqual(['nsis', 'portable']);
    expect(archsOf('win', 'nsis')).toEqual(['x64', 'arm64']);
    expect(archsOf('win', 'portable')).toEqual(['x64', 'arm64']);
    expect(config.nsis.oneClick).toBe(false);
    expect(config.nsis.allowToChangeInstallationDirectory).toBe(true);
    expect(String(config.nsis.language)).toBe('2052');
  });

  it('builds a macOS dmg for x64 and arm64', () => {
    expect(targets('mac').map((t) => t.target)).toEqual(['dmg']);
    expect(archsOf('mac', 'dmg')).toEqual(['x64', 'arm64']);
  });

  it('builds Linux AppImage + deb for x64 and arm64, category Office, with a maintainer', () => {
    expect(targets('linux').map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(archsOf('linux', 'AppImage')).toEqual(['x64', 'arm64']);
    expect(archsOf('linux', 'deb')).toEqual(['x64', 'arm64']);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
  });

  it('flips the security fuses at packaging, with option names electron-builder knows', () => {
    const expected = {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    };
    expect(config.electronFuses).toEqual(expected);
    // every name is one of electron-builder's own fuse options (a misspelt key would be a fuse left as shipped)
    const schema = JSON.parse(readFileSync(requireHere.resolve('app-builder-lib/scheme.json'), 'utf8'));
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties);
    for (const key of Object.keys(expected)) expect(known, key).toContain(key);
    // asar integrity needs the asar itself
    expect(config.asar).toBe(true);
  });

  it('says that packaging needs network and a release machine', () => {
    expect(text).toMatch(/^#.*network/im);
    expect(text).toMatch(/^#.*release machine/im);
  });
});
