/**
 * Presets are protected (issue 16 item 5): the first edit of 基准情景 asks first; 另存为新情景
 * makes a child with the change and switches to it, and the baseline stays as it was; 取消
 * drops the edit; 仍然修改预设 changes the preset. The history names series, field, old → new.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dragSlider, settle, startStudio, waitForChart, type Studio } from '../harness';

let s: Studio;
const slider = '[data-testid="asm-fine_steel_output-underlying_rate-slider"]';
const input = '[data-testid="asm-fine_steel_output-underlying_rate-input"]';
const own = (id: string) => s.api.store.get(id).assumptions.find((a) => a.series === 'fine_steel_output');

async function openTarget() {
  await s.go('workbench');
  await s.page.fill('[data-testid="wb-search"]', '金盛兰精品钢');
  await s.page.click('[data-testid="wb-item"][data-target="fine_steel_output"]');
  await waitForChart(s.page);
}

beforeAll(async () => {
  s = await startStudio();
  await s.open();
  await openTarget();
});
afterAll(async () => {
  await s?.close();
});

describe('editing a preset asks first', () => {
  it('the current scenario is 基准情景 and a drag asks before anything is saved', async () => {
    expect(await s.page.inputValue('[data-testid="scenario-select"]')).toBe('baseline');
    const rev0 = s.api.store.get('baseline').head_rev;
    await dragSlider(s.page, slider, 7);
    await s.page.waitForSelector('[data-testid="preset-guard"]');
    const text = await s.page.textContent('[data-testid="preset-guard"]');
    expect(text).toContain('基准情景');
    expect(text).toContain('另存为新情景');
    expect(text).toContain('仍然修改预设');
    expect(text).toContain('取消');
    await s.shoot('preset-guard');
    // nothing is saved while the dialog asks, even after the autosave's debounce
    await s.page.waitForTimeout(900);
    expect(s.api.store.get('baseline').head_rev).toBe(rev0);
  });

  it('取消 drops the edit and leaves the baseline as it was', async () => {
    const rev0 = s.api.store.get('baseline').head_rev;
    await s.page.click('[data-testid="preset-guard"] .dialog-foot button:has-text("取消")');
    await s.page.waitForSelector('[data-testid="preset-guard"]', { state: 'detached' });
    await s.page.waitForTimeout(900);
    expect(s.api.store.get('baseline').head_rev).toBe(rev0);
    expect(own('baseline')).toBeUndefined();
  });

  it('另存为新情景 makes a child with the change, switches to it and leaves the baseline unchanged', async () => {
    const before = JSON.stringify(s.api.store.get('baseline').assumptions);
    const rev0 = s.api.store.get('baseline').head_rev;
    await dragSlider(s.page, slider, 7);
    await s.page.waitForSelector('[data-testid="preset-guard"]');
    await s.page.fill('[data-testid="preset-guard-name"]', '基准·钢铁调整');
    await s.page.click('[data-testid="preset-guard"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="preset-guard"]', { state: 'detached' });
    const child = s.api.store.list({}).find((x) => x.name === '基准·钢铁调整');
    expect(child?.parent_id).toBe('baseline');
    expect(own(child!.id)?.model).toMatchObject({ underlying_rate: 0.07 });
    await s.page.waitForFunction(
      (id) => (document.querySelector('[data-testid="scenario-select"]') as HTMLSelectElement | null)?.value === id,
      child!.id,
    );
    await s.page.waitForTimeout(900);
    expect(s.api.store.get('baseline').head_rev).toBe(rev0);
    expect(JSON.stringify(s.api.store.get('baseline').assumptions)).toBe(before);
    expect(await s.page.inputValue(input)).toBe('7');
    await settle(s.page);
    await s.shoot('preset-guard-child');
  });

  it('the child is no preset: a further drag saves at once, and its history says old → new', async () => {
    const child = s.api.store.list({}).find((x) => x.name === '基准·钢铁调整')!;
    await dragSlider(s.page, slider, 8);
    expect(await s.page.locator('[data-testid="preset-guard"]').count()).toBe(0);
    await expect.poll(() => (own(child.id)?.model as { underlying_rate?: number }).underlying_rate, { timeout: 5000 }).toBe(0.08);
    await s.go('scenarios');
    await s.page.click(`[data-testid="tree-item"][data-name="基准·钢铁调整"]`);
    await s.page.waitForSelector('[data-testid="history-changes"]');
    const lines = await s.page.locator('[data-testid="history-changes"]').allTextContents();
    expect(lines.join('\n')).toMatch(/精品钢[^\n]*基础年增速：7\.0% → 8\.0%/);
    await s.shoot('preset-guard-history');
  });

  it('仍然修改预设 with "don\'t ask again" changes the preset and asks no more this session', async () => {
    await s.page.selectOption('[data-testid="scenario-select"]', 'baseline');
    await openTarget();
    await dragSlider(s.page, slider, 6);
    await s.page.waitForSelector('[data-testid="preset-guard"]');
    await s.page.check('[data-testid="preset-guard-dont-ask"]');
    await s.page.click('[data-testid="preset-guard-edit"]');
    await s.page.waitForSelector('[data-testid="preset-guard"]', { state: 'detached' });
    await expect
      .poll(() => (own('baseline')?.model as { underlying_rate?: number } | undefined)?.underlying_rate, { timeout: 5000 })
      .toBe(0.06);
    await s.page.selectOption('[data-testid="scenario-select"]', 'stretch');
    await openTarget();
    await dragSlider(s.page, slider, 9);
    await s.page.waitForTimeout(300);
    expect(await s.page.locator('[data-testid="preset-guard"]').count()).toBe(0);
    await s.assertClean();
  });
});
