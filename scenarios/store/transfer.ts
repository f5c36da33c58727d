/**
 * Export and import: a scenario with its non-preset ancestors, or the whole workspace (scenarios,
 * actuals, milestone ticks, settings, 报送单位), as a file object; and the import of such a file,
 * checked whole first, then written in one transaction with new ids (files.ts reads and writes the
 * files themselves).
 */
import { randomInt } from 'node:crypto';
import type { Assumption } from '../../models/schema';
import type { ActualsRepository } from './actuals';
import type { StoreContext } from './context';
import { checkExportChainDepth, checkImportChainDepth, parentsFirst, storedChainLevels } from './depth';
import { StoreError, invalid } from './errors';
import { FORMAT_VERSION, SCENARIO_FORMAT, WORKSPACE_FORMAT, checkFileLimits, parseExportFile, type ParsedExportFile } from './files';
import type { MilestonesRepository } from './milestones';
import { SCENARIO_COLUMNS as ROW_COLUMNS, type ActualRow, type MilestoneRow, type ReporterRow, type ScenarioRow as Row } from './rows';
import { clone, type ScenarioRepository } from './scenarios';
import { LOCAL_SETTINGS, type SettingsRepository } from './settings';
import type { ExportedScenario, ImportResult, ScenarioDoc, ScenarioFile, WorkspaceFile } from './types';
import {
  DOC_SCHEMA_VERSION,
  LIMITS,
  canonical,
  checkAssumptions,
  checkDescription,
  checkName,
  checkTags,
  checkText,
  substance,
} from './validate';

/** The columns that make two actuals exact duplicates (an import skips those). */
type ActualKeyRow = Pick<ActualRow, 'series' | 'period' | 'vintage' | 'value' | 'value_kind' | 'source_json' | 'note'>;

/** What importFile checked of a file (TransferRepository.checkImport). */
type CheckedImport = ReturnType<TransferRepository['checkImport']>;

export class TransferRepository {
  constructor(
    private readonly ctx: StoreContext,
    private readonly scenarios: ScenarioRepository,
    private readonly actuals: ActualsRepository,
    private readonly milestones: MilestonesRepository,
    private readonly settings: SettingsRepository,
  ) {}

  exported(row: Row): ExportedScenario {
    const doc = this.scenarios.doc(row.id, row.head_rev);
    const parent = row.parent_id ? this.scenarios.getRow(row.parent_id) : undefined;
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
    return this.ctx.read(() => {
      const row = this.scenarios.mustRow(id);
      const rows: Row[] = [row];
      const seen = new Set([row.id]);
      let pid = row.preset_id ? null : row.parent_id;
      while (pid && !seen.has(pid)) {
        seen.add(pid);
        const p = this.scenarios.getRow(pid);
        if (!p || p.preset_id) break;
        rows.unshift(p);
        pid = p.parent_id;
      }
      const scenarios = rows.map((r) => this.exported(r));
      checkExportChainDepth(this.ctx.db, scenarios);
      return checkFileLimits({
        format: SCENARIO_FORMAT,
        format_version: FORMAT_VERSION as 1,
        plan_id: this.ctx.plan.id,
        exported_at: this.ctx.iso(),
        exported_by: this.ctx.defaultAuthor() || null,
        scenarios,
      });
    });
  }

  /**
   * Everything worth carrying: live scenarios (with trashed ancestors they need, flagged
   * `deleted`), actuals (every vintage, not the deleted), milestone ticks and settings.
   */
  exportWorkspace(): WorkspaceFile {
    return this.ctx.read(() => {
      const all = this.ctx.stmt<[], Row>(`SELECT ${ROW_COLUMNS} FROM scenarios ORDER BY preset_id IS NULL, created_at, rowid`).all();
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
      checkExportChainDepth(this.ctx.db, scenarios);
      return checkFileLimits({
        format: WORKSPACE_FORMAT,
        format_version: FORMAT_VERSION as 1,
        plan_id: this.ctx.plan.id,
        exported_at: this.ctx.iso(),
        exported_by: this.ctx.defaultAuthor() || null,
        scenarios,
        actuals: this.actuals.listActuals().map(({ id: _id, deleted_at: _d, ...rest }) => rest),
        milestones: this.milestones.listMilestones(),
        settings: this.settings.getSettings(),
        reporters: this.ctx
          .stmt<[], Pick<ReporterRow, 'series' | 'unit'>>('SELECT series, unit FROM collect_reporters ORDER BY series')
          .all(),
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
    const checked = this.checkImport(json, opts);
    return this.ctx.write(() => {
      const at = this.ctx.iso();
      const result = this.importScenarios(checked, at);
      this.importWorkspaceParts(checked, at, result);
      return result;
    });
  }

  /** The whole file checked, before anything is written: its scenarios' content and a workspace's parts. */
  private checkImport(json: unknown, opts?: { author?: string }) {
    if (typeof json === 'string') {
      try {
        json = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
      } catch (e) {
        const detail = e instanceof Error ? e.message : String(e);
        throw new StoreError('invalid', `导入内容不是有效的 JSON（${detail}）`, `The import is not valid JSON (${detail})`);
      }
    }
    const file: ParsedExportFile = parseExportFile(json);
    if (file.plan_id !== this.ctx.plan.id)
      throw new StoreError(
        'invalid',
        `导入文件 plan_id: 文件属于规划“${file.plan_id}”，当前规划为“${this.ctx.plan.id}”`,
        `Import file plan_id: the file is for plan "${file.plan_id}", but the plan loaded is "${this.ctx.plan.id}"`,
        { field: 'plan_id' },
      );
    const author = this.ctx.guard(() => this.ctx.defaultAuthor(opts));

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
        assumptions: checkAssumptions(s.assumptions, this.ctx.catalog, `${at}.assumptions`),
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
      if (!this.ctx.catalog.all.has(r.series) || this.ctx.plan.series.find((x) => x.id === r.series)?.derived)
        throw invalid(
          `导入文件 reporters[${i}].series: 未知指标序列“${r.series}”`,
          `Import file reporters[${i}].series: unknown series "${r.series}"`,
          `reporters[${i}].series`,
        );
    });
    const actuals = ws
      ? ws.actuals.map((a, i) => ({ a: this.actuals.checkActual(a, `actuals[${i}]`, author), entered_at: a.entered_at }))
      : [];
    const milestones = ws
      ? ws.milestones.map((m, i) => {
          checkText(m.note, `milestones[${i}].note`, { zh: '导入文件', en: 'Import file' }, true);
          checkText(m.author, `milestones[${i}].author`, { zh: '导入文件', en: 'Import file' });
          if (!this.milestones.milestoneIds.has(m.id))
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
          .map(([k, v]) => ({ key: k, json: this.settings.checkSetting(k, v, `settings.${k}`), value: v }))
      : [];

    return { author, items, fileIndex, ws, reporters, actuals, milestones, settings };
  }

  /**
   * The file's scenarios created (inside importFile's transaction): presets identical to the local
   * ones mapped to them, parents remapped and checked (depth, cycles), parents first, names made unique.
   */
  private importScenarios(checked: CheckedImport, at: string): ImportResult {
    const { author, items, fileIndex, ws } = checked;
    const presets = new Map(
      this.ctx
        .stmt<[], Row>(`SELECT ${ROW_COLUMNS} FROM scenarios WHERE preset_id IS NOT NULL`)
        .all()
        .map((r) => [r.preset_id!, r]),
    );
    // a preset in the file identical to the local one is used as it is, not copied.
    const mapped = new Map<number, Row>();
    for (const it of items) {
      const local = it.src.preset_id ? presets.get(it.src.preset_id) : undefined;
      if (local && sameAssumptions(it.assumptions, this.scenarios.doc(local.id, local.head_rev).assumptions)) mapped.set(it.index, local);
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
      storedChainLevels(this.ctx.db),
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

    const names = new Set(
      this.ctx
        .stmt<[], Pick<Row, 'name'>>('SELECT name FROM scenarios')
        .all()
        .map((r) => r.name),
    );
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
      const id = this.scenarios.newId();
      const parentRow = parentId ? this.scenarios.getRow(parentId) : undefined;
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
      this.scenarios.insertScenario(id, doc, 'import', author, at);
      newIds.set(i, id);
      result.created.push({ id, name, source_id: it.src.id });
    }

    return result;
  }

  /** A workspace's actuals (exact duplicates skipped), newer milestone ticks, settings and 报送单位 not set here. */
  private importWorkspaceParts(checked: CheckedImport, at: string, result: ImportResult): void {
    const { author, reporters, actuals, milestones, settings } = checked;
    // Exact duplicates (of live actuals, or earlier in the file) are skipped. One pass over the
    // stored ones into a set: a query per row was quadratic when many share a series and period.
    const actualKey = (r: ActualKeyRow) => JSON.stringify([r.series, r.period, r.vintage, r.value, r.value_kind, r.source_json, r.note]);
    const have = new Set<string>();
    if (actuals.length > 0) {
      for (const r of this.ctx
        .stmt<[], ActualKeyRow>(
          'SELECT series, period, vintage, value, value_kind, source_json, note FROM actuals WHERE deleted_at IS NULL',
        )
        .iterate())
        have.add(actualKey(r));
    }
    for (const { a, entered_at } of actuals) {
      const key = actualKey({ ...a, source_json: JSON.stringify(a.source) });
      if (have.has(key)) {
        result.actuals_skipped++;
        continue;
      }
      have.add(key);
      this.actuals.insertActual(a, entered_at ?? at);
      result.actuals_added++;
    }
    for (const m of milestones) {
      const local = this.ctx.stmt<[string], Pick<MilestoneRow, 'updated_at'>>('SELECT updated_at FROM milestones WHERE id = ?').get(m.id);
      if (local && local.updated_at >= m.updated_at) continue;
      this.milestones.upsertMilestone(m);
      result.milestones_updated++;
    }
    for (const s of settings) {
      if (this.ctx.stmt<[string], unknown>('SELECT 1 FROM settings WHERE key = ?').get(s.key)) continue;
      if (s.value === null) continue;
      this.ctx.stmt<[string, string, string]>('INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)').run(s.key, s.json, at);
      result.settings_added.push(s.key);
    }
    // 报送单位: taken where none is chosen here
    for (const r of reporters)
      this.ctx
        .stmt<[string, string, string, string]>(
          'INSERT OR IGNORE INTO collect_reporters (series, unit, updated_at, author) VALUES (?, ?, ?, ?)',
        )
        .run(r.series, r.unit, at, author);
  }
}

function sameAssumptions(a: Assumption[], b: Assumption[]): boolean {
  const key = (l: Assumption[]) => canonical([...l].sort((x, y) => (x.series < y.series ? -1 : 1)).map(substance));
  return key(a) === key(b);
}

/** `name`, or `name (导入)`, `name (导入 2)` ... whichever is free (kept within the length limit). */
function uniqueName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (导入)' : ` (导入 ${n})`;
    const room = LIMITS.name - [...suffix].length;
    const base = [...name].slice(0, room).join('');
    const candidate = base + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Parents before children (items whose parent is not in the list count as roots). */
function topoOrder<T>(items: T[], id: (t: T) => string, parent: (t: T) => string | null): T[] {
  return parentsFirst(items, id, parent);
}
