/**
 * The scenario store: scenarios with inheritance and an append-only revision history, actuals
 * with vintages, milestone ticks, settings, export / import and backups, in one SQLite file.
 *
 * Rules (docs/storage.md): WAL, synchronous=FULL, foreign keys on, busy_timeout 5000; schema
 * version in PRAGMA user_version with ordered migrations (backup first); every write in one
 * IMMEDIATE transaction; input validated before anything is written; copies only through
 * db.backup() or VACUUM INTO; a damaged or newer file is refused and left untouched.
 */
import { withRationaleState } from '../../models/rationale';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import { Actual as ActualSchema, TargetBases, Year, type Assumption, type Plan, type Preset } from '../../models/schema';
import type { Assumption as AssumptionSchema } from '../../models/schema';
import type { ProjectionResult, ResolvedAssumption } from '../../models/types';
import { isNowcast, recordInForce } from '../../models/records';
import {
  backupPath,
  cleanLeftovers,
  defaultBackupDir,
  finishBackupFile,
  latestBackup,
  openReadOnlyDatabase,
  listBackupsIn,
  partialBackupPath,
  probeDatabase,
  restoreBackup,
  settleBackupFile,
  vacuumInto,
} from './backup';
import { networkShareOf } from '../paths';
import { assumptionChanges, diffAssumptions, diffWithEffect as diffWithEffectPure } from './diff';
import { checkChainDepth, checkExportChainDepth, checkImportChainDepth, parentsFirst, storedChainLevels } from './depth';
import { StoreError, fromZod, invalid, notFound, toStoreError } from './errors';
import {
  FORMAT_VERSION,
  checkFileLimits,
  SCENARIO_FORMAT,
  WORKSPACE_FORMAT,
  parseExportFile,
  readImportFile,
  writeExportFile,
  type ParsedExportFile,
} from './files';
import { MIGRATIONS, getUserVersion, runMigrations, type Migration } from './migrations';
import type {
  ActualChoice,
  ActualInput,
  BackupInfo,
  ChainPin,
  CreateScenarioInput,
  DiffEntry,
  DiffWithEffect,
  ExportedScenario,
  ImportResult,
  ListOptions,
  MilestoneState,
  MutationOptions,
  Resolution,
  Revision,
  RevisionChange,
  RevisionMeta,
  RevisionOp,
  Scenario,
  ScenarioDoc,
  ScenarioFile,
  ScenarioMeta,
  ScenarioPatch,
  ScenarioRef,
  StoredActual,
  UndoState,
  WorkspaceFile,
} from './types';
import {
  DOC_SCHEMA_VERSION,
  LIMITS,
  SeriesCatalog,
  canonical,
  checkAssumption,
  checkAssumptions,
  checkAuthor,
  checkDescription,
  checkLabel,
  checkName,
  checkSeed,
  checkTags,
  checkText,
  parseDoc,
  substance,
} from './validate';

export { StoreError } from './errors';
export { restoreBackup } from './backup';
export { writeExportFile, readImportFile } from './files';
export { diffAssumptions, diffWithEffect } from './diff';
export type * from './types';

/** What callers pass for an assumption (defaults may be left out); validated at runtime. */
export type AssumptionInput = z.input<typeof AssumptionSchema>;

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

interface Row {
  id: string;
  name: string;
  description: string;
  tags_json: string;
  parent_id: string | null;
  preset_id: string | null;
  seed: number;
  frozen: number;
  frozen_label: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
  head_rev: number;
}

interface RevisionRow {
  scenario_id: string;
  rev: number;
  parent_rev: number | null;
  op: string;
  author: string;
  created_at: string;
}

interface ActualRow {
  id: number;
  series: string;
  period: string;
  vintage: string | null;
  value: number;
  value_kind: string;
  source_json: string;
  note: string;
  entered_by: string;
  entered_at: string;
  deleted_at: string | null;
}

const ROW_COLUMNS =
  'id, name, description, tags_json, parent_id, preset_id, seed, frozen, frozen_label, deleted_at, created_at, updated_at, head_rev';

/** Settings the product knows, with their value schema; other keys take any JSON. */
const KNOWN_SETTINGS: Record<string, z.ZodType> = {
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as zh-CN or en'),
  base_year: Year,
  as_of_year: Year,
  tolerance: z.number().min(0).max(0.5),
  user_name: z.string().max(100),
  target_bases: TargetBases,
};
const SETTING_KEY = /^[a-z][a-z0-9_.]{0,63}$/;
const MAX_SETTING_BYTES = 64 * 1024;
/** settings that belong to one laptop and are never taken from an imported workspace. */
const LOCAL_SETTINGS = new Set(['user_name']);

const VINTAGE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const DOC_CACHE_MAX = 5000;

/** 31-bit FNV-1a: stable seeds for presets, the same on every laptop. */
function stableSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h & 0x7fffffff;
}

const clone = <T>(v: T): T => structuredClone(v);

function frozenError(row: Row): StoreError {
  return new StoreError(
    'frozen',
    `情景“${row.name}”已冻结（${row.frozen_label ?? ''}），不能修改；可复制后再改`,
    `Scenario "${row.name}" is frozen (${row.frozen_label ?? ''}) and cannot be changed; clone it to edit`,
    { ids: [row.id] },
  );
}

function trashedError(row: Row): StoreError {
  return new StoreError('invalid', `情景“${row.name}”在回收站中，请先恢复`, `Scenario "${row.name}" is in the trash; restore it first`, {
    ids: [row.id],
  });
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
/** Revision ops whose history line names the assumption changes. */
const CHANGE_OPS = new Set(['set_assumption', 'set_assumptions', 'reset_to_parent', 'restore_revision']);

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
 * Opens (creating if needed) the scenario database at `file` for `plan`: checks it, upgrades it
 * (after a backup), and seeds the plan's presets when they are missing.
 */
export function openStore(file: string, opts: OpenStoreOptions): ScenarioStore {
  const dbPath = path.resolve(file);
  const dir = path.dirname(dbPath);
  const backupDir = path.resolve(opts.backupDir ?? defaultBackupDir(dbPath));
  const now = opts.now ?? (() => new Date());
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;

  // what killed backups and restores left behind (never a finished backup or the database)
  cleanLeftovers(dbPath, backupDir, now());

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

  if (readOnly) return openReadOnlyView(dbPath, backupDir, now, opts.plan, latest, readOnly);

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
        const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").get() as {
          n: number;
        };
        if (tables.n > 0) throw notOurs(dbPath);
      }
      if (size > 0) vacuumInto(db, backupPath(backupDir, dbPath, 'pre-upgrade', now()));
      runMigrations(db, migrations);
    }
    const store = new ScenarioStore(db, { path: dbPath, backupDir, now, plan: opts.plan, version: getUserVersion(db) });
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

/** What the read-only view tells the planner, and every refused write repeats. */
export interface ReadOnlyState {
  code: 'read_only';
  message_zh: string;
  message_en: string;
  /** the file or folder that cannot be written. */
  path: string;
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

/** The refusal of a write in the read-only view, naming what cannot be written. */
export function readOnlyRefusal(state: ReadOnlyState): StoreError {
  return new StoreError('read_only', `只读模式，未保存：${state.message_zh}`, `Read-only view, nothing saved: ${state.message_en}`, {
    path: state.path,
  });
}

function openReadOnlyView(
  dbPath: string,
  backupDir: string,
  now: () => Date,
  plan: Plan,
  latest: number,
  cause: StoreError,
): ScenarioStore {
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
    const store = new ScenarioStore(db, { path: dbPath, backupDir, now, plan, version, readOnly: state });
    store.warnings.push({ code: state.code, message_zh: state.message_zh, message_en: state.message_en });
    return store;
  } catch (e) {
    db.close();
    throw toStoreError(e, dbPath);
  }
}

export class ScenarioStore {
  /** Opens a store (same as `openStore`). */
  static open = openStore;
  /** Restores a backup onto a closed store's file (same as `restoreBackup`). */
  static restoreBackup = restoreBackup;

  readonly path: string;
  readonly backupDir: string;
  readonly plan: Plan;
  /** What the hosts tell the planner on opening (a data folder on a network share). */
  readonly warnings: { code: string; message_zh: string; message_en: string }[] = [];
  /** The schema version of the file (PRAGMA user_version). */
  readonly version: number;
  /** Set when the database could only be opened read-only (read-only file or folder): every write is refused. */
  readonly readOnly: ReadOnlyState | null;
  /**
   * The better-sqlite3 connection, for diagnostics and tests. Write only through the methods:
   * they validate, keep the revision history and use one transaction each.
   */
  readonly db: Database.Database;

  private readonly now: () => Date;
  private readonly catalog: SeriesCatalog;
  private readonly seriesOrder: string[];
  private readonly rootPreset: Preset | null;
  private readonly planDefaults: Record<string, ResolvedAssumption>;
  private readonly milestoneIds: Set<string>;
  private readonly stmts = new Map<string, Database.Statement>();
  /** parsed revision documents by `id \0 rev` (revisions never change once committed). */
  private readonly docCache = new Map<string, ScenarioDoc>();
  /** documents written by the write transaction in progress. */
  private pending: Map<string, ScenarioDoc> | null = null;

  /** Use `openStore`. */
  constructor(
    db: Database.Database,
    o: { path: string; backupDir: string; now: () => Date; plan: Plan; version: number; readOnly?: ReadOnlyState | null },
  ) {
    this.readOnly = o.readOnly ?? null;
    this.db = db;
    this.path = o.path;
    this.backupDir = o.backupDir;
    this.now = o.now;
    this.plan = o.plan;
    this.version = o.version;
    this.catalog = new SeriesCatalog(o.plan);
    this.seriesOrder = o.plan.series.map((s) => s.id);
    const roots = o.plan.presets.filter((p) => p.parent === null);
    this.rootPreset = roots.find((p) => p.id === 'baseline') ?? roots[0] ?? null;
    this.planDefaults = {};
    if (this.rootPreset) {
      for (const a of this.rootPreset.assumptions) {
        this.planDefaults[a.series] = { ...clone(a), from: `plan:${this.rootPreset.id}` };
      }
    }
    this.milestoneIds = new Set(o.plan.milestones.map((m) => m.id));
  }

  // -------------------------------------------------------------------------------------------
  // plumbing
  // -------------------------------------------------------------------------------------------

  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  private iso(): string {
    return this.now().toISOString();
  }

  /** Runs fn, turning SQLite / fs errors into StoreErrors. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      const se = toStoreError(e, this.path);
      if (se.code === 'corrupt' && se.details?.latestBackup === undefined)
        throw new StoreError(se.code, se.message_zh, se.message_en, {
          ...se.details,
          path: this.path,
          latestBackup: latestBackup(this.backupDir, this.path),
        });
      throw se;
    }
  }

  /**
   * A write transaction (BEGIN IMMEDIATE: takes the write lock first, waits up to 5 s).
   * Documents written in it reach the cache only once it has committed.
   */
  private write<T>(fn: () => T): T {
    if (this.readOnly) throw readOnlyRefusal(this.readOnly);
    if (this.pending) return fn(); // nested: part of the outer transaction
    this.pending = new Map();
    try {
      const out = this.guard(() => this.db.transaction(fn).immediate());
      for (const [k, v] of this.pending) this.cacheDoc(k, v);
      return out;
    } finally {
      this.pending = null;
    }
  }

  private cacheDoc(key: string, doc: ScenarioDoc): void {
    if (this.docCache.size >= DOC_CACHE_MAX) {
      const first = this.docCache.keys().next().value;
      if (first !== undefined) this.docCache.delete(first);
    }
    this.docCache.set(key, doc);
  }

  /** A read transaction: several SELECTs see one snapshot. */
  private read<T>(fn: () => T): T {
    return this.guard(() => (this.db.inTransaction ? fn() : this.db.transaction(fn).deferred()));
  }

  private defaultAuthor(opts?: MutationOptions): string {
    if (opts?.author !== undefined) return checkAuthor(opts.author);
    const row = this.stmt("SELECT value_json FROM settings WHERE key = 'user_name'").get() as { value_json: string } | undefined;
    if (!row) return '';
    const v = JSON.parse(row.value_json) as unknown;
    return typeof v === 'string' ? v : '';
  }

  private getRow(id: string): Row | undefined {
    return this.stmt(`SELECT ${ROW_COLUMNS} FROM scenarios WHERE id = ?`).get(id) as Row | undefined;
  }

  private mustRow(id: string): Row {
    if (typeof id !== 'string') throw notFound(String(id));
    const row = this.getRow(id);
    if (!row) throw notFound(id);
    return row;
  }

  private doc(id: string, rev: number): ScenarioDoc {
    const key = `${id}\u0000${rev}`;
    const hit = this.pending?.get(key) ?? this.docCache.get(key);
    if (hit) return hit;
    const r = this.stmt('SELECT doc_json FROM revisions WHERE scenario_id = ? AND rev = ?').get(id, rev) as
      { doc_json: string } | undefined;
    if (!r) throw new StoreError('not_found', `情景 ${id} 没有第 ${rev} 版`, `Scenario ${id} has no revision ${rev}`, { ids: [id] });
    const doc = parseDoc(r.doc_json, `${id}@${rev}`);
    // revisions are immutable once committed; rows written by the current transaction are in
    // `pending`, so what is read here is committed
    this.cacheDoc(key, doc);
    return doc;
  }

  private meta(row: Row): ScenarioMeta {
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      tags: JSON.parse(row.tags_json) as string[],
      parent_id: row.parent_id,
      preset_id: row.preset_id,
      frozen: row.frozen === 1,
      frozen_label: row.frozen_label,
      deleted_at: row.deleted_at,
      created_at: row.created_at,
      updated_at: row.updated_at,
      head_rev: row.head_rev,
      seed: row.seed,
    };
  }

  /** The meta a revision's document describes (for chains resolved at older revisions). */
  private metaAt(row: Row, doc: ScenarioDoc): ScenarioMeta {
    return {
      ...this.meta(row),
      name: doc.name,
      description: doc.description,
      tags: [...doc.tags],
      parent_id: doc.parent_id,
      frozen: doc.frozen,
      frozen_label: doc.frozen_label,
      deleted_at: doc.deleted_at,
      seed: doc.seed,
    };
  }

  private scenario(row: Row, doc: ScenarioDoc): Scenario {
    return { ...this.meta(row), assumptions: clone(doc.assumptions) };
  }

  private insertRevision(
    id: string,
    rev: number,
    parentRev: number | null,
    op: RevisionOp,
    author: string,
    doc: ScenarioDoc,
    at: string,
  ): void {
    this.stmt('INSERT INTO revisions (scenario_id, rev, parent_rev, op, author, created_at, doc_json) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      id,
      rev,
      parentRev,
      op,
      author,
      at,
      JSON.stringify(doc),
    );
    this.pending?.set(`${id}\u0000${rev}`, doc);
  }

  private insertScenario(id: string, doc: ScenarioDoc, op: RevisionOp, author: string, at: string): void {
    this.stmt(`INSERT INTO scenarios (${ROW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`).run(
      id,
      doc.name,
      doc.description,
      JSON.stringify(doc.tags),
      doc.parent_id,
      doc.preset_id,
      doc.seed,
      doc.frozen ? 1 : 0,
      doc.frozen_label,
      doc.deleted_at,
      at,
      at,
    );
    this.insertRevision(id, 1, null, op, author, doc, at);
  }

  /** Makes `doc` the scenario's state at `headRev`. */
  private applyDoc(id: string, doc: ScenarioDoc, headRev: number, at: string): void {
    this.stmt(
      `UPDATE scenarios SET name = ?, description = ?, tags_json = ?, parent_id = ?, preset_id = ?, seed = ?, frozen = ?,
         frozen_label = ?, deleted_at = ?, updated_at = ?, head_rev = ? WHERE id = ?`,
    ).run(
      doc.name,
      doc.description,
      JSON.stringify(doc.tags),
      doc.parent_id,
      doc.preset_id,
      doc.seed,
      doc.frozen ? 1 : 0,
      doc.frozen_label,
      doc.deleted_at,
      at,
      headRev,
      id,
    );
  }

  private newId(): string {
    for (;;) {
      const id = `sc_${randomBytes(6).toString('hex')}`;
      if (!this.getRow(id)) return id;
    }
  }

  /**
   * Checks that `parentId` can be the parent of `id` (null for a new scenario): it exists, is
   * not in the trash (unless allowed) and would not make a cycle.
   */
  private checkParent(id: string | null, parentId: string | null, allowTrashed = false, field = 'parent_id', newName = ''): Row | null {
    if (parentId === null) return null;
    if (typeof parentId !== 'string') throw invalid('父情景应为情景编号或空', 'Parent must be a scenario id or null', field);
    if (id !== null && parentId === id) throw invalid('情景不能以自身为父情景', 'A scenario cannot be its own parent', field);
    const parent = this.getRow(parentId);
    if (!parent) throw invalid(`父情景 ${parentId} 不存在`, `Parent scenario ${parentId} does not exist`, field);
    if (parent.deleted_at && !allowTrashed)
      throw invalid(
        `父情景“${parent.name}”在回收站中，请先恢复它`,
        `Parent scenario "${parent.name}" is in the trash; restore it first`,
        field,
      );
    if (id !== null) {
      const seen = new Set<string>([id]);
      const names: string[] = [];
      let cur: Row | undefined = parent;
      while (cur) {
        names.push(cur.name);
        if (seen.has(cur.id)) {
          const self = this.getRow(id);
          const pathText = [self?.name ?? id, ...names].join(' → ');
          throw invalid(`父情景设置会形成循环：${pathText}`, `That parent would make a cycle: ${pathText}`, field);
        }
        seen.add(cur.id);
        cur = cur.parent_id ? this.getRow(cur.parent_id) : undefined;
      }
    }
    checkChainDepth(this.db, id, parentId, id === null ? newName : (this.getRow(id)?.name ?? id), field);
    return parent;
  }

  /** Stamps assumptions the store writes: when, and who (unless the input names someone). */
  private stamp(list: Assumption[], author: string, at: string, explicit: boolean): Assumption[] {
    return list.map((a) => ({ ...a, author: explicit ? author : a.author || author, updated_at: at }));
  }

  /**
   * The one path for changes to an existing scenario: in one transaction, read the head, check
   * frozen / trash / expected revision, compute the new document, and write one revision.
   * A change that changes nothing writes nothing.
   */
  private mutate(
    id: string,
    op: RevisionOp,
    opts: MutationOptions | undefined,
    fn: (cur: ScenarioDoc, row: Row, author: string, at: string) => ScenarioDoc,
    allow: { trashed?: boolean } = {},
  ): Scenario {
    return this.write(() => {
      const author = this.defaultAuthor(opts);
      const row = this.mustRow(id);
      if (row.frozen) throw frozenError(row);
      if (row.deleted_at && !allow.trashed) throw trashedError(row);
      this.checkExpected(row, opts);
      const cur = this.doc(id, row.head_rev);
      const at = this.iso();
      const next = fn(cur, row, author, at);
      if (next === cur || canonical(next) === canonical(cur)) return this.scenario(row, cur);
      if (next.parent_id !== cur.parent_id) this.checkParent(id, next.parent_id);
      const rev = this.nextRev(id);
      this.insertRevision(id, rev, row.head_rev, op, author, next, at);
      this.applyDoc(id, next, rev, at);
      return this.scenario(this.mustRow(id), next);
    });
  }

  private checkExpected(row: Row, opts?: MutationOptions): void {
    if (opts?.expected_rev !== undefined && opts.expected_rev !== row.head_rev)
      throw new StoreError(
        'conflict',
        `情景“${row.name}”已被他人或其他窗口修改（现为第 ${row.head_rev} 版，而不是第 ${opts.expected_rev} 版），请刷新后重试`,
        `Scenario "${row.name}" was changed elsewhere (now at revision ${row.head_rev}, not ${opts.expected_rev}); reload and try again`,
        { ids: [row.id] },
      );
  }

  private nextRev(id: string): number {
    const r = this.stmt('SELECT COALESCE(MAX(rev), 0) + 1 AS n FROM revisions WHERE scenario_id = ?').get(id) as { n: number };
    return r.n;
  }

  // -------------------------------------------------------------------------------------------
  // the plan: id check and presets
  // -------------------------------------------------------------------------------------------

  /** Records the plan id (refusing a database of another plan) and seeds missing presets. */
  ensurePlan(): void {
    const planRow = this.stmt("SELECT value FROM meta WHERE key = 'plan_id'").get() as { value: string } | undefined;
    if (planRow && planRow.value !== this.plan.id)
      throw new StoreError(
        'invalid',
        `该数据库属于规划“${planRow.value}”，而当前规划为“${this.plan.id}”`,
        `This database belongs to plan "${planRow.value}", but the plan loaded is "${this.plan.id}"`,
        { path: this.path },
      );
    const have = new Set(
      (this.stmt('SELECT preset_id FROM scenarios WHERE preset_id IS NOT NULL').all() as { preset_id: string }[]).map((r) => r.preset_id),
    );
    const missing = this.plan.presets.filter((p) => !have.has(p.id));
    if (planRow && missing.length === 0) return;
    this.write(() => {
      const at = this.iso();
      if (!this.stmt("SELECT 1 FROM meta WHERE key = 'plan_id'").get()) {
        this.stmt("INSERT INTO meta (key, value) VALUES ('plan_id', ?)").run(this.plan.id);
        this.stmt("INSERT OR IGNORE INTO meta (key, value) VALUES ('created_at', ?)").run(at);
      }
      // parents before children
      const ordered: Preset[] = [];
      const visit = (p: Preset, depth: number) => {
        if (ordered.includes(p) || depth > 50) return;
        const parent = p.parent ? this.plan.presets.find((q) => q.id === p.parent) : undefined;
        if (parent) visit(parent, depth + 1);
        ordered.push(p);
      };
      this.plan.presets.forEach((p) => visit(p, 0));
      for (const p of ordered) {
        if (this.stmt('SELECT 1 FROM scenarios WHERE preset_id = ?').get(p.id)) continue; // another process did it
        const parentRow = p.parent
          ? (this.stmt(`SELECT ${ROW_COLUMNS} FROM scenarios WHERE preset_id = ?`).get(p.parent) as Row | undefined)
          : undefined;
        const isRoot = p === this.rootPreset;
        const id = /^[a-z][a-z0-9_]*$/.test(p.id) && !this.getRow(p.id) ? p.id : this.newId();
        const doc: ScenarioDoc = {
          schema_version: DOC_SCHEMA_VERSION,
          name: p.name_zh,
          description: p.description_zh || p.description_en,
          tags: [],
          parent_id: parentRow?.id ?? null,
          preset_id: p.id,
          seed: stableSeed(`${this.plan.id}:${p.id}`),
          frozen: false,
          frozen_label: null,
          frozen_chain: null,
          deleted_at: null,
          // the root preset IS the plan defaults: it stores no overrides of its own.
          assumptions: isRoot ? [] : clone(p.assumptions),
        };
        this.insertScenario(id, doc, 'seed', 'plan', at);
      }
    });
  }

  // -------------------------------------------------------------------------------------------
  // reading scenarios
  // -------------------------------------------------------------------------------------------

  /** Scenarios (default: live ones): presets first, then by creation. */
  list(opts: ListOptions = {}): ScenarioMeta[] {
    const where = opts.state === 'trash' ? 'WHERE deleted_at IS NOT NULL' : opts.state === 'all' ? '' : 'WHERE deleted_at IS NULL';
    return this.guard(() =>
      (this.stmt(`SELECT ${ROW_COLUMNS} FROM scenarios ${where} ORDER BY preset_id IS NULL, created_at, rowid`).all() as Row[]).map((r) =>
        this.meta(r),
      ),
    );
  }

  /** The trashed scenarios. */
  trash(): ScenarioMeta[] {
    return this.list({ state: 'trash' });
  }

  /** A scenario with its own assumptions (live or trashed). */
  get(id: string): Scenario {
    return this.read(() => {
      const row = this.mustRow(id);
      return this.scenario(row, this.doc(id, row.head_rev));
    });
  }

  /** The scenario's chain and the assumption in force for each series. */
  resolve(id: string): Resolution {
    return this.resolveRef({ id });
  }

  /**
   * Resolves a scenario at a revision (default: its head). Its ancestors are taken at their
   * heads, except for a frozen revision, whose ancestors are pinned at the revisions they had
   * when it was frozen (so a frozen scenario's numbers do not move when a parent is edited).
   */
  resolveRef(ref: ScenarioRef): Resolution {
    return this.read(() => {
      const row = this.mustRow(ref.id);
      const rev = ref.rev ?? row.head_rev;
      const doc = this.doc(ref.id, rev);
      const chain: ScenarioMeta[] = [this.metaAt(row, doc)];
      const layers: { from: string; assumptions: Assumption[] }[] = [{ from: row.id, assumptions: doc.assumptions }];
      if (doc.frozen && doc.frozen_chain) {
        for (const pin of doc.frozen_chain) {
          const prow = this.getRow(pin.id);
          if (!prow) break;
          const pdoc = this.doc(pin.id, pin.rev);
          chain.push(this.metaAt(prow, pdoc));
          layers.push({ from: prow.id, assumptions: pdoc.assumptions });
        }
      } else {
        const seen = new Set<string>([row.id]);
        let pid = doc.parent_id;
        while (pid && !seen.has(pid)) {
          seen.add(pid);
          const prow = this.getRow(pid);
          if (!prow) break;
          const pdoc = this.doc(pid, prow.head_rev);
          chain.push(this.meta(prow));
          layers.push({ from: prow.id, assumptions: pdoc.assumptions });
          pid = pdoc.parent_id;
        }
      }
      const assumptions: Record<string, ResolvedAssumption> = {};
      for (const layer of layers) {
        for (const a of layer.assumptions) {
          if (!(a.series in assumptions)) assumptions[a.series] = { ...clone(a), from: layer.from };
        }
      }
      for (const [series, a] of Object.entries(this.planDefaults)) {
        if (!(series in assumptions)) assumptions[series] = clone(a);
      }
      return { scenario_id: row.id, rev, chain, assumptions };
    });
  }

  // -------------------------------------------------------------------------------------------
  // mutations
  // -------------------------------------------------------------------------------------------

  create(input: CreateScenarioInput, opts?: MutationOptions): Scenario {
    if (!input || typeof input !== 'object') throw invalid('缺少情景内容', 'Scenario input is missing');
    const name = checkName(input.name);
    const description = checkDescription(input.description);
    const tags = checkTags(input.tags);
    const assumptions = checkAssumptions(input.assumptions, this.catalog);
    const seed = input.seed === undefined ? undefined : checkSeed(input.seed);
    const parentId = input.parent_id ?? null;
    return this.write(() => {
      const author = this.defaultAuthor(opts);
      const parent = this.checkParent(null, parentId, false, 'parent_id', name);
      const at = this.iso();
      const id = this.newId();
      const doc: ScenarioDoc = {
        schema_version: DOC_SCHEMA_VERSION,
        name,
        description,
        tags,
        parent_id: parentId,
        preset_id: null,
        seed: seed ?? parent?.seed ?? randomInt(0, 2 ** 31 - 1),
        frozen: false,
        frozen_label: null,
        frozen_chain: null,
        deleted_at: null,
        assumptions: this.stamp(assumptions, author, at, opts?.author !== undefined),
      };
      this.insertScenario(id, doc, 'create', author, at);
      return this.scenario(this.mustRow(id), doc);
    });
  }

  /** Renames, re-describes, re-tags, re-parents (or re-seeds) a scenario. */
  update(id: string, patch: ScenarioPatch, opts?: MutationOptions): Scenario {
    if (!patch || typeof patch !== 'object') throw invalid('缺少修改内容', 'Patch is missing');
    const next: Partial<ScenarioDoc> = {};
    if (patch.name !== undefined) next.name = checkName(patch.name);
    if (patch.description !== undefined) next.description = checkDescription(patch.description);
    if (patch.tags !== undefined) next.tags = checkTags(patch.tags);
    if (patch.seed !== undefined) next.seed = checkSeed(patch.seed);
    if (patch.parent_id !== undefined) {
      if (patch.parent_id !== null && typeof patch.parent_id !== 'string')
        throw invalid('父情景应为情景编号或空', 'Parent must be a scenario id or null', 'parent_id');
      next.parent_id = patch.parent_id;
    }
    return this.mutate(id, 'update', opts, (cur) => ({ ...cur, ...next }));
  }

  /** Sets (adds or replaces) the scenario's own assumption for one series. */
  setAssumption(id: string, assumption: AssumptionInput, opts?: MutationOptions): Scenario {
    return this.setAssumptions(id, [assumption], opts, 'set_assumption');
  }

  /** Sets several assumptions at once: one revision. A kept rationale over changed values is marked stale. */
  setAssumptions(id: string, assumptions: AssumptionInput[], opts?: MutationOptions, op: RevisionOp = 'set_assumptions'): Scenario {
    const list =
      op === 'set_assumption' ? [checkAssumption(assumptions[0], this.catalog, 'assumption')] : checkAssumptions(assumptions, this.catalog);
    const before = this.resolve(id).assumptions;
    const judged = list.map((a) => withRationaleState(a, before[a.series]));
    return this.mutate(id, op, opts, (cur, _row, author, at) => ({
      ...cur,
      assumptions: upsert(cur.assumptions, this.stamp(judged, author, at, opts?.author !== undefined)),
    }));
  }

  /** Removes the scenario's own assumption for a series, so it inherits again. */
  resetToParent(id: string, seriesId: string, opts?: MutationOptions): Scenario {
    if (typeof seriesId !== 'string' || !this.catalog.all.has(seriesId))
      throw invalid(`未知指标序列“${String(seriesId)}”`, `Unknown series "${String(seriesId)}"`, 'series');
    return this.mutate(id, 'reset_to_parent', opts, (cur) =>
      cur.assumptions.some((a) => a.series === seriesId)
        ? { ...cur, assumptions: cur.assumptions.filter((a) => a.series !== seriesId) }
        : cur,
    );
  }

  /**
   * A copy with its own assumptions, parent, description, tags and seed, not frozen. Works on
   * frozen scenarios (that is how they are edited), not on trashed ones.
   */
  clone(id: string, newName: string, opts?: MutationOptions): Scenario {
    const name = checkName(newName);
    return this.write(() => {
      const author = this.defaultAuthor(opts);
      const src = this.mustRow(id);
      if (src.deleted_at) throw trashedError(src);
      const cur = this.doc(id, src.head_rev);
      const at = this.iso();
      const newId = this.newId();
      const doc: ScenarioDoc = {
        ...clone(cur),
        name,
        preset_id: null,
        frozen: false,
        frozen_label: null,
        frozen_chain: null,
        deleted_at: null,
      };
      this.insertScenario(newId, doc, 'clone', author, at);
      return this.scenario(this.mustRow(newId), doc);
    });
  }

  /**
   * Freezes a scenario under a label ("2025年中期评估"): from then on every change is refused
   * with 'frozen', and its ancestors are pinned at their current revisions.
   */
  freeze(id: string, label: string, opts?: MutationOptions): Scenario {
    const l = checkLabel(label);
    return this.mutate(id, 'freeze', opts, (cur) => ({
      ...cur,
      frozen: true,
      frozen_label: l,
      frozen_chain: this.pinChain(cur.parent_id, id),
    }));
  }

  private pinChain(parentId: string | null, selfId: string): ChainPin[] {
    const pins: ChainPin[] = [];
    const seen = new Set<string>([selfId]);
    let pid = parentId;
    while (pid && !seen.has(pid)) {
      seen.add(pid);
      const row = this.getRow(pid);
      if (!row) break;
      pins.push({ id: row.id, rev: row.head_rev });
      const d = this.doc(row.id, row.head_rev);
      if (d.frozen && d.frozen_chain) {
        pins.push(...d.frozen_chain);
        break;
      }
      pid = d.parent_id;
    }
    return pins;
  }

  /** Moves a scenario to the trash. Its children keep working. Presets cannot be deleted. */
  delete(id: string, opts?: MutationOptions): Scenario {
    return this.mutate(
      id,
      'delete',
      opts,
      (cur, row, _author, at) => {
        if (row.preset_id)
          throw invalid(
            `预置情景“${row.name}”不能删除；可复制后修改副本`,
            `The preset scenario "${row.name}" cannot be deleted; clone it instead`,
          );
        return cur.deleted_at ? cur : { ...cur, deleted_at: at };
      },
      { trashed: true },
    );
  }

  /** Takes a scenario out of the trash. */
  restore(id: string, opts?: MutationOptions): Scenario {
    return this.mutate(id, 'restore', opts, (cur) => (cur.deleted_at ? { ...cur, deleted_at: null } : cur), { trashed: true });
  }

  /**
   * Deletes the trashed scenarios and their revisions for good. Needs `{confirm: true}`. Refused
   * while a live scenario has a trashed parent (or a frozen one pins a trashed ancestor).
   * A backup (reason 'pre-empty-trash') is taken first.
   */
  emptyTrash(opts: { confirm?: boolean } = {}): { removed: number; deleted: { id: string; name: string }[]; backup: string | null } {
    if (opts?.confirm !== true)
      throw invalid(
        '清空回收站将永久删除其中的情景及其历史，必须确认（confirm: true）',
        'Emptying the trash deletes its scenarios and their history for good, and must be confirmed (confirm: true)',
        'confirm',
      );
    const blockers = () => {
      const trashed = this.stmt(`SELECT ${ROW_COLUMNS} FROM scenarios WHERE deleted_at IS NOT NULL`).all() as Row[];
      const trashedIds = new Map(trashed.map((r) => [r.id, r]));
      const live = this.stmt(`SELECT ${ROW_COLUMNS} FROM scenarios WHERE deleted_at IS NULL`).all() as Row[];
      const blocked: { child: Row; parent: Row }[] = [];
      for (const r of live) {
        if (r.parent_id && trashedIds.has(r.parent_id)) blocked.push({ child: r, parent: trashedIds.get(r.parent_id)! });
        else if (r.frozen) {
          const d = this.doc(r.id, r.head_rev);
          const pin = d.frozen_chain?.find((p) => trashedIds.has(p.id));
          if (pin) blocked.push({ child: r, parent: trashedIds.get(pin.id)! });
        }
      }
      return { trashed, blocked };
    };
    const refuse = (blocked: { child: Row; parent: Row }[]) => {
      const zh = blocked.map((b) => `“${b.child.name}”的上级情景“${b.parent.name}”在回收站中`).join('；');
      const en = blocked.map((b) => `"${b.child.name}" inherits from "${b.parent.name}", which is in the trash`).join('; ');
      return new StoreError(
        'invalid',
        `无法清空回收站：${zh}。请先恢复这些上级情景，或给这些情景换一个父情景。`,
        `Cannot empty the trash: ${en}. Restore those parents first, or give these scenarios another parent.`,
        { ids: blocked.map((b) => b.child.id) },
      );
    };
    const first = this.read(blockers);
    if (first.blocked.length) throw refuse(first.blocked);
    if (first.trashed.length === 0) return { removed: 0, deleted: [], backup: null };
    const backup = this.guard(() => {
      const dest = backupPath(this.backupDir, this.path, 'pre-empty-trash', this.now());
      vacuumInto(this.db, dest);
      return dest;
    });
    const deleted = this.write(() => {
      const { trashed, blocked } = blockers(); // again, inside the write lock
      if (blocked.length) throw refuse(blocked);
      this.db.pragma('defer_foreign_keys = ON');
      for (const r of trashed) {
        this.stmt('DELETE FROM revisions WHERE scenario_id = ?').run(r.id);
        this.stmt('DELETE FROM scenarios WHERE id = ?').run(r.id);
      }
      return trashed.map((r) => ({ id: r.id, name: r.name }));
    });
    for (const key of [...this.docCache.keys()]) {
      if (deleted.some((d) => key.startsWith(`${d.id}\u0000`))) this.docCache.delete(key);
    }
    return { removed: deleted.length, deleted, backup };
  }

  // -------------------------------------------------------------------------------------------
  // history
  // -------------------------------------------------------------------------------------------

  /** The revisions of a scenario, newest first. */
  history(id: string): RevisionMeta[] {
    return this.read(() => {
      const row = this.mustRow(id);
      const rows = this.stmt(
        'SELECT scenario_id, rev, parent_rev, op, author, created_at FROM revisions WHERE scenario_id = ? ORDER BY rev DESC',
      ).all(id) as RevisionRow[];
      return rows.map((r, i) => {
        const meta = revisionMeta(r, row.head_rev);
        // the newest 200 assumption edits name what changed (series, field, old -> new)
        if (i < 200 && r.parent_rev !== null && CHANGE_OPS.has(r.op)) {
          const changes = this.revisionChanges(id, r.parent_rev, r.rev);
          if (changes) meta.changes = changes;
        }
        return meta;
      });
    });
  }

  /** What an edit changed in the assumptions in force, or null when it cannot be told. */
  private revisionChanges(id: string, before: number, after: number): RevisionChange[] | null {
    try {
      const a = this.resolveRef({ id, rev: before }).assumptions;
      const b = this.resolveRef({ id, rev: after }).assumptions;
      return diffAssumptions(a, b, this.seriesOrder)
        .flatMap((d) => assumptionChanges(d.series, d.a, d.b))
        .slice(0, 20);
    } catch {
      return null; // an old revision the plan no longer resolves: the op name alone
    }
  }

  getRevision(id: string, rev: number): Revision {
    return this.read(() => {
      const row = this.mustRow(id);
      const r = this.stmt(
        'SELECT scenario_id, rev, parent_rev, op, author, created_at FROM revisions WHERE scenario_id = ? AND rev = ?',
      ).get(id, rev) as RevisionRow | undefined;
      if (!r)
        throw new StoreError('not_found', `情景“${row.name}”没有第 ${rev} 版`, `Scenario "${row.name}" has no revision ${rev}`, {
          ids: [id],
        });
      const doc = this.doc(id, rev);
      return { ...this.metaAt(row, doc), assumptions: clone(doc.assumptions), revision: revisionMeta(r, row.head_rev), doc: clone(doc) };
    });
  }

  /**
   * Writes a new revision whose content (name, description, tags, parent, seed, assumptions)
   * equals revision `rev`. Trash and freeze state stay as they are.
   */
  restoreRevision(id: string, rev: number, opts?: MutationOptions): Scenario {
    return this.mutate(id, 'restore_revision', opts, (cur) => {
      const old = this.doc(id, rev);
      checkAssumptions(old.assumptions, this.catalog); // the plan may have changed since
      return {
        ...clone(old),
        preset_id: cur.preset_id,
        frozen: cur.frozen,
        frozen_label: cur.frozen_label,
        frozen_chain: cur.frozen_chain,
        deleted_at: cur.deleted_at,
      };
    });
  }

  /** Whether undo / redo are possible now. */
  undoState(id: string): UndoState {
    return this.read(() => {
      const row = this.mustRow(id);
      const head = this.stmt('SELECT parent_rev FROM revisions WHERE scenario_id = ? AND rev = ?').get(id, row.head_rev) as
        { parent_rev: number | null } | undefined;
      const child = this.stmt('SELECT 1 FROM revisions WHERE scenario_id = ? AND parent_rev = ? LIMIT 1').get(id, row.head_rev);
      return {
        head_rev: row.head_rev,
        can_undo: !row.frozen && head?.parent_rev != null,
        can_redo: !row.frozen && child !== undefined,
      };
    });
  }

  /**
   * Moves the head to its parent revision: the scenario becomes that revision's document
   * (an undone delete brings the scenario back from the trash). Nothing is deleted.
   */
  undo(id: string, opts?: MutationOptions): Scenario {
    return this.moveHead(id, 'undo', opts);
  }

  /** Moves the head to the newest revision made from the current head. */
  redo(id: string, opts?: MutationOptions): Scenario {
    return this.moveHead(id, 'redo', opts);
  }

  private moveHead(id: string, dir: 'undo' | 'redo', opts?: MutationOptions): Scenario {
    return this.write(() => {
      const row = this.mustRow(id);
      if (row.frozen) throw frozenError(row);
      this.checkExpected(row, opts);
      let target: number | null | undefined;
      if (dir === 'undo') {
        const head = this.stmt('SELECT parent_rev FROM revisions WHERE scenario_id = ? AND rev = ?').get(id, row.head_rev) as
          { parent_rev: number | null } | undefined;
        target = head?.parent_rev;
      } else {
        const child = this.stmt('SELECT rev FROM revisions WHERE scenario_id = ? AND parent_rev = ? ORDER BY rev DESC LIMIT 1').get(
          id,
          row.head_rev,
        ) as { rev: number } | undefined;
        target = child?.rev;
      }
      if (target == null)
        throw invalid(
          dir === 'undo' ? `情景“${row.name}”没有可撤销的操作` : `情景“${row.name}”没有可重做的操作`,
          dir === 'undo' ? `Nothing to undo in scenario "${row.name}"` : `Nothing to redo in scenario "${row.name}"`,
        );
      const doc = this.doc(id, target);
      if (doc.parent_id !== row.parent_id) {
        try {
          this.checkParent(id, doc.parent_id, true);
        } catch (e) {
          if (!(e instanceof StoreError)) throw e;
          throw invalid(`无法${dir === 'undo' ? '撤销' : '重做'}：${e.message_zh}`, `Cannot ${dir}: ${e.message_en}`, 'parent_id');
        }
      }
      this.applyDoc(id, doc, target, this.iso());
      return this.scenario(this.mustRow(id), doc);
    });
  }

  // -------------------------------------------------------------------------------------------
  // comparison
  // -------------------------------------------------------------------------------------------

  /** Every assumption in force that differs between A and B (each at a revision if given). */
  diff(a: ScenarioRef, b: ScenarioRef): DiffEntry[] {
    const ra = this.resolveRef(a);
    const rb = this.resolveRef(b);
    return diffAssumptions(ra.assumptions, rb.assumptions, this.seriesOrder);
  }

  /** `diff` plus each target's value in A and B, using the given projector. */
  diffWithEffect(
    a: ScenarioRef,
    b: ScenarioRef,
    project: (assumptions: Record<string, ResolvedAssumption>) => ProjectionResult,
  ): DiffWithEffect {
    return diffWithEffectPure(this.plan, this.resolveRef(a), this.resolveRef(b), project);
  }

  // -------------------------------------------------------------------------------------------
  // actuals
  // -------------------------------------------------------------------------------------------

  private checkActual(raw: unknown, field: string, author: string): Omit<StoredActual, 'id' | 'entered_at' | 'deleted_at'> {
    const parsed = ActualSchema.safeParse(raw);
    if (!parsed.success) throw fromZod(parsed.error, { zh: '实际值', en: 'Actual' }, field);
    const a = parsed.data;
    if (!this.catalog.all.has(a.series))
      throw invalid(
        `实际值 ${field}.series: 未知指标序列“${a.series}”`,
        `Actual ${field}.series: unknown series "${a.series}"`,
        `${field}.series`,
      );
    if (a.vintage !== null && !VINTAGE.test(a.vintage))
      throw invalid(
        `实际值 ${field}.vintage: 发布日期应为 YYYY-MM-DD 或 YYYY-MM`,
        `Actual ${field}.vintage: release date must be YYYY-MM-DD or YYYY-MM`,
        `${field}.vintage`,
      );
    const givenBy = (raw as { entered_by?: unknown })?.entered_by;
    checkText(a.note, `${field}.note`, { zh: '实际值', en: 'Actual' }, true);
    checkText(a.source.title, `${field}.source.title`, { zh: '实际值', en: 'Actual' });
    if (typeof givenBy === 'string') {
      if ([...givenBy].length > LIMITS.author)
        throw invalid(
          `实际值 ${field}.entered_by: 不能超过${LIMITS.author}个字符`,
          `Actual ${field}.entered_by: at most ${LIMITS.author} characters`,
          `${field}.entered_by`,
        );
      checkText(givenBy, `${field}.entered_by`, { zh: '实际值', en: 'Actual' });
    }
    return {
      series: a.series,
      period: a.period,
      value: a.value,
      value_kind: a.value_kind,
      source: a.source,
      vintage: a.vintage,
      note: a.note,
      entered_by: typeof givenBy === 'string' ? givenBy : author,
    };
  }

  private insertActual(a: Omit<StoredActual, 'id' | 'entered_at' | 'deleted_at'>, at: string): number {
    const r = this.stmt(
      `INSERT INTO actuals (series, period, vintage, value, value_kind, source_json, note, entered_by, entered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(a.series, a.period, a.vintage, a.value, a.value_kind, JSON.stringify(a.source), a.note, a.entered_by, at);
    return Number(r.lastInsertRowid);
  }

  /** Adds actuals, all or none (one transaction). A later vintage never erases an earlier one. */
  addActuals(actuals: ActualInput[], opts?: { author?: string }): StoredActual[] {
    if (!Array.isArray(actuals)) throw invalid('实际值应为列表', 'Actuals must be a list', 'actuals');
    const author = this.guard(() => this.defaultAuthor(opts));
    const checked = actuals.map((a, i) => this.checkActual(a, `actuals[${i}]`, author));
    return this.write(() => {
      const at = this.iso();
      const ids = checked.map((a) => this.insertActual(a, at));
      return ids.map((id) => this.actualRow(id)!);
    });
  }

  private actualRow(id: number): StoredActual | null {
    const r = this.stmt('SELECT * FROM actuals WHERE id = ?').get(id) as ActualRow | undefined;
    return r ? toActual(r) : null;
  }

  /** All entries (every vintage), oldest first per series and period. */
  listActuals(opts: { series?: string; includeDeleted?: boolean } = {}): StoredActual[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (!opts.includeDeleted) where.push('deleted_at IS NULL');
    if (opts.series !== undefined) {
      where.push('series = ?');
      args.push(opts.series);
    }
    const sql = `SELECT * FROM actuals ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY series, period, vintage IS NOT NULL, vintage, id`;
    return this.guard(() => (this.stmt(sql).all(...args) as ActualRow[]).map(toActual));
  }

  /**
   * The entry in force per series and period, by the one rule of models/records.ts (recordInForce:
   * the latest vintage, none counting as the oldest; among equal vintages the latest entered). The
   * SQL only leaves out deleted entries and orders by series, period and id.
   */
  latestActuals(opts: { series?: string } = {}): StoredActual[] {
    const filter = opts.series !== undefined ? 'AND series = ?' : '';
    const sql = `SELECT * FROM actuals WHERE deleted_at IS NULL ${filter} ORDER BY series, period, id`;
    const args = opts.series !== undefined ? [opts.series] : [];
    return this.guard(() => recordInForce((this.stmt(sql).all(...args) as ActualRow[]).map(toActual)));
  }

  /** Soft-deletes an actual (kept, marked deleted). */
  deleteActual(id: number, opts?: { author?: string }): StoredActual {
    return this.write(() => {
      const row = this.actualRow(id);
      if (!row) throw new StoreError('not_found', `实际值 #${id} 不存在`, `Actual #${id} does not exist`);
      if (row.deleted_at) return row;
      this.stmt('UPDATE actuals SET deleted_at = ?, deleted_by = ? WHERE id = ?').run(this.iso(), this.defaultAuthor(opts), id);
      return this.actualRow(id)!;
    });
  }

  /**
   * The planner chooses which record of a series and period is in force among conflicting ones
   * (models/actual-conflicts.ts): `chosenId` an entered record, or null for the plan file's. The
   * other live entered records of that series and period are set aside (kept, marked deleted at
   * the moment of the choice), so every reader of the actuals (projections, nowcasts, the page)
   * sees the chosen one in force; what an earlier choice set aside is restored first. Nowcasts
   * are left alone. One transaction.
   */
  chooseActual(series: string, period: string, chosenId: number | null, opts?: MutationOptions): ActualChoice {
    if (typeof series !== 'string' || !this.catalog.all.has(series))
      throw invalid(`未知指标序列“${String(series)}”`, `Unknown series "${String(series)}"`, 'series');
    if (typeof period !== 'string' || period.length === 0 || period.length > 16)
      throw invalid('期间应为 2025、2025H1 或 2025-09', 'The period must be like 2025, 2025H1 or 2025-09', 'period');
    if (chosenId !== null && !(Number.isInteger(chosenId) && chosenId > 0))
      throw invalid('所选记录编号应为正整数', 'The chosen record id must be a positive whole number', 'record');
    const author = this.guard(() => this.defaultAuthor(opts));
    return this.write(() => {
      const prev = this.actualChoice(series, period);
      if (prev) {
        const restore = this.stmt('UPDATE actuals SET deleted_at = NULL, deleted_by = NULL WHERE id = ? AND deleted_at = ?');
        for (const id of prev.set_aside) restore.run(id, prev.chosen_at);
      }
      const live = (
        this.stmt('SELECT * FROM actuals WHERE series = ? AND period = ? AND deleted_at IS NULL ORDER BY id').all(
          series,
          period,
        ) as ActualRow[]
      ).map(toActual);
      if (chosenId !== null && !live.some((a) => a.id === chosenId))
        throw new StoreError(
          'not_found',
          `实际值 #${chosenId} 不是 ${series} ${period} 的在用记录`,
          `Actual #${chosenId} is no live record of ${series} ${period}`,
          'record',
        );
      const at = this.iso();
      const aside = live.filter((a) => a.id !== chosenId && !isNowcast(a)).map((a) => a.id);
      const setAside = this.stmt('UPDATE actuals SET deleted_at = ?, deleted_by = ? WHERE id = ?');
      for (const id of aside) setAside.run(at, author, id);
      this.stmt(
        `INSERT INTO actual_choices (series, period, chosen_id, set_aside_json, chosen_by, chosen_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(series, period) DO UPDATE SET chosen_id = excluded.chosen_id, set_aside_json = excluded.set_aside_json,
           chosen_by = excluded.chosen_by, chosen_at = excluded.chosen_at`,
      ).run(series, period, chosenId, JSON.stringify(aside), author, at);
      return this.actualChoice(series, period)!;
    });
  }

  private actualChoice(series: string, period: string): ActualChoice | null {
    const r = this.stmt('SELECT * FROM actual_choices WHERE series = ? AND period = ?').get(series, period) as ChoiceRow | undefined;
    return r ? toChoice(r) : null;
  }

  /** Every choice of the record in force (see chooseActual), by series and period. */
  actualChoices(): ActualChoice[] {
    return this.guard(() => (this.stmt('SELECT * FROM actual_choices ORDER BY series, period').all() as ChoiceRow[]).map(toChoice));
  }

  // -------------------------------------------------------------------------------------------
  // milestones and settings
  // -------------------------------------------------------------------------------------------

  /** Ticks (or unticks) a milestone of the plan. */
  setMilestone(id: string, state: { done: boolean; note?: string }, opts?: { author?: string }): MilestoneState {
    if (typeof id !== 'string' || !this.milestoneIds.has(id))
      throw invalid(`未知里程碑“${String(id)}”（规划中没有）`, `Unknown milestone "${String(id)}" (not in the plan)`, 'id');
    if (!state || typeof state.done !== 'boolean') throw invalid('done 应为真或假', 'done must be true or false', 'done');
    const note = state.note ?? '';
    if (typeof note !== 'string' || [...note].length > 2000)
      throw invalid('备注不能超过2000个字符', 'The note must be text of at most 2000 characters', 'note');
    checkText(note, 'note', { zh: '备注', en: 'Note' }, true);
    return this.write(() => {
      const m: MilestoneState = { id, done: state.done, note, updated_at: this.iso(), author: this.defaultAuthor(opts) };
      this.upsertMilestone(m);
      return m;
    });
  }

  private upsertMilestone(m: MilestoneState): void {
    this.stmt(
      `INSERT INTO milestones (id, done, note, updated_at, author) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET done = excluded.done, note = excluded.note, updated_at = excluded.updated_at, author = excluded.author`,
    ).run(m.id, m.done ? 1 : 0, m.note, m.updated_at, m.author);
  }

  listMilestones(): MilestoneState[] {
    return this.guard(() =>
      (
        this.stmt('SELECT id, done, note, updated_at, author FROM milestones ORDER BY id').all() as (Omit<MilestoneState, 'done'> & {
          done: number;
        })[]
      ).map((r) => ({ ...r, done: r.done === 1 })),
    );
  }

  getSettings(): Record<string, unknown> {
    return this.guard(() => {
      const out: Record<string, unknown> = {};
      for (const r of this.stmt('SELECT key, value_json FROM settings ORDER BY key').all() as { key: string; value_json: string }[])
        out[r.key] = JSON.parse(r.value_json);
      return out;
    });
  }

  private checkSetting(key: unknown, value: unknown, field = 'key'): string {
    if (typeof key !== 'string' || !SETTING_KEY.test(key))
      throw invalid(`设置项名称无效：${String(key)}`, `Invalid setting name: ${String(key)}`, field);
    if (value === undefined) throw invalid(`设置项 ${key} 缺少取值`, `Setting ${key} has no value`, key);
    if (value === null) return 'null';
    // text settings (the user name becomes each revision's author) must be storable as given
    if (typeof value === 'string') checkText(value, key, { zh: '设置项', en: 'Setting' });
    const schema = KNOWN_SETTINGS[key];
    if (schema) {
      const r = schema.safeParse(value);
      if (!r.success) throw fromZod(r.error, { zh: '设置项', en: 'Setting' }, key);
    }
    let json: string;
    try {
      json = JSON.stringify(value);
    } catch {
      throw invalid(`设置项 ${key} 的取值无法保存`, `The value of setting ${key} cannot be stored`, key);
    }
    if (json === undefined || Buffer.byteLength(json) > MAX_SETTING_BYTES)
      throw invalid(`设置项 ${key} 的取值过大或无效`, `The value of setting ${key} is too large or invalid`, key);
    return json;
  }

  /** Sets a setting (null removes it, so the default applies). */
  /** Sets several settings at once: every value checked first, then one transaction (all or none). */
  setSettings(values: Record<string, unknown>): Record<string, unknown> {
    const checked = Object.entries(values)
      .filter(([, v]) => v !== undefined)
      .map(([key, value]) => ({ key, value, json: this.checkSetting(key, value) }));
    this.write(() => {
      for (const { key, value, json } of checked) {
        if (value === null) this.stmt('DELETE FROM settings WHERE key = ?').run(key);
        else
          this.stmt(
            `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
             ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
          ).run(key, json, this.iso());
      }
    });
    return this.getSettings();
  }

  setSetting(key: string, value: unknown): Record<string, unknown> {
    const json = this.checkSetting(key, value);
    this.write(() => {
      if (value === null) this.stmt('DELETE FROM settings WHERE key = ?').run(key);
      else
        this.stmt(
          `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
        ).run(key, json, this.iso());
    });
    return this.getSettings();
  }

  // -------------------------------------------------------------------------------------------
  // export / import
  // -------------------------------------------------------------------------------------------

  private exported(row: Row): ExportedScenario {
    const doc = this.doc(row.id, row.head_rev);
    const parent = row.parent_id ? this.getRow(row.parent_id) : undefined;
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      tags: JSON.parse(row.tags_json) as string[],
      parent_id: row.parent_id,
      parent_preset_id: parent?.preset_id ?? null,
      preset_id: row.preset_id,
      seed: row.seed,
      deleted: row.deleted_at !== null,
      created_at: row.created_at,
      updated_at: row.updated_at,
      assumptions: clone(doc.assumptions),
    };
  }

  /** A scenario and its non-preset ancestors (parents first), as a file object. */
  exportScenario(id: string): ScenarioFile {
    return this.read(() => {
      const row = this.mustRow(id);
      const rows: Row[] = [row];
      const seen = new Set([row.id]);
      let pid = row.preset_id ? null : row.parent_id;
      while (pid && !seen.has(pid)) {
        seen.add(pid);
        const p = this.getRow(pid);
        if (!p || p.preset_id) break;
        rows.unshift(p);
        pid = p.parent_id;
      }
      const scenarios = rows.map((r) => this.exported(r));
      checkExportChainDepth(this.db, scenarios);
      return checkFileLimits({
        format: SCENARIO_FORMAT,
        format_version: FORMAT_VERSION as 1,
        plan_id: this.plan.id,
        exported_at: this.iso(),
        exported_by: this.defaultAuthor() || null,
        scenarios,
      });
    });
  }

  /**
   * Everything worth carrying: live scenarios (with trashed ancestors they need, flagged
   * `deleted`), actuals (every vintage, not the deleted), milestone ticks and settings.
   */
  exportWorkspace(): WorkspaceFile {
    return this.read(() => {
      const all = this.stmt(`SELECT ${ROW_COLUMNS} FROM scenarios ORDER BY preset_id IS NULL, created_at, rowid`).all() as Row[];
      const byId = new Map(all.map((r) => [r.id, r]));
      const include = new Set<string>();
      for (const r of all) {
        if (r.deleted_at) continue;
        let cur: Row | undefined = r;
        while (cur && !include.has(cur.id)) {
          include.add(cur.id);
          cur = cur.parent_id ? byId.get(cur.parent_id) : undefined;
        }
      }
      const ordered = topoOrder(
        all.filter((r) => include.has(r.id)),
        (r) => r.id,
        (r) => r.parent_id,
      );
      const scenarios = ordered.map((r) => this.exported(r));
      checkExportChainDepth(this.db, scenarios);
      return checkFileLimits({
        format: WORKSPACE_FORMAT,
        format_version: FORMAT_VERSION as 1,
        plan_id: this.plan.id,
        exported_at: this.iso(),
        exported_by: this.defaultAuthor() || null,
        scenarios,
        actuals: this.listActuals().map(({ id: _id, deleted_at: _d, ...rest }) => rest),
        milestones: this.listMilestones(),
        settings: this.getSettings(),
        reporters: this.stmt('SELECT series, unit FROM collect_reporters ORDER BY series').all() as { series: string; unit: string }[],
      });
    });
  }

  /**
   * Imports a scenario or workspace file (the object from readImportFile, or its JSON text).
   * The whole file is checked
   * first; then, in one transaction, scenarios are created with new ids (parents remapped; a
   * preset parent maps to the local preset of the same preset_id), names that exist already get
   * " (导入)", " (导入 2)" ...; a workspace's actuals are added (exact duplicates skipped),
   * newer milestone ticks applied and settings not set here added.
   */
  importFile(json: unknown, opts?: { author?: string }): ImportResult {
    if (typeof json === 'string') {
      try {
        json = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
      } catch (e) {
        const detail = e instanceof Error ? e.message : String(e);
        throw new StoreError('invalid', `导入内容不是有效的 JSON（${detail}）`, `The import is not valid JSON (${detail})`);
      }
    }
    const file: ParsedExportFile = parseExportFile(json);
    if (file.plan_id !== this.plan.id)
      throw new StoreError(
        'invalid',
        `导入文件 plan_id: 文件属于规划“${file.plan_id}”，当前规划为“${this.plan.id}”`,
        `Import file plan_id: the file is for plan "${file.plan_id}", but the plan loaded is "${this.plan.id}"`,
        { field: 'plan_id' },
      );
    const author = this.guard(() => this.defaultAuthor(opts));

    // --- scenarios: content
    const items = file.scenarios.map((s, i) => {
      const at = `scenarios[${i}]`;
      const wrap = <T>(fn: () => T): T => {
        try {
          return fn();
        } catch (e) {
          if (e instanceof StoreError && e.code === 'invalid') {
            const field = e.details?.field ?? '';
            const full = field.startsWith('scenarios[') ? field : `${at}.${field}`;
            throw invalid(`导入文件 ${at}（“${s.name}”）：${e.message_zh}`, `Import file ${at} ("${s.name}"): ${e.message_en}`, full);
          }
          throw e;
        }
      };
      return {
        index: i,
        src: s,
        name: wrap(() => checkName(s.name)),
        description: wrap(() => checkDescription(s.description)),
        tags: wrap(() => checkTags(s.tags)),
        assumptions: checkAssumptions(s.assumptions, this.catalog, `${at}.assumptions`),
        seed: s.seed,
      };
    });
    const fileIndex = new Map<string, number>();
    items.forEach((it) => {
      if (fileIndex.has(it.src.id))
        throw invalid(
          `导入文件 scenarios[${it.index}].id: 编号 ${it.src.id} 重复`,
          `Import file scenarios[${it.index}].id: id ${it.src.id} appears twice`,
          `scenarios[${it.index}].id`,
        );
      fileIndex.set(it.src.id, it.index);
    });

    // --- workspace parts: content
    const ws = file.format === WORKSPACE_FORMAT ? file : null;
    const reporters = ws ? ws.reporters : [];
    reporters.forEach((r, i) => {
      if (!this.catalog.all.has(r.series) || this.plan.series.find((x) => x.id === r.series)?.derived)
        throw invalid(
          `导入文件 reporters[${i}].series: 未知指标序列“${r.series}”`,
          `Import file reporters[${i}].series: unknown series "${r.series}"`,
          `reporters[${i}].series`,
        );
    });
    const actuals = ws ? ws.actuals.map((a, i) => ({ a: this.checkActual(a, `actuals[${i}]`, author), entered_at: a.entered_at })) : [];
    const milestones = ws
      ? ws.milestones.map((m, i) => {
          checkText(m.note, `milestones[${i}].note`, { zh: '导入文件', en: 'Import file' }, true);
          checkText(m.author, `milestones[${i}].author`, { zh: '导入文件', en: 'Import file' });
          if (!this.milestoneIds.has(m.id))
            throw invalid(
              `导入文件 milestones[${i}].id: 未知里程碑“${m.id}”`,
              `Import file milestones[${i}].id: unknown milestone "${m.id}"`,
              `milestones[${i}].id`,
            );
          return m;
        })
      : [];
    const settings = ws
      ? Object.entries(ws.settings)
          .filter(([k]) => !LOCAL_SETTINGS.has(k))
          .map(([k, v]) => ({ key: k, json: this.checkSetting(k, v, `settings.${k}`), value: v }))
      : [];

    return this.write(() => {
      const at = this.iso();
      const presets = new Map(
        (this.stmt(`SELECT ${ROW_COLUMNS} FROM scenarios WHERE preset_id IS NOT NULL`).all() as Row[]).map((r) => [r.preset_id!, r]),
      );
      // a preset in the file identical to the local one is used as it is, not copied.
      const mapped = new Map<number, Row>();
      for (const it of items) {
        const local = it.src.preset_id ? presets.get(it.src.preset_id) : undefined;
        if (local && sameAssumptions(it.assumptions, this.doc(local.id, local.head_rev).assumptions)) mapped.set(it.index, local);
      }
      // parents
      const parentOf = new Map<number, { file: number } | { local: Row } | null>();
      for (const it of items) {
        if (mapped.has(it.index)) continue;
        const s = it.src;
        const field = `scenarios[${it.index}].parent_id`;
        if (s.parent_id && fileIndex.has(s.parent_id)) parentOf.set(it.index, { file: fileIndex.get(s.parent_id)! });
        else if (s.parent_preset_id) {
          const local = presets.get(s.parent_preset_id);
          if (!local)
            throw invalid(
              `导入文件 ${field}（“${s.name}”）：本地没有预置情景“${s.parent_preset_id}”`,
              `Import file ${field} ("${s.name}"): there is no local preset "${s.parent_preset_id}"`,
              field,
            );
          parentOf.set(it.index, { local });
        } else if (s.parent_id)
          throw invalid(
            `导入文件 ${field}（“${s.name}”）：父情景 ${s.parent_id} 不在文件中，也不是预置情景`,
            `Import file ${field} ("${s.name}"): parent ${s.parent_id} is neither in the file nor a preset`,
            field,
          );
        else parentOf.set(it.index, null);
      }
      // no chain deeper than MAX_CHAIN_DEPTH (before the ordering below, which recurses per level)
      checkImportChainDepth(
        items.length,
        (i) => {
          const m = mapped.get(i); // a preset of the file that is the local one: its own chain counts
          if (m) return m.parent_id ? { local: m.parent_id } : null;
          const p = parentOf.get(i);
          return p && 'local' in p ? { local: p.local.id } : p;
        },
        storedChainLevels(this.db),
        (i) => items[i]!.src.name,
      );
      // order parents first; a cycle in the file is refused
      const order: number[] = [];
      const state = new Map<number, 1 | 2>();
      const visit = (i: number, trail: number[]) => {
        if (state.get(i) === 2 || mapped.has(i)) return;
        if (state.get(i) === 1) {
          const names = [...trail.slice(trail.indexOf(i)), i].map((k) => items[k]!.src.name).join(' → ');
          throw invalid(
            `导入文件中的父情景形成循环：${names}`,
            `The parents in the import file make a cycle: ${names}`,
            `scenarios[${i}].parent_id`,
          );
        }
        state.set(i, 1);
        const p = parentOf.get(i);
        if (p && 'file' in p) visit(p.file, [...trail, i]);
        state.set(i, 2);
        order.push(i);
      };
      items.forEach((it) => visit(it.index, []));

      const names = new Set((this.stmt('SELECT name FROM scenarios').all() as { name: string }[]).map((r) => r.name));
      const newIds = new Map<number, string>();
      for (const [i, row] of mapped) newIds.set(i, row.id);
      const result: ImportResult = {
        kind: ws ? 'workspace' : 'scenario',
        created: [],
        renamed: [],
        mapped_presets: [...mapped].map(([i, row]) => ({ source_id: items[i]!.src.id, id: row.id, preset_id: row.preset_id! })),
        actuals_added: 0,
        actuals_skipped: 0,
        milestones_updated: 0,
        settings_added: [],
      };
      for (const i of order) {
        const it = items[i]!;
        const p = parentOf.get(i);
        const parentId = p ? ('file' in p ? newIds.get(p.file)! : p.local.id) : null;
        const name = uniqueName(it.name, names);
        names.add(name);
        if (name !== it.name) result.renamed.push({ from: it.name, to: name });
        const id = this.newId();
        const parentRow = parentId ? this.getRow(parentId) : undefined;
        const doc: ScenarioDoc = {
          schema_version: DOC_SCHEMA_VERSION,
          name,
          description: it.description,
          tags: it.tags,
          parent_id: parentId,
          preset_id: null,
          seed: it.seed ?? parentRow?.seed ?? randomInt(0, 2 ** 31 - 1),
          frozen: false,
          frozen_label: null,
          frozen_chain: null,
          deleted_at: it.src.deleted ? at : null,
          assumptions: it.assumptions,
        };
        this.insertScenario(id, doc, 'import', author, at);
        newIds.set(i, id);
        result.created.push({ id, name, source_id: it.src.id });
      }

      // Exact duplicates (of live actuals, or earlier in the file) are skipped. One pass over the
      // stored ones into a set: a query per row was quadratic when many share a series and period.
      const actualKey = (r: {
        series: string;
        period: string;
        vintage: string | null;
        value: number;
        value_kind: string;
        source_json: string;
        note: string;
      }) => JSON.stringify([r.series, r.period, r.vintage, r.value, r.value_kind, r.source_json, r.note]);
      const have = new Set<string>();
      if (actuals.length > 0) {
        for (const r of this.stmt(
          'SELECT series, period, vintage, value, value_kind, source_json, note FROM actuals WHERE deleted_at IS NULL',
        ).iterate() as Iterable<{
          series: string;
          period: string;
          vintage: string | null;
          value: number;
          value_kind: string;
          source_json: string;
          note: string;
        }>)
          have.add(actualKey(r));
      }
      for (const { a, entered_at } of actuals) {
        const key = actualKey({ ...a, source_json: JSON.stringify(a.source) });
        if (have.has(key)) {
          result.actuals_skipped++;
          continue;
        }
        have.add(key);
        this.insertActual(a, entered_at ?? at);
        result.actuals_added++;
      }
      for (const m of milestones) {
        const local = this.stmt('SELECT updated_at FROM milestones WHERE id = ?').get(m.id) as { updated_at: string } | undefined;
        if (local && local.updated_at >= m.updated_at) continue;
        this.upsertMilestone(m);
        result.milestones_updated++;
      }
      for (const s of settings) {
        if (this.stmt('SELECT 1 FROM settings WHERE key = ?').get(s.key)) continue;
        if (s.value === null) continue;
        this.stmt('INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)').run(s.key, s.json, at);
        result.settings_added.push(s.key);
      }
      // 报送单位: taken where none is chosen here
      for (const r of reporters)
        this.stmt('INSERT OR IGNORE INTO collect_reporters (series, unit, updated_at, author) VALUES (?, ?, ?, ?)').run(
          r.series,
          r.unit,
          at,
          author,
        );
      return result;
    });
  }

  /** Writes an export file atomically (same as the standalone `writeExportFile`). */
  writeExportFile(file: string, obj: unknown): void {
    writeExportFile(file, obj);
  }

  /** Reads and shape-checks an import file (same as the standalone `readImportFile`). */
  readImportFile(file: string): ParsedExportFile {
    return readImportFile(file);
  }

  // -------------------------------------------------------------------------------------------
  // backups
  // -------------------------------------------------------------------------------------------

  /** A consistent copy of the database (db.backup()) in the backup folder. */
  async backup(reason: 'manual' | 'pre-upgrade' | 'pre-empty-trash' | (string & {}) = 'manual'): Promise<BackupInfo> {
    let dest: string;
    try {
      fs.mkdirSync(this.backupDir, { recursive: true });
      dest = backupPath(this.backupDir, this.path, reason, this.now());
    } catch (e) {
      throw toStoreError(e, this.backupDir); // names the backup folder, not the database
    }
    const tmp = partialBackupPath(dest);
    try {
      await this.db.backup(tmp);
      finishBackupFile(tmp);
      settleBackupFile(tmp, dest);
    } catch (e) {
      settleBackupFile(tmp, dest, e);
      throw toStoreError(e, dest);
    }
    const info = listBackupsIn(this.backupDir, this.path).find((b) => b.file === dest);
    if (!info) throw new StoreError('io', `备份未生成：${dest}`, `The backup was not written: ${dest}`, { path: dest });
    return info;
  }

  /** Backups of this database, newest first. */
  listBackups(): BackupInfo[] {
    return listBackupsIn(this.backupDir, this.path);
  }
}

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------

function upsert(list: Assumption[], changes: Assumption[]): Assumption[] {
  const out = [...list];
  for (const a of changes) {
    const i = out.findIndex((x) => x.series === a.series);
    if (i >= 0) out[i] = a;
    else out.push(a);
  }
  return out;
}

function sameAssumptions(a: Assumption[], b: Assumption[]): boolean {
  const key = (l: Assumption[]) => canonical([...l].sort((x, y) => (x.series < y.series ? -1 : 1)).map(substance));
  return key(a) === key(b);
}

/** `name`, or `name (导入)`, `name (导入 2)` ... whichever is free (kept within the length limit). */
export function uniqueName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (导入)' : ` (导入 ${n})`;
    const room = LIMITS.name - [...suffix].length;
    const base = [...name].slice(0, room).join('');
    const candidate = base + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

function revisionMeta(r: RevisionRow, head: number): RevisionMeta {
  return {
    scenario_id: r.scenario_id,
    rev: r.rev,
    parent_rev: r.parent_rev,
    op: r.op as RevisionOp,
    author: r.author,
    created_at: r.created_at,
    is_head: r.rev === head,
  };
}

interface ChoiceRow {
  series: string;
  period: string;
  chosen_id: number | null;
  set_aside_json: string;
  chosen_by: string;
  chosen_at: string;
}

function toChoice(r: ChoiceRow): ActualChoice {
  const ids = JSON.parse(r.set_aside_json) as unknown;
  return {
    series: r.series,
    period: r.period,
    chosen_id: r.chosen_id,
    set_aside: Array.isArray(ids) ? ids.filter((x): x is number => Number.isInteger(x)) : [],
    chosen_by: r.chosen_by,
    chosen_at: r.chosen_at,
  };
}

function toActual(r: ActualRow): StoredActual {
  return {
    id: r.id,
    series: r.series,
    period: r.period,
    value: r.value,
    value_kind: r.value_kind as StoredActual['value_kind'],
    source: JSON.parse(r.source_json) as StoredActual['source'],
    vintage: r.vintage,
    note: r.note,
    entered_by: r.entered_by,
    entered_at: r.entered_at,
    deleted_at: r.deleted_at,
  };
}

/** Parents before children (items whose parent is not in the list count as roots). */
function topoOrder<T>(items: T[], id: (t: T) => string, parent: (t: T) => string | null): T[] {
  return parentsFirst(items, id, parent);
}
