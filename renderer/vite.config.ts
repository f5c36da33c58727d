/**
 * Vite config of the renderer: root renderer/, output dist/renderer with relative asset paths
 * (the web host serves it at / and Electron loads it from a file URL). No external URLs: every
 * asset, font and script ships in the bundle. (No Node imports: paths are relative to the root.)
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    // relative to root: <repo>/dist/renderer
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // plotly (~1.5 MB) and exceljs (~0.9 MB) are lazily loaded chunks; the start bundle stays small.
    chunkSizeWarningLimit: 1600,
    modulePreload: { polyfill: false },
  },
  server: { host: '127.0.0.1', strictPort: false },
});
