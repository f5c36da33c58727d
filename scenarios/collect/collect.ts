/**
 * Collection from the units (分单位填报), the Node side: reporting units kept per plan, rounds,
 * one workbook per unit out, returned workbooks (or their CSV save-as) in, each file all or
 * nothing, conflicts kept for the planner. Tables: collect_* (migration 2, docs/collect.md).
 */
import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import {
  COLLECT_COLUMNS,
  layoutChecksum,
  periodLabel,
  periodsAsked,
  planUnits,
  reportersFor,
  roundEffect,
  sameFigure,
  unitState,
  type LayoutRow,
  type VerdictSnapshot,
} from '../../models/collect';
import { checkFigure } from '../../models/plausibility';
import type { Plan } from '../../models/schema';
import { StoreError } from '../store/errors';
import type { ScenarioStore } from '../store/store';
import type { StoredActual } from '../store/types';
import type { CollectConflictRow, CollectImportRow, CollectRequestRow, CollectRoundRow, ReporterRow } from '../store/rows';
import type { Conflict, FigureNote, ImportReport, Round, RoundStatus, UnitStatus } from '../../contract/types';

export type { Conflict, FigureNote, ImportReport, Round, RoundStatus, UnitStatus } from '../../contract/types';
import { readNumber } from '../../models/numbers';
import { readReturnedFile, ReadError, type Cell, type ReturnedFile } from './read';
import {
  buildCollectWorkbook,
  FILLED_AT_CELL,
  FILLED_BY_CELL,
  HEADER_ROW,
  REQUEST_CELL,
  STAMP_FORMAT,
  UNIT_CELL,
  type WorkbookRow,
} from './workbook';

export interface RoundInput {
  name: string;
  contact?: string;
  phone?: string;
  return_date: string;
  ytd_month: number;
  /** the units asked; default: every unit reporting at least one series. */
  units?: string[];
}

export interface CollectOptions {
  now?: () => Date;
  author?: string;
  /** the evaluation of the baseline as the scoreboard shows it (api/handlers.ts's projection). */
  snapshot?: () => VerdictSnapshot;
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
/** '2026-11-15', '2026/11/15', '2026年11月15日', an Excel date; null when empty; undefined when unreadable. */
function parseDate(v: Cell): string | null | undefined {
  if (v === null) return null;
  if (typeof v === 'number') {
    if (v > 20000 && v < 80000) return new Date(Math.round((v - 25569) * 86400000)).toISOString().slice(0, 10);
    return undefined;
  }
  const m = DATE.exec(v.trim());
  if (!m) return undefined;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/**
 * A figure as a unit types it, through the one number reader of every import (models/numbers.ts):
 * full-width digits, thousands commas, the Unicode minus, accounting negatives ((120)), a unit in
 * the cell converted to the series' unit (亿元 under 万元), a percentage under a percent unit read
 * in percent ("5.2%" or a cell shown as 5.2% is 5.2). null when empty; the reason when refused.
 */
function parseNumber(v: Cell, unit = ''): number | null | { reason_zh: string; reason_en: string } {
  if (v === null || (typeof v === 'string' && v.trim() === '')) return null;
  const r = readNumber(v, { unit });
  if (!r.ok) return { reason_zh: r.reason_zh, reason_en: r.reason_en };
  return r.percent ? Number((r.value * 100).toPrecision(15)) : r.value;
}

export class CollectService {
  private readonly now: () => Date;

  constructor(
    private readonly store: ScenarioStore,
    private readonly plan: Plan,
    private readonly opts: CollectOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  private get db() {
    return this.store.db;
  }
  private iso(): string {
    return this.now().toISOString();
  }
  private author(): string {
    return this.opts.author ?? '';
  }
  private series(id: string) {
    return this.plan.series.find((s) => s.id === id);
  }

  // --- reporting units ------------------------------------------------------------------

  chosenReporters(): Record<string, string> {
    const rows = this.db.prepare<[], Pick<ReporterRow, 'series' | 'unit'>>('SELECT series, unit FROM collect_reporters').all();
    return Object.fromEntries(rows.map((r) => [r.series, r.unit]));
  }

  reporters() {
    return { units: planUnits(this.plan), reporters: reportersFor(this.plan, this.chosenReporters()) };
  }

  /** Sets the 报送单位 of series (null: back to the plan's default). All checked first, one transaction. */
  setReporters(list: { series: string; unit: string | null }[]): ReturnType<CollectService['reporters']> {
    const units = planUnits(this.plan);
    list.forEach((r, i) => {
      const s = this.series(r.series);
      if (!s || s.derived)
        throw new StoreError(
          'invalid',
          `报送单位[${i}]：“${r.series}”不是可填报的指标`,
          `reporters[${i}]: "${r.series}" is not an indicator that can be reported`,
          { field: `reporters[${i}].series` },
        );
      if (r.unit !== null && !units.includes(r.unit))
        throw new StoreError(
          'invalid',
          `报送单位[${i}]（${s.name_zh}）：“${r.unit}”不是规划列出的责任单位`,
          `reporters[${i}] (${s.name_en}): "${r.unit}" is not a responsible unit of the plan`,
          { field: `reporters[${i}].unit` },
        );
    });
    this.db
      .transaction(() => {
        for (const r of list) {
          if (r.unit === null) this.db.prepare('DELETE FROM collect_reporters WHERE series = ?').run(r.series);
          else
            this.db
              .prepare(
                'INSERT INTO collect_reporters (series, unit, updated_at, author) VALUES (?, ?, ?, ?) ON CONFLICT(series) DO UPDATE SET unit = excluded.unit, updated_at = excluded.updated_at, author = excluded.author',
              )
              .run(r.series, r.unit, this.iso(), this.author());
        }
      })
      .immediate();
    return this.reporters();
  }

  /** The series each unit reports. */
  seriesByUnit(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const r of this.reporters().reporters) {
      if (!r.unit) continue;
      const list = out.get(r.unit) ?? [];
      list.push(r.series);
      out.set(r.unit, list);
    }
    return out;
  }

  // --- rounds ---------------------------------------------------------------------------

  createRound(input: RoundInput): Round {
    const name = input.name.trim();
    if (!name) throw new StoreError('invalid', '征集名称不能为空', 'The round needs a name', { field: 'name' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.return_date))
      throw new StoreError('invalid', '报送截止日期应为 YYYY-MM-DD', 'The return date must be YYYY-MM-DD', { field: 'return_date' });
    if (!Number.isInteger(input.ytd_month) || input.ytd_month < 1 || input.ytd_month > 12)
      throw new StoreError('invalid', '累计月份应为 1–12', 'The year-to-date month must be 1–12', { field: 'ytd_month' });
    const byUnit = this.seriesByUnit();
    const units = input.units ?? [...byUnit.keys()];
    if (!units.length) throw new StoreError('invalid', '请至少选择一个报送单位', 'Choose at least one reporting unit', { field: 'units' });
    units.forEach((u, i) => {
      if (!byUnit.has(u))
        throw new StoreError('invalid', `报送单位[${i}]：“${u}”没有需要报送的指标`, `units[${i}]: "${u}" reports no indicator`, {
          field: `units[${i}]`,
        });
    });
    const id = `r${this.now().toISOString().slice(0, 10).replace(/-/g, '')}${randomUUID().slice(0, 6)}`;
    const before = this.opts.snapshot ? this.opts.snapshot() : { targets: {} };
    const asked = periodsAsked(this.plan, input.ytd_month);
    const held = this.store.latestActuals();
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO collect_rounds (id, name, contact, phone, return_date, ytd_month, units_json, before_json, created_at, author)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            id,
            name,
            input.contact ?? '',
            input.phone ?? '',
            input.return_date,
            input.ytd_month,
            JSON.stringify(units),
            JSON.stringify(before),
            this.iso(),
            this.author(),
          );
        units.forEach((unit, i) => {
          const rows: WorkbookRow[] = [];
          for (const sid of byUnit.get(unit)!)
            for (const p of asked) {
              const h = latestFor(held, sid, p.period);
              rows.push({
                series: sid,
                period: p.period,
                period_label: p.label_zh,
                held: h?.value ?? null,
                held_source: h ? `${h.source.title}${h.source.date ? `（${h.source.date}）` : ''}` : '',
              });
            }
          const layout: LayoutRow[] = rows.map((r) => ({ series: r.series, period: r.period }));
          this.db
            .prepare('INSERT INTO collect_requests (id, round_id, unit, layout_json, checksum) VALUES (?, ?, ?, ?, ?)')
            .run(`${id}-${String(i + 1).padStart(2, '0')}`, id, unit, JSON.stringify(rows), layoutChecksum(layout));
        });
      })
      .immediate();
    return this.round(id);
  }

  rounds(): Round[] {
    const rows = this.db.prepare<[], CollectRoundRow>('SELECT * FROM collect_rounds ORDER BY created_at DESC, rowid DESC').all();
    return rows.map(toRound);
  }

  round(id: string): Round {
    const row = this.db.prepare<[string], CollectRoundRow>('SELECT * FROM collect_rounds WHERE id = ?').get(id);
    if (!row) throw new StoreError('not_found', `没有编号为 ${id} 的征集`, `No collection round ${id}`, { field: 'round_id' });
    return toRound(row);
  }

  latestRound(): Round | null {
    return this.rounds()[0] ?? null;
  }

  private requests(roundId: string) {
    return this.db.prepare<[string], CollectRequestRow>('SELECT * FROM collect_requests WHERE round_id = ? ORDER BY id').all(roundId);
  }

  /** One workbook per unit of the round: file name and bytes. */
  async exportWorkbooks(roundId: string, units?: string[]): Promise<{ unit: string; file_name: string; bytes: Buffer }[]> {
    const round = this.round(roundId);
    const out: { unit: string; file_name: string; bytes: Buffer }[] = [];
    for (const req of this.requests(roundId)) {
      if (units && !units.includes(req.unit)) continue;
      const bytes = await buildCollectWorkbook({
        plan: this.plan,
        unit: req.unit,
        round,
        request_id: req.id,
        checksum: req.checksum,
        rows: JSON.parse(req.layout_json) as WorkbookRow[],
      });
      out.push({ unit: req.unit, file_name: safeFileName(`数据征集-${round.name}-${req.unit}.xlsx`), bytes });
    }
    return out;
  }

  /**
   * The same workbooks in one zip (one .xlsx per unit at its root). Names are Chinese: JSZip
   * writes them in UTF-8 and sets the language-encoding flag (general-purpose bit 11) plus the
   * Info-ZIP Unicode path field, so Windows Explorer, 7-Zip, WinRAR and unzip show them as written.
   * Entries carry the round's creation time, so the same round zips to the same bytes.
   */
  async exportZip(roundId: string, units?: string[]): Promise<{ file_name: string; units: string[]; bytes: Buffer }> {
    const round = this.round(roundId);
    const files = await this.exportWorkbooks(roundId, units);
    const zip = new JSZip();
    const date = new Date(round.created_at);
    for (const f of files) zip.file(f.file_name, f.bytes, { date: Number.isNaN(date.getTime()) ? undefined : date, binary: true });
    const bytes = await zip.generateAsync({
      type: 'nodebuffer',
      compression: 'DEFLATE',
      compressionOptions: { level: 6 },
      platform: 'DOS',
    });
    return { file_name: safeFileName(`数据征集-${round.name}.zip`), units: files.map((f) => f.unit), bytes };
  }

  // --- import ---------------------------------------------------------------------------

  /**
   * Imports one returned file, all or nothing. `expect_unit`: the unit the planner imports it
   * for (a file of another unit is refused). `confirm_mapping`: columns moved by the unit are
   * mapped by their header labels.
   */
  async importFile(
    file: { name: string; bytes: Uint8Array },
    o: { round_id?: string; expect_unit?: string; confirm_mapping?: boolean } = {},
  ): Promise<ImportReport> {
    const report: ImportReport = {
      file_name: file.name,
      outcome: 'refused',
      unit: '',
      round_id: null,
      request_id: null,
      filled_by: '',
      filled_at: '',
      reason_zh: '',
      reason_en: '',
      reason_code: null,
      mapping: [],
      stored: [],
      refused: [],
      empty: [],
      unchanged: [],
      conflicts: [],
      import_id: null,
    };
    const refuse = (code: ImportReport['reason_code'], zh: string, en: string): ImportReport => {
      report.outcome = 'refused';
      report.reason_code = code;
      report.reason_zh = zh;
      report.reason_en = en;
      return this.record(report, []);
    };
    let parsed: ReturnedFile;
    try {
      parsed = await readReturnedFile(file.bytes, file.name);
    } catch (e) {
      if (e instanceof ReadError)
        return e.names_file
          ? refuse('unreadable', e.message_zh, e.message_en)
          : refuse('unreadable', `${file.name}：${e.message_zh}`, `${file.name}: ${e.message_en}`);
      throw e;
    }
    const g = parsed.grid;
    const at = (r: number, c: number): Cell => g[r - 1]?.[c - 1] ?? null;
    const text = (v: Cell) => (v === null ? '' : String(v).trim());

    // which request: the stamp (xlsx) or the visible 征集编号 (a CSV save-as keeps it)
    let requestId = parsed.stamp?.request_id ?? '';
    if (parsed.stamp) {
      if (parsed.stamp.format !== STAMP_FORMAT)
        return refuse(
          'unknown_request',
          `${file.name}：不是本程序生成的征集表`,
          `${file.name}: not a collection workbook made by this program`,
        );
      if (parsed.stamp.plan_id !== this.plan.id)
        return refuse(
          'wrong_plan',
          `${file.name}：此表属于另一规划（${parsed.stamp.plan_id}），当前规划为 ${this.plan.id}`,
          `${file.name}: this workbook belongs to another plan (${parsed.stamp.plan_id}); the current plan is ${this.plan.id}`,
        );
    } else {
      const label = g.findIndex((row) => text(row[REQUEST_CELL.col - 2] ?? null) === REQUEST_CELL.label);
      requestId = label >= 0 ? text(g[label]![REQUEST_CELL.col - 1] ?? null) : '';
      if (!requestId)
        return refuse(
          'unknown_request',
          `${file.name}：找不到征集编号，不是本程序生成的征集表`,
          `${file.name}: no request id found; not a collection sheet made by this program`,
        );
    }
    const req = this.db.prepare<[string], CollectRequestRow>('SELECT * FROM collect_requests WHERE id = ?').get(requestId);
    if (!req)
      return refuse(
        parsed.stamp ? 'unknown_request' : 'wrong_plan',
        `${file.name}：征集编号 ${requestId} 不属于本规划的任何一轮征集`,
        `${file.name}: request ${requestId} belongs to no collection round of this plan`,
      );
    report.request_id = req.id;
    report.round_id = req.round_id;
    report.unit = req.unit;
    const round = this.round(req.round_id);
    if (o.round_id && o.round_id !== req.round_id)
      return refuse(
        'wrong_round',
        `${file.name}：此表属于另一轮征集“${round.name}”`,
        `${file.name}: this workbook belongs to another round, "${round.name}"`,
      );
    const shownUnit = text(at(UNIT_CELL.row, UNIT_CELL.col));
    if ((parsed.stamp && parsed.stamp.unit !== req.unit) || (shownUnit && shownUnit !== req.unit))
      return refuse(
        'layout',
        `${file.name}：报送单位被改动（表中为“${shownUnit || parsed.stamp?.unit}”，征集对象为“${req.unit}”）`,
        `${file.name}: the reporting unit was changed (the sheet says "${shownUnit || parsed.stamp?.unit}", the request was for "${req.unit}")`,
      );
    if (o.expect_unit && o.expect_unit !== req.unit)
      return refuse(
        'wrong_unit',
        `${file.name}：这是“${req.unit}”的征集表，不是“${o.expect_unit}”的`,
        `${file.name}: this is the workbook of ${req.unit}, not of ${o.expect_unit}`,
      );
    report.filled_by = text(findLabelled(g, FILLED_BY_CELL.label));
    const filledAt = findLabelled(g, FILLED_AT_CELL.label);
    report.filled_at = parseDate(filledAt) ?? text(filledAt);

    // columns: by label; moved columns only after the planner confirms
    const header = (g[HEADER_ROW - 1] ?? []).map(text);
    const colOf: Record<string, number> = {};
    const missing: string[] = [];
    COLLECT_COLUMNS.forEach((c, i) => {
      const found = header.indexOf(c.zh);
      if (found < 0) missing.push(c.zh);
      colOf[c.key] = found >= 0 ? found : i;
    });
    if (missing.length)
      return refuse(
        'layout',
        `${file.name}：第 ${HEADER_ROW} 行缺少列：${missing.join('、')}`,
        `${file.name}: row ${HEADER_ROW} lacks the columns ${missing.join(', ')}`,
      );
    const moved = COLLECT_COLUMNS.some((c, i) => colOf[c.key] !== i);
    if (moved) {
      report.mapping = COLLECT_COLUMNS.map((c) => ({ column: columnLetter(colOf[c.key]! + 1), label: c.zh }));
      if (!o.confirm_mapping)
        return refuse(
          'moved_columns',
          `${file.name}：列的位置被移动（${report.mapping.map((m) => `${m.label}→${m.column}列`).join('，')}），请确认按表头对应后再导入`,
          `${file.name}: columns were moved (${report.mapping.map((m) => `${m.label} → column ${m.column}`).join(', ')}); confirm the mapping by header to import`,
        );
    }

    // rows: exactly the layout sent, in order (the checksum)
    const layout = JSON.parse(req.layout_json) as WorkbookRow[];
    const rows: { r: number; series: string; period: string }[] = [];
    for (let r = HEADER_ROW; r < g.length; r++) {
      const row = g[r] ?? [];
      const sid = text(row[colOf.series!] ?? null);
      const per = text(row[colOf.period!] ?? null);
      if (!sid && !per) continue;
      rows.push({ r: r + 1, series: sid, period: per });
    }
    const sum = layoutChecksum(rows.map((x) => ({ series: x.series, period: x.period })));
    if (sum !== req.checksum || (parsed.stamp && parsed.stamp.checksum !== req.checksum))
      return refuse(
        'layout',
        `${file.name}：行被增删或改动（应为 ${layout.length} 行指标，表中 ${rows.length} 行），请用原表填报`,
        `${file.name}: rows were added, removed or changed (${layout.length} expected, ${rows.length} found); fill in the workbook as sent`,
      );

    // figures
    const held = this.store.latestActuals();
    const actuals: Record<string, unknown>[] = [];
    const conflicts: { note: FigureNote; actual: Record<string, unknown>; stored: StoredActual }[] = [];
    for (const x of rows) {
      const row = g[x.r - 1] ?? [];
      const s = this.series(x.series)!;
      const valueCol = colOf.value!;
      const cell = `${columnLetter(valueCol + 1)}${x.r}`;
      const note: FigureNote = { series: s.id, name_zh: s.name_zh, period: x.period, cell };
      const raw = row[valueCol] ?? null;
      const value = parseNumber(raw, s.unit);
      if (value === null) {
        report.empty.push(note);
        continue;
      }
      if (typeof value === 'object') {
        report.refused.push({
          ...note,
          message_zh: `${s.name_zh} ${periodLabel(x.period)}（填报!${cell}，第${x.r}行 ${columnLetter(valueCol + 1)} 列）：${value.reason_zh}；请填写以 ${s.unit} 计的数值`,
          message_en: `${s.name_en} ${x.period} (填报!${cell}, row ${x.r}, column ${columnLetter(valueCol + 1)}): ${value.reason_en}; enter the value in ${s.unit}`,
        });
        continue;
      }
      note.value = value;
      const issues = checkFigure(this.plan, s, { series: s.id, period: x.period, value }, `${periodLabel(x.period)}，填报!${cell}`);
      const releaseRaw = row[colOf.release_date!] ?? null;
      const release = parseDate(releaseRaw);
      if (release === undefined)
        issues.push({
          rule: 'not_a_number',
          field: `填报!${columnLetter(colOf.release_date! + 1)}${x.r}`,
          message_zh: `${s.name_zh} ${periodLabel(x.period)}（发布日期 填报!${columnLetter(colOf.release_date! + 1)}${x.r}）：“${text(releaseRaw)}”不是日期，应为 2026-11-15`,
          message_en: `${s.name_en} ${x.period} (release date 填报!${columnLetter(colOf.release_date! + 1)}${x.r}): "${text(releaseRaw)}" is not a date; write 2026-11-15`,
        });
      if (issues.length) {
        report.refused.push({
          ...note,
          message_zh: issues.map((i) => i.message_zh).join('；'),
          message_en: issues.map((i) => i.message_en).join('; '),
        });
        continue;
      }
      const source = text(row[colOf.source!] ?? null);
      const remark = text(row[colOf.remark!] ?? null);
      const person = report.filled_by;
      const actual = {
        series: s.id,
        period: x.period,
        value,
        value_kind: 'actual',
        source: {
          title: `${req.unit}报送${source ? `：${source}` : ''}`.slice(0, 300),
          url: null,
          date: release ?? null,
          reliability: 'internal',
        },
        vintage: release ?? (parseDate(report.filled_at) || null),
        note: [
          `数据征集“${round.name}”`,
          `报送单位：${req.unit}`,
          `填报人：${person || '（未填）'}`,
          `填报日期：${report.filled_at || '（未填）'}`,
          `文件：${file.name}`,
          remark ? `备注：${remark}` : '',
        ]
          .filter(Boolean)
          .join('；')
          .slice(0, 2000),
        entered_by: (person || req.unit).slice(0, 100),
      };
      const stored = latestFor(held, s.id, x.period);
      if (stored && sameFigure(stored.value, value)) report.unchanged.push({ ...note, stored_value: stored.value });
      else if (stored) conflicts.push({ note: { ...note, stored_value: stored.value }, actual, stored });
      else {
        report.stored.push(note);
        actuals.push(actual);
      }
    }
    if (report.refused.length) {
      report.stored = [];
      return refuse(
        'figures',
        `${file.name}：${report.refused.length} 个数值未通过检查，整份文件未导入`,
        `${file.name}: ${report.refused.length} figures failed the checks; nothing from this file was stored`,
      );
    }
    report.outcome = 'stored';
    report.conflicts = conflicts.map((c) => c.note);
    return this.record(report, actuals, conflicts);
  }

  /** Stores a report (and, when stored, its actuals and conflicts) in one transaction. */
  private record(
    report: ImportReport,
    actuals: Record<string, unknown>[],
    conflicts: { actual: Record<string, unknown>; stored: StoredActual; note: FigureNote }[] = [],
  ): ImportReport {
    this.db
      .transaction(() => {
        if (report.outcome === 'stored' && actuals.length) this.store.addActuals(actuals, { author: this.author() });
        const r = this.db
          .prepare(
            `INSERT INTO collect_imports (round_id, request_id, unit, file_name, filled_by, filled_at, outcome, report_json, imported_at, author)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            report.round_id,
            report.request_id,
            report.unit,
            report.file_name.slice(0, 300),
            report.filled_by,
            report.filled_at,
            report.outcome,
            '{}',
            this.iso(),
            this.author(),
          );
        report.import_id = Number(r.lastInsertRowid);
        this.db.prepare('UPDATE collect_imports SET report_json = ? WHERE id = ?').run(JSON.stringify(report), report.import_id);
        for (const c of conflicts)
          this.db
            .prepare(
              'INSERT INTO collect_conflicts (import_id, series, period, actual_json, stored_id, stored_value) VALUES (?, ?, ?, ?, ?, ?)',
            )
            .run(report.import_id, c.note.series, c.note.period, JSON.stringify(c.actual), c.stored.id, c.stored.value);
      })
      .immediate();
    return report;
  }

  conflicts(roundId: string): Conflict[] {
    const rows = this.db
      .prepare<[string], ConflictRow>(
        `SELECT c.*, i.unit, i.file_name FROM collect_conflicts c JOIN collect_imports i ON i.id = c.import_id
         WHERE i.round_id = ? ORDER BY c.id`,
      )
      .all(roundId);
    return rows.map((r) => ({
      id: r.id,
      import_id: r.import_id,
      unit: r.unit,
      file_name: r.file_name,
      series: r.series,
      name_zh: this.series(r.series)?.name_zh ?? r.series,
      period: r.period,
      value: (JSON.parse(r.actual_json) as { value: number }).value,
      stored_value: r.stored_value,
      stored_id: r.stored_id,
      resolution: r.resolution,
      resolved_at: r.resolved_at,
      resolved_by: r.resolved_by,
    }));
  }

  /** The planner decides a conflict: 'take' the returned figure (the stored one is kept, marked deleted) or 'keep' the stored one. */
  resolveConflict(id: number, choice: 'take' | 'keep'): Conflict {
    const row = this.db
      .prepare<[number], CollectConflictRow & { round_id: string }>(
        'SELECT c.*, i.round_id FROM collect_conflicts c JOIN collect_imports i ON i.id = c.import_id WHERE c.id = ?',
      )
      .get(id);
    if (!row) throw new StoreError('not_found', `没有编号为 ${id} 的冲突`, `No conflict #${id}`, { field: 'id' });
    if (row.resolution)
      throw new StoreError(
        'conflict',
        `冲突 #${id} 已处理（${row.resolution === 'take' ? '采用报送值' : '保留原值'}）`,
        `Conflict #${id} was already decided (${row.resolution})`,
        { field: 'id' },
      );
    this.db
      .transaction(() => {
        if (choice === 'take') {
          this.store.deleteActual(row.stored_id, { author: this.author() });
          this.store.addActuals([JSON.parse(row.actual_json) as Record<string, unknown>], { author: this.author() });
        }
        this.db
          .prepare('UPDATE collect_conflicts SET resolution = ?, resolved_at = ?, resolved_by = ? WHERE id = ?')
          .run(choice, this.iso(), this.author(), id);
      })
      .immediate();
    return this.conflicts(row.round_id).find((c) => c.id === id)!;
  }

  status(roundId?: string): RoundStatus | null {
    const round = roundId ? this.round(roundId) : this.latestRound();
    if (!round) return null;
    const imports = this.db
      .prepare<[string], CollectImportRow>('SELECT * FROM collect_imports WHERE round_id = ? ORDER BY id')
      .all(round.id);
    const conflicts = this.conflicts(round.id);
    const reqs = this.requests(round.id);
    const units: UnitStatus[] = reqs.map((req) => {
      const mine = imports.filter((i) => i.unit === req.unit);
      const last = mine[mine.length - 1] ?? null;
      const open = conflicts.filter((c) => c.unit === req.unit && c.resolution === null).length;
      const lastReport = last ? (JSON.parse(last.report_json) as ImportReport) : null;
      return {
        unit: req.unit,
        state: unitState(last ? { outcome: last.outcome } : null, open),
        indicators: new Set((JSON.parse(req.layout_json) as LayoutRow[]).map((r) => r.series)).size,
        imports: mine.length,
        last_file: last?.file_name ?? null,
        last_outcome: last?.outcome ?? null,
        last_reason_zh: lastReport?.reason_zh ?? '',
        open_conflicts: open,
      };
    });
    const before = JSON.parse(
      this.db.prepare<[string], Pick<CollectRoundRow, 'before_json'>>('SELECT before_json FROM collect_rounds WHERE id = ?').get(round.id)!
        .before_json,
    ) as VerdictSnapshot;
    const effect = this.opts.snapshot && Object.keys(before.targets).length ? roundEffect(this.plan, before, this.opts.snapshot()) : null;
    return {
      round,
      units,
      imports: imports.map((i) => {
        const r = JSON.parse(i.report_json) as ImportReport;
        return {
          id: i.id,
          unit: i.unit,
          file_name: i.file_name,
          outcome: i.outcome,
          filled_by: i.filled_by,
          imported_at: i.imported_at,
          stored: r.stored.length,
          refused: r.refused.length,
          empty: r.empty.length,
          conflicts: r.conflicts.length,
        };
      }),
      conflicts,
      effect,
    };
  }
}

function findLabelled(g: Cell[][], label: string): Cell {
  for (let r = 0; r < Math.min(g.length, HEADER_ROW); r++) {
    const row = g[r] ?? [];
    const i = row.findIndex((c) => c !== null && String(c).trim() === label);
    if (i >= 0) return row[i + 1] ?? null;
  }
  return null;
}

function latestFor(held: StoredActual[], series: string, period: string): StoredActual | undefined {
  return held.find((a) => a.series === series && a.period === period);
}

/** A conflict with the unit and file of the import that brought it. */
type ConflictRow = CollectConflictRow & Pick<CollectImportRow, 'unit' | 'file_name'>;

function toRound(r: CollectRoundRow): Round {
  return {
    id: r.id,
    name: r.name,
    contact: r.contact,
    phone: r.phone,
    return_date: r.return_date,
    ytd_month: r.ytd_month,
    units: JSON.parse(r.units_json) as string[],
    created_at: r.created_at,
    author: r.author,
  };
}

/** A file name Windows accepts: no path separators, reserved characters or control characters. */
function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
}
