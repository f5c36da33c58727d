/**
 * DTOs of the scenario store: what its methods take and return. Types only (plus the error
 * class, re-exported), so the renderer and the API contract can import them without pulling in
 * SQLite.
 */
import type { Actual, Assumption, Reliability, ValueKind } from '../../models/schema';
import type { ResolvedAssumption } from '../../models/types';

export type { StoreErrorCode, StoreErrorDetails } from './errors';
export { StoreError } from './errors';

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

/** One ancestor pinned at a revision (a frozen scenario keeps the chain it was frozen with). */
export interface ChainPin {
  id: string;
  rev: number;
}

/**
 * The stored document of a scenario at one revision (revisions.doc_json). Carries its own
 * schema version so old documents can be upgraded when read.
 */
export interface ScenarioDoc {
  schema_version: 1;
  name: string;
  description: string;
  tags: string[];
  parent_id: string | null;
  preset_id: string | null;
  seed: number;
  frozen: boolean;
  frozen_label: string | null;
  /** for a frozen scenario: its ancestors at the revisions they had when it was frozen. */
  frozen_chain: ChainPin[] | null;
  deleted_at: string | null;
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

/**
 * A scenario as it was at one revision (name, parent, assumptions ... from that revision's
 * document; id, created_at and head_rev are the scenario's), with the revision's own metadata
 * and the stored document.
 */
export interface Revision extends Scenario {
  revision: RevisionMeta;
  doc: ScenarioDoc;
}

export interface UndoState {
  head_rev: number;
  can_undo: boolean;
  can_redo: boolean;
}

/** Options every scenario mutation takes. */
export interface MutationOptions {
  /** who made the change (default: the `user_name` setting, else ''). */
  author?: string;
  /** optimistic concurrency: refuse with 'conflict' unless the head is still this revision. */
  expected_rev?: number;
}

export interface CreateScenarioInput {
  name: string;
  description?: string;
  tags?: string[];
  parent_id?: string | null;
  /** the scenario's own overrides (raw input: validated with the zod `Assumption`). */
  assumptions?: unknown[];
  /** default: the parent's seed, or a random one. */
  seed?: number;
}

export interface ScenarioPatch {
  name?: string;
  description?: string;
  tags?: string[];
  parent_id?: string | null;
  seed?: number;
}

export interface ListOptions {
  /** 'live' (default), 'trash' (only trashed) or 'all'. */
  state?: 'live' | 'trash' | 'all';
}

/** A reference to a scenario, optionally at a revision other than its head. */
export interface ScenarioRef {
  id: string;
  rev?: number;
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

export interface DiffWithEffect {
  assumptions: DiffEntry[];
  targets: TargetEffect[];
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

/** Raw actual input (validated with the zod `Actual`). */
export type ActualInput = Partial<Actual> & Record<string, unknown>;

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

/** A scenario as carried in a file. */
export interface ExportedScenario {
  id: string;
  name: string;
  description: string;
  tags: string[];
  parent_id: string | null;
  /** the parent's preset id when the parent is a preset (mapped to the local preset on import). */
  parent_preset_id: string | null;
  preset_id: string | null;
  seed: number;
  /** true for an ancestor that is in the trash (needed by a live scenario in the file). */
  deleted: boolean;
  created_at: string;
  updated_at: string;
  assumptions: Assumption[];
}

export interface ScenarioFile {
  format: 'xianning-plan-studio/scenario';
  format_version: 1;
  plan_id: string;
  exported_at: string;
  exported_by: string | null;
  /** the scenario last; before it its non-preset ancestors, parents before children. */
  scenarios: ExportedScenario[];
}

export interface WorkspaceFile {
  format: 'xianning-plan-studio/workspace';
  format_version: 1;
  plan_id: string;
  exported_at: string;
  exported_by: string | null;
  scenarios: ExportedScenario[];
  actuals: Omit<StoredActual, 'id' | 'deleted_at'>[];
  milestones: MilestoneState[];
  settings: Record<string, unknown>;
  /** 报送单位 chosen per input series (docs/collect.md). */
  reporters: { series: string; unit: string }[];
}

export type ExportFile = ScenarioFile | WorkspaceFile;

export type { Assumption, ResolvedAssumption, Actual };
