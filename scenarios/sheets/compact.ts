/**
 * A workbook as a few flat arrays, for handing it from the reader's worker thread
 * (scenarios/sheets/reader-pool.ts) to the thread that imports it: two typed arrays per sheet,
 * which move between threads without a copy (a transfer), and one list of distinct texts. A
 * structured clone of 2,000,000 cells as objects would cost more memory on both sides than the
 * cells themselves; this costs 9 bytes a cell plus each distinct text once.
 *
 * Every text is kept once however many cells hold it (a bulletin repeats its indicator names,
 * units and sources in every row), so the rows decoded on the other side share them too.
 * `decodeWorkbook(encodeWorkbook(wb))` gives back the same cells: strings, numbers (-0 and NaN
 * included), booleans, Dates, PercentCells and CellProblems, rows of the same lengths.
 */
import { isCellProblem, PercentCell, type CellProblem, type SheetCell, type SheetData, type Workbook } from './cells';

const NULL = 0;
const NUMBER = 1;
const STRING = 2;
const TRUE = 3;
const FALSE = 4;
const DATE = 5;
const PERCENT = 6;
const PROBLEM = 7;

export interface CompactSheet {
  name: string;
  /** row i's cells are kinds/values[ends[i - 1] .. ends[i]) (ends[-1] = 0). */
  ends: Uint32Array;
  kinds: Uint8Array;
  /** a number, a Date's time, a percent's fraction, or an index into strings / problems. */
  values: Float64Array;
}

export interface CompactWorkbook {
  file_name: string;
  kind: Workbook['kind'];
  encoding: string | null;
  strings: string[];
  problems: CellProblem[];
  sheets: CompactSheet[];
}

/**
 * Encodes a workbook; each row of `wb` is released as soon as it is encoded (the reader's copy is
 * not needed afterwards), so the worker never holds both forms of a large sheet.
 */
export function encodeWorkbook(wb: Workbook): CompactWorkbook {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const problems: CellProblem[] = [];
  const text = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const sheets = wb.sheets.map((sheet: SheetData): CompactSheet => {
    const rows = sheet.rows as (SheetCell[] | undefined)[];
    let n = 0;
    for (const r of rows) n += r!.length;
    const ends = new Uint32Array(rows.length);
    const kinds = new Uint8Array(n);
    const values = new Float64Array(n);
    let at = 0;
    for (let i = 0; i < rows.length; i++) {
      for (const v of rows[i]!) {
        if (v === null || v === undefined) kinds[at] = NULL;
        else if (typeof v === 'number') {
          kinds[at] = NUMBER;
          values[at] = v;
        } else if (typeof v === 'string') {
          kinds[at] = STRING;
          values[at] = text(v);
        } else if (typeof v === 'boolean') kinds[at] = v ? TRUE : FALSE;
        else if (v instanceof Date) {
          kinds[at] = DATE;
          values[at] = v.getTime();
        } else if (v instanceof PercentCell) {
          kinds[at] = PERCENT;
          values[at] = v.fraction;
        } else if (isCellProblem(v)) {
          kinds[at] = PROBLEM;
          values[at] = problems.length;
          problems.push({ cell_problem: v.cell_problem, detail: v.detail, address: v.address });
        } else {
          kinds[at] = STRING;
          values[at] = text(String(v));
        }
        at++;
      }
      ends[i] = at;
      rows[i] = undefined;
    }
    return { name: sheet.name, ends, kinds, values };
  });
  return { file_name: wb.file_name, kind: wb.kind, encoding: wb.encoding, strings, problems, sheets };
}

/** The ArrayBuffers to transfer with postMessage (none is shared with anything else). */
export function transferList(c: CompactWorkbook): ArrayBuffer[] {
  return c.sheets.flatMap((s) => [s.ends.buffer, s.kinds.buffer, s.values.buffer] as ArrayBuffer[]);
}

function cell(c: CompactWorkbook, kind: number, v: number): SheetCell {
  switch (kind) {
    case NUMBER:
      return v;
    case STRING:
      return c.strings[v]!;
    case TRUE:
      return true;
    case FALSE:
      return false;
    case DATE:
      return new Date(v);
    case PERCENT:
      return new PercentCell(v);
    case PROBLEM:
      return { ...c.problems[v]! };
    default:
      return null;
  }
}

export function decodeWorkbook(c: CompactWorkbook): Workbook {
  const sheets = c.sheets.map((s): SheetData => {
    const rows: SheetCell[][] = [];
    let at = 0;
    for (let i = 0; i < s.ends.length; i++) {
      const end = s.ends[i]!;
      const row: SheetCell[] = [];
      for (; at < end; at++) row.push(cell(c, s.kinds[at]!, s.values[at]!));
      rows.push(row);
    }
    return { name: s.name, rows };
  });
  return { file_name: c.file_name, kind: c.kind, encoding: c.encoding, sheets };
}
