/**
 * 计入基期假设值的不确定性 on the scoreboard (issue 17 item 3): ticking the box draws the assumed
 * base values and the bound-type actuals too; the simulation runs again and fewer targets read
 * 未设区间, with the probabilities of the API for base_ranges 'on'. Unticked, the column is as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerContext } from '../../../contract';
import type { SimulationResult } from '../../../models/montecarlo';
import { startStudio, type Studio } from '../harness';

let s: Studio;
let scenarioId = '';

beforeAll(async () => {
  s = await startStudio();
  scenarioId = s.api.store.list().find((x) => x.preset_id === 'baseline')!.id;
  await s.open();
  await s.page.selectOption('[data-testid="scenario-select"]', scenarioId);
});
afterAll(async () => {
  await s?.close();
});

async function cells() {
  return s.page.locator('[data-testid="score-row"]').evaluateAll((rows) =>
    rows.map((r) => {
      const cell = r.querySelector('[data-testid="cell-prob"]');
      return {
        id: r.getAttribute('data-target') ?? '',
        p: cell?.getAttribute('data-value') ?? '',
        noRange: cell?.getAttribute('data-norange') === 'true',
        text: cell?.textContent ?? '',
      };
    }),
  );
}

async function waitJoint() {
  await s.page.waitForFunction(
    () => document.querySelector('[data-testid="joint-probability"]')?.getAttribute('data-value') !== '',
    undefined,
    { timeout: 120_000 },
  );
}

describe('base ranges on the scoreboard', () => {
  it('ticking the box makes fewer cells read 未设区间, with the API numbers', async () => {
    await s.go('scoreboard');
    await s.page.waitForSelector('[data-testid="sim-panel"]');
    await s.page.selectOption('[data-testid="sim-draws"]', '10000');
    expect(await s.page.isChecked('[data-testid="base-ranges"]')).toBe(false);
    await s.page.click('[data-testid="sim-run"]');
    await waitJoint();
    const before = await cells();
    const offCount = before.filter((c) => c.noRange).length;
    expect(offCount).toBeGreaterThan(10);
    expect(before.find((c) => c.id === 'tech_renovation_projects')?.text).toBe('未设区间');

    await s.page.check('[data-testid="base-ranges"]');
    await s.page.waitForSelector('[data-testid="base-ranges-note"]');
    expect(await s.page.textContent('[data-testid="base-ranges-note"]')).toContain('±10%');
    await waitJoint();
    await expect.poll(async () => (await cells()).filter((c) => c.noRange).length, { timeout: 60_000 }).toBeLessThan(offCount);
    const after = await cells();
    const api = (await s.api.handlers['simulation:run']({ id: scenarioId, draws: 10_000, base_ranges: 'on' }, {
      host: 'web',
    } as HandlerContext)) as SimulationResult;
    const byId = new Map(api.targets.map((t) => [t.id, t.p_meet]));
    const tech = after.find((c) => c.id === 'tech_renovation_projects')!;
    expect(tech.noRange).toBe(false);
    expect(Number(tech.p)).toBe(byId.get('tech_renovation_projects'));
    expect(Number(tech.p)).toBeGreaterThan(0);
    expect(Number(tech.p)).toBeLessThan(1);
    for (const c of after.filter((x) => !x.noRange)) expect(Number(c.p), c.id).toBe(byId.get(c.id));
    expect(after.filter((c) => c.noRange).map((c) => c.id)).toEqual(api.no_range);
    await s.page.evaluate(() => document.querySelector('.content')?.scrollTo(0, 0));
    await s.shoot('uncertainty-base-ranges');

    // unticked: the earlier result again (cached), as before
    await s.page.uncheck('[data-testid="base-ranges"]');
    await expect.poll(async () => (await cells()).filter((c) => c.noRange).length, { timeout: 30_000 }).toBe(offCount);
    await s.assertClean();
  }, 300_000);
});
