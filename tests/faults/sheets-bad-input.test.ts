/**
 * Bad Excel and CSV imports through the API channels 'nowcast:import' (year-to-date figures)
 * and 'plan:importTable' (the indicator table): the corpus (tests/fixtures/bad-inputs/sheets:
 * wrong columns, formulas such as =cmd|' /C calc'!A0, dates as text, NUL bytes, GB18030 ...),
 * workbooks built here (formulas with and without results, merged cells, error values, a cell in
 * column XFD, dates as text), a 10^6-row CSV and a 150,000-row workbook (refused quickly as too
 * many rows, not an out-of-memory crash), a workbook that inflates past 200 MB, random bytes, and
 * fast-check tables. Each is refused with row-level or file-level errors in both languages; a
 * refused import stores nothing.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../api/handlers';
import { dispatch } from '../../contract';
import { MAX_READER_HEAP_MB, MAX_SHEET_ROWS, MAX_UPLOAD_BYTES, MAX_WORKBOOK_CELLS } from '../../scenarios/plan/sheet-limits';
import { readerStats } from '../../scenarios/sheets/reader-pool';
import { BAD_INPUTS, cleanupTmp, fingerprint, isBilingual, NASTY_STRINGS, SCALE, tmpDir } from './helpers';
import { openLedger } from '../../support/fault-ledger';
import { sheetXml, xlsx, xlsxSheets } from './xlsx';

const ledger = openLedger('sheets-bad-input');
let api: Api;

beforeAll(() => {
  api = createApi({ dbPath: path.join(tmpDir(), 'studio.sqlite'), host: 'cli' });
});
afterAll(() => {
  api?.close();
  cleanupTmp();
});

type Outcome = 'stored' | 'refused';

/** nowcast:import (not a dry run): refused means errors in both languages and nothing stored. */
async function ytd(bytes: Buffer, kind: 'csv' | 'xlsx', label: string, limitMs = 60_000): Promise<Outcome> {
  const before = fingerprint(api.store.db);
  ledger.input();
  const started = Date.now();
  let env;
  try {
    env = await dispatch(api.handlers, 'nowcast:import', { content_base64: bytes.toString('base64') || 'AA==', kind }, { host: 'cli' });
  } catch (e) {
    ledger.crash(`${label}: threw ${(e as Error).message}`);
    return 'refused';
  }
  if (Date.now() - started > limitMs) ledger.crash(`${label}: took ${Date.now() - started} ms`);
  if (!env.ok) {
    if (env.error.code === 'internal' || !isBilingual(env.error))
      ledger.crash(`${label}: unclear error ${JSON.stringify(env.error).slice(0, 200)}`);
  } else {
    const v = env.value as { stored: number; errors: { message_zh: string; message_en: string }[] };
    if (v.stored > 0 && v.errors.length === 0) return 'stored';
    if (v.errors.length === 0) ledger.crash(`${label}: nothing stored and no error given`);
    if (!v.errors.every(isBilingual)) ledger.crash(`${label}: unclear row errors ${JSON.stringify(v.errors[0]).slice(0, 200)}`);
    if (v.stored !== 0) ledger.partial(`${label}: ${v.stored} rows stored despite errors`);
  }
  if (fingerprint(api.store.db).hash !== before.hash) ledger.partial(`${label}: refused but the database changed`);
  return 'refused';
}

/** plan:importTable: it never writes; a bad file gets a clear error (or rejected rows). */
async function table(bytes: Buffer, label: string, mapping = false): Promise<void> {
  ledger.input();
  let env;
  try {
    env = await dispatch(
      api.handlers,
      'plan:importTable',
      {
        content_base64: bytes.toString('base64') || 'AA==',
        ...(mapping ? { mapping: { name: 0, unit: 1, base_value: 2, target: 3, target_year: 4, responsible: 5 } } : {}),
      },
      { host: 'cli' },
    );
  } catch (e) {
    ledger.crash(`${label} (table): threw ${(e as Error).message}`);
    return;
  }
  if (!env.ok && (env.error.code === 'internal' || !isBilingual(env.error)))
    ledger.crash(`${label} (table): unclear error ${JSON.stringify(env.error).slice(0, 200)}`);
}

async function workbook(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('数据'), wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('year-to-date and indicator-table imports with bad sheets', () => {
  it('the CSV corpus: every file refused with clear errors, nothing stored', async () => {
    const mark = ledger.mark();
    const dir = path.join(BAD_INPUTS, 'sheets');
    for (const f of fs.readdirSync(dir).sort()) {
      const bytes = fs.readFileSync(path.join(dir, f));
      if ((await ytd(bytes, 'csv', f)) === 'stored') ledger.partial(`${f}: stored although bad`);
      await ytd(bytes, 'xlsx', `${f} as xlsx`); // the wrong kind: not a workbook
      await table(bytes, f);
    }
    // a 1 MB field
    const long = Buffer.from(`指标,期间,累计值\ngdp_nominal,2026年1-3月,${'9'.repeat(1_000_000)}\n`);
    if ((await ytd(long, 'csv', '1 MB field')) === 'stored') ledger.partial('a 1 MB number was stored');
    expect(ledger.since(mark)).toEqual([]);
  });

  it('the same corpus through actuals:import and collect:import (the one reader): clear errors, nothing half-stored', async () => {
    const mark = ledger.mark();
    const dir = path.join(BAD_INPUTS, 'sheets');
    const mapping = {
      series: 0,
      period: 1,
      value: 2,
      value_kind: -1,
      source_title: -1,
      source_url: -1,
      source_date: -1,
      reliability: -1,
      vintage: -1,
      note: -1,
    };
    for (const f of fs.readdirSync(dir).sort()) {
      const bytes = fs.readFileSync(path.join(dir, f));
      const b64 = bytes.toString('base64') || 'AA==';
      // actuals: some of these rows are fine as yearly actuals; either all stored or none
      ledger.input();
      const before = fingerprint(api.store.db);
      const env = await dispatch(
        api.handlers,
        'actuals:import',
        { content_base64: b64, file_name: f, data_from_line: 2, mapping, source_title: '市统计局', reliability: 'official' },
        { host: 'cli' },
      );
      if (!env.ok) {
        if (env.error.code === 'internal' || !isBilingual(env.error))
          ledger.crash(`${f} (actuals): unclear error ${JSON.stringify(env.error).slice(0, 200)}`);
        if (fingerprint(api.store.db).hash !== before.hash) ledger.partial(`${f} (actuals): refused but the database changed`);
      } else {
        const v = env.value as { stored: number; rejected_count: number };
        if (v.stored > 0 && v.rejected_count > 0)
          ledger.partial(`${f} (actuals): ${v.stored} rows stored despite ${v.rejected_count} rejected`);
        if (v.stored === 0 && fingerprint(api.store.db).hash !== before.hash)
          ledger.partial(`${f} (actuals): nothing stored but the database changed`);
      }
      // a collection return: never one of the studio's forms, so refused with the reason
      ledger.input();
      const actualsBefore = api.store.listActuals().length;
      const c = await dispatch(api.handlers, 'collect:import', { files: [{ name: f, content_base64: b64 }] }, { host: 'cli' });
      if (!c.ok) {
        if (c.error.code === 'internal' || !isBilingual(c.error))
          ledger.crash(`${f} (collect): unclear error ${JSON.stringify(c.error).slice(0, 200)}`);
      } else {
        const r = (c.value as { reports: { outcome: string; reason_zh: string; reason_en: string }[] }).reports[0]!;
        if (r.outcome !== 'refused') ledger.partial(`${f} (collect): ${r.outcome} although not a collection form`);
        else if (!isBilingual({ message_zh: r.reason_zh, message_en: r.reason_en }))
          ledger.crash(`${f} (collect): unclear reason ${r.reason_zh} / ${r.reason_en}`);
      }
      if (api.store.listActuals().length !== actualsBefore) ledger.partial(`${f} (collect): actuals changed`);
    }
    expect(ledger.since(mark)).toEqual([]);
  });

  it('UTF-16 (BE with a BOM, LE without) holding 𠀀: decoded, the bad last row named, nothing stored', async () => {
    for (const f of ['utf16be-month-13-last.csv', 'utf16le-nobom-month-13-last.csv']) {
      const before = fingerprint(api.store.db);
      const env = await dispatch(
        api.handlers,
        'nowcast:import',
        { content_base64: fs.readFileSync(path.join(BAD_INPUTS, 'sheets', f)).toString('base64'), kind: 'csv', file_name: f },
        { host: 'cli' },
      );
      expect(env.ok).toBe(true);
      const v = (
        env as {
          value: { stored: number; errors: { row: number; field: string; column?: string; message_zh: string; message_en: string }[] };
        }
      ).value;
      expect(v.stored).toBe(0);
      expect(v.errors).toHaveLength(1);
      expect(v.errors[0]).toMatchObject({ row: 4, field: 'month', column: 'C' });
      expect(v.errors[0]!.message_zh).toContain('第4行 C列“月份”');
      expect(v.errors[0]!.message_en).toContain('Row 4, column C ("月份")');
      expect(fingerprint(api.store.db).hash).toBe(before.hash);
    }
  });

  it('workbooks with formulas, merged cells, error values, dates as text, a far column: refused clearly', async () => {
    const mark = ledger.mark();
    const header = ['指标', '期间', '累计值', '来源'];
    const books: [string, Buffer][] = [
      [
        'formula without result',
        await workbook((ws) => {
          ws.addRow(header);
          ws.addRow(['gdp_nominal', '2026年1-3月', null, 'x']);
          ws.getCell('C2').value = { formula: "cmd|' /C calc'!A0" } as ExcelJS.CellFormulaValue;
        }),
      ],
      [
        'formula with a text result',
        await workbook((ws) => {
          ws.addRow(header);
          ws.addRow(['gdp_nominal', '2026年1-3月', null, 'x']);
          ws.getCell('C2').value = { formula: "cmd|' /C calc'!A0", result: 'calc' } as ExcelJS.CellFormulaValue;
        }),
      ],
      [
        'DDE formula in the series cell',
        await workbook((ws) => {
          ws.addRow(header);
          ws.addRow([null, '2026年1-3月', 500, 'x']);
          ws.getCell('A2').value = { formula: "cmd|' /C calc'!A0", result: 'gdp_nominal' } as ExcelJS.CellFormulaValue;
          ws.addRow(['gdp_nominal', '2026年1-2月', 900, 'x']); // falls: refused as a whole
        }),
      ],
      [
        'merged header and data cells',
        await workbook((ws) => {
          ws.addRow(['一季度统计', null, null, null]);
          ws.mergeCells('A1:D1');
          ws.addRow(header);
          ws.addRow(['gdp_nominal', '2026年1-3月', 'abc', 'x']);
          ws.addRow(['gdp_nominal', null, 600, 'x']);
          ws.mergeCells('B3:B4');
        }),
      ],
      [
        'error values',
        await workbook((ws) => {
          ws.addRow(header);
          ws.addRow(['gdp_nominal', '2026年1-3月', { error: '#DIV/0!' }, 'x']);
          ws.addRow(['gdp_nominal', '2026年1-6月', { error: '#REF!' }, 'x']);
        }),
      ],
      [
        'dates as text',
        await workbook((ws) => {
          ws.addRow(['指标', '年份', '月份', '累计值']);
          ws.addRow(['gdp_nominal', '二〇二六年', '三月', 500]);
          ws.addRow(['gdp_nominal', '2026/13', 'Mar', 600]);
        }),
      ],
      [
        'a value in column XFD',
        await workbook((ws) => {
          ws.addRow(header);
          ws.addRow(['gdp_nominal', '2026年1-3月', 'x', 'x']);
          ws.getCell('XFD2').value = 'far away';
        }),
      ],
      [
        'nasty strings everywhere',
        await workbook((ws) => {
          ws.addRow(header);
          for (const s of NASTY_STRINGS) ws.addRow([s, s, s, s]);
        }),
      ],
      ['five empty sheets', await workbook((_ws, wb) => ['a', 'b', 'c', 'd'].forEach((n) => wb.addWorksheet(n)))],
    ];
    for (const [label, bytes] of books) {
      if ((await ytd(bytes, 'xlsx', label)) === 'stored') ledger.partial(`${label}: stored although bad`);
      await table(bytes, label);
      await table(bytes, `${label} (mapped)`, true);
    }
    // exceljs must not evaluate anything: a DDE formula is a cell problem, never run
    expect(ledger.since(mark)).toEqual([]);
  });

  it(`a 10^6-row CSV and a 150,000-row workbook: "too many rows" (limit ${MAX_SHEET_ROWS}), quickly`, async () => {
    const mark = ledger.mark();
    // compact rows (about 10 bytes each), so the file fits the request limits and reaches the reader
    const lines = ['series,year,month,cumulative'];
    for (let i = 0; i < 1_000_000; i++) lines.push(`x,2026,${(i % 12) + 1},${i % 10}`);
    const csv = Buffer.from(lines.join('\n'));
    ledger.note(`10^6-row CSV: ${(csv.length / 1e6).toFixed(1)} MB`);
    const rss0 = process.memoryUsage().rss;
    let started = Date.now();
    const env = await dispatch(api.handlers, 'nowcast:import', { content_base64: csv.toString('base64'), kind: 'csv' }, { host: 'cli' });
    const csvMs = Date.now() - started;
    ledger.input();
    const errors = env.ok ? (env.value as { errors: { message_zh: string; message_en: string }[] }).errors : [];
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message_zh).toMatch(/100,000 行/);
    expect(errors[0]!.message_en).toMatch(/more than 100,000 rows/);
    if (csvMs > 20_000) ledger.crash(`10^6-row CSV took ${csvMs} ms`);
    // with longer rows the same file is over the request limit: refused before it is read
    const wide = Buffer.from(lines.map((l) => `gdp_nominal_${l}`).join('\n'));
    ledger.input();
    const env1 = await dispatch(api.handlers, 'nowcast:import', { content_base64: wide.toString('base64'), kind: 'csv' }, { host: 'cli' });
    expect(env1.ok).toBe(false);
    expect(isBilingual((env1 as { error: { message_zh: string; message_en: string } }).error)).toBe(true);

    const rows = function* () {
      yield ['指标', '年份', '月份', '累计值'];
      for (let i = 0; i < 150_000; i++) yield ['gdp_nominal', 2026, (i % 12) + 1, i];
    };
    const big = xlsx(sheetXml(rows()));
    started = Date.now();
    const env2 = await dispatch(api.handlers, 'nowcast:import', { content_base64: big.toString('base64'), kind: 'xlsx' }, { host: 'cli' });
    const xlsxMs = Date.now() - started;
    ledger.input();
    const errors2 = env2.ok ? (env2.value as { errors: { message_en: string }[] }).errors : [];
    expect(errors2[0]?.message_en).toMatch(/more than 100,000 rows/);
    const env3 = await dispatch(api.handlers, 'plan:importTable', { content_base64: big.toString('base64') }, { host: 'cli' });
    ledger.input();
    expect(env3.ok).toBe(false);
    expect((env3 as { error: { message_en: string } }).error.message_en).toMatch(/more than 100,000 rows/);
    ledger.note(
      `10^6-row CSV refused in ${csvMs} ms, 150,000-row workbook (${(big.length / 1e6).toFixed(1)} MB) in ${xlsxMs} ms; memory grew ${((process.memoryUsage().rss - rss0) / 1e6).toFixed(0)} MB`,
    );
    if (xlsxMs > 20_000) ledger.crash(`150,000-row workbook took ${xlsxMs} ms`);
    // just under the limit still reads
    const ok = xlsx(
      sheetXml(
        (function* () {
          yield ['指标', '年份', '月份', '累计值'];
          for (let i = 0; i < 5_000; i++) yield ['no_such_series', 2026, (i % 12) + 1, i];
        })(),
      ),
    );
    expect(await ytd(ok, 'xlsx', '5,000 rows of an unknown series')).toBe('refused');
    expect(ledger.since(mark)).toEqual([]);
  });

  it(`a workbook whose sheets together pass ${MAX_WORKBOOK_CELLS.toLocaleString('en-US')} cells (each sheet within its own limit): refused naming the limit and the sheet`, async () => {
    const mark = ledger.mark();
    // five sheets of (limit / 50 + 1) rows x 10 cells: 50 cells over the limit in all
    const rows = MAX_WORKBOOK_CELLS / 50 + 1;
    const xml = sheetXml(
      (function* () {
        for (let r = 0; r < rows; r++) yield Array.from({ length: 10 }, (_, c) => r * 10 + c);
      })(),
    );
    const book = xlsxSheets(Array.from({ length: 5 }, (_, i) => ({ name: `第${i + 1}表`, xml })));
    const before = fingerprint(api.store.db).hash;
    ledger.input();
    const env = await dispatch(api.handlers, 'nowcast:import', { content_base64: book.toString('base64'), kind: 'xlsx' }, { host: 'cli' });
    const errors = env.ok ? (env.value as { stored: number; errors: { message_zh: string; message_en: string }[] }).errors : [];
    if (env.ok && (env.value as { stored: number }).stored > 0) ledger.letIn('a workbook over the total-cell limit was stored');
    const limit = MAX_WORKBOOK_CELLS.toLocaleString('en-US');
    expect(errors[0]?.message_zh).toMatch(new RegExp(`${limit} 个上限.*第5表`));
    expect(errors[0]?.message_en).toMatch(new RegExp(`more than ${limit} cells.*sheet "第5表"`));
    ledger.input();
    const env2 = await dispatch(api.handlers, 'plan:importTable', { content_base64: book.toString('base64') }, { host: 'cli' });
    if (env2.ok) ledger.letIn('plan:importTable read a workbook over the total-cell limit');
    expect((env2 as { error?: { message_en: string } }).error?.message_en).toMatch(new RegExp(`more than ${limit} cells`));
    if (fingerprint(api.store.db).hash !== before) ledger.partial('a refused over-limit workbook changed the database');
    expect(ledger.since(mark)).toEqual([]);
  }, 120_000);

  it(`workbooks within every limit too large to read within the reader's ${MAX_READER_HEAP_MB} MB heap bound (the cell limit in a layout only the in-memory reader reads; 190 MB of text in 6,000 cells): refused, the host goes on`, async () => {
    const mark = ledger.mark();
    const before = fingerprint(api.store.db).hash;
    // the cell limit's worth of texts, and one formula whose cached result is an error (a layout
    // the streaming reader cannot read the same way): refused before the in-memory reader starts
    const rows = MAX_WORKBOOK_CELLS / 10;
    const xml = sheetXml(
      (function* () {
        yield ['指标', '年份', '月份', '累计值', '来源', '说明', '单位', '备注', '核对']; // and the formula in J1
        for (let r = 1; r < rows; r++) yield Array.from({ length: 10 }, (_, c) => `咸宁市统计局规上工业增加值第${r}行第${c}列来源说明文字`);
      })(),
    );
    const inMemory = xlsx(
      Buffer.from(xml.toString('utf8').replace('<row r="1">', '<row r="1"><c r="J1" t="e"><f>1/0</f><v>#DIV/0!</v></c>'), 'utf8'),
    );
    // 6,000 cells of 32,000 characters each (within the cell and unpacked limits): the streaming
    // reader would keep 190 MB of text, and the worker is stopped at its bound
    const long = 'a'.repeat(32_000);
    const text = xlsx(
      sheetXml(
        (function* () {
          for (let r = 0; r < 6_000; r++) yield [long.slice(0, 32_000 - (r % 50))];
        })(),
      ),
    );
    for (const [book, label, says] of [
      [inMemory, 'the cell limit in an in-memory layout', ['只能整体读入', 'can only be read whole']],
      [
        text,
        '190 MB of text',
        [
          `读取该工作簿所需内存超过 ${MAX_READER_HEAP_MB} MB 上限`,
          `more than the ${MAX_READER_HEAP_MB} MB of memory allowed for one upload`,
        ],
      ],
    ] as const) {
      expect(book.length).toBeLessThan(MAX_UPLOAD_BYTES);
      const started = readerStats.started;
      expect(await ytd(book, 'xlsx', label, 120_000)).toBe('refused');
      expect(readerStats.started).toBe(started + 1);
      ledger.input();
      const env = await dispatch(api.handlers, 'plan:importTable', { content_base64: book.toString('base64') }, { host: 'cli' });
      if (env.ok) ledger.letIn(`plan:importTable read ${label}`);
      const error = (env as { error?: { message_zh: string; message_en: string } }).error;
      expect(error?.message_zh).toContain(says[0]);
      expect(error?.message_en).toContain(says[1]);
    }
    // the host goes on: the next import is read and answered
    const ok = xlsx(
      sheetXml([
        ['指标', '年份', '月份', '累计值'],
        ['no_such_series', 2026, 1, 1],
      ]),
    );
    expect(await ytd(ok, 'xlsx', 'a small workbook after the refusals')).toBe('refused');
    if (fingerprint(api.store.db).hash !== before) ledger.partial('a refused workbook changed the database');
    expect(ledger.since(mark)).toEqual([]);
  }, 300_000);

  it('a workbook that inflates past 200 MB, one that lies about its size, random bytes: refused', async () => {
    const mark = ledger.mark();
    const header = [
      ['指标', '期间', '累计值'],
      ['gdp_nominal', '2026年1-3月', 500],
    ];
    const bomb = xlsx(sheetXml(header, 210 * 1024 * 1024));
    ledger.note(`zip bomb: ${(bomb.length / 1024).toFixed(0)} KB inflating to 210 MB`);
    const started = Date.now();
    const env = await dispatch(api.handlers, 'nowcast:import', { content_base64: bomb.toString('base64'), kind: 'xlsx' }, { host: 'cli' });
    ledger.input();
    const e = env.ok ? (env.value as { errors: { message_zh: string; message_en: string }[] }).errors[0] : env.error;
    expect(e?.message_en).toMatch(/200 MB/);
    expect(isBilingual(e)).toBe(true);
    if (Date.now() - started > 30_000) ledger.crash(`zip bomb took ${Date.now() - started} ms`);
    await table(bomb, 'zip bomb');
    // the central directory says 1 KB; the data says otherwise
    const liar = xlsx(sheetXml(header, 210 * 1024 * 1024), { lieAboutSize: 1024 });
    if ((await ytd(liar, 'xlsx', 'size liar')) === 'stored') ledger.partial('a lying workbook was stored');
    for (let i = 0; i < 5; i++) {
      const junk = Buffer.from(Array.from({ length: 2000 + i * 1000 }, (_, k) => (k * 7919 + i * 31) % 256));
      if (i % 2) junk.write('PK\u0003\u0004', 0, 'latin1'); // looks like a zip at first
      await ytd(junk, 'xlsx', `random bytes ${i}`);
      await table(junk, `random bytes ${i}`);
    }
    expect(ledger.since(mark)).toEqual([]);
  });

  it('fast-check: random CSV text and random tables as workbooks', async () => {
    const mark = ledger.mark();
    const cell = fc.oneof(
      fc.constantFrom(...NASTY_STRINGS, 'gdp_nominal', '2026年1-3月', '2026', '3', '500', '5.2%', '—', ''),
      fc.string({ maxLength: 12 }),
      fc.double({ noNaN: false }).map(String),
    );
    const header = fc.constantFrom(
      ['指标', '期间', '累计值'],
      ['指标', '年份', '月份', '累计增速(%)'],
      ['series', 'period', 'value', 'source'],
      ['a', 'b'],
    );
    const csvText = fc
      .tuple(
        header,
        fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 30 }),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n', '\r'),
      )
      .map(([h, rows, sep, nl]) =>
        [h, ...rows].map((r) => r.map((c) => (/[",;\t\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(sep)).join(nl),
      );
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(csvText, fc.string({ unit: 'binary', maxLength: 400 })), async (text) => {
        if ((await ytd(Buffer.from(text), 'csv', `fuzz csv ${JSON.stringify(text).slice(0, 80)}`)) === 'stored') stored++;
      }),
      { numRuns: 250 * SCALE },
    );
    await fc.assert(
      fc.asyncProperty(
        header,
        fc.array(fc.array(fc.oneof(cell, fc.double(), fc.constant(null)), { maxLength: 6 }), { maxLength: 12 }),
        async (h, rows) => {
          const bytes = await workbook((ws) => {
            ws.addRow(h);
            for (const r of rows) ws.addRow(r);
          });
          await ytd(bytes, 'xlsx', `fuzz xlsx ${JSON.stringify(rows).slice(0, 80)}`);
          await table(bytes, 'fuzz xlsx', true);
        },
      ),
      { numRuns: 30 * SCALE },
    );
    ledger.note(`fuzzed sheets: ${stored} valid by chance (stored whole)`);
    expect(ledger.since(mark)).toEqual([]);
  });
});
