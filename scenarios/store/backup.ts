/**
 * Backups of the scenario database: naming, listing, copying through SQLite (db.backup() or
 * VACUUM INTO, never a file copy of a live WAL database) and restoring onto a closed store.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { StoreError, toStoreError } from './errors';
import { LATEST_VERSION } from './migrations';
import type { BackupInfo, RestoreResult } from './types';

/** `20250102-030405-678` (UTC), sortable. */
function stamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-` +
    `${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}-${p(d.getUTCMilliseconds(), 3)}`
  );
}

function unstamp(s: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})$/.exec(s);
  if (!m) return '';
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
}

/** The base of backup names for a database: `studio.db` -> `studio`. */
function backupBase(dbPath: string): string {
  const name = path.basename(dbPath);
  const ext = path.extname(name);
  return ext ? name.slice(0, -ext.length) : name;
}

export function defaultBackupDir(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'backups');
}

function sanitizeReason(reason: string): string {
  const r = reason
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return r || 'manual';
}

/** A free file name `<base>-<stamp>-<reason>.sqlite` in `dir`. */
export function backupPath(dir: string, dbPath: string, reason: string, when: Date): string {
  const base = backupBase(dbPath);
  const r = sanitizeReason(reason);
  let t = when.getTime();
  for (;;) {
    const p = path.join(dir, `${base}-${stamp(new Date(t))}-${r}.sqlite`);
    if (!fs.existsSync(p)) return p;
    t += 1;
  }
}

/** Backups of `dbPath` in `dir`, newest first. A missing folder has none. */
export function listBackupsIn(dir: string, dbPath: string): BackupInfo[] {
  const base = backupBase(dbPath);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const re = /^(.*)-(\d{8}-\d{6}-\d{3})-([a-z0-9-]+)\.sqlite$/;
  const out: BackupInfo[] = [];
  for (const name of names) {
    const m = re.exec(name);
    if (!m || m[1] !== base) continue;
    const file = path.join(dir, name);
    let size: number;
    try {
      const st = fs.statSync(file);
      if (!st.isFile()) continue;
      size = st.size;
    } catch {
      continue;
    }
    out.push({ file, name, reason: m[3]!, created_at: unstamp(m[2]!), size });
  }
  return out.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

export function latestBackup(dir: string, dbPath: string): string | null {
  return listBackupsIn(dir, dbPath)[0]?.file ?? null;
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable. Not possible on every platform (Windows): best effort. */
export function fsyncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    /* directories cannot be opened or synced on some platforms */
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** A backup file stands alone: rollback-journal mode (no -wal beside it), synced to disk. */
export function finishBackupFile(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  fsyncFile(file);
  fsyncDir(path.dirname(file));
}

/**
 * Where a backup is written before it is complete: not a `.sqlite` name, so a backup cut short
 * (killed, disk full) is never listed nor offered as "the latest backup".
 */
export function partialBackupPath(dest: string): string {
  return `${dest}.${process.pid}.partial`;
}

/** Renames a finished backup into place, or removes what a failed one left (never `dest`). */
export function settleBackupFile(tmp: string, dest: string, error?: unknown): void {
  if (error === undefined) {
    fs.renameSync(tmp, dest);
    fsyncDir(path.dirname(dest));
    return;
  }
  for (const f of [tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`]) {
    try {
      fs.rmSync(f, { force: true }); // our own partial copy
    } catch {
      /* ignore */
    }
  }
}

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM'; // alive, but another user's
  }
}

/** A restore copy untouched this long is a restore that was killed (VACUUM INTO writes steadily). */
const STALE_RESTORE_MS = 10 * 60 * 1000;

/**
 * Removes what killed backups and restores left behind, at start: `<backup>.sqlite.<pid>.partial`
 * files (with their -journal/-wal/-shm) in the backup folder whose process is gone, and
 * `<db>.restoring-<stamp>` copies beside the database untouched for ten minutes. Neither is ever
 * listed or offered as a backup; finished backups, the database, its -wal and the kept
 * `.before-restore-` files are never touched. Returns the files removed.
 */
export function cleanLeftovers(dbPath: string, backupDir: string, now: Date = new Date()): string[] {
  const removed: string[] = [];
  const remove = (file: string): void => {
    try {
      fs.rmSync(file, { force: true });
      removed.push(file);
    } catch {
      /* read-only folder or in use: left for the next start */
    }
  };
  const list = (dir: string): string[] => {
    try {
      return fs.readdirSync(dir);
    } catch {
      return [];
    }
  };
  const base = backupBase(dbPath);
  const partial = /^(.*)-\d{8}-\d{6}-\d{3}-[a-z0-9-]+\.sqlite\.(\d+)\.partial(-journal|-wal|-shm)?$/;
  for (const name of list(backupDir)) {
    const m = partial.exec(name);
    if (!m || m[1] !== base || pidAlive(Number(m[2]))) continue;
    remove(path.join(backupDir, name));
  }
  const target = path.resolve(dbPath);
  const restoring = `${path.basename(target)}.restoring-`;
  for (const name of list(path.dirname(target))) {
    if (!name.startsWith(restoring) || !/^\d{8}-\d{6}-\d{3}(-journal|-wal|-shm)?$/.test(name.slice(restoring.length))) continue;
    const file = path.join(path.dirname(target), name);
    try {
      if (now.getTime() - fs.statSync(file).mtimeMs < STALE_RESTORE_MS) continue;
    } catch {
      continue;
    }
    remove(file);
  }
  return removed;
}

/** A consistent copy of an open database, synchronously (used before schema upgrades). */
export function vacuumInto(db: Database.Database, dest: string): void {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = partialBackupPath(dest);
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    finishBackupFile(tmp);
  } catch (e) {
    settleBackupFile(tmp, dest, e);
    throw e;
  }
  settleBackupFile(tmp, dest);
}

/** JSON columns of the store: every value was checked with json_valid() when it was written. */
const JSON_COLUMNS: [table: string, column: string][] = [
  ['revisions', 'doc_json'],
  ['scenarios', 'tags_json'],
  ['actuals', 'source_json'],
  ['settings', 'value_json'],
];

/**
 * SQLite keeps no checksums of page contents: a page of text overwritten on disk (zeros, garbage)
 * passes quick_check and even integrity_check. The JSON columns were valid when written (a CHECK
 * constraint), so a value that no longer is shows such damage. Returns what is damaged, or null.
 */
function damagedJson(db: Database.Database): string | null {
  const have = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const bad: string[] = [];
  for (const [table, column] of JSON_COLUMNS) {
    if (!have.has(table)) continue;
    const n = (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE NOT json_valid(${column})`).get() as { n: number }).n;
    if (n > 0) bad.push(`${n} damaged value(s) in ${table}.${column}`);
  }
  return bad.length ? bad.join('; ') : null;
}

/**
 * Opens `file` read-only, writing nothing. A WAL database in a folder that cannot be written
 * (and whose `-shm` is gone, as after a clean close) cannot be opened read-only by SQLite: it
 * needs the shared-memory file, and this build has no URI filenames for `immutable=1`. Then the
 * file is read into memory and opened from there (`snapshot: true`), its header marked as a
 * rollback-journal database (bytes 18-19; the copy only, never the file). Not when a `-wal` with
 * content lies beside it: its commits would be missing from the copy, so SQLite's error stands.
 */
export function openReadOnlyDatabase(file: string): { db: Database.Database; snapshot: boolean } {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return { db, snapshot: false };
  } catch (e) {
    db?.close();
    const code = (e as { code?: string }).code ?? '';
    let wal = 0;
    try {
      wal = fs.statSync(`${file}-wal`).size;
    } catch {
      /* no -wal */
    }
    if (code !== 'SQLITE_CANTOPEN' || wal > 0 || !fs.existsSync(file)) throw e;
    const bytes = fs.readFileSync(file);
    if (bytes.length >= 100 && bytes[18] === 2 && bytes[19] === 2) {
      bytes[18] = 1;
      bytes[19] = 1;
    }
    const copy = new Database(bytes, { readonly: true });
    return { db: copy, snapshot: true };
  }
}

/**
 * Checks that `file` is a sound SQLite database: returns its user_version and how many tables it
 * has. Opens it read-only, so nothing is written to it. quick_check, then the JSON columns.
 */
export function probeDatabase(file: string): { version: number; tables: number } {
  const db = openReadOnlyDatabase(file).db;
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = (
      db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").get() as { n: number }
    ).n;
    const check = db.pragma('quick_check') as { quick_check: string }[];
    if (check[0]?.quick_check !== 'ok') {
      const what = check
        .slice(0, 3)
        .map((r) => r.quick_check)
        .join('; ');
      const e = new Error(`quick_check: ${what}`) as Error & { code: string };
      e.code = 'SQLITE_CORRUPT';
      throw e;
    }
    const damaged = damagedJson(db);
    if (damaged) {
      const e = new Error(`content check: ${damaged}`) as Error & { code: string };
      e.code = 'SQLITE_CORRUPT';
      throw e;
    }
    return { version, tables };
  } finally {
    db.close();
  }
}

/**
 * Restores `backupFile` as the database at `dbPath`. The store must be closed (refused with
 * 'conflict' while another connection has the database open). The file in place is kept, with
 * its -wal and -shm, as `<name>.before-restore-<stamp>`; nothing is deleted. The backup is
 * checked first and copied through SQLite into a temporary file, which is then renamed into
 * place, so a crash leaves either the old file or the restored one.
 */
export function restoreBackup(dbPath: string, backupFile: string, opts: { now?: () => Date } = {}): RestoreResult {
  const now = opts.now ?? (() => new Date());
  const target = path.resolve(dbPath);
  const source = path.resolve(backupFile);
  if (!fs.existsSync(source))
    throw new StoreError('not_found', `备份文件不存在：${source}`, `Backup file not found: ${source}`, { path: source });
  if (source === target)
    throw new StoreError('invalid', '备份文件就是数据库本身', 'The backup file is the database itself', { path: source });

  // 1. the backup must be sound and not from a newer program.
  let version: number;
  try {
    const probe = probeDatabase(source);
    version = probe.version;
    if (version === 0 || probe.tables === 0)
      throw new StoreError('invalid', `不是本软件的数据库备份：${source}`, `Not a backup of this program's database: ${source}`, {
        path: source,
      });
  } catch (e) {
    const se = toStoreError(e, source);
    if (se.code === 'corrupt')
      throw new StoreError('corrupt', `备份文件已损坏：${source}`, `The backup file is damaged: ${source}`, {
        path: source,
        latestBackup: null,
      });
    throw se;
  }
  if (version > LATEST_VERSION)
    throw new StoreError(
      'future_version',
      `备份文件的版本为 ${version}，本程序最多支持 ${LATEST_VERSION}，请升级软件`,
      `The backup is at schema version ${version}; this program supports up to ${LATEST_VERSION}; please upgrade`,
      { path: source, fileVersion: version, supportedVersion: LATEST_VERSION },
    );

  // 2. nobody may have the current database open.
  if (fs.existsSync(target)) {
    let probe: Database.Database | null = null;
    try {
      probe = new Database(target, { fileMustExist: true, timeout: 200 });
      probe.pragma('locking_mode = EXCLUSIVE');
      probe.exec('BEGIN EXCLUSIVE');
      probe.exec('COMMIT');
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
        throw new StoreError(
          'conflict',
          '数据库正在使用中，请先关闭打开它的程序或窗口，再恢复备份',
          'The database is in use; close every program or window using it, then restore the backup',
          { path: target },
        );
      // a damaged current file is a reason to restore: go on without touching it further.
    } finally {
      try {
        probe?.close();
      } catch {
        /* ignore */
      }
    }
  }

  const ts = stamp(now());
  const tmp = `${target}.restoring-${ts}`;
  try {
    const src = new Database(source, { readonly: true, fileMustExist: true });
    try {
      src.prepare('VACUUM INTO ?').run(tmp);
      fsyncFile(tmp);
    } catch (e) {
      fs.rmSync(tmp, { force: true }); // our own temporary copy, never the database
      throw e;
    } finally {
      src.close();
    }

    let kept: string | null = null;
    if (fs.existsSync(target)) {
      kept = `${target}.before-restore-${ts}`;
      fs.renameSync(target, kept);
      for (const suffix of ['-wal', '-shm', '-journal']) {
        if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, kept + suffix);
      }
    }
    fs.renameSync(tmp, target);
    fsyncDir(path.dirname(target));
    return { restored: target, kept };
  } catch (e) {
    throw toStoreError(e, target);
  }
}
