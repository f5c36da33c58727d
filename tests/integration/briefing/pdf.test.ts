import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fontFacesFor } from '../../../scenarios/briefing/font';
import { exportBriefing } from '../../../scenarios/briefing/export';
import { briefingHtmlWithFont } from '../../../scenarios/briefing/pack';
import { launchChromium, renderPdf } from '../../../scenarios/briefing/pdf';
import { buildBriefingHtml } from '../../../scenarios/briefing/print-html';
import { draftSentence } from '../../../models/sentences';
import { readActualsSheet } from '../../../scenarios/briefing/workbook';
import { inkShare, outDir, pdftotext, presetInput, readPgm, squash } from './fixtures';

let browser: Browser;
const dir = outDir();
const zhPdf = path.join(dir, 'briefing-zh.pdf');
const enPdf = path.join(dir, 'briefing-en.pdf');
const zh = presetInput('zh-CN');
const en = presetInput('en');
let zhPages = 0;
let enPages = 0;

/** Renders the pages as 50-dpi grey PGMs and as PNGs kept under test-output/briefing/pages/. */
function pageImages(pdf: string, prefix: string): { file: string; ink: number; width: number; height: number }[] {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-pgm-'));
  try {
    execFileSync('pdftoppm', ['-r', '50', '-gray', pdf, path.join(tmp, 'p')]);
    const pngDir = path.join(dir, 'pages');
    fs.mkdirSync(pngDir, { recursive: true });
    for (const f of fs.readdirSync(pngDir)) if (f.startsWith(`${prefix}-`)) fs.rmSync(path.join(pngDir, f));
    execFileSync('pdftoppm', ['-r', '50', '-png', pdf, path.join(pngDir, prefix)]);
    return fs
      .readdirSync(tmp)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => {
        const img = readPgm(fs.readFileSync(path.join(tmp, f)));
        return { file: f, ink: inkShare(img), width: img.width, height: img.height };
      });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  browser = await launchChromium();
  const a = await renderPdf(briefingHtmlWithFont(zh), zhPdf, { browser });
  const b = await renderPdf(briefingHtmlWithFont(en), enPdf, { browser });
  expect(a.blocked).toEqual([]);
  expect(b.blocked).toEqual([]);
  zhPages = a.pages;
  enPages = b.pages;
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('buildBriefingHtml', () => {
  const html = briefingHtmlWithFont(zh);
  it('is one standalone document: no scripts, no external references, A4 with page numbers', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    const bare = buildBriefingHtml(zh, { fontCss: '' }); // the same document without the font data
    expect(bare).not.toMatch(/<script|javascript:|\son[a-z]+=|<iframe|<object|<embed|<link|<img|@import|url\(/i);
    expect(bare).not.toMatch(/\s(src|href|xlink:href)=/i);
    expect(html.length - bare.length).toBeGreaterThan(100_000); // the font, inlined
    for (const m of html.matchAll(/url\(([^)]*)\)/g)) expect(m[1].startsWith('data:font/woff2;base64,')).toBe(true);
    expect(html).toContain('Content-Security-Policy');
    expect(html).toMatch(/@page \{ size: A4; margin:/);
    expect(html).toContain('counter(page)');
    expect(html).toContain('break-before: page');
    expect((html.match(/<svg /g) ?? []).length).toBe(zh.plan.targets.length);
  });

  it('inlines only the font slices the text needs, covering every character', () => {
    const draft = buildBriefingHtml(zh, { fontCss: '' });
    const faces = fontFacesFor(draft);
    expect(faces.missing).toEqual([]);
    expect(faces.files.length).toBeGreaterThan(4);
    expect(faces.files.length).toBeLessThan(2 * 101); // a subset of the ~101 slices of each weight
    expect(faces.files.every((f) => /-(400|700)-normal\.woff2$/.test(f))).toBe(true);
    const latin = fontFacesFor('Hello 123');
    expect(latin.files).toEqual(['files/noto-sans-sc-latin-400-normal.woff2', 'files/noto-sans-sc-latin-700-normal.woff2']);
  });

  it('escapes what users type', () => {
    const evil = { ...zh, scenarios: zh.scenarios.map((s, i) => (i === 0 ? { ...s, name: '<img src=x onerror=alert(1)>' } : s)) };
    const out = buildBriefingHtml(evil, { fontCss: '' });
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('renderPdf (zh-CN)', () => {
  it('prints the title, 汇报材料, every section, a drafted sentence and the assumed marks', () => {
    const text = pdftotext(zhPdf);
    const flat = squash(text);
    expect(flat).toContain(squash(zh.plan.title_zh));
    expect(flat).toContain('汇报材料');
    expect(flat).toContain('本材料由规划情景工作室生成；标注“假设”的数值无公开来源');
    for (const h of [
      '总览：目标进展',
      '总体目标',
      '一、实施现代化产业体系建设行动',
      '二、实施创新驱动发展行动',
      '三、实施绿色低碳发展行动',
      '四、实施体制机制改革创新深化行动',
      '附录一情景假设',
      '附录二实际值及来源',
    ]) {
      expect(flat, h).toContain(h);
    }
    const t = zh.plan.targets.find((x) => x.id === 'fine_steel_output')!;
    const e = zh.scenarios[0].projection.targets.find((x) => x.id === t.id)!;
    const sentence = draftSentence(t, e, '基准情景', 'zh-CN', { p_meet: 0.18 });
    expect(sentence).toContain('金盛兰精品钢产值预计达到');
    expect(squash(pdftotext(zhPdf, undefined, undefined, true))).toContain(squash(sentence));
    expect(flat).toContain('假设');
    expect(flat).toContain('（含假设数据）');
    expect(flat).toContain('斜体灰字为假设值（无公开数据来源）');
    expect(flat).toMatch(/第1?\d页，共\d+页/);
  });

  it('embeds only the bundled Noto Sans SC, subset, so it prints the same anywhere', () => {
    const fonts = execFileSync('pdffonts', [zhPdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line).toMatch(/^[A-Z]{6}\+NotoSansSC/); // a subset of the bundled font, not a system font
      expect(line).toMatch(/\byes\s+yes\s+yes\b/); // embedded, subset, with a ToUnicode map
    }
  });

  it('renders every page with ink on it: the cover, the overview and the sections', () => {
    const info = execFileSync('pdfinfo', [zhPdf], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(zhPages);
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts/);
    const pages = pageImages(zhPdf, 'zh');
    expect(pages.length).toBe(zhPages);
    expect(zhPages).toBeGreaterThanOrEqual(10);
    for (const p of pages) {
      expect(p.width).toBeGreaterThan(150);
      expect(p.ink, p.file).toBeGreaterThan(0.004);
    }
    // a section page carries charts and text: more ink than the cover
    expect(Math.max(...pages.slice(3, 10).map((p) => p.ink))).toBeGreaterThan(pages[0].ink);
    // the cover names the scenarios; page 2 is the overview with the scoreboard
    expect(squash(pdftotext(zhPdf, 1, 1))).toContain('基准情景、乐观情景、保守情景');
    expect(squash(pdftotext(zhPdf, 2, 2))).toContain('总览：目标进展');
  });
});

describe('renderPdf (en)', () => {
  it('prints the English briefing with English drafts', () => {
    const flat = squash(pdftotext(enPdf));
    expect(flat).toContain(squash(en.plan.title_en));
    expect(flat).toContain('Briefingpack');
    expect(flat).toContain('shortofthetarget');
    expect(flat).toContain('(includesassumeddata)');
    expect(flat).toContain('Page2of');
    const pages = pageImages(enPdf, 'en');
    expect(pages.length).toBe(enPages);
    for (const p of pages) expect(p.ink, p.file).toBeGreaterThan(0.004);
  });
});

describe('writing files', () => {
  it('never leaves half a file: a failed render keeps the old file and no temporary file', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-atomic-'));
    try {
      const file = path.join(d, 'out.pdf');
      fs.writeFileSync(file, 'old');
      await expect(renderPdf('<p>x</p>', file, { chromiumPath: path.join(d, 'no-chromium') })).rejects.toThrow(/Chromium not found/);
      expect(fs.readFileSync(file, 'utf8')).toBe('old');
      const r = await renderPdf('<!DOCTYPE html><p>x</p><img src="http://127.0.0.1:9/x.png">', file, { browser });
      expect(r.pages).toBe(1);
      expect(r.blocked).toEqual(['http://127.0.0.1:9/x.png']); // the network stays closed
      expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
      expect(fs.readdirSync(d)).toEqual(['out.pdf']);
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('exportBriefing writes the workbook and the PDF', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-export-'));
    try {
      const r = await exportBriefing({
        input: zh,
        xlsx: path.join(d, '汇报材料.xlsx'),
        pdf: path.join(d, '汇报材料.pdf'),
        pdfOptions: { browser },
      });
      expect(r.xlsx!.bytes).toBe(fs.statSync(path.join(d, '汇报材料.xlsx')).size);
      expect(r.pdf!.pages).toBe(zhPages);
      expect(fs.readdirSync(d).sort()).toEqual(['汇报材料.pdf', '汇报材料.xlsx']);
      const back = await readActualsSheet(fs.readFileSync(path.join(d, '汇报材料.xlsx')));
      expect(back.ok).toBe(true);
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
});
