/**
 * The response types of the contract: pure data shapes, as they cross IPC, HTTP and the CLI's
 * JSON. The store, the plan readers and the API handlers build them; hosts and the renderer read
 * them. Types only: nothing here pulls in Node, SQLite or the DOM.
 */
import type { BacktestResult, NowcastResult } from '../models/nowcast';
import type { Assumption, Comparator, Plan, Reliability, TargetKind, ValueKind } from '../models/schema';
import type { ResolvedAssumption } from '../models/types';

export type { NowcastActuals, NowcastSkip, ReforecastAction, ReforecastNote } from '../models/reforecast-types';

// ---------------------------------------------------------------------------------------------
// The app
// ---------------------------------------------------------------------------------------------

export interface AppInfo {
  version: string;
  db_path: string;
  plan_id: string;
  host: 'electron' | 'web' | 'cli';
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

/** A row of an indicator table that did not become a target, and why. */
export interface RejectedRow {
  /** 1-based sheet row. */
  row: number;
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

export type YtdField = 'series' | 'year' | 'month' | 'cumulative' | 'growth' | 'source_title' | 'release_date';

/** A refused row of a year-to-date sheet: the sheet row, the column and why. */
export interface YtdRowError {
  row: number;
  field: YtdField;
  message_zh: string;
  message_en: string;
}

export interface YtdImportResult {
  stored: number;
  errors: YtdRowError[];
  columns: Record<string, string | null> | null;
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
