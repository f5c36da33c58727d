/** Settings: switch to English (labels change, remembered after a reload), back to Chinese; backups. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle, startStudio, type Studio } from '../harness';

let s: Studio;
beforeAll(async () => {
  s = await startStudio();
  await s.open();
});
afterAll(async () => {
  await s?.close();
});

describe('settings', () => {
  it('shows the data folder and takes a backup now', async () => {
    await s.go('settings');
    expect(await s.page.textContent('[data-testid="data-folder"]')).toBe(s.dir);
    await s.page.click('[data-testid="backup-now"]');
    await s.page.waitForSelector('[data-testid="backups"] tbody tr');
    expect(s.api.store.listBackups().length).toBeGreaterThan(0);
    await s.shoot('settings');
  });

  it('restores a backup after asking, keeping the current file', async () => {
    const before = s.api.store.listBackups().length;
    s.api.store.create({ name: '备份之后新建' });
    await s.page.reload();
    await s.page.waitForSelector('[data-testid="nav-scoreboard"]');
    await settle(s.page);
    await s.go('settings');
    await s.page.waitForSelector('[data-testid="restore-backup"]');
    expect(s.api.store.listBackups().length).toBe(before);
    await s.page.click('[data-testid="restore-backup"]');
    await s.page.waitForSelector('[data-testid="restore-dialog"]');
    await s.shoot('settings-restore');
    await s.page.click('[data-testid="restore-dialog"] .dialog-foot button[type="submit"]');
    await s.page.waitForSelector('[data-testid="nav-scoreboard"]');
    await settle(s.page);
    expect(s.api.store.list({ state: 'live' }).map((x) => x.name)).not.toContain('备份之后新建');
    await s.go('settings');
  });

  it('refuses a tolerance outside 0–50% naming the field', async () => {
    await s.page.fill('[data-testid="st-tolerance"]', '80');
    await s.page.click('[data-testid="st-save"]');
    expect(await s.page.textContent('.inline-error')).toContain('状态容差：不能大于 50%');
    await s.page.fill('[data-testid="st-tolerance"]', '4');
    await s.page.fill('[data-testid="st-user"]', '规划科 王工');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[data-testid="toast"]:has-text("设置已保存")');
    expect(s.api.handlers['settings:get']({}, { host: 'web' })).toMatchObject({ tolerance: 0.04, user_name: '规划科 王工' });
  });

  it('sets the schedule yardstick of levels to compound and back, stored in the settings', async () => {
    const yardstick = () => (s.api.handlers['settings:get']({}, { host: 'web' }) as { yardstick: string }).yardstick;
    expect(await s.page.inputValue('[data-testid="st-yardstick"]')).toBe('linear');
    await s.page.selectOption('[data-testid="st-yardstick"]', 'compound');
    await s.page.click('[data-testid="st-save"]');
    await expect.poll(yardstick).toBe('compound');
    expect(s.api.handlers['settings:get']({}, { host: 'web' })).toMatchObject({ tolerance: 0.04, user_name: '规划科 王工' });
    // the save is over once the form has taken the stored settings back and the button is enabled again
    await s.page.waitForFunction(() => !(document.querySelector('[data-testid="st-save"]') as HTMLButtonElement).disabled);
    expect(await s.page.inputValue('[data-testid="st-yardstick"]')).toBe('compound');
    await s.page.selectOption('[data-testid="st-yardstick"]', 'linear');
    await s.page.click('[data-testid="st-save"]');
    await expect.poll(yardstick).toBe('linear');
  });

  it('switches to English: labels change and the choice is remembered', async () => {
    await s.page.click('[data-testid="lang-en"]');
    await s.page.waitForFunction(() => document.documentElement.lang === 'en');
    // the other settings are kept when the language changes
    expect(await s.page.inputValue('[data-testid="st-tolerance"]')).toBe('4');
    expect(await s.page.inputValue('[data-testid="st-user"]')).toBe('规划科 王工');
    expect(await s.page.textContent('[data-testid="nav-scoreboard"]')).toContain('Scoreboard');
    expect(await s.page.textContent('h1')).toBe('Settings');
    await s.shoot('settings-en');
    await s.page.reload();
    await s.page.waitForSelector('[data-testid="nav-scoreboard"]');
    expect(await s.page.textContent('[data-testid="nav-scoreboard"]')).toContain('Scoreboard');
    await s.go('scoreboard');
    await s.page.waitForSelector('[data-testid="score-row"]');
    expect(await s.page.textContent('[data-testid="rollup-sentence"]')).toMatch(
      /^\d+ of 62 indicators on or ahead of time-proportional progress/,
    );
    const table = await s.page.textContent('[data-testid="score-table"]');
    expect(table).toContain('Strategic emerging industries, share of GDP');
    expect(table).not.toMatch(/滞后|提前实现|基本符合预期/);
    await s.shoot('scoreboard-en');
    await s.go('workbench');
    await s.page.waitForSelector('[data-testid="trajectory-chart"] .main-svg');
    await settle(s.page);
    await s.shoot('workbench-en');
  });

  it('switches back to Chinese', async () => {
    await s.go('settings');
    await s.page.click('[data-testid="lang-zh-CN"]');
    await s.page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect(await s.page.textContent('[data-testid="nav-settings"]')).toContain('设置');
    expect(await s.page.textContent('h1')).toBe('设置');
    await s.assertClean();
  });
});
