/**
 * UI benchmarks in Chromium through the web host (the built renderer, a temporary database):
 *  - slider input -> chart redrawn (performance.now() in the page around the input dispatch until
 *    Plotly's plotly_afterplot), p50 and p95 over 50 inputs of a continuous drag; aim p95 50 ms;
 *  - page load -> first scoreboard row visible (navigation start to the row in the DOM and laid
 *    out), median of 5 cold loads; aim 1500 ms;
 *  - renderer bundle size: dist/renderer/assets/*.js, raw and gzip, the part loaded at start and the
 *    Plotly chunk (our scatter/bar/heatmap bundle, renderer/src/lib/plotly-partial.ts).
 *
 * `npx tsx bench/ui.bench.ts` prints the figures as JSON; bench/run.ts may import benchUi().
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { createApi } from '../api/handlers';
import { startWebHost } from '../web/server';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  aim?: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const STATIC_DIR = path.join(ROOT, 'dist', 'renderer');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

export function bundleSizes(dir = path.join(STATIC_DIR, 'assets')): {
  all: number;
  allGzip: number;
  initial: number;
  initialGzip: number;
  plotly: number;
  plotlyGzip: number;
} {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.js'));
  let plotly = 0;
  let plotlyGzip = 0;
  const html = fs.readFileSync(path.join(STATIC_DIR, 'index.html'), 'utf8');
  let all = 0;
  let allGzip = 0;
  let initial = 0;
  let initialGzip = 0;
  for (const f of files) {
    const buf = fs.readFileSync(path.join(dir, f));
    const gz = zlib.gzipSync(buf, { level: 9 }).length;
    all += buf.length;
    allGzip += gz;
    // the lazily loaded Plotly chunk built from renderer/src/lib/plotly-partial.ts
    if (f.startsWith('plotly-partial-')) {
      plotly += buf.length;
      plotlyGzip += gz;
    }
    // loaded at start: the entry script and what index.html preloads
    if (html.includes(`assets/${f}`)) {
      initial += buf.length;
      initialGzip += gz;
    }
  }
  return { all, allGzip, initial, initialGzip, plotly, plotlyGzip };
}

/** Resolves window.__firstRow with performance.now() when the first scoreboard row is laid out. */
const FIRST_ROW_SCRIPT = `
window.__firstRow = new Promise(function (resolve) {
  function check() {
    var row = document.querySelector('[data-testid="score-row"]');
    if (row && row.getBoundingClientRect().height > 0) { resolve(performance.now()); return true; }
    return false;
  }
  var mo = new MutationObserver(function () { if (check()) mo.disconnect(); });
  document.addEventListener('DOMContentLoaded', function () {
    if (!check()) mo.observe(document.body, { childList: true, subtree: true });
  });
});`;

/**
 * A continuous drag: 55 input events on the slider (the first 5 warm up), across its window, each timed from just
 * before the dispatch to Plotly's plotly_afterplot on the chart, 16 ms apart (no autosave pause).
 */
const DRAG_SCRIPT = `async function (sel) {
  var input = document.querySelector(sel);
  var gd = document.querySelector('[data-testid="trajectory-chart"] .plot-surface');
  var pending = null;
  var fire = function () { var p = pending; pending = null; if (p) p(); };
  gd.on('plotly_afterplot', fire);
  gd.addEventListener('studio:drawn', fire);
  var setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  var result = [];
  // values inside the slider's own window (each assumption has a window that fits it), so that
  // every input moves the value and redraws the chart
  var lo = Number(input.min), hi = Number(input.max);
  var step = Number(input.step) > 0 ? Number(input.step) : 0.1;
  for (var i = 0; i < 55; i++) {
    var value = lo + Math.round((((i * 0.37) % 1) * (hi - lo)) / step) * step;
    value = Math.round(value * 1000) / 1000;
    if (String(value) === input.value) value = Math.round((value + (value + step <= hi ? step : -step)) * 1000) / 1000;
    var done = new Promise(function (resolve) { pending = resolve; });
    var t0 = performance.now();
    setter.call(input, String(value));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    var drew = await Promise.race([done.then(function () { return true; }), new Promise(function (r) { setTimeout(function () { r(false); }, 2000); })]);
    if (!drew) throw new Error('the chart did not redraw within 2 s of input ' + i + ' (value ' + value + ')');
    var dt = performance.now() - t0;
    if (i >= 5) result.push(dt);
    await new Promise(function (r) { setTimeout(r, 16); });
  }
  return result;
}`;

export async function benchUi(): Promise<BenchResult[]> {
  if (!fs.existsSync(CHROMIUM)) throw new Error('Chromium not found: install it with `apt-get install -y chromium`');
  if (!fs.existsSync(path.join(STATIC_DIR, 'index.html')))
    throw new Error('Build the renderer first: npx vite build --config renderer/vite.config.ts');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-bench-'));
  const api = createApi({ dbPath: path.join(dir, 'studio.sqlite'), host: 'web' });
  const host = await startWebHost({ handlers: api.handlers, staticDir: STATIC_DIR });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const out: BenchResult[] = [];
  try {
    // ---- page load -> first scoreboard row ---------------------------------------------------
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      // page scripts are strings: tsx's name-keeping helpers do not exist in the browser
      await context.addInitScript(FIRST_ROW_SCRIPT);
      const page = await context.newPage();
      await page.goto(host.launchUrl);
      loads.push((await page.evaluate('window.__firstRow')) as number);
      await context.close();
    }
    loads.sort((a, b) => a - b);
    out.push({ name: 'ui.load_to_first_row_p50', value: round(quantile(loads, 0.5)), unit: 'ms', aim: 1500 });

    // ---- slider -> chart ------------------------------------------------------------------------
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    // a child scenario: the presets ask before they change (issue 16.5), which would hold the drag
    const child = api.store.create({ name: 'bench drag', parent_id: 'baseline' }).id;
    await page.goto(host.launchUrl);
    await page.waitForSelector('[data-testid="score-row"]');
    await page.selectOption('[data-testid="scenario-select"]', child);
    await page.waitForSelector('[data-testid="score-row"]');
    await page.click('[data-testid="score-row"][data-target="fine_steel_output"]');
    await page.waitForFunction(() => !!document.querySelector('[data-testid="trajectory-chart"] .plot-surface .main-svg'));
    const slider = '[data-testid="asm-fine_steel_output-underlying_rate-slider"]';
    await page.waitForSelector(slider);
    const times = (await page.evaluate(`(${DRAG_SCRIPT})(${JSON.stringify(slider)})`)) as number[];
    times.sort((a, b) => a - b);
    out.push({ name: 'ui.slider_to_chart_p50', value: round(quantile(times, 0.5)), unit: 'ms' });
    out.push({ name: 'ui.slider_to_chart_p95', value: round(quantile(times, 0.95)), unit: 'ms', aim: 50 });
    await context.close();

    // ---- bundle -----------------------------------------------------------------------------------
    const b = bundleSizes();
    out.push({ name: 'ui.bundle_js', value: round(b.all / 1024), unit: 'KB' });
    out.push({ name: 'ui.bundle_js_gzip', value: round(b.allGzip / 1024), unit: 'KB' });
    out.push({ name: 'ui.bundle_initial_js_gzip', value: round(b.initialGzip / 1024), unit: 'KB' });
    out.push({ name: 'ui.bundle_plotly_js', value: round(b.plotly / 1024), unit: 'KB' });
    out.push({ name: 'ui.bundle_plotly_js_gzip', value: round(b.plotlyGzip / 1024), unit: 'KB' });
  } finally {
    await browser.close().catch(() => undefined);
    await host.close();
    api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchUi().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
