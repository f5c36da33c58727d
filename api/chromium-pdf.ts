/**
 * The web host's and the CLI's PDF renderer: Debian's Chromium through playwright-core, with
 * every request blocked. Kept apart from api/handlers.ts so the desktop bundle (which renders
 * with Electron's printToPDF) never includes playwright.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PdfRenderer } from './briefing';

/**
 * The web host's and the CLI's renderer: headless Chromium with every request blocked and
 * JavaScript disabled in its context (scenarios/briefing/pdf.ts; tests/integration/briefing/pdf-no-script.test.ts).
 */
export const chromiumPdf: PdfRenderer = async (html) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-pdf-'));
  try {
    const file = path.join(dir, 'briefing.pdf');
    // loaded on first use: playwright-core costs every CLI and web host start about 0.6 s otherwise
    const { renderPdf } = await import('../scenarios/briefing/pdf');
    await renderPdf(html, file);
    return fs.readFileSync(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
