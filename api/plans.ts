/**
 * Which plan the app works on. The bundled plan (咸宁 2024—2026) is the default; another plan
 * (the next one, another city's, or one built from an Excel indicator table) is a validated plan
 * file copied into the data folder and made active. Each plan has its own database file, since a
 * database belongs to one plan.
 */
import fs from 'node:fs';
import path from 'node:path';
import { percentText } from '../models/numbers';
import { PercentCell } from '../scenarios/sheets/read';
import { ApiError } from '../contract';
import type { Plan } from '../models/schema';
import type { TableImportReply } from '../contract/types';
import {
  FIELD_LABELS,
  guessMapping,
  IndicatorImportError,
  MAPPING_FIELDS,
  planFromIndicatorRows,
  readIndicatorSheet,
  type ColumnMapping,
} from '../scenarios/plan/indicator-import';
import { loadDefaultPlan, parsePlan, parsePlanText, type PlanIssue } from '../scenarios/plan/load';
import { toStoreError } from '../scenarios/store/errors';
import { jsonValueTooDeep } from '../models/json-limits';

const ACTIVE_FILE = 'active-plan.json';

function isDefaultPlan(plan: Plan): boolean {
  return plan.id === loadDefaultPlan().id;
}

/** The database of a plan: the default plan keeps the given file; others sit beside it. */
export function dbPathForPlan(defaultDbPath: string, plan: Plan): string {
  return isDefaultPlan(plan) ? defaultDbPath : path.join(path.dirname(defaultDbPath), `${plan.id}.sqlite`);
}

function issuesText(errors: PlanIssue[]): { zh: string; en: string } {
  const first = errors.slice(0, 8);
  const more = errors.length > first.length ? `（另有 ${errors.length - first.length} 处）` : '';
  return {
    zh: first.map((e) => e.message_zh).join('；') + more,
    en: first.map((e) => e.message_en).join('; ') + (more ? ` (+${errors.length - first.length} more)` : ''),
  };
}

/** Reads and validates a plan file, or throws an ApiError naming every problem (max 8). */
/** Plan files are a few hundred KB; anything near this is not one (docs/reliability.md). */
const MAX_PLAN_FILE_BYTES = 20 * 1024 * 1024;

export function readPlanFile(file: string): Plan {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_PLAN_FILE_BYTES)
      throw new ApiError(
        'too_large',
        `规划文件过大（${(size / 1024 / 1024).toFixed(1)} MB），不能超过 ${MAX_PLAN_FILE_BYTES / 1024 / 1024} MB：${file}`,
        `The plan file is too large (${(size / 1024 / 1024).toFixed(1)} MB); at most ${MAX_PLAN_FILE_BYTES / 1024 / 1024} MB: ${file}`,
        'plan',
      );
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof ApiError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new ApiError('not_found', `无法读取规划文件 ${file}（${code}）`, `Cannot read the plan file ${file} (${code})`, 'plan');
  }
  const r = parsePlanText(text);
  if (!r.ok) {
    const t = issuesText(r.errors);
    throw new ApiError(
      'invalid',
      `规划文件 ${path.basename(file)} 有误：${t.zh}`,
      `The plan file ${path.basename(file)} is invalid: ${t.en}`,
      r.errors[0]?.path,
      r.errors,
    );
  }
  return r.plan;
}

/** The active plan of a data folder: the one recorded in active-plan.json, else the bundled plan. */
export function loadActivePlan(dataDir: string): Plan {
  const marker = path.join(dataDir, ACTIVE_FILE);
  if (!fs.existsSync(marker)) return loadDefaultPlan();
  try {
    const { file } = JSON.parse(fs.readFileSync(marker, 'utf8')) as { file?: string };
    if (!file) return loadDefaultPlan();
    return readPlanFile(path.resolve(dataDir, file));
  } catch {
    // A broken marker or plan file must not lock planners out: fall back to the bundled plan.
    return loadDefaultPlan();
  }
}

/** Validates plan JSON and stores it as the active plan of the data folder (atomically). */
export function activatePlan(dataDir: string, content: unknown | null): Plan {
  const marker = path.join(dataDir, ACTIVE_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  if (content === null) {
    fs.rmSync(marker, { force: true });
    return loadDefaultPlan();
  }
  const deep = jsonValueTooDeep(content);
  if (deep)
    throw new ApiError(
      'invalid',
      `规划文件有误，未启用：${deep.message_zh}`,
      `The plan file is invalid and was not activated: ${deep.message_en}`,
      'content',
    );
  const r = parsePlan(content);
  if (!r.ok) {
    const t = issuesText(r.errors);
    throw new ApiError(
      'invalid',
      `规划文件有误，未启用：${t.zh}`,
      `The plan file is invalid and was not activated: ${t.en}`,
      r.errors[0]?.path,
      r.errors,
    );
  }
  const plans = path.join(dataDir, 'plans');
  fs.mkdirSync(plans, { recursive: true });
  const rel = path.join('plans', `${r.plan.id}.plan.json`);
  writeAtomic(path.join(dataDir, rel), JSON.stringify(r.plan, null, 2));
  writeAtomic(marker, JSON.stringify({ file: rel }));
  return r.plan;
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true }); // our own temporary file: no half plan file is left behind
    throw toStoreError(err, file); // disk_full / read_only / io, in both languages
  }
}

/** Step 1 (no mapping): the sheet, its headers and a guessed mapping. Step 2 (mapping): the plan. */
export async function importIndicatorTable(req: {
  content: Buffer;
  file_name?: string;
  sheet?: string;
  mapping?: Partial<ColumnMapping>;
  plan_id?: string;
  title_zh?: string;
  base_year?: number;
  target_year?: number;
}): Promise<TableImportReply> {
  let sheet;
  try {
    sheet = await readIndicatorSheet(req.content, {
      ...(req.sheet ? { sheet: req.sheet } : {}),
      ...(req.file_name ? { file_name: req.file_name } : {}),
    });
  } catch (err) {
    if (err instanceof IndicatorImportError) throw new ApiError('invalid', err.message_zh, err.message_en, 'content_base64');
    throw err;
  }
  const guessed = guessMapping(sheet.headers);
  const mapping: ColumnMapping = { ...guessed, ...(req.mapping ?? {}) } as ColumnMapping;
  for (const field of MAPPING_FIELDS) {
    const col = mapping[field];
    if (col !== null && (col < 0 || col >= sheet.headers.length)) {
      throw new ApiError(
        'invalid',
        `列对应关系 ${field} 指向不存在的第 ${col + 1} 列`,
        `Mapping ${field} points to column ${col + 1}, which does not exist`,
        `mapping.${field}`,
      );
    }
  }
  let result: TableImportReply['result'] = null;
  if (req.mapping) {
    const r = planFromIndicatorRows(sheet.rows, mapping, {
      plan_id: req.plan_id ?? 'imported_plan',
      title_zh: req.title_zh ?? '导入的规划',
      base_year: req.base_year ?? 2023,
      target_year: req.target_year,
      first_row: sheet.header_row + 1,
      headers: sheet.headers,
    });
    result = r.ok
      ? { ok: true, plan: r.plan, errors: [], rejected: r.rejected }
      : { ok: false, plan: null, errors: r.errors, rejected: r.rejected };
  }
  return {
    sheets: sheet.sheets,
    sheet: sheet.sheet,
    header_row: sheet.header_row,
    headers: sheet.headers,
    preview: sheet.rows
      .slice(0, 50)
      .map((row) =>
        row.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v instanceof PercentCell ? percentText(v.fraction) : v)),
      ),
    row_count: sheet.rows.length,
    mapping,
    fields: MAPPING_FIELDS.map((f) => ({ field: f, ...FIELD_LABELS[f] })),
    result,
  };
}
