/**
 * The PDF's Chromium runs with JavaScript disabled (issue 19 item 6), not only behind the page's
 * CSP: a <script>, an inline handler and a javascript: URL in the printed HTML do nothing. The
 * HTML here carries no CSP on purpose, so only the browser setting can stop them. Goes through
 * chromiumPdf, the renderer the web host and the CLI use.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumPdf } from '../../../api/chromium-pdf';
import { outDir, pdftotext, squash } from './fixtures';

const HTML = `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head>
<body onload="document.getElementById('c').textContent='ONLOADRAN'">
<p id="a">SCRIPTOFF-A</p>
<p id="b">SCRIPTOFF-B</p>
<p id="c">SCRIPTOFF-C</p>
<script>document.getElementById('a').textContent = 'SCRIPTRAN'; document.body.appendChild(document.createTextNode('APPENDEDBYSCRIPT'));</script>
<img alt="" src="data:image/png;base64,broken" onerror="document.getElementById('b').textContent='ONERRORRAN'">
<iframe srcdoc="<p>FRAME</p><script>parent.document.body.append('FRAMESCRIPTRAN')</script>"></iframe>
</body></html>`;

describe('the PDF Chromium (web host and CLI)', () => {
  it('does not run scripts or inline handlers in the printed HTML', async () => {
    const pdf = await chromiumPdf(HTML);
    const file = path.join(outDir(), 'no-script.pdf');
    fs.writeFileSync(file, pdf);
    const text = squash(pdftotext(file));
    expect(text).toContain('SCRIPTOFF-A');
    expect(text).toContain('SCRIPTOFF-B');
    expect(text).toContain('SCRIPTOFF-C');
    for (const ran of ['SCRIPTRAN', 'APPENDEDBYSCRIPT', 'ONERRORRAN', 'ONLOADRAN', 'FRAMESCRIPTRAN']) expect(text).not.toContain(ran);
  }, 60_000);
});
