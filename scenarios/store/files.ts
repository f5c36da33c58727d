/**
 * Files carried between laptops: the scenario and workspace formats (zod), an atomic writer and
 * a careful reader.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Assumption, Reliability, ValueKind } from '../../models/schema';
import { StoreError, fromZod, toStoreError } from './errors';
import { fsyncDir } from './backup';
import { jsonTextTooDeep, jsonValueTooDeep } from '../../models/json-limits';
import type { ExportFile } from './types';

export const SCENARIO_FORMAT = 'xianning-plan-studio/scenario';
export const WORKSPACE_FORMAT = 'xianning-plan-studio/workspace';
export const FORMAT_VERSION = 1;
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/**
 * How many scenarios, actuals and milestone ticks one file may hold. Export refuses what import
 * would refuse (the app always reads its own files): `checkFileLimits` runs on both sides.
 */
export const MAX_FILE_SCENARIOS = 100_000;
const MAX_FILE_ACTUALS = 200_000;
const MAX_FILE_MILESTONES = 10_000;

const Str = (max: number) => z.string().max(max);

const ExportedScenarioSchema = z.object({
  id: Str(100).min(1),
  // lengths are checked by the store with bilingual messages; here only a sanity bound.
  name: Str(10_000),
  description: Str(100_000).default(''),
  tags: z.array(Str(1000)).max(1000).default([]),
  parent_id: Str(100).nullable().default(null),
  parent_preset_id: Str(100).nullable().default(null),
  preset_id: Str(100).nullable().default(null),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  deleted: z.boolean().default(false),
  created_at: Str(40).optional(),
  updated_at: Str(40).optional(),
  assumptions: z.array(Assumption).max(2000).default([]),
});

const SourceSchema = z.object({
  title: Str(300).min(1),
  url: Str(1000).nullable().default(null),
  date: Str(10).nullable().default(null),
  reliability: Reliability,
});

const ExportedActualSchema = z.object({
  series: Str(64).min(1),
  period: Str(16),
  value: z.number(),
  value_kind: ValueKind.default('actual'),
  source: SourceSchema,
  vintage: Str(10).nullable().default(null),
  note: Str(2000).default(''),
  entered_by: Str(100).default(''),
  entered_at: Str(40).optional(),
});

const MilestoneStateSchema = z.object({
  id: Str(64).min(1),
  done: z.boolean(),
  note: Str(2000).default(''),
  updated_at: Str(40),
  author: Str(100).default(''),
});

const Header = {
  format_version: z.number().int(),
  plan_id: Str(64).min(1),
  exported_at: Str(40),
  exported_by: Str(100).nullable().default(null),
};

const ScenarioFileSchema = z.object({
  format: z.literal(SCENARIO_FORMAT),
  ...Header,
  scenarios: z.array(ExportedScenarioSchema).min(1).max(MAX_FILE_SCENARIOS),
});

const WorkspaceFileSchema = z.object({
  format: z.literal(WORKSPACE_FORMAT),
  ...Header,
  scenarios: z.array(ExportedScenarioSchema).max(MAX_FILE_SCENARIOS),
  actuals: z.array(ExportedActualSchema).max(MAX_FILE_ACTUALS).default([]),
  milestones: z.array(MilestoneStateSchema).max(MAX_FILE_MILESTONES).default([]),
  settings: z.record(z.string(), z.unknown()).default({}),
  /** 报送单位 chosen per input series (collection from the units); absent in older files. */
  reporters: z
    .array(z.object({ series: Str(64).min(1), unit: Str(100).min(1) }))
    .max(2000)
    .default([]),
});

export type ParsedScenarioFile = z.infer<typeof ScenarioFileSchema>;
export type ParsedWorkspaceFile = z.infer<typeof WorkspaceFileSchema>;
export type ParsedExportFile = ParsedScenarioFile | ParsedWorkspaceFile;

/**
 * Refuses an export that the import would refuse for its size, naming what is over which limit.
 * Returns the file unchanged otherwise.
 */
export function checkFileLimits<T extends { scenarios: unknown[]; actuals?: unknown[]; milestones?: unknown[] }>(file: T): T {
  const over = (n: number, max: number, zh: string, en: string) => {
    if (n > max)
      throw new StoreError(
        'invalid',
        `无法导出：${n.toLocaleString('en-US')} 个${zh}超过一个文件 ${max.toLocaleString('en-US')} 个的上限（导入时同样的上限）`,
        `Cannot export: ${n.toLocaleString('en-US')} ${en} are over the limit of ${max.toLocaleString('en-US')} per file (the same limit as on import)`,
      );
  };
  over(file.scenarios.length, MAX_FILE_SCENARIOS, '情景', 'scenarios');
  over(file.actuals?.length ?? 0, MAX_FILE_ACTUALS, '实际值', 'actuals');
  over(file.milestones?.length ?? 0, MAX_FILE_MILESTONES, '里程碑记录', 'milestone ticks');
  return file;
}

/** A value for an error message: short, and never a whole (possibly huge) object. */
function shownFormat(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v);
  if (typeof v !== 'object') return JSON.stringify(v) ?? String(v);
  return Array.isArray(v) ? '[…]' : '{…}';
}

/**
 * Checks the shape of an export file (not yet against the plan: the store does that). Errors
 * name the item: `scenarios[1].assumptions[0].model.rate: ...`.
 */
export function parseExportFile(json: unknown): ParsedExportFile {
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new StoreError('invalid', '文件内容不是导出文件（应为 JSON 对象）', 'The file is not an export file (expected a JSON object)');
  const deep = jsonValueTooDeep(json);
  if (deep) throw new StoreError('invalid', deep.message_zh, deep.message_en);
  const format = (json as { format?: unknown }).format;
  if (format !== SCENARIO_FORMAT && format !== WORKSPACE_FORMAT)
    throw new StoreError(
      'invalid',
      `文件格式不对：不是本软件导出的情景或工作区文件（format: ${shownFormat(format)}）`,
      `Wrong file format: not a scenario or workspace file of this program (format: ${shownFormat(format)})`,
      { field: 'format' },
    );
  const version = (json as { format_version?: unknown }).format_version;
  if (typeof version === 'number' && version > FORMAT_VERSION)
    throw new StoreError(
      'future_version',
      `文件格式版本 ${version} 高于本程序支持的 ${FORMAT_VERSION}，请升级软件`,
      `File format version ${version} is newer than this program supports (${FORMAT_VERSION}); please upgrade`,
      { fileVersion: version, supportedVersion: FORMAT_VERSION, field: 'format_version' },
    );
  if (version !== FORMAT_VERSION)
    throw new StoreError('invalid', `文件格式版本无效：${shownFormat(version)}`, `Invalid file format version: ${shownFormat(version)}`, {
      field: 'format_version',
    });
  const schema = format === SCENARIO_FORMAT ? ScenarioFileSchema : WorkspaceFileSchema;
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw fromZod(parsed.error, { zh: '导入文件', en: 'Import file' });
  return parsed.data;
}

/**
 * Writes an export file so that a crash never leaves half a file: a temporary file beside the
 * target, fsync, rename over the target, fsync of the folder.
 */
export function writeExportFile(file: string, obj: ExportFile | unknown): void {
  const target = path.resolve(file);
  const dir = path.dirname(target);
  let isDir = false;
  try {
    isDir = fs.statSync(target).isDirectory();
  } catch {
    /* absent: the usual case */
  }
  if (isDir)
    throw new StoreError('invalid', `导出目标是文件夹，不是文件：${target}`, `The export target is a folder, not a file: ${target}`, {
      path: target,
    });
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let data: Buffer;
  try {
    data = Buffer.from(JSON.stringify(obj, null, 2) + '\n', 'utf8');
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new StoreError('invalid', `导出内容无法写成 JSON（${detail}）`, `The export cannot be written as JSON (${detail})`, {
      path: target,
    });
  }
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, 'wx');
    let off = 0;
    while (off < data.length) off += fs.writeSync(fd, data, off, data.length - off);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(tmp, target);
    fsyncDir(dir);
  } catch (e) {
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        /* ignore */
      }
    }
    try {
      fs.rmSync(tmp, { force: true }); // our own temporary file, never the target
    } catch {
      /* ignore */
    }
    throw toStoreError(e, target);
  }
}

/**
 * Reads an export file: refuses files over 50 MB before reading them, files that are not JSON
 * (with the position) and files of another format. Returns the parsed, shape-checked content.
 */
export function readImportFile(file: string): ParsedExportFile {
  const p = path.resolve(file);
  let size: number;
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) throw new StoreError('invalid', `不是文件：${p}`, `Not a file: ${p}`, { path: p });
    size = st.size;
  } catch (e) {
    throw toStoreError(e, p);
  }
  if (size > MAX_IMPORT_BYTES)
    throw new StoreError(
      'invalid',
      `文件过大（${(size / 1024 / 1024).toFixed(1)} MB），导入文件不能超过 50 MB：${p}`,
      `The file is too large (${(size / 1024 / 1024).toFixed(1)} MB); import files may be at most 50 MB: ${p}`,
      { path: p },
    );
  let text: string;
  try {
    text = fs.readFileSync(p, 'utf8');
  } catch (e) {
    throw toStoreError(e, p);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const deep = jsonTextTooDeep(text);
  if (deep) throw new StoreError('invalid', `${deep.message_zh}：${p}`, `${deep.message_en}: ${p}`, { path: p });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new StoreError('invalid', `文件不是有效的 JSON（${detail}）：${p}`, `The file is not valid JSON (${detail}): ${p}`, { path: p });
  }
  try {
    return parseExportFile(json);
  } catch (e) {
    if (e instanceof StoreError) {
      throw new StoreError(e.code, e.message_zh, e.message_en, { ...e.details, path: p });
    }
    throw e;
  }
}
