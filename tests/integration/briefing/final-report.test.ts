/**
 * The final evaluation (终期评估报告) through the real API: the DOCX read back (its document XML has
 * one completion-table row per target and every verdict word of the evaluation), opened by
 * LibreOffice as an office would (converted to PDF and rendered to PNG, the table on its pages),
 * the PDF version printed by Chromium, and the CLI's --docx / --report-pdf.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumPdf } from '../../../api/chromium-pdf';
import { formatProbability, targetsWithRange } from '../../../models/probability';
import { STATUS_WORDS } from '../../../scenarios/briefing/terms';
import { OUT_DIR } from './fixtures';
import { useApiFixture } from '../api-fixture';

const fx = useApiFixture('final-report', { renderPdf: chromiumPdf });
const call = fx.call;
const out = path.join(OUT_DIR, 'final-report');

/** The text of each paragraph of a DOCX's document.xml, and its table rows as lists of cell texts. */
function docxText(file: string): { xml: string; rows: string[][]; text: string } {
  const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const unescape = (t: string) =>
    t
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const cellText = (c: string) => [...c.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1])).join('');
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
    [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => cellText(c[0])),
  );
  const text = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => cellText(p[0])).join('\n');
  return { xml, rows, text };
}

let baseline: string;
let stretch: string;

beforeAll(async () => {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const list = await call('scenarios:list', {});
  baseline = list.find((s) => s.preset_id === 'baseline')!.id;
  stretch = list.find((s) => s.preset_id === 'stretch')!.id;
});

describe('final evaluation report (终期评估报告)', () => {
  it('the DOCX has one completion-table row per target, each with the verdict the projection gives', async () => {
    const file = await call('briefing:export', { ids: [baseline], format: 'docx', language: 'zh-CN' });
    expect(file.file_name).toMatch(/^终期评估报告-基准情景-\d{4}-\d{2}-\d{2}\.docx$/);
    const docx = path.join(out, 'report-zh.docx');
    fs.writeFileSync(docx, Buffer.from(file.content_base64, 'base64'));
    const { rows, text } = docxText(docx);
    const projection = await call('projection:run', { id: baseline });
    const plan = await call('plan:get', {});

    // the completion table: header, one section row per part of the plan, one row per target
    const header = rows.findIndex((r) => r[0] === '序号' && r.includes('完成情况'));
    expect(header).toBeGreaterThanOrEqual(0);
    const targetRows = rows.filter((r) => r.length === 10 && /^\d+$/.test(r[0]));
    expect(targetRows.length).toBe(plan.targets.length);
    for (const t of plan.targets) {
      const ev = projection.targets.find((e) => e.id === t.id)!;
      const row = targetRows.find((r) => r[1] === t.name_zh);
      expect(row, t.name_zh).toBeDefined();
      // 完成情况 is the status word, with * where the verdict rests on an assumption
      expect(row![5]).toBe(`${STATUS_WORDS['zh-CN'][ev.status]}${ev.assumed ? '*' : ''}`);
    }
    // 达标概率: the scenario's own simulation (its seed, the workbench's 10,000 draws), or 未设区间
    const sim = await call('simulation:run', { id: baseline, draws: 10_000 });
    const meta = (await call('scenarios:list', {})).find((x) => x.id === baseline)!;
    expect(sim.seed).toBe(meta.seed);
    const resolved = await call('scenarios:resolve', { id: baseline });
    const ranged = targetsWithRange({ plan, assumptions: resolved.assumptions });
    expect(ranged.size).toBeGreaterThan(0);
    expect(ranged.size).toBeLessThan(plan.targets.length);
    for (const t of plan.targets) {
      const row = targetRows.find((r) => r[1] === t.name_zh)!;
      const p = sim.targets.find((x) => x.id === t.id)!.p_meet;
      expect(row[6], t.name_zh).toBe(ranged.has(t.id) ? formatProbability(p) : '未设区间');
    }
    for (const status of new Set(projection.targets.map((e) => e.status))) expect(text).toContain(STATUS_WORDS['zh-CN'][status]);
    for (const heading of [
      '一、总体完成情况',
      '二、主要指标完成情况表',
      '三、分领域完成情况',
      '四、存在的主要问题',
      '五、口径说明',
      '附件：数据来源',
      '目录',
    ]) {
      expect(text).toContain(heading);
    }
    // no internals: JSON, file paths or ids
    expect(text).not.toMatch(/[{}]|"nowcast"|\.ts\b|fine_steel_output/);
  });

  it('LibreOffice opens the DOCX: converted to PDF and rendered, the table is on its pages', () => {
    const docx = path.join(out, 'report-zh.docx');
    const lo = path.join(out, 'libreoffice');
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
    const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', lo, docx], {
      encoding: 'utf8',
      timeout: 180_000,
    });
    fs.rmSync(profile, { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(0);
    const pdf = path.join(lo, 'report-zh.pdf');
    expect(fs.existsSync(pdf)).toBe(true);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('主要指标完成情况表');
    expect(text).toContain('金盛兰精品钢产值');
    expect(text).toMatch(/— \d+ —/); // page numbers in the footer
    execFileSync('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '5', pdf, path.join(lo, 'page')]);
    expect(fs.readdirSync(lo).filter((f) => f.endsWith('.png')).length).toBe(5);
  }, 240_000);

  it('the PDF version is printed from the same content; the English report has no Chinese verdict words', async () => {
    const zh = await call('briefing:export', { ids: [baseline], format: 'report_pdf', language: 'zh-CN' });
    expect(zh.file_name.endsWith('.pdf')).toBe(true);
    const zhPdf = path.join(out, 'report-zh.pdf');
    fs.writeFileSync(zhPdf, Buffer.from(zh.content_base64, 'base64'));
    const zhText = execFileSync('pdftotext', [zhPdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(zhText).toContain('终期评估报告');
    expect(zhText).toContain('存在的主要问题');
    // the title's bracket stays on one line
    expect(execFileSync('pdftotext', ['-f', '1', '-l', '1', zhPdf, '-'], { encoding: 'utf8' })).toContain('(2024—2026年)');

    const en = await call('briefing:export', { ids: [baseline, stretch], format: 'docx', language: 'en' });
    const enDocx = path.join(out, 'report-en.docx');
    fs.writeFileSync(enDocx, Buffer.from(en.content_base64, 'base64'));
    const { text } = docxText(enDocx);
    expect(text).toContain('Completion table');
    // several scenarios: the first is reported, all are compared target by target
    expect(text).toContain('6. Scenarios compared');
    const names = (await call('scenarios:list', {})).filter((x) => x.id === baseline || x.id === stretch).map((x) => x.name);
    for (const n of names) expect(text).toContain(n);
    for (const w of Object.values(STATUS_WORDS['zh-CN'])) expect(text).not.toContain(w);
  }, 120_000);

  it('the CLI writes --docx and --report-pdf beside --xlsx and --pdf', () => {
    const docx = path.join(fx.dir(), 'cli.docx');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'cli/main.ts', 'export', '--scenario', '基准情景', '--docx', docx, '--db', fx.dbPath()],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(fs.readFileSync(docx).subarray(0, 2).toString('latin1')).toBe('PK');
    const none = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'export', '--scenario', '基准情景', '--db', fx.dbPath()], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--docx');
  }, 240_000);
});
