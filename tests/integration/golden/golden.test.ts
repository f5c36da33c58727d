/**
 * The golden corpus (issue 14): what the product computes and prints, recorded so that a change of
 * structure can prove it changed no result. Two workspaces — the bundled plan as it ships, and one
 * with entered actuals and 1-10月 figures — through the real API (handlers + SQLite): projection of
 * the three presets, a seeded simulation, the diff of two presets, the nowcasts, the text of the
 * briefing's PDF (the HTML it is printed from, tags stripped) and the cells of its workbook.
 *
 * A change that is meant to change results regenerates the fixtures with
 * `GOLDEN_UPDATE=1 npx vitest run --project integration tests/integration/golden` in a commit of its
 * own that says what changed and why; the diff of tests/fixtures/golden/ then shows every change.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Api } from '../../../api/handlers';
import type { Channel, Req, Res } from '../../../contract';
import { dispatch } from '../../../contract';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'golden');
const UPDATE = process.env.GOLDEN_UPDATE === '1';

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** The run's own date as the pack's cover prints it (local time), in both languages. */
function runDates(): string[] {
  const d = new Date();
  return [`${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`, `${d.getDate()} ${MONTHS_EN[d.getMonth()]} ${d.getFullYear()}`];
}

/** Dates and times of the run itself, the only part of an output that may differ between runs. */
function normalise(text: string): string {
  let out = text
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<timestamp>')
    .replace(/\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}(:\d{2})?/g, '<local time>')
    .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?/g, '<local time>')
    .replace(/studio-golden-[A-Za-z0-9]+/g, '<tmp>');
  // the cover's 日期 is the day of the run: a corpus recorded yesterday must still pass today
  for (const day of runDates()) out = out.split(day).join('<run date>');
  return out;
}

function compare(name: string, value: unknown): void {
  const file = path.join(FIXTURES, `${name}.json`);
  const text = `${normalise(JSON.stringify(value, null, 1))}\n`;
  if (UPDATE || !fs.existsSync(file)) {
    fs.mkdirSync(FIXTURES, { recursive: true });
    fs.writeFileSync(file, text);
    if (!UPDATE) throw new Error(`golden fixture ${name} was missing and has been written: review and commit it`);
    return;
  }
  // compared as text so that a failure shows the first differing lines
  expect(text, `golden ${name}`).toBe(fs.readFileSync(file, 'utf8'));
}

/** The visible text of the printed HTML: styles, scripts, fonts and tags removed. */
function htmlText(html: string): string[] {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<(br|\/p|\/div|\/tr|\/h\d|\/li|\/td|\/th)[^>]*>/g, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l.length > 0);
}

async function workbookCells(base64: string): Promise<Record<string, string[]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const out: Record<string, string[]> = {};
  wb.eachSheet((ws) => {
    const rows: string[] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const v = cell.value;
        const shown = v instanceof Date ? v.toISOString() : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
        cells.push(`${c}=${shown}${cell.numFmt ? ` [${cell.numFmt}]` : ''}`);
      });
      rows.push(`${r}: ${cells.join(' | ')}`);
    });
    out[ws.name] = rows;
  });
  return out;
}

interface Workspace {
  dir: string;
  api: Api;
  html: string[];
}

function open(label: string): Workspace {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `studio-golden-${label}`));
  const ws: Workspace = { dir, api: undefined as unknown as Api, html: [] };
  ws.api = createApi({
    dbPath: path.join(dir, 'studio.sqlite'),
    host: 'cli',
    renderPdf: async (html) => {
      ws.html.push(html);
      return new TextEncoder().encode('%PDF-golden');
    },
  });
  return ws;
}

async function call<C extends Channel>(ws: Workspace, channel: C, req: Req<C>): Promise<Res<C>> {
  const env = await dispatch(ws.api.handlers, channel, req, { host: 'cli' });
  if (!env.ok) throw new Error(`${channel}: ${env.error.message_en}`);
  return env.value as Res<C>;
}

const source = (title: string, date: string) => ({ title, url: null, date, reliability: 'official' as const });

/** 1-N月 figures as a statistics bureau's monthly report has them (two years of history, 2026 to October). */
function ytdCsv(): string {
  const lines = ['指标,年份,月份,累计值,来源,发布日期'];
  const share: Record<number, number> = { 3: 0.22, 6: 0.48, 9: 0.72, 10: 0.81, 12: 1 };
  for (const [year, total, months] of [
    [2024, 470, [3, 6, 9, 10, 12]],
    [2025, 560, [3, 6, 9, 10, 12]],
    [2026, 640, [3, 6, 9, 10]],
  ] as const) {
    for (const m of months)
      lines.push(`fine_steel_output,${year},${m},${(total * share[m]).toFixed(1)},市统计局月报,${year}-${String(m).padStart(2, '0')}-20`);
  }
  return lines.join('\n');
}

let plain: Workspace;
let entered: Workspace;

beforeAll(async () => {
  plain = open('plain');
  entered = open('entered');
  await call(entered, 'actuals:add', {
    actuals: [
      {
        series: 'fine_steel_output',
        period: '2024',
        value: 480.5,
        value_kind: 'actual',
        source: source('市统计局年度公报', '2025-03-20'),
        vintage: null,
        note: '',
        entered_by: '规划科',
      },
      {
        series: 'fine_steel_output',
        period: '2025',
        value: 566.2,
        value_kind: 'actual',
        source: source('市统计局年度公报', '2026-03-20'),
        vintage: null,
        note: '',
        entered_by: '规划科',
      },
      {
        series: 'high_tech_enterprises',
        period: '2025',
        value: 610,
        value_kind: 'actual',
        source: source('市科技局', '2026-02-10'),
        vintage: null,
        note: '',
        entered_by: '规划科',
      },
    ],
  });
  const imported = await call(entered, 'nowcast:import', { kind: 'csv', content_base64: Buffer.from(ytdCsv(), 'utf8').toString('base64') });
  if (imported.stored === 0)
    throw new Error(`golden: the 1-10月 figures were not imported: ${JSON.stringify(imported.errors).slice(0, 300)}`);
});

afterAll(() => {
  for (const ws of [plain, entered]) {
    ws?.api.close();
    if (ws) fs.rmSync(ws.dir, { recursive: true, force: true });
  }
});

async function presets(ws: Workspace) {
  const list = await call(ws, 'scenarios:list', {});
  return list.filter((s) => s.preset_id !== null).sort((a, b) => String(a.preset_id).localeCompare(String(b.preset_id)));
}

describe('golden corpus', () => {
  for (const which of ['plain', 'entered'] as const) {
    it(`${which}: projection, simulation, diff and nowcast are unchanged`, async () => {
      const ws = which === 'plain' ? plain : entered;
      const ps = await presets(ws);
      expect(ps.length).toBe(3);
      for (const p of ps) {
        compare(`${which}-project-${p.preset_id}`, await call(ws, 'projection:run', { id: p.id }));
        compare(`${which}-simulate-${p.preset_id}`, await call(ws, 'simulation:run', { id: p.id, draws: 2000, seed: 7 }));
      }
      compare(`${which}-diff`, await call(ws, 'scenarios:diff', { a: { id: ps[0].id }, b: { id: ps[1].id } }));
      const nowcasts: Record<string, unknown> = {};
      for (const indicator of ['fine_steel_output', 'high_tech_enterprises']) {
        const env = await dispatch(ws.api.handlers, 'nowcast:estimate', { indicator }, { host: 'cli' });
        nowcasts[indicator] = env.ok ? env.value : { refused: env.error.code, zh: env.error.message_zh };
      }
      compare(`${which}-nowcast`, nowcasts);
    });

    it(`${which}: the briefing's PDF text and workbook cells are unchanged`, async () => {
      const ws = which === 'plain' ? plain : entered;
      const ids = (await presets(ws)).map((p) => p.id);
      for (const language of ['zh-CN', 'en'] as const) {
        ws.html = [];
        await call(ws, 'briefing:export', { ids, format: 'pdf', language });
        expect(ws.html.length).toBe(1);
        compare(`${which}-pdf-text-${language}`, htmlText(ws.html[0]));
      }
      const xlsx = await call(ws, 'briefing:export', { ids, format: 'xlsx', language: 'zh-CN' });
      compare(`${which}-workbook`, await workbookCells(xlsx.content_base64));
    });
  }
});
