/**
 * Validation of the desktop-only file dialog requests (`dialog:saveFile`, `dialog:openFile`).
 * The renderer is not trusted: every field is checked here before a dialog opens or a byte is
 * written. Pure (no electron import), tested in tests/unit/electron/dialog-requests.test.ts.
 */
import type { OpenFileRequest, SaveFileRequest } from '../common/studio-bridge';
import { isWindowsDeviceName } from './windows-names';

/** Largest file the dialogs write or read: 50 MB. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
const MAX_NAME_LENGTH = 200;
const EXTENSION = /^[A-Za-z0-9]{1,10}$/;

export interface DialogProblem {
  code: 'invalid' | 'too_large';
  message_zh: string;
  message_en: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: DialogProblem };

const invalid = (zh: string, en: string): { ok: false; problem: DialogProblem } => ({
  ok: false,
  problem: { code: 'invalid', message_zh: zh, message_en: en },
});
const tooLarge = (bytes: number): { ok: false; problem: DialogProblem } => ({
  ok: false,
  problem: {
    code: 'too_large',
    message_zh: `文件过大（${(bytes / 1048576).toFixed(1)} MB），上限为 50 MB`,
    message_en: `File too large (${(bytes / 1048576).toFixed(1)} MB); the limit is 50 MB`,
  },
});

/**
 * A safe file name for a save dialog's default: folders dropped, characters Windows forbids and
 * control characters replaced with `_`, leading dots and trailing dots/spaces trimmed, reserved
 * device names (CON, NUL, ...) prefixed, length capped. Never empty.
 */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let out = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim();
  out = out.replace(/^\.+/, '').replace(/[. ]+$/, '');
  if (isWindowsDeviceName(out)) out = `_${out}`;
  if (out.length > MAX_NAME_LENGTH) {
    const dot = out.lastIndexOf('.');
    const ext = dot > 0 && out.length - dot <= 11 ? out.slice(dot) : '';
    out = out.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
  }
  return out || 'export';
}

/** The extension of a file name without the dot, lower-case, when it is a plain one. */
export function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  const ext = name.slice(dot + 1);
  return EXTENSION.test(ext) ? ext.toLowerCase() : null;
}

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

export interface CheckedSave {
  defaultName: string;
  extension: string | null;
  data: Uint8Array | string;
  bytes: number;
}

export function checkSaveFileRequest(req: unknown): Checked<CheckedSave> {
  if (!req || typeof req !== 'object') return invalid('请求格式不正确', 'Malformed request');
  const r = req as Partial<Record<keyof SaveFileRequest, unknown>>;
  if (typeof r.defaultName !== 'string' || r.defaultName.length === 0 || r.defaultName.length > 1000) {
    return invalid('文件名不正确', 'Invalid file name');
  }
  const keys = Object.keys(req);
  if (keys.some((k) => k !== 'defaultName' && k !== 'content')) {
    return invalid('请求包含未知字段', 'Request has unknown fields');
  }
  let data: Uint8Array | string;
  let bytes: number;
  if (typeof r.content === 'string') {
    // A UTF-8 byte is at least one UTF-16 unit and at most three: refuse early without encoding.
    if (r.content.length > MAX_FILE_BYTES) return tooLarge(r.content.length);
    bytes = utf8Length(r.content);
    data = r.content;
  } else if (isBytes(r.content)) {
    const view = r.content as ArrayBufferView;
    bytes = view.byteLength;
    data = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  } else {
    return invalid('文件内容必须是文本或字节', 'File content must be text or bytes');
  }
  if (bytes > MAX_FILE_BYTES) return tooLarge(bytes);
  const defaultName = sanitizeFileName(r.defaultName);
  return { ok: true, value: { defaultName, extension: extensionOf(defaultName), data, bytes } };
}

export function checkOpenFileRequest(req: unknown): Checked<{ extensions: string[] }> {
  if (!req || typeof req !== 'object') return invalid('请求格式不正确', 'Malformed request');
  const r = req as Partial<Record<keyof OpenFileRequest, unknown>>;
  if (Object.keys(req).some((k) => k !== 'extensions')) {
    return invalid('请求包含未知字段', 'Request has unknown fields');
  }
  const exts = r.extensions;
  if (!Array.isArray(exts) || exts.length === 0 || exts.length > 10) {
    return invalid('需要 1 到 10 个文件扩展名', 'Expected 1 to 10 file extensions');
  }
  const out: string[] = [];
  for (const e of exts) {
    if (typeof e !== 'string' || !EXTENSION.test(e)) {
      return invalid('文件扩展名不正确（只允许字母和数字）', 'Invalid file extension (letters and digits only)');
    }
    if (!out.includes(e.toLowerCase())) out.push(e.toLowerCase());
  }
  return { ok: true, value: { extensions: out } };
}

/** Checks a file chosen in the open dialog before it is read. */
export function checkOpenedFileSize(bytes: number): Checked<number> {
  return bytes > MAX_FILE_BYTES ? tooLarge(bytes) : { ok: true, value: bytes };
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Save dialog filters for an extension, with bilingual names for the common ones. */
export function filtersFor(extensions: readonly string[], lang: 'zh-CN' | 'en'): { name: string; extensions: string[] }[] {
  const names: Record<string, [string, string]> = {
    json: ['JSON 文件', 'JSON files'],
    xlsx: ['Excel 工作簿', 'Excel workbooks'],
    csv: ['CSV 表格', 'CSV files'],
    docx: ['Word 文档', 'Word documents'],
    pdf: ['PDF 文档', 'PDF documents'],
    zip: ['ZIP 压缩包', 'ZIP archives'],
    html: ['网页', 'Web pages'],
    md: ['Markdown 文本', 'Markdown text'],
    png: ['PNG 图片', 'PNG images'],
    svg: ['SVG 图片', 'SVG images'],
    sqlite: ['数据库备份', 'Database backups'],
    db: ['数据库备份', 'Database backups'],
  };
  const i = lang === 'zh-CN' ? 0 : 1;
  const filters = extensions.map((ext) => ({ name: names[ext]?.[i] ?? ext.toUpperCase(), extensions: [ext] }));
  if (extensions.length > 1) {
    filters.unshift({ name: lang === 'zh-CN' ? '支持的文件' : 'Supported files', extensions: [...extensions] });
  }
  return filters;
}
