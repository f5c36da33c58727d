/**
 * The cells a sheet reader gives back (scenarios/sheets/read.ts; the same across the reader's
 * worker thread, scenarios/sheets/compact.ts): plain values only, never exceljs' objects.
 */
import { StudioError } from '../../models/errors';

/** A number from a cell formatted as a percent (Excel stores 5.2% as 0.052). */
export class PercentCell {
  constructor(readonly fraction: number) {}
}

/** A cell the import cannot use as a value: a formula without a cached result, or an error value. */
export interface CellProblem {
  cell_problem: 'formula_without_result' | 'error_value';
  /** The formula, or the error code (#DIV/0! ...). */
  detail: string;
  /** The cell address, e.g. "D7". */
  address: string;
}

export function isCellProblem(v: unknown): v is CellProblem {
  return typeof v === 'object' && v !== null && 'cell_problem' in v;
}

export type SheetCell = string | number | boolean | Date | null | PercentCell | CellProblem;

export interface SheetData {
  name: string;
  /** rows[i] is sheet row i + 1 (blank rows kept), each cut to the sheet's width. */
  rows: SheetCell[][];
}

export interface Workbook {
  file_name: string;
  kind: 'csv' | 'xlsx';
  /** For a CSV: the encoding it was read in ('utf-8', 'utf-16le', 'utf-16be', 'gb18030'). */
  encoding: string | null;
  sheets: SheetData[];
}

/** A sheet that cannot be read, named in the planner's words (code, zh, en, path like every StudioError). */
export class SheetReadError extends StudioError {
  constructor(code: string, message_zh: string, message_en: string, path = 'file') {
    super(code, message_zh, message_en, path);
    this.name = 'SheetReadError';
  }
}

/** The file as messages name it. */
export function fileLabel(name: string): { zh: string; en: string } {
  const n = name.trim() || '(未命名)';
  return { zh: `文件“${n}”`, en: `File "${n}"` };
}
