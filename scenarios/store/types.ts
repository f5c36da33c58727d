/**
 * DTOs of the scenario store: what its methods take and return. Types only (plus the error
 * class, re-exported). The shapes that cross the API (ScenarioMeta, Scenario, StoredActual ...)
 * are the contract's (contract/types.ts) and re-exported here.
 */
import type { z } from 'zod';
import type { Actual, Assumption, Assumption as AssumptionSchema } from '../../models/schema';
import type { ResolvedAssumption } from '../../models/types';

export type { StoreErrorCode, StoreErrorDetails } from './errors';
export { StoreError } from './errors';
export type {
  ActualChoice,
  BackupInfo,
  DiffEntry,
  ImportResult,
  MilestoneState,
  Resolution,
  RestoreResult,
  RevisionChange,
  RevisionMeta,
  RevisionOp,
  Scenario,
  ScenarioMeta,
  StoredActual,
  TargetEffect,
  UndoState,
} from '../../contract/types';
import type { DiffEntry, MilestoneState, RevisionMeta, Scenario, StoredActual, TargetEffect } from '../../contract/types';

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

/**
 * A scenario as it was at one revision (name, parent, assumptions ... from that revision's
 * document; id, created_at and head_rev are the scenario's), with the revision's own metadata
 * and the stored document.
 */
export interface Revision extends Scenario {
  revision: RevisionMeta;
  doc: ScenarioDoc;
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

export interface DiffWithEffect {
  assumptions: DiffEntry[];
  targets: TargetEffect[];
}

/** What callers pass for an assumption (defaults may be left out); validated at runtime. */
export type AssumptionInput = z.input<typeof AssumptionSchema>;

/** Raw actual input (validated with the zod `Actual`). */
export type ActualInput = Partial<Actual> & Record<string, unknown>;

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

export type { ResolvedAssumption };
