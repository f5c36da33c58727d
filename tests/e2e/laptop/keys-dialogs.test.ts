/**
 * In the web host the browser keeps Ctrl+1…5 and Ctrl+N for itself: Alt+Shift+1…6 switch the
 * screens and Alt+Shift+N opens a new scenario, and the key help (F1) lists them. Read-only
 * dialogs close with 关闭 (there is nothing to cancel); a dialog that edits keeps 取消.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, type Studio } from '../harness';

let s: Studio;
beforeAll(async () => {
  s = await startStudio({ viewport: { width: 1366, height: 768 } });
  await s.open();
});
afterAll(async () => {
  await s?.close();
});

const footer = (dialog: string) => s.page.$$eval(`${dialog} .dialog-foot button`, (els) => els.map((e) => (e.textContent ?? '').trim()));

describe('keys and dialogs in the web host', () => {
  it('Alt+Shift+1…6 switch the screens', async () => {
    const screens = ['scoreboard', 'workbench', 'scenarios', 'compare', 'data', 'settings'];
    for (const [i, screen] of [...screens.entries()].reverse()) {
      await s.page.keyboard.press(`Alt+Shift+Digit${i + 1}`);
      await s.page.waitForSelector(`[data-testid="nav-${screen}"][aria-current="page"]`);
    }
  });

  it('Alt+Shift+N opens a new scenario; that dialog edits, so it keeps 取消', async () => {
    await s.page.keyboard.press('Alt+Shift+KeyN');
    await s.page.waitForSelector('[data-testid="create-dialog"]');
    expect(await footer('[data-testid="create-dialog"]')).toContain('取消');
    await s.page.keyboard.press('Escape');
    await s.page.waitForSelector('[data-testid="create-dialog"]', { state: 'detached' });
  });

  it('the key help lists the alternatives and closes with 关闭, not 取消', async () => {
    await s.page.keyboard.press('F1');
    const dialog = '[role="dialog"]';
    await s.page.waitForSelector(dialog);
    const text = (await s.page.textContent(dialog)) ?? '';
    expect(text).toContain('Alt+Shift+1 … Alt+Shift+5');
    expect(text).toContain('Alt+Shift+N');
    expect(text).toContain('Alt+Shift+6');
    const buttons = await footer(dialog);
    expect(buttons).toEqual(['关闭']);
    await s.shoot('laptop-key-help');
    await s.page.click(`${dialog} [data-testid="dialog-dismiss"]`);
    await s.page.waitForSelector(dialog, { state: 'detached' });
    await s.assertClean();
  });
});
