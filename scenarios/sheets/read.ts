/**
 * The one sheet reader on the server, for every import (indicator table, year-to-date, actuals):
 *   - CSV through csv-parse, after finding the encoding: UTF-8 with or without BOM, UTF-16 LE/BE
 *     (BOM, or the NUL pattern of ASCII text), else GB18030/GBK (what Excel on Chinese Windows
 *     saves) when the bytes are not strict UTF-8; comma, tab or semicolon separated;
 *   - .xlsx through exceljs, after `checkXlsx` has counted rows and cells inside the zip: through
 *     its streaming reader (WorkbookReader) when the workbook's layout is one it reads as the
 *     in-memory reader does (about a fifth of the memory: `npm run bench -- sheets`), merged
 *     ranges filled in from the master cell as the in-memory reader does; else, or when the
 *     streaming reader stumbles, through the in-memory reader (Workbook.xlsx.load), only up to
 *     MAX_IN_MEMORY_CELLS and MAX_IN_MEMORY_UNPACKED_BYTES (it costs about five times the memory);
 *   - one set of limits (scenarios/plan/sheet-limits.ts): file bytes, rows, columns, cells per
 *     sheet and per workbook, cell length;
 *   - a file beyond READ_HERE_MAX_BYTES or READ_HERE_MAX_CELLS read in a worker thread with a
 *     bounded heap (reader-pool.ts), one at a time, refused when it would pass the bound.
 * Every cell comes back as a plain value: string, number, boolean, Date, null, a PercentCell (a
 * number shown with a % format) or a CellProblem (a formula without a cached result, an error).
 * A damaged or unreadable file is a SheetReadError in the planner's words, naming the file.
 */
import { pipeline, Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { columnLetter } from '../../models/columns';
import {
  checkXlsx,
  fileTooLarge,
  inMemoryTooLarge,
  MAX_CELL_CHARS,
  MAX_IN_MEMORY_CELLS,
  MAX_IN_MEMORY_UNPACKED_BYTES,
  MAX_SHEET_CELLS,
  MAX_SHEET_COLUMNS,
  MAX_SHEET_ROWS,
  MAX_UPLOAD_BYTES,
  MAX_WORKBOOK_CELLS,
  tooManyCells,
  tooManyRows,
  tooManyWorkbookCells,
  zipEntries,
  type Entry,
} from '../plan/sheet-limits';
import { fileLabel, isCellProblem, PercentCell, SheetReadError, type SheetCell, type SheetData, type Workbook } from './cells';
import { readInWorker } from './reader-pool';

export { isCellProblem, PercentCell, SheetReadError, type CellProblem, type SheetCell, type SheetData, type Workbook } from './cells';

/** Which kind a file is, from its first bytes (a name's extension can lie). */
function sniffKind(bytes: Uint8Array): 'xlsx' | 'xls' | 'csv' {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  return 'csv';
}

/**
 * Text of a CSV file and the encoding found: BOMs first, then the NUL pattern of UTF-16 text
 * without a BOM, then strict UTF-8, else GB18030 (a superset of GBK).
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const n = Math.min(bytes.length, 4096) & ~1;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  // UTF-8 and GBK text holds no NUL bytes; UTF-16 holds one in every ASCII character (commas,
  // digits, line ends), on the odd bytes (LE) or the even ones (BE). A few on the other side come
  // from characters such as U+0100 or the low surrogate of 𠀀 (U+20000: D840 DC00).
  if (n >= 4 && oddNul > n / 8 && evenNul * 8 < oddNul) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (n >= 4 && evenNul > n / 8 && oddNul * 8 < evenNul) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

function detectDelimiter(text: string): string {
  const lines = text.split(/\r?\n/, 20).filter((l) => l.trim() !== '');
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';']) {
    const count = lines.reduce((s, l) => s + l.split(d).length - 1, 0);
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function checkCell(text: string, row: number, col: number, file: string): void {
  if (text.length > MAX_CELL_CHARS) {
    const f = fileLabel(file);
    throw new SheetReadError(
      'cell_too_long',
      `${f.zh}第${row}行 ${columnLetter(col)} 列的单元格有 ${text.length.toLocaleString('en-US')} 个字符，超过 ${MAX_CELL_CHARS.toLocaleString('en-US')} 个字符上限，未导入任何数据`,
      `${f.en}, row ${row}, column ${columnLetter(col)}: the cell holds ${text.length.toLocaleString('en-US')} characters, over the ${MAX_CELL_CHARS.toLocaleString('en-US')} limit; nothing was imported`,
      `rows[${row}].${columnLetter(col)}`,
    );
  }
}

function limit(p: { code: string; message_zh: string; message_en: string }, file: string): SheetReadError {
  const f = fileLabel(file);
  return new SheetReadError(p.code, `${f.zh}：${p.message_zh}`, `${f.en}: ${p.message_en}`);
}

function readCsv(bytes: Uint8Array, file: string): Workbook {
  const { text, encoding } = decodeCsvBytes(bytes);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
      to_line: MAX_SHEET_ROWS + 2,
    }) as string[][];
  } catch (e) {
    const f = fileLabel(file);
    const line = (e as { lines?: number }).lines;
    throw new SheetReadError(
      'csv_unreadable',
      `${f.zh}不是可读的 CSV 表格${line ? `（第${line}行附近引号不成对）` : ''}，未导入任何数据；请在 Excel 或 WPS 中另存为 CSV 或 .xlsx 后再试`,
      `${f.en} is not a readable CSV table${line ? ` (unbalanced quotes near line ${line})` : ''}; nothing was imported. Save it again as CSV or .xlsx from Excel or WPS`,
    );
  }
  while (records.length > 0 && records[records.length - 1]!.every((c) => c.trim() === '')) records.pop();
  if (records.length > MAX_SHEET_ROWS) throw limit(tooManyRows(null), file);
  let cells = 0;
  const rows: SheetCell[][] = records.map((r, i) => {
    const cut = r.slice(0, MAX_SHEET_COLUMNS);
    cells += cut.length;
    cut.forEach((c, j) => checkCell(c, i + 1, j, file));
    return cut;
  });
  if (cells > MAX_SHEET_CELLS) throw limit(tooManyCells(null), file);
  return { file_name: file, kind: 'csv', encoding, sheets: [{ name: file.replace(/\.[^.]+$/, '') || 'CSV', rows }] };
}

/** A plain value of a cell: text, number, boolean, Date, null, or a CellProblem. */
function plainValue(v: ExcelJS.CellValue, address: string): SheetCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('error' in v) return { cell_problem: 'error_value', detail: String(v.error), address };
    if ('formula' in v || 'sharedFormula' in v) {
      const f = v as { formula?: string; sharedFormula?: string; result?: unknown };
      const formula = f.formula ?? f.sharedFormula ?? '';
      if (f.result === undefined || f.result === null) return { cell_problem: 'formula_without_result', detail: `=${formula}`, address };
      const r = f.result as ExcelJS.CellValue;
      if (typeof r === 'object' && r !== null && 'error' in r)
        return { cell_problem: 'error_value', detail: String((r as { error: unknown }).error), address };
      return plainValue(r, address);
    }
    if ('text' in v) return String((v as { text: unknown }).text);
  }
  return String(v);
}

async function loadExcel(): Promise<typeof ExcelJS> {
  const mod = await import('exceljs');
  return (mod as unknown as { default?: typeof ExcelJS }).default ?? (mod as unknown as typeof ExcelJS);
}

function damaged(file: string): SheetReadError {
  const f = fileLabel(file);
  return new SheetReadError(
    'xlsx_damaged',
    `${f.zh}已损坏或不是 Excel 工作簿（.xlsx），无法读取，未导入任何数据；请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试`,
    `${f.en} is damaged or is not an Excel workbook (.xlsx) and cannot be read; nothing was imported. Open it in Excel or WPS and save it again as .xlsx`,
  );
}

/** One cell as the sheet reader keeps it (a percent-formatted number holds a fraction: keep what the planner sees). */
function keptCell(cell: ExcelJS.Cell, r: number, c: number, file: string): SheetCell {
  const v = plainValue(cell.value, cell.address);
  if (typeof v === 'string') checkCell(v, r, c - 1, file);
  return typeof v === 'number' && /%/.test(cell.numFmt ?? '') ? new PercentCell(v) : v;
}

/** The streaming reader met something it does not read as the in-memory reader would. */
class NotStreamable extends Error {}

/** Column number (1-based) and row of an address such as "AB12". */
function decodeAddress(a: string): { col: number; row: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a)!;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return { col, row: Number(m[2]) };
}

/** Every character outside printable ASCII, as an XML character reference (tab, CR, LF kept). */
const NON_ASCII = /[^\t\n\r -~]/gu;

/**
 * The XML parts of the workbook again as a zip stream, each part stored (not compressed) with
 * every non-ASCII character written as a character reference (&#25509;), which the XML parser
 * reads back as the same character. Why: exceljs' streaming reader decodes each chunk of a part
 * on its own, so a Chinese character split across two chunks comes out as two U+FFFD (the
 * parity test caught it); in pure ASCII no chunk boundary can split a character. The parts go
 * through one at a time, never whole in memory; each ends with a data descriptor, whose
 * signature ("PK\x07\x08") cannot occur in the escaped text (a part holding control characters,
 * invalid in XML anyway, is left to the in-memory reader). A workbook without shared strings
 * (inline strings only) still has exceljs park its sheets in temporary files until the end.
 */
async function* asciiXmlZip(entries: Entry[]): AsyncGenerator<Buffer> {
  // the workbook, its rels, styles and shared strings first: exceljs then reads each sheet as it
  // streams past (with its number formats) instead of parking it in a temporary file
  const first = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml'];
  const rank = (e: Entry) => (first.includes(e.name) ? first.indexOf(e.name) : first.length);
  const ordered = entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
    .map((x) => x.e);
  for (const e of ordered) {
    if (!/\.(xml|rels)$/i.test(e.name) || (e.method !== 0 && e.method !== 8)) continue;
    const name = Buffer.from(e.name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0808, 6); // sizes in a data descriptor after the data; UTF-8 name
    head.writeUInt16LE(0, 8); // stored
    head.writeUInt16LE(name.length, 26);
    yield Buffer.concat([head, name]);
    const decoder = new StringDecoder('utf8');
    let crc = 0;
    let size = 0;
    const escape = (text: string): Buffer => {
      const out = Buffer.from(
        text.replace(NON_ASCII, (ch) => {
          const cp = ch.codePointAt(0)!;
          if (cp < 0x20 || cp === 0x7f) throw new NotStreamable('control character');
          return `&#${cp};`;
        }),
        'latin1',
      );
      crc = zlib.crc32(out, crc);
      size += out.length;
      return out;
    };
    const toAscii = new Transform({
      transform(chunk: Buffer, _enc, done) {
        try {
          done(null, escape(decoder.write(chunk)));
        } catch (err) {
          done(err as Error);
        }
      },
      flush(done) {
        try {
          done(null, escape(decoder.end()));
        } catch (err) {
          done(err as Error);
        }
      },
    });
    const source = Readable.from([e.data]);
    const out = e.method === 8 ? pipeline(source, zlib.createInflateRaw(), toAscii, () => {}) : pipeline(source, toAscii, () => {});
    for await (const chunk of out) yield chunk as Buffer;
    const tail = Buffer.alloc(16);
    tail.writeUInt32LE(0x08074b50, 0);
    tail.writeUInt32LE(crc >>> 0, 4);
    tail.writeUInt32LE(size >>> 0, 8);
    tail.writeUInt32LE(size >>> 0, 12);
    yield tail;
  }
  // the end record (an empty central directory), so the zip reader knows the parts are over
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  yield end;
}

/**
 * Reads through exceljs' streaming reader, one row at a time, keeping only the plain values
 * (not exceljs' cell objects). `merges` holds each sheet's merged ranges (from checkXlsx): every
 * cell of a range gets the master's value, as in the in-memory reader.
 */
async function readXlsxStreaming(bytes: Uint8Array, file: string, merges: Map<string, string[]>): Promise<Workbook> {
  const Excel = await loadExcel();
  const entries = zipEntries(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!Array.isArray(entries)) throw new NotStreamable('zip');
  const input = Readable.from(asciiXmlZip(entries));
  const reader = new Excel.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const order = [...merges.keys()];
  const read: { at: number; sheet: SheetData }[] = [];
  let workbookCells = 0;
  for await (const ws of reader) {
    const { name } = ws as unknown as { name?: unknown };
    if (typeof name !== 'string' || !merges.has(name)) throw new NotStreamable(`sheet ${String(name)}`);
    const sparse = new Map<number, SheetCell[]>();
    let last = 0;
    let width = 0;
    let cells = 0;
    for await (const row of ws) {
      const r = row.number;
      if (!Number.isInteger(r) || r < 1 || r <= last) throw new NotStreamable(`row ${r}`);
      if (r > MAX_SHEET_ROWS) throw limit(tooManyRows(name), file);
      last = r;
      const n = Math.min(row.cellCount, MAX_SHEET_COLUMNS);
      cells += n;
      workbookCells += n;
      if (cells > MAX_SHEET_CELLS) throw limit(tooManyCells(name), file);
      if (workbookCells > MAX_WORKBOOK_CELLS) throw limit(tooManyWorkbookCells(name), file);
      const kept: SheetCell[] = [];
      for (let c = 1; c <= n; c++) {
        const cell = row.getCell(c);
        const raw = cell.value as unknown;
        // a formula whose cached result is an error: the streaming reader turns "#DIV/0!" into NaN
        if (typeof raw === 'object' && raw !== null && 'formula' in raw && Number.isNaN((raw as { result?: unknown }).result))
          throw new NotStreamable('formula error');
        kept.push(keptCell(cell, r, c, file));
      }
      sparse.set(r, kept);
      // the in-memory reader's width: the widest row holding a value (cells past column 256 count)
      if (row.hasValues) width = Math.max(width, n);
    }
    for (const ref of merges.get(name)!) {
      const [a, b] = ref.split(':');
      const from = decodeAddress(a!);
      const to = decodeAddress(b ?? a!);
      const master = sparse.get(from.row)?.[from.col - 1] ?? null;
      for (let r = from.row; r <= Math.min(to.row, MAX_SHEET_ROWS); r++) {
        let cellsOf = sparse.get(r);
        if (!cellsOf) sparse.set(r, (cellsOf = []));
        for (let c = from.col; c <= Math.min(to.col, MAX_SHEET_COLUMNS); c++) {
          while (cellsOf.length < c) cellsOf.push(null);
          cellsOf[c - 1] = master;
        }
        last = Math.max(last, r);
        width = Math.max(width, Math.min(to.col, MAX_SHEET_COLUMNS));
      }
    }
    // each row cut or padded to the sheet's width in place (no second copy of the sheet)
    const rows: SheetCell[][] = [];
    for (let r = 1; r <= last; r++) {
      const kept = sparse.get(r) ?? [];
      sparse.delete(r);
      if (kept.length > width) kept.length = width;
      while (kept.length < width) kept.push(null);
      rows.push(kept);
    }
    read.push({ at: order.indexOf(name), sheet: { name, rows } });
  }
  if (read.length !== merges.size) throw new NotStreamable('sheets missing');
  // the workbook's order, as the in-memory reader gives it
  read.sort((x, y) => x.at - y.at);
  return { file_name: file, kind: 'xlsx', encoding: null, sheets: read.map((x) => x.sheet) };
}

/** Reads the whole workbook into exceljs' in-memory model (any layout exceljs reads). */
async function readXlsxInMemory(bytes: Uint8Array, file: string): Promise<Workbook> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  try {
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    await wb.xlsx.load(ab);
  } catch {
    throw damaged(file);
  }
  const sheets: SheetData[] = [];
  let workbookCells = 0;
  for (const ws of wb.worksheets) {
    const n = ws.rowCount;
    if (n > MAX_SHEET_ROWS) throw limit(tooManyRows(ws.name), file);
    // columnCount walks every row: read it once, not once per row.
    const width = Math.min(ws.columnCount, MAX_SHEET_COLUMNS);
    if (n * width > MAX_SHEET_CELLS) throw limit(tooManyCells(ws.name), file);
    workbookCells += n * width;
    if (workbookCells > MAX_WORKBOOK_CELLS) throw limit(tooManyWorkbookCells(ws.name), file);
    const rows: SheetCell[][] = [];
    for (let r = 1; r <= n; r++) {
      const row = ws.getRow(r);
      const cells: SheetCell[] = [];
      for (let c = 1; c <= width; c++) cells.push(keptCell(row.getCell(c), r, c, file));
      rows.push(cells);
    }
    sheets.push({ name: ws.name, rows });
  }
  return { file_name: file, kind: 'xlsx', encoding: null, sheets };
}

/**
 * An .xlsx: checked inside the zip first, then read by the streaming reader where it can, else
 * by the in-memory one. `via` forces one (the parity test reads every test workbook both ways).
 */
export async function readXlsx(
  bytes: Uint8Array,
  file: string,
  via?: 'stream' | 'memory',
): Promise<Workbook & { via: 'stream' | 'memory' }> {
  const check = await checkXlsx(bytes);
  if (check.problem) throw limit(check.problem, file);
  let wb: Workbook | null = null;
  let how: 'stream' | 'memory' = 'memory';
  if (check.streamable && via !== 'memory') {
    try {
      wb = await readXlsxStreaming(bytes, file, check.streamable);
      how = 'stream';
    } catch (e) {
      if (e instanceof SheetReadError) throw e;
      if (via === 'stream') throw e;
      // not read as the in-memory reader would, or damaged: the in-memory reader says which
    }
  } else if (via === 'stream') {
    throw new NotStreamable('layout');
  }
  if (!wb && (check.cells > MAX_IN_MEMORY_CELLS || check.unpacked > MAX_IN_MEMORY_UNPACKED_BYTES)) throw limit(inMemoryTooLarge(), file);
  wb ??= await readXlsxInMemory(bytes, file);
  if (wb.sheets.length === 0) {
    const f = fileLabel(file);
    throw new SheetReadError('no_sheets', `${f.zh}中没有工作表`, `${f.en} has no worksheets`);
  }
  return { ...wb, via: how };
}

/** Files read on the calling thread: at most this many bytes, and (for an .xlsx) cells and bytes unpacked. */
const READ_HERE_MAX_BYTES = 1024 * 1024;
export const READ_HERE_MAX_CELLS = 100_000;
const READ_HERE_MAX_UNPACKED_BYTES = 16 * 1024 * 1024;

/**
 * Reads a CSV or .xlsx file, whichever its bytes are. Throws SheetReadError for an empty,
 * damaged, legacy (.xls) or over-limit file; nothing is half-read. A small file (up to
 * READ_HERE_MAX_BYTES, an .xlsx of up to READ_HERE_MAX_CELLS cells) is read on the calling
 * thread; a larger one in a worker thread with a bounded heap (reader-pool.ts), refused when it
 * would pass that bound. `where` forces one or the other (tests, the bench).
 */
export async function readWorkbook(input: Uint8Array | ArrayBuffer, file_name: string, where?: 'here' | 'worker'): Promise<Workbook> {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (where === 'here' || (where === undefined && (await small(bytes)))) return readWorkbookHere(bytes, file_name);
  return readInWorker(bytes, file_name, readWorkbookHere);
}

async function small(bytes: Uint8Array): Promise<boolean> {
  if (bytes.byteLength > READ_HERE_MAX_BYTES) return false;
  if (sniffKind(bytes) !== 'xlsx') return true;
  // a small .xlsx may still unpack to many cells or long texts (they compress well): count first
  const check = await checkXlsx(bytes);
  return check.problem !== null || (check.cells <= READ_HERE_MAX_CELLS && check.unpacked <= READ_HERE_MAX_UNPACKED_BYTES);
}

/** readWorkbook on the calling thread, whatever the size (the worker runs this). */
export async function readWorkbookHere(input: Uint8Array | ArrayBuffer, file_name: string): Promise<Workbook> {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const f = fileLabel(file_name);
  if (bytes.byteLength === 0) throw new SheetReadError('empty_file', `${f.zh}是空的（0 字节）`, `${f.en} is empty (0 bytes)`);
  if (bytes.byteLength > MAX_UPLOAD_BYTES) throw limit(fileTooLarge(bytes.byteLength), file_name);
  const kind = sniffKind(bytes);
  if (kind === 'xls') {
    throw new SheetReadError(
      'legacy_xls',
      `${f.zh}是旧版 Excel 97-2003 格式（.xls），无法读取；请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入`,
      `${f.en} is in the old Excel 97-2003 format (.xls); save it as .xlsx or CSV from Excel or WPS and import that`,
    );
  }
  if (kind === 'xlsx') {
    const { via: _via, ...wb } = await readXlsx(bytes, file_name);
    return wb;
  }
  if (/\.xlsx$/i.test(file_name)) {
    throw new SheetReadError(
      'xlsx_damaged',
      `${f.zh}已损坏或不是 Excel 工作簿（.xlsx），无法读取，未导入任何数据；请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试`,
      `${f.en} is damaged or is not an Excel workbook (.xlsx) and cannot be read; nothing was imported. Open it in Excel or WPS and save it again as .xlsx`,
    );
  }
  return readCsv(bytes, file_name);
}

/** Text of a cell as the planner sees it ("" for blank; a percent cell as "15%"). */
export function cellText(v: SheetCell | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof PercentCell) return `${Number((v.fraction * 100).toPrecision(15))}%`;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (isCellProblem(v)) return '';
  return String(v).trim();
}

/**
 * The header row of a sheet: the first row `isHeader` accepts within the first 30 rows, else the
 * first row with at least two filled cells and at least half the filled cells of the widest of
 * those rows (title rows such as "2025年1-10月主要经济指标" fill one cell). Returns a 0-based
 * index, or -1 for a blank sheet.
 */
export function findHeaderRow(rows: readonly (readonly SheetCell[])[], isHeader?: (texts: string[]) => boolean): number {
  const scan = Math.min(rows.length, 30);
  const filled = (r: readonly SheetCell[]) => r.filter((c) => cellText(c) !== '').length;
  if (isHeader) {
    for (let i = 0; i < scan; i++) if (isHeader(rows[i]!.map(cellText))) return i;
  }
  let widest = 0;
  for (let i = 0; i < scan; i++) widest = Math.max(widest, filled(rows[i]!));
  if (widest === 0) return -1;
  for (let i = 0; i < scan; i++) {
    const n = filled(rows[i]!);
    if (n >= Math.min(2, widest) && n * 2 >= widest) return i;
  }
  return rows.findIndex((r) => filled(r) > 0);
}
