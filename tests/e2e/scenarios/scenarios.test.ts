/**
 * Scenario manager: make a child, rename, freeze (read-only everywhere), delete to the trash and
 * restore, empty the trash (asks first), undo / redo with Ctrl+Z / Ctrl+Y, export and import.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle, startStudio, type Studio } from '../harness';

let s: Studio;
const item = (name: string) => `[data-testid="tree-item"][data-name="${name}"]`;

beforeAll(async () => {
  s = await startStudio();
  await s.open();
  await s.go('scenarios');
});
afterAll(async () => {
  await s?.close();
});

async function create(name: string, child: boolean) {
  await s.page.click(child ? '[data-testid="sm-child"]' : '[data-testid="sm-create"]');
  await s.page.fill('[data-testid="cd-name"]', name);
  await s.page.keyboard.press('Enter');
  await s.page.waitForSelector(item(name));
  await s.page.waitForSelector(`${item(name)}.active`);
}

describe('scenario manager', () => {
  it('makes a child of the selected scenario, shown under it in the tree', async () => {
    await s.page.click(item('基准情景'));
    await create('钢铁扩能', true);
    expect(await s.page.getAttribute(`li:has(${item('钢铁扩能')})`, 'aria-level')).toBe('2');
    expect(s.api.store.list({}).find((x) => x.name === '钢铁扩能')?.parent_id).toBe('baseline');
    await s.shoot('scenarios');
  });

  it('renames and describes it (Enter submits)', async () => {
    await s.page.fill('[data-testid="sd-name"]', '钢铁扩能（修订）');
    await s.page.fill('[data-testid="sd-tags"]', '报市政府，2025年中');
    await s.page.press('[data-testid="sd-name"]', 'Enter');
    await s.page.waitForSelector(item('钢铁扩能（修订）'));
    const meta = s.api.store.list({}).find((x) => x.name === '钢铁扩能（修订）');
    expect(meta?.tags).toEqual(['报市政府', '2025年中']);
  });

  it('undoes and redoes with Ctrl+Z / Ctrl+Y', async () => {
    await s.page.click(item('钢铁扩能（修订）'));
    await s.page.keyboard.press('Control+z');
    await s.page.waitForSelector(item('钢铁扩能'));
    await s.page.keyboard.press('Control+y');
    await s.page.waitForSelector(item('钢铁扩能（修订）'));
    await s.page.click('[data-testid="sm-undo"]');
    await s.page.waitForSelector(item('钢铁扩能'));
    await s.page.click('[data-testid="sm-redo"]');
    await s.page.waitForSelector(item('钢铁扩能（修订）'));
    expect(await s.page.locator('[data-testid="history"] li').count()).toBeGreaterThanOrEqual(2);
  });

  it('freezes it with a label: locked and read-only everywhere', async () => {
    await s.page.click('[data-testid="sm-freeze"]');
    expect(await s.page.inputValue('[data-testid="nd-value"]')).toBe('报市政府版');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector(`${item('钢铁扩能（修订）')}[data-frozen="true"]`);
    expect(await s.page.textContent(item('钢铁扩能（修订）'))).toContain('报市政府版');
    expect(await s.page.textContent('[data-testid="frozen-badge"]')).toContain('报市政府版');
    expect(await s.page.isDisabled('[data-testid="sd-name"]')).toBe(true);
    await s.shoot('scenarios-frozen');
    await s.go('workbench');
    await s.page.waitForSelector('[data-testid^="asm-"][data-testid$="-model"]');
    const models = s.page.locator('[data-testid^="asm-"][data-testid$="-model"]');
    for (let i = 0; i < (await models.count()); i++) expect(await models.nth(i).isDisabled()).toBe(true);
    expect(await s.page.getAttribute('[data-testid="save-state"]', 'data-state')).toBe('readonly');
    await s.go('scenarios');
  });

  it('deletes to the trash and restores', async () => {
    await s.page.click(item('基准情景'));
    await create('待删除情景', false);
    await s.page.click('[data-testid="sm-delete"]');
    await s.page.waitForSelector(item('待删除情景'), { state: 'detached' });
    await s.page.click('[data-testid="tab-trash"]');
    await s.page.waitForSelector('[data-testid="trash-row"][data-name="待删除情景"]');
    await s.shoot('scenarios-trash');
    await s.page.click('[data-testid="trash-row"][data-name="待删除情景"] [data-testid="trash-restore"]');
    await s.page.waitForSelector('[data-testid="trash-row"][data-name="待删除情景"]', { state: 'detached' });
    await s.page.click('[data-testid="tab-tree"]');
    await s.page.waitForSelector(item('待删除情景'));
  });

  it('empties the trash only after confirming; Esc cancels', async () => {
    await s.page.click(item('待删除情景'));
    await s.page.click('[data-testid="sm-delete"]');
    await s.page.waitForSelector(item('待删除情景'), { state: 'detached' });
    await s.page.click('[data-testid="tab-trash"]');
    await s.page.click('[data-testid="empty-trash"]');
    await s.page.waitForSelector('[data-testid="empty-trash-dialog"]');
    await s.page.keyboard.press('Escape');
    await s.page.waitForSelector('[data-testid="empty-trash-dialog"]', { state: 'detached' });
    expect(s.api.store.list({ state: 'trash' }).length).toBe(1);
    await s.page.click('[data-testid="empty-trash"]');
    await s.page.click('[data-testid="empty-trash-dialog"] button[type="submit"]');
    await s.page.waitForSelector('text=回收站是空的');
    expect(s.api.store.list({ state: 'trash' }).length).toBe(0);
    await s.page.click('[data-testid="tab-tree"]');
    await s.assertClean();
  });

  it('exports a scenario as a download and imports it back under a new name', async () => {
    await s.page.click(item('钢铁扩能（修订）'));
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.click('[data-testid="sm-export"]')]);
    expect(download.suggestedFilename()).toMatch(/\.xnps\.json$/);
    const file = path.join(s.dir, download.suggestedFilename());
    await download.saveAs(file);
    const content = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(content.format).toBe('xianning-plan-studio/scenario');
    await s.page.setInputFiles('[data-testid="sm-import-file"]', file);
    await s.page.waitForSelector('[data-testid="toast"]:has-text("已导入，因重名另存为")');
    await settle(s.page);
    expect(s.api.store.list({}).filter((x) => x.name.startsWith('钢铁扩能（修订）')).length).toBe(2);
    await s.shoot('scenarios-imported');
    await s.assertClean();
  });
});
