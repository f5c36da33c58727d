// Layer rules (see README, "Design"): models imports nothing of ours; contract/ imports only models/
// and zod; scenarios may import models and contract; the renderer imports models and contract and
// nothing from the Node side (not even types: they would pull @types/node into its typecheck); `electron` only in electron/main and
// electron/preload; `better-sqlite3` only in scenarios/; ipcMain in one file, ipcRenderer in one.
// No host imports another (web/ and cli/ share scenarios/args.ts); the main process never reaches the
// store (the utility process restores backups); no product folder imports tests/, bench/, scripts/ or
// support/, and bench/ and scripts/ take what they share with the tests from support/, never from tests/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ours = (...names) => names.map((n) => ({ group: [`**/${n}/**`, `**/${n}`], message: `this layer must not import ${n}/` }));

const noElectron = { name: 'electron', message: 'electron only in electron/main and electron/preload' };
const IPC_MAIN = { selector: "ImportSpecifier[imported.name='ipcMain']", message: 'ipcMain only in electron/main/ipc.ts' };
const IPC_RENDERER = { selector: "ImportSpecifier[imported.name='ipcRenderer']", message: 'ipcRenderer only in electron/preload/index.ts' };
const noSqlite = { name: 'better-sqlite3', message: 'better-sqlite3 only in scenarios/' };
/** The product imports no test, benchmark, script or test-support file. */
const noTooling = {
  group: ['**/tests/**', '**/bench/**', '**/scripts/**', '**/support/**'],
  message: 'the product must not import tests/, bench/, scripts/ or support/',
};
/** Tools share with the tests through support/, never by importing a test file. */
const noTests = { group: ['**/tests/**'], message: 'bench/ and scripts/ must not import tests/: move what they share to support/' };

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'release/', 'test-output/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-restricted-imports': ['error', { paths: [noElectron, noSqlite] }],
    },
  },
  // Raw IPC objects live in one file each (Heroic's rule): typed wrappers everywhere else.
  {
    files: ['**/*.{ts,tsx}'],
    ignores: ['electron/main/ipc.ts', 'electron/preload/index.ts'],
    rules: { 'no-restricted-syntax': ['error', IPC_MAIN, IPC_RENDERER] },
  },
  { files: ['electron/main/ipc.ts'], rules: { 'no-restricted-syntax': ['error', IPC_RENDERER] } },
  { files: ['electron/preload/index.ts'], rules: { 'no-restricted-syntax': ['error', IPC_MAIN] } },
  {
    files: ['models/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, noSqlite],
          patterns: [
            ...ours('contract', 'scenarios', 'electron', 'renderer', 'web', 'cli', 'api'),
            noTooling,
            { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process'], message: 'models/ is pure: no Node APIs' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require'],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'models/ is deterministic: take a seeded generator' },
        { object: 'Date', property: 'now', message: 'models/ has no clock' },
      ],
      'no-restricted-syntax': [
        'error',
        IPC_MAIN,
        IPC_RENDERER,
        { selector: "NewExpression[callee.name='Date']", message: 'models/ has no clock' },
      ],
    },
  },
  // The contract is its own layer: only models/ and zod (VS Code's `common/` importing only `common/`).
  {
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, noSqlite],
          patterns: [
            ...ours('scenarios', 'electron', 'renderer', 'web', 'cli', 'api'),
            noTooling,
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads'],
              message: 'contract/ is pure: no Node APIs',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer'],
    },
  },
  {
    files: ['scenarios/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [...ours('electron', 'renderer', 'web', 'cli', 'api'), noTooling] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, noSqlite],
          patterns: [
            {
              group: ['**/scenarios/**', '**/web/**', '**/cli/**', '**/api/**', '**/electron/main/**', '**/electron/preload/**'],
              message: 'the renderer reaches the backend through contract/ and the typed client only',
            },
            noTooling,
            { group: ['node:*', 'fs', 'path', 'child_process'], message: 'the renderer has no Node APIs' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, noSqlite],
          patterns: [
            {
              group: [
                '**/scenarios/**',
                '**/api/**',
                '**/web/**',
                '**/cli/**',
                '**/renderer/**',
                '**/main/**',
                '**/preload/**',
                '**/utility/**',
              ],
              message: 'electron/common is pure: only contract/ and models/',
            },
            noTooling,
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noSqlite],
          patterns: [
            {
              group: ['**/scenarios/store/**', '**/api/**'],
              message: 'the main process holds no database: the utility process (electron/utility) opens, restores and serves it',
            },
            noTooling,
          ],
        },
      ],
    },
  },
  {
    files: ['electron/utility/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron, noSqlite], patterns: [noTooling] }] },
  },
  // The hosts: none imports another.
  {
    files: ['web/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron, noSqlite], patterns: [...ours('cli', 'electron', 'renderer'), noTooling] }],
    },
  },
  {
    files: ['cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron, noSqlite], patterns: [...ours('web', 'electron', 'renderer'), noTooling] }],
    },
  },
  {
    files: ['api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron, noSqlite], patterns: [...ours('web', 'cli', 'electron', 'renderer'), noTooling] },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.ts', 'support/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['bench/**/*.ts', 'scripts/**/*.ts', 'support/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTests] }] },
  },
);
