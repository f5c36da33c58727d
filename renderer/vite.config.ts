/**
 * Vite config of the renderer: root renderer/, output dist/renderer with relative asset paths
 * (the web host serves it at / and Electron loads it from a file URL). No external URLs: every
 * asset, font and script ships in the bundle. (No Node imports: paths are relative to the root.)
 */
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * plotly.js's registry requires maplibre-gl's stylesheet inside a branch that only runs when a map
 * trace is registered; a bundler includes it anyway. Our Plotly bundle (src/lib/plotly-partial.ts)
 * registers no map trace, so the 83 kB stylesheet is replaced by an empty module.
 */
function dropUnusedMapStyles(): Plugin {
  const id = 'maplibre-gl/dist/maplibre-gl.css';
  const empty = '\0studio-empty-maplibre-css';
  return {
    name: 'studio-drop-unused-map-styles',
    enforce: 'pre',
    resolveId: (source) => (source === id ? empty : null),
    load: (resolved) => (resolved === empty ? 'export default {};' : null),
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react(), dropUnusedMapStyles()],
  // Some of plotly.js's CommonJS dependencies (has-hover, ...) read Node's \`global\`; Plotly's own
  // build defines it as the window. globalThis is the same object here and in the worker.
  define: { global: 'globalThis' },
  build: {
    // relative to root: <repo>/dist/renderer
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // plotly (our scatter/bar/heatmap bundle, ~1.1 MB) and exceljs (~0.9 MB) are lazily loaded chunks; the start bundle stays small.
    chunkSizeWarningLimit: 1200,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // zod 4 probes `new Function('')` when an object schema is built unless its JIT is off
        // (a CSP violation: no 'unsafe-eval'). src/zod-config.ts turns it off; it shares zod's chunk
        // so that it runs as soon as zod loads, before any chunk builds a schema (models/schema.ts).
        codeSplitting: { groups: [{ name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]|[\\/]renderer[\\/]src[\\/]zod-config\.ts$/ }] },
      },
    },
  },
  server: { host: '127.0.0.1', strictPort: false },
});
