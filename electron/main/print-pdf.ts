/**
 * The desktop's PDF renderer for the briefing pack: Electron's printToPDF on a hidden, sandboxed
 * window with JavaScript off, in its own session that may load only the one temporary HTML file
 * (the print layout is self-contained: fonts and charts are inline). The web host and the CLI
 * render the same HTML with headless Chromium.
 */
import { BrowserWindow, session } from 'electron';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

let counter = 0;

export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'studio-print-'));
  const file = path.join(dir, 'briefing.html');
  await fs.writeFile(file, html, 'utf8');
  const allowed = pathToFileURL(file).href;
  const printSession = session.fromPartition(`studio-print-${++counter}`, { cache: false });
  printSession.webRequest.onBeforeRequest((details, callback) => {
    const ok = details.url === allowed || details.url.startsWith('data:');
    callback({ cancel: !ok });
  });
  printSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      session: printSession,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      // as the main window: no middle-click opening of links (electronegativity AUXCLICK_JS_CHECK)
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    await win.loadURL(allowed);
    const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    return new Uint8Array(pdf);
  } finally {
    win.destroy();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
