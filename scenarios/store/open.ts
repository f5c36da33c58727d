/**
 * Opening the store's database file: the checks before anything could write to it (a missing
 * file whose backups exist, an empty or damaged file, a newer schema, a file that is not ours, a
 * read-only file or folder), the connection's pragmas (WAL, or the rollback journal on a network
 * share; synchronous=FULL; foreign keys), the upgrade after a backup, and the read-only view.
 * Rules in docs/storage.md and docs/reliability.md.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Plan } from '../../models/schema';
import { backupPath, cleanLeftovers, defaultBackupDir, latestBackup, openReadOnlyDatabase, probeDatabase, vacuumInto } from './backup';
import { networkShareOf } from '../paths';
import type { ReadOnlyState, StoreInit } from './context';
import { StoreError, toStoreError } from './errors';
import { MIGRATIONS, getUserVersion, runMigrations, type Migration } from './migrations';
import type { CountRow } from './rows';

export interface OpenStoreOptions {
  plan: Plan;
  /** the clock (tests pass a fixed one). */
  now?: () => Date;
  /** where backups go (default: `<db dir>/backups/`). */
  backupDir?: string;
  /** the migration list (default: MIGRATIONS). For tests of the upgrade machinery only. */
  migrations?: readonly Migration[];
  /** tells whether the data folder is on a network share (default: networkShareOf, scenarios/paths.ts). */
  networkShareOf?: (dir: string) => string | null;
}

/** What a store made over an opened connection offers the opening (ScenarioStore). */
export interface OpenedStore {
  readonly warnings: { code: string; message_zh: string; message_en: string }[];
  ensurePlan(): void;
}

function corruptError(dbPath: string, backupDir: string, detail: string): StoreError {
  const latest = latestBackup(backupDir, dbPath);
  return new StoreError(
    'corrupt',
    `数据库文件已损坏，无法打开：${dbPath}（${detail}）。该文件已原样保留，未作任何改动。` +
      (latest ? `最新备份：${latest}，可用“恢复备份”还原。` : '没有找到备份。'),
    `The database file is damaged and cannot be opened: ${dbPath} (${detail}). The file has been left as it is. ` +
      (latest ? `Latest backup: ${latest}; use "restore backup" to recover.` : 'No backup was found.'),
    { path: dbPath, latestBackup: latest },
  );
}

/**
 * The database file is gone while backups of it exist (deleted, moved, a sync client that lost
 * it): starting afresh would hide every scenario behind a new empty file, so the open is refused
 * with the newest backup named and the way to restore it.
 */
function missingError(dbPath: string, latest: string): StoreError {
  return new StoreError(
    'not_found',
    `数据库文件不见了：${dbPath}，但它的备份还在。为免用空数据库顶替，未新建数据库。最新备份：${latest}，可用“恢复备份”还原` +
      `（命令行：backups restore --latest）。若确要从空数据库开始，请先把备份文件夹移走。`,
    `The database file is missing: ${dbPath}, but backups of it exist. No new empty database was created in its place. ` +
      `Latest backup: ${latest}; use "restore backup" to recover it (CLI: backups restore --latest). ` +
      `To start with an empty database instead, move the backup folder away first.`,
    { path: dbPath, latestBackup: latest },
  );
}

function networkShareWarning(dir: string, share: string): { code: string; message_zh: string; message_en: string } {
  return {
    code: 'network_share',
    message_zh: `数据文件夹位于网络共享上（${share}）：${dir}。已改用回滚日志（journal_mode=DELETE）代替 WAL，保存会慢一些；请勿在两台电脑上同时打开同一数据库。建议把数据放在本机磁盘（设置 STUDIO_DATA_DIR）。`,
    message_en: `The data folder is on a network share (${share}): ${dir}. The store uses the rollback journal (journal_mode=DELETE) instead of WAL, so saving is slower; do not open the same database on two computers at once. Keeping the data on a local disk is better (set STUDIO_DATA_DIR).`,
  };
}

function futureError(dbPath: string, fileVersion: number, supported: number): StoreError {
  return new StoreError(
    'future_version',
    `数据库文件由更新版本的软件创建（数据库版本 ${fileVersion}，本程序最多支持 ${supported}），为免损坏未打开它，文件未作改动。请升级软件：${dbPath}`,
    `The database was written by a newer version of the program (schema version ${fileVersion}; this program supports up to ${supported}). It was not opened and has not been changed. Please upgrade: ${dbPath}`,
    { path: dbPath, fileVersion, supportedVersion: supported },
  );
}

function notOurs(dbPath: string): StoreError {
  return new StoreError(
    'invalid',
    `该文件不是本软件的情景数据库，未打开也未改动：${dbPath}`,
    `This file is not a scenario database of this program; it was not opened or changed: ${dbPath}`,
    { path: dbPath },
  );
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\u0000', 'latin1');

/** Whether the file starts with the 16-byte SQLite header string. */
function hasSqliteHeader(file: string): boolean {
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(100);
    const n = fs.readSync(fd, head, 0, 100, 0);
    return n === 100 && head.subarray(0, 16).equals(SQLITE_MAGIC);
  } catch {
    return true; // unreadable: the checks below say why
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

function checkWritable(dbPath: string, dir: string, existed: boolean): void {
  const targets = existed ? [dbPath, dir] : [dir];
  for (const t of targets) {
    try {
      fs.accessSync(t, fs.constants.R_OK | fs.constants.W_OK);
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      if (code === 'ENOENT') throw toStoreError(e, t);
      const isDir = t === dir;
      throw new StoreError(
        'read_only',
        isDir
          ? `数据库所在文件夹只读，无法保存（需要在其中写入日志文件）：${dir}。请把数据库放到可写的文件夹。`
          : `数据库文件只读，无法保存：${dbPath}。请检查文件权限，或另存到可写位置。`,
        isDir
          ? `The database folder is read-only (the store writes journal files beside the database): ${dir}. Move the database to a writable folder.`
          : `The database file is read-only: ${dbPath}. Check its permissions or save it to a writable place.`,
        { path: t, cause: code },
      );
    }
  }
}

/**
 * The checks of the file before any connection could write to it: a missing file whose backups
 * exist, a folder that cannot be made, an empty or headerless file that was a database, a damaged,
 * newer or foreign one. Returns its size and, for a file or folder that cannot be written, why
 * (the store then opens read-only).
 */
function checkFile(dbPath: string, dir: string, backupDir: string, latest: number): { size: number; readOnly: StoreError | null } {
  let existed = false;
  let size = 0;
  try {
    const st = fs.statSync(dbPath);
    if (!st.isFile()) throw new StoreError('invalid', `不是数据库文件：${dbPath}`, `Not a database file: ${dbPath}`, { path: dbPath });
    existed = true;
    size = st.size;
  } catch (e) {
    if (e instanceof StoreError) throw e;
    if ((e as { code?: string }).code !== 'ENOENT') throw toStoreError(e, dbPath);
    const backup = latestBackup(backupDir, dbPath);
    if (backup) throw missingError(dbPath, backup);
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (e2) {
      throw toStoreError(e2, dir);
    }
  }
  // A database that cannot be written (its file or folder read-only) is opened read-only instead:
  // the planner sees everything and every write is refused (readOnlyView).
  let readOnly: StoreError | null = null;
  try {
    checkWritable(dbPath, dir, existed);
  } catch (e) {
    if (!(e instanceof StoreError) || e.code !== 'read_only' || !existed || size === 0) throw e;
    readOnly = e;
  }
  // An empty file where backups of it exist was a database once (truncated, or overwritten by a
  // failed copy): refuse it like any damaged file instead of starting afresh over it.
  if (existed && size === 0 && latestBackup(backupDir, dbPath)) throw corruptError(dbPath, backupDir, '0 bytes: the file is empty');

  // A file that does not start with SQLite's header (cut to a few bytes, or overwritten) may read
  // as an empty database, which would then be set up afresh over it: refuse it untouched.
  if (size > 0 && !hasSqliteHeader(dbPath))
    throw corruptError(dbPath, backupDir, size < 100 ? `${size} bytes: shorter than a database header` : 'no SQLite header');

  // Check an existing file through a read-only connection first: a damaged or newer file is
  // refused before anything could write to it.
  if (size > 0) {
    let probe: { version: number; tables: number };
    try {
      probe = probeDatabase(dbPath);
    } catch (e) {
      const se = toStoreError(e, dbPath);
      if (se.code === 'corrupt') throw corruptError(dbPath, backupDir, (e as Error).message);
      throw se;
    }
    // PRAGMA user_version is a signed 32-bit number: below 0 it can only be a damaged header
    if (probe.version < 0) throw corruptError(dbPath, backupDir, `user_version ${probe.version} in the file header`);
    if (probe.version > latest) throw futureError(dbPath, probe.version, latest);
    if (probe.version === 0 && probe.tables > 0) throw notOurs(dbPath);
  }

  return { size, readOnly };
}

/**
 * Opens (creating if needed) the scenario database at `file` for `plan`: checks it, upgrades it
 * (after a backup), makes the store over the connection (`make`: ScenarioStore's constructor) and
 * seeds the plan's presets when they are missing.
 */
export function openDatabase<S extends OpenedStore>(
  file: string,
  opts: OpenStoreOptions,
  make: (db: Database.Database, o: StoreInit) => S,
): S {
  const dbPath = path.resolve(file);
  const dir = path.dirname(dbPath);
  const backupDir = path.resolve(opts.backupDir ?? defaultBackupDir(dbPath));
  const now = opts.now ?? (() => new Date());
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;

  // what killed backups and restores left behind (never a finished backup or the database)
  cleanLeftovers(dbPath, backupDir, now());

  const { size, readOnly } = checkFile(dbPath, dir, backupDir, latest);
  if (readOnly) return openReadOnlyView(dbPath, backupDir, now, opts.plan, latest, readOnly, make);

  let db: Database.Database;
  try {
    db = new Database(dbPath, { timeout: 5000 });
  } catch (e) {
    throw toStoreError(e, dbPath);
  }
  try {
    db.pragma('busy_timeout = 5000');
    // WAL needs shared memory between processes, which network file systems (SMB roaming
    // profiles, NFS) do not give: there the rollback journal is used, with a warning.
    const share = (opts.networkShareOf ?? networkShareOf)(dir);
    const wanted = share ? 'delete' : 'wal';
    const mode = db.pragma(`journal_mode = ${wanted.toUpperCase()}`, { simple: true });
    if (mode !== wanted)
      throw new StoreError(
        'io',
        `无法启用 ${wanted.toUpperCase()} 日志模式（${String(mode)}）`,
        `Could not switch the database to ${wanted.toUpperCase()} journal mode (${String(mode)})`,
        {
          path: dbPath,
        },
      );
    // NORMAL can lose the last acknowledged commits on power loss in WAL mode: FULL syncs each.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');

    const version = getUserVersion(db);
    if (version > latest) throw futureError(dbPath, version, latest);
    if (version < latest) {
      if (version === 0) {
        const tables = db
          .prepare<[], CountRow>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
          .get();
        if (tables && tables.n > 0) throw notOurs(dbPath);
      }
      if (size > 0) vacuumInto(db, backupPath(backupDir, dbPath, 'pre-upgrade', now()));
      runMigrations(db, migrations);
    }
    const store = make(db, { path: dbPath, backupDir, now, plan: opts.plan, version: getUserVersion(db) });
    if (share) store.warnings.push(networkShareWarning(dir, share));
    store.ensurePlan();
    return store;
  } catch (e) {
    try {
      db.close();
    } catch {
      /* ignore */
    }
    const se = toStoreError(e, dbPath);
    if (se.code === 'corrupt' && se.details?.latestBackup === undefined) throw corruptError(dbPath, backupDir, (e as Error).message);
    throw se;
  }
}

function readOnlyState(dbPath: string, cause: StoreError): ReadOnlyState {
  const where = typeof cause.details?.path === 'string' ? cause.details.path : dbPath;
  const isDir = where !== dbPath;
  return {
    code: 'read_only',
    message_zh: `${isDir ? '数据库所在文件夹' : '数据库文件'}只读：${where}。已以只读方式打开，可以查看、比较和导出，但不能保存任何修改。请把数据库放到可写的文件夹，或改正文件权限后重新打开。`,
    message_en: `The database ${isDir ? 'folder' : 'file'} is read-only: ${where}. It is open read-only: you can view, compare and export, but no change can be saved. Move the database to a writable folder or fix its permissions, then open it again.`,
    path: where,
  };
}

function openReadOnlyView<S extends OpenedStore>(
  dbPath: string,
  backupDir: string,
  now: () => Date,
  plan: Plan,
  latest: number,
  cause: StoreError,
  make: (db: Database.Database, o: StoreInit) => S,
): S {
  let db: Database.Database;
  try {
    db = openReadOnlyDatabase(dbPath).db;
  } catch (e) {
    throw toStoreError(e, dbPath);
  }
  try {
    const version = getUserVersion(db);
    if (version > latest) throw futureError(dbPath, version, latest);
    if (version < latest) {
      // an upgrade writes: refuse, naming what is read-only
      throw new StoreError(
        'read_only',
        `${cause.message_zh} 该数据库需要升级（版本 ${version} → ${latest}），只读时无法升级，未作任何改动。`,
        `${cause.message_en} The database needs an upgrade (version ${version} -> ${latest}), which cannot be done while it is read-only; nothing was changed.`,
        { ...cause.details, fileVersion: version, supportedVersion: latest },
      );
    }
    const state = readOnlyState(dbPath, cause);
    const store = make(db, { path: dbPath, backupDir, now, plan, version, readOnly: state });
    store.warnings.push({ code: state.code, message_zh: state.message_zh, message_en: state.message_en });
    return store;
  } catch (e) {
    db.close();
    throw toStoreError(e, dbPath);
  }
}
