/**
 * The handler map behind the one contract, shared by the three hosts (Electron IPC, the web host,
 * the CLI). Handlers receive requests already validated by `dispatch`; they call the plan loader,
 * the scenario store and the projection engine, and throw typed errors that `dispatch` turns into
 * envelopes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppSettings, HandlerContext, Handlers } from '../contract';
import { AppSettings as AppSettingsSchema } from '../contract';
import { ApiError, CHANNELS, isWriteRequest } from '../contract';
import { projectPlan } from '../models/engine';
import type { Actual, Assumption, EvalSettings, Plan } from '../models/schema';
import { evalSettingsOf } from '../models/schema';
import type { ProjectionResult } from '../models/types';
import { catalogJson } from '../scenarios/plan/catalog';
import { defaultDbPath } from '../scenarios/paths';
import { diffWithEffect } from '../scenarios/store/diff';
import { openStore, readOnlyRefusal, restoreBackup, type ScenarioStore } from '../scenarios/store/store';
import type { Resolution, StoredActual } from '../contract';
import { nowcastActuals } from '../models/reforecast';
import {
  actualsForProjection,
  currentPlanYear,
  decodeBase64,
  importYtd,
  nowcastIndicator,
  reforecastScenario,
  ytdTemplate,
} from './nowcast';
import { importActuals, previewSheet } from './sheets';
import { activatePlan, dbPathForPlan, importIndicatorTable, loadActivePlan, readPlanFile } from './plans';
import type { PdfRenderer } from './briefing';
import { resolveScenarioFile } from './scenario-file';
import { attribution, runSimulation, sensitivityMatrix, tornado } from './uncertainty';
import { guardAssumptions, guardImportFile, guardRecords, guardSettings } from './plausibility';
import { rankChosen } from '../models/actual-conflicts';
import { withGroupLoading } from '../models/correlation';
import { chooseInForce, enterActual, enteredInForce, listConflicts } from './actual-conflicts';
import { collectExport, collectExportZip, collectImport, collectReporters, collectService } from './collect';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface ApiOptions {
  /** the database file (default: the desktop app's). A plan other than the bundled one uses
   *  `<plan id>.sqlite` beside it, unless the plan was given explicitly with `plan`/`planFile`. */
  dbPath?: string;
  host: 'electron' | 'web' | 'cli';
  /** a plan other than the bundled one (another city's, the next plan). */
  plan?: Plan;
  /** a plan file to load (validated; errors name each field). */
  planFile?: string;
  /** how this host turns the briefing HTML into a PDF (Electron: printToPDF; web and CLI:
   *  Chromium, api/chromium-pdf.ts). Without one, PDF export answers 'unsupported'. */
  renderPdf?: PdfRenderer;
}

export interface Api {
  handlers: Handlers;
  readonly store: ScenarioStore;
  readonly plan: Plan;
  close(): void;
}

function appVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(here, '..', 'package.json'), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
}

/** Settings as stored, completed with defaults (the plan's base year, 5% tolerance, zh-CN). */
function readSettings(store: ScenarioStore, plan: Plan): AppSettings {
  const stored = store.getSettings();
  const parsed = AppSettingsSchema.safeParse({ ...stored, base_year: stored.base_year ?? plan.base_year });
  return parsed.success ? parsed.data : AppSettingsSchema.parse({ base_year: plan.base_year });
}

function evalSettings(settings: AppSettings, override?: Partial<EvalSettings>): Partial<EvalSettings> {
  return { ...evalSettingsOf(settings), ...(override ?? {}) };
}

/**
 * Live actuals from the database, latest vintage per series and period, in the engine's shape;
 * with the plan, a record the planner chose among conflicting ones is ranked above the plan's.
 */
function storedActuals(store: ScenarioStore, plan?: Plan): StoredActual[] {
  return plan ? enteredInForce(store, plan) : store.latestActuals();
}

function project(
  plan: Plan,
  assumptions: Record<string, Assumption>,
  actuals: Actual[],
  settings: Partial<EvalSettings>,
): ProjectionResult {
  return projectPlan({ plan, assumptions, actuals, settings });
}

const noPdfRenderer: PdfRenderer = () => {
  throw new ApiError('unsupported', '此程序未配置 PDF 生成', 'This host has no PDF renderer configured');
};

export function createApi(opts: ApiOptions): Api {
  const baseDb = path.resolve(opts.dbPath ?? defaultDbPath());
  const dataDir = path.dirname(baseDb);
  const explicit = opts.plan ?? (opts.planFile ? readPlanFile(opts.planFile) : null);
  // `plan` and `store` change when another plan is activated; handlers read them at call time.
  let plan = explicit ?? loadActivePlan(dataDir);
  let store = openStore(explicit ? baseDb : dbPathForPlan(baseDb, plan), { plan });
  const author = () => readSettings(store, plan).user_name;

  /** Stored actuals plus the nowcast of the plan year under way, so its status uses year-to-date data. */
  const projectionActuals = (settings: Partial<EvalSettings>) =>
    actualsForProjection(plan, storedActuals(store, plan), settings.as_of_year ?? readSettings(store, plan).as_of_year).actuals;
  const runProjection = (resolution: Resolution, override?: Partial<EvalSettings>) => {
    const settings = evalSettings(readSettings(store, plan), override);
    return project(plan, resolution.assumptions, projectionActuals(settings), settings);
  };
  const today = () => new Date().toISOString().slice(0, 10);
  const projectionInput = (id: string) => {
    const settings = evalSettings(readSettings(store, plan));
    return { plan, assumptions: store.resolve(id).assumptions, actuals: projectionActuals(settings), settings };
  };

  const rootPreset = () => plan.presets.find((p) => p.parent === null)?.id ?? 'baseline';
  const collect = () => collectService(store, plan, author(), () => runProjection(store.resolve(rootPreset())));

  const info = () => ({
    version: appVersion(),
    db_path: store.path,
    plan_id: plan.id,
    host: opts.host,
    read_only: store.readOnly !== null,
    read_only_reason: store.readOnly
      ? { message_zh: store.readOnly.message_zh, message_en: store.readOnly.message_en, path: store.readOnly.path }
      : null,
  });

  const handlers: Handlers = {
    'app:info': () => info(),
    'plan:get': () => plan,
    'plan:importTable': (req) =>
      importIndicatorTable({
        content: decodeBase64(req.content_base64),
        file_name: req.file_name,
        sheet: req.sheet,
        mapping: req.mapping,
        plan_id: req.plan_id,
        title_zh: req.title_zh,
        base_year: req.base_year,
        target_year: req.target_year,
      }),
    'plan:activate': (req) => {
      const next = activatePlan(dataDir, 'default' in req ? null : req.content);
      const nextStore = openStore(dbPathForPlan(baseDb, next), { plan: next });
      store.close();
      plan = next;
      store = nextStore;
      return info();
    },
    'plan:catalog': () => catalogJson(plan, readSettings(store, plan).base_year ?? undefined),
    'settings:get': () => readSettings(store, plan),
    'settings:set': (req) => {
      guardSettings(plan, req);
      const next = AppSettingsSchema.parse({ ...readSettings(store, plan), ...req });
      // only the keys given, all checked before any is written, in one transaction
      const given = Object.keys(req).filter((key) => req[key as keyof typeof req] !== undefined);
      store.setSettings(Object.fromEntries(given.map((key) => [key, next[key as keyof AppSettings]])));
      return readSettings(store, plan);
    },

    'scenarios:list': (req) => store.list({ state: req.state ?? 'live' }),
    'scenarios:get': (req) => store.get(req.id),
    'scenarios:resolve': (req) => store.resolve(req.id),
    'scenarios:create': (req) => {
      guardAssumptions(plan, req.assumptions ?? []);
      return store.create(req, { author: author() });
    },
    'scenarios:update': (req) => {
      const { id, ...patch } = req;
      return store.update(id, patch, { author: author() });
    },
    'scenarios:setAssumptions': (req) => {
      guardAssumptions(plan, req.assumptions);
      return store.setAssumptions(req.id, req.assumptions, { author: author() });
    },
    'scenarios:resetToParent': (req) => store.resetToParent(req.id, req.series, { author: author() }),
    'scenarios:setGroupLoading': (req) => {
      const written = withGroupLoading(plan, store.resolve(req.id).assumptions, req.group, req.loading);
      // the resolved records without where they were inherited from
      const own = written.map(({ from: _from, ...a }) => (void _from, a));
      return store.setAssumptions(req.id, own, { author: author() });
    },
    'scenarios:clone': (req) => store.clone(req.id, req.name, { author: author() }),
    'scenarios:freeze': (req) => store.freeze(req.id, req.label, { author: author() }),
    'scenarios:delete': (req) => store.delete(req.id, { author: author() }),
    'scenarios:restore': (req) => store.restore(req.id, { author: author() }),
    'scenarios:emptyTrash': (req) => store.emptyTrash({ confirm: req.confirm }),
    'scenarios:history': (req) => store.history(req.id),
    'scenarios:getRevision': (req) => store.getRevision(req.id, req.rev),
    'scenarios:restoreRevision': (req) => store.restoreRevision(req.id, req.rev, { author: author() }),
    'scenarios:undoState': (req) => store.undoState(req.id),
    'scenarios:undo': (req) => store.undo(req.id),
    'scenarios:redo': (req) => store.redo(req.id),
    'scenarios:diff': (req) => {
      const settings = evalSettings(readSettings(store, plan));
      const actuals = projectionActuals(settings);
      const result = diffWithEffect(store, plan, req.a, req.b, (assumptions) => project(plan, assumptions, actuals, settings));
      return { a: store.get(req.a.id), b: store.get(req.b.id), assumptions: result.assumptions, effects: result.targets };
    },
    'scenarios:export': (req) => {
      if (req.workspace) {
        const content = store.exportWorkspace();
        return { file_name: `工作区-${content.exported_at.slice(0, 10)}.xnps.json`, content };
      }
      if (!req.id) throw new ApiError('invalid', '请指定要导出的情景', 'Name the scenario to export', 'id');
      const content = store.exportScenario(req.id);
      const name = content.scenarios[content.scenarios.length - 1]?.name ?? req.id;
      return { file_name: `${safeFileName(name)}.xnps.json`, content };
    },
    'scenarios:import': (req) => {
      guardImportFile(plan, store, req.content);
      return store.importFile(req.content, { author: author() });
    },

    'projection:run': (req) => runProjection(store.resolve(req.id), req.settings),
    'projection:runFile': (req) => {
      const resolved = resolveScenarioFile(plan, req.content);
      const settings = evalSettings(readSettings(store, plan), req.settings);
      return project(plan, resolved.assumptions, projectionActuals(settings), settings);
    },

    'nowcast:import': (req) => importYtd(store, plan, req, author()),
    'nowcast:template': (req) => ytdTemplate(plan, req, readSettings(store, plan).as_of_year),
    'nowcast:list': (req) => {
      const year = req.year ?? currentPlanYear(readSettings(store, plan).as_of_year, plan);
      return { year, ...nowcastActuals(plan, storedActuals(store, plan), year) };
    },
    'nowcast:estimate': (req) =>
      nowcastIndicator(plan, store.listActuals({}), req.indicator, req.year ?? currentPlanYear(readSettings(store, plan).as_of_year, plan)),
    'scenarios:reforecast': (req) => reforecastScenario(store, plan, req, author(), today()),

    'simulation:run': (req) => runSimulation(projectionInput(req.id), req, store.get(req.id).seed),
    'sensitivity:tornado': (req) => tornado(projectionInput(req.id), req.target),
    'sensitivity:matrix': (req) => sensitivityMatrix(projectionInput(req.id)),
    'attribution:run': (req) => {
      const settings = evalSettings(readSettings(store, plan));
      const actuals = projectionActuals(settings);
      const side = (ref: { id: string; rev?: number }) => ({ plan, assumptions: store.resolveRef(ref).assumptions, actuals, settings });
      return attribution(side(req.a), side(req.b));
    },

    'briefing:export': async (req) => {
      const settings = evalSettings(readSettings(store, plan));
      // loaded on first use: the workbook and print code (exceljs ...) slow every CLI start otherwise
      const { exportBriefingFile } = await import('./briefing');
      return exportBriefingFile(store, plan, req, {
        actuals: projectionActuals(settings),
        history: rankChosen(plan.actuals, store.listActuals(), store.actualChoices()),
        settings,
        author: author(),
        renderPdf: opts.renderPdf ?? noPdfRenderer,
        now: new Date(),
      });
    },

    'actuals:list': (req) => store.listActuals(req.series ? { series: req.series } : {}),
    'actuals:add': (req) => {
      guardRecords(
        plan,
        store,
        req.actuals,
        (i) => ({
          path: `actuals[${i}].value`,
          zh: req.actuals.length > 1 ? `第${i + 1}条 数值` : '数值',
          en: req.actuals.length > 1 ? `record ${i + 1}, value` : 'value',
        }),
        req.confirm,
      );
      return store.addActuals(req.actuals, { author: author() });
    },
    'actuals:delete': (req) => ({ deleted: store.deleteActual(req.id) ? 1 : 0 }),
    'actuals:enter': (req) => {
      // the same plausibility guard as actuals:add: refused when implausible, asked when far off
      guardRecords(plan, store, [req.actual], () => ({ path: 'actual.value', zh: '数值', en: 'value' }), req.confirm);
      return enterActual(store, plan, req.actual, author());
    },
    'actuals:conflicts': () => listConflicts(store, plan),
    'actuals:choose': (req) => chooseInForce(store, plan, req, author()),
    'sheets:preview': (req) => previewSheet({ content: decodeBase64(req.content_base64), file_name: req.file_name, sheet: req.sheet }),
    'actuals:import': async (req) => {
      const open = () => listConflicts(store, plan).filter((c) => !c.decided).length;
      const before = req.dry_run ? 0 : open();
      const reply = await importActuals(
        store,
        plan,
        {
          content: decodeBase64(req.content_base64),
          file_name: req.file_name,
          sheet: req.sheet,
          data_from_line: req.data_from_line,
          mapping: req.mapping,
          source_title: req.source_title,
          reliability: req.reliability,
          dry_run: req.dry_run,
          confirm: req.confirm,
        },
        author() || '',
      );
      return reply.stored > 0 ? { ...reply, conflicts: Math.max(0, open() - before) } : reply;
    },

    'milestones:list': () => store.listMilestones(),
    'milestones:set': (req) => store.setMilestone(req.id, { done: req.done, note: req.note }, { author: author() }),

    'collect:reporters': () => collectReporters(collect(), plan),
    'collect:setReporters': (req) => collect().setReporters(req.reporters),
    'collect:createRound': (req) => collect().createRound(req),
    'collect:rounds': () => collect().rounds(),
    'collect:status': (req) => collect().status(req.round_id),
    'collect:export': (req) => collectExport(collect(), req),
    'collect:exportZip': (req) => collectExportZip(collect(), req),
    'collect:import': (req) => collectImport(collect(), req),
    'collect:resolve': (req) => collect().resolveConflict(req.id, req.choice),

    'backups:list': () => store.listBackups(),
    'backups:create': () => store.backup('manual'),
    'backups:restore': (req) => {
      // only a backup listed in this database's backup folder, never an arbitrary path
      const backup = store.listBackups().find((b) => b.name === req.name);
      if (!backup) throw new ApiError('not_found', `没有名为 ${req.name} 的备份`, `No backup named ${req.name}`, 'name');
      const dbPath = store.path;
      store.close();
      try {
        return restoreBackup(dbPath, backup.file);
      } finally {
        store = openStore(dbPath, { plan });
      }
    },
  };

  // The read-only view: every write channel is refused before its handler runs (the store refuses
  // its own writes too), so nothing half-starts and the planner reads why in both languages.
  for (const channel of CHANNELS) {
    const inner = handlers[channel] as (req: unknown, ctx: HandlerContext) => unknown;
    (handlers as Record<string, (req: unknown, ctx: HandlerContext) => unknown>)[channel] = (req, ctx) => {
      if (store.readOnly && isWriteRequest(channel, req)) throw readOnlyRefusal(store.readOnly);
      return inner(req, ctx);
    };
  }

  return {
    handlers,
    get store() {
      return store;
    },
    get plan() {
      return plan;
    },
    close: () => store.close(),
  };
}

function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what file names must not hold
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();
  return cleaned.slice(0, 80) || 'scenario';
}
