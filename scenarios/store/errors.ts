import fs from 'node:fs';
import nodePath from 'node:path';
import { StudioError } from '../../models/errors';

/**
 * The store's typed error, with messages in Chinese and English, and the translation of zod
 * issues and SQLite / file-system errors into it.
 */

export type StoreErrorCode =
  'invalid' | 'not_found' | 'frozen' | 'conflict' | 'corrupt' | 'future_version' | 'read_only' | 'disk_full' | 'io';

export interface StoreErrorDetails {
  /** the file concerned (database, backup, import or export file). */
  path?: string;
  /** for 'corrupt': the newest backup of this database, or null when there is none. */
  latestBackup?: string | null;
  /** for 'invalid': the first offending field, e.g. 'assumptions[2].model.rate'. */
  field?: string;
  /** for 'future_version': the file's schema version and the newest this program knows. */
  fileVersion?: number;
  supportedVersion?: number;
  /** scenario ids concerned (e.g. the live scenarios blocking emptyTrash). */
  ids?: string[];
  /** the underlying error code (SQLITE_FULL, ENOSPC, ...). */
  cause?: string;
}

export class StoreError extends StudioError {
  declare readonly code: StoreErrorCode;
  declare readonly details?: StoreErrorDetails;

  /**
   * code, message_zh, message_en, path: the order of every StudioError. The fourth argument may
   * also be the details alone (their `field` is then the path), as the store's callers give it.
   */
  constructor(
    code: StoreErrorCode,
    message_zh: string,
    message_en: string,
    pathOrDetails?: string | StoreErrorDetails,
    details?: StoreErrorDetails,
  ) {
    const d = typeof pathOrDetails === 'object' ? pathOrDetails : details;
    const path = typeof pathOrDetails === 'string' ? pathOrDetails : d?.field;
    super(code, message_zh, message_en, path, d);
    // Both languages in `message`: errors that cross a process boundary often keep only it.
    this.message = `${message_zh} / ${message_en}`;
    this.name = 'StoreError';
  }

  toJSON(): { code: StoreErrorCode; message_zh: string; message_en: string; path?: string; details?: StoreErrorDetails; message: string } {
    return {
      code: this.code,
      message_zh: this.message_zh,
      message_en: this.message_en,
      path: this.path,
      details: this.details,
      message: this.message,
    };
  }
}

export function invalid(zh: string, en: string, field?: string): StoreError {
  return new StoreError('invalid', zh, en, field ? { field } : undefined);
}

export function notFound(id: string): StoreError {
  return new StoreError('not_found', `情景 ${id} 不存在`, `Scenario ${id} does not exist`, { ids: [id] });
}

// ---------------------------------------------------------------------------------------------
// zod issues -> bilingual messages
// ---------------------------------------------------------------------------------------------

/** Renders a zod path as `assumptions[2].model.rate`. */
function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/** Chinese for the custom messages of models/schema.ts. */
const ZH_CUSTOM: Record<string, string> = {
  'growth must be above -100%': '增长率应大于-100%',
  'must be a finite number': '应为有限数值',
  'must be above 0': '应大于0',
  'must be between -100% and 100%': '应在-100%与100%之间',
  'must be lowercase letters, digits and _ , starting with a letter': '应由小写字母、数字和下划线组成，并以字母开头',
  'must be YYYY, YYYYH1, YYYY-MM or YYYY-YYYY': '应为 YYYY、YYYYH1、YYYY-MM 或 YYYY-YYYY',
};

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数值',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  int: '整数',
  null: '空值',
};

interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  origin?: string;
  values?: unknown[];
  options?: unknown[];
  keys?: string[];
  inclusive?: boolean;
}

/** One zod issue as [zh, en] (without the path). */
function issueText(issue: IssueLike): [string, string] {
  const en = issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return [`类型错误，应为${TYPE_ZH[issue.expected ?? ''] ?? issue.expected}`, en];
    case 'too_big':
      if (issue.origin === 'string') return [`不能超过${issue.maximum}个字符`, en];
      if (issue.origin === 'array') return [`不能超过${issue.maximum}项`, en];
      return [`不能大于${issue.inclusive === false ? '或等于' : ''}${issue.maximum}`, en];
    case 'too_small':
      if (issue.origin === 'string') return [Number(issue.minimum) <= 1 ? '不能为空' : `不能少于${issue.minimum}个字符`, en];
      if (issue.origin === 'array') return [`不能少于${issue.minimum}项`, en];
      return [`不能小于${issue.inclusive === false ? '或等于' : ''}${issue.minimum}`, en];
    case 'invalid_value':
      return [`取值无效，应为 ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(' | ')} 之一`, en];
    case 'invalid_union':
      if (issue.options) return [`类型无效，应为 ${issue.options.map((v) => String(v)).join(' | ')} 之一`, en];
      return ['格式无效', en];
    case 'invalid_format':
      return [ZH_CUSTOM[en] ?? '格式无效', en];
    case 'unrecognized_keys':
      return [`包含未知字段 ${(issue.keys ?? []).join(', ')}`, en];
    default:
      return [ZH_CUSTOM[en] ?? en, en];
  }
}

/**
 * A zod error as a StoreError 'invalid' naming the field, e.g.
 * `假设 assumptions[2].model.rate: 增长率应大于-100% / Assumption assumptions[2].model.rate: growth must be above -100%`.
 */
export function fromZod(error: { issues: readonly IssueLike[] }, subject: { zh: string; en: string }, prefix = ''): StoreError {
  const issues = error.issues.slice(0, 3);
  const parts = issues.map((issue) => {
    const field = formatPath(issue.path, prefix);
    const [zh, en] = issueText(issue);
    return { field, zh, en };
  });
  const more = error.issues.length > issues.length ? error.issues.length - issues.length : 0;
  const zh = parts.map((p) => `${subject.zh} ${p.field || '(根)'}: ${p.zh}`).join('；') + (more ? `；另有${more}处错误` : '');
  const en = parts.map((p) => `${subject.en} ${p.field || '(root)'}: ${p.en}`).join('; ') + (more ? `; and ${more} more` : '');
  return invalid(zh, en, parts[0]?.field);
}

// ---------------------------------------------------------------------------------------------
// SQLite and file-system errors
// ---------------------------------------------------------------------------------------------

/**
 * Whether the file system holding `file` has no room left. SQLite reports a full disk as an I/O
 * error (not SQLITE_FULL) when it cannot create or grow the -wal / -shm files at open.
 */
function diskIsFull(file: string | undefined): boolean {
  if (!file) return false;
  let dir = nodePath.resolve(file);
  try {
    if (!fs.statSync(dir).isDirectory()) dir = nodePath.dirname(dir);
  } catch {
    dir = nodePath.dirname(dir);
  }
  try {
    const st = fs.statfsSync(dir);
    return st.bavail * st.bsize < 256 * 1024;
  } catch {
    return false;
  }
}

/** Whether the database (or its -wal) can no longer be written: SQLite then says only "disk I/O error". */
function notWritable(file: string | undefined): boolean {
  if (!file) return false;
  for (const f of [file, `${file}-wal`]) {
    try {
      fs.accessSync(f, fs.constants.W_OK);
    } catch (e) {
      if ((e as { code?: string }).code !== 'ENOENT') return true;
    }
  }
  return false;
}

/** Maps an error thrown by better-sqlite3 or node:fs to a StoreError (StoreErrors pass through). */
export function toStoreError(e: unknown, path?: string): StoreError {
  if (e instanceof StoreError) return e;
  const err = e as { code?: string; message?: string };
  const code = typeof err?.code === 'string' ? err.code : '';
  const msg = err?.message ?? String(e);
  const details: StoreErrorDetails = { cause: code || undefined };
  if (path) details.path = path;
  if (
    code === 'SQLITE_FULL' ||
    code === 'ENOSPC' ||
    code === 'EDQUOT' ||
    code === 'EFBIG' ||
    (code.startsWith('SQLITE_IOERR') && diskIsFull(path))
  ) {
    return new StoreError(
      'disk_full',
      '磁盘空间已满，未能保存。请清理磁盘空间后重试；已保存的数据未受影响。',
      'The disk is full; nothing was saved. Free some space and try again; data saved earlier is intact.',
      details,
    );
  }
  if (
    code.startsWith('SQLITE_READONLY') ||
    code === 'EROFS' ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    (code.startsWith('SQLITE_IOERR') && notWritable(path))
  ) {
    return new StoreError(
      'read_only',
      `文件或文件夹只读，无法写入${path ? `：${path}` : ''}`,
      `The file or folder is read-only and cannot be written${path ? `: ${path}` : ''}`,
      details,
    );
  }
  // a damaged header (schema format bytes) reads as "unsupported file format", a plain SQLITE_ERROR;
  // a file cut off inside a page as a short read
  if (
    code === 'SQLITE_CORRUPT' ||
    code === 'SQLITE_NOTADB' ||
    code.startsWith('SQLITE_CORRUPT') ||
    (code === 'SQLITE_ERROR' && /unsupported file format/i.test(msg)) ||
    code === 'SQLITE_IOERR_SHORT_READ'
  ) {
    return new StoreError(
      'corrupt',
      `数据库文件已损坏或不是数据库文件（${msg}）`,
      `The database file is damaged or not a database (${msg})`,
      details,
    );
  }
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError(
      'io',
      '数据库正被其他程序占用，请稍后重试',
      'The database is busy (in use by another program); try again shortly',
      details,
    );
  }
  if (code === 'ENOENT') {
    return new StoreError('not_found', `文件不存在${path ? `：${path}` : ''}`, `File not found${path ? `: ${path}` : ''}`, details);
  }
  return new StoreError('io', `读写数据时出错：${msg}`, `Storage error: ${msg}`, details);
}
