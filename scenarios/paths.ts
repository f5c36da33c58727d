/**
 * Where the desktop app keeps its data, computed without Electron so the web host and the CLI
 * open the same database file by default. Electron's main process sets its userData path to
 * `defaultDataDir()` before it is ready, so all three hosts agree. Also tells whether a data
 * folder lies on a network share (networkShareOf), where the store does without WAL.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const APP_FOLDER = 'xianning-plan-studio';
const DB_FILE = 'studio.sqlite';

function appDataRoot(platform: NodeJS.Platform = process.platform, env = process.env): string {
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

/** File system types that are network shares: SMB/CIFS, NFS, and other remote mounts. */
const NETWORK_FS = new Set([
  'cifs',
  'smb3',
  'smbfs',
  'smb',
  'nfs',
  'nfs4',
  'ncpfs',
  'afs',
  'coda',
  'fuse.sshfs',
  'sshfs',
  'davfs',
  'fuse.davfs2',
  'ceph',
  'glusterfs',
  'fuse.glusterfs',
  '9p',
  'fuse.smbnetfs',
]);

/** `/proc/mounts` escapes spaces and the like as octal (`\040`). */
const unescapeMount = (s: string): string => s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));

/**
 * The file system type of the mount holding `dir`, from the text of /proc/mounts: the longest
 * mount point that is `dir` or one of its parents wins. Pure, for tests; null when none matches.
 */
export function mountTypeOf(dir: string, mounts: string): string | null {
  const target = path.posix.resolve(dir);
  let best: { point: string; type: string } | null = null;
  for (const line of mounts.split('\n')) {
    const [, point, type] = line.trim().split(/\s+/);
    if (!point || !type) continue;
    const p = unescapeMount(point);
    const inside = p === '/' || target === p || target.startsWith(`${p.replace(/\/$/, '')}/`);
    if (inside && (!best || p.length >= best.point.length)) best = { point: p, type };
  }
  return best?.type ?? null;
}

/** Whether a Windows path is a UNC path to a server share (`\\server\share\...`, `\\?\UNC\...`). */
export function isUncPath(p: string): boolean {
  if (/^[\\/]{2}[?.][\\/]UNC[\\/]/i.test(p)) return true;
  if (/^[\\/]{2}[?.][\\/]/.test(p)) return false; // \\?\C:\..., \\.\pipe\...: local
  return /^[\\/]{2}[^\\/]+[\\/][^\\/]+/.test(p);
}

/** Drive letters mapped to network shares, from the text of `net use` (any language: "X: \\server\share"). */
export function mappedNetworkDrives(netUse: string): Set<string> {
  const out = new Set<string>();
  for (const m of netUse.matchAll(/(?:^|\s)([A-Za-z]):\s+\\\\[^\s\\]+\\/gm)) out.add(m[1]!.toUpperCase());
  return out;
}

export interface NetworkShareProbe {
  platform?: NodeJS.Platform;
  /** Linux: the text of /proc/mounts (read from disk when left out). */
  mounts?: string;
  /** Windows: the output of `net use` (run when left out). */
  netUse?: string;
}

/**
 * Whether the folder `dir` lies on a network share, and which: `cifs`/`nfs4`/... (Linux, from
 * /proc/mounts), `unc` or `mapped drive X:` (Windows). null for a local disk or when it cannot
 * be told (macOS, or /proc unreadable): the store then uses WAL as usual.
 */
export function networkShareOf(dir: string, probe: NetworkShareProbe = {}): string | null {
  const platform = probe.platform ?? process.platform;
  if (platform === 'win32') {
    const abs = path.win32.resolve(dir);
    if (isUncPath(abs)) return 'unc';
    const drive = /^([A-Za-z]):/.exec(abs)?.[1]?.toUpperCase();
    if (!drive) return null;
    let netUse = probe.netUse;
    if (netUse === undefined) {
      try {
        netUse = execFileSync('net', ['use'], { encoding: 'utf8', timeout: 3000, windowsHide: true, stdio: ['ignore', 'pipe', 'ignore'] });
      } catch {
        return null;
      }
    }
    return mappedNetworkDrives(netUse).has(drive) ? `mapped drive ${drive}:` : null;
  }
  if (platform !== 'linux') return null;
  let mounts = probe.mounts;
  if (mounts === undefined) {
    try {
      mounts = fs.readFileSync('/proc/mounts', 'utf8');
    } catch {
      return null;
    }
  }
  let real = path.resolve(dir);
  try {
    real = fs.realpathSync(real);
  } catch {
    /* not created yet: its parents decide */
  }
  const type = mountTypeOf(real, mounts);
  return type && NETWORK_FS.has(type.toLowerCase()) ? type : null;
}
