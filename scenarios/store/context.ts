/**
 * What every repository of the store shares: the connection, its prepared statements, the clock,
 * the write and read transactions (one IMMEDIATE transaction per write, nested writes joining the
 * outer one), the cache of revision documents that follows those transactions, and the author of
 * a write. The repositories (scenarios.ts, history.ts, actuals.ts, milestones.ts, settings.ts,
 * transfer.ts) hold the rules of their tables; ScenarioStore (store.ts) is the facade over them.
 */
import type Database from 'better-sqlite3';
import type { Plan } from '../../models/schema';
import { latestBackup } from './backup';
import { StoreError, toStoreError } from './errors';
import type { SettingRow } from './rows';
import type { MutationOptions, ScenarioDoc } from './types';
import { SeriesCatalog, checkAuthor } from './validate';

const DOC_CACHE_MAX = 5000;

/** What the read-only view tells the planner, and every refused write repeats. */
export interface ReadOnlyState {
  code: 'read_only';
  message_zh: string;
  message_en: string;
  /** the file or folder that cannot be written. */
  path: string;
}

/** The refusal of a write in the read-only view, naming what cannot be written. */
export function readOnlyRefusal(state: ReadOnlyState): StoreError {
  return new StoreError('read_only', `只读模式，未保存：${state.message_zh}`, `Read-only view, nothing saved: ${state.message_en}`, {
    path: state.path,
  });
}

/** What the store is opened with (besides the connection). */
export interface StoreInit {
  path: string;
  backupDir: string;
  now: () => Date;
  plan: Plan;
  version: number;
  readOnly?: ReadOnlyState | null;
}

export class StoreContext {
  readonly db: Database.Database;
  readonly path: string;
  readonly backupDir: string;
  readonly plan: Plan;
  readonly now: () => Date;
  readonly readOnly: ReadOnlyState | null;
  readonly catalog: SeriesCatalog;
  private readonly stmts = new Map<string, Database.Statement<unknown[], unknown>>();
  /** parsed revision documents by `id \0 rev` (revisions never change once committed). */
  readonly docCache = new Map<string, ScenarioDoc>();
  /** documents written by the write transaction in progress. */
  pending: Map<string, ScenarioDoc> | null = null;

  constructor(db: Database.Database, o: StoreInit) {
    this.db = db;
    this.path = o.path;
    this.backupDir = o.backupDir;
    this.plan = o.plan;
    this.now = o.now;
    this.readOnly = o.readOnly ?? null;
    this.catalog = new SeriesCatalog(o.plan);
  }

  /**
   * The prepared statement of `sql` (prepared once per connection), typed by its parameters and
   * the row it returns (scenarios/store/rows.ts).
   */
  stmt<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare<unknown[], unknown>(sql);
      this.stmts.set(sql, s);
    }
    // one statement per text: the types are the caller's, which wrote the text
    return s as unknown as Database.Statement<P, R>;
  }

  iso(): string {
    return this.now().toISOString();
  }

  /** Runs fn, turning SQLite / fs errors into StoreErrors. */
  guard<T>(fn: () => T): T {
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
  write<T>(fn: () => T): T {
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

  cacheDoc(key: string, doc: ScenarioDoc): void {
    if (this.docCache.size >= DOC_CACHE_MAX) {
      const first = this.docCache.keys().next().value;
      if (first !== undefined) this.docCache.delete(first);
    }
    this.docCache.set(key, doc);
  }

  /** A read transaction: several SELECTs see one snapshot. */
  read<T>(fn: () => T): T {
    return this.guard(() => (this.db.inTransaction ? fn() : this.db.transaction(fn).deferred()));
  }

  /** Who a write is by: the author given, else the user name of the settings, else nobody (''). */
  defaultAuthor(opts?: MutationOptions): string {
    if (opts?.author !== undefined) return checkAuthor(opts.author);
    const row = this.stmt<[], Pick<SettingRow, 'value_json'>>("SELECT value_json FROM settings WHERE key = 'user_name'").get();
    if (!row) return '';
    const v = JSON.parse(row.value_json) as unknown;
    return typeof v === 'string' ? v : '';
  }
}
