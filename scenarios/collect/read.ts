/**
 * Reads a returned collection file into a grid of cells (the 填报 sheet) and the stamp, through
 * the one sheet reader (scenarios/sheets/read.ts) every import uses: .xlsx through exceljs, CSV
 * (a unit's save-as) in UTF-8 with or without BOM, UTF-16 LE/BE or GB18030/GBK, with the same
 * file, row, column, cell and cell-length limits (scenarios/plan/sheet-limits.ts).
 */
import { StudioError } from '../../models/errors';
import { percentText } from '../../models/numbers';
import { isCellProblem, PercentCell, readWorkbook, SheetReadError, type SheetCell } from '../sheets/read';
import { FORM_SHEET, STAMP_SHEET } from './workbook';

export type Cell = string | number | null;

export interface ReturnedFile {
  kind: 'xlsx' | 'csv';
  /** the 填报 sheet, row-major, 0-based; cell values as strings or numbers, null when empty. */
  grid: Cell[][];
  /** key -> value from the hidden stamp sheet; null for a CSV or a workbook without one. */
  stamp: Record<string, string> | null;
}

/** A returned form that cannot be read: damaged, too large, or not the studio's form. */
export class ReadError extends StudioError {
  /** The message already names the file (it came from the sheet reader). */
  readonly names_file: boolean;
  constructor(message_zh: string, message_en: string, path = 'file', names_file = false) {
    super('unreadable', message_zh, message_en, path);
    this.names_file = names_file;
    this.name = 'ReadError';
  }
}

/** A cell of the shared reader as the collection import uses it (a percent cell as the planner sees it: "5.2%"). */
function cellValue(v: SheetCell): Cell {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (v instanceof PercentCell) return percentText(v.fraction);
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (isCellProblem(v)) return null;
  return String(v);
}

export async function readReturnedFile(bytes: Uint8Array, file_name = '征集表'): Promise<ReturnedFile> {
  let wb;
  try {
    wb = await readWorkbook(bytes, file_name);
  } catch (e) {
    if (e instanceof SheetReadError) throw new ReadError(e.message_zh, e.message_en, e.path ?? 'file', true);
    throw e;
  }
  if (wb.kind === 'csv') {
    const text = wb.sheets[0]!.rows;
    if (text.some((r) => r.some((c) => typeof c === 'string' && c.includes('\u0000'))))
      throw new ReadError('文件既不是 Excel 工作簿也不是 CSV 文本', 'The file is neither an Excel workbook nor CSV text');
    return { kind: 'csv', grid: text.map((r) => r.map(cellValue)), stamp: null };
  }
  const ws = wb.sheets.find((s) => s.name === FORM_SHEET);
  if (!ws) throw new ReadError(`工作簿中没有“${FORM_SHEET}”表`, `The workbook has no sheet "${FORM_SHEET}"`);
  const grid = ws.rows.map((r) => r.map(cellValue));
  const st = wb.sheets.find((s) => s.name === STAMP_SHEET);
  let stamp: Record<string, string> | null = null;
  if (st) {
    stamp = {};
    for (const row of st.rows) {
      const k = cellValue(row[0] ?? null);
      const v = cellValue(row[1] ?? null);
      if (k !== null) stamp[String(k)] = v === null ? '' : String(v);
    }
  }
  return { kind: 'xlsx', grid, stamp };
}
