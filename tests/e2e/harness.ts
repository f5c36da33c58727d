/**
 * End-to-end harness: the built renderer (dist/renderer) served by the real web host in-process
 * on a temporary SQLite database, driven in Debian's Chromium with playwright-core. It records
 * every request (none may leave 127.0.0.1), collects console errors and page errors (any one
 * fails the journey), and saves screenshots at 1366x768 and 1920x1080.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApi, type Api } from '../../api/handlers';
import { chromiumPdf } from '../../api/chromium-pdf';
import type { PdfRenderer } from '../../api/briefing';
import { startWebHost, type WebHost } from '../../web/server';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const STATIC_DIR = path.join(ROOT, 'dist', 'renderer');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-output', 'screenshots');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

export interface Studio {
  host: WebHost;
  api: Api;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  dir: string;
  /** every URL the page asked for. */
  requests: string[];
  /** console errors and page errors. */
  errors: string[];
  /** requests that left 127.0.0.1 (must stay empty). */
  outside(): string[];
  /** fails when a request left the machine, the page logged an error or broke the CSP. */
  assertClean(): Promise<void>;
  /** screenshots of the page at both sizes: test-output/screenshots/<name>-<w>x<h>.png */
  shoot(name: string): Promise<string[]>;
  /** opens the app (launch URL with the token) and waits for the shell. */
  open(): Promise<void>;
  /** switches to a screen with its Ctrl shortcut. */
  go(screen: 'scoreboard' | 'workbench' | 'scenarios' | 'compare' | 'data' | 'settings'): Promise<void>;
  close(): Promise<void>;
}

export function requireChromium(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error('Chromium not found: install it with `apt-get install -y chromium`');
  }
}

export function requireBuild(): void {
  if (!fs.existsSync(path.join(STATIC_DIR, 'index.html'))) {
    throw new Error('The renderer is not built: run `npx vite build --config renderer/vite.config.ts` first');
  }
}

/** Which requests count as local: the web host on 127.0.0.1, and data: / blob: URLs. */
export function isLocalRequest(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true;
  try {
    const u = new URL(url);
    return u.hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

export async function startStudio(
  opts: {
    viewport?: { width: number; height: number };
    acceptDownloads?: boolean;
    renderPdf?: PdfRenderer;
    /** runs on the database path before the web host opens it (to fill it, or lock it). */
    prepare?: (dbPath: string) => void;
  } = {},
): Promise<Studio> {
  requireChromium();
  requireBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-e2e-'));
  opts.prepare?.(path.join(dir, 'studio.sqlite'));
  const api = createApi({ dbPath: path.join(dir, 'studio.sqlite'), host: 'web', renderPdf: opts.renderPdf ?? chromiumPdf });
  const host = await startWebHost({ handlers: api.handlers, staticDir: STATIC_DIR });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({
    viewport: opts.viewport ?? VIEWPORTS[0],
    locale: 'zh-CN',
    acceptDownloads: opts.acceptDownloads ?? true,
    deviceScaleFactor: 1,
  });
  const requests: string[] = [];
  const errors: string[] = [];
  // Content-Security-Policy violations (eval, inline scripts, outside resources) are recorded too.
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`),
    );
  });
  const page = await context.newPage();
  context.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));

  const studio: Studio = {
    host,
    api,
    browser,
    context,
    page,
    dir,
    requests,
    errors,
    outside: () => requests.filter((u) => !isLocalRequest(u)),
    async assertClean() {
      const out = studio.outside();
      if (out.length > 0) throw new Error(`requests left 127.0.0.1: ${out.join(', ')}`);
      if (errors.length > 0) throw new Error(`errors in the page:\n${errors.join('\n')}`);
      const csp = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
      if (csp.length > 0) throw new Error(`Content-Security-Policy violations:\n${csp.join('\n')}`);
    },
    async shoot(name: string) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const original = page.viewportSize();
      const files: string[] = [];
      for (const vp of VIEWPORTS) {
        await page.setViewportSize(vp);
        await settle(page);
        const file = path.join(SCREENSHOT_DIR, `${name}-${vp.width}x${vp.height}.png`);
        await page.screenshot({ path: file });
        files.push(file);
      }
      if (original) {
        await page.setViewportSize(original);
        await settle(page);
      }
      return files;
    },
    async open() {
      await page.goto(host.launchUrl);
      await page.waitForSelector('[data-testid="nav-scoreboard"]', { timeout: 30_000 });
    },
    async go(screen) {
      const key = { scoreboard: '1', workbench: '2', scenarios: '3', compare: '4', data: '5', settings: '6' }[screen];
      await page.keyboard.press(`Control+${key}`);
      await page.waitForSelector(`[data-testid="nav-${screen}"][aria-current="page"]`);
    },
    async close() {
      await browser.close().catch(() => undefined);
      await host.close().catch(() => undefined);
      try {
        api.close();
      } catch {
        // already closed
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return studio;
}

/** Waits for layout, fonts, charts and a couple of animation frames. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        void document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 250))));
      }),
  );
}

/** Waits until the chart has drawn at least once more than `after` (the data-rev the Plot sets). */
export async function waitForChart(page: Page, selector = '[data-testid="trajectory-chart"] .plot-surface', after = 0): Promise<number> {
  const handle = await page.waitForFunction(
    ({ sel, n }) => {
      const el = document.querySelector(sel) as HTMLElement | null;
      const rev = Number(el?.dataset.rev ?? 0);
      return rev > n && el?.querySelector('.main-svg') ? rev : false;
    },
    { sel: selector, n: after },
    { timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** Chooses an option of a searchable picker by its value: opens the full list and clicks it. */
export async function pickValue(page: Page, testId: string, value: string): Promise<void> {
  await page.click(`[data-testid="${testId}-input"]`);
  await page.click(`[data-testid="${testId}-list"] [role="option"][data-value="${value}"]`);
  await page.waitForSelector(`[data-testid="${testId}"][data-value="${value}"]`);
}

/** Chooses an option of a searchable picker (components/SearchSelect.tsx): types `query`, then clicks the option of `value`. */
export async function pick(page: Page, testId: string, query: string, value: string): Promise<void> {
  await page.fill(`[data-testid="${testId}-input"]`, query);
  await page.click(`[data-testid="${testId}-list"] [role="option"][data-value="${value}"]`);
  await page.waitForSelector(`[data-testid="${testId}"][data-value="${value}"]`);
}

/** Sets a range input's value as a user drag would (input + change events). */
export async function dragSlider(page: Page, selector: string, value: number): Promise<void> {
  await page.$eval(
    selector,
    (el, v) => {
      const input = el as HTMLInputElement;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setter?.call(input, String(v));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    value,
  );
}
