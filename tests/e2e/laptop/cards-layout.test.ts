/**
 * KPI and summary cards never cut their text short (issue 16.7), at 1366×768 (the laptops of the
 * planning offices) and 1920×1080, for the three presets of the real plan and for the final-year
 * verdicts (最近完整统计年度 2026): the scoreboard's roll-up and probability panel, the workbench's KPI
 * cards on every target (incl. 达标概率 after a run), the comparison of the three presets, the
 * 1-N月累计 nowcast cards and a collection round's summary. A text is cut short when its box scrolls
 * (scrollWidth > clientWidth under overflow hidden or an ellipsis) or it runs past its card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerContext } from '../../../contract/channels';
import { settle, startStudio, VIEWPORTS, waitForChart, type Studio } from '../harness';

let s: Studio;
const ctx = { host: 'web' } as HandlerContext;
const PRESETS = ['baseline', 'stretch', 'cautious'] as const;
const SHARE: Record<number, number> = { 3: 0.22, 6: 0.48, 9: 0.72, 12: 1 };

beforeAll(async () => {
  s = await startStudio({ viewport: VIEWPORTS[0] });
  // year-to-date figures, so that the 1-N月累计 tab shows its nowcast cards
  const ytd = [];
  for (const [year, total] of [
    [2024, 400],
    [2025, 500],
  ] as const)
    for (const m of [3, 6, 9, 12]) ytd.push({ year, m, value: Math.round(total * SHARE[m]! * 10) / 10 });
  for (const m of [3, 6, 9]) ytd.push({ year: 2026, m, value: Math.round(600 * SHARE[m]! * 10) / 10 });
  s.api.store.addActuals(
    ytd.map((x) => ({
      series: 'fine_steel_output',
      period: `${x.year}-${String(x.m).padStart(2, '0')}`,
      value: x.value,
      source: { title: '市统计局月报', url: null, date: `${x.year}-${String(x.m).padStart(2, '0')}-20`, reliability: 'official' as const },
    })),
    { author: '规划科' },
  );
  await s.api.handlers['collect:createRound'](
    { name: '2026年11月数据征集（1-10月累计及全年预计）', return_date: '2026-11-20', ytd_month: 10 },
    ctx,
  );
  await s.open();
});
afterAll(async () => {
  await s?.close();
});

/** Texts cut short inside the cards that match `selector`. */
async function clipped(selector: string): Promise<string[]> {
  return s.page.evaluate((sel) => {
    const out: string[] = [];
    for (const card of document.querySelectorAll(sel)) {
      const cardBox = card.getBoundingClientRect();
      for (const el of [card, ...card.querySelectorAll('*')]) {
        const h = el as HTMLElement;
        if (h.offsetParent === null && getComputedStyle(h).position !== 'fixed') continue; // not shown
        const own = [...h.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
        if (!own) continue;
        const cs = getComputedStyle(h);
        const text = (h.textContent ?? '').trim().slice(0, 80);
        if (h.scrollWidth > h.clientWidth + 1 && (cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis'))
          out.push(`cut short: "${text}" (${h.scrollWidth} > ${h.clientWidth})`);
        const box = h.getBoundingClientRect();
        if (box.width > 0 && (box.right > cardBox.right + 0.5 || box.left < cardBox.left - 0.5)) out.push(`past its card: "${text}"`);
      }
    }
    return out;
  }, selector);
}

async function atBothSizes(what: string, selector: string, shot?: string): Promise<string[]> {
  const out: string[] = [];
  for (const vp of VIEWPORTS) {
    await s.page.setViewportSize(vp);
    await settle(s.page);
    expect(await s.page.locator(selector).count(), `${what}: ${selector}`).toBeGreaterThan(0);
    for (const p of await clipped(selector)) out.push(`${what} ${vp.width}×${vp.height}: ${p}`);
    if (shot) await s.page.screenshot({ path: `${process.cwd()}/test-output/screenshots/${shot}-${vp.width}x${vp.height}.png` });
  }
  await s.page.setViewportSize(VIEWPORTS[0]);
  return out;
}

async function useScenario(id: string) {
  await s.page.selectOption('[data-testid="scenario-select"]', id);
  await s.page.waitForFunction((v) => (document.querySelector('[data-testid="scenario-select"]') as HTMLSelectElement).value === v, id);
}

/** The workbench's KPI cards on every target, at 1366×768; at 1920×1080 too for `wide` targets. */
async function workbenchKpis(label: string, wide: ReadonlySet<string>): Promise<string[]> {
  await s.go('workbench');
  await s.page.fill('[data-testid="wb-search"]', '');
  const ids = await s.page.$$eval('[data-testid="wb-item"]', (els) => els.map((e) => e.getAttribute('data-target') ?? ''));
  expect(ids.length).toBe(s.api.plan.targets.length);
  const out: string[] = [];
  for (const id of ids) {
    await s.page.click(`[data-testid="wb-item"][data-target="${id}"]`);
    await s.page.waitForSelector(`[data-testid="wb-item"][data-target="${id}"].active`);
    await s.page.waitForSelector('[data-testid="wb-projected"]');
    if (wide.has(id)) out.push(...(await atBothSizes(`${label} workbench ${id}`, '.kpis .kpi')));
    else {
      await settle(s.page);
      for (const p of await clipped('.kpis .kpi')) out.push(`${label} workbench ${id}: ${p}`);
    }
  }
  return out;
}

const LONG = new Set([
  'key_digital_platforms',
  'high_tech_enterprises',
  'digital_economy_share_gdp',
  'energy_intensity_reduction',
  'industrial_energy_intensity_reduction',
  'industrial_water_intensity_reduction',
  'co2_intensity_reduction',
  'rd_institution_coverage',
]);

describe('cards at 1366×768 and 1920×1080', () => {
  it('the scoreboard: roll-up, its sentence and the probability panel, for each preset', async () => {
    const all: string[] = [];
    for (const id of PRESETS) {
      await useScenario(id);
      await s.go('scoreboard');
      await s.page.waitForSelector('[data-testid="score-row"]');
      all.push(
        ...(await atBothSizes(
          `${id} scoreboard`,
          '.rollup, [data-testid="rollup-sentence"], [data-testid="sim-panel"]',
          `cards-scoreboard-${id}`,
        )),
      );
    }
    await s.page.selectOption('[data-testid="sim-draws"]', '1000');
    await s.page.click('[data-testid="sim-run"]');
    await s.page.waitForFunction(
      () => document.querySelector('[data-testid="joint-probability"]')?.getAttribute('data-value') !== '',
      undefined,
      {
        timeout: 60_000,
      },
    );
    all.push(...(await atBothSizes('after a run scoreboard', '[data-testid="sim-panel"], .prob-cell', 'cards-scoreboard-run')));
    expect(all).toEqual([]);
  }, 180_000);

  it('the workbench: every KPI card of every target, for each preset', async () => {
    const all: string[] = [];
    for (const id of PRESETS) {
      await useScenario(id);
      all.push(...(await workbenchKpis(id, id === 'baseline' ? LONG : new Set())));
    }
    // 达标概率 after a run, on the targets with the longest figures
    await useScenario('baseline');
    for (const id of ['key_digital_platforms', 'digital_economy_share_gdp']) {
      await s.page.fill('[data-testid="wb-search"]', id);
      await s.page.click(`[data-testid="wb-item"][data-target="${id}"]`);
      await waitForChart(s.page);
      // the scoreboard's run above may have computed it already
      if ((await s.page.locator('[data-testid="wb-probability-run"]').count()) > 0)
        await s.page.click('[data-testid="wb-probability-run"]');
      await s.page.waitForFunction(
        () => !document.querySelector('[data-testid="wb-probability-run"]') && !document.querySelector('.kpi-prob .kpi-running'),
        undefined,
        { timeout: 120_000 },
      );
      all.push(...(await atBothSizes(`probability workbench ${id}`, '.kpis .kpi', `cards-workbench-${id}`)));
    }
    expect(all).toEqual([]);
  }, 600_000);

  it('the comparison of the three presets', async () => {
    await s.go('compare');
    await s.page.waitForSelector('[data-testid="compare-table"]');
    const pills = s.page.locator('[data-testid="compare-pill"]:not(.on)');
    while ((await pills.count()) > 0) await pills.first().click();
    await s.page.waitForFunction(() => document.querySelectorAll('[data-testid="compare-table"] thead th').length >= 5);
    const all: string[] = [];
    for (const k of ['changed', 'headline', 'all']) {
      const tab = s.page.locator(`[data-testid="compare-only-${k}"]`);
      if ((await tab.count()) === 0) continue;
      await tab.click();
      await settle(s.page);
      all.push(
        ...(await atBothSizes(
          `compare ${k}`,
          '[data-testid="compare-table"] td, [data-testid="multiple"], [data-testid="diff"]',
          `cards-compare-${k}`,
        )),
      );
    }
    expect(all).toEqual([]);
  }, 180_000);

  it('the 1-N月累计 nowcast cards and a collection round', async () => {
    await s.go('data');
    await s.page.click('[data-testid="data-tab-ytd"]');
    await s.page.waitForSelector('[data-testid="nowcast-card"]');
    const all = await atBothSizes('nowcast', '[data-testid="nowcast-card"]', 'cards-nowcast');
    await s.page.click('[data-testid="data-tab-actuals"]');
    await s.page.click('.rail-item[title="数据征集"]');
    await s.page.waitForSelector('[data-testid="collect-round"]');
    all.push(...(await atBothSizes('collect', '.collect-round-head, [data-testid="collect-effect"]', 'cards-collect')));
    expect(all).toEqual([]);
  }, 120_000);

  it('final-year verdicts (最近完整统计年度 2026): the roll-up and every KPI card', async () => {
    await s.api.handlers['settings:set']({ as_of_year: 2026 }, ctx);
    await s.page.reload();
    await s.page.waitForSelector('[data-testid="nav-scoreboard"]');
    await useScenario('baseline');
    await s.go('scoreboard');
    await s.page.waitForSelector('[data-testid="score-row"]');
    const all = await atBothSizes('final scoreboard', '.rollup, [data-testid="rollup-sentence"]', 'cards-scoreboard-final');
    all.push(...(await workbenchKpis('final', LONG)));
    expect(all).toEqual([]);
    await s.assertClean();
  }, 300_000);
});
