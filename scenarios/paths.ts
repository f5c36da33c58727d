/**
 * Where the desktop app keeps its data, computed without Electron so the web host and the CLI
 * open the same database file by default. Electron's main process sets its userData path to
 * `defaultDataDir()` before it is ready, so all three hosts agree.
 */
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'xianning-plan-studio';
export const DB_FILE = 'studio.sqlite';

export function appDataRoot(platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (platform === 'win32') return env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
}

export function defaultDataDir(): string {
  return process.env.STUDIO_DATA_DIR ?? path.join(appDataRoot(), APP_FOLDER);
}

export function defaultDbPath(): string {
  return path.join(defaultDataDir(), DB_FILE);
}
