/**
 * Limits on spreadsheets coming in (docs/reliability.md), one set for every import (the sheet
 * reader in scenarios/sheets/ applies them: indicator table, year-to-date, actuals):
 *   - at most MAX_UPLOAD_BYTES in the file itself;
 *   - at most MAX_SHEET_CELLS cells in a worksheet (rows x columns for a CSV, the `<c>` elements
 *     of an .xlsx), and at most MAX_WORKBOOK_CELLS in all the worksheets of a workbook together,
 *     so the memory of one upload stays bounded (ten full sheets would otherwise be ten times it);
 *   - at most MAX_CELL_CHARS characters in a cell (Excel's own limit);
 *   - at most MAX_SHEET_ROWS rows in any worksheet (CSV: lines), refused with a clear message;
 *   - at most MAX_XLSX_UNCOMPRESSED_BYTES of data inside an .xlsx (a zip): a small file that
 *     inflates to gigabytes (a "zip bomb") is refused before the workbook is parsed;
 *   - only the first MAX_SHEET_COLUMNS columns are read (the tables have six or eight).
 *
 * `inspectXlsx` checks the zip itself, streaming each entry through zlib and counting the
 * worksheets' `<row>` elements, so the rows are counted before exceljs builds the workbook in
 * memory (a million-row sheet would otherwise cost gigabytes and minutes before any check).
 * `checkXlsx` also says whether exceljs' streaming reader can read the workbook as its in-memory
 * reader would (the layout it understands), with each sheet's merged ranges, which the streaming
 * reader skips (the sheet reader fills them in, as the in-memory reader does).
 */
import zlib from 'node:zlib';

export const MAX_SHEET_ROWS = 100_000;
export const MAX_SHEET_COLUMNS = 256;
const MAX_XLSX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
/** The file itself (the API's base64 fields allow 30 MB of text, about 22 MB of bytes). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/**
 * Cells in a worksheet, and in all the worksheets of a workbook together (the bench reads a
 * workbook of this size: `npm run bench -- sheets`). One million is the row limit at ten columns:
 * the tables the imports read have six to eight (an indicator table or a bulletin has hundreds
 * of rows; the plan's 93 series by month over ten years are about 11,000 rows of actuals). Up to
 * issue 19 it was 2,000,000, which no import needed and which cost twice the memory per upload.
 */
export const MAX_SHEET_CELLS = 1_000_000;
export const MAX_WORKBOOK_CELLS = 1_000_000;
export const MAX_CELL_CHARS = 32_767;
/**
 * The heap (V8's old generation) of the worker thread that reads one large upload
 * (scenarios/sheets/reader-pool.ts): the largest accepted workbook needs about 90 MB of it for
 * the cells kept, and exceljs' garbage is collected within the rest. A read that would need more
 * (the in-memory reader on a very large workbook of a layout the streaming reader cannot read)
 * is refused by `readerOutOfMemory`, and the host goes on.
 */
export const MAX_READER_HEAP_MB = 256;
/**
 * Its young generation: a worker given only an old-generation bound gets a small one from V8,
 * and exceljs' short-lived objects are then promoted and collected again and again (the largest
 * workbook took three times as long).
 */
export const READER_YOUNG_HEAP_MB = 64;
/** Large uploads read at once; more wait their turn (in order), so four at once cost what one does. */
export const MAX_CONCURRENT_READS = 1;

export interface SheetLimitProblem {
  code: 'too_many_rows' | 'too_many_cells' | 'too_many_workbook_cells' | 'too_large' | 'unsupported';
  message_zh: string;
  message_en: string;
}

const fmt = (n: number) => n.toLocaleString('en-US');

export function tooManyRows(sheet?: string | null): SheetLimitProblem {
  const zh = sheet ? `工作表“${sheet}”` : '表格';
  const en = sheet ? `Sheet "${sheet}"` : 'The table';
  return {
    code: 'too_many_rows',
    message_zh: `${zh}超过 ${fmt(MAX_SHEET_ROWS)} 行上限，未导入任何数据；请分批导入`,
    message_en: `${en} has more than ${fmt(MAX_SHEET_ROWS)} rows (the limit); nothing was imported. Import it in parts`,
  };
}

export function tooManyCells(sheet?: string | null): SheetLimitProblem {
  const zh = sheet ? `工作表“${sheet}”` : '表格';
  const en = sheet ? `Sheet "${sheet}"` : 'The table';
  return {
    code: 'too_many_cells',
    message_zh: `${zh}超过 ${fmt(MAX_SHEET_CELLS)} 个单元格上限，未导入任何数据；请分批导入`,
    message_en: `${en} has more than ${fmt(MAX_SHEET_CELLS)} cells (the limit); nothing was imported. Import it in parts`,
  };
}

/** The workbook's cells together passed MAX_WORKBOOK_CELLS, counting up to and within `sheet`. */
export function tooManyWorkbookCells(sheet: string | null): SheetLimitProblem {
  const zh = sheet ? `，数到工作表“${sheet}”时` : '';
  const en = sheet ? ` (counting up to sheet "${sheet}")` : '';
  return {
    code: 'too_many_workbook_cells',
    message_zh: `工作簿各工作表的单元格合计超过 ${fmt(MAX_WORKBOOK_CELLS)} 个上限${zh}，未导入任何数据；请删去不需要的工作表或分批导入`,
    message_en: `The workbook's sheets together have more than ${fmt(MAX_WORKBOOK_CELLS)} cells (the limit)${en}; nothing was imported. Remove the sheets not needed or import it in parts`,
  };
}

/**
 * A workbook the streaming reader cannot read as the in-memory one does (a formula whose cached
 * result is an error or a boolean, a sheet under another file name ...) is read in memory, which
 * costs about five times the memory a cell: only up to these sizes, well within the reader's heap
 * bound. Node stops a worker at its bound only for most allocations (one very large allocation
 * can end the whole process instead), so the readers are kept well below it rather than run into it.
 */
export const MAX_IN_MEMORY_CELLS = 200_000;
export const MAX_IN_MEMORY_UNPACKED_BYTES = 40 * 1024 * 1024;

export function inMemoryTooLarge(): SheetLimitProblem {
  const n = MAX_IN_MEMORY_CELLS.toLocaleString('en-US');
  const mb = MAX_IN_MEMORY_UNPACKED_BYTES / 1024 / 1024;
  return {
    code: 'too_large',
    message_zh: `工作簿含有只能整体读入的内容（如结果为错误值或逻辑值的公式），且超过 ${n} 个单元格或解压后 ${mb} MB 的上限，未导入任何数据；请将公式转为数值（复制后“选择性粘贴 → 数值”）或分批导入`,
    message_en: `The workbook holds content that can only be read whole (such as formulas whose result is an error or TRUE/FALSE) and is over ${n} cells or ${mb} MB unpacked (the limits for that); nothing was imported. Turn the formulas into values (copy, then Paste Special > Values) or import it in parts`,
  };
}

/** The longest the reader's worker may take over one file (the largest accepted one takes seconds). */
export const MAX_READ_SECONDS = 300;

/** The reader's worker was stopped after `seconds`. */
export function readerTimedOut(seconds: number = MAX_READ_SECONDS): SheetLimitProblem {
  const zh = seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60} 分钟` : `${seconds} 秒`;
  const en = seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60} minutes` : `${seconds} seconds`;
  return {
    code: 'too_large',
    message_zh: `读取该工作簿超过 ${zh}仍未完成，已停止，未导入任何数据；请删去不需要的工作表、行或列，或分批导入`,
    message_en: `Reading the workbook had not finished after ${en} and was stopped; nothing was imported. Remove the sheets, rows or columns not needed, or import it in parts`,
  };
}

/** The reader's worker passed its heap bound (MAX_READER_HEAP_MB). */
export function readerOutOfMemory(mb: number = MAX_READER_HEAP_MB): SheetLimitProblem {
  return {
    code: 'too_large',
    message_zh: `读取该工作簿所需内存超过 ${mb} MB 上限（单元格过多或内容过于复杂），未导入任何数据；请删去不需要的工作表、行或列，或分批导入`,
    message_en: `Reading the workbook would take more than the ${mb} MB of memory allowed for one upload (too many cells, or too complex a content); nothing was imported. Remove the sheets, rows or columns not needed, or import it in parts`,
  };
}

export function fileTooLarge(bytes: number): SheetLimitProblem {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return {
    code: 'too_large',
    message_zh: `文件大小 ${mb(bytes)} MB，超过 ${mb(MAX_UPLOAD_BYTES)} MB 上限，未导入任何数据；请分批导入`,
    message_en: `The file is ${mb(bytes)} MB, over the ${mb(MAX_UPLOAD_BYTES)} MB limit; nothing was imported. Import it in parts`,
  };
}

function tooLarge(): SheetLimitProblem {
  const mb = MAX_XLSX_UNCOMPRESSED_BYTES / 1024 / 1024;
  return {
    code: 'too_large',
    message_zh: `工作簿解压后超过 ${mb} MB 上限（可能是异常或恶意文件），未导入任何数据`,
    message_en: `The workbook unpacks to more than ${mb} MB (the limit; a damaged or hostile file?); nothing was imported`,
  };
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;
/** A row element, with or without a namespace prefix: `<row r="1">`, `<x:row>` (not `<rowBreaks>`). */
const ROW_TAG = /<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g;
/** A cell element (`<c r="A1">`, `<x:c>`; not `<col>` or `<cfRule>`). */
const CELL_TAG = /<(?:[A-Za-z_][\w.-]*:)?c[\s>/]/g;
/** A merged range (`<mergeCell ref="A1:D1"/>`). */
const MERGE_TAG = /<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref="([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)"/g;
/** A row element with a namespace prefix (`<x:row>`), which exceljs' streaming reader does not see. */
const PREFIXED_ROW = /<[A-Za-z_][\w.-]*:row[\s>/]/;
/**
 * A formula whose cached result is an error or a boolean (`<c r="A1" t="e"><f>`): the streaming
 * reader turns "#DIV/0!" into no result and TRUE into 1, so such a workbook is read in memory.
 */
const ERROR_OR_BOOLEAN_FORMULA = /\st="[eb]"[^>]*>\s*<(?:[A-Za-z_][\w.-]*:)?f[\s>/]/;
/** Worksheet paths exceljs' streaming reader reads (any other name it skips). */
const STREAMED_SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
/** Merged ranges kept per sheet for the streaming reader; more, and the in-memory reader is used. */
const MAX_MERGES = 10_000;
const CARRY = 64;

export interface Entry {
  name: string;
  method: number;
  data: Buffer;
}

/** The entries of a zip from its central directory; null when it is not a (plain) zip. */
export function zipEntries(buf: Buffer): Entry[] | 'zip64' | null {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) return 'zip64';
  const out: Entry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const usize = buf.readUInt32LE(p + 24);
    const nlen = buf.readUInt16LE(p + 28);
    const elen = buf.readUInt16LE(p + 30);
    const clen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nlen);
    p += 46 + nlen + elen + clen;
    if (csize === 0xffffffff || usize === 0xffffffff || local === 0xffffffff) return 'zip64';
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) continue;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + csize > buf.length) continue;
    out.push({ name, method, data: buf.subarray(start, start + csize) });
  }
  return out;
}

/**
 * Streams one entry; `onChunk` returns false to stop early. Resolves with the bytes seen, or
 * null when the data is not valid deflate (exceljs will then say what is wrong).
 */
function inflateEntry(e: Entry, budget: number, onChunk: (chunk: Buffer) => boolean): Promise<number | null> {
  if (e.method === 0) {
    onChunk(e.data.subarray(0, Math.min(e.data.length, budget + 1)));
    return Promise.resolve(e.data.length);
  }
  if (e.method !== 8) return Promise.resolve(0);
  return new Promise((resolve) => {
    const inflater = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
    let seen = 0;
    let done = false;
    const finish = (v: number | null) => {
      if (done) return;
      done = true;
      inflater.removeAllListeners('data');
      inflater.destroy();
      resolve(v);
    };
    inflater.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > budget || !onChunk(chunk)) finish(seen);
    });
    inflater.on('end', () => finish(seen));
    inflater.on('error', () => finish(seen > 0 ? seen : null));
    inflater.end(e.data);
  });
}

/** The whole text of a small entry (workbook.xml, its rels), or null if it cannot be inflated within `budget`. */
async function entryText(e: Entry | undefined, budget: number): Promise<string | null> {
  if (!e) return null;
  const parts: Buffer[] = [];
  const seen = await inflateEntry(e, budget, (chunk) => {
    parts.push(chunk);
    return true;
  });
  if (seen === null || seen > budget) return null;
  return Buffer.concat(parts).toString('utf8');
}

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m
    ? m[1]!
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&')
    : null;
};

/**
 * Each worksheet's zip path with its name, from xl/workbook.xml and its rels; paths exceljs'
 * streaming reader would not link to a name (an absolute target, another file name) are left out.
 */
async function sheetNames(entries: Entry[]): Promise<Map<string, string>> {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const out = new Map<string, string>();
  const book = await entryText(byName.get('xl/workbook.xml'), 8 * 1024 * 1024);
  const rels = await entryText(byName.get('xl/_rels/workbook.xml.rels'), 8 * 1024 * 1024);
  if (book === null || rels === null) return out;
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:[A-Za-z_][\w.-]*:)?Relationship\s[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target && /^worksheets\/sheet\d+\.xml$/.test(target)) targets.set(id, `xl/${target}`);
  }
  for (const m of book.matchAll(/<(?:[A-Za-z_][\w.-]*:)?sheet\s[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const id = attr(m[0], 'r:id');
    const target = id ? targets.get(id) : undefined;
    if (name !== null && target) out.set(target, name);
  }
  return out;
}

/** What `checkXlsx` found: a limit passed, and whether (and how) the streaming reader can read it. */
export interface XlsxCheck {
  problem: SheetLimitProblem | null;
  /**
   * When exceljs' streaming reader reads this workbook as the in-memory reader would: each
   * worksheet's name with its merged ranges ("A1:D1"), in the workbook's order. Null: use the
   * in-memory reader.
   */
  streamable: Map<string, string[]> | null;
  /** the `<c>` elements counted in all the worksheets (up to where a limit was passed). */
  cells: number;
  /** the bytes of every entry inflated (up to where a limit was passed). */
  unpacked: number;
}

/**
 * Checks an .xlsx before it is parsed: its unpacked size, the rows and cells of each worksheet
 * and the cells of all of them together. `problem` is null when it is within the limits, or when
 * it is not a zip at all (the workbook reader reports that in its own words).
 */
export async function checkXlsx(bytes: Uint8Array): Promise<XlsxCheck> {
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return { problem: fileTooLarge(bytes.byteLength), streamable: null, cells: 0, unpacked: 0 };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 22) return { problem: null, streamable: null, cells: 0, unpacked: 0 };
  const entries = zipEntries(buf);
  if (entries === null) return { problem: null, streamable: null, cells: 0, unpacked: 0 };
  if (entries === 'zip64')
    return {
      problem: {
        code: 'unsupported',
        message_zh: '工作簿使用了 ZIP64 格式（通常只用于超过 4 GB 的文件），无法导入',
        message_en: 'The workbook uses the ZIP64 format (only needed for files over 4 GB); it cannot be imported',
      },
      streamable: null,
      cells: 0,
      unpacked: 0,
    };
  const names = await sheetNames(entries);
  // in the workbook's order (xl/workbook.xml), as the in-memory reader gives the sheets
  let streamable: Map<string, string[]> | null = new Map([...names.values()].map((n) => [n, []]));
  let total = 0;
  let workbookCells = 0;
  for (const e of entries) {
    const isSheet = WORKSHEET.test(e.name);
    const sheet = names.get(e.name) ?? null;
    if (isSheet && (sheet === null || !STREAMED_SHEET.test(e.name))) streamable = null;
    const merges: string[] = [];
    let rows = 0;
    let cells = 0;
    let carry = '';
    let over: SheetLimitProblem | null = null;
    const seen = await inflateEntry(e, MAX_XLSX_UNCOMPRESSED_BYTES - total, (chunk) => {
      if (!isSheet) return true;
      const text = carry + chunk.toString('latin1');
      const fresh = (m: RegExpExecArray) => m.index + m[0].length > carry.length; // a match wholly in `carry` was counted before
      ROW_TAG.lastIndex = 0;
      for (let m = ROW_TAG.exec(text); m; m = ROW_TAG.exec(text)) if (fresh(m)) rows++;
      CELL_TAG.lastIndex = 0;
      for (let m = CELL_TAG.exec(text); m; m = CELL_TAG.exec(text)) {
        if (fresh(m)) {
          cells++;
          workbookCells++;
        }
      }
      if (streamable) {
        MERGE_TAG.lastIndex = 0;
        for (let m = MERGE_TAG.exec(text); m; m = MERGE_TAG.exec(text)) if (fresh(m)) merges.push(m[1]!);
        if (merges.length > MAX_MERGES || PREFIXED_ROW.test(text) || ERROR_OR_BOOLEAN_FORMULA.test(text)) streamable = null;
      }
      carry = text.slice(-CARRY);
      if (rows > MAX_SHEET_ROWS) over = tooManyRows(sheet);
      else if (cells > MAX_SHEET_CELLS) over = tooManyCells(sheet);
      else if (workbookCells > MAX_WORKBOOK_CELLS) over = tooManyWorkbookCells(sheet);
      if (over) return false;
      return true;
    });
    if (over) return { problem: over, streamable: null, cells: workbookCells, unpacked: total };
    if (seen === null) return { problem: null, streamable: null, cells: workbookCells, unpacked: total };
    total += seen;
    if (total > MAX_XLSX_UNCOMPRESSED_BYTES) return { problem: tooLarge(), streamable: null, cells: workbookCells, unpacked: total };
    if (isSheet && streamable && sheet !== null) streamable.get(sheet)?.push(...merges);
  }
  return { problem: null, streamable, cells: workbookCells, unpacked: total };
}

/** The limits part of `checkXlsx`. */
export async function inspectXlsx(bytes: Uint8Array): Promise<SheetLimitProblem | null> {
  return (await checkXlsx(bytes)).problem;
}
