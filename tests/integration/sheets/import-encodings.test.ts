/**
 * Every import reads a CSV the same way, through the real API (handlers + SQLite + the one sheet
 * reader): actuals (actuals:import), 1-N月 figures (nowcast:import), the indicator table
 * (plan:importTable) and collection returns (collect:import), each fed the same text in UTF-8
 * with and without BOM, UTF-16 LE and BE (with a BOM, and LE without), GBK and GB18030 (with a
 * character GBK lacks). A bad figure in the last row stores nothing (checked through actuals:list)
 * and is named by row and column in Chinese and English; a file over the one upload limit and a
 * CSV over the one row limit are refused by every import, naming the limit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../../api/handlers';
import type { Channel, Req, Res } from '../../../contract';
import { dispatch } from '../../../contract';
import { COLLECT_COLUMNS } from '../../../models/collect';
import { MAX_SHEET_ROWS, MAX_UPLOAD_BYTES } from '../../../scenarios/plan/sheet-limits';
import { decodeCsvBytes } from '../../../scenarios/sheets/read';
import { encodeGb18030, encodeGbk } from './gbk';

const ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'utf-16le-nobom', 'gbk', 'gb18030'] as const;
type Encoding = (typeof ENCODINGS)[number];

function encode(text: string, e: Encoding): Buffer {
  switch (e) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16le-nobom':
      return Buffer.from(text, 'utf16le');
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'gbk':
      return encodeGbk(text);
    case 'gb18030':
      return encodeGb18030(text);
  }
}

/** A source title in the file: GB18030 and Unicode files carry 𠀀 (U+20000), which GBK cannot. */
const title = (e: Encoding) => (e === 'gbk' ? '市统计局月报' : '市统计局月报𠀀');

const dirs: string[] = [];
const apis: Api[] = [];
function freshApi(): Api {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-encodings-'));
  dirs.push(dir);
  const api = createApi({ dbPath: path.join(dir, 'studio.sqlite'), host: 'cli' });
  apis.push(api);
  return api;
}
afterAll(() => {
  for (const a of apis) a.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function call<C extends Channel>(api: Api, channel: C, req: Req<C>): Promise<Res<C>> {
  const env = await dispatch(api.handlers, channel, req, { host: 'cli' });
  if (!env.ok) throw new Error(`${channel}: ${env.error.message_zh} / ${env.error.message_en}`);
  return env.value as Res<C>;
}
async function refusal<C extends Channel>(
  api: Api,
  channel: C,
  req: Req<C>,
): Promise<{ code: string; message_zh: string; message_en: string; path?: string }> {
  const env = await dispatch(api.handlers, channel, req, { host: 'cli' });
  if (env.ok) throw new Error(`${channel}: expected a refusal, got ${JSON.stringify(env.value).slice(0, 300)}`);
  return env.error;
}

const ACTUALS_MAPPING = {
  series: 0,
  period: 1,
  value: 2,
  value_kind: -1,
  source_title: 3,
  source_url: -1,
  source_date: -1,
  reliability: -1,
  vintage: -1,
  note: -1,
};
const actualsReq = (bytes: Buffer, file_name = 'actuals.csv') => ({
  content_base64: bytes.toString('base64'),
  file_name,
  data_from_line: 2,
  mapping: ACTUALS_MAPPING,
  source_title: '市统计局',
  reliability: 'official' as const,
});

const ytdText = (e: Encoding, rows: string[][] = [['金盛兰精品钢产值', '2026', '3', '１３２']]) =>
  ['指标,年份,月份,累计值,来源,发布日期', ...rows.map((r) => `${r.join(',')},${title(e)},2026-04-20`)].join('\r\n');

const HEADER_ROW = 6;
const col = (key: string) => COLLECT_COLUMNS.findIndex((c) => c.key === key) + 1;

/** The statistics bureau's collection workbook as a CSV save-as, with the GDP figures filled in. */
async function collectCsv(api: Api, figures: Record<string, string>, source: string): Promise<string> {
  const round = await call(api, 'collect:createRound', {
    name: '2026年11月征集',
    contact: '王五',
    phone: '0715-8000000',
    return_date: '2026-11-30',
    ytd_month: 10,
    units: ['市统计局'],
  });
  const out = await call(api, 'collect:export', { round_id: round.id });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(out.files[0]!.content_base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('填报')!;
  ws.getCell(3, 7).value = '钱七';
  ws.getCell(4, 7).value = '2026-11-20';
  const lines: string[] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (r > HEADER_ROW) {
      const key = `${String(row.getCell(col('series')).value)}@${String(row.getCell(col('period')).value)}`;
      if (key in figures) {
        row.getCell(col('value')).value = figures[key]!;
        row.getCell(col('source')).value = source;
        row.getCell(col('release_date')).value = '2026-11-15';
      }
    }
    const cells: string[] = [];
    for (let c = 1; c <= COLLECT_COLUMNS.length; c++) {
      const v = row.getCell(c).value;
      const t = v === null || v === undefined ? '' : String(v);
      cells.push(/[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
    }
    lines.push(cells.join(','));
  });
  return lines.join('\r\n');
}

describe.each(ENCODINGS)('a CSV in %s', (e) => {
  it('is decoded as that encoding by the one reader', () => {
    const text = ytdText(e);
    const d = decodeCsvBytes(encode(text, e));
    expect(d.text.replace(/^\ufeff/, '')).toBe(text);
    expect(d.encoding).toBe(
      e.startsWith('utf-8') ? 'utf-8' : e.startsWith('utf-16le') ? 'utf-16le' : e === 'utf-16be' ? 'utf-16be' : 'gb18030',
    );
  });

  it('actuals:import stores its rows with the Chinese names and titles intact (full-width digits read)', async () => {
    const api = freshApi();
    const text = ['指标,期间,数值,来源', `金盛兰精品钢产值,2024,５６０,${title(e)}`, `行政村5G通达率,2024,98.5,${title(e)}`].join('\r\n');
    const r = await call(api, 'actuals:import', actualsReq(encode(text, e)));
    expect(r.rejected).toEqual([]);
    expect(r.stored).toBe(2);
    const steel = (await call(api, 'actuals:list', { series: 'fine_steel_output' })).find(
      (a) => a.period === '2024' && a.source.title === title(e),
    );
    expect(steel?.value).toBe(560);
  });

  it('nowcast:import (1-N月) stores its rows with the titles intact (full-width digits read)', async () => {
    const api = freshApi();
    const r = await call(api, 'nowcast:import', {
      kind: 'csv',
      file_name: '1-6月.csv',
      content_base64: encode(
        ytdText(e, [
          ['金盛兰精品钢产值', '2026', '3', '１３２'],
          ['金盛兰精品钢产值', '2026', '6', '２８８'],
        ]),
        e,
      ).toString('base64'),
    });
    expect(r.errors).toEqual([]);
    expect(r.stored).toBe(2);
    const rows = (await call(api, 'actuals:list', { series: 'fine_steel_output' })).filter((a) => a.period.startsWith('2026-'));
    expect(rows.map((a) => [a.period, a.value, a.source.title])).toEqual(
      expect.arrayContaining([
        ['2026-03', 132, title(e)],
        ['2026-06', 288, title(e)],
      ]),
    );
  });

  it('plan:importTable reads the headers and indicator names', async () => {
    const api = freshApi();
    const text = [
      '指标名称,单位,基期值,目标值,目标年,责任单位',
      `地区生产总值,亿元,1234,１５００,2026,${title(e)}`,
      '研发投入强度,%,2.1,3%,2026,市科技局',
    ].join('\r\n');
    const r = await call(api, 'plan:importTable', {
      content_base64: encode(text, e).toString('base64'),
      file_name: '指标表.csv',
      mapping: { name: 0, unit: 1, base_value: 2, target: 3, target_year: 4, responsible: 5 },
      plan_id: 'encoding_plan',
      title_zh: '编码测试规划',
      base_year: 2025,
    });
    expect(r.headers).toEqual(['指标名称', '单位', '基期值', '目标值', '目标年', '责任单位']);
    expect(r.result?.rejected).toEqual([]);
    expect(r.result?.ok).toBe(true);
    const plan = r.result!.plan!;
    const gdp = plan.series.find((s) => s.name_zh === '地区生产总值');
    expect(gdp).toBeDefined();
    const rd = plan.series.find((s) => s.name_zh === '研发投入强度');
    expect(rd).toBeDefined();
    expect(plan.targets.find((t) => t.series === gdp!.id)?.target).toBe(1500);
    expect(plan.targets.find((t) => t.series === rd!.id)?.target).toBe(3);
  });

  it('collect:import stores a unit’s CSV save-as', async () => {
    const api = freshApi();
    const text = await collectCsv(api, { 'gdp_nominal@2024': '１５００.２５' }, title(e));
    const { reports } = await call(api, 'collect:import', {
      files: [{ name: `统计局-${e}.csv`, content_base64: encode(text, e).toString('base64') }],
    });
    expect(reports[0]).toMatchObject({ outcome: 'stored', unit: '市统计局', filled_by: '钱七' });
    const gdp = await call(api, 'actuals:list', { series: 'gdp_nominal' });
    const got = gdp.find((a) => a.period === '2024' && a.entered_by === '钱七');
    expect(got?.value).toBe(1500.25);
    expect(got?.source.title).toContain(title(e));
  });
});

describe('a bad figure in the last row stores nothing, naming its row and column', () => {
  it('actuals:import', async () => {
    const api = freshApi();
    const before = (await call(api, 'actuals:list', {})).length;
    const text = [
      '指标,期间,数值,来源',
      '金盛兰精品钢产值,2024,560,月报',
      '金盛兰精品钢产值,2023,520,月报',
      '行政村5G通达率,2024,九十,月报',
    ].join('\r\n');
    const r = await call(api, 'actuals:import', actualsReq(encodeGbk(text)));
    expect(r.stored).toBe(0);
    expect(r.rejected_count).toBe(1);
    expect(r.rejected[0]!.line).toBe(4);
    expect(r.rejected[0]!.reasons).toEqual([
      { code: 'bad_number', value: '九十', column: 'C', reason_zh: '“九十”不是数字', reason_en: '"九十" is not a number' },
    ]);
    expect((await call(api, 'actuals:list', {})).length).toBe(before);
  });

  it('nowcast:import', async () => {
    const api = freshApi();
    const before = (await call(api, 'actuals:list', {})).length;
    const text = ytdText('gbk', [
      ['金盛兰精品钢产值', '2026', '3', '132'],
      ['金盛兰精品钢产值', '2026', '6', '288'],
      ['金盛兰精品钢产值', '2026', '9', '四百'],
    ]);
    const r = await call(api, 'nowcast:import', {
      kind: 'csv',
      file_name: '1-9月.csv',
      content_base64: encodeGbk(text).toString('base64'),
    });
    expect(r.stored).toBe(0);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 4, field: 'cumulative', column: 'D' });
    expect(r.errors[0]!.message_zh).toContain('第4行 D列“累计值”');
    expect(r.errors[0]!.message_en).toContain('Row 4, column D ("累计值")');
    expect((await call(api, 'actuals:list', {})).length).toBe(before);
  });

  it('collect:import', async () => {
    const api = freshApi();
    const text = await collectCsv(api, { 'gdp_nominal@2024': '1500', 'gdp_nominal@2025': '一千六' }, '台账');
    const before = (await call(api, 'actuals:list', {})).length;
    const { reports } = await call(api, 'collect:import', {
      files: [{ name: '统计局.csv', content_base64: encodeGbk(text).toString('base64') }],
    });
    expect(reports[0]!.outcome).toBe('refused');
    expect(reports[0]!.stored).toEqual([]);
    const refused = reports[0]!.refused;
    expect(refused).toHaveLength(1);
    expect(refused[0]!.message_zh).toMatch(/第\d+行 J 列/);
    expect(refused[0]!.message_zh).toContain('“一千六”不是数字');
    expect(refused[0]!.message_en).toMatch(/row \d+, column J/);
    expect((await call(api, 'actuals:list', {})).length).toBe(before);
  });
});

describe('one set of limits, whichever import', () => {
  const tooBig = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x41).toString('base64');

  it('refuses a file over the upload limit, naming the limit, and stores nothing', async () => {
    const api = freshApi();
    const limit = `${(MAX_UPLOAD_BYTES / 1024 / 1024).toFixed(1)} MB`;
    const errors = [
      await refusal(api, 'actuals:import', { ...actualsReq(Buffer.from('x')), content_base64: tooBig }),
      await refusal(api, 'nowcast:import', { kind: 'csv', content_base64: tooBig }),
      await refusal(api, 'plan:importTable', { content_base64: tooBig, file_name: '指标表.csv' }),
      await refusal(api, 'sheets:preview', { content_base64: tooBig, file_name: 'a.csv' }),
      await refusal(api, 'collect:import', { files: [{ name: 'a.csv', content_base64: tooBig }] }),
    ];
    for (const err of errors) {
      expect(err.code).toBe('too_large');
      expect(err.message_zh).toContain(`超过 ${limit} 上限，未导入任何数据`);
      expect(err.message_en).toContain(`over the ${limit} limit; nothing was imported`);
    }
    expect(await call(api, 'actuals:list', {})).toEqual([]);
  });

  it('refuses a CSV over the row limit in every import, naming the limit', async () => {
    const api = freshApi();
    const rows = `指标,期间,数值\r\n${'金盛兰精品钢产值,2024,1\r\n'.repeat(MAX_SHEET_ROWS + 1)}`;
    const b64 = Buffer.from(rows, 'utf8').toString('base64');
    const limit = MAX_SHEET_ROWS.toLocaleString('en-US');
    const errors = [
      await refusal(api, 'actuals:import', { ...actualsReq(Buffer.from('x')), content_base64: b64 }),
      await refusal(api, 'plan:importTable', { content_base64: b64, file_name: '指标表.csv' }),
    ];
    for (const err of errors) expect(err.message_zh).toContain(`超过 ${limit} 行上限，未导入任何数据`);
    const ytd = await dispatch(api.handlers, 'nowcast:import', { kind: 'csv', content_base64: b64 }, { host: 'cli' });
    const ytdText = ytd.ok ? JSON.stringify(ytd.value) : ytd.error.message_zh;
    expect(ytdText).toContain(`超过 ${limit} 行上限`);
    const { reports } = await call(api, 'collect:import', { files: [{ name: '统计局.csv', content_base64: b64 }] });
    expect(reports[0]!.outcome).toBe('refused');
    expect(reports[0]!.reason_zh).toContain(`超过 ${limit} 行上限，未导入任何数据`);
    expect(reports[0]!.reason_en).toContain(`more than ${limit} rows (the limit); nothing was imported`);
    expect(await call(api, 'actuals:list', {})).toEqual([]);
  });
});

describe('encodings round trip through the one decoder', () => {
  it('any text a planner can write comes back as written, in every encoding that can carry it', () => {
    const chars = fc.constantFrom(...Array.from('地区生产总值亿元万人％，。、“”（）𠀀䶮abcXYZ0123456789.,-（）１２３－'));
    fc.assert(
      fc.property(fc.array(chars, { minLength: 1, maxLength: 40 }), (cs) => {
        // a table's first cell is never a NUL or BOM: start with a letter, as a header does
        const text = `指标${cs.join('')}`;
        // (UTF-16 without a BOM is found by the NUL bytes of its ASCII characters, which a text
        // of Chinese only does not have: Excel's "Unicode text" always writes the BOM)
        for (const e of ENCODINGS) {
          if (e === 'utf-16le-nobom' || (e === 'gbk' && /[𠀀䶮]/u.test(text))) continue;
          const d = decodeCsvBytes(encode(text, e));
          expect(d.text).toBe(text);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('collection returns read figures with the number reader of every import', () => {
  it('converts a unit written in the cell to the indicator’s unit (万元, 万亿元 under 亿元)', async () => {
    const api = freshApi();
    const text = await collectCsv(api, { 'gdp_nominal@2024': '15,000,000万元', 'gdp_nominal@2025': '０.１５８万亿元' }, '台账');
    const { reports } = await call(api, 'collect:import', {
      files: [{ name: '统计局.csv', content_base64: encodeGb18030(text).toString('base64') }],
    });
    expect(reports[0]!.refused).toEqual([]);
    expect(reports[0]!.outcome).toBe('stored');
    const gdp = (await call(api, 'actuals:list', { series: 'gdp_nominal' })).filter((a) => a.entered_by === '钱七');
    expect(Object.fromEntries(gdp.map((a) => [a.period, a.value]))).toMatchObject({ '2024': 1500, '2025': 1580 });
  });

  it('refuses a percentage under 亿元 with the reader’s reason, storing nothing', async () => {
    const api = freshApi();
    const text = await collectCsv(api, { 'gdp_nominal@2024': '1500', 'gdp_nominal@2025': '15%' }, '台账');
    const { reports } = await call(api, 'collect:import', {
      files: [{ name: '统计局.csv', content_base64: Buffer.from(text, 'utf8').toString('base64') }],
    });
    expect(reports[0]!.outcome).toBe('refused');
    expect(reports[0]!.refused[0]!.message_zh).toContain('“15%”是百分数，该指标的单位是“亿元”');
    expect(reports[0]!.refused[0]!.message_en).toContain('"15%" is a percentage, but the indicator is in 亿元');
    expect((await call(api, 'actuals:list', { series: 'gdp_nominal' })).filter((a) => a.entered_by === '钱七')).toEqual([]);
  });
});
