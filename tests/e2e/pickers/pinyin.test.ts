/**
 * Pickers by pinyin (issue 16.6), in Chromium through the web host: the Data screen's series filter
 * and entry form, the workbench's target list and driver picker, the scoreboard's search and the
 * comparison's attribution target picker find
 * names by pinyin initials, full pinyin or a mix ("jgcz" finds 金盛兰精品钢产值, "szjj" 数字经济…),
 * best matches first; pinyin-pro is a chunk of its own, loaded from this machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, waitForChart, type Studio } from '../harness';

let s: Studio;
let scenarioId = '';
beforeAll(async () => {
  s = await startStudio();
  scenarioId = s.api.store.create({ name: '拼音测试', parent_id: 'baseline' }).id;
  await s.open();
});
afterAll(async () => {
  await s?.close();
});

const values = (list: string) => s.page.$$eval(`${list} [role="option"]`, (els) => els.map((e) => e.getAttribute('data-value') ?? ''));
const nameOf = (id: string) => s.api.plan.series.find((x) => x.id === id)?.name_zh ?? s.api.plan.targets.find((x) => x.id === id)!.name_zh;

const scripts = () => s.requests.filter((u) => /\/assets\/[^/]+\.js$/.test(u));

describe('pinyin in the pickers', () => {
  it('pinyin-pro is not loaded with the app, only once a search is typed', async () => {
    await s.page.waitForSelector('[data-testid="score-row"]');
    await s.page.waitForTimeout(500);
    const before = scripts();
    await s.page.fill('[data-testid="scoreboard-search"]', 'szjj');
    await expect
      .poll(() => s.page.$$eval('[data-testid="score-row"]', (els) => els.map((e) => e.getAttribute('data-target'))), { timeout: 10_000 })
      .toEqual(['digital_economy_share_gdp']);
    const loaded = scripts().filter((u) => !before.includes(u));
    expect(loaded.length).toBe(1);
    await s.page.fill('[data-testid="scoreboard-search"]', '');
  });

  it("the Data screen's series filter: jgcz finds 金盛兰精品钢产值, szjj 数字经济增加值 first", async () => {
    await s.go('data');
    await s.page.waitForSelector('[data-testid="actuals-table"]');
    await s.page.click('[data-testid="data-filter-series-input"]');
    await s.page.keyboard.type('jgcz');
    await expect.poll(() => values('[data-testid="data-filter-series-list"]'), { timeout: 10_000 }).toContain('fine_steel_output');
    expect((await values('[data-testid="data-filter-series-list"]'))[0]).toBe('fine_steel_output');
    await s.page.fill('[data-testid="data-filter-series-input"]', 'szjj');
    const hits = await values('[data-testid="data-filter-series-list"]');
    expect(hits[0]).toBe('digital_economy_va');
    await s.shoot('picker-pinyin-data-filter');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[data-testid="data-filter-series"][data-value="digital_economy_va"]');
    const rows = await s.page.$$eval('[data-testid="actual-row"]', (els) => [...new Set(els.map((e) => e.getAttribute('data-series')))]);
    expect(rows.every((r) => r === 'digital_economy_va')).toBe(true);
    await s.page.fill('[data-testid="data-filter-series-input"]', '全部');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[data-testid="data-filter-series"][data-value=""]');
  });

  it("the entry form's series picker: full pinyin and mixed syllables, Enter chooses", async () => {
    await s.page.click('[data-testid="data-add"]');
    await s.page.waitForSelector('[data-testid="actual-form"]');
    await s.page.keyboard.type('gaoxinjsqy');
    await s.page.waitForSelector('[data-testid="af-series-list"] [role="option"]');
    expect((await values('[data-testid="af-series-list"]'))[0]).toBe('high_tech_enterprises');
    await s.shoot('picker-pinyin-data-form');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[data-testid="af-series"][data-value="high_tech_enterprises"]');
    expect(await s.page.inputValue('[data-testid="af-series-input"]')).toContain('高新技术企业');
    await s.page.keyboard.press('Escape');
    await s.page.waitForSelector('[data-testid="actual-form"]', { state: 'detached' });
  });

  it("the workbench's target list and driver picker", async () => {
    await s.page.selectOption('[data-testid="scenario-select"]', scenarioId);
    await s.go('workbench');
    await s.page.fill('[data-testid="wb-search"]', 'szjj');
    await expect
      .poll(() => s.page.$$eval('[data-testid="wb-item"]', (els) => els.map((e) => e.getAttribute('data-target'))))
      .toEqual(['digital_economy_share_gdp']);
    await s.page.fill('[data-testid="wb-search"]', 'fzfz');
    const textile = await s.page.$$eval('[data-testid="wb-item"]', (els) => els.map((e) => e.getAttribute('data-target')));
    expect(textile[0]).toBe('textile_output');
    expect(nameOf(textile[0]!)).toBe('纺织服装产值');
    await s.page.click('[data-testid="wb-item"][data-target="textile_output"]');
    await waitForChart(s.page);
    const picker = '[data-testid="asm-textile_output-driver"]';
    await s.page.click(`${picker} input`);
    await s.page.keyboard.type('dqsczzkbj');
    await s.page.waitForSelector(`${picker} [role="option"]`);
    expect(await values(picker)).toEqual(['gdp_real']);
    await s.shoot('picker-pinyin-workbench-driver');
    await s.page.keyboard.press('Escape');
    expect(await s.page.getAttribute(picker, 'data-value')).toBe('gdp_nominal');
  });

  it("the scoreboard's search: initials of the target's name", async () => {
    await s.go('scoreboard');
    await s.page.fill('[data-testid="scoreboard-search"]', 'jsl cn');
    await expect
      .poll(() => s.page.$$eval('[data-testid="score-row"]', (els) => els.map((e) => e.getAttribute('data-target'))))
      .toEqual(['fine_steel_capacity_share']);
    await s.shoot('picker-pinyin-scoreboard');
    await s.page.fill('[data-testid="scoreboard-search"]', '');
  });

  it("the comparison's attribution target picker", async () => {
    await s.go('compare');
    // 基准情景 against 乐观情景 (the test scenario is the baseline's unchanged child)
    await s.page.waitForSelector('[data-testid="compare-pill"]');
    const pill = (name: string) => s.page.locator(`[data-testid="compare-pill"][data-name="${name}"]`);
    const toggle = async (name: string, on: boolean) => {
      if (((await pill(name).getAttribute('aria-pressed')) === 'true') !== on) await pill(name).click();
      await s.page.waitForSelector(`[data-testid="compare-pill"][data-name="${name}"][aria-pressed="${on}"]`);
    };
    await toggle('乐观情景', true);
    await toggle('基准情景', true);
    await toggle('拼音测试', false);
    await s.page.waitForSelector('[data-testid="waterfall"]', { timeout: 60_000 });
    await s.page.locator('[data-testid="attribution"]').scrollIntoViewIfNeeded();
    await s.page.click('[data-testid="attribution-target-input"]');
    await s.page.keyboard.type('zzyzj');
    await s.page.waitForSelector('[data-testid="attribution-target-list"] [role="option"]');
    expect((await values('[data-testid="attribution-target-list"]'))[0]).toBe('mfg_va_share_gdp');
    await s.page.keyboard.press('Enter');
    await s.page.waitForFunction(
      () => document.querySelector('[data-testid="waterfall"]')?.getAttribute('data-target') === 'mfg_va_share_gdp',
    );
    await s.shoot('picker-pinyin-attribution');
  });

  it('pinyin-pro came from this machine as its own chunk; nothing else was asked for', async () => {
    expect(s.requests.filter((u) => /\/assets\/.*\.js$/.test(u)).length).toBeGreaterThan(1);
    await s.assertClean();
  });
});
