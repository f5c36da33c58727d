/**
 * The scenario store: scenarios with inheritance and an append-only revision history, actuals
 * with vintages, milestone ticks, settings, export / import and backups, in one SQLite file.
 *
 * Rules (docs/storage.md): WAL, synchronous=FULL, foreign keys on, busy_timeout 5000; schema
 * version in PRAGMA user_version with ordered migrations (backup first); every write in one
 * IMMEDIATE transaction; input validated before anything is written; copies only through
 * db.backup() or VACUUM INTO; a damaged or newer file is refused and left untouched.
 *
 * ScenarioStore is the facade every caller uses; the rules of each table live in one repository
 * each (scenarios.ts with presets.ts, history.ts, actuals.ts, milestones.ts, settings.ts,
 * transfer.ts), sharing the connection, its transactions and the document cache through one
 * StoreContext (context.ts); opening the file is open.ts, the row types of the tables rows.ts.
 */
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import type { Plan } from '../../models/schema';
import type { ProjectionResult, ResolvedAssumption } from '../../models/types';
import { ActualsRepository } from './actuals';
import { backupPath, finishBackupFile, listBackupsIn, partialBackupPath, restoreBackup, settleBackupFile } from './backup';
import { StoreContext, type ReadOnlyState, type StoreInit } from './context';
import { StoreError, toStoreError } from './errors';
import { readImportFile, writeExportFile, type ParsedExportFile } from './files';
import { HistoryRepository } from './history';
import { MilestonesRepository } from './milestones';
import { openDatabase, type OpenStoreOptions } from './open';
import { ensurePlan } from './presets';
import { ScenarioRepository } from './scenarios';
import { SettingsRepository } from './settings';
import { TransferRepository } from './transfer';
import type {
  ActualChoice,
  ActualInput,
  AssumptionInput,
  BackupInfo,
  CreateScenarioInput,
  DiffEntry,
  DiffWithEffect,
  ImportResult,
  ListOptions,
  MilestoneState,
  MutationOptions,
  Resolution,
  Revision,
  RevisionMeta,
  RevisionOp,
  Scenario,
  ScenarioFile,
  ScenarioMeta,
  ScenarioPatch,
  ScenarioRef,
  StoredActual,
  UndoState,
  WorkspaceFile,
} from './types';

export { StoreError } from './errors';
export { restoreBackup } from './backup';
export { writeExportFile, readImportFile } from './files';
export { readOnlyRefusal, type ReadOnlyState } from './context';
export type { OpenStoreOptions } from './open';
export type * from './types';

/**
 * Opens (creating if needed) the scenario database at `file` for `plan`: checks it, upgrades it
 * (after a backup), and seeds the plan's presets when they are missing.
 */
export function openStore(file: string, opts: OpenStoreOptions): ScenarioStore {
  return openDatabase(file, opts, (db, o) => new ScenarioStore(db, o));
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

  private readonly ctx: StoreContext;
  private readonly scenarios: ScenarioRepository;
  private readonly revisions: HistoryRepository;
  private readonly actuals: ActualsRepository;
  private readonly milestones: MilestonesRepository;
  private readonly settings: SettingsRepository;
  private readonly transfer: TransferRepository;

  /** Use `openStore`. */
  constructor(db: Database.Database, o: StoreInit) {
    this.readOnly = o.readOnly ?? null;
    this.db = db;
    this.path = o.path;
    this.backupDir = o.backupDir;
    this.plan = o.plan;
    this.version = o.version;
    this.ctx = new StoreContext(db, o);
    this.scenarios = new ScenarioRepository(this.ctx);
    this.revisions = new HistoryRepository(this.ctx, this.scenarios);
    this.actuals = new ActualsRepository(this.ctx);
    this.milestones = new MilestonesRepository(this.ctx);
    this.settings = new SettingsRepository(this.ctx);
    this.transfer = new TransferRepository(this.ctx, this.scenarios, this.actuals, this.milestones, this.settings);
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // the plan: id check and presets (presets.ts)

  /** Records the plan id (refusing a database of another plan) and seeds missing presets. */
  ensurePlan(): void {
    ensurePlan(this.ctx, this.scenarios);
  }

  // scenarios (scenarios.ts)

  /** Scenarios (default: live ones): presets first, then by creation. */
  list(opts: ListOptions = {}): ScenarioMeta[] {
    return this.scenarios.list(opts);
  }

  /** The trashed scenarios. */
  trash(): ScenarioMeta[] {
    return this.scenarios.trash();
  }

  /** A scenario with its own assumptions (live or trashed). */
  get(id: string): Scenario {
    return this.scenarios.get(id);
  }

  /** The scenario's chain and the assumption in force for each series. */
  resolve(id: string): Resolution {
    return this.scenarios.resolve(id);
  }

  /**
   * Resolves a scenario at a revision (default: its head). Its ancestors are taken at their
   * heads, except for a frozen revision, whose ancestors are pinned at the revisions they had
   * when it was frozen (so a frozen scenario's numbers do not move when a parent is edited).
   */
  resolveRef(ref: ScenarioRef): Resolution {
    return this.scenarios.resolveRef(ref);
  }

  create(input: CreateScenarioInput, opts?: MutationOptions): Scenario {
    return this.scenarios.create(input, opts);
  }

  /** Renames, re-describes, re-tags, re-parents (or re-seeds) a scenario. */
  update(id: string, patch: ScenarioPatch, opts?: MutationOptions): Scenario {
    return this.scenarios.update(id, patch, opts);
  }

  /** Sets (adds or replaces) the scenario's own assumption for one series. */
  setAssumption(id: string, assumption: AssumptionInput, opts?: MutationOptions): Scenario {
    return this.scenarios.setAssumption(id, assumption, opts);
  }

  /** Sets several assumptions at once: one revision. A kept rationale over changed values is marked stale. */
  setAssumptions(id: string, assumptions: AssumptionInput[], opts?: MutationOptions, op: RevisionOp = 'set_assumptions'): Scenario {
    return this.scenarios.setAssumptions(id, assumptions, opts, op);
  }

  /** Removes the scenario's own assumption for a series, so it inherits again. */
  resetToParent(id: string, seriesId: string, opts?: MutationOptions): Scenario {
    return this.scenarios.resetToParent(id, seriesId, opts);
  }

  /**
   * A copy with its own assumptions, parent, description, tags and seed, not frozen. Works on
   * frozen scenarios (that is how they are edited), not on trashed ones.
   */
  clone(id: string, newName: string, opts?: MutationOptions): Scenario {
    return this.scenarios.clone(id, newName, opts);
  }

  /**
   * Freezes a scenario under a label ("2025年中期评估"): from then on every change is refused
   * with 'frozen', and its ancestors are pinned at their current revisions.
   */
  freeze(id: string, label: string, opts?: MutationOptions): Scenario {
    return this.scenarios.freeze(id, label, opts);
  }

  /** Moves a scenario to the trash. Its children keep working. Presets cannot be deleted. */
  delete(id: string, opts?: MutationOptions): Scenario {
    return this.scenarios.delete(id, opts);
  }

  /** Takes a scenario out of the trash. */
  restore(id: string, opts?: MutationOptions): Scenario {
    return this.scenarios.restore(id, opts);
  }

  /**
   * Deletes the trashed scenarios and their revisions for good. Needs `{confirm: true}`. Refused
   * while a live scenario has a trashed parent (or a frozen one pins a trashed ancestor).
   * A backup (reason 'pre-empty-trash') is taken first.
   */
  emptyTrash(opts: { confirm?: boolean } = {}): { removed: number; deleted: { id: string; name: string }[]; backup: string | null } {
    return this.scenarios.emptyTrash(opts);
  }

  // history (history.ts)

  /** The revisions of a scenario, newest first. */
  history(id: string): RevisionMeta[] {
    return this.revisions.history(id);
  }

  getRevision(id: string, rev: number): Revision {
    return this.revisions.getRevision(id, rev);
  }

  /**
   * Writes a new revision whose content (name, description, tags, parent, seed, assumptions)
   * equals revision `rev`. Trash and freeze state stay as they are.
   */
  restoreRevision(id: string, rev: number, opts?: MutationOptions): Scenario {
    return this.revisions.restoreRevision(id, rev, opts);
  }

  /** Whether undo / redo are possible now. */
  undoState(id: string): UndoState {
    return this.revisions.undoState(id);
  }

  /**
   * Moves the head to its parent revision: the scenario becomes that revision's document
   * (an undone delete brings the scenario back from the trash). Nothing is deleted.
   */
  undo(id: string, opts?: MutationOptions): Scenario {
    return this.revisions.undo(id, opts);
  }

  /** Moves the head to the newest revision made from the current head. */
  redo(id: string, opts?: MutationOptions): Scenario {
    return this.revisions.redo(id, opts);
  }

  // comparison (scenarios.ts over diff.ts)

  /** Every assumption in force that differs between A and B (each at a revision if given). */
  diff(a: ScenarioRef, b: ScenarioRef): DiffEntry[] {
    return this.scenarios.diff(a, b);
  }

  /** `diff` plus each target's value in A and B, using the given projector. */
  diffWithEffect(
    a: ScenarioRef,
    b: ScenarioRef,
    project: (assumptions: Record<string, ResolvedAssumption>) => ProjectionResult,
  ): DiffWithEffect {
    return this.scenarios.diffWithEffect(a, b, project);
  }

  // actuals (actuals.ts)

  /** Adds actuals, all or none (one transaction). A later vintage never erases an earlier one. */
  addActuals(actuals: ActualInput[], opts?: { author?: string }): StoredActual[] {
    return this.actuals.addActuals(actuals, opts);
  }

  /** All entries (every vintage), oldest first per series and period. */
  listActuals(opts: { series?: string; includeDeleted?: boolean } = {}): StoredActual[] {
    return this.actuals.listActuals(opts);
  }

  /** The entry in force per series and period, by the one rule of models/records.ts (recordInForce). */
  latestActuals(opts: { series?: string } = {}): StoredActual[] {
    return this.actuals.latestActuals(opts);
  }

  /** Soft-deletes an actual (kept, marked deleted). */
  deleteActual(id: number, opts?: { author?: string }): StoredActual {
    return this.actuals.deleteActual(id, opts);
  }

  /**
   * The planner chooses which record of a series and period is in force among conflicting ones
   * (`chosenId` an entered record, or null for the plan file's); the others are set aside.
   */
  chooseActual(series: string, period: string, chosenId: number | null, opts?: MutationOptions): ActualChoice {
    return this.actuals.chooseActual(series, period, chosenId, opts);
  }

  /** Every choice of the record in force (see chooseActual), by series and period. */
  actualChoices(): ActualChoice[] {
    return this.actuals.actualChoices();
  }

  // milestones and settings (milestones.ts, settings.ts)

  /** Ticks (or unticks) a milestone of the plan. */
  setMilestone(id: string, state: { done: boolean; note?: string }, opts?: { author?: string }): MilestoneState {
    return this.milestones.setMilestone(id, state, opts);
  }

  listMilestones(): MilestoneState[] {
    return this.milestones.listMilestones();
  }

  getSettings(): Record<string, unknown> {
    return this.settings.getSettings();
  }

  /** Sets several settings at once: every value checked first, then one transaction (all or none). */
  setSettings(values: Record<string, unknown>): Record<string, unknown> {
    return this.settings.setSettings(values);
  }

  /** Sets a setting (null removes it, so the default applies). */
  setSetting(key: string, value: unknown): Record<string, unknown> {
    return this.settings.setSetting(key, value);
  }

  // export / import (transfer.ts, files.ts)

  /** A scenario and its non-preset ancestors (parents first), as a file object. */
  exportScenario(id: string): ScenarioFile {
    return this.transfer.exportScenario(id);
  }

  /**
   * Everything worth carrying: live scenarios (with trashed ancestors they need, flagged
   * `deleted`), actuals (every vintage, not the deleted), milestone ticks and settings.
   */
  exportWorkspace(): WorkspaceFile {
    return this.transfer.exportWorkspace();
  }

  /**
   * Imports a scenario or workspace file (the object from readImportFile, or its JSON text): the
   * whole file checked first, then one transaction (see TransferRepository.importFile).
   */
  importFile(json: unknown, opts?: { author?: string }): ImportResult {
    return this.transfer.importFile(json, opts);
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
      dest = backupPath(this.backupDir, this.path, reason, this.ctx.now());
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
