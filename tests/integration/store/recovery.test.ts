/**
 * Recovery gaps of issue 19 item 5: a database gone while its backups remain is reported with
 * the newest backup (never replaced by a new empty one), in the store, the API, the CLI and the
 * web host's start message; leftovers of killed backups and restores are cleaned at start; a
 * data folder on a network share is opened without WAL, with a warning.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../../api/handlers';
import { cleanLeftovers, listBackupsIn } from '../../../scenarios/store/backup';
import { isUncPath, mappedNetworkDrives, mountTypeOf, networkShareOf } from '../../../scenarios/paths';
import { openStore, restoreBackup, StoreError } from '../../../scenarios/store/store';
import { cleanupTmp, fakeClock, makePlan, openTmp, tmpDir } from './fixtures';

afterEach(cleanupTmp);

const ROOT = path.resolve(__dirname, '..', '..', '..');

function caught(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected a StoreError');
}

/** A database with two scenarios and a backup, then the database file deleted. */
async function vanished(file = 'studio.sqlite'): Promise<{ dir: string; dbPath: string; backup: string }> {
  const { store, dir, dbPath } = openTmp({}, file);
  store.create({ name: '备份前的情景' });
  const b = await store.backup('manual');
  store.create({ name: '备份后的情景' });
  store.close();
  for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) fs.rmSync(f, { force: true });
  return { dir, dbPath, backup: b.file };
}

describe('a database file missing beside its backups', () => {
  it('the store refuses to start afresh, names the newest backup in both languages, and creates nothing', async () => {
    const { dbPath, backup } = await vanished();
    const e = caught(() => openStore(dbPath, { plan: makePlan() }));
    expect(e.code).toBe('not_found');
    expect(e.details?.latestBackup).toBe(backup);
    expect(e.message_zh).toContain('数据库文件不见了');
    expect(e.message_zh).toContain(backup);
    expect(e.message_en).toContain('missing');
    expect(e.message_en).toContain(backup);
    expect(fs.existsSync(dbPath)).toBe(false);
  });

  it('restoring the offered backup brings the scenarios back', async () => {
    const { dbPath } = await vanished();
    const latest = caught(() => openStore(dbPath, { plan: makePlan() })).details!.latestBackup!;
    restoreBackup(dbPath, latest);
    const store = openStore(dbPath, { plan: makePlan() });
    try {
      expect(store.list({ state: 'all' }).map((s) => s.name)).toContain('备份前的情景');
    } finally {
      store.close();
    }
  });

  it('without backups a new database is still created (first start)', () => {
    const dir = tmpDir();
    const store = openStore(path.join(dir, 'studio.sqlite'), { plan: makePlan() });
    store.close();
    expect(fs.existsSync(path.join(dir, 'studio.sqlite'))).toBe(true);
  });

  it('the API open path (the one the desktop uses) reports it the same way', async () => {
    const { dbPath, backup } = await vanished();
    const e = caught(() => createApi({ dbPath, plan: makePlan(), host: 'electron' }));
    expect(e.code).toBe('not_found');
    expect(e.details?.latestBackup).toBe(backup);
    expect(fs.existsSync(dbPath)).toBe(false);
  });

  it('the CLI and the web host say so in both languages, offer the backup, and exit without creating a file', async () => {
    const { dbPath, backup } = await vanished();
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'scenarios', 'list', '--db', dbPath], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('数据库文件不见了');
    expect(cli.stderr).toMatch(/missing/);
    expect(cli.stderr).toContain(path.basename(backup));
    const web = spawnSync(process.execPath, ['--import', 'tsx', 'web/main.ts', '--db', dbPath, '--port', '0'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(web.status).toBe(1);
    expect(web.stderr).toContain('数据库文件不见了');
    expect(web.stderr).toMatch(/missing/);
    expect(web.stderr).toContain('backups restore --latest');
    expect(fs.existsSync(dbPath)).toBe(false);
  }, 120_000);
});

describe('leftovers of killed backups and restores', () => {
  it('are removed at start; finished backups, kept files and live partial copies stay', async () => {
    const { store, dir, dbPath } = openTmp({}, 'studio.sqlite');
    const good = await store.backup('manual');
    store.close();
    const backups = path.dirname(good.file);
    const dead = 2 ** 22 + 12345; // above Linux's pid_max default: no such process
    const partial = path.join(backups, `studio-20250601-100000-000-manual.sqlite.${dead}.partial`);
    const live = path.join(backups, `studio-20250601-100001-000-manual.sqlite.${process.pid}.partial`);
    const restoring = `${dbPath}.restoring-20250601-100000-000`;
    const kept = `${dbPath}.before-restore-20250601-090000-000`;
    for (const f of [partial, `${partial}-journal`, live, restoring, `${restoring}-journal`, kept]) fs.writeFileSync(f, 'half');
    const old = new Date(Date.now() - 3600_000);
    fs.utimesSync(restoring, old, old);
    fs.utimesSync(`${restoring}-journal`, old, old);

    const reopened = openStore(dbPath, { plan: makePlan(), now: () => new Date() });
    reopened.close();
    expect(fs.existsSync(partial)).toBe(false);
    expect(fs.existsSync(`${partial}-journal`)).toBe(false);
    expect(fs.existsSync(restoring)).toBe(false);
    expect(fs.existsSync(`${restoring}-journal`)).toBe(false);
    expect(fs.existsSync(live)).toBe(true); // this process is alive: maybe a backup under way
    expect(fs.existsSync(kept)).toBe(true);
    expect(fs.existsSync(good.file)).toBe(true);
    expect(listBackupsIn(backups, dbPath).map((b) => b.file)).toEqual([good.file]);
    expect(fs.readdirSync(dir).sort()).toEqual(['backups', path.basename(kept), 'studio.sqlite'].sort());
  });

  it('a restore copy still being written (recent) is left alone', () => {
    const dir = tmpDir();
    const db = path.join(dir, 'studio.sqlite');
    const fresh = `${db}.restoring-20250601-100000-000`;
    fs.writeFileSync(fresh, 'x');
    expect(cleanLeftovers(db, path.join(dir, 'backups'))).toEqual([]);
    expect(fs.existsSync(fresh)).toBe(true);
  });
});

describe('a data folder on a network share', () => {
  const MOUNTS = [
    'sysfs /sys sysfs rw 0 0',
    '/dev/sda1 / ext4 rw,relatime 0 0',
    '//fs01/profiles /home/planner cifs rw,vers=3.0 0 0',
    'nas:/export /mnt/nas nfs4 rw 0 0',
    '/dev/sdb1 /mnt/nas/local ext4 rw 0 0',
    '//fs01/my\\040docs /mnt/my\\040docs cifs rw 0 0',
  ].join('\n');

  it('is told from /proc/mounts by the longest mount point holding the folder', () => {
    expect(mountTypeOf('/home/planner/.config/xianning-plan-studio', MOUNTS)).toBe('cifs');
    expect(mountTypeOf('/mnt/nas/studio', MOUNTS)).toBe('nfs4');
    expect(mountTypeOf('/mnt/nas/local/studio', MOUNTS)).toBe('ext4');
    expect(mountTypeOf('/home/plannerx', MOUNTS)).toBe('ext4');
    expect(mountTypeOf('/mnt/my docs/a', MOUNTS)).toBe('cifs');
    expect(networkShareOf('/home/planner/data', { platform: 'linux', mounts: MOUNTS })).toBe('cifs');
    expect(networkShareOf('/mnt/nas/x', { platform: 'linux', mounts: MOUNTS })).toBe('nfs4');
    expect(networkShareOf('/var/lib/studio', { platform: 'linux', mounts: MOUNTS })).toBeNull();
    // this machine's own temp folder is local
    expect(networkShareOf(tmpDir())).toBeNull();
  });

  it('on Windows: UNC paths and mapped network drives', () => {
    expect(isUncPath('\\\\server\\share\\studio')).toBe(true);
    expect(isUncPath('//server/share/studio')).toBe(true);
    expect(isUncPath('\\\\?\\UNC\\server\\share\\x')).toBe(true);
    expect(isUncPath('\\\\?\\C:\\Users\\x')).toBe(false);
    expect(isUncPath('\\\\.\\pipe\\x')).toBe(false);
    expect(isUncPath('C:\\Users\\x')).toBe(false);
    const netUse = [
      'New connections will be remembered.',
      'Status       Local     Remote                    Network',
      '-------------------------------------------------------------------------------',
      'OK           Z:        \\\\fs01\\profiles          Microsoft Windows Network',
      '已断开连接   Y:        \\\\fs02\\共享               Microsoft Windows Network',
      'The command completed successfully.',
    ].join('\r\n');
    expect([...mappedNetworkDrives(netUse)].sort()).toEqual(['Y', 'Z']);
    expect(networkShareOf('\\\\fs01\\profiles\\planner\\AppData\\Roaming\\x', { platform: 'win32', netUse: '' })).toBe('unc');
    expect(networkShareOf('Z:\\AppData\\x', { platform: 'win32', netUse })).toBe('mapped drive Z:');
    expect(networkShareOf('C:\\Users\\planner\\AppData\\Roaming\\x', { platform: 'win32', netUse })).toBeNull();
  });

  it('the store uses journal_mode=DELETE instead of WAL there, and says why in both languages', () => {
    const { store, dbPath } = openTmp({ networkShareOf: () => 'cifs' }, 'studio.sqlite');
    try {
      store.create({ name: '网络盘上的情景' });
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(fs.existsSync(`${dbPath}-wal`)).toBe(false);
      expect(store.warnings).toHaveLength(1);
      expect(store.warnings[0]!.code).toBe('network_share');
      expect(store.warnings[0]!.message_zh).toMatch(/网络共享.*cifs/);
      expect(store.warnings[0]!.message_en).toMatch(/network share \(cifs\).*journal_mode=DELETE/);
    } finally {
      store.close();
    }
    // the same file opened from a local disk goes back to WAL, with no warning
    const local = openStore(dbPath, { plan: makePlan(), now: fakeClock(), networkShareOf: () => null });
    try {
      expect(local.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(local.warnings).toEqual([]);
      expect(local.list({ state: 'all' }).map((s) => s.name)).toContain('网络盘上的情景');
    } finally {
      local.close();
    }
  });
});
