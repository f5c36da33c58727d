/**
 * Reading the largest accepted workbook (issue 19, item 6): a .xlsx just under the 20 MB upload
 * limit and at the workbook's cell limit (MAX_WORKBOOK_CELLS), read through
 * scenarios/sheets/read.ts `readWorkbook` (exceljs' streaming reader, as the server reads uploads)
 * in a child process of its own, so its peak RSS is that read's alone; beside it, the same file
 * through the in-memory reader (`readXlsx(..., 'memory')`, what readWorkbook falls back to for a
 * layout the streaming reader cannot read). Aim: under 500 MB peak. Figures are printed, never asserted.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { MAX_UPLOAD_BYTES, MAX_WORKBOOK_CELLS } from '../scenarios/plan/sheet-limits';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  aim?: number;
}

const COLS = 20;

/** Writes a workbook of `rows` x 20 cells (numbers and short Chinese texts) with the streaming writer. */
async function writeBook(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('指标');
  ws.addRow(['指标', '年份', ...Array.from({ length: COLS - 2 }, (_, i) => `列${i + 3}`)]).commit();
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let r = 0; r < rows; r++) {
    const row: (string | number)[] = [`指标${r % 997}`, 2000 + (r % 27)];
    for (let c = 2; c < COLS; c++) row.push(c % 4 === 0 ? `来源说明${Math.floor(rnd() * 1e6)}` : Math.round(rnd() * 1e9) / 1000);
    ws.addRow(row).commit();
  }
  ws.commit();
  await wb.commit();
}

const CHILD = `
const file = process.argv[1], mode = process.argv[2];
const bytes = require('node:fs').readFileSync(file);
const t = performance.now();
(async () => {
  let cells = 0;
  const { readXlsx } = await import(${JSON.stringify(path.resolve('scenarios/sheets/read.ts'))});
  const wb = await readXlsx(bytes, 'big.xlsx', mode === 'memory' ? 'memory' : undefined);
  if (mode !== 'memory' && wb.via !== 'stream') throw new Error('readWorkbook did not stream the largest workbook');
  for (const s of wb.sheets) for (const r of s.rows) cells += r.length;
  const ms = performance.now() - t;
  console.log(JSON.stringify({ ms, cells, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

function measure(file: string, mode: 'read.ts' | 'memory'): { ms: number; cells: number; maxRssMB: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', CHILD, file, mode], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    timeout: 600_000,
  });
  if (r.status !== 0) throw new Error(`${mode}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; cells: number; maxRssMB: number };
}

export async function benchSheets(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheets-bench-'));
  try {
    const file = path.join(dir, 'big.xlsx');
    // as many rows as the cell limit allows; fewer if the file would pass the upload limit
    let rows = Math.floor(MAX_WORKBOOK_CELLS / COLS) - 1;
    await writeBook(file, rows);
    while (fs.statSync(file).size > MAX_UPLOAD_BYTES) {
      rows = Math.floor(rows * 0.9);
      await writeBook(file, rows);
    }
    const mb = fs.statSync(file).size / 1024 / 1024;
    const viaRead = measure(file, 'read.ts');
    const viaMemory = measure(file, 'memory');
    console.error(
      `[sheets] ${mb.toFixed(1)} MB, ${(rows + 1).toLocaleString('en-US')} rows x ${COLS} = ${viaRead.cells.toLocaleString('en-US')} cells; ` +
        `readWorkbook (streaming) ${(viaRead.ms / 1000).toFixed(1)} s, peak ${viaRead.maxRssMB.toFixed(0)} MB; in-memory reader ${(viaMemory.ms / 1000).toFixed(1)} s, peak ${viaMemory.maxRssMB.toFixed(0)} MB`,
    );
    return [
      { name: `largest accepted .xlsx (${mb.toFixed(1)} MB): file size`, value: mb, unit: 'MB', aim: MAX_UPLOAD_BYTES / 1024 / 1024 },
      { name: 'readWorkbook (streaming) of it: time', value: viaRead.ms, unit: 'ms' },
      { name: 'readWorkbook (streaming) of it: peak RSS', value: viaRead.maxRssMB, unit: 'MB', aim: 500 },
      { name: 'in-memory reader (the fallback) of it: time', value: viaMemory.ms, unit: 'ms' },
      { name: 'in-memory reader (the fallback) of it: peak RSS', value: viaMemory.maxRssMB, unit: 'MB' },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
