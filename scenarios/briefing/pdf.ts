/**
 * Prints the briefing HTML to PDF with Debian's Chromium through playwright-core, offline: every
 * request other than data: and about: is aborted, JavaScript is off in the browser context (the
 * page has no scripts, and any that data smuggled in would not run; the page's CSP is a second
 * wall, not the only one), and the PDF is
 * written to a temporary file and renamed (never half a file). Electron's printToPDF renders the
 * same HTML in the desktop app.
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { writeFileAtomic } from './files';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface RenderPdfOptions {
  /** default: $STUDIO_CHROMIUM, else /usr/bin/chromium. */
  chromiumPath?: string;
  /** a browser to reuse (not closed); else one is launched and closed. */
  browser?: Browser;
  /** default 120 s. */
  timeoutMs?: number;
}

export interface RenderPdfResult {
  pages: number;
  bytes: number;
  /** requests that were blocked (should be none: the HTML is self-contained). */
  blocked: string[];
}

/** Pages of a PDF, counted from its page objects. */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const m = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g);
  return m ? m.length : 0;
}

export function chromiumPath(explicit?: string): string {
  return explicit ?? process.env.STUDIO_CHROMIUM ?? DEFAULT_CHROMIUM;
}

export async function launchChromium(explicitPath?: string): Promise<Browser> {
  const exe = chromiumPath(explicitPath);
  if (!fs.existsSync(exe)) {
    throw new Error(
      `Chromium not found at ${exe} (install it with apt-get install chromium, or set STUDIO_CHROMIUM) / 未找到 Chromium：${exe}`,
    );
  }
  return chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS, headless: true });
}

/** Renders a standalone HTML document to an A4 PDF file. */
export async function renderPdf(html: string, outFile: string, opts: RenderPdfOptions = {}): Promise<RenderPdfResult> {
  const timeout = opts.timeoutMs ?? 120_000;
  const browser = opts.browser ?? (await launchChromium(opts.chromiumPath));
  const blocked: string[] = [];
  try {
    const context = await browser.newContext({ offline: true, serviceWorkers: 'block', acceptDownloads: false, javaScriptEnabled: false });
    try {
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('data:') || url.startsWith('about:')) return route.continue();
        blocked.push(url);
        return route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      page.setDefaultTimeout(timeout);
      await page.setContent(html, { waitUntil: 'load', timeout });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      await writeFileAtomic(outFile, pdf);
      return { pages: countPdfPages(pdf), bytes: pdf.length, blocked };
    } finally {
      await context.close().catch(() => undefined);
    }
  } finally {
    if (!opts.browser) await browser.close().catch(() => undefined);
  }
}
