/**
 * The rows of the store's tables as SQLite returns them (scenarios/store/migrations.ts has the
 * schema): one type per table, in one place. Statements are typed with them
 * (`ctx.stmt<Params, Row>(sql)`, better-sqlite3's `Statement<Params, Row>`), so no result is cast;
 * a query of a few columns takes a `Pick` of its table's row.
 */

/** meta: the plan id and the creation date of the file. */
export interface MetaRow {
  key: string;
  value: string;
}

/** scenarios: one row per scenario, denormalised from its head revision's document. */
export interface ScenarioRow {
  id: string;
  name: string;
  description: string;
  tags_json: string;
  parent_id: string | null;
  preset_id: string | null;
  seed: number;
  /** 0 or 1 */
  frozen: number;
  frozen_label: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
  head_rev: number;
}

/** The columns of `ScenarioRow`, in its order (SELECT and INSERT lists). */
export const SCENARIO_COLUMNS =
  'id, name, description, tags_json, parent_id, preset_id, seed, frozen, frozen_label, deleted_at, created_at, updated_at, head_rev';

/** revisions: the append-only history, one full document per revision. */
export interface RevisionRow {
  scenario_id: string;
  rev: number;
  parent_rev: number | null;
  op: string;
  author: string;
  created_at: string;
  doc_json: string;
}

/** A revision's metadata without its document (history lists). */
export type RevisionMetaRow = Omit<RevisionRow, 'doc_json'>;

/** actuals: every entered or imported vintage; deletion is soft. */
export interface ActualRow {
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
  deleted_by: string | null;
}

/** actual_choices: the record the planner chose to be in force per series and period. */
export interface ActualChoiceRow {
  series: string;
  period: string;
  chosen_id: number | null;
  set_aside_json: string;
  chosen_by: string;
  chosen_at: string;
}

/** milestones: the ticks of the plan's milestones. */
export interface MilestoneRow {
  id: string;
  /** 0 or 1 */
  done: number;
  note: string;
  updated_at: string;
  author: string;
}

/** settings: one JSON value per key. */
export interface SettingRow {
  key: string;
  value_json: string;
  updated_at: string;
}

/** collect_reporters: the 报送单位 chosen per input series. */
export interface ReporterRow {
  series: string;
  unit: string;
  updated_at: string;
  author: string;
}

/** `SELECT count(*) AS n` and `SELECT ... AS n`. */
export interface CountRow {
  n: number;
}

/** collect_rounds: a collection round (scenarios/collect/collect.ts). */
export interface CollectRoundRow {
  id: string;
  name: string;
  contact: string;
  phone: string;
  return_date: string;
  ytd_month: number;
  units_json: string;
  before_json: string;
  created_at: string;
  author: string;
}

/** collect_requests: one workbook sent, its layout and checksum. */
export interface CollectRequestRow {
  id: string;
  round_id: string;
  unit: string;
  layout_json: string;
  checksum: string;
}

/** collect_imports: every returned file tried, stored or refused, with its report. */
export interface CollectImportRow {
  id: number;
  round_id: string | null;
  request_id: string | null;
  unit: string;
  file_name: string;
  filled_by: string;
  filled_at: string;
  outcome: 'stored' | 'refused';
  report_json: string;
  imported_at: string;
  author: string;
}

/** collect_conflicts: a returned figure contradicting a stored record, until the planner decides. */
export interface CollectConflictRow {
  id: number;
  import_id: number;
  series: string;
  period: string;
  actual_json: string;
  stored_id: number;
  stored_value: number;
  resolution: 'take' | 'keep' | null;
  resolved_at: string | null;
  resolved_by: string | null;
}
