/**
 * The renderer's own Plotly bundle (renderer/src/lib/plotly-partial.ts), as built and as Chromium
 * loads it: exactly the trace types the studio draws are registered, nothing else ships (no map
 * styles, no WebGL traces), and it loads under the app's CSP without a console error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLOTLY_TRACE_TYPES } from '../../../renderer/src/lib/plotly-traces';
import { STATIC_DIR, startStudio, type Studio } from '../harness';

const ASSETS = path.join(STATIC_DIR, 'assets');
const assets = () => fs.readdirSync(ASSETS);

let s: Studio;
beforeAll(async () => {
  s = await startStudio();
  await s.open();
});
afterAll(async () => {
  await s?.close();
});

describe('the Plotly bundle', () => {
  it('is one lazily loaded chunk, not part of the start bundle', () => {
    const chunks = assets().filter((f) => /^plotly-partial-.*\.js$/.test(f));
    expect(chunks).toHaveLength(1);
    const html = fs.readFileSync(path.join(STATIC_DIR, 'index.html'), 'utf8');
    expect(html).not.toContain(chunks[0]);
  });

  it('registers exactly scatter, bar and heatmap in Chromium', async () => {
    const chunk = assets().find((f) => /^plotly-partial-.*\.js$/.test(f))!;
    // a string, so the test runner does not rewrite the dynamic import
    const registered = (await s.page.evaluate(
      `import('./assets/${chunk}').then((m) => Object.keys(m.default.PlotSchema.get().traces).sort())`,
    )) as string[];
    expect(registered).toEqual([...PLOTLY_TRACE_TYPES].sort());
    await s.assertClean();
  });

  it('ships no map stylesheet and no WebGL trace code', () => {
    const chunk = assets().find((f) => /^plotly-partial-.*\.js$/.test(f))!;
    const js = fs.readFileSync(path.join(ASSETS, chunk), 'utf8');
    expect(js).not.toContain('maplibregl');
    // WebGL shaders (scattergl, 3-D, maps) are GLSL strings; none may be in the chunk
    expect(js).not.toMatch(/precision (highp|mediump) float/);
    for (const css of assets().filter((f) => f.endsWith('.css'))) {
      expect(fs.readFileSync(path.join(ASSETS, css), 'utf8'), css).not.toContain('maplibregl');
    }
  });
});
