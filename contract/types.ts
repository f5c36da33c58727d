/**
 * The response types of the contract: pure data shapes, as they cross IPC, HTTP and the CLI's
 * JSON. The store, the plan readers and the API handlers build them; hosts and the renderer read
 * them. Types only: nothing here pulls in Node, SQLite or the DOM.
 */
import type { BacktestResult, NowcastResult } from '../models/nowcast';
import type { Assumption, Comparator, Plan, Reliability, TargetKind, ValueKind } from '../models/schema';
import type { ResolvedAssumption } from '../models/types';
import type { RejectedRow as ActualsRejectedRow } from '../models/actuals-import';
import type { RoundEffect, UnitState } from '../models/collect';
import type { PlausibilityWarning } from '../models/plausibility';

export type { NowcastActuals, NowcastSkip, ReforecastAction, ReforecastNote } from '../models/reforecast-types';

// ---------------------------------------------------------------------------------------------
// The app
// ---------------------------------------------------------------------------------------------

export interface AppInfo {
  version: string;
  db_path: string;
  plan_id: string;
  host: 'electron' | 'web' | 'cli';
  /** true when the database could only be opened read-only: the app shows a read-only view. */
  read_only: boolean;
  /** why, in both languages, naming the file or folder that cannot be written; null when writable. */
  read_only_reason: { message_zh: string; message_en: string; path: string } | null;
}

// ---------------------------------------------------------------------------------------------
// Scenario store
// ---------------------------------------------------------------------------------------------

/** A scenario without its assumptions: what lists show. */
export interface ScenarioMeta {
  id: string;
  name: string;
  description: string;
  tags: string[];
  parent_id: string | null;
  /** the plan preset this scenario was seeded from ('baseline', 'stretch', ...), else null. */
  preset_id: string | null;
  frozen: boolean;
  frozen_label: string | null;
  /** set while the scenario is in the trash. */
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
  /** the revision the scenario currently shows (undo / redo move it). */
  head_rev: number;
  /** Monte Carlo seed: a child starts with its parent's, a clone keeps its source's. */
  seed: number;
}

/** A scenario with the assumptions it sets itself (its overrides; inherited ones are not here). */
export interface Scenario extends ScenarioMeta {
  assumptions: Assumption[];
}

/** What a scenario resolves to: its chain and, per series, the assumption in force. */
export interface Resolution {
  scenario_id: string;
  /** the revision of the scenario that was resolved (its head unless asked for another). */
  rev: number;
  /** the scenario, its parent, ... up to the root (the root preset scenario, usually). */
  chain: ScenarioMeta[];
  /**
   * series id -> assumption in force. `from` is the scenario id that set it, or
   * 'plan:<presetId>' for the plan's defaults (the assumptions of the plan's root preset).
   */
  assumptions: Record<string, ResolvedAssumption>;
}

export type RevisionOp =
  | 'create'
  | 'seed'
  | 'clone'
  | 'import'
  | 'update'
  | 'set_assumption'
  | 'set_assumptions'
  | 'reset_to_parent'
  | 'freeze'
  | 'delete'
  | 'restore'
  | 'restore_revision';

export interface RevisionMeta {
  scenario_id: string;
  rev: number;
  /** the revision this one was made from (null for the first). Undo moves the head here. */
  parent_rev: number | null;
  op: RevisionOp;
  author: string;
  created_at: string;
  /** true for the revision the scenario currently shows. */
  is_head: boolean;
  /**
   * For assumption edits (set_assumption(s), reset_to_parent, restore_revision): each field
   * that changed, with the value in force before and after (store.history fills it in).
   */
  changes?: RevisionChange[];
}

/** One changed field of one series' assumption: `model.rate` 0.045 -> 0.035. */
export interface RevisionChange {
  series: string;
  /** `base_value`, `model.type`, `model.<param>`, `uncertainty.<key>`, `rationale`, `source`. */
  field: string;
  old: number | string | null;
  new: number | string | null;
  /** the growth model type after the change (before it, for a removed override): tells units. */
  model: string;
}

export interface UndoState {
  head_rev: number;
  can_undo: boolean;
  can_redo: boolean;
}

export interface DiffEntry {
  series: string;
  /** the assumption in force in A (null when A has none for this series). */
  a: ResolvedAssumption | null;
  b: ResolvedAssumption | null;
  /**
   * what differs: 'model.type', 'model.rate', 'model.projects', 'base_value', 'uncertainty'
   * (one side has none), 'uncertainty.low', 'rationale', 'source'; 'assumption' when only one
   * side has an assumption. Author and updated_at are not compared.
   */
  fields: string[];
}

export interface TargetEffect {
  target: string;
  name_zh: string;
  name_en: string;
  unit: string;
  series: string;
  /** the judged quantity in the target year (level, share, % reduction, average growth %). */
  a: number | null;
  b: number | null;
  /** b - a (null when either is null). */
  change: number | null;
  met_a: boolean | null;
  met_b: boolean | null;
  status_a: string | null;
  status_b: string | null;
  /** true when the projected value or the verdict differs. */
  changed: boolean;
}

/** An actual as stored: the zod `Actual` plus its row id and entry time. */
export interface StoredActual {
  id: number;
  series: string;
  period: string;
  value: number;
  value_kind: ValueKind;
  source: { title: string; url: string | null; date: string | null; reliability: Reliability };
  vintage: string | null;
  note: string;
  entered_by: string;
  entered_at: string;
  deleted_at: string | null;
}

/** The planner's choice of the record in force among conflicting actuals of one series and period. */
export interface ActualChoice {
  series: string;
  period: string;
  /** the entered record chosen; null: the plan file's record. */
  chosen_id: number | null;
  /** the entered records this choice set aside (kept, marked deleted; restored by another choice). */
  set_aside: number[];
  chosen_by: string;
  chosen_at: string;
}

/** One record of a conflict, as the Data screen shows it. */
export interface ActualConflictRecord {
  /** 'plan:<index in the plan's actuals>' or 'entered:<id>': what `actuals:choose` takes. */
  key: string;
  origin: 'plan' | 'entered';
  id: number | null;
  value: number;
  value_kind: ValueKind;
  source: { title: string; url: string | null; date: string | null; reliability: Reliability };
  vintage: string | null;
  note: string;
  entered_by: string;
  entered_at: string | null;
  /** the record the projections use. */
  in_force: boolean;
  /** set aside by the planner's choice (an entered record kept, marked deleted). */
  set_aside: boolean;
}

/**
 * Actuals of one series and period that contradict each other (models/actual-conflicts.ts): values
 * far apart from different sources. `decided` when the planner chose the one in force and it
 * still is; a figure entered later opens it again.
 */
export interface ActualConflict {
  series: string;
  period: string;
  records: ActualConflictRecord[];
  decided: { by: string; at: string } | null;
}

export interface MilestoneState {
  id: string;
  done: boolean;
  note: string;
  updated_at: string;
  author: string;
}

export interface BackupInfo {
  /** absolute path of the backup file. */
  file: string;
  name: string;
  reason: string;
  /** when it was taken (from the file name, UTC). */
  created_at: string;
  size: number;
}

export interface RestoreResult {
  /** the database file now holding the backup's contents. */
  restored: string;
  /** where the file that was in place before now is (null when there was none). */
  kept: string | null;
}

export interface ImportResult {
  kind: 'scenario' | 'workspace';
  /** scenarios created: their new id and name, and their id in the file. */
  created: { id: string; name: string; source_id: string }[];
  /** names changed because a scenario of that name already existed. */
  renamed: { from: string; to: string }[];
  /** presets in the file identical to the local ones: used as parents, not copied. */
  mapped_presets: { source_id: string; id: string; preset_id: string }[];
  actuals_added: number;
  actuals_skipped: number;
  milestones_updated: number;
  settings_added: string[];
}

// ---------------------------------------------------------------------------------------------
// Plan
// ---------------------------------------------------------------------------------------------

/** One target of the catalog (指标目录), as `targets --json` prints it and the target list shows it. */
export interface CatalogEntry {
  id: string;
  /** Chinese indicator name (指标名称). */
  name: string;
  name_en: string;
  section: string;
  /** Section code as the plan writes it: 总体目标, 一, 二 ... */
  section_code: string;
  item: string | null;
  /** Item code as the plan writes it: (一), (二) ... ; null in the preamble. */
  item_code: string | null;
  unit: string;
  kind: TargetKind;
  comparator: Comparator;
  comparator_zh: string;
  /** A number, or [min, max] for a range; for a reduction, the size of the fall in percent. */
  target: number | [number, number];
  target_year: number;
  /** The target's own base year, else the setting, else the plan's. */
  base_year: number;
  /** First year counted for cumulative / annual_flow targets (default: base year + 1). */
  start_year: number;
  responsible: string[];
  enterprises: string[];
  source_text: string;
  series: string;
  headline: boolean;
  binding: 'binding' | 'anticipatory' | null;
}

/** A problem in a plan file: where (`targets[3].target_year`; '' for the file as a whole) and what. */
export interface PlanIssue {
  path: string;
  message_zh: string;
  message_en: string;
}

/** The fields an indicator table maps to columns. */
export const MAPPING_FIELDS = ['name', 'unit', 'base_value', 'target', 'target_year', 'responsible'] as const;
export type MappingField = (typeof MAPPING_FIELDS)[number];
/** 0-based column index of each field, or null when the sheet has no such column. */
export type ColumnMapping = Record<MappingField, number | null>;

/** A bad row of an indicator table, and why (one such row and no plan is built: all or nothing). */
export interface RejectedRow {
  /** 1-based sheet row. */
  row: number;
  /** The indicator's name in the row, when it gives one. */
  name?: string;
  reasons_zh: string[];
  reasons_en: string[];
}

export interface TableImportReply {
  sheets: string[];
  sheet: string;
  header_row: number;
  headers: string[];
  preview: unknown[][];
  row_count: number;
  mapping: ColumnMapping;
  fields: { field: string; zh: string; en: string }[];
  result: { ok: boolean; plan: Plan | null; errors: PlanIssue[]; rejected: RejectedRow[] } | null;
}

// ---------------------------------------------------------------------------------------------
// Year-to-date figures and nowcasts
// ---------------------------------------------------------------------------------------------

export type YtdField =
  'series' | 'year' | 'month' | 'cumulative' | 'growth' | 'source_title' | 'release_date' | 'unit' | 'period' | 'sheet';

/** The columns the year-to-date import reads; a mapping gives each its 0-based column, -1 for none (the actuals import's model). */
export const YTD_SHEET_FIELDS = [
  'series',
  'unit',
  'year',
  'month',
  'period',
  'cumulative',
  'growth',
  'source_title',
  'release_date',
] as const;
export type YtdSheetField = (typeof YTD_SHEET_FIELDS)[number];
export type YtdColumnMapping = Record<YtdSheetField, number>;

/** One actual a year-to-date import will store (the dry run's preview), as the planner reads it. */
export interface YtdPreviewRow {
  row: number;
  series: string;
  name_zh: string;
  name_en: string;
  unit: string;
  /** YYYY-MM */
  period: string;
  /** "2026年1-10月" / "January–October 2026" */
  period_zh: string;
  period_en: string;
  value: number;
  value_kind: 'actual' | 'estimate';
  /** the year-to-date growth as a fraction, when given. */
  growth: number | null;
  /** true when no cumulative was given: the value is implied from a base, for display only. */
  implied: boolean;
}

/** A refused row of a year-to-date sheet: the sheet row, the column and why. */
export interface YtdRowError {
  row: number;
  field: YtdField;
  /** the sheet's column letter (D), when the field was read from one. */
  column?: string;
  message_zh: string;
  message_en: string;
}

export interface YtdImportResult {
  stored: number;
  /** Far-off values (models/plausibility.ts): shown on a dry run; a real run needs confirm: true. */
  warnings?: PlausibilityWarning[];
  errors: YtdRowError[];
  columns: Record<string, string | null> | null;
  /** the mapping used (the planner's, else the guess from the headers); null when the sheet could not be read. */
  mapping: YtdColumnMapping | null;
  /** the header row's texts and its 1-based row. */
  headers: string[] | null;
  header_row: number | null;
  /** the period the whole sheet is of, read from its title or the cumulative column's header, or the planner's; year and month of a year-to-date period (null for a single quarter). */
  sheet_period: { zh: string; en: string; from: 'title' | 'header' | 'planner'; year: number | null; month: number | null } | null;
  /** what will be (or was) stored, at most 500 rows; empty when there are errors. */
  preview: YtdPreviewRow[];
  /** how many actuals will be (or were) stored. */
  will_store: number;
  /** sheet rows left out because they hold neither a cumulative nor a growth (headings, blank template rows). */
  skipped_rows: number[];
}

export interface NowcastReport extends NowcastResult {
  indicator: string;
  backtest_all: BacktestResult[];
}

// ---------------------------------------------------------------------------------------------
// Briefing pack
// ---------------------------------------------------------------------------------------------

/** A written briefing file (workbook or PDF), its bytes in base64. */
export interface BriefingFile {
  file_name: string;
  content_base64: string;
  bytes: number;
}

/** Two scenarios compared: what differs in their assumptions, and its effect on each target. */
export interface DiffResult {
  a: ScenarioMeta;
  b: ScenarioMeta;
  assumptions: DiffEntry[];
  effects: TargetEffect[];
}

// ---------------------------------------------------------------------------------------------
// Sheets read on the server, and the Data screen's import
// ---------------------------------------------------------------------------------------------

export interface SheetPreview {
  file_name: string;
  kind: 'csv' | 'xlsx';
  encoding: string | null;
  sheets: string[];
  sheet: string;
  /** 1-based line of the header row found (title rows above it skipped). */
  header_line: number;
  /** The first rows from the header on, as the planner sees them. */
  rows: { line: number; fields: string[] }[];
  /** Non-blank rows below the header. */
  data_rows: number;
}

export interface ActualsImportReply {
  dry_run: boolean;
  /** Rows that would be (or were) stored. */
  valid: number;
  /** The first rejected rows with their reasons (all are counted in rejected_count). */
  rejected: ActualsRejectedRow[];
  rejected_count: number;
  /** Actuals stored: 0 on a dry run, and 0 whenever a row is rejected (all or nothing). */
  stored: number;
  /** Far-off values (models/plausibility.ts): shown on a dry run; a real run needs confirm: true. */
  warnings?: PlausibilityWarning[];
  /** Conflicts with stored or plan records (models/actual-conflicts.ts) this import opened; set when it stored rows. */
  conflicts?: number;
}

// ---------------------------------------------------------------------------------------------
// Collecting figures from the reporting units (数据征集)
// ---------------------------------------------------------------------------------------------

export interface CollectReporters {
  units: string[];
  reporters: { series: string; unit: string | null; chosen: boolean; candidates: string[] }[];
}

export interface CollectExport {
  round_id: string;
  files: { unit: string; file_name: string; content_base64: string }[];
}

/** Every unit's workbook of a round in one zip (UTF-8 names, the language-encoding flag set). */
export interface CollectExportZip {
  round_id: string;
  file_name: string;
  /** the units whose workbooks it holds, in order */
  units: string[];
  content_base64: string;
}

export interface Round {
  id: string;
  name: string;
  contact: string;
  phone: string;
  return_date: string;
  ytd_month: number;
  units: string[];
  created_at: string;
  author: string;
}

export interface FigureNote {
  series: string;
  name_zh: string;
  period: string;
  cell: string;
  value?: number;
  stored_value?: number;
  message_zh?: string;
  message_en?: string;
}

export interface ImportReport {
  file_name: string;
  outcome: 'stored' | 'refused';
  unit: string;
  round_id: string | null;
  request_id: string | null;
  filled_by: string;
  filled_at: string;
  /** why the whole file was refused (wrong unit, plan, layout ...); empty when it was read. */
  reason_zh: string;
  reason_en: string;
  /** 'moved_columns' when the columns were moved: importing again with confirm_mapping maps them. */
  reason_code:
    'moved_columns' | 'wrong_unit' | 'wrong_plan' | 'wrong_round' | 'unknown_request' | 'layout' | 'unreadable' | 'figures' | null;
  /** the columns as found, for the planner to confirm (moved columns). */
  mapping: { column: string; label: string }[];
  stored: FigureNote[];
  refused: FigureNote[];
  empty: FigureNote[];
  unchanged: FigureNote[];
  conflicts: FigureNote[];
  import_id: number | null;
}

export interface Conflict {
  id: number;
  import_id: number;
  unit: string;
  file_name: string;
  series: string;
  name_zh: string;
  period: string;
  value: number;
  stored_value: number;
  stored_id: number;
  resolution: 'take' | 'keep' | null;
  resolved_at: string | null;
  resolved_by: string | null;
}

export interface UnitStatus {
  unit: string;
  state: UnitState;
  indicators: number;
  imports: number;
  last_file: string | null;
  last_outcome: 'stored' | 'refused' | null;
  last_reason_zh: string;
  open_conflicts: number;
}

export interface RoundStatus {
  round: Round;
  units: UnitStatus[];
  imports: {
    id: number;
    unit: string;
    file_name: string;
    outcome: string;
    filled_by: string;
    imported_at: string;
    stored: number;
    refused: number;
    empty: number;
    conflicts: number;
  }[];
  conflicts: Conflict[];
  effect: RoundEffect | null;
}
