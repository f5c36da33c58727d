/**
 * The one API contract: channel -> request schema (validated with zod at every boundary) ->
 * response type. Served by Electron IPC (electron/main/ipc.ts, relayed to the utility process),
 * the loopback web host (web/) and the CLI (cli/), all through `dispatch` with one handler map
 * (api/handlers.ts).
 *
 * Pure: imports only models/ and zod, so the renderer and the preload may use it too.
 */
import { z } from 'zod';
import { Actual, Assumption, EvalSettings, Id, Period, Reliability, Year } from '../models/schema';
import type { Plan } from '../models/schema';
import type { ProjectionResult } from '../models/types';
import type { SimulationResult } from '../models/montecarlo';
import type { AttributionResult, SensitivityMatrix, TornadoResult } from '../models/sensitivity';
import { SettingsPatch, type AppSettings } from './settings';
import { YTD_SHEET_FIELDS } from './types';
import type {
  ActualConflict,
  ActualsImportReply,
  AppInfo,
  BackupInfo,
  BriefingFile,
  CatalogEntry,
  CollectExport,
  CollectExportZip,
  CollectReporters,
  Conflict,
  DiffResult,
  ImportReport,
  ImportResult,
  MilestoneState,
  NowcastActuals,
  NowcastReport,
  ReforecastNote,
  Resolution,
  RestoreResult,
  RevisionMeta,
  Round,
  RoundStatus,
  Scenario,
  ScenarioMeta,
  SheetPreview,
  StoredActual,
  TableImportReply,
  UndoState,
  YtdImportResult,
  YtdSheetField,
} from './types';

const ScenarioId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'invalid scenario id');
const Name = z.string().trim().min(1, '名称不能为空 / name must not be empty').max(100);
const Description = z.string().max(4000);
const Tags = z.array(z.string().trim().min(1).max(40)).max(20);
const Ref = z.object({ id: ScenarioId, rev: z.number().int().min(1).optional() });
const NoInput = z.object({}).strict();

/** The channel map. Add a channel here and the compiler asks for its handler in every host. */
export const contract = {
  'app:info': { req: NoInput, res: {} as AppInfo },
  'plan:get': { req: NoInput, res: {} as Plan },
  'plan:catalog': { req: NoInput, res: [] as CatalogEntry[] },
  'plan:importTable': {
    req: z
      .object({
        content_base64: z.string().min(1).max(30_000_000),
        file_name: z.string().max(255).optional(),
        sheet: z.string().max(100).optional(),
        mapping: z
          .record(
            z.enum(['name', 'unit', 'base_value', 'target', 'target_year', 'responsible']),
            z.number().int().min(0).max(1000).nullable(),
          )
          .optional(),
        plan_id: Id.optional(),
        title_zh: z.string().trim().min(1).max(300).optional(),
        base_year: Year.optional(),
        target_year: Year.optional(),
      })
      .strict(),
    res: {} as TableImportReply,
  },
  'plan:activate': {
    req: z.union([z.object({ content: z.unknown() }).strict(), z.object({ default: z.literal(true) }).strict()]),
    res: {} as AppInfo,
  },
  'settings:get': { req: NoInput, res: {} as AppSettings },
  'settings:set': { req: SettingsPatch, res: {} as AppSettings },

  'scenarios:list': {
    req: z.object({ state: z.enum(['live', 'trash', 'all']).optional() }).strict(),
    res: [] as ScenarioMeta[],
  },
  'scenarios:get': { req: z.object({ id: ScenarioId }).strict(), res: {} as Scenario },
  'scenarios:resolve': { req: z.object({ id: ScenarioId }).strict(), res: {} as Resolution },
  'scenarios:create': {
    req: z
      .object({
        name: Name,
        description: Description.optional(),
        tags: Tags.optional(),
        parent_id: ScenarioId.nullable().optional(),
        assumptions: z.array(Assumption).max(1000).optional(),
      })
      .strict(),
    res: {} as Scenario,
  },
  'scenarios:update': {
    req: z
      .object({
        id: ScenarioId,
        name: Name.optional(),
        description: Description.optional(),
        tags: Tags.optional(),
        parent_id: ScenarioId.nullable().optional(),
      })
      .strict(),
    res: {} as Scenario,
  },
  'scenarios:setAssumptions': {
    req: z.object({ id: ScenarioId, assumptions: z.array(Assumption).min(1).max(1000) }).strict(),
    res: {} as Scenario,
  },
  'scenarios:resetToParent': { req: z.object({ id: ScenarioId, series: Id }).strict(), res: {} as Scenario },
  /**
   * A correlation group's loading in this scenario (models/correlation.ts withGroupLoading): written
   * on every member with a range in one revision (undone in one step); null: the plan's loading.
   * The loading is checked by the model (0 ≤ λ < 1), with a message naming the group.
   */
  'scenarios:setGroupLoading': {
    req: z.object({ id: ScenarioId, group: Id, loading: z.number().nullable() }).strict(),
    res: {} as Scenario,
  },
  'scenarios:clone': { req: z.object({ id: ScenarioId, name: Name }).strict(), res: {} as Scenario },
  'scenarios:freeze': {
    req: z.object({ id: ScenarioId, label: z.string().trim().min(1).max(100) }).strict(),
    res: {} as Scenario,
  },
  'scenarios:delete': { req: z.object({ id: ScenarioId }).strict(), res: {} as ScenarioMeta },
  'scenarios:restore': { req: z.object({ id: ScenarioId }).strict(), res: {} as ScenarioMeta },
  'scenarios:emptyTrash': { req: z.object({ confirm: z.literal(true) }).strict(), res: {} as { removed: number } },
  'scenarios:history': { req: z.object({ id: ScenarioId }).strict(), res: [] as RevisionMeta[] },
  'scenarios:getRevision': {
    req: z.object({ id: ScenarioId, rev: z.number().int().min(1) }).strict(),
    res: {} as Scenario,
  },
  'scenarios:restoreRevision': {
    req: z.object({ id: ScenarioId, rev: z.number().int().min(1) }).strict(),
    res: {} as Scenario,
  },
  'scenarios:undoState': { req: z.object({ id: ScenarioId }).strict(), res: {} as UndoState },
  'scenarios:undo': { req: z.object({ id: ScenarioId }).strict(), res: {} as Scenario },
  'scenarios:redo': { req: z.object({ id: ScenarioId }).strict(), res: {} as Scenario },
  'scenarios:diff': { req: z.object({ a: Ref, b: Ref }).strict(), res: {} as DiffResult },
  'scenarios:export': {
    req: z.object({ id: ScenarioId.optional(), workspace: z.boolean().optional() }).strict(),
    res: {} as { file_name: string; content: unknown },
  },
  'scenarios:import': {
    req: z.object({ content: z.unknown() }).strict(),
    res: {} as ImportResult,
  },

  'projection:run': {
    req: z.object({ id: ScenarioId, settings: EvalSettings.partial().optional() }).strict(),
    res: {} as ProjectionResult,
  },

  'projection:runFile': {
    req: z.object({ content: z.unknown(), settings: EvalSettings.partial().optional() }).strict(),
    res: {} as ProjectionResult,
  },

  'nowcast:import': {
    req: z
      .object({
        content_base64: z.string().min(1).max(30_000_000),
        kind: z.enum(['xlsx', 'csv']),
        dry_run: z.boolean().optional(),
        /** far-off values were shown to the user and confirmed (the answer was needs_confirmation). */
        confirm: z.boolean().optional(),
        file_name: z.string().min(1).max(260).optional(),
        /** field -> 0-based column (-1: none), over the guess from the headers. */
        mapping: z
          .object(
            Object.fromEntries(YTD_SHEET_FIELDS.map((f) => [f, z.number().int().min(-1).max(1000).optional()])) as Record<
              YtdSheetField,
              z.ZodOptional<z.ZodNumber>
            >,
          )
          .strict()
          .optional(),
        header_row: z.number().int().min(1).max(100).optional(),
        /** the sheet's period as the planner gives it ("2026年1-10月"), over the title's. */
        period: z.string().max(40).optional(),
      })
      .strict(),
    res: {} as YtdImportResult,
  },
  'nowcast:template': {
    req: z.object({ year: Year.optional(), month: z.number().int().min(1).max(12).optional() }).strict(),
    res: {} as { file_name: string; content_base64: string },
  },
  'nowcast:list': { req: z.object({ year: Year.optional() }).strict(), res: {} as NowcastActuals & { year: number } },
  'nowcast:estimate': {
    req: z.object({ indicator: z.string().min(1).max(64), year: Year.optional() }).strict(),
    res: {} as NowcastReport,
  },
  'scenarios:reforecast': {
    req: z.object({ id: ScenarioId, name: z.string().trim().max(100).optional() }).strict(),
    res: {} as { scenario: Scenario; notes: ReforecastNote[]; nowcast_series: string[] },
  },

  'simulation:run': {
    req: z
      .object({
        id: ScenarioId,
        draws: z.number().int().min(100).max(100_000).optional(),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 32 - 1)
          .optional(),
        joint: z.array(Id).max(100).optional(),
        /** 'on': also draw the assumed base values and bound-type actuals (models/base-ranges.ts); default off */
        base_ranges: z.enum(['off', 'on']).optional(),
        /** loadings at which to recompute the joint probability per correlation group (joint_by_loading); needs joint */
        joint_sweep: z.array(z.number()).max(10).optional(),
      })
      .strict(),
    res: {} as SimulationResult,
  },
  'sensitivity:tornado': { req: z.object({ id: ScenarioId, target: Id }).strict(), res: {} as TornadoResult },
  'sensitivity:matrix': { req: z.object({ id: ScenarioId }).strict(), res: {} as SensitivityMatrix },
  'attribution:run': { req: z.object({ a: Ref, b: Ref }).strict(), res: {} as AttributionResult },

  'briefing:export': {
    req: z
      .object({
        ids: z.array(ScenarioId).min(1).max(4),
        /** xlsx / pdf: the briefing pack; docx / report_pdf: the final evaluation (终期评估报告). */
        format: z.enum(['xlsx', 'pdf', 'docx', 'report_pdf']),
        language: z.enum(['zh-CN', 'en']).optional(),
      })
      .strict(),
    res: {} as BriefingFile,
  },

  'actuals:list': { req: z.object({ series: Id.optional() }).strict(), res: [] as StoredActual[] },
  'actuals:add': {
    req: z.object({ actuals: z.array(Actual).min(1).max(10000), confirm: z.boolean().optional() }).strict(),
    res: [] as StoredActual[],
  },
  'actuals:delete': { req: z.object({ id: z.number().int().min(1) }).strict(), res: {} as { deleted: number } },
  /** Actuals of one series and period that contradict each other (models/actual-conflicts.ts), with the one in force. */
  'actuals:conflicts': { req: z.object({}).strict(), res: [] as ActualConflict[] },
  /** Enters one actual (the Data screen's form); answers the conflict it opens, null when it contradicts nothing. */
  'actuals:enter': {
    req: z
      .object({
        actual: Actual,
        /** far-off values were shown to the user and confirmed (the answer was needs_confirmation). */
        confirm: z.boolean().optional(),
      })
      .strict(),
    res: {} as { stored: StoredActual; conflict: ActualConflict | null },
  },
  /** The planner chooses which of the conflicting records is in force; answers the conflicts anew. */
  'actuals:choose': {
    req: z
      .object({
        series: Id,
        period: Period,
        record: z.string().regex(/^(plan|entered):\d{1,9}$/, 'plan:<n> or entered:<id>'),
      })
      .strict(),
    res: [] as ActualConflict[],
  },
  /** The Data screen's import: the server reads the file (bytes) and previews it, then checks and stores it all or nothing. */
  'sheets:preview': {
    req: z
      .object({
        content_base64: z.string().min(1).max(30_000_000),
        file_name: z.string().trim().min(1).max(255),
        sheet: z.string().max(100).optional(),
      })
      .strict(),
    res: {} as SheetPreview,
  },
  'actuals:import': {
    req: z
      .object({
        content_base64: z.string().min(1).max(30_000_000),
        file_name: z.string().trim().min(1).max(255),
        sheet: z.string().max(100).optional(),
        data_from_line: z.number().int().min(1).max(1_000_000),
        mapping: z.record(
          z.enum([
            'series',
            'period',
            'value',
            'value_kind',
            'source_title',
            'source_url',
            'source_date',
            'reliability',
            'vintage',
            'note',
          ]),
          z.number().int().min(-1).max(1000),
        ),
        source_title: z.string().max(300),
        reliability: Reliability,
        dry_run: z.boolean().optional(),
        /** far-off values were shown to the user and confirmed (the answer was needs_confirmation). */
        confirm: z.boolean().optional(),
      })
      .strict(),
    res: {} as ActualsImportReply,
  },

  'milestones:list': { req: NoInput, res: [] as MilestoneState[] },
  'milestones:set': {
    req: z.object({ id: Id, done: z.boolean(), note: z.string().max(2000).optional() }).strict(),
    res: {} as MilestoneState,
  },

  'collect:reporters': { req: NoInput, res: {} as CollectReporters },
  'collect:setReporters': {
    req: z
      .object({
        reporters: z
          .array(z.object({ series: Id, unit: z.string().min(1).max(100).nullable() }).strict())
          .min(1)
          .max(2000),
      })
      .strict(),
    res: {} as CollectReporters,
  },
  'collect:createRound': {
    req: z
      .object({
        name: Name,
        contact: z.string().max(100).optional(),
        phone: z.string().max(40).optional(),
        return_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '报送截止日期应为 YYYY-MM-DD / the return date must be YYYY-MM-DD'),
        ytd_month: z.number().int().min(1).max(12),
        units: z.array(z.string().min(1).max(100)).min(1).max(200).optional(),
      })
      .strict(),
    res: {} as Round,
  },
  'collect:rounds': { req: NoInput, res: [] as Round[] },
  'collect:status': { req: z.object({ round_id: z.string().min(1).max(64).optional() }).strict(), res: {} as RoundStatus | null },
  'collect:export': {
    req: z.object({ round_id: z.string().min(1).max(64), units: z.array(z.string().min(1).max(100)).max(200).optional() }).strict(),
    res: {} as CollectExport,
  },
  'collect:exportZip': {
    req: z.object({ round_id: z.string().min(1).max(64), units: z.array(z.string().min(1).max(100)).max(200).optional() }).strict(),
    res: {} as CollectExportZip,
  },
  'collect:import': {
    req: z
      .object({
        round_id: z.string().min(1).max(64).optional(),
        expect_unit: z.string().min(1).max(100).optional(),
        confirm_mapping: z.boolean().optional(),
        files: z
          .array(z.object({ name: z.string().min(1).max(300), content_base64: z.string().min(1).max(30_000_000) }).strict())
          .min(1)
          .max(100),
      })
      .strict(),
    res: {} as { reports: ImportReport[] },
  },
  'collect:resolve': {
    req: z.object({ id: z.number().int().min(1), choice: z.enum(['take', 'keep']) }).strict(),
    res: {} as Conflict,
  },

  'backups:list': { req: NoInput, res: [] as BackupInfo[] },
  'backups:create': { req: NoInput, res: {} as BackupInfo },
  'backups:restore': {
    req: z
      .object({
        name: z
          .string()
          .min(1)
          .max(200)
          .regex(/^[^/\\]+$/, 'a backup file name, not a path'),
      })
      .strict(),
    res: {} as RestoreResult,
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Req<C extends Channel> = z.input<Contract[C]['req']>;
export type ParsedReq<C extends Channel> = z.output<Contract[C]['req']>;
export type Res<C extends Channel> = Contract[C]['res'];

export const CHANNELS = Object.keys(contract) as Channel[];

/**
 * The channels that change the database (or replace it, or switch to another one). In the
 * read-only view (AppInfo.read_only: the database file or folder cannot be written) each is
 * refused with 'read_only' before its handler runs; every other channel reads, or writes only a
 * file the planner asked for (exports), and goes on working.
 */
export const WRITE_CHANNELS: ReadonlySet<Channel> = new Set<Channel>([
  'plan:activate',
  'settings:set',
  'scenarios:create',
  'scenarios:update',
  'scenarios:setAssumptions',
  'scenarios:resetToParent',
  'scenarios:setGroupLoading',
  'scenarios:clone',
  'scenarios:freeze',
  'scenarios:delete',
  'scenarios:restore',
  'scenarios:emptyTrash',
  'scenarios:restoreRevision',
  'scenarios:undo',
  'scenarios:redo',
  'scenarios:import',
  'scenarios:reforecast',
  'nowcast:import',
  'actuals:add',
  'actuals:delete',
  'actuals:import',
  'milestones:set',
  'collect:setReporters',
  'collect:createRound',
  'collect:import',
  'collect:resolve',
  'backups:create',
  'backups:restore',
]);

/** Whether this request would write: a write channel, except an import's dry run (it only checks). */
export function isWriteRequest(channel: Channel, request: unknown): boolean {
  if (!WRITE_CHANNELS.has(channel)) return false;
  if (
    (channel === 'actuals:import' || channel === 'nowcast:import') &&
    typeof request === 'object' &&
    request !== null &&
    (request as { dry_run?: unknown }).dry_run === true
  )
    return false;
  return true;
}

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export interface HandlerContext {
  host: 'electron' | 'web' | 'cli';
}

/** The handler map: a missing channel is a compile error in every host. */
export type Handlers = {
  [C in Channel]: (req: ParsedReq<C>, ctx: HandlerContext) => Promise<Res<C>> | Res<C>;
};
