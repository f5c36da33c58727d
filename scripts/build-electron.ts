/**
 * Bundles the Electron main process, the API's utility process and the preload with esbuild:
 *   electron/main/index.ts    -> <outDir>/main.cjs     (electron and better-sqlite3 external)
 *   electron/utility/server.ts -> <outDir>/utility.cjs (the API, forked by the main process with
 *                                                       utilityProcess.fork; better-sqlite3 external)
 *   scenarios/sheets/read-worker.ts -> <outDir>/sheet-reader.cjs (the worker thread the utility
 *                                                       process reads large uploads in, with a
 *                                                       bounded heap: scenarios/sheets/reader-pool.ts)
 *   electron/preload/index.ts -> <outDir>/preload.cjs  (electron external; nothing else may be
 *                                                       required: sandboxed preloads have no Node)
 * The preload's channel and menu-action allow-lists are copied in as literals from the contract
 * (CHANNELS) and electron/common/menu-actions.ts, so the preload imports nothing at run time.
 *
 * `npm run build:electron` (tsx scripts/build-electron.ts [outDir]); tests call buildElectron().
 */
import { build } from 'esbuild';
import type { BuildOptions, Metafile } from 'esbuild';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHANNELS } from '../contract';
import { MENU_ACTIONS } from '../electron/common/menu-actions';
import { UTILITY_BUNDLE } from '../electron/common/utility-protocol';
import { SHEET_READER_BUNDLE } from '../scenarios/sheets/reader-pool';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUT_DIR = path.join(ROOT, 'dist-electron');

export interface ElectronBuild {
  main: string;
  utility: string;
  /** the sheet reader's worker, beside utility.cjs */
  sheetReader: string;
  preload: string;
  /** esbuild warnings (e.g. an import.meta it could not rewrite); tests require none. */
  warnings: string[];
  /** Every input file of each bundle, relative to the project root. */
  inputs: { main: string[]; utility: string[]; sheetReader: string[]; preload: string[] };
}

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node24', // Electron 45 ships Node 24 (40 and later)
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: ROOT,
  metafile: true,
  legalComments: 'none',
  charset: 'utf8', // keep Chinese messages readable in the bundle
};

const inputsOf = (meta: Metafile | undefined): string[] => Object.keys(meta?.inputs ?? {}).sort();

export async function buildElectron(outDir: string = DEFAULT_OUT_DIR): Promise<ElectronBuild> {
  const main = path.join(outDir, 'main.cjs');
  const utility = path.join(outDir, UTILITY_BUNDLE);
  const preload = path.join(outDir, 'preload.cjs');
  const sheetReader = path.join(outDir, SHEET_READER_BUNDLE);
  // Code shared with the Node hosts is ESM and may use import.meta.url (api/handlers.ts finds
  // package.json with it). In a CJS bundle it becomes the bundle's own file URL: dist-electron/
  // sits one level below the app root, as api/ and scenarios/ do.
  const importMetaUrl: BuildOptions = {
    define: { 'import.meta.url': '__studio_import_meta_url' },
    banner: { js: 'const __studio_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  };
  const [mainResult, utilityResult, preloadResult, sheetReaderResult] = await Promise.all([
    build({
      ...common,
      ...importMetaUrl,
      entryPoints: [path.join(ROOT, 'electron/main/index.ts')],
      outfile: main,
      external: ['electron', 'better-sqlite3'],
    }),
    build({
      ...common,
      ...importMetaUrl,
      entryPoints: [path.join(ROOT, 'electron/utility/server.ts')],
      outfile: utility,
      external: ['electron', 'better-sqlite3'],
    }),
    build({
      ...common,
      entryPoints: [path.join(ROOT, 'electron/preload/index.ts')],
      outfile: preload,
      external: ['electron'],
      define: {
        __STUDIO_CHANNELS__: JSON.stringify(CHANNELS),
        __STUDIO_MENU_ACTIONS__: JSON.stringify(MENU_ACTIONS),
      },
    }),
    build({
      ...common,
      ...importMetaUrl,
      entryPoints: [path.join(ROOT, 'scenarios/sheets/read-worker.ts')],
      outfile: sheetReader,
      external: ['electron'],
    }),
  ]);
  const warnings = [...mainResult.warnings, ...utilityResult.warnings, ...preloadResult.warnings, ...sheetReaderResult.warnings].map(
    (w) => `${w.location ? `${w.location.file}:${w.location.line}: ` : ''}${w.text}`,
  );
  return {
    main,
    utility,
    sheetReader,
    preload,
    warnings,
    inputs: {
      main: inputsOf(mainResult.metafile),
      utility: inputsOf(utilityResult.metafile),
      sheetReader: inputsOf(sheetReaderResult.metafile),
      preload: inputsOf(preloadResult.metafile),
    },
  };
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const outDir = process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_OUT_DIR;
  buildElectron(outDir).then(
    (r) => console.log(`built ${[r.main, r.utility, r.sheetReader, r.preload].map((f) => path.relative(ROOT, f)).join(', ')}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
