/**
 * Reads a returned collection file into a grid of cells (the 填报 sheet) and the stamp.
 * xlsx through exceljs; CSV (a unit's save-as) decoded as UTF-8 when valid, else GB18030 (GBK),
 * parsed with csv-parse. Kept to this one function so it can move to the shared sheet reader.
 */
import { StudioError } from '../../models/errors';
import ExcelJS from 'exceljs';
import { inspectXlsx } from '../plan/sheet-limits';
import { parse } from 'csv-parse/sync';
import { FORM_SHEET, STAMP_SHEET } from './workbook';

export type Cell = string | number | null;

export interface ReturnedFile {
  kind: 'xlsx' | 'csv';
  /** the 填報 sheet, row-major, 0-based; cell values as strings or numbers, null when empty. */
  grid: Cell[][];
  /** key -> value from the hidden stamp sheet; null for a CSV or a workbook without one. */
  stamp: Record<string, string> | null;
}

/** A returned form that cannot be read: damaged, too large, or not the studio's form. */
export class ReadError extends StudioError {
  constructor(message_zh: string, message_en: string, path = 'file') {
    super('unreadable', message_zh, message_en, path);
    this.name = 'ReadError';
  }
}

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
const MAX_ROWS = 100_000;

function isZip(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** UTF-8 (BOM or not) when the bytes are valid UTF-8, UTF-16 with a BOM, else GB18030. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellValue((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('') || null;
    if ('text' in v) return String((v as { text: unknown }).text);
  }
  return String(v as unknown as string);
}

export async function readReturnedFile(bytes: Uint8Array): Promise<ReturnedFile> {
  if (bytes.length > MAX_FILE_BYTES)
    throw new ReadError(`文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`, `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  if (isZip(bytes)) {
    // the rows and cells counted inside the zip before exceljs builds the workbook in memory
    const over = await inspectXlsx(bytes);
    if (over) throw new ReadError(over.message_zh, over.message_en);
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    } catch {
      throw new ReadError('文件已损坏，无法作为 Excel 工作簿打开', 'The file is damaged and cannot be opened as an Excel workbook');
    }
    const ws = wb.getWorksheet(FORM_SHEET);
    if (!ws) throw new ReadError(`工作簿中没有“${FORM_SHEET}”表`, `The workbook has no sheet "${FORM_SHEET}"`);
    if (ws.rowCount > MAX_ROWS) throw new ReadError(`“${FORM_SHEET}”表超过 ${MAX_ROWS} 行`, `Sheet "${FORM_SHEET}" has more than ${MAX_ROWS} rows`);
    const grid: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const out: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        out[c - 1] = cellValue(cell.value);
      });
      grid[r - 1] = Array.from(out, (x) => x ?? null);
    });
    const st = wb.getWorksheet(STAMP_SHEET);
    let stamp: Record<string, string> | null = null;
    if (st) {
      stamp = {};
      st.eachRow((row) => {
        const k = cellValue(row.getCell(1).value);
        const v = cellValue(row.getCell(2).value);
        if (k !== null) stamp![String(k)] = v === null ? '' : String(v);
      });
    }
    return { kind: 'xlsx', grid: Array.from(grid, (r) => r ?? []), stamp };
  }
  const text = decodeText(bytes);
  if (text.includes('\u0000')) throw new ReadError('文件既不是 Excel 工作簿也不是 CSV 文本', 'The file is neither an Excel workbook nor CSV text');
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new ReadError(`CSV 无法解析${line ? `（第 ${line} 行）` : ''}`, `The CSV cannot be parsed${line ? ` (line ${line})` : ''}`);
  }
  if (records.length > MAX_ROWS) throw new ReadError(`CSV 超过 ${MAX_ROWS} 行`, `The CSV has more than ${MAX_ROWS} rows`);
  return { kind: 'csv', grid: records.map((r) => r.map((c) => (c.trim() === '' ? null : c))), stamp: null };
}
