/**
 * Reading the largest accepted workbook (issue 19, item 6): a .xlsx just under the 20 MB upload
 * limit and at the workbook's cell limit (MAX_WORKBOOK_CELLS), read through
 * scenarios/sheets/read.ts `readWorkbook` as the hosts read uploads: in a worker thread with a
 * bounded heap (scenarios/sheets/reader-pool.ts, MAX_READER_HEAP_MB). Each measure runs in a
 * child process of its own, so its peak RSS (the worker's included) is that read's alone:
 *   - one upload; four at once (each workbook dropped once counted, as a request handler does);
 *   - the same file on the calling thread without a bound (how uploads were read before);
 *   - the same file with one formula whose cached result is an error, a layout only the
 *     in-memory reader reads (about three times the memory): read within the bound, or refused.
 * Aim: under 500 MB peak, for one and for four at once. Figures are printed, never asserted.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { MAX_READER_HEAP_MB, MAX_UPLOAD_BYTES, MAX_WORKBOOK_CELLS } from '../scenarios/plan/sheet-limits';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  aim?: number;
}

const COLS = 20;

/** Characters a source text may be made of (a bulletin's vocabulary). */
const WORDS = '咸宁市统计局规上工业增加值同比增长固定资产投资社会消费品零售总额一般公共预算收入来源说明季度累计';

/**
 * Writes a workbook of `rows` x 20 cells (numbers, and Chinese texts of `pad` more characters
 * drawn from WORDS) with the streaming writer; `errorFormula` adds a formula whose cached result
 * is #DIV/0! in the first data row.
 */
async function writeBook(file: string, rows: number, pad: number, errorFormula = false): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('指标');
  ws.addRow(['指标', '年份', ...Array.from({ length: COLS - 2 }, (_, i) => `列${i + 3}`)]).commit();
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let r = 0; r < rows; r++) {
    const row: (string | number)[] = [`指标${r % 997}`, 2000 + (r % 27)];
    for (let c = 2; c < COLS; c++) {
      if (c % 4 !== 0) row.push(Math.round(rnd() * 1e9) / 1000);
      else
        row.push(
          `来源说明${Math.floor(rnd() * 1e6)}${Array.from({ length: pad }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join('')}`,
        );
    }
    const added = ws.addRow(row);
    if (errorFormula && r === 0) added.getCell(COLS).value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellValue;
    added.commit();
  }
  ws.commit();
  await wb.commit();
}

type Mode = 'worker' | 'four' | 'here' | 'fallback';

const CHILD = `
const file = process.argv[1], mode = process.argv[2];
const bytes = require('node:fs').readFileSync(file);
(async () => {
  const { readWorkbook } = await import(${JSON.stringify(path.resolve('scenarios/sheets/read.ts'))});
  const { readerStats } = await import(${JSON.stringify(path.resolve('scenarios/sheets/reader-pool.ts'))});
  const count = (wb) => { let n = 0; for (const s of wb.sheets) for (const r of s.rows) n += r.length; return n; };
  const t = performance.now();
  let cells = 0, refused = null;
  if (mode === 'four') {
    for (const n of await Promise.all([1, 2, 3, 4].map(() => readWorkbook(bytes, 'big.xlsx').then(count)))) cells += n;
  } else {
    try {
      cells = count(await readWorkbook(bytes, 'big.xlsx', mode === 'here' ? 'here' : undefined));
    } catch (e) {
      if (mode !== 'fallback' || e.code !== 'too_large') throw e;
      refused = e.message_en;
    }
  }
  const ms = performance.now() - t;
  if (mode !== 'here' && readerStats.started === 0) throw new Error('readWorkbook did not read the largest workbook in its worker');
  console.log(JSON.stringify({ ms, cells, refused, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

interface Measure {
  ms: number;
  cells: number;
  refused: string | null;
  maxRssMB: number;
}

function measure(file: string, mode: Mode): Measure {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', CHILD, file, mode], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    timeout: 900_000,
  });
  if (r.status !== 0) throw new Error(`${mode}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measure;
}

export async function benchSheets(): Promise<BenchFigure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheets-bench-'));
  try {
    const file = path.join(dir, 'big.xlsx');
    // as many rows as the cell limit allows; fewer if the file would pass the upload limit
    // as many rows as the cell limit allows, the texts made longer until the file is near the
    // upload limit (the largest accepted file: the most cells, and the most text it can hold)
    const rows = Math.floor(MAX_WORKBOOK_CELLS / COLS) - 1;
    const size = async (pad: number) => {
      await writeBook(file, rows, pad);
      return fs.statSync(file).size;
    };
    const bare = await size(0);
    let pad = 0;
    if (bare < MAX_UPLOAD_BYTES * 0.9) {
      const probe = 16;
      const perChar = ((await size(probe)) - bare) / probe;
      pad = Math.max(0, Math.floor((MAX_UPLOAD_BYTES * 0.95 - bare) / perChar));
      while ((await size(pad)) > MAX_UPLOAD_BYTES) pad = Math.floor(pad * 0.9);
    }
    const mb = fs.statSync(file).size / 1024 / 1024;
    const one = measure(file, 'worker');
    const four = measure(file, 'four');
    const here = measure(file, 'here');
    const odd = path.join(dir, 'odd.xlsx');
    await writeBook(odd, rows, pad, true);
    const fallback = measure(odd, 'fallback');
    const s = (m: Measure) => `${(m.ms / 1000).toFixed(1)} s, peak ${m.maxRssMB.toFixed(0)} MB`;
    console.error(
      `[sheets] ${mb.toFixed(1)} MB, ${(rows + 1).toLocaleString('en-US')} rows x ${COLS} = ${one.cells.toLocaleString('en-US')} cells (texts of ${pad + 10} characters); ` +
        `readWorkbook (worker, ${MAX_READER_HEAP_MB} MB heap bound) ${s(one)}; four at once ${s(four)} (${four.cells.toLocaleString('en-US')} cells); ` +
        `on the calling thread, no bound ${s(here)}; in a layout only the in-memory reader reads: ${fallback.refused === null ? 'read in' : 'refused after'} ${s(fallback)}`,
    );
    return [
      { name: `largest accepted .xlsx (${mb.toFixed(1)} MB): file size`, value: mb, unit: 'MB', aim: MAX_UPLOAD_BYTES / 1024 / 1024 },
      { name: 'readWorkbook of it (bounded worker): time', value: one.ms, unit: 'ms' },
      { name: 'readWorkbook of it (bounded worker): peak RSS', value: one.maxRssMB, unit: 'MB', aim: 500 },
      { name: 'four uploads of it at once: time', value: four.ms, unit: 'ms' },
      { name: 'four uploads of it at once: peak RSS', value: four.maxRssMB, unit: 'MB', aim: 500 },
      { name: 'on the calling thread, no bound: time', value: here.ms, unit: 'ms' },
      { name: 'on the calling thread, no bound: peak RSS', value: here.maxRssMB, unit: 'MB' },
      { name: `in-memory layout (${fallback.refused === null ? 'read' : 'refused at the bound'}): time`, value: fallback.ms, unit: 'ms' },
      {
        name: `in-memory layout (${fallback.refused === null ? 'read' : 'refused at the bound'}): peak RSS`,
        value: fallback.maxRssMB,
        unit: 'MB',
        aim: 500,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
