/**
 * 方法说明 / Methodology in the app's help (issue 15 item 7): reachable from the F1 key help and
 * with Shift+F1 (the menu's help.method), in both languages, showing every section of
 * models/methodology.ts with its computed worked examples, as text (no markup rendered).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodologySections } from '../../../models/methodology';
import { settle, startStudio, type Studio } from '../harness';

let s: Studio;
beforeAll(async () => {
  s = await startStudio({ viewport: { width: 1366, height: 768 } });
  await s.open();
});
afterAll(async () => {
  await s?.close();
});

const view = '[data-testid="methodology"]';

async function viewText(): Promise<string> {
  await s.page.waitForSelector(view);
  return (await s.page.textContent(view)) ?? '';
}

describe('the methodology help view', () => {
  it('opens from the F1 key help, in Chinese, with every section and example', async () => {
    await s.page.keyboard.press('F1');
    await s.page.waitForSelector('[data-testid="open-methodology"]');
    await s.page.click('[data-testid="open-methodology"]');
    const text = await viewText();
    for (const sec of methodologySections()) {
      expect(text).toContain(sec.heading.zh);
      for (const p of sec.paragraphs) expect(text).toContain(p.zh);
      for (const e of sec.examples) expect(text).toContain(e.zh);
    }
    expect(await s.page.textContent('[data-testid="methodology-dialog"] h2, [data-testid="methodology-dialog"] .dialog-head')).toContain(
      '方法说明',
    );
    // the text is data: no element inside a paragraph or an example
    expect(await s.page.$$eval(`${view} p *, ${view} li[data-example] *`, (els) => els.length)).toBe(0);
    await settle(s.page);
    await s.shoot('help-methodology-zh');
    // the table of contents jumps to a section inside the dialog
    await s.page.click(`${view} button[data-section="provenance"]`);
    await s.page.waitForFunction(() => {
      const box = document.querySelector('[data-testid="methodology"]');
      return !!box && box.scrollTop > 0;
    });
    await s.shoot('help-methodology-zh-provenance');
    await s.page.keyboard.press('Escape');
    await s.page.waitForSelector(view, { state: 'detached' });
  });

  it('opens with Shift+F1 in English', async () => {
    await s.go('settings');
    await s.page.click('[data-testid="lang-en"]');
    await s.page.waitForFunction(() => document.documentElement.lang === 'en');
    await s.page.keyboard.press('Shift+F1');
    const text = await viewText();
    for (const sec of methodologySections()) {
      expect(text).toContain(sec.heading.en);
      for (const e of sec.examples) expect(text).toContain(e.en);
    }
    await settle(s.page);
    await s.shoot('help-methodology-en');
    await s.page.keyboard.press('Escape');
    await s.page.waitForSelector(view, { state: 'detached' });
    await s.page.click('[data-testid="lang-zh-CN"]');
    await s.page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await s.assertClean();
  });
});
