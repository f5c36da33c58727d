/**
 * Reading the first worksheet of an .xlsx file in the renderer with exceljs (its browser build,
 * loaded lazily). Each row becomes the same shape the CSV parser gives.
 */

export const spreadsheetSupported = true;

interface CellLike {
  text?: string;
  value?: unknown;
}
interface RowLike {
  number: number;
  cellCount: number;
  getCell(i: number): CellLike;
}
interface SheetLike {
  eachRow(opts: { includeEmpty: boolean }, fn: (row: RowLike, n: number) => void): void;
}
interface WorkbookLike {
  xlsx: { load(data: ArrayBuffer): Promise<unknown> };
  worksheets: SheetLike[];
}

function cellText(c: CellLike): string {
  const v = c.value as unknown;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { result?: unknown; text?: string; richText?: { text: string }[] };
    if (o.result !== undefined) return String(o.result);
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.text) return o.text;
  }
  return c.text ?? String(v);
}

export async function readSpreadsheet(data: ArrayBuffer): Promise<{ line: number; fields: string[] }[]> {
  const mod = (await import('exceljs')) as unknown as { default?: { Workbook: new () => WorkbookLike }; Workbook?: new () => WorkbookLike };
  const Workbook = mod.Workbook ?? mod.default?.Workbook;
  if (!Workbook) throw new Error('exceljs did not load');
  const wb = new Workbook();
  await wb.xlsx.load(data);
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const rows: { line: number; fields: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const fields: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) fields.push(cellText(row.getCell(i)).trim());
    if (fields.some((f) => f !== '')) rows.push({ line: row.number, fields });
  });
  return rows;
}
