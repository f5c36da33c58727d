/**
 * No data becomes markup (issue 19, item 3), in Chromium through the web host: scenario names,
 * a description, a rationale and its source, an actual's note and source title carry
 * `<img src=x onerror=alert(1)>`, `<b>` and `&quot;`. On every screen (scoreboard, workbench with
 * its chart's legend and hover, the fan chart and tornado, compare, scenario manager, data, the
 * briefing dialog, presentation mode) they are shown as the text they are: no dialog opens, no
 * element is made from them (no img, no b holding their text, no handler attribute), the CSP
 * sees nothing run, and the literal text is on the page or in the chart's SVG text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle, startStudio, waitForChart, type Studio } from '../harness';

const IMG = '<img src=x onerror=alert(1)>';
const NAME_A = `${IMG}甲情景`;
const NAME_B = '<b>粗体</b>&quot;乙情景';
const RATIONALE = `${IMG}依据<b>粗体依据</b>&quot;`;
const SOURCE = '<b>粗体来源</b>&quot;来源';
const NOTE = `${IMG}备注<b>粗体备注</b>`;
const TITLE = '<b>粗体标题</b>&quot;统计公报';

let s: Studio;
let idA = '';
const dialogs: string[] = [];

beforeAll(async () => {
  s = await startStudio();
  const base = s.api.store.resolve('baseline').assumptions.fine_steel_output!;
  const { from: _from, ...asm } = base;
  idA = s.api.store.create({
    name: NAME_A,
    parent_id: 'baseline',
    description: `<b>粗体说明</b>${IMG}`,
    assumptions: [{ ...asm, rationale: RATIONALE, source: SOURCE }],
  }).id;
  s.api.store.create({ name: NAME_B, parent_id: 'baseline' });
  s.api.store.addActuals(
    [
      {
        series: 'fine_steel_output',
        period: '2025',
        value: 512.5,
        note: NOTE,
        source: { title: TITLE, url: null, date: '2026-02-01', reliability: 'official' },
        vintage: '2026-02-01',
      },
    ],
    { author: `${IMG}录入人` },
  );
  s.page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await s.open();
  await s.page.selectOption('[data-testid="scenario-select"]', idA);
  await s.page.waitForSelector('[data-testid="score-row"]');
});
afterAll(async () => {
  await s?.close();
});

/** Elements that markup in the data would have made, and handler attributes anywhere. */
async function injected() {
  return s.page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      img_x: document.querySelectorAll('img[src="x"], img[src$="/x"]').length,
      handlers: all.filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).map((e) => e.tagName),
      bold: [...document.querySelectorAll('b, strong')]
        .filter((e) => /粗体/.test(e.textContent ?? '') && !/[<>]/.test(e.textContent ?? ''))
        .map((e) => e.outerHTML),
      svg_bold: [...document.querySelectorAll('svg tspan, svg text')].filter(
        (e) => (e.getAttribute('style') ?? '').includes('font-weight') && /^粗体/.test(e.textContent ?? ''),
      ).length,
      svg_links: document.querySelectorAll('svg a').length,
    };
  });
}

async function assertInert(where: string) {
  await settle(s.page);
  expect(dialogs, `${where}: a dialog opened`).toEqual([]);
  expect(await injected(), where).toEqual({ img_x: 0, handlers: [], bold: [], svg_bold: 0, svg_links: 0 });
  await s.assertClean();
}

/** The page's visible text and every SVG text node (Plotly's legend, axes, hover). */
async function pageText(): Promise<string> {
  return s.page.evaluate(() => {
    const svg = [...document.querySelectorAll('svg text')].map((t) => t.textContent ?? '').join('\n');
    const options = [...document.querySelectorAll('option')].map((o) => o.textContent ?? '').join('\n');
    const fields = [...document.querySelectorAll('textarea, input')].map((f) => (f as HTMLInputElement).value).join('\n');
    return `${document.body.innerText}\n${svg}\n${options}\n${fields}`;
  });
}

/**
 * Moves the mouse onto a data point of a chart (the last point of the first trace whose name holds
 * `name`, else of the first trace with points) so Plotly draws its hover label; returns its text.
 */
async function hoverChart(selector: string, name?: string): Promise<string> {
  const at = await s.page.evaluate(
    ({ sel, name }) => {
      type Axis = { _offset: number; l2p: (v: number) => number; d2l?: (v: unknown) => number };
      const gd = document.querySelector(`${sel} .plot-surface`) as
        | (HTMLElement & {
            data: { name?: string; x: unknown[]; y: unknown[]; xaxis?: string; yaxis?: string }[];
            _fullLayout: Record<string, Axis>;
          })
        | null;
      if (!gd?.data) return null;
      const traces = gd.data.filter((t) => Array.isArray(t.x) && t.x.length > 0 && Array.isArray(t.y));
      const tr = (name ? traces.find((t) => (t.name ?? '').includes(name)) : undefined) ?? traces[0];
      if (!tr) return null;
      const xa = gd._fullLayout[`xaxis${(tr.xaxis ?? 'x').slice(1)}`]!;
      const ya = gd._fullLayout[`yaxis${(tr.yaxis ?? 'y').slice(1)}`]!;
      const i = tr.x.length - 1;
      const lx = xa.d2l ? xa.d2l(tr.x[i]) : Number(tr.x[i]);
      const ly = ya.d2l ? ya.d2l(tr.y[i]) : Number(tr.y[i]);
      const r = gd.getBoundingClientRect();
      return { x: r.left + xa._offset + xa.l2p(lx), y: r.top + ya._offset + ya.l2p(ly) };
    },
    { sel: selector, name },
  );
  if (!at) throw new Error(`no chart with points in ${selector}`);
  await s.page.mouse.move(at.x - 3, at.y - 3);
  await s.page.mouse.move(at.x, at.y, { steps: 3 });
  await s.page.waitForFunction((sel) => document.querySelectorAll(`${sel} .hoverlayer text`).length > 0, selector, { timeout: 5_000 });
  return (await s.page.locator(`${selector} .hoverlayer text`).allTextContents()).join('\n');
}

describe('data shown as text, never as markup', () => {
  it('scoreboard: the scenario names as text', async () => {
    const text = await pageText();
    expect(text).toContain(NAME_A);
    expect(text).toContain(NAME_B);
    await s.shoot('markup-scoreboard');
    await assertInert('scoreboard');
  });

  it('workbench: rationale, source, actual note in the card and the chart legend and hover', async () => {
    await s.go('workbench');
    await s.page.fill('[data-testid="wb-search"]', '精品钢');
    await s.page.click('[data-testid="wb-item"][data-target="fine_steel_output"]');
    await waitForChart(s.page);
    const text = await pageText();
    expect(text).toContain(RATIONALE);
    expect(text).toContain(SOURCE);
    const svg = await s.page.locator('[data-testid="trajectory-chart"] svg text').allTextContents();
    expect(svg.join('\n'), 'the legend names the scenario as written').toContain(NAME_A);
    const hover = await hoverChart('[data-testid="trajectory-chart"]', '甲情景');
    expect(hover, 'the hover label names the scenario as written').toContain(NAME_A);
    await s.shoot('markup-workbench');
    await assertInert('workbench');
  });

  it('uncertainty: the fan chart and the tornado', async () => {
    await s.page.click('[data-testid="wb-view-fan"]');
    await s.page.waitForSelector('[data-testid="fan-panel"]');
    if ((await s.page.locator('[data-testid="fan-chart"]').count()) === 0) await s.page.click('[data-testid="fan-run"]');
    await s.page.waitForSelector('[data-testid="fan-chart"] .main-svg', { timeout: 60_000 });
    await settle(s.page);
    await hoverChart('[data-testid="fan-chart"]');
    await s.shoot('markup-fan');
    await assertInert('fan chart');
    await s.page.click('[data-testid="wb-view-sensitivity"]');
    await s.page.waitForFunction(() => !!document.querySelector('.unc-card .main-svg'), undefined, { timeout: 60_000 });
    await settle(s.page);
    await assertInert('tornado');
    await s.page.click('[data-testid="wb-view-trajectory"]');
  });

  it('compare: the two scenarios by name in the table, the multiples and the diff', async () => {
    await s.go('compare');
    await s.page.waitForSelector('[data-testid="compare-pill"]', { timeout: 30_000 });
    const pressed = s.page.locator('[data-testid="compare-pill"][aria-pressed="true"]');
    while ((await pressed.count()) > 0) await pressed.first().click();
    await s.page.locator('[data-testid="compare-pill"]').filter({ hasText: '甲情景' }).click();
    await s.page.locator('[data-testid="compare-pill"]').filter({ hasText: '乙情景' }).click();
    // the two differ only in a rationale: every indicator, so the table and the multiples are drawn
    await s.page.click('[data-testid="compare-only-all"]');
    await s.page.waitForSelector('[data-testid="compare-table"]', { timeout: 30_000 });
    await s.page.waitForSelector('[data-testid="diff"]');
    await s.page.locator('[data-testid="multiple"]').first().scrollIntoViewIfNeeded();
    await s.page.waitForSelector('[data-testid="multiple"] .main-svg');
    await settle(s.page);
    const text = await pageText();
    expect(text).toContain(NAME_A);
    expect(text).toContain(NAME_B);
    expect(await hoverChart('[data-testid="multiple"]', '乙情景')).toContain(NAME_B);
    await s.shoot('markup-compare');
    await assertInert('compare');
  });

  it('scenario manager: names and the description', async () => {
    await s.go('scenarios');
    await s.page.waitForTimeout(300);
    const text = await pageText();
    expect(text).toContain(NAME_A);
    expect(text).toContain(NAME_B);
    await assertInert('scenario manager');
  });

  it('data: the note, the source title and who entered it', async () => {
    await s.go('data');
    await s.page.waitForSelector('[data-testid="actuals-table"]');
    await s.page.fill('[data-testid="data-search"]', '统计公报');
    await settle(s.page);
    const text = await pageText();
    expect(text).toContain(TITLE);
    expect(text).toContain(`${IMG}录入人`);
    // the note is the source cell's tooltip (an attribute: text by nature)
    // (the row of this record, wherever the table's sort by indicator name puts it)
    expect(
      await s.page.locator('[data-testid="actual-row"]', { hasText: TITLE }).locator('.cell-source').first().getAttribute('title'),
    ).toContain(NOTE);
    await s.shoot('markup-data');
    await assertInert('data');
  });

  it('the briefing dialog and presentation mode', async () => {
    await s.go('scoreboard');
    await s.page.keyboard.press('Control+e');
    await s.page.waitForSelector('[data-testid="briefing-dialog"]');
    const dialogText = await s.page.textContent('[data-testid="briefing-dialog"]');
    expect(dialogText).toContain(NAME_A);
    expect(dialogText).toContain(NAME_B);
    await assertInert('briefing dialog');
    await s.page.keyboard.press('Escape');
    await s.page.waitForSelector('[data-testid="briefing-dialog"]', { state: 'detached' });
    await s.page.click('[data-testid="present-start"]');
    await s.page.waitForSelector('[data-testid="presentation"]');
    await waitForChart(s.page, '[data-testid="present-chart"] .plot-surface');
    expect(await pageText()).toContain(NAME_A);
    await s.shoot('markup-present');
    await assertInert('presentation');
    await s.page.keyboard.press('Escape');
  });
});
