/**
 * The PDF's method appendix (附录三 测算与判断方法) carries the methodology of models/methodology.ts
 * (issue 15 item 7): every section's heading, paragraphs and worked examples, in the pack's
 * language, read back from the rendered PDF with pdftotext, the same text as the app's help view.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { briefingHtmlWithFont } from '../../../scenarios/briefing/pack';
import { launchChromium, renderPdf } from '../../../scenarios/briefing/pdf';
import { buildBriefingHtml } from '../../../scenarios/briefing/print-html';
import { methodologySections, methodText } from '../../../models/methodology';
import { outDir, pdftotext, presetInput, squash } from './fixtures';

let browser: Browser;
const dir = outDir();
const files = { 'zh-CN': path.join(dir, 'methodology-zh.pdf'), en: path.join(dir, 'methodology-en.pdf') } as const;
const text: Record<string, string> = {};

beforeAll(async () => {
  browser = await launchChromium();
  for (const lang of ['zh-CN', 'en'] as const) {
    const r = await renderPdf(briefingHtmlWithFont(presetInput(lang)), files[lang], { browser });
    expect(r.blocked).toEqual([]);
    text[lang] = squash(pdftotext(files[lang]));
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('the method appendix', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`holds every methodology section, paragraph and worked example (${lang})`, () => {
      const t = text[lang];
      const appendix = t.slice(t.lastIndexOf(squash(lang === 'en' ? 'Appendix 3. Method' : '附录三\u3000测算与判断方法')));
      expect(appendix.length).toBeGreaterThan(0);
      for (const s of methodologySections()) {
        expect(appendix).toContain(squash(methodText(s.heading, lang)));
        for (const p of s.paragraphs) expect(appendix).toContain(squash(methodText(p, lang)));
        for (const e of s.examples) expect(appendix).toContain(squash(methodText(e, lang)));
      }
    });
  }

  it('is escaped text in the HTML, one section per rule', () => {
    const html = buildBriefingHtml(presetInput('zh-CN'), { fontCss: '' });
    const appendix = html.slice(html.indexOf('id="appendix-method"'));
    for (const s of methodologySections()) expect(appendix).toContain(`<div class="method-rule" id="method-${s.id}"><h3>`);
    expect(appendix).toContain('“1—2家”');
  });
});
