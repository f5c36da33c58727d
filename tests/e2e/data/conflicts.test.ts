/**
 * Conflicting actuals in the Data screen (issue 16 item 6): entering 610家 for 2025 against the
 * plan's "≥920家" asks at once which record to keep in force; the Data screen lists the conflict
 * with the record in force and the choice (who, when), and changing the choice there is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pick, startStudio, type Studio } from '../harness';

let s: Studio;
beforeAll(async () => {
  s = await startStudio();
  await s.open();
  await s.go('data');
  await s.page.waitForSelector('[data-testid="actuals-table"]');
});
afterAll(async () => {
  await s?.close();
});

const conflict = '[data-testid="conflict"][data-series="high_tech_enterprises"][data-period="2025"]';
const inForce = async () => s.page.getAttribute(`${conflict} [data-testid="conflict-record"][data-in-force="true"]`, 'data-key');

describe('conflicting actuals', () => {
  it('no conflict is listed while the figures agree', async () => {
    expect(await s.page.locator('[data-testid="actual-conflicts"]').count()).toBe(0);
  });

  it("entering 610家 for 2025 against the plan's ≥920家 asks which record is in force", async () => {
    await s.page.click('[data-testid="data-add"]');
    await pick(s.page, 'af-series', '高新技术', 'high_tech_enterprises');
    await s.page.fill('[data-testid="af-period"]', '2025');
    await s.page.fill('[data-testid="af-value"]', '610');
    await s.page.fill('[data-testid="af-title"]', '市科技局部门报送');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[data-testid="conflict-dialog"]');
    const text = await s.page.textContent('[data-testid="conflict-dialog"]');
    expect(text).toContain('高新技术企业');
    expect(text).toContain('≥ 920家');
    expect(text).toContain('610家');
    const stored = s.api.store.listActuals().find((a) => a.value === 610)!;
    expect(stored).toBeTruthy();
    // the new figure (today's vintage) is in force by default; the planner keeps the plan's
    await s.shoot('data-conflict-ask');
    const planKey = await s.page.getAttribute(
      '[data-testid="conflict-dialog"] [data-testid="conflict-record"][data-key^="plan:"]',
      'data-key',
    );
    await s.page.check(`[data-testid="conflict-dialog"] [data-key="${planKey}"] [data-testid="conflict-pick"]`);
    await s.page.click('[data-testid="conflict-dialog"] button[type="submit"]');
    await s.page.waitForSelector('[data-testid="conflict-dialog"]', { state: 'detached' });
    await s.page.waitForSelector(`${conflict}[data-decided="true"]`);
    expect(await inForce()).toBe(planKey);
    expect(s.api.store.actualChoices()).toMatchObject([
      { series: 'high_tech_enterprises', period: '2025', chosen_id: null, set_aside: [stored.id] },
    ]);
    expect(await s.page.getAttribute(`${conflict} [data-key="entered:${stored.id}"]`, 'data-set-aside')).toBe('true');
  });

  it('the Data screen shows the choice and changing it there is kept across a reload', async () => {
    const stored = s.api.store.listActuals({ includeDeleted: true }).find((a) => a.value === 610)!;
    await s.page.click(`${conflict} [data-key="entered:${stored.id}"] [data-testid="conflict-choose"]`);
    await s.page.waitForFunction(
      (sel) =>
        document
          .querySelector(`${sel} [data-testid="conflict-record"][data-in-force="true"]`)
          ?.getAttribute('data-key')
          ?.startsWith('entered:'),
      conflict,
    );
    await s.page.reload();
    await s.page.waitForSelector('[data-testid="nav-scoreboard"]');
    await s.go('data');
    await s.page.waitForSelector(`${conflict}[data-decided="true"]`);
    expect(await inForce()).toBe(`entered:${stored.id}`);
    expect(await s.page.textContent(conflict)).toContain('已选定');
    // the grid marks the plan's record as not in force
    expect(
      await s.page.locator('[data-testid="actual-row"][data-series="high_tech_enterprises"][data-period="2025"].superseded').count(),
    ).toBe(1);
    await s.shoot('data-conflicts');
    await s.assertClean();
  });
});
